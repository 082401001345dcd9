"""The pipeline segments each document with one segmenter call over the content paragraphs: the
paragraph words equal jieba on the paragraph alone and the sentences the one splitter, on every
sample and corpus text; the document's spaCy Doc, made when asked for, has the same words and
sentence starts."""

import pytest

from analyzer import ingest
from analyzer.pipeline import Segment, read
from analyzer.resources import DATA_DIR
from analyzer.segment import document_doc, paragraph_words, sentence_spans, tokenize
from training.corpus import load_corpus

SAMPLES = sorted((DATA_DIR / "samples").iterdir())


def _documents():
    for d in load_corpus():
        yield read(ingest.from_text(d.text, d.id))
    for path in SAMPLES:
        yield read(ingest.read_path(path))


def test_one_call_per_document_gives_paragraph_words_and_sentences():
    checked = 0
    for doc in _documents():
        Segment().run(doc)
        assert doc.tokens == [tokenize(t) for t in doc.texts], doc.name
        assert doc.sentences == [sentence_spans(t) for t in doc.texts], doc.name
        checked += len(doc.texts)
    assert checked > 1000


def _doc_paragraphs(spacy_doc, texts):
    """Non-blank words and sentence starts of each text, read back from the spaCy Doc by offset."""
    words, starts, at = [], [], 0
    for t in texts:
        inside = [tok for tok in spacy_doc if at <= tok.idx < at + len(t)]
        words.append([tok.text for tok in inside if tok.text.strip()])
        starts.append([tok.idx - at for tok in inside if tok.is_sent_start])
        at += len(t) + 1
    return words, starts


@pytest.mark.parametrize("texts", [
    ["；一、存在的问题。。主要是：", "", "  学习不够深入！？ 调研不够。", "。", "2023年 12 月，班子成员\u3000谈心谈话"],
    ["。！", "四风问题方面;形式主义 官僚主义!"],
    ["一行\n里有换行", "另一行 \r", "末行"],
    [""],
])
def test_awkward_paragraphs_segment_like_each_alone(texts):
    assert paragraph_words(texts) == ([tokenize(t) for t in texts], [sentence_spans(t) for t in texts])
    if not any("\n" in t or "\r" in t for t in texts):
        spacy_doc = document_doc(texts)
        words, starts = _doc_paragraphs(spacy_doc, texts)
        assert words == [tokenize(t) for t in texts]
        assert starts == [[a for a, _ in sentence_spans(t)] for t in texts]
        assert spacy_doc.text == "\n".join(texts)


def test_the_segment_stage_leaves_the_spacy_doc_to_be_made_when_asked_for():
    doc = read(ingest.from_text("在理论学习方面。学习不够深入！\n在调查研究方面", "x"))
    Segment().run(doc)
    assert doc.spacy_doc is None  # no stage reads the Doc: the segment stage does not make it
    assert doc.tokens == [["在", "理论学习", "方面", "。", "学习", "不够", "深入", "！"], ["在", "调查研究", "方面"]]
    assert doc.spacy is doc.spacy_doc  # made once, then kept
    assert [t.text for t in doc.spacy if not t.is_space] == [w for ws in doc.tokens for w in ws]
    assert [s.text.strip() for s in doc.spacy.sents] == ["在理论学习方面。", "学习不够深入！", "在调查研究方面"]


def test_a_document_not_segmented_gets_its_spacy_doc_on_demand():
    doc = read(ingest.from_text("在理论学习方面。学习不够深入！", "x"))
    assert doc.spacy_doc is None
    assert [t.text for t in doc.spacy] == tokenize("在理论学习方面。学习不够深入！") and doc.spacy is doc.spacy
