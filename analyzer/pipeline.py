"""The whole pipeline: one document from file (or text) to :class:`~analyzer.report.Report`.

ingest → paragraphs (run-on lines split, web noise recognised) → segment (spaCy + jieba) →
structure → coverage → summary → copy → depth. Noise paragraphs (role ``noise``) are left out
of every judgement: the stages see only the content paragraphs, and their paragraph indices are
mapped back to the report's paragraphs. ``Analyzer`` loads models and lexicons once;
``analyze`` is the one-call convenience.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import joblib
import sklearn

from . import coverage, depth, ingest, noise, summary
from .coverage import PatternMatcher
from .errors import JingziError, warning
from .report import Paragraph, Report
from .resources import MODELS_DIR, load_rubric
from .segment import get_nlp
from .segmenting import split_line
from .structure import layout


class ModelMissing(RuntimeError):
    """A trained model is missing from ``models/``: run ``jingzi train``."""


@lru_cache(maxsize=None)
def load_model(name: str):
    path = MODELS_DIR / f"{name}.joblib"
    if not path.exists():
        raise ModelMissing(f"模型 {path.name} 不存在；请先运行 `jingzi train` / model missing: run `jingzi train`")
    return joblib.load(path)


class Analyzer:
    """Reusable analyser: ``Analyzer(rubric="four-styles", library=None).analyze(text)``."""

    def __init__(self, rubric: str = "four-styles", library: str | Path | None = None, copy_detector=None,
                 with_depth: bool = True):
        self.nlp = get_nlp()
        self.rubric = load_rubric(rubric)
        self.role_model = load_model("roles")
        self.matcher = PatternMatcher(self.rubric)
        try:  # a rubric with no trained model is judged by its patterns alone
            self.coverage_model = load_model(f"coverage-{self.rubric.id}")
        except ModelMissing:
            self.coverage_model = None
        self.summary_model = load_model("summary")
        self.depth_model = load_model("depth") if with_depth else None
        self.boilerplate = depth.BoilerplateBank()
        self.copy_detector = copy_detector
        if library is not None and copy_detector is None:
            from .copydetect import CopyDetector
            from .library import Library

            self.copy_detector = CopyDetector.default(library=Library(library))

    def analyze(self, text: str, name: str | None = None) -> Report:
        """Analyse text given directly; bad text raises :class:`~analyzer.errors.JingziError`."""
        return self.analyze_source(ingest.from_text(text, name))

    def analyze_path(self, path: str | Path) -> Report:
        """Analyse one file; an unreadable file yields a report with ``error`` set."""
        try:
            source = ingest.read_path(path)
        except JingziError as exc:
            return Report.failed(str(path), Path(path).name, exc.to_dict())
        return self.analyze_source(source)

    def analyze_source(self, source: ingest.Source) -> Report:
        # inputs are built by our own code: skip scikit-learn's per-call validation
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return self._analyze(source)

    def _analyze(self, source: ingest.Source) -> Report:
        pieces = paragraphs(source)
        content = [i for i, p in enumerate(pieces) if not p.noise.line]
        paras = [Paragraph(i, p.text, p.start, p.end, role="noise", summary_like=None,  # until judged
                           evidence={"noise": p.noise.cues} if p.noise.cues else {},
                           line=p.line if p.split else None)
                 for i, p in enumerate(pieces)]
        report = Report(file=source.file or source.name, name=source.name, sha256=source.sha256,
                        chars=sum(len(pieces[i].text) for i in content), paragraphs=paras,
                        rubric=self.rubric.id, warnings=_shape_warnings(source, pieces))
        if self.copy_detector is not None:
            report.copy = self.copy_detector.check(source.name, source.text)
        if not content:
            report.warnings.append(warning("only_noise", f"{len(pieces)} 段"))
            return report
        texts, tokens, lay = prepare(source, pieces)
        roles = self.role_model.predict(texts, tokens, lay)
        styles, coverage_result, style_phrases = coverage.assess(
            texts, tokens, roles, lay.categories, self.rubric, self.coverage_model, self.matcher)
        summary_proba, summary_result, summary_cues = summary.assess(texts, tokens, roles, self.summary_model)
        for k, i in enumerate(content):
            p = paras[i]
            p.role, p.styles, p.summary_like = roles[k], styles[k], float(summary_proba[k])
            if style_phrases[k]:
                p.evidence["styles"] = style_phrases[k]
            if summary_cues[k]:
                p.evidence["summary_cues"] = summary_cues[k]
        at = content.__getitem__  # content paragraph index -> report paragraph index
        report.sections = [_remap_section(s.to_dict(), at) for s in lay.sections]
        report.coverage = {c: _remap(e, at, "evidence", "denied") for c, e in coverage_result.items()}
        report.summary_like = _remap(summary_result, at, "paragraphs")
        if self.depth_model is not None:
            d = depth.assess(texts, roles, styles, coverage_result, summary_result["ratio"],
                             self.depth_model, self.boilerplate)
            d["details"] = {c: _remap(v, at, "evidence") for c, v in d["details"].items()}
            d["substitution_evidence"] = {n: [at(i) for i in v] for n, v in d["substitution_evidence"].items()}
            report.depth = d
        return report


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
    noise: noise.Noise
    split: bool      # the line was split into several paragraphs


def paragraphs(source: ingest.Source) -> list[Piece]:
    """The report's paragraphs: every line of ``source``, run-on lines split (see
    :mod:`analyzer.segmenting`), each inspected for web noise (:mod:`analyzer.noise`)."""
    out = []
    alone = len(source.paragraphs) <= 2  # a paste that lost its line breaks
    for line, (start, end) in enumerate(source.paragraphs):
        line_text = source.text[start:end]
        spans = split_line(line_text, alone, noise.boundaries(line_text) if len(line_text) > 120 else set())
        for a, b in spans:
            raw = source.text[start + a:start + b]
            a, b = a + len(raw) - len(raw.lstrip()), b - (len(raw) - len(raw.rstrip()))
            raw = source.text[start + a:start + b]
            found = noise.inspect(raw)
            out.append(Piece(line, start + a, start + b, raw if found.line else found.clean(raw), found,
                             len(spans) > 1))
    return out


def _shape_warnings(source: ingest.Source, pieces: list[Piece]) -> list[dict]:
    warnings = list(source.warnings)
    split_lines = len({p.line for p in pieces if p.split})
    if split_lines:  # the lines were missing; now they are found
        warnings = [w for w in warnings if w["code"] != "few_paragraphs"]
        warnings.append(warning("runon_split", f"{split_lines} 行 → {sum(p.split for p in pieces)} 段"))
    n_noise = sum(p.noise.line for p in pieces)
    n_inline = sum(bool(p.noise.spans) for p in pieces)
    if n_noise or n_inline:
        warnings.append(warning("web_noise", f"{n_noise} 段噪声，{n_inline} 段含插入字符"))
    return warnings


def _remap(entry: dict, at, *keys: str) -> dict:
    """``entry`` with the paragraph index lists under ``keys`` mapped by ``at``."""
    return {k: [at(i) for i in v] if k in keys else v for k, v in entry.items()}


def _remap_section(section: dict, at) -> dict:
    head, (first, end) = section["heading"], section["paragraphs"]
    start = at(head) + 1
    return {**section, "heading": at(head), "paragraphs": [start, at(end - 1) + 1 if end > first else start]}


def prepare(source: ingest.Source, pieces: list[Piece] | None = None):
    """Texts, jieba tokens (from the spaCy ``Doc``) and rule layout of the content paragraphs."""
    pieces = paragraphs(source) if pieces is None else pieces
    content = [p for p in pieces if not p.noise.line]
    nlp = get_nlp()
    doc = nlp(source.text)
    tokens = []
    for p in content:
        if p.split or p.noise.spans:  # a part of a line, or a line with noise cut out
            tokens.append([t.text for t in nlp.make_doc(p.text) if not t.is_space])
        else:
            tokens.append([t.text for t in doc.char_span(p.start, p.end, alignment_mode="expand")
                           if not t.is_space])
    whole = {p.line: k for k, p in enumerate(content) if not p.split}
    hints = {whole[line] for line in source.heading_hints if line in whole}
    texts = [p.text for p in content]
    return texts, tokens, layout(texts, hints)


def analyze(text: str, name: str | None = None, **options) -> Report:
    """Analyse one material given as text: ``analyzer.analyze(text).to_dict()``."""
    return _default_analyzer(**options).analyze(text, name)


@lru_cache(maxsize=4)
def _default_analyzer(**options) -> Analyzer:
    return Analyzer(**options)
