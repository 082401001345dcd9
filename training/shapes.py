"""Shapes of a labelled material as reviewers receive it, generated from its text.

Each generator returns the shaped text and, for every stretch of it, the index of the
labelled paragraph it comes from, so the pieces jingzi makes of it can be given the gold
labels of their source (:func:`gold_of_pieces`). Used to train on run-on and excerpted copies
of train materials (``training/train.py``) and to measure robustness on test materials
(``training/robustness.py``).
"""
from __future__ import annotations

import bisect
import random

from training.corpus import LabelledDocument

Stretch = tuple[int, int]  # (start offset in the shaped text, labelled paragraph index)


def one_paragraph(doc: LabelledDocument) -> tuple[str, list[Stretch]]:
    """Every line pasted into one run-on line."""
    stretches, at = [], 0
    for k, p in enumerate(doc.paragraphs):
        stretches.append((at, k))
        at += len(p.text)
    return "".join(p.text for p in doc.paragraphs), stretches


def excerpt(doc: LabelledDocument, cut: float = 0.4, last: int | None = None) -> tuple[str, list[Stretch]]:
    """From inside the first problem paragraph (``cut`` of it dropped, so it starts mid-sentence)
    to paragraph ``last`` (default: the last problem, cause or measure: no title, preamble or
    closing)."""
    roles = [p.role for p in doc.paragraphs]
    first = roles.index("problem") if "problem" in roles else 0
    if last is None:
        last = max((i for i, r in enumerate(roles) if r in ("measure", "cause", "problem")), default=len(roles) - 1)
    head = doc.paragraphs[first].text
    lines = [head[int(len(head) * cut):]] + [p.text for p in doc.paragraphs[first + 1:last + 1]]
    stretches, at = [], 0
    for k, line in zip(range(first, last + 1), lines):
        stretches.append((at, k))
        at += len(line) + 1
    return "\n".join(lines), stretches


def training_shapes(doc: LabelledDocument) -> list[tuple[str, list[Stretch]]]:
    """The shaped copies a train material contributes to the role model: its run-on copy, and
    one excerpt from a seeded random point of its first problem to a random later paragraph (to
    the end, closing included, half of the time: an excerpt that always ended on a measure taught
    the model that a last paragraph is a measure). Chosen on dev with a model fitted on train
    (role accuracy on dev materials as written / run-on / excerpt): no copies 0.955 / 0.912 /
    0.897; excerpt copies 0.953 / 0.922 / 0.968; run-on and excerpt copies 0.967 / 0.958 / 0.968."""
    rng = random.Random(doc.id)
    roles = [p.role for p in doc.paragraphs]
    first = roles.index("problem") if "problem" in roles else 0
    n = len(roles)
    last = n - 1 if rng.random() < 0.5 else rng.randint(min(first + 1, n - 1), n - 1)
    return [one_paragraph(doc), excerpt(doc, cut=rng.uniform(0.2, 0.7), last=last)]


def gold_of_pieces(source, pieces, stretches: list[Stretch]) -> list[int]:
    """For each paragraph jingzi made of a shaped text, the labelled paragraph holding most of
    its characters (``source``: the ingested shaped text; ``pieces``: its paragraphs)."""
    starts = [s for s, _ in stretches]
    out = []
    for p in pieces:
        counts: dict[int, int] = {}
        for i in range(p.start, p.end):
            k = stretches[bisect.bisect_right(starts, source.offsets[i]) - 1][1]
            counts[k] = counts.get(k, 0) + 1
        out.append(max(counts, key=counts.get))
    return out
