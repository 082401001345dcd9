"""Literal pre-checks give the regular expressions' own answers, only computing fewer of them."""
from __future__ import annotations

import re

from analyzer.prefilter import Alternation, required
from analyzer.resources import Lexicon, lexicon

SENTENCES = [
    "我在理论学习上存在不够深入的问题",
    "自我批评不够，我们要坚决整改",
    "2023年以来，我局共开展培训12次，走访企业36家",
    "他指出，会上依次进行了发言",
    "对班子的意见：一是调研不深",
    "现将有关情况汇报如下",
    "在去年5月的专题会上，我没有做到带头表态",
    "由县委组织部举办的培训班圆满结束",
    "一些单位是指没有落实主体责任的部门",
    "你要注意工作方法",
    "下一篇：某局党组班子对照检查材料",
    "",
]


def test_required_literals_leave_assertions_out():
    assert required(re.compile(r"(?<!自)我(?!国|党)")) == {"我"}
    assert required(re.compile(r"^[（(]?[一二三]+[、）)]")) in ({"一", "二", "三"}, {"、", "）", ")"})
    assert required(re.compile(r"毛病|缺点|\d+")) is None  # one alternative needs no literal


def test_alternation_finds_what_the_one_regex_finds():
    parts = [r"在[^。]{0,12}?时", r"(?:今年|去年)\s*\d{1,2}月", r"\d+(?:\.\d+)?\s*(?:次|个|项|%)", r"《[^》]{2,40}》", "时"]
    whole = re.compile("|".join(parts))
    alternation = Alternation(parts)
    for text in SENTENCES + ["在学习《条例》时讲了3次，去年5月时又讲了2.5%", "时时在时", "今年 12月在村里时"]:
        assert [(m.span(), m.group(0)) for m in alternation.finditer(text)] == \
            [(m.span(), m.group(0)) for m in whole.finditer(text)], text


def test_lexicon_matches_keep_text_order_and_spans():
    lx = Lexicon("t", ["工作忙", "在…过程中"], [r"\d+次"])
    found = [(m.start(), m.end(), m.group(0)) for m in lx.find("在整改过程中开会3次，工作忙")]
    assert found == [(0, 6, "在整改过程中"), (8, 10, "3次"), (11, 14, "工作忙")]
    deadline = lexicon("measures", None, "deadline")  # regexes only: the same matches as the one regex
    text = "2024年6月底前完成整改，立即整改到位，三个月内建立台账"
    assert [m.span() for m in deadline.find(text)] == [m.span() for m in deadline.pattern.finditer(text)] != []


def test_masks_by_string_or_the_masks_of_the_literals_each_string_holds():
    import ahocorasick_rs

    from analyzer.prefilter import masks_by_string

    automaton = ahocorasick_rs.AhoCorasick(["我", "班子", "不够", "班"])
    strings = ["我在理论学习上存在不够深入的问题", "班子成员下基层少", "", "会上依次发言"]
    assert masks_by_string(automaton, [1, 2, 4, 8], strings) == [1 | 4, 2 | 8, 0, 0]
    assert masks_by_string(automaton, [1, 2, 4, 8], strings, always=16) == [16 | 1 | 4, 16 | 2 | 8, 16, 16]
