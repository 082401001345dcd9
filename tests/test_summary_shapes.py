"""Work-summary passages: a work-report opening without statistics at the top of a material is
found and quoted, and the shapes of ``training.summary_shapes`` keep their labels."""
from __future__ import annotations

OPENING = """XX县住建局局长个人对照检查材料
一年来，在县委县政府的正确领导下，全局各项工作稳步推进，党的建设不断加强，干部队伍凝聚力和战斗力明显增强，服务群众的能力得到提升，赢得了社会各界的广泛好评。
机关作风建设成效初显，窗口服务明显改善，去年班子查摆的问题已全部整改，各项工作取得了阶段性成效。
一、存在的问题
我调研不够深入，全年只下基层6次，对城中村改造中群众反映的补偿问题回应不及时，有3户群众跑了4趟才见到我。
二、整改措施
今年6月底前，每月到征收现场办公不少于2天，由我本人带队，办公室建立台账。"""


def test_an_achievement_opening_without_statistics_is_flagged_with_its_phrases(analyzer):
    r = analyzer.analyze(OPENING)
    flagged = set(r.summary_like["paragraphs"])
    assert {1, 2} <= flagged and not {4, 6} & flagged
    assert "不断加强。" not in r.paragraphs[1].evidence["summary_cues"]  # 加强，… is not a sentence end
    assert {"明显增强", "广泛好评"} <= set(r.paragraphs[1].evidence["summary_cues"])
    assert "已全部整改" in r.paragraphs[2].evidence["summary_cues"]


def test_the_run_on_shape_labels_each_sentence_by_most_of_its_characters():
    from training.summary_shapes import shaped

    units, gold = shaped(["一、成绩", "全年完成投资12亿元，同比增长8%。被评为先进单位。", "我调研不够深入。"],
                         [False, True, False], "runon", "x")
    # the heading has no full stop: pasted on one line it stays glued to the next sentence
    assert units == ["一、成绩全年完成投资12亿元，同比增长8%。", "被评为先进单位。", "我调研不够深入。"]
    assert gold == [True, True, False]
    lines, labels = shaped(["甲。", "乙。", "丙。"], [True, False, True], "noisy", "x")
    assert [s for s in lines if s in ("甲。", "乙。", "丙。")] == ["甲。", "乙。", "丙。"]
    assert sum(labels) == 2 and len(lines) > 3
