"""Stage 7: depth against the seed's four criteria, the three forbidden substitutions, reasons.

Signals are measured on the document's own paragraphs (by role) with the lexicons in
``data/lexicons``, in one named step per criterion (``_strict_signals`` …). The score is a
ridge regression of the corpus's **guide grades** (the 1–5 depth grade the corpus writers
gave by the labelling guide) on all signals, each oriented so that more is deeper and given a
non-negative weight (``python -m training``). Every score lists its deductions — where the points
missing from 100 went, largest first, each with the paragraphs and phrases behind it — and
one-line reasons a reviewer can quote to the author, of which none praises what another
faults. The four criterion scores are signals (each a regression of the overall grade on its
own signals; there are no per-criterion labels to validate them against). An aspect heading read
as a problem paragraph ("(一)…方面。" before the problems of that aspect) confesses nothing: no
signal counts it, so it neither earns nor loses points (:func:`aspect_headings`).

- strict 衡量尺子严: standards invoked (党章、准则、八项规定…), self-critical language, no
  disguised praise, no denied or missing category.
- accurate 查摆问题准: concrete instances (times, numbers, places, 比如/有一次) in problems,
  first person singular, little boilerplate, little work-report text, 开门见山, problems about
  style rather than work (指标、进度、营收 or 工作任务重、推进不平衡 in problems with no style:
  work_for_style).
- deep 原因分析深: root-cause vocabulary (理想信念、宗旨意识…) against objective excuses.
- concrete 整改措施实: measures with deadlines, quantities, owners, 路线图/时间表; few vague verbs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import features
from .behaviour import behaviour_reader
from .copydetect import official_quotations
from .coverage import UNRECOGNISED
from .document import DepthResult, Document
from .resources import MEMO, LexiconSet, lexicon, load_yaml
from .thresholds import best_threshold, f1

CRITERIA = ("strict", "accurate", "deep", "concrete")
CRITERIA_SIGNALS = {
    "strict": ("standards", "self_critical", "disguised_praise", "missing_share", "denied_share"),
    "accurate": ("instance_share", "singular_share", "boilerplate_share", "summary_ratio", "preamble_share",
                 "styleless_share", "work_result_share"),
    "deep": ("root_per_cause", "excuse_share", "cause_share", "root_variety"),
    "concrete": ("deadline_share", "quantity_share", "owner_share", "roadmap", "vague_per_measure"),
}
SIGNALS = tuple(s for names in CRITERIA_SIGNALS.values() for s in names)
# 以工作问题代替作风问题 when at least half of the problems are work problems: a fixed rule, not
# a fitted threshold (a share chosen on dev fired on 7 test materials for 2 true ones).
WORK_FOR_STYLE_SHARE = 0.5
_DIGIT = re.compile(r"\d")
_COLLECTIVE_TITLE = re.compile(r"班子|党组|党委(?!书记)|常委会|常委班子|两委")


@lru_cache(maxsize=1)
def lexicons() -> LexiconSet:
    """The depth lexicons, by name; each paragraph is scanned only by those that can match it."""
    return LexiconSet({
        "standards": lexicon("standards", "phrases"),
        "self_critical": lexicon("self_critical", "phrases"),
        "reported": lexicon("self_critical", None, "reported"),
        "disguised": lexicon("disguised_praise", "phrases"),
        "instance": lexicon("instances", "markers", "regex"),
        "counted": lexicon("instances", None, "counted"),
        "framing": lexicon("instances", "framing"),
        "stock_numbers": lexicon("instances", None, "stock_numbers"),
        "singular": lexicon("person", "singular"),
        "plural": lexicon("person", "plural"),
        "root": lexicon("causes", "root"),
        "excuse": lexicon("causes", "excuse"),
        "deadline": lexicon("measures", None, "deadline"),
        "quantity": lexicon("measures", None, "quantity"),
        "owner": lexicon("measures", "owner"),
        "roadmap": lexicon("measures", "roadmap"),
        "vague": lexicon("measures", "vague"),
        "work_results": lexicon("work_results", "phrases"),
        "shortfalls": lexicon("work_results", "shortfalls"),
        "outcomes": lexicon("work_results", "outcomes"),
        "conduct": lexicon("work_results", "conduct", "conduct_regex"),
    })


def is_collective(texts: list[str]) -> bool:
    """A 班子 material: its title or opening names the leadership body and not one person."""
    head = " ".join(texts[:2])
    return bool(_COLLECTIVE_TITLE.search(head)) and "个人" not in head


class BoilerplateBank:
    """Stock self-examination sentences (``data/lexicons/boilerplate.yaml``) as character
    bigram vectors; a sentence with cosine ≥ ``threshold`` to one of them is boilerplate."""

    def __init__(self, threshold: float = 0.7):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.sentences = [str(s) for s in load_yaml("lexicons/boilerplate.yaml")["sentences"]]
        self.vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2)).fit(self.sentences)
        self.bank = self.vec.transform(self.sentences)
        # dense (bigrams × stock sentences): a sentence's row times it adds the same products in the same
        # order as the sparse product, and the sum of a cell with no bigram in common stays 0; in C order,
        # as the product reads it (else each document's product copies it first)
        self.bank_t = np.ascontiguousarray(self.bank.T.toarray())
        self.threshold = threshold
        features.register(self.vec)  # a document's character n-grams hold the sentences' bigrams

    def match(self, sentences: list[str], spans: list[tuple[int, int, int]] | None = None,
              grams: features.CharGrams | None = None) -> list[tuple[str, str, float]]:
        """(sentence, most similar stock sentence, cosine) for each boilerplate sentence. With
        ``grams`` (a document's :class:`~analyzer.features.CharGrams`) and ``spans`` (each
        sentence's paragraph, start and end in it), the sentences' bigrams are cut from the
        document's n-grams, not read again."""
        return [(sentences[k], stock, cosine) for k, stock, cosine in self._similar(sentences, spans, grams)]

    def match_many(self, docs: list[Document]) -> list[list[tuple[str, str, float]]]:
        """:meth:`match` of each document's problem sentences (:func:`problem_sentences`), their rows
        cut from the documents' one featurisation (:func:`analyzer.features.of_many`) and multiplied
        by the bank in one product (each row's cosines are those of the sentence alone)."""
        spans, sentences, owners = [], [], []
        first = 0
        for n, doc in enumerate(docs):
            for i, a, b in problem_sentences(doc.texts, doc.roles, doc.sentences):
                spans.append((first + i, a, b))
                sentences.append(doc.texts[i][a:b])
                owners.append(n)
            first += len(doc.texts)
        out = [[] for _ in docs]
        for k, stock, cosine in self._similar(sentences, spans, features.of_many(docs).chars):
            out[owners[k]].append((sentences[k], stock, cosine))
        return out

    def _similar(self, sentences: list[str], spans, grams) -> list[tuple[int, str, float]]:
        """(sentence number, most similar stock sentence, cosine) of each boilerplate sentence."""
        kept = [k for k, s in enumerate(sentences) if len(s) >= 8 and not _DIGIT.search(s)]  # numbers are specific
        if not kept:
            return []
        rows = grams.rows(self.vec, [spans[k] for k in kept]) if grams is not None else \
            features.tfidf_rows(self.vec, [sentences[k] for k in kept])
        sims = rows.dot(self.bank_t)
        best = sims.argmax(axis=1)
        return [(k, self.sentences[b], float(sims[i, b])) for i, (k, b) in enumerate(zip(kept, best.tolist()))
                if sims[i, b] >= self.threshold]


def problem_sentences(texts: list[str], roles: list[str], sentences: list[list[tuple[int, int]]]
                      ) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of the sentences of six characters or more of the problem paragraphs
    (:func:`problem_paragraphs`): those the boilerplate bank is asked about."""
    return [(i, a, b) for i in problem_paragraphs(texts, roles, sentences) for a, b in sentences[i] if b - a >= 6]


def problem_paragraphs(texts: list[str], roles: list[str], sentences: list[list[tuple[int, int]]]) -> list[int]:
    """The problem paragraphs depth grades: every paragraph of role problem but an aspect heading
    (:func:`aspect_headings`), which neither earns nor loses points."""
    headings = set(aspect_headings(texts, roles, sentences))
    return [i for i, role in enumerate(roles) if role == "problem" and i not in headings]


def aspect_headings(texts: list[str], roles: list[str], sentences: list[list[tuple[int, int]]]) -> list[int]:
    """The problem paragraphs that only name the aspect the next problem paragraphs examine
    ("(一)…方面。", 1、公款出国(境)费): every sentence a heading by the behaviour reader's rule
    (:meth:`~analyzer.behaviour.BehaviourReader.heading`: a heading describes no behaviour), and
    the next paragraph a problem. A numbered fault (一是学习流于形式。) confesses and stays."""
    reader = behaviour_reader()
    return [i for i, role in enumerate(roles[:-1])
            if role == "problem" and roles[i + 1] == "problem" and sentences[i]
            and all(reader.heading(texts[i][a:b]) for a, b in sentences[i])]


@dataclass
class Signals:
    values: dict
    evidence: dict = field(default_factory=dict)   # signal -> paragraphs that show it
    phrases: dict = field(default_factory=dict)    # signal -> phrases
    counts: dict = field(default_factory=dict)     # numbers quoted in reasons
    gaps: dict = field(default_factory=dict)       # signal -> paragraphs where the material falls short
    quotes: dict = field(default_factory=dict)     # signal -> phrases of those paragraphs that show it
    not_in_text: tuple = ()                        # parts a text cut short never reached (cut_parts)
    stops_in: str = ""                             # the role of the last judged paragraph of a text cut short
    absent: dict = field(default_factory=dict)     # signal -> the missing part its shortfall stems from (ABSENCES)


@dataclass
class Parts:
    """The paragraphs of one material by role, as every depth step reads them; ``problems``: the
    problem paragraphs but the aspect headings (:func:`problem_paragraphs`)."""

    texts: list[str]
    roles: list[str]
    styles: list[list[str]]
    problems: list[int]
    causes: list[int]
    measures: list[int]
    chars: int
    sentences: list[list[tuple[int, int]]]  # (start, end) of each paragraph's sentences

    @classmethod
    def of(cls, texts, roles, styles, sentences) -> "Parts":
        by_role = {r: [i for i, x in enumerate(roles) if x == r] for r in ("cause", "measure")}
        return cls(texts, roles, styles, problem_paragraphs(texts, roles, sentences),
                   by_role["cause"], by_role["measure"], sum(len(t) for t in texts) or 1, sentences)

    def found(self, lx, where, own: bool = False) -> dict:
        """paragraph -> phrases of lexicon ``lx`` in it, for the paragraphs that have any; ``own``:
        only those the author says, not those of the words the paragraph quotes (:func:`quoted_spans`)."""
        cues = lexicons()
        out = {}
        for i in where:
            text = self.texts[i]
            hits = lx.find(text) if cues.may_match(lx, text) else ()
            if own and hits:
                quoted = quoted_spans(text)
                hits = [m for m in hits if not any(a <= m.start() and m.end() <= b for a, b in quoted)]
            if hits:
                out[i] = [m.group(0) for m in hits]
        return out


_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」|《[^《》]*》")
_SENTENCE_END = re.compile(r"[。！？!?]")


@lru_cache(maxsize=MEMO)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the words a paragraph quotes rather than says: 《…》 titles, an official
    formulation (the copy detector's quotations) inside quotation marks, and what a leader's or
    a document's words introduced with a colon run to (``self_critical.yaml`` ``reported``: 总书记
    这样概括：…), up to the closing quotation mark or the sentence's end. Remembered per text
    (each of a paragraph's lexicons asks).

    >>> t = "总书记概括为：精神懈怠、不思进取。我理想信念有所淡化。"
    >>> [t[a:b] for a, b in quoted_spans(t)]
    ['精神懈怠、不思进取。']
    """
    marks = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    spans = [(a, b) for a, b in marks if text[a] == "《"]
    if len(spans) < len(marks):  # a formulation counts only inside quotation marks: none, no search
        spans += [(a, b) for s, e in official_quotations(text) for a, b in marks if a <= s and e <= b]
    for m in lexicons()["reported"].find(text):
        start = m.end()
        closing = next((b for a, b in marks if a == start), None)
        end = _SENTENCE_END.search(text, start)
        spans.append((start, closing or (end.end() if end else len(text))))
    return tuple(sorted(set(spans)))


def measure(doc: Document, bank: BoilerplateBank, collective: bool,
            boiler: list[tuple[str, str, float]] | None = None) -> Signals:
    """All depth signals of a document the coverage and summary stages have judged, with the
    (content) paragraphs and phrases behind them and the paragraphs where it falls short;
    ``collective``: a 班子 material (:func:`_concrete_signals`); ``boiler``: its boilerplate
    sentences, when already matched (:meth:`BoilerplateBank.match_many`)."""
    texts, roles, styles, coverage, summary = doc.texts, doc.roles, doc.coverage.styles, doc.coverage.entries, \
        doc.summary.entry
    lx = lexicons()
    parts = Parts.of(texts, roles, with_evidence(styles, coverage), doc.sentences)
    sig = Signals({})
    _strict_signals(sig, parts, coverage, lx)
    if boiler is None:
        spans = problem_sentences(texts, roles, doc.sentences)
        boiler = bank.match([texts[i][a:b] for i, a, b in spans], spans, features.of(doc).chars)
    _accurate_signals(sig, parts, summary, boiler, lx)
    _deep_signals(sig, parts, lx)
    _concrete_signals(sig, parts, lx, collective)
    sig.not_in_text = cut_parts(parts)
    sig.stops_in = _last_judged(parts) if sig.not_in_text else ""
    for part in sig.not_in_text:
        for name in PART_SIGNALS[part]:
            sig.gaps[name] = []
    sig.absent = absent_parts(parts, sig.counts)
    _quotes(sig, parts, lx)
    return sig


# One absence, one deduction: when a complete material lacks a part, every signal that measures a
# quality of that part falls short for that one reason, and their points form one deduction named
# for what is missing. key: (reason, criterion, the signals the absence empties)
ABSENCES = {
    "no_problems": ("没有查摆出问题：文本中没有查摆问题的段落 / no problems confessed", "accurate",
                    ("self_critical", "disguised_praise", "instance_share", "singular_share", "boilerplate_share",
                     "styleless_share", "preamble_share")),  # no 开门见山 where no problem comes
    "no_causes": ("没有原因分析 / no cause analysis", "deep", CRITERIA_SIGNALS["deep"]),
    "no_measures": ("没有整改措施 / no rectification measures", "concrete", CRITERIA_SIGNALS["concrete"]),
}


def absent_parts(parts: Parts, counts: dict) -> dict[str, str]:
    """signal -> the :data:`ABSENCES` key of the missing part its shortfall stems from. Causes
    that explain no confessed problem earn nothing because no problem is confessed; so do the
    categories when none is examined and no problem is confessed."""
    absent = {}
    if not parts.problems:
        absent.update(dict.fromkeys(ABSENCES["no_problems"][2], "no_problems"))
        if len(counts["not_covered"]) == counts["categories"]:
            absent["missing_share"] = "no_problems"
        absent.update(dict.fromkeys(ABSENCES["no_causes"][2], "no_problems" if parts.causes else "no_causes"))
    elif not parts.causes:
        absent.update(dict.fromkeys(ABSENCES["no_causes"][2], "no_causes"))
    if not parts.measures:
        absent.update(dict.fromkeys(ABSENCES["no_measures"][2], "no_measures"))
    return absent


# The signals of each part a cut text may not reach; "categories": the categories examined.
PART_SIGNALS = {"causes": ("root_per_cause", "excuse_share", "cause_share", "root_variety"),
                "measures": ("deadline_share", "quantity_share", "owner_share", "roadmap", "vague_per_measure"),
                "categories": ("missing_share",)}
PART_LABEL = {"causes": "原因分析 / causes", "measures": "整改措施 / measures"}
CUT_CRITERION = {"causes": "deep", "measures": "concrete"}  # the criterion that judges each such part
# What cut_parts may find not in a text: the categories, with or without the causes and the measures.
CUTS = (("categories",), ("causes", "categories"), ("measures", "categories"), ("causes", "measures", "categories"))


def partial_key(cut) -> str:
    return "+".join(p for p in PART_SIGNALS if p in cut)


def present_signals(cut) -> tuple[str, ...]:
    """The signals a text holds when the parts ``cut`` are not in it."""
    absent = {n for part in cut for n in PART_SIGNALS[part]}
    return tuple(n for n in SIGNALS if n not in absent)


def cut_parts(parts: Parts) -> tuple[str, ...]:
    """The parts of a material that a text cut short never reached. A self-examination goes
    problems → causes → measures → closing; a text whose last judged paragraph is a problem or
    a cause stops inside the material (a page excerpt, a pasted opening), so the causes or
    measures it holds none of after its first problem, and the categories it has not come to,
    are not in the text: nothing shows they are missing from the material, and no points are
    taken for them. A paragraph before the first problem explains or plans nothing confessed yet
    (现将存在的问题、产生的原因及努力方向报告如下), so it does not show the causes or measures were
    reached. A text with no problem paragraph is not cut inside its problems: its absences stand."""
    if not parts.problems or _last_judged(parts) not in ("problem", "cause"):
        return ()
    first = parts.problems[0]
    missing = [name for name, where in (("causes", parts.causes), ("measures", parts.measures))
               if not any(i > first for i in where)]
    return tuple(missing) + ("categories",)


def _last_judged(parts: Parts) -> str:
    """The role of the last paragraph a self-examination is judged on (problem … closing), or ""."""
    return next((r for r in reversed(parts.roles) if r in ("problem", "cause", "measure", "closing", "summary")), "")


def with_evidence(styles: list[list[str]], coverage: dict) -> list[list[str]]:
    """Each paragraph's styles plus every covered category it is evidence of (coverage may cite a
    paragraph whose own score stays under the threshold), so that no paragraph is both a
    category's evidence and a problem about no style — every evidence paragraph, not only the
    first three whose sentences the entry quotes."""
    out = [list(s) for s in styles]
    for cid, c in coverage.items():
        for i in c.get("evidence", []) if c.get("covered") else []:
            if 0 <= i < len(out) and cid not in out[i]:
                out[i].append(cid)
    return out


# Deductions for something said quote what was said; the others (something missing: no
# instance, no deadline, no root cause …) quote the opening of each paragraph that lacks it.
_SAID = ("disguised_praise", "boilerplate_share", "work_result_share", "excuse_share", "vague_per_measure",
         "denied_share", "root_variety")


def _quotes(sig: Signals, parts: Parts, lx: LexiconSet) -> None:
    """For each signal, phrases of its gap paragraphs that a reviewer can quote for its deduction."""
    texts = parts.texts
    for name, gaps in sig.gaps.items():
        shown = [texts[i] for i in gaps[:8]]
        if name in _SAID:
            sig.quotes[name] = [p for p in sig.phrases.get(name, []) if any(p in t for t in shown)]
        elif name == "singular_share":
            sig.quotes[name] = list(dict.fromkeys(p for t in shown for p in lx["plural"].phrases(t)))
        else:
            sig.quotes[name] = [_opening(texts[i], parts.sentences[i]) for i in gaps[:3]]
    sig.quotes["missing_share"] = list(sig.counts["not_covered"])  # the names of the categories not covered


def _opening(text: str, spans: list[tuple[int, int]], size: int = 24) -> str:
    """The first sentence of a paragraph (``spans``: its sentences), cut to ``size`` characters
    (“…” when cut)."""
    head = text[spans[0][0]:spans[0][1]] if spans else text.strip()
    return head if len(head) <= size else head[:size] + "…"


def _strict_signals(sig: Signals, parts: Parts, coverage: dict, lx: LexiconSet) -> None:
    """尺子严: standards invoked, self-critical language, no disguised praise, no category
    missing or denied."""
    problems = parts.problems
    examined = problems + parts.causes
    std = parts.found(lx["standards"], examined + parts.measures)
    crit = parts.found(lx["self_critical"], problems, own=True)
    disguised = parts.found(lx["disguised"], problems)
    missing = [c for c, v in coverage.items() if not v["covered"]]
    denied = [c for c in missing if coverage[c].get("denied")]
    n_problems, n_cat = max(len(problems), 1), max(len(coverage), 1)
    sig.values.update({
        "standards": math.log1p(sum(len(v) for v in std.values())),
        "self_critical": math.log1p(sum(len(v) for v in crit.values()) / n_problems),
        "disguised_praise": len(disguised) / n_problems,
        "missing_share": len(missing) / n_cat,
        "denied_share": len(denied) / n_cat,
    })
    denial_paras = sorted({i for c in denied for i in coverage[c]["denied"]})
    sig.evidence.update({"standards": sorted(std), "disguised_praise": sorted(disguised), "missing_share": missing,
                         "denied_share": denied})
    sig.gaps.update({"standards": [i for i in examined if i not in std], "self_critical": [i for i in problems if i not in crit],
                     "disguised_praise": sorted(disguised), "missing_share": [], "denied_share": denial_paras})
    sig.phrases.update({"standards": _flat(std), "disguised_praise": _flat(disguised),
                        "missing_share": [coverage[c]["label"] for c in missing if c not in denied],
                        "denied_share": [d["text"] for c in denied for d in coverage[c].get("denials", [])][:3]})
    first = next((i for i, role in enumerate(parts.roles) if role == "problem"), len(parts.texts))
    sig.counts.update({"categories": len(coverage), "missing": [coverage[c]["label"] for c in missing if c not in denied],
                       # named from the first problem on (4、奢靡之风方面：…): in the text, though not examined
                       "named_missing": [coverage[c]["label"] for c in missing if c not in denied
                                         and any(coverage[c]["label"] in t for t in parts.texts[first:])],
                       # named in a paragraph that states a fault, none of its sentences recognised (coverage.UNRECOGNISED)
                       "unrecognised": [coverage[c]["label"] for c in missing if coverage[c].get("note") == UNRECOGNISED],
                       "denied": [coverage[c]["label"] for c in denied],
                       "not_covered": [coverage[c]["label"] for c in missing],
                       "standards": sum(len(v) for v in std.values())})


def _accurate_signals(sig: Signals, parts: Parts, summary: dict, boiler: list[tuple[str, str, float]],
                      lx: LexiconSet) -> None:
    """查摆问题准: concrete instances, first person singular, little boilerplate (``boiler``: the
    boilerplate sentences of the problem paragraphs), little work-report text, 开门见山, problems
    about style rather than work (work_for_style)."""
    texts, problems = parts.texts, parts.problems
    n_problems = max(len(problems), 1)
    inst = {i: found for i in problems if (found := own_instances(texts[i], lx))}
    sing = sum(lx["singular"].count(texts[i]) for i in problems)
    plur = sum(lx["plural"].count(texts[i]) for i in problems)
    sentences = [(i, texts[i][a:b]) for i, a, b in problem_sentences(texts, parts.roles, parts.sentences)]
    boiler_set = {s for s, _, _ in boiler}
    boiler_paras = sorted({i for i, s in sentences if s in boiler_set})
    preamble = preamble_paragraphs(texts, parts.roles, problems[0] if problems else len(texts))
    pre_chars = sum(len(texts[i]) for i in preamble)
    disguised = set(sig.evidence.get("disguised_praise", []))
    styleless = [i for i in problems if not parts.styles[i] and i not in disguised]
    work, work_phrases = work_problems(parts, lx)
    sig.values.update({
        "instance_share": len(inst) / n_problems,
        "singular_share": sing / (sing + plur) if sing + plur else 0.5,
        "boilerplate_share": len(boiler) / max(len(sentences), 1),
        "summary_ratio": summary["ratio"],
        "preamble_share": pre_chars / parts.chars,
        "styleless_share": len(styleless) / n_problems,
        "work_result_share": len(work) / max(len(work_candidates(parts)), 1),
    })
    sig.evidence.update({"instance_share": sorted(inst), "boilerplate_share": boiler_paras, "styleless_share": styleless,
                         "work_result_share": work})
    sig.gaps.update({"instance_share": [i for i in problems if i not in inst],
                     "singular_share": [i for i in problems if lx["plural"].find(texts[i])],
                     "boilerplate_share": boiler_paras, "summary_ratio": list(summary.get("paragraphs", [])),
                     "preamble_share": preamble, "styleless_share": styleless, "work_result_share": work})
    sig.phrases.update({"instance_share": _flat(inst), "work_result_share": work_phrases,
                        "boilerplate_share": [s for s, _, _ in boiler][:5]})
    sig.counts.update({"summary_flagged": bool(summary.get("flagged")),
                       "problems": len(problems), "no_instance": len(problems) - len(inst), "singular": sing,
                       "plural": plur, "pre_chars": pre_chars, "boiler": len(boiler), "sentences": len(sentences),
                       "work_candidates": len(work_candidates(parts))})


def own_instances(text: str, lx: LexiconSet) -> list[str]:
    """The instance phrases of a problem paragraph (``instances.yaml``), or [] when it reports no
    instance of the author's own behaviour: a number that names a slogan or a section (八项规定、
    四个意识、从以下4个方面, ``stock_numbers``) is no instance, counts in Chinese numerals (两个村、三个月,
    ``counted``) are, and framing connectives (具体表现在、
    在…时、特别是在, ``framing``) count only beside a time, number, place, name or narrating marker."""
    stock = [(m.start(), m.end()) for m in lx["stock_numbers"].find(text)]
    hits = [m.group(0) for found in (lx["instance"].find(text), lx["counted"].find(text)) for m in found
            if not any(a <= m.start() and m.end() <= b for a, b in stock)]
    if all(_framing(h, lx) for h in hits):
        return []
    return hits


def _framing(phrase: str, lx: LexiconSet) -> bool:
    return any(m.start() == 0 and m.end() == len(phrase) for m in lx["framing"].find(phrase))


def work_candidates(parts: Parts) -> list[int]:
    """Where a material states its problems: its problem paragraphs; in a material with none
    (a work report), the paragraphs that own up to shortfalls (存在一些不足，主要是…)."""
    if parts.problems:
        return parts.problems
    shortfall = lexicon("work_results", "shortfalls")
    critical = lexicon("self_critical", "phrases")
    return [i for i, t in enumerate(parts.texts)
            if parts.roles[i] != "heading" and shortfall.find(t) and critical.find(t)]


def work_problem(text: str, styles: list[str], lx: LexiconSet) -> list[str]:
    """The work phrases of a problem paragraph that confesses a work shortfall instead of a
    style problem, or [] when it does not. A work problem names no style and no conduct of the
    author (no attitude, habit or way of treating people, and no 我/本人 as the actor:
    ``work_results.yaml`` ``conduct``) and speaks of the work — indicators (指标、进度、营收),
    shortfalls (工作任务重、推进不平衡) or the work's objects and results (建设滞后、机制不健全)."""
    if styles or lx["conduct"].find(text):
        return []
    return lx["work_results"].phrases(text) + lx["shortfalls"].phrases(text) + lx["outcomes"].phrases(text)


def work_problems(parts: Parts, lx: LexiconSet) -> tuple[list[int], list[str]]:
    """以工作问题代替作风问题: the problem paragraphs (in a work report, its shortfall
    paragraphs) that are work problems (:func:`work_problem`), and their work phrases."""
    disguised = set(disguised_problems(parts, lx))
    out, phrases = [], []
    for i in work_candidates(parts):
        work = [] if i in disguised else work_problem(parts.texts[i], parts.styles[i], lx)
        if work:
            out.append(i)
            phrases.extend(work)
    phrases = list(dict.fromkeys(phrases))
    return out, [p for p in phrases if not any(p != q and p in q for q in phrases)][:8]  # 进度 in 进度滞后


def disguised_problems(parts: Parts, lx: LexiconSet) -> list[int]:
    """Problem paragraphs holding disguised praise (工作太投入，对家人照顾不够)."""
    return [i for i in parts.problems if lx["disguised"].find(parts.texts[i])]


def _deep_signals(sig: Signals, parts: Parts, lx: LexiconSet) -> None:
    """原因分析深: root-cause vocabulary (理想信念、宗旨意识…) against objective excuses. Causes
    explain the problems a material confesses: in a text that examines no problem they analyse
    nothing and earn nothing."""
    causes = parts.causes if parts.problems else []
    root, excuse = parts.found(lx["root"], causes, own=True), parts.found(lx["excuse"], causes)
    n_root = sum(len(v) for v in root.values())
    n_excuse = sum(len(v) for v in excuse.values())
    sig.values.update({
        "root_per_cause": n_root / max(len(causes), 1),
        "excuse_share": n_excuse / (n_root + n_excuse) if n_root + n_excuse else 0.0,
        "cause_share": sum(len(parts.texts[i]) for i in causes) / parts.chars,
        "root_variety": len({p for v in root.values() for p in v}),
    })
    sig.evidence.update({"root_per_cause": sorted(root), "excuse_share": sorted(excuse)})
    sig.gaps.update({"root_per_cause": [i for i in causes if i not in root], "excuse_share": sorted(excuse),
                     "cause_share": causes, "root_variety": causes})
    sig.phrases.update({"root_per_cause": _flat(root), "excuse_share": _flat(excuse), "root_variety": _flat(root)})
    sig.counts.update({"causes": len(causes), "causes_of_nothing": len(parts.causes) - len(causes)})


def _concrete_signals(sig: Signals, parts: Parts, lx: LexiconSet, collective: bool) -> None:
    """整改措施实: deadlines, quantities, owners, 路线图/时间表; few vague verbs. Owners (责任人)
    are asked of a 班子's measures only: a personal material's measures are its author's own."""
    measures = parts.measures
    n_measures = max(len(measures), 1)
    deadline, quantity = parts.found(lx["deadline"], measures), parts.found(lx["quantity"], measures)
    owner, roadmap = parts.found(lx["owner"], measures), parts.found(lx["roadmap"], measures)
    owned = owner if collective else measures
    vague = parts.found(lx["vague"], measures)
    sig.values.update({
        "deadline_share": len(deadline) / n_measures,
        "quantity_share": len(quantity) / n_measures,
        "owner_share": len(owned) / n_measures,
        "roadmap": float(bool(roadmap)),
        "vague_per_measure": sum(len(v) for v in vague.values()) / n_measures,
    })
    sig.evidence.update({"deadline_share": sorted(deadline), "vague_per_measure": sorted(vague)})
    sig.gaps.update({"deadline_share": [i for i in measures if i not in deadline],
                     "quantity_share": [i for i in measures if i not in quantity],
                     "owner_share": [i for i in measures if i not in owned], "roadmap": measures if not roadmap else [],
                     "vague_per_measure": sorted(vague)})
    sig.phrases.update({"deadline_share": _flat(deadline), "quantity_share": _flat(quantity),
                        "owner_share": _flat(owner), "vague_per_measure": _flat(vague)})
    sig.counts.update({"measures": len(measures), "no_deadline": len(measures) - len(deadline)})


def preamble_paragraphs(texts: list[str], roles: list[str], first_problem: int) -> list[int]:
    """The preamble before the first problem (开门见山 counts its characters): the paragraphs of
    role preamble or summary (a work-report opening) there. An excerpt that starts mid-document
    has none: when the text opens with no title and no paragraph before the first problem carries
    a preamble cue (根据…部署、现将…报告如下、征求意见 …), what comes first is the middle of a
    material, not its preamble."""
    before = [i for i in range(first_problem) if roles[i] in ("preamble", "summary")]
    cues = lexicon("roles", "preamble")
    if roles[:1] != ["heading"] and not any(cues.find(texts[i]) for i in range(first_problem)):
        return []
    return before


def _flat(found: dict) -> list[str]:
    return list(dict.fromkeys(p for v in found.values() for p in v))[:8]


# +1: the more the deeper; -1: the less the deeper. Signals enter the regressions oriented
# so, with non-negative weights: no signal can raise a score by getting worse.
DIRECTION = {
    "standards": 1, "self_critical": 1, "disguised_praise": -1, "missing_share": -1, "denied_share": -1,
    "instance_share": 1, "singular_share": 1, "boilerplate_share": -1, "summary_ratio": -1, "preamble_share": -1,
    "styleless_share": -1, "work_result_share": -1, "root_per_cause": 1, "excuse_share": -1, "cause_share": 1,
    "root_variety": 1, "deadline_share": 1, "quantity_share": 1, "owner_share": 1, "roadmap": 1,
    "vague_per_measure": -1,
}
CRITERION_OF = {s: c for c, names in CRITERIA_SIGNALS.items() for s in names}
SHORTFALL = {  # what a deduction on each signal means
    "standards": "很少对照党章党规、八项规定 / few standards invoked",
    "self_critical": "自我批评的话少 / little self-critical language",
    "disguised_praise": "变相表扬 / disguised praise",
    "missing_share": "有类别未查摆 / categories not examined",
    "denied_share": "否认存在问题 / categories denied",
    "instance_share": "问题没有具体事例 / problems without concrete instances",
    "singular_share": "用“我们”代替“我” / “we” instead of “I”",
    "boilerplate_share": "套话 / stock phrases",
    "summary_ratio": "写成工作总结 / work-summary passages",
    "preamble_share": "铺垫过长 / long preamble",
    "styleless_share": "问题不涉作风 / problems about no style",
    "work_result_share": "以工作问题代替作风问题 / work problems instead of style",
    "root_per_cause": "原因没有触及主观根源 / causes without subjective roots",
    "excuse_share": "强调客观原因 / objective excuses",
    "cause_share": "原因分析篇幅少 / short cause analysis",
    "root_variety": "根源剖析不够全面 / root causes could range wider",
    "deadline_share": "整改措施无时限 / measures without deadlines",
    "quantity_share": "整改措施没有量化 / measures without quantities",
    "owner_share": "整改措施没有责任人 / measures without owners",
    "roadmap": "整改缺少总体安排：没有路线图、台账或整改清单 / no plan for the measures as a whole (roadmap, ledger, "
               "checklist)",
    "vague_per_measure": "整改措施笼统 / vague measures",
}
# The same shortfall when only some of the items fall short: it must not read as the opposite of a
# reason that praises the rest (已查摆的问题具体 beside 问题没有具体事例).
SHORTFALL_OF_SOME = {
    "instance_share": "部分问题没有具体事例 / some problems without concrete instances",
    "root_per_cause": "部分原因没有触及主观根源 / some causes without subjective roots",
    "deadline_share": "部分整改措施无时限 / some measures without deadlines",
    "quantity_share": "部分整改措施没有量化 / some measures without quantities",
    "owner_share": "部分整改措施没有责任人 / some measures without owners",
}
# The items each per-item signal counts (its paragraphs that fall short are among them).
_ITEMS_OF = {"instance_share": "problems", "root_per_cause": "causes", "deadline_share": "measures",
             "quantity_share": "measures", "owner_share": "measures"}
# A reason that praises an aspect, and the headlines of deductions that would say its opposite.
PRAISE_OPPOSITES = {
    "已查摆的问题具体": ("问题没有具体事例",),
    "原因剖析触及主观根源": ("原因没有触及主观根源",),
    "整改措施有时限": ("整改措施无时限", "时间表"),  # a measure with a deadline is an entry of a timetable
}


def _headline(name: str, sig: Signals) -> str:
    """What a deduction on signal ``name`` means: :data:`SHORTFALL`, or
    :data:`SHORTFALL_OF_SOME` when only some of the items it counts fall short."""
    items = sig.counts.get(_ITEMS_OF.get(name, ""), 0)
    if name in SHORTFALL_OF_SOME and 0 < len(sig.gaps.get(name, [])) < items:
        return SHORTFALL_OF_SOME[name]
    return SHORTFALL[name]


class DepthModel:
    """Ridge regressions of the guide grade (1–5): one per criterion on its signals, one
    overall on all, and one on the signals of each set of parts a cut text may hold (the
    overall model without the signals of the parts it never reached, :func:`cut_parts`);
    every signal enters oriented by :data:`DIRECTION` with a non-negative weight. Learned
    state: ``criteria_``, ``overall_``, ``partial_`` (key: the parts not in the text, joined
    by "+"), ``ideal_`` (per signal, the oriented value of the best tenth of the training
    materials: below it a material loses points), ``thresholds_`` (per tuned substitution,
    ``thresholds`` or chosen by :meth:`fit`; work_for_style is the fixed rule
    :data:`WORK_FOR_STYLE_SHARE`, not tuned)."""

    def __init__(self, alpha: float = 1.0, thresholds: dict | None = None):
        self.alpha = alpha
        self.thresholds = thresholds or {"collective_for_personal": 0.5, "generic_for_specific": 0.6}

    @staticmethod
    def _row(sig: Signals, names) -> list[float]:
        return [DIRECTION[n] * sig.values[n] for n in names]

    def _scoring(self, sig: Signals) -> tuple[tuple[str, ...], tuple[np.ndarray, float]]:
        """The signals the score reads and the regression that reads them: for a text cut short,
        the model of the parts it holds, so that what it never reached earns and costs nothing."""
        if not sig.not_in_text:
            return SIGNALS, self.overall_
        return present_signals(sig.not_in_text), self.partial_[partial_key(sig.not_in_text)]

    def fit(self, signals: list[Signals], grades: list[int],
            dev: tuple[list[Signals], list[int], list[set[str]]] | None = None) -> "DepthModel":
        """Fit on ``signals`` and guide ``grades``. With ``dev`` (signals, grades and the flaws
        labelled on documents held apart), each substitution's threshold is the one whose
        decisions ``value >= t`` (:func:`substitution_values`) reach the best F1 against the
        labelled flaw on ``dev``, and the regressions are fitted on both."""
        from sklearn.linear_model import Ridge
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        self.thresholds_ = dict(self.thresholds)
        if dev is not None:
            values = [substitution_values(s) for s in dev[0]]
            for name in self.thresholds_:
                self.thresholds_[name] = best_threshold([v[name] for v in values], [name in f for f in dev[2]], f1)
            signals, grades = list(signals) + list(dev[0]), list(grades) + list(dev[1])
        y = np.array(grades, dtype=float)

        def linear(names):
            """Fit scaler+ridge, then fold the scaler in: grade = row · weights + bias."""
            pipe = make_pipeline(StandardScaler(), Ridge(alpha=self.alpha, positive=True))
            pipe.fit(np.array([self._row(s, names) for s in signals]), y)
            scaler, ridge = pipe[0], pipe[1]
            weights = ridge.coef_ / scaler.scale_
            return weights, float(ridge.intercept_ - weights @ scaler.mean_)

        self.criteria_ = {c: linear(names) for c, names in CRITERIA_SIGNALS.items()}
        self.overall_ = linear(SIGNALS)
        self.partial_ = {partial_key(cut): linear(present_signals(cut)) for cut in CUTS}
        rows = np.array([self._row(s, SIGNALS) for s in signals])
        self.ideal_ = dict(zip(SIGNALS, np.percentile(rows, 90, axis=0)))
        return self

    def to_dict(self) -> dict:
        """The fitted model as plain numbers (saved as JSON, not pickled)."""
        def pair(wb):
            return {"weights": [float(x) for x in wb[0]], "bias": float(wb[1])}

        return {"alpha": self.alpha, "criteria": {c: dict(pair(wb), signals=list(CRITERIA_SIGNALS[c]))
                                                  for c, wb in self.criteria_.items()},
                "overall": dict(pair(self.overall_), signals=list(SIGNALS)),
                "partial": {k: dict(pair(wb), signals=list(present_signals(k.split("+"))))
                            for k, wb in self.partial_.items()},
                "directions": {n: DIRECTION[n] for n in SIGNALS},
                "ideal": {n: float(v) for n, v in self.ideal_.items()}, "thresholds": self.thresholds_}

    @classmethod
    def from_dict(cls, d: dict) -> "DepthModel":
        """Inverse of :meth:`to_dict`; the signal names must be those this code measures."""
        partial = d.get("partial", {})
        if d["overall"]["signals"] != list(SIGNALS) or d.get("directions") != {n: DIRECTION[n] for n in SIGNALS} \
                or any(d["criteria"][c]["signals"] != list(names) for c, names in CRITERIA_SIGNALS.items()) \
                or sorted(partial) != sorted(partial_key(cut) for cut in CUTS) \
                or any(v["signals"] != list(present_signals(k.split("+"))) for k, v in partial.items()):
            from .errors import SetupError

            raise SetupError("model_mismatch", "深度模型的信号与代码不一致，请重新训练（python -m training） / the depth "
                                               "model's signals differ from the code's: retrain (python -m training)")
        model = cls(d["alpha"], dict(d["thresholds"]))
        model.criteria_ = {c: (np.array(v["weights"]), v["bias"]) for c, v in d["criteria"].items()}
        model.overall_ = (np.array(d["overall"]["weights"]), d["overall"]["bias"])
        model.partial_ = {k: (np.array(v["weights"]), v["bias"]) for k, v in partial.items()}
        model.ideal_ = dict(d["ideal"])
        model.thresholds_ = dict(d["thresholds"])
        return model

    @staticmethod
    def to_100(grade: float) -> float:
        return float(min(max((grade - 1) / 4 * 100, 0.0), 100.0))  # np.clip's answer, without an array

    def grade(self, sig: Signals) -> float:
        names, (weights, bias) = self._scoring(sig)
        return float(np.dot(self._row(sig, names), weights) + bias)

    def criteria(self, sig: Signals) -> dict:
        """Each criterion's score out of 100; None for one whose part a text cut short never reached
        (原因分析不在所给文本中: no 原因分析深 to show, whatever paragraphs before its problems held)."""
        cut = {CUT_CRITERION[part] for part in sig.not_in_text if part in CUT_CRITERION}
        return {c: None if c in cut else round(self.to_100(float(np.dot(self._row(sig, CRITERIA_SIGNALS[c]), w) + b)), 1)
                for c, (w, b) in self.criteria_.items()}

    def deductions(self, sig: Signals) -> tuple[list[dict], float]:
        """Where the points missing from 100 went: each signal's shortfall from its ideal times
        its weight, the missing points shared out in proportion (largest first), each with the
        paragraphs that fall short and phrases of them to quote; and the unattributed points:
        shortfalls with nothing in the text to show for them (e.g. neither 我 nor 我们 used),
        which no reason may claim. Shortfalls worth under half a point are not listed; the
        points are shared among the rest. A text cut short loses nothing for the parts it never
        reached; a complete material that lacks a part loses its points in one deduction named
        for it (:data:`ABSENCES`)."""
        names, (weights, _) = self._scoring(sig)
        missing = 100 - self.to_100(self.grade(sig))
        row = self._row(sig, names)
        lost = {}
        for n, w, x in zip(names, weights.tolist(), row):  # the signals a missing part empties count as one
            key = sig.absent.get(n, n)
            lost[key] = lost.get(key, 0.0) + float(w * max(0.0, self.ideal_[n] - x))
        total = sum(lost.values())
        if missing <= 0 or total <= 0:
            return [], round(max(missing, 0.0), 1)
        # shortfalls worth under half a point are not listed: their share goes to the others
        ranked = sorted(((n, a) for n, a in lost.items() if a > 0), key=lambda kv: -kv[1])
        ranked = [kv for k, kv in enumerate(ranked) if k == 0 or missing * kv[1] / total >= 0.5]
        total = sum(a for _, a in ranked)
        details = _details(sig)
        out, unattributed = [], 0.0
        for name, amount in ranked:
            points = missing * amount / total
            if name in ABSENCES:
                reason, criterion, _ = ABSENCES[name]
                out.append({"signal": name, "criterion": criterion, "points": round(points, 1), "reason": reason,
                            "paragraphs": [], "phrases": []})
                continue
            detail = details.get(name, "")
            paragraphs, quotes = sig.gaps.get(name, [])[:8], sig.quotes.get(name, [])[:5]
            if not (paragraphs or quotes):
                unattributed += points
            else:
                out.append({"signal": name, "criterion": CRITERION_OF[name], "points": round(points, 1),
                            "reason": f"{_headline(name, sig)}{detail}", "paragraphs": paragraphs, "phrases": quotes})
        return out, round(unattributed, 1)

    def substitutions(self, sig: Signals, collective: bool) -> dict:
        v, t, c = substitution_values(sig), self.thresholds_, sig.counts
        return {
            "work_for_style": bool(c["work_candidates"] > 0 and v["work_for_style"] >= WORK_FOR_STYLE_SHARE),
            "collective_for_personal": bool(not collective and c["singular"] + c["plural"] >= 3
                                            and v["collective_for_personal"] >= t["collective_for_personal"]),
            "generic_for_specific": bool(c["problems"] > 0 and v["generic_for_specific"] >= t["generic_for_specific"]),
        }


SUBSTITUTIONS = ("work_for_style", "collective_for_personal", "generic_for_specific")


def substitution_values(sig: Signals) -> dict[str, float]:
    """Per substitution, the value its rule applies to: the share of work problems among the
    problems, of plural over singular first person, of problems without a concrete instance."""
    v = sig.values
    return {"work_for_style": v["work_result_share"], "collective_for_personal": 1 - v["singular_share"],
            "generic_for_specific": 1 - v["instance_share"]}


def _details(sig: Signals) -> dict[str, str]:
    """Per signal, the numbers behind its deduction, quotable: “：4 个问题段落中 3 个没有” (made
    once per document, for every deduction it lists). A part that is missing has none: its
    signals' points go to the one deduction that names the absence (:data:`ABSENCES`)."""
    c, v, gaps = sig.counts, sig.values, sig.gaps

    def short(name):  # the paragraphs that fall short on a signal
        return len(gaps.get(name, []))

    def of_measures(name, what):
        return f"{c['measures']} 条措施中 {short(name)} 条没有{what}" if c["measures"] else ""

    details = {
        "standards": f"援引 {c['standards']} 处", "missing_share": "、".join(c["not_covered"]),
        "denied_share": "、".join(c["denied"]),
        "instance_share": f"{c['problems']} 个问题段落中 {c['no_instance']} 个没有" if c["problems"] else "",
        "singular_share": f"“我们/班子” {c['plural']} 次，“我/本人” {c['singular']} 次",
        "boilerplate_share": f"{c['boiler']}/{c['sentences']} 句" if c["sentences"] else "",
        "summary_ratio": f"占篇幅 {v['summary_ratio']:.0%}", "preamble_share": f"第一个问题之前 {c['pre_chars']} 字",
        "styleless_share": f"{short('styleless_share')} 个问题段落",
        "work_result_share": f"{short('work_result_share')} 个问题段落",
        "root_per_cause": f"{c['causes']} 段原因中 {short('root_per_cause')} 段没有" if c["causes"] else "",
        "root_variety": f"涉及 {int(v['root_variety'])} 种根源" if c["causes"] else "",
        "cause_share": f"{c['causes']} 段" if c["causes"] else "",
        "deadline_share": of_measures("deadline_share", "完成时间"),
        "quantity_share": of_measures("quantity_share", "量化目标"),
        "owner_share": of_measures("owner_share", "责任人"),
    }
    return {name: f"：{detail}" for name, detail in details.items() if detail}


@dataclass
class Note:
    """One reason: the aspect of the material it judges, and whether it praises or faults it."""

    aspect: str
    good: bool
    text: str


def reasons(sig: Signals, subs: dict) -> list[Note]:
    """Reasons a reviewer could quote to the author, most serious first. A reason that praises
    an aspect is dropped when another faults the same aspect, so no two reasons contradict."""
    v, c, ph = sig.values, sig.counts, sig.phrases
    out = []
    if c["denied"]:
        out.append(Note("examined", False, f"否认存在问题：{'、'.join(c['denied'])}方面称没有问题，未作查摆"))
    cut = sig.not_in_text
    if not c["problems"]:
        out.append(Note("examined", False, ABSENCES["no_problems"][0]))
    if c["missing"] and "categories" in cut:
        unseen = [m for m in c["missing"] if m not in c["named_missing"]]
        if unseen:
            out.append(Note("examined", False, f"文本中未见：{'、'.join(unseen)}方面的问题不在所给文本中（文本止于"
                                               f"{STOPS_IN[sig.stops_in]}，后文未给出，不据此扣分） / not in the text: it "
                                               "stops inside the material, no points taken"))
        if c["named_missing"]:
            out.append(Note("examined", False, f"写到但未查摆：{'、'.join(c['named_missing'])}方面文中写到了，没有一句描述"
                                               f"具体行为（文本止于{STOPS_IN[sig.stops_in]}，不据此扣分） / named in the "
                                               "text, but no behaviour described (it stops inside the material, no "
                                               "points taken)"))
    elif c["missing"] and (c["problems"] or len(c["not_covered"]) < c["categories"]):  # else: said just above
        unexamined = [m for m in c["missing"] if m not in c["unrecognised"]]
        if unexamined:
            out.append(Note("examined", False, f"未查摆：{'、'.join(unexamined)}方面没有查摆出任何问题"))
        if c["unrecognised"]:
            out.append(Note("examined", False, f"未能认定：{'、'.join(c['unrecognised'])}方面段中有自我批评，但没有一句能认定"
                                               "为该类具体行为，请人工核对 / named beside self-critical sentences, none "
                                               "of them recognised as this category: check by hand"))
    if c.get("summary_flagged"):
        out.append(Note("summary", False, f"写成了工作总结：{v['summary_ratio']:.0%} 的篇幅在讲工作和成绩"))
    if subs["work_for_style"]:
        out.append(Note("style", False, f"以工作问题代替作风问题：{len(sig.evidence['work_result_share'])} 个问题段落只谈工作"
                                        f"（{'、'.join(ph['work_result_share'][:3])}），不谈作风"))
    if subs["collective_for_personal"]:
        out.append(Note("person", False, f"以班子问题代替个人问题：问题部分用“我们/班子”{c['plural']} 次，"
                                         f"用“我/本人”{c['singular']} 次"))
    if subs["generic_for_specific"]:
        out.append(Note("instances", False, f"以共性问题代替具体问题：{c['problems']} 个问题段落中 {c['no_instance']} 个"
                                            "没有时间、地点、数字或具体事例"))
    if "causes" in cut:  # first: a cut text's causes before its problems are not judged
        out.append(Note("causes", False, _not_in_text("causes", sig.stops_in)))
    elif c["causes"] and v["excuse_share"] >= 0.5:
        out.append(Note("causes", False, f"原因分析只讲客观原因：{'、'.join(ph['excuse_share'][:3])}"))
    elif c["causes"] and v["root_per_cause"] < 0.5:
        out.append(Note("causes", False, "原因分析不深：没有从理想信念、宗旨意识、党性修养等主观方面剖析根源"))
    elif c.get("causes_of_nothing"):
        out.append(Note("causes", False, "原因分析无所指：文本没有查摆出问题，原因段落不计分 / causes of no problem: "
                                         "the text examines no problem, so its causes earn nothing"))
    elif not c["causes"]:
        out.append(Note("causes", False, "缺少原因分析"))
    if "measures" in cut:
        out.append(Note("deadlines", False, _not_in_text("measures", sig.stops_in)))
    elif c["measures"] and c["no_deadline"] > c["measures"] / 2:
        out.append(Note("deadlines", False, f"整改措施无时限：{c['measures']} 条措施中 {c['no_deadline']} 条没有完成时间"))
    elif not c["measures"]:
        out.append(Note("deadlines", False, "缺少整改措施"))
    if v["vague_per_measure"] >= 1.5 and "measures" not in cut:
        out.append(Note("vague", False, f"整改措施笼统：多用“{'、'.join(ph['vague_per_measure'][:3])}”等表述"))
    if sig.evidence["disguised_praise"]:
        out.append(Note("praise", False, f"变相表扬：{'、'.join(ph['disguised_praise'][:3])}"))
    if c["boiler"] >= 3 and v["boilerplate_share"] >= 0.25:
        out.append(Note("boilerplate", False, f"套话多：{c['boiler']} 句与常见套话相似，如“{ph['boilerplate_share'][0]}”"))
    if v["preamble_share"] >= 0.2 and c["problems"]:
        out.append(Note("preamble", False, f"未开门见山：第一个问题之前铺垫 {c['pre_chars']} 字"))
    examined = len(c["not_covered"]) < c["categories"]  # concrete problems of no category earn no praise
    if v["instance_share"] >= 0.6 and c["problems"] and examined:
        out.append(Note("instances", True, f"已查摆的问题具体：{c['problems']} 个问题段落中 "
                                           f"{c['problems'] - c['no_instance']} 个有时间、地点、数字或事例"))
    if v["root_per_cause"] >= 1.5 and v["excuse_share"] < 0.3:
        out.append(Note("causes", True, f"原因剖析触及主观根源：{'、'.join(ph['root_per_cause'][:4])}"))
    if c["measures"] and v["deadline_share"] >= 0.6:
        out.append(Note("deadlines", True, f"整改措施有时限：{c['measures'] - c['no_deadline']}/{c['measures']} 条有完成时间"))
    faulted = {n.aspect for n in out if not n.good}
    return [n for n in out if not n.good or n.aspect not in faulted]


STOPS_IN = {"problem": "问题部分", "cause": "原因部分"}  # where a text cut short stops (Signals.stops_in: cut_parts makes it one of these)


def _not_in_text(part: str, stops_in: str) -> str:
    zh, en = PART_LABEL[part].split(" / ")
    return (f"{zh}不在所给文本中：文本止于{STOPS_IN[stops_in]}（像是摘录），不据此扣分 / "
            f"{en} not in the text: it stops inside the material, no points taken")


CRITERION_EVIDENCE = {"strict": ("standards", "disguised_praise"), "accurate": ("instance_share", "boilerplate_share"),
                      "deep": ("root_per_cause", "excuse_share"), "concrete": ("deadline_share", "vague_per_measure")}


def assess(doc: Document, model: DepthModel, bank: BoilerplateBank,
           boiler: list[tuple[str, str, float]] | None = None) -> DepthResult:
    """The depth of a document the coverage and summary stages have judged. ``criteria`` are
    signals (each criterion's own regression on its signals, not validated against
    per-criterion labels); ``deductions`` say where the points missing from 100 went. A
    personal or collective material is judged as its kind says (so 以班子问题代替个人问题
    never contradicts it); another kind by its title (:func:`is_collective`). ``boiler``: its
    boilerplate sentences, when already matched (:meth:`BoilerplateBank.match_many`)."""
    kind = doc.kind.id if doc.kind is not None else None
    collective = kind == "collective" if kind in ("personal", "collective") else is_collective(doc.texts)
    sig = measure(doc, bank, collective, boiler)
    subs = model.substitutions(sig, collective)
    details = {c: {"evidence": sorted({i for s in names for i in sig.evidence.get(s, []) if isinstance(i, int)}),
                   "phrases": [p for s in names for p in sig.phrases.get(s, [])][:10]}
               for c, names in CRITERION_EVIDENCE.items()}
    sub_evidence = {}
    if subs["work_for_style"]:
        sub_evidence["work_for_style"] = sig.evidence["work_result_share"]
    if subs["collective_for_personal"]:
        sub_evidence["collective_for_personal"] = sig.gaps["singular_share"]
    if subs["generic_for_specific"]:
        sub_evidence["generic_for_specific"] = sig.gaps["instance_share"]
    deductions, unattributed = model.deductions(sig)
    return DepthResult(score=round(model.to_100(model.grade(sig)), 1), criteria=model.criteria(sig),
                       substitutions=subs, notes=tuple(n.text for n in reasons(sig, subs)),
                       deductions=tuple(deductions), kind="collective" if collective else "personal",
                       details=details, substitution_evidence=sub_evidence,
                       signals={k: round(float(x), 4) for k, x in sig.values.items()},
                       unattributed_points=unattributed or None)
