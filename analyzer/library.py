"""Reference library for copy detection: one SQLite file (WAL mode).

Tables: ``docs`` (name, sha256, chars, added, zlib-compressed text, and the optional
metadata author, unit, year, date that copy reports use for direction), ``postings``
(fingerprint -> document, the inverted index), ``df`` (documents per fingerprint, for
boilerplate) and ``meta`` (the fingerprinting settings the index was built with; a
library opened with other settings is reindexed from its stored texts).

For many lookups against an unchanging library (a batch cross-check), :meth:`Library.freeze`
reads the inverted index once into NumPy arrays (:class:`PostingIndex`); document
frequencies and candidates then come from memory, with the same answers as the SQL.

>>> lib = Library(":memory:")
>>> lib.add("范文1.txt", "在理论学习上存在不够系统深入的问题，满足于读原文、记笔记。")
True
>>> [d["name"] for d in lib.list()]
['范文1.txt']
"""
from __future__ import annotations

import hashlib
import itertools
import json
import logging
import sqlite3
import time
import zlib
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import numpy as np

from analyzer.errors import SetupError
from analyzer.fingerprint import Fingerprinter

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE, chars INTEGER NOT NULL, added TEXT NOT NULL, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS postings (hash INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS df (hash INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
DOC_META = {"author": "TEXT", "unit": "TEXT", "year": "INTEGER", "date": "TEXT"}  # columns added to docs


BUSY_SECONDS = 120  # how long to wait for another process's write to the same library


def validate(path: str | Path) -> None:
    """Raise ``corrupt_library`` unless ``path`` is absent, empty or a jingzi library (SQLite
    with a ``docs`` table): a damaged file, another program's database, a folder or a FIFO."""
    p = Path(path)
    if not p.exists():
        return
    if not p.is_file():
        raise SetupError("corrupt_library", f"不是普通文件 / not a regular file: {path}")
    if p.stat().st_size == 0:
        return
    try:
        db = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_SECONDS)
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "docs" not in tables:
                raise SetupError("corrupt_library", f"不是 jingzi 参考库 / not a jingzi library: {path}")
            if tables:
                db.execute("SELECT COUNT(*), MAX(length(text)) FROM docs").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise _corrupt(path, exc) from exc


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _busy_or_corrupt(path: str | Path, exc: sqlite3.OperationalError) -> SetupError:
    """``library_busy`` when another process held the write lock longer than :data:`BUSY_SECONDS`."""
    if _is_busy(exc):
        return SetupError("library_busy", f"参考库 {BUSY_SECONDS} 秒内一直被占用 / {path} stayed locked "
                                          f"for {BUSY_SECONDS} s")
    return _corrupt(path, exc)


def _corrupt(path: str | Path, exc: Exception) -> SetupError:
    return SetupError("corrupt_library", f"参考库无法打开 / cannot open the library {path} ({exc})")


def open_library(path: str | Path) -> "Library":
    """An existing library; only ``jingzi library add`` creates one, so a mistyped path is an error."""
    if not Path(path).is_file():
        raise SetupError("library_not_found", f"参考库不存在 / no library at {path}")
    validate(path)
    return Library(path)


def _json(hashes: np.ndarray) -> str:
    return json.dumps(hashes.tolist())


class Library:
    """A persistent, de-duplicated collection of reference texts with a fingerprint index.

    ``fingerprinter`` defaults to the spinning table in ``data/``; ``batch`` is how many
    documents :meth:`add_many` and :meth:`reindex` commit at a time.
    """

    def __init__(self, path: str | Path, fingerprinter: Fingerprinter | None = None, batch: int = 500):
        self.path = str(path)
        self.batch = batch
        if self.path != ":memory:":
            validate(self.path)
        row = self._open()
        self._add_meta_columns()
        self.fingerprinter = fingerprinter or Fingerprinter()
        self._pending: list[tuple[int, list[int]]] = []  # (doc id, fingerprints) not yet indexed
        self._frozen: PostingIndex | None = None  # the index in memory, between freeze() and a write
        self.digest = row[0] if row else None
        if self.digest != self.fingerprinter.digest:
            if self.digest is not None:
                log.warning("library %s was indexed with other settings: reindexing", self.path)
            self.reindex(self.fingerprinter)

    def _open(self):
        """Connect and set up the schema; returns the stored settings digest row. Two processes
        creating the same library at once can meet SQLITE_BUSY outside the busy handler (the
        switch to WAL): that is retried until :data:`BUSY_SECONDS` have passed."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:  # another process adding at the same time holds the write lock for one batch at most
                self.db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: index updates stay in memory
                self.db.executescript(SCHEMA)
                return self.db.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone()
            except sqlite3.OperationalError as exc:
                self.db.close()
                if _is_busy(exc) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise _busy_or_corrupt(self.path, exc) from exc
            except sqlite3.DatabaseError as exc:
                raise _corrupt(self.path, exc) from exc

    def _add_meta_columns(self) -> None:
        """Libraries made before metadata get its columns; another process opening the same
        library at the same moment may have added a column first."""
        have = {r[1] for r in self.db.execute("PRAGMA table_info(docs)")}
        for column, kind in DOC_META.items():
            if column not in have:
                try:
                    self.db.execute(f"ALTER TABLE docs ADD COLUMN {column} {kind}")
                except sqlite3.OperationalError as exc:
                    if "duplicate column" not in str(exc):
                        raise _busy_or_corrupt(self.path, exc) from exc

    def __len__(self) -> int:
        if self._frozen is not None:
            return len(self._frozen)
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def freeze(self) -> None:
        """Read the inverted index into memory for the lookups that follow (:class:`PostingIndex`):
        :meth:`doc_freq`, :meth:`candidates` and ``len`` then make no SQLite query. Any write
        through this object drops it; use it only while no other process writes the library."""
        self._frozen = PostingIndex(self.db)

    def __contains__(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM docs WHERE name = ?", (name,)).fetchone() is not None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add(self, name: str, text: str, meta: dict | None = None) -> bool:
        """Add a document with optional metadata (author, unit, year, date); False if the same
        content is already there. A new text under an existing name replaces the old one."""
        return self.add_many([(name, text, meta)]) == 1

    def add_many(self, docs: Iterable[tuple]) -> int:
        """Add (name, text), (name, text, meta) or (name, text, meta, fingerprints) tuples from
        any iterable, indexing and committing every ``batch`` documents (postings sorted by
        hash, so the B-tree is written in order); returns how many were new. ``fingerprints``,
        when the caller has them, must be this library's ``fingerprinter.prepare(text).fingerprints``."""
        self._frozen = None
        added = 0
        try:
            for name, text, *rest in docs:
                added += self._add(name, text, *rest)
                if len(self._pending) >= self.batch:
                    self._flush()
            self._flush()
        except BaseException as exc:  # the unflushed batch would leave documents without postings
            self.db.rollback()
            self._pending = []
            if isinstance(exc, sqlite3.OperationalError):
                raise _busy_or_corrupt(self.path, exc) from exc
            raise
        return added

    def list(self) -> list[dict]:
        """Documents in the order they were added: name, chars, sha256, added (UTC, ISO 8601),
        author, unit, year, date (None when unknown)."""
        keys = ("name", "chars", "sha256", "added", *DOC_META)
        rows = self.db.execute(f"SELECT {', '.join(keys)} FROM docs ORDER BY id")
        return [dict(zip(keys, r)) for r in rows]

    def metadata(self, names: Iterable[str]) -> dict[str, dict]:
        """name -> {added, author, unit, year, date} (unknown fields left out) for the named documents."""
        keys = ("added", *DOC_META)
        rows = self.db.execute(f"SELECT name, {', '.join(keys)} FROM docs WHERE name IN "
                               "(SELECT value FROM json_each(?))", (json.dumps(list(names)),))
        return {r[0]: {k: v for k, v in zip(keys, r[1:]) if v is not None} for r in rows}

    def remove(self, name: str) -> bool:
        """Remove a document by name; False if there is none."""
        self._frozen = None
        row = self.db.execute("SELECT id, text FROM docs WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        self._delete(row[0], zlib.decompress(row[1]).decode("utf-8"))
        self.db.commit()
        return True

    def get_text(self, name: str) -> str:
        """The stored text of a document (KeyError if absent)."""
        row = self.db.execute("SELECT text FROM docs WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(name)
        return zlib.decompress(row[0]).decode("utf-8")

    def doc_freq(self, hashes: np.ndarray) -> dict[int, int]:
        """How many documents contain each of ``hashes`` (absent ones are left out)."""
        if self._frozen is not None:
            return self._frozen.doc_freq(hashes)
        rows = self.db.execute("SELECT hash, n FROM df WHERE hash IN (SELECT value FROM json_each(?))",
                               (_json(hashes),))
        return dict(rows.fetchall())

    def candidates(self, hashes: np.ndarray, skip: Iterable[str] = (), min_shared: int = 1,
                   limit: int = 20) -> dict[str, int]:
        """Documents sharing at least ``min_shared`` of ``hashes``, most shared first: name -> count."""
        skip = set(skip)
        if self._frozen is not None:
            return self._frozen.candidates(hashes, skip, min_shared, limit)
        rows = self.db.execute(
            "SELECT d.name, c.n FROM (SELECT doc, COUNT(*) AS n FROM postings"
            " WHERE hash IN (SELECT value FROM json_each(?)) GROUP BY doc HAVING n >= ?) AS c"
            " JOIN docs AS d ON d.id = c.doc ORDER BY c.n DESC, d.name LIMIT ?",
            (_json(hashes), min_shared, limit + len(skip)))
        return {name: n for name, n in rows if name not in skip}

    def reindex(self, fingerprinter: Fingerprinter) -> None:
        """Rebuild the index from the stored texts with other fingerprinting settings."""
        self._frozen = None
        self.fingerprinter = fingerprinter
        self.db.execute("DELETE FROM postings")
        self.db.execute("DELETE FROM df")
        ids = [r[0] for r in self.db.execute("SELECT id FROM docs ORDER BY id")]
        for i in range(0, len(ids), self.batch):
            chunk = json.dumps(ids[i:i + self.batch])
            rows = self.db.execute("SELECT id, text FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                                   (chunk,)).fetchall()
            for doc_id, blob in rows:
                self._pending.append((doc_id, self._fingerprints(zlib.decompress(blob).decode("utf-8"))))
            self._flush()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('digest', ?)", (fingerprinter.digest,))
        self.db.commit()
        self.digest = fingerprinter.digest

    def _add(self, name: str, text: str, meta: dict | None = None, fingerprints: np.ndarray | None = None) -> bool:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if self.db.execute("SELECT 1 FROM docs WHERE sha256 = ?", (sha,)).fetchone():
            return False
        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        meta = meta or {}
        row = (name, sha, len(text), added, zlib.compress(text.encode("utf-8")), *(meta.get(k) for k in DOC_META))
        insert = ("INSERT {} INTO docs (name, sha256, chars, added, text, author, unit, year, date)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        # OR IGNORE: another process may have added the same text or name since the check above
        cur = self.db.execute(insert.format("OR IGNORE"), row)
        if cur.rowcount == 0:
            if self.db.execute("SELECT 1 FROM docs WHERE sha256 = ?", (sha,)).fetchone():
                return False
            old = self.db.execute("SELECT id, text FROM docs WHERE name = ?", (name,)).fetchone()
            self._flush()
            self._delete(old[0], zlib.decompress(old[1]).decode("utf-8"))
            cur = self.db.execute(insert.format(""), row)
        fps = self._fingerprints(text) if fingerprints is None else fingerprints.tolist()
        self._pending.append((cur.lastrowid, fps))
        return True

    def _fingerprints(self, text: str) -> list[int]:
        return self.fingerprinter.prepare(text).fingerprints.tolist()

    def _flush(self) -> None:
        """Write the postings and document frequencies of the pending documents; commit."""
        postings = sorted((h, doc_id) for doc_id, fps in self._pending for h in fps)
        self.db.executemany("INSERT INTO postings VALUES (?, ?)", postings)
        counts = sorted(Counter(h for h, _ in postings).items())
        self.db.executemany("INSERT INTO df VALUES (?, ?) ON CONFLICT(hash) DO UPDATE SET n = n + excluded.n",
                            counts)
        self.db.commit()
        self._pending = []

    def _delete(self, doc_id: int, text: str) -> None:
        fps = self._fingerprints(text)
        self.db.executemany("DELETE FROM postings WHERE hash = ? AND doc = ?", ((h, doc_id) for h in fps))
        self.db.executemany("UPDATE df SET n = n - 1 WHERE hash = ?", ((h,) for h in fps))
        self.db.executemany("DELETE FROM df WHERE hash = ? AND n <= 0", ((h,) for h in fps))
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))


class PostingIndex:
    """A library's inverted index in NumPy arrays, read in one scan of ``postings``: the
    fingerprints (sorted), for each the documents holding it, and the document names in
    name order. Answers :meth:`Library.doc_freq` and :meth:`Library.candidates` exactly as
    the SQL does, without a query per call. The postings are read in chunks of ``CHUNK`` rows,
    so loading takes little more memory than the index itself (12 MB for 10,000 materials).
    """

    CHUNK = 1 << 16

    def __init__(self, db: sqlite3.Connection):
        self.names = sorted(name for (name,) in db.execute("SELECT name FROM docs"))
        self.rank = {name: i for i, name in enumerate(self.names)}
        ids = dict(db.execute("SELECT id, name FROM docs"))
        id_rank = np.zeros(max(ids, default=0) + 1, dtype=np.int32)
        for doc_id, name in ids.items():
            id_rank[doc_id] = self.rank[name]
        total = db.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
        self.docs = np.empty(total, dtype=np.int32)  # the name rank of each posting's document, by fingerprint
        hashes, starts, at, last = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], 0, None
        rows = db.execute("SELECT hash, doc FROM postings ORDER BY hash, doc")
        while len(chunk := np.fromiter(itertools.islice(rows, self.CHUNK), dtype=[("hash", np.int64),
                                                                                  ("doc", np.int64)])):
            h = chunk["hash"]  # in order: a fingerprint's postings start where the hash changes
            first = np.flatnonzero(np.concatenate(([last is None or h[0] != last], h[1:] != h[:-1])))
            hashes.append(h[first])
            starts.append(first + at)
            self.docs[at:at + len(chunk)] = id_rank[chunk["doc"]]
            at, last = at + len(chunk), h[-1]
        self.hashes, self.starts = np.concatenate(hashes), np.concatenate(starts)
        self.counts = np.diff(np.append(self.starts, at))

    def __len__(self) -> int:
        return len(self.names)

    def _found(self, hashes: np.ndarray) -> np.ndarray:
        """Positions in ``self.hashes`` of the distinct ``hashes`` that the index holds."""
        hashes = np.unique(np.asarray(hashes, dtype=np.int64))
        pos = np.minimum(np.searchsorted(self.hashes, hashes), max(len(self.hashes) - 1, 0))
        return pos[self.hashes[pos] == hashes] if len(self.hashes) else pos[:0]

    def doc_freq(self, hashes: np.ndarray) -> dict[int, int]:
        pos = self._found(hashes)
        return dict(zip(self.hashes[pos].tolist(), self.counts[pos].tolist()))

    def candidates(self, hashes: np.ndarray, skip: set[str], min_shared: int, limit: int) -> dict[str, int]:
        """As the SQL: the ``limit + len(skip)`` documents sharing most of ``hashes`` (at least
        ``min_shared``, ties by name), then those in ``skip`` dropped."""
        pos = self._found(hashes)
        lengths = self.counts[pos]
        firsts = np.repeat(self.starts[pos] - np.cumsum(lengths) + lengths, lengths)
        shared = np.bincount(self.docs[firsts + np.arange(len(firsts))], minlength=len(self.names))
        found = np.flatnonzero(shared >= max(min_shared, 1))
        best = found[np.lexsort((found, -shared[found]))][:limit + len(skip)]
        return {self.names[i]: int(shared[i]) for i in best.tolist() if self.names[i] not in skip}
