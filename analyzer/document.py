"""The one object that flows through the stages: a :class:`Document`.

Ingestion gives the normalised text and its offset map (:class:`~analyzer.ingest.Source`);
the pipeline cuts it into paragraphs (:class:`Piece`: a line, or a part of a run-on line,
with its web-noise verdict), and each stage then adds what it knows, in order, as a frozen
typed result:

=============  ======================================================================
stage          writes
=============  ======================================================================
segment        the ``tokens`` and ``sentences`` of every content paragraph (one segmenter
               call over them joined by line breaks; their spaCy ``Doc``, ``spacy``, made
               when asked for)
structure      ``layout`` (headings, sections, heading context) and ``roles``
kind           ``kind`` (:class:`KindResult`)
copy           ``copy`` (:class:`CopyResult`)
coverage       ``coverage`` (:class:`CoverageResult`)           — materials only
summary        ``summary`` (:class:`SummaryResult`)             — materials only
depth          ``depth`` (:class:`DepthResult`)                 — materials only
opinions       ``opinions`` (:class:`OpinionsResult`)           — when opinions are given
kind judgement ``criticism`` (:class:`CriticismResult`) or ``rectification``
               (:class:`RectificationResult`) by the kind
=============  ======================================================================

The judgement stages see only the **content** paragraphs (noise paragraphs are left out):
``texts``, ``tokens``, ``sentences``, ``roles`` and the paragraph indices inside every result
are content indices. Each result's ``to_json`` writes its object of the report (the JSON
contract of ``docs/interface.md``), mapping those indices with ``at`` (:meth:`Document.at`) to
the report's paragraph indices; :meth:`analyzer.report.Report.of` builds the report from the
finished document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the document knows the shapes, not the stages
    import numpy as np
    from spacy.tokens import Doc

    from .ingest import Source
    from .noise import Noise
    from .structure import Layout


@dataclass
class Piece:
    """One paragraph of the report: a line of the source, or a part of a run-on line.

    ``text`` is what the judgements read: the span ``start:end`` of the normalised text
    without its inline noise (scraping tokens, pinyin glosses …); ``noise.line`` marks a
    paragraph that is all noise (its text is the span as it stands)."""

    line: int
    start: int
    end: int
    text: str
    noise: Noise
    split: bool      # the line was split into several paragraphs


# ---- the typed results of the stages; ``to_json`` writes each one's object of the report ----
#
# The judgement stages count content paragraphs; ``at`` (:meth:`Document.at`) maps such an index
# to the report's paragraph index, so that every index in the JSON is a report index.

def _remap(entry: dict, at, *keys: str) -> dict:
    """``entry`` with the paragraph index lists under ``keys`` mapped by ``at``."""
    out = dict(entry)
    for k in keys:
        if k in out:
            out[k] = list(map(at, out[k]))
    return out


@dataclass(frozen=True)
class KindResult:
    """The document kind (:mod:`analyzer.kinds`): id, label, the model's score (1.0 when the
    title claims the kind or ``--kind`` sets it) and the cues that support it."""

    id: str
    label: str
    score: float
    cues: tuple[str, ...]

    @classmethod
    def of(cls, entry: dict) -> "KindResult":
        return cls(entry["id"], entry["label"], entry["score"], tuple(entry["cues"]))

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "score": self.score, "cues": list(self.cues)}


@dataclass(frozen=True)
class CopyResult:
    """Copied passages (:mod:`analyzer.copydetect`, sources related by :mod:`analyzer.provenance`).
    Offsets are offsets into the normalised text, not paragraph indices."""

    ratio: float
    total_ratio: float
    quoted_ratio: float
    chars: int
    copied_chars: int
    quoted_chars: int
    max_source_ratio: float
    sources: tuple[dict, ...]
    quotations: tuple[dict, ...]
    sections: dict | None = None  # per section role, when the paragraph roles are known
    meta: dict | None = None      # the document's own file metadata, when it has any

    @classmethod
    def of(cls, entry: dict) -> "CopyResult":
        """From the detector's copy object (an unknown key is an error, not a silent loss)."""
        return cls(**{**entry, "sources": tuple(entry["sources"]), "quotations": tuple(entry["quotations"])})

    def to_json(self) -> dict:
        out = {"ratio": self.ratio, "total_ratio": self.total_ratio, "quoted_ratio": self.quoted_ratio,
               "chars": self.chars, "copied_chars": self.copied_chars, "quoted_chars": self.quoted_chars,
               "max_source_ratio": self.max_source_ratio, "sources": list(self.sources),
               "quotations": list(self.quotations)}
        if self.sections is not None:
            out["sections"] = self.sections
        if self.meta is not None:
            out["meta"] = self.meta
        return out


@dataclass(frozen=True)
class CoverageResult:
    """What the coverage stage found: the rubric categories each paragraph examines, the
    report's ``coverage`` object (one entry per category), the matched phrases per paragraph,
    and whether each paragraph only denies (every sentence a denial or a bare category name)."""

    styles: list[list[str]]
    entries: dict
    phrases: list[dict]
    only_denying: list[bool]

    def to_json(self, at) -> dict:
        """The ``coverage`` object: every entry's paragraph indices (evidence, denied, and the
        paragraph of each evidence and denial sentence) mapped by ``at``."""
        out = {}
        for category, entry in self.entries.items():
            e = _remap(entry, at, "evidence", "denied")
            for key in ("sentences", "denials"):
                if key in e:
                    e[key] = [{**s, "paragraph": at(s["paragraph"])} for s in e[key]]
            out[category] = e
        return out


@dataclass(frozen=True)
class SummaryResult:
    """What the summary stage found: P(work-summary passage) per paragraph, the report's
    ``summary_like`` object, and the cue phrases of each flagged paragraph."""

    proba: np.ndarray
    entry: dict
    cues: list[list[str]]

    def to_json(self, at) -> dict:
        return _remap(self.entry, at, "paragraphs")


@dataclass(frozen=True)
class DepthResult:
    """Depth (:mod:`analyzer.depth`): the score out of 100, the four criteria, the
    substitutions (以…代…) found, the reasons, where the missing points went, and the evidence."""

    score: float
    criteria: dict
    substitutions: dict
    notes: tuple[str, ...]
    deductions: tuple[dict, ...]  # each with its ``paragraphs``
    kind: str                     # judged as a personal or a collective material
    details: dict                 # criterion -> {"evidence": paragraphs, "phrases"}
    substitution_evidence: dict   # substitution -> paragraphs
    signals: dict
    unattributed_points: float | None = None

    def to_json(self, at) -> dict:
        out = {"score": self.score, "criteria": self.criteria, "substitutions": self.substitutions,
               "notes": list(self.notes), "deductions": [_remap(x, at, "paragraphs") for x in self.deductions],
               "kind": self.kind, "details": {c: _remap(v, at, "evidence") for c, v in self.details.items()},
               "substitution_evidence": {n: [at(i) for i in v] for n, v in self.substitution_evidence.items()},
               "signals": self.signals}
        if self.unattributed_points:
            out["unattributed_points"] = self.unattributed_points
        return out


@dataclass(frozen=True)
class OpinionAnswer:
    """How the material answers one collected opinion: ``answered``, ``generic`` or ``ignored``,
    the paragraphs that answer it, and the evidence (best sentence and what it shares)."""

    index: int
    text: str
    status: str
    paragraphs: tuple[int, ...]
    evidence: dict | None  # {"paragraph", "sentence", "role", "score", "shared", …}

    def to_json(self, at) -> dict:
        evidence = {**self.evidence, "paragraph": at(self.evidence["paragraph"])} if self.evidence else None
        return {"index": self.index, "text": self.text, "status": self.status,
                "paragraphs": [at(i) for i in self.paragraphs], "evidence": evidence}


@dataclass(frozen=True)
class OpinionsResult:
    """Which collected opinions the material answers (:mod:`analyzer.opinions`)."""

    answered_ratio: float
    counts: dict
    items: tuple[OpinionAnswer, ...]

    def to_json(self, at) -> dict:
        return {"answered_ratio": self.answered_ratio, "counts": self.counts,
                "items": [it.to_json(at) for it in self.items]}


@dataclass(frozen=True)
class CriticismResult:
    """Criticism items (:mod:`analyzer.criticism`) with label, style, instance and reasons, and
    the summary: share genuine, counts per label and per target, members never criticised.
    Items carry offsets into the normalised text."""

    items: tuple  # of analyzer.criticism.Item (the stage module imports this one, not back)
    share_genuine: float
    labels: dict
    targets: dict
    never_criticised: list[str]

    def to_json(self) -> dict:
        return {"items": [it.to_dict() for it in self.items], "share_genuine": self.share_genuine,
                "labels": self.labels, "targets": self.targets, "never_criticised": self.never_criticised}


@dataclass(frozen=True)
class RectificationResult:
    """Rectification plan items (:mod:`analyzer.rectification`) with their fields and what each
    lacks; offsets into the normalised text."""

    items: tuple  # of analyzer.rectification.Item
    complete: int
    items_missing_fields: int
    missing_counts: dict

    def to_json(self) -> dict:
        return {"items": [it.to_dict() for it in self.items], "complete": self.complete,
                "items_missing_fields": self.items_missing_fields, "missing_counts": self.missing_counts}


@dataclass
class Document:
    """One document between ingestion and report; every stage adds its typed result."""

    source: Source
    pieces: list[Piece]
    warnings: list[dict] = field(default_factory=list)
    # segment
    spacy_doc: Doc | None = field(default=None, repr=False)  # the content paragraphs' spaCy Doc, once made
    tokens: list[list[str]] = field(default_factory=list)
    sentences: list[list[tuple[int, int]]] = field(default_factory=list)  # (start, end) in the paragraph
    # structure
    layout: Layout | None = None
    roles: list[str] = field(default_factory=list)
    # judgements
    kind: KindResult | None = None
    copy: CopyResult | None = None
    coverage: CoverageResult | None = None
    summary: SummaryResult | None = None
    depth: DepthResult | None = None
    opinions: OpinionsResult | None = None
    criticism: CriticismResult | None = None
    rectification: RectificationResult | None = None
    # the shared featurisation of the paragraph/sentence models, filled on first use
    features: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.content = [i for i, p in enumerate(self.pieces) if not p.noise.line]
        self.texts = [self.pieces[i].text for i in self.content]

    @property
    def spacy(self) -> Doc:
        """The spaCy ``Doc`` of the content paragraphs joined by line breaks, with the segmenter's
        words and the sentence starts of the one splitter (the segment stage's words and sentences),
        made on first use (:func:`analyzer.segment.document_doc`): no stage reads it."""
        if self.spacy_doc is None:
            from .segment import document_doc

            self.spacy_doc = document_doc(self.texts)
        return self.spacy_doc

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def chars(self) -> int:
        """Characters of the content paragraphs (noise left out)."""
        return sum(len(t) for t in self.texts)

    @property
    def starts(self) -> list[int]:
        """Offset of every content paragraph in the normalised text."""
        return [self.pieces[i].start for i in self.content]

    def at(self, k: int) -> int:
        """The report's paragraph index of content paragraph ``k``."""
        return self.content[k]
