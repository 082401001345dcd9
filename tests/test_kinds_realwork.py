"""Document kind (branch realwork): a staff member's work summary names the post it reports on (我主要承担…工作、
本人担任…、我负责…工作) instead of a period such as 今年以来 — a duty held is a tenure, as 任职以来 is — and a campaign's
summary dates its work from the campaign's start (学习教育开展以来). Neither makes a day's errand (今天轮到我负责值班), a
story or another unit's campaign (活动开展以来，该县…) anyone's own work. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import speaks_as, voice

from .test_kinds_decision import _decide

# an office clerk's summary: duties, no date, no count
CLERK = ("在办公室工作的这段时间，我主要承担文稿起草、会务保障和档案管理三方面的工作。"
         "在文稿起草上，我负责局里综合材料和领导讲话初稿的起草工作，刚开始总抓不住重点，后来慢慢有了进步。"
         "在档案管理上，我对近几年的文书档案进行了整理，并配合完成了档案数字化扫描。"
         "回头看，自己还有不少不足，主动谋划不够，对业务了解不深。")
# a school branch's summary of a study campaign, dated from its start
CAMPAIGN = ("学习教育开展以来，支部委员会先后召开4次专题会议研究部署，制定了学习计划。"
            "我们采取书记领学、党员轮流讲学的方式，组织集中学习8次、专题研讨3次，34名党员全部撰写了学习笔记。")
# a diary: one day's errand
DIARY = "今天轮到我负责值班，一早就到了单位。中午和同事去食堂吃饭，下午看了会儿书，傍晚才回家。"
# news of a county's campaign: a place as the subject
COUNTY = ("活动开展以来，该县共开展专项检查46次，查处问题12个。"
          "县纪委有关负责同志表示，将持续加大监督检查力度。")


def test_a_staff_member_naming_the_post_reports_own_work():
    spoken = voice(CLERK)
    assert spoken.own_work >= 2 and speaks_as("work_report", spoken)
    assert "主要承担" in spoken.work
    assert _decide(CLERK, work_report=0.6, personal=0.1, other=0.3) == "work_report"


def test_a_campaign_summary_dates_its_work_from_the_campaigns_start():
    spoken = voice(CAMPAIGN)
    assert spoken.own_work >= 2 and speaks_as("work_report", spoken)


def test_an_errand_a_story_or_another_units_campaign_is_still_no_own_work():
    for text in (DIARY, COUNTY, "我临出门时跟同事说我就去十分钟，结果聊开了，一小时也没回来。"):
        spoken = voice(text)
        assert spoken.own_work == 0 and not speaks_as("work_report", spoken), text[:8]
    assert _decide(COUNTY, work_report=0.6, other=0.4) == "other"
