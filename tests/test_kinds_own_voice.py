"""Document kind, issue 13 (realkinds3): rules that follow from who speaks, not from one set's wording.

A confession is the author's only when its sentence names the author (我、本人、班子在…) or has no
subject and continues a sentence that did (a Chinese topic chain): a sentence about members, other
comrades or "some units" hands its fault to them, and so does every subject-less sentence after it.
A work report reports its own work over a period. A title ends in its genre and may run over two short
lines; a long first sentence is no title. Texts written for these tests.
"""
from __future__ import annotations

import numpy as np

from analyzer import kinds
from analyzer.kinds import KINDS, claimed_kind, speaks_as, title_genre, title_line, voice

from .conftest import kind_decider

NEWS_OF_MEMBERS = ("5月9日下午，机关第二党支部召开组织生活会。\n"
                   "会上，党员分别从理论学习、作风纪律等方面查找了自身存在的不足。\n"
                   "其他支部成员也坦诚指出了存在的问题，大家表示要认真整改。\n"
                   "理出共性问题三条，明确了整改方向。")
TALK_ABOUT_OTHERS = ("三是责任意识淡薄。有部分同志拿着工资却对工作敷衍应付。\n"
                     "对自己承担的任务缺乏起码的责任感，遇事推诿扯皮。\n"
                     "四是宗旨意识不强，对群众反映的问题漠不关心。")
POLICY_ON_BODIES = ("全县各部门的领导班子按时召开民主生活会，总体情况是好的。\n"
                    "但也存在着会议质量不高、批评辣味不足等问题。\n"
                    "现就改进领导班子民主生活会提出如下意见。")
OWN_CHAIN = ("对照检查的要求，我查摆出以下问题。\n"
             "一是理论学习不够系统，满足于读过了、学过了。\n"
             "二是调查研究不深入，有时到基层只听汇报、不看现场。")
BODY_CHAIN = ("办公室领导班子存在着忽视世界观改造的倾向。\n"
              "一是工作上只求过得去、不求过得硬，缺少争先的劲头。\n"
              "二是到群众批评多的地方去得少，一定程度上脱离了群众。")
STUDENT_STORY = ("上周三，我因为上课迟到被老师点名批评。\n"
                 "虽然这些规定是学校新出台的，我们一直没有弄清楚。\n"
                 "在此，我要深刻检讨自己的错误。")
SPLIT_REPORT = ("信访工作中，我局认真接访，办理了全部转办件。\n"
                "今年共接待群众来访120人次，办理来信30件。\n"
                "此外，机要保密、档案管理等工作也都较好地完成了任务。")


def test_members_doing_things_and_their_subjectless_followers_are_about_others():
    spoken = voice(NEWS_OF_MEMBERS)
    assert spoken.confessions == 0 and spoken.reported + spoken.about_others >= 3
    assert not speaks_as("personal", spoken)


def test_a_fault_of_some_comrades_carries_to_the_subjectless_sentences_after_it():
    spoken = voice(TALK_ABOUT_OTHERS)
    assert spoken.confessions == 0 and not speaks_as("personal", spoken)


def test_bodies_in_general_are_not_the_author_and_their_faults_no_confession():
    spoken = voice(POLICY_ON_BODIES)
    assert spoken.confessions == 0 and not speaks_as("collective", spoken)


def test_subjectless_items_continue_the_authors_own_sentence():
    assert voice(OWN_CHAIN).confessions == 2 and speaks_as("personal", voice(OWN_CHAIN))
    assert voice(BODY_CHAIN).confessions >= 2 and speaks_as("collective", voice(BODY_CHAIN))


def test_a_story_with_a_work_verb_but_no_period_is_no_work_report():
    spoken = voice(STUDENT_STORY)
    assert spoken.own_work == 0 and spoken.confessions == 0


def test_own_subject_and_period_in_different_sentences_still_report_own_work():
    spoken = voice(SPLIT_REPORT)
    assert spoken.own_work >= 2 and speaks_as("work_report", spoken)


def test_a_title_ends_in_its_genre():
    assert not title_genre("市政府办公室上半年工作总结大会讲话稿", "work_report")
    assert title_genre("市政府办公室上半年工作总结大会讲话稿", "other")
    assert title_genre("市政局2009年工作总结及工作计划", "work_report")
    speech = "市政府办公室上半年工作总结大会讲话稿\n同志们：\n今年以来，办公室完成督办事项120件。"
    assert voice(speech).own_work == 0


def test_a_title_over_two_short_lines_names_the_material():
    text = "“解放思想、转变作风”大讨论\n个人剖析材料\n认真总结以往工作，我主要存在以下问题：一是学习不够系统。"
    assert "个人剖析材料" in title_line(text)
    assert claimed_kind(text) == "personal"


def test_a_long_first_sentence_is_no_title():
    text = ("根据学校《关于召开专题组织生活会和开展民主评议党员工作的通知》精神，结合我支部实际，精心安排，周全组织，"
            "评议工作取得预期效果。现在将评议情况简要总结如下：\n本支部于本年度完成了民主评议党员工作，共评议党员22人。")
    assert title_line(text) == ""
    assert speaks_as("work_report", voice(text))


def test_a_text_that_only_confesses_is_not_leaned_away_from():
    """The lean away from a self-examination needs a mixed voice: with no sentence reporting a meeting,
    explaining or addressing someone — or fewer than half as many as the confessions — a close non-material
    kind with cue words does not win."""
    model = kind_decider()
    proba = np.zeros(len(KINDS))
    proba[KINDS.index("personal")], proba[KINDS.index("other")] = 0.5, 0.45
    text = OWN_CHAIN + "\n这些问题的主要表现还要进一步注意。"  # 表现、注意: cue words of `other`
    assert kinds.has_cues(text, "other") and kinds.voice(text).reported + kinds.voice(text).expository == 0
    assert model.decide(text, proba) == "personal"
    assert model.decide("5月9日，支部召开组织生活会。\n" + text, proba) == "personal"  # one beside two confessions
    mixed = "5月9日，支部召开组织生活会。\n会上，支部书记通报了上次会议整改情况。\n" + text
    assert model.decide(mixed, proba) == "other"


def test_a_fault_describing_the_target_of_an_action_is_no_confession():
    measure = "一是压实整改责任，我局党组每月召开整改推进会，对进度滞后的事项挂牌督办。"
    confession = "我对群众反映强烈的问题解决不够及时。"
    assert voice(measure).confessions == 0
    assert voice(confession).confessions == 1
