"""Peak memory of a batch per pass: the parent and its worker processes, sampled every 0.1 s.

    python benchmarks/bench_memory.py [--docs 1000]

Materials are generated as in bench_batch.py. For each pass (and each table step) prints the
largest resident set (Rss) and private memory (Private_Clean + Private_Dirty from
/proc/PID/smaps_rollup, Linux only) seen in the parent and in any worker while it ran. A peak
is the most a process held so far: memory freed by a pass is often not handed back, so a later
step's figure includes what an earlier one left; the last line therefore gives what the table
steps add to the parent's Rss as they start (read_results to publish: the part that should not
grow with the documents, issue 14). A step shorter than the sampling interval may not appear;
"worker" is any child process of the parent.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_batch import generate  # noqa: E402

STEPS = (("analyse", "_analyse_all"), ("library", "build_library"), ("cross-check", "_crosscheck_all"),
         ("read_results", "read_results"), ("csv", "write_csv"), ("xlsx", "write_xlsx"),
         ("overview", "write_overview"), ("publish", "publish"))
TABLE_STEPS = ("read_results", "csv", "xlsx", "overview", "publish")


def memory(pid: int) -> dict[str, int] | None:
    """Rss and private memory of ``pid`` in MB, or None once it has gone."""
    try:
        fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/smaps_rollup") if ":" in line)
    except OSError:
        return None
    kb = {k: int(v.split()[0]) for k, v in fields.items() if k in ("Rss", "Private_Clean", "Private_Dirty")}
    private = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return {"rss": kb.get("Rss", 0) // 1024, "private": private // 1024}


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    from analyzer import batch

    step, peaks = ["setup"], {}

    def sample() -> None:
        while True:
            rec = peaks.setdefault(step[0], {"parent": {}, "worker": {}})
            for who, pids in (("parent", [os.getpid()]), ("worker", children(os.getpid()))):
                for m in filter(None, map(memory, pids)):
                    for k, v in m.items():
                        rec[who][k] = max(rec[who].get(k, 0), v)
            time.sleep(0.1)

    started: dict[str, dict] = {}  # the parent's memory as each step starts

    def during(name, fn):
        def run(*a, **k):
            started[name] = memory(os.getpid())
            step[0] = name
            try:
                return fn(*a, **k)
            finally:
                step[0] = "after " + name
        return run

    for name, fn in STEPS:
        setattr(batch, fn, during(name, getattr(batch, fn)))
    with tempfile.TemporaryDirectory(prefix="jingzi-memory-") as work:
        generate(args.docs, Path(work) / "docs")
        threading.Thread(target=sample, daemon=True).start()
        batch.run([str(Path(work) / "docs")], str(Path(work) / "out"), jobs=2, progress=False)
        time.sleep(0.3)
    print(f"{args.docs} materials, peak MB per step")
    print("| step | parent Rss | parent private | worker Rss | worker private |\n|---|---|---|---|---|")
    for name, rec in peaks.items():
        if name.startswith("after ") and name != "after publish":
            continue
        p, w = rec["parent"], rec["worker"]
        print(f"| {name} | {p.get('rss', '')} | {p.get('private', '')} | {w.get('rss', '')} | {w.get('private', '')} |")
    tables = [rec["parent"].get("rss", 0) for name, rec in peaks.items() if name in TABLE_STEPS]
    print(f"\nTable steps ({', '.join(TABLE_STEPS)}): parent Rss {started['read_results']['rss']} MB as they "
          f"start, {max(tables)} MB at most: +{max(tables) - started['read_results']['rss']} MB")


if __name__ == "__main__":
    main()
