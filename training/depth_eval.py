"""Honest figures for the depth card: trivial baselines and bootstrap confidence intervals.

Used by ``python -m training`` (``training.train.train_depth``) on the held-out test split.
"""
from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from analyzer.resources import lexicon


def deadline_count(text: str) -> int:
    """Baseline: how many deadline expressions (3月底前、年底前…, ``measures.yaml``) a text holds."""
    return lexicon("measures", None, "deadline").count(text)


def spearman(x, y) -> float:
    rho = spearmanr(x, y).statistic
    return 0.0 if np.isnan(rho) else float(rho)


def bootstrap_ci(stat, n_items: int, n: int = 2000, seed: int = 0, level: float = 0.95) -> list[float]:
    """Percentile interval of ``stat(indices)`` over ``n`` resamples (with replacement) of the items."""
    rng = np.random.default_rng(seed)
    values = [stat(rng.integers(0, n_items, n_items)) for _ in range(n)]
    lo, hi = np.nanpercentile(values, [(1 - level) / 2 * 100, (1 + level) / 2 * 100])
    return [round(float(lo), 3), round(float(hi), 3)]


def rank_figures(grades: list[float], scores: list[float]) -> dict:
    """Spearman of scores with the guide grades and its bootstrap 95% interval."""
    g, s = np.array(grades, dtype=float), np.array(scores, dtype=float)
    return {"spearman": round(spearman(g, s), 4),
            "spearman_ci95": bootstrap_ci(lambda ix: spearman(g[ix], s[ix]), len(g))}


def pair_figures(wins: list[bool]) -> dict:
    """Share of deep/shallow pairs the deeper version wins, with its bootstrap 95% interval."""
    w = np.array(wins, dtype=float)
    if not len(w):
        return {"pair_accuracy": None, "pair_ci95": None}
    return {"pair_accuracy": round(float(w.mean()), 4),
            "pair_ci95": bootstrap_ci(lambda ix: float(w[ix].mean()), len(w))}
