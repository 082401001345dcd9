"""The ``Report`` of one document: exactly the JSON object of SPEC.md, plus a terminal view.

A stage that did not run leaves its field ``None`` and the field is absent from the JSON.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .document import Document

_LEAD_IN = re.compile(r"[:：]\s*$")  # 整改时限： / …整改目标如下： — a label or a lead-in, not a finding
_CLOSING_MARKS = "”’」』）)》〉】、，,。；;：:！!？? \u3000"


def quoted_phrases(deduction: dict, limit: int) -> list[str]:
    """The phrases of a depth deduction that a reader is shown as quotations from the text.

    A deduction that points at no paragraph quotes nothing: its phrases are names (the
    categories not examined), already in its reason, and put in 「」 they would read as words
    of the document. A bare label or lead-in ending in a colon (整改时限：, 整改目标如下：)
    is passed over while the deduction has another phrase to show.
    """
    if not deduction.get("paragraphs"):
        return []
    phrases = deduction.get("phrases", [])
    findings = [p for p in phrases if not _LEAD_IN.search(p)]
    return (findings or phrases)[:limit]


def evidence_text(sentence: str) -> str:
    """An evidence sentence as quoted: without the closing marks a sentence split leaves at its
    start (”被批评的同志… begins with the close of the previous sentence's quotation)."""
    return sentence.lstrip(_CLOSING_MARKS)


def as_given(paragraphs) -> Callable[[str], str]:
    """How a quote of the text is shown: as the document gave it. For a text read as simplified
    (paragraphs with an ``original``), a quote found in a paragraph's text becomes the same
    characters of its original; any other quote is shown as it is. ``paragraphs``: the report's
    :class:`Paragraph` objects or their JSON objects."""
    pairs = [(p["text"], p.get("original")) if isinstance(p, dict) else (p.text, p.original) for p in paragraphs]
    pairs = [(text, original) for text, original in pairs if original]

    def given(quote: str) -> str:
        for text, original in pairs if quote else ():
            at = text.find(quote)
            if at >= 0:
                return original[at:at + len(quote)]
        return quote
    return given


def judged(report_warnings: list[dict]) -> bool:
    """Whether the document was judged as a material: the roles of a document that got the
    ``not_a_material`` warning only show the form of its paragraphs."""
    return not any(w.get("code") == "not_a_material" for w in report_warnings)


@dataclass
class Paragraph:
    index: int
    text: str
    start: int
    end: int
    role: str = "other"
    styles: list[str] = field(default_factory=list)
    summary_like: float | None = None
    evidence: dict = field(default_factory=dict)  # stage -> matched phrases, for reports
    line: int | None = None  # source line, when a run-on line was split into several paragraphs
    original: str | None = None  # text in the traditional script it was given in (read as simplified)

    def to_dict(self) -> dict:
        d = {"index": self.index, "text": self.text, "start": self.start, "end": self.end, "role": self.role,
             "styles": self.styles}
        if self.original is not None:
            d["original"] = self.original
        if self.line is not None:
            d["line"] = self.line
        if self.summary_like is not None:
            d["summary_like"] = round(self.summary_like, 4)
        if self.evidence:
            d["evidence"] = self.evidence
        return d


@dataclass
class Report:
    file: str
    name: str
    sha256: str = ""
    chars: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[dict] | None = None
    rubric: str | None = None
    kind: dict | None = None  # {"id", "label", "score", "cues"}: see analyzer/kinds.py
    coverage: dict | None = None
    summary_like: dict | None = None
    copy: dict | None = None
    depth: dict | None = None
    criticism: dict | None = None
    rectification: dict | None = None
    opinions: dict | None = None
    warnings: list[dict] = field(default_factory=list)
    error: dict | None = None

    @classmethod
    def of(cls, doc: Document, rubric: str | None) -> "Report":
        """The report of a finished :class:`~analyzer.document.Document`: every paragraph (noise
        included) with what the stages found, and every result with its content paragraph
        indices mapped to the report's (:meth:`~analyzer.document.Document.at`) by its ``to_json``."""
        source, at = doc.source, doc.content.__getitem__  # doc.at without a method call per index
        paras = [Paragraph(i, p.text, p.start, p.end, role="noise", summary_like=None,
                           evidence={"noise": p.noise.cues} if p.noise.cues else {},
                           line=p.line if p.split else None, original=_original_of(source.original, p))
                 for i, p in enumerate(doc.pieces)]
        report = cls(file=source.file or source.name, name=source.name, sha256=source.sha256, chars=doc.chars,
                     paragraphs=paras, rubric=rubric, warnings=doc.warnings)
        for k, role in enumerate(doc.roles):
            paras[at(k)].role = role
        if doc.layout is not None:
            report.sections = [_remap_section(s.to_dict(), at) for s in doc.layout.sections]
        if doc.coverage is not None:
            for k, styles in enumerate(doc.coverage.styles):
                paras[at(k)].styles = styles
                if doc.coverage.phrases[k]:
                    paras[at(k)].evidence["styles"] = doc.coverage.phrases[k]
            report.coverage = doc.coverage.to_json(at)
        if doc.summary is not None:
            for k, p in enumerate(doc.summary.proba):
                paras[at(k)].summary_like = float(p)
                if doc.summary.cues[k]:
                    paras[at(k)].evidence["summary_cues"] = doc.summary.cues[k]
            report.summary_like = doc.summary.to_json(at)
        for key in ("kind", "copy", "criticism", "rectification"):  # offsets into the text, no paragraphs
            result = getattr(doc, key)
            if result is not None:
                setattr(report, key, result.to_json())
        if doc.depth is not None:
            report.depth = doc.depth.to_json(at)
        if doc.opinions is not None:
            report.opinions = doc.opinions.to_json(at)
        return report

    @classmethod
    def failed(cls, file: str, name: str, error: dict) -> "Report":
        return cls(file=file, name=name, error=error)

    def text(self, as_given: bool = False) -> str:
        """The document's text rebuilt from its paragraphs at their offsets, so that offsets into
        it are offsets into the normalised text: lines apart are joined by line breaks, the pieces
        of a split line abut, and the characters of inline noise cut from a paragraph are blanks.
        ``as_given``: a text read as simplified in its own script (to show, not to compare)."""
        if not self.paragraphs:
            return ""
        chars = ["\n"] * max(p.end for p in self.paragraphs)
        for p in self.paragraphs:
            width = p.end - p.start
            chars[p.start:p.end] = ((as_given and p.original) or p.text)[:width].ljust(width)
        return "".join(chars)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        if self.error:
            return {"file": self.file, "name": self.name, "error": self.error}
        d = {"file": self.file, "name": self.name, "sha256": self.sha256, "chars": self.chars,
             "paragraphs": [p.to_dict() for p in self.paragraphs]}
        for key in ("kind", "sections", "rubric", "coverage", "summary_like", "copy", "depth", "criticism",
                    "rectification", "opinions"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        if self.warnings:
            d["warnings"] = self.warnings
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Report":
        """Rebuild a report from its JSON object (used by the batch cache)."""
        if "error" in d:
            return cls.failed(d["file"], d["name"], d["error"])
        paras = [Paragraph(p["index"], p["text"], p["start"], p["end"], p["role"], p.get("styles", []),
                           p.get("summary_like"), p.get("evidence", {}), p.get("line"), p.get("original"))
                 for p in d["paragraphs"]]
        return cls(file=d["file"], name=d["name"], sha256=d["sha256"], chars=d["chars"], paragraphs=paras,
                   sections=d.get("sections"), rubric=d.get("rubric"), coverage=d.get("coverage"),
                   summary_like=d.get("summary_like"), copy=d.get("copy"), depth=d.get("depth"),
                   kind=d.get("kind"), criticism=d.get("criticism"), rectification=d.get("rectification"),
                   opinions=d.get("opinions"), warnings=d.get("warnings", []))


def _original_of(original: str, piece) -> str | None:
    """The piece's text in the script of a text read as simplified (None for any other text):
    character for character with ``piece.text``, its inline noise cut out the same way."""
    if not original:
        return None
    span = original[piece.start:piece.end]
    return piece.noise.clean(span) if piece.noise.spans else span


def _remap_section(section: dict, at) -> dict:
    head, (first, end) = section["heading"], section["paragraphs"]
    start = at(head) + 1
    return {**section, "heading": at(head), "paragraphs": [start, at(end - 1) + 1 if end > first else start]}
