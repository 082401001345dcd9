"""The pipeline's word segmenter gives exactly the words of the pure-Python ``jieba.lcut`` with the
domain dictionary, on every text in the repository; the spaCy tokenizer keeps blanks as spaCy's
own jieba tokenizer does; without ``jieba_fast_dat`` jieba itself does the work."""

import builtins
from pathlib import Path

import pytest

from analyzer import ingest, segment
from analyzer.segment import FastJieba, WordTokenizer, get_nlp, load_jieba, load_segmenter
from training.corpus import DATA_DIR, load_corpus

AWKWARD = [
    "招待费开支2.3万元，同比下降28.6%，完成目标的95%以上。",
    "自律意識放鬆，聯繫轄區中學組織志願者，跟蹤隱患整改。",
    "2023年 12 月，班子成员\u3000谈心谈话\r\n第二段\r\r\n\t末尾 ",
    "AI+政务、C++和C#、e-mail_x、Ｗｉｆｉ覆盖率３．５％",
    "𠀀字、\u9fd6\u9fff、①②、（一）1.1.2、v2.0版本、abc123def",
    "  开头有空格  中间两个空格 结尾一个 ",
    "",
]


def _texts():
    for d in load_corpus():
        yield d.id, d.text
    for path in sorted((DATA_DIR / "samples").iterdir()):
        yield path.name, ingest.read_path(path).text
    for folder in ("kinds", "criticism", "rectification", "opinions", "work_for_style"):
        for path in sorted((DATA_DIR / folder).rglob("*.txt")):
            yield path.name, path.read_text(encoding="utf-8")
    # the real pages (git-ignored cache; absent in a fresh checkout): only words are compared
    for path in sorted((DATA_DIR / "realdocs" / "cache").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for k, text in enumerate(AWKWARD):
        yield f"awkward-{k}", text


@pytest.fixture(scope="module")
def fast():
    pytest.importorskip("jieba_fast_dat")
    return FastJieba(DATA_DIR / "userdict.txt")


def test_fast_engine_gives_jiebas_words_on_every_text(fast):
    jieba = load_jieba()
    checked = 0
    for name, text in _texts():
        assert fast.lcut(text) == jieba.lcut(text), name
        checked += 1
    assert checked > 600  # 651 without the git-ignored real-page cache


def test_fast_engine_keeps_jiebas_numbers_unknown_words_and_domain_words(fast):
    words = fast.lcut("招待费开支2.3万元，增长8.7%。意識放鬆，召开专题民主生活会")
    assert "2.3" in words and "8.7%" in words
    assert words[words.index("意識") + 1:words.index("意識") + 3] == ["放", "鬆"]  # jieba's HMM, not the engine's
    assert "专题民主生活会" in words  # a user-dictionary word


def test_pipeline_uses_the_fast_engine_when_installed():
    pytest.importorskip("jieba_fast_dat")
    assert isinstance(load_segmenter(), FastJieba)


def test_without_the_engine_jieba_segments(monkeypatch):
    real_import = builtins.__import__

    def no_engine(name, *args, **kwargs):
        if name == "jieba_fast_dat":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    load_segmenter.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_engine)
    try:
        assert load_segmenter() is load_jieba()
    finally:
        monkeypatch.undo()
        load_segmenter.cache_clear()


def test_a_user_word_of_ascii_letters_and_digits_sends_segmentation_to_jieba(tmp_path, monkeypatch):
    (tmp_path / "userdict.txt").write_text("民主生活会 20000 n\nPPT 500 n\n", encoding="utf-8")
    monkeypatch.setattr(segment, "DATA_DIR", tmp_path)
    load_segmenter.cache_clear()
    try:
        assert load_segmenter() is load_jieba()
    finally:
        monkeypatch.undo()
        load_segmenter.cache_clear()


def test_a_user_word_without_frequency_is_refused(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text("民主生活会 20000 n\n对照检查\n", encoding="utf-8")
    with pytest.raises(ValueError, match="userdict.txt:2"):
        segment.user_words(path)


@pytest.mark.parametrize("text", AWKWARD + ["\n".join(AWKWARD), " 一 \n\n 二  三\t四 ",
                                  "\n在理论学习方面。\n学习不够深入！\n调研v2.0版\n"])  # line breaks its only blanks
def test_word_tokenizer_keeps_blanks_as_spacys_jieba_tokenizer(text):
    from spacy.util import get_words_and_spaces

    doc = WordTokenizer(get_nlp().vocab)(text)
    words, spaces = get_words_and_spaces([w for w in load_jieba().lcut(text) if w], text)
    assert [t.text for t in doc] == words
    assert [bool(t.whitespace_) for t in doc] == spaces
    assert doc.text == text
    assert doc.user_data["words"] == load_segmenter().lcut(text)


def test_a_damaged_dictionary_cache_is_built_again(tmp_path, monkeypatch):
    import tempfile

    import jieba

    pytest.importorskip("jieba_fast_dat")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cache = segment.trie_cache(Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    assert cache.parent == tmp_path
    text = "招待费开支2.3万元，自律意識放鬆，召开专题民主生活会"
    first = FastJieba(DATA_DIR / "userdict.txt").lcut(text)
    assert cache.is_file() and first == load_jieba().lcut(text)
    cache.write_bytes(b"half a file")
    assert FastJieba(DATA_DIR / "userdict.txt").lcut(text) == first
    assert cache.stat().st_size > 1_000_000  # written again, whole
    assert [p.name for p in tmp_path.iterdir()] == [cache.name]  # no partial file left
