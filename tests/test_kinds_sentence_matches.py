"""Issue 14 (speed): the voice patterns asked of a text's sentences from one literal scan answer as the patterns do.

``kinds.sentence_matches`` cuts each voice pattern into its top-level alternatives and searches an alternative only in
the sentences holding a literal it needs; what it says of a sentence (matched or not, and for the patterns whose match
position is read, where the leftmost match starts) must be the pattern's own answer. Sentences written for these tests
in the shapes of materials, news items and opinion lists."""
from __future__ import annotations

import re

from analyzer.kinds import _ENUMERATOR, _GENRE_NOUN, _LEFTMOST, _ON_HEAD, _ON_TEXT, _TARGET, _voice_patterns, \
    alternatives, sentence_matches, speech

SENTENCES = [
    "一、存在的问题",
    "我在理论学习上存在不够深入的问题，对自己要求不严",
    "班子在落实全面从严治党主体责任方面还有差距",
    "2023年以来，我局共开展培训12次，走访企业36家",
    "3月4日，县委常委会召开专题民主生活会，县委书记主持会议并讲话",
    "会上，班子成员依次作对照检查发言，大家纷纷表示要立行立改",
    "二、对班子的意见建议（9条）：",
    "群众反映，班子成员下基层少，调研不够深入",
    "分管就业的副局长：希望多到企业走一走",
    "建议班子进一步加强作风建设",
    "党员们分别就自身存在的问题作了剖析",
    "现将有关情况汇报如下",
    "由县委组织部举办的培训班圆满结束",
    "一些单位是指没有落实主体责任的部门",
    "你要注意工作方法，他说自己会改",
    "（三）教师队伍建设加强",
    "对照以上意见，班子将逐条整改，年底前完成",
    "下一篇：某局党组班子对照检查材料",
    "有的干部认为写过检讨就万事大吉",
    "",
]


def test_alternatives_split_at_the_top_level_only():
    assert alternatives(r"a|b(c|d)|[|]|\|x") == ["a", "b(c|d)", "[|]", r"\|x"]
    assert alternatives(r"[]|]x|(?<![|])y") == ["[]|]x", "(?<![|])y"]
    for name, pattern in _voice_patterns().items():  # each alternative is a pattern, and they make up the whole
        parts = alternatives(pattern.pattern)
        assert "|".join(parts) == pattern.pattern
        assert all(re.compile(part) for part in parts), name


def test_sentence_matches_answer_as_the_patterns_do():
    patterns = {name: rx for name, rx in _voice_patterns().items() if name not in _ON_TEXT}
    patterns.update(_TARGET=_TARGET, _GENRE_NOUN=_GENRE_NOUN)
    for sentence, matches in zip(SENTENCES, sentence_matches(SENTENCES)):
        head = _ENUMERATOR.sub("", sentence)
        for name, pattern in patterns.items():
            own = pattern.search(head if name in _ON_HEAD else sentence)
            found = matches[name]
            assert (found is None) == (own is None), (name, sentence)
            if name in _LEFTMOST and own is not None:
                assert found.start() == own.start(), (name, sentence)


def test_a_matching_sentence_is_seen_wherever_it_stands():
    # the same sentence first, last and between others: its answers do not depend on its neighbours
    target = "会上，班子成员依次作对照检查发言，大家纷纷表示要立行立改"
    for sentences in ([target, "二、存在的问题"], ["二、存在的问题", target], ["我", target, "你"]):
        matches = sentence_matches(sentences)[sentences.index(target)]
        assert matches["reported"] is not None and matches["third_party"] is not None
        assert matches["first_person"] is None and matches["own"].start() == 2  # ，班子成员…


def test_speech_reads_its_literals_where_its_patterns_search():
    # the greeting is read without the quotation, which joins 祝 and 大家; the address may open the text (^同志们，)
    assert speech("在新春佳节来临之际，祝“小区”大家新春愉快，万事如意。")
    assert speech("同志们，今天我们召开全县经济工作会议。")
    assert not speech("各位领导、同志们：现将本人一年来的履职情况报告如下。")
    assert not speech("我在理论学习上存在不够深入的问题。")


def test_the_sentences_holding_a_lexicons_phrase_are_read_from_the_same_scan():
    # voice asks which sentences hold a self-critical (不够、存在) or colloquial (偷懒、图省事) phrase; the answer comes
    # from the scan for the patterns' literals and must be the lexicon's own (a match of it in the sentence)
    from analyzer.kinds import holding, sentence_lexicons

    sentences = SENTENCES + ["工作中有时图省事，能拖就拖，存在偷懒思想", "我有时候也是犯懒", "不够", "够不够"]
    every = sentence_matches(sentences)
    for name, lx in sentence_lexicons().items():
        assert holding(every, name) == set(lx.find_all(sentences)[0]), name
        assert holding(every, name) == {k for k, s in enumerate(sentences) if lx.find(s)}, name
    n = len(sentences)
    assert {n - 4, n - 2} <= holding(every, "self_critical") and n - 4 in holding(every, "colloquial")


def test_compact_drops_what_a_whitespace_pattern_drops():
    # compact joins str.split()'s pieces: the same characters as \s, over every code point
    from analyzer.kinds import compact

    every_character = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert compact(every_character) == re.sub(r"\s+", "", every_character)
    assert compact("一、存在的问题\n\u3000\u3000我在理论学习上\t存在不足。\u00a0") == "一、存在的问题我在理论学习上存在不足。"
