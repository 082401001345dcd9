"""Document kind, issue 13 (lead, after round 15's dev documents): a short 检视发言 that owns one breach of the rules.

Since 主题教育 a member's material is often titled 个人检视发言 or 检视材料, not 对照检查材料: such a title claims a
self-examination as 检视剖析发言 does. And a confession may name the breach itself in the past tense (违反了规定、违反了
八项规定、犯了错误) with none of the written markers of self_critical.yaml (不够、存在): in the author's own voice it
confesses, as the colloquial confessions do. A news item about someone else's breach, or a rule on what happens to whoever
breaks one, still confesses nothing. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import claimed_kind, voice

from .test_kinds_decision import _decide

# a tax officer's one-problem 检视发言, titled
TITLED = ("个人检视发言\n"
          "对照这次主题教育的要求，我查摆出一个问题：今年春节前，我收了一位企业财务人员送来的两箱水果，"
          "当时觉得是小事，现在看违反了廉洁纪律。水果已经退回，我也在支部会上作了说明。")
# the same kind of confession with no title: the author owns two breaches in plain words (one alone would be an aside)
UNTITLED = ("我在执行财务制度上犯了错误：去年9月，我用公务卡支付了一次同学聚会的饭费，事后才补交，"
            "违反了财经纪律。还有两次，我让司机开单位的车顺路接孩子，也违反了规定。这两件事我向支部作了检讨，钱已全部退回。")
# someone else's breach, reported; and a rule on breaches
NEWS = ("县纪委通报一起违规吃喝问题\n近日，县纪委通报：某局副局长李某在下乡检查期间接受宴请，违反了中央八项规定精神，"
        "受到党内警告处分。")
RULE = ("机关公务接待管理规定\n第十二条 接待对象违反了规定的，一律不予报销，并视情节追究责任。")


def test_a_titled_short_examination_claims_a_personal_material():
    assert claimed_kind(TITLED) == "personal"
    assert _decide(TITLED, other=0.6, personal=0.3, work_report=0.1) == "personal"


def test_owning_a_breach_of_the_rules_is_a_confession_but_reporting_or_ruling_on_one_is_not():
    assert voice(UNTITLED).confessions == 2
    assert _decide(UNTITLED, personal=0.5, other=0.5) == "personal"
    for text in (NEWS, RULE):
        assert claimed_kind(text) is None
        assert voice(text).confessions == 0, text[:10]
        assert _decide(text, personal=0.5, other=0.5) == "other", text[:10]
