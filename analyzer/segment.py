"""Stage 2: words and sentences. jieba with the domain dictionary, loaded once per process
(:func:`load_jieba`); one sentence splitter for every stage (:func:`sentence_spans`).

The pipeline calls jieba directly (:func:`tokenize`); :func:`get_nlp` gives the same
segmentation as a spaCy ``zh`` pipeline, with sentences after 。！？；!?; and line breaks, for
code that wants spaCy objects. Nothing heavy is imported until it is used: the CLI answers
``--help`` or a missing file without loading spaCy or NumPy.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from .resources import DATA_DIR

SENTENCE_END = frozenset("。！？；!?;\n")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


def zh_sentences(doc):
    """spaCy component: start a sentence after 。！？；!?; and after every line break.

    The starts are written in one ``from_array`` call: setting ``token.is_sent_start``
    one token at a time re-checks the whole document each time (quadratic)."""
    import numpy
    from spacy.attrs import SENT_START

    not_start = numpy.uint64(2**64 - 1)  # SENT_START -1 ("not a start") as spaCy stores it
    starts = numpy.empty((len(doc), 1), dtype="uint64")
    start_next = True
    for i, token in enumerate(doc):
        starts[i, 0] = 1 if start_next else not_start
        text = token.text
        start_next = bool(text) and (text[-1] in SENTENCE_END or text.isspace() and "\n" in text)
    if len(doc):
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
    """``spacy.blank("zh")`` with jieba (domain dictionary loaded) and Chinese sentences."""
    import spacy
    from spacy.language import Language

    load_jieba()
    Language.component("zh_sentences", func=zh_sentences)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_sentences")
    return nlp


def tokenize(text: str) -> list[str]:
    """Words of ``text`` as the pipeline segments them: jieba's words without the blank ones
    (the tokens of :func:`get_nlp` that are not spaces, without building spaCy objects)."""
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
