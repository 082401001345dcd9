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

import bisect
import math
import re
from functools import lru_cache

import numpy as np

from .resources import Hit, Lexicon, lexicon
from .thresholds import best_threshold, f1


def cue_features(texts: list[str]) -> np.ndarray:
    """Lexicon counts per sentence: denial cues; self-critical cues outside a denial cue;
    concessions (但是、其实…); resolutions (今后、坚决…); concrete instances; log length."""
    return _cue_rows([[lx.find(t) for lx, _ in _cue_lexicons()] + [len(t)] for t in texts])


def sentence_cue_features(paragraphs: list[str], spans: list[list[tuple[int, int]]]) -> np.ndarray:
    """:func:`cue_features` of the sentences ``paragraph[a:b]`` of every paragraph, each lexicon
    read from one scan of the paragraph where it can be (:func:`sentence_hits`)."""
    rows = []
    for text, sp in zip(paragraphs, spans):
        found = [sentence_hits(lx, text, sp, regexes) for lx, regexes in _cue_lexicons()]
        rows += [[hits[k] for hits in found] + [b - a] for k, (a, b) in enumerate(sp)]
    return _cue_rows(rows)


def _cue_rows(found: list[list]) -> np.ndarray:
    """The six counts from each sentence's matches of the five cue lexicons and its length."""
    rows = []
    for denials, critical, concessions, resolutions, instances, length in found:
        outside = [m for m in critical if m.group(0) != "存在"
                   and not any(d.start() <= m.start() < d.end() for d in denials)]
        rows.append([math.log1p(len(denials)), math.log1p(len(outside)), math.log1p(len(concessions)),
                     math.log1p(len(resolutions)), math.log1p(len(instances)), math.log1p(length) / 4])
    return np.array(rows, dtype=float).reshape(len(found), 6)


def _cue_lexicons() -> tuple:
    """The cue lexicons in :func:`cue_features` order, each with whether it holds regexes."""
    return ((lexicon("denial", "phrases"), False), (lexicon("self_critical", "phrases"), False),
            (lexicon("denial", "concessions"), False), (lexicon("denial", "resolutions"), False),
            (lexicon("instances", "markers", "regex"), True))


# what lies between two sentences of a paragraph (segment.sentence_spans): a sentence end or a blank
_BETWEEN_SENTENCES = re.compile(r"[。！？；!?;\s]")


def sentence_hits(lx: Lexicon, text: str, spans: list[tuple[int, int]], regexes: bool = False) -> list[tuple]:
    """``lx.find(text[a:b])`` for every sentence span of ``text``, with offsets in ``text``.

    A lexicon of phrases and ``A…B`` entries none of which holds a sentence end or a blank is
    read from one scan of ``text``: none of its matches can reach from one sentence into the
    next and a phrase or gap matches the same characters wherever it stands, so a sentence's
    matches are those of ``text`` inside it. Other lexicons (``regexes``: one made with raw
    regular expressions, which may reach across a sentence end) are scanned per sentence."""
    if regexes or _crosses_sentences(lx):
        return [tuple(Hit(m.start() + a, m.end() + a, m.group(0)) for m in lx.find(text[a:b])) for a, b in spans]
    hits = lx.find(text)
    starts = [m.start() for m in hits]
    return [hits[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)] for a, b in spans]


@lru_cache(maxsize=None)
def _crosses_sentences(lx: Lexicon) -> bool:
    """Whether an entry of ``lx`` holds a sentence end or a blank."""
    return any(_BETWEEN_SENTENCES.search(e) for e in lx.entries)


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
                       chars: CharGrams | None = None) -> np.ndarray:
        """:meth:`predict_proba` of the sentences ``paragraph[a:b]`` of every paragraph, their
        n-grams taken from the paragraphs' (``chars``, a :class:`~analyzer.features.CharGrams` of
        ``paragraphs`` that knows this classifier's vocabulary, or made here) and their lexicon
        counts read from the paragraphs (:func:`sentence_cue_features`)."""
        from .features import CharGrams, blocks, positive_proba

        parts = [(i, a, b) for i, sp in enumerate(spans) for a, b in sp]
        if not parts:
            return np.zeros(0)
        chars = chars if chars is not None else CharGrams(paragraphs, [self.char_])
        cues = sentence_cue_features(paragraphs, spans)
        return positive_proba(self.clf_, blocks([chars.rows(self.char_, parts), cues * self.cue_weight]))

    def predict(self, texts: list[str]) -> list[bool]:
        return [bool(p >= self.threshold_) for p in self.predict_proba(texts)]
