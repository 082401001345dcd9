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

Two readings sit around the classifier: a numbered lead-in (（三）奢靡之风方面：/一是…方面，) is read off
before a sentence is scored (:func:`lead_in_end`), and a sentence that turns at a contrast connective is
read by what follows it (:data:`CONTRAST`: 这方面本人一般注意，只是偶尔有些懒散 concedes).

Sentences are those of the one splitter every stage uses (:func:`analyzer.segment.sentence_spans`).
"""
from __future__ import annotations

import math
import re

import numpy as np

from .resources import lexicon
from .thresholds import best_threshold, f1


# the raw counts of cue_counts, in this order: denial cues; self-critical cues (all, and those outside a
# denial cue other than a bare 存在); concessions (但是、其实…); resolutions (今后、坚决…); concrete
# instances; length
CUE_COUNTS = ("denial", "critical", "critical_outside", "concession", "resolution", "instance", "length")


# A numbered lead-in (1. （三） 一是 第二， ② 一、) and the heading words after it (…方面：/关于…，) say which
# item a sentence answers, not what it says: the classifier reads the sentence without them.
LEAD_IN = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}\s*[.．、)）](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十]{1,3}[，,、]|其[一二三四五六七八九十][，,、]?)\s*"
    r"(?:关于[^，。：:,；;！？]{1,16}(?:[，。：:,；;]|$)|[^，。：:,；;！？]{1,16}?方面(?:的问题)?(?:[，。：:,；;]|$))?")

# A contrast connective opening a clause (…，只是偶尔有些懒散; …，但群众反映…): in Chinese the point
# comes after it, so when what follows it denies nothing and is no resolution (or owns up to
# something), the sentence concedes or confesses, whatever denial words precede it; when what follows
# denies after a clause that grants something, the sentence denies (虽然分管接待，但从未超标); when what follows only
# resolves (…，但仍要防微杜渐), the sentence says what precedes the connective.
CONTRAST = re.compile(r"[，,；;：:]\s*(?:但是|但|只是|只不过|不过|然而|可是|可(?![以能见谓是])|就是|惟独|唯独|惟獨|问题在于"
                      r"|問題在於|其实|其實|实际上|實際上)")


# a clause that grants something first (虽然经常下乡，但从未…): only then does a denial after the connective make the
# sentence one; without it (…挂满了村部的墙，但我从来没有组织群众讲一讲) a "never did" confesses an omission
GRANT = re.compile(r"虽然|虽|尽管|固然|雖然|雖|儘管")
BODY_END = re.compile(r"[，。！？；,;!?]")


def lead_in_end(text: str) -> int:
    """Where a sentence's body starts after its numbered lead-in (0 without one, or when no
    clause follows it: a heading line such as （四）奢靡之风 or 二、奢靡之风问题 stays whole)."""
    m = LEAD_IN.match(text)
    rest = text[m.end():] if m else ""
    return m.end() if m and m.end() and len(rest) >= 4 and BODY_END.search(rest) else 0


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


def body_counts(texts: list[str], starts: list[int], counts: np.ndarray) -> np.ndarray:
    """:func:`cue_counts` of the bodies ``text[start:]`` from ``counts``, those of the texts whole: a text
    with a lead-in (``start`` > 0) is counted again without it (the lead-in's words are no cue of the body)."""
    moved = [k for k, start in enumerate(starts) if start]
    if not moved:
        return counts
    counts = counts.copy()
    counts[moved] = cue_counts([texts[k][starts[k]:] for k in moved])
    return counts


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
        """The n-gram and lexicon rows of ``texts`` (bodies, their lead-ins already taken off)."""
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

        texts = [t[lead_in_end(t):] for t in texts]
        self.char_ = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=2, sublinear_tf=True)
        self.char_.fit(texts)
        self.clf_ = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.clf_.fit(self._features(texts).matrix(), np.array(labels, dtype=bool))
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """P(denial) of each text: its body's (lead-in off), or that of what follows a contrast
        connective (:data:`CONTRAST`, :meth:`_conceded`)."""
        return self._conceded(texts, self._body_proba(texts))

    def _body_proba(self, texts: list[str], counts: np.ndarray | None = None) -> np.ndarray:
        """P(denial) of each text's body (its lead-in off); ``counts``: :func:`cue_counts` of the texts
        whole, when already counted (those with a lead-in are counted again without it)."""
        from .features import positive_proba

        if not texts:
            return np.zeros(0)
        starts = [lead_in_end(t) for t in texts]
        bodies = [t[start:] for t, start in zip(texts, starts)]
        counts = cue_counts(bodies) if counts is None else body_counts(texts, starts, counts)
        return positive_proba(self.clf_, self._features(bodies, cue_rows(counts)))

    def _conceded(self, texts: list[str], proba: np.ndarray) -> np.ndarray:
        """``proba`` with each text that turns at a contrast connective read by what follows the
        connective: lowered to that part's score when it denies nothing and owns up to something (a
        self-critical cue or a concrete instance) or is no resolution either (…，只是偶尔有些懒散); raised
        to it when that part denies and owns up to nothing after a clause that grants something (:data:`GRANT`:
        虽然经常下乡，但从未接受过宴请; without the grant, …但我从来没有组织群众讲一讲 confesses an omission); when that part
        only resolves (…，但仍要防微杜渐), the score of what precedes the connective."""
        turns = [(k, m.start(), m.end()) for k, t in enumerate(texts)
                 if (m := CONTRAST.search(t)) and len(t) - m.end() >= 4]
        if not turns:
            return proba
        tails = [texts[k][b:] for k, _, b in turns]
        counts = cue_counts(tails)
        tail_proba = self._body_proba(tails, counts).tolist()
        owns = (counts[:, CUE_COUNTS.index("critical_outside")] + counts[:, CUE_COUNTS.index("instance")] > 0).tolist()
        resolves = (counts[:, CUE_COUNTS.index("resolution")] > 0).tolist()
        only_resolves = [j for j, (p, own, res) in enumerate(zip(tail_proba, owns, resolves))
                         if p < self.threshold_ and res and not own]
        heads = self._body_proba([texts[turns[j][0]][:turns[j][1]] for j in only_resolves]).tolist()
        head_proba = dict(zip(only_resolves, heads))
        out = proba.copy()
        for j, ((k, _, _), p, own) in enumerate(zip(turns, tail_proba, owns)):
            if j in head_proba:
                out[k] = head_proba[j]
            elif p < self.threshold_:
                out[k] = min(out[k], p)
            elif not own and GRANT.search(texts[k][:turns[j][1]]):
                out[k] = max(out[k], p)
        return out

    def sentence_proba(self, paragraphs: list[str], spans: list[list[tuple[int, int]]],
                       chars: CharGrams | None = None, counts: np.ndarray | None = None) -> np.ndarray:
        """:meth:`predict_proba` of the sentences ``paragraph[a:b]`` of every paragraph, their
        n-grams taken from the paragraphs' (``chars``, a :class:`~analyzer.features.CharGrams` of
        ``paragraphs`` that knows this classifier's vocabulary, or made here) and their lexicon
        counts ``counts`` (:func:`cue_counts` of the sentences, or counted here)."""
        from .features import CharGrams, blocks, positive_proba

        whole = [(i, a, b) for i, sp in enumerate(spans) for a, b in sp]
        if not whole:
            return np.zeros(0)
        texts = [paragraphs[i][a:b] for i, a, b in whole]
        starts = [lead_in_end(t) for t in texts]
        parts = [(i, a + start, b) for (i, a, b), start in zip(whole, starts)]  # the bodies, lead-ins off
        chars = chars if chars is not None else CharGrams(paragraphs, [self.char_])
        if counts is None:
            counts = cue_counts([paragraphs[i][a:b] for i, a, b in parts])
        else:
            counts = body_counts(texts, starts, counts)
        proba = positive_proba(self.clf_, blocks([chars.rows(self.char_, parts), cue_rows(counts) * self.cue_weight]))
        return self._conceded(texts, proba)

    def predict(self, texts: list[str]) -> list[bool]:
        return [bool(p >= self.threshold_) for p in self.predict_proba(texts)]
