"""The whole pipeline: one document from file (or text) to :class:`~analyzer.report.Report`.

ingest → paragraphs (run-on lines split, web noise recognised) → segment (spaCy + jieba) →
structure → kind → coverage → summary → copy → depth, and for criticism documents and
rectification plans their own judgements. Noise paragraphs (role ``noise``) are left out of
every judgement: the stages see only the content paragraphs, and their paragraph indices are
mapped back to the report's paragraphs. Coverage, summary and depth run only for the kinds they
are made for (``kinds.MATERIAL_KINDS``); another kind gets the warning ``not_a_material``.
``Analyzer`` loads models and lexicons once; ``analyze`` is the one-call convenience.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sklearn

from . import coverage, criticism, depth, ingest, kinds, modelstore, noise, rectification, summary
from .copydetect import CopyDetector
from .coverage import PatternMatcher
from .errors import JingziError, SetupError, warning
from .opinions import OpinionMatcher
from .report import Paragraph, Report
from .resources import load_rubric
from .segment import get_nlp
from .segmenting import split_line
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
        pieces = paragraphs(source)
        content = [i for i, p in enumerate(pieces) if not p.noise.line]
        paras = [Paragraph(i, p.text, p.start, p.end, role="noise", summary_like=None,  # until judged
                           evidence={"noise": p.noise.cues} if p.noise.cues else {},
                           line=p.line if p.split else None)
                 for i, p in enumerate(pieces)]
        report = Report(file=source.file or source.name, name=source.name, sha256=source.sha256,
                        chars=sum(len(pieces[i].text) for i in content), paragraphs=paras,
                        rubric=self.rubric.id, warnings=_shape_warnings(source, pieces))
        if not content:
            report.warnings.append(warning("only_noise", f"{len(pieces)} 段"))
            self._copy(report, source, copy_key)
            return report
        texts, tokens, lay = prepare(source, pieces)
        roles = self.role_model.predict(texts, tokens, lay)
        for k, i in enumerate(content):
            paras[i].role = roles[k]
        at = content.__getitem__  # content paragraph index -> report paragraph index
        report.sections = [_remap_section(s.to_dict(), at) for s in lay.sections]
        report.kind = kind = self.forced_kind or self.kind_model.classify(source.text)
        material = kind["id"] in kinds.MATERIAL_KINDS
        self._copy(report, source, copy_key)
        if material:
            styles, coverage_result, style_phrases = coverage.assess(
                texts, tokens, roles, lay.categories, self.rubric, self.coverage_model, self.matcher,
                [pieces[i].start for i in content])
            summary_proba, summary_result, summary_cues = summary.assess(texts, tokens, roles, self.summary_model)
            for k, i in enumerate(content):
                p = paras[i]
                p.styles, p.summary_like = styles[k], float(summary_proba[k])
                if style_phrases[k]:
                    p.evidence["styles"] = style_phrases[k]
                if summary_cues[k]:
                    p.evidence["summary_cues"] = summary_cues[k]
            report.coverage = {c: _remap_coverage(e, at) for c, e in coverage_result.items()}
            report.summary_like = _remap(summary_result, at, "paragraphs")
            if self.depth_model is not None:
                d = depth.assess(texts, roles, styles, coverage_result, summary_result, self.depth_model,
                                 self.boilerplate, kind=kind["id"])
                d["details"] = {c: _remap(v, at, "evidence") for c, v in d["details"].items()}
                d["substitution_evidence"] = {n: [at(i) for i in v] for n, v in d["substitution_evidence"].items()}
                d["deductions"] = [_remap(x, at, "paragraphs") for x in d.get("deductions", [])]
                report.depth = d
            if opinions is not None:
                report.opinions = _remap_opinions(self.opinion_matcher.assess(opinions, texts, roles), at)
        self.judge_kind(report, source, kind)
        return report

    def _copy(self, report: Report, source: ingest.Source, copy_key: str) -> None:
        if self.copy_detector is not None:  # None where copying is checked later (batch) or not at all (training)
            report.copy = self.check_copy(source, [p.role for p in report.paragraphs], copy_key)
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
    cut = []  # (line, start, end, split) of every paragraph-to-be
    alone = len(source.paragraphs) <= 2  # a paste that lost its line breaks
    for line, (start, end) in enumerate(source.paragraphs):
        line_text = source.text[start:end]
        spans = split_line(line_text, alone, noise.boundaries(line_text) if len(line_text) > 120 else set())
        for a, b in spans:
            raw = source.text[start + a:start + b]
            a, b = a + len(raw) - len(raw.lstrip()), b - (len(raw) - len(raw.rstrip()))
            cut.append((line, start + a, start + b, len(spans) > 1))
    head = noise.head_lines([source.text[a:b] for _, a, b, _ in cut])  # a run-on page has a head too
    out = []
    for k, (line, a, b, split) in enumerate(cut):
        raw = source.text[a:b]
        found = noise.inspect(raw, head=k in head)
        out.append(Piece(line, a, b, raw if found.line else found.clean(raw), found, split))
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


def _remap_coverage(entry: dict, at) -> dict:
    """A coverage entry with its paragraph indices (evidence, denied, and the paragraph of each
    evidence and denial sentence) mapped by ``at``."""
    out = _remap(entry, at, "evidence", "denied")
    for key in ("sentences", "denials"):
        if key in out:
            out[key] = [{**s, "paragraph": at(s["paragraph"])} for s in out[key]]
    return out


def _remap_opinions(result: dict, at) -> dict:
    """The opinions object with its paragraph indices mapped by ``at``."""
    items = [{**it, "paragraphs": [at(i) for i in it["paragraphs"]],
              "evidence": {**it["evidence"], "paragraph": at(it["evidence"]["paragraph"])} if it["evidence"] else None}
             for it in result["items"]]
    return {**result, "items": items}


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


def analyze(text: str, name: str | None = None, opinions: list[str] | None = None, **options) -> Report:
    """Analyse one document given as text: ``analyzer.analyze(text).to_dict()``; ``opinions``
    (collected opinions) adds the ``opinions`` judgement, ``kind="criticism"`` forces a kind."""
    return _default_analyzer(**options).analyze(text, name, opinions)


@lru_cache(maxsize=4)
def _default_analyzer(**options) -> Analyzer:
    return Analyzer(**options)
