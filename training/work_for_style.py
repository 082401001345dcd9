"""以工作问题代替作风问题 (work_for_style), measured: ``python -m training.work_for_style``.

Two levels, both against the trivial baseline:

- **paragraphs** (``data/work_for_style/{train,dev,test}.tsv``, written for jingzi): each
  problem paragraph confesses either a work shortfall (``work``) or the author's behaviour
  (``style``). Each is analysed inside a minimal material (so the coverage model gives its
  styles, as at run time) and judged by :func:`analyzer.depth.work_problem`. Compared with
  the rule before issue 13's fix (any work word in a paragraph with no style) and with
  calling every paragraph a work problem.
- **materials** (the written corpus's dev and test splits, flaw ``work_for_style``): the
  depth stage's substitution, i.e. at least half of the problems are work problems
  (:data:`analyzer.depth.WORK_FOR_STYLE_SHARE`), against flagging every material.

The test files were written before the rule was tuned and nothing was tuned on them.
Precision and recall carry bootstrap 95% intervals (2,000 resamples of the items).
"""
from __future__ import annotations

import argparse
import csv
import json

import numpy as np

from analyzer.resources import lexicon

from .corpus import DATA_DIR
from .depth_eval import bootstrap_ci

SPLITS = ("train", "dev", "test")
_WRAP = ("关于个人对照检查的材料\n一、存在的问题\n{p}\n二、原因分析\n主要是理想信念有所淡化，宗旨意识不强。\n"
         "三、整改措施\n今年6月底前完成整改。\n")


def load(split: str) -> list[tuple[bool, str]]:
    """(is a work problem, paragraph) of one split."""
    with open(DATA_DIR / "work_for_style" / f"{split}.tsv", encoding="utf-8", newline="") as f:
        return [(r["label"] == "work", r["text"]) for r in csv.DictReader(f, delimiter="\t")]


def figures(gold: list[bool], pred: list[bool]) -> dict:
    """Precision and recall of ``pred`` with bootstrap 95% intervals."""
    g, p = np.array(gold, dtype=bool), np.array(pred, dtype=bool)

    def precision(ix):
        return float((g[ix] & p[ix]).sum() / p[ix].sum()) if p[ix].sum() else np.nan

    def recall(ix):
        return float((g[ix] & p[ix]).sum() / g[ix].sum()) if g[ix].sum() else np.nan

    every = np.arange(len(g))
    return {"support": int(g.sum()), "predicted": int(p.sum()),
            "precision": round(precision(every), 3) if p.sum() else None,
            "precision_ci95": bootstrap_ci(precision, len(g)) if p.sum() else None,
            "recall": round(recall(every), 3), "recall_ci95": bootstrap_ci(recall, len(g))}


def paragraph_figures(analyzer, split: str) -> dict:
    """The rule, the rule before the fix and the all-work baseline on one paragraph split."""
    from analyzer.depth import lexicons, work_problem

    lx = lexicons()
    gold, judged = [], []
    for is_work, text in load(split):
        report = analyzer.analyze(_WRAP.format(p=text))
        own = max(report.paragraphs, key=lambda q: len(set(q.text) & set(text)))
        gold.append(is_work)
        judged.append((own.text, own.styles))
    rule = [bool(work_problem(t, s, lx)) for t, s in judged]
    before = [bool((lx["work_results"].find(t) or lx["shortfalls"].find(t)) and not s) for t, s in judged]
    return {"paragraphs": len(gold), "rule": figures(gold, rule), "rule_before": figures(gold, before),
            "every_paragraph_work": figures(gold, [True] * len(gold))}


def material_figures(analyzer, split: str) -> dict:
    """The depth stage's work_for_style on one corpus split, and flagging every material."""
    from .corpus import load_corpus

    docs = load_corpus(split)
    gold = ["work_for_style" in d.meta["flaws"] for d in docs]
    pred = [analyzer.analyze(d.text, d.id).depth["substitutions"]["work_for_style"] for d in docs]
    return {"materials": len(docs), "rule": figures(gold, pred), "every_material": figures(gold, [True] * len(docs))}


def evaluate() -> dict:
    from analyzer.pipeline import Analyzer

    analyzer = Analyzer(kind="personal")
    return {"paragraphs": {s: paragraph_figures(analyzer, s) for s in SPLITS},
            "materials": {s: material_figures(analyzer, s) for s in ("dev", "test")}}


def _cell(f: dict) -> str:
    if f["precision"] is None:
        return f"{f['predicted']} | – | {f['recall']:.2f} [{f['recall_ci95'][0]:.2f}, {f['recall_ci95'][1]:.2f}]"
    (plo, phi), (rlo, rhi) = f["precision_ci95"], f["recall_ci95"]
    return f"{f['predicted']} | {f['precision']:.2f} [{plo:.2f}, {phi:.2f}] | {f['recall']:.2f} [{rlo:.2f}, {rhi:.2f}]"


def card_section(m: dict) -> str:
    """The work_for_style section of models/depth.md."""
    t = m["paragraphs"]["test"]
    rows = [f"| paragraphs, test ({t['paragraphs']}, {t['rule']['support']} work) | {name} | {_cell(t[key])} |"
            for key, name in (("rule", "rule"), ("rule_before", "rule before the fix"),
                              ("every_paragraph_work", "every paragraph a work problem"))]
    for s in ("test", "dev"):
        f = m["materials"][s]
        rows += [f"| materials, corpus {s} ({f['materials']}, {f['rule']['support']} flagged) | {name} | {_cell(f[key])} |"
                 for key, name in (("rule", "rule"), ("every_material", "every material"))]
    dev = m["paragraphs"]["dev"]["rule"]
    return f"""
## work_for_style (以工作问题代替作风问题)

A problem paragraph is a **work problem** when it names no style (coverage), no conduct of the
author (an attitude, habit or way of treating people, or 我/本人 as the actor:
`work_results.yaml` `conduct`) and speaks of the work — indicators, shortfalls (工作任务重、
推进不平衡) or the work's objects and results (建设滞后、机制不健全). A material substitutes
work for style when **at least half** of its problem paragraphs are work problems — a fixed
rule, not a threshold fitted on dev (the fitted one, 0.2, fired on 7 test materials for 2 true
ones). Labelled paragraphs: `data/work_for_style/` (train 60, dev 30, test 40, written for
jingzi; test written first and never tuned on; the hard cases are 调研不深入 told with a
concrete behaviour vs 调研工作还有差距, indicators named inside a behaviour, 我觉得 before a list
of missed targets). Dev paragraphs: precision {dev['precision']:.2f}, recall {dev['recall']:.2f}.
Reproduce with `python -m training.work_for_style`; bootstrap 95% intervals.

| set | judge | predicted | precision [95% CI] | recall [95% CI] |
|---|---|---|---|---|
{chr(10).join(rows)}

What this does not show: the paragraphs were written by the same hand as the conduct list, so
the paragraph figures are an upper bound; the corpus flags are per material, written to the
labelling guide, and a material the writers flagged for one or two work problems among five
is missed by the half rule on purpose (a reason must hold for the material, not a paragraph).
With 2 and 3 flagged materials in test and dev, the material figures are anecdotes: an interval
of [1.00, 1.00] over one prediction says nothing.
"""


def main(argv=None) -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    print(json.dumps(evaluate(), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
