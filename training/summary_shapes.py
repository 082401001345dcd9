"""Work-summary passages in the shapes reviewers receive: paragraph F1 of ``summary_like``.

``python -m training.summary_shapes [--split test]`` analyses every written material of the split
(kind forced to the material's own, so only the summary judgement is measured) as

- ``clean``: one paragraph per line, as written; paragraph F1 against the labels;
- ``noisy``: web-page furniture lines (``data/kinds/noise.txt``) before, between and after the
  paragraphs; F1 over every line, noise lines counting as not summary-like (a flagged noise line
  is a false positive);
- ``runon``: every paragraph pasted into one line, then cut at sentence ends (。！？；) — the
  last resort of a splitter for a run-on paste (a heading without a full stop stays glued to the
  next sentence); each sentence takes the label of most of its characters and F1 is weighted by
  characters.

Nothing is fitted or tuned on these figures; the shapes are made from the split's documents only.
"""
from __future__ import annotations

import argparse
import json
import random
import re

from sklearn.metrics import f1_score

from training.corpus import load_corpus
from training.kinds_corpus import noise_lines

SHAPES = ("clean", "noisy", "runon")
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+|[^。！？；]+$")


def shaped(paragraphs: list[str], labels: list[bool], shape: str, seed: str) -> tuple[list[str], list[bool]]:
    """Lines of the shaped document and the gold label of each line."""
    if shape == "clean":
        return list(paragraphs), list(labels)
    if shape == "noisy":
        rng = random.Random(seed)
        pool = noise_lines()
        lines = [(s, False) for s in rng.sample(pool, 2)] + list(zip(paragraphs, labels))
        for _ in range(max(1, len(paragraphs) // 5)):
            lines.insert(rng.randint(2, len(lines)), (rng.choice(pool), False))
        lines += [(s, False) for s in rng.sample(pool, 2)]
        return [s for s, _ in lines], [g for _, g in lines]
    if shape == "runon":
        joined = "".join(paragraphs)
        owner = [i for i, text in enumerate(paragraphs) for _ in text]  # paragraph of each character
        units, gold = [], []
        for m in _SENTENCE.finditer(joined):
            if m.group().strip():
                share = sum(labels[owner[k]] for k in range(m.start(), m.end())) / (m.end() - m.start())
                units.append(m.group().strip())
                gold.append(share >= 0.5)  # a sentence glued across paragraphs takes its majority label
        return units, gold
    raise ValueError(f"unknown shape {shape!r}")


def line_flags(report, lines: list[str]) -> list[bool]:
    """Whether each input line was judged summary-like: most of its characters lie in flagged
    paragraphs (the pipeline may split a long line into several paragraphs)."""
    flagged = set(report.summary_like["paragraphs"])
    marked = [False] * (sum(len(line) + 1 for line in lines))
    for p in report.paragraphs:
        if p.index in flagged:
            marked[p.start:p.end] = [True] * (p.end - p.start)
    out, at = [], 0
    for line in lines:
        out.append(sum(marked[at:at + len(line)]) * 2 >= max(len(line), 1))
        at += len(line) + 1
    return out


def evaluate(split: str = "test") -> dict:
    from analyzer.pipeline import Analyzer

    analyzers = {}
    docs = [d for d in load_corpus(split) if d.path.parent.name == "written"]
    out = {}
    for shape in SHAPES:
        gold, pred, weight = [], [], []
        for d in docs:
            key = (d.rubric, d.meta["kind"])
            if key not in analyzers:
                analyzers[key] = Analyzer(rubric=d.rubric, kind=d.meta["kind"])
            lines, labels = shaped([p.text for p in d.paragraphs], [p.summary_like for p in d.paragraphs],
                                   shape, f"{d.id}:{shape}")
            report = analyzers[key].analyze("\n".join(lines), d.id, skip={"depth"})
            gold += labels
            pred += line_flags(report, lines)
            weight += [len(s) if shape == "runon" else 1 for s in lines]
        out[shape] = {"units": len(gold), "positive": int(sum(gold)),
                      "f1": round(f1_score(gold, pred, sample_weight=weight, zero_division=0), 4)}
    return {"split": split, "documents": len(docs), **out}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    print(json.dumps(evaluate(parser.parse_args().split), ensure_ascii=False, indent=2))
