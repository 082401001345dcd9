"""Speed-change guard on real pages: the full JSON report of every real DEV cache page
(``data/realdocs/cache/dv-*.txt``), as delivered and pasted into one line (run-on shape), is the
same before and after a change.

    python benchmarks/same_reports.py save /tmp/before.json   # before the change
    python benchmarks/same_reports.py check /tmp/before.json  # after it: lists what differs

The run-on shape joins a page's non-blank lines with nothing between them, as a chat or a careless
copy delivers them. Reports are compared as tests/test_golden.py compares them: floats to 1e-9,
anything else exactly.
Only DEV pages are read: the TEST pages (``rd*.txt``) are held out. Exit status 1 when any report differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def shapes(cache: Path) -> dict[str, str]:
    """name -> text: each DEV page as delivered, and its non-blank lines joined into one line."""
    out = {}
    for path in sorted(cache.glob("dv-*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = text
        out[path.stem + ":runon"] = "".join(line for line in text.split("\n") if line.strip())
    return out


def reports(texts: dict[str, str]) -> dict[str, dict]:
    """name -> the full JSON report (or the coded error) of every text."""
    from analyzer import Analyzer
    from analyzer.errors import JingziError

    analyzer = Analyzer()
    out = {}
    for name, text in texts.items():
        try:
            out[name] = analyzer.analyze(text, name).to_dict()
        except JingziError as exc:
            out[name] = {"error": exc.to_dict()}
    return json.loads(json.dumps(out, ensure_ascii=False))  # tuples -> lists, as a reader of the JSON sees them


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["save", "check"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "realdocs" / "cache")
    args = parser.parse_args()
    texts = shapes(args.cache)
    if not texts:
        print(f"no dv-*.txt pages under {args.cache}", file=sys.stderr)
        return 2
    now = reports(texts)
    if args.mode == "save":
        args.file.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        print(f"{len(now)} reports ({len(now) // 2} pages, two shapes) saved to {args.file}")
        return 0
    from tests.test_golden import differences  # the golden test's comparison: floats to 1e-9

    before = json.loads(args.file.read_text(encoding="utf-8"))
    diff = differences(before, now)
    for line in diff[:40]:
        print(line)
    same = sum(not differences(before.get(k), v) for k, v in now.items())
    print(f"{same} of {len(now)} reports identical ({len(now) // 2} pages, two shapes); {len(diff)} differences")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
