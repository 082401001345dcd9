"""Stage 2: words and sentences of every content paragraph.

The words are jieba's (:func:`load_segmenter`), from one call over the content paragraphs joined by
line breaks (:func:`paragraph_words`): jieba never joins characters across a line break, so the
words of a paragraph are those :func:`tokenize` gives for it alone. The sentences are those of the
one splitter every stage uses (:func:`sentence_spans`), found once over the same joined text.
The spaCy pipeline holds the same segmenter: :func:`get_nlp` is ``spacy.blank("zh")`` whose
tokenizer is :class:`WordTokenizer` and whose one component, :func:`zh_sentences`, sets the
splitter's sentence starts, so the ``Doc`` of a document (``Document.spacy``, made when first
asked for: :func:`document_doc`) has the stage's words and sentences. No stage reads the ``Doc``,
and making it (the words' vocabulary ids, the tokens, the sentence starts) costs about half again
the segmenter's own time, so the segment stage does not make it. Nothing heavy is imported until
it is used: the CLI answers ``--help`` or a missing file without loading spaCy or NumPy.

The words are exactly ``jieba.lcut`` with the domain dictionary (``data/userdict.txt``):
:class:`FastJieba` computes them with the C++ word graph of ``jieba_fast_dat`` and jieba's own
rules around it; without that package the pure-Python jieba does the work (:func:`load_segmenter`).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache, partial
from pathlib import Path

from .resources import DATA_DIR

# a sentence without the blanks around it: from a non-blank character up to its run of terminators, else
# up to its last non-blank character before a line break; a run of terminators after blanks alone
_SENTENCE = re.compile(r"[^。！？；!?;\s](?:[^。！？；!?;\n]*[。！？；!?;]+|(?:[^。！？；!?;\n]*[^。！？；!?;\s])?)"
                       r"|(?<=[^\S\n])[。！？；!?;]+")
# every blank but the line break (str.isspace; none above U+3000)
_OTHER_BLANK = re.compile("[" + re.escape("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")) + "]")


def zh_sentences(doc):
    """spaCy component: the sentence starts of :func:`sentence_spans` (after 。！？；!?; and at
    every line break), written in one ``from_array`` call (setting ``token.is_sent_start`` one
    token at a time re-checks the whole document each time: quadratic). Blanks and stray
    terminators between sentences stay with the sentence before them; a first token that starts
    no sentence is marked so (``is_sent_start`` False)."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    spans = sentence_spans(doc_text(doc))
    if not len(doc):
        return doc
    not_start = numpy.uint64(2**64 - 1)  # SENT_START -1 ("not a start") as spaCy stores it
    starts = numpy.full((len(doc), 1), not_start, dtype="uint64")
    first_chars = [a for a, _ in spans]
    if first_chars:  # the token holding each sentence's first character
        starts[numpy.searchsorted(doc.to_array(IDX), first_chars, side="right") - 1, 0] = 1
    doc.from_array([SENT_START], starts)
    return doc


def doc_text(doc) -> str:
    """The text of a ``Doc``: kept by :class:`WordTokenizer` (spaCy's ``Doc.text`` joins every
    token anew at each call)."""
    return doc.user_data.get("text") or doc.text


@lru_cache(maxsize=1)
def load_jieba():
    """The global pure-Python jieba, initialised once, with the domain user dictionary: the
    fallback of :func:`load_segmenter`, the benchmarks' baseline, and ``jieba.posseg``'s
    dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.load_userdict(str(DATA_DIR / "userdict.txt"))
    return jieba


# jieba's one-character blocks: the characters its block pattern (``jieba.re_han_default``) takes
# besides the Han range U+4E00–U+9FD5
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


class FastJieba:
    """``jieba.lcut`` with the domain dictionary, word for word, on the C++ engine of
    ``jieba_fast_dat`` (about eight times faster than jieba).

    The engine builds jieba's word graph and best route from jieba's own ``dict.txt`` plus the
    user dictionary (added word by word, with the total frequency counted as jieba counts it), and
    cuts without its hidden Markov model, which differs from jieba's on characters the model has
    never seen (traditional characters) and on numbers (2.3, 95%). The rest is jieba's own rule,
    applied here: consecutive one-character words of a block (Han characters and
    ``a-zA-Z0-9+#&._%-``) are collected; a run of one character stays, a run that is a dictionary
    word is cut into characters, any other run goes to jieba's hidden Markov model
    (``jieba.finalseg``, results cached); jieba's whitespace token ``\\r\\n`` is restored.

    One assumption makes the engine's output readable this way: no dictionary word is made of
    ASCII letters and digits only (the engine joins runs of such one-character words, so such a
    word could not be told from a run); :func:`load_segmenter` checks it and otherwise uses jieba.
    ``tests/test_wordseg.py`` compares the two on every text in the repository.
    """

    def __init__(self, userdict: Path):
        import jieba
        import jieba.finalseg
        from jieba_fast_dat._jieba_fast_dat_functions_py3 import _cut_internal_cpp, _get_freq

        self._dat = _main_trie(Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
        total = self._dat.total_freq
        for word, freq, tag in user_words(userdict):
            self._dat.add_word(word, freq, tag)
            total += freq  # jieba adds every user word's frequency, also of a word it knew
        self._cut = _cut_internal_cpp
        self._total = float(total)
        word_freq = partial(_get_freq, self._dat)
        # jieba's words for a run of one-character words (of two characters or more), remembered: a
        # dictionary word is cut into its characters, any other run goes to jieba's hidden Markov model
        self._run_words = lru_cache(maxsize=1 << 16)(
            lambda run: tuple(run) if word_freq(run) else tuple(jieba.finalseg.cut(run)))

    def lcut(self, text: str) -> list[str]:
        """The words of ``text``, equal to ``jieba.lcut(text)`` with the domain dictionary."""
        out: list[str] = []
        run = ""
        run_words = self._run_words
        for w in self._cut(self._dat, text, self._total, False):
            if len(w) == 1:
                if "\u4e00" <= w <= "\u9fd5" or w in _BLOCK_ASCII:
                    run += w
                    continue
            elif w.isascii() and w.isalnum():  # the engine's join of one-character words
                run += w
                continue
            if run:
                if len(run) == 1:
                    out.append(run)
                else:
                    out += run_words(run)
                run = ""
            if w == "\n" and out and out[-1] == "\r":
                out[-1] = "\r\n"
            else:
                out.append(w)
        if run:
            out += run_words(run) if len(run) > 1 else (run,)
        return out


def _main_trie(path: Path):
    """The engine's word graph of jieba's main dictionary: built from ``path`` (about a second)
    and kept in the temporary folder under a name of the file's path, size, time and the engine's
    version, written to a private file first and then renamed into place, so that workers starting
    together never read a half-written one (the engine's own cache is keyed by the path alone and
    written in place)."""
    import os
    import tempfile

    from jieba_fast_dat._jieba_fast_dat_functions_py3 import DatTrie, load_main_dict_from_path_pybind

    cache = trie_cache(path)
    dat = DatTrie()
    try:
        if cache.is_file() and dat.load_all(str(cache)) == 0:
            return dat
    except Exception:  # an unreadable cache is built again
        pass
    dat = DatTrie()
    load_main_dict_from_path_pybind(dat, str(path), {})
    part = None
    try:
        fd, part = tempfile.mkstemp(dir=cache.parent, prefix=cache.name + ".")
        os.close(fd)
        if dat.save_all(part) != 0:
            raise OSError(f"cannot write {part}")
        os.replace(part, cache)
    except OSError:  # no writable temporary folder: built again at the next start
        if part:
            Path(part).unlink(missing_ok=True)
    return dat


def trie_cache(path: Path) -> Path:
    """Where :func:`_main_trie` keeps the word graph of the dictionary file ``path``."""
    import hashlib
    import tempfile

    import jieba_fast_dat

    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{jieba_fast_dat.__version__}"
    return Path(tempfile.gettempdir()) / f"jingzi-jieba-dat.{hashlib.sha256(key.encode()).hexdigest()[:24]}"


def user_words(path: Path) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) of each line of a jieba user dictionary, read as jieba reads it;
    a line without a frequency is refused (jieba would guess one from its current state)."""
    import jieba

    words = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        word, freq, tag = jieba.re_userdict.match(line).groups()
        if freq is None:
            raise ValueError(f"{path.name}:{n}: no frequency for {word!r}")
        words.append((word, int(freq), (tag or "").strip()))
    return words


@lru_cache(maxsize=1)
def load_segmenter():
    """The word segmenter of the pipeline (``.lcut(text)``): :class:`FastJieba` when
    ``jieba_fast_dat`` is importable and no user word is all ASCII letters and digits, else the
    pure-Python jieba (:func:`load_jieba`); both give the same words."""
    userdict = DATA_DIR / "userdict.txt"
    if any(w.isascii() and w.isalnum() for w, _, _ in user_words(userdict)):
        return load_jieba()
    try:
        return FastJieba(userdict)
    except ImportError:  # jieba_fast_dat not installed (or without the engine function used here)
        return load_jieba()


class WordTokenizer:
    """spaCy tokenizer: the words of :func:`load_segmenter`, blanks kept as spaCy keeps them (a
    space right after a word becomes the word's trailing space, other blanks are tokens), the
    result of spaCy's ``get_words_and_spaces`` computed in one pass (the words tile the text); a
    text whose only blanks are single line breaks gives the segmenter's words as they are. The
    segmenter's words are kept as ``doc.user_data["words"]`` (and the text as ``"text"``). The
    ``Doc`` is given the words' ids in the vocabulary (:meth:`_ids`), which it reads without hashing
    each word again."""

    MAX_IDS = 1 << 18  # words whose id is kept; more and the table starts again

    def __init__(self, vocab):
        self.vocab = vocab
        self.segmenter = load_segmenter()
        self._known: dict[str, int] = {}

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words = self.segmenter.lcut(text)
        if _other_blanks(text):
            doc_words, spaces = self._words_and_spaces(words)
        else:  # each blank word is a line break of its own: the words as they are, no space after any
            doc_words, spaces = words, [False] * len(words)
        doc = Doc(self.vocab, words=self._ids(doc_words), spaces=spaces)
        doc.user_data["text"] = text
        doc.user_data["words"] = words
        return doc

    def _ids(self, words: list[str]) -> list[int]:
        """The vocabulary's id (its string store's hash) of each word; a word not seen yet is added
        to the string store, as spaCy itself adds it on making its lexeme."""
        try:
            return list(map(self._known.__getitem__, words))
        except KeyError:
            if len(self._known) > self.MAX_IDS:
                self._known.clear()
            add = self.vocab.strings.add
            for w in set(words).difference(self._known):
                self._known[w] = add(w)
            return list(map(self._known.__getitem__, words))

    def _words_and_spaces(self, words: list[str]) -> tuple[list[str], list[bool]]:
        out: list[str] = []
        spaces: list[bool] = []
        blank = ""
        for w in words:
            if w.isspace():
                blank += w
                continue
            if blank:
                self._blank(blank, out, spaces)
                blank = ""
            out.append(w)
            spaces.append(False)
        if blank:
            self._blank(blank, out, spaces)
        return out, spaces

    @staticmethod
    def _blank(blank: str, words: list[str], spaces: list[bool]) -> None:
        if words and blank[0] == " ":
            spaces[-1] = True
            blank = blank[1:]
        if blank:
            words.append(blank)
            spaces.append(False)


@lru_cache(maxsize=1)
def get_nlp():
    """``spacy.blank("zh")`` with :class:`WordTokenizer` (the domain dictionary's jieba words),
    then the sentence starts of :func:`sentence_spans` (component ``zh_sentences``)."""
    import spacy
    from spacy.language import Language

    Language.component("zh_sentences", func=zh_sentences)
    nlp = spacy.blank("zh")
    nlp.tokenizer = WordTokenizer(nlp.vocab)
    nlp.add_pipe("zh_sentences")
    return nlp


def document_doc(texts: list[str]):
    """One spaCy ``Doc`` (:func:`get_nlp`) of ``texts`` joined by line breaks."""
    return get_nlp()("\n".join(texts))


def paragraph_words(texts: list[str]) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
    """The words of each text, blanks dropped, and its sentences (:func:`sentence_spans`, offsets
    in the text), from one segmenter call and one split of ``texts`` joined by line breaks: the
    words are split at the line breaks (jieba gives each line break as a word of its own, so the
    words of a text are those :func:`tokenize` gives it alone), the sentences likewise (none of them
    crosses a line break). Texts holding a line break or a carriage return themselves are segmented
    and split one by one."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") >= len(texts) or "\r" in joined:  # a text holds one itself
        return [tokenize(t) for t in texts], [sentence_spans(t) for t in texts]
    words = load_segmenter().lcut(joined)
    sentences = _sentences_of_texts(sentence_spans(joined), texts)
    if _other_blanks(joined):
        return _lines_of_words(words), sentences
    out, start = [], 0
    for _ in range(len(texts) - 1):  # the only blank words are the line breaks between the texts
        end = words.index("\n", start)
        out.append(words[start:end])
        start = end + 1
    out.append(words[start:])
    return out, sentences


def _sentences_of_texts(spans: list[tuple[int, int]], texts: list[str]) -> list[list[tuple[int, int]]]:
    """The sentence spans of ``texts`` joined by line breaks, per text and from the text's start."""
    out: list[list[tuple[int, int]]] = [[]]
    base, end = 0, len(texts[0])  # the current text's span in the joined text
    for a, b in spans:
        while a > end:
            base = end + 1
            end = base + len(texts[len(out)])
            out.append([])
        out[-1].append((a - base, b - base))
    out += [[] for _ in range(len(texts) - len(out))]
    return out


def _lines_of_words(words: list[str]) -> list[list[str]]:
    """Non-blank words split at every line break (a blank word may hold several, or none)."""
    out, line = [], []
    for word in words:
        if not word.isspace():
            line.append(word)
            continue
        for _ in range(word.count("\n")):
            out.append(line)
            line = []
    out.append(line)
    return out


def tokenize(text: str) -> list[str]:
    """Words of ``text`` alone: jieba's words without the blank ones."""
    return [w for w in load_segmenter().lcut(text) if w.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, the one sentence splitter of every stage: a
    sentence ends after its run of 。！？； (and their ASCII forms !?;) or at a line break, and
    is stripped of surrounding blanks.

    >>> [(s, e) for s, e in sentence_spans("4.奢靡之风方面。在这方面没有发现明显问题")]
    [(0, 9), (9, 21)]
    """
    return [m.span() for m in _SENTENCE.finditer(text)]


def _other_blanks(text: str) -> bool:
    """Whether ``text`` holds a blank besides single line breaks between two non-blank words."""
    return "\n\n" in text or _OTHER_BLANK.search(text) is not None
