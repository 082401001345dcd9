"""Document kind, issue 13 (kindsrules6): voice rules made precise from the errors of the written dev split and
the real DEV pages. Each rule that withheld a material was wrong about something nameable — a directive's name
(关于召开…的部署) read as a meeting reported, an author who declares the text a self-examination (我…查摆了自身…;
以上对照检查，请同志们批评帮助) held to the stricter bar of a text that never says so, whose opinions were heard
(一些同志的意见) read as a generic subject, a self-examination's own sections (存在的问题、原因剖析) that name
no one else not counted as the author's; and a non-material reached work_report through rectification progress
(问题已整改完成6个) counted as a work report's own work, or a journal's issue number (第9期) as a counted result.
Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import content, speaks_as, voice

from .test_kinds_decision import _decide


# an abridged 班子 material: title, opening and one measure; the opening names the directive it follows
TITLED_OPENING = ("XX街道党工委领导班子对照检查材料\n"
                  "按照区委关于召开专题民主生活会的部署，街道党工委班子认真学习规定篇目，深入开展谈心谈话，进行了对照查摆。\n"
                  "（一）加强理论武装，坚持班子集体学习制度，每月集中学习不少于1次。")


def test_the_name_of_a_directive_is_no_meeting_reported():
    spoken = voice(TITLED_OPENING)
    assert spoken.reported == 0 and spoken.named
    assert _decide(TITLED_OPENING, collective=0.9, other=0.1) == "collective"
    news = "12月4日，区委召开专题民主生活会，区委书记主持会议并进行了总结讲话。"
    assert voice(news).reported == 1  # a meeting held and chaired is still reported


# untitled: the opening declares the self-examination, the rest is plans; one confession only
DECLARED_OPENING = ("按照镇党委的统一安排，我认真学习了规定篇目，广泛听取了意见，认真查摆了自身在作风方面存在的问题。现报告如下。\n"
                    "下一步，我将着力抓好以下几个方面：一是每周到村里走一走，二是精简会议，三是管好身边工作人员。")
# a spoken 发言 that says what it is, then tells of a year's troubles without a written marker of fault
SPOKEN_DECLARED = ("各位领导、同志们，我把自己今年的对照检查情况跟大家说一说。会前我也听了一些同志的意见，大家说得都很实在。\n"
                   "今年所里的案件积压比去年多了二十来件，有几件拖到了年底，当事人跑了好几趟。\n"
                   "下一步，我准备把积压的案件列个清单，一件一件盯着办。")
# an excerpt: causes and measures with no subject, closed by the author's request for criticism
CLOSING_REQUEST = ("原因剖析：勤俭节约意识淡化，把站里经费宽裕当成了不讲节约的理由，对超标接待的风险认识不足。\n"
                   "整改措施：停止非业务用房装修，今后公务接待一律在职工食堂安排。\n"
                   "以上对照检查，请同志们批评帮助。")


def test_an_author_declaring_a_self_examination_is_held_to_a_claiming_titles_bar():
    spoken = voice(DECLARED_OPENING)
    assert spoken.declared and spoken.confessions == 1
    assert speaks_as("personal", spoken)
    assert _decide(DECLARED_OPENING, personal=0.9, work_report=0.05, other=0.05) == "personal"
    spoken = voice(SPOKEN_DECLARED)
    assert spoken.declared and spoken.expository == 0  # 听了一些同志的意见: whose opinions, no generic subject
    assert _decide(SPOKEN_DECLARED, personal=0.6, other=0.4) == "personal"
    spoken = voice(CLOSING_REQUEST)
    assert spoken.declared and spoken.confessions >= 1  # the subject-less causes are the declaring author's
    assert _decide(CLOSING_REQUEST, personal=0.5, rectification=0.1, other=0.4) == "personal"


def test_a_declaration_must_be_the_authors_own():
    news = ("会上，班子成员依次作对照检查，查摆自身存在的问题。\n"
            "与会同志普遍认为，会议开出了质量。")
    assert not voice(news).declared
    essay = "开好民主生活会，我们要认真查摆自身问题，不能避重就轻。有的干部把问题推给客观原因。"
    assert not voice(essay).declared
    assert _decide(essay, personal=0.6, other=0.4) == "other"
    generic = "一些同志在会上只讲成绩，批评意见不痛不痒。"
    assert voice(generic).expository == 1  # 一些同志 as a subject is still generic


# an excerpt of a 班子 material's problems section that names no one: Chinese drops the repeated subject
IMPLICIT_PROBLEMS = ("二、存在的问题\n"
                     "一是理论学习不够深入，学用结合不够紧密。\n"
                     "二是调查研究不够扎实，有时满足于听汇报、看材料。\n"
                     "三是抓落实的力度不够，部署多、督促少。")


def test_a_self_examinations_own_sections_naming_no_one_else_are_the_authors():
    spoken = voice(IMPLICIT_PROBLEMS)
    assert not spoken.named and spoken.confessions >= 3
    assert _decide(IMPLICIT_PROBLEMS, collective=0.5, opinions=0.4, other=0.1) == "collective"
    study = ("一、基本情况\n全县共有行政村180个，村集体经济收入10万元以上的村达到121个。\n" + IMPLICIT_PROBLEMS)
    assert voice(study).confessions == 0  # a county named as the subject: a study, not the author's faults
    catalogue = ("存在的问题\n一些单位调研走马观花，满足于听汇报。\n有的干部抓落实力度不够。")
    assert voice(catalogue).confessions == 0  # generic subjects: a catalogue of symptoms


# an excerpt of a rectification progress report: its own work is the rectification of its problems
RECTIFICATION_PROGRESS = ("今年以来，局党组把民主生活会查摆问题整改作为重要政治任务，坚持边查边改、立行立改。\n"
                          "截至10月底，班子查摆的9个问题已整改完成7个，班子成员个人查摆的28个问题已整改完成25个。")


def test_rectification_progress_is_no_work_report():
    spoken = voice(RECTIFICATION_PROGRESS)
    assert spoken.rectified == 2 and spoken.own_work == 0
    assert not speaks_as("work_report", spoken)
    assert _decide(RECTIFICATION_PROGRESS, work_report=0.75, collective=0.1, rectification=0.05, other=0.1) != "work_report"
    report = ("今年以来，局党组坚持以党建引领业务发展，全年办理审批事项4100余件。\n"
              "开展巡察反馈问题整改，已整改完成12个。")
    assert voice(report).own_work == 1 and speaks_as("work_report", voice(report))  # the rest is still its own work


JOURNAL_PAGE = ("摘要\n"
                "某区支部成立于2015年。八年来，支部认真履行参政党职能，取得显著成绩。\n"
                "2022年11月3日上午，支部会员来到纪念馆参观学习。\n"
                "出处\n"
                "《支部生活》\n"
                "2023年第9期43-44,共2页")


def test_an_issue_number_is_no_counted_result():
    spoken = voice(content(JOURNAL_PAGE))
    assert spoken.own_work == 1  # the abstract's one sentence; 2023年第9期 is a citation
    assert not speaks_as("work_report", spoken)
    assert voice("今年以来，我局举办培训班9期，培训干部400人次。").own_work == 1  # 9期 counted is still a result


def test_spoken_confessions_of_blame():
    text = ("这件事我得先说清楚，是我的失职。\n"
            "那个口子是我开的，后来大家都照着办，我负有领导责任。")
    spoken = voice(text)
    assert spoken.confessions == 2
    assert speaks_as("personal", spoken)


# a 范文 site's page of one material: its title ends in the site's label, over a 班子's problems
SAMPLE_PAGE = ("XX公司领导班子形式主义问题清单及整改措施范文\n"
               "一、存在的问题\n"
               "1.贯彻上级部署有时以会议落实会议，跟踪问效不够。\n"
               "2.习惯以活动牵引工作，重部署、轻落实，基层负担没有减下来。")


def test_a_sample_named_on_a_template_site_is_the_genre_it_samples():
    from analyzer.kinds import title_genre

    assert title_genre("问题清单及整改措施范文", "rectification") and not title_genre("问题清单及整改措施范文", "other")
    assert title_genre("个人述职报告范文", "work_report")
    for listing in ("述职报告范文（精选5篇）", "民主生活会发言范文大全"):  # a list page is still a list page
        assert title_genre(listing, "other")
    assert voice(SAMPLE_PAGE).confessions >= 2


def test_a_unit_subject_after_a_period_anchors_own_work_in_a_run_on_paste():
    runon = ("关于2023年度党风廉政建设工作情况的报告今年以来，局党组坚决扛起主体责任，党风廉政建设取得明显成效。"
             "一是压实责任。与各科室签订责任书25份。二是强化教育。组织警示教育大会2次，开展廉政谈话80人次。")
    assert voice(runon).own_work >= 2
    news = "今年以来，某县坚持把作风建设摆在突出位置，全年查处问题56起。"
    assert voice(news).own_work == 0  # a place named as the subject is a wider area


def test_an_opinions_list_finds_fault_more_often_than_it_explains_itself():
    abstract = ("论基层减负的长效机制\n"
                "关键词：基层减负；形式主义；长效机制\n"
                "摘要：文章梳理了近年来基层减负的做法，并就防止形式主义反弹提出了若干建议。")
    spoken = voice(abstract)
    assert spoken.explains == 2 and not speaks_as("opinions", spoken)
    assert _decide(abstract, opinions=0.55, other=0.45) == "other"
    table = ("对区政府领导班子的意见建议汇总 1.窗口开放数量不足，高峰期排队时间长 2.部分部门对企业诉求推诿，说不归我们管"
             " 3.希望领导多到企业走走")
    spoken = voice(table)  # 部分部门推诿 is what the opinions complain of, not an explanation
    assert spoken.explains == 0 and speaks_as("opinions", spoken)


def test_an_enumerated_heading_stating_a_result_heads_the_authors_own_results():
    excerpt = ("（三）教师队伍建设加强。招聘新教师180名，组织各类培训9000人次，评选区级骨干教师120名。\n"
               "（四）教育改革深入推进。集团化办学覆盖率达到60%，课后服务参与率达到95%。")
    spoken = voice(excerpt)
    assert spoken.own_work >= 2 and speaks_as("work_report", spoken)
    assert _decide(excerpt, work_report=0.45, opinions=0.4, other=0.15) == "work_report"
    faults = ("（三）教师队伍建设有待加强。骨干教师流失12名，培训覆盖率只有60%。")
    assert voice(faults).own_work == 0  # a heading that names a shortfall heads no results


def test_a_credit_line_is_no_title():
    from analyzer.kinds import title_line, titled_work_report

    page = ("（责编：李华 审核：赵强）\n"
            "某学院2023年工作总结\n"
            "学院坚持立德树人，各项事业取得新进展。学生获省级以上竞赛奖项40项，毕业生就业率达到95%。")
    assert title_line(page) == "某学院2023年工作总结" and titled_work_report(page)


def test_a_text_relaying_what_others_said_is_an_opinions_list_rather_than_other():
    spoken_summary = ("这回征求意见收上来二十多条，我归拢一下。职工反映最多的是加班太多，周末也要开会。"
                      "还有人说食堂的菜太咸，这个也记上。几位老同志提了意见，说活动室答应了一年还没落实。")
    spoken = voice(spoken_summary)
    assert spoken.relayed >= 2 and spoken.confessions == 0 and spoken.own_work == 0
    assert _decide(spoken_summary, other=0.55, opinions=0.3, personal=0.15) == "opinions"
    assert _decide(spoken_summary, other=0.95, opinions=0.01, personal=0.04) == "other"  # not against the model's certainty
    news = "会上，大家普遍反映这次培训收获很大。有人说，案例教学让人印象深刻。"
    assert voice(news).relayed >= 1 and _decide(news, other=0.7, opinions=0.3) == "other"  # reported: no opinions list


def test_announcing_a_confession_confesses_nothing():
    satire = ("尊敬的领导：\n我得检讨，因为我开会就犯困。当然，领导没有发现。但我觉得还是要检讨。\n"
              "首先，是因为累。其次，是稿子太长，一句话的事能写五页。")
    assert voice(satire).confessions == 0
    assert not speaks_as("personal", voice(satire))
    material = "我得检讨，这一年下基层不够，听汇报多。"
    assert voice(material).confessions == 1  # the fault named still confesses
