"""The kind model's sentence view: what a page's sentences do, pooled per document.

A reader tells a kind from what its sentences do (confess in the first person, report a meeting, list
someone else's faults, assign a deadline and owner, advise, announce), not from the page as one bag of
n-grams. :class:`SentenceView` is a logistic regression over the character 2–3-grams of single sentences,
each labelled with its document's kind; a document's sentence probabilities are pooled into a few dense
features (:func:`pooled`: per kind the mean, the max, the share of sentences it wins, the mean over the
first and the last sentences) that the document model reads beside its own rows. All sentences of a chunk
are scored by one product and pooled by array reductions, no loop over sentences.

The document model must see pooled features of sentences the sentence model was not fitted on (else it
learns to trust them more than they deserve): :func:`out_of_fold` fits the view on some groups of the
training documents and pools the others', every group in turn.
"""
from __future__ import annotations

import re

import numpy as np

# a sentence as the kind stage reads one (the voice rules, the layout and this view): a run between 。！？；!?; and line breaks
SENTENCE = re.compile(r"[^。！？；!?;\n]+")
_SPACE = re.compile(r"\s+")
ENDS = 3  # the first and the last sentences pooled apart: a page's opening and closing carry its genre
OUT_OF_FOLD = 3  # groups of the training documents the view is fitted without, in turn


def sentences(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """Every sentence of every text (whitespace removed, at least two characters; a text with none is
    its own one sentence) and the number of each text's sentences."""
    out, counts = [], []
    for text in texts:
        found = [s for s in (_SPACE.sub("", s) for s in SENTENCE.findall(text)) if len(s) > 1] \
            or [_SPACE.sub("", text)]
        out += found
        counts.append(len(found))
    return out, np.array(counts, dtype=np.int64)


def pooled(proba: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Per document (``counts`` sentences each, in order, every count ≥ 1) and per kind (the columns of
    ``proba``): the mean and the max of its sentences' probabilities, the share of its sentences the kind
    wins, and the mean over its first and over its last :data:`ENDS` sentences."""
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    within = np.arange(len(proba)) - np.repeat(starts, counts)
    n = np.repeat(counts, counts)
    wins = np.zeros_like(proba)
    wins[np.arange(len(proba)), proba.argmax(axis=1)] = 1.0

    def mean_of(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(proba * mask[:, None], starts) / np.add.reduceat(mask, starts)[:, None]

    return np.hstack([np.add.reduceat(proba, starts) / counts[:, None], np.maximum.reduceat(proba, starts),
                      np.add.reduceat(wins, starts) / counts[:, None],
                      mean_of((within < ENDS).astype(float)), mean_of((within >= n - ENDS).astype(float))])


class SentenceView:
    """A sentence classifier over character 2–3-grams, each sentence labelled with its document's kind."""

    def __init__(self, C: float = 1.0):
        self.C = C

    def fit(self, texts: list[str], kinds: list[str], groups: list) -> "SentenceView":
        """Fit on the distinct sentences of each group (a document's shapes repeat its sentences)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        found, counts = sentences(texts)
        owner = np.repeat(np.arange(len(texts)), counts)
        seen = {}
        for s, i in zip(found, owner.tolist()):
            seen.setdefault((groups[i], s), kinds[i])
        x = [s for _, s in seen]
        y = list(seen.values())
        self.vec_ = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True,
                                    max_features=40000)
        self.clf_ = LogisticRegression(C=self.C, max_iter=100, tol=1e-3, class_weight="balanced")
        self.clf_.fit(self.vec_.fit_transform(x), y)
        return self

    def features(self, texts: list[str], kinds: tuple[str, ...]) -> np.ndarray:
        """:func:`pooled` sentence probabilities of ``texts``, columns in ``kinds`` order, one product."""
        from .features import multinomial, tfidf_rows

        found, counts = sentences(texts)
        proba = multinomial(self.clf_, tfidf_rows(self.vec_, found))
        by_kind = np.zeros((len(found), len(kinds)))  # a kind no training sentence had stays 0
        for j, kind in enumerate(self.clf_.classes_):
            by_kind[:, kinds.index(kind)] = proba[:, j]
        return pooled(by_kind, counts)


def out_of_fold(texts: list[str], kinds: list[str], groups: list, order: tuple[str, ...],
                C: float = 1.0) -> np.ndarray:
    """:meth:`SentenceView.features` of every text from a view fitted without its group: the groups dealt
    into :data:`OUT_OF_FOLD` folds in order of first appearance, each fold pooled by a view fitted on the rest."""
    first = list(dict.fromkeys(groups))
    fold_of = {g: i % OUT_OF_FOLD for i, g in enumerate(first)}
    fold = np.array([fold_of[g] for g in groups])
    out = np.zeros((len(texts), 5 * len(order)))
    for k in range(OUT_OF_FOLD):
        held = np.flatnonzero(fold == k)
        rest = np.flatnonzero(fold != k)
        view = SentenceView(C).fit([texts[i] for i in rest], [kinds[i] for i in rest], [groups[i] for i in rest])
        out[held] = view.features([texts[i] for i in held], order)
    return out
