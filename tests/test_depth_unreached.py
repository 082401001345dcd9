"""A page excerpt that stops inside its problems, opened by a paragraph that announces the
problems and their causes (现将主要问题和产生问题的原因分析如下): that opening analyses nothing
confessed yet, so the causes are not in the text — no 原因分析不深, no root-cause deduction —
as for an excerpt with no such opening (``depth.cut_parts``)."""
from __future__ import annotations

import copy

import pytest

from analyzer.depth import PART_SIGNALS, Parts, cut_parts
from training.reasons_check import problems

# written for this test: a 班子 material copied from a page up to its second problem
EXCERPT = """XX街道党工委领导班子对照检查材料
二、存在的问题及原因
通过开展“大走访”和“三问于民”活动，广泛征求辖区居民和驻区单位对街道工作的意见和建议，逐条梳理，深刻反思，认真剖析，班子认为在作风方面还存在一定的差距和不足。现将主要问题和产生这些问题的原因分析如下：
（一）存在的主要问题
1、调查研究不够深入。今年3月开展老旧小区改造意见征集，班子成员只在两个小区召开了座谈会，多数楼栋的居民意见由社区代为收集，有的问题直到开工后才暴露出来。
2、服务群众有短板。便民服务中心午休时段不对外办理业务，上半年有居民因此跑了两趟才办成居住证明，班子知道后没有及时调整窗口安排。"""


def _parts(roles: list[str]) -> Parts:
    texts = ["主要是理想信念有所弱化，宗旨意识不强。" if r == "cause" else "深入基层调研不够。" for r in roles]
    return Parts.of(texts, roles, [[] for _ in roles], [[(0, len(t))] for t in texts])


def test_causes_or_measures_only_before_the_first_problem_were_not_reached():
    assert cut_parts(_parts(["heading", "cause", "heading", "problem", "problem"])) == \
        ("causes", "measures", "categories")
    assert cut_parts(_parts(["preamble", "measure", "problem"])) == ("causes", "measures", "categories")
    # interleaved by category: a cause after the first problem was reached
    assert cut_parts(_parts(["cause", "problem", "cause", "problem"])) == ("measures", "categories")


@pytest.fixture(scope="module")
def report(analyzer):
    return analyzer.analyze(EXCERPT, "摘录.txt").to_dict()


def test_the_announcing_opening_is_not_graded_as_cause_analysis(report):
    roles = [p["role"] for p in report["paragraphs"]]
    assert roles[-2:] == ["problem", "problem"]  # the text stops inside its problems
    notes, deductions = report["depth"]["notes"], report["depth"]["deductions"]
    assert any(n.startswith("原因分析不在所给文本中") for n in notes)
    assert not any(n.startswith(("原因分析不深", "原因分析只讲客观原因")) for n in notes)
    assert not [d for d in deductions if d["signal"] in PART_SIGNALS["causes"]], deductions
    assert problems(report) == []


def test_the_checker_finds_an_announcing_opening_graded_as_causes(report):
    bad = copy.deepcopy(report)
    opening = 2
    bad["paragraphs"][opening]["role"] = "cause"
    bad["depth"]["deductions"].insert(0, {"signal": "root_variety", "criterion": "deep", "points": 0.0,
                                          "reason": "根源剖析不够全面", "paragraphs": [opening], "phrases": []})
    assert "causes_before_problems_judged:root_variety" in problems(bad)


# written for this test: a personal material copied from a page into its causes
INTO_CAUSES = """XX县市场监管局副局长个人对照检查材料
一、存在的问题
一是调查研究不够深入。今年6月开展食品安全专项检查，我只到城关镇两家大型超市看了看，对乡镇集贸市场的小摊小贩没有去实地了解，有群众反映的过期食品问题一直没有掌握。
二是服务企业有差距。去年有3家个体户来局里办理许可证延续，因为材料格式问题来回跑了4趟，我知道后只是提醒了窗口工作人员，没有推动简化流程。
二、产生问题的原因
一是宗旨意识有所淡化，对群众的急难愁盼感受不深，放松了主观世界的改造。
二是党性修养有所放松，满足于完成上级交办的任务，对自己要求不够严格。"""


def test_the_note_says_where_a_cut_text_stops(analyzer):
    notes = analyzer.analyze(INTO_CAUSES, "摘录.txt").to_dict()["depth"]["notes"]
    assert any(n.startswith("整改措施不在所给文本中：文本止于原因部分") for n in notes), notes
    assert not any("止于问题部分" in n for n in notes)
    notes = analyzer.analyze(EXCERPT, "摘录.txt").to_dict()["depth"]["notes"]
    assert any(n.startswith("原因分析不在所给文本中：文本止于问题部分") for n in notes), notes


def test_a_category_the_cut_text_names_is_not_called_absent_from_it(analyzer):
    """An excerpt that stops inside its problems, whose 享乐主义 section holds only a stance: depth
    said 享乐主义方面的问题不在所给文本中 beside the section itself (a spun copy in a round; real DEV
    pages with a 4、奢靡之风方面： section). Such a category is named but not examined; the ones the
    text never reaches are still not in it."""
    text = "\n".join(["一、存在的问题",
                      "1、形式主义比较突出。我下乡调研习惯提前打招呼，今年5月到石桥村只看了村里安排的三户，"
                      "没有到反映渠水不通的几户家里去，群众的意见拖了两个月才解决。",
                      "2、享乐主义有所抬头。我存在艰巨的工作最好别人干、艰苦的岗位最好不要去的思想。"])
    report = analyzer.analyze(text, name="excerpt.txt").to_dict()
    assert not report["coverage"]["hedonism"]["covered"]
    notes = report["depth"]["notes"]
    unseen = next(n for n in notes if n.startswith("文本中未见"))
    assert "享乐主义" not in unseen and "官僚主义" in unseen and "奢靡之风" in unseen
    assert any(n.startswith("写到但未查摆：享乐主义方面") and "不据此扣分" in n for n in notes)
