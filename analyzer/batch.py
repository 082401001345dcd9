"""Batch: a folder of submissions to one ranked table, a page per document and an overview.

``run(paths, out)`` makes three streaming passes, so the parent holds only the table:

1. analyse (parallel): each file whose bytes, name and settings are not in the cache is
   analysed by the worker's own :class:`~analyzer.pipeline.Analyzer` (copy detection
   comes in pass 3) and its report object stored in ``OUT/.jingzi/cache/analysis``;
2. library: the user's library (or an empty one) plus every readable document of the
   batch, in ``OUT/.jingzi/batch-library.sqlite``; rebuilt only when either changed;
3. cross-check (parallel): each document is checked against that library, so against
   the other documents of the batch and the references (the detector skips the
   document's own name); copy objects are cached by name, text and library
   (``cache/copy``). Workers write ``reports/<name>.html``; the parent writes
   ``results.jsonl`` in input order.

``results.csv`` (UTF-8 with BOM, for Excel), ``results.xlsx`` and ``index.html`` are then
built by reading ``results.jsonl`` back. A rerun analyses only new or changed files;
if any document changed, every document is cross-checked again (any may copy from it).

Example: ``run(["data/samples"], "out", jobs=2).failed == 0``.
"""
from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
from .errors import JingziError
from .html import (
    COPY_FLAG,
    CRITERION_LABEL,
    SUBSTITUTION_LABEL,
    href,
    overview_page,
    report_page,
)
from .ingest import expand_paths
from .report import Report
from .resources import DATA_DIR, MODELS_DIR, ROOT

CLUSTER_MIN = 0.1  # a source this large links two documents (SPEC: independent materials stay < 0.1)
WINDOW = 8  # tasks in flight per worker: bounds memory while keeping workers busy


@dataclass
class Entry:
    """One input document as the parent tracks it."""
    path: str
    name: str
    page: str                  # its page's file name under reports/
    key: str | None = None     # analysis cache key; None when the file cannot be read
    sha256: str | None = None  # of the normalised text
    error: dict | None = None


@dataclass
class Summary:
    documents: int
    failed: int
    analysed: int
    cached: int
    seconds: float
    out: Path
    phases: dict[str, float]  # seconds per pass: analyse, library, crosscheck, tables
    rows: list[dict]          # the result table in rank order (see :func:`summarise`)


def run(paths, out, library: str | None = None, jobs: int | None = None, rubric: str = "four-styles",
        progress: bool = True, kind: str | None = None) -> Summary:
    """Analyse and cross-check every document under ``paths``; write the batch outputs to ``out``.
    ``kind`` forces the document kind of every document (``None``: detect each)."""
    start = time.perf_counter()
    out = Path(out)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    cache = Cache(out / ".jingzi" / "cache")
    entries = _entries(expand_paths([str(p) for p in paths]))
    settings = settings_digest(rubric, kind)
    jobs = max(1, min(jobs or len(os.sched_getaffinity(0)), len(entries)))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                  disable=not progress) as bar:
        analysed = _analyse_all(entries, settings, rubric, kind, cache, jobs, bar)
        phases = {"analyse": time.perf_counter() - start}
        lib_path = out / ".jingzi" / "batch-library.sqlite"
        lib_digest = build_library(entries, library, lib_path, cache, bar)
        phases["library"] = time.perf_counter() - start - sum(phases.values())
        copy_keys = _crosscheck_all(entries, lib_path, _hash(settings, lib_digest), cache, out, jobs, bar)
        phases["crosscheck"] = time.perf_counter() - start - sum(phases.values())
    rows, edges = read_results(out / "results.jsonl", entries)
    write_csv(rows, out / "results.csv")
    write_xlsx(rows, out / "results.xlsx")
    meta = {"analysed": analysed, "cached": len(entries) - analysed, "rubric": rubric, "version": __version__}
    (out / "index.html").write_text(overview_page(rows, edges, meta), encoding="utf-8")
    pages = {e.page for e in entries if not e.error}
    for stale in (out / "reports").glob("*.html"):
        if stale.name not in pages:
            stale.unlink()
    cache.prune("analysis", {e.key for e in entries if e.key})
    cache.prune("copy", copy_keys)
    phases["tables"] = time.perf_counter() - start - sum(phases.values())
    return Summary(len(entries), sum(e.error is not None for e in entries), analysed,
                   len(entries) - analysed, time.perf_counter() - start, out, phases, rows)


def _entries(files: list[str]) -> list[Entry]:
    seen: Counter[str] = Counter()
    entries = []
    for path in files:
        name = Path(path).name
        seen[name] += 1
        entries.append(Entry(path, name, f"{name}.html" if seen[name] == 1 else f"{name}~{seen[name]}.html"))
    return entries


# --------------------------------------------------------------------------- cache

def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def settings_digest(rubric: str, kind: str | None = None) -> str:
    """What a report depends on besides the document: version, rubric, forced kind, code, models, data."""
    files = [*(ROOT / "analyzer").glob("*.py"), *MODELS_DIR.glob("*.joblib"),
             *(p for p in DATA_DIR.rglob("*")
               if p.is_file() and p.relative_to(DATA_DIR).parts[0] not in ("corpus", "samples"))]
    if Path(rubric).suffix:
        files.append(Path(rubric))
    h = hashlib.sha256(f"{__version__}\0{rubric}\0{kind or ''}".encode())
    for f in sorted(files):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _file_key(path: str, settings: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:  # missing, a folder, unreadable: the analyser says why
        return None
    return _hash(settings, Path(path).name, digest)


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


@contextmanager
def _pool(jobs: int, initializer, initargs: tuple):
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=initargs)
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def _in_order(pool: ProcessPoolExecutor, fn, calls, window: int):
    """Results of ``fn(*args)`` for each args of ``calls``, run on ``pool``, yielded in order."""
    pending: deque = deque()
    for args in calls:
        pending.append(pool.submit(fn, *args))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _failure(exc: Exception) -> dict:
    return JingziError("analysis_failed", f"分析出错 / analysis failed: {type(exc).__name__}: {exc}").to_dict()


def _init_analyse(rubric: str, kind: str | None) -> None:
    from .pipeline import Analyzer

    try:
        _worker["analyzer"] = Analyzer(rubric=rubric, kind=kind)
    except Exception as exc:  # e.g. a model missing: every document reports why
        _worker["failure"] = _failure(exc)


def _analyse(path: str, key: str | None, cache_root: str) -> tuple[str | None, dict | None]:
    """Analyse one file and cache its report (worker): (text sha256, error)."""
    if "failure" in _worker:
        return None, _worker["failure"]
    try:
        d = _worker["analyzer"].analyze_path(path).to_dict()
    except Exception as exc:  # a failing stage must not stop the batch
        return None, _failure(exc)
    if key:
        Cache(cache_root).put("analysis", key, d)
    return d.get("sha256"), d.get("error")


def copy_detector(library: str | Path):
    """The one place copy detection plugs in: a detector over the batch library."""
    from .copydetect import CopyDetector
    from .library import Library

    return CopyDetector.default(library=Library(library))


def _init_crosscheck(library: str, pages: dict[str, str]) -> None:
    _worker["links"] = {name: href(page) for name, page in pages.items()}
    try:
        _worker["detector"] = copy_detector(library)
    except Exception as exc:
        _worker["failure"] = _failure(exc)


def _crosscheck(entry: Entry, copy_key: str, cache_root: str, reports: str) -> tuple[str, dict | None]:
    """One document's JSON line (worker): its cached report plus its copy check; writes its page."""
    if entry.error:
        return json.dumps(Report.failed(entry.path, entry.name, entry.error).to_dict(), ensure_ascii=False), None
    cache = Cache(cache_root)
    try:
        if "failure" in _worker:
            raise RuntimeError(_worker["failure"]["message"])
        report = Report.from_dict(cache.get("analysis", entry.key))
        report.file = entry.path
        report.copy = cache.get("copy", copy_key)
        if report.copy is None:
            report.copy = _worker["detector"].check(report.name, text_of(report))
            cache.put("copy", copy_key, report.copy)
        d = report.to_dict()
        page = report_page(d, _worker["links"], home="../index.html")
        (Path(reports) / entry.page).write_text(page, encoding="utf-8")
    except Exception as exc:  # a failing check must not stop the batch
        error = _failure(exc)
        return json.dumps(Report.failed(entry.path, entry.name, error).to_dict(), ensure_ascii=False), error
    return json.dumps(d, ensure_ascii=False), None


def text_of(report: Report) -> str:
    """The normalised text of a report's document (its paragraphs, one per line)."""
    return "\n".join(p.text for p in report.paragraphs)


# --------------------------------------------------------------------------- passes

def _analyse_all(entries: list[Entry], settings: str, rubric: str, kind: str | None, cache: Cache, jobs: int,
                 bar) -> int:
    """Pass 1: fill each entry's text hash and error, analysing cache misses; returns how many."""
    task = bar.add_task("分析 analyse", total=len(entries))
    todo = []
    for entry in entries:
        entry.key = _file_key(entry.path, settings)
        d = cache.get("analysis", entry.key) if entry.key else None
        if d is None:
            todo.append(entry)
            continue
        entry.sha256, entry.error = d.get("sha256"), d.get("error")
        bar.advance(task)
    if todo:
        with _pool(min(jobs, len(todo)), _init_analyse, (rubric, kind)) as pool:
            calls = ((e.path, e.key, str(cache.root)) for e in todo)
            for entry, (sha, error) in zip(todo, _in_order(pool, _analyse, calls, jobs * WINDOW)):
                entry.sha256, entry.error = sha, error
                bar.advance(task)
    return len(todo)


def build_library(entries: list[Entry], user_library: str | None, dest: Path, cache: Cache, bar) -> str:
    """Pass 2: make ``dest`` the user's library plus every readable document; returns its digest."""
    ok = [e for e in entries if not e.error]
    members = "".join(f"{e.name}\t{e.sha256}\n" for e in sorted(ok, key=lambda e: (e.name, e.sha256)))
    digest = _hash(_file_state(user_library) if user_library else "", members)
    stamp = dest.with_name(dest.name + ".digest")
    if dest.exists() and stamp.exists() and stamp.read_text() == digest:
        return digest
    from .library import Library

    task = bar.add_task("建库 library", total=len(ok))
    tmp = dest.with_name(dest.name + ".tmp")
    _remove_db(tmp)
    if user_library:  # the backup API copies a WAL-mode database consistently, read-only
        src = sqlite3.connect(Path(user_library).resolve().as_uri() + "?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        src.backup(dst)
        src.close()
        dst.close()

    def texts():
        for e in ok:
            yield e.name, text_of(Report.from_dict(cache.get("analysis", e.key)))
            bar.advance(task)

    with Library(tmp) as lib:
        lib.add_many(texts())
    _remove_db(dest)
    os.replace(tmp, dest)
    stamp.write_text(digest)
    return digest


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


def _crosscheck_all(entries: list[Entry], lib_path: Path, lib_key: str, cache: Cache, out: Path,
                    jobs: int, bar) -> set[str]:
    """Pass 3: write ``results.jsonl`` in input order; returns the copy cache keys used."""
    task = bar.add_task("互查 cross-check", total=len(entries))
    keys = [_hash(lib_key, e.name, e.sha256 or "") for e in entries]
    pages = {e.name: e.page for e in entries if not e.error}
    tmp = out / "results.jsonl.tmp"
    with _pool(jobs, _init_crosscheck, (str(lib_path), pages)) as pool, open(tmp, "w", encoding="utf-8") as fh:
        calls = ((e, k, str(cache.root), str(out / "reports")) for e, k in zip(entries, keys))
        for entry, (line, error) in zip(entries, _in_order(pool, _crosscheck, calls, jobs * WINDOW)):
            fh.write(line + "\n")
            entry.error = entry.error or error
            bar.advance(task)
    os.replace(tmp, out / "results.jsonl")
    return {k for e, k in zip(entries, keys) if not e.error}


# --------------------------------------------------------------------------- table

def summarise(d: dict) -> dict:
    """The table row of one report object; a value whose stage did not run stays None."""
    cov, summ, copy, depth = (d.get(k) for k in ("coverage", "summary_like", "copy", "depth"))
    top = copy["sources"][0] if copy and copy["sources"] else None
    flags = [w["code"] for w in d.get("warnings", [])]
    if summ and summ.get("flagged"):
        flags.append("像工作总结 work_summary")
    if copy and copy["ratio"] >= COPY_FLAG:
        flags.append("复制比≥20% copy")
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
        "top_source": top["source"] if top else None,
        "top_source_ratio": top["ratio"] if top else None,
        "depth": depth["score"] if depth else None,
        "criteria": depth["criteria"] if depth else None,
        "substitutions": [SUBSTITUTION_LABEL.get(k, k) for k, v in depth["substitutions"].items() if v]
        if depth else None,
        "flags": flags,
        "error": d.get("error"),
    }


def read_results(path: Path, entries: list[Entry]) -> tuple[list[dict], list[tuple[str, str, float]]]:
    """Rows in rank order (deepest first, failures last) and copy edges (document, source, ratio)."""
    rows, edges = [], []
    with open(path, encoding="utf-8") as fh:
        for entry, line in zip(entries, fh):
            d = json.loads(line)
            row = summarise(d)
            row["page"] = None if row["error"] else "reports/" + href(entry.page)
            rows.append(row)
            sources = (d.get("copy") or {}).get("sources", [])
            edges += [(d["name"], s["source"], s["ratio"]) for s in sources if s["ratio"] >= CLUSTER_MIN]
    rows.sort(key=lambda r: (r["error"] is not None, r["depth"] is None, -(r["depth"] or 0)))
    for i, row in enumerate(rows, 1):
        if row["depth"] is not None:
            row["rank"] = i
    return rows, edges


def table(rows: list[dict]) -> tuple[list[str], list[list]]:
    """Header and cells of the flat table (CSV/XLSX): None where a stage did not run."""
    cats = {cid: label for r in rows for cid, label in r["labels"].items()}
    header = ["排名 rank", "文件 name", "路径 file", "字数 chars", "类型 kind",
              *(f"{label} {cid}" for cid, label in cats.items()),
              "未覆盖 missing", "总结化 summary_like", "复制比 copy", "主要来源 top_source",
              "来源占比 top_source_ratio", "深度 depth", *(f"{label} {k}" for k, label in CRITERION_LABEL.items()),
              "三个代替 substitutions", "提示 flags", "错误 error"]

    def joined(items):
        return None if items is None else "；".join(items)

    cells = []
    for r in rows:
        err = r["error"]
        cells.append([r["rank"], r["name"], r["file"], r["chars"], r["kind"],
                      *((r["scores"] or {}).get(cid) for cid in cats), joined(r["missing"]),
                      r["summary_like"], r["copy"], r["top_source"], r["top_source_ratio"], r["depth"],
                      *((r["criteria"] or {}).get(k) for k in CRITERION_LABEL), joined(r["substitutions"]),
                      joined(r["flags"]), f'{err["code"]}: {err["message"]}' if err else None])
    return header, cells


def write_csv(rows: list[dict], path: Path) -> None:
    """The table as CSV in UTF-8 with a BOM, so Excel reads the Chinese correctly."""
    header, cells = table(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in cells])


def write_xlsx(rows: list[dict], path: Path) -> None:
    """The table as an Excel workbook: frozen header, filters, percentages, links to the pages."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, cells = table(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("结果 results")
    ws.freeze_panes = "C2"
    for i, title in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = 30 if i in (2, 3) else max(10, min(len(title) + 2, 24))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(cells) + 1}"
    head = []
    for title in header:
        head.append(WriteOnlyCell(ws, value=title))
        head[-1].font = Font(bold=True)
    ws.append(head)
    percent = {i for i, h in enumerate(header) if h.split()[-1] in ("summary_like", "copy", "top_source_ratio")}
    for r, row in zip(rows, cells):
        out = []
        for i, value in enumerate(row):
            cell = WriteOnlyCell(ws, value=value)
            if i in percent:
                cell.number_format = "0%"
            if i == 1 and r["page"]:
                cell.hyperlink = r["page"]
            out.append(cell)
        ws.append(out)
    wb.save(path)
