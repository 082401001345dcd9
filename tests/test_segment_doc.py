"""The pipeline segments through one spaCy Doc per document: its paragraph words and sentences
equal jieba on the paragraph alone and the one sentence splitter, on every sample and corpus text."""

import pytest

from analyzer import ingest
from analyzer.pipeline import Segment, read
from analyzer.resources import DATA_DIR
from analyzer.segment import document_doc, read_paragraphs, sentence_spans, tokenize
from training.corpus import load_corpus

SAMPLES = sorted((DATA_DIR / "samples").iterdir())


def _documents():
    for d in load_corpus():
        yield read(ingest.from_text(d.text, d.id))
    for path in SAMPLES:
        yield read(ingest.read_path(path))


def test_one_doc_per_document_gives_paragraph_words_and_sentences():
    checked = 0
    for doc in _documents():
        Segment().run(doc)
        assert doc.spacy is not None and doc.spacy.has_annotation("SENT_START")
        assert doc.tokens == [tokenize(t) for t in doc.texts], doc.name
        assert doc.sentences == [sentence_spans(t) for t in doc.texts], doc.name
        checked += len(doc.texts)
    assert checked > 1000


@pytest.mark.parametrize("texts", [
    ["；一、存在的问题。。主要是：", "", "  学习不够深入！？ 调研不够。", "。", "2023年 12 月，班子成员\u3000谈心谈话"],
    ["。！", "四风问题方面;形式主义 官僚主义!"],
    [""],
])
def test_awkward_paragraphs_read_back_like_the_splitter(texts):
    spacy_doc, offsets = document_doc(texts)
    words, sentences = read_paragraphs(spacy_doc, offsets)
    assert words == [tokenize(t) for t in texts]
    assert sentences == [sentence_spans(t) for t in texts]
    assert spacy_doc.text == "\n".join(texts)


def test_sentences_hang_on_the_spacy_doc():
    spacy_doc, _ = document_doc(["在理论学习方面。学习不够深入！", "在调查研究方面"])
    assert [s.text.strip() for s in spacy_doc.sents] == ["在理论学习方面。", "学习不够深入！", "在调查研究方面"]
