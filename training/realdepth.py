"""Depth on the real-page DEV sets: every graded page analysed as its labelled kind, ranked against the
guide grades, beside the two trivial baselines (text length, the deadline regex), with per-page detail.

    python -m training.realdepth                  # all data/realdocs/dev-*.csv, the summary
    python -m training.realdepth --pages          # … and each page: grade, score, criteria, largest deductions
    python -m training.realdepth --index data/realdocs/dev-depth.csv
    python -m training.realdepth --written dev    # written materials cut after their last problem

Only DEV indexes: the real-document TEST set (``index.csv``) is refused, its per-page outputs are not to be read.
The pages are opening excerpts of public 范文 pages (see data/README.md, "Real documents"); the grades are
guide grades given from that excerpt, not a reviewer's.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analyzer.resources import DATA_DIR

from .depth_eval import deadline_count, rank_figures
from .realdocs import load_index, read_cache, run_jingzi

TEST_INDEX = DATA_DIR / "realdocs" / "index.csv"


def graded_rows(indexes: list[Path]) -> list[dict]:
    """The rows with a depth grade of the given DEV indexes (the TEST index is refused)."""
    rows = []
    for index in indexes:
        if index.resolve() == TEST_INDEX.resolve():
            raise SystemExit("拒绝测试集 / the real-document TEST set is held out: give DEV indexes only")
        rows += [row for row in load_index(index) if row["depth"]]
    return rows


def study(rows: list[dict], cache: Path) -> dict:
    """Per graded page its grade, jingzi's depth (analysed as its labelled kind) and the baselines' values;
    the rank figures of the three."""
    texts = read_cache(rows, cache)[0]
    rows = [row for row in rows if row["id"] in texts]
    results = run_jingzi({row["id"]: texts[row["id"]] for row in rows}, {row["id"]: row["kind"] for row in rows})
    pages = []
    for row in rows:
        report = results[row["id"]]["report"]
        depth = report.get("depth") or {}
        pages.append({"id": row["id"], "grade": int(row["depth"]), "kind": row["kind"], "shape": row["shape"],
                      "score": depth.get("score"), "criteria": depth.get("criteria", {}),
                      "deductions": depth.get("deductions", []), "notes": depth.get("notes", []),
                      "roles": [p["role"] for p in report.get("paragraphs", [])],
                      "chars": len(texts[row["id"]]), "deadlines": deadline_count(texts[row["id"]])})
    scored = [p for p in pages if p["score"] is not None]
    grades = [p["grade"] for p in scored]
    return {"pages": pages, "n": len(scored),
            "model": rank_figures(grades, [p["score"] for p in scored]),
            "length": rank_figures(grades, [p["chars"] for p in scored]),
            "deadline": rank_figures(grades, [p["deadlines"] for p in scored]),
            "criteria": {c: rank_figures(grades, [p["criteria"].get(c) or 0 for p in scored])
                         for c in ("strict", "accurate", "deep", "concrete")}}


def written_excerpts(split_name: str) -> dict:
    """The written materials of a split cut after their last problem paragraph, as a page opening
    that stops inside its problems: Spearman of their depth with the guide grades of the whole."""
    from analyzer.pipeline import Analyzer

    from .train import split

    analyzer = Analyzer(kind="personal")
    grades, scores = [], []
    for p in split(split_name):
        last = max(i for i, x in enumerate(p.doc.paragraphs) if x.role == "problem")
        text = "\n".join(x.text for x in p.doc.paragraphs[:last + 1])
        grades.append(p.doc.meta["depth"])
        scores.append(analyzer.analyze(text, name=p.doc.id).to_dict()["depth"]["score"])
    return {"n": len(grades), "model": rank_figures(grades, scores)}


def render(out: dict, pages: bool) -> str:
    def fig(f):
        return f"{f['spearman']:.3f} [{f['spearman_ci95'][0]:.2f}, {f['spearman_ci95'][1]:.2f}]"

    lines = [f"{out['n']} graded DEV pages, each analysed as its labelled kind; Spearman ρ with the guide grades "
             "[95% bootstrap, 2000 resamples]:",
             f"  depth score        {fig(out['model'])}",
             f"  text length        {fig(out['length'])}",
             f"  deadline regex     {fig(out['deadline'])}"]
    lines += [f"  criterion {c:<9}{fig(f)}" for c, f in out["criteria"].items()]
    if pages:
        for p in sorted(out["pages"], key=lambda p: (p["grade"], p["score"] or 0)):
            crit = " ".join(f"{c[:4]} {v:.0f}" if v is not None else f"{c[:4]} –" for c, v in p["criteria"].items())
            lines.append(f"\n{p['id']} grade {p['grade']} {p['kind']} [{p['shape']}] score {p['score']} ({crit}); "
                         f"{p['chars']} chars, roles {'/'.join(r[:4] for r in p['roles'])}")
            lines += [f"    -{d['points']:>5} {d['reason']}  {d['phrases'][:2]}" for d in p["deductions"][:5]]
            lines += [f"    note: {n}" for n in p["notes"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Depth on the graded real-page DEV sets.")
    parser.add_argument("--index", type=Path, nargs="+",
                        default=sorted((DATA_DIR / "realdocs").glob("dev-*.csv")))
    parser.add_argument("--cache", type=Path, default=DATA_DIR / "realdocs" / "cache")
    parser.add_argument("--pages", action="store_true", help="also print every page's score and deductions")
    parser.add_argument("--written", choices=("train", "dev"),
                        help="instead: the written materials of this split cut after their last problem")
    args = parser.parse_args(argv)
    if args.written:
        f = written_excerpts(args.written)["model"]
        print(f"{args.written}: written materials cut after their last problem, Spearman ρ with the guide grades "
              f"{f['spearman']:.3f} [{f['spearman_ci95'][0]:.2f}, {f['spearman_ci95'][1]:.2f}]")
        return 0
    print(render(study(graded_rows(args.index), args.cache), args.pages), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
