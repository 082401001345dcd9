"""Document kind: detection, the lean away from self-examination, gating of material judgements,
``--kind``, and the kind in JSON, terminal, HTML and the batch table."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from analyzer.batch import cells, columns, summarise
from analyzer.cli import KINDS as CLI_KINDS, main
from analyzer.html import report_page
from analyzer.kinds import KINDS, MATERIAL_KINDS, SELF_EXAMINATION, self_examination_cues, speaks_as, voice, voice_cues
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
    assert "已逐条评判整改事项" in warning["message"]  # what is judged instead of a material's scores
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
    row = summarise(d)
    header, cats = columns([row])
    line = cells(row, cats)
    assert line[header.index("类型 kind")] == "rectification"
    assert line[header.index("深度 depth")] is None


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
    self_examinations = {d.id: d.split for d in docs if d.kind in SELF_EXAMINATION}
    assert materials.items() <= self_examinations.items()
    # the others are page-shaped self-examinations written into data/kinds/{personal,collective} (sl…: branch subjectless)
    assert all(doc_id[:2] in ("pe", "co", "sl") for doc_id in self_examinations.keys() - materials.keys())


# written for these tests in the shapes of real pages (data/realdocs/dev-kinds.csv): news of a meeting
# that quotes a member's self-criticism, a genre guide that quotes the report formula, a first-person
# 心得体会 with no confession, an essay on what "some units" do
REAL_SHAPED_OTHERS = {
    "news": "4月9日下午，区卫健局机关党支部召开专题组织生活会，支部书记主持会议。“对照合格党员标准，我在理论学习上"
            "还不够主动，服务群众还不够耐心。”党员张某在发言中说。随后，党员依次作个人发言，开展相互批评。区直机关"
            "工委派员到会指导并作点评。",
    "guide": "述职报告怎么写\n述职报告是领导干部向上级和干部群众陈述履职情况的报告，一般包括标题、称谓、正文和落款。"
             "正文开头交代任职时间和职责，然后写“现将履职情况报告如下”，再分项写工作成绩、存在的不足和今后打算。"
             "写作时应当实事求是，成绩不夸大，问题不回避。",
    "experience": "参加红色教育培训心得体会\n这次组织我们到革命老区学习五天，我参观了旧址和纪念馆，聆听了两堂专题党课，"
                  "心里很受触动。先辈们在那么艰苦的条件下坚守信仰，让我更加懂得了初心二字的分量。回到岗位后，"
                  "我要把这份感动化为干好本职工作的动力。",
    "essay": "年终总结不能报喜不报忧\n又到年终。一些单位写总结，成绩写得满满当当，问题只有两三句，而且多是“创新不够”"
             "之类的套话；有的单位干脆把去年的总结改个日期交差。笔者以为，总结的价值在于找准问题，写问题要具体到事。",
}


@pytest.mark.parametrize("name", sorted(REAL_SHAPED_OTHERS))
def test_real_shaped_pages_are_other_and_get_no_material_scores(analyzer, name):
    text = REAL_SHAPED_OTHERS[name]
    d = analyzer.analyze(text, f"{name}.txt").to_dict()
    assert d["kind"]["id"] == "other"
    assert not {"coverage", "summary_like", "depth"} & d.keys()
    assert "not_a_material" in [w["code"] for w in d["warnings"]]


def test_a_quoted_confession_or_report_formula_is_not_the_pages_own_voice():
    news = voice(REAL_SHAPED_OTHERS["news"])
    assert news.confessions == 0 and news.reported >= 2
    assert not speaks_as("personal", news) and speaks_as("other", news)
    guide = voice(REAL_SHAPED_OTHERS["guide"])
    assert guide.own_work == 0 and guide.expository >= 2 and not speaks_as("work_report", guide)
    unquoted = voice("我在理论学习上还不够主动，服务群众还不够耐心。下基层调研的次数偏少。")
    assert unquoted.confessions == 2 and speaks_as("personal", unquoted)


def test_a_material_excerpt_in_its_own_voice_is_still_a_material(analyzer):
    excerpt = ("二、存在的问题\n（一）调查研究不够深入。今年我到分管的三个乡镇调研只有五次，多是听汇报，"
               "对村里反映的灌溉渠道损坏问题了解不及时，拖到汛期前才安排修复。\n（二）会议偏多偏长。"
               "我主持召开的局务会有时一开就是一上午，议而不决的情况时有发生。")
    d = analyzer.analyze(excerpt, "excerpt.txt").to_dict()
    assert d["kind"]["id"] in MATERIAL_KINDS and {"coverage", "depth"} <= d.keys()
    assert any("自我检查句" in c for c in d["kind"]["cues"])


def test_a_page_that_does_not_speak_as_a_material_says_why(kind_model):
    proba = np.array([0.9, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01])  # the model alone would say personal
    assert kind_model.decide(REAL_SHAPED_OTHERS["news"], proba) not in MATERIAL_KINDS
    news = voice(REAL_SHAPED_OTHERS["news"])
    why = voice_cues("other", news, ["personal"])
    assert len(why) == 1 and "不按个人对照检查材料判断" in why[0] and f"第三人称报道句 {news.reported}" in why[0]
    assert not any("自我检查句" in c for c in kind_model.classify(REAL_SHAPED_OTHERS["news"])["cues"])


# written for these tests: pages about work that report no work of their own, and a 述职报告 excerpt
WORK_NEWS = ("今年以来，全县纪检监察机关紧盯群众身边的不正之风，共查处问题86个，处理党员干部112人。记者从县纪委获悉，"
             "下一步将开展专项整治。县纪委有关负责同志表示，将持续释放越往后越严的信号。")
WORK_GUIDE = ("年终工作总结的写法\n工作总结一般包括基本情况、主要成绩、存在问题和下步打算四部分。写成绩时要用数据说话，"
              "比如“全年办理来信来访320件”，但不能只堆数字。撰写时要注意实事求是，问题要写具体。")
DUTY_REPORT = ("2024年度个人述职报告\n本人自2023年3月任办公室主任以来，在局党组领导下认真履行岗位职责，现将一年来的工作报告如下。"
               "一、做好文稿服务。全年起草各类文稿120余篇，组织承办全局性会议45次。二、抓好制度建设。牵头修订公文处理、"
               "会议管理等制度7项。三、存在不足。调查研究还不够深入，下基层的次数偏少。")


def test_counted_results_alone_do_not_make_a_work_report():
    news, guide = voice(WORK_NEWS), voice(WORK_GUIDE)
    assert news.own_work == 0 and not speaks_as("work_report", news)  # numbers, but no reporter of its own
    assert guide.own_work == 0 and not speaks_as("work_report", guide)  # a quoted example result is not its own
    report = voice(DUTY_REPORT)
    assert report.own_work >= 3 and speaks_as("work_report", report)
    assert "本人" in report.work or "现将" in report.work


def test_exhortation_reflection_and_a_first_person_story_are_not_own_work():
    assert voice("我们要对年度任务的完成情况心中有数，既回顾上半年工作，也安排好下半年工作。").own_work == 0
    assert voice("通过这次培训，我收获很大，深刻认识到理论学习的重要性。").own_work == 0
    assert voice("我临出门时跟同事说我就去十分钟，结果聊开了，一小时也没回来。").own_work == 0
    assert voice("一年来，我局完成行政审批事项1200余件，办结率100%。").own_work == 1


def test_following_the_meetings_requirements_is_not_a_third_person_report():
    opening_line = "按照会议要求，我对照党章党规，结合思想和工作实际，查摆了自身存在的问题。"
    spoken = voice(opening_line)
    assert spoken.reported == 0 and spoken.confessions == 1


@pytest.mark.parametrize("text", [WORK_NEWS, WORK_GUIDE])
def test_news_and_guides_about_work_stay_other(analyzer, text):
    d = analyzer.analyze(text, "page.txt").to_dict()
    assert d["kind"]["id"] not in MATERIAL_KINDS and d["kind"]["id"] == "other"
    assert "not_a_material" in [w["code"] for w in d["warnings"]]


def test_a_duty_report_excerpt_stays_a_work_report(analyzer):
    d = analyzer.analyze(DUTY_REPORT, "report.txt").to_dict()
    assert d["kind"]["id"] == "work_report"
    assert any("本人/本单位工作句" in c for c in d["kind"]["cues"])
