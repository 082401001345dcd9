"""Numbers and names a problem states without an event of its own are no instance of it
(``instances.yaml`` ``stock_numbers``): the dates of the author's career (入党 year, 党龄,
任现职), which an opening gives and a problem recalls (作为一名有20年党龄的老党员…), the year of
the campaign (2024年党纪学习教育) and the rules the material is checked against (对照《条例》)."""
from __future__ import annotations

import pytest

from analyzer.depth import lexicons, own_instances


@pytest.mark.parametrize("text", [
    "我是1998年加入中国共产党的，党龄已有26个年头，参加工作以来一直在乡镇工作。",
    "我2006年参加工作，2019年任现职，有近20年的党龄，总觉得自己的理论功底还可以。",
    "作为一名有十多年党龄的老党员，对自己要求不够严格，学习满足于读读文件、记记笔记。",
])
def test_career_dates_are_no_instance(text):
    assert own_instances(text, lexicons()) == []


def test_a_problem_that_recalls_its_authors_party_age_keeps_its_own_event():
    text = "作为有20年党龄的老党员，今年5月我到柳湾村调研，只在村委会听了半小时汇报，有3户群众的诉求没有记下来。"
    found = own_instances(text, lexicons())
    assert "今年5月" in found and "3户" in found
    assert not any("党龄" in p or p == "20年" for p in found)


# written for this test: an excerpt whose problems give career dates and nothing that happened
EXCERPT = """一、存在的问题
一是理论学习有所放松。我是2004年入党的老党员，党龄已有20年，总觉得自己的理论功底还可以，学习满足于读读文件、记记笔记，没有带着问题深入思考。
二是工作标准有所降低。我2016年任现职以来，分管的工作总体平稳，就产生了守摊子的思想，开拓创新的劲头不如从前，遇到难题习惯于等一等、拖一拖。"""


def test_problems_with_only_career_dates_are_not_praised_as_concrete():
    from analyzer import Analyzer

    report = Analyzer(kind="personal").analyze(EXCERPT, "摘录.txt").to_dict()
    assert [p["role"] for p in report["paragraphs"]][1:] == ["problem", "problem"]
    depth = report["depth"]
    assert depth["details"]["accurate"]["evidence"] == [], depth["details"]["accurate"]
    assert not any(n.startswith("已查摆的问题具体") for n in depth["notes"])
    assert depth["substitutions"]["generic_for_specific"]


@pytest.mark.parametrize("text", [
    "2024年党纪学习教育开展以来，对照《条例》查找差距，我在遵守群众纪律方面还做得不够。",
    "对照《中国共产党纪律处分条例》和《中国共产党廉洁自律准则》，我对自己要求有所放松。",
    "2023年主题教育中对照《党章》检视，我的宗旨意识有所淡化，联系群众不够紧密。",
])
def test_the_campaign_year_and_the_rules_cited_are_no_instance(text):
    assert own_instances(text, lexicons()) == []


def test_a_rule_broken_on_a_named_occasion_is_still_an_instance():
    found = own_instances("今年3月接待省检查组时，我违反《机关公务接待管理办法》，安排了超标准的工作餐。", lexicons())
    assert "今年3月" in found and "《机关公务接待管理办法》" in found
