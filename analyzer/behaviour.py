"""Does a sentence describe a behaviour? The rule that turns a coverage candidate into evidence.

A reviewer signs a "covered" verdict only on a sentence that confesses or describes a practice of
the author or body. :class:`BehaviourReader` reads a sentence clause by clause (text between
，；：,;:) with the lists of ``data/lexicons/behaviour.yaml``: a clause describes a behaviour when
it holds a fault word (``self_critical.yaml`` phrases and ``faults``, generic admissions such as
存在差距 taken out) that is not attached to a state of mind (an attitude: 缺乏…意识, 警惕性不高), and the clause
is not a norm or measure (要…, 必须…, 不能避重就轻, 反对铺张浪费), a view (认为…, up to a clause that
confesses again), a stance (…的思想), the workload (时间紧、任务重, unless an excuse: 以…为由) or
compliance (没有超标使用). A rubric manifestation counts in any clause that is none of those
kinds. A heading ("(二)…方面。", or a numbered line of a few characters) describes nothing, and a
manifestation named as what others' cases were about (学习通报的违规吃喝典型案例) is no practice.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from .resources import load_yaml

_CLAUSE_END = re.compile(r"[，；：,;:]")
_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳]|第[一二三四五六七八九十]+(?:个|条|点)?是?[，,、]?"
                        r"|[一二三四五六七八九十]是|首先|其次|再次|最后|另外|此外)\s*")
_HEADING_END = re.compile(r"方面(?:的问题|存在的问题|的表现)?[。：:]?\s*$")
_HEADING_CHARS = 14  # a numbered sentence of at most this many characters after its number is a heading
_NEAR = 4            # a fault word this close to a state of mind is an attitude
MANIFESTING = ("behaviour", "plain", "attitude")  # clause kinds where a rubric manifestation counts


def _alternation(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class Clause:
    start: int   # offset in the sentence
    end: int
    kind: str    # behaviour, plain (no fault word), attitude, stance, norm, view, workload, compliance


class BehaviourReader:
    """Reads sentences clause by clause (:meth:`clauses`) and says whether one describes a
    behaviour (:meth:`describes`), and which manifestation offsets may count as evidence
    (:meth:`counts`)."""

    def __init__(self):
        lists = load_yaml("lexicons/behaviour.yaml")
        critical = load_yaml("lexicons/self_critical.yaml")["phrases"]
        self.faults = _alternation([*critical, *lists["faults"]])
        self.critical = _alternation(critical)
        self.generic = _alternation(lists["generic"])
        self.minds = _alternation(lists["minds"])
        self.preventions = _alternation(lists["preventions"])
        self.workload = _alternation(lists["workload"])
        self.excuses = _alternation(lists["excuses"])
        self.compliance = re.compile(f"(?:{_alternation(lists['compliance_negators']).pattern})"
                                     f"[^，；。]{{0,3}}(?:{_alternation(lists['violations']).pattern})")
        self.hedges = _alternation(lists["hedges"])
        subjects = _alternation(lists["subjects"]).pattern
        self.lead = re.compile(f"^(?:{subjects})*")
        self.norms = re.compile(f"^(?:{_alternation(lists['norms']).pattern})")
        self.measures = re.compile(f"^(?:{_alternation(lists['measures']).pattern})")
        self.hedged_norms = re.compile(f"^(?:{_alternation(lists['norm_unless_hedged']).pattern})")
        self.views = re.compile(f"^(?:{_alternation(lists['views']).pattern})")
        self.holds = re.compile(f"^(?:{_alternation(lists['holds']).pattern})")
        self.mind_ends = re.compile(f"(?:{_alternation(lists['mind_ends']).pattern})[。！!]?\\s*$")
        self.case_before = re.compile(f"(?<!被)(?:{_alternation(lists['case_before']).pattern})[^，；：,;:。]{{0,10}}$")
        self.case_after = re.compile(f"^[^，；：,;:。]{{0,10}}?(?:{_alternation(lists['case_after']).pattern})")
        self._memo: dict[str, tuple[Clause, ...]] = {}

    def heading(self, sentence: str) -> bool:
        """A heading: "(二)…方面。", or a numbered sentence of a few characters without a fault
        word (1、公款出国(境)费); a numbered fault (一是学习流于形式。) is a problem stated briefly."""
        body = _NUMBERING.sub("", sentence.strip(), count=1)
        if _HEADING_END.search(body):
            return True
        return headline(sentence) and not self.faults.search(body)

    def clauses(self, sentence: str) -> tuple[Clause, ...]:
        """The clauses of ``sentence`` with their kinds (memoised: stages ask about the same text)."""
        found = self._memo.get(sentence)
        if found is not None:
            return found
        if len(self._memo) > 50000:
            self._memo.clear()
        bounds, start = [], 0
        for m in _CLAUSE_END.finditer(sentence):
            bounds.append((start, m.start()))
            start = m.end()
        bounds.append((start, len(sentence)))
        hedged = bool(self.hedges.search(sentence))
        stance = bool(self.mind_ends.search(sentence)) and bool(self.holds.match(self._opening(sentence)))
        out, viewing = [], False
        for a, b in bounds:
            text = sentence[a:b]
            opening = self._opening(text)
            viewing = bool(self.views.match(opening)) or (viewing and not self.critical.search(text))
            out.append(Clause(a, b, "view" if viewing else "stance" if stance
                              else self._kind(text, opening, hedged)))
        found = self._memo[sentence] = tuple(out)
        return found

    def _opening(self, clause: str) -> str:
        text = _NUMBERING.sub("", clause.strip(), count=1)
        return text[self.lead.match(text).end():]

    def _kind(self, clause: str, opening: str, hedged: bool) -> str:
        if self.norms.match(opening) or (self.hedged_norms.match(opening) and not hedged) \
                or self.preventions.search(clause):
            return "norm"
        if self.compliance.search(clause):
            return "compliance"
        if self.mind_ends.search(clause):
            return "stance"
        if self.workload.search(clause) and not self.excuses.search(clause):
            return "workload"
        rest = self.generic.sub(lambda m: "　" * len(m.group()), clause)
        faults = [m for m in self.faults.finditer(rest)]
        if not faults:
            return "norm" if self.measures.match(opening) else "plain"
        minds = [m.start() for m in self.minds.finditer(rest)]
        if all(any(abs(f.start() - p) <= _NEAR + len(f.group()) for p in minds) for f in faults):
            return "attitude"
        return "behaviour"

    def counts(self, sentence: str, start: int, end: int) -> bool:
        """May a manifestation at ``sentence[start:end]`` count as a described behaviour? Not in a
        heading, nor in a clause that states anything else (a norm, view, stance, workload or
        compliance); in a clause without a fault word, only when no clause of the sentence states
        anything else (接待费用报销…, 严格执行…规定 is a measure). A fault word by a state of mind is
        no fault by itself, but the rubric's manifestations of one are (创新意识不强)."""
        if self.heading(sentence) or self.case_topic(sentence, start, end):
            return False
        clauses = self.clauses(sentence)
        touched = [c for c in clauses if c.start <= start < c.end or start <= c.start < end]
        if any(c.kind not in MANIFESTING for c in touched):
            return False
        if any(c.kind == "attitude" for c in touched) and not self.minds.search(sentence[start:end]):
            return False  # by an attitude, only the rubric's manifestation of one counts (创新意识不强, not 饭局)
        return any(c.kind != "plain" for c in touched) or all(c.kind in MANIFESTING for c in clauses)

    def case_topic(self, sentence: str, start: int, end: int) -> bool:
        """Is ``sentence[start:end]`` what others' cases were about (学习通报的违规吃喝典型案例时,
        观看大吃大喝警示教育片), the topic of a lesson rather than a practice?"""
        return bool(self.case_before.search(sentence[:start]) or self.case_after.match(sentence[end:]))

    def describes(self, sentence: str, confessing: bool) -> bool:
        """May ``sentence`` describe a behaviour? Not a heading; and a clause of it states a fault,
        or, in a ``confessing`` paragraph (:meth:`faulted`), none states anything but a practice
        (a narrative: 检查的人一走就没人管了)."""
        if self.heading(sentence):
            return False
        kinds = {c.kind for c in self.clauses(sentence)}
        return "behaviour" in kinds or (confessing and kinds <= {"plain"})

    def faulted(self, sentence: str) -> bool:
        """Does a clause of ``sentence`` (a heading too) hold a fault word? A paragraph with such a
        sentence is confessing; one without (an achievement: 今年共接待群众来访123人次) is not."""
        return any(c.kind in ("behaviour", "attitude") for c in self.clauses(sentence))


def headline(sentence: str) -> bool:
    """A numbered sentence of a few characters (一是群众观念不强。, 1、公款出国(境)费): a heading, or
    a problem stated briefly, which names a behaviour but describes none.

    >>> headline("一是群众观念不强。"), headline("一是群众观念不强，调解纠纷时只讲条文，不问群众的难处。")
    (True, False)
    """
    text = sentence.strip()
    body = _NUMBERING.sub("", text, count=1)
    return len(body) < len(text) and len(re.sub(r"[\s。：:，,；;！!？?]", "", body)) <= _HEADING_CHARS


@lru_cache(maxsize=1)
def behaviour_reader() -> BehaviourReader:
    """The reader of ``data/lexicons/behaviour.yaml``, built once."""
    return BehaviourReader()
