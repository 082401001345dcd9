"""Document kind, issue 13, round 16 (branch kindreal): pages by other writers that the real DEV set dev-fresh10 showed
taken for materials or lost.

A question asks (查摆问题实不实？自己存在哪些问题？): a commentary that quizzes the reader, or a blog that wonders what its
author's problems are, confesses nothing by asking. An essayist (笔者) or a guide to writing (可以这样拟写、怎么写、写法)
speaks as no author examining or reporting on itself, whatever examples it gives in the first person. Writing advice
says what one must do when writing (撰写材料时要…); a confession says what the author did when writing (撰写文件时过于注重…).
A web page's title may stand in brackets before its first sentence (【2023年公务用车自查报告】为贯彻落实…), and what a
unit's own self-inspection found (在自查过程中，发现个别科室存在…) is its own fault, its 个别科室 its own; an untitled self-inspection may close its opening on 开展了…自查自纠工作。现将相关情况
汇报如下 and so announce itself (a rectification's 整改自查 does not). A notice that asks for opinions (…征求意见的通知)
is not the list of them, however many items it gives to comment on. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import claimed_kind, title_line, voice

from .test_kinds_decision import _decide

# a supervisor's commentary: what a 督导组 asks of a 民主生活会, in questions
QUIZ = ("我在督导组工作了三年，参加过十几个单位的民主生活会。查摆问题实不实？剖析根源深不深？"
        "批评有没有辣味？整改是不是落实到位了？这四个问题，我每次都要问一遍。")
# a member's material that asks itself why after confessing: the confessions still count, the question does not
MATERIAL_WITH_QUESTION = ("我理论学习不够深入，满足于读过了、学过了。为什么会存在这些问题？"
                          "根源在于我放松了主观世界的改造，宗旨意识有所淡化。")
# a guide to writing the problems section, with examples in a leader's voice
GUIDE = ("群众纪律方面存在的问题\n这一部分可以根据条例原文来拟写，站在领导的立场看自己还有哪些差距，下面列三条。"
         "一是群众观念不够强，有时停留在自己的主观想象。二是下基层调研不够，对群众诉求了解不深。"
         "三是工作方法不多，老办法不管用，新办法不够。")
# an essay whose writer calls itself 笔者 and owns the faults it writes about
ESSAY = ("笔者在乡镇工作多年，深感作风建设永远在路上。我也曾存在学习不够深入的问题，有时满足于完成任务，"
         "调研不够扎实。这些问题在不少干部身上都不同程度存在。")


def test_a_question_confesses_nothing():
    assert voice(QUIZ).confessions == 0
    assert _decide(QUIZ, personal=0.6, other=0.4) == "other"
    assert voice(MATERIAL_WITH_QUESTION).confessions == 2
    assert _decide(MATERIAL_WITH_QUESTION, personal=0.6, other=0.4) == "personal"


def test_an_essayist_or_a_guide_to_writing_is_no_author_examining_itself():
    for text in (GUIDE, ESSAY):
        assert voice(text).confessions == 0, text[:10]
        assert _decide(text, personal=0.6, other=0.4) == "other", text[:10]


# a personal material confessing how it writes documents, and a guide advising how to write one
WRITES_DOCUMENTS = ("我在文风上存在形式主义倾向。撰写文件时过于注重面面俱到，套话多、实招少。"
                    "撰写讲话稿时习惯照搬上级提法，结合本单位实际不够。")
WRITING_ADVICE = "撰写对照检查材料时要联系实际，问题要具体，不要空对空。"
# a unit's untitled-looking self-inspection whose page title stands in brackets, finding a fault of one of its sections
BRACKETED = ("【2023年公务用车自查报告】为落实公务用车管理规定，我单位组织开展了公务用车自查。现将有关情况汇报如下：\n"
             "一、基本情况\n我单位现有公务用车4辆，均按规定登记备案，实行统一调度。\n"
             "二、发现的问题\n在自查过程中，发现个别科室存在出车登记不及时、先用车后补审批的问题，已当场督促整改。")


def test_a_confession_about_writing_documents_is_no_writing_advice():
    assert voice(WRITES_DOCUMENTS).confessions == 2
    assert _decide(WRITES_DOCUMENTS, personal=0.5, other=0.5) == "personal"
    assert voice(WRITING_ADVICE).confessions == 0


def test_a_bracketed_page_title_names_a_self_inspection_whose_own_finding_is_a_confession():
    assert title_line(BRACKETED) == "2023年公务用车自查报告"
    assert claimed_kind(BRACKETED) == "collective"
    assert voice(BRACKETED).confessions == 1
    assert _decide(BRACKETED, work_report=0.5, other=0.3, collective=0.2) == "collective"

# an untitled unit self-inspection, and a rectification report that checks its own progress
UNTITLED_INSPECTION = ("为落实公务接待管理规定，我单位认真组织开展了公务接待自查自纠工作。现将相关情况汇报如下：\n"
                       "一、存在的问题\n个别科室接待审批单填写不全，存在先接待后补审批的现象；接待清单未按月公示。")
RECTIFICATION_CHECK = ("按照巡察反馈意见，我局对照问题清单开展了巡察整改自查工作。现将相关情况报告如下：\n"
                       "反馈的12个问题已整改完成10个，2个正在推进。")


def test_an_untitled_self_inspection_announces_itself_across_its_opening_sentences():
    assert claimed_kind(UNTITLED_INSPECTION) == "collective"
    assert claimed_kind(RECTIFICATION_CHECK) is None

# a notice asking units to comment on a bureau's leadership before its 民主生活会
NOTICE = ("关于为局领导班子专题民主生活会征求意见的通知\n各科室、各基层站所：\n为开好局领导班子专题民主生活会，现广泛征求意见，"
          "有关事项通知如下：\n一、征求意见的主要内容\n1. 局领导班子在深入基层、服务群众方面存在的差距；\n"
          "2. 局领导班子成员在工作作风方面存在的不足；\n3. 对局领导班子的意见和建议。\n"
          "二、请于5月18日前将征求意见表报送局办公室。")


def test_a_notice_asking_for_opinions_is_not_the_list_of_them():
    assert _decide(NOTICE, opinions=0.51, other=0.49) == "other"
