"""Document kind, issue 13 (branch unitreports): a unit's or a person's work report read as one.

A work report sums up its own work before it turns to its shortfalls (在看到成绩的同时…也存在不足, 我局虽然做了大量工作，
但…): that sentence reports its own work as 现将…总结如下 does, even when the shortfalls it names are its own members'
in general (一是个别干部…), so the 存在问题/下步打算 sections of a summary, cut from the rest, are still a work report's. A
unit named as the subject of a period's sentence (今年以来，审计局围绕全县中心工作…) does its own work, though the work
is for the whole county; a place as the subject (今年以来，某县坚持…) or a county's totals are still no one's own work. A
campaign's own dates are a period (自2025年3月起至6月底、为期四个月、期间，…), and a title naming the summary of how a
campaign went (…学习教育开展情况总结) names a work report. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import speaks_as, titled_work_report, voice

from .test_kinds_decision import _decide

# the closing sections of a township's summary of its rural-road work, the results summed up in one turn
SHORTFALLS_AND_PLANS = ("四、存在的问题\n"
                        "在看到成绩的同时，我们也清醒地认识到工作中存在的不足：一是个别干部对农村公路养护重视不够，"
                        "巡查记录流于应付；二是部分村级养护资金拨付不及时，影响了日常保洁。\n"
                        "五、下步打算\n"
                        "针对上述问题，镇党委将把农村公路养护纳入村干部年度考核，每季度通报一次养护情况。")
# the same turn in a bureau's summary, after it has done "a lot of work"
DONE_A_LOT = ("三、存在的不足\n"
              "一年来，我局虽然做了大量工作，但对照群众期盼还有差距：对中小企业的上门服务不够经常，"
              "部分审批事项办理时限仍然偏长。")
# a supervision office's summary that opens with its own work for the whole county
OWN_WORK_FOR_THE_COUNTY = ("今年以来，县审计局围绕全县中心工作，立足服务大局、促进落实，坚持应审尽审，"
                           "审计工作取得了明显成效。当然，工作中仍然存在一些不足之处：审计成果运用不够，"
                           "对被审计单位的整改跟踪不及时。")
# news of a county's year: the county as the subject, its totals no one's own work
COUNTY_NEWS = ("今年以来，某县坚持把项目建设作为经济工作的主抓手，全县共开工重大项目46个，完成投资128亿元。"
               "县委主要负责同志表示，将持续优化营商环境。")
# a bureau's summary of a study campaign, dated by its own months
CAMPAIGN = ("我局自2025年3月起至6月底，在全局组织开展了为期四个月的党纪学习教育。"
            "期间，共开展专题研讨24场次、警示教育8场，全局217名党员参加了党纪知识测试。"
            "学习教育中，我们坚持边学边查边改，排查出作风方面问题15个，已整改到位12个。")


def test_a_summary_turning_from_its_results_to_its_shortfalls_reports_its_own_work():
    for text in (SHORTFALLS_AND_PLANS, DONE_A_LOT):
        spoken = voice(text)
        assert spoken.own_work >= 1, text[:12]
        assert speaks_as("work_report", spoken), text[:12]
    # the model's choice decides among the kinds the voice allows: a work report it prefers is one
    assert _decide(SHORTFALLS_AND_PLANS, work_report=0.5, collective=0.3, other=0.2) == "work_report"


def test_a_unit_doing_its_own_work_for_the_whole_county_reports_it():
    spoken = voice(OWN_WORK_FOR_THE_COUNTY)
    assert spoken.own_work >= 1 and speaks_as("work_report", spoken)
    news = voice(COUNTY_NEWS)
    assert news.own_work == 0 and not speaks_as("work_report", news)
    assert _decide(COUNTY_NEWS, work_report=0.6, other=0.4) == "other"


def test_a_campaign_dated_by_its_own_months_is_a_period_of_its_own_work():
    spoken = voice(CAMPAIGN)
    assert spoken.own_work >= 2
    assert speaks_as("work_report", spoken)


def test_a_title_naming_how_a_campaign_went_names_a_work_report():
    assert titled_work_report("市第三中学党总支党纪学习教育开展情况总结\n按照上级部署，今年4月以来，学校党总支……")
    assert titled_work_report("2024年上半年工作汇报\n上半年，我中心……")
    assert not titled_work_report("关于报送学习教育开展情况总结的通知\n各党支部：……")
