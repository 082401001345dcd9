"""Rectification plans: items from tables (docx and text), labelled fields, prose and run-on pastes."""
from __future__ import annotations

import docx
import pytest

from analyzer import rectification
from analyzer.ingest import from_text, read_path

PROSE = """XX局党组专题民主生活会查摆问题整改方案
为抓好整改落实，制定本方案。
一、关于会议过多过长的问题。每月综合性会议不超过2次，能合并的一律合并。由办公室主任王XX负责。2024年6月底前完成。确保会议数量同比减少30%以上。
二、关于下基层少的问题。进一步加强作风建设，密切联系群众。由各科室负责。长期坚持。确保作风明显提升。
三、针对公车私用的问题，公务用车全部安装定位系统，节假日封存。责任人：机关党委。
XX局党组
2024年1月20日
"""

LABELLED = """整改清单
1. 问题：接待超标准；措施：实行接待审批单、清单和发票三单对应；责任人：办公室；时限：3个月内；目标：接待费用同比下降20%。
2. 问题：学习走过场；措施：认真学习，不断提高认识；责任单位：相关部门；时限：长期坚持。
"""


def fields(it):
    return (it.problem, it.owner, (it.deadline or {}).get("type"), it.standard, it.measure_concrete)


def test_numbered_prose_fields_and_missing():
    items = rectification.split_items(from_text(PROSE).text)
    assert len(items) == 3
    first, second, third = items
    assert fields(first) == ("会议过多过长", "办公室主任王XX", "date", "会议数量同比减少30%以上", True)
    assert first.missing == []
    assert second.owner is None and second.standard is None and not second.measure_concrete
    assert second.deadline == {"text": "长期坚持", "type": "ongoing"}
    assert second.missing == ["measure", "owner", "standard"]
    assert any("各科室" in n for n in second.notes) and any("明显提升" in n for n in second.notes)
    assert third.owner == "机关党委" and third.deadline is None and "deadline" in third.missing


def test_signature_and_date_are_not_part_of_the_last_item():
    last = rectification.split_items(from_text(PROSE).text)[-1]
    assert "2024年1月20日" not in last.text and "XX局党组" not in last.text
    assert last.measure == "公务用车全部安装定位系统，节假日封存"


def test_labelled_fields():
    a, b = rectification.split_items(from_text(LABELLED).text)
    assert fields(a) == ("接待超标准", "办公室", "date", "接待费用同比下降20%", True)
    assert b.owner is None and b.deadline["type"] == "ongoing" and not b.measure_concrete


def test_run_on_paste_keeps_items_and_fields():
    pasted = PROSE.replace("\n", "")
    items = rectification.split_items(from_text(pasted).text)
    assert [fields(it) for it in items] == [fields(it) for it in rectification.split_items(from_text(PROSE).text)]


def test_text_table_with_same_as_above():
    text = ("序号｜存在问题｜整改措施｜责任领导｜完成时限｜整改目标\n"
            "1｜文件简报多｜建立发文审核制度，全年发文压缩30%｜办公室主任王XX｜2024年6月底前｜发文数量减少30%\n"
            "2｜督查检查过多｜统筹督查检查事项，未列入计划的一律不得开展｜同上｜同上｜—\n")
    a, b = rectification.split_items(from_text(text).text)
    assert b.owner == "办公室主任王XX" and b.deadline == {"text": "2024年6月底前", "type": "date"}
    assert b.standard is None and b.missing == ["standard"]


@pytest.fixture()
def plan_docx(tmp_path):
    d = docx.Document()
    d.add_paragraph("XX镇党委专题民主生活会整改任务书")
    rows = [["序号", "存在问题", "整改措施", "责任人", "整改时限", "整改目标"],
            ["1", "调研走马观花", "班子成员每季度到基层蹲点不少于5天", "镇党委书记张XX", "长期坚持", "每人形成调研报告1篇以上"],
            ["2", "群众办事来回跑", "推行一窗受理，高频事项全部进综合窗口", "各股室", "同上", "群众满意"],
            ["3", "值班纪律松弛", "修订值班制度，纪委每月抽查2次", "副镇长刘XX", "3个月内", "抽查合格率100%"]]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    path = tmp_path / "整改方案.docx"
    d.save(path)
    return path


def test_docx_table_plan(plan_docx):
    source = read_path(plan_docx)
    items = rectification.split_items(source.text)
    assert [it.problem for it in items] == ["调研走马观花", "群众办事来回跑", "值班纪律松弛"]
    assert items[1].deadline == {"text": "长期坚持", "type": "ongoing"}      # 同上 takes the row above
    assert items[1].owner is None and set(items[1].missing) == {"owner", "standard"}
    assert items[2].missing == []
    for it in items:
        assert source.text[it.start:it.end] == it.text


def test_cli_check_kind_rectification(plan_docx):
    import json

    from click.testing import CliRunner

    from analyzer.cli import main

    result = CliRunner().invoke(main, ["check", str(plan_docx), "--kind", "rectification", "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["kind"]["id"] == "rectification" and d["rectification"]["items_missing_fields"] == 1


def test_labelled_set_sizes_and_splits():
    import json

    from training.corpus import DATA_DIR

    plans = [json.loads(line) for line in
             (DATA_DIR / "rectification" / "plans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(plans) >= 40 and sum(len(p["items"]) for p in plans) >= 400
    assert {p["shape"] for p in plans if p["split"] == "test"} == \
        {"labelled", "prose", "docx_table", "text_table", "runon"}
    for p in plans:
        for it in p["items"]:
            assert set(it["missing"]) <= {"measure", "owner", "deadline", "standard"}
            assert (it["owner"] is None) == ("owner" in it["missing"])


def test_html_view_marks_missing_fields():
    from analyzer.html import report_page
    from analyzer.pipeline import Analyzer

    d = Analyzer(kind="rectification").analyze(PROSE, "整改方案.txt").to_dict()
    page = report_page(d)
    assert "整改方案 rectification plan" in page and "“各科室”不是具体责任人" in page
    assert d["rectification"]["missing_counts"]["owner"] == 1


def test_a_year_and_month_in_a_deadline_cell_is_a_date():
    """完成时限 2024年3月 (a table cell) is a deadline, the end of that month; 每月 is a frequency, not one."""
    notes: list[str] = []
    assert rectification.judge_deadline("2024年3月", notes) == {"text": "2024年3月", "type": "date"}
    assert notes == []
    assert rectification.judge_deadline("每月一次", notes) is None and notes
