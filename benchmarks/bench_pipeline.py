"""Throughput of jingzi against raw ``jieba.lcut`` on the same text, in one run, one core.

    python benchmarks/bench_pipeline.py [--repeat 3]

Reports characters per second for: raw jieba.lcut (the pure-Python package with the same user
dictionary: the baseline the interface names), the C++ engine's own ``lcut``
(``jieba_fast_dat.Tokenizer`` on jieba's dictionary and ours: not quite jieba's words), the
pipeline's segmenter (:class:`analyzer.segment.FastJieba`: jieba's words on that engine), the
pipeline's spaCy zh ``nlp`` (those words, sentence starts) on each whole text, the pipeline's
reading and segmentation (paragraphs, web noise, one segmenter call over the content paragraphs,
their tokens and sentences), segmentation + structure (roles), and the full analysis
(structure, kind, copy against the official quotations, coverage, summary-like, depth; no
library) of 32 documents at a time (``Analyzer.analyze_many``: every stage over the chunk, as
``batch`` runs them) and of one document at a time (``Analyzer.analyze``), each as a ratio to raw
jieba and to the engine's own ``lcut``; the CPU seconds of each step of the full analysis
(``ingest.from_text``, ``read``, every ``Stage.run_many`` of ``Analyzer.stages``, ``Report.of``)
per 200 documents, chunked and one by one, best of the rounds, and the best round's total (the
steps' best times, summed, are lower than any one round). Start-up in a fresh process is
``bench_startup.py``'s (benchmarks/results/startup.md). Without ``jieba_fast_dat`` the engine rows are
left out and the pipeline segments with jieba itself. Results are printed and written to
benchmarks/results/pipeline.md.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = "jieba_fast_dat lcut (the C++ engine's own, same dictionaries)"
FULL = "full analysis (no library), {} at a time (Analyzer.analyze_many, as batch runs them)"
ONE_BY_ONE = "full analysis (no library), one by one (Analyzer.analyze)"
sys.path.insert(0, str(ROOT))


def best_of(repeat: int, runs: dict) -> dict:
    """name -> (best wall seconds, best CPU seconds) over ``repeat`` rounds; the runs take turns
    within each round, so that a change in the machine's load touches all of them alike. The
    lexicons' remembered matches are forgotten before each run: a later round would otherwise
    find every paragraph's answers from the round before (:data:`analyzer.resources.MEMO`), which
    a batch of new documents never does."""
    from analyzer.resources import forget_matches

    wall = {name: [] for name in runs}
    cpu = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            forget_matches()  # each round reads the texts as new documents, not from the last one's answers
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    return {name: (min(wall[name]), min(cpu[name])) for name in runs}


def stage_times(analyzer, texts, chunk: int = 1) -> dict[str, float]:
    """CPU seconds of each step of the full analysis over ``texts``, ``chunk`` documents at a time
    (1: :meth:`analyzer.Analyzer.analyze`, one by one; :data:`analyzer.pipeline.CHUNK`:
    :meth:`analyzer.Analyzer.analyze_many`): ``ingest`` (``ingest.from_text``), ``read``, each
    stage's ``run_many`` over the documents it applies to (stages in order, the lexicons'
    remembered matches forgotten before each chunk, as :meth:`Analyzer.analyse_chunk` does), and
    ``report`` (``Report.of``): the steps of the full analysis, nothing left out."""
    import sklearn

    from analyzer import ingest
    from analyzer.pipeline import read
    from analyzer.report import Report
    from analyzer.resources import forget_matches

    spent = {"ingest": 0.0, "read": 0.0}
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        for first in range(0, len(texts), chunk):
            c = time.process_time()
            sources = [ingest.from_text(text, "x") for text in texts[first:first + chunk]]
            spent["ingest"] += time.process_time() - c
            forget_matches()
            c = time.process_time()
            docs = [read(source) for source in sources]
            spent["read"] += time.process_time() - c
            for stage in analyzer.stages():
                c = time.process_time()
                applies = [doc for doc in docs if stage.applies(doc)]
                if applies:
                    stage.run_many(applies)
                spent[stage.name] = spent.get(stage.name, 0.0) + time.process_time() - c
            c = time.process_time()
            for doc in docs:
                Report.of(doc, analyzer.rubric.id)
            spent["report"] = spent.get("report", 0.0) + time.process_time() - c
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from analyzer import Analyzer, ingest
    from training.corpus import load_corpus
    from analyzer.pipeline import CHUNK, Segment, prepare, read
    from analyzer.segment import FastJieba, get_nlp, load_jieba, load_segmenter
    from analyzer.resources import DATA_DIR

    texts = [ingest.from_text(d.text, d.id).text for d in load_corpus() if d.path.parent.name == "written"]
    chars = sum(len(t) for t in texts)
    jieba = load_jieba()
    analyzer = Analyzer()
    nlp = get_nlp()
    sources = [ingest.from_text(t, "x") for t in texts]
    for t in texts[:3]:  # warm caches
        analyzer.analyze(t)

    runs = {"raw jieba.lcut (baseline)": lambda: [jieba.lcut(t) for t in texts]}
    segmenter = load_segmenter()
    if isinstance(segmenter, FastJieba):
        import jieba_fast_dat

        engine = jieba_fast_dat.Tokenizer(Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
        engine.load_userdict(str(DATA_DIR / "userdict.txt"))
        engine.lcut(texts[0])
        segmenter.lcut(texts[0])
        runs[ENGINE] = lambda: [engine.lcut(t) for t in texts]
        runs["pipeline segmenter FastJieba.lcut (jieba's words on the engine)"] = \
            lambda: [segmenter.lcut(t) for t in texts]
    runs |= {
        "spaCy zh nlp (the segmenter's words, sentence starts), whole text": lambda: [nlp(t) for t in texts],
        "paragraphs + segmentation (tokens, sentences)": lambda: [Segment().run(read(s)) for s in sources],
        "segmentation + structure (roles)": lambda: [analyzer.role_model.predict(*prepare(s)) for s in sources],
        FULL.format(CHUNK): lambda: list(analyzer.analyze_many(ingest.from_text(t, "x") for t in texts)),
        ONE_BY_ONE: lambda: [analyzer.analyze(t) for t in texts],
    }
    stages: dict[int, dict[str, list[float]]] = {CHUNK: {}, 1: {}}  # chunk size -> step -> each round's seconds
    totals: dict[int, list[float]] = {CHUNK: [], 1: []}               # chunk size -> each round's sum of the steps

    def timed_stages(chunk: int):
        spent = stage_times(analyzer, texts, chunk)
        for name, secs in spent.items():
            stages[chunk].setdefault(name, []).append(secs)
        totals[chunk].append(sum(spent.values()))

    runs[f"full analysis, {CHUNK} at a time, stage by stage (table below)"] = lambda: timed_stages(CHUNK)
    runs["full analysis, one by one, stage by stage (table below)"] = lambda: timed_stages(1)
    best = best_of(args.repeat, runs)
    base = chars / best["raw jieba.lcut (baseline)"][1]
    fast = chars / best[ENGINE][1] if ENGINE in best else None
    rows = [(name, secs, cpu, chars / cpu, chars / cpu / base,
             f"{chars / cpu / fast:.2f}" if fast else "–") for name, (secs, cpu) in best.items()]

    load = os.getloadavg()[0]
    lines = [f"Corpus: {len(texts)} written materials, {chars:,} characters; best of {args.repeat} rounds (the runs "
             f"take turns in each round); one core; load average {load:.1f} at the end. Rates and ratios are "
             "per CPU second of this process (other processes sharing the cores change wall time more). "
             f"Segmenter: {type(segmenter).__name__ if isinstance(segmenter, FastJieba) else 'jieba (no jieba_fast_dat)'}"
             " (it keeps the hidden Markov model's cut of each run of unknown characters: later rounds reuse "
             "them, as a long-running process does).", "",
             "| run | wall s | CPU s | chars per CPU s | ratio to raw jieba | ratio to the engine's lcut |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {n} | {s:.2f} | {c:.2f} | {r:,.0f} | {x:.2f} | {f} |" for n, s, c, r, x, f in rows]
    per = 200 / len(texts)
    lines += ["", f"CPU seconds per step of the full analysis (ingest, read, the stages, the report), per 200 "
              f"documents (best of {args.repeat} rounds each), {CHUNK} documents at a time (every stage over the "
              "chunk, as `analyze_many` and `batch` run them) and one by one (as `analyze` runs one):", "",
              f"| step | {CHUNK} at a time: CPU s per 200 documents | share | one by one: CPU s per 200 documents |",
              "|---|---|---|---|"]
    chunked, single = stages[CHUNK], stages[1]
    total = sum(min(v) for v in chunked.values())
    lines += [f"| {name} | {min(v) * per:.3f} | {min(v) / total:.0%} | {min(single[name]) * per:.3f} |"
              for name, v in chunked.items()]
    lines += [f"| all steps (sum of each step's best) | {total * per:.3f} | 100% | "
              f"{sum(min(v) for v in single.values()) * per:.3f} |",
              f"| all steps (the best round) | {min(totals[CHUNK]) * per:.3f} | | {min(totals[1]) * per:.3f} |"]
    lines += ["", "Start-up in a fresh process: `python benchmarks/bench_startup.py` (benchmarks/results/startup.md)."]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "pipeline.md").write_text("# Pipeline throughput\n\n`python benchmarks/bench_pipeline.py`\n\n" + report + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()
