"""A batch locally (2 jobs) and on a Dask LocalCluster (2 worker processes), same inputs.

    python benchmarks/bench_cluster.py [--docs 10000] [--local-only]

Materials are generated as in bench_batch.py. Both runs use the same frozen settings digest,
so neither reuses the other's cache. Reports seconds per pass and whether the two runs wrote
identical results.jsonl and results.csv; writes benchmarks/results/cluster.md.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch import generate  # noqa: E402

RUN = """
import json, resource, sys
from analyzer import batch
batch.settings_digest = lambda rubric, kind=None: sys.argv[3]
cpu = {}

def cpu_seconds():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

def timed(name, fn):  # CPU of a pass: the parent's and its workers' (each pass's workers end with it)
    def run(*args, **kwargs):
        start = cpu_seconds()
        try:
            return fn(*args, **kwargs)
        finally:
            cpu[name] = cpu_seconds() - start
    return run

for name, fn in (("analyse", "_analyse_all"), ("library", "build_library"), ("crosscheck", "_crosscheck_all")):
    setattr(batch, fn, timed(name, getattr(batch, fn)))
scheduler = sys.argv[4] or None
if sys.argv[5] == "cluster":
    from distributed import LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    scheduler = cluster.scheduler_address
s = batch.run([sys.argv[1]], sys.argv[2], jobs=2, progress=False, scheduler=scheduler)
usage = {who: resource.getrusage(getattr(resource, f"RUSAGE_{who.upper()}")) for who in ("self", "children")}
print(json.dumps({"seconds": s.seconds, "phases": s.phases, "failed": s.failed, "cpu": cpu,
                  **{f"{who}_cpu": u.ru_utime + u.ru_stime for who, u in usage.items()},
                  **{f"{who}_mb": u.ru_maxrss / 1024 for who, u in usage.items()}}))
"""


def run(docs: Path, out: Path, settings: str, mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN, str(docs), str(out), settings, "", mode], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--local-only", action="store_true", help="skip the Dask run (a busy machine)")
    args = parser.parse_args()
    from analyzer.batch import settings_digest

    settings = settings_digest("four-styles")
    load = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="jingzi-cluster-"))
    try:
        chars = generate(args.docs, work / "docs")
        local = run(work / "docs", work / "local", settings + ":local", "local")
        cluster = None if args.local_only else run(work / "docs", work / "cluster", settings + ":cluster", "cluster")
        same = cluster and all((work / "local" / f).read_bytes() == (work / "cluster" / f).read_bytes()
                               for f in ("results.jsonl", "results.csv"))
    finally:
        shutil.rmtree(work)
    options = f"--docs {args.docs}" + (" --local-only" if args.local_only else "")
    lines = ["# Batch on a Dask cluster", "", f"`python benchmarks/bench_cluster.py {options}` on "
             f"{os.cpu_count()} cores; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after.", "",
             f"{args.docs:,} generated materials ({chars:,} characters), as in bench_batch.py. Local: 2 jingzi "
             "worker processes. Cluster: a Dask LocalCluster of 2 worker processes on the same machine "
             "(scheduler start-up included).", "",
             "| run | analyse s | library s | cross-check s | tables s | total s | docs/s |", "|---|---|---|---|---|---|---|"]
    for label, r in (("local, 2 jobs", local), ("Dask LocalCluster, 2 workers", cluster)):
        if r is None:
            continue
        p = r["phases"]
        lines.append(f"| {label} | {p['analyse']:.1f} | {p['library']:.1f} | {p['crosscheck']:.1f} | "
                     f"{p['tables']:.1f} | {r['seconds']:.1f} | {args.docs / r['seconds']:.1f} |")
    if cluster:
        lines += ["", f"Identical results.jsonl and results.csv: **{'yes' if same else 'NO'}**."]
    lines += ["",
              f"Local run, CPU seconds (user + system, parent and its workers): analyse {local['cpu']['analyse']:.1f}, "
              f"library {local['cpu']['library']:.1f}, cross-check {local['cpu']['crosscheck']:.1f}; in all: parent "
              f"{local['self_cpu']:.1f}, workers {local['children_cpu']:.1f}. Peak resident memory: parent "
              f"{local['self_mb']:.0f} MB, largest worker {local['children_mb']:.0f} MB. Wall seconds depend on what "
              "else runs on the machine (see the load average); CPU seconds much less."]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "results" / "cluster.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
