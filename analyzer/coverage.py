"""Stage 4: which categories of the rubric (default: the four styles) each paragraph and the
document substantively examine, with evidence.

Two sources of evidence are combined by a per-category logistic regression trained on
the labelled corpus (``jingzi train``):

* the rubric's manifestation patterns (``data/rubrics/<rubric>.yaml``), matched on the
  characters of each sentence. Patterns are matched on characters rather than on jieba
  tokens because jieba cuts the same phrase differently in different contexts (会多/开会多),
  which made token matching miss. A match in a sentence that carries a denial cue
  (``data/lexicons/denial.yaml``: 不存在、没有发现 …) and no self-critical cue, or in a
  clause where a negator stands right before a manifestation (从不讲排场、比阔气), is a
  denial and counts against the category; the category's bare name (形式主义) is no evidence;
* the words of the paragraph (TF-IDF over jieba words and character bigrams/trigrams),
  its role, and the category named by the heading it sits under.

A document covers a category when one of its problem paragraphs (any non-heading paragraph
if none is a problem) reaches the threshold chosen on the dev split. A rubric with no trained model (a new rubric file)
is judged by its patterns alone, with the same denial handling.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

import numpy as np

from .resources import Lexicon, Rubric, phrase_regex, lexicon, load_yaml

_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
SUBSTANTIVE_ROLES = ("problem",)  # corpus rule: covered = union of styles over problem paragraphs


@dataclass
class Match:
    category: str
    group: str
    phrase: str
    start: int          # offset in the paragraph
    denied: bool


class PatternMatcher:
    """Rubric patterns compiled into one :class:`~analyzer.resources.Lexicon` per category;
    ``match(text)`` scans a paragraph once per category, names each match's manifestation
    group (a dictionary lookup for phrases, a re-match for ``A…B`` patterns) and applies
    the sentence and clause denial rules."""

    def __init__(self, rubric: Rubric):
        self.rubric = rubric
        self.compiled = {}
        for c in rubric.categories:
            pairs = [(p, g) for g, ps in c.groups.items() for p in ps]
            literal = {p: g for p, g in pairs if "…" not in p}
            gapped = [(re.compile(phrase_regex(p)), g) for p, g in pairs if "…" in p]
            self.compiled[c.id] = (Lexicon(c.id, [p for p, _ in pairs]), literal, gapped)
        self.names = {c.id: Lexicon(c.id, c.names + [c.label]) for c in rubric.categories}
        self.denial = lexicon("denial", "phrases")
        self.self_critical = lexicon("self_critical", "phrases")
        denial = load_yaml("lexicons/denial.yaml")
        self.not_confessions = set(denial.get("not_confessions") or [])
        self.negators = tuple(sorted(denial.get("negators") or [], key=len, reverse=True))

    def match(self, text: str) -> list[Match]:
        """Pattern matches with their denial flag; a category *named* in a denial sentence
        yields a denied match of group ``name`` (names are never positive evidence)."""
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        denials = self.denial.find(text)
        confessions = [m for m in self.self_critical.find(text) if m.group(0) not in self.not_confessions
                       and not any(d.start() <= m.start() < d.end() for d in denials)]
        denied = [any(a <= d.start() < b for d in denials) and not any(a <= c.start() < b for c in confessions)
                  for a, b in sentences]
        starts = [a for a, _ in sentences]

        def sentence_denied(pos: int) -> bool:
            return denied[bisect.bisect_right(starts, pos) - 1] if sentences else False

        out = []
        if any(denied):
            for cid, lx in self.names.items():
                out.extend(Match(cid, "name", m.group(0), m.start(), True)
                           for m in lx.find(text) if sentence_denied(m.start()))
        negated_clauses = set()
        for cid, (lx, literal, gapped) in self.compiled.items():
            for m in lx.find(text):
                phrase = m.group(0)
                group = literal.get(phrase) or next(g for r, g in gapped if r.fullmatch(phrase))
                out.append(Match(cid, group, phrase, m.start(), sentence_denied(m.start())))
                if text[max(0, m.start() - 4):m.start()].endswith(self.negators):
                    negated_clauses.add(_clause_start(text, m.start()))
        for match in out:  # a negator before one manifestation denies its whole clause
            if _clause_start(text, match.start) in negated_clauses:
                match.denied = True
        return out

    def named(self, text: str) -> set[str]:
        return {cid for cid, lx in self.names.items() if lx.find(text)}


def _clause_start(text: str, pos: int) -> int:
    """Offset where the clause (text between ，；。！？：) holding ``pos`` begins."""
    return max(text.rfind(p, 0, pos) for p in "，；。！？：,;") + 1


def best_sentence(text: str, matches: list[Match], category: str) -> str:
    """The sentence of ``text`` holding most non-denied matches of ``category``."""
    sentences = [(m.start(), m.end(), m.group(0)) for m in _SENTENCE.finditer(text)]
    if not sentences:
        return text
    def hits(s):
        return sum(1 for m in matches if m.category == category and not m.denied and s[0] <= m.start < s[1])
    return max(sentences, key=hits)[2].strip()


class CoverageModel:
    """Per-category paragraph classifiers over words, character n-grams and pattern evidence.

    Learned state: ``word_``, ``char_``, ``clf_`` (category -> LogisticRegression),
    ``threshold_`` (category -> paragraph threshold), ``doc_threshold_``.
    """

    def __init__(self, rubric: Rubric, C: float = 2.0):
        self.rubric = rubric
        self.C = C

    def features(self, texts, tokens, roles, contexts, matcher: PatternMatcher):
        from scipy.sparse import csr_matrix, hstack

        rows = []
        all_matches = []
        for text, role, ctx in zip(texts, roles, contexts):
            matches = matcher.match(text)
            all_matches.append(matches)
            named_here = matcher.named(text)
            named_ctx = matcher.named(ctx)
            row = []
            for cid in self.rubric.ids:
                pos = sum(1 for m in matches if m.category == cid and not m.denied)
                neg = sum(1 for m in matches if m.category == cid and m.denied)
                row += [math.log1p(pos), math.log1p(neg), float(cid in named_here), float(cid in named_ctx),
                        float(cid in named_ctx and pos > 0)]
            row += [float(role == r) for r in ("heading", "preamble", "problem", "cause", "measure", "summary")]
            rows.append(row)
        words = [" ".join(t) for t in tokens]
        X = hstack([self.word_.transform(words), self.char_.transform(texts), csr_matrix(np.array(rows))]).tocsr()
        return X, all_matches

    def fit(self, texts, tokens, roles, contexts, labels: list[list[str]], matcher: PatternMatcher):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.word_ = TfidfVectorizer(token_pattern=r"[^ ]+", min_df=2, sublinear_tf=True, max_features=20000)
        self.word_.fit([" ".join(t) for t in tokens])
        self.char_ = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True,
                                     max_features=30000)
        self.char_.fit(texts)
        X, _ = self.features(texts, tokens, roles, contexts, matcher)
        self.clf_ = {}
        for cid in self.rubric.ids:
            y = np.array([cid in lab for lab in labels])
            self.clf_[cid] = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced").fit(X, y)
        self.threshold_ = {cid: 0.5 for cid in self.rubric.ids}
        self.doc_threshold_ = {cid: 0.5 for cid in self.rubric.ids}
        return self

    def predict_proba(self, X) -> np.ndarray:
        return np.column_stack([self.clf_[cid].predict_proba(X)[:, 1] for cid in self.rubric.ids])


def pattern_proba(matches: list[list[Match]], rubric: Rubric, named_ctx: list[set[str]]) -> np.ndarray:
    """Patterns-only probabilities for a rubric with no trained model: two distinct
    non-denied manifestations (or one under a heading naming the category) make it likely."""
    out = np.zeros((len(matches), len(rubric.ids)))
    for i, ms in enumerate(matches):
        for j, cid in enumerate(rubric.ids):
            pos = len({m.phrase for m in ms if m.category == cid and not m.denied})
            neg = sum(1 for m in ms if m.category == cid and m.denied)
            bonus = 1 if cid in named_ctx[i] and pos else 0
            z = 1.6 * (pos + bonus) - 2.0 * neg - 2.2
            out[i, j] = 1 / (1 + math.exp(-z))
    return out


def assess(paragraph_texts, tokens, roles, contexts, rubric: Rubric, model: CoverageModel | None,
           matcher: PatternMatcher) -> tuple[list[list[str]], dict, list[dict]]:
    """Styles per paragraph, the document's ``coverage`` object, and matched phrases per paragraph."""
    if model is not None:
        X, matches = model.features(paragraph_texts, tokens, roles, contexts, matcher)
        proba = model.predict_proba(X)
        para_t = [model.threshold_[c] for c in rubric.ids]
        doc_t = [model.doc_threshold_[c] for c in rubric.ids]
    else:
        matches = [matcher.match(t) for t in paragraph_texts]
        proba = pattern_proba(matches, rubric, [matcher.named(c) for c in contexts])
        para_t = doc_t = [0.5] * len(rubric.ids)
    for i, role in enumerate(roles):
        if role == "heading":
            proba[i] = 0.0
        for j, cid in enumerate(rubric.ids):  # only denied, never confessed: not examined
            ms = [m for m in matches[i] if m.category == cid]
            if ms and all(m.denied for m in ms):
                proba[i, j] = min(proba[i, j], 0.05)
    styles = [[cid for j, cid in enumerate(rubric.ids) if proba[i, j] >= para_t[j]]
              for i in range(len(paragraph_texts))]
    coverage = {}
    eligible = [i for i, r in enumerate(roles) if r in SUBSTANTIVE_ROLES] or \
        [i for i, r in enumerate(roles) if r != "heading"]
    for j, c in enumerate(rubric.categories):
        ranked = sorted(eligible, key=lambda i: -proba[i, j])
        score = float(proba[ranked[0], j]) if ranked else 0.0
        evidence = [i for i in ranked if proba[i, j] >= para_t[j]]
        entry = {"label": c.label, "covered": bool(score >= doc_t[j]), "score": round(score, 4),
                 "evidence": evidence}
        phrases = sorted({m.phrase for i in evidence for m in matches[i] if m.category == c.id and not m.denied})
        entry["phrases"] = phrases
        if evidence:
            entry["best_sentence"] = best_sentence(paragraph_texts[evidence[0]], matches[evidence[0]], c.id)
        denied = [i for i, ms in enumerate(matches) if any(m.category == c.id and m.denied for m in ms)]
        if not entry["covered"]:
            entry["note"] = ("作者否认存在该类问题 / problems of this category are denied" if denied
                             else "未查摆该类问题 / no problem of this category is examined")
            if denied:
                entry["denied"] = denied
        coverage[c.id] = entry
    evidence_phrases = [{cid: sorted({m.phrase for m in ms if m.category == cid and not m.denied})
                         for cid in styles[i] if any(m.category == cid and not m.denied for m in ms)}
                        for i, ms in enumerate(matches)]
    return styles, coverage, evidence_phrases
