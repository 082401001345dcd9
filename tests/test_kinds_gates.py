"""The gates of the kind decision (branch gate): a work report cut to its shortfalls speaks in its own voice; a cut
the model is sure of stands for a material without the voice the cut took away (a self-examination's measures, a work
report's results); a rectification document is known by measures given owners and deadlines in any wording; each
material version the cross-validation loses is attributed to the model or to the gate that kept its kind out."""
from analyzer.kinds import SURE, assigned, content, gate, speaks_as, voice
from training.kinds_corpus import lost_to

from .conftest import kind_decider, kind_row

# a bureau's year-end report cut to its shortfalls and next steps (the results were on the page before)
WR_SHORTFALLS = ("三、存在的问题和不足\n"
                 "一是我们对基层站所的指导还不够深入，到站所现场解决问题少。\n"
                 "二是信息化建设推进较慢，网上办理事项占比偏低，群众办事还要多跑路。\n"
                 "三是干部队伍年龄结构偏大，年轻干部培养力度不够。\n"
                 "四、下步打算\n"
                 "明年我们将集中力量推进站所标准化建设，力争网上办理率提高到80%。")
# news of the same bureau's shortfalls, told by a reporter
NEWS_SHORTFALLS = ("3月5日，县审计局召开年度工作总结会，局长主持会议。会上，各科室负责人依次发言。"
                   "会议指出，该局对基层站所的指导还不够深入，信息化建设推进较慢。")
# a deputy's measures, cut from the end of a personal material: no confession left
MEASURES = ("三、针对查摆问题的整改措施\n"
            "一是坚持每周二晚上集中学习两小时，把学习笔记作为年底述职的内容。\n"
            "二是每月至少到联系村住一晚，走访困难户，能办的事当场办结。\n"
            "三是分管领域的项目资金一律走公开程序，我自觉接受纪检组监督。")
# a trainee's 心得: resolutions after reflections, which a sure model may read as a material's measures
MEASURES_REFLECTING = ("参加这次培训，我深刻体会到理论学习的重要性。\n我深受启发，收获很大。\n"
                       "今后我将坚持每周集中学习两小时，每月到联系村住一晚。")
# a 政务服务中心's summary cut to its results: no subject, no period left
WR_RESULTS = ("（二）抓窗口服务。政务服务窗口全年办理业务3.2万件，群众满意率达到98.6%，比上年提高1.4个百分点。\n"
              "（三）抓制度建设。修订完善首问负责、限时办结等制度8项，编印办事指南1200册。\n"
              "（四）抓监督检查。全年开展作风纪律明察暗访12次，通报典型问题5起。")
# a county's results: a wider area's, no one's own work
WIDER_RESULTS = ("（二）全县粮食生产稳定。全县粮食播种面积达到86万亩，总产量稳定在35万吨以上。\n"
                 "（三）全县农民收入较快增长。全县农村居民人均可支配收入达到2.1万元，同比增长7.2%。")
# a rectification plan's items with owners and deadlines, never saying 整改
ASSIGNED = ("1.针对调研不深入的问题，班子成员每季度到基层蹲点一次，每人形成调研报告1篇。责任人：各班子成员；"
            "时限：2025年12月底前。\n"
            "2.针对会议文件偏多的问题，全年发文数量压减20%，合并同类会议。责任人：办公室主任；时限：2025年6月底前。")
# rows of a task ledger closed by their state of progress, not a deadline
LEDGER_STATUS = ("4\t窗口办事要求反复补正\t推行一次性告知清单\t政务服务科\t已完成\n"
                 "5\t基层报表多\t清理合并报表，压减至5张\t办公室\t推进中\n"
                 "6\t接访答复不及时\t建立诉求办理台账，7日内答复\t信访办\t已完成")
# a table of counts: rows, but neither deadline nor progress
STATISTICS = "序号\t单位\t党员人数\t参会人数\n1\t机关支部\t32\t30\n2\t后勤支部\t18\t17"


def test_a_work_report_cut_to_its_shortfalls_speaks_in_its_own_voice():
    spoken = voice(WR_SHORTFALLS)
    assert spoken.own_work == 0 and spoken.confessions >= 2 and not spoken.elsewhere
    assert speaks_as("work_report", spoken)
    assert kind_decider().decide(WR_SHORTFALLS, kind_row(work_report=0.7, other=0.2)) == "work_report"
    # a reporter telling the bureau's shortfalls speaks of others
    assert not speaks_as("work_report", voice(NEWS_SHORTFALLS))
    assert kind_decider().decide(NEWS_SHORTFALLS, kind_row(work_report=0.7, other=0.2)) == "other"


# the same kind of problems in a ledger of rectification progress: findings under rectification, not shortfalls
PROGRESS_LEDGER = ("二是服务基层主动性不强，对基层反映的困难我们有时一推了之。\n"
                   "三是部门之间协调不够，我们遇事相互等待、推诿扯皮。\n"
                   "整改措施：\n"
                   "建立基层诉求台账，每周梳理一次，明确办理科室和答复时间。\n"
                   "进展成效：已走访基层单位12家，解决诉求9件，其余3件正在协调。")


def test_problems_laid_out_for_rectification_are_no_work_reports_shortfalls():
    for text in (PROGRESS_LEDGER, PROGRESS_LEDGER.replace("\n", "")):  # as given and as a run-on paste
        spoken = voice(text)
        assert spoken.confessions >= 2 and spoken.laid_out_to_rectify
        assert not speaks_as("work_report", spoken)
        assert kind_decider().decide(text, kind_row(work_report=0.4, rectification=0.35, other=0.15)) == "rectification"
    assert not voice(WR_SHORTFALLS).laid_out_to_rectify  # 下步打算 lays out no rectification


def test_a_lone_shortfall_beside_a_reflection_is_an_aside():
    essay = "回头看这一年，我深刻体会到基层工作的不易。我对业务学习钻研不够，这是我的短板。"
    spoken = voice(essay)
    assert spoken.confessions == 1 and spoken.reflective >= 1 and spoken.own_work == 0
    assert not speaks_as("work_report", spoken)


def test_a_sure_model_lets_a_self_examinations_measures_stand_without_a_confession():
    spoken = voice(MEASURES)
    assert spoken.confessions == 0 and spoken.owns_up and not spoken.elsewhere and not spoken.reflective
    assert kind_decider().decide(MEASURES, kind_row(personal=SURE, other=0.05)) == "personal"
    # unsure, the gate holds; and reflections (a 心得) are no measures section however sure the model is
    assert kind_decider().decide(MEASURES, kind_row(personal=0.7, other=0.25)) == "other"
    assert voice(MEASURES_REFLECTING).reflective >= 1
    assert kind_decider().decide(MEASURES_REFLECTING, kind_row(personal=0.95, other=0.04)) == "other"


def test_a_sure_model_lets_a_work_reports_results_stand_without_a_subject():
    spoken = voice(WR_RESULTS)
    assert spoken.own_work == 0 and spoken.results >= 2 and not spoken.elsewhere
    assert not speaks_as("work_report", spoken)
    assert kind_decider().decide(WR_RESULTS, kind_row(work_report=0.95, other=0.04)) == "work_report"
    assert kind_decider().decide(WR_RESULTS, kind_row(work_report=0.8, other=0.15)) == "other"
    # a county's results are no one's own, however sure the model is
    assert voice(WIDER_RESULTS).results == 0
    assert kind_decider().decide(WIDER_RESULTS, kind_row(work_report=0.95, other=0.04)) == "other"


def test_measures_with_owners_and_deadlines_name_rectification_in_any_wording():
    for text in (ASSIGNED, LEDGER_STATUS):
        assert "整改" not in text and assigned(text) >= 2
        assert gate("rectification", content(text), voice(content(text)), kind_row(rectification=0.7)) == ""
        assert kind_decider().decide(text, kind_row(rectification=0.6, other=0.3)) == "rectification"
    assert assigned(STATISTICS) == 0
    assert gate("rectification", STATISTICS, voice(STATISTICS), kind_row(rectification=0.6)) == "rectifies"
    assert kind_decider().decide(STATISTICS, kind_row(rectification=0.6, other=0.3)) == "other"


def test_each_lost_material_is_attributed_to_the_model_or_a_gate():
    assert lost_to(MEASURES, kind_row(other=0.9), "personal") == "model"
    assert lost_to(MEASURES, kind_row(personal=0.7, other=0.25), "personal") == "no confession"
    # a 班子's faults with no owning-up word: what a list of opinions cut mid-way says too
    faults = "班子对基层调研不够深入。\n班子落实民主集中制不够严格，会前沟通多。"
    assert not voice(faults).owns_up
    assert lost_to(faults, kind_row(collective=0.8, opinions=0.1), "collective") == "owns_up"
    # a work report the model took for a self-examination names that kind's gate
    assert lost_to(NEWS_SHORTFALLS, kind_row(personal=0.6, other=0.3), "work_report") == "personal:owns_up"
