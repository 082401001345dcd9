"""Document kind, issue 13 (kindsrules5): the decision rules that withheld real materials, made precise from the
errors of the written dev split and the real DEV pages. Each test gives ``KindModel.decide`` a row of
probabilities by hand, so that the rule, not a model's weights, is what is tested. Texts written for these tests.
"""
from __future__ import annotations

import numpy as np

from analyzer.kinds import KINDS, speaks_as, titled_kind, voice

from .conftest import kind_decider


def _decide(text: str, **proba: float) -> str:
    return kind_decider().decide(text, np.array([proba.get(k, 0.0) for k in KINDS]))


# a 班子 problems section that confesses again and again, beside one sentence of exhortation
COLLECTIVE_SECTION = ("二、存在的主要问题\n"
                      "（一）形式主义方面。一是班子理论学习不够深入，中心组学习有时流于形式。二是抓落实力度不够，"
                      "有的工作部署多、检查少。\n"
                      "（二）官僚主义方面。一是班子成员深入基层不够，对群众的实际困难了解不全面。二是服务意识不强，"
                      "机关办事效率不够高。\n"
                      "（三）享乐主义方面。班子进取意识不够强，有时满足现状，艰苦奋斗的精神有所弱化。\n"
                      "必须按照“照镜子、正衣冠”的要求，把问题找准找实。")
# an essay that confesses in passing and lectures as much: the lean away from self-examination still applies
ESSAY_WITH_ASIDES = ("我也存在学习不够系统的问题。有的干部把民主生活会当成例行公事，会前不准备，会上讲套话。"
                     "一些单位征求意见走过场，意见收上来就锁进抽屉。我在这方面也有不足。"
                     "开好民主生活会，要点是把自己摆进去。")
DUTY_REPORT = ("2024年度乡镇党委书记抓基层党建工作述职报告\n"
               "一年来，我认真履行抓基层党建第一责任人职责，现将有关情况报告如下。\n"
               "一、主要工作。我带头讲党课4次，主持召开党委会研究党建工作12次，新建村级党群服务中心5个。\n"
               "二、存在问题。一是抓党建与抓发展结合不够紧密；二是村级后备干部培养还有短板。\n"
               "三、下一步打算。压紧压实党建责任，年内完成村级后备干部储备。")
DUTY_REPORT_NOTICE = ("关于报送2024年度述职报告的通知\n"
                      "各党支部：现将有关事项通知如下。一年来各支部认真履职，请于1月10日前报送述职报告。")


def test_many_confessions_beside_one_exhortation_keep_the_material():
    assert _decide(COLLECTIVE_SECTION, collective=0.5, personal=0.45, other=0.05) == "collective"


def test_the_lean_still_applies_when_other_voices_are_as_many_as_the_confessions():
    assert _decide(ESSAY_WITH_ASIDES, personal=0.5, other=0.45, rectification=0.05) == "other"


def test_a_title_naming_a_duty_report_settles_it_like_a_self_examination_title():
    assert titled_kind(DUTY_REPORT) == "work_report"
    assert _decide(DUTY_REPORT, personal=0.55, work_report=0.4, other=0.05) == "work_report"
    one_line = DUTY_REPORT.replace("\n", "")
    assert _decide(one_line, personal=0.55, work_report=0.4, other=0.05) == "work_report"


def test_a_notice_about_duty_reports_is_not_settled_by_their_name():
    assert titled_kind(DUTY_REPORT_NOTICE) is None
    assert _decide(DUTY_REPORT_NOTICE, work_report=0.2, other=0.8) == "other"


# the title and the measures of a personal material, as an abridged paste gives them: nothing confessed
TITLED_MEASURES = ("XX镇党委书记个人对照检查材料\n"
                   "措施：本人每月到包联村不少于4天，每年走访农户不少于120户。\n"
                   "措施：集体林权遗留问题由我牵头，年底前完成确权扫尾。")
# the same title over lines that name no author: a page of links, not a material
TITLED_LINKS = ("XX镇党委书记个人对照检查材料\n"
                "第1页 共3页\n"
                "点击查看全文\n"
                "下载本文档需要2积分")


def test_a_titled_excerpt_of_measures_naming_its_author_is_the_material_it_claims():
    spoken = voice(TITLED_MEASURES)
    assert spoken.confessions == 0 and spoken.named
    assert speaks_as("personal", spoken, titled=True) and not speaks_as("personal", spoken)
    assert _decide(TITLED_MEASURES, personal=0.3, rectification=0.6, other=0.1) == "personal"


def test_a_claiming_title_over_no_author_and_no_confession_settles_nothing():
    spoken = voice(TITLED_LINKS)
    assert spoken.confessions == 0 and not spoken.named
    assert not speaks_as("personal", spoken, titled=True)
    news_line = TITLED_MEASURES + "\n12月5日，镇党委召开专题民主生活会，县委督导组到会指导。"
    assert not speaks_as("personal", voice(news_line), titled=True)  # a sentence reporting a meeting


def test_a_standing_committee_named_as_subject_is_the_author():
    own = voice("县委常委班子始终在思想上行动上同党中央保持一致。同时也要看到，执行八项规定还有不到位的地方。")
    assert own.named and own.confessions == 1
    anyones = voice("全县各乡镇常委班子执行八项规定还有不到位的地方。")  # a body named in general is not the author
    assert not anyones.named and anyones.confessions == 0


RESEARCH_REPORT = ("关于基层减负工作落实情况的调查与思考\n"
                   "按照市委安排，我们成立调研组，深入8个县区开展专题调研。现将有关情况报告如下。\n"
                   "一、基本情况\n"
                   "近年来，我市严格落实基层减负要求，全年发文数量同比下降31%，督查检查事项压减45%。")


def test_a_title_ending_in_reflections_names_an_essay_or_study_not_a_work_report():
    spoken = voice(RESEARCH_REPORT)
    assert spoken.own_work == 0 and not speaks_as("work_report", spoken)
    assert titled_kind(RESEARCH_REPORT) is None
    summary = "2023年度工作总结与思考\n一年来，我局全年办理审批事项4300余件，按时办结率99.6%。"
    assert titled_kind(summary) == "work_report"  # a work report joined to its reflections by 与 is still one


MEMOIR = ("近年来我的记忆力开始衰退，许多事情渐渐模糊了。\n"
          "但有一个情景总也忘不掉：那年冬天，老支书拉着我的手，让我别忘了村里的乡亲。\n"
          "我时常想起他的话。")


def test_a_memoir_the_model_takes_for_a_self_examination_is_no_work_report():
    spoken = voice(MEMOIR)
    assert spoken.own_work == 1 and spoken.confessions == 0
    assert _decide(MEMOIR, personal=0.9, work_report=0.06, other=0.04) == "other"
    report = MEMOIR + "\n今年以来，我牵头办结群众来信27件。"  # reporting its own work twice, it may be one
    assert voice(report).own_work >= 2
    assert _decide(report, personal=0.9, work_report=0.06, other=0.04) == "work_report"
