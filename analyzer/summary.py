"""Stage 5: paragraphs that read like a work summary or duty report (防止写成工作总结或述职报告).

A calibrated logistic regression (``python -m training``) over the paragraph's words and cue
features: achievement language and result statistics (``data/lexicons/summary_cues.yaml``),
first-person-plural accomplishment, self-critical language (``self_critical.yaml``),
numbers that expose a shortfall rather than a result (``number_context.yaml``: 全年仅下基层
6 次 is a problem, not a result), compliance statements (严格遵守…均按规定: a report of
one's conduct in place of an examination), its position, and its predicted role (except
preamble). The document's ``ratio`` is the share of its characters in flagged paragraphs.
Headings and web noise (role ``noise``) are never flagged, nor is a paragraph that only denies
(coverage's verdict, :attr:`~analyzer.document.CoverageResult.only_denying`: 在这方面没有发现
明显问题): it reports no work, result or conduct, and coverage reports it as a denial. A
compliance report (本人严格遵守八项规定，各项接待均按标准执行，不存在问题) still reads like a
duty report.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from . import features
from .document import Document, SummaryResult
from .resources import LexiconSet, lexicon
from .thresholds import best_threshold, f1

# the predicted roles that inform the model; "preamble" is left out on purpose, so that a
# work-report opening (今年以来…取得了显著成效) is judged on its words, wherever it stands
ROLE_FEATURES = ("heading", "problem", "cause", "measure", "summary")
NEVER_FLAGGED = ("heading", "noise")


@lru_cache(maxsize=1)
def cue_lexicons() -> LexiconSet:
    return LexiconSet({
        "achievement": lexicon("summary_cues", "achievement"),
        "statistics": lexicon("summary_cues", None, "statistics"),
        "plural_accomplishment": lexicon("summary_cues", "plural_accomplishment"),
        "self_critical": lexicon("self_critical", "phrases"),
        "shortfall": lexicon("number_context", None, "shortfall"),
        "compliance": lexicon("summary_cues", "compliance"),  # 严格遵守…不存在问题: reports conduct
    })


def only_denying(doc: Document) -> list[bool]:
    """Per content paragraph: does it only deny (coverage's verdict; none without coverage)?"""
    return doc.coverage.only_denying if doc.coverage is not None else [False] * len(doc.texts)


def cue_phrases(text: str) -> list[str]:
    """The achievement, statistics and compliance phrases of a paragraph, shown as the reason it
    was flagged."""
    lex = cue_lexicons()
    found = []
    for name in ("achievement", "statistics", "plural_accomplishment", "compliance"):
        found += lex[name].phrases(text)
    return list(dict.fromkeys(found))


class DevDocument(NamedTuple):
    """A labelled document held apart from fitting, on which ``SummaryModel.fit`` chooses its
    thresholds: per-paragraph columns and labels, and whether the document is a work summary."""

    texts: list[str]
    tokens: list[list[str]]
    roles: list[str]
    labels: list[bool]
    work_summary: bool


def flagged_share(texts: list[str], flags) -> float:
    """The share of the document's characters in flagged paragraphs."""
    return sum(len(t) for t, f in zip(texts, flags) if f) / max(sum(len(t) for t in texts), 1)


class SummaryModel:
    """Calibrated paragraph classifier; learned state ``vec_``, ``clf_``, ``threshold_``,
    ``doc_threshold_`` (share of characters above which a document is flagged ``work_summary``),
    see :meth:`fit`."""

    def __init__(self, C: float = 1.0, threshold: float = 0.5, doc_threshold: float = 0.3):
        self.C = C
        self.threshold = threshold
        self.doc_threshold = doc_threshold

    def _cues(self, texts, roles):
        found = cue_lexicons().counts_of(texts)
        n = len(texts)
        rows = []
        for i, (text, role) in enumerate(zip(texts, roles)):
            counts = {name: column[i] for name, column in found.items()}
            row = [math.log1p(c) for c in counts.values()]
            row += [float(counts["achievement"] + counts["statistics"] > 0 and counts["self_critical"] == 0),
                    float(counts["shortfall"] > 0), i / max(n - 1, 1), math.log1p(len(text)) / 8]
            row += [float(role == r) for r in ROLE_FEATURES]
            rows.append(row)
        return np.array(rows)

    def _rows(self, docs: list[tuple[list[str], list[list[str]], list[str]]], grams=None):
        """The model's rows of several documents' (texts, tokens, roles) (:class:`~analyzer.features.Blocks`:
        ``.matrix()`` to fit, multiplied directly to predict); the words from ``grams`` (the featurisation of
        all their paragraphs in order, :func:`analyzer.features.of_many`) if given; the cues document by
        document (positions are the document's)."""
        from .features import blocks, tfidf_rows

        words = grams.words.rows(self.vec_) if grams is not None else \
            tfidf_rows(self.vec_, [" ".join(t) for _, tokens, _ in docs for t in tokens])
        return blocks([words, np.vstack([self._cues(texts, roles) for texts, _, roles in docs])])

    def fit(self, texts, tokens, roles, labels, dev: list[DevDocument] = ()):
        """Fit on the pooled paragraph columns. With ``dev`` documents, first fit on these columns
        alone, choose the paragraph threshold (best F1 on the paragraphs of ``dev``) and then the
        document threshold (best F1 of ``work_summary`` on ``dev``, a document's value being the
        :func:`flagged_share` of its paragraphs at the paragraph threshold), then refit on the
        columns and ``dev`` together. Without ``dev`` the thresholds are the constructor's."""
        self.threshold_, self.doc_threshold_ = self.threshold, self.doc_threshold
        self._fit(texts, tokens, roles, labels)
        if not dev:
            return self
        proba = [self.predict_proba(d.texts, d.tokens, d.roles) for d in dev]
        self.threshold_ = best_threshold([x for pr in proba for x in pr], [y for d in dev for y in d.labels], f1)
        shares = [flagged_share(d.texts, pr >= self.threshold_) for d, pr in zip(dev, proba)]
        self.doc_threshold_ = best_threshold(shares, [d.work_summary for d in dev], f1)
        columns = (texts, tokens, roles, labels)  # the first fields of a DevDocument
        return self._fit(*(list(c) + [x for d in dev for x in d[k]] for k, c in enumerate(columns)))

    def _fit(self, texts, tokens, roles, labels):
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vec_ = TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                    max_features=20000)
        self.vec_.fit([" ".join(t) for t in tokens])
        X = self._rows([(texts, tokens, roles)]).matrix()
        base = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        # ensemble=False: one logistic regression on all data, Platt-calibrated on 3-fold
        # out-of-fold scores (one model to evaluate at run time instead of three)
        self.clf_ = CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False).fit(
            X, np.array(labels, dtype=bool))
        return self

    def predict_proba(self, texts, tokens, roles, grams=None) -> np.ndarray:
        return self.predict_proba_many([(texts, tokens, roles)], grams)[0]

    def predict_proba_many(self, docs: list[tuple[list[str], list[list[str]], list[str]]], grams=None
                           ) -> list[np.ndarray]:
        """:meth:`predict_proba` of several documents' (texts, tokens, roles), as one product;
        ``grams``: the featurisation of all their paragraphs in order, when there is one
        (:func:`analyzer.features.of_many`)."""
        from .features import by_lengths, positive_proba

        proba = positive_proba(self.clf_, self._rows(docs, grams))
        proba = np.where(np.isin(np.array([r for _, _, roles in docs for r in roles]), NEVER_FLAGGED), 0.0, proba)
        return by_lengths(proba, [len(texts) for texts, _, _ in docs])


def assess(doc: Document, model: SummaryModel) -> SummaryResult:
    """Per-paragraph probability, the ``summary_like`` object, and cue phrases per paragraph,
    of the content paragraphs of a segmented and structured ``doc``."""
    return assess_many([doc], model)[0]


def assess_many(docs: list[Document], model: SummaryModel) -> list[SummaryResult]:
    """:func:`assess` of several documents, their paragraphs scored by one product."""
    scored = model.predict_proba_many([(d.texts, d.tokens, d.roles) for d in docs], features.of_many(docs))
    return [_result(doc, model, proba) for doc, proba in zip(docs, scored)]


def _result(doc: Document, model: SummaryModel, proba: np.ndarray) -> SummaryResult:
    """The summary result of a document from its paragraphs' probabilities."""
    texts = doc.texts
    proba = np.where(only_denying(doc), 0.0, proba)
    flagged = [i for i, p in enumerate(proba) if p >= model.threshold_]
    cues = [cue_phrases(texts[i]) if i in flagged else [] for i in range(len(texts))]
    total = sum(len(t) for t in texts) or 1
    ratio = sum(len(texts[i]) for i in flagged) / total
    result = {"ratio": round(ratio, 4), "paragraphs": flagged,
              "flagged": bool(ratio >= model.doc_threshold_), "threshold": model.doc_threshold_}
    return SummaryResult(proba, result, cues)
