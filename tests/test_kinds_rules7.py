"""Document kind, issue 13 (kindsrules7): a list of collected opinions addressed to a leadership team is no
班子 self-examination. Its items read like confessions in the third person (班子在…方面存在…、领导对…关心不够),
and the voice rules took the 班子 they name for the author. What tells them apart is who speaks:
- opinions announced as a list (共收到意见建议27条，梳理归纳如下) run on under category headings (一、形式主义方面)
  until the author takes up its own examination (存在的问题、原因剖析、现对照…检查如下、班子认真查摆…);
- a title that addresses opinions to someone (对局领导班子的意见建议) names the whole text, not one section;
- a one-line paste whose words before its first item name an opinions list (征求意见情况1.…) is titled so;
- a text that suggests or wishes to a body (建议班子…、希望班子…) speaks to it: the body is the addressee;
- others' words relayed at the head of a clause (群众反映，…) are theirs, not the author's.
Collective materials that report collecting opinions (局党组…共征求到意见建议156条) keep their kind. Each test gives
``KindModel.decide`` probabilities by hand (the model preferring collective), so the rule is what is tested, in the
shapes reviewers receive (clean, run-on, noisy, untitled, excerpt, abridged). Texts written for these tests."""
from __future__ import annotations

import pytest

from analyzer.kinds import speaks_as, voice
from training.kinds_corpus import KindDocument, shaped

from .test_kinds_decision import _decide

SHAPES = ("clean", "runon", "noisy", "untitled", "abridged")


def _shapes(name: str, text: str) -> dict[str, str]:
    doc = KindDocument(name, "opinions", text, "test")
    return {shape: shaped(doc, shape) for shape in SHAPES}


# an opinions summary under the four styles' headings, its preamble saying what was collected and how
FOUR_STYLES_LIST = """XX县住建局党组专题民主生活会征求意见汇总
会前，局党组通过召开座谈会、发放征求意见表、个别访谈等方式，向机关干部、下属单位和服务对象征求意见，共收到意见建议27条，梳理归纳如下：
一、形式主义方面
1.班子成员到项目工地调研次数偏少，有时看一看就走，对施工企业反映的困难跟踪不够。
2.文件会议偏多，基层单位迎接检查负担重。
二、官僚主义方面
1.部分科室办事效率不高，审批材料要求反复补正。
2.领导干部接待群众来访不够主动，有的问题转来转去没人管。
三、享乐主义方面
1.班子进取意识不够强，满足于完成上级交办任务。
四、奢靡之风方面
1.机关公务接待管理还需进一步规范。
以上意见已反馈班子成员，作为对照检查的重要依据。"""
# the same list cut mid-way: its preamble and first category, no title
FOUR_STYLES_EXCERPT = "\n".join(FOUR_STYLES_LIST.splitlines()[1:5])


@pytest.mark.parametrize("shape", SHAPES)
def test_collected_opinions_under_four_styles_headings_confess_nothing(shape):
    text = _shapes("fourstyles", FOUR_STYLES_LIST)[shape]
    spoken = voice(text)
    assert spoken.confessions == 0 and spoken.about_others >= 3
    assert not speaks_as("collective", spoken)
    assert _decide(text, collective=0.55, opinions=0.4, other=0.05) == "opinions"


def test_collected_opinions_in_an_excerpt_are_still_others():
    spoken = voice(FOUR_STYLES_EXCERPT)
    assert spoken.confessions == 0
    assert _decide(FOUR_STYLES_EXCERPT, collective=0.6, opinions=0.35, other=0.05) == "opinions"


# opinions addressed to a team by their title, with a problems section and suggestions
ADDRESSED_LIST = """对局领导班子的意见建议
一、存在的问题
1.班子在推进重点项目上抓落实的力度不够，有的项目进度滞后。
2.班子成员联系基层不够经常，对基层实际困难了解不深。
3.机关作风建设还有差距，个别干部服务意识不强。
二、意见建议
1.建议每季度到基层开展一次蹲点调研。
2.希望进一步精简会议和文件。"""
# numbered items naming the team in the third person, under a title naming the genre
THIRD_PERSON_LIST = """征求意见情况
1.班子成员理论学习不够深入，学用结合不够紧密。
2.领导班子调查研究不够扎实，有时满足于听汇报。
3.班子成员之间沟通不够，有的工作衔接不畅。
4.领导对年轻干部的培养关心不够。
5.班子在落实中央八项规定精神上还有薄弱环节，公务用车管理不够严格。"""


@pytest.mark.parametrize("shape", ("clean", "abridged"))
def test_a_title_addressing_opinions_to_the_team_names_the_whole_text(shape):
    text = _shapes("addressed", ADDRESSED_LIST)[shape]
    assert voice(text).confessions == 0  # 一、存在的问题 under that title is the team's problems as others see them
    assert _decide(text, collective=0.7, opinions=0.3) == "opinions"


def test_a_run_on_lists_words_before_its_first_item_name_its_genre():
    run_on = _shapes("thirdperson", THIRD_PERSON_LIST)["runon"]
    assert run_on.startswith("征求意见情况1.")
    assert voice(run_on).confessions == 0
    assert _decide(run_on, collective=0.6, opinions=0.4) == "opinions"
    # a run-on material whose first clause mentions collecting opinions is not titled by it
    material = ("按照县委部署，班子广泛征求意见建议26条，认真查摆问题。一是班子成员调研不够深入，有时满足于听汇报。"
                "二是抓落实的力度不够，部署多、督促少。")
    assert voice(material).confessions >= 2


COUNTED_LIST = ("本次共收集意见建议43条，经归类整理为12条。主要有：班子在抓党建与业务融合上办法不多，党建工作与中心工作"
                "“两张皮”；班子成员深入车间班组调研不够，职工的合理诉求回应不及时；公司在干部选拔任用上透明度不高；"
                "食堂和倒班宿舍条件较差，希望班子重视解决。")


def test_opinions_counted_with_no_collector_named_are_others():
    spoken = voice(COUNTED_LIST)
    assert spoken.confessions == 0
    assert _decide(COUNTED_LIST, collective=0.75, opinions=0.25) == "opinions"


# four-styles headings inline, faults of the team, relayed complaints and suggestions to it
SUGGESTIONS = """形式主义方面：班子在抓工作落实上存在重部署、轻落实的问题；群众反映有的文件照搬照抄上级，针对性不强。建议班子减少发文数量。
官僚主义方面：班子成员在服务企业上存在门难进、事难办的问题，企业反映审批环节多。建议班子建立领导干部联系企业制度。
享乐主义方面：个别班子成员存在满足现状的思想，干劲不足。
奢靡之风方面：建议班子进一步规范公务接待。"""
MIXED_ITEMS = """1.班子在联系服务群众方面存在差距，下村入户的次数偏少。
2.群众反映，班子成员到村里多是开会检查，很少坐下来听老百姓说话。
3.建议班子精简会议和检查，把时间留给基层抓落实。
4.班子在落实八项规定精神方面还存在薄弱环节，个别同志公车使用不够规范。
5.干部反映，镇里临时性任务多，考核指标层层加码。
6.希望班子多关心年轻干部的成长，在培训和轮岗上给机会。"""


@pytest.mark.parametrize("shape", SHAPES)
def test_a_text_suggesting_to_the_team_speaks_to_it_not_as_it(shape):
    for name, text in (("suggestions", SUGGESTIONS), ("mixed", MIXED_ITEMS)):
        shaped_text = _shapes(name, text)[shape]
        spoken = voice(shaped_text)
        assert spoken.confessions == 0, (name, shape)
        assert _decide(shaped_text, collective=0.9, opinions=0.1) == "opinions", (name, shape)


def test_relayed_words_are_others_only_at_the_head_of_a_clause():
    assert voice("群众反映，班子成员到村里多是开会检查，很少听老百姓说话。").about_others == 1
    # 群众反映强烈的问题 is what the team failed to solve: still its own fault
    own = voice("我们班子对群众反映强烈的问题解决不够及时，主要是宗旨意识有所淡化。")
    assert own.confessions == 1 and own.about_others == 0
    # the team collecting, then what was heard: the team is the subject, and present
    preamble = "会前，班子通过座谈会、征求意见表等方式征求意见建议21条，群众反映较多的是下村次数少、办事效率不高。"
    assert voice(preamble).named and voice(preamble).about_others == 0
    # 群众反映问题 as the object of a measure is no relaying
    assert voice("本人牵头，群众反映问题实行交办、督办、反馈闭环管理。").about_others == 0


# collective materials that collect opinions, relay what was heard, and confess under four-styles headings
COLLECTIVE = """XX县住建局党组专题民主生活会对照检查材料
按照县委统一部署，局党组认真学习规定篇目，通过座谈会、征求意见表等方式征求意见，共征求到意见建议32条，经梳理归并为15条，群众反映较多的是办事环节多。
一、征求意见情况
班子成员之间、班子成员与科室负责人普遍开展谈心谈话。
二、“四风”方面存在的突出问题
（一）形式主义方面。班子抓落实的力度不够，有的重点项目部署多、督促少，推进进度滞后。
（二）官僚主义方面。班子成员深入基层调研不够，对施工企业反映的困难跟踪解决不及时。
（三）享乐主义方面。班子进取意识不够强，满足于完成上级交办任务。
（四）奢靡之风方面。公务接待管理还不够规范。
三、原因剖析
一是理想信念有所弱化，理论学习不够深入；二是宗旨意识有所淡化，对群众诉求重视不够。
四、整改措施
班子成员每季度到基层蹲点调研不少于1次，对企业反映的困难建立台账、逐项销号。"""
# a personal material whose preamble counts the opinions about its author, then examines itself category by category
PERSONAL = """我认真学习了规定篇目，通过座谈、个别访谈等方式征求了分管处室和服务对象的意见，共梳理涉及本人的意见14条。现对照“四风”逐项检查如下。
一、形式主义方面
一是学习流于形式，自己主动系统读原著不多。二是工作部署重布置、轻落实，后续跟踪问效跟不上。
二、官僚主义方面
深入基层不够，下基层多是检查工作、听取汇报，对基层的实际困难了解不深。"""
OWNED = ("我们班子对照“四风”方面认真查摆，主要存在以下问题：一是班子成员深入基层调研不够，有时满足于听汇报；"
         "二是会议文件偏多，基层负担较重；三是对群众反映的问题解决不够及时。产生这些问题的原因，主要是我们宗旨意识有所淡化。")


@pytest.mark.parametrize("shape", SHAPES)
def test_materials_that_collect_and_relay_opinions_stay_materials(shape):
    for name, text, kind in (("collective", COLLECTIVE, "collective"), ("owned", OWNED, "collective"),
                             ("personal", PERSONAL, "personal")):
        shaped_text = _shapes(name, text)[shape]
        spoken = voice(shaped_text)
        assert spoken.confessions >= 2 and speaks_as(kind, spoken), (name, shape)
        assert _decide(shaped_text, **{kind: 0.55}, opinions=0.4, other=0.05) == kind, (name, shape)


# the round-6 implicit author (a self-examination's sections, no one else named) is not the author of a list that
# advises: its problems section sits beside suggestions, not causes and measures
ADVISING_LIST = """一、存在的问题
1.理论学习不够深入，学用结合不够紧密，有时满足于读文件、记笔记。
2.调查研究不够扎实，下基层多是听汇报，了解情况不全面。
3.抓落实的力度不够，有的工作部署多、督促少。
二、意见建议
1.建议每季度开展一次专题调研，形成调研报告。
2.希望减少会议和文件，把精力放在抓落实上。"""
# the same problems with the causes and measures of a material: the unnamed author's own
IMPLICIT_MATERIAL = """一、存在的问题
1.理论学习不够深入，学用结合不够紧密，有时满足于读文件、记笔记。
2.调查研究不够扎实，下基层多是听汇报，了解情况不全面。
二、原因剖析
宗旨意识有所淡化，对群众诉求重视不够。
三、整改措施
1.坚持每季度开展一次专题调研，形成调研报告。
2.精简会议和文件，把精力放在抓落实上。"""


@pytest.mark.parametrize("shape", SHAPES)
def test_a_list_with_a_suggestions_section_has_no_implicit_author(shape):
    text = _shapes("advising", ADVISING_LIST)[shape]
    assert voice(text).confessions == 0
    assert _decide(text, collective=0.6, opinions=0.4) == "opinions"
    if shape == "noisy":
        return  # its noise lines include a reporter's credit (记者：…), which names someone else: a news page's sign
    material = _shapes("implicit", IMPLICIT_MATERIAL)[shape]
    assert voice(material).confessions >= 2
    assert _decide(material, collective=0.6, opinions=0.4) == "collective"


def test_a_sites_label_on_the_page_names_no_one_else():
    labelled = "(本文为付费内容，开通会员可复制全文)\n" + IMPLICIT_MATERIAL
    spoken = voice(labelled)
    assert spoken.expository == 1 and spoken.confessions >= 2
    guide = "写作时要注意：存在的问题要具体。\n" + IMPLICIT_MATERIAL  # an explaining sentence still names a writer
    assert voice(guide).confessions == 0


# a fragment of a self-examination with no subject and no headings, analysing the causes of its own shortcomings
IMPLICIT_CAUSES = ("钻研业务不够深入，对新出台的政策文件吃得不透，遇到复杂问题时处理不够果断。\n"
                   "服务群众的主动性不强，有时满足于按部就班。\n"
                   "产生这些问题的原因主要有以下几个方面。一是理论学习抓得不紧，学习的自觉性不强。"
                   "二是宗旨意识有所淡化，对群众的急难愁盼关注不够。")


def test_an_analysis_of_its_own_causes_makes_the_unnamed_author_present():
    spoken = voice(IMPLICIT_CAUSES)
    assert not spoken.named and spoken.confessions >= 3
    assert _decide(IMPLICIT_CAUSES, personal=0.5, other=0.4, opinions=0.1) == "personal"
    # the same analysis of what "some cadres" do is an essay's: someone else is named
    essay = "有的干部钻研业务不够深入，遇到复杂问题时处理不够果断。\n究其原因，一是理论学习抓得不紧，二是宗旨意识有所淡化。"
    assert voice(essay).confessions == 0
    assert _decide(essay, personal=0.55, other=0.45) == "other"


# rows of a task ledger cut from the middle: problem, measure, owner, deadline; no 整改 word left
LEDGER_ROWS = ("4\t下基层调研多是听汇报\t班子成员每季度蹲点调研1次，形成调研报告\t各班子成员\t2025年12月31日\n"
               "5\t会议文件偏多\t全年发文数量压减20%，合并同类会议\t办公室\t年底前\n"
               "6\t窗口办事要求反复补正\t推行一次性告知清单\t政务服务科\t长期坚持")


def test_a_ledgers_rows_name_rectification_by_their_form():
    from analyzer.kinds import assigned

    assert assigned(LEDGER_ROWS) == 3
    assert _decide(LEDGER_ROWS, rectification=0.7, other=0.3) == "rectification"
    # a table of counts has rows too, but no deadline closes them
    statistics = "序号\t单位\t党员人数\t参会人数\n1\t机关支部\t32\t30\n2\t后勤支部\t18\t17"
    assert assigned(statistics) == 0
    # a row of empty cells (a pasted table's blank line) is no row and breaks nothing
    assert assigned(LEDGER_ROWS + "\n\t \t\t\u3000\t") == 3
    assert _decide(statistics, rectification=0.6, other=0.4) == "other"


def test_a_complaint_as_the_topic_of_the_authors_own_fault_is_still_a_confession():
    # relayed words count as others' only when the verb hands over to them (群众反映，… / 有人说…)
    text = ("我分管的水利工作中，对群众诉求回应不够及时。西河村村民反映上游灌溉渠被截流的问题，前后拖了近两个月才协调解决，"
            "群众意见很大。企业和群众反映最集中的是办事慢，窗口提速不明显。")
    spoken = voice(text)
    assert spoken.about_others == 0 and spoken.confessions >= 2


def test_a_meeting_named_in_the_title_is_its_genre():
    from analyzer.kinds import title_genre, titled_kind

    news = ("某热电公司召开2025年度工作总结暨表彰大会\n"
            "1月20日，公司召开2025年度工作总结暨表彰大会。会上，总经理作工作报告，全年完成发电量42亿千瓦时，同比增长6%。")
    assert titled_kind(news) is None  # not settled as a work report by 工作总结 inside a meeting's name
    assert title_genre("在全县2024年度工作总结暨表彰大会上的讲话", "other")
    assert not title_genre("在全县2024年度工作总结暨表彰大会上的讲话", "work_report")
    # a report delivered at a meeting, and a summary joined to a plan, are still work reports
    assert title_genre("在述职评议会议上的述职报告", "work_report")
    assert title_genre("XX局2024年工作总结及2025年工作计划", "work_report")
    assert title_genre("2024年度工作总结暨表彰", "work_report")


def test_the_authors_own_voice_ends_a_relayed_list():
    text = ("会前共征求到意见建议18条，主要集中在以下几个方面：\n"
            "一、形式主义方面\n"
            "我抓落实的力度不够，有的工作部署后跟踪问效不及时。\n"
            "二、官僚主义方面\n"
            "我深入基层不够，对群众的实际困难了解不全面。")
    assert voice(text).confessions >= 2
