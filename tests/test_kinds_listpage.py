"""Document kind, issue 13 (kindview): a list page (a 范文 site's column, a document site's search results) shows
snippets of other documents, each cut off by an ellipsis (……[阅读全文], ……12页|下载). What a snippet says — 本人
任职以来…完成…, 我在…方面还存在不足… — is quoted, not said by the page: on a page with two snippets or more their
sentences are left out of the voice, so a list page never speaks as a material, in lines or pasted as one line; a
material with one cut-off sentence keeps its voice. Findings announced to a unit as feedback (现将督导发现的问题反馈如下)
are the addressee's faults, as collected opinions are; looking back (年终总结反省的时候) reflects and reports no work.
Texts written for these tests."""
from __future__ import annotations

from analyzer.kinds import speaks_as, unquoted, voice

from .test_kinds_decision import _decide

# a document site's column of 述职报告: titles, each with the opening of a report cut off
LIST_PAGE = ("首页 > 公文写作 > 述职报告\n"
             "年度个人述职报告（精选8篇）\n"
             "1. 街道办副主任2025年述职报告\n"
             "一年来，本人在街道党工委的领导下，分管城市管理和安全生产工作，全年完成老旧小区改造12个……[阅读全文]\n"
             "2. 中学教务主任个人述职报告\n"
             "本学年我负责全校排课和考务工作，组织期中期末考试4次，未发生考务事故……[阅读全文]\n"
             "3. 供电所所长述职述廉报告\n"
             "任职以来，我带领全所职工完成线路改造36公里，但在廉洁自律方面还存在不足……[阅读全文]\n"
             "上一页 1 2 3 下一页")
# a township head's material whose excerpt ends cut off: one ellipsis, its own voice kept
MATERIAL = ("乡长个人对照检查材料\n"
            "一是调查研究不深入。下村多是听汇报、看材料，到困难群众家里坐下来拉家常少。\n"
            "二是工作作风不够扎实。对产业项目推进中的问题，我满足于开会部署，跟踪督办不够……")


def test_a_list_page_quotes_its_snippets_and_speaks_as_no_material():
    for text in (LIST_PAGE, "".join(LIST_PAGE.split("\n"))):  # in lines and pasted as one line
        spoken = voice(text)
        assert "本人" not in unquoted(text) and "存在不足" not in unquoted(text)
        assert spoken.own_work == 0 and spoken.confessions == 0
        assert not speaks_as("work_report", spoken) and not speaks_as("personal", spoken)
        assert _decide(text, work_report=0.6, personal=0.2, other=0.2) == "other"


def test_one_cut_off_sentence_is_no_list_page():
    assert unquoted(MATERIAL) == MATERIAL
    spoken = voice(MATERIAL)
    assert spoken.confessions >= 2
    assert _decide(MATERIAL, personal=0.7, other=0.3) == "personal"


# a 督导组's feedback letter to a bureau's 党组: the findings are the addressee's faults, announced as feedback
FEEDBACK = ("XX县农业农村局党组：\n"
            "按照县委统一部署，县委第三督导组于2025年3月对你局开展了专项督导。现将督导发现的问题反馈如下：\n"
            "一、理论学习方面\n"
            "1.党组理论学习中心组学习以传达文件为主，研讨发言准备不充分。\n"
            "2.调研报告质量不高，有的照搬乡镇汇报材料。\n"
            "二、作风建设方面\n"
            "3.对农户反映的补贴发放不及时问题回应慢，推诿扯皮现象仍然存在。")


def test_findings_announced_as_feedback_are_the_addressees_faults():
    spoken = voice(FEEDBACK)
    assert spoken.confessions == 0 and spoken.about_others >= 3
    assert _decide(FEEDBACK, collective=0.6, other=0.4) == "other"



# an employee's year-end essay: the year gone and the season of looking back (反省) are no work reported
YEAR_END_ESSAY = ("2024年一晃就过去了，又到年终总结反省的时候。回头看这一年，工作按部就班，守着老一套的办法，"
                  "谈不上什么提高。新的一年，我想逼自己一把，多学点新东西，改改安于现状的毛病。")


def test_looking_back_is_reflection_not_work_done():
    essay = voice(YEAR_END_ESSAY)
    assert essay.own_work == 0 and essay.reflective >= 1
    assert not speaks_as("work_report", essay)
    assert _decide(YEAR_END_ESSAY, work_report=0.5, personal=0.2, other=0.3) == "other"
