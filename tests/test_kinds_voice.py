"""Document kind, issue 13: no non-material gets a material's kind. The voice gate's rules for
whose fault or work a sentence tells (the author's own, or someone else's), on texts written for
these tests in the shapes the real pages showed: a satirical first-person essay, news retelling a
branch meeting's self-criticism, an article on a county's rectification, exhortation essays,
opinions lists and notices, 心得体会 and news of a 述职 meeting — and materials that must stay
materials although they mention colleagues, opinions received or exhortations."""
from __future__ import annotations

import pytest

from analyzer import modelstore
from analyzer.kinds import MATERIAL_KINDS, SELF_EXAMINATION, speaks_as, title_line, voice, voice_cues

SATIRE = ("我这人嘴快，单位里谁都知道我爱给领导提意见。上回组织部来谈话，我一坐下就说了四十分钟。"
          "说一把手吧，毛病是太能干，什么事都亲自抓，底下人插不上手。"
          "说二把手吧，毛病是太细，一份通知改八遍，你们说这算什么毛病？"
          "这样的意见，听着尖锐，其实谁都不得罪。")
BRANCH_NEWS = ("12月3日，机关第二党支部召开专题组织生活会，支部全体党员参加。\n"
               "支部书记代表支委会作对照检查，通报了支部在党员教育管理方面存在的不足。\n"
               "随后，每位党员结合自身实际开展自我批评，查找了理论学习不够系统等问题。\n"
               "有的同志表示自己为群众办事耐心不足，五名党员相继发言，相互提出批评意见。\n"
               "与会同志普遍感到，这次组织生活会开出了辣味。")
COUNTY_RECTIFICATION = ("今年以来，某县坚持把巡察整改作为重要政治任务，对反馈问题实行清单管理。"
                        "该县要求被巡察单位在15日内报送整改方案，对整改不力的被巡察单位主要负责人进行约谈。"
                        "截至目前，反馈的180个问题已整改165个，完善制度38项。")
EXHORTATION = ("开好民主生活会，关键在一个“实”字。我们要把自己摆进去，把职责摆进去，坦诚查找自身存在的不足。"
               "必须防止批评不痛不痒、自我批评避重就轻。只有这样，才能真正达到红脸出汗的效果。")
OPINIONS_REPORT = ("按照县委部署，我们通过座谈会、意见箱等方式征求了意见建议。\n"
                   "对班子的意见（3条）：\n"
                   "1.班子成员下村调研偏少，对群众反映的饮水问题回应不够及时。\n"
                   "2.会议多、材料多，村干部疲于应付。\n"
                   "3.征地政策宣传解释不够到位。")
NOTICE = ("关于征求对局领导班子意见建议的通知\n"
          "局属各单位：为开好年度民主生活会，现就征求意见建议有关事项通知如下：\n"
          "一、征求内容：局领导班子在作风建设、服务基层等方面存在的问题和改进建议。\n"
          "二、请于12月10日前报送局办公室。")
EXPERIENCE = ("九月，我参加了由市委党校举办的中青年干部培训班。几位老师的专题讲授让我深受启发，"
              "对群众工作方法有了新的体会。这次培训收获很大，我会把所学用到工作中去。")
DUTY_MEETING_NEWS = ("1月12日上午，区委组织部召开党建工作述职评议会。各街道党工委书记逐一上台述职，"
                     "围绕全年任务完成情况、存在问题和下步打算作了汇报。区委常委、组织部长逐一进行点评。")

# materials that mention colleagues, opinions received, exhortations or training, and stay materials
PERSONAL_WITH_COLLEAGUES = ("会前，处里几位同志给我提了意见，说我布置工作急、要求高，有的同志反映压力大。\n"
                            "一是工作方法简单。我交代任务常常第二天就要结果，对年轻同志的难处考虑不够。\n"
                            "二是调查研究不够。今年我到市县调研只有三次，多是听汇报，没有到项目现场。\n"
                            "下一步，我要把问题列成清单逐条整改。")
COLLECTIVE_WITH_OPINIONS = ("一、征求意见情况\n会前，班子通过座谈会征求意见建议31条。\n"
                            "（一）对班子的意见：\n1.到社区开会多，帮社区解决实际困难少。\n"
                            "二、存在的问题\n"
                            "（一）班子抓落实习惯于开会发文，去年街道发文98件，对社区减负要求落实不到位。\n"
                            "（二）班子成员联系社区制度执行不严，群众反映的停车难问题拖了半年没有回音。")
DUTY_REPORT_WITH_TRAINING = ("2024年度个人述职报告\n一年来，我在局党组领导下认真履行分管职责，现将有关情况报告如下。\n"
                             "一是参加了由市委党校举办的处级干部培训班，全年参加中心组集中学习12次。\n"
                             "二是牵头推进审批服务改革，全年办理审批事项4300余件，按时办结率99.6%。")


@pytest.fixture(scope="module")
def kind_model():
    return modelstore.load("kinds")


def test_a_satirical_essay_faulting_the_leaders_confesses_nothing():
    spoken = voice(SATIRE)
    assert spoken.confessions == 0 and spoken.about_others >= 3
    assert not speaks_as("personal", spoken) and not speaks_as("collective", spoken)


def test_news_retelling_a_meetings_self_criticism_is_no_confession():
    spoken = voice(BRANCH_NEWS)
    assert spoken.about_others + spoken.reported >= 3
    assert not speaks_as("personal", spoken) and not speaks_as("collective", spoken)


def test_an_article_on_a_countys_rectification_reports_no_work_of_its_own():
    spoken = voice(COUNTY_RECTIFICATION)
    assert spoken.confessions == 0 and spoken.own_work == 0  # 某县…坚持 and 该县 are someone else
    assert not any(speaks_as(k, spoken) for k in MATERIAL_KINDS)


def test_exhortations_are_not_confessions():
    assert voice(EXHORTATION).confessions == 0
    assert voice("我们要把自己摆进去，坦诚查找自身存在的不足。").confessions == 0
    assert voice("我在理论学习上存在不够深入的问题。").confessions == 1  # the same words, confessed


def test_opinions_under_a_heading_are_others_words_until_the_next_section():
    opinions = voice(OPINIONS_REPORT)
    assert opinions.confessions == 0 and opinions.about_others >= 3
    material = voice(COLLECTIVE_WITH_OPINIONS)
    assert material.about_others >= 2 and material.confessions >= 2  # 二、存在的问题 confesses again
    assert speaks_as("collective", material)


def test_a_notice_title_bars_confessions_but_a_section_heading_is_no_title():
    assert voice(NOTICE).confessions == 0
    assert title_line("一、征求意见情况\n会前，班子征求意见建议31条。\n二、存在的问题") == ""
    assert title_line(NOTICE).startswith("关于征求")


def test_a_training_reflection_and_news_of_a_duty_meeting_are_not_work_reports():
    experience, news = voice(EXPERIENCE), voice(DUTY_MEETING_NEWS)
    assert experience.own_work == 0 and experience.reflective >= 1
    assert not speaks_as("work_report", experience)
    assert news.own_work == 0 and not speaks_as("work_report", news)


def test_materials_that_mention_colleagues_opinions_and_training_stay_materials():
    personal = voice(PERSONAL_WITH_COLLEAGUES)
    assert personal.confessions >= 2 and speaks_as("personal", personal)
    report = voice(DUTY_REPORT_WITH_TRAINING)
    assert report.own_work >= 2 and speaks_as("work_report", report)


NON_MATERIALS = {"satire": SATIRE, "branch_news": BRANCH_NEWS, "county_rectification": COUNTY_RECTIFICATION,
                 "exhortation": EXHORTATION, "opinions_report": OPINIONS_REPORT, "notice": NOTICE,
                 "experience": EXPERIENCE, "duty_meeting_news": DUTY_MEETING_NEWS}


@pytest.mark.parametrize("name", sorted(NON_MATERIALS))
def test_no_such_page_gets_a_materials_kind(kind_model, name):
    assert kind_model.classify(NON_MATERIALS[name])["id"] not in MATERIAL_KINDS


def test_the_materials_keep_their_kind(kind_model):
    assert kind_model.classify(PERSONAL_WITH_COLLEAGUES)["id"] in SELF_EXAMINATION
    titled = kind_model.classify("XX街道党工委领导班子对照检查材料\n" + COLLECTIVE_WITH_OPINIONS)
    assert titled["id"] == "collective" and titled["score"] == 1.0  # the opinions section does not outweigh it
    assert kind_model.classify(DUTY_REPORT_WITH_TRAINING)["id"] == "work_report"


def test_the_reason_names_the_sentences_about_others():
    spoken = voice(SATIRE)
    why = voice_cues("other", spoken, ["personal"])
    assert f"针对他人句 {spoken.about_others}" in why[0] and "不按个人对照检查材料判断" in why[0]


def test_plans_targets_and_wishes_report_no_work_done():
    plan = voice("个人整改措施\n一是坚持每周集中自学两次，年内撰写学习体会3篇。完成时限：2024年起常态化。\n"
                 "二是严格控制公务接待，全年接待费用比上年压减15%，确保年底前完成。")
    assert plan.own_work == 0 and not speaks_as("work_report", plan)
    wish = voice("离退休老同志的意见建议：一是希望单位每年组织一次体检，去年没有安排。")
    assert wish.own_work == 0 and wish.confessions == 0
    done = voice("一年来，我局压减公务接待费用15%，组织干部体检2次。")
    assert done.own_work == 1 and speaks_as("work_report", done)
