"""The dates of an author's career (入党 year, 党龄, 任现职) are no instance of a problem: an
opening gives them and a problem recalls them (作为一名有20年党龄的老党员…), but a problem is
concrete only with an event of its own (``instances.yaml`` ``stock_numbers``)."""
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
