"""Cost of the hostile inputs of issue 12: time and peak memory to read each one.

    python benchmarks/bench_hostile.py

Each input is generated with the generators of tests/test_hostile.py (the issue's sizes:
a 1.1 GB image member, a 1.1 GB whitespace XML member, tables nested 8 and 12 deep, a
million empty paragraphs) and read by ``analyzer.ingest.read_path`` in a fresh process;
peak memory is that process's ``ru_maxrss``, imports included (about 250 MB:
importing ``analyzer`` loads spaCy). Results are
printed and written to benchmarks/results/hostile.md.
"""
from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

READ = """
import json, resource, sys, time
from analyzer import ingest
from analyzer.errors import JingziError
start = time.perf_counter()
try:
    src = ingest.read_path(sys.argv[1])
    outcome = f"{len(src.paragraphs)} paragraphs"
except JingziError as exc:
    outcome = exc.code
print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def inputs(folder: Path) -> dict[str, Path]:
    from tests.test_hostile import docx_with, nested_tables, paragraph

    made = {
        "image member inflating to 1.1 GB": ("image.docx", docx_with(streamed={"word/media/image1.png": 1100 << 20})),
        "XML member inflating to 1.1 GB": ("xml.docx", docx_with(streamed={"word/styles.xml": 1100 << 20})),
        "tables nested 8 deep (the limit)": ("nested8.docx", docx_with(nested_tables(8))),
        "tables nested 12 deep": ("nested12.docx", docx_with(nested_tables(12))),
        "1,000,000 empty paragraphs": ("empty.docx", docx_with("<w:p/>" * 1_000_000)),
        "100,001 short paragraphs": ("many.docx", docx_with("".join(paragraph(f"第{i}条") for i in range(100_001)))),
    }
    paths = {}
    for label, (name, data) in made.items():
        paths[label] = folder / name
        paths[label].write_bytes(data)
    return paths


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in inputs(Path(tmp)).items():
            out = subprocess.run([sys.executable, "-c", READ, str(path)], cwd=ROOT, capture_output=True, text=True,
                                 check=True)
            r = json.loads(out.stdout)
            rows.append(f"| {label} | {path.stat().st_size / 1e3:,.0f} KB | {r['outcome']} | {r['seconds']:.2f} s "
                        f"| {r['peak_mb']:.0f} MB |")
            print(rows[-1], flush=True)
    table = "\n".join(["| input | on disk | outcome | time to read | peak memory |", "|---|---|---|---|---|", *rows])
    text = (f"# Hostile inputs (issue 12)\n\n`python benchmarks/bench_hostile.py` on {platform.machine()}, "
            f"Python {platform.python_version()}.\n\n{table}\n")
    (ROOT / "benchmarks" / "results" / "hostile.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
