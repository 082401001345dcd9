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

:func:`probabilities` is the other half: the logistic regressions evaluated as one matrix
product (all per-category classifiers of a rubric at once), without scikit-learn's per-call
checks; :func:`positive_proba` and :func:`multinomial` do the same for one classifier.

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
from itertools import repeat
from typing import NamedTuple

import numpy as np
from scipy.sparse import csr_matrix

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


@dataclass
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


def _columns(vectorizer) -> _Columns:
    """The vocabulary of a fitted ``TfidfVectorizer`` as n-gram keys (built once per vectorizer;
    under a lock, so that threads serving requests give each character one id)."""
    found = _COLUMNS.get(vectorizer)
    if found is not None and found.vocabulary is vectorizer.vocabulary_:  # not refitted since
        return found
    with _LOCK:
        return _register(vectorizer)


def _register(vectorizer) -> _Columns:
    found = _COLUMNS.get(vectorizer)
    if found is not None and found.vocabulary is vectorizer.vocabulary_:
        return found
    if vectorizer.analyzer not in ("char", "word") or vectorizer.preprocessor or vectorizer.tokenizer \
            or vectorizer.stop_words or vectorizer.strip_accents or not vectorizer.lowercase:
        raise ValueError("only lower-casing char or word TF-IDF vectorizers without custom steps are supported")
    if vectorizer.analyzer == "word" and vectorizer.token_pattern != r"[^ ]+":
        raise ValueError("word vectorizers must split on spaces (token_pattern '[^ ]+')")
    pairs = []
    for term, column in vectorizer.vocabulary_.items():
        parts = list(term) if vectorizer.analyzer == "char" else term.split(" ")
        ids = [ALPHABET.char(c) for c in parts] if vectorizer.analyzer == "char" else [ALPHABET.word(w) for w in parts]
        pairs.append((_pack(ids, vectorizer.analyzer), column))
    pairs.sort()
    keys = np.array([k for k, _ in pairs], dtype=np.uint64)
    columns = np.array([c for _, c in pairs], dtype=np.int64)
    transformer = vectorizer._tfidf
    found = _Columns(vectorizer.analyzer, tuple(vectorizer.ngram_range), keys, columns,
                     transformer.idf_ if transformer.use_idf else None, transformer.sublinear_tf, transformer.norm,
                     len(vectorizer.vocabulary_), vectorizer.vocabulary_)
    _COLUMNS[vectorizer] = found
    return found


def _pack(ids: list[int], analyzer: str) -> int:
    bits = _CHAR_BITS if analyzer == "char" else _WORD_BITS
    key = 0
    for i in ids:
        key = (key << bits) | i
    return key


@dataclass
class Ngrams:
    """The n-gram keys of a list of texts: per n, the key of every n-gram and the text it is in
    (n-grams holding a character or word no vocabulary knows are left out)."""

    n_texts: int
    keys: dict[int, np.ndarray]
    rows: dict[int, np.ndarray]


def _ids_in_texts(ids: np.ndarray, lengths: np.ndarray, n_max: int, bits: int) -> Ngrams:
    """Keys of the n-grams (n ≤ ``n_max``) of texts given as one id array (texts apart by a 0)."""
    row_of = np.repeat(np.arange(len(lengths)), lengths + 1)[:len(ids)]
    keys, rows = {}, {}
    packed = ids.copy()
    known = ids > 0
    for n in range(1, n_max + 1):
        if n > 1:
            m = len(ids) - n + 1
            if m <= 0:
                break
            packed = (packed[:m] << np.uint64(bits)) | ids[n - 1:n - 1 + m]
            known = known[:m] & (ids[n - 1:n - 1 + m] > 0)
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

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``self.matrix() @ weights`` (weights: features × k): the same products, summed per row
        in the same order (scipy's ``csr_matvecs`` adds a row's cells one by one from zero, as
        ``np.bincount`` does), so the same numbers to the last bit."""
        n = self.shape[0]
        rows = np.repeat(np.arange(n), np.diff(self.indptr))
        products = self.data[:, None] * weights[self.indices]
        return np.column_stack([np.bincount(rows, products[:, k], minlength=n) for k in range(weights.shape[1])])


def tfidf(vectorizer, texts: list[str]) -> csr_matrix:
    """``vectorizer.transform(texts)`` for a fitted char or word ``TfidfVectorizer``, from the
    shared n-gram keys of ``texts``."""
    return tfidf_rows(vectorizer, texts).matrix()


def tfidf_rows(vectorizer, texts: list[str]) -> Rows:
    """:func:`tfidf` as :class:`Rows`."""
    cols = _columns(vectorizer)
    low, high = cols.ngram_range
    if cols.analyzer == "char":
        grams = char_ngrams(tuple(texts), 4, ALPHABET.n_chars)
    else:
        grams = word_ngrams(tuple(texts), 2, len(ALPHABET.word_ids))
    ns = [n for n in range(low, high + 1) if n in grams.keys]
    cells = np.zeros(0, dtype=np.int64)  # row * width + column of every n-gram in the vocabulary
    if ns and len(cols.keys):
        found = np.concatenate([grams.keys[n] for n in ns])
        rows = np.concatenate([grams.rows[n] for n in ns])
        at = np.minimum(np.searchsorted(cols.keys, found), len(cols.keys) - 1)
        hit = cols.keys[at] == found
        cells = rows[hit] * cols.width + cols.columns[at[hit]]
    cells, counts = np.unique(cells, return_counts=True)
    rows = cells // cols.width
    data = counts.astype(float)
    if cols.sublinear:
        np.log(data, data)
        data += 1.0
    columns = cells - rows * cols.width
    if cols.idf is not None:
        data *= cols.idf[columns]
    if cols.norm == "l2":
        norms = np.sqrt(np.bincount(rows, weights=data ** 2, minlength=len(texts)))
        norms[norms == 0] = 1.0
        data /= norms[rows]
    elif cols.norm is not None:
        raise ValueError(f"norm {cols.norm!r} is not supported")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
    return Rows(data, columns, indptr, (len(texts), cols.width))


def dict_matrix(vectorizer, rows: list[dict]) -> csr_matrix:
    """``vectorizer.transform(rows)`` for a fitted sparse ``DictVectorizer`` and rows of numeric
    values (names it never saw are left out, zeros kept, columns in order), without
    scikit-learn's per-call checks; a row with a text value goes to ``transform`` itself. Every
    name is looked up in one pass and the cells ordered by row and column in NumPy."""
    values = [value for row in rows for value in row.values()]
    if not vectorizer.sparse or any(isinstance(value, str) for value in values):
        return vectorizer.transform(rows)
    names = [name for row in rows for name in row]
    columns = np.fromiter(map(vectorizer.vocabulary_.get, names, repeat(-1)), dtype=np.int64, count=len(names))
    row_of = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
    known = columns >= 0
    columns, row_of = columns[known], row_of[known]
    order = np.lexsort((columns, row_of))
    data = np.array(values, dtype=vectorizer.dtype)[known][order]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of, minlength=len(rows)))]).astype(np.int64)
    return _csr(data, columns[order], indptr, (len(rows), len(vectorizer.feature_names_)))


def decision(model, X) -> np.ndarray:
    """``model.decision_function(X)`` of a fitted linear model, as one sparse-dense product."""
    weights, intercept = _weights([model])
    return _product(X, weights) + intercept


def _product(X, weights: np.ndarray) -> np.ndarray:
    """``X @ weights`` as a dense array; :class:`Rows` are multiplied without a scipy matrix."""
    return X.dot(weights) if isinstance(X, Rows) else np.asarray(X @ weights)


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
    return model.predict_proba(X.matrix() if isinstance(X, Rows) else X)[:, 1]


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
