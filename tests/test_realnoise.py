"""Page furniture of real 范文/news/journal pages around a short material (issue 13): the furniture
is role ``noise`` with no style or summary on it, and every line of the material is kept.

The page lines are written for these tests in the shapes seen on public pages (a site name, a
section, a byline, a date stamp, journal metadata, widget bars, a source line), not copied from
any page."""
from __future__ import annotations

import pytest

from analyzer import Analyzer
from analyzer.noise import head_lines, inspect

MATERIAL = [
    "个人对照检查材料",
    "按照这次专题民主生活会的要求，我认真学习了有关文件，广泛听取了同志们的意见，现将个人对照检查情况报告如下。",
    "一、存在的问题",
    "在形式主义方面，去年下半年我到基层调研12次，有8次是提前打招呼、看安排好的点，听汇报多、进农户少，群众反映的饮水难问题拖了三个月才解决。",
    "在官僚主义方面，对科室报来的材料签字多、过问少，有两份惠民补贴的文件在我这里压了两周，耽误了发放。",
    "二、产生问题的原因",
    "根本原因是宗旨意识淡化了，把完成上级任务看得比群众的急难愁盼还重，满足于面上不出事。",
    "三、整改措施",
    "今后每月至少两次不打招呼到村里走访，群众反映的问题建立台账，一周内答复；涉及补贴的文件当天签批。",
]

PAGE_TOP = [
    "某某党建网",
    "党员园地",
    "首页 > 党建材料 > 民主生活会 > 正文",
    "2024-01-08 09:15 某某党建网",
    "收藏 分享 举报",
]
PAGE_BOTTOM = [
    "（责编：周某某）",
    "上一篇：某局党组班子对照检查材料 下一篇：整改清单范文",
    "下载本站APP客户端，随时随地看范文",
]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(kind="personal")


def _report(analyzer, lines):
    return analyzer.analyze("\n".join(lines), name="page.txt").to_dict()


def test_page_furniture_is_noise_and_the_material_is_kept(analyzer):
    report = _report(analyzer, PAGE_TOP + MATERIAL + PAGE_BOTTOM)
    paras = report["paragraphs"]
    by_text = {"".join(p["text"].split()): p for p in paras}  # normalisation joins 收藏 分享 举报
    for line in PAGE_TOP + PAGE_BOTTOM:
        p = by_text["".join(line.split())]
        assert p["role"] == "noise", (line, p["role"])
        assert not p.get("styles") and p.get("summary_like") is None
        assert p["evidence"]["noise"], line  # the cue that made it noise is shown
    kept = [p for p in paras if p["role"] != "noise"]
    assert [p["text"] for p in kept] == MATERIAL
    assert report["coverage"]["formalism"]["covered"] and report["coverage"]["bureaucratism"]["covered"]


def test_furniture_changes_no_judgement_of_the_material(analyzer):
    clean = _report(analyzer, MATERIAL)
    noisy = _report(analyzer, PAGE_TOP + MATERIAL + PAGE_BOTTOM)
    for cid, entry in clean["coverage"].items():
        assert noisy["coverage"][cid]["covered"] == entry["covered"], cid
    assert abs(noisy["depth"]["score"] - clean["depth"]["score"]) <= 5


@pytest.mark.parametrize("line, cue", [
    ("韩某某，李某", "署名"),
    ("某某县委办公室 王某某", "署名"),
    ("文/清风", "署名"),
    ("党员文章", "栏目"),
    ("【深入学习贯彻全会精神】", "栏目标签"),
    ("某某日报", "网站名"),
    ("2024年1月", "日期栏"),                   # a bare month above a blog post's title
    ("范文2019-03-08张老师", "日期栏"),         # category, ISO date and author glued together
])
def test_head_furniture_only_at_the_head_of_a_page(line, cue):
    assert any(c.startswith(cue) for c in inspect(line, head=True).cues)
    assert not inspect(line, head=False).line  # lower down it may be a signature or a short heading


@pytest.mark.parametrize("line", [
    "2021-04-25 10:46 某某学院",
    "某某时报 2019年03月27日",
    "2023-05-12 16:08:31 阅读 1024次",
    "某某大学学报 2020年第5期",
    "（某某大学 马克思主义学院，江苏 南京 210000）",
    "关键词：作风建设干部队伍基层治理",
    "〔中图分类号〕D26 〔文献标识码〕A",
    "据《某某晚报》",
    "字号变大 | 字号变小",
    "全媒体记者：王某 通讯员：李某",
    "下面是小编为大家整理的对照检查材料，希望能帮助到大家。",
    "（作者系某某市委党校教研部副主任）",
    "供 稿：某某街道党工委",
    "站点：某某党建网 | 网站：某某党建网 | 移动端：m.example.cn",
    "（阅读全部图文内容，您需要先登录！）",
    "已有3人发表了评论",
])
def test_furniture_shapes_anywhere(line):
    assert inspect(line).line, line


@pytest.mark.parametrize("line", [
    "2017年12月20日",                       # a document's own date
    "完成时限：2024-06-30",                 # a deadline in a rectification plan
    "会议时间：2024年6月20日",               # a field of meeting minutes
    "方案",                                  # a word, not a name
    "关键词：作风建设；干部队伍；基层治理",   # the paper's own keywords, with separators
    "一、存在的问题",
    "王某某",                                # a signature: not at the head, so kept
    "（涉及资金125000元，已于当月退回）",      # a sum in brackets is no affiliation
    "首页设计：围绕群众办事需求重新编排",      # 首页 as a word, with a colon
    "记者：怎样看待一些干部下基层走过场？",    # an interview question, not a reporter field
    "编辑：这份材料的问题部分要写到具体事例。",  # a labelled remark that is a sentence
])
def test_content_lines_are_not_furniture(line):
    assert not inspect(line).line, line


def test_head_ends_at_the_first_body_paragraph():
    lines = ["某某网", "个人对照检查材料", MATERIAL[1], "王某某"]
    assert head_lines(lines) == {0, 1}
    assert head_lines(["标题", "张某"]) == {0, 1}  # no body paragraph: every line is at the head


def test_runon_breaks_counts_the_line_breaks_a_one_line_paste_recovers():
    from training.realdocs import runon_breaks

    page = "\n".join(["某某党建网"] + MATERIAL) + "\n"
    row = {"id": "p1", "noise_lines": "0"}
    r = runon_breaks([row], {"p1": page})
    assert r["pages"] == 1 and r["breaks"] == len(MATERIAL) - 1
    # the numbered headings (一、 二、 三、) and the sentences after them are found again
    assert r["found"] >= 5 and r["cuts_at_break"] <= r["cuts"]
    assert runon_breaks([{"id": "p2", "noise_lines": ""}], {"p2": "短的一行\n第二行\n"})["pages"] == 0  # under three lines


# ---- a page pasted as one line: cuts no punctuation marks ---------------------------------

def _split(text: str) -> list[str]:
    from analyzer.segmenting import split_line

    return [text[a:b] for a, b in split_line(text, alone=True)]


@pytest.mark.parametrize("lines", [
    # a news title, a dateline, the report
    ["青山县委常委班子召开专题民主生活会", "青山日报5月8日讯5月8日上午，县委常委班子召开专题民主生活会，市委督导组到会指导。"
     "会上，县委书记代表常委班子作对照检查，班子成员逐一发言，开展批评和自我批评。"],
    # a guide's title and a definition that repeats its subject
    ["民主生活会的意义", "民主生活会是党内政治生活的重要形式，是领导班子开展批评和自我批评的重要平台。"
     "开好民主生活会，能够帮助班子成员查找不足、统一思想、增进团结。"],
    # a heading without end punctuation, the same repeated as a 范文 page does
    ["个人思想汇报范文（精选3篇）", "篇一：", "敬爱的党组织：",
     "近一个月来，我认真学习了党章和有关文件，对照党员标准查找了自己在学习和工作上的差距。"],
    # a plan's title, then its usual first words; a speech's salutation
    ["机关党支部专题组织生活会工作方案", "根据上级党组织的部署，支部将在本月下旬召开专题组织生活会，现制定如下方案。"],
    ["在支部主题党日上的发言", "各位同志：", "近日，我重读了党章，对照党员标准查找了自己在学习和工作上的差距。"],
    # a dated subtitle under a title
    ["关于加强机关作风建设的实施意见", "（2024年3月16日）",
     "为进一步转变机关作风、提高办事效率，结合本单位实际，提出如下意见。"],
])
def test_a_page_pasted_as_one_line_is_cut_at_its_unpunctuated_titles(lines):
    assert _split("".join(lines)) == lines


@pytest.mark.parametrize("text", [
    # a written material opens with its first sentence: no title cut inside it
    "我们坚持讲政治顾大局讲政治是第一位的要求，但我在学习上还有差距，理论学习不够系统，满足于读原文、记笔记，"
    "联系实际思考不够，在运用党的创新理论指导实践、推动工作上还有差距。",
    # 根据《…》 is no source line, and a date after 在 opens no paragraph
    "今年以来我在2023年5月10日，根据《中国共产党纪律处分条例》的规定，对分管领域的问题进行了梳理，"
    "发现制度执行不严、监督检查不到位等问题，已经逐项建立台账，明确了整改时限和责任人。",
])
def test_a_written_run_on_sentence_gets_no_page_cut(text):
    pieces = _split(text)
    assert all(p.endswith(("。", "，")) for p in pieces), pieces
