"""Copy detection across a batch and against a reference library, robust to spinning.

How a document is checked
1. Canonicalise: every word of the spinning table (``data/spinning.tsv``, original →
   spun) is replaced, longest match first, by one representative of its synonym
   class, so 服务/效劳 and 基础/根底 read alike; punctuation and whitespace are dropped
   (``str.isalnum`` keeps 汉字, letters and digits) and letters are lower-cased. Each
   canonical character remembers the span of the original text it came from.
2. Fingerprint: 64-bit hashes of all character k-grams (k = 8); winnowing (Schleimer,
   Wilkerson & Aiken 2003) keeps the rightmost minimum of every window of w = 8
   hashes, so every match of at least k + w - 1 = 15 canonical characters shares a
   fingerprint and no match shorter than k does.
3. Candidates: sources (batch peers, library documents from the SQLite inverted index)
   sharing at least ``max(3, 2 %)`` of the query fingerprints (all of them if there are
   fewer than 3), the ``max_candidates`` best first. The query is every fingerprint
   that is not common (see below) plus the ``max_common`` least common ones, so a
   widely copied template is still found while stock phrases cannot flood the lookup.
4. Verify: exact k-gram matches are chained along diagonals into maximal common
   substrings, taken greedily longest first (so reordered paragraphs and sentence
   mosaics are found); neighbours on one diagonal at most ``gap`` = 2 characters apart
   (a synonym the table lacks, an inserted 了) are joined. A match counts when at
   least ``min_len`` = 15 of its canonical characters lie in one paragraph, or when it
   continues counted text (from any source) within ``gap`` characters and is at least
   k long: the short sentences of a mosaic count, an isolated stock phrase does not.
   ``min_len`` and ``gap`` come from the sweep in ``models/copy_eval.md``: shorter
   lets stock sentences shared by two or three materials count as copying, longer
   misses mosaic pieces, and ``gap`` = 2 recovers spun copies whose synonyms the
   table lacks at little cost to independent materials.

What is not copying (reported as ``quoted_ratio`` instead)
- Quotations: text matching a line of ``data/quotations.txt`` for at least
  ``min(len(quotation), 8)`` consecutive canonical characters (quotations shorter
  than 4 characters are ignored). Quoted characters are cut out of every fragment.
- Stock sentences: text matching a sentence of the curated bank of stock self-examination
  sentences (``data/lexicons/boilerplate.yaml``: 理论学习不够系统深入 …) for at least
  ``stock_min_len`` = 10 consecutive canonical characters. Weak materials share these
  without copying each other, and a small library cannot yet learn them by frequency.
- Boilerplate (MOSS ``-m``): a fingerprint found in more than
  ``m = max(boiler_min_df, ceil(boiler_df_share × N))`` of the N library documents
  (defaults 3 and 2 %: m = 3 up to 150 documents, 20 at 1,000, 200 at 10,000) is
  common. Only the library counts: it is the reference of independent materials,
  whereas a batch may hold a whole cluster of copies of one template, whose sentences
  must not excuse each other. A matched fragment of at most ``boiler_max`` = 60
  characters lying at least half under common fingerprints is a stock formulation;
  a longer fragment is copying even when its fingerprints are common (a template
  copied by many documents is still copied). The floor of 3 comes from the sweep in
  ``models/copy_eval.md`` (independent materials against the written corpus); the
  2 % keeps m below the share of materials that repeat a formulation.
Quoted characters are cut out before the ``min_len`` test, which needs the characters
in one paragraph so that standard headings glued to the first words of the next
paragraph ("三、整改措施 / 首先，精简会议…") are not copying.

Ratios are shares of the document's non-whitespace characters; ``ratio`` is the union
over all sources. Offsets are character offsets into the texts as given.

>>> d = CopyDetector({"服务": ["效劳"]}, ["照镜子、正衣冠、洗洗澡、治治病"])
>>> d.add_peer("a.txt", "我们要全心全意为人民服务，坚决反对形式主义和官僚主义。")
>>> d.check("b.txt", "我们要全心全意为人民效劳，坚决反对形式主义和官僚主义。")["ratio"]
1.0
"""
from __future__ import annotations

import hashlib
import logging
import math
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

if TYPE_CHECKING:
    from analyzer.library import Library

from .resources import QUOTATIONS_PATH, SPINNING_PATH, load_quotations, load_spinning, load_yaml

log = logging.getLogger(__name__)


def nonspace_count(text: str) -> int:
    """Characters counted by every ratio: all but whitespace (paragraph breaks)."""
    return sum(not ch.isspace() for ch in text)


class Canonicaliser:
    """Map spun words to one representative per synonym class and drop punctuation.

    >>> c = Canonicaliser({"基础": ["根底"]})
    >>> c("打牢思想根底。").text
    '打牢思想基础'
    """

    def __init__(self, spinning: dict[str, str | Iterable[str]]):
        parent: dict[str, str] = {}

        def find(word: str) -> str:
            while parent.setdefault(word, word) != word:
                word = parent[word]
            return word

        originals = set()
        for original, spuns in spinning.items():
            originals.add(original)
            for spun in [spuns] if isinstance(spuns, str) else spuns:
                parent[find(spun)] = find(original)
        classes: dict[str, list[str]] = defaultdict(list)
        for word in parent:
            classes[find(word)].append(word)
        self.table: dict[str, str] = {}
        for words in classes.values():
            rep = min(w for w in words if w in originals)
            self.table.update({w: rep.lower() for w in words})
        self.first = np.zeros(0x110000, dtype=bool)  # can a word start with this character?
        self.lengths: dict[str, list[int]] = defaultdict(list)
        for word in self.table:
            self.first[ord(word[0])] = True
            self.lengths[word[0]] = sorted({len(word), *self.lengths[word[0]]}, reverse=True)
        items = "\n".join(f"{k}\t{v}" for k, v in sorted(self.table.items()))
        self.digest = hashlib.sha256(items.encode()).hexdigest()

    def __call__(self, text: str) -> "Canon":
        codes = _codes(text)
        keep = _KEEP[np.minimum(codes, 0xFFFF)]
        for i in np.flatnonzero(codes > 0xFFFF).tolist():
            keep[i] = text[i].isalnum()
        low = np.where(codes <= 0xFFFF, _LOWER[np.minimum(codes, 0xFFFF)], codes)
        matches, after = [], 0  # leftmost-longest, as (start, end, representative)
        for i in np.flatnonzero(self.first[codes]).tolist():
            if i >= after:
                for size in self.lengths[text[i]]:
                    rep = self.table.get(text[i:i + size])
                    if rep is not None:
                        matches.append((i, i + size, rep))
                        keep[i:i + size] = False
                        after = i + size
                        break
        kept = np.flatnonzero(keep)
        reps = [rep for _, _, rep in matches]
        sizes = [len(r) for r in reps]
        start = np.concatenate([kept, np.repeat([m[0] for m in matches], sizes).astype(np.int64)])
        end = np.concatenate([kept + 1, np.repeat([m[1] for m in matches], sizes).astype(np.int64)])
        canon = np.concatenate([low[kept], _codes("".join(reps))])
        order = np.argsort(start, kind="stable")
        return Canon(canon[order].astype(np.uint32).tobytes().decode("utf-32-le"), start[order], end[order])


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


_BMP = [chr(i) for i in range(0x10000)]
_KEEP = np.array([c.isalnum() for c in _BMP])  # 汉字, letters and digits
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
    """A text ready for matching: its canonical form, k-gram hashes and fingerprints."""
    text: str
    canon: Canon
    hashes: np.ndarray
    fp_pos: np.ndarray
    para: np.ndarray  # paragraph (line) number of each canonical character

    @property
    def fingerprints(self) -> np.ndarray:
        return np.unique(self.hashes[self.fp_pos])

    @cached_property
    def order(self) -> np.ndarray:
        """Positions sorting ``hashes`` (for alignment)."""
        return np.argsort(self.hashes, kind="stable")

    def longest_in_paragraph(self, s: int, e: int) -> int:
        """Length of the longest part of canonical [s, e) inside one paragraph (line)."""
        cuts = np.flatnonzero(np.diff(self.para[s:e])) + 1
        return int(np.diff(np.concatenate(([0], cuts, [e - s]))).max()) if e > s else 0


class Fingerprinter:
    """Canonicalise and fingerprint texts; ``digest`` identifies the settings."""

    def __init__(self, spinning: dict | None = None, k: int = 8, window: int = 8):
        if spinning is None:
            spinning = load_spinning() if SPINNING_PATH.exists() else {}
        self.canonicalise = Canonicaliser(spinning)
        self.k, self.window = k, window
        self.digest = f"{self.canonicalise.digest}:k{k}:w{window}"

    def prepare(self, text: str) -> Prepared:
        canon = self.canonicalise(text)
        hashes = kgram_hashes(canon.text, self.k)
        newlines = np.flatnonzero(_codes(text) == 10)
        return Prepared(text, canon, hashes, winnow(hashes, self.window), np.searchsorted(newlines, canon.start))


def _mask_spans(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a boolean mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _runs(ha: np.ndarray, hb: np.ndarray, order: np.ndarray, k: int, max_repeat: int = 32) -> np.ndarray:
    """Maximal common substrings from equal k-gram hashes, as rows (a_s, a_e, b_s, b_e);
    ``order`` sorts ``hb``."""
    if len(ha) == 0 or len(hb) == 0:
        return np.zeros((0, 4), dtype=np.int64)
    sb = hb[order]
    lo = np.searchsorted(sb, ha, "left")
    hit = np.flatnonzero(sb[np.minimum(lo, len(sb) - 1)] == ha)
    if not len(hit):
        return np.zeros((0, 4), dtype=np.int64)
    lo = lo[hit]
    counts = np.minimum(np.searchsorted(sb, ha[hit], "right"), lo + max_repeat) - lo
    ia = np.repeat(hit, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    jb = order[np.repeat(lo, counts) + offsets]
    diag = jb - ia
    sort = np.lexsort((ia, diag))
    ia, diag = ia[sort], diag[sort]
    new = np.ones(len(ia), dtype=bool)
    new[1:] = (diag[1:] != diag[:-1]) | (ia[1:] != ia[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(ia)) - 1
    a_s, a_e = ia[first], ia[last] + k
    return np.stack([a_s, a_e, a_s + diag[first], a_e + diag[first]], axis=1)


def align(a: Prepared, b: Prepared, k: int, min_len: int, gap: int) -> list[tuple[int, int, int, int]]:
    """Copied fragments of ``a`` found in ``b`` in canonical coordinates (a_s, a_e, b_s, b_e).

    Longest common substrings are taken first, each clipped to the part of ``a`` not
    yet covered; pieces on one diagonal at most ``gap`` apart are joined.
    """
    runs = _runs(a.hashes, b.hashes, b.order, k)
    runs = runs[np.argsort(runs[:, 0] - runs[:, 1], kind="stable")]
    covered = np.zeros(len(a.canon.text) + 1, dtype=bool)
    pieces = []
    for a_s, a_e, b_s, _ in runs.tolist():
        for x, y in _mask_spans(~covered[a_s:a_e]):
            if y - x >= k:
                pieces.append([a_s + x, a_s + y, b_s + x, b_s + y])
                covered[a_s + x:a_s + y] = True
    pieces.sort()
    joined: list[list[int]] = []
    for p in pieces:
        if joined:
            q = joined[-1]
            if 0 <= p[0] - q[1] <= gap and 0 <= p[2] - q[3] <= gap:
                q[1], q[3] = p[1], p[3]
                continue
        joined.append(p)
    return [tuple(p) for p in joined if p[1] - p[0] >= min_len]


class QuotationMatcher:
    """Find where a canonical text quotes official formulations."""

    def __init__(self, quotations: list[str], fingerprinter: Fingerprinter, k: int = 4, min_len: int = 8):
        canon = [fingerprinter.canonicalise(q).text for q in quotations]
        canon = [q for q in canon if len(q) >= k]
        self.k = k
        self.text = "|".join(canon)  # '|' never occurs in canonical text
        self.hashes = kgram_hashes(self.text, k)
        self.order = np.argsort(self.hashes, kind="stable")
        self.bounds = np.cumsum([len(q) + 1 for q in canon])
        self.need = np.array([min(len(q), min_len) for q in canon], dtype=np.int64)

    def mask(self, canon_text: str) -> np.ndarray:
        """Boolean mask over ``canon_text``: characters inside a recognised quotation."""
        mask = np.zeros(len(canon_text), dtype=bool)
        if not len(self.hashes):
            return mask
        runs = _runs(kgram_hashes(canon_text, self.k), self.hashes, self.order, self.k)
        which = np.searchsorted(self.bounds, runs[:, 2], "right")
        for a_s, a_e in runs[runs[:, 1] - runs[:, 0] >= self.need[which], :2].tolist():
            mask[a_s:a_e] = True
        return mask


class CopyDetector:
    """Find what a document copies from batch peers and a reference library.

    Parameters: ``spinning`` (original -> spun words; default ``data/spinning.tsv``),
    ``quotations`` (default ``data/quotations.txt``), ``library`` (a
    :class:`analyzer.library.Library` or None), matching settings (see module doc).
    """

    def __init__(self, spinning: dict | None = None, quotations: list[str] | None = None,
                 library: "Library | None" = None, *, k: int = 8, window: int = 8,
                 min_len: int = 15, gap: int = 2, boiler_min_df: int = 3,
                 boiler_df_share: float = 0.02, boiler_max: int = 60,
                 max_candidates: int = 20, min_shared: int = 3, min_shared_share: float = 0.02,
                 max_common: int = 16, cache_size: int = 512, stock: list[str] | None = None,
                 stock_min_len: int = 10):
        if quotations is None:
            quotations = load_quotations() if QUOTATIONS_PATH.exists() else []
        if stock is None:
            stock = [str(x) for x in load_yaml("lexicons/boilerplate.yaml").get("sentences") or []]
        self.fingerprinter = Fingerprinter(spinning, k, window)
        self.quotes = QuotationMatcher(quotations, self.fingerprinter)
        self.stock = QuotationMatcher(stock, self.fingerprinter, min_len=stock_min_len)
        self.library = library
        if library is not None and library.digest != self.fingerprinter.digest:
            log.warning("library %s was indexed with other settings: reindexing", library.path)
            library.reindex(self.fingerprinter)
        self.min_len, self.gap = min_len, gap
        self.boiler_min_df, self.boiler_df_share, self.boiler_max = boiler_min_df, boiler_df_share, boiler_max
        self.max_candidates, self.min_shared, self.min_shared_share = max_candidates, min_shared, min_shared_share
        self.max_common = max_common
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Prepared] = OrderedDict()
        self.peers_: dict[str, Prepared] = {}
        self._peer_index: dict[int, set[str]] = defaultdict(set)

    @classmethod
    def default(cls, library: "Library | None" = None) -> "CopyDetector":
        """The detector with the spinning table and quotations of ``data/``."""
        return cls(None, None, library)

    def add_peer(self, name: str, text: str) -> None:
        """Add another document of the same batch (replaces a peer of the same name)."""
        if name in self.peers_:
            for h in self.peers_[name].fingerprints.tolist():
                self._peer_index[h].discard(name)
        prepared = self.fingerprinter.prepare(text)
        self.peers_[name] = prepared
        for h in prepared.fingerprints.tolist():
            self._peer_index[h].add(name)

    def check(self, name: str, text: str, skip: Iterable[str] = ()) -> dict:
        """The copy object of one document; sources named ``name`` or in ``skip`` are ignored."""
        doc = self.fingerprinter.prepare(text)
        skip = {name, *skip}
        fps = doc.fingerprints
        df = self._doc_freq(fps)
        is_common = df > self.boiler_threshold()
        common_fps = fps[is_common][np.argsort(df[is_common], kind="stable")]
        query = np.concatenate([fps[~is_common], common_fps[:self.max_common]])
        common = self._common_mask(doc, set(common_fps.tolist()))
        quoted = self._not_copying(doc)
        boiler = np.zeros_like(quoted)
        candidates = self._candidates(query, skip)
        found = self._select(doc, [self._fragments(doc, src, quoted, common, boiler) for _, src in candidates])
        sources = [(name, src, frags) for (name, src), frags in zip(candidates, found) if frags]
        return self._report(doc, sources, quoted | boiler)

    def compare(self, text_a: str, text_b: str) -> list[dict]:
        """Fragments of ``text_a`` copied from ``text_b`` (quotations excluded), for a side-by-side view."""
        a, b = self.fingerprinter.prepare(text_a), self.fingerprinter.prepare(text_b)
        (frags,) = self._select(a, [self._fragments(a, b, self._not_copying(a))])
        return [self._fragment_dict(a, b, f) for f in frags]

    def quotations(self, text: str) -> list[tuple[int, int]]:
        """(start, end) offsets of the official quotations and stock sentences recognised in ``text``."""
        doc = self.fingerprinter.prepare(text)
        return [self._span(doc, s, e) for s, e in _mask_spans(self._not_copying(doc))]

    def _not_copying(self, doc: Prepared) -> np.ndarray:
        """Canonical characters inside official quotations or stock sentences."""
        return self.quotes.mask(doc.canon.text) | self.stock.mask(doc.canon.text)

    def boiler_threshold(self) -> int:
        """MOSS ``-m``: fingerprints in more than this many documents are common."""
        n = len(self.library) if self.library is not None else 0
        return max(self.boiler_min_df, math.ceil(self.boiler_df_share * n))

    def _doc_freq(self, fps: np.ndarray) -> np.ndarray:
        lib = self.library.doc_freq(fps) if self.library is not None else {}
        return np.array([lib.get(h, 0) for h in fps.tolist()], dtype=np.int64)

    def _common_mask(self, doc: Prepared, common: set[int]) -> np.ndarray:
        """Canonical characters inside a k-gram whose fingerprint is common."""
        mask = np.zeros(len(doc.canon.text), dtype=bool)
        for p in doc.fp_pos.tolist():
            if int(doc.hashes[p]) in common:
                mask[p:p + self.fingerprinter.k] = True
        return mask

    def _candidates(self, query: np.ndarray, skip: set[str]) -> list[tuple[str, Prepared]]:
        """Sources to verify. Greedily, the library document sharing most of the query
        fingerprints not yet explained by those chosen, then likewise the batch peers for
        what the references leave unexplained (so near-duplicates of one source cannot
        crowd out a second one, and a reference is named before a peer that copied it);
        then the rest by shared fingerprints."""
        need = max(min(self.min_shared, len(query)), self.min_shared_share * len(query), 1)
        chosen: list[tuple[str, str]] = []
        remaining = query
        for kind in ("library", "peer"):
            best = self._ranked(remaining, skip, need, 1, kind)
            while best and len(chosen) < self.max_candidates:
                chosen.append(best[0])
                remaining = np.setdiff1d(remaining, self._prepared(*best[0]).fingerprints, assume_unique=True)
                best = self._ranked(remaining, skip, need, 1, kind)
        ranked = self._ranked(query, skip, need, self.max_candidates)
        chosen += [key for key in ranked if key not in chosen][:self.max_candidates - len(chosen)]
        return [(name, self._prepared(kind, name)) for kind, name in chosen]

    def _ranked(self, query: np.ndarray, skip: set[str], need: float, limit: int,
                kind: str | None = None) -> list[tuple[str, str]]:
        """(kind, name) of peers and/or library documents sharing at least ``need`` of ``query``."""
        shared: dict[tuple[str, str], int] = defaultdict(int)
        if kind in (None, "peer"):
            for h in query.tolist():
                for peer in self._peer_index.get(h, ()):
                    if peer not in skip:
                        shared["peer", peer] += 1
        if kind in (None, "library") and self.library is not None and len(query):
            found = self.library.candidates(query, skip, min_shared=math.ceil(need), limit=limit)
            for lib_name, count in found.items():
                shared["library", lib_name] = count
        best = sorted((c for c in shared.items() if c[1] >= need), key=lambda c: (-c[1], c[0]))
        return [key for key, _ in best[:limit]]

    def _prepared(self, kind: str, name: str) -> Prepared:
        if kind == "peer":
            return self.peers_[name]
        if name in self._cache:
            self._cache.move_to_end(name)
        else:
            self._cache[name] = self.fingerprinter.prepare(self.library.get_text(name))
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return self._cache[name]

    def _fragments(self, a: Prepared, b: Prepared, quoted: np.ndarray, common: np.ndarray | None = None,
                   boiler: np.ndarray | None = None) -> list[tuple[int, int, int, int, bool]]:
        """Matches of ``a`` in ``b`` with quoted characters cut out, as (a_s, a_e, b_s, b_e,
        anchor); short matches made of common fingerprints are marked in ``boiler`` instead."""
        k = self.fingerprinter.k
        out = []
        for a_s, a_e, b_s, b_e in align(a, b, k, k, self.gap):
            if common is not None and a_e - a_s <= self.boiler_max and common[a_s:a_e].mean() >= 0.5:
                boiler[a_s:a_e] |= a_e - a_s >= self.min_len
                continue
            for x, y in _mask_spans(~quoted[a_s:a_e]):
                if y - x >= k:
                    anchor = a.longest_in_paragraph(a_s + x, a_s + y) >= self.min_len
                    out.append((a_s + x, a_s + y, min(b_s + x, b_e), min(b_s + y, b_e), anchor))
        return out

    def _select(self, a: Prepared, found: list[list[tuple]]) -> list[list[tuple[int, int, int, int]]]:
        """Per source, the anchors plus the shorter matches that continue copied text (of any
        source) within ``gap`` characters and add characters to it."""
        copied = np.zeros(len(a.canon.text), dtype=bool)
        keep: list[list[tuple]] = [[f for f in frags if f[4]] for frags in found]
        for frags in keep:
            for f in frags:
                copied[f[0]:f[1]] = True
        short = sorted((f, i) for i, frags in enumerate(found) for f in frags if not f[4])
        grown = True
        while grown:
            grown = False
            for f, i in short:
                near = copied[max(f[0] - self.gap, 0):f[1] + self.gap]
                if near.any() and not copied[f[0]:f[1]].all():
                    keep[i].append(f)
                    copied[f[0]:f[1]] = grown = True
        return [sorted(f[:4] for f in frags) for frags in keep]

    @staticmethod
    def _span(p: Prepared, s: int, e: int) -> tuple[int, int]:
        """Original offsets of canonical [s, e), extended over trailing punctuation."""
        start, end = int(p.canon.start[s]), int(p.canon.end[e - 1])
        while end < len(p.text) and not p.text[end].isalnum() and not p.text[end].isspace():
            end += 1
        return start, end

    def _fragment_dict(self, a: Prepared, b: Prepared, frag: tuple[int, int, int, int]) -> dict:
        start, end = self._span(a, frag[0], frag[1])
        source_start, source_end = self._span(b, frag[2], frag[3])
        return {"start": start, "end": end, "source_start": source_start, "source_end": source_end}

    def _report(self, doc: Prepared, sources: list, quoted: np.ndarray) -> dict:
        text = doc.text
        counted = np.array([not ch.isspace() for ch in text], dtype=bool)
        total = max(int(counted.sum()), 1)
        copied = np.zeros(len(text), dtype=bool)
        out = []
        for name, source, frags in sources:
            mine = np.zeros(len(text), dtype=bool)
            dicts = [self._fragment_dict(doc, source, f) for f in frags]
            for f in dicts:
                mine[f["start"]:f["end"]] = True
            copied |= mine
            out.append({"source": name, "ratio": round(int((mine & counted).sum()) / total, 4), "fragments": dicts})
        out.sort(key=lambda s: (-s["ratio"], s["source"]))
        quoted_orig = np.zeros(len(text), dtype=bool)
        quotations = [self._span(doc, s, e) for s, e in _mask_spans(quoted)]
        for s, e in quotations:
            quoted_orig[s:e] = True
        return {"ratio": round(int((copied & counted).sum()) / total, 4),
                "quoted_ratio": round(int((quoted_orig & counted & ~copied).sum()) / total, 4),
                "sources": out,
                "quotations": [{"start": s, "end": e} for s, e in quotations]}
