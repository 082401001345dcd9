"""Stage 3: headings, sections and a role for every paragraph.

Headings are found by rule in every numbering style materials use (一、 （一） 1. 1、
（1） ① 第一/首先 …, titles, docx lines that are bold-only or in a heading style). Roles
come from a classifier trained on the labelled corpus (``python -m training``): TF-IDF over
jieba words plus layout and lexicon
features, including the class of the enclosing section (问题/原因/措施/情况 …), decoded
over the whole document with role-transition probabilities (Viterbi), so materials
organised 问题/原因/措施, interleaved by category, or with no headings at all all work. A paragraph
that is not a sentence is then given no judged role (:func:`analyzer.noise.unjudged`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .noise import unjudged
from .resources import LexiconSet, lexicon, load_yaml

ROLES = ("heading", "preamble", "problem", "cause", "measure", "summary", "closing", "other")
NOISE = "noise"  # web-page noise (analyzer.noise): never predicted, judged as nothing
ALL_ROLES = ROLES + (NOISE,)
NUMBERING = (  # style, level, pattern
    ("cn", 1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．，,]")),
    ("paren_cn", 2, re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")),
    ("arabic", 3, re.compile(r"^\d{1,2}\s*[.、．](?!\d)")),
    ("paren_arabic", 4, re.compile(r"^[（(]\d{1,2}[)）]")),
    ("circled", 5, re.compile(r"^[①-⑳]")),
    ("ordinal", 6, re.compile(r"^(第[一二三四五六七八九十]{1,2}[，、,：:是]|首先|其次|再次|最后|此外|另外)")),
    ("shi", 7, re.compile(r"^[一二三四五六七八九十]是")),
)
_LEAD_END = re.compile(r"[。：:！？；]")
_DIGIT = re.compile(r"\d")
_TITLE_WORDS = re.compile(r"材料|发言|提纲|剖析|报告|检查|检视|对照")
HEADING_MAX = 36


# the styles' patterns as one alternation, tried in NUMBERING's order (the first that matches at the
# start wins, as when each is tried in turn): one regex call per paragraph instead of up to seven
_ANY_NUMBER = re.compile("|".join(f"(?P<{style}>{pattern.pattern.removeprefix('^')})" for style, _, pattern in NUMBERING))
_LEVEL = {style: level for style, level, _ in NUMBERING}


_BRACKETED = re.compile(r"[【〔\[](?=[一二三四五六七八九十\d]{1,3}\s*[、.．])")  # 【一、存在的问题】


def numbering(text: str) -> tuple[str, int, str]:
    """(style, level, text after the number) of a paragraph's leading number (behind an opening
    bracket: 【一、存在的问题】), or ("none", 0, text)."""
    bracket = _BRACKETED.match(text)
    m = _ANY_NUMBER.match(text, bracket.end() if bracket else 0)
    if m:
        return m.lastgroup, _LEVEL[m.lastgroup], text[m.end():].lstrip()
    return "none", 0, text


def lead(text: str) -> str:
    """The lead of a paragraph: its text up to the first 。：！？； (a run-in heading)."""
    m = _LEAD_END.search(text)
    return text[: m.start()] if m else text


def looks_like_heading(text: str, hinted: bool = False) -> bool:
    """A short line with a heading number, or formatted as a heading (``hinted``: bold-only or
    a heading style in a docx), or a short unpunctuated section label."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX or text.endswith(("。", "；", "！", "？", "，")):
        return False
    style, level, rest = numbering(text)
    if hinted or (0 < level <= 5 and rest):
        return True
    return style == "none" and len(text) <= 20 and section_class(text) not in ("", "closing") \
        and not re.search(r"[，,、]", text)


def section_class(heading: str) -> str:
    """Class of a heading (problem, cause, measure, summary, case, preamble, closing) or ""."""
    return next((cls for cls, words in _section_words() if words.search(heading)), "")


@lru_cache(maxsize=1)
def _section_words() -> list[tuple[str, re.Pattern]]:
    """(class, one pattern of its words) in ``data/lexicons/sections.yaml``'s order."""
    spec = load_yaml("lexicons/sections.yaml")
    return [(cls, re.compile("|".join(re.escape(str(k)) for k in spec[cls]))) for cls in spec["order"] if spec[cls]]


@dataclass
class Section:
    """A heading and the paragraphs under it (until the next heading of its level or higher)."""

    heading: int          # paragraph index of the heading
    level: int
    title: str
    cls: str              # section class, see :func:`section_class`
    end: int = 0          # paragraph index after the last paragraph of the section

    def to_dict(self) -> dict:
        return {"heading": self.heading, "level": self.level, "title": self.title,
                "class": self.cls, "paragraphs": [self.heading + 1, self.end]}


@dataclass
class Layout:
    """Rule-based layout of a document: headings, sections, per-paragraph context."""

    is_heading: list[bool]
    sections: list[Section]
    context: list[str] = field(default_factory=list)   # enclosing section class per paragraph
    categories: list[str] = field(default_factory=list)  # enclosing heading/lead text naming a category


def layout(paragraphs: list[str], hints: set[int] = frozenset()) -> Layout:
    """Find headings (numbered, title, formatted as headings, section labels) and the sections they open."""
    is_heading = []
    for i, text in enumerate(paragraphs):
        title = i == 0 and len(text) <= 50 and not text.endswith("。") and bool(_TITLE_WORDS.search(text))
        is_heading.append(title or looks_like_heading(text, hinted=i in hints))
    sections: list[Section] = []
    open_stack: list[Section] = []
    context, categories = [], []
    cls_now, lead_cls = "", ""
    for i, text in enumerate(paragraphs):
        if is_heading[i]:
            style, level, rest = numbering(text)
            level = level or (0 if i == 0 and not sections else 1 if i not in hints else 2)
            table_head = "\t" in text  # a table's header row (类别\t具体表现\t整改时限) heads its rows
            if table_head:              # inside the open section: its 整改时限 column opens no measures
                level = open_stack[-1].level + 1 if open_stack else level
            while open_stack and open_stack[-1].level >= level:
                open_stack.pop().end = i
            sec = Section(i, level, text, "" if table_head else section_class(rest or text))
            sections.append(sec)
            open_stack.append(sec)
            lead_cls = ""
        else:
            style, level, rest = numbering(text)
            if 0 < level <= 5:  # a run-in heading "（三）原因分析。……" sets context too
                lead_cls = section_class(lead(rest)) if len(lead(rest)) <= HEADING_MAX else ""
        stack_cls = next((s.cls for s in reversed(open_stack) if s.cls), "")
        cls_now = lead_cls or stack_cls
        context.append(cls_now)
        categories.append(" ".join(s.title for s in open_stack) + " " + lead(text)[:HEADING_MAX])
    for sec in open_stack:
        sec.end = len(paragraphs)
    return Layout(is_heading, sections, context, categories)


def _features(paragraphs: list[str], lay: Layout, cues: dict[str, list[int]] | None = None) -> tuple[dict, dict, dict]:
    """The layout and lexicon features of every paragraph, by feature: (class-valued features:
    prefix -> the class of each paragraph; numeric features: name -> the value of each paragraph;
    lexicon cues: name -> the number of matches in each paragraph, ``cues`` when already counted)."""
    n = len(paragraphs)
    first_problem = next((i for i, c in enumerate(lay.context) if c == "problem"), n)
    styles, owns = [], []
    for text in paragraphs:
        style, level, rest = numbering(text)
        head = lead(rest)
        styles.append(style)
        owns.append(section_class(head) if len(head) <= HEADING_MAX else "long")
    classes = {"num": styles, "context": [c or "none" for c in lay.context], "own_class": owns}
    numeric = {
        "heading_rule": [float(h) for h in lay.is_heading],
        "pos": [i / max(n - 1, 1) for i in range(n)],
        "first": [float(i == 0) for i in range(n)],
        "last": [float(i == n - 1) for i in range(n)],
        "before_first_problem": [float(i < first_problem) for i in range(n)],
        "log_len": [math.log1p(len(text)) / 8 for text in paragraphs],
        "ends_period": [float(text.endswith(("。", "！"))) for text in paragraphs],
        "ends_colon": [float(text.endswith(("：", ":"))) for text in paragraphs],
        "has_digit": [float(_DIGIT.search(text) is not None) for text in paragraphs],
    }
    return classes, numeric, _role_lexicons().counts_of(paragraphs) if cues is None else cues


def paragraph_features(paragraphs: list[str], lay: Layout) -> list[dict]:
    """Layout and lexicon features of every paragraph, one dict each (what the role model's
    ``DictVectorizer`` is fitted on; :func:`feature_rows` gives its rows without the dicts)."""
    classes, numeric, cues = _features(paragraphs, lay)
    feats = []
    for i in range(len(paragraphs)):
        f = {f"{prefix}={values[i]}": 1.0 for prefix, values in classes.items()}
        f.update({name: values[i] for name, values in numeric.items()})
        f.update({f"lex={name}": math.log1p(c[i]) for name, c in cues.items() if c[i]})
        feats.append(f)
    return feats


def feature_rows(vectorizer, paragraphs: list[str], lay: Layout, cues: dict[str, list[int]] | None = None) -> np.ndarray:
    """``vectorizer.transform(paragraph_features(paragraphs, lay)).toarray()`` for the fitted
    ``DictVectorizer`` of the role model: a dense (paragraphs × features) array, written feature by
    feature in NumPy without a dict per paragraph (names it never saw left out, columns in order,
    the same values). The role model's layout and lexicon features are a few dozen columns: one
    dense block multiplies faster than the sparse cells of them would be gathered and sorted.
    ``cues``: the lexicon counts of the paragraphs, when already counted (:func:`cue_counts`)."""
    n = len(paragraphs)
    vocabulary = vectorizer.vocabulary_
    classes, numeric, cues = _features(paragraphs, lay, cues)
    out = np.zeros((n, len(vectorizer.feature_names_)))
    rows = np.arange(n)
    for prefix, found in classes.items():
        column = np.fromiter((vocabulary.get(f"{prefix}={v}", -1) for v in found), dtype=np.int64, count=n)
        known = column >= 0
        out[rows[known], column[known]] = 1.0
    for name, found in numeric.items():
        if name in vocabulary:
            out[:, vocabulary[name]] = found
    for name, counts in cues.items():
        if f"lex={name}" in vocabulary:
            out[:, vocabulary[f"lex={name}"]] = [math.log1p(c) for c in counts]
    return out


def cue_counts(documents: list[list[str]]) -> list[dict[str, list[int]]]:
    """The role lexicons' counts in the paragraphs of each document, from one count over them all
    (:meth:`~analyzer.resources.LexiconSet.counts_of`: each paragraph's counts are its own)."""
    from .features import by_lengths

    counts = _role_lexicons().counts_of([p for paragraphs in documents for p in paragraphs])
    lengths = [len(paragraphs) for paragraphs in documents]
    per_lexicon = {name: by_lengths(found, lengths) for name, found in counts.items()}
    return [{name: parts[d] for name, parts in per_lexicon.items()} for d in range(len(documents))]


@lru_cache(maxsize=1)
def _role_lexicons() -> LexiconSet:
    return LexiconSet({
        "preamble": lexicon("roles", "preamble"),
        "closing": lexicon("roles", "closing"),
        "cause_open": lexicon("roles", "cause_openers"),
        "measure_open": lexicon("roles", "measure_openers"),
        "achievement": lexicon("summary_cues", "achievement", "statistics"),
        "compliance": lexicon("summary_cues", "compliance"),
        "plural_acc": lexicon("summary_cues", "plural_accomplishment"),
        "self_critical": lexicon("self_critical", "phrases"),
        "root": lexicon("causes", "root"),
        "excuse": lexicon("causes", "excuse"),
        "deadline": lexicon("measures", None, "deadline"),
        "vague": lexicon("measures", "vague"),
        "instance": lexicon("instances", "markers", "regex"),
    })


def viterbi(log_emit: np.ndarray, log_trans: np.ndarray, log_start: np.ndarray) -> list[int]:
    """Most likely state sequence given per-step log emissions (n × k) and transitions (k × k)."""
    return viterbi_many([log_emit], log_trans, log_start)[0]


def viterbi_many(log_emits: list[np.ndarray], log_trans: np.ndarray, log_start: np.ndarray) -> list[list[int]]:
    """The most likely state sequence of each of several sequences of log emissions (each n × k, n ≥ 1)
    given the transitions (k × k), decoded at once: the sequences padded to the longest, every step one operation over all of them (each sequence's scores are its own, the
    same sums and maxima), each path read back from its own last step."""
    lengths = np.array([len(e) for e in log_emits])
    emit = np.zeros((len(log_emits), int(lengths.max()), log_trans.shape[0]))
    for b, e in enumerate(log_emits):
        emit[b, :len(e)] = e
    score = log_start + emit[:, 0]
    back = np.zeros(emit.shape, dtype=int)
    last = score.copy()  # each sequence's scores at its last step
    for t in range(1, emit.shape[1]):
        cand = score[:, :, None] + log_trans
        back[:, t] = cand.argmax(axis=1)
        score = cand.max(axis=1) + emit[:, t]
        ending = lengths == t + 1
        last[ending] = score[ending]
    paths = []
    for b, n in enumerate(lengths.tolist()):
        path = [int(last[b].argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[b, t, path[-1]]))
        paths.append(path[::-1])
    return paths


class RoleModel:
    """Paragraph role classifier with document-level Viterbi decoding.

    ``fit(docs)`` takes lists of (paragraph texts, tokens, heading-hint set, gold roles);
    ``predict`` returns one role per paragraph. Learned state: ``clf_``, ``vec_``,
    ``log_trans_``, ``log_start_``.
    """

    # emission_weight 2: a paragraph's own words outweigh the transitions, so a plan closing a
    # problem section with no heading (…不足。| 下一步，我将…) is a measure (dev accuracy 0.959 → 0.968
    # on the materials, 0.956 → 0.963 with their run-on and excerpt shapes, fit on train)
    def __init__(self, C: float = 4.0, smoothing: float = 1.0, emission_weight: float = 2.0):
        self.C = C
        self.smoothing = smoothing
        self.emission_weight = emission_weight

    def _rows(self, paragraphs, tokens, lay, grams=None):
        """The model's rows (:class:`~analyzer.features.Blocks`: the words' sparse rows beside the dense
        layout and lexicon features, multiplied without a joined matrix);
        the words from ``grams`` (the document's :class:`~analyzer.features.DocumentGrams`) if given."""
        from .features import blocks, tfidf_rows

        words = grams.words.rows(self.tfidf_) if grams is not None else \
            tfidf_rows(self.tfidf_, [" ".join(t) for t in tokens])
        return blocks([words, feature_rows(self.dict_, paragraphs, lay)])

    def fit(self, docs: list[tuple[list[str], list[list[str]], set[int], list[str]]]) -> "RoleModel":
        from scipy.sparse import hstack
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.tfidf_ = TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=2,
                                      sublinear_tf=True, max_features=30000)
        self.dict_ = DictVectorizer()
        all_words, all_feats, y = [], [], []
        k = len(ROLES)
        trans = np.full((k, k), self.smoothing)
        start = np.full(k, self.smoothing)
        for paragraphs, tokens, hints, roles in docs:
            lay = layout(paragraphs, hints)
            all_feats.extend(paragraph_features(paragraphs, lay))
            all_words.extend(" ".join(t) for t in tokens)
            y.extend(roles)
            idx = [ROLES.index(r) for r in roles]
            start[idx[0]] += 1
            for a, b in zip(idx, idx[1:]):
                trans[a, b] += 1
        X = hstack([self.tfidf_.fit_transform(all_words), self.dict_.fit_transform(all_feats)]).tocsr()
        self.clf_ = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.clf_.fit(X, y)
        self.log_trans_ = np.log(trans / trans.sum(axis=1, keepdims=True))
        self.log_start_ = np.log(start / start.sum())
        return self

    def predict_proba(self, paragraphs: list[str], tokens: list[list[str]], lay: Layout, grams=None) -> np.ndarray:
        """Per-paragraph probabilities over :data:`ROLES` (columns in ROLES order); ``grams``: the
        document's shared featurisation, when there is one."""
        return self._proba(self._rows(paragraphs, tokens, lay, grams))

    def _proba(self, X) -> np.ndarray:
        from .features import multinomial

        proba = multinomial(self.clf_, X)
        out = np.full((X.shape[0], len(ROLES)), 1e-6)
        for j, cls in enumerate(self.clf_.classes_):
            out[:, ROLES.index(cls)] = proba[:, j]
        return out

    def predict(self, paragraphs: list[str], tokens: list[list[str]], lay: Layout, grams=None) -> list[str]:
        return self._decode(self.predict_proba(paragraphs, tokens, lay, grams), paragraphs, tokens, lay)

    def predict_many(self, docs: list[tuple[list[str], list[list[str]], Layout]], grams) -> list[list[str]]:
        """:meth:`predict` of several documents' (paragraphs, tokens, layout), their paragraphs'
        probabilities from one product: ``grams`` is the featurisation of all their paragraphs, in
        order (:func:`analyzer.features.of_many`); each document decoded on its own."""
        from .features import blocks, by_lengths

        cues = cue_counts([paragraphs for paragraphs, _, _ in docs])
        layout_rows = np.vstack([feature_rows(self.dict_, paragraphs, lay, counts)
                                 for (paragraphs, _, lay), counts in zip(docs, cues)])
        log_emit = self.emission_weight * np.log(self._proba(blocks([grams.words.rows(self.tfidf_), layout_rows])))
        paths = viterbi_many(by_lengths(log_emit, [len(paragraphs) for paragraphs, _, _ in docs]),
                             self.log_trans_, self.log_start_)
        return [self._roles(path, *doc) for path, doc in zip(paths, docs)]

    def _decode(self, proba: np.ndarray, paragraphs: list[str], tokens: list[list[str]], lay: Layout) -> list[str]:
        """The roles of one document's paragraphs: the most likely sequence, a non-sentence left unjudged."""
        return self._roles(viterbi(self.emission_weight * np.log(proba), self.log_trans_, self.log_start_),
                           paragraphs, tokens, lay)

    @staticmethod
    def _roles(path: list[int], paragraphs: list[str], tokens: list[list[str]], lay: Layout) -> list[str]:
        return unjudged([ROLES[j] for j in path], paragraphs, tokens, lay.is_heading)
