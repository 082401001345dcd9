"""Decision thresholds chosen inside the estimators' own ``fit``, on data held apart from fitting.

One procedure for every model: the value of a fixed grid whose decisions ``score >= t`` score best
on the held-apart data, ties going to the value nearest 0.5.

>>> best_threshold([0.2, 0.55, 0.7, 0.9], [False, False, True, True], f1)
0.6
"""
from __future__ import annotations

from typing import Callable, Sequence

GRID = tuple(round(0.1 + 0.05 * k, 2) for k in range(17))  # 0.10, 0.15 … 0.90


def best_threshold(scores: Sequence[float], gold: Sequence[bool],
                   metric: Callable[[Sequence[bool], list[bool]], float]) -> float:
    """The grid value that ``metric(gold, decisions)`` prefers."""
    return max(GRID, key=lambda t: (metric(gold, [s >= t for s in scores]), -abs(t - 0.5)))


def f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    """F1 of the positive class (0 when nothing is predicted or true)."""
    from sklearn.metrics import f1_score

    return f1_score(gold, pred, zero_division=0)


def macro_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    """Mean F1 of both classes."""
    from sklearn.metrics import f1_score

    return f1_score(gold, pred, average="macro", zero_division=0)
