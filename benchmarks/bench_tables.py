"""Memory and CPU of the batch's table step alone, in a fresh process, on a finished batch.

    python benchmarks/bench_tables.py OUT DOCS

``OUT`` is the output folder of ``jingzi batch DOCS --out OUT`` (for instance of 1,000 or 3,000
materials generated as in bench_batch.py). The step is run twice on a copy of OUT's
``results.jsonl`` and as many (empty) pages as OUT has, as ``analyzer.batch.run`` runs it:
read_results, CSV, XLSX, overview, publish (the second publication replaces the first). Prints
the parent's Rss before the step (after the libraries the step imports) and the peak
(``ru_maxrss``) after it: their difference is what the table step holds, which issue 14 wants
flat in the number of documents. Linux only (/proc/self/status).
"""
from __future__ import annotations

import csv  # noqa: F401  (imported by the step: counted before it, not as its data)
import json  # noqa: F401
import os
import resource
import shutil
import sqlite3  # noqa: F401
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl.cell  # noqa: E402,F401
import openpyxl.styles  # noqa: E402,F401
import openpyxl.utils  # noqa: E402,F401

from analyzer import batch  # noqa: E402
from analyzer.ingest import expand_paths  # noqa: E402


def rss() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS")) / 1024


def main() -> None:
    out_dir, docs = Path(sys.argv[1]), sys.argv[2]
    entries = batch._entries(expand_paths([docs]))
    pages = os.listdir(out_dir / "reports")
    work = Path(tempfile.mkdtemp(prefix="jingzi-tables-"))
    try:
        out = work / "out"
        state = out / ".jingzi"
        staging = state / "staging"
        base = cpu = 0.0
        for run in range(2):
            (staging / "reports").mkdir(parents=True, exist_ok=True)
            for name in pages:
                (staging / "reports" / name).touch()
            shutil.copy(out_dir / "results.jsonl", staging / "results.jsonl")
            if run == 0:
                base = max(rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            start = time.process_time()
            meta = {"analysed": 0, "cached": len(entries), "rubric": "four-styles", "version": "bench"}
            rows = batch.read_results(staging / "results.jsonl", entries, state / "table.sqlite")
            batch.write_csv(rows, staging / "results.csv")
            batch.write_xlsx(rows, staging / "results.xlsx")
            batch.write_overview(rows, meta, staging / "index.html")
            del rows
            batch.publish(out)
            cpu += time.process_time() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{len(entries)} materials, {len(pages)} pages: Rss {base:.0f} MB before the table step, "
              f"peak {peak:.0f} MB: +{peak - base:.0f} MB; {cpu / 2:.2f} CPU s per run")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
