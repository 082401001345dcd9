"""Depth on real page openings: a text cut inside its problems is judged on what it holds (the
causes, measures and categories it never reached cost nothing and are said to be not in the
text), instances are the author's own concrete behaviour (slogan numbers, the counts of the
self-check and framing connectives alone earn nothing), and causes of no problem earn nothing."""
from __future__ import annotations

import pytest

from analyzer import depth
from analyzer.depth import PART_SIGNALS, Parts, Signals, cut_parts, lexicons, own_instances
from training.realdepth import TEST_INDEX, graded_rows
from training.reasons_check import problems

STOCK = """一是理论学习不够深入。学习的自觉性和主动性不强，满足于读文件、看报纸，对理论的理解停留在表面，学用结合不够紧密。
二是工作作风不够扎实。深入基层调查研究不够，听汇报多、实地察看少，有时存在以会议落实会议的现象。
三是服务群众意识不够强。对群众反映的问题有时解决不及时，工作方法比较简单，与群众的沟通交流还不够。"""

CONCRETE = """一是理论学习不够深入。今年以来局党组理论学习中心组学习12次，我因外出请假4次，有3次只读了文件没有发言；去年9月学习关于调查研究的论述后，我没有结合分管的农村公路建设写出一篇调研报告。
二是工作作风不够扎实。全年我到分管的6个乡镇调研只有5次，其中到石桥镇查看公路养护，只在镇政府听了40分钟汇报就返回，没有去路段实地察看，直到11月群众投诉路面塌陷才知道问题。
三是服务群众意识不够强。比如今年5月，柳湾村3户村民为危房改造补助来局里反映，我批给经办科室后没有跟踪，一个多月后才发放，群众跑了3趟。"""

# the stock problems as a whole material that goes on to its causes and closes without measures
NO_MEASURES = ("XX局副局长个人对照检查材料\n一、存在的问题\n" + STOCK + "\n二、产生问题的原因\n"
               "主要是理想信念有所弱化，宗旨意识树得不牢，党性修养放松了，对自己要求不够严格。\n"
               "以上对照检查，不妥之处，请同志们批评指正。")


@pytest.fixture(scope="module")
def reports():
    from analyzer import Analyzer

    analyzer = Analyzer(kind="personal")  # depth, not the kind: page openings are judged as the materials they are
    return {name: analyzer.analyze(text).to_dict()
            for name, text in (("stock", STOCK), ("concrete", CONCRETE), ("no_measures", NO_MEASURES))}


def test_an_excerpt_of_problems_is_not_faulted_for_what_it_never_reached(reports):
    for name in ("stock", "concrete"):
        d = reports[name]["depth"]
        cut = {n for part in PART_SIGNALS.values() for n in part}
        assert not [x for x in d["deductions"] if x["signal"] in cut], d["deductions"]
        assert any(n.startswith("原因分析不在所给文本中") for n in d["notes"])
        assert any(n.startswith("整改措施不在所给文本中") for n in d["notes"])
        assert not any(n in ("缺少原因分析", "缺少整改措施") for n in d["notes"])
        assert problems(reports[name]) == []


def test_the_checker_finds_a_deduction_for_a_part_not_in_the_text(reports):
    import copy

    bad = copy.deepcopy(reports["concrete"])
    bad["depth"]["deductions"].append({"signal": "deadline_share", "criterion": "concrete", "points": 5.0,
                                       "reason": "整改措施无时限", "paragraphs": [0], "phrases": []})
    assert "deduction_for_part_not_in_text:deadline_share" in problems(bad)


def test_concrete_problems_outrank_stock_ones_in_an_excerpt(reports):
    stock, concrete = reports["stock"]["depth"], reports["concrete"]["depth"]
    assert concrete["score"] >= stock["score"] + 15, (stock["score"], concrete["score"])
    assert stock["substitutions"]["generic_for_specific"]
    assert not concrete["substitutions"]["generic_for_specific"]


def test_a_material_that_closes_without_measures_still_lacks_them(reports):
    d = reports["no_measures"]["depth"]
    assert "缺少整改措施" in d["notes"]
    assert not any("不在所给文本中" in n for n in d["notes"])
    lacking = [x for x in d["deductions"] if x["criterion"] == "concrete"]
    assert lacking and all("没有整改措施" in x["reason"] and "没有问题段落" not in x["reason"] for x in lacking)
    assert problems(reports["no_measures"]) == []


@pytest.mark.parametrize("text", [
    "对照中央八项规定精神，我从以下4个方面作自我剖析。",
    "在增强四个意识、坚定四个自信、做到两个维护方面还有差距。",
    "第二批主题教育开展以来，理论学习不够系统。",
    "会前广泛征求意见建议45条，谈心谈话30余人次，发放问卷120份。",
    "具体表现在：学习不够深入，调研不够扎实。",
    "在开展工作时，有时存在急躁情绪，有个别事情推进较慢。",
])
def test_slogan_numbers_self_check_counts_and_framing_are_not_instances(text):
    assert own_instances(text, lexicons()) == []


@pytest.mark.parametrize("text, phrase", [
    ("全年我下基层调研只有5次，有3次只听了汇报。", "5次"),
    ("比如，去年审批项目时我没有听取分管科室的意见。", "比如"),
    ("在申报敬老院项目时，我没有到现场，2021年6月才发现选址不合规。", "2021年6月"),
])
def test_the_authors_own_instances_count(text, phrase):
    assert phrase in own_instances(text, lexicons())


def _parts(roles: list[str]) -> Parts:
    texts = ["主要是理想信念有所弱化，宗旨意识不强。" if r == "cause" else "深入基层调研不够。" for r in roles]
    return Parts.of(texts, roles, [[] for _ in roles], [[(0, len(t))] for t in texts])


def test_a_text_is_cut_only_inside_its_problems():
    assert cut_parts(_parts(["heading", "problem", "problem"])) == ("causes", "measures", "categories")
    assert cut_parts(_parts(["problem", "cause"])) == ("measures", "categories")
    assert cut_parts(_parts(["problem", "cause", "measure", "closing"])) == ()
    assert cut_parts(_parts(["problem", "cause", "closing"])) == ()  # it closes: the measures are missing
    assert cut_parts(_parts(["preamble", "cause", "cause"])) == ()   # no problem: nothing cut inside problems


def test_causes_of_no_problem_earn_nothing():
    sig, parts = Signals({}), _parts(["preamble", "cause", "cause"])
    depth._deep_signals(sig, parts, lexicons())
    assert sig.values["root_per_cause"] == 0 and sig.values["root_variety"] == 0
    assert sig.counts["causes_of_nothing"] == 2
    with_problem = Signals({})
    depth._deep_signals(with_problem, _parts(["problem", "cause", "cause"]), lexicons())
    assert with_problem.values["root_per_cause"] > 0


def test_the_real_test_set_is_refused():
    with pytest.raises(SystemExit):
        graded_rows([TEST_INDEX])
