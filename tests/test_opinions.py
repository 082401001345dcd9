"""Answering the collected opinions: lists in txt/docx/xlsx, matching by meaning, batch by name."""
from __future__ import annotations

import json

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.errors import JingziError
from analyzer.opinions import list_for, parse_lines, read_list

MATERIAL = """XX县住建局局长个人对照检查材料
根据统一部署，会前征求意见15条，现将对照检查情况报告如下。
一、存在的问题
（一）官僚主义方面。有的群众反映到我这里的事情，一拖就是一两个月。去年一位老党员反映小区漏水的问题，我批给物业科以后就没有再过问，拖了三个多月才解决。
（二）形式主义方面。会议多、文件多，今年上半年我主持召开的专题会议有23个，有的会议内容重复，以会议落实会议。
二、整改措施
一是建立群众诉求办理台账，每件事明确办结时限，我每月调度一次。二是今后要进一步严格执行中央八项规定精神，厉行勤俭节约，坚决反对奢靡之风。
"""
OPINIONS = ["办事拖拉、效率不高", "开会太多，一个星期有好几天都在开会", "公车私用，周末开公家的车出去办私事",
            "上班时间玩手机、看视频的现象比较多"]


@pytest.fixture(scope="module")
def judged(analyzer):
    return analyzer.analyze(MATERIAL, "局长.txt", opinions=OPINIONS).to_dict()["opinions"]


def test_matching_by_meaning_not_wording(judged):
    first = judged["items"][0]
    assert first["status"] == "answered"            # 办事拖拉 ↔ 一拖就是一两个月
    assert 3 in first["paragraphs"]                 # the 官僚主义 problem paragraph
    assert "拖" in "".join(first["evidence"]["material_phrases"])
    assert judged["items"][1]["status"] == "answered"


def test_stock_pledge_is_generic_and_unrelated_is_ignored(judged):
    statuses = [it["status"] for it in judged["items"]]
    assert statuses[2] == "generic"                 # only "坚决反对奢靡之风" touches 公车私用
    assert judged["items"][2]["evidence"]["role"] != "problem"
    assert statuses[3] == "ignored" and judged["items"][3]["paragraphs"] == []
    assert judged["answered_ratio"] == pytest.approx(0.5)


def test_parse_lines_drops_numbering_and_title():
    assert parse_lines(["征求到的意见建议", "1. 会议太多", "（2）办事拖拉，效率不高", "③ 接待标准偏高", ""]) == \
        ["会议太多", "办事拖拉，效率不高", "接待标准偏高"]


def test_docx_and_xlsx_lists(tmp_path):
    d = docx.Document()
    d.add_paragraph("群众意见清单")
    table = d.add_table(rows=2, cols=2)
    for r, (n, text) in enumerate([("1", "下基层太少，群众见不到人"), ("2", "迎来送往太多，接待费花得不少")]):
        table.cell(r, 0).text, table.cell(r, 1).text = n, text
    d.save(tmp_path / "a.opinions.docx")
    assert read_list(tmp_path / "a.opinions.docx") == ["下基层太少，群众见不到人", "迎来送往太多，接待费花得不少"]
    book = openpyxl.Workbook()
    book.active.append(["序号", "意见内容", "来源"])
    book.active.append([1, "審批環節多，群眾來回跑", "群眾座談會"])
    book.save(tmp_path / "b.opinions.xlsx")
    assert read_list(tmp_path / "b.opinions.xlsx") == ["审批环节多，群众来回跑"]   # traditional → simplified


def test_bad_lists_get_coded_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(JingziError) as exc:
        read_list(tmp_path / "empty.txt")
    assert exc.value.code == "empty"
    with pytest.raises(JingziError) as exc:
        read_list(tmp_path / "list.pdf")
    assert exc.value.code == "not_found"


def test_check_and_batch_with_opinions(tmp_path):
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "张三.txt").write_text(MATERIAL, encoding="utf-8")
    (folder / "张三.opinions.txt").write_text("\n".join(OPINIONS), encoding="utf-8")
    assert list_for(folder / "张三.txt", folder) == folder / "张三.opinions.txt"
    result = CliRunner().invoke(main, ["check", str(folder), "--opinions", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1                          # the list itself is not analysed as a material
    assert json.loads(lines[0])["opinions"]["answered_ratio"] == pytest.approx(0.5)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(folder), "--out", str(out), "--opinions", str(folder),
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.output
    header = (out / "results.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "意见回应率 answered_ratio" in header
    assert "意见回应" in (out / "reports" / "张三.txt.html").read_text(encoding="utf-8")


def test_labelled_pairs():
    from training.corpus import DATA_DIR

    rows = [json.loads(line) for line in
            (DATA_DIR / "opinions" / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 30 and {r["split"] for r in rows} == {"train", "dev", "test"}
    for r in rows:
        listed = read_list(DATA_DIR / "opinions" / "pairs" / f"{r['id']}.opinions.txt")
        assert listed == [o["text"] for o in r["opinions"]]
        assert all(o["status"] in ("answered", "generic", "ignored") for o in r["opinions"])
