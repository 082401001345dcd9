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

from re import _parser as re_parser
from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN

from .resources import MEMO, Hit, Lexicon, lexicon, load_yaml, phrase_regex
from .thresholds import best_threshold, f1


def cue_features(texts: list[str]) -> np.ndarray:
    """Lexicon counts per sentence: denial cues; self-critical cues outside a denial cue;
    concessions (但是、其实…); resolutions (今后、坚决…); concrete instances; log length."""
    return _cue_rows([[lx.find(t) for lx, _ in _cue_lexicons()] + [len(t)] for t in texts])


def sentence_cue_features(paragraphs: list[str], spans: list[list[tuple[int, int]]]) -> np.ndarray:
    """:func:`cue_features` of the sentences ``paragraph[a:b]`` of every paragraph, each phrase
    lexicon read from one scan of the paragraph (:func:`sentence_hits`), the instances by
    :func:`instance_counter`."""
    rows = []
    phrase_lexicons = [lx for lx, regexes in _cue_lexicons() if not regexes]
    for text, sp in zip(paragraphs, spans):
        found = [sentence_hits(lx, text, sp) for lx in phrase_lexicons] + [instance_counter().counts(text, sp)]
        rows += [[hits[k] for hits in found] + [b - a] for k, (a, b) in enumerate(sp)]
    return _cue_rows(rows)


def _cue_rows(found: list[list]) -> np.ndarray:
    """The six counts from each sentence's matches of the first four cue lexicons, its number
    of instances (a count or the matches) and its length."""
    rows = []
    for denials, critical, concessions, resolutions, instances, length in found:
        outside = [m for m in critical if m.group(0) != "存在"
                   and not any(d.start() <= m.start() < d.end() for d in denials)]
        n_instances = instances if isinstance(instances, int) else len(instances)
        rows.append([math.log1p(len(denials)), math.log1p(len(outside)), math.log1p(len(concessions)),
                     math.log1p(len(resolutions)), math.log1p(n_instances), math.log1p(length) / 4])
    return np.array(rows, dtype=float).reshape(len(found), 6)


class SentenceCounter:
    """How many matches ``lexicon(file, key, regex_key).find`` gives in each sentence of a
    paragraph, its regular expression run only with the alternatives that can match in the
    paragraph. Each alternative's required strings (one of which every match of it holds, read
    from its parsed form) are looked up in the paragraph in one pass; the leftmost-first,
    non-overlapping matches of the whole alternation are then those of the alternatives left,
    each compiled once and searched on its own (:meth:`_count`). The phrases are read from the
    paragraph (:func:`sentence_hits`). Where the lexicon's expression is not the one rebuilt
    here, or an alternative can match the empty string, each sentence is scanned by ``find``."""

    def __init__(self, file: str, key: str, regex_key: str):
        import ahocorasick_rs

        self.lexicon = lx = lexicon(file, key, regex_key)
        self.phrases = Lexicon(lx.name, [e for e in lx.entries if "…" not in e])
        gapped = [e for e in sorted(lx.entries, key=len, reverse=True) if "…" in e]
        regexes = [str(x) for x in load_yaml(f"lexicons/{file}.yaml").get(regex_key) or []]
        parts = [phrase_regex(e) for e in gapped] + [f"(?:{r})" for r in regexes]
        parsed = [re_parser.parse(p) for p in parts]
        self.exact = lx.pattern is not None and lx.pattern.pattern == "|".join(parts) \
            and lx.pattern.flags == re.compile("|".join(parts)).flags and all(t.getwidth()[0] > 0 for t in parsed)
        self.alternatives = [re.compile(p) for p in parts]
        needs = [None if tree.state.flags & re.IGNORECASE else _required(tree) for tree in parsed]
        self.always = [i for i, need in enumerate(needs) if need is None]
        strings = sorted({s for need in needs if need for s in need})
        self.parts_of = [[i for i, need in enumerate(needs) if need and s in need] for s in strings]
        self.probe = ahocorasick_rs.AhoCorasick(strings) if strings else None
        self._memo: dict[tuple, list[int]] = {}

    def counts(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        key = (text, tuple(spans))
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MEMO:
                self._memo.clear()
            found = self._memo[key] = self._counts(text, spans)
        return found

    def _counts(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        if not self.exact:
            return [len(self.lexicon.find(text[a:b])) for a, b in spans]
        alive = set(self.always)
        if self.probe is not None:
            for k, _, _ in self.probe.find_matches_as_indexes(text, overlapping=True):
                alive.update(self.parts_of[k])
        alive = sorted(alive)
        return [len(hits) + self._count(text[a:b], alive)
                for hits, (a, b) in zip(sentence_hits(self.phrases, text, spans), spans)]

    def _count(self, sentence: str, alive: list[int]) -> int:
        """``len(list(re.compile("|".join(alternatives)).finditer(sentence)))`` over the alive
        alternatives (no match of them is empty): at each step the match starting first wins,
        the earlier alternative on a tie, and the search goes on from its end."""
        found = {}
        for i in alive:
            m = self.alternatives[i].search(sentence)
            if m:
                found[i] = m
        n = 0
        while found:
            end = found[min(found, key=lambda i: (found[i].start(), i))].end()
            n += 1
            for i in [i for i, m in found.items() if m.start() < end]:
                m = self.alternatives[i].search(sentence, end)
                if m:
                    found[i] = m
                else:
                    del found[i]
        return n


def _required(items, limit: int = 64) -> frozenset | None:
    """Strings one of which every match of the parsed regular expression ``items`` holds (the
    longest such set found: a run of elements matching a few fixed strings each, or what a
    group or a repeat of at least one holds), or None when none is known."""
    best, run = None, {""}

    def better(need):
        nonlocal best
        if need and (best is None or (min(map(len, need)), -len(need)) > (min(map(len, best)), -len(best))):
            best = frozenset(need)

    for op, av in list(items) + [(None, None)]:
        fixed = _fixed(op, av, limit)
        if fixed is not None and len(run) * len(fixed) <= limit:
            run = {a + b for a in run for b in fixed}
            continue
        better(run - {""} if "" not in run else None)
        run = {""} if fixed is None else set(fixed)
        if op is SUBPATTERN and not av[1] & re.IGNORECASE:
            better(_required(av[-1], limit))
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            better(_required(av[2], limit))
        elif op is BRANCH:
            branches = [_required(b, limit) for b in av[1]]
            if all(branches):
                better(frozenset().union(*branches))
    return best


def _fixed(op, av, limit: int) -> set[str] | None:
    """The few strings one parsed element matches exactly, or None."""
    if op is LITERAL:
        return {chr(av)}
    if op is IN and all(o in (LITERAL, RANGE) for o, _ in av):
        chars = set()
        for o, a in av:
            chars.update([chr(a)] if o is LITERAL else map(chr, range(a[0], a[1] + 1)))
            if len(chars) > limit:
                return None
        return chars
    if op is SUBPATTERN and av[1] & re.IGNORECASE:
        return None
    if op in (SUBPATTERN, BRANCH):
        out = set()
        for branch in (av[1] if op is BRANCH else [av[-1]]):
            strings = {""}
            for o, a in branch:
                fixed = _fixed(o, a, limit)
                if fixed is None or len(strings) * len(fixed) > limit:
                    return None
                strings = {x + y for x in strings for y in fixed}
            out |= strings
        return out if len(out) <= limit else None
    return None


def _cue_lexicons() -> tuple:
    """The cue lexicons in :func:`cue_features` order, each with whether it holds regexes."""
    return ((lexicon("denial", "phrases"), False), (lexicon("self_critical", "phrases"), False),
            (lexicon("denial", "concessions"), False), (lexicon("denial", "resolutions"), False),
            (lexicon("instances", "markers", "regex"), True))


@lru_cache(maxsize=None)
def instance_counter() -> "SentenceCounter":
    """The instances lexicon (concrete times, places, numbers) counted per sentence."""
    return SentenceCounter("instances", "markers", "regex")


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
        from .features import side_by_side_rows, tfidf_rows

        cues = cue_features(texts) if cues is None else cues
        return side_by_side_rows([tfidf_rows(self.char_, texts), cues * self.cue_weight])

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

    def sentence_proba(self, paragraphs: list[str], spans: list[list[tuple[int, int]]]) -> np.ndarray:
        """:meth:`predict_proba` of the sentences ``paragraph[a:b]`` of every paragraph, their
        lexicon counts read from the paragraphs (:func:`sentence_cue_features`)."""
        from .features import positive_proba

        texts = [t[a:b] for t, sp in zip(paragraphs, spans) for a, b in sp]
        if not texts:
            return np.zeros(0)
        return positive_proba(self.clf_, self._features(texts, sentence_cue_features(paragraphs, spans)))

    def predict(self, texts: list[str]) -> list[bool]:
        return [bool(p >= self.threshold_) for p in self.predict_proba(texts)]
