"""The review office's state behind ``jingzi serve``: rounds, uploads, background analysis, decisions.

Everything lives under one data folder (nothing is written elsewhere):

- ``DATA/workbench.sqlite``: ``rounds`` (name, status, progress), ``documents`` (each
  document's report object, as ``check --json`` prints it, after the round's cross-check)
  and ``decisions``, an append-only audit log of reviewers' verdicts and overrides;
- ``DATA/rounds/<id>/files/``: the uploaded files under sanitised names;
- ``DATA/rounds/<id>/out/``: the batch outputs and cache (:func:`analyzer.batch.run`).

A round is analysed by :func:`analyzer.batch.run` in a background thread, one round at a
time; a round left queued or running when the server stopped is run again at start-up
(the batch cache makes that cheap).

>>> store = Store(":memory:")
>>> rid = store.create_round("第一批")
>>> store.round(rid)["status"]
'queued'
"""
from __future__ import annotations

import copy
import json
import queue
import re
import sqlite3
import threading
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from .ingest import MAX_BINARY_BYTES, SUPPORTED, UNREADABLE_MATERIALS, is_scratch_file
from .limits import DOCUMENT_SECONDS

SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL,
    status TEXT NOT NULL, phase TEXT NOT NULL DEFAULT '', done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0, message TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, round INTEGER NOT NULL REFERENCES rounds(id),
    position INTEGER NOT NULL, name TEXT NOT NULL, report TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (id INTEGER PRIMARY KEY, document INTEGER NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL, target TEXT NOT NULL, value TEXT NOT NULL, paragraphs TEXT NOT NULL,
    comment TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL);
"""

VERDICTS = {"pass": "通过 pass", "revise": "退回修改 return for revision", "pending": "待定 pending"}
# decision kind -> the values it may take (target: '' for a verdict, a category id, a paragraph index)
DECISIONS = {"verdict": set(VERDICTS), "coverage": {"covered", "not_covered"}, "copy": {"not_copied", "copied"}}
DECISION_LABEL = {"pass": "通过", "revise": "退回修改", "pending": "待定", "covered": "已查摆 covered",
                  "not_covered": "未查摆 not covered", "not_copied": "非抄袭 not copied", "copied": "抄袭 copied"}
ROUND_STATUS = {"queued": "排队 queued", "running": "分析中 running", "done": "完成 done", "failed": "失败 failed"}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- store

class Store:
    """The workbench database; every call opens its own short connection, so threads may share it."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self._memory = sqlite3.connect(":memory:", check_same_thread=False) if self.path == ":memory:" else None
        self._lock = threading.Lock()
        with self._db() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self):
        with self._lock:
            db = self._memory or sqlite3.connect(self.path, timeout=30)
            db.row_factory = sqlite3.Row
            try:
                with db:  # commit on success, roll back on error
                    yield db
            finally:
                if db is not self._memory:
                    db.close()

    def create_round(self, name: str) -> int:
        with self._db() as db:
            return db.execute("INSERT INTO rounds (name, created, status) VALUES (?, ?, 'queued')",
                              (name, now())).lastrowid

    def rounds(self) -> list[dict]:
        with self._db() as db:
            rows = db.execute("SELECT r.*, (SELECT COUNT(*) FROM documents d WHERE d.round = r.id) AS documents"
                              " FROM rounds r ORDER BY r.id DESC").fetchall()
        return [self._round(r) for r in rows]

    def round(self, rid: int) -> dict | None:
        with self._db() as db:
            row = db.execute("SELECT *, 0 AS documents FROM rounds WHERE id = ?", (rid,)).fetchone()
        return self._round(row) if row else None

    @staticmethod
    def _round(row) -> dict:
        d = dict(row)
        d["notes"] = json.loads(d["notes"])
        d["status_label"] = ROUND_STATUS[d["status"]]
        return d

    def set_notes(self, rid: int, notes: list[str]) -> None:
        with self._db() as db:
            db.execute("UPDATE rounds SET notes = ? WHERE id = ?", (json.dumps(notes, ensure_ascii=False), rid))

    def unfinished(self) -> list[int]:
        with self._db() as db:
            return [r[0] for r in db.execute("SELECT id FROM rounds WHERE status IN ('queued', 'running') ORDER BY id")]

    def set_status(self, rid: int, status: str, message: str = "") -> None:
        with self._db() as db:
            db.execute("UPDATE rounds SET status = ?, message = ? WHERE id = ?", (status, message, rid))

    def set_progress(self, rid: int, phase: str, done: int, total: int) -> None:
        with self._db() as db:
            db.execute("UPDATE rounds SET phase = ?, done = ?, total = ? WHERE id = ?", (phase, done, total, rid))

    def set_documents(self, rid: int, reports: list[dict]) -> None:
        """The round's report objects in input order; a rerun keeps each document's id (and decisions) by name."""
        with self._db() as db:
            old = {r["name"]: r["id"] for r in db.execute("SELECT id, name FROM documents WHERE round = ?", (rid,))}
            for pos, d in enumerate(reports):
                text = json.dumps(d, ensure_ascii=False)
                if d["name"] in old:
                    db.execute("UPDATE documents SET position = ?, report = ? WHERE id = ?",
                               (pos, text, old[d["name"]]))
                else:
                    db.execute("INSERT INTO documents (round, position, name, report) VALUES (?, ?, ?, ?)",
                               (rid, pos, d["name"], text))

    def documents(self, rid: int) -> list[dict]:
        """[{id, name, report}] in input order."""
        with self._db() as db:
            rows = db.execute("SELECT id, name, report FROM documents WHERE round = ? ORDER BY position", (rid,))
            return [{"id": r["id"], "name": r["name"], "report": json.loads(r["report"])} for r in rows]

    def names(self, rid: int) -> dict[str, int]:
        """Document name -> id in input order, without loading the reports."""
        with self._db() as db:
            rows = db.execute("SELECT id, name FROM documents WHERE round = ? ORDER BY position", (rid,))
            return {r["name"]: r["id"] for r in rows}

    def document(self, rid: int, did: int) -> dict | None:
        with self._db() as db:
            r = db.execute("SELECT id, name, report FROM documents WHERE round = ? AND id = ?", (rid, did)).fetchone()
        return {"id": r["id"], "name": r["name"], "report": json.loads(r["report"])} if r else None

    def decide(self, did: int, kind: str, target: str, value: str, reviewer: str, comment: str = "",
               paragraphs: list[int] = ()) -> None:
        """Record one decision (never updates one: the table is the audit log)."""
        if value not in DECISIONS.get(kind, ()):
            raise ValueError(f"{kind} cannot be {value!r}")
        if not reviewer.strip():
            raise ValueError("reviewer missing")
        with self._db() as db:
            db.execute("INSERT INTO decisions (document, kind, target, value, paragraphs, comment, reviewer, at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (did, kind, target, value, json.dumps(sorted(set(paragraphs))), comment.strip(),
                        reviewer.strip(), now()))

    def decisions_by_document(self, rid: int) -> dict[int, list[dict]]:
        """A round's decisions, grouped by document id (documents without any are absent)."""
        out: dict[int, list[dict]] = {}
        for x in self.decisions(rid=rid):
            out.setdefault(x["document"], []).append(x)
        return out

    def decisions(self, did: int | None = None, rid: int | None = None) -> list[dict]:
        """Decisions in the order they were made, of one document, one round or all."""
        sql = ("SELECT x.*, d.round AS round, d.name AS name FROM decisions x JOIN documents d ON d.id = x.document"
               " WHERE (? IS NULL OR x.document = ?) AND (? IS NULL OR d.round = ?) ORDER BY x.id")
        with self._db() as db:
            rows = db.execute(sql, (did, did, rid, rid)).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["paragraphs"] = json.loads(d["paragraphs"])
            d["value_label"] = DECISION_LABEL[d["value"]]
            out.append(d)
        return out


# --------------------------------------------------------------------------- decisions applied

def current(decisions: list[dict]) -> dict[tuple[str, str], dict]:
    """The decision in force per (kind, target): the latest one."""
    return {(d["kind"], d["target"]): d for d in decisions}


def reviewed(report: dict, decisions: list[dict]) -> dict:
    """The report object with the reviewers' overrides in force applied (the original is left alone).

    A coverage override sets the category's ``covered`` and records ``override``; paragraphs
    judged "not copied" lose their copy fragments and the copy ratios shrink in proportion
    to the copied characters removed (``copy.dismissed`` lists those paragraphs).
    """
    if not decisions or "error" in report:
        return report
    d = copy.deepcopy(report)
    force = current(decisions)
    for cid, c in (d.get("coverage") or {}).items():
        x = force.get(("coverage", cid))
        if x and (x["value"] == "covered") != c["covered"]:
            c["covered"] = x["value"] == "covered"
            c["override"] = {k: x[k] for k in ("value", "reviewer", "at", "comment", "paragraphs")}
    dismissed = sorted(int(t) for (kind, t), x in force.items() if kind == "copy" and x["value"] == "not_copied")
    if d.get("copy") and dismissed:
        spans = [(p["start"], p["end"]) for p in d["paragraphs"] if p["index"] in dismissed]
        d["copy"] = _without(d["copy"], spans)
        d["copy"]["dismissed"] = dismissed
    return d


def _without(c: dict, spans: list[tuple[int, int]]) -> dict:
    """The copy object without the fragments overlapping ``spans``, ratios scaled by what is left."""
    def copied(frags) -> int:
        return sum(f["end"] - f["start"] for f in frags)

    def inside(f) -> bool:
        return any(f["start"] < e and s < f["end"] for s, e in spans)

    sources = []
    all_before = all_after = 0
    for s in c["sources"]:
        keep = [f for f in s["fragments"] if not inside(f)]
        before, after = copied(s["fragments"]), copied(keep)
        all_before, all_after = all_before + before, all_after + after
        if keep:
            sources.append({**s, "fragments": keep, "ratio": round(s["ratio"] * after / before, 4) if before else 0})
    ratio = round(c["ratio"] * all_after / all_before, 4) if all_before else c["ratio"]
    return {**c, "ratio": ratio, "sources": sorted(sources, key=lambda s: -s["ratio"])}


# --------------------------------------------------------------------------- uploads

@dataclass
class Limits:
    """Upload bounds: a request, files per request, and what a zip may unpack to."""
    request_bytes: int = 200 * 1024 * 1024
    files: int = 500
    zip_members: int = 2000
    zip_bytes: int = 500 * 1024 * 1024
    file_bytes: int = MAX_BINARY_BYTES


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(name: str) -> str:
    """A file name safe to write in one folder: the last path part, no control or reserved
    characters, no leading dots, at most 120 characters (the extension kept).

    >>> safe_name("../../etc/passwd"), safe_name("C:\\\\材料\\\\张三 对照检查.docx"), safe_name("..")
    ('passwd', '张三 对照检查.docx', 'file')
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    stem, dot, ext = name.rpartition(".")
    if dot and len(ext) <= 10:
        name = stem[:110].rstrip() + "." + ext
    else:
        name = name[:120]
    return name or "file"


def unique_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)`` … when taken; always inside ``folder``."""
    name = safe_name(name)
    path = folder / name
    n = 2
    while path.exists():
        stem, dot, ext = name.rpartition(".")
        path = folder / (f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})")
        n += 1
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"unsafe name {name!r}")
    return path


class UploadTooLarge(Exception):
    """An upload over one of the :class:`Limits`."""


def save_upload(fileobj, filename: str, folder: Path, limits: Limits) -> tuple[list[Path], list[str]]:
    """Store one uploaded file in ``folder`` (a zip unpacked); returns (paths written, notes on what was skipped).

    Zips are unpacked flat (member names reduced to safe base names), symlinks, folders,
    encrypted and unsupported members skipped, bytes counted as they are written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if filename.lower().endswith(".zip"):
        return _unzip(fileobj, safe_name(filename), folder, limits)
    why = skipped(filename, safe_name(filename))
    if why:
        return [], [why]
    path = unique_path(folder, filename)
    copy_limited(fileobj, path, limits.file_bytes)
    return [path], []


def skipped(filename: str, shown: str) -> str | None:
    """Why the upload or zip member ``filename`` is not analysed (the note names it ``shown``); None
    when it is. A .doc/.wps is a material in a format jingzi cannot read: the note says how to fix it."""
    raw = filename.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = PurePosixPath(safe_name(filename)).suffix.lower()
    if is_scratch_file(raw):
        return f"{shown}：Word 临时文件或隐藏文件，不是材料，已跳过 / a Word owner file or hidden file, not a document: skipped"
    if suffix in UNREADABLE_MATERIALS:
        return (f"{shown}：无法读取 {suffix} 文件，请在 Word 或 WPS 中另存为 .docx 后重新上传 / {suffix} cannot be "
                f"read: save it as .docx in Word or WPS and upload it again")
    if suffix not in SUPPORTED:
        return f"{shown}：不支持的类型，已跳过 / unsupported type, skipped (支持 .txt .md .docx .pdf .zip)"
    return None


def copy_limited(src, dest: Path, limit: int) -> int:
    """Copy a file object to ``dest``, at most ``limit`` bytes (else the partial file goes, UploadTooLarge)."""
    written = 0
    with open(dest, "wb") as out:
        while chunk := src.read(1 << 20):
            written += len(chunk)
            if written > limit:
                out.close()
                dest.unlink()
                raise UploadTooLarge(f"{dest.name}: > {limit // (1 << 20)} MB")
            out.write(chunk)
    return written


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; zips made on Chinese Windows store names in GBK without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unzip(fileobj, zipname: str, folder: Path, limits: Limits) -> tuple[list[Path], list[str]]:
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError):
        return [], [f"{zipname}：不是有效的 zip 文件 / not a valid zip file"]
    paths, notes, total = [], [], 0
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        if len(members) > limits.zip_members:
            raise UploadTooLarge(f"{zipname}: {len(members)} files > {limits.zip_members}")
        for info in members:
            name = _member_name(info)
            base = safe_name(name)
            if name.startswith("__MACOSX/") or base.startswith("._"):
                continue
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                notes.append(f"{zipname}/{name}：符号链接，已跳过 / a symbolic link, skipped")
                continue
            why = skipped(name, f"{zipname}/{name}")
            if why:
                notes.append(why)
                continue
            if info.flag_bits & 0x1:
                notes.append(f"{zipname}/{name}：加密，已跳过 / encrypted, skipped")
                continue
            if info.file_size > limits.file_bytes or total + info.file_size > limits.zip_bytes:
                raise UploadTooLarge(f"{zipname}/{name}: unpacks to more than the limit")
            path = unique_path(folder, base)
            try:
                with archive.open(info) as src:
                    total += copy_limited(src, path, min(limits.file_bytes, limits.zip_bytes - total))
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # corrupt member
                path.unlink(missing_ok=True)
                notes.append(f"{zipname}/{name}：无法解压，已跳过 / cannot be unpacked ({type(exc).__name__})")
                continue
            paths.append(path)
    return paths, notes


# --------------------------------------------------------------------------- background rounds

class RoundProgress:
    """What :func:`analyzer.batch.run` reports as it goes, written to the round's row."""

    def __init__(self, store: Store, rid: int):
        self.store, self.rid = store, rid
        self.tasks: dict[int, list] = {}

    def __enter__(self) -> "RoundProgress":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, description: str, total: int = 0) -> int:
        task = len(self.tasks)
        self.tasks[task] = [description, 0, total]
        self.store.set_progress(self.rid, description, 0, total)
        return task

    def advance(self, task: int, advance: int = 1) -> None:
        t = self.tasks[task]
        t[1] += advance
        self.store.set_progress(self.rid, t[0], t[1], t[2])


class Rounds:
    """Runs rounds one at a time in a background thread (started by the first round or :meth:`resume`)."""

    def __init__(self, store: Store, data: Path, library: str | None, rubric: str = "four-styles",
                 jobs: int | None = None, timeout: float = DOCUMENT_SECONDS):
        self.store, self.data, self.library, self.rubric, self.jobs = store, Path(data), library, rubric, jobs
        self.timeout = timeout  # seconds to analyse one document
        self.queue: queue.Queue[int] = queue.Queue()
        self.thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def resume(self) -> None:
        """Queue the rounds a stopped server left queued or running."""
        for rid in self.store.unfinished():
            self.submit(rid)

    def files(self, rid: int) -> Path:
        return self.data / "rounds" / str(rid) / "files"

    def out(self, rid: int) -> Path:
        return self.data / "rounds" / str(rid) / "out"

    def submit(self, rid: int) -> None:
        with self._lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._work, name="jingzi-rounds", daemon=True)
                self.thread.start()
        self.queue.put(rid)

    def _work(self) -> None:
        while True:
            rid = self.queue.get()
            try:
                self.run(rid)
            finally:
                self.queue.task_done()

    def run(self, rid: int) -> None:
        """Analyse and cross-check a round's files, then store its report objects."""
        from .batch import run

        self.store.set_status(rid, "running")
        try:
            if not any(self.files(rid).glob("*")):
                raise ValueError("没有可分析的文件 / no file to analyse")
            library = self.library if self.library and Path(self.library).exists() else None
            run([str(self.files(rid))], self.out(rid), library=library, jobs=self.jobs, rubric=self.rubric,
                progress=False, bar=RoundProgress(self.store, rid), timeout=self.timeout)
            with open(self.out(rid) / "results.jsonl", encoding="utf-8") as fh:
                reports = [json.loads(line) for line in fh]
            for d in reports:  # the server's paths are nobody's business: the file is its upload name
                d["file"] = d["name"]
            self.store.set_documents(rid, reports)
            self.store.set_status(rid, "done")
        except Exception as exc:  # the round says why; the server goes on
            self.store.set_status(rid, "failed", f"{type(exc).__name__}: {exc}")
