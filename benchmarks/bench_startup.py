"""Start-up of the ``jingzi`` command against importing click and rich, in fresh processes.

    python benchmarks/bench_startup.py [--repeat 7]

Times (median of ``--repeat`` fresh processes each): a bare interpreter, ``import click,
rich`` (the baseline), ``jingzi --help``, ``jingzi --version``, a usage error, ``jingzi check``
of a missing file (reported without loading any model), and the first full analysis (import,
jieba dictionary, models). Reports each as a ratio to the baseline and writes
benchmarks/results/startup.md.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNS = {
    "bare interpreter": "pass",
    "import click, rich (baseline)": "import click, rich.console, rich.table",
    "jingzi --help": "from analyzer.cli import main; main(['--help'])",
    "jingzi --version": "from analyzer.cli import main; main(['--version'])",
    "usage error (no paths)": "from analyzer.cli import main; main(['check'])",
    "check of a missing file": "from analyzer.cli import main; main(['check', '/no/such.docx', '--json'])",
    "first analysis (models loaded)": "import analyzer; analyzer.analyze('一、存在的问题\\n会议多，以会议落实会议。')",
}


def median_seconds(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results = {name: median_seconds(code, args.repeat) for name, code in RUNS.items()}
    base = results["import click, rich (baseline)"]
    lines = ["# Start-up", "", "`python benchmarks/bench_startup.py`", "",
             f"Median of {args.repeat} fresh processes each; ratio to `import click, rich` in the same run.", "",
             "| run | seconds | ratio to click+rich |", "|---|---|---|"]
    lines += [f"| {name} | {sec:.3f} | {sec / base:.2f} |" for name, sec in results.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "results" / "startup.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
