"""Document kind, issue 13 (realkinds4): rules written from the real DEV pages of data/realdocs/dev-voice.csv.

A spoken 发言提纲 confesses in plain words (偷懒、图省事、能拖就拖、责任在我), and does so about the author: the
colloquial word counts only in a topic chain the author opened by name. A self-examination examines more than one
thing, so one self-critical aside in a diary, a blog or a story does not make the page a material; a title that
names the page a self-examination still settles it. Sentences about everyone (每个人都有缺点、偷懒的人往往…) are
nobody's confession, and 写检讨 names a genre. A speech greets its audience; an opinions list voices an opinion.
Texts written for these tests.
"""
from __future__ import annotations

from analyzer.kinds import speaks_as, speech, voice

SPOKEN_OUTLINE = ("我先说说自己这一年的问题。\n"
                  "一是学习上偷了懒，单位发的学习材料我多半是开会前临时翻一翻。\n"
                  "二是工作上有时候图省事，群众来问补贴的事，我能拖就拖，让他们去找乡里。\n"
                  "三是去年村道硬化验收，我没挨家挨户去看，这事责任在我。")
ESSAY_ON_IDLENESS = ("偷懒的人往往觉得自己占了便宜。\n"
                     "每个人都会有偷懒的时候，上学时偷懒，考试时就吃亏。\n"
                     "工作的时候偷懒，混日子，最后耽误的是自己。\n"
                     "所以我们都要勤快一点，别图省事。")
DIARY = ("今天轮到我在支部会上发言，照着稿子念，总算没有怯场。\n"
         "说来惭愧，平时理论学习抓得不紧，只能讲些业务上的事。\n"
         "下次开会前，我打算早点准备。")
STORY = ("我小时候写过很多检讨，第一份检讨只有三行字。\n"
         "老师说我的检讨书写得最认真，同学们都笑了。\n"
         "后来我当了老师，也收到学生写的检讨。")
GREETING = ("在新春佳节即将来临之际，我代表区委、区政府向大家致以节日的问候！\n"
            "过去的一年，全区上下团结奋进，全年完成固定资产投资52亿元，新增就业岗位3100个。\n"
            "今年，我们将继续抓好项目建设。")
BRANCH_TERM_REPORT = ("本学期，我们支部共发展预备党员6名，组织主题党日4次。\n"
                      "半年内，我们向学院党委推荐入党积极分子12名，开展志愿服务8场。")
FURNITURE_PAGE = ("党的作风建设七十年回顾\n"
                  "2019-01-26 21:41 王某某\n"
                  "某某大学学报 2019年第5期\n"
                  "关键词：作风建设 群众路线")
OPINION_LIST = ("对领导班子的意见建议\n"
                "1．建议班子成员每季度到基层住一次，多听群众说。\n"
                "2．会议太多太长，希望压缩会议时间。")


def test_a_spoken_outline_confesses_in_plain_words():
    spoken = voice(SPOKEN_OUTLINE)
    assert spoken.confessions >= 3
    assert speaks_as("personal", spoken)


def test_colloquial_words_about_anyone_confess_nothing():
    spoken = voice(ESSAY_ON_IDLENESS)
    assert spoken.confessions <= 1 and spoken.expository >= 2
    assert not speaks_as("personal", spoken)


def test_one_self_critical_aside_is_no_self_examination():
    spoken = voice(DIARY)
    assert spoken.confessions == 1
    assert not speaks_as("personal", spoken)
    assert speaks_as("personal", spoken, titled=True)  # 个人对照检查材料 and its first problem is still one


def test_naming_the_genre_is_no_confession():
    spoken = voice(STORY)
    assert spoken.confessions == 0
    assert not speaks_as("personal", spoken)


def test_a_speech_greeting_its_audience_reports_no_work_of_its_own():
    assert speech(GREETING)
    spoken = voice(GREETING)
    assert spoken.own_work == 0 and not speaks_as("work_report", spoken)


def test_a_school_term_is_a_period_of_own_work():
    spoken = voice(BRANCH_TERM_REPORT)
    assert spoken.own_work >= 2 and speaks_as("work_report", spoken)


def test_an_opinions_list_voices_an_opinion_and_furniture_does_not():
    assert not speaks_as("opinions", voice(FURNITURE_PAGE))
    assert speaks_as("opinions", voice(OPINION_LIST))
