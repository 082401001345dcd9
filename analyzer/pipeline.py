"""The whole pipeline: one document from file (or text) to :class:`~analyzer.report.Report`.

ingest → segment (spaCy + jieba) → structure → coverage → summary → copy → depth.
``Analyzer`` loads models and lexicons once; ``analyze`` is the one-call convenience.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import joblib
import sklearn

from . import coverage, depth, ingest, summary
from .coverage import PatternMatcher
from .errors import JingziError
from .report import Paragraph, Report
from .resources import MODELS_DIR, load_rubric
from .segment import get_nlp
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
        texts, tokens, lay = prepare(source)
        roles = self.role_model.predict(texts, tokens, lay)
        styles, coverage_result, style_phrases = coverage.assess(
            texts, tokens, roles, lay.categories, self.rubric, self.coverage_model, self.matcher)
        summary_proba, summary_result, summary_cues = summary.assess(texts, tokens, roles, self.summary_model)
        paragraphs = []
        for i, ((start, end), text) in enumerate(zip(source.paragraphs, texts)):
            evidence = {}
            if style_phrases[i]:
                evidence["styles"] = style_phrases[i]
            if summary_cues[i]:
                evidence["summary_cues"] = summary_cues[i]
            paragraphs.append(Paragraph(i, text, start, end, role=roles[i], styles=styles[i],
                                        summary_like=float(summary_proba[i]), evidence=evidence))
        report = Report(file=source.file or source.name, name=source.name, sha256=source.sha256,
                        chars=len(source.text.replace("\n", "")), paragraphs=paragraphs,
                        sections=[s.to_dict() for s in lay.sections], rubric=self.rubric.id,
                        coverage=coverage_result, summary_like=summary_result, warnings=list(source.warnings))
        if self.copy_detector is not None:
            report.copy = self.check_copy(source, roles)
        if self.depth_model is not None:
            report.depth = depth.assess(texts, roles, styles, coverage_result, summary_result["ratio"],
                                        self.depth_model, self.boilerplate)
        return report


    def check_copy(self, source: ingest.Source, roles: list[str]) -> dict:
        """The copy object: headings and noise out of the ratios, each source related to the
        document by the evidence of the library's and the file's metadata (analyzer.provenance)."""
        from .provenance import annotate, file_meta

        spans = [(s, e, role) for (s, e), role in zip(source.paragraphs, roles)]
        copy = self.copy_detector.check(source.name, source.text, roles=spans)
        library = self.copy_detector.library
        known = library.metadata([s["source"] for s in copy["sources"]]) if library is not None else {}
        return annotate(copy, file_meta(source.file) if source.file else {}, known)


def prepare(source: ingest.Source):
    """Paragraph texts, their jieba tokens (from the spaCy ``Doc``) and the rule layout."""
    texts = source.paragraph_texts()
    doc = get_nlp()(source.text)
    tokens = [[t.text for t in doc.char_span(s, e, alignment_mode="expand") if not t.is_space]
              for s, e in source.paragraphs]
    return texts, tokens, layout(texts, source.heading_hints)


def analyze(text: str, name: str | None = None, **options) -> Report:
    """Analyse one material given as text: ``analyzer.analyze(text).to_dict()``."""
    return _default_analyzer(**options).analyze(text, name)


@lru_cache(maxsize=4)
def _default_analyzer(**options) -> Analyzer:
    return Analyzer(**options)
