"""How well two readers agree on document kind: the second reader's blind labels of a sample of the
kind corpus (``data/kinds/agreement.csv``) against the first writer's labels, with Cohen's kappa
overall and per kind, the confusion table and every adjudicated disagreement.

``agreement.csv`` has one row per sampled document: ``id``, ``first_kind`` (the corpus label when the
second reader's labels were committed), ``second_kind``, ``confidence`` (sure | borderline),
``adjudicated`` (the kind the labelling guide supports) and ``note`` (why, for every disagreement).
The corpus must now carry the adjudicated kind; a document that does not is listed as
``not_applied`` and the command exits with status 1.

``python -m training.kinds_agreement`` prints the figures as JSON; ``--markdown`` prints the
confusion table.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from analyzer.kinds import KINDS
from training.kinds_corpus import KINDS_DIR, load_kinds_corpus
from training.realdocs import cohen_kappa

AGREEMENT_PATH = KINDS_DIR / "agreement.csv"
CONFIDENCES = ("sure", "borderline")


def kind_kappa(first: list[str], second: list[str], kind: str) -> float | None:
    """Kappa of the yes/no decision "is it ``kind``?"; None when undefined."""
    return cohen_kappa([a == kind for a in first], [b == kind for b in second])


def read_agreement(path: Path = AGREEMENT_PATH) -> list[dict[str, str]]:
    """The rows of ``agreement.csv``, checked: known kinds and confidences, unique ids, a note on
    every disagreement."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    for row in rows:
        where = f"{path.name}: {row['id']}"
        if row["id"] in seen:
            raise ValueError(f"{where}: listed twice")
        seen.add(row["id"])
        for column in ("first_kind", "second_kind", "adjudicated"):
            if row[column] not in KINDS:
                raise ValueError(f"{where}: unknown {column} {row[column]!r}")
        if row["confidence"] not in CONFIDENCES:
            raise ValueError(f"{where}: confidence must be one of {CONFIDENCES}")
        if row["first_kind"] != row["second_kind"] and not row["note"].strip():
            raise ValueError(f"{where}: a disagreement needs a note")
    return rows


def confusion(first: list[str], second: list[str]) -> dict[str, dict[str, int]]:
    """Rows: the first label; columns: the second; only kinds that occur."""
    kinds = [k for k in KINDS if k in first or k in second]
    pairs = Counter(zip(first, second))
    return {a: {b: pairs[(a, b)] for b in kinds} for a in kinds}


def agreement_report(rows: list[dict[str, str]], corpus_kinds: dict[str, str]) -> dict:
    """The figures: agreement and kappa, per kind and per confidence, confusion, disagreements,
    and the documents whose corpus label is not the adjudicated one."""
    first = [r["first_kind"] for r in rows]
    second = [r["second_kind"] for r in rows]
    agree = sum(a == b for a, b in zip(first, second))
    per_confidence = {}
    for level in CONFIDENCES:
        picked = [r for r in rows if r["confidence"] == level]
        per_confidence[level] = {"documents": len(picked),
                                 "agree": sum(r["first_kind"] == r["second_kind"] for r in picked)}
    return {
        "documents": len(rows),
        "agree": agree,
        "observed_agreement": round(agree / len(rows), 4),
        "kappa": _rounded(cohen_kappa(first, second)),
        "per_kind": {k: {"first": first.count(k), "second": second.count(k),
                         "kappa": _rounded(kind_kappa(first, second, k))}
                     for k in KINDS if k in first or k in second},
        "per_confidence": per_confidence,
        "confusion": confusion(first, second),
        "disagreements": [{key: r[key] for key in ("id", "first_kind", "second_kind", "adjudicated", "note")}
                          for r in rows if r["first_kind"] != r["second_kind"]],
        "corrected": sorted(r["id"] for r in rows if r["adjudicated"] != r["first_kind"]),
        "not_applied": sorted(r["id"] for r in rows if corpus_kinds.get(r["id"]) != r["adjudicated"]),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def markdown_confusion(table: dict[str, dict[str, int]]) -> str:
    """The confusion table as Markdown (rows first reader, columns second reader)."""
    kinds = list(table)
    lines = ["| first \\ second | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    lines += [f"| {a} | " + " | ".join(str(table[a][b]) for b in kinds) + " |" for a in kinds]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=AGREEMENT_PATH)
    parser.add_argument("--markdown", action="store_true", help="print the confusion table as Markdown")
    args = parser.parse_args(argv)
    report = agreement_report(read_agreement(args.file), {d.id: d.kind for d in load_kinds_corpus()})
    print(markdown_confusion(report["confusion"]) if args.markdown
          else json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if report["not_applied"] else 0


if __name__ == "__main__":
    sys.exit(main())
