"""An aspect heading graded as a problem paragraph ("(一)…方面。" followed by the problems of that
aspect) confesses nothing: depth neither faults it for lacking an instance or a style (nor as
boilerplate) nor counts it among the problems; the problem paragraphs under it are graded as before
(``depth.aspect_headings``)."""
from __future__ import annotations

import pytest

from analyzer.depth import Parts, aspect_headings, problem_sentences

# written for this test: a 班子 material whose aspect headings are read as problem paragraphs
MATERIAL = """XX县财政局领导班子民主生活会对照检查材料
根据县委统一部署，局领导班子认真学习有关文件精神，广泛征求意见，深入谈心谈话，现将对照检查情况报告如下。
一、存在的主要问题
（一）带头学习贯彻党的创新理论，坚定理想信念，提高政治判断力方面。
1、学习不够系统深入。班子集体学习多以领读文件为主，今年上半年的6次中心组学习中，有4次没有安排交流研讨，学用脱节的问题比较突出。
2、运用理论指导实践不够。在今年4月研究预算绩效管理改革时，班子只照搬上级文件，没有结合本县财力实际深入调研，导致方案两次返工。
（二）带头改进工作作风，密切联系群众方面。
1、调查研究走马观花。班子成员下乡调研多停留在听汇报、看材料，今年到乡镇财政所实地调研仅3次，对基层反映的资金拨付慢问题没有跟踪解决。
2、形式主义仍有表现。部分会议文件层层照转，去年全局印发文件87份，其中转发类占到一半以上，基层负担没有明显减轻。
二、产生问题的原因
一是理想信念有所弱化，理论学习的自觉性不强。二是宗旨意识淡化，对群众的诉求感情不深。三是纪律规矩意识松懈，对形式主义的危害认识不足。
三、整改措施
一是加强理论学习，2023年6月底前制定中心组学习计划，每季度开展1次专题研讨，由局长负责。二是深入基层调研，班子成员每人每年到乡镇调研不少于4次，由分管领导负责。"""
HEADINGS = (3, 6)


def _parts(texts: list[str], roles: list[str]) -> Parts:
    return Parts.of(texts, roles, [[] for _ in roles], [[(0, len(t))] for t in texts])


def test_an_aspect_heading_before_its_problems_is_not_a_problem():
    texts = ["（一）带头改进工作作风，密切联系群众方面。",
             "1、调查研究走马观花。今年到乡镇实地调研仅3次，对基层反映的问题没有跟踪解决。",
             "2、公务接待费",
             "去年接待上级检查12批次，有2次超出标准安排陪餐。"]
    roles = ["problem"] * 4
    assert aspect_headings(texts, roles, [[(0, len(t))] for t in texts]) == [0, 2]
    assert _parts(texts, roles).problems == [1, 3]
    spans = [[(0, len(t))] for t in texts]
    assert [i for i, _, _ in problem_sentences(texts, roles, spans)] == [1, 3]  # nor asked of the boilerplate bank


def test_a_brief_fault_or_a_heading_that_heads_no_problem_stays_a_problem():
    texts = ["一是学习流于形式。", "班子集体学习多以领读文件为主，今年有4次没有安排交流研讨。",
             "（三）带头严守纪律规矩方面。"]
    roles = ["problem", "problem", "problem"]
    assert aspect_headings(texts, roles, [[(0, len(t))] for t in texts]) == []  # a fault; the last heads nothing
    assert _parts(texts, roles).problems == [0, 1, 2]
    assert _parts(texts[2:] + texts[1:2], ["problem", "cause"]).problems == [0]  # followed by no problem


@pytest.fixture(scope="module")
def report(analyzer):
    return analyzer.analyze(MATERIAL, "班子材料.txt").to_dict()


def test_aspect_headings_cost_no_instance_or_style_points(report):
    assert [report["paragraphs"][i]["role"] for i in HEADINGS] == ["problem", "problem"]  # as the roles read them
    signals, deductions = report["depth"]["signals"], report["depth"]["deductions"]
    assert signals["instance_share"] == 1.0  # each of the four problems under the headings has an instance
    assert signals["styleless_share"] == 0.0
    assert not [d for d in deductions if set(d["paragraphs"]) & set(HEADINGS)], deductions
