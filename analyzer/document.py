"""The one object that flows through the stages: a :class:`Document`.

Ingestion gives the normalised text and its offset map (:class:`~analyzer.ingest.Source`);
the pipeline cuts it into paragraphs (:class:`Piece`: a line, or a part of a run-on line,
with its web-noise verdict), and each stage then adds what it knows, in order:

=============  ======================================================================
stage          writes
=============  ======================================================================
segment        ``tokens`` and ``sentences`` of every content paragraph
structure      ``layout`` (headings, sections, heading context) and ``roles``
kinds          ``kind``
copy           ``copy``
coverage       ``coverage`` (:class:`CoverageResult`)           — materials only
summary        ``summary`` (:class:`SummaryResult`)             — materials only
depth          ``depth``                                        — materials only
opinions       ``opinions``                                     — when opinions are given
criticism …    ``criticism`` / ``rectification`` by the kind
=============  ======================================================================

The judgement stages see only the **content** paragraphs (noise paragraphs are left out):
``texts``, ``tokens``, ``sentences``, ``roles`` and the paragraph indices inside every result
are content indices; :meth:`Document.at` maps one to the report's paragraph index, and
:meth:`analyzer.report.Report.of` builds the report from the finished document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the document knows the shapes, not the stages
    import numpy as np

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


@dataclass
class CoverageResult:
    """What the coverage stage found (content paragraph indices): the rubric categories each
    paragraph examines, the report's ``coverage`` object, and the matched phrases per paragraph."""

    styles: list[list[str]]
    entries: dict
    phrases: list[dict]


@dataclass
class SummaryResult:
    """What the summary stage found: P(work-summary passage) per paragraph, the report's
    ``summary_like`` object, and the cue phrases of each flagged paragraph."""

    proba: np.ndarray
    entry: dict
    cues: list[list[str]]


@dataclass
class Document:
    """One document between ingestion and report; every stage adds its typed result."""

    source: Source
    pieces: list[Piece]
    warnings: list[dict] = field(default_factory=list)
    # segment
    tokens: list[list[str]] = field(default_factory=list)
    sentences: list[list[tuple[int, int]]] = field(default_factory=list)  # (start, end) in the paragraph
    # structure
    layout: Layout | None = None
    roles: list[str] = field(default_factory=list)
    # judgements
    kind: dict | None = None
    copy: dict | None = None
    coverage: CoverageResult | None = None
    summary: SummaryResult | None = None
    depth: dict | None = None
    opinions: dict | None = None
    criticism: dict | None = None
    rectification: dict | None = None
    # the shared featurisation of the paragraph/sentence models, filled on first use
    features: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.content = [i for i, p in enumerate(self.pieces) if not p.noise.line]
        self.texts = [self.pieces[i].text for i in self.content]

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

    def sentence_texts(self, k: int) -> list[str]:
        """The sentences of content paragraph ``k``."""
        return [self.texts[k][a:b] for a, b in self.sentences[k]]
