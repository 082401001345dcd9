"""The shared featurisation of the paragraph and sentence models, computed once per document.

The role, summary, coverage and denial models were each fitted with a scikit-learn
``TfidfVectorizer`` (jieba words and word bigrams; character 1–4-grams). Applying them one by
one at run time made every model re-read the same paragraphs n-gram by n-gram in Python
(``_count_vocab``), ten times per document. Here the n-grams of a list of texts are
computed **once**, as integer keys in NumPy (a character or word is a small id; an n-gram
packs its ids into one 64-bit key), and shared by every model that reads the same texts;
each fitted vectorizer then finds its columns with one vectorised binary search in its own
sorted vocabulary keys, and the TF-IDF weighting (sublinear tf, idf, l2 norm) is applied as the
vectorizer would. :func:`tfidf` returns exactly what ``vectorizer.transform(texts)`` returns
(tests/test_features.py compares them); fitting still uses scikit-learn. :func:`tfidf_rows` and
:func:`side_by_side_rows` give the same rows as :class:`Rows` (the CSR arrays without a scipy
matrix), which the linear models below multiply directly.

Every model that reads a document's paragraphs reads them from one :class:`DocumentGrams`
(``of(doc)``, kept on the document): :class:`CharGrams` finds the paragraphs' character n-grams
(n ≤ 4) once, with their positions, and :class:`WordGrams` the words and word bigrams of their
jieba tokens once, each in the union of the vocabularies of every fitted vectorizer registered in
the process (one search per document, not one per model); a model's rows of whole paragraphs are
cut from one count of the distinct n-grams per paragraph by a gather of its columns, and the rows
of sentence spans by position. The role, summary, coverage (paragraphs and evidence sentences)
and denial (sentences) models all read them so.

:func:`probabilities` is the other half: the logistic regressions evaluated as one matrix
product (all per-category classifiers of a rubric at once), without scikit-learn's per-call
checks; :func:`positive_proba` and :func:`multinomial` do the same for one classifier. A model's
feature blocks (n-gram rows, lexicon counts, layout) stay apart as :class:`Blocks`, each multiplied
by its own rows of the weights.

>>> from sklearn.feature_extraction.text import TfidfVectorizer
>>> vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(["文山会海", "会海"])
>>> bool(abs(tfidf(vec, ["会海问题"]) - vec.transform(["会海问题"])).max() < 1e-12)
True
"""
from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix
try:  # pandas' hash table of uint64 keys, private to pandas
    from pandas._libs.hashtable import UInt64HashTable
except ImportError:  # a pandas that moved it: _Union looks keys up by a pandas index, same answers
    UInt64HashTable = None
try:  # the kernel of scipy's own CSR × dense product, private to scipy
    from scipy.sparse._sparsetools import csr_matvecs
except ImportError:  # a scipy that moved it: Rows.dot builds the matrix and multiplies, same numbers
    csr_matvecs = None

_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's analyzers normalise blanks
_CHAR_BITS, _WORD_BITS = 16, 32        # 4 characters or 2 words fill one uint64 key


class _Alphabet:
    """Process-wide small ids of the characters (≤ 65,535) and words that any registered
    vocabulary uses; 0 is every other character or word (an n-gram holding it is in no
    vocabulary). Ids are only ever added, so keys computed earlier stay valid."""

    def __init__(self):
        self.char_ids = np.zeros(0x110000, dtype=np.uint64)
        self.n_chars = 0
        self.word_ids: dict[str, int] = {}

    def char(self, c: str) -> int:
        code = ord(c)
        if not self.char_ids[code]:
            if self.n_chars + 1 >= 1 << _CHAR_BITS:
                raise ValueError("more distinct characters than a 16-bit id holds")
            self.n_chars += 1
            self.char_ids[code] = self.n_chars
        return int(self.char_ids[code])

    def word(self, w: str) -> int:
        return self.word_ids.setdefault(w, len(self.word_ids) + 1)


ALPHABET = _Alphabet()


@dataclass(eq=False)  # hashed by identity: a member of the union of its analyzer's vocabularies
class _Columns:
    """One fitted vectorizer's vocabulary as n-gram keys. The keys of different n never meet (an
    n-gram's first id is never 0, so an n-gram key is at least ``1 << bits * (n - 1)`` and
    below ``1 << bits * n``): every n shares one sorted array, searched once per call."""

    analyzer: str                     # "char" or "word"
    ngram_range: tuple[int, int]
    keys: np.ndarray                  # the n-gram keys of every n, sorted (found by binary search)
    columns: np.ndarray               # the vectorizer's column of each key
    idf: np.ndarray | None
    sublinear: bool
    norm: str | None
    width: int
    vocabulary: dict


_COLUMNS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_MEMBERS = {"char": weakref.WeakSet(), "word": weakref.WeakSet()}  # every registered vocabulary alive
_VERSION = {"char": 0, "word": 0}                                   # registrations so far


def _columns(vectorizer) -> _Columns:
    """The vocabulary of a fitted ``TfidfVectorizer`` as n-gram keys (built once per vectorizer;
    under a lock, so that threads serving requests give each character one id)."""
    found = _COLUMNS.get(vectorizer)
    if found is not None and found.vocabulary is vectorizer.vocabulary_:  # not refitted since
        return found
    with _LOCK:
        return _register(vectorizer)


def register(vectorizer) -> None:
    """Add a fitted vectorizer's n-grams to the union of vocabularies that every document's
    n-grams are searched in once (:class:`CharGrams`, :class:`WordGrams`), so that the rows of its
    texts and spans are cut from a document's n-grams without reading them again."""
    _columns(vectorizer)


def _register(vectorizer) -> _Columns:
    found = _COLUMNS.get(vectorizer)
    if found is not None and found.vocabulary is vectorizer.vocabulary_:
        return found
    if vectorizer.analyzer not in ("char", "word") or vectorizer.preprocessor or vectorizer.tokenizer \
            or vectorizer.stop_words or vectorizer.strip_accents or not vectorizer.lowercase:
        raise ValueError("only lower-casing char or word TF-IDF vectorizers without custom steps are supported")
    if vectorizer.analyzer == "word" and vectorizer.token_pattern != r"[^ ]+":
        raise ValueError("word vectorizers must split on spaces (token_pattern '[^ ]+')")
    terms = list(vectorizer.vocabulary_)
    keys = _char_keys(terms) if vectorizer.analyzer == "char" else \
        np.array([_word_key(t) for t in terms], dtype=np.uint64)
    order = np.argsort(keys)  # the keys are distinct
    keys = keys[order]
    columns = np.fromiter(vectorizer.vocabulary_.values(), dtype=np.int64, count=len(terms))[order]
    transformer = vectorizer._tfidf
    found = _Columns(vectorizer.analyzer, tuple(vectorizer.ngram_range), keys, columns,
                     transformer.idf_ if transformer.use_idf else None, transformer.sublinear_tf, transformer.norm,
                     len(vectorizer.vocabulary_), vectorizer.vocabulary_)
    _COLUMNS[vectorizer] = found
    _MEMBERS[found.analyzer].add(found)
    _VERSION[found.analyzer] += 1
    return found


def _char_keys(terms: list[str]) -> np.ndarray:
    """The key of each character n-gram: the characters' ids (given in order of first use) packed,
    the n-grams of each length at once."""
    for c in dict.fromkeys(chain.from_iterable(terms)):
        ALPHABET.char(c)
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
    keys = np.zeros(len(terms), dtype=np.uint64)
    for n in np.unique(lengths):
        at = np.flatnonzero(lengths == n)
        codes = np.frombuffer("".join([terms[k] for k in at]).encode("utf-32-le"), dtype=np.uint32).reshape(-1, n)
        ids = ALPHABET.char_ids[codes]
        packed = np.zeros(len(at), dtype=np.uint64)
        for j in range(n):
            packed = (packed << np.uint64(_CHAR_BITS)) | ids[:, j]
        keys[at] = packed
    return keys


def _word_key(term: str) -> int:
    """The key of a word n-gram (words joined by spaces): the words' ids packed."""
    key = 0
    for w in term.split(" "):
        key = (key << _WORD_BITS) | ALPHABET.word(w)
    return key


@dataclass
class Ngrams:
    """The n-gram keys of a list of texts: per n, the key of every n-gram and the text it is in
    (n-grams holding a character or word no vocabulary knows are left out)."""

    n_texts: int
    keys: dict[int, np.ndarray]
    rows: dict[int, np.ndarray]


def _packed_ngrams(ids: np.ndarray, n_max: int, bits: int):
    """For n = 1 … ``n_max``: n, the key of the n-gram starting at every position (``bits`` bits per
    id), and whether all its ids are known (non-zero)."""
    packed, known = ids.copy(), ids > 0
    for n in range(1, n_max + 1):
        if n > 1:
            m = len(ids) - n + 1
            if m <= 0:
                break
            packed = (packed[:m] << np.uint64(bits)) | ids[n - 1:n - 1 + m]
            known = known[:m] & (ids[n - 1:n - 1 + m] > 0)
        yield n, packed, known


def _ids_in_texts(ids: np.ndarray, lengths: np.ndarray, n_max: int, bits: int) -> Ngrams:
    """Keys of the n-grams (n ≤ ``n_max``) of texts given as one id array (texts apart by a 0)."""
    row_of = np.repeat(np.arange(len(lengths)), lengths + 1)[:len(ids)]
    keys, rows = {}, {}
    for n, packed, known in _packed_ngrams(ids, n_max, bits):
        keys[n], rows[n] = packed[known], row_of[:len(known)][known]
    return Ngrams(len(lengths), keys, rows)


@lru_cache(maxsize=8)
def char_ngrams(texts: tuple[str, ...], n_max: int = 4, known: int = 0) -> Ngrams:
    """Character n-gram keys of ``texts`` (lower-cased, runs of blanks made one space), shared
    by every character model that reads the same texts. ``known`` (the number of characters
    with an id) keys the cache: keys computed before a vocabulary added characters are not
    reused for it."""
    cleaned = [_WHITE_SPACES.sub(" ", t.lower()) for t in texts]
    joined = "\0".join(cleaned)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    return _ids_in_texts(ALPHABET.char_ids[codes], np.array([len(t) for t in cleaned]), n_max, _CHAR_BITS)


@lru_cache(maxsize=8)
def word_ngrams(texts: tuple[str, ...], n_max: int = 2, known: int = 0) -> Ngrams:
    """Word and word n-gram keys of space-joined token lists, shared like :func:`char_ngrams`
    (``known``: the number of words with an id)."""
    ids, lengths = [], []
    get, unknown = ALPHABET.word_ids.get, repeat(0)
    for t in texts:
        words = [w for w in t.lower().split(" ") if w]
        ids += map(get, words, unknown)
        ids.append(0)
        lengths.append(len(words))
    return _ids_in_texts(np.array(ids, dtype=np.uint64), np.array(lengths), n_max, _WORD_BITS)


class Rows(NamedTuple):
    """Sparse rows as the three CSR arrays and a shape, not yet a scipy matrix (whose constructor
    checks every array again): :meth:`matrix` makes one for fitting, :meth:`dot` multiplies by
    dense weights without it."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    def matrix(self) -> csr_matrix:
        return _csr(self.data, self.indices, self.indptr, self.shape)

    def take(self, rows: np.ndarray) -> "Rows":
        """The rows numbered ``rows``, in that order, each with its cells as they are."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        counts = ends - starts
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        cells = np.repeat(starts - indptr[:-1], counts) + np.arange(indptr[-1])
        return Rows(self.data[cells], self.indices[cells], indptr, (len(rows), self.shape[1]))

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``self.matrix() @ weights`` (weights: features × k) by the kernel that product runs in
        scipy (``csr_matvecs``: each row's cells added one by one from zero, in order), called
        directly: the same numbers to the last bit, without building and checking a matrix."""
        if csr_matvecs is None:
            return np.asarray(self.matrix() @ weights, dtype=float)
        n, width = self.shape
        weights = np.ascontiguousarray(weights, dtype=float)
        out = np.zeros((n, weights.shape[1]))
        indices = self.indices.astype(self.indptr.dtype, copy=False)
        csr_matvecs(n, width, weights.shape[1], self.indptr, indices, self.data, weights.ravel(), out.ravel())
        return out


class Blocks(NamedTuple):
    """Row-aligned feature blocks (:class:`Rows` or dense 2-d float arrays) side by side,
    not joined: :meth:`dot` multiplies each block by its own rows of the weights and adds the
    products, so no joined matrix is built per document; :meth:`matrix` joins them (for fitting,
    :func:`side_by_side`)."""

    parts: tuple

    @property
    def shape(self) -> tuple[int, int]:
        return self.parts[0].shape[0], sum(p.shape[1] for p in self.parts)

    def matrix(self) -> csr_matrix:
        return side_by_side(list(self.parts))

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``self.matrix() @ weights``, block by block (the same sums, added in another order)."""
        out, offset = None, 0
        for part in self.parts:
            width = part.shape[1]
            w = weights[offset:offset + width]
            product = part.dot(w) if isinstance(part, Rows) else part @ w
            out = product if out is None else out + product
            offset += width
        return out


def blocks(parts: list) -> Blocks:
    """:class:`Blocks` of ``parts``: sparse ones as :class:`Rows`, dense ones as float arrays."""
    return Blocks(tuple(_as_rows(p) if hasattr(p, "indptr") else np.asarray(p, dtype=float) for p in parts))


def tfidf(vectorizer, texts: list[str]) -> csr_matrix:
    """``vectorizer.transform(texts)`` for a fitted char or word ``TfidfVectorizer``, from the
    shared n-gram keys of ``texts``."""
    return tfidf_rows(vectorizer, texts).matrix()


def tfidf_rows(vectorizer, texts: list[str]) -> Rows:
    """:func:`tfidf` as :class:`Rows`."""
    cols = _columns(vectorizer)
    return _weighted(cols, *_cells(cols, texts), len(texts))


def _cells(cols: _Columns, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The row (text) and the vectorizer column of every n-gram of ``texts`` in its vocabulary."""
    low, high = cols.ngram_range
    if cols.analyzer == "char":
        grams = char_ngrams(tuple(texts), 4, ALPHABET.n_chars)
    else:
        grams = word_ngrams(tuple(texts), 2, len(ALPHABET.word_ids))
    ns = [n for n in range(low, high + 1) if n in grams.keys]
    if not ns or not len(cols.keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    found = np.concatenate([grams.keys[n] for n in ns])
    rows = np.concatenate([grams.rows[n] for n in ns])
    at = np.minimum(np.searchsorted(cols.keys, found), len(cols.keys) - 1)
    hit = cols.keys[at] == found
    return rows[hit], cols.columns[at[hit]]


def _weighted(cols: _Columns, rows: np.ndarray, columns: np.ndarray, n_rows: int) -> Rows:
    """TF-IDF rows (sublinear tf, idf, l2 norm as the vectorizer applies them) from the row and
    column of every n-gram occurrence."""
    rows, columns, counts = _distinct(rows, columns, cols.width, n_rows)
    return _tfidf(cols, rows, columns, counts, n_rows)


def _distinct(rows: np.ndarray, values: np.ndarray, width: int, n_rows: int):
    """The distinct (row, value) pairs (values below ``width``), ordered by row, then value, and
    how often each occurs: one sort, of 32-bit cells where they fit (twice as fast as 64-bit)."""
    dtype = np.int32 if n_rows * width < np.iinfo(np.int32).max else np.int64
    cells, counts = np.unique(rows.astype(dtype) * dtype(width) + values.astype(dtype), return_counts=True)
    rows = cells // dtype(width)
    return rows.astype(np.int64), (cells - rows * dtype(width)).astype(np.int64), counts


def _tfidf(cols: _Columns, rows: np.ndarray, columns: np.ndarray, counts: np.ndarray, n_rows: int) -> Rows:
    """TF-IDF rows from distinct cells (ordered by row) and the count of each."""
    data = counts.astype(float)
    if cols.sublinear:
        np.log(data, data)
        data += 1.0
    if cols.idf is not None:
        data *= cols.idf[columns]
    if cols.norm == "l2":
        norms = np.sqrt(np.bincount(rows, weights=data ** 2, minlength=n_rows))
        norms[norms == 0] = 1.0
        data /= norms[rows]
    elif cols.norm is not None:
        raise ValueError(f"norm {cols.norm!r} is not supported")
    indptr = np.searchsorted(rows, np.arange(n_rows + 1))  # rows are in order: where each begins
    return Rows(data, columns, indptr, (n_rows, cols.width))


@dataclass(eq=False)
class _Union:
    """The sorted n-gram keys of every registered vocabulary of one analyzer, each vocabulary's
    column of every key (-1 where it has none), and a hash table of the keys: :meth:`find` looks a
    document's n-grams up in it in one C call (pandas' hash table of unsigned 64-bit keys), where a
    binary search took seventeen vectorised steps and a NumPy hash table's probes a dozen."""

    version: int                      # registrations of the analyzer it holds
    keys: np.ndarray
    maps: "weakref.WeakKeyDictionary"  # _Columns -> column of every key

    def __post_init__(self):
        keys = np.ascontiguousarray(self.keys, dtype=np.uint64)
        if UInt64HashTable is not None:
            table = UInt64HashTable(max(len(keys), 1))
            table.map_locations(keys)
            self._lookup = table.lookup
        else:
            import pandas as pd

            index = pd.Index(keys, dtype=np.uint64)
            index.get_indexer(keys[:1])  # its hash table made now, under the lock that builds the union
            self._lookup = index.get_indexer

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The index of every key (uint64) in :attr:`keys` (-1: not there)."""
        return self._lookup(keys)


_UNIONS: dict[str, _Union] = {}


def _union(analyzer: str) -> _Union:
    """The union of the vocabularies of ``analyzer`` ("char" or "word") registered so far, built
    again only after another registers: a document's n-grams are searched in it once, and every
    model's columns are a gather from it."""
    found = _UNIONS.get(analyzer)
    if found is not None and found.version == _VERSION[analyzer]:
        return found
    with _LOCK:
        members = list(_MEMBERS[analyzer])
        keys = np.unique(np.concatenate([c.keys for c in members])) if members else np.zeros(0, dtype=np.uint64)
        maps = weakref.WeakKeyDictionary()
        for c in members:
            column_of = np.full(len(keys), -1, dtype=np.int64)
            column_of[np.searchsorted(keys, c.keys)] = c.columns
            maps[c] = column_of
        found = _UNIONS[analyzer] = _Union(_VERSION[analyzer], keys, maps)
    return found


class _Grams:
    """What :class:`CharGrams` and :class:`WordGrams` share: the n-grams of some texts that the
    union of the registered vocabularies of one analyzer knows, each with its text and index in
    the union (searched once), the count of every distinct n-gram per text (made once for all
    models that read whole texts), and a model's rows of whole texts cut from that count."""

    analyzer = ""

    def _find(self, keys: np.ndarray) -> np.ndarray:
        """Search ``keys`` in the union: sets ``found`` (the union index of each known key) and
        returns which keys are known."""
        self.union = _union(self.analyzer)
        self._counted = None
        self._by_vectorizer: dict[int, tuple] = {}
        self._whole: dict[int, Rows] = {}  # a vectorizer's rows of every text, made once
        at = self.union.find(keys)
        hit = at >= 0
        self.found = at[hit]
        return hit

    def _map(self, vectorizer) -> tuple[_Columns, np.ndarray]:
        """The vectorizer's columns and its column of every union key; the texts are read again
        (each subclass's ``_read``) when it registered after they were read (its characters or
        words may have had no id then)."""
        cols = _columns(vectorizer)
        column_map = self.union.maps.get(cols)
        if column_map is None:
            self._read()
            column_map = self.union.maps[cols]
        return cols, column_map

    def _whole_rows(self, vectorizer) -> Rows:
        """``tfidf_rows`` of the whole texts, but for the order of the cells within a row (that of
        the union, not the vectorizer's columns: sums over a row may differ in the last bit); made
        once per vectorizer (the documents sharing these n-grams each take their rows from it)."""
        cols, column_map = self._map(vectorizer)
        found = self._whole.get(id(cols))
        if found is None:
            if self._counted is None:
                self._counted = _distinct(self.text_of, self.found, max(len(self.union.keys), 1), self.n_texts)
            rows, grams, counts = self._counted
            columns = column_map[grams]
            keep = np.flatnonzero(columns >= 0)
            found = self._whole[id(cols)] = _tfidf(cols, rows[keep], columns[keep], counts[keep], self.n_texts)
        return found


class CharGrams(_Grams):
    """The character n-grams (n ≤ 4) of some texts that any registered char vectorizer knows,
    found once, with where each stands: :meth:`rows` gives a vectorizer's TF-IDF rows of the
    texts or of spans inside them (sentences of paragraphs) without reading the characters
    again. ``vectorizers`` are registered first, so that the one search finds their n-grams.

    A span of a text is what the text's own n-grams inside it are only where cleaning (lower
    case, runs of blanks made one space) keeps every character in place: spans of other texts,
    and extra texts, are read as texts of their own."""

    analyzer = "char"

    def __init__(self, texts: list[str], vectorizers: list = ()):
        for vectorizer in vectorizers:
            _columns(vectorizer)
        self.texts = texts
        self.n_texts = len(texts)
        self._read()

    def _read(self) -> None:
        texts = self.texts
        lowered = [t.lower() for t in texts]
        cleaned = [_WHITE_SPACES.sub(" ", t) for t in lowered]
        # lower() of a part is the part of lower() when no character changes length and no final
        # sigma (the one letter whose lower case depends on its neighbours) is there
        self.in_place = [len(c) == len(t) and len(lw) == len(t) and "Σ" not in t
                         for t, lw, c in zip(texts, lowered, cleaned)]
        self.lengths = [len(c) for c in cleaned]
        self.offsets = [0, *accumulate(n + 1 for n in self.lengths[:-1])]
        joined = "\0".join(cleaned)
        ids = ALPHABET.char_ids[np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)]
        row_of = np.repeat(np.arange(len(texts)), np.array(self.lengths, dtype=np.int64) + 1)[:len(ids)]
        keys, starts, ns = [], [], []
        for n, packed, known in _packed_ngrams(ids, 4, _CHAR_BITS):
            at = np.flatnonzero(known)
            keys.append(packed[at])
            starts.append(at)
            ns.append(np.full(len(at), n, dtype=np.int64))
        empty = np.zeros(0, dtype=np.int64)
        keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
        starts = np.concatenate(starts) if starts else empty
        ends = starts + (np.concatenate(ns) if ns else empty)
        hit = self._find(keys)
        self.starts, self.ends, self.text_of = starts[hit], ends[hit], row_of[starts[hit]]

    def _known(self, vectorizer) -> tuple[_Columns, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The column, start and end of every n-gram the vectorizer knows (found once per vectorizer),
        and where the n-grams of each n begin among them (each n's are in the order of their starts)."""
        cols, column_map = self._map(vectorizer)
        found = self._by_vectorizer.get(id(cols))
        if found is None:
            columns = column_map[self.found]
            known = np.flatnonzero(columns >= 0)
            starts, ends = self.starts[known], self.ends[known]
            found = self._by_vectorizer[id(cols)] = \
                columns[known], starts, ends, np.searchsorted(ends - starts, np.arange(1, 6))
        return (cols, *found)

    @staticmethod
    def _starting_in(starts: np.ndarray, by_n: np.ndarray, low: int, high: int) -> np.ndarray:
        """The n-grams (their numbers) that start in ``[low, high)`` of the joined texts, found by a
        binary search in each n's starts: a document's spans among many documents' n-grams."""
        return np.concatenate([np.arange(a + np.searchsorted(starts[a:b], low), a + np.searchsorted(starts[a:b], high))
                               for a, b in zip(by_n[:-1].tolist(), by_n[1:].tolist())])

    def rows(self, vectorizer, parts: list | None = None) -> Rows:
        """``tfidf_rows(vectorizer, texts)`` of ``parts``: each ``(i, a, b)`` (the text
        ``texts[i][a:b]``) or a string of its own; ``None``: every text, whole."""
        if parts is None:
            return self._whole_rows(vectorizer)
        cols, columns, starts, ends, by_n = self._known(vectorizer)
        spans, extra = [], []
        for r, part in enumerate(parts):
            if isinstance(part, str):
                extra.append((r, part))
                continue
            i, a, b = part
            if (a, b) == (0, len(self.texts[i])):
                spans.append((r, self.offsets[i], self.offsets[i] + self.lengths[i]))
            elif self.in_place[i]:
                spans.append((r, self.offsets[i] + a, self.offsets[i] + b))
            else:
                extra.append((r, self.texts[i][a:b]))
        spans.sort(key=lambda s: s[1])
        bounds = np.array([(s, e) for _, s, e in spans], dtype=np.int64).reshape(-1, 2)
        if len(spans) > 1 and (bounds[1:, 0] < bounds[:-1, 1]).any():  # overlapping spans
            extra += [(r, self.texts[parts[r][0]][parts[r][1]:parts[r][2]]) for r, _, _ in spans]
            spans, bounds = [], bounds[:0]
        near = self._starting_in(starts, by_n, bounds[0, 0], bounds[-1, 1]) if spans else np.zeros(0, dtype=np.int64)
        columns, starts, ends = columns[near], starts[near], ends[near]  # the n-grams that can be inside a span
        k = np.searchsorted(bounds[:, 0], starts, side="right") - 1
        inside = k >= 0
        inside[inside] &= ends[inside] <= bounds[k[inside], 1]
        row_of = np.array([r for r, _, _ in spans], dtype=np.int64)
        rows, cells = [row_of[k[inside]]], [columns[inside]]
        if extra:
            extra_rows, extra_columns = _cells(cols, [t for _, t in extra])
            rows.append(np.array([r for r, _ in extra], dtype=np.int64)[extra_rows])
            cells.append(extra_columns)
        return _weighted(cols, np.concatenate(rows), np.concatenate(cells), len(parts))


class WordGrams(_Grams):
    """The words and word bigrams of the jieba token lists of some texts that any registered word
    vectorizer knows, found once, with the offset in its text where each word's token stands:
    :meth:`rows` gives a vectorizer's TF-IDF rows of whole token lists (what
    ``tfidf_rows(vectorizer, [" ".join(tokens) …])`` gives: each token lower-cased and split on
    spaces), or, for a word-unigram vectorizer, of the tokens that start inside spans of the
    texts, some tokens left out, without looking the words up again."""

    analyzer = "word"

    def __init__(self, texts: list[str], tokens: list[list[str]], vectorizers: list = ()):
        for vectorizer in vectorizers:
            _columns(vectorizer)
        self.texts, self.token_lists = texts, tokens
        self.n_texts = len(tokens)
        self._read()

    def _read(self) -> None:
        tokens = self.token_lists
        flat = list(chain.from_iterable(tokens))
        words = _token_words(flat)
        self.counts = [len(toks) for toks in tokens]
        lists = np.repeat(np.arange(len(tokens), dtype=np.int64), self.counts)
        self.token_of = None  # the token of each word, where a token holds several words or none
        if (words < 0).any():
            get = ALPHABET.word_ids.get
            split = [[get(w, 0) for w in tok.lower().split(" ") if w] if w < 0 else [w]
                     for tok, w in zip(flat, words.tolist())]
            self.token_of = np.repeat(np.arange(len(flat)), [len(ws) for ws in split])
            words = np.fromiter(chain.from_iterable(split), dtype=np.int64, count=len(self.token_of))
            lists, flat = lists[self.token_of], [flat[k] for k in self.token_of.tolist()]
        self.tokens, self.lists, self._positions = flat, lists, None
        self.token_words, self._skipped = words, {}  # each token's word id; skip -> the tokens in it
        self.bases = [0, *accumulate(len(t) + 1 for t in self.texts)]  # texts joined with one separator
        words = words.astype(np.uint64)
        known = np.flatnonzero(words > 0)
        pairs = np.flatnonzero((lists[1:] == lists[:-1]) & (words[1:] > 0) & (words[:-1] > 0))
        hit = self._find(np.concatenate([words[known], (words[pairs] << np.uint64(_WORD_BITS)) | words[pairs + 1]]))
        self.word_of = np.concatenate([known, np.full(len(pairs), -1, dtype=np.int64)])[hit]  # -1: a bigram
        self.text_of = np.concatenate([lists[known], lists[pairs]])[hit]

    @property
    def positions(self) -> np.ndarray:
        """Where each word's token stands in the texts joined by one separator (-1: not found)."""
        if self._positions is None:
            texts, tokens, counts = self.texts, self.token_lists, self.counts
            flat = list(chain.from_iterable(tokens))
            lists = np.repeat(np.arange(len(tokens), dtype=np.int64), counts)
            lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
            before = np.cumsum(lengths) - lengths  # token characters before each token
            first = np.cumsum([0, *counts])
            # a token stands where the tokens before it in its text end, when the text is its tokens joined
            positions = before - before[np.minimum(first[:-1], len(flat) - 1)][lists] + \
                np.array(self.bases[:-1])[lists] if len(flat) else before
            for i, (text, toks) in enumerate(zip(texts, tokens)):
                if "".join(toks) != text:
                    positions[first[i]:first[i + 1]] = [-1 if x is None else self.bases[i] + x
                                                        for x in _token_starts(text, toks)]
            self._positions = positions if self.token_of is None else positions[self.token_of]
        return self._positions

    def _in_skip(self, skip: frozenset) -> np.ndarray:
        """Which tokens are in ``skip`` (per token, one entry per word it holds), found once per
        ``skip``: only the tokens holding a word of an entry of ``skip`` are compared with it."""
        found = self._skipped.get(skip)
        if found is None:
            get = ALPHABET.word_ids.get
            asked = np.zeros(len(ALPHABET.word_ids) + 1, dtype=bool)  # by word id
            asked[[get(w, 0) for entry in skip for w in entry.lower().split(" ") if w]] = True
            asked[0] = False  # a word no vocabulary knows is in no row
            found = np.zeros(len(self.tokens), dtype=bool)
            found[[k for k in np.flatnonzero(asked[self.token_words]).tolist() if self.tokens[k] in skip]] = True
            self._skipped[skip] = found
        return found

    def rows(self, vectorizer, parts: list | None = None, skip: frozenset = frozenset()) -> Rows:
        """Rows of ``parts``: ``None``, every token list whole; or spans ``(i, a, b)``, the tokens
        of list ``i`` that start in ``texts[i][a:b]`` (a word-unigram vectorizer only), tokens in
        ``skip`` left out."""
        if parts is None:
            return self._whole_rows(vectorizer)
        cols, column_map = self._map(vectorizer)
        if cols.ngram_range != (1, 1):
            raise ValueError("the rows of spans are for word-unigram vectorizers")
        found = self._by_vectorizer.get(id(cols))
        if found is None:
            columns = column_map[self.found]
            known = np.flatnonzero((columns >= 0) & (self.word_of >= 0))
            found = self._by_vectorizer[id(cols)] = columns[known], self.word_of[known]
        columns, words = found
        kept = ~self._in_skip(skip)[words] if skip else np.ones(len(words), dtype=bool)
        positions = self.positions[words]
        spans = sorted((self.bases[i] + a, self.bases[i] + b, r) for r, (i, a, b) in enumerate(parts))
        bounds = np.array([(a, b) for a, b, _ in spans], dtype=np.int64).reshape(-1, 2)
        k = np.searchsorted(bounds[:, 0], positions, side="right") - 1
        hit = kept & (positions >= 0) & (k >= 0)
        hit[hit] &= positions[hit] < bounds[k[hit], 1]
        rows = np.array([r for _, _, r in spans], dtype=np.int64)[k[hit]]
        return _weighted(cols, rows, columns[hit], len(parts))


_TOKEN_WORDS: dict = {}  # token -> its word id (0: unknown; -1: a token of several words or none)
_TOKEN_WORDS_FOR = [0]   # the number of words with an id when the memo was made


def _token_words(tokens: list[str]) -> np.ndarray:
    """Each token's word id (0: no vocabulary has it; -1: a token that splits into several words
    or none, lower-cased and split on spaces as a word vectorizer reads it); remembered per token
    (up to 500,000) while no vocabulary adds words."""
    if _TOKEN_WORDS_FOR[0] != len(ALPHABET.word_ids) or len(_TOKEN_WORDS) > 500_000:
        _TOKEN_WORDS.clear()
        _TOKEN_WORDS_FOR[0] = len(ALPHABET.word_ids)
    found = np.fromiter(map(_TOKEN_WORDS.get, tokens, repeat(-2)), dtype=np.int64, count=len(tokens))
    get = ALPHABET.word_ids.get
    for k in np.flatnonzero(found == -2).tolist():
        words = [w for w in tokens[k].lower().split(" ") if w]
        found[k] = _TOKEN_WORDS[tokens[k]] = get(words[0], 0) if len(words) == 1 else -1
    return found


def _token_starts(text: str, tokens: list[str]) -> list[int | None]:
    """Where each token stands in ``text``, searched from the end of the one before (None: not
    found), for a text that is not its tokens joined."""
    out, pos = [], 0
    for tok in tokens:
        at = text.find(tok, pos)
        out.append(at if at >= 0 else None)
        if at >= 0:
            pos = at + len(tok)
    return out


class DocumentGrams:
    """A document's paragraphs featurised once for every model that reads them: their character
    n-grams (:class:`CharGrams`: the denial classifier's sentences, the coverage model's
    paragraphs and sentences) and the words of their jieba tokens (:class:`WordGrams`: the role,
    summary and coverage models), each made on first use."""

    def __init__(self, texts: list[str], tokens: list[list[str]]):
        self.texts, self.tokens = texts, tokens
        self._chars: CharGrams | None = None
        self._words: WordGrams | None = None

    @property
    def chars(self) -> CharGrams:
        if self._chars is None:
            self._chars = CharGrams(self.texts)
        return self._chars

    @property
    def words(self) -> WordGrams:
        if self._words is None:
            self._words = WordGrams(self.texts, self.tokens)
        return self._words


class _Picked:
    """Some texts (numbers ``picked``) of a :class:`CharGrams` or :class:`WordGrams` made over more,
    asked about by their own numbers: rows of whole texts are taken from the grams' rows of all the
    texts, rows of spans ``(i, a, b)`` cut from the grams with ``i`` renumbered; the same rows as
    grams of these texts alone give."""

    def __init__(self, grams: _Grams, picked: list[int], texts: list[str]):
        self.grams, self.picked, self.texts = grams, picked, texts
        self.n_texts = len(picked)
        self.rows_taken = None if picked == list(range(grams.n_texts)) else np.array(picked, dtype=np.int64)

    def rows(self, vectorizer, parts: list | None = None, *options) -> Rows:
        """The grams' ``rows`` (``options``: what follows ``parts`` there) of these texts."""
        if parts is None:
            rows = self.grams.rows(vectorizer)
            return rows if self.rows_taken is None else rows.take(self.rows_taken)
        picked = self.picked
        return self.grams.rows(vectorizer, [p if isinstance(p, str) else (picked[p[0]], p[1], p[2]) for p in parts],
                               *options)


class PickedGrams:
    """The featurisation of some documents' content paragraphs taken from the featurisation of a
    chunk of documents (:func:`share`): ``chars`` and ``words`` as a :class:`DocumentGrams` of
    these paragraphs alone gives them, numbered from 0."""

    def __init__(self, shared: DocumentGrams, picked: list[int], texts: list[str], tokens: list[list[str]]):
        self.shared, self.picked, self.texts, self.tokens = shared, picked, texts, tokens
        self._chars = self._words = None

    @property
    def chars(self) -> _Picked:
        if self._chars is None:
            self._chars = _Picked(self.shared.chars, self.picked, self.texts)
        return self._chars

    @property
    def words(self) -> _Picked:
        if self._words is None:
            self._words = _Picked(self.shared.words, self.picked, self.texts)
        return self._words


def by_lengths(flat, lengths: list[int]) -> list:
    """``flat`` (a list, a range or an array: the items of several documents, one after another)
    cut into each document's part, ``lengths[d]`` items long: the split after one call over a
    chunk's paragraphs."""
    ends = list(accumulate(lengths))
    return [flat[end - n:end] for n, end in zip(lengths, ends)]


def share(docs: list) -> None:
    """Featurise the content paragraphs of several segmented documents once, together: each
    document's :func:`of` is then its part of that one :class:`DocumentGrams`, and
    :func:`of_many` the part of any of them."""
    shared = DocumentGrams([t for d in docs for t in d.texts], [t for d in docs for t in d.tokens])
    for d, picked in zip(docs, by_lengths(range(len(shared.texts)), [len(d.texts) for d in docs])):
        d.features["grams"] = PickedGrams(shared, list(picked), d.texts, d.tokens)


def of(doc) -> DocumentGrams | PickedGrams:
    """The shared featurisation of a segmented :class:`~analyzer.document.Document`'s content
    paragraphs, made on first use and kept on the document (``doc.features["grams"]``), or its
    part of several documents' (:func:`share`)."""
    grams = doc.features.get("grams")
    if grams is None or grams.texts is not doc.texts or grams.tokens is not doc.tokens:
        grams = doc.features["grams"] = DocumentGrams(doc.texts, doc.tokens)
    return grams


def of_many(docs: list) -> DocumentGrams | PickedGrams:
    """The featurisation of the content paragraphs of ``docs``, in order: their parts of the one
    they share (:func:`share`), or one made for them (read on first use)."""
    parts = [of(d) for d in docs]
    if len(parts) == 1:
        return parts[0]
    shared = {id(p.shared) if isinstance(p, PickedGrams) else None for p in parts}
    texts, tokens = [t for d in docs for t in d.texts], [t for d in docs for t in d.tokens]
    if len(shared) == 1 and None not in shared:
        return PickedGrams(parts[0].shared, [i for p in parts for i in p.picked], texts, tokens)
    return DocumentGrams(texts, tokens)


def decision(model, X) -> np.ndarray:
    """``model.decision_function(X)`` of a fitted linear model, as one sparse-dense product."""
    weights, intercept = _weights([model])
    return _product(X, weights) + intercept


def _product(X, weights: np.ndarray) -> np.ndarray:
    """``X @ weights`` as a dense array; :class:`Rows` and :class:`Blocks` are multiplied without a
    scipy matrix."""
    return X.dot(weights) if isinstance(X, (Rows, Blocks)) else np.asarray(X @ weights)


_WEIGHTS: dict = {}  # ids of the models' coef_ and intercept_ -> (those arrays, weights, intercepts)


def _weights(models: list) -> tuple[np.ndarray, np.ndarray]:
    """The coefficients of fitted linear models as one C-ordered (features × models) matrix,
    which a sparse product reads without copying, and their intercepts; stacked once per set
    of fitted arrays (the entry holds the arrays, so their ids stay theirs)."""
    key = tuple((id(m.coef_), id(m.intercept_)) for m in models)
    found = _WEIGHTS.get(key)
    if found is None:
        if len(_WEIGHTS) >= 64:
            _WEIGHTS.clear()
        found = _WEIGHTS[key] = ([(m.coef_, m.intercept_) for m in models],
                                 np.ascontiguousarray(np.vstack([m.coef_ for m in models]).T),
                                 np.concatenate([m.intercept_ for m in models]))
    return found[1], found[2]


def probabilities(models: list, X) -> np.ndarray:
    """P(positive class) of several fitted binary classifiers over the same rows, one column per
    model: logistic regressions stacked into one matrix product, any other classifier by
    :func:`positive_proba`."""
    from sklearn.linear_model import LogisticRegression

    if all(type(m) is LogisticRegression for m in models):
        weights, intercept = _weights(models)
        return _expit(_product(X, weights) + intercept)
    return np.column_stack([positive_proba(m, X) for m in models])


def positive_proba(model, X) -> np.ndarray:
    """P(positive class) of one fitted binary classifier: a logistic regression, or a
    logistic regression Platt-calibrated on out-of-fold scores (``CalibratedClassifierCV``,
    ``method="sigmoid"``, ``ensemble=False``), computed directly; any other classifier by its
    own ``predict_proba``."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    if type(model) is LogisticRegression:
        return _expit(decision(model, X)[:, 0])
    if type(model) is CalibratedClassifierCV and model.method == "sigmoid" \
            and len(model.calibrated_classifiers_) == 1 and type(model.estimator) is LogisticRegression:
        calibrated = model.calibrated_classifiers_[0]
        platt = calibrated.calibrators[0]
        p = _expit(-(platt.a_ * decision(calibrated.estimator, X)[:, 0] + platt.b_))
        p[(1.0 < p) & (p <= 1.0 + 1e-5)] = 1.0
        return p
    return model.predict_proba(X.matrix() if isinstance(X, (Rows, Blocks)) else X)[:, 1]


def multinomial(model, X) -> np.ndarray:
    """``model.predict_proba(X)`` of a fitted multinomial logistic regression (softmax)."""
    z = decision(model, X)
    if z.shape[1] == 1:
        p = _expit(z[:, 0])
        return np.column_stack([1 - p, p])
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _expit(z: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(z)


def side_by_side(blocks: list) -> csr_matrix:
    """Row-aligned blocks (CSR matrices, :class:`Rows` or dense 2-d arrays) as one CSR matrix, the
    columns of each block after those of the one before: what
    ``scipy.sparse.hstack(blocks).tocsr()`` gives, in one NumPy pass (no COO round trip per
    document)."""
    return side_by_side_rows(blocks).matrix()


def side_by_side_rows(blocks: list) -> Rows:
    """:func:`side_by_side` as :class:`Rows`."""
    parts = [_as_rows(b) for b in blocks]
    n = parts[0].shape[0]
    counts = [np.diff(p.indptr) for p in parts]
    indptr = np.concatenate([[0], np.cumsum(np.sum(counts, axis=0))]).astype(np.int64)
    data = np.empty(indptr[-1])
    indices = np.empty(indptr[-1], dtype=np.int64)
    filled = indptr[:-1].copy()  # next free slot of every row
    offset = 0
    for part, count in zip(parts, counts):
        rows = np.repeat(np.arange(n), count)
        slots = filled[rows] + (np.arange(len(part.data)) - part.indptr[rows])
        data[slots] = part.data
        indices[slots] = part.indices + offset
        filled += count
        offset += part.shape[1]
    return Rows(data, indices, indptr, (n, offset))


def _as_rows(block) -> Rows:
    """A CSR matrix or :class:`Rows` as it is; a dense array as its non-zero cells row by row
    (what ``csr_matrix(block)`` keeps)."""
    if isinstance(block, Rows):
        return block
    if isinstance(block, csr_matrix) or hasattr(block, "indptr"):
        return Rows(block.data, block.indices, block.indptr, block.shape)
    dense = np.atleast_2d(np.asarray(block, dtype=float))
    kept = dense != 0
    indptr = np.concatenate([[0], np.cumsum(kept.sum(axis=1))])
    return Rows(dense[kept], np.nonzero(kept)[1], indptr, dense.shape)


def _csr(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> csr_matrix:
    """``csr_matrix((data, indices, indptr), shape=shape)``, its index arrays given as the 32-bit
    integers scipy would turn them into anyway (scipy otherwise reads every index to learn
    that they fit)."""
    if max(shape[1], len(data)) < np.iinfo(np.int32).max:
        indices, indptr = indices.astype(np.int32, copy=False), indptr.astype(np.int32, copy=False)
    return csr_matrix((data, indices, indptr), shape=shape)
