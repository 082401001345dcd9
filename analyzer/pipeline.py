"""The whole pipeline: one document from file (or text) to :class:`~analyzer.report.Report`.

ingest → segment (spaCy + jieba) → structure → kind → coverage → summary → copy → depth.
Coverage, summary and depth run only for the kinds they are made for (``kinds.MATERIAL_KINDS``);
another kind gets the warning ``not_a_material`` instead.
``Analyzer`` loads models and lexicons once; ``analyze`` is the one-call convenience.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sklearn

from . import coverage, criticism, depth, ingest, kinds, modelstore, rectification, summary
from .copydetect import CopyDetector
from .coverage import PatternMatcher
from .errors import JingziError, SetupError, warning
from .opinions import OpinionMatcher
from .report import Paragraph, Report
from .resources import load_rubric
from .segment import get_nlp
from .structure import layout


class Analyzer:
    """Reusable analyser: ``Analyzer(rubric="four-styles", library=None, kind=None).analyze(text)``.

    ``kind`` (one of :data:`analyzer.kinds.KINDS`) forces the document kind; ``None`` detects it
    (:mod:`analyzer.kinds`). A criticism document gets its items judged, a rectification plan
    its items; a kind that is not a material skips coverage, work-summary passages and depth
    with a ``not_a_material`` warning.
    """

    def __init__(self, rubric: str = "four-styles", library: str | Path | None = None,
                 copy_detector: CopyDetector | None = None, with_depth: bool = True, kind: str | None = None):
        self.forced_kind = kinds.forced(kind) if kind is not None else None
        self.nlp = get_nlp()
        self.rubric = load_rubric(rubric)
        self.role_model = modelstore.load("roles")
        self.matcher = PatternMatcher(self.rubric)
        try:  # a rubric with no trained model is judged by its patterns alone
            self.coverage_model = modelstore.load(f"coverage-{self.rubric.id}", rubric=self.rubric)
        except SetupError as exc:
            if exc.code != "model_missing":
                raise
            self.coverage_model = None
        self.summary_model = modelstore.load("summary")
        self.kind_model = modelstore.load("kinds") if kind is None else None
        self.depth_model = depth.DepthModel.from_dict(modelstore.load("depth")) if with_depth else None
        self.boilerplate = depth.BoilerplateBank()
        if copy_detector is None:  # without a library, copy still reports the official quotations
            from .library import open_library

            copy_detector = CopyDetector.default(library=open_library(library) if library is not None else None)
        self.copy_detector = copy_detector
        self._criticism_model = self._opinion_matcher = None

    @property
    def criticism_model(self) -> criticism.CriticismModel:
        """Loaded on first use: only criticism documents need it."""
        if self._criticism_model is None:
            self._criticism_model = modelstore.load("criticism")
        return self._criticism_model

    @property
    def opinion_matcher(self) -> OpinionMatcher:
        """Loaded on first use: only ``--opinions`` needs it."""
        if self._opinion_matcher is None:
            self._opinion_matcher = OpinionMatcher(self.matcher, modelstore.load("opinions"))
        return self._opinion_matcher

    def analyze(self, text: str, name: str | None = None, opinions: list[str] | None = None) -> Report:
        """Analyse text given directly; bad text raises :class:`~analyzer.errors.JingziError`.
        ``opinions`` (collected opinions, one string each) adds the ``opinions`` judgement."""
        return self.analyze_source(ingest.from_text(text, name), opinions=opinions)

    def analyze_path(self, path: str | Path, opinions: list[str] | None = None) -> Report:
        """Analyse one file; an unreadable file yields a report with ``error`` set."""
        try:
            source = ingest.read_path(path)
        except JingziError as exc:
            return Report.failed(ingest.display_name(path), ingest.display_name(Path(path).name), exc.to_dict())
        return self.analyze_source(source, opinions=opinions)

    def analyze_source(self, source: ingest.Source, copy_key: str | None = None,
                       opinions: list[str] | None = None) -> Report:
        """Analyse an ingested document; ``copy_key`` is its name among the copy detector's
        peers (default: its file name), so that it is not reported as copying itself."""
        # inputs are built by our own code: skip scikit-learn's per-call validation
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return self._analyze(source, copy_key or source.name, opinions)

    def _analyze(self, source: ingest.Source, copy_key: str, opinions: list[str] | None) -> Report:
        texts, tokens, lay = prepare(source)
        roles = self.role_model.predict(texts, tokens, lay)
        kind = self.forced_kind or self.kind_model.classify(source.text)
        material = kind["id"] in kinds.MATERIAL_KINDS
        if material:
            styles, coverage_result, style_phrases = coverage.assess(
                texts, tokens, roles, lay.categories, self.rubric, self.coverage_model, self.matcher,
                [start for start, _ in source.paragraphs])
            summary_proba, summary_result, summary_cues = summary.assess(texts, tokens, roles, self.summary_model)
        else:
            styles, coverage_result, style_phrases = [[] for _ in texts], None, [None for _ in texts]
            summary_proba, summary_result, summary_cues = [None for _ in texts], None, [None for _ in texts]
        paragraphs = []
        for i, ((start, end), text) in enumerate(zip(source.paragraphs, texts)):
            evidence = {}
            if style_phrases[i]:
                evidence["styles"] = style_phrases[i]
            if summary_cues[i]:
                evidence["summary_cues"] = summary_cues[i]
            paragraphs.append(Paragraph(i, text, start, end, role=roles[i], styles=styles[i],
                                        summary_like=None if summary_proba[i] is None else float(summary_proba[i]),
                                        evidence=evidence))
        report = Report(file=source.file or source.name, name=source.name, sha256=source.sha256,
                        chars=len(source.text.replace("\n", "")), paragraphs=paragraphs,
                        sections=[s.to_dict() for s in lay.sections], rubric=self.rubric.id,
                        coverage=coverage_result, summary_like=summary_result, warnings=list(source.warnings))
        if self.copy_detector is not None:  # None only where training skips copying on purpose
            report.copy = self.check_copy(source, roles, copy_key)
        if self.depth_model is not None and material:
            report.depth = depth.assess(texts, roles, styles, coverage_result, summary_result,
                                        self.depth_model, self.boilerplate)
        report.kind = kind
        self.judge_kind(report, source, kind)
        if opinions is not None and material:
            report.opinions = self.opinion_matcher.assess(opinions, texts, roles)
        return report

    def judge_kind(self, report: Report, source: ingest.Source, kind: dict) -> None:
        """The judgement a document kind calls for (criticism items, plan items) and the
        ``not_a_material`` warning for kinds that are not self-examination materials."""
        if kind["id"] not in kinds.MATERIAL_KINDS:
            report.warnings.append(warning("not_a_material", f"文档类型：{kind['label']} / kind: {kind['id']}"))
        if kind["id"] == "criticism":
            report.criticism = criticism.assess(source.text, self.criticism_model, self.matcher)
            found = report.criticism["items"]
        elif kind["id"] == "rectification":
            report.rectification = rectification.assess(source.text)
            found = report.rectification["items"]
        else:
            return
        if not found:
            report.warnings.append(warning("no_items", kind["label"]))


    def check_copy(self, source: ingest.Source, roles: list[str], copy_key: str | None = None) -> dict:
        """The copy object: headings and noise out of the ratios, each source related to the
        document by the evidence of the library's and the file's metadata (analyzer.provenance);
        ``copy_key`` is the document's name among the detector's peers."""
        from .provenance import annotate, file_meta

        spans = [(s, e, role) for (s, e), role in zip(source.paragraphs, roles)]
        copy = self.copy_detector.check(copy_key or source.name, source.text, roles=spans)
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


def analyze(text: str, name: str | None = None, opinions: list[str] | None = None, **options) -> Report:
    """Analyse one document given as text: ``analyzer.analyze(text).to_dict()``; ``opinions``
    (collected opinions) adds the ``opinions`` judgement, ``kind="criticism"`` forces a kind."""
    return _default_analyzer(**options).analyze(text, name, opinions)


@lru_cache(maxsize=4)
def _default_analyzer(**options) -> Analyzer:
    return Analyzer(**options)
