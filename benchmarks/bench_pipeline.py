"""Throughput of jingzi against raw ``jieba.lcut`` on the same text, in one run, one core.

    python benchmarks/bench_pipeline.py [--repeat 3]

Reports characters per second for: raw jieba.lcut (the baseline, same user dictionary),
spaCy's zh pipeline with jieba (for reference: the analysis calls jieba directly), the
pipeline's reading and segmentation (paragraphs, web noise, jieba tokens, sentences),
segmentation + structure (roles), and the full analysis (structure, kind, copy against the
official quotations, coverage, summary-like, depth; no library), each as a ratio to the baseline;
and the start-up time (import + loading models) in a fresh process. Results are printed and
written to benchmarks/results/pipeline.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(repeat: int, runs: dict) -> dict:
    """name -> (best wall seconds, best CPU seconds) over ``repeat`` rounds; the runs take turns
    within each round, so that a change in the machine's load touches all of them alike."""
    wall = {name: [] for name in runs}
    cpu = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    return {name: (min(wall[name]), min(cpu[name])) for name in runs}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from analyzer import Analyzer, ingest
    from training.corpus import load_corpus
    from analyzer.pipeline import Segment, prepare, read
    from analyzer.segment import get_nlp, load_jieba

    texts = [ingest.from_text(d.text, d.id).text for d in load_corpus() if d.path.parent.name == "written"]
    chars = sum(len(t) for t in texts)
    jieba = load_jieba()
    analyzer = Analyzer()
    nlp = get_nlp()
    sources = [ingest.from_text(t, "x") for t in texts]
    for t in texts[:3]:  # warm caches
        analyzer.analyze(t)

    runs = {
        "raw jieba.lcut (baseline)": lambda: [jieba.lcut(t) for t in texts],
        "spaCy zh + jieba (reference, not in the pipeline)": lambda: [nlp(t) for t in texts],
        "paragraphs + segmentation (jieba, sentences)": lambda: [Segment().run(read(s)) for s in sources],
        "segmentation + structure (roles)": lambda: [analyzer.role_model.predict(*prepare(s)) for s in sources],
        "full analysis (no library)": lambda: [analyzer.analyze(t) for t in texts],
    }
    rows = []
    base = None
    for name, (secs, cpu) in best_of(args.repeat, runs).items():
        rate = chars / cpu
        base = base or rate
        rows.append((name, secs, cpu, rate, rate / base))

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import analyzer; analyzer.Analyzer()"], check=True, cwd=ROOT)
    startup = time.perf_counter() - t

    load = os.getloadavg()[0]
    lines = [f"Corpus: {len(texts)} written materials, {chars:,} characters; best of {args.repeat} rounds (the runs "
             f"take turns in each round); one core; load average {load:.1f} at the end. Rates and ratios are "
             "per CPU second of this process (other processes sharing the cores change wall time more).", "",
             "| run | wall s | CPU s | chars per CPU s | ratio to raw jieba |", "|---|---|---|---|---|"]
    lines += [f"| {n} | {s:.2f} | {c:.2f} | {r:,.0f} | {x:.2f} |" for n, s, c, r, x in rows]
    lines += ["", f"Start-up (fresh process: import, jieba dictionary, models): {startup:.2f} s"]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pipeline.md").write_text("# Pipeline throughput\n\n`python benchmarks/bench_pipeline.py`\n\n" + report + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()
