"""Criticism opinions: items in every common shape, targets, labels with reasons, summary."""
from __future__ import annotations

import json

import pytest

from analyzer import criticism
from analyzer.coverage import PatternMatcher
from analyzer.ingest import from_text
from analyzer import modelstore
from analyzer.pipeline import Analyzer, read
from training.corpus import DATA_DIR
from analyzer.resources import load_rubric

PER_MEMBER = """王XX同志拟在专题民主生活会上提出的批评意见
班子成员：张XX、李XX、赵XX。
对张XX同志：
1.你工作太拼命，经常加班到深夜，不注意身体。
2.你下基层调研大多是听汇报、看材料，去年全年只到联系村去了2次，群众反映见你一面很难。
对李XX同志的批评意见：
（1）建议你今后多下基层，多听听群众的呼声。
（2）你存在一定的形式主义倾向。
（3）你分管的招商引资任务没有完成，签约项目比目标少3个。
"""

RECORD = """XX镇党委专题民主生活会相互批评情况记录
时间：2024年1月15日  地点：镇政府二楼会议室
刘XX对陈XX提出批评：他对来访群众态度生硬，上个月有位老人来反映宅基地纠纷，他听了几句就让去找国土所，群众很有意见。
周XX同志批评陈XX同志：一是他对下属要求过严，有时批评人不留情面；二是希望他今后多关心年轻干部。
"""


@pytest.fixture(scope="module")
def judge():
    model, matcher = modelstore.load("criticism"), PatternMatcher(load_rubric("four-styles"))
    return lambda text: criticism.assess(read(from_text(text)), model, matcher).to_json()


def test_per_member_items_targets_and_labels(judge):
    c = judge(PER_MEMBER)
    items = c["items"]
    assert [(it["target"], it["label"]) for it in items] == [
        ("张XX", "praise"), ("张XX", "genuine"), ("李XX", "suggestion_only"), ("李XX", "vague"),
        ("李XX", "work_not_style")]
    genuine = items[1]
    assert genuine["style"] == "bureaucratism" and genuine["instance"] is True
    assert any("听汇报" in r for r in genuine["reasons"])
    assert any("太拼命" in r for r in items[0]["reasons"])        # the reason quotes the disguise
    assert c["never_criticised"] == ["赵XX"]                     # named in the member list, no item
    assert c["share_genuine"] == pytest.approx(0.2)


def test_offsets_point_into_the_normalised_text(judge):
    text = from_text(PER_MEMBER).text
    for it in judge(PER_MEMBER)["items"]:
        assert text[it["start"]:it["end"]] == it["text"]


def test_meeting_record_and_inline_enumeration(judge):
    items = judge(RECORD)["items"]
    assert [it["target"] for it in items] == ["陈XX"] * 3
    assert [it["label"] for it in items][1:] == ["praise", "suggestion_only"]
    assert items[0]["label"] == "genuine" and items[0]["instance"]


def test_run_on_paste_finds_the_same_items(judge):
    pasted = PER_MEMBER.replace("\n", "")
    assert [(it["target"], it["label"]) for it in judge(pasted)["items"]] == \
        [(it["target"], it["label"]) for it in judge(PER_MEMBER)["items"]]


def test_summary_of_one_person_takes_the_target_from_the_title(judge):
    text = "关于赵XX同志的批评意见汇总\n（会前汇总，共2条）\n1、该同志开会讲话经常一讲一个多小时，内容重复。\n2、他工作太辛苦了，要注意劳逸结合。\n"
    items = judge(text)["items"]
    assert [(it["target"], it["label"]) for it in items] == [("赵XX", "genuine"), ("赵XX", "praise")]


def test_check_kind_criticism_json(tmp_path):
    path = tmp_path / "批评意见.txt"
    path.write_text(PER_MEMBER, encoding="utf-8")
    d = Analyzer(kind="criticism").analyze_path(path).to_dict()
    assert d["kind"]["id"] == "criticism"
    assert "coverage" not in d and "depth" not in d
    warning = next(w for w in d["warnings"] if w["code"] == "not_a_material")
    assert "its criticism items are judged instead" in warning["message"]
    assert len(d["criticism"]["items"]) == 5
    json.dumps(d, ensure_ascii=False)


def test_labelled_set_sizes_and_splits():
    docs = [json.loads(line) for line in
            (DATA_DIR / "criticism" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) >= 30 and sum(len(d["items"]) for d in docs) >= 300
    assert {d["split"] for d in docs} == {"train", "dev", "test"}
    assert {d["shape"] for d in docs if d["split"] == "test"} == {"per_member", "summary", "record", "runon"}
    for d in docs:
        text = from_text(d["text"]).text
        assert all(it["text"] in text and it["label"] in criticism.LABELS for it in d["items"])


def test_html_and_terminal_views(tmp_path):
    from rich.console import Console

    from analyzer.html import report_page
    from analyzer.render import render

    report = Analyzer(kind="criticism").analyze(PER_MEMBER, "批评意见.txt")
    page = report_page(report.to_dict())
    assert "批评变表扬" in page and "未收到批评的成员" in page and "赵XX" in page
    console = Console(record=True, width=160)
    render(report, console)
    assert "以建议代批评" in console.export_text()


def test_members_named_by_surname_and_post_are_targets():
    """对李书记： / 对张副镇长： head a member's items as 对张XX同志： does (found by the newuser try-out)."""
    text = ("班子成员相互批评意见\n"
            "对李书记：1.听取基层意见不够，去年到联系村只去过两次。\n"
            "对张副镇长：2.下村调研习惯让村干部提前安排路线，三次调研没有走进一户困难群众家里。\n"
            "3.对分管的安全生产工作抓得不够紧，建议进一步加强。")
    targets = [it.target for it in criticism.split_items(text)]
    assert targets == ["李书记", "张副镇长", "张副镇长"]
    assert [it.target for it in criticism.split_items("对分管的工作要求严格：有时批评人不留情面。")] == [None]


ONE_PERSON = """对刘某某同志的批评意见
一、刘某某同志对分管的信访工作过问少，今年4月群众到县里反映拆迁补偿问题，他只批转了事，没有约见当事人。
二、刘某某同志工作标准高、要求严，经常带病坚持工作，希望今后多注意休息。
三、希望刘某某同志今后进一步转变作风。
"""


def test_the_comrade_an_item_names_is_no_instance(judge):
    """A real list restates its target in every item (张某某同志理论学习抓得不紧…); the anonymised name
    matched the instance pattern 某同志, so a wish and a praise were marked as citing an instance and a
    genuine item quoted “某同志” as one."""
    items = judge(ONE_PERSON)["items"]
    assert [(it["target"], it["label"]) for it in items] == [
        ("刘某某", "genuine"), ("刘某某", "praise"), ("刘某某", "suggestion_only")]
    assert [it["instance"] for it in items] == [True, False, False]
    assert not any("某同志" in r for it in items for r in it["reasons"])
    assert any("今年4月" in r for r in items[0]["reasons"])
