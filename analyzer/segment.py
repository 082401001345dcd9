"""Stage 2: words and sentences, on one spaCy ``Doc`` per document.

:func:`get_nlp` is ``spacy.blank("zh")`` whose tokenizer is jieba with the domain dictionary
(:func:`load_jieba`, loaded once per process) and whose one component, :func:`zh_sentences`,
sets the sentence starts of the one splitter every stage uses (:func:`sentence_spans`). The
pipeline makes one ``Doc`` of the content paragraphs joined by line breaks (:func:`document_doc`)
and reads each paragraph's words and sentences back from it by character offsets
(:func:`read_paragraphs`): jieba never joins characters across a line break, so the words of a
paragraph are those :func:`tokenize` gives for it alone. Nothing heavy is imported until it is
used: the CLI answers ``--help`` or a missing file without loading spaCy or NumPy.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from .resources import DATA_DIR

SENTENCE_END = frozenset("。！？；!?;\n")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


def zh_sentences(doc):
    """spaCy component: the sentence starts of :func:`sentence_spans` (after 。！？；!?; and at
    every line break), written in one ``from_array`` call (setting ``token.is_sent_start`` one
    token at a time re-checks the whole document each time: quadratic). Blanks and stray
    terminators between sentences stay with the sentence before them; a first token that starts
    no sentence is marked so (``is_sent_start`` False)."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return doc
    not_start = numpy.uint64(2**64 - 1)  # SENT_START -1 ("not a start") as spaCy stores it
    starts = numpy.full((len(doc), 1), not_start, dtype="uint64")
    first_chars = [a for a, _ in sentence_spans(doc.text)]
    if first_chars:  # the token holding each sentence's first character
        starts[numpy.searchsorted(doc.to_array(IDX), first_chars, side="right") - 1, 0] = 1
    doc.from_array([SENT_START], starts)
    return doc


@lru_cache(maxsize=1)
def load_jieba():
    """The global jieba tokenizer, initialised once, with the domain user dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(DATA_DIR / "userdict.txt"))
    return jieba


@lru_cache(maxsize=1)
def get_nlp():
    """``spacy.blank("zh")``: jieba with the domain dictionary as the tokenizer, then the
    sentence starts of :func:`sentence_spans` (component ``zh_sentences``)."""
    import spacy
    from spacy.language import Language

    load_jieba()
    Language.component("zh_sentences", func=zh_sentences)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_sentences")
    return nlp


def document_doc(texts: list[str]):
    """One spaCy ``Doc`` (:func:`get_nlp`) of ``texts`` joined by line breaks, and the offset of
    each text in it."""
    offsets, at = [], 0
    for t in texts:
        offsets.append(at)
        at += len(t) + 1
    return get_nlp()("\n".join(texts)), offsets


def read_paragraphs(doc, offsets: list[int]) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
    """Words (blanks dropped) and sentences ((start, end) in the paragraph) of each paragraph of
    ``doc``, paragraph ``k`` starting at character ``offsets[k]`` and ending before the next one's
    line break. A sentence runs from its start token to the next start or the paragraph's end,
    cut at a line break and stripped of trailing blanks: :func:`sentence_spans` of the paragraph."""
    text = doc.text
    ends = [b - 1 for b in offsets[1:]] + [len(text)]
    words: list[list[str]] = [[] for _ in offsets]
    firsts: list[list[int]] = [[] for _ in offsets]
    k = 0
    for token in doc:
        at = token.idx
        while at >= ends[k] + 1 and k + 1 < len(offsets):
            k += 1
        if at >= ends[k]:  # the line break after the paragraph
            continue
        word = token.text
        if word.strip():
            words[k].append(word)
        if token.is_sent_start:
            firsts[k].append(at)
    sentences = []
    for k, starts in enumerate(firsts):
        spans = []
        for a, b in zip(starts, starts[1:] + [ends[k]]):
            s = text[a:b].split("\n", 1)[0].rstrip()
            spans.append((a - offsets[k], a - offsets[k] + len(s)))
        sentences.append(spans)
    return words, sentences


def tokenize(text: str) -> list[str]:
    """Words of ``text`` alone: jieba's words without the blank ones (the words
    :func:`read_paragraphs` reads for ``text`` as a paragraph of a document's ``Doc``)."""
    return [w for w in load_jieba().cut(text) if w.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, the one sentence splitter of every stage: a
    sentence ends after its run of 。！？； (and their ASCII forms !?;) or at a line break, and
    is stripped of surrounding blanks.

    >>> [(s, e) for s, e in sentence_spans("4.奢靡之风方面。在这方面没有发现明显问题")]
    [(0, 9), (9, 21)]
    """
    out = []
    for m in _SENTENCE.finditer(text):
        s = m.group(0)
        if s.strip():
            start = m.start() + len(s) - len(s.lstrip())
            out.append((start, start + len(s.strip())))
    return out
