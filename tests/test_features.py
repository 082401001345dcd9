"""The shared featurisation (analyzer/features.py) gives exactly what scikit-learn gives."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analyzer import features
from analyzer.features import (Rows, multinomial, positive_proba, probabilities, side_by_side,
                               side_by_side_rows, tfidf, tfidf_rows)
from analyzer.segment import tokenize

from .conftest import GOOD

PARAGRAPHS = [p for p in GOOD.splitlines() if p.strip()] + [
    "", "   ", "会议  太多\t\t，ABC 开会多", "文山會海問題突出，調研走馬觀花。", "Ｗｏｒｄ  混排 English words ok!"]


@pytest.mark.parametrize("settings", [
    {"analyzer": "char", "ngram_range": (1, 4), "min_df": 1, "sublinear_tf": True},
    {"analyzer": "char", "ngram_range": (2, 3), "min_df": 2, "sublinear_tf": True, "max_features": 300},
    {"token_pattern": r"[^ ]+", "ngram_range": (1, 2), "min_df": 1, "sublinear_tf": True},
    {"token_pattern": r"[^ ]+", "min_df": 1, "sublinear_tf": False},
])
def test_tfidf_equals_the_vectorizer(settings):
    words = [" ".join(tokenize(p)) for p in PARAGRAPHS]
    texts = PARAGRAPHS if settings.get("analyzer") == "char" else words
    vec = TfidfVectorizer(**settings).fit(texts[:12])
    unseen = texts[12:] + ["从未见过的字词组合：饕餮、魑魅魍魉"]
    for batch in (texts, unseen, texts[3:4]):
        ours, theirs = tfidf(vec, batch), vec.transform(batch)
        assert ours.shape == theirs.shape
        assert abs(ours - theirs).max() < 1e-12
    assert tfidf(vec, texts).nnz > 0


def test_refitted_vectorizer_is_read_again():
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(["文山会海"])
    assert tfidf(vec, ["会海"]).shape[1] == len(vec.vocabulary_)
    vec.fit(["调研走马观花，文山会海"])
    assert abs(tfidf(vec, ["走马观花"]) - vec.transform(["走马观花"])).max() < 1e-12


def test_stacked_and_multinomial_probabilities_equal_predict_proba():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 5))
    binary = [LogisticRegression().fit(X, X[:, k] > 0) for k in range(3)]
    stacked = probabilities(binary, X)
    assert stacked.shape == (60, 3)
    for k, model in enumerate(binary):
        assert np.allclose(stacked[:, k], model.predict_proba(X)[:, 1], atol=1e-12)
    several = LogisticRegression().fit(X, np.digitize(X[:, 0], [-0.5, 0.5]))
    assert np.allclose(multinomial(several, X), several.predict_proba(X), atol=1e-12)


def test_calibrated_probability_equals_predict_proba():
    from sklearn.calibration import CalibratedClassifierCV

    rng = np.random.default_rng(1)
    X = rng.normal(size=(90, 4))
    y = X[:, 0] + 0.5 * rng.normal(size=90) > 0
    model = CalibratedClassifierCV(LogisticRegression(), method="sigmoid", cv=3, ensemble=False).fit(X, y)
    assert np.allclose(positive_proba(model, X), model.predict_proba(X)[:, 1], atol=1e-12)
    ensemble = CalibratedClassifierCV(LogisticRegression(), method="sigmoid", cv=3).fit(X, y)  # read by sklearn
    assert np.allclose(positive_proba(ensemble, X), ensemble.predict_proba(X)[:, 1], atol=1e-12)


def test_side_by_side_equals_hstack():
    from scipy.sparse import csr_matrix, hstack

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(PARAGRAPHS)
    words = tfidf(vec, PARAGRAPHS)  # has empty rows ("" and blanks)
    dense = np.arange(len(PARAGRAPHS) * 3, dtype=float).reshape(-1, 3) % 4
    ours = side_by_side([words, dense, csr_matrix(dense[:, :1])])
    theirs = hstack([words, csr_matrix(dense), csr_matrix(dense[:, :1])]).tocsr()
    assert ours.shape == theirs.shape
    assert abs(ours - theirs).max() == 0


def test_rows_multiply_to_the_same_bits_as_the_scipy_product():
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).fit(PARAGRAPHS)
    dense = np.arange(len(PARAGRAPHS) * 2, dtype=float).reshape(-1, 2) % 3 - 1.0
    rows = side_by_side_rows([tfidf_rows(vec, PARAGRAPHS), dense])
    assert isinstance(rows, Rows) and abs(rows.matrix() - side_by_side([tfidf(vec, PARAGRAPHS), dense])).max() == 0
    weights = np.random.default_rng(2).normal(size=(rows.shape[1], 4))
    assert np.array_equal(rows.dot(weights), np.asarray(rows.matrix() @ weights))  # equal, not close
    kernel, features.csr_matvecs = features.csr_matvecs, None  # a scipy without the private kernel
    try:
        assert np.array_equal(rows.dot(weights), np.asarray(rows.matrix() @ weights))
    finally:
        features.csr_matvecs = kernel
    y = np.arange(len(PARAGRAPHS)) % 2 == 0
    binary = [LogisticRegression().fit(rows.matrix(), y), LogisticRegression(C=0.1).fit(rows.matrix(), ~y)]
    assert np.array_equal(probabilities(binary, rows), probabilities(binary, rows.matrix()))


def _same(ours: Rows, theirs) -> bool:
    return ours.shape == theirs.shape and abs(ours.matrix() - theirs).max() < 1e-12


def test_char_grams_give_the_rows_of_texts_spans_and_extra_texts():
    from analyzer.features import CharGrams
    from analyzer.segment import sentence_spans

    four = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), min_df=1, sublinear_tf=True).fit(PARAGRAPHS[:12])
    three = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True).fit(PARAGRAPHS)
    # the blank runs and upper case of the last paragraphs move characters when cleaned: read alone
    grams = CharGrams(PARAGRAPHS, [four, three])
    assert not all(grams.in_place) and any(grams.in_place)
    spans = [(i, a, b) for i, t in enumerate(PARAGRAPHS) for a, b in sentence_spans(t)]
    for vec in (four, three):
        assert _same(grams.rows(vec, spans), vec.transform([PARAGRAPHS[i][a:b] for i, a, b in spans]))
        whole = [(i, 0, len(t)) for i, t in enumerate(PARAGRAPHS)]
        assert _same(grams.rows(vec, whole), vec.transform(PARAGRAPHS))
        mixed = [spans[3], "会海问题", spans[0], spans[-1]]  # any order; a string is a text of its own
        expected = [t if isinstance(t, str) else PARAGRAPHS[t[0]][t[1]:t[2]] for t in mixed]
        assert _same(grams.rows(vec, mixed), vec.transform(expected))
    assert grams.rows(four, spans).matrix().nnz > 0


def test_word_grams_give_the_rows_of_token_lists_and_of_the_tokens_in_spans():
    from analyzer.features import WordGrams
    from analyzer.segment import sentence_spans

    tokens = [tokenize(p) for p in PARAGRAPHS] + [["会议", "太多"], ["Ａ B", "文山会海"], ["", " ", "调研"]]
    texts = PARAGRAPHS + ["会议 太多", "Ａ B文山会海", " 调研"]  # the first is not its tokens joined
    joined = [" ".join(t) for t in tokens]
    vec = TfidfVectorizer(token_pattern=r"[^ ]+", min_df=1, sublinear_tf=True).fit(joined)
    pairs = TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(joined[:12])
    words = WordGrams(texts, tokens, [vec, pairs])
    assert _same(words.rows(vec), vec.transform(joined))
    assert _same(words.rows(pairs), pairs.transform(joined))  # bigrams across a token of two words too
    skip = frozenset({"问题", "会议"})
    spans = [(i, a, b) for i, t in enumerate(texts) for a, b in sentence_spans(t)]
    expected = []
    for i, a, b in spans:
        pos, kept = 0, []
        for tok in tokens[i]:  # a token belongs to the sentence it starts in
            at = texts[i].find(tok, pos)
            if at >= 0:
                pos = at + len(tok)
                if a <= at < b and tok not in skip:
                    kept.append(tok)
        expected.append(" ".join(kept))
    assert _same(words.rows(vec, spans, skip), vec.transform(expected))
    with pytest.raises(ValueError):
        words.rows(pairs, spans)


def test_grams_read_the_texts_again_for_a_vectorizer_registered_after_them():
    """A document's n-grams found before a model's vocabulary registered (its characters and words
    had no id yet) are found again when that model asks for its rows."""
    from analyzer.features import DocumentGrams

    texts = PARAGRAPHS[:6] + ["夔纹鼎上鼋鼍蟠绕", "鼋鼍夔纹"]  # characters no other vocabulary holds
    tokens = [tokenize(p) for p in texts]
    joined = [" ".join(t) for t in tokens]
    grams = DocumentGrams(texts, tokens)
    assert grams.chars.n_texts == grams.words.n_texts == len(texts)  # read before the vocabularies exist
    chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(texts)
    words = TfidfVectorizer(token_pattern=r"[^ ]+", ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(joined)
    assert _same(grams.chars.rows(chars), chars.transform(texts))
    assert _same(grams.words.rows(words), words.transform(joined))
    assert grams.chars.rows(chars).matrix()[6:].nnz >= 8


@pytest.mark.parametrize("private_table", [True, False])
def test_the_union_hash_table_finds_every_key_and_nothing_else(monkeypatch, private_table):
    import weakref

    from analyzer import features
    from analyzer.features import _Union

    if not private_table:  # a pandas without its private hash table: the public index answers the same
        monkeypatch.setattr(features, "UInt64HashTable", None)
    rng = np.random.default_rng(3)
    keys = np.unique(np.concatenate([rng.integers(1, 2 ** 62, 5000), np.arange(1, 3000)]).astype(np.uint64))
    union = _Union(0, keys, weakref.WeakKeyDictionary())
    asked = np.concatenate([keys[rng.permutation(len(keys))], rng.integers(1, 2 ** 62, 3000).astype(np.uint64),
                            np.arange(2990, 3100, dtype=np.uint64), keys[:5]])
    at = np.minimum(np.searchsorted(keys, asked), len(keys) - 1)
    assert np.array_equal(union.find(asked), np.where(keys[at] == asked, at, -1))
    assert (_Union(0, keys[:0], weakref.WeakKeyDictionary()).find(asked) == -1).all()


def test_lexicon_counts_of_a_documents_paragraphs_equal_each_paragraphs_counts():
    from analyzer.resources import forget_matches
    from analyzer.structure import _role_lexicons
    from analyzer.summary import cue_lexicons

    paragraphs = GOOD.split("\n") + [
        "今年以来，我局完成培训3次，整改问题12个，群众满意度达到95%。",
        "主要是工作忙、任务重，基础条件比较差，理想信念有所淡化。",
        "2024年3月底前完成整改，建立长效机制。",
        "",
    ]
    for lexicons in (_role_lexicons(), cue_lexicons()):
        forget_matches()
        found = lexicons.counts_of(paragraphs)
        expected = [lexicons.counts(t) for t in paragraphs]
        assert found == {name: [c[name] for c in expected] for name in lexicons.lexicons}
        assert any(any(column) for column in found.values())
