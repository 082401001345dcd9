"""A titled self-inspection that finds nothing is still the inspecting unit's material, and a list page of samples
pasted as one line names no material: the claiming title's bar (branch general, round 19)."""
from analyzer.kinds import claimed_kind, content, speaks_as, title_line, voice

from .conftest import kind_decider, kind_row

# a water bureau's office-space self-inspection: one general sentence on why it matters (it speaks as an explanation
# does), the facts, no fault found, pledges
OFFICE_SPACE = ("县水务局关于办公用房清理情况的自查报告\n"
                "根据县委办公室《关于党政机关清理办公用房的通知》精神，我局组织开展了办公用房清理自查工作。现将有关情况汇报如下：\n"
                "一、基本情况\n"
                "办公用房清理是落实中央八项规定的重要举措，各级机关必须带头执行。局机关现有在编人员18人，使用办公用房共12间，总面积286.5平方米。\n"
                "二、清理结果\n"
                "经逐间丈量登记，局领导和各股室人均使用面积均在规定标准以内，未发现超标准配置和多占办公用房情况。\n"
                "三、下一步打算\n"
                "严格执行办公用房管理规定，不擅自改变用途，不擅自装修。")
# the same inspection under the title, told in a reporter's words: news of it, not the bureau's own report
OFFICE_SPACE_NEWS = ("县水务局关于办公用房清理情况的自查报告\n"
                     "据了解，县委办公室3月下发通知，要求各单位清理办公用房。\n"
                     "记者从县水务局了解到，该局已完成清理登记。\n"
                     "该局负责人介绍，局机关共有办公用房12间。")
# a sample site's list page of self-inspection reports, pasted as one line
SAMPLE_LIST = ("自查报告范文1：学校食堂食品安全自查报告根据市教育局的通知要求，我校对食堂进行了全面检查。"
               "自查报告范文2：企业安全生产自查报告为落实安全生产责任制，公司组织开展了隐患排查。"
               "自查报告范文3：机关办公用房清理自查报告按照通知要求，我单位对办公用房进行了清理。")


def test_a_titled_self_inspection_that_finds_nothing_is_the_units_material():
    text = content(OFFICE_SPACE)
    spoken = voice(text)
    assert claimed_kind(text) == "collective"
    assert spoken.confessions == 0
    assert speaks_as("collective", spoken, titled=True)
    # the model may prefer other: the claiming title settles it, whatever the probabilities
    assert kind_decider().decide(text, kind_row(other=0.9)) == "collective"


def test_news_under_the_same_title_is_not_the_units_material():
    text = content(OFFICE_SPACE_NEWS)
    assert not speaks_as("collective", voice(text), titled=True)
    assert kind_decider().decide(text, kind_row(other=0.9)) == "other"


def test_a_list_page_of_samples_pasted_as_one_line_names_no_material():
    text = content(SAMPLE_LIST)
    assert title_line(text) == ""
    assert claimed_kind(text) is None
    assert kind_decider().decide(text, kind_row(other=0.9)) == "other"
