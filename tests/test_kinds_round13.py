"""Document kind, issue 13 (kind data round 13): what the fresh documents showed.

A note on the progress of one's own rectification is no work report. A member's 整改落实情况 lists what was done for each problem raised at the meeting in the first person, with
counts and a period (今年以来走访11次), and closes each item on its status (…，已完成 / …，持续推进中) rather than
naming 整改 again. Those items are the rectification of listed problems (``Voice.rectified``), not own work, so the
note cannot be a work report; a work report that mentions one finished task among its own work stays one. So is
the work a 整改落实情况的报告 reports under headings naming the problems (一、关于“…”的问题): it answers them, and a text
that reports rectification at least as often as its own work does not speak as a work report.

A 班子 that owns up in plain formal words (政绩观有偏差、制度没有执行到位、拿不出办法) confesses as often as it says so:
those words count as confessions in a chain the author opened by name (``colloquial_confessions``), so its material is
not taken for a list of opinions; a list of the same faults that never names its author stays a list.
``KindModel.decide`` is given probabilities by hand (the model preferring work_report), so the rule is what is
tested. Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import speaks_as, voice

from .test_kinds_decision import _decide

# a hospital deputy director's progress note on the problems she raised at the 组织生活会
PROGRESS = ("个人检视问题整改落实情况\n"
            "一是针对学习不够系统的问题，今年以来参加党委中心组学习10次，在科室讲党课2次，已完成。\n"
            "二是针对联系临床一线不够的问题，每周到病房查房一次，累计解决科室困难14件，持续推进中。\n"
            "三是针对对分管的后勤科室监管偏松的问题，修订物资采购和维修管理制度2项，约谈科室负责人3人次，已销号。")

# a clinic head's year: its own work, one task reported finished among it
WORK_REPORT = ("2024年度个人述职\n"
               "今年以来，本人带领门诊部完成门诊接诊12.6万人次，同比增长9%。\n"
               "全年组织业务培训18期，新开设夜间门诊和慢病随访门诊2个。\n"
               "今年院里交办的自助机改造任务，已完成。")


def test_progress_items_closing_on_their_status_are_rectification():
    spoken = voice(PROGRESS)
    assert spoken.rectified == 3 and spoken.own_work == 0
    assert not speaks_as("work_report", spoken)
    assert _decide(PROGRESS, work_report=0.7, rectification=0.2, other=0.1) == "rectification"
    one_line = PROGRESS.replace("\n", "")  # a run-on paste of the same note
    assert voice(one_line).own_work == 0
    assert _decide(one_line, work_report=0.7, rectification=0.2, other=0.1) == "rectification"


def test_a_work_report_with_one_finished_task_is_still_its_own_work():
    spoken = voice(WORK_REPORT)
    assert spoken.own_work >= 2 and spoken.rectified == 1
    assert speaks_as("work_report", spoken)
    assert _decide(WORK_REPORT, work_report=0.7, rectification=0.2, other=0.1) == "work_report"


# a county water company's 班子: the author named once (我们班子), then faults in formal words the lexicon lacked
OWNED_UP = ("我们班子在供水保障上存在“重建设、轻管护”的问题。\n"
            "去年城区两次停水，事后复盘，都是管网巡检制度没有执行到位，而班子只在年终考核时看一看巡检台账。\n"
            "对用户反映的水压低、水费账单看不懂等问题，班子开过专题会，至今拿不出像样的办法。\n"
            "说到底，班子的政绩观有偏差，看重新建水厂的规模，轻视老旧管网的日常维护。")
# the same faults as a list of opinions: items with no author named, counted
LISTED = ("1.管网巡检制度没有执行到位，城区去年停水两次。（6人次）\n"
          "2.对水压低、账单看不懂的问题，至今拿不出办法。（4人次）\n"
          "3.公司重新建、轻管护，政绩观有偏差。（3人次）")


def test_a_body_owning_up_in_formal_words_confesses_each_time():
    spoken = voice(OWNED_UP)
    assert spoken.confessions >= 3
    assert speaks_as("collective", spoken)
    assert _decide(OWNED_UP, collective=0.5, opinions=0.4, other=0.1) == "collective"
    listed = voice(LISTED)
    assert listed.confessions == 0
    assert _decide(LISTED, collective=0.5, opinions=0.4, other=0.1) != "collective"


# a company's report on rectifying the problems of its 民主生活会, items headed by the problem, pasted as one line
PROBLEM_HEADED = ("关于查摆问题整改落实情况的报告\n"
                  "集团党委：现将我公司班子民主生活会查摆问题整改情况报告如下。"
                  "一、关于“基层调研不深入”的问题。今年以来班子成员到项目部蹲点调研21次，现场解决问题37个。"
                  "二、关于“会议文件偏多”的问题。全年公司发文数量同比下降32%，合并例会4个。"
                  "三、关于“青年职工成长通道窄”的问题。今年选拔35岁以下中层干部6名，新设技术序列岗位40个。")
# a work report whose headings name its fields of work, not problems
FIELD_HEADED = ("2024年度工作总结\n"
                "一、关于安全生产。今年以来公司开展隐患排查46次，整治隐患213处。\n"
                "二、关于经营指标。全年完成营业收入8.2亿元，同比增长7%。\n"
                "三、关于队伍建设。今年新招聘大学毕业生52名，培训职工3100人次。")


def test_work_done_under_a_problem_heading_answers_that_problem():
    spoken = voice(PROBLEM_HEADED)
    assert spoken.rectified >= 3 and spoken.own_work <= 1
    assert not speaks_as("work_report", spoken)
    assert _decide(PROBLEM_HEADED, work_report=0.6, rectification=0.3, other=0.1) == "rectification"
    fields = voice(FIELD_HEADED)
    assert fields.rectified == 0 and fields.own_work >= 3
    assert _decide(FIELD_HEADED, work_report=0.6, rectification=0.3, other=0.1) == "work_report"
