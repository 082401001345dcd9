"""Coverage, work-summary and depth judgements on realistic materials, with their evidence."""
from __future__ import annotations

from .conftest import GOOD, WEAK, WORK_SUMMARY


def test_good_material_covers_all_four_styles_with_evidence(analyzer):
    r = analyzer.analyze(GOOD)
    for cid, c in r.coverage.items():
        assert c["covered"], cid
        assert c["evidence"] and r.paragraphs[c["evidence"][0]].role == "problem"
        assert cid in r.paragraphs[c["evidence"][0]].styles
    assert "文山会海" in r.coverage["formalism"]["phrases"]
    assert "超标准接待" in r.coverage["extravagance"]["best_sentence"]


def test_denied_category_is_not_covered_and_is_called_out(analyzer):
    r = analyzer.analyze(WEAK)
    ext = r.coverage["extravagance"]
    assert not ext["covered"]
    assert ext["denied"] == [5] and "否认" in ext["note"]
    assert r.paragraphs[5].styles == []
    assert any("否认存在问题" in n and "奢靡之风" in n for n in r.depth["notes"])


def test_behaviour_without_naming_the_category(analyzer):
    text = """XX乡党委书记个人对照检查材料
一、存在的问题
一是会议多、文件多。今年以来乡里召开各类会议61次，很多会议照本宣科，以会议落实会议，发文件代替抓落实。
二是群众来乡里办事要跑好几趟。去年12月，王家村低保户为办理医疗救助跑了5次，我知道后没有追究经办人员推诿扯皮的责任。
二、整改措施
2014年9月底前，乡里会议压缩三分之一；群众办事实行首问负责制，由乡党政办负责督查。"""
    r = analyzer.analyze(text)
    assert r.coverage["formalism"]["covered"] and r.coverage["bureaucratism"]["covered"]
    assert not r.coverage["extravagance"]["covered"]
    assert "formalism" in r.paragraphs[2].styles and "bureaucratism" in r.paragraphs[3].styles


def test_heading_alone_does_not_cover(analyzer):
    text = """个人对照检查材料
一、存在的问题
（一）形式主义方面
会议多，今年以来召开会议48次，以会议落实会议，不少会议开了也没有解决实际问题。
（二）奢靡之风方面
二、整改措施
年底前会议减少三分之一，由办公室负责。"""
    r = analyzer.analyze(text)
    assert r.paragraphs[4].role == "heading" and r.paragraphs[4].styles == []
    assert not r.coverage["extravagance"]["covered"]
    assert r.coverage["formalism"]["covered"]


def test_work_report_paragraphs_are_flagged_with_cues(analyzer):
    r = analyzer.analyze(WORK_SUMMARY)
    flagged = r.summary_like["paragraphs"]
    assert {1, 2, 3} <= set(flagged)
    assert 4 not in flagged and 5 not in flagged
    assert r.summary_like["ratio"] > 0.5 and r.summary_like["flagged"]
    assert "同比增长15.3%" in r.paragraphs[1].evidence["summary_cues"]
    assert "荣获" in r.paragraphs[2].evidence["summary_cues"]


def test_numbers_that_expose_a_problem_are_not_summary_like(analyzer):
    r = analyzer.analyze(GOOD)
    assert r.summary_like["paragraphs"] == []
    assert r.paragraphs[5].summary_like < 0.2  # 去年全年我下基层调研只有11次
    assert r.paragraphs[1].summary_like < 0.5  # the preamble states the meeting's purpose


def test_depth_orders_materials_and_gives_reasons(analyzer):
    good, weak, summary = (analyzer.analyze(t).depth for t in (GOOD, WEAK, WORK_SUMMARY))
    assert good["score"] > 70 > 40 > weak["score"]
    assert summary["score"] < 40
    for c in ("strict", "accurate", "deep", "concrete"):
        assert good["criteria"][c] > weak["criteria"][c]
    assert weak["substitutions"]["generic_for_specific"] and not good["substitutions"]["generic_for_specific"]
    assert any(n.startswith("原因分析只讲客观原因") and "工作忙" in n for n in weak["notes"])
    assert any(n.startswith("整改措施无时限") for n in weak["notes"])
    assert any("写成了工作总结" in n for n in summary["notes"])
    assert good["details"]["concrete"]["evidence"]  # measures with deadlines, by paragraph


def test_collective_for_personal_only_in_personal_materials(analyzer):
    body = """一、存在的问题
我们班子调研不够深入，我们下基层次数少，今年我们只到村里调研了6次，我们对群众反映的问题回应不及时。
我们会议多，我们以会议落实会议，今年以来我们召开各类会议50余次。
二、原因分析
我们的宗旨意识有所淡化，我们班子党性修养放松。
三、整改措施
2014年底前，每月下村不少于4天，由党政办负责。"""
    personal = analyzer.analyze("XX镇镇长个人对照检查材料\n" + body).depth
    collective = analyzer.analyze("XX镇党委领导班子对照检查材料\n" + body).depth
    assert personal["kind"] == "personal" and personal["substitutions"]["collective_for_personal"]
    assert personal["substitution_evidence"]["collective_for_personal"] == [2, 3]
    assert collective["kind"] == "collective" and not collective["substitutions"]["collective_for_personal"]
