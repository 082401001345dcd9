"""One reason per fact in the depth stage: a praise and a deduction never say opposite things of
one aspect (measures with deadlines beside "no timetable"), and a missing part — no problems,
no causes, no measures — is deducted once, named for what is missing, while the deductions
still add up to the points missing from 100."""
from __future__ import annotations

import copy

import pytest

from analyzer.depth import ABSENCES
from training.corpus import load_corpus
from training.reasons_check import problems

# every measure has a deadline; none names a roadmap, ledger or checklist
DATED_MEASURES = """XX区住建局副局长专题民主生活会个人对照检查材料
根据区委统一部署，会前我认真学习了规定篇目，广泛征求了意见，现将个人对照检查情况报告如下。
一、存在的主要问题
（一）形式主义方面：今年4月我带队检查老旧小区改造，只听了街道汇报、看了两个样板楼道，没有进一户居民家中，回来就在简报上写了“进展顺利”。
（二）官僚主义方面：去年11月，幸福里小区12户居民反映加装电梯审批慢，我批给科室办理后没有跟踪，居民前后跑了5趟才拿到答复。
（三）享乐主义方面：我分管工作五年后满足于按部就班，今年上半年只下过3次工地，遇到难题习惯往后拖。
（四）奢靡之风方面：今年春节前我参加了一次由施工企业安排的聚餐，虽然自己付了餐费，但没有当场拒绝，影响不好。
二、产生问题的原因
一是理想信念有所松懈，世界观、人生观、价值观的“总开关”拧得不紧。
二是宗旨意识淡化，群众观点不牢，对群众急难愁盼感受不深。
三、整改措施
一是每月至少2天到改造小区入户走访，2024年6月底前把全区在建项目走遍。
二是加装电梯审批一律限时办结，由我本人牵头，3月底前建立跟踪回访制度。
三是严守中央八项规定，今年内不参加任何管理服务对象安排的宴请，接受纪检组监督。
恳请同志们批评指正。
"""

# problems and causes, then straight to the closing: no measures at all
NO_MEASURES = """XX乡党委副书记个人对照检查材料
按照县委部署，我对照党章和准则，认真查摆了自身存在的问题，现报告如下。
一、存在的问题
（一）形式主义方面：今年5月全乡开展环境整治，我只在乡政府开了一次动员会，之后再没有到村里检查，有两个村的垃圾点拖了两个月没有清理。
（二）官僚主义方面：去年9月王家村村民到乡里反映宅基地纠纷，我让他们找村委会，没有过问，村民后来上访到县里。
（三）享乐主义方面：我满足于完成上级交办的任务，今年以来只有4次在乡里值夜班，其余都回了县城。
（四）奢靡之风方面：今年元旦我用公车接送过一次家属，虽然路程不远，但违反了公车管理规定。
二、原因分析
一是理想信念不够坚定，放松了世界观改造和党性修养。
二是宗旨意识淡薄，对群众的困难缺少感同身受。
三是纪律规矩意识不强，对中央八项规定精神学得不深。
以上是我的对照检查，恳请同志们批评指正。
"""

# an opening, a paragraph of achievements and two pledges: no problem and no cause paragraph
NO_PROBLEMS = """XX县商务局局长个人对照检查材料
根据县委统一部署，我认真学习了规定篇目，广泛听取了干部群众的意见，现将有关情况报告如下。
今年以来，在县委、县政府的领导下，我局围绕全县中心工作，完成招商引资8.2亿元，同比增长11%，引进项目14个，全局工作取得了新的进展。
今后，我将进一步加强理论学习，坚持每月至少2天下基层调研，2024年底前完成全县商贸网点摸底，由我本人牵头，办公室负责建立台账。
严格执行中央八项规定，带头压缩会议文件，全年会议减少三分之一。
恳请同志们批评指正。
"""


@pytest.fixture(scope="module")
def reports(analyzer):
    return {name: analyzer.analyze(text).to_dict()
            for name, text in (("dated", DATED_MEASURES), ("no_measures", NO_MEASURES), ("no_problems", NO_PROBLEMS))}


def _adds_up(depth: dict) -> None:
    lost = sum(x["points"] for x in depth["deductions"]) + (depth.get("unattributed_points") or 0)
    assert abs(lost - (100 - depth["score"])) <= 0.5 * max(len(depth["deductions"]), 1) + 0.1


def test_measures_with_deadlines_are_not_told_they_have_no_timetable(reports):
    d = reports["dated"]["depth"]
    assert any(n.startswith("整改措施有时限：3/3") for n in d["notes"]), d["notes"]
    heads = [x["reason"].split(" / ")[0] for x in d["deductions"]]
    assert not [h for h in heads if "时间表" in h or "无时限" in h], heads
    plan = next(x for x in d["deductions"] if x["signal"] == "roadmap")  # no 路线图/台账/清单: still a shortfall
    assert plan["reason"].startswith("整改缺少总体安排") and plan["paragraphs"]
    _adds_up(d)
    assert problems(reports["dated"]) == []


def test_a_praised_aspect_is_faulted_only_for_the_items_that_fall_short(reports):
    d = reports["dated"]["depth"]
    assert any(n.startswith("已查摆的问题具体") for n in d["notes"])
    some = [x for x in d["deductions"] if x["signal"] in ("instance_share", "owner_share")]
    assert some and all(x["reason"].startswith("部分") for x in some), some


def test_no_measures_is_one_deduction_named_for_what_is_missing(reports):
    d = reports["no_measures"]["depth"]
    concrete = [x for x in d["deductions"] if x["criterion"] == "concrete"]
    assert [x["signal"] for x in concrete] == ["no_measures"], concrete
    assert concrete[0]["reason"].startswith("没有整改措施") and concrete[0]["points"] >= 20
    assert not any("无时限" in x["reason"] or "路线图" in x["reason"] for x in d["deductions"])
    assert d["notes"].count("缺少整改措施") == 1
    _adds_up(d)
    assert problems(reports["no_measures"]) == []


def test_no_problems_is_said_once_and_never_as_problems_without_instances(reports):
    d = reports["no_problems"]["depth"]
    said = [n for n in d["notes"] if n.startswith("没有查摆出问题")]
    assert len(said) == 1
    assert [x["signal"] for x in d["deductions"] if x["signal"] == "no_problems"] == ["no_problems"]
    assert not [x for x in d["deductions"] if x["signal"] in ABSENCES["no_problems"][2]]
    assert not any("具体事例" in x["reason"] for x in d["deductions"])
    assert not any(n.startswith("未开门见山") for n in d["notes"])  # no first problem to come to
    causes = [x for x in d["deductions"] if x["criterion"] == "deep"]
    assert [x["signal"] for x in causes] == ["no_causes"]  # the causes are missing too: one deduction for them
    _adds_up(d)
    assert problems(reports["no_problems"]) == []


def test_the_checker_finds_each_reason_given_twice_for_one_fact(reports):
    bad = copy.deepcopy(reports["dated"])  # the note 整改措施有时限 beside the old roadmap headline
    plan = next(x for x in bad["depth"]["deductions"] if x["signal"] == "roadmap")
    plan["reason"] = "没有路线图、时间表 / no roadmap or timetable"
    assert "praise_vs_deduction:整改措施有时限/roadmap" in problems(bad)
    part = next(x for x in bad["depth"]["deductions"] if x["signal"] == "instance_share")
    part["reason"] = "问题没有具体事例 / problems without concrete instances：4 个问题段落中 1 个没有"
    assert "praise_vs_deduction:已查摆的问题具体/instance_share" in problems(bad)

    bad = copy.deepcopy(reports["no_measures"])  # the old double deduction of one absence
    bad["depth"]["deductions"][:1] = [
        {"signal": "deadline_share", "criterion": "concrete", "points": 31.0, "paragraphs": [], "phrases": [],
         "reason": "整改措施无时限 / measures without deadlines：没有整改措施"},
        {"signal": "roadmap", "criterion": "concrete", "points": 11.5, "paragraphs": [], "phrases": [],
         "reason": "没有路线图、时间表 / no roadmap or timetable：没有整改措施"}]
    found = problems(bad)
    assert "absence_deducted_twice:no_measures" in found
    assert {"absence_deducted_as:deadline_share", "absence_deducted_as:roadmap"} <= set(found)

    bad = copy.deepcopy(reports["no_problems"])
    bad["depth"]["deductions"].append({"signal": "instance_share", "criterion": "accurate", "points": 0.5,
                                       "paragraphs": [], "phrases": [], "reason": "问题没有具体事例：没有问题段落"})
    assert "absence_deducted_as:instance_share" in problems(bad)
    bad["depth"]["notes"].append("未开门见山：第一个问题之前铺垫 112 字")
    assert "note_on_absent_problems:未开门见山" in problems(bad)

    bad = copy.deepcopy(reports["dated"])
    bad["depth"]["deductions"].append({"signal": "no_measures", "criterion": "concrete", "points": 0.5,
                                       "paragraphs": [], "phrases": [], "reason": ABSENCES["no_measures"][0]})
    assert "absence_of_a_part_that_is_there:no_measures" in problems(bad)


def test_dev_split_reports_give_one_reason_per_fact(analyzer):
    docs = [d for d in load_corpus("dev") if d.path.parent.name == "written"]
    assert len(docs) >= 40
    found = {}
    for doc in docs:
        for shaped in (doc.text, doc.text.replace("\n", "")):  # as written and pasted as one run-on line
            report = analyzer.analyze(shaped).to_dict()
            if report.get("depth"):
                _adds_up(report["depth"])
            issues = problems(report)
            if issues:
                found[doc.id] = issues
    assert found == {}
