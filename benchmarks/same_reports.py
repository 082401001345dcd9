"""Speed-change guard on real pages: the full JSON report of every real DEV cache page
(``data/realdocs/cache/dv-*.txt``), as delivered and pasted into one line (run-on shape), is the
same before and after a change.

    python benchmarks/same_reports.py save /tmp/before.json   # before the change
    python benchmarks/same_reports.py check /tmp/before.json  # after it: lists what differs

The run-on shape joins a page's non-blank lines with nothing between them, as a chat or a careless
copy delivers them. Floats must agree to 1e-9 (tests/test_golden.py's rule); anything else exactly.
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


def differences(old, new, where: str = "") -> list[str]:
    """Paths where two JSON values differ (floats: by 1e-9 or more)."""
    if isinstance(old, float) or isinstance(new, float):
        ok = isinstance(old, (int, float)) and isinstance(new, (int, float)) and abs(old - new) < 1e-9
        return [] if ok else [f"{where}: {old!r} -> {new!r}"]
    if isinstance(old, dict) and isinstance(new, dict):
        out = [f"{where}/{k}: only in {'before' if k in old else 'after'}" for k in old.keys() ^ new.keys()]
        return out + [d for k in old.keys() & new.keys() for d in differences(old[k], new[k], f"{where}/{k}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in differences(a, b, f"{where}[{i}]")]
    return [] if old == new else [f"{where}: {str(old)[:80]!r} -> {str(new)[:80]!r}"]


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
    before = json.loads(args.file.read_text(encoding="utf-8"))
    diff = differences(before, now)
    for line in diff[:40]:
        print(line)
    same = sum(not differences(before.get(k), v) for k, v in now.items())
    print(f"{same} of {len(now)} reports identical ({len(now) // 2} pages, two shapes); {len(diff)} differences")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
