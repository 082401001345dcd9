"""The steps that run once over a chunk of documents (speed, issue 14) give each document what it
gets alone: the boilerplate sentences of depth, the role lexicons' counts and the Viterbi paths of
structure, and the split of what one call found back into documents."""
from __future__ import annotations

import itertools

import numpy as np

from analyzer import features, structure
from analyzer.depth import problem_sentences
from analyzer.ingest import from_text

from .conftest import GOOD, WEAK

STOCK = """XX局副局长个人对照检查材料
一、存在的问题
（一）形式主义方面。理论学习不够系统深入。调查研究不够深入，工作作风不够扎实。
（二）官僚主义方面。去年3月到联系村调研只去了2次，群众反映的道路硬化问题拖了半年没有解决。
二、原因分析
宗旨意识有所淡化。
三、整改措施
2024年6月底前走遍全乡12个村。
"""
TEXTS = [GOOD, STOCK, WEAK, GOOD.replace("会议", "会")]


def test_the_boilerplate_of_a_chunk_is_each_documents_own(analyzer):
    """Depth's boilerplate sentences of a chunk, matched in one product, are those each document
    gets alone from its own featurisation."""
    sources = [from_text(text, f"b{k}.txt") for k, text in enumerate(TEXTS)]
    chunk = analyzer.analyse_chunk(sources, [None] * len(sources), skip={"depth"})
    alone = [analyzer.document(source, skip={"depth"}) for source in sources]
    expected = []
    for doc in alone:
        spans = problem_sentences(doc.texts, doc.roles, doc.sentences)
        expected.append(analyzer.boilerplate.match([doc.texts[i][a:b] for i, a, b in spans], spans,
                                                   features.of(doc).chars))
    assert analyzer.boilerplate.match_many(chunk) == expected
    assert any(s.startswith("理论学习不够系统深入") for s, _, _ in expected[1])  # the stock document's


def test_role_cue_counts_of_a_chunk_are_each_documents_own():
    documents = [[p for p in text.split("\n") if p] for text in TEXTS]
    counted = structure.cue_counts(documents)
    assert counted == [structure._role_lexicons().counts_of(paragraphs) for paragraphs in documents]
    assert any(n for counts in counted for found in counts.values() for n in found)


def test_viterbi_finds_the_best_path_of_each_sequence_decoded_together(analyzer):
    """Padded sequences decoded together give each sequence's own path (lengths 1 to 40), and on short
    sequences that path is the best of all paths, found by trying every one."""
    model = analyzer.role_model
    trans, start = model.log_trans_, model.log_start_
    rng = np.random.default_rng(14)
    emits = [np.log(rng.dirichlet(np.ones(len(start)), size=n)) for n in (1, 7, 40, 2, 13, 3)]
    paths = structure.viterbi_many(emits, trans, start)
    assert paths == [structure.viterbi(e, trans, start) for e in emits]

    def score(path, emit):
        return start[path[0]] + emit[0, path[0]] + sum(trans[a, b] + emit[t, b]
                                                        for t, (a, b) in enumerate(zip(path, path[1:]), 1))

    for path, emit in zip(paths, emits):
        if len(emit) <= 3:
            best = max(itertools.product(range(len(start)), repeat=len(emit)), key=lambda p: score(p, emit))
            assert path == list(best)


def test_by_lengths_cuts_a_list_and_an_array_into_documents():
    assert features.by_lengths(list("abcdef"), [2, 0, 3, 1]) == [["a", "b"], [], ["c", "d", "e"], ["f"]]
    parts = features.by_lengths(np.arange(6), [4, 2])
    assert [p.tolist() for p in parts] == [[0, 1, 2, 3], [4, 5]]


def test_coverage_results_are_cut_into_documents():
    """What coverage found over a chunk, keyed by paragraph (or by paragraph and category), is
    cut into each document's with its paragraphs numbered from 0, in the order found."""
    from analyzer.coverage import by_document

    firsts = [0, 3, 3, 7]  # three documents, the second without paragraphs
    assert by_document({(4, 1): "a", (0, 2): "b", (6, 0): "c", (2, 3): "d"}, firsts) == \
        [{(0, 2): "b", (2, 3): "d"}, {}, {(1, 1): "a", (3, 0): "c"}]
    assert by_document({5: ["x"], 1: ["y"]}, firsts) == [{1: ["y"]}, {}, {2: ["x"]}]
