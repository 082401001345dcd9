"""Fingerprints of Chinese text that survive 伪原创 spinning: canonicalise, hash k-grams, winnow.

1. Canonicalise: every word of the spinning table (``data/spinning.tsv``, original →
   spun) is replaced, leftmost-longest (one Aho–Corasick pass), by one representative of its synonym
   class, so 服务/效劳 and 基础/根底 read alike; punctuation and whitespace are dropped
   (``str.isalnum`` keeps 汉字, letters and digits) and letters are lower-cased. Each
   canonical character remembers the span of the original text it came from.
2. Fingerprint: 64-bit hashes of all character k-grams (k = 8); winnowing (Schleimer,
   Wilkerson & Aiken 2003) keeps the rightmost minimum of every window of w = 8
   hashes, so every match of at least k + w - 1 = 15 canonical characters shares a
   fingerprint and no match shorter than k does.

The reference library (``analyzer.library``) indexes these fingerprints; copy detection
(``analyzer.copydetect``) aligns prepared texts. A :class:`PreparedStore` keeps prepared texts
on disk, so a batch prepares each document once rather than each time it is a source. The spinning table is split by a fixed
rule (:func:`split_spinning`) into a detector half and a held-apart half, so an
evaluation can spin test copies with synonyms the detector has never seen.
"""
from __future__ import annotations

import hashlib
import sqlite3
from itertools import chain
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

import ahocorasick_rs
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .resources import SPINNING_PATH, load_spinning
from .unionfind import UnionFind

HELD_APART = "held-apart"


def spinning_half(original: str) -> str:
    """Which half of the spinning table a row belongs to, by a fixed rule on its original
    word (the first byte of its SHA-256 even: ``"detector"``, odd: ``"held-apart"``), so
    every synonym of one original stays on one side.

    >>> spinning_half("服务"), spinning_half("基础")
    ('detector', 'held-apart')
    """
    return "detector" if hashlib.sha256(original.encode("utf-8")).digest()[0] % 2 == 0 else HELD_APART


def split_spinning(table: dict[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(detector half, held-apart half) of a spinning table (see :func:`spinning_half`)."""
    halves: dict[str, dict[str, list[str]]] = {"detector": {}, HELD_APART: {}}
    for original, spun in table.items():
        halves[spinning_half(original)][original] = spun
    return halves["detector"], halves[HELD_APART]

_SENTENCE_END_CODES = np.array([ord(c) for c in "。！？；!?;\n"], dtype=np.uint32)
_BIGRAM_BUCKETS = 1 << 16  # hashed bigram columns: collisions add ~0.02 to a cosine at most


def nonspace_count(text: str) -> int:
    """Characters counted by every ratio: all but whitespace (paragraph breaks)."""
    return int(nonspace_mask(text).sum())


class Canonicaliser:
    """Map spun words to one representative per synonym class and drop punctuation.

    >>> c = Canonicaliser({"基础": ["根底"]})
    >>> c("打牢思想根底。").text
    '打牢思想基础'
    """

    def __init__(self, spinning: dict[str, str | Iterable[str]]):
        synonyms = UnionFind()
        originals = set()
        for original, spuns in spinning.items():
            originals.add(original)
            for spun in [spuns] if isinstance(spuns, str) else spuns:
                synonyms.union(spun, original)
        self.table: dict[str, str] = {}
        for words in synonyms.groups():
            rep = min(w for w in words if w in originals)
            self.table.update({w: rep.lower() for w in words})
        words = sorted(self.table)
        self.reps = [self.table[w] for w in words]
        self.rep_sizes = np.array([len(r) for r in self.reps], dtype=np.int64)
        self.rep_codes = _codes("".join(self.reps))  # the representatives' characters, one after another
        self.rep_first = np.cumsum(self.rep_sizes) - self.rep_sizes
        # leftmost-longest: the longest word starting at the first place one starts, then on after it
        self.automaton = ahocorasick_rs.AhoCorasick(
            words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if words else None
        items = "\n".join(f"{k}\t{v}" for k, v in sorted(self.table.items()))
        self.digest = hashlib.sha256(items.encode()).hexdigest()

    def __call__(self, text: str) -> "Canon":
        codes = _codes(text)
        bmp = np.minimum(codes, 0xFFFF)
        keep, low = _KEEP[bmp], _LOWER[bmp]
        for i in np.flatnonzero(codes > 0xFFFF).tolist():  # beyond the BMP (rare): asked one by one, kept as is
            keep[i], low[i] = text[i].isalnum(), codes[i]
        found = self.automaton.find_matches_as_indexes(text) if self.automaton else []
        word, a, b = np.fromiter(chain.from_iterable(found), dtype=np.int64,  # (word, start, end), not overlapping
                                 count=3 * len(found)).reshape(-1, 3).T
        inside = np.zeros(len(codes) + 1, dtype=np.int64)  # +1 where a word starts, -1 where it ends
        inside[a] += 1
        inside[b] -= 1
        # canonical characters made from each character: 1 if kept, the representative at a word's start
        made = (keep & (np.cumsum(inside[:-1]) == 0)).astype(np.int64)
        sizes = self.rep_sizes[word]
        made[a] = sizes
        start = np.repeat(np.arange(len(codes)), made)  # the character each canonical character came from
        span = np.ones(len(codes), dtype=np.int64)
        span[a] = b - a
        canon = low[start]
        word_start = np.zeros(len(codes), dtype=bool)
        word_start[a] = True
        firsts = np.cumsum(sizes) - sizes  # where each representative starts among those of the text
        canon[word_start[start]] = self.rep_codes[np.repeat(self.rep_first[word] - firsts, sizes)
                                                  + np.arange(int(sizes.sum()))]
        return Canon(canon.tobytes().decode("utf-32-le"), start, start + span[start])


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_BMP = [chr(i) for i in range(0x10000)]
_KEEP = np.array([c.isalnum() for c in _BMP])  # 汉字, letters and digits
_SPACE = np.array([c.isspace() for c in _BMP])


def nonspace_mask(text: str) -> np.ndarray:
    """Boolean mask of the characters every ratio counts (all but whitespace)."""
    return ~_SPACE[np.minimum(_codes(text), 0xFFFF)]


_LOWER = np.array([ord(c.lower()) if len(c.lower()) == 1 else ord(c) for c in _BMP], dtype=np.uint32)


@dataclass
class Canon:
    """Canonical text; character i came from ``original[start[i]:end[i]]``."""
    text: str
    start: np.ndarray
    end: np.ndarray


_B = np.uint64(0x100000001B3)
_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_S = np.uint64(33)


def kgram_hashes(text: str, k: int) -> np.ndarray:
    """64-bit hash of every character k-gram of ``text`` (as int64, for SQLite)."""
    codes = _codes(text).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _B + codes[j:j + n]
    h ^= h >> _S  # murmur3 finaliser spreads the bits
    h *= _M1
    h ^= h >> _S
    h *= _M2
    h ^= h >> _S
    return h.view(np.int64)


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Positions selected by winnowing: the rightmost minimum of each window."""
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64)
    w = min(window, len(hashes))
    windows = sliding_window_view(hashes, w)[:, ::-1]
    return np.unique(np.arange(len(windows)) + (w - 1 - windows.argmin(axis=1)))


@dataclass
class Prepared:
    """A text ready for matching: its canonical form; its k-gram hashes, fingerprints and the
    paragraph of each canonical character are computed when first asked for (a text checked
    against no source needs none of them)."""
    text: str
    canon: Canon
    k: int
    window: int

    @cached_property
    def hashes(self) -> np.ndarray:
        """The hash of every canonical k-gram (:func:`kgram_hashes`)."""
        return kgram_hashes(self.canon.text, self.k)

    @cached_property
    def fp_pos(self) -> np.ndarray:
        """Positions of the fingerprints among :attr:`hashes` (:func:`winnow`)."""
        return winnow(self.hashes, self.window)

    @cached_property
    def para(self) -> np.ndarray:
        """Paragraph (line) number of each canonical character."""
        return np.searchsorted(np.flatnonzero(_codes(self.text) == 10), self.canon.start)

    @property
    def fingerprints(self) -> np.ndarray:
        return np.unique(self.hashes[self.fp_pos])

    @cached_property
    def order(self) -> np.ndarray:
        """Positions sorting ``hashes`` (for alignment)."""
        return np.argsort(self.hashes, kind="stable")

    @cached_property
    def sentences(self) -> np.ndarray:
        """Canonical (start, end) of every sentence: text up to 。！？； or a line break."""
        ends = np.flatnonzero(np.isin(_codes(self.text), _SENTENCE_END_CODES))
        ids = np.searchsorted(ends, self.canon.start, "right")
        if not len(ids):
            return np.zeros((0, 2), dtype=np.int64)
        cuts = np.flatnonzero(np.diff(ids)) + 1
        return np.stack([np.concatenate(([0], cuts)), np.concatenate((cuts, [len(ids)]))], axis=1)

    @cached_property
    def sentence_bigrams(self):
        """Sentence × hashed character-bigram matrix (scipy CSR), rows L2-normalised, binary."""
        from scipy.sparse import csr_matrix

        per_row, columns = self.bigram_columns
        return csr_matrix((_bigram_weights(per_row), columns, np.concatenate(([0], np.cumsum(per_row)))),
                          shape=(len(per_row), _BIGRAM_BUCKETS))

    @cached_property
    def bigram_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """The bigrams of :attr:`sentence_bigrams`: how many distinct ones each sentence has, and
        their hashed columns, sentence by sentence in ascending order."""
        codes = _codes(self.canon.text).astype(np.int64)
        spans = self.sentences  # consecutive, covering the canonical text
        sentence = np.repeat(np.arange(len(spans)), spans[:, 1] - spans[:, 0])
        inside = sentence[:-1] == sentence[1:]  # bigrams that do not cross a sentence end
        bigrams = (codes[:-1] * 0x110000 + codes[1:]) % _BIGRAM_BUCKETS
        rows, columns = np.divmod(np.unique(sentence[:-1][inside] * _BIGRAM_BUCKETS + bigrams[inside]),
                                  _BIGRAM_BUCKETS)
        return np.bincount(rows, minlength=len(spans)), columns  # distinct bigrams: binary, present or not

    def longest_in_paragraph(self, s: int, e: int) -> int:
        """Length of the longest part of canonical [s, e) inside one paragraph (line)."""
        if e > s and self.para[s] == self.para[e - 1]:  # paragraph numbers never decrease
            return e - s
        cuts = np.flatnonzero(np.diff(self.para[s:e])) + 1
        return int(np.diff(np.concatenate(([0], cuts, [e - s]))).max()) if e > s else 0


def _bigram_weights(per_row: np.ndarray) -> np.ndarray:
    """The entries of a binary bigram matrix with ``per_row`` bigrams a row, rows L2-normalised."""
    return np.repeat(1.0 / np.maximum(np.sqrt(per_row.astype(np.float64)), 1.0), per_row)


class Fingerprinter:
    """Canonicalise and fingerprint texts; ``digest`` identifies the settings."""

    def __init__(self, spinning: dict | None = None, k: int = 8, window: int = 8):
        if spinning is None:
            spinning = load_spinning() if SPINNING_PATH.exists() else {}
        self.canonicalise = Canonicaliser(spinning)
        self.k, self.window = k, window
        self.digest = f"{self.canonicalise.digest}:k{k}:w{window}"

    def prepare(self, text: str) -> Prepared:
        return Prepared(text, self.canonicalise(text), self.k, self.window)

    def pack(self, p: Prepared) -> bytes:
        """``p`` as bytes for :meth:`unpack`: the texts, canonical offsets, fingerprint positions,
        sentences and sentence bigrams (what is slow to compute; the rest is recomputed)."""
        text, canon = p.text.encode("utf-8"), p.canon.text.encode("utf-8")
        per_row, columns = p.bigram_columns
        arrays = [p.canon.start.astype(np.int32), p.canon.end.astype(np.int32), p.fp_pos.astype(np.int32),
                  p.sentences.astype(np.int32).ravel(), per_row.astype(np.int32),
                  columns.astype(np.uint16)]  # bigram columns are < 2 ** 16
        head = np.array([len(text), len(canon), *(len(a) for a in arrays)], dtype=np.int64)
        return b"".join([head.tobytes(), text, canon, *(a.tobytes() for a in arrays)])

    def unpack(self, data: bytes) -> Prepared:
        """The :class:`Prepared` text that :meth:`pack` saved, equal to preparing it again."""
        head = np.frombuffer(data, dtype=np.int64, count=8)
        at = head.nbytes
        text, canon = data[at:at + head[0]].decode("utf-8"), data[at + head[0]:at + head[0] + head[1]].decode("utf-8")
        at += int(head[0] + head[1])
        arrays = []
        for n, dtype in zip(head[2:].tolist(), (np.int32,) * 5 + (np.uint16,)):
            arrays.append(np.frombuffer(data, dtype=dtype, count=n, offset=at))
            at += arrays[-1].nbytes
        start, end, fp_pos, sentences, per_row, columns = arrays
        p = Prepared(text, Canon(canon, start.astype(np.int64), end.astype(np.int64)), self.k, self.window)
        p.__dict__["fp_pos"] = fp_pos.astype(np.int64)  # the cached properties
        p.__dict__["sentences"] = sentences.astype(np.int64).reshape(-1, 2)
        p.__dict__["bigram_columns"] = per_row.astype(np.int64), columns.astype(np.int64)
        return p


class PreparedStore:
    """Prepared texts in one SQLite file, found by text and fingerprinting settings (a SHA-256
    of both): a batch prepares each document once, in its library pass, and its cross-check
    reads a source back instead of preparing it again for every document that names it."""

    def __init__(self, path: str | Path, fingerprinter: Fingerprinter):
        self.fingerprinter = fingerprinter
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS prepared (key TEXT PRIMARY KEY, data BLOB NOT NULL)")

    def __enter__(self) -> "PreparedStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.fingerprinter.digest}\0{text}".encode("utf-8")).hexdigest()

    def put(self, p: Prepared) -> None:
        """Save ``p`` (committed on :meth:`close`)."""
        self.put_packed(p.text, self.fingerprinter.pack(p))

    def put_packed(self, text: str, packed: bytes) -> None:
        """Save ``text`` as :meth:`Fingerprinter.pack` packed it (with this store's settings)."""
        self.db.execute("INSERT OR REPLACE INTO prepared VALUES (?, ?)", (self._key(text), packed))

    def get(self, text: str) -> Prepared | None:
        """``text`` prepared, if saved with the same settings; else None."""
        row = self.db.execute("SELECT data FROM prepared WHERE key = ?", (self._key(text),)).fetchone()
        return self.fingerprinter.unpack(row[0]) if row else None


