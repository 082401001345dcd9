"""Every figure of two model folders' ``*.metrics.json`` side by side: what a retrain moved.

    python -m training.compare_metrics OLD_MODELS NEW_MODELS [--tolerance 0.01]

prints each number that moved by more than the tolerance (and any other value that changed) and
exits 1 when there is one, so that a refactoring can show its figures stayed put.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def flatten(value, prefix: str = "") -> dict:
    """``{"a": {"b": [1, 2]}}`` → ``{"a.b[0]": 1, "a.b[1]": 2}``."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items()
                for k, v in flatten(item, f"{prefix}.{key}" if prefix else str(key)).items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in flatten(item, f"{prefix}[{i}]").items()}
    return {prefix: value}


def moved(old: Path, new: Path, tolerance: float = 0.0) -> tuple[int, list[str]]:
    """(values compared, one line per value that moved beyond ``tolerance`` or changed)."""
    compared, lines = 0, []
    for path in sorted(old.glob("*.metrics.json")):
        before = flatten(json.loads(path.read_text(encoding="utf-8")))
        other = new / path.name
        after = flatten(json.loads(other.read_text(encoding="utf-8"))) if other.is_file() else {}
        for key in sorted(set(before) | set(after)):
            compared += 1
            a, b = before.get(key), after.get(key)
            numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (a, b))
            if a != b and not (numbers and abs(b - a) <= tolerance):
                lines.append(f"{path.name.removesuffix('.metrics.json')}: {key}: {a} -> {b}"
                             + (f" ({b - a:+.4f})" if numbers else ""))
    return compared, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.compare_metrics", description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.0)
    args = parser.parse_args(argv)
    compared, lines = moved(args.old, args.new, args.tolerance)
    print("\n".join(lines + [f"{compared} values compared, {len(lines)} moved beyond {args.tolerance}"]))
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
