"""Copy detection across a batch and against a reference library, robust to spinning and
sentence-level rewording.

How a document is checked
1-2. Canonicalise and fingerprint (``analyzer.fingerprint``): spun synonyms read alike,
   punctuation is dropped, winnowed 8-gram hashes guarantee every exact match of 15
   canonical characters shares a fingerprint.
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

5. Reworded sentences (``_with_paraphrases``): from a source whose exact matches cover at
   least ``paraphrase_seed`` = 10 % of the document, the copying grows sentence by sentence
   over sentences whose best match in that source has a character-bigram cosine of at least
   ``paraphrase_min`` = 0.5 and lies next to where that source's copying already is
   (Sanchez-Perez et al., PAN 2014: seeds, then extension). Clause swaps, dropped 的/了 and
   synonyms outside the table then still count; two materials on the same theme do not.

Ratios. Counted characters are all but whitespace and, when the caller gives paragraph
roles, but headings and web noise (``UNCOUNTED_ROLES``). Quotations and stock text that are
not copied are set aside: ``ratio`` (去除引用复制比), each source's ratio and the per-section
ratios (problems, causes, measures) are shares of the rest (``chars``); ``total_ratio``
(总文字复制比) is the share of all counted characters found in a source, quotations included.
``ratio`` is the union over all sources; ``source_ratio`` is the share of the source's own
text that the document shares. Offsets are character offsets into the texts as given.

>>> d = CopyDetector({"服务": ["效劳"]}, ["照镜子、正衣冠、洗洗澡、治治病"])
>>> d.add_peer("a.txt", "我们要全心全意为人民服务，坚决反对形式主义和官僚主义。")
>>> d.check("b.txt", "我们要全心全意为人民效劳，坚决反对形式主义和官僚主义。")["ratio"]
1.0
"""
from __future__ import annotations

import logging
import math
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Iterable

import numpy as np

from .fingerprint import (Canonicaliser, Fingerprinter, Prepared, PreparedStore, kgram_hashes, nonspace_count,
                          nonspace_mask)
from .resources import QUOTATIONS_PATH, load_quotations, load_yaml

if TYPE_CHECKING:
    from analyzer.library import Library

__all__ = ["Canonicaliser", "CopyDetector", "Fingerprinter", "nonspace_count"]

log = logging.getLogger(__name__)

UNCOUNTED_ROLES = frozenset({"heading", "noise"})  # in no ratio's numerator or denominator
SECTION_ROLES = ("problem", "cause", "measure")   # roles with a ratio of their own
SHORT_SENTENCE = 12  # canonical characters: a heading or label that copying may reach across
QUOTE_MIN_LEN = 8    # canonical characters of an official formulation that quote it (module doc)


def _mask_spans(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a boolean mask."""
    if mask.all():  # the common cases, answered without the general computation
        return [(0, len(mask))] if len(mask) else []
    if not mask.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.view(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _runs(ha: np.ndarray, sb: np.ndarray, order: np.ndarray, k: int, max_repeat: int = 32) -> np.ndarray:
    """Maximal common substrings from equal k-gram hashes, as rows (a_s, a_e, b_s, b_e);
    ``sb`` = ``hb[order]``, the hashes of b sorted."""
    if len(ha) == 0 or len(sb) == 0:
        return np.zeros((0, 4), dtype=np.int64)
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
    runs = _runs(a.hashes, b.hashes[b.order], b.order, k)
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
    """Find where a canonical text quotes official formulations or stock sentences. ``groups``:
    (texts, min_len) pairs; a text of a group is quoted where at least ``min(len(text), min_len)``
    consecutive canonical characters of it match (texts shorter than ``k`` are ignored). All
    groups share one k-gram look-up: a table from each k-gram's hash to where it stands in the
    texts (the first ``max_repeat`` places), asked only about the k-grams a bitmap of the hashes'
    low bits lets through. A document has few such k-grams, so its matches are chained into runs
    in plain Python, without the array set-up of :func:`_runs` for a handful of hits."""

    _BITS = (1 << 15) - 1  # a bitmap of 32 kB: it stays in the cache between documents

    def __init__(self, groups: list[tuple[list[str], int]], fingerprinter: Fingerprinter, k: int = 4,
                 max_repeat: int = 32):
        canon, need = [], []
        for texts, min_len in groups:
            for q in texts:
                text = fingerprinter.canonicalise(q).text
                if len(text) >= k:
                    canon.append(text)
                    need.append(min(len(text), min_len))
        self.k = k
        self.text = "|".join(canon)  # '|' never occurs in canonical text
        hashes = kgram_hashes(self.text, k)
        self.places: dict[int, list[int]] = {}
        for place, h in enumerate(hashes.tolist()):
            found = self.places.setdefault(h, [])
            if len(found) < max_repeat:
                found.append(place)
        self.bounds = list(accumulate(len(q) + 1 for q in canon))  # each text's end in ``text``, with its '|'
        self.need = need
        self.present = np.zeros(self._BITS + 1, dtype=bool)
        self.present[hashes & self._BITS] = True

    def mask(self, canon_text: str) -> np.ndarray:
        """Boolean mask over ``canon_text``: characters inside a recognised quotation."""
        mask = np.zeros(len(canon_text), dtype=bool)
        if not self.places:
            return mask
        hashes = kgram_hashes(canon_text, self.k)
        asked = np.flatnonzero(self.present[hashes & self._BITS])
        runs: list[list[int]] = []  # [start, last, diagonal]: the maximal runs of hits along a diagonal
        along: dict[int, list[int]] = {}  # diagonal -> its latest run
        for i, h in zip(asked.tolist(), hashes[asked].tolist()):  # in text order
            for place in self.places.get(h, ()):
                run = along.get(place - i)
                if run is not None and run[1] == i - 1:
                    run[1] = i
                else:
                    along[place - i] = run = [i, i, place - i]
                    runs.append(run)
        for start, last, d in runs:  # quoted where the run is long enough for the text it matches
            if last + self.k - start >= self.need[bisect_right(self.bounds, start + d)]:
                mask[start:last + self.k] = True
        return mask


@lru_cache(maxsize=1)
def _official() -> tuple[Fingerprinter, QuotationMatcher]:
    fingerprinter = Fingerprinter()
    quotations = load_quotations() if QUOTATIONS_PATH.exists() else []
    return fingerprinter, QuotationMatcher([(quotations, QUOTE_MIN_LEN)], fingerprinter)


def official_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the official formulations of ``data/quotations.txt`` that ``text``
    quotes, found as the copy detector finds them (its stock sentences left out): depth asks
    which root-cause words a material only quotes.

    >>> t = "总书记概括为：精神懈怠、不思进取。"
    >>> [t[a:b] for a, b in official_quotations(t)]
    ['精神懈怠、不思进取。']
    """
    fingerprinter, matcher = _official()
    doc = fingerprinter.prepare(text)
    return [CopyDetector._span(doc, s, e) for s, e in _mask_spans(matcher.mask(doc.canon.text))]


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
                 quote_min_len: int = QUOTE_MIN_LEN, stock_min_len: int = 10, paraphrase_min: float = 0.5,
                 paraphrase_seed: float = 0.1):
        if quotations is None:
            quotations = load_quotations() if QUOTATIONS_PATH.exists() else []
        if stock is None:
            stock = [str(x) for x in load_yaml("lexicons/boilerplate.yaml").get("sentences") or []]
        self.fingerprinter = Fingerprinter(spinning, k, window)
        self.quotes = QuotationMatcher([(quotations, quote_min_len), (stock, stock_min_len)], self.fingerprinter)
        self.library = library
        if library is not None and library.digest != self.fingerprinter.digest:
            log.warning("library %s was indexed with other settings: reindexing", library.path)
            library.reindex(self.fingerprinter)
        self.min_len, self.gap = min_len, gap
        self.boiler_min_df, self.boiler_df_share, self.boiler_max = boiler_min_df, boiler_df_share, boiler_max
        self.max_candidates, self.min_shared, self.min_shared_share = max_candidates, min_shared, min_shared_share
        self.max_common = max_common
        self.paraphrase_min, self.paraphrase_seed = paraphrase_min, paraphrase_seed
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Prepared] = OrderedDict()
        self.store: PreparedStore | None = None  # library texts prepared beforehand (a batch's)
        self.peers_: dict[str, Prepared] = {}
        self._peer_index: dict[int, set[str]] = defaultdict(set)

    @classmethod
    def default(cls, library: "Library | None" = None) -> "CopyDetector":
        """The detector with the spinning table and quotations of ``data/``."""
        return cls(None, None, library)

    def add_peer(self, name: str, text: str) -> None:
        """Add another document of the same batch (replaces a peer of the same name, and hides
        a library document of that name)."""
        self.remove_peer(name)
        prepared = self.fingerprinter.prepare(text)
        self.peers_[name] = prepared
        for h in prepared.fingerprints.tolist():
            self._peer_index[h].add(name)

    def remove_peer(self, name: str) -> None:
        """Forget a batch peer (no-op if there is none of that name)."""
        prepared = self.peers_.pop(name, None)
        if prepared is not None:
            for h in prepared.fingerprints.tolist():
                self._peer_index[h].discard(name)

    def check(self, name: str, text: str, skip: Iterable[str] = (),
              roles: list[tuple[int, int, str]] | None = None) -> dict:
        """The copy object of one document; sources named ``name`` or in ``skip`` are ignored.

        ``roles`` = (start, end, role) of the document's paragraphs, when known: headings and
        noise are then left out of every ratio, and ``sections`` gives the ratio of the
        problems, causes and measures."""
        doc = self.fingerprinter.prepare(text)
        if self.library is None and not self.peers_:  # checked alone: no source, no fingerprint needed
            quoted = self._not_copying(doc)
            return self._report(doc, [], quoted, np.zeros_like(quoted), roles)
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
        shared = np.zeros(len(doc.canon.text), dtype=bool)
        exact = [self._fragments(doc, src, quoted, common, boiler, shared) for _, _, src in candidates]
        found = self._with_paraphrases(doc, [src for _, _, src in candidates], self._select(doc, exact),
                                       quoted | boiler)
        sources = [(kind, src_name, src, frags) for (kind, src_name, src), frags in zip(candidates, found) if frags]
        return self._report(doc, sources, quoted | boiler, shared, roles)

    def compare(self, text_a: str, text_b: str, roles: list[tuple[int, int, str]] | None = None,
                name_b: str = "b") -> dict:
        """The copy object of ``text_a`` with ``text_b`` as its only source (quotations and stock
        sentences excluded), for a side-by-side view; ``name_b`` names the source."""
        a, b = self.fingerprinter.prepare(text_a), self.fingerprinter.prepare(text_b)
        quoted = self._not_copying(a)
        shared = np.zeros(len(a.canon.text), dtype=bool)
        found = self._with_paraphrases(a, [b], self._select(a, [self._fragments(a, b, quoted, shared=shared)]),
                                       quoted)
        return self._report(a, [("batch", name_b, b, found[0])] if found[0] else [], quoted, shared, roles)

    def quotations(self, text: str) -> list[tuple[int, int]]:
        """(start, end) offsets of the official quotations and stock sentences recognised in ``text``."""
        doc = self.fingerprinter.prepare(text)
        return [self._span(doc, s, e) for s, e in _mask_spans(self._not_copying(doc))]

    def _not_copying(self, doc: Prepared) -> np.ndarray:
        """Canonical characters inside official quotations or stock sentences."""
        return self.quotes.mask(doc.canon.text)

    def boiler_threshold(self) -> int:
        """MOSS ``-m``: fingerprints in more than this many documents are common."""
        n = len(self.library) if self.library is not None else 0
        return max(self.boiler_min_df, math.ceil(self.boiler_df_share * n))

    def _doc_freq(self, fps: np.ndarray) -> np.ndarray:
        if self.library is None:
            return np.zeros(len(fps), dtype=np.int64)
        lib = self.library.doc_freq(fps)
        return np.array([lib.get(h, 0) for h in fps.tolist()], dtype=np.int64)

    def _common_mask(self, doc: Prepared, common: set[int]) -> np.ndarray:
        """Canonical characters inside a k-gram whose fingerprint is common."""
        mask = np.zeros(len(doc.canon.text), dtype=bool)
        if common:  # none without a library
            for p, h in zip(doc.fp_pos.tolist(), doc.hashes[doc.fp_pos].tolist()):
                if h in common:
                    mask[p:p + self.fingerprinter.k] = True
        return mask

    def _candidates(self, query: np.ndarray, skip: set[str]) -> list[tuple[str, str, Prepared]]:
        """Sources to verify. Greedily, the library document sharing most of the query
        fingerprints not yet explained by those chosen, then likewise the batch peers for
        what the references leave unexplained (so near-duplicates of one source cannot
        crowd out a second one, and a reference is named before a peer that copied it);
        then the rest by shared fingerprints. Returns (origin: library or batch, name, text)."""
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
        return [("batch" if kind == "peer" else kind, name, self._prepared(kind, name)) for kind, name in chosen]

    def _ranked(self, query: np.ndarray, skip: set[str], need: float, limit: int,
                kind: str | None = None) -> list[tuple[str, str]]:
        """(kind, name) of peers and/or library documents sharing at least ``need`` of ``query``."""
        shared: dict[tuple[str, str], int] = defaultdict(int)
        if kind in (None, "peer") and self.peers_:  # no peers (one document checked alone): none shares any
            for h in query.tolist():
                for peer in self._peer_index.get(h, ()):
                    if peer not in skip:
                        shared["peer", peer] += 1
        if kind in (None, "library") and self.library is not None and len(query):
            found = self.library.candidates(query, skip | set(self.peers_), min_shared=math.ceil(need), limit=limit)
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
            text = self.library.get_text(name)
            stored = self.store.get(text) if self.store is not None else None
            self._cache[name] = stored if stored is not None else self.fingerprinter.prepare(text)
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return self._cache[name]

    def _fragments(self, a: Prepared, b: Prepared, quoted: np.ndarray, common: np.ndarray | None = None,
                   boiler: np.ndarray | None = None, shared: np.ndarray | None = None
                   ) -> list[tuple[int, int, int, int, bool]]:
        """Matches of ``a`` in ``b`` with quoted characters cut out, as (a_s, a_e, b_s, b_e,
        anchor); short matches made of common fingerprints are marked in ``boiler`` instead.
        Every matched character, quoted or not, is marked in ``shared``."""
        k = self.fingerprinter.k
        out = []
        for a_s, a_e, b_s, b_e in align(a, b, k, k, self.gap):
            if shared is not None and a_e - a_s >= self.min_len:
                shared[a_s:a_e] = True
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

    def _with_paraphrases(self, a: Prepared, sources: list[Prepared], found: list[list[tuple]],
                          quoted: np.ndarray) -> list[list[tuple]]:
        """Grow the exact matches over reworded sentences (PAN-style seed and extend). Only a
        source whose exact matches already cover ``paraphrase_seed`` of ``a`` grows. A
        sentence of ``a`` not yet all copied or quoted is copied, whole, from the candidate
        source holding its best-matching sentence when their character-bigram cosine is at
        least ``paraphrase_min`` and the match is where that source's copying already is: an
        exact match inside the sentence hits the matched source sentence or its neighbour, or
        the sentence before or after (or the one beyond a short line such as a reworded
        heading) is mostly copied from at most two (three) source sentences away (copies keep
        their order locally; chance look-alikes land anywhere). Repeated until
        nothing grows. The sentence becomes one fragment (its exact pieces from that source are
        folded in). A lone similar sentence
        (two materials on the same theme) never counts. Fragments become (a_s, a_e, b_s, b_e,
        score); score None for an exact match."""
        out = [[(*f, None) for f in frags] for frags in found]
        need = self.paraphrase_seed * len(a.canon.text)  # only a source with enough exact copying grows
        seeded = [n for n, frags in enumerate(found) if frags and sum(f[1] - f[0] for f in frags) >= need]
        if not seeded or not len(a.sentences):
            return out
        spans = a.sentences.tolist()
        mine = np.zeros((len(sources), len(a.canon.text)), dtype=bool)  # copied, per source
        for n, frags in enumerate(found):
            for f in frags:
                mine[n, f[0]:f[1]] = True
        taken = mine.any(axis=0) | quoted
        best = np.zeros(len(spans))
        best_src = np.full(len(spans), -1)
        best_j = np.zeros(len(spans), dtype=np.int64)
        with_sentences = [n for n in seeded if len(sources[n].sentences)]
        if with_sentences:  # one product for all sources: the same sums as one product each
            from scipy.sparse import vstack

            stacked = vstack([sources[n].sentence_bigrams for n in with_sentences], format="csr")
            sims = (a.sentence_bigrams @ stacked.T).toarray()
            bounds = np.cumsum([0, *(len(sources[n].sentences) for n in with_sentences)]).tolist()
            for n, lo, hi in zip(with_sentences, bounds, bounds[1:]):
                sim = sims[:, lo:hi]
                j = sim.argmax(axis=1)
                score = sim[np.arange(len(j)), j]
                better = score > best
                best[better], best_src[better], best_j[better] = score[better], n, j[better]
        todo = {i for i, (s, e) in enumerate(spans)
                if best[i] >= self.paraphrase_min and e - s >= 3 and not taken[s:e].all()}

        # where each sentence of ``a`` sits in each source: the source sentences its exact matches hit
        where: dict[tuple[int, int], set[int]] = defaultdict(set)
        a_ends = a.sentences[:, 1]
        for n in seeded:
            b_ends = sources[n].sentences[:, 1]
            for f in found[n]:
                i = int(np.searchsorted(a_ends, f[0], "right"))
                where[n, i].add(int(np.searchsorted(b_ends, f[2], "right")))

        def next_to(i: int, n: int, j: int, reach: int) -> bool:
            """Sentence i is copied from source n (at least half of it) at source sentences
            within ``reach`` of j."""
            return (0 <= i < len(spans) and mine[n, spans[i][0]:spans[i][1]].mean() >= 0.5
                    and any(abs(j - x) <= reach for x in where.get((n, i), ())))

        grown = True
        while grown:
            grown = False
            for i in sorted(todo):
                n, j = best_src[i], int(best_j[i])
                own = any(abs(j - x) <= 1 for x in where.get((n, i), ()))
                over = [d for d in (-2, 2) if 0 <= i + d // 2 < len(spans)  # across a short line (a heading)
                        and spans[i + d // 2][1] - spans[i + d // 2][0] < SHORT_SENTENCE]
                if own or next_to(i - 1, n, j, 2) or next_to(i + 1, n, j, 2) or any(
                        next_to(i + d, n, j, 3) for d in over):
                    s, e = spans[i]
                    b_s, b_e = sources[n].sentences[j].tolist()
                    out[n] = [f for f in out[n] if not s <= f[0] < f[1] <= e]  # one fragment per sentence
                    for x, y in _mask_spans(~quoted[s:e]):
                        out[n].append((s + x, s + y, b_s, b_e, round(float(best[i]), 3)))
                        mine[n, s + x:s + y] = True
                    taken[s:e] = True
                    where[n, i] = {j}
                    todo.discard(i)
                    grown = True
        return [sorted(frags, key=lambda f: f[:4]) for frags in out]

    @staticmethod
    def _span(p: Prepared, s: int, e: int) -> tuple[int, int]:
        """Original offsets of canonical [s, e), extended over trailing punctuation."""
        start, end = int(p.canon.start[s]), int(p.canon.end[e - 1])
        while end < len(p.text) and not p.text[end].isalnum() and not p.text[end].isspace():
            end += 1
        return start, end

    def _fragment_dict(self, a: Prepared, b: Prepared, frag: tuple) -> dict:
        start, end = self._span(a, frag[0], frag[1])
        source_start, source_end = self._span(b, frag[2], frag[3])
        d = {"start": start, "end": end, "source_start": source_start, "source_end": source_end,
             "kind": "exact" if frag[4] is None else "paraphrase"}
        if frag[4] is not None:
            d["score"] = frag[4]
        return d

    def _original_mask(self, doc: Prepared, canonical: np.ndarray) -> np.ndarray:
        """A canonical mask carried over to the original characters (with trailing punctuation)."""
        mask = np.zeros(len(doc.text), dtype=bool)
        for s, e in _mask_spans(canonical):
            a, b = self._span(doc, s, e)
            mask[a:b] = True
        return mask

    def _report(self, doc: Prepared, sources: list, quoted: np.ndarray, shared: np.ndarray,
                roles: list[tuple[int, int, str]] | None) -> dict:
        """The copy object. Counted characters: all but whitespace and, when ``roles`` are
        given, but headings and noise. Quotations and stock text that are not copied are
        neither copied nor the author's own: ``ratio`` (去除引用复制比), every source's ratio and
        the section ratios are shares of the rest (``chars``); ``total_ratio`` (总文字复制比) is
        the share of all counted characters that a source has too, quotations included."""
        text = doc.text
        counted = nonspace_mask(text)
        for start, end, role in roles or ():
            if role in UNCOUNTED_ROLES:
                counted[start:end] = False
        found = []
        copied = np.zeros(len(text), dtype=bool)
        for origin, name, source, frags in sources:
            dicts = [self._fragment_dict(doc, source, f) for f in frags]
            mine, theirs = np.zeros(len(text), dtype=bool), np.zeros(len(source.text), dtype=bool)
            for f in dicts:
                mine[f["start"]:f["end"]] = True
                theirs[f["source_start"]:f["source_end"]] = True
            copied |= mine
            their_share = int((theirs & nonspace_mask(source.text)).sum()) / max(nonspace_count(source.text), 1)
            found.append((origin, name, mine & counted, round(their_share, 4), dicts))
        copied &= counted
        quoted_orig = self._original_mask(doc, quoted)
        quoted_only = quoted_orig & counted & ~copied
        own = counted & ~quoted_only
        total, everything = max(int(own.sum()), 1), max(int(counted.sum()), 1)
        out = [{"source": name, "origin": origin, "ratio": round(int(mine.sum()) / total, 4),
                "chars": int(mine.sum()), "source_ratio": their_share, "fragments": dicts}
               for origin, name, mine, their_share, dicts in found if mine.any()]
        out.sort(key=lambda s: (-s["ratio"], s["source"]))
        also_quoted = self._original_mask(doc, shared & quoted) & counted
        result = {"ratio": round(int(copied.sum()) / total, 4),
                  "total_ratio": round(int((copied | also_quoted).sum()) / everything, 4),
                  "quoted_ratio": round(int(quoted_only.sum()) / everything, 4),
                  "chars": int(own.sum()), "copied_chars": int(copied.sum()), "quoted_chars": int(quoted_only.sum()),
                  "max_source_ratio": out[0]["ratio"] if out else 0.0,
                  "sources": out,
                  "quotations": [{"start": s, "end": e} for s, e in _mask_spans(quoted_orig)]}
        if roles is not None:
            result["sections"] = section_ratios(roles, own, copied)
        return result


def section_ratios(roles: list[tuple[int, int, str]], counted: np.ndarray, copied: np.ndarray) -> dict:
    """Per role of SECTION_ROLES present: counted characters, copied characters and their ratio."""
    sections = [(start, end, SECTION_ROLES.index(r)) for start, end, r in roles if r in SECTION_ROLES]
    if not sections:
        return {}
    inside = np.zeros((len(SECTION_ROLES), len(counted)), dtype=bool)  # per role: its counted characters
    for start, end, k in sections:
        inside[k, start:end] = True
    inside &= counted
    chars, copied_chars = inside.sum(axis=1).tolist(), (inside & copied).sum(axis=1).tolist()
    return {role: {"chars": chars[k], "copied_chars": copied_chars[k], "ratio": round(copied_chars[k] / chars[k], 4)}
            for k, role in enumerate(SECTION_ROLES) if chars[k]}
