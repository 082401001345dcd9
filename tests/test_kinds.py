"""Document kind: detection, the lean away from self-examination, gating of material judgements,
``--kind``, and the kind in JSON, terminal, HTML and the batch table."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from analyzer.batch import summarise, table
from analyzer.cli import KINDS as CLI_KINDS, main
from analyzer.html import report_page
from analyzer.kinds import KINDS, MATERIAL_KINDS, SELF_EXAMINATION, self_examination_cues
from analyzer import modelstore
from analyzer.report import Report

from .conftest import GOOD

RECTIFICATION = """党支部专题组织生活会问题整改清单
问题一：理论学习走过场，集中学习多为读文件。整改措施：每次学习确定一名党员领学并组织讨论。责任人：支部书记。完成时限：2024年4月起每月执行。
问题二：流动党员联系不上。整改措施：逐一核实联系方式，建立流动党员联络群。责任人：组织委员。完成时限：2024年5月31日前。
问题三：党费收缴不及时。整改措施：每季度首月集中收缴并公示。责任人：支部委员。完成时限：长期坚持。"""

# written for this test: one of each non-material kind, in shapes a reviewer receives
NON_MATERIALS = {
    "news": "本报讯 近日，县财政局党组召开专题民主生活会。会上，党组书记代表班子作对照检查，班子成员逐一发言，"
            "开展批评和自我批评。县委督导组到会指导并作点评，认为会议准备充分、查摆问题具体。",
    "catalogue": "四风问题表现清单\n形式主义：以会议落实会议，以文件落实文件，调研走马观花，过度留痕。\n"
                 "官僚主义：门难进、脸难看、事难办，推诿扯皮，拍脑袋决策。\n享乐主义：精神懈怠，贪图安逸。\n"
                 "奢靡之风：公款吃喝，超标配车，办公用房超标。",
    "criticism": "对副局长田某同志的批评意见\n一是你到基层调研次数偏少，去年分管的三个站所有一个全年没去过。\n"
                 "二是你对下属的请示批复不及时，有的文件在你那里压了半个月。希望田某同志认真对待。",
    "opinions": "征求意见汇总\n1.班子成员下基层少，基层困难反映上来解决慢。（6人提出）\n2.会议通知临时，准备时间不够。（4人提出）\n"
                "3.窗口服务态度生硬，群众办事跑多趟。（3人提出）",
    "guide": "对照检查材料怎么写？要点有三：问题要具体，写清时间地点和事例；原因要从理想信念、宗旨意识上找；"
             "措施要有时限和责任人，不能只写进一步加强。",
}


@pytest.fixture(scope="module")
def kind_model():
    return modelstore.load("kinds")


def test_a_material_is_a_material_and_is_judged(analyzer):
    report = analyzer.analyze(GOOD, "good.txt")
    assert report.kind["id"] == "personal" and report.kind["score"] > 0.5
    assert any("个人对照检查" in c for c in report.kind["cues"])
    d = report.to_dict()
    assert d["kind"]["label"] == "个人对照检查材料"
    assert {"coverage", "summary_like", "depth"} <= d.keys()
    assert "not_a_material" not in [w["code"] for w in d.get("warnings", [])]


def test_a_rectification_list_gets_a_warning_instead_of_material_scores(analyzer):
    d = analyzer.analyze(RECTIFICATION, "plan.txt").to_dict()
    assert d["kind"]["id"] == "rectification"
    assert any("责任人" in c or "完成时限" in c or "整改清单" in c for c in d["kind"]["cues"])
    assert not {"coverage", "summary_like", "depth"} & d.keys()
    warning = next(w for w in d["warnings"] if w["code"] == "not_a_material")
    assert "rectification" in warning["message"] and "--kind personal" in warning["message"]
    assert all("summary_like" not in p and p["styles"] == [] for p in d["paragraphs"])


@pytest.mark.parametrize("name", sorted(NON_MATERIALS))
def test_no_non_material_is_taken_for_a_self_examination(kind_model, name):
    text = NON_MATERIALS[name]
    for shaped in (text, text.replace("\n", "")):  # as written and as a run-on paste
        assert kind_model.classify(shaped)["id"] not in SELF_EXAMINATION


def test_a_run_on_paste_of_a_material_is_still_a_material(kind_model):
    assert kind_model.classify(GOOD.replace("\n", ""))["id"] == "personal"


def test_a_text_without_any_self_examination_cue_is_never_called_one(kind_model):
    text = "今年全县完成造林面积两万亩，森林覆盖率提高一个百分点。"
    assert not self_examination_cues(text)
    proba = np.array([0.9, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01])  # the model alone would say personal
    assert kind_model.decide(text, proba) not in SELF_EXAMINATION
    assert kind_model.decide(GOOD, proba) == "personal"


def test_kind_forces_the_material_judgements():
    from analyzer import Analyzer

    forced = Analyzer(kind="personal").analyze(RECTIFICATION).to_dict()
    assert forced["kind"] == {"id": "personal", "label": "个人对照检查材料", "score": 1.0,
                              "cues": ["由 --kind 指定 / set with --kind"]}
    assert {"coverage", "summary_like", "depth"} <= forced.keys()
    with pytest.raises(ValueError, match="unknown kind"):
        Analyzer(kind="memo")


def test_cli_kind_option(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--json", "--kind", "other", str(path)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["kind"]["id"] == "other" and "depth" not in d
    assert CliRunner().invoke(main, ["check", "--kind", "memo", str(path)]).exit_code == 2
    assert CLI_KINDS == KINDS and set(MATERIAL_KINDS) < set(KINDS)


def test_kind_in_json_round_trip_html_and_batch_table(analyzer):
    d = analyzer.analyze(RECTIFICATION, "plan.txt").to_dict()
    assert Report.from_dict(d).to_dict() == d
    page = report_page(d)
    assert "文档类型 kind" in page and "整改方案/整改清单" in page
    header, cells = table([summarise(d)])
    assert cells[0][header.index("类型 kind")] == "rectification"
    assert cells[0][header.index("深度 depth")] is None


def test_the_kinds_corpus_follows_its_format_and_splits():
    from collections import Counter

    from training.corpus import load_corpus
    from training.kinds_corpus import load_kinds_corpus

    docs = load_kinds_corpus()
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids))
    written = [d for d in docs if d.kind not in SELF_EXAMINATION]
    per_kind = Counter(d.kind for d in written)
    assert set(per_kind) == set(KINDS) - set(SELF_EXAMINATION) and min(per_kind.values()) >= 30
    assert {d.split for d in docs} == {"train", "dev", "test"}
    assert all(Counter(d.split for d in written if d.kind == k)["test"] >= 8 for k in per_kind)
    materials = {d.id: d.split for d in load_corpus() if d.path.parent.name == "written"}
    assert {d.id: d.split for d in docs if d.kind in SELF_EXAMINATION} == materials
