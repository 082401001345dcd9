"""The whole pipeline: one document from file (or text) to :class:`~analyzer.report.Report`.

ingest → :func:`read` (paragraphs: run-on lines split, web noise recognised) → one
:class:`~analyzer.document.Document` through the stages of :meth:`Analyzer.stages`:
segment (jieba tokens, sentences) → structure (layout, roles) → kind → copy → coverage →
summary → depth → opinions → the kind's own judgement (criticism items, plan items); each
stage's ``run(doc)`` writes its typed result onto the document, and
:meth:`~analyzer.report.Report.of` builds the report from it. Noise paragraphs (role ``noise``) are left out of
every judgement: the stages see only the content paragraphs, and their paragraph indices are
mapped back to the report's paragraphs. Coverage, summary and depth run only for the kinds they
are made for (``kinds.MATERIAL_KINDS``); another kind gets the warning ``not_a_material``.
``Analyzer`` loads models and lexicons once; ``analyze`` is the one-call convenience.

A round of documents (``batch``, :meth:`Analyzer.analyze_many`, :meth:`Analyzer.analyze_paths`)
is analysed a chunk at a time (:data:`CHUNK` documents, fewer when long): every stage's
``run_many`` runs over the chunk before the next stage, and structure, coverage and summary
featurise the paragraphs of all its documents once (:func:`analyzer.features.share`) and score
them with one product per model, then judge each document on its own. Every step they batch reads
a paragraph (or sentence) alone, so the reports are those of one document at a time.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice, repeat
from pathlib import Path
from typing import Collection, Iterable, Iterator

import sklearn

from . import coverage, criticism, depth, features, ingest, kinds, modelstore, noise, rectification, summary
from .copydetect import CopyDetector
from .coverage import PatternMatcher
from .document import CopyResult, Document, KindResult, Piece
from .errors import JingziError, SetupError, warning
from .limits import CHUNK_CHARS, CHUNK_DOCUMENTS
from .opinions import OpinionMatcher
from .report import Report
from .resources import forget_matches, load_rubric
from .segment import paragraph_words
from .segmenting import is_runon, split_line
from .structure import Layout, layout

CHUNK = CHUNK_DOCUMENTS  # documents analysed together (Analyzer.documents): one featurisation and product per stage


def keep_out_of_collections() -> None:
    """Move everything alive now (the models and lexicons just loaded, and whatever else is loaded
    by then) out of the cyclic garbage collector's generations, after collecting what
    is already garbage: these objects live as long as the process, and every full collection
    during analysis would otherwise walk them all again. Reference counting still frees them."""
    gc.collect()
    gc.freeze()


@contextmanager
def collections_paused():
    """No automatic cyclic garbage collection inside the block (one chunk's analysis). The stages make
    no reference cycles (none left after a second pass over the written materials, the kind corpus and
    the real DEV pages; the first loads models), so the collections that the chunk's many small objects
    set off, some 7% of its time, free nothing: reference counting frees them. Collection resumes after
    the block unless it was off before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Analyzer:
    """Reusable analyser: ``Analyzer(rubric="four-styles", library=None, kind=None).analyze(text)``.

    ``kind`` (one of :data:`analyzer.kinds.KINDS`) forces the document kind; ``None`` detects it
    (:mod:`analyzer.kinds`). A criticism document gets its items judged, a rectification plan
    its items; a kind that is not a material skips coverage, work-summary passages and depth
    with a ``not_a_material`` warning. Models are loaded here, once; the criticism, depth and
    opinion models on first use, so that a call that skips their stage never needs them. The spaCy
    pipeline, which no stage reads, is loaded only when a document's ``Doc`` is asked for.
    """

    def __init__(self, rubric: str = "four-styles", library: str | Path | None = None,
                 copy_detector: CopyDetector | None = None, kind: str | None = None):
        self.forced_kind = kinds.forced(kind) if kind is not None else None
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
        self.boilerplate = depth.BoilerplateBank()
        if copy_detector is None:  # without a library, copy still reports the official quotations
            from .library import open_library

            copy_detector = CopyDetector.default(library=open_library(library) if library is not None else None)
        self.copy_detector = copy_detector
        self._depth_model = self._criticism_model = self._opinion_matcher = None
        keep_out_of_collections()

    @property
    def depth_model(self) -> depth.DepthModel:
        """Loaded on first use: a call that skips ``depth`` (training the depth model) never needs it."""
        if self._depth_model is None:
            self._depth_model = depth.DepthModel.from_dict(modelstore.load("depth"))
        return self._depth_model

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

    def analyze(self, text: str, name: str | None = None, opinions: list[str] | None = None,
                skip: Collection[str] = ()) -> Report:
        """Analyse text given directly; bad text raises :class:`~analyzer.errors.JingziError`.
        ``opinions`` (collected opinions, one string each) adds the ``opinions`` judgement;
        ``skip`` names stages to leave out (:meth:`document`)."""
        return self.analyze_source(ingest.from_text(text, name), opinions=opinions, skip=skip)

    def analyze_path(self, path: str | Path, opinions: list[str] | None = None, skip: Collection[str] = ()) -> Report:
        """Analyse one file; an unreadable file yields a report with ``error`` set."""
        source = _read_path(path)
        return source if isinstance(source, Report) else self.analyze_source(source, opinions=opinions, skip=skip)

    def analyze_paths(self, paths: Iterable[str | Path], opinions: Iterable[list[str] | None] | None = None
                      ) -> Iterator[Report]:
        """:meth:`analyze_path` of each file, in order (``opinions``: each file's collected opinions
        or None), the readable ones analysed :data:`CHUNK` at a time (:meth:`documents`)."""
        asked = iter(opinions) if opinions is not None else repeat(None)
        for chunk in chunks(map(_read_path, paths)):
            lists = list(islice(asked, len(chunk)))
            readable = [(source, listed) for source, listed in zip(chunk, lists) if not isinstance(source, Report)]
            docs = self.documents([source for source, _ in readable], [listed for _, listed in readable])
            for source in chunk:
                yield source if isinstance(source, Report) else Report.of(next(docs), self.rubric.id)

    def analyze_source(self, source: ingest.Source, copy_key: str | None = None,
                       opinions: list[str] | None = None, skip: Collection[str] = ()) -> Report:
        """The report of an ingested document (:meth:`document`)."""
        return Report.of(self.document(source, copy_key, opinions, skip), self.rubric.id)

    def analyze_many(self, sources: Iterable[ingest.Source], skip: Collection[str] = ()) -> Iterator[Report]:
        """The report of each ingested document, in order, analysed :data:`CHUNK` at a time
        (:meth:`documents`)."""
        for doc in self.documents(sources, skip=skip):
            yield Report.of(doc, self.rubric.id)

    def document(self, source: ingest.Source, copy_key: str | None = None, opinions: list[str] | None = None,
                 skip: Collection[str] = ()) -> Document:
        """The :class:`~analyzer.document.Document` of an ingested source after every stage that
        applies to it. ``copy_key`` is its name among the copy detector's peers (default: its
        file name), so that it is not reported as copying itself; ``skip`` names stages to leave
        out (e.g. ``{"depth"}`` while the depth model is trained on the stages before it)."""
        return self.analyse_chunk([source], [opinions], skip, copy_key)[0]

    def documents(self, sources: Iterable[ingest.Source], opinions: Iterable[list[str] | None] | None = None,
                  skip: Collection[str] = ()) -> Iterator[Document]:
        """:meth:`document` of each source, in order, analysed :data:`CHUNK` documents at a time
        (:meth:`analyse_chunk`): the same documents, made faster, memory flat in their number.
        ``opinions``: each source's collected opinions (or None), in the same order. A chunk that
        fails is analysed again one document at a time, so that the documents before the failing
        one are still given and its own error is the one raised."""
        asked = iter(opinions) if opinions is not None else repeat(None)
        for chunk in chunks(sources):
            lists = list(islice(asked, len(chunk)))
            try:
                done = self.analyse_chunk(chunk, lists, skip)
            except Exception:
                done = (self.analyse_chunk([source], [listed], skip)[0] for source, listed in zip(chunk, lists))
            yield from done

    def analyse_chunk(self, sources: list[ingest.Source], opinions: list[list[str] | None], skip: Collection[str] = (),
                      copy_key: str | None = None) -> list[Document]:
        """The documents of ``sources`` after every stage that applies to each: every stage runs
        over all of them (``run_many``) before the next, so that the stages that featurise or
        score paragraphs do it once for the chunk. ``opinions``: each source's collected opinions
        (or None); ``copy_key``: a single document's name among the copy detector's peers."""
        forget_matches()  # the lexicons' memo is shared by this chunk's stages, not kept across chunks
        # inputs are built by our own code: skip scikit-learn's per-call validation
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True), collections_paused():
            docs = [read(source) for source in sources]
            asked = {id(doc): listed for doc, listed in zip(docs, opinions) if listed is not None}
            for stage in self.stages(copy_key, asked):
                applies = [doc for doc in docs if stage.applies(doc)] if stage.name not in skip else []
                if applies:
                    stage.run_many(applies)
            forget_matches()  # and let go of them before collection resumes, which would walk them all
        return docs

    def stages(self, copy_key: str | None = None, opinions: dict[int, list[str]] | None = None) -> list[Stage]:
        """The stages in the order they run; each ``run(doc)`` writes its result onto the
        :class:`~analyzer.document.Document` when ``applies(doc)``. ``copy_key``: the document's
        name among the copy detector's peers (default: each document's name); ``opinions``: the
        collected opinions of each document (by ``id``) that has them."""
        out = [Segment(), Structure(self.role_model), Kind(self.kind_model, self.forced_kind),
               Copy(self.copy_detector, copy_key), Coverage(self.rubric, self.coverage_model, self.matcher),
               Summary(self.summary_model), Depth(self, self.boilerplate)]
        if opinions:
            out.append(Opinions(self, opinions))
        out.append(KindJudgement(self))
        return out


# ---- the stages, in the order they run (see analyzer/document.py for what each writes) ----

class Stage:
    """A pipeline stage: ``run(doc)`` adds its result to the document; by default it runs on
    documents with content, and the material judgements only on materials. ``name`` is what
    :meth:`Analyzer.document` skips it by."""

    name = ""

    def applies(self, doc: Document) -> bool:
        return bool(doc.content)

    def run_many(self, docs: list[Document]) -> None:
        """``run`` on each of ``docs`` (all of which it applies to); a stage that featurises or
        scores paragraphs does it once for them all."""
        for doc in docs:
            self.run(doc)


class MaterialStage(Stage):
    def applies(self, doc: Document) -> bool:
        return bool(doc.content) and doc.kind.id in kinds.MATERIAL_KINDS


class Segment(Stage):
    """The words (jieba's) and the sentences (the one splitter's) of every content paragraph, from
    one segmenter call over the document (over the chunk's documents); its spaCy ``Doc``, which no stage reads, is made only when
    asked for (``Document.spacy``)."""

    name = "segment"

    def run(self, doc: Document) -> None:
        self.run_many([doc])

    def run_many(self, docs: list[Document]) -> None:
        """One segmenter call over the content paragraphs of all the documents (each paragraph's
        words and sentences are those it has alone, :func:`~analyzer.segment.paragraph_words`)."""
        tokens, sentences = paragraph_words([t for doc in docs for t in doc.texts])
        lengths = [len(doc.texts) for doc in docs]
        for doc, own_tokens, own_sentences in zip(docs, features.by_lengths(tokens, lengths),
                                                  features.by_lengths(sentences, lengths)):
            doc.tokens, doc.sentences = own_tokens, own_sentences


class Structure(Stage):
    """Headings, sections and heading context by rule; a role per paragraph by the role model."""

    name = "structure"

    def __init__(self, model):
        self.model = model

    def run(self, doc: Document) -> None:
        self.run_many([doc])

    def run_many(self, docs: list[Document]) -> None:
        """The layouts one by one, the roles of all the documents' paragraphs from one
        featurisation (:func:`analyzer.features.share`) and one product."""
        for doc in docs:
            doc.layout = heading_layout(doc)
        if len(docs) > 1:
            features.share(docs)
        roles = self.model.predict_many([(d.texts, d.tokens, d.layout) for d in docs], features.of_many(docs))
        for doc, found in zip(docs, roles):
            doc.roles = found


def heading_layout(doc: Document) -> Layout:
    """The rule layout of the content paragraphs; a whole line formatted as a heading in the
    source (docx) is a hinted heading."""
    whole = {p.line: k for k, p in enumerate(doc.pieces[i] for i in doc.content) if not p.split}
    return layout(doc.texts, {whole[line] for line in doc.source.heading_hints if line in whole})


class Kind(Stage):
    """The document kind, detected from the whole text or forced."""

    name = "kind"

    def __init__(self, model, forced: dict | None):
        self.model, self.forced = model, forced

    def run(self, doc: Document) -> None:
        self.run_many([doc])

    def run_many(self, docs: list[Document]) -> None:
        """The kinds of all the documents, those their titles do not settle scored by one product
        (:meth:`~analyzer.kinds.KindModel.classify_many`)."""
        found = [self.forced] * len(docs) if self.forced else self.model.classify_many([doc.text for doc in docs])
        for doc, kind in zip(docs, found):
            doc.kind = KindResult.of(kind)


class Copy(Stage):
    """Copied passages (also for a document of noise only): headings and noise out of the
    ratios, each source related to the document by the evidence of the library's and the
    file's metadata (:mod:`analyzer.provenance`); ``key`` is the document's name among the
    detector's peers. Skipped without a detector (batch checks copying later, across files)."""

    name = "copy"

    def __init__(self, detector: CopyDetector | None, key: str | None = None):
        self.detector, self.key = detector, key

    def applies(self, doc: Document) -> bool:
        return self.detector is not None

    def run(self, doc: Document) -> None:
        from .provenance import annotate, file_meta

        roles = ["noise"] * len(doc.pieces)
        for k, role in enumerate(doc.roles):
            roles[doc.at(k)] = role
        spans = [(p.start, p.end, role) for p, role in zip(doc.pieces, roles)]  # as batch and compare count
        found = self.detector.check(self.key or doc.name, doc.text, roles=spans)
        library = self.detector.library
        known = library.metadata([s["source"] for s in found["sources"]]) if library is not None else {}
        doc.copy = CopyResult.of(annotate(found, file_meta(doc.source.file) if doc.source.file else {}, known))


class Coverage(MaterialStage):
    """The rubric categories each paragraph examines, with evidence and denials."""

    name = "coverage"

    def __init__(self, rubric, model, matcher):
        self.rubric, self.model, self.matcher = rubric, model, matcher

    def run(self, doc: Document) -> None:
        self.run_many([doc])

    def run_many(self, docs: list[Document]) -> None:
        """Every document's paragraphs scored, judged and searched for evidence together
        (:func:`analyzer.coverage.assess_many`)."""
        for doc, found in zip(docs, coverage.assess_many(docs, self.rubric, self.model, self.matcher)):
            doc.coverage = found


class Summary(MaterialStage):
    """Paragraphs that read like a work summary."""

    name = "summary"

    def __init__(self, model):
        self.model = model

    def run(self, doc: Document) -> None:
        self.run_many([doc])

    def run_many(self, docs: list[Document]) -> None:
        """Every document's paragraphs scored by one product (:func:`analyzer.summary.assess_many`)."""
        for doc, found in zip(docs, summary.assess_many(docs, self.model)):
            doc.summary = found


class Depth(MaterialStage):
    """Depth score, criteria, substitutions, deductions and reasons, from what coverage and
    summary found."""

    name = "depth"

    def __init__(self, analyzer: Analyzer, bank):
        self.analyzer, self.bank = analyzer, bank

    def run(self, doc: Document) -> None:
        doc.depth = depth.assess(doc, self.analyzer.depth_model, self.bank)

    def run_many(self, docs: list[Document]) -> None:
        """Every document's problem sentences matched against the boilerplate bank together
        (:meth:`~analyzer.depth.BoilerplateBank.match_many`), then each document measured on its own."""
        model = self.analyzer.depth_model
        for doc, boiler in zip(docs, self.bank.match_many(docs)):
            doc.depth = depth.assess(doc, model, self.bank, boiler)


class Opinions(MaterialStage):
    """Which collected opinions the material answers."""

    name = "opinions"

    def __init__(self, analyzer: Analyzer, opinions: dict[int, list[str]]):
        self.analyzer, self.opinions = analyzer, opinions  # by the id of the document they were collected for

    def applies(self, doc: Document) -> bool:
        return super().applies(doc) and id(doc) in self.opinions

    def run(self, doc: Document) -> None:
        doc.opinions = self.analyzer.opinion_matcher.assess(self.opinions[id(doc)], doc)


# what the report of a non-material kind judges instead of a material's scores, said beside its warning
JUDGED_INSTEAD = {"criticism": "；已逐条评判批评意见 / its criticism items are judged instead",
                  "rectification": "；已逐条评判整改事项 / its rectification items are judged instead",
                  "opinions": "；用 --opinions 检查材料是否逐条回应 / check a material's answers to it with --opinions"}


class KindJudgement(Stage):
    """The judgement a document kind calls for: criticism items, plan items, or the
    ``not_a_material`` warning for kinds that are not self-examination materials; a document of
    noise only gets the ``only_noise`` warning instead."""

    name = "kind_judgement"

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer

    def applies(self, doc: Document) -> bool:
        return True

    def run(self, doc: Document) -> None:
        if not doc.content:
            doc.warnings.append(warning("only_noise", f"{len(doc.pieces)} 段"))
            return
        kind = doc.kind
        if kind.id not in kinds.MATERIAL_KINDS:
            doc.warnings.append(warning("not_a_material", f"文档类型：{kind.label} / kind: {kind.id}"
                                        + JUDGED_INSTEAD.get(kind.id, "")))
        if kind.id == "criticism":
            doc.criticism = criticism.assess(doc, self.analyzer.criticism_model, self.analyzer.matcher)
            found = doc.criticism.items
        elif kind.id == "rectification":
            doc.rectification = rectification.assess(doc)
            found = doc.rectification.items
        else:
            return
        if not found:
            doc.warnings.append(warning("no_items", kind.label))


def chunks(sources: Iterable[ingest.Source | Report]) -> Iterator[list[ingest.Source | Report]]:
    """``sources`` in order, a list at a time: :data:`CHUNK` of them, or fewer when their texts
    reach :data:`~analyzer.limits.CHUNK_CHARS` characters (a long document closes its chunk)."""
    chunk, chars = [], 0
    for source in sources:
        chunk.append(source)
        chars += len(source.text) if isinstance(source, ingest.Source) else 0
        if len(chunk) >= CHUNK or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _read_path(path: str | Path) -> ingest.Source | Report:
    """The ingested file, or the report of its error when it cannot be read."""
    try:
        return ingest.read_path(path)
    except JingziError as exc:
        return Report.failed(ingest.display_name(path), ingest.display_name(Path(path).name), exc.to_dict())


def read(source: ingest.Source) -> Document:
    """The document of an ingested source: its paragraphs and the warnings about its shape."""
    pieces = paragraphs(source)
    return Document(source, pieces, _shape_warnings(source, pieces))


def paragraphs(source: ingest.Source) -> list[Piece]:
    """The report's paragraphs: every line of ``source``, furniture glued into it cut out whole
    (:func:`analyzer.noise.runs`), run-on lines split (see :mod:`analyzer.segmenting`), each
    paragraph inspected for web noise (:mod:`analyzer.noise`)."""
    cut = []  # (line, start, end, split, cues) of every paragraph-to-be
    alone = len(source.paragraphs) <= 2  # a paste that lost its line breaks
    for line, (start, end) in enumerate(source.paragraphs):
        line_text = source.text[start:end]
        glued = noise.runs(line_text)  # furniture glued between sentences: cut out whole
        runon = len(line_text) > 120 and is_runon(line_text, alone)  # furniture boundaries cut only those
        spans = split_line(line_text, alone, noise.boundaries(line_text) if runon else set(),
                           keep=[(a, b) for a, b, _ in glued])
        spans, tails = noise.tails(line_text, spans)  # furniture after a cut paragraph's last sentence
        glued += tails
        for a, b in spans:
            raw = line_text[a:b]
            cues = next((c for ga, gb, c in glued if ga <= a and b <= gb), None) if glued else None
            a, b = a + len(raw) - len(raw.lstrip()), b - (len(raw) - len(raw.rstrip()))
            cut.append((line, start + a, start + b, len(spans) > 1, cues))
    texts = [source.text[a:b] for _, a, b, _, _ in cut]
    head = noise.head_lines(texts)  # a run-on page has a head too
    echoes = noise.echoed_summaries(texts)  # a site's summary of the text below it
    out = []
    for k, (line, a, b, split, cues) in enumerate(cut):
        raw = texts[k]
        found = noise.inspect(raw, head=k in head)
        cues = cues or echoes.get(k)
        if cues and not found.line:
            found = noise.Noise(line=True, cues=cues)
        out.append(Piece(line, a, b, found.clean(raw) if found.spans else raw, found, split))
    return out


def _shape_warnings(source: ingest.Source, pieces: list[Piece]) -> list[dict]:
    warnings = list(source.warnings)
    split_lines = len({p.line for p in pieces if p.split})
    if split_lines:  # the lines were missing; now they are found
        warnings = [w for w in warnings if w["code"] != "few_paragraphs"]
        warnings.append(warning("runon_split", f"{split_lines} 行 → {sum(p.split for p in pieces)} 段"))
    n_noise = sum(p.noise.line and p.line not in source.furniture for p in pieces)  # a PDF's page numbers are no web page's
    n_inline = sum(bool(p.noise.spans) for p in pieces)
    if n_noise or n_inline:
        warnings.append(warning("web_noise", f"{n_noise} 段噪声，{n_inline} 段含插入字符"))
    return warnings


def segmented(source: ingest.Source, pieces: list[Piece] | None = None) -> Document:
    """The document after segmentation, with its rule layout (for training, which fits the
    models on what the pipeline's first stages see and judges with the stage functions)."""
    doc = Document(source, paragraphs(source) if pieces is None else pieces)
    Segment().run(doc)
    doc.layout = heading_layout(doc)
    return doc


def prepare(source: ingest.Source, pieces: list[Piece] | None = None):
    """Texts, jieba tokens and rule layout of the content paragraphs (:func:`segmented`)."""
    doc = segmented(source, pieces)
    return doc.texts, doc.tokens, doc.layout


def analyze(text: str, name: str | None = None, opinions: list[str] | None = None, **options) -> Report:
    """Analyse one document given as text: ``analyzer.analyze(text).to_dict()``; ``opinions``
    (collected opinions) adds the ``opinions`` judgement, ``kind="criticism"`` forces a kind."""
    return _default_analyzer(**options).analyze(text, name, opinions)


@lru_cache(maxsize=4)
def _default_analyzer(**options) -> Analyzer:
    return Analyzer(**options)
