"""Denial sentences: does a sentence say "nothing to confess here"?

Authors deny a category in endless wordings — 不存在问题、未发现、问题不突出、这方面我一向注意、
群众没有反映、始终严格要求自己、从未违规… — alone or right after a category heading
("4.奢靡之风方面。在这方面没有发现明显问题"). A closed word list misses most of them, so
:class:`DenialClassifier` learns them: a logistic regression over character 1–4-grams plus
a few lexicon counts (``data/lexicons/denial.yaml``: denial cues, concessions, resolutions;
self-critical cues outside a denial; concrete instances), trained by ``python -m training`` on the
written sentences of ``data/denials/`` and checked on wordings held apart from training.

The lexicon counts are features, not the rule: 没有真正沉下去 or 不存在的问题也要查 hold a
negator and still confess; 虽然没有违规…但… confesses; 坚决杜绝公款吃喝 is a resolution.

Sentences are those of the one splitter every stage uses (:func:`analyzer.segment.sentence_spans`).
"""
from __future__ import annotations

import math

import numpy as np

from .resources import lexicon
from .thresholds import best_threshold, f1


def cue_features(texts: list[str]) -> np.ndarray:
    """Lexicon counts per sentence: denial cues; self-critical cues outside a denial cue;
    concessions (但是、其实…); resolutions (今后、坚决…); concrete instances; log length."""
    denial = lexicon("denial", "phrases")
    concession = lexicon("denial", "concessions")
    resolution = lexicon("denial", "resolutions")
    critical = lexicon("self_critical", "phrases")
    instance = lexicon("instances", "markers", "regex")
    rows = []
    for t in texts:
        denials = denial.find(t)
        outside = [m for m in critical.find(t) if m.group(0) != "存在"
                   and not any(d.start() <= m.start() < d.end() for d in denials)]
        rows.append([math.log1p(len(denials)), math.log1p(len(outside)), math.log1p(concession.count(t)),
                     math.log1p(resolution.count(t)), math.log1p(instance.count(t)), math.log1p(len(t)) / 4])
    return np.array(rows, dtype=float).reshape(len(texts), 6)


class DenialClassifier:
    """P(a sentence denies having problems). Learned state: ``char_`` (TF-IDF over character
    1–4-grams), ``clf_`` (logistic regression), ``threshold_`` (``threshold``, or chosen by
    ``fit`` on held-apart sentences).

    Settings: ``C`` (inverse regularisation), ``cue_weight`` (scale of the lexicon counts
    against the n-gram block), ``threshold`` (used when ``fit`` is given no ``dev``).
    """

    def __init__(self, C: float = 4.0, cue_weight: float = 1.0, threshold: float = 0.5):
        self.C = C
        self.cue_weight = cue_weight
        self.threshold = threshold

    def _features(self, texts: list[str]):
        from .features import side_by_side, tfidf

        return side_by_side([tfidf(self.char_, texts), cue_features(texts) * self.cue_weight])

    def fit(self, texts: list[str], labels: list[bool],
            dev: tuple[list[str], list[bool]] | None = None) -> "DenialClassifier":
        """Fit on ``texts``; with ``dev`` (texts, labels held apart), first choose the threshold
        that maximises F1 on ``dev`` with a fit on ``texts`` alone, then refit on both."""
        self.threshold_ = self.threshold
        self._fit(texts, labels)
        if dev is None:
            return self
        self.threshold_ = best_threshold(list(self.predict_proba(dev[0])), dev[1], f1)
        return self._fit(list(texts) + list(dev[0]), list(labels) + list(dev[1]))

    def _fit(self, texts: list[str], labels: list[bool]) -> "DenialClassifier":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.char_ = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True)
        self.char_.fit(texts)
        self.clf_ = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.clf_.fit(self._features(texts), np.array(labels, dtype=bool))
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        from .features import positive_proba

        if not texts:
            return np.zeros(0)
        return positive_proba(self.clf_, self._features(texts))

    def predict(self, texts: list[str]) -> list[bool]:
        return [bool(p >= self.threshold_) for p in self.predict_proba(texts)]
