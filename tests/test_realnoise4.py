"""Fourth round of page furniture (issue 13): rules told by a line's form rather than by one site's
strings, so that they hold on sites never seen — a row of counters, a metadata panel's field, a
medium's name before its widget words, the site's greeting, one phrase repeated, a credit bracket, a
journal's issue line, authors' notes run together, a newspaper's dateline. Written headings, measure
lines, a document's own fields and numbered parts stay content.

Every line here is written for these tests in the shapes seen on public pages; none is copied."""
from __future__ import annotations

import pytest

from analyzer import Analyzer
from analyzer.noise import inspect, runs


@pytest.mark.parametrize("line, cue", [
    ("- 帖子数58", "计数栏"),                          # a forum's profile side bar
    ("关注(12)|粉丝(3)", "计数栏"),
    ("点个赞吧! (88)", "计数栏"),
    ("加入书架 · 2047", "计数栏"),
    ("站点代码:41023", "计数栏"),
    ("- 在线时长15小时", "计数栏"),
    ("• 索引号：", "页面字段"),                         # a government page's metadata panel
    ("• 主题分类：", "页面字段"),
    ("类别：社会", "页面字段"),                         # a novel site's book card
    ("状态：连载", "页面字段"),
    ("收藏人：晓风12", "页面字段"),
    ("某某晚报客户端", "页面按钮"),                     # a medium's name before its widget words
    ("某某报官方微信", "页面按钮"),
    ("欢迎访问某某公文网", "欢迎语"),
    ("欢迎来到某某秘书网！", "欢迎语"),
    ("《某某大学学报》,2019年03期。", "刊期"),
    ("王建国,某某大学马克思主义学院教授;李晓梅,某某大学公共管理学院博士研究生。", "作者简介"),
    ("（宣传部）", "署名"),                            # a unit's credit closing a news item
    ("（李明撰稿）", "署名"),
    ("作风建设作风建设作风建设作风建设作风建设作风建设", "重复串"),   # a tag cloud
    ("述职报告篇1述职报告篇2述职报告篇3述职报告篇4", "重复串"),       # links to one title
])
def test_furniture_told_by_its_form(line, cue):
    found = inspect(line)
    assert found.line and any(c.startswith(cue) for c in found.cues), (line, found.cues)


@pytest.mark.parametrize("line", [
    "2021年05月12日 星期三",                         # a newspaper's dateline
    "某某新闻·某某晚报记者 王晓明",                   # a reporter after the medium's name
])
def test_head_furniture_told_by_its_form(line):
    assert inspect(line, head=True).line, line


@pytest.mark.parametrize("line", [
    "一、存在的问题",
    "（三）加强学习。",
    "附件1",                                         # a document's numbered parts are not counters
    "问题3",
    "第2条",
    "2.1 形式主义",
    "同志们：",
    "各系(室):",
    "会议时间：2023年3月1日",                         # a document's own fields
    "责任人：王某",
    "完成时限：2024年6月底",
    "联系电话：1234567",                             # a document's contact number is not a counter
    "合计\t35",                                      # nor a table's total
    "参会人数：28",
    "浏览量统计表",
    "组 长:党委书记李某",
    "学院成立新闻宣传工作领导小组：",
    "国务院的二维码",                                 # a title, not a medium's widgets
    "（发言完毕）",
    "某某县委书记王建国",                             # a speaker's line of an interview
    "省委党校副教授罗某某",
    "生物学院党委总结研讨年度宣传工作",               # a title of short words
    "我国乡镇机构的改革历程",
    "批评和自我批评是我们党的优良作风，批评和自我批评要经常开展。",  # a phrase twice in a sentence
])
def test_content_lines_stay_content(line):
    assert not inspect(line).line, (line, inspect(line).cues)
    assert not inspect(line, head=True).line or line in ("某某县委书记王建国",), (line, inspect(line, head=True).cues)


_BODY = ("同志们，今天我们召开这次会议，主要是总结上半年的工作，查找存在的不足，研究部署下半年的重点任务。"
         "希望大家结合各自分工，认真抓好落实，确保各项任务按时保质完成。"
         "对工作中发现的问题，要建立台账，明确责任人和完成时限，逐项销号，决不能搞形式、走过场。")


@pytest.mark.parametrize("text, piece", [
    ("给机关的一封信- 发帖85- 精华0- 金币61- 威望96本文评论的重点是机关的作风问题。", "发帖85- 精华0- 金币61- 威望96"),
    ("会后大家纷纷表示要狠抓整改落实。(图/王晓明 文/李晓梅 审/赵刚)", "(图/王晓明 文/李晓梅 审/赵刚)"),
    ("欢迎访问某某范文网准备充分的领导讲话稿" + _BODY, "欢迎访问某某范文网"),
    ("某某报官方微信2017年03月15日星期三深化改革的新举措", "2017年03月15日星期三"),
    ("当前位置: 某某范文网 > 专题范文 > 公文范文 >在局党组读书班上的发言" + _BODY, "当前位置: 某某范文网 > 专题范文 > 公文范文 >"),
])
def test_glued_furniture_is_cut_out_whole(text, piece):
    found = [text[a:b].strip() for a, b, _ in runs(text)]
    assert piece in found, found


@pytest.mark.parametrize("text", [
    "会议定于2023年3月1日（星期三）上午九时召开，请各支部书记准时参加。",   # a meeting's date stays
    "全年发展党员12名，培训入党积极分子35人，召开组织生活会4次。",
    "调研组于今年5月至6月深入12个乡镇、48个村进行了实地调研，现将调研情况报告如下。",
    "会议时间：2025年1月20日（星期一）上午8:30，地点：局三楼会议室，请准时参加。",
    "第一季度完成35项第二季度完成40项第三季度完成50项，全年任务过半。",
])
def test_glued_rules_leave_sentences_whole(text):
    assert runs(text) == [], runs(text)


def test_a_forum_page_keeps_only_its_post():
    page = "\n".join([
        "-", "UID:20481", "- 注册时间2015-04-02", "- 发帖62", "- 精华1", "- 威望30", "关注(2)|粉丝(5)",
        "- 认证:", "- 发帖数:", "|",
        "说说会议多的问题",
        "我们单位的会议确实太多，有的会议一开就是半天，真正解决问题的却很少，这就是形式主义的表现。",
    ])
    report = Analyzer().analyze(page, name="forum.txt").to_dict()
    roles = [(p["text"], p["role"]) for p in report["paragraphs"]]
    assert all(role == "noise" for text, role in roles if "会议" not in text), roles
    assert any(role != "noise" and "形式主义" in text for text, role in roles), roles
