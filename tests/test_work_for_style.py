"""以工作问题代替作风问题: work shortfalls told apart from behaviour, paragraph and material."""
from __future__ import annotations

from analyzer.depth import lexicons, work_problem
from training.work_for_style import load, paragraph_figures

from .conftest import GOOD

WORK_HEAVY = """XX镇党委书记个人对照检查材料
一、存在的问题
一是重点项目推进不够快。全镇4个重点项目有2个没有按期开工，集镇改造工程进度滞后5个月。
二是调研工作还有差距。全年形成的调研报告偏少，调研成果转化不够。
三是集体经济基础薄弱，村集体收入超过10万元的村只有3个，产业发展后劲不足。
四是在作风上，我下村多是听汇报、看台账，很少进农户家门，全年只走访了5户困难群众。
二、原因分析
理想信念有所淡化，宗旨意识不强，对群众感情不深。
三、整改措施
2024年6月底前，每月到村入户不少于4天，由我本人负责，建立走访台账。
"""


def _styles(analyzer, paragraph: str) -> tuple[str, list[str]]:
    report = analyzer.analyze(f"个人对照检查材料\n一、存在的问题\n{paragraph}\n")
    own = max(report.paragraphs, key=lambda q: len(set(q.text) & set(paragraph)))
    return own.text, own.styles


def test_research_as_behaviour_is_not_a_work_problem_but_research_work_is(analyzer):
    lx = lexicons()
    behaviour = ("二是调研不深入。今年我下乡调研9次，多数是按乡镇安排好的点位走，听汇报多、进农户少，"
                 "对群众的真实困难掌握不全。")
    shortfall = "二是调研工作还有差距。全年专题调研数量偏少，调研成果对决策的支撑作用不明显。"
    assert work_problem(*_styles(analyzer, behaviour), lx) == []
    assert work_problem(*_styles(analyzer, shortfall), lx)
    # an indicator named inside a behaviour is still a behaviour
    assert work_problem(*_styles(analyzer, "我为了考核排名好看，要求乡镇把没完工的项目先按完工上报，数据不实。"), lx) == []
    # 我觉得 only reports a view: the missed targets after it are still work problems
    assert work_problem(*_styles(analyzer, "我觉得主要是招商引资指标完成得不理想，全年只完成任务的七成。"), lx)


def test_held_apart_paragraphs_are_told_apart(analyzer):
    assert len(load("test")) == 40
    f = paragraph_figures(analyzer, "test")
    assert f["rule"]["precision"] >= 0.85 and f["rule"]["recall"] >= 0.8
    assert f["rule"]["precision"] > f["every_paragraph_work"]["precision"] + 0.3


def test_a_material_is_flagged_only_when_half_its_problems_are_work(analyzer):
    d = analyzer.analyze(WORK_HEAVY).depth
    assert d["substitutions"]["work_for_style"]
    evidence = d["substitution_evidence"]["work_for_style"]
    assert {2, 4} <= set(evidence) and 5 not in evidence  # 5 is the one behaviour confessed
    note = next(n for n in d["notes"] if n.startswith("以工作问题代替作风问题"))
    assert f"{len(evidence)} 个问题段落" in note and "进度滞后" in note
    fewer = WORK_HEAVY.replace("二是调研工作还有差距。全年形成的调研报告偏少，调研成果转化不够。\n", "").replace(
        "三是集体经济基础薄弱，村集体收入超过10万元的村只有3个，产业发展后劲不足。\n",
        "三是我对分管工作要求不严，碍于情面不愿当面批评拖拉的干部。\n")
    assert not analyzer.analyze(fewer).depth["substitutions"]["work_for_style"]


def test_a_good_material_is_not_flagged(analyzer):
    assert not analyzer.analyze(GOOD).depth["substitutions"]["work_for_style"]
