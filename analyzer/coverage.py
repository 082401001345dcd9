"""Stage 4: which categories of the rubric (default: the four styles) each paragraph and the
document substantively examine, with evidence.

Two sources of evidence are combined by a per-category logistic regression trained on
the labelled corpus (``python -m training``):

* the rubric's manifestation patterns (``data/rubrics/<rubric>.yaml``), matched on the
  characters of each sentence. Patterns are matched on characters rather than on jieba
  tokens because jieba cuts the same phrase differently in different contexts (会多/开会多),
  which made token matching miss. A match in a sentence the denial classifier
  (:mod:`analyzer.denials`) calls a denial, or in a clause where a negator stands right
  before a manifestation (从不讲排场、比阔气), counts against the category; the category's
  bare name (形式主义) is no evidence;
* the words of the paragraph (TF-IDF over jieba words and character bigrams/trigrams),
  its role, the category named by the heading it sits under, and whether a denial sentence
  of the paragraph is aimed at the category.

A denial sentence is aimed at the categories it names or describes; failing those, at the
category of the run-in heading before it in its paragraph ("4.奢靡之风方面。在这方面没有发现
明显问题") or of the heading it sits under.

A paragraph addresses a category, and a document covers it, only with at least one
**evidence sentence**: a sentence that describes a behaviour of the category (a non-denied
manifestation, or words the model itself scores as the category) and is neither a denial
nor a heading or bare category name. The document's evidence is sought in its problem
paragraphs (any non-heading paragraph if none is a problem) that reach the document
threshold chosen on the dev split. So a denied category is not covered unless a concrete
problem of it is confessed elsewhere. A rubric with no trained model (a new rubric file) is
judged by its patterns alone, with the same denial and evidence rules.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from .behaviour import BehaviourReader, behaviour_reader, headline
from .denials import CUE_COUNTS, DenialClassifier, cue_counts
from .document import CoverageResult, Document
from . import features
from .features import Blocks, CharGrams, Rows, blocks, probabilities, tfidf_rows
from .segment import sentence_spans
from .prefilter import literal_index
from .resources import MEMO, Lexicon, Rubric, load_yaml, phrase_regex
from .thresholds import best_threshold, f1, macro_f1

SUBSTANTIVE_ROLES = ("problem",)  # corpus rule: covered = union of styles over problem paragraphs
EXAMINED_WITHOUT_PROBLEMS = ("cause", "other")  # where evidence is sought when no paragraph is a problem
SURE = 0.5  # a sentence naming one style's manifestations is evidence of another the model scores this high
# what is left of a heading or a bare category name once names, numbering and these words go
_NAME_ONLY_PLAIN = ("方面", "问题", "存在", "的", "主要", "表现", "突出", "情况", "关于", "在", "上", "等", "和", "及", "：", ":")
_NAME_ONLY_CHARS = r"（）()、.．，。；！？\s\d一二三四五六七八九十第是①-⑩"
_NAME_ONLY_WORDS = re.compile("|".join(_NAME_ONLY_PLAIN) + f"|[{_NAME_ONLY_CHARS}]")
# a character in none of those words always stays, so four of them settle that a text says more
_FRAMING_CHAR = f"[{''.join(_NAME_ONLY_PLAIN)}{_NAME_ONLY_CHARS}]"
# a category scored at its threshold, named in a paragraph that states a fault, no sentence read as its behaviour
UNRECOGNISED = ("写到该类别，段中也有自我批评，但没有一句能认定为该类具体行为，请人工核对 / the category is named "
                "beside self-critical sentences, but none reads as a behaviour of it: check by hand")
_FOUR_KEPT = re.compile(f"[^{_FRAMING_CHAR[1:-1]}](?:{_FRAMING_CHAR}*[^{_FRAMING_CHAR[1:-1]}]){{3}}")


@dataclass(slots=True)
class Match:
    category: str
    group: str
    phrase: str
    start: int          # offset in the paragraph
    denied: bool


@dataclass(slots=True)
class Sentence:
    """One sentence of a paragraph, with the denial classifier's verdict, the categories it names
    and whether it is only a heading or bare category name (:meth:`PatternMatcher.name_only`)."""

    start: int          # offset in the paragraph
    end: int
    text: str
    denial: float       # P(denial)
    denied: bool
    named: frozenset = frozenset()
    bare: bool = False
    owned: bool = False  # holds a self-critical word or a concrete instance


class PatternMatcher:
    """Rubric patterns compiled into one :class:`~analyzer.resources.Lexicon` per category;
    ``match(text, sentences)`` scans a paragraph once per category, names each match's
    manifestation group (a dictionary lookup for phrases, a re-match for ``A…B`` patterns)
    and applies the sentence (denial classifier) and clause (negator) denial rules.
    ``denials`` defaults to the trained classifier in ``models/``."""

    def __init__(self, rubric: Rubric, denials: DenialClassifier | None = None):
        from . import modelstore

        self.rubric = rubric
        self.denials = denials if denials is not None else modelstore.load("denials")
        self.compiled = {}
        for c in rubric.categories:
            pairs = [(p, g) for g, ps in c.groups.items() for p in ps]
            literal = {p: g for p, g in pairs if "…" not in p}
            gapped = [(re.compile(phrase_regex(p)), g) for p, g in pairs if "…" in p]
            self.compiled[c.id] = (Lexicon(c.id, [p for p, _ in pairs]), literal, gapped)
        self.names = {c.id: Lexicon(c.id, c.names + [c.label]) for c in rubric.categories}
        # one automaton over every name and the categories each stands for, when all are plain phrases
        # on one line (else each category's lexicon is asked, :meth:`named_in`)
        plain = all(lx.pattern is None and not any("\n" in e for e in lx.entries) for lx in self.names.values())
        _, self._name_owners, self._name_index = literal_index({cid: lx.entries for cid, lx in self.names.items()}) \
            if plain else (None, None, None)
        # whether every pattern and name found in a paragraph stands inside one of its sentences, so
        # that a sentence's are the paragraph's inside it (:meth:`found_all`, :func:`judge`)
        self.sliceable = all(_inside_sentences(lx) for lx in [*(lx for lx, _, _ in self.compiled.values()),
                                                              *self.names.values()])
        denial = load_yaml("lexicons/denial.yaml")
        self.negators = tuple(sorted(denial.get("negators") or [], key=len, reverse=True))
        self.nil_answers = frozenset(denial.get("nil_answers") or [])
        self._names_memo: dict[str, tuple[frozenset, str, bool]] = {}

    def sentences(self, texts: list[str], chars: CharGrams | None = None,
                  spans: list[list[tuple[int, int]]] | None = None) -> list[list[Sentence]]:
        """The sentences of each paragraph (at ``spans``, when already split), judged by the denial
        classifier in one batch (``chars``: the paragraphs' n-grams, when already found), with the
        names in them and whether they own up to anything."""
        spans = [sentence_spans(t) for t in texts] if spans is None else spans
        flat = [t[a:b] for t, sp in zip(texts, spans) for a, b in sp]
        counts = cue_counts(flat)
        proba = iter(self.denials.sentence_proba(texts, spans, chars, counts).tolist())
        owned = iter((counts[:, CUE_COUNTS.index("critical")] + counts[:, CUE_COUNTS.index("instance")] > 0).tolist())
        names = iter(self.names_in(flat))
        threshold = self.denials.threshold_
        texts_of = iter(flat)
        out = []
        for sp in spans:
            row = []
            for a, b in sp:
                p, (named, rest, bare) = next(proba), next(names)
                # a heading or bare category name denies nothing, unless it answers "none" (奢靡之风：无)
                nil = bare and bool(named) and self.nil_answer(rest)
                row.append(Sentence(a, b, next(texts_of), round(p, 4), nil or (p >= threshold and not bare), named,
                                    bare, next(owned)))
            out.append(row)
        return out

    def nil_answer(self, rest: str) -> bool:
        """Is ``rest`` (a heading without its category names) a "none" answer (：无、方面：暂无、
        存在的问题：没有)? The ``nil_answers`` of ``data/lexicons/denial.yaml``."""
        return _NAME_ONLY_WORDS.sub("", rest) in self.nil_answers

    def names_in(self, texts: list[str]) -> list[tuple[frozenset, str, bool]]:
        """:meth:`_names_in` of every text, each read once: the categories it names
        (:meth:`named_in`); a text naming one has the names of each category in turn taken out,
        those of every such text found in one scan (:meth:`~analyzer.resources.Lexicon.find_all`)."""
        named = self.named_in(texts)
        holding = [k for k, n in enumerate(named) if n]
        rests = [texts[k] for k in holding]
        for lx in self.names.values() if holding else ():
            for j, m in reversed(list(zip(*lx.find_all(rests)))):  # from the end: earlier offsets stay
                rests[j] = rests[j][:m.start()] + rests[j][m.end():]
        rest_of = dict(zip(holding, rests))
        out = []
        for k, (text, n) in enumerate(zip(texts, named)):
            if len(self._names_memo) >= MEMO:
                self._names_memo.clear()
            rest = rest_of.get(k, text)
            found = self._names_memo[text] = (n, rest, _name_only(rest))
            out.append(found)
        return out

    def named_in(self, texts: list[str]) -> list[frozenset]:
        """The categories each text names, read from one scan of them all: every occurrence of
        every name in the texts joined by line breaks (no name holds one), or each category's
        lexicon (:meth:`~analyzer.resources.Lexicon.find_all`) where a name is more than a phrase."""
        named: dict[int, set] = {}
        if self._name_index is None:
            for cid, lx in self.names.items():
                for k in lx.find_all(texts)[0]:
                    named.setdefault(k, set()).add(cid)
        elif texts:
            found = self._name_index.find_matches_as_indexes("\n".join(texts), overlapping=True)
            ends = np.cumsum([len(t) + 1 for t in texts])  # text k ends at ends[k] - 1
            for (i, _, _), k in zip(found, np.searchsorted(ends, [a for _, a, _ in found], side="right").tolist()):
                named.setdefault(k, set()).update(self._name_owners[i])
        return [frozenset(named[k]) if k in named else _NONE for k in range(len(texts))]

    def match(self, text: str, sentences: list[Sentence] | None = None) -> list[Match]:
        """Pattern matches with their denial flag; a category *named* in a denial sentence
        yields a denied match of group ``name`` (names are never positive evidence)."""
        sentences = self.sentences([text])[0] if sentences is None else sentences
        return self.match_all([text], [sentences], self.named_in([text]))[0]

    def found_all(self, texts: list[str]) -> dict[int, list[tuple[str, str, int]]]:
        """Text (its index) -> (category, phrase, offset) of every manifestation pattern found in it,
        category by category, each lexicon read from one scan of them all
        (:meth:`~analyzer.resources.Lexicon.find_all`)."""
        found: dict[int, list] = {}
        for cid, (lx, _, _) in self.compiled.items():
            for k, m in zip(*lx.find_all(texts)):
                found.setdefault(k, []).append((cid, m.group(0), m.start()))
        return found

    def match_all(self, texts: list[str], sentences: list[list[Sentence]], named: list[frozenset],
                  found: dict[int, list[tuple[str, str, int]]] | None = None) -> list[list[Match]]:
        """:meth:`match` of every text with its sentences and the categories it names
        (:meth:`named_in`); ``found``: the patterns in each text (:meth:`found_all`), when already
        found."""
        out = [[] for _ in texts]
        denying = [k for k, ss in enumerate(sentences) if named[k] and any(s.denied for s in ss)]
        denied_at = {k: _denied_at(sentences[k]) for k in denying}
        for cid, lx in self.names.items() if denying else ():
            for j, m in zip(*lx.find_all([texts[k] for k in denying])):
                if denied_at[denying[j]](m.start()):
                    out[denying[j]].append(Match(cid, "name", m.group(0), m.start(), True))
        for k, f in (self.found_all(texts) if found is None else found).items():
            denied = denied_at.get(k) or _denied_at(sentences[k])
            self._manifestations(texts[k], f, denied, out[k])
        return out

    def _manifestations(self, text: str, found: list[tuple[str, str, int]], sentence_denied, out: list[Match]):
        """``out`` and a match per (category, phrase, offset) ``found`` in ``text``, named by its
        manifestation group and denied in a denial sentence or in a clause where a negator
        stands right before one of them."""
        negated_clauses = set()
        clause_start = _clause_starts(text)
        for cid, phrase, start in found:
            _, literal, gapped = self.compiled[cid]
            group = literal.get(phrase) or next(g for r, g in gapped if r.fullmatch(phrase))
            out.append(Match(cid, group, phrase, start, sentence_denied(start)))
            if text[max(0, start - 4):start].endswith(self.negators):
                negated_clauses.add(clause_start(start))
        for match in out:  # a negator before one manifestation denies its whole clause
            if clause_start(match.start) in negated_clauses:
                match.denied = True
        return out

    def _names_in(self, text: str) -> tuple[frozenset, str, bool]:
        """The categories named in ``text``, the text without their names, and whether it is
        only a name; each text is read once (the stages ask about the same sentences again)."""
        found = self._names_memo.get(text)
        return found if found is not None else self.names_in([text])[0]

    def named(self, text: str) -> set[str]:
        return set(self._names_in(text)[0])

    def without_names(self, sentence: str) -> str:
        """The sentence with every category name taken out."""
        return self._names_in(sentence)[1]

    def name_only(self, sentence: str) -> bool:
        """A heading or a bare category name (（四）奢靡之风方面、形式主义问题突出): nothing is
        left once category names, numbering and framing words are removed."""
        return self._names_in(sentence)[2]

    def denial_targets(self, sentences: list[Sentence], matches: list[Match], context: str) -> list[set[str]]:
        """Per sentence, the categories a denial sentence is aimed at (empty for the others):
        those it names or describes, else the category of an earlier sentence of the paragraph
        that only names one (a run-in heading), else the category of the enclosing heading."""
        out = []
        for k, s in enumerate(sentences):
            if not s.denied:
                out.append(set())
                continue
            here = {m.category for m in matches if s.start <= m.start < s.end}
            if not here:
                here = next((set(p.named) for p in reversed(sentences[:k]) if p.bare and p.named), set())
            out.append(here or self.named(context))
        return out


_NONE = frozenset()


def _denied_at(sentences: list[Sentence]):
    """A function telling whether the sentence holding a position of their paragraph is a denial."""
    starts = [s.start for s in sentences]

    def denied_at(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return sentences[k].denied if k >= 0 else False

    return denied_at


_SENTENCE_BREAK = frozenset("。！？；!?;\n")


def _inside_sentences(lx: Lexicon) -> bool:
    """Does every match of ``lx`` in a paragraph stand inside one of its sentences
    (:func:`~analyzer.segment.sentence_spans`), found there as in the paragraph? So it is when the
    lexicon holds phrases and ``A…B`` entries only (whose gap never passes a sentence end) none of
    whose pieces holds a sentence end or a blank (which a sentence may leave at its edges): a match
    then never reaches across a sentence end, and a scan reaches each sentence as one of the
    sentence alone starts it."""
    return lx.joinable and not any(_SENTENCE_BREAK.intersection(e) or any(c.isspace() for c in e.replace("…", ""))
                                   for e in lx.entries)


def _name_only(rest: str) -> bool:
    """Fewer than four characters are left of ``rest`` once :data:`_NAME_ONLY_WORDS` go (a text
    with four characters that no such word holds is settled at once)."""
    return not _FOUR_KEPT.search(rest) and len(_NAME_ONLY_WORDS.sub("", rest)) < 4


_CLAUSE_END = re.compile(r"[，；。！？：,;]")


def _clause_starts(text: str):
    """A function giving the offset where the clause (text between ，；。！？：) holding a
    position of ``text`` begins."""
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]

    def clause_start(pos: int) -> int:
        k = bisect.bisect_left(ends, pos)
        return ends[k - 1] + 1 if k else 0

    return clause_start


# the pattern-evidence columns of each category, in this order, after the word and character blocks
CATEGORY_COLUMNS = ("shown", "denied", "named_here", "named_by_heading", "shown_under_heading", "denial_aimed")
HEADING_COLUMNS = ("named_by_heading", "shown_under_heading")
ROLE_COLUMNS = ("heading", "preamble", "problem", "cause", "measure", "summary")  # after every category's


class DevDocument(NamedTuple):
    """A labelled document held apart from fitting, on which ``CoverageModel.fit`` chooses its
    thresholds: per-paragraph columns, ``labels`` (categories per paragraph) and ``covered``
    (the categories the document covers)."""

    texts: list[str]
    tokens: list[list[str]]
    roles: list[str]
    contexts: list[str]
    labels: list[list[str]]
    covered: list[str]


class CoverageModel:
    """Per-category paragraph classifiers over words, character n-grams and pattern evidence.

    Learned state: ``word_``, ``char_``, ``clf_`` (category -> LogisticRegression),
    ``threshold_`` (category -> paragraph threshold), ``doc_threshold_`` (see :meth:`fit`).
    """

    def __init__(self, rubric: Rubric, C: float = 2.0, threshold: float = 0.5, doc_threshold: float = 0.5):
        self.rubric = rubric
        self.C = C
        self.threshold = threshold
        self.doc_threshold = doc_threshold

    def features(self, texts, tokens, roles, contexts, matcher: PatternMatcher, judged: "Judged | None" = None,
                 text_rows: tuple[Rows, Rows] | None = None):
        """Feature matrix of paragraphs (or sentences) and their :class:`Judged` sentences;
        ``text_rows``: the word and character TF-IDF rows of the texts, when already made
        (:class:`DocumentText`)."""
        judged = judged or judge(texts, contexts, matcher)
        return blocks([*(text_rows or self._text_rows(texts, tokens)),
                       self._evidence_rows(roles, texts, contexts, judged, matcher)]), judged

    def _text_rows(self, texts, tokens) -> tuple[Rows, Rows]:
        return tfidf_rows(self.word_, [" ".join(t) for t in tokens]), tfidf_rows(self.char_, texts)

    def _evidence_rows(self, roles, texts, contexts, judged: "Judged", matcher: PatternMatcher) -> Rows:
        """The pattern-evidence columns (:data:`CATEGORY_COLUMNS` per category) and the role
        columns (:data:`ROLE_COLUMNS`) of each row, as sparse rows holding only their non-zero
        cells, in column order."""
        ids = self.rubric.ids
        width = len(CATEGORY_COLUMNS)
        order = {cid: j for j, cid in enumerate(ids)}
        role_column = {r: width * len(ids) + k for k, r in enumerate(ROLE_COLUMNS)}
        data, indices, indptr = [], [], [0]
        distinct = list(dict.fromkeys(contexts))
        context_names = dict(zip(distinct, matcher.named_in(distinct)))
        for role, ctx, matches, targets, named_here in zip(roles, contexts, judged.matches, judged.targets, judged.named):
            named_ctx = context_names[ctx]
            aimed = set().union(*targets)
            shown, denied = {}, {}
            for m in matches:
                counts = denied if m.denied else shown
                counts[m.category] = counts.get(m.category, 0) + 1
            present = (shown.keys() | denied.keys() | named_here | named_ctx | aimed) & order.keys() \
                if matches or named_here or named_ctx or aimed else ()
            for cid in sorted(present, key=order.get):
                pos, neg, base = shown.get(cid, 0), denied.get(cid, 0), width * order[cid]
                for column, value in enumerate((math.log1p(pos), math.log1p(neg), cid in named_here, cid in named_ctx,
                                                cid in named_ctx and pos > 0, cid in aimed)):  # CATEGORY_COLUMNS
                    if value:
                        indices.append(base + column)
                        data.append(float(value))
            if role in role_column:
                indices.append(role_column[role])
                data.append(1.0)
            indptr.append(len(indices))
        return Rows(np.array(data, dtype=float), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64),
                    (len(texts), width * len(ids) + len(ROLE_COLUMNS)))

    def without_heading(self, X: Blocks) -> Blocks:
        """Rows of :meth:`features` as if the texts sat under no heading (contexts ``""``): the
        evidence block's columns that read the heading set to zero."""
        width = len(CATEGORY_COLUMNS)
        heading = np.zeros(width * len(self.rubric.ids) + len(ROLE_COLUMNS), dtype=bool)  # by evidence column
        heading[[j * width + CATEGORY_COLUMNS.index(c) for j in range(len(self.rubric.ids)) for c in HEADING_COLUMNS]] = True
        *text, evidence = X.parts
        return Blocks((*text, evidence._replace(data=np.where(heading[evidence.indices], 0.0, evidence.data))))

    def fit(self, texts, tokens, roles, contexts, labels: list[list[str]], matcher: PatternMatcher,
            dev: list[DevDocument] = ()):
        """Fit on the pooled paragraph columns. With ``dev`` documents, first fit on these columns
        alone and choose one paragraph threshold (best F1 over all paragraph × category decisions
        of ``dev``) and one document threshold (best macro-F1 of covered / not covered, a
        document's score in a category being its best problem paragraph's), both pooled over the
        categories (per-category thresholds over a few dozen documents fit noise), then refit on
        the columns and ``dev`` together. Without ``dev`` the thresholds are the constructor's."""
        self.threshold_ = {cid: self.threshold for cid in self.rubric.ids}
        self.doc_threshold_ = {cid: self.doc_threshold for cid in self.rubric.ids}
        self._fit(texts, tokens, roles, contexts, labels, matcher)
        if not dev:
            return self
        para_s, para_g, doc_s, doc_g = [], [], [], []
        for d in dev:
            X, _ = self.features(d.texts, d.tokens, d.roles, d.contexts, matcher)
            proba = self.predict_proba(X)
            para_s += list(proba.ravel())
            para_g += [cid in lab for lab in d.labels for cid in self.rubric.ids]
            problems = [i for i, r in enumerate(d.roles) if r in SUBSTANTIVE_ROLES]
            doc_s += [max([proba[i, j] for i in problems] or [0.0]) for j in range(len(self.rubric.ids))]
            doc_g += [cid in d.covered for cid in self.rubric.ids]
        para_t, doc_t = best_threshold(para_s, para_g, f1), best_threshold(doc_s, doc_g, macro_f1)
        self.threshold_ = {cid: para_t for cid in self.rubric.ids}
        self.doc_threshold_ = {cid: doc_t for cid in self.rubric.ids}
        columns = (texts, tokens, roles, contexts, labels)  # the first fields of a DevDocument
        return self._fit(*(list(c) + [x for d in dev for x in d[k]] for k, c in enumerate(columns)), matcher)

    def _fit(self, texts, tokens, roles, contexts, labels: list[list[str]], matcher: PatternMatcher):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.word_ = TfidfVectorizer(token_pattern=r"[^ ]+", min_df=2, sublinear_tf=True, max_features=20000)
        self.word_.fit([" ".join(t) for t in tokens])
        self.char_ = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True,
                                     max_features=30000)
        self.char_.fit(texts)
        X = self.features(texts, tokens, roles, contexts, matcher)[0].matrix()
        self.clf_ = {}
        for cid in self.rubric.ids:
            y = np.array([cid in lab for lab in labels])
            self.clf_[cid] = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced").fit(X, y)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """P(category) per row, one column per category: the per-category logistic regressions
        stacked into one matrix product."""
        return probabilities([self.clf_[cid] for cid in self.rubric.ids], X)



@dataclass
class Judged:
    """Per paragraph: its sentences (with denial verdicts), pattern matches, the categories
    each denial sentence is aimed at, and the categories the paragraph names; ``found``: the
    patterns found in each paragraph (:meth:`PatternMatcher.found_all`)."""

    sentences: list[list[Sentence]]
    matches: list[list[Match]]
    targets: list[list[set[str]]]
    named: list[frozenset]
    found: dict[int, list[tuple[str, str, int]]] | None = None

    def split(self, lengths: list[int]) -> list["Judged"]:
        """Each document's paragraphs (``lengths[d]`` of them, one document after another), numbered
        from 0."""
        firsts = [0, *accumulate(lengths)]
        found = None if self.found is None else by_document(self.found, firsts)
        return [Judged(self.sentences[a:b], self.matches[a:b], self.targets[a:b], self.named[a:b],
                       None if found is None else found[d])
                for d, (a, b) in enumerate(zip(firsts, firsts[1:]))]

    @property
    def denials(self) -> list[tuple[int, Sentence, set[str]]]:
        """(paragraph, sentence, the categories it is aimed at) of each denial aimed at any."""
        return [(i, s, aimed) for i, targets in enumerate(self.targets) if any(targets)
                for s, aimed in zip(self.sentences[i], targets) if aimed]


def judge(texts: list[str], contexts: list[str], matcher: PatternMatcher, chars: CharGrams | None = None,
          spans: list[list[tuple[int, int]]] | None = None) -> Judged:
    """The sentences, matches, denial targets and names of paragraphs (``spans``: their sentences,
    when already split). A paragraph names the categories its sentences name where no name reaches
    across a sentence end (:attr:`PatternMatcher.sliceable`)."""
    sentences = matcher.sentences(texts, chars, spans)
    named = [frozenset().union(*(s.named for s in ss)) if any(s.named for s in ss) else _NONE for ss in sentences] \
        if matcher.sliceable else matcher.named_in(texts)
    found = matcher.found_all(texts)
    matches = matcher.match_all(texts, sentences, named, found)
    targets = [matcher.denial_targets(s, m, c) for s, m, c in zip(sentences, matches, contexts)]
    return Judged(sentences, matches, targets, named, found)


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


class DocumentText:
    """A document's paragraphs as every model of the coverage stage reads them, cut from the
    document's shared featurisation (:class:`~analyzer.features.DocumentGrams`): their character
    n-grams (for the denial classifier's sentences and the coverage model's paragraphs and
    sentences) and the words of their jieba tokens."""

    def __init__(self, grams: features.DocumentGrams, model: "CoverageModel"):
        self.model = model
        self.chars, self.words = grams.chars, grams.words

    def paragraphs(self) -> tuple[Rows, Rows]:
        """The coverage model's word and character rows of every paragraph."""
        return self.words.rows(self.model.word_), self.chars.rows(self.model.char_)

    def sentences(self, spans: list[tuple[int, int, int]], texts: list[str], skip: frozenset) -> tuple[Rows, Rows]:
        """The coverage model's word and character rows of sentences ``(i, a, b)`` (paragraph
        ``i``'s ``[a:b]``): their words those of the tokens that start in them, tokens in ``skip``
        left out; their characters those of ``texts`` (each the sentence, or what is left of it)."""
        paragraphs = self.chars.texts
        chars = [span if text == paragraphs[span[0]][span[1]:span[2]] else text for span, text in zip(spans, texts)]
        return self.words.rows(self.model.word_, spans, skip), self.chars.rows(self.model.char_, chars)


class EvidenceFinder:
    """Which sentences of a paragraph describe a behaviour of a category: not a denial, not a
    heading or bare name, and either holding a non-denied manifestation of the category in a
    clause that states a practice (:meth:`~analyzer.behaviour.BehaviourReader.counts`: not a norm,
    view, attitude, workload or compliance clause), or, holding none, describing a behaviour by
    its own fault words (:meth:`~analyzer.behaviour.BehaviourReader.describes`) and scored as the
    category (at ``threshold``) by the model on the sentence alone, its category names taken out
    and its heading kept; a sentence without a fault word only in a paragraph that confesses
    (:meth:`~analyzer.behaviour.BehaviourReader.faulted`). A sentence is evidence of the
    categories of its manifestations and of one more at most — the one the model scores highest
    above its threshold, and at least :data:`SURE` beside manifestations of another. Such a sentence must also be clearly no denial
    (P(denial) under half the classifier's threshold), and one that owns up to nothing (no
    self-critical word, no concrete instance) must be the category by its own words, scored
    again without its heading: 这一条我是做到了的 under a heading proves nothing.

    ``reaching`` maps each paragraph asked about to the categories (column numbers) it will be
    asked about; a sentence that holds a manifestation of each of them needs no score.
    """

    def __init__(self, texts, roles, contexts, judged: Judged, rubric: Rubric, model: "CoverageModel | None",
                 matcher: PatternMatcher, reaching: dict[int, list[int]], threshold: list[float],
                 text: DocumentText | None):
        self.judged, self.rubric, self.matcher, self.threshold = judged, rubric, matcher, threshold
        self.reader = behaviour_reader()
        self.confessing = {i: roles[i] in SUBSTANTIVE_ROLES or any(self.reader.faulted(s.text) for s in judged.sentences[i]) for i in reaching}
        self.counted = {i: _described(judged.sentences[i], judged.matches[i], self.reader) for i in reaching}
        self.cases = {i: _case_topics(judged.sentences[i], judged.matches[i], self.reader) for i in reaching}
        self.proba = {}  # (paragraph, sentence) -> model probabilities per category
        if model is not None:
            self.proba = self._score(self._scored_sentences(reaching), roles, contexts, model, text)
        # (paragraph, sentence) -> the one category a scored sentence is evidence of by its scores, if any
        self.best = {(i, k): self._best(p, bool(self.counted[i][k])) for (i, k), p in self.proba.items()}

    def _scored_sentences(self, reaching: dict[int, list[int]]) -> list[tuple[int, int]]:
        """(paragraph, sentence) of each sentence whose model scores :meth:`sentences` may read: clearly
        no denial, not a heading or bare name, missing a manifestation of a category asked about, and
        describing a behaviour (:meth:`~analyzer.behaviour.BehaviourReader.describes`)."""
        judged, ids = self.judged, self.rubric.ids
        clear = self.matcher.denials.threshold_ / 2
        keys = []
        for i, columns in reaching.items():
            counted = self.counted[i]
            asked = {ids[j] for j in columns}
            for k, s in enumerate(judged.sentences[i]):
                if s.denial < clear and not asked <= counted[k] and not s.bare and \
                        self.reader.describes(s.text, self.confessing[i]):
                    keys.append((i, k))
        return keys

    def _score(self, keys: list[tuple[int, int]], roles, contexts, model: "CoverageModel",
               text: DocumentText) -> dict[tuple[int, int], np.ndarray]:
        """The model's probabilities per category of the sentences ``keys``, each read alone with its
        category names taken out (they are already judged no denial), its paragraph's role and heading;
        one that owns up to nothing scored again without its heading, the lower kept."""
        if not keys:
            return {}
        matcher, sentences = self.matcher, [self.judged.sentences[i][k] for i, k in keys]
        names = frozenset(n for c in self.rubric.categories for n in c.names + [c.label])
        s_texts = [matcher.without_names(s.text) if s.named else s.text for s in sentences]
        s_named = [matcher._names_in(t)[0] if s.named else _NONE for s, t in zip(sentences, s_texts)]
        spans = [(i, s.start, s.end) for (i, _), s in zip(keys, sentences)]
        single = [[Sentence(0, len(t), t, 0.0, False)] for t in s_texts]
        known = Judged(single, matcher.match_all(s_texts, single, s_named, self._found(keys, s_texts)),
                       [[set()] for _ in keys], s_named)
        X, _ = model.features(s_texts, None, [roles[i] for i, _ in keys], [contexts[i] for i, _ in keys], matcher,
                              known, text.sentences(spans, s_texts, names))
        proba = model.predict_proba(X)
        alone = [r for r, s in enumerate(sentences) if not s.owned]
        if alone:
            proba[alone] = np.minimum(proba[alone], model.predict_proba(model.without_heading(X))[alone])
        return dict(zip(keys, proba))

    def _found(self, keys: list[tuple[int, int]], texts: list[str]) -> dict[int, list[tuple[str, str, int]]]:
        """The patterns in each sentence ``keys[r]`` read as ``texts[r]``: those of its paragraph inside
        it, where the sentence is read whole and the patterns stand inside sentences
        (:attr:`PatternMatcher.sliceable`); the sentences read otherwise (names taken out) are scanned."""
        judged, out, scanned = self.judged, {}, []
        for r, (i, k) in enumerate(keys):
            s = judged.sentences[i][k]
            if not self.matcher.sliceable or judged.found is None or s.named:
                scanned.append(r)
                continue
            inside = [(cid, phrase, start - s.start) for cid, phrase, start in judged.found.get(i, ())
                      if s.start <= start < s.end]
            if inside:
                out[r] = inside
        if scanned:
            for j, found in self.matcher.found_all([texts[r] for r in scanned]).items():
                out[scanned[j]] = found
        return out

    def sentences(self, i: int, j: int) -> list[Sentence]:
        """The evidence sentences of category ``j`` (a column) in paragraph ``i``: those where a
        manifestation of it counts, and those scored (:meth:`_scored_sentences`) as it above all (:attr:`best`)
        unless they name its manifestations as what others' cases were about (:attr:`cases`: the score
        reads the lesson's topic, 学习通报的违规吃喝典型案例时); a problem's headline (一是群众观念不强。)
        only where no other sentence is."""
        cid, counted, cases, best = self.rubric.ids[j], self.counted[i], self.cases[i], self.best
        found = [s for k, s in enumerate(self.judged.sentences[i]) if not s.denied and not s.bare and
                 (cid in counted[k] or (best.get((i, k)) == j and cid not in cases[k]))]
        return [s for s in found if not headline(s.text)] or found

    def _best(self, proba, named: bool) -> int | None:
        """The category (column) a sentence's model scores highest above its threshold, if any; in
        a sentence that ``named`` other categories' manifestations, only if the model is sure of
        it (:data:`SURE`): it then names two behaviours (会议和文件还比较多 … 听汇报多)."""
        if proba is None:
            return None
        margins = [p - t for p, t in zip(proba.tolist(), self.threshold)]
        best = max(range(len(margins)), key=margins.__getitem__)
        return best if margins[best] >= 0 and (not named or proba[best] >= SURE) else None


def _described(sentences: list[Sentence], matches: list[Match], reader: BehaviourReader | None = None
               ) -> list[set[str]]:
    """Per sentence, the categories of the non-denied manifestations in it; with ``reader``, only
    of those that state a practice (:meth:`BehaviourReader.counts`)."""
    out = [set() for _ in sentences]
    starts = [s.start for s in sentences]
    for m in matches:
        k = bisect.bisect_right(starts, m.start) - 1
        if not m.denied and k >= 0 and m.start < sentences[k].end and \
                (reader is None or reader.counts(sentences[k].text, m.start - sentences[k].start,
                                                 m.start - sentences[k].start + len(m.phrase))):
            out[k].add(m.category)
    return out


def _case_topics(sentences: list[Sentence], matches: list[Match], reader: BehaviourReader) -> list[set[str]]:
    """Per sentence, the categories of the manifestations it names as what others' cases were about
    (:meth:`BehaviourReader.case_topic`: 学习通报的违规吃喝典型案例, 观看大吃大喝警示教育片)."""
    out = [set() for _ in sentences]
    starts = [s.start for s in sentences]
    for m in matches:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and m.start < sentences[k].end and \
                reader.case_topic(sentences[k].text, m.start - sentences[k].start, m.start - sentences[k].start + len(m.phrase)):
            out[k].add(m.category)
    return out


@dataclass
class Scored:
    """Paragraph probabilities per category (rows: paragraphs, columns: ``rubric.ids``), the
    judged sentences behind them, and the paragraph and document thresholds per category."""

    proba: np.ndarray
    judged: Judged
    paragraph_threshold: list[float]
    document_threshold: list[float]

    @property
    def lowest_threshold(self) -> list[float]:
        return [min(a, b) for a, b in zip(self.paragraph_threshold, self.document_threshold)]

    def split(self, lengths: list[int]) -> list["Scored"]:
        """Each document's paragraphs (``lengths[d]`` of them, of several documents scored together),
        numbered from 0."""
        if len(lengths) == 1:
            return [self]
        return [Scored(proba, judged, self.paragraph_threshold, self.document_threshold)
                for proba, judged in zip(features.by_lengths(self.proba, lengths), self.judged.split(lengths))]


def by_document(keyed: dict, firsts: list[int]) -> list[dict]:
    """A dict keyed by paragraph number over several documents (or by (paragraph, …) tuples) cut
    into each document's, its paragraphs numbered from 0 (``firsts``: each document's first
    paragraph, then the end), in the order of ``keyed``."""
    out = [{} for _ in firsts[:-1]]
    for key, value in keyed.items():
        i = key[0] if isinstance(key, tuple) else key
        d = bisect.bisect_right(firsts, i) - 1
        out[d][(i - firsts[d], *key[1:]) if isinstance(key, tuple) else i - firsts[d]] = value
    return out


def assess(doc: Document, rubric: Rubric, model: CoverageModel | None, matcher: PatternMatcher) -> CoverageResult:
    """Styles per paragraph, the document's ``coverage`` entries, and matched phrases per
    paragraph, of the content paragraphs of a segmented and structured ``doc``.

    Evidence and denial sentences carry offsets in the document. The steps: score every
    paragraph per category; discount headings and categories only denied; find the evidence
    sentences of the paragraphs examined for problems that reach a threshold; decide each
    paragraph's styles; write one entry per category."""
    return assess_many([doc], rubric, model, matcher)[0]


def assess_many(docs: list[Document], rubric: Rubric, model: CoverageModel | None,
                matcher: PatternMatcher) -> list[CoverageResult]:
    """:func:`assess` of several documents. Every step up to the evidence sentences reads a
    paragraph (and its heading) alone, so those steps run once over the paragraphs of all the
    documents, one after another (one featurisation, one product per model); the paragraphs
    where problems are examined, the styles and the entries are then each document's own."""
    texts = [t for d in docs for t in d.texts]
    tokens = [t for d in docs for t in d.tokens]
    roles = [r for d in docs for r in d.roles]
    contexts = [c for d in docs for c in d.layout.categories]
    firsts = [0, *accumulate(len(d.texts) for d in docs)]
    text = DocumentText(features.of_many(docs), model) if model is not None else None
    judged = judge(texts, contexts, matcher, text.chars if text is not None else None,
                   [s for d in docs for s in d.sentences])
    contexts = close_denied_sections(contexts, judged, [(first, d.layout.sections) for d, first in zip(docs, firsts)],
                                     matcher)
    scored = score_paragraphs(texts, tokens, roles, contexts, rubric, model, matcher, text, judged)
    discount_unexamined(scored, roles, rubric)
    eligible = [[first + i for i in examined_paragraphs(d.roles)] for d, first in zip(docs, firsts)]
    evidence = evidence_sentences(scored, [i for e in eligible for i in e], texts, roles, contexts, rubric,
                                  model, matcher, text)
    lengths = [len(d.texts) for d in docs]
    return [_document_coverage(d, own_scored, own_evidence, [i - first for i in e], rubric, matcher)
            for d, own_scored, own_evidence, first, e in zip(docs, scored.split(lengths), by_document(evidence, firsts),
                                                             firsts, eligible)]


def _document_coverage(doc: Document, scored: "Scored", evidence: dict, eligible: list[int], rubric: Rubric,
                       matcher: PatternMatcher) -> CoverageResult:
    """One document's coverage from its paragraphs' scores and evidence sentences."""
    styles = paragraph_styles(scored, evidence, eligible, rubric, doc.roles)
    starts = doc.starts
    coverage = {c.id: category_entry(j, c, scored, evidence, eligible, starts)
                for j, c in enumerate(rubric.categories)}
    return CoverageResult(styles, coverage, evidence_phrases(styles, scored.judged.matches),
                          only_denying(scored.judged.sentences, matcher))


_NEGATION = re.compile("[不没未无]")
LEAD_IN = 8  # the longest clause that only leads in (经认真对照检查、对照检查下来): more reports something


def only_denying(sentences: list[list[Sentence]], matcher: PatternMatcher) -> list[bool]:
    """Per paragraph: does it only deny (在这方面没有发现明显问题; 4.奢靡之风方面。本人没有发现问题)?
    Every sentence a bare category name or a denial that reports nothing besides: each of its
    clauses, category names left out, negated or a lead-in. A denial that also reports conduct
    (本人始终保持艰苦奋斗的作风，坚持吃住在镇，没有发现问题) does not only deny."""
    def reports(s: Sentence) -> bool:
        return any(len(c) > LEAD_IN and not _NEGATION.search(c)
                   for c in _CLAUSE_END.split(matcher.without_names(s.text)))

    return [any(s.denied for s in ss) and all(s.bare or (s.denied and not reports(s)) for s in ss)
            for ss in sentences]


def close_denied_sections(contexts: list[str], judged: Judged, sections: list[tuple[int, list]],
                          matcher: PatternMatcher) -> list[str]:
    """The heading contexts with the title of each denied section taken out of the paragraphs after
    its first: a category heading whose first paragraph only denies that category ("（三）形式主义方面"
    then "这方面本人没有问题") lends it to no later paragraph, which under no heading of their own
    (a cause, a measure) would otherwise be read as examining it. ``sections``: (index of a
    document's first paragraph, its :class:`~analyzer.structure.Section` list) per document."""
    out = list(contexts)
    for first, secs in sections:
        for sec in secs:
            i, named = first + sec.heading + 1, matcher.named(sec.title)
            if not named or sec.heading + 2 >= sec.end or not only_denying([judged.sentences[i]], matcher)[0] \
                    or not named <= set().union(*judged.targets[i]):
                continue
            for k in range(i + 1, first + sec.end):
                out[k] = out[k].replace(sec.title, "", 1)
    return out


def score_paragraphs(texts, tokens, roles, contexts, rubric: Rubric, model: CoverageModel | None,
                     matcher: PatternMatcher, text: DocumentText | None, judged: Judged) -> Scored:
    """P(category) per paragraph (``judged``: their sentences, matches and denials, :func:`judge`) by
    the trained model (its n-grams from ``text``), or by the rubric's patterns alone when the rubric
    has no model (thresholds 0.5)."""
    if model is not None:
        X, _ = model.features(texts, tokens, roles, contexts, matcher, judged, text.paragraphs())
        return Scored(model.predict_proba(X), judged, [model.threshold_[c] for c in rubric.ids],
                      [model.doc_threshold_[c] for c in rubric.ids])
    proba = pattern_proba(judged.matches, rubric, [matcher.named(c) for c in contexts])
    return Scored(proba, judged, [0.5] * len(rubric.ids), [0.5] * len(rubric.ids))


def discount_unexamined(scored: Scored, roles: list[str], rubric: Rubric) -> None:
    """A heading examines nothing; a category a paragraph only denies (every manifestation of
    it denied, or a denial aimed at it and none confessed) is not examined there."""
    judged = scored.judged
    for i, role in enumerate(roles):
        if role == "heading":
            scored.proba[i] = 0.0
        aimed = set().union(*judged.targets[i]) if judged.targets[i] else set()
        examined = aimed.union(m.category for m in judged.matches[i])
        confessed = {m.category for m in judged.matches[i] if not m.denied}
        for j, cid in enumerate(rubric.ids):
            if cid in examined and cid not in confessed:
                scored.proba[i, j] = min(scored.proba[i, j], 0.05)


def evidence_sentences(scored: Scored, eligible: list[int], texts, roles, contexts, rubric: Rubric,
                       model: CoverageModel | None, matcher: PatternMatcher,
                       text: DocumentText | None) -> dict[tuple[int, int], list[Sentence]]:
    """(paragraph, category) -> the evidence sentences of each paragraph where problems are
    examined (``eligible``) that reaches the lower of the category's two thresholds
    (:class:`EvidenceFinder`): only there are they asked for (:func:`paragraph_styles`,
    :func:`category_entry`)."""
    low = scored.lowest_threshold
    reaching = [(i, j) for i in eligible for j in range(len(low)) if scored.proba[i, j] >= low[j]]
    asked: dict[int, list[int]] = {}
    for i, j in reaching:
        asked.setdefault(i, []).append(j)
    finder = EvidenceFinder(texts, roles, contexts, scored.judged, rubric, model, matcher, asked, low, text)
    return {(i, j): finder.sentences(i, j) for i, j in reaching}


def examined_paragraphs(roles: list[str]) -> list[int]:
    """Where a document's problems are examined: its problem paragraphs, or its cause and
    unjudged paragraphs when none is a problem. A preamble, summary, measure or closing never
    supplies evidence: what it says is not a confession (an achievement, a plan, a pledge)."""
    return [i for i, r in enumerate(roles) if r in SUBSTANTIVE_ROLES] or \
        [i for i, r in enumerate(roles) if r in EXAMINED_WITHOUT_PROBLEMS]


def paragraph_styles(scored: Scored, evidence: dict, eligible: list[int], rubric: Rubric,
                     roles: list[str]) -> list[list[str]]:
    """The categories each paragraph examines: at the paragraph threshold, and where problems
    are examined with an evidence sentence; a cause or measure paragraph needs one sentence
    that is neither a denial nor a heading or bare name; elsewhere, a paragraph of role other
    (a signature, a page's caption: 座谈会现场) examines nothing."""
    says_something = [role != "other" and any(not s.denied and not s.bare for s in sentences)
                      for role, sentences in zip(roles, scored.judged.sentences)]
    examined = set(eligible)
    return [[cid for j, cid in enumerate(rubric.ids) if scored.proba[i, j] >= scored.paragraph_threshold[j]
             and (evidence.get((i, j)) if i in examined else says_something[i])]
            for i in range(len(scored.proba))]


def category_entry(j: int, category, scored: Scored, evidence: dict, eligible: list[int], starts: list[int]) -> dict:
    """The ``coverage`` entry of one category: covered or not, its score, evidence paragraphs,
    phrases and sentences, the denials aimed at it, and a note saying why (a category scored at its
    threshold without an evidence sentence is "only named" only where a paragraph names it, and
    not recognised (:data:`UNRECOGNISED`) where that paragraph also describes a fault)."""
    proba, matches, threshold = scored.proba, scored.judged.matches, scored.document_threshold[j]

    def quote(i: int, s: Sentence) -> dict:
        return {"paragraph": i, "start": starts[i] + s.start, "end": starts[i] + s.end, "text": s.text}

    def confessed(i: int) -> list[Match]:
        return [m for m in matches[i] if m.category == category.id and not m.denied]

    column = proba[:, j].tolist()
    ranked = sorted(eligible, key=lambda i: -column[i])
    score = column[ranked[0]] if ranked else 0.0
    shown = [i for i in ranked if column[i] >= threshold and evidence.get((i, j))]
    entry = {"label": category.label, "covered": bool(shown), "score": round(score, 4), "evidence": shown}
    entry["phrases"] = sorted({m.phrase for i in shown for m in confessed(i)})
    entry["sentences"] = [quote(i, s) for i in shown[:3] for s in evidence[(i, j)][:2]]
    if shown:
        first = shown[0]
        entry["best_sentence"] = max(evidence[(first, j)], key=lambda s: sum(
            1 for m in confessed(first) if s.start <= m.start < s.end)).text
    denials = [quote(i, s) for i, s, aimed in scored.judged.denials if category.id in aimed]
    if denials:
        entry["denied"] = sorted({d["paragraph"] for d in denials})
        entry["denials"] = denials
    if not entry["covered"]:
        named = [i for i, n in enumerate(scored.judged.named) if category.id in n]
        entry["note"] = ("作者否认存在该类问题 / problems of this category are denied" if denials else
                         "未查摆该类问题 / no problem of this category is examined" if score < threshold else
                         UNRECOGNISED if any(_describes_a_fault(scored.judged.sentences[i]) for i in named) else
                         "只提到该类别，没有一句描述具体行为 / the category is only named: no sentence describes a behaviour"
                         if named else "用词接近该类别，但没有一句描述该类具体行为 / the wording comes near this category, "
                         "but no sentence describes a behaviour of it")
    elif denials:
        entry["note"] = "一处否认，但另有段落查摆了具体问题 / denied in one place, but a concrete problem is examined elsewhere"
    elif all(headline(s.text) for i in shown for s in evidence[(i, j)]):
        entry["note"] = ("证据只是问题的标题句，没有一句展开描述具体行为 / the evidence is only a problem's headline: "
                         "no sentence spells out the behaviour")
    return entry


def _describes_a_fault(sentences: list[Sentence]) -> bool:
    """Does a sentence of a paragraph, no denial nor heading, state a fault of conduct (a clause with a
    fault word: :meth:`~analyzer.behaviour.BehaviourReader.describes` outside a confessing paragraph)?"""
    reader = behaviour_reader()
    return any(not s.denied and not s.bare and reader.describes(s.text, False) for s in sentences)


def evidence_phrases(styles: list[list[str]], matches: list[list[Match]]) -> list[dict]:
    """Per paragraph, category -> the manifestations confessed in it, for the styles it examines."""
    return [{cid: sorted({m.phrase for m in ms if m.category == cid and not m.denied})
             for cid in styles[i] if any(m.category == cid and not m.denied for m in ms)}
            for i, ms in enumerate(matches)]
