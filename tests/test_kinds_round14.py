"""Document kind, issue 13 (kind round 14, kindlost): self-examinations in the shapes of the real DEV pages lost.

A self-inspection names itself: a title …自查报告、…自查自纠报告、…自查情况 (or an untitled text announcing 现将自查情况
汇报如下 in its own voice) claims a self-examination as …对照检查材料 does, the unit's (collective) when the unit speaks
of itself (我局、我镇、本单位) at least as often as a person does, the person's when the title or 本人 names one — even
when every item is compliance or denial (all a 三公 self-inspection may have to confess). A title naming another genre
(…的通知、开展…自查自纠) or a self-appraisal of a record (政治素质自查报告: a work report) claims nothing.

A unit body names itself as the subject (学校党政班子、镇党委); a case the author gives (例如：4月12日，学校举办…时照搬照套)
is the author's own, not a generic remark nor a dated news report; an inspection's findings named as the object of the
author's rectification (巡察反馈的问题，镇党委仅…) are not relayed words; and once the author is named, each new item
(2、… 二是…) returns to the author after the last item's example handed the chain to 个别领导干部. A study that never names
its author keeps its items generic. ``KindModel.decide`` is given probabilities by hand, so the rule is what is tested.
Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import claimed_kind, speaks_as, titled_kind, voice

from .test_kinds_decision import _decide

# a township's office-space self-inspection: compliance, one shortfall owned
TOWNSHIP = ("李集镇党政机关办公用房清理自查自纠报告\n"
            "按照县委办公室的通知要求，我镇对机关办公用房使用情况进行了全面清理，现将自查情况报告如下：\n"
            "一、我镇办公楼建于2001年，近五年没有新建、扩建和装修。\n"
            "二、镇班子成员8人，办公室面积均符合标准；经测量，党政办多占用一间房存放杂物，超出标准18平方米，"
            "是我们日常管理不细造成的，已于3月6日腾退。\n"
            "三、我镇今后每半年对办公用房自查一次。")
# a clinic doctor's own self-inspection
DOCTOR = ("门诊医生个人作风建设自查报告\n"
          "按照院党委的安排，本人对照作风建设要求进行了自查。\n"
          "一是对患者解释病情不够耐心，高峰时段对老年患者反复询问有不耐烦情绪。\n"
          "二是签约的家庭医生服务随访不到位，有20多户全年没有上门。\n"
          "今后本人每月按时随访签约居民。")
# untitled: a bureau announces its self-inspection in its own voice
UNTITLED = ("根据市机关事务局的要求，我局对办公用房和公务用车进行了清理自查，现将自查情况汇报如下。\n"
            "一、局办公室对各科室办公用房逐间测量，我局在编人员52人，现使用办公用房860平方米，没有超标。\n"
            "二、我局有公务用车3辆，没有超编车辆，车辆使用实行登记制度。")


def test_a_self_inspection_title_claims_the_units_material():
    assert claimed_kind(TOWNSHIP) == "collective" and titled_kind(TOWNSHIP) == "collective"
    assert _decide(TOWNSHIP, work_report=0.6, personal=0.2, other=0.2) == "collective"
    assert claimed_kind(DOCTOR) == "personal"
    assert _decide(DOCTOR, other=0.6, personal=0.3, work_report=0.1) == "personal"
    # a notice or news of a self-inspection, a guide to writing one and a self-appraisal of a record claim nothing
    notice = ("关于开展违规吃喝问题自查自纠工作的通知\n各科室、局属各单位：\n"
              "经研究，决定开展违规吃喝问题自查自纠，请各单位形成自查报告，于6月20日前报局纪委。\n特此通知。")
    news = ("县税务局扎实开展四风问题自查自纠\n近日，县税务局召开专题会议部署自查自纠工作。"
            "会议要求，各股室对照10个方面问题逐项自查，4月底前报送自查报告。")
    guide = ("自查报告怎么写\n开头一般写自查的依据，常用“根据……要求，我单位进行了自查，现将自查情况报告如下”。"
             "正文写问题和整改措施。")
    appraisal = ("县水利局局长政治素质自查报告\n按照县委组织部的要求，本人对任职以来的情况进行了自查。"
                 "任职以来，本人牵头完成水库除险加固工程3座，全县农村供水保障率达到98%。")
    for text in (notice, news, guide, appraisal):
        assert claimed_kind(text) is None, text[:12]
    assert _decide(notice, collective=0.5, other=0.5) == "other"
    assert _decide(news, collective=0.5, other=0.5) == "other"


def test_an_untitled_self_inspection_announced_in_its_own_voice_claims_too():
    assert claimed_kind(UNTITLED) == "collective"
    assert _decide(UNTITLED, work_report=0.5, personal=0.3, other=0.2) == "collective"
    # the progress of a rectification announced the same way is no self-inspection
    progress = ("按照区委巡察组的反馈意见，我局现将巡察整改自查情况报告如下。\n"
                "一、关于“公务接待审批不严”的问题。我局修订了公务接待管理办法，已完成。")
    assert claimed_kind(progress) is None


# a school's 四风 section: the body names itself, then items whose examples name some leaders
SCHOOL = ("三、“四风”方面存在的主要问题\n"
          "学校党政班子对照征集到的意见，对存在的问题进行了认真梳理。\n"
          "（一）形式主义方面\n"
          "1．听课评课重形式轻实效。例如：学校要求班子成员每周听课两节，个别领导干部听课记录是课后补写的。\n"
          "2．会议多而实效不够。例如：4月10日，学校召开的教学工作推进会与上周的例会内容重复，会前准备不够充分。\n"
          "3．对一线教师反映的问题研究不够及时，实验室设备老化的问题拖了一个学期。")
# a study of discipline teams in general: items with no author named stay generic
STUDY = ("一、纪检组履行监督职责中存在的主要问题\n"
         "一是领导干部自我监督缺位。一些党员领导干部认为自己觉悟高，不需要监督。\n"
         "二是同级监督弱化。存在同级之间怕相互监督伤了和气的现象。\n"
         "三是下级监督软化。下级怕监督会影响自己的前途。")


def test_a_school_body_names_itself_and_its_items_are_its_own_but_a_studys_stay_generic():
    spoken = voice(SCHOOL)
    assert spoken.named and spoken.confessions >= 3
    assert spoken.reported == 0  # 4月10日 dates the author's own case
    assert speaks_as("collective", spoken)
    assert _decide(SCHOOL, collective=0.5, other=0.4, opinions=0.1) == "collective"
    # a study that never names its author keeps its items generic
    spoken = voice(STUDY)
    assert not spoken.named and spoken.confessions == 0
    assert _decide(STUDY, personal=0.6, other=0.4) == "other"


# a township committee's faults in rectifying inspection findings: the findings are its object, not relayed words
INSPECTED = ("一是整改责任压得不实。对县委巡察反馈的15个问题，镇党委虽成立了整改领导小组，但此后没有定期研究，整改推进缓慢。\n"
             "二是整改停留在表面。审计反馈的问题，镇党委只要求各村补填了台账，没有建立长效机制，同类问题在复查中再次出现。")


def test_inspection_findings_the_author_rectifies_are_not_relayed():
    spoken = voice(INSPECTED)
    assert spoken.about_others == 0 and spoken.confessions >= 2
    assert speaks_as("collective", spoken)
    # news of a meeting still reports: a date with a meeting held in the third person
    news = voice("5月28日，某中学召开党政班子民主生活会。会上，校长代表班子作对照检查，查摆了听课不够深入等问题。")
    assert news.reported >= 2 and news.confessions == 0


# a county school district's opinions tallied as a table, untitled: the 班子's own row is what others raised
TALLY = ("类别\t主要意见\t条数\n"
         "教学管理\t集体备课流于形式；作业检查不够细\t9\n"
         "师德师风\t个别教师有偿补课查处不够严\t4\n"
         "班子自身\t校领导深入课堂听课不够\t5\n"
         "合计\t\t18")


def test_faults_in_a_table_closed_by_counts_are_a_tally_not_a_confession():
    spoken = voice(TALLY)
    assert spoken.confessions == 0 and not speaks_as("collective", spoken)
    assert _decide(TALLY, collective=0.6, opinions=0.4) == "opinions"


# rules on how leaders self-criticise at a 民主生活会: a role told what it must do confesses nothing
RULES = ("2．党员领导干部要正视自己的缺点和不足，讲真话，反映真实情况。\n"
         "群众意见多的问题，我们回避不了，必须如实说明。\n"
         "3．班子成员要针对存在的问题，分析原因，吸取教训，提出改进措施。\n"
         "4．党员领导干部不能压制批评，不能打击报复批评者。")


def test_a_role_told_what_it_must_do_confesses_nothing():
    spoken = voice(RULES)
    assert spoken.confessions == 0 and not speaks_as("personal", spoken)
    assert _decide(RULES, personal=0.6, other=0.4) == "other"
