"""Document kind, issue 13 (kindtail): materials lost to ``other`` in the cross-validation over the train and dev
documents (``python -m training.kinds_corpus cv``), by the voice rule that lost them:

- a closing that asks the audience to criticise the author (请大家继续给我提意见，帮我把这些毛病改掉) declares the
  text the author's self-examination, as 以上对照检查，请批评指正 does; a notice asking for opinions on a body does not;
- 我看到了没动…是我的失职: an observer's 我看到 does not hide the author named after it;
- in a list of faults once the author is named, an item's plain-words fault (二是…去得少。…有时候也是犯懒) is the
  author's, as a written one (不够) already was;
- under a claiming title, a site's label (本文内容仅供参考) speaks as no kind, and a body reporting its own work names
  its author as a subject would.
Each test gives ``KindModel.decide`` a row of probabilities by hand, so the rule is what is tested. Texts written for
these tests."""
from __future__ import annotations

from analyzer.kinds import speaks_as, voice

from .test_kinds_decision import _decide

# the measures of a village secretary's spoken 发言, cut from its middle: one confession, and the closing asking for help
SPOKEN_MEASURES = ("往后我改三条。第一，村里的账每月贴出来，不再拖到年底一次公开。\n"
                   "第二，低保评议我不再一个人拍板，全部拿到村民代表会上议。\n"
                   "第三，到镇里开会回来当天就传达，不能再压在我手里。\n"
                   "这两年我毛病不少，我就讲这些，请大家继续给我提意见，帮我把这些毛病改掉。")
# a notice collecting opinions on a bureau's leaders: it asks for criticism, not of its author
NOTICE = ("关于征求对局领导班子意见建议的通知\n"
          "各科室：为开好专题民主生活会，请对我局领导班子和班子成员提出意见建议，于3月5日前报办公室。")


def test_asking_the_audience_to_criticise_the_author_declares_a_self_examination():
    spoken = voice(SPOKEN_MEASURES)
    assert spoken.declared and spoken.confessions == 1
    assert _decide(SPOKEN_MEASURES, personal=0.7, other=0.2, rectification=0.1) == "personal"
    assert not voice(NOTICE).declared
    assert _decide(NOTICE, personal=0.5, opinions=0.1, other=0.4) == "other"


# a tax branch head's 发言要点: the first item names the author after what he saw; the others are faults in plain words
POINTS = ("分局长发言要点\n"
          "1.办税大厅排长队，我看到了也没有加开窗口，是我的失职。\n"
          "2.督查考核前让人补做台账，这个口子是我开的。\n"
          "3.对窗口人员迟到早退睁一只眼闭一只眼。")
# an observer and nothing more: what the author saw in others is no confession
OBSERVED = ("我们发现，一些单位的窗口人员迟到早退，办事拖拉，群众意见较大。\n"
            "我们看到，个别分局督查考核前补做台账，存在形式主义问题。")


def test_an_observer_named_again_as_the_one_at_fault_confesses():
    spoken = voice(POINTS)
    assert spoken.confessions == 3 and spoken.named
    assert speaks_as("personal", spoken)
    assert _decide(POINTS, personal=0.6, other=0.4) == "personal"
    observed = voice(OBSERVED)
    assert observed.confessions == 0 and not observed.named


# an old member's 组织生活会 发言, cut: items of faults in plain words under the author named before them
ITEMS = ("我把自己这一年的问题说一说。\n"
         "一是支部活动去得少。天一冷就不想出门，有时候也是犯懒，打个电话就请假了。\n"
         "二是在小区群里光发牢骚。停车乱、垃圾多，我骂过好几回，真让我去协调，我又推说年纪大。")
# items of an essay on anyone's laziness: no author named, no one's confession
ESSAY_ITEMS = ("一是犯懒。天一冷就不想出门，这是人之常情。\n"
               "二是发牢骚。遇事先抱怨，这在单位里并不少见。")


def test_plain_faults_in_the_items_of_a_named_author_confess():
    spoken = voice(ITEMS)
    assert spoken.confessions >= 2
    assert _decide(ITEMS, personal=0.6, other=0.4) == "personal"
    essay = voice(ESSAY_ITEMS)
    assert essay.confessions == 0
    assert _decide(ESSAY_ITEMS, personal=0.6, other=0.4) == "other"


# a 范文 page's abridged copy: the claiming title, one measure, the site's label; and a title over own work
LABELLED = ("教师个人师德师风自查报告\n"
            "今后我每周与两名后进学生谈心，家长来电当天回复。\n"
            "本文内容仅供参考，更多范文请登录下载。")
OWN_WORK = ("XX公司副总经理李某个人对照检查材料\n"
            "一、一年来的主要工作\n"
            "今年以来，我分管的三个项目全部按期开工，完成投资4.6亿元。\n"
            "以上汇报，请批评指正。")


def test_a_claiming_title_over_a_site_label_or_its_own_work_is_the_material_it_claims():
    for text in (LABELLED, OWN_WORK):
        spoken = voice(text)
        assert spoken.confessions == 0
        assert speaks_as("personal", spoken, titled=True), text[:12]
        assert _decide(text, personal=0.3, other=0.6, work_report=0.1) == "personal", text[:12]
    news = LABELLED.replace("今后我每周", "3月4日，学校召开专题会议，校长要求每位老师每周")  # a meeting reported
    assert not speaks_as("personal", voice(news), titled=True)

