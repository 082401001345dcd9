"""Document kind, issue 13 (branch subjectless): a self-examination whose subject is never named.

Chinese drops the subject of a problem list: under area headings (（一）贯彻落实方面、2、官僚主义方面：) or in items
(一是…、①…) a unit's or a person's self-examination tells its faults without a 我 or a 班子. Such a list, told at length,
is the unnamed author's own, as a self-examination's own sections are; a catalogue of symptoms names each fault in a
phrase (以会议落实会议) and stays no one's, and so does a list that advises (1.建议…) or relays (群众反映…). A title naming
a 查摆问题清单 or 检视问题清单 names a self-examination: its 问题清单 is no rectification's. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import claimed_kind, speaks_as, voice

from .test_kinds_decision import _decide

# a water bureau's problem section, its subject never named, under area headings
AREAS = ("（一）防汛备汛方面。\n"
         "①汛前检查重台账、轻现场，对12座小型水库的检查多是查看值班记录，溢洪道淤堵的问题直到6月暴雨后才发现；\n"
         "②防汛物资储备底数不清，仓库里的编织袋有一半已经老化，账面数字却多年没有核对更新，与规范管理的要求有差距。\n"
         "（二）服务群众方面。\n"
         "①农村饮水问题回应慢，西岭村村民反映水压不足，从报修到派人察看拖了二十多天，存在推诿现象；\n"
         "②取水许可审批材料要求不一次讲清，有企业为补材料往返跑了三趟。")
# the same list pasted as one line
AREAS_RUNON = AREAS.replace("\n", "")
# a township's items with no subject, one of them owning up to what its inspection found
ITEMS = ("一是落实上级部署存在“层层加码”现象，上级只要求每季度报一次人口数据，镇里改成了每月报，村干部填表负担加重。"
         "二是调查研究不够深入，全年12次调研有8次是陪同上级，带着问题专门到偏远村组调研的次数少。"
         "三是为民办事效率不高，危房改造补助的申请，审核环节在镇里压了一个多月，与群众的期盼还有差距。")
# a catalogue of symptoms under the same headings: each fault named in a phrase
CATALOGUE = ("（一）贯彻落实方面：\n①表态多、行动少；\n②以会议落实会议，以文件落实文件；\n③照抄照转，搞“一刀切”。\n"
             "（二）服务群众方面：\n①门难进、脸难看、事难办；\n②对群众诉求推诿扯皮；\n③办事程序繁琐，存在多头跑的问题。")
# collected opinions under area headings: items that advise
ADVICE = ("一、形式主义方面\n1.建议领导班子精简会议，很多会议内容重复，基层干部陪会时间太长，影响了正常的业务工作开展。\n"
          "2.建议减少对站所的检查次数，每次检查都要准备大量台账资料，一线人员疲于应付、苦不堪言。\n"
          "二、官僚主义方面\n3.建议班子成员多到偏远站所走一走，了解一线职工在交通、住宿方面的实际困难。")


def test_a_list_told_under_area_headings_confesses_for_its_unnamed_author():
    for text in (AREAS, AREAS_RUNON):
        spoken = voice(text)
        assert spoken.confessions >= 2, text[:8]
        assert speaks_as("collective", spoken) and speaks_as("personal", spoken)
        assert _decide(text, collective=0.5, other=0.5) == "collective"


def test_items_told_at_length_confess_for_their_unnamed_author():
    assert voice(ITEMS).confessions == 3
    assert _decide(ITEMS, collective=0.6, other=0.4) == "collective"


def test_a_catalogue_naming_faults_in_phrases_confesses_nothing():
    assert voice(CATALOGUE).confessions == 0
    assert _decide(CATALOGUE, collective=0.6, other=0.4) == "other"


def test_a_list_that_advises_confesses_nothing():
    assert voice(ADVICE).confessions == 0
    assert _decide(ADVICE, collective=0.6, opinions=0.4) == "opinions"


def test_a_problem_list_title_names_a_self_examination():
    body = ("一、政治建设方面\n1.局党组学习贯彻停留在会议传达层面，对如何结合本系统实际推进落实研究不够，"
            "今年专题研究只有2次。\n2.局党组执行民主集中制不够严格，个别议题会前酝酿不充分。")
    assert claimed_kind("县水务局党组2024年度民主生活会查摆问题清单\n" + body) == "collective"
    assert claimed_kind("检视问题清单（个人）\n我对理论学习抓得不紧，笔记多是摘抄。\n我下基层调研的次数偏少。") == "personal"
    # a rectification list keeps its own title word
    assert claimed_kind("县水务局党组民主生活会整改问题清单\n" + body) is None
