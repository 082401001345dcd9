"""Document kind, issue 13 (kind rules round 8): a list of opinions stays a list of opinions in any shape.

A run-on paste, an abridged copy or a cut that starts mid-way loses what named the list (the title 对…的意见建议, the
collecting preamble 共征求到意见建议N条), and its items still read like a 班子's confessions in the third person. What
survives the cutting:
- a heading addressing opinions (对局党组班子的主要意见), also glued to the next line in a run-on paste;
- a run-on heading glued to the count that announces the list (二、征求意见的基本情况本次共征求到意见建议97条…);
- items under a role label (党组书记：…、分管就业的副局长：…), which speak of someone else;
- 班子成员… speaks of the members, as others do: it continues the body's chain but does not name the author;
- a closing line that looks back (对照以上意见…、以上内容根据座谈会整理): the items above it were others' words;
- an inspection's finding (市委巡察指出，…) and a relayed complaint after an enumerator (二、中层干部反映：…);
- a wish or suggestion to the body after an inline enumerator (…意见建议1.希望班子…).
A collective material that speaks of 班子成员 in the third person, relays what people said and quotes a suggestion stays
collective. ``KindModel.decide`` is given probabilities by hand (the model preferring collective), so the rule is what
is tested. Texts written for these tests."""
from __future__ import annotations

import pytest

from analyzer.kinds import SELF_EXAMINATION, content, speaks_as, voice
from training.kinds_corpus import KindDocument, shaped

from .test_kinds_decision import _decide

# a bureau's report on the opinions it collected: preamble, count, opinions of the body, of each member, a closing
REPORT = """中共XX县交通运输局党组关于专题民主生活会会前征求意见情况的报告
县委组织部：
按照县委统一部署，局党组于10月下旬至11月中旬开展了会前征求意见工作。现将有关情况报告如下。
一、征求意见的方式
召开了局机关干部、运输企业、乡镇交管站负责人座谈会3场，发放征求意见表90份，收回81份。
二、征求意见的基本情况
本次共征求到意见建议64条，经合并归类，梳理出对班子的意见建议14条、对班子成员的意见建议9条。
三、对局党组班子的主要意见
（一）工作作风方面。班子成员到农村公路建设工地检查的次数偏少，对施工质量问题发现不及时。
（二）服务群众方面。客运班线调整前听取沿线群众意见不够，有的村通客车后又停运。
（三）机关管理方面。局机关对下属单位下发的报表偏多，交管站每月要填十几张表。
四、对班子成员的主要意见
党组书记：抓大事多，对具体问题过问少，有的事情部署后没有跟进。
分管运输的副局长：对出租车行业的投诉处理不够及时，司机有怨言。
分管建设的副局长：工程款拨付审核环节多，施工企业反映周期太长。
五、下一步工作
以上意见已逐条反馈给班子成员本人，作为撰写对照检查材料的依据。"""

# a list cut mid-way: no title, no preamble, no count; numbered items naming the members, a finding, a complaint
MIDWAY = """2.班子成员到农村公路建设工地检查的次数偏少，对施工质量问题发现不及时。
3.市委巡察指出，局党组在工程项目招投标监管方面存在薄弱环节。
4.客运班线调整前听取沿线群众意见不够，有的村通客车后又停运。
二、运输企业反映：局机关对下属单位下发的报表偏多，审批材料要求反复补正。
三、班子成员接待来访群众时表态多、跟踪少。
以上内容根据座谈会和征求意见表整理，共涉及意见建议31条。"""

# a list whose items name the body itself, closed by a suggestions section, pasted as one run-on line
WITH_SUGGESTIONS = """一、存在的问题
（一）班子在推动物流园区企业降本上办法不多，企业提出的用地、用电问题班子调研过两次，没有下文。
（二）班子对机关作风的日常管理偏松，窗口工作人员有时脱岗。
二、意见建议
1.希望班子每季度到企业现场办公一次，问题当场交办。
2.建议建立企业诉求台账，办理结果向企业反馈。"""


def _shape(name: str, text: str, shape: str, kind: str = "opinions") -> str:
    return shaped(KindDocument(name, kind, text, "test"), shape)


@pytest.mark.parametrize("shape", ("clean", "runon", "abridged", "noisy", "untitled", "excerpt"))
def test_a_report_on_collected_opinions_is_no_material_in_any_shape(shape):
    text = _shape("report8", REPORT, shape)
    spoken = voice(text)
    assert not speaks_as("collective", spoken) and not speaks_as("personal", spoken), (shape, spoken)
    assert _decide(text, collective=0.9, personal=0.05, opinions=0.05) not in SELF_EXAMINATION


def test_a_run_on_heading_glued_to_the_count_announces_the_list():
    run_on = _shape("report8", REPORT, "runon")
    assert "二、征求意见的基本情况本次共征求到意见建议64条" in run_on
    spoken = voice(run_on)
    assert spoken.confessions == 0 and spoken.about_others >= 6


def test_items_under_a_role_label_or_an_addressing_heading_are_about_others():
    assert voice("分管运输的副局长：对出租车行业的投诉处理不够及时，司机有怨言。").about_others == 1
    assert voice("党组书记：抓大事多，对具体问题过问少。").about_others == 1
    heading = voice("四、对班子成员的主要意见党组书记：抓大事多，对具体问题过问少，有的事情部署后没有跟进。")
    assert heading.confessions == 0 and heading.about_others == 1


@pytest.mark.parametrize("shape", ("clean", "runon", "noisy"))
def test_a_list_cut_mid_way_confesses_nothing(shape):
    text = _shape("midway8", MIDWAY, shape)
    spoken = voice(text)
    assert spoken.confessions == 0, (shape, spoken)
    assert _decide(text, collective=0.9, opinions=0.1) not in SELF_EXAMINATION


def test_members_in_the_third_person_do_not_name_the_author():
    spoken = voice("1.班子成员到基层站所调研少，有的一年到不了一次。\n2.会议多、发文多，基层疲于应付。")
    assert not spoken.named and spoken.confessions == 0
    # the body itself names the author, and its members then continue the author's chain
    own = voice("班子抓落实的力度不够，有的工作部署多、督促少。班子成员深入基层调研不够，有时满足于听汇报。")
    assert own.named and own.confessions == 2


@pytest.mark.parametrize("shape", ("clean", "runon"))
def test_a_suggestion_after_an_inline_enumerator_addresses_the_body(shape):
    text = _shape("suggest8", WITH_SUGGESTIONS, shape)
    spoken = voice(text)
    assert spoken.confessions == 0, (shape, spoken)
    assert _decide(text, collective=0.9, opinions=0.1) == "opinions"


def test_a_closing_line_looking_back_makes_the_items_above_others_words():
    items = "1.班子在推进重点项目上抓落实的力度不够。\n2.班子研究问题时听取一线意见不够。\n"
    assert voice(items).confessions == 2
    assert voice(items + "对照以上意见，局党组将在专题民主生活会上逐条认领。").confessions == 0


# a collective material: members in the third person, what the masses said, a suggestion it heard, in its own voice
COLLECTIVE = """XX县交通运输局党组专题民主生活会对照检查材料
会前，局党组通过座谈会和征求意见表广泛征求意见，有企业提出“希望局里少开会、多到一线”，我们照单全收。
一、存在的问题
（一）班子抓落实的力度不够。农村公路建设部署多、督促少，班子成员到工地检查的次数偏少，对施工质量问题发现不及时。
（二）班子联系群众不够紧密。客运班线调整前听取群众意见不够，群众反映，有的村通客车后又停运。
（三）个别班子成员对分管领域的投诉处理不够及时，出租车司机有怨言。
二、原因剖析
班子宗旨意识有所淡化，对群众的急难愁盼重视不够。
三、整改措施
班子成员每月到工地和站点调研不少于2次，对群众反映的问题建立台账、逐项销号。"""


@pytest.mark.parametrize("shape", ("clean", "runon", "noisy", "untitled", "abridged"))
def test_a_collective_material_speaking_of_its_members_and_quoting_a_suggestion_stays_collective(shape):
    text = _shape("collective8", COLLECTIVE, shape, kind="collective")
    spoken = voice(text)
    assert spoken.confessions >= 2 and speaks_as("collective", spoken), (shape, spoken)
    assert _decide(text, collective=0.55, opinions=0.4, other=0.05) == "collective"


# a cut that keeps only items faulting the body itself: no 我/我们, no examining, no cause, gap or rectification
BODY_ITEMS = """一、在担当作为方面
1.班子在推进城乡学校结对中顾虑较多，对薄弱学校的帮扶不够实。
2.班子对家长反映的校车接送问题回应不够主动。
二、在联系群众方面
1.班子到乡村学校去得少，对寄宿生的生活条件了解不够。"""


@pytest.mark.parametrize("shape", ("clean", "runon", "noisy"))
def test_a_bodys_faults_and_nothing_more_are_no_self_examination(shape):
    text = content(_shape("bodyitems8", BODY_ITEMS, shape))  # web furniture left out, as the classifier does
    spoken = voice(text)
    assert spoken.confessions >= 2 and not spoken.owns_up
    assert not speaks_as("collective", spoken)
    assert _decide(text, collective=0.95, opinions=0.03, other=0.02) not in SELF_EXAMINATION
    # the same faults owned up to (the body's causes, or 我们 speaking) are a material's
    for owned in (text + "\n产生这些问题的原因，主要是班子宗旨意识有所淡化。", "我们" + text.lstrip("一、")):
        spoken = voice(owned)
        assert spoken.owns_up and speaks_as("collective", spoken), owned
        assert _decide(owned, collective=0.95, opinions=0.03, other=0.02) == "collective"
