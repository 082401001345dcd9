"""Counts written in Chinese numerals are as concrete as digits (``instances.yaml`` ``counted``, read by
depth only). A 2024 党纪 and a 2023 主题教育 draft tried as a reviewer (tryout4) were told
以共性问题代替具体问题 beside 漏报了一个证券账户 (去年填报…时), 送来两箱水果, 两个村的清淤工程至今未完工 and
项目拖期三个月. How long the author has held the post (在基层工作五个多月了) stays a career date. The texts
are invented."""
from __future__ import annotations

import pytest

from analyzer import Analyzer
from analyzer.depth import lexicons, own_instances


@pytest.mark.parametrize("text, phrase", [
    ("去年年底核对个人有关事项时，漏报了配偶名下的一笔理财，说明对如实报告的要求把握不严。", "去年年底核对个人有关事项时"),
    ("中秋前一家供货商送来两盒月饼，我没有当场退回，过了一周才交到机关纪委。", "两盒"),
    ("对老旧管网改造协调不力，三个社区的改造工程至今没有开工。", "三个社区"),
    ("推进政务服务平台升级时过于依赖外包公司，上线时间拖了四个多月。", "四个多月"),
])
def test_a_count_in_chinese_numerals_is_an_instance(text, phrase):
    assert phrase in own_instances(text, lexicons())


@pytest.mark.parametrize("text", [
    "我到乡镇工作三个多月了，对基层情况还不够熟悉，学习满足于读文件。",
    "对“两个确立”的决定性意义理解不深，落实“三个务必”要求有差距。",
    "存在吃一桌餐、相互吃请的风险，思想上警惕性不高。",
])
def test_a_career_span_a_slogan_or_a_named_form_is_no_instance(text):
    assert own_instances(text, lexicons()) == []


DRAFT = "\n".join([
    "党纪学习教育个人对照检查材料",
    "按照党委安排，我对照六项纪律查摆了自身问题，现报告如下。",
    "一、存在的问题",
    "（一）组织纪律方面。去年年底核对个人有关事项时，漏报了配偶名下的一笔理财，虽已补报，但对如实报告把握不严。",
    "（二）廉洁纪律方面。中秋前一家供货商送来两盒月饼，我没有当场退回，过了一周才交到机关纪委。",
    "（三）群众纪律方面。对老旧管网改造协调不力，三个社区的改造工程至今没有开工，群众意见较大。",
    "二、原因剖析",
    "理想信念有所松懈，纪律意识淡薄，宗旨意识弱化。",
    "三、整改措施",
    "12月底前完成《条例》逐章学习；明年3月底前推动三个社区的管网改造开工。"])


def test_a_draft_whose_events_are_counted_in_words_is_not_told_it_is_generic():
    depth = Analyzer(kind="personal").analyze(DRAFT, name="counted.txt").to_dict()["depth"]
    assert not depth["substitutions"]["generic_for_specific"]
    assert not any(d["signal"] == "instance_share" for d in depth["deductions"])


@pytest.mark.parametrize("measure", [
    "二是每年对乡镇的督查检查压减一半以上，能合并的一律合并。",
    "二是年底前将街道报送的报表从18种压减到6种以内。",
    "二是明年全局会议数量压减30%，能开短会的一律开短会。",
])
def test_a_measure_that_cuts_by_a_stated_amount_is_quantified(measure):
    """压减 is how 2025 精文减会 measures say 减少: a 班子 draft tried by tryout4 (检查压减一半以上)
    was told its measure had no quantified target."""
    from analyzer.resources import lexicon
    assert lexicon("measures", None, "quantity").find(measure)
