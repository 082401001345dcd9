"""A problem table's header row (类别｜具体表现｜整改时限) heads the rows under 存在的主要问题: its 整改时限
column must not open a measures section, or the confessed rows lose the problem role and depth reports
"no problems" beside coverage that found every category in those rows. Invented text."""
from __future__ import annotations

from analyzer.structure import layout

TABLE = ["县水利局局长个人对照检查材料",
         "按照县委要求，我认真学习规定篇目，广泛征求意见，对照“四风”查摆了自身存在的问题。",
         "一、存在的主要问题",
         "类别\t具体表现\t整改时限",
         "形式主义\t去年局里印发文件八十多件，转发上级文件占一半以上，我批示“照此执行”后就没有再跟进。\t2024年6月底",
         "官僚主义\t基层水管站反映渠道渗漏问题，我在会上说过“抓紧研究”，三个月后仍未落实。\t2024年3月底",
         "奢靡之风\t2023年两次到外地考察，安排了当地景点参观；我的办公室超出标准4平方米。\t立即整改",
         "二、产生问题的原因",
         "一是理论学习不够深入，满足于读原文、记笔记，宗旨意识在日常工作中淡化了。",
         "三、整改措施",
         "（一）建立文件精简台账，2024年起局发文件比上年减少三分之一，由办公室每季度通报。"]


def test_table_header_row_stays_inside_the_problem_section():
    lay = layout(TABLE)
    assert lay.is_heading[3]
    assert lay.context[4:7] == ["problem"] * 3
    assert lay.context[8] == "cause" and lay.context[10] == "measure"


def test_problem_rows_of_a_table_are_judged_as_problems(analyzer):
    report = analyzer.analyze("\n".join(TABLE), "table.txt").to_dict()
    roles = [p["role"] for p in report["paragraphs"]]
    rows = [p for p in report["paragraphs"] if p["text"].startswith(("形式主义", "官僚主义", "奢靡之风"))]
    assert len(rows) == 3 and all(p["role"] == "problem" for p in rows), roles
    reasons = " ".join(d["reason"] for d in report["depth"]["deductions"])
    assert "没有查摆出问题" not in reasons
