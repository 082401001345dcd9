"""Batch throughput: 1 and 2 jobs, the cache on a rerun, peak memory of parent and workers.

    python benchmarks/bench_batch.py                 # 1,000 and 5,000 materials
    python benchmarks/bench_batch.py --quick         # 100 materials
    python benchmarks/bench_batch.py --sizes 1000    # the sizes given

Materials are generated deterministically by recombining the paragraphs of
``data/corpus/written`` (title, preamble, problems, causes, measures and closing drawn by
role from different materials), so they share many paragraphs with each other: a hard
case for cross-checking. Each batch runs in a fresh process (``analyzer.batch.run``, no
progress bar); peak memory is ``ru_maxrss`` of that process (the parent) and of its
largest child (a worker). Results are printed and written to benchmarks/results/batch.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUN = """
import json, resource, sys
from analyzer import batch
batch.settings_digest = lambda rubric, kind=None: sys.argv[4]
s = batch.run([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), progress=False)
print(json.dumps({"seconds": s.seconds, "phases": s.phases, "analysed": s.analysed, "cached": s.cached,
                  "failed": s.failed,
                  "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def generate(n: int, dest: Path, seed: int = 0) -> int:
    """Write ``n`` recombined materials to ``dest``; returns their total characters."""
    from training.corpus import load_corpus

    pools: dict[str, list[str]] = {}
    titles = []
    for doc in load_corpus():
        if doc.path is None or doc.path.parent.name != "written" or doc.rubric != "four-styles":
            continue
        titles.append(doc.paragraphs[0].text)
        for p in doc.paragraphs[1:]:
            if p.role != "heading":
                pools.setdefault(p.role, []).append(p.text)
    rng = random.Random(seed)
    dest.mkdir(parents=True)
    chars = 0
    for i in range(n):
        paras = [rng.choice(titles), rng.choice(pools["preamble"]), "一、存在的主要问题",
                 *rng.sample(pools["problem"], rng.randint(3, 6)), "二、问题产生的原因",
                 *rng.sample(pools["cause"], rng.randint(2, 3)), "三、整改措施",
                 *rng.sample(pools["measure"], rng.randint(2, 4)), rng.choice(pools["closing"])]
        text = "\n".join(paras) + "\n"
        chars += len(text)
        (dest / f"m{i:05d}.txt").write_text(text, encoding="utf-8")
    return chars


def batch(docs: Path, out: Path, jobs: int, settings: str) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN, str(docs), str(out), str(jobs), settings], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"batch of {docs.name} with {jobs} job(s) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one batch of 100 materials")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="batch sizes to run")
    args = parser.parse_args()
    sizes = [100] if args.quick else args.sizes
    load = os.getloadavg()[0]
    # frozen at the start: colleagues editing code or retraining models in this checkout
    # must not invalidate the cache between the second run and the rerun
    from analyzer.batch import settings_digest

    settings = settings_digest("four-styles")
    rows = []
    work = Path(tempfile.mkdtemp(prefix="jingzi-bench-"))
    try:
        for n in sizes:
            docs = work / f"docs-{n}"
            chars = generate(n, docs)
            runs = []
            for label, jobs, out in (("1 job", 1, "j1"), ("2 jobs", 2, "j2"), ("rerun", 2, "j2")):
                runs.append(batch(docs, work / f"out-{n}-{out}", jobs, settings))
                print(f"{n} docs, {label}: {runs[-1]}", flush=True)
            assert runs[2]["analysed"] == 0 and runs[0]["failed"] == runs[1]["failed"] == 0
            rows.append((n, chars, *runs))
    finally:
        shutil.rmtree(work)
    options = (" --quick" if args.quick else "" if args.sizes == [1000, 5000]
               else " --sizes " + " ".join(map(str, sizes)))
    write(rows, options, (load, os.getloadavg()[0]))


def write(rows, options: str, load: tuple[float, float]) -> None:
    lines = ["# Batch throughput", "",
             f"`python benchmarks/bench_batch.py{options}` on {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, {platform.machine()}; load average {load[0]:.1f} before, "
             f"{load[1]:.1f} after (other processes share the cores).", "",
             "Generated materials (paragraphs of data/corpus/written recombined by role; heavy mutual "
             "overlap, so every document has many copy candidates). Each run: analyse, build the batch "
             "library, cross-check every document against the batch, write JSONL/CSV/XLSX/HTML.", "",
             "| docs | chars | 1 job s | docs/s | 2 jobs s | docs/s | scaling 2/1 | rerun s (cache) | "
             "cache speed-up | parent MB | worker MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, chars, one, two, rerun in rows:
        lines.append(f"| {n:,} | {chars:,} | {one['seconds']:.1f} | {n / one['seconds']:.1f} | {two['seconds']:.1f} | "
                     f"{n / two['seconds']:.1f} | {one['seconds'] / two['seconds']:.2f} | {rerun['seconds']:.1f} | "
                     f"{two['seconds'] / rerun['seconds']:.1f}× | {max(one['parent_mb'], two['parent_mb']):.0f} | "
                     f"{max(one['worker_mb'], two['worker_mb']):.0f} |")
    lines += ["", "Seconds per pass (start-up of each pass's workers included):", "",
              "| docs | run | analyse | library | cross-check | tables | total |", "|---|---|---|---|---|---|---|"]
    for n, _, one, two, rerun in rows:
        for label, r in (("1 job", one), ("2 jobs", two), ("2 jobs, rerun", rerun)):
            p = r["phases"]
            lines.append(f"| {n:,} | {label} | {p['analyse']:.1f} | {p['library']:.1f} | {p['crosscheck']:.1f} | "
                         f"{p['tables']:.1f} | {r['seconds']:.1f} |")
    lines += ["", "Times include process start-up (spawned workers load spaCy, jieba and the models: a few "
              "seconds). Memory is peak resident set size: the parent holds only the result table; "
              "a worker holds one Analyzer or one copy detector (with its bounded cache of library texts)."]
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "benchmarks" / "results" / "batch.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
