"""Four-styles coverage pooled over the real DEV sets: ``python -m training.realcov``.

Every material (personal, collective, work report) of the development indexes
``data/realdocs/dev-*.csv`` with a coverage label is analysed as
:mod:`training.realdocs` analyses it (its kind found by jingzi; a material given no
coverage counts as "nothing covered"), and the verdicts are pooled: per category
precision, recall and F1 of "covered", the macro-F1 over covered / not covered of
:func:`training.realdocs.macro_f1`, and the two trivial baselines (nothing covered,
everything covered). ``--runon`` also scores each page with its content lines pasted
into one line. ``--errors`` lists every verdict that disagrees with the label with its
best evidence sentence. The test index (``data/realdocs/index.csv``) is refused: its
per-document outputs are held out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analyzer.kinds import MATERIAL_KINDS
from training.corpus import DATA_DIR
from training.realdocs import CATEGORIES, covered_set, load_index, macro_f1, noise_line_set, read_cache, run_jingzi

REALDOCS = DATA_DIR / "realdocs"


def labelled_rows(indexes: list[Path]) -> list[dict]:
    """The materials with a coverage label of the given development indexes."""
    rows = []
    for path in indexes:
        if path.resolve() == (REALDOCS / "index.csv").resolve():
            raise ValueError("data/realdocs/index.csv is the held-out test set: not scored here")
        rows += [row for row in load_index(path) if row["kind"] in MATERIAL_KINDS and row["covered"]]
    return rows


def run_on(text: str, row: dict) -> str:
    """The page's content lines (not labelled noise) pasted into one line."""
    noise = noise_line_set(row)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "".join(line for k, line in enumerate(lines) if k not in noise)


def verdicts(rows: list[dict], results: dict[str, dict]) -> list[tuple[dict, dict]]:
    """(row, coverage object) per analysed row; an error or a withheld coverage is ``{}``."""
    return [(row, results[row["id"]]["report"].get("coverage") or {}) for row in rows if row["id"] in results]


def figures(pairs: list[tuple[dict, dict]]) -> dict:
    """Per-category P/R/F1 of "covered", pooled macro-F1 and the trivial baselines."""
    gold = [cid in covered_set(row) for row, _ in pairs for cid in CATEGORIES]
    pred = [bool(cov.get(cid, {}).get("covered")) for _, cov in pairs for cid in CATEGORIES]
    out = {"docs": len(pairs), "macro_f1": macro_f1(gold, pred), "none": macro_f1(gold, [False] * len(gold)),
           "all": macro_f1(gold, [True] * len(gold)), "categories": {}}
    for k, cid in enumerate(CATEGORIES):
        g, p = gold[k::len(CATEGORIES)], pred[k::len(CATEGORIES)]
        tp = sum(a and b for a, b in zip(g, p))
        prec = tp / sum(p) if sum(p) else None
        rec = tp / sum(g) if sum(g) else None
        f = 2 * tp / (sum(g) + sum(p)) if sum(g) + sum(p) else None
        out["categories"][cid] = {"gold": sum(g), "pred": sum(p), "tp": tp, "p": prec, "r": rec, "f1": f}
    return out


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def render(title: str, out: dict) -> str:
    lines = [f"## {title}: {out['docs']} materials",
             f"macro-F1 {_fmt(out['macro_f1'])} (nothing covered {_fmt(out['none'])}, everything covered "
             f"{_fmt(out['all'])})", "", "| category | gold | predicted | right | P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for cid, c in out["categories"].items():
        lines.append(f"| {cid} | {c['gold']} | {c['pred']} | {c['tp']} | {_fmt(c['p'])} | {_fmt(c['r'])} | {_fmt(c['f1'])} |")
    return "\n".join(lines) + "\n"


def errors(pairs: list[tuple[dict, dict]]) -> str:
    lines = []
    for row, cov in pairs:
        for cid in CATEGORIES:
            gold, entry = cid in covered_set(row), cov.get(cid, {})
            if gold != bool(entry.get("covered")):
                said = entry.get("best_sentence") or entry.get("note", "")
                lines.append(f"{row['id']} {cid}: {'missed' if gold else 'false'} — {said[:90]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Coverage pooled over the real DEV sets.")
    parser.add_argument("--index", type=Path, nargs="*",
                        default=sorted(p for p in REALDOCS.glob("dev-*.csv")))
    parser.add_argument("--cache", type=Path, default=REALDOCS / "cache")
    parser.add_argument("--runon", action="store_true", help="also score each page pasted as one line")
    parser.add_argument("--errors", action="store_true", help="list each verdict that disagrees with the label")
    parser.add_argument("--gold-kind", action="store_true",
                        help="analyse each page as its labelled kind, to separate coverage errors from kind errors")
    args = parser.parse_args(argv)
    try:
        rows = labelled_rows(args.index)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    texts, missing, changed = read_cache(rows, args.cache)
    if missing or changed:
        print(f"missing {missing}, changed {changed}", file=sys.stderr)
    kinds = {row["id"]: row["kind"] for row in rows} if args.gold_kind else None
    pairs = verdicts(rows, run_jingzi(texts, kinds))
    print(render("pages as found", figures(pairs)), end="")
    if args.errors:
        print(errors(pairs), end="")
    if args.runon:
        by_id = {row["id"]: row for row in rows}
        pasted = {rid: run_on(text, by_id[rid]) for rid, text in texts.items()}
        runon_pairs = verdicts(rows, run_jingzi(pasted, kinds))
        print(render("pages pasted as one line", figures(runon_pairs)), end="")
        if args.errors:
            print(errors(runon_pairs), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
