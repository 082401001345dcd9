"""Start-up of the ``jingzi`` command against importing click and rich, in fresh processes.

    python benchmarks/bench_startup.py [--repeat 7] [--against OTHER_CHECKOUT]

Times (median of ``--repeat`` fresh processes each): a bare interpreter, ``import click,
rich`` (the baseline), ``jingzi --help``, ``jingzi --version``, a usage error, ``jingzi check``
of a missing file (reported without loading any model), the first full analysis of a short text
(import, models, jieba dictionary as far as the text needs it) and ``jingzi check --json`` of a
sample material (the command as a user runs it: its worker, the segmenter, a whole document).
Reports each as a ratio to the baseline and writes benchmarks/results/startup.md. With
``--against``, every run is also timed with another checkout first on the path (e.g. a clean
checkout of main), the two taking turns process by process, so both see the same machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "data/samples/04-collective.txt"

RUNS = {
    "bare interpreter": "pass",
    "import click, rich (baseline)": "import click, rich.console, rich.table",
    "jingzi --help": "from analyzer.cli import main; main(['--help'])",
    "jingzi --version": "from analyzer.cli import main; main(['--version'])",
    "usage error (no paths)": "from analyzer.cli import main; main(['check'])",
    "check of a missing file": "from analyzer.cli import main; main(['check', '/no/such.docx', '--json'])",
    "first analysis (models loaded)": "import analyzer; analyzer.analyze('一、存在的问题\\n会议多，以会议落实会议。')",
    f"jingzi check {SAMPLE} --json": f"from analyzer.cli import main; main(['check', '{SAMPLE}', '--json'])",
}


def seconds(code: str, checkout: Path) -> float:
    """Wall time of one fresh process running ``code`` with ``checkout`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True)
    return time.perf_counter() - start


def medians(code: str, repeat: int, checkouts: list[Path]) -> list[float]:
    """Median seconds of ``code`` in each checkout, the checkouts taking turns."""
    times: list[list[float]] = [[] for _ in checkouts]
    for _ in range(repeat):
        for k, checkout in enumerate(checkouts):
            times[k].append(seconds(code, checkout))
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout, timed in turn with this one")
    args = parser.parse_args()
    checkouts = [ROOT] + ([args.against.resolve()] if args.against else [])
    results = {name: medians(code, args.repeat, checkouts) for name, code in RUNS.items()}
    base = results["import click, rich (baseline)"][0]
    lines = ["# Start-up", "", "`python benchmarks/bench_startup.py" + (" --against OTHER`" if args.against else "`"),
             "", f"Median of {args.repeat} fresh processes each; ratio to `import click, rich` in the same run; "
             f"load average {os.getloadavg()[0]:.1f} at the end.", ""]
    if args.against:
        lines += ["| run | seconds | ratio to click+rich | other checkout, seconds |", "|---|---|---|---|"]
        lines += [f"| {name} | {new:.3f} | {new / base:.2f} | {old:.3f} |" for name, (new, old) in results.items()]
    else:
        lines += ["| run | seconds | ratio to click+rich |", "|---|---|---|"]
        lines += [f"| {name} | {sec:.3f} | {sec / base:.2f} |" for name, (sec,) in results.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "benchmarks" / "results" / "startup.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
