"""Document kind, issue 13: the genres that look like a work report without being one — a unit's
achievements told in the third person, a statistical bulletin, a plan or 工作要点 (future, not done),
a commendation notice, an 调研报告, a leader's speech reviewing the year — report no work of the
author's own, while unit work reports and duty reports that name their subject, use a report
formula or head a section with the work done still do. Texts written for these tests."""
from __future__ import annotations

import pytest

from analyzer import modelstore
from analyzer.kinds import MATERIAL_KINDS, speaks_as, speech, voice

UNIT_NEWS = ("今年以来，某区人社局聚焦稳就业，累计发放创业担保贷款1.6亿元，新增城镇就业8200人，同比增长9%。\n"
             "该局还开展线上招聘活动46场，帮助1900余名高校毕业生实现就业。")
BULLETIN = ("初步核算，全年全县地区生产总值412亿元，比上年增长5.1%。\n"
            "全年粮食播种面积86万亩，粮食总产量38万吨，比上年增长2.3%。\n"
            "全年社会消费品零售总额比上年增长6.4%。")
PLAN = ("2026年，我局将围绕营商环境优化，重点抓好四项工作。\n"
        "一是全年计划开展政策宣讲30场，力争惠企政策知晓率达到95%以上。\n"
        "二是年内新建便民服务点12个，每个乡镇不少于1个。")
COMMENDATION = ("关于表彰2025年度优秀共产党员的决定\n"
                "2025年，全局党员干部攻坚克难，圆满完成各项任务，涌现出一批先进典型。\n"
                "经局党组研究，决定对李某某等12名同志予以表彰。")
SURVEY = ("为了解全县养老服务情况，县民政局组成调研组，于今年4月走访了9个乡镇的21家养老机构。\n"
          "现将调研情况报告如下。\n"
          "全县共有养老床位5600张，其中护理型床位占38%。")
SPEECH = ("今天召开全局年度工作会议。刚才，三个科室作了交流发言，讲得都很好。\n"
          "过去一年，我们完成执法检查1200余次，办结投诉举报860件，获评全省法治建设先进单位。\n"
          "下面，我讲两点意见。")
RUN_ON_GENRE = ("关于表彰2025年度先进科室的通报各科室：2025年，全局上下团结一心，圆满完成全年目标任务，"
                "办理业务1.2万件。经研究，决定对综合科等3个科室予以通报表彰。")

UNIT_REPORT_UNTITLED = ("2025年，县农业农村局坚持稳粮保供，各项工作取得新成效。\n"
                        "全年建成高标准农田3.2万亩，粮食总产量稳定在40万吨以上。\n"
                        "培育新型农业经营主体56家，组织农技培训42期。")
HEADED_REPORT = ("一、2025年主要工作成效\n"
                 "（一）产业发展。全镇完成固定资产投资9.6亿元，新引进项目11个。\n"
                 "（二）民生保障。新建村级养老服务站6个，改造农村公路38公里。")
DUTY_REPORT = ("二、履职情况：分管的文旅工作全年接待游客260万人次，旅游收入同比增长14%。\n"
               "三、存在不足：对新业态研究不够深入。")
ORAL_MATERIAL = ("同志们，按照会议安排，我把自己查摆的问题向大家作个报告。\n"
                 "一是我抓调查研究不够，今年到村里调研只有四次，多是听汇报。\n"
                 "二是我对分管科室的作风问题管得不严，窗口群众投诉处理拖了两个月。")


@pytest.mark.parametrize("text", [UNIT_NEWS, BULLETIN, PLAN, COMMENDATION, SURVEY, SPEECH, RUN_ON_GENRE],
                         ids=["unit_news", "bulletin", "plan", "commendation", "survey", "speech", "run_on_genre"])
def test_genres_that_look_like_a_work_report_report_no_own_work(text):
    spoken = voice(text)
    assert spoken.own_work == 0 and not speaks_as("work_report", spoken)


@pytest.mark.parametrize("text", [UNIT_REPORT_UNTITLED, HEADED_REPORT, DUTY_REPORT],
                         ids=["unit_subject", "work_heading", "duty_portfolio"])
def test_work_reports_without_a_title_still_report_their_own_work(text):
    spoken = voice(text)
    assert spoken.own_work >= 1 and speaks_as("work_report", spoken)


def test_a_speech_address_bars_own_work_but_not_an_oral_self_examination():
    assert speech(SPEECH) and speech("同志们：今天召开全局工作会议。")
    assert not speech("尊敬的各位领导、同志们：现将我一年来的履职情况报告如下。")
    spoken = voice(ORAL_MATERIAL)
    assert speech(ORAL_MATERIAL) and spoken.confessions >= 2 and speaks_as("personal", spoken)


def test_a_unit_named_with_mou_is_someone_else():
    assert voice(UNIT_NEWS).about_others == 2
    assert voice("2023年某月某日，我到某村调研，完成了入户走访12户。").own_work == 1  # 某月/某村 are no subject


@pytest.fixture(scope="module")
def kind_model():
    return modelstore.load("kinds")


def test_the_model_gives_these_genres_no_materials_kind(kind_model):
    for text in (UNIT_NEWS, BULLETIN, PLAN, COMMENDATION, SURVEY, SPEECH, RUN_ON_GENRE):
        assert kind_model.classify(text)["id"] not in MATERIAL_KINDS
    assert kind_model.classify("2025年度县农业农村局工作总结\n" + UNIT_REPORT_UNTITLED)["id"] == "work_report"


def test_a_work_summary_naming_no_rectification_is_no_rectification_document(kind_model):
    summary = ("2025年，我局认真落实政务公开要求，明确分管领导及具体责任人，每个科室确定1名信息员。\n"
               "全年主动公开政府信息326条，办理依申请公开13件，均在规定时限内答复。\n"
               "存在的不足：公开内容的解读还不够通俗。下步思路：完善信息发布审核流程。")
    assert kind_model.classify(summary)["id"] != "rectification"
    assert kind_model.classify("整改清单\n问题：窗口办事排长队。整改措施：增设自助终端。责任人：李某。完成时限：6月底。"
                               )["id"] == "rectification"
