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


# the raw counts of cue_counts, in this order: denial cues; self-critical cues (all, and those outside a
# denial cue other than a bare 存在); concessions (但是、其实…); resolutions (今后、坚决…); concrete
# instances; length
CUE_COUNTS = ("denial", "critical", "critical_outside", "concession", "resolution", "instance", "length")


def cue_features(texts: list[str]) -> np.ndarray:
    """Lexicon counts per sentence: denial cues; self-critical cues outside a denial cue;
    concessions (但是、其实…); resolutions (今后、坚决…); concrete instances; log length."""
    return cue_rows(cue_counts(texts))


def cue_rows(counts: np.ndarray) -> np.ndarray:
    """The six features of :func:`cue_features` from :func:`cue_counts` (``log1p`` of each count, the
    length's quartered)."""
    cues = counts[:, [0, 2, 3, 4, 5]]
    rows = np.empty((len(counts), 6))
    rows[:, :5] = np.array([math.log1p(k) for k in range(int(cues.max(initial=0)) + 1)])[cues]
    rows[:, 5] = [math.log1p(n) / 4 for n in counts[:, 6].tolist()]
    return rows


def cue_counts(texts: list[str]) -> np.ndarray:
    """The :data:`CUE_COUNTS` of every text, each cue lexicon read from one scan of them all
    (:meth:`~analyzer.resources.Lexicon.find_all`)."""
    denial, critical, *others = [lx.find_all(texts) for lx in _cue_lexicons()]
    out = np.zeros((len(texts), len(CUE_COUNTS)), dtype=np.int64)
    out[:, 6] = [len(t) for t in texts]
    if not texts:
        return out
    covered = {(k, p) for k, m in zip(*denial) for p in range(m.start(), m.end())}
    outside = [k for k, m in zip(*critical) if m.group(0) != "存在" and (k, m.start()) not in covered]
    for column, owners in zip((0, 1, 2, 3, 4, 5), (denial[0], critical[0], outside, *(o for o, _ in others))):
        out[:, column] = np.bincount(np.array(owners, dtype=np.int64), minlength=len(texts))
    return out


def _cue_lexicons() -> tuple:
    """The cue lexicons in :data:`CUE_COUNTS` order."""
    return (lexicon("denial", "phrases"), lexicon("self_critical", "phrases"), lexicon("denial", "concessions"),
            lexicon("denial", "resolutions"), lexicon("instances", "markers", "regex"))


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

    def _features(self, texts: list[str], cues: np.ndarray | None = None):
        from .features import blocks, tfidf_rows

        cues = cue_features(texts) if cues is None else cues
        return blocks([tfidf_rows(self.char_, texts), cues * self.cue_weight])

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
        self.clf_.fit(self._features(texts).matrix(), np.array(labels, dtype=bool))
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        from .features import positive_proba

        if not texts:
            return np.zeros(0)
        return positive_proba(self.clf_, self._features(texts))

    def sentence_proba(self, paragraphs: list[str], spans: list[list[tuple[int, int]]],
                       chars: CharGrams | None = None, counts: np.ndarray | None = None) -> np.ndarray:
        """:meth:`predict_proba` of the sentences ``paragraph[a:b]`` of every paragraph, their
        n-grams taken from the paragraphs' (``chars``, a :class:`~analyzer.features.CharGrams` of
        ``paragraphs`` that knows this classifier's vocabulary, or made here) and their lexicon
        counts ``counts`` (:func:`cue_counts` of the sentences, or counted here)."""
        from .features import CharGrams, blocks, positive_proba

        parts = [(i, a, b) for i, sp in enumerate(spans) for a, b in sp]
        if not parts:
            return np.zeros(0)
        chars = chars if chars is not None else CharGrams(paragraphs, [self.char_])
        counts = cue_counts([paragraphs[i][a:b] for i, a, b in parts]) if counts is None else counts
        return positive_proba(self.clf_, blocks([chars.rows(self.char_, parts), cue_rows(counts) * self.cue_weight]))

    def predict(self, texts: list[str]) -> list[bool]:
        return [bool(p >= self.threshold_) for p in self.predict_proba(texts)]
