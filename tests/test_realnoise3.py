"""Third round of page furniture from real pages (issue 13): newspaper-archive and document-sharing
metadata, reader toolbars, forum side bars, publisher lines, empty credit lines and disclaimers are
noise; a title that carries a page mark or spaced scraping characters keeps its words.

Every line here is written for these tests in the shapes seen on public pages; none is copied."""
from __future__ import annotations

import pytest

from analyzer import Analyzer
from analyzer.noise import head_lines, inspect


@pytest.mark.parametrize("line", [
    "2003年4月8日某某晚报 第5版",            # a newspaper archive's page line
    "第3版()",
    "栏目：",                                 # a label left empty
    "- 12页",                                 # a document-sharing page's page count
    "（文/ 图/ 摄影/ ）",                      # a credit line with no names filled in
    "某某市委宣传部 http://www.example.gov.cn/ 2019-03-02 10:20:11 【阅读】",
    "某某区政府办公室 2021-07-15 08:30:02 【打印】",
    "分享到： | 更多 |",
    "关灯 护眼 巨大 直达底部",                 # a novel reader's toolbar
    "正文复制",
    "您当前的位置：某某党建网 >> 基层动态",
    "用手机扫描二维码访问本页",
    "双击屏幕即可自动滚动",
    "版权说明：本文档由用户提供并上传，若有侵权请联系处理",
    "申明敬告：本站不保证上传文档的完整性，下载前请预览",
    "论坛声明：本帖内容只代表发帖人观点",
    "出版日期：1998年3月2日",
    "某某日报官方网站 | 某某网首页 今天是",
    "违法和不良信息举报电话：12377",
    "文档介绍",
    "• 积分：",
    "• 经验值：520",
    "第06版:地方新闻 PDF版阅读",            # an e-paper's edition line
    "合集下载",
    "《某某制度汇编.docx》由会员分享，可在线阅读，更多相关内容请在本站搜索。",
    "- 格式:PDF",                             # a document-sharing site's file details
    "- 大小:18.5KB",
    "（赵某）",                               # a reporter's name closing a news item
    "1.某某大学 马克思主义学院,兰州730000;2.某某研究院,北京100081",  # affiliations without brackets
    "[编辑]这是一篇关于某地的小作品，您可以通过编辑或修订扩充其内容。",
    "请安装我们的客户端",
    "下载APP",
    "搜索 繁体",
    "当前位置：",                              # a trail label whose trail was lost
    "某某网来稿打印纠错投稿须知投稿",
    "• 约3.2千字",
    "撰稿人：刘晓明",
    "（图/文：赵丽|初审：郭峰复审：刘晓明终审：赵丽）",  # a newsroom's review credits
])
def test_more_furniture_shapes_anywhere(line):
    assert inspect(line).line, line


@pytest.mark.parametrize("line, cue", [
    ("• 刘晓明", "署名"),                      # a side bar's author item
    ("赵丽 郭峰", "署名"),                     # two names, the space taken out by normalisation
    ("某某书屋", "网站名"),
    ("青年之页", "栏目"),                      # a newspaper's page name
    ("新华社记者 赵丽 郭峰", "署名"),           # a wire byline under a title
])
def test_head_furniture_of_side_bars_and_archives(line, cue):
    assert any(c.startswith(cue) for c in inspect(line, head=True).cues), inspect(line, head=True).cues
    assert not inspect(line, head=False).line


@pytest.mark.parametrize("line", [
    "会议日期：2024年3月5日",                  # minutes: 日期 alone is no publishing field
    "二是开设廉政专栏：每月一期，由纪检委员负责",
    "对群众反映的问题有时以不属于职责范围为由不予受理，推给其他部门。",
    "我们在支部微信群里分享更多学习资料，但讨论很少。",
    "工作取得了巨大成绩，但关注群众需求不够。",
    "2023-06-30 14:00 召开支部委员会",          # a time and a meeting, no 【阅读】 button
    "第2版《党章》学习辅导读本已发到各支部",
    "- 完善制度：每月一次集中学习",             # a list dash of a material, no file details
    "格式：按照上级统一模板填写",
    "初审通过后报党委审定",
    "约3页的材料要在会前印发",
    "记者：怎样看待一些干部下基层走过场？",
])
def test_content_lines_stay_content(line):
    assert not inspect(line).line, line


def test_a_wiki_edit_link_is_cut_from_its_paragraph():
    text = "[编辑]“四风”一词在2013年提出，指形式主义、官僚主义、享乐主义和奢靡之风。"
    found = inspect(text)
    assert not found.line and found.clean(text) == text[4:]


def test_a_page_mark_after_a_title_is_cut_not_the_title():
    found = inspect("第十二章支部会议1(第2页)")
    assert not found.line
    assert found.clean("第十二章支部会议1(第2页)") == "第十二章支部会议1"


def test_spaced_scraping_characters_are_cut_from_a_title():
    text = "述职报告的写法+ Q7 R- K: M/ T3 P8 X"
    found = inspect(text)
    assert not found.line  # a breadcrumb needs Chinese in every part: R- K: M/ is no trail
    assert found.clean(text) == "述职报告的写法"
    assert not inspect("Win10 and iPad 3 or 4 of us").spans  # words and numbers are no scraping token


def test_a_title_with_commas_does_not_end_the_head():
    lines = ["民主评议党员，批评与自我批评——某某学院第三党支部召开民主生活会",
             "• 刘晓明",
             "2018年5月25日下午，某某学院第三党支部召开民主生活会，支部全体党员参加，会议由支部书记主持。"]
    assert head_lines(lines) == {0, 1}
    disclaimer = "论坛声明：本帖由网友上传，只代表网友个人观点，转帖请注明作者及出处，谢谢合作与理解。"
    assert head_lines(["某某论坛", disclaimer, "• 刘晓明", lines[2]]) == {0, 1, 2}  # furniture is no body


def test_side_bar_and_archive_lines_are_not_judged():
    page = ["1998年3月2日某某日报 第4版", "专栏：", "关灯 护眼 巨大 直达底部",
            "个人对照检查材料",
            "在形式主义方面，我去年到基层调研9次，有6次是提前安排好的点，听汇报多、进农户少，群众反映的道路问题拖了两个月。",
            "今后每月至少两次不打招呼到村里走访，群众反映的问题一周内答复。"]
    report = Analyzer(kind="personal").analyze("\n".join(page), name="page.txt").to_dict()
    roles = [p["role"] for p in report["paragraphs"]]
    assert roles[:3] == ["noise"] * 3
    assert "noise" not in roles[3:] and len(roles) == len(page)


# ---- a page pasted as one line --------------------------------------------------------------

BODY = ("按照上级党组织的部署，我们认真开展了专题学习，对照党章党规查找了班子在作风方面的差距，"
        "梳理出具体问题十二条，逐条明确了整改措施和完成时限，现将有关情况报告如下。"
        "班子成员逐一谈心谈话，征求到基层党员群众的意见建议三十多条，归纳为四个方面，已经全部反馈到人。")  # a paste: over 120


def _runs(text):
    from analyzer.noise import runs

    return [text[a:b] for a, b, _ in runs(text)]


@pytest.mark.parametrize("glued, title", [
    ("手机版2 2 2", "关于改进机关作风的几点思考"),          # a widget bar and its counters before the title
    ("APP下载", "某某镇党委班子对照检查材料"),
    ("购物车我的足迹", "在全镇党员培训会上的党课讲稿"),
])
def test_a_widget_bar_glued_before_the_title_is_cut(glued, title):
    assert _runs(glued + title + BODY)[0] == glued


def test_a_widget_word_that_opens_a_title_stays():
    assert _runs("收藏家协会党支部对照检查材料" + BODY) == []
    assert _runs("正文复制2023年度某某局工作总结" + BODY) == ["正文复制"]  # 2023年 is the title's


@pytest.mark.parametrize("glued", [
    "时间:2022-05-14 09:10:00",                               # a publishing time with seconds
    "发(fā)表时(shí)间:2013-10-27 来(lái)源:新华社",            # fields read through pinyin glosses
    "【信息来源:【信息时间:2024-03-15 07:31 阅读次数: 】【字号】【我要打印】【关闭",  # labels left empty
    "来源:某某县委组织部时间:2025-10-20字号:[][][]",
    "您当前的位置 : 某某市委社会工作部 >> 基层动态",            # a trail that ends at a column, not at 正文
])
def test_glued_publishing_furniture_is_cut_whole(glued):
    text = "关于开展作风建设专项检查的情况通报" + glued + BODY
    assert _runs(text) == [glued]


@pytest.mark.parametrize("text", [
    "整改措施：" + BODY + "完成时间:2024-06-30。",               # a deadline
    "会议日期:2024-03-05，地点:三楼会议室，参加人员为全体党员。" + BODY,  # minutes
])
def test_dates_of_a_material_are_not_publishing_stamps(text):
    assert _runs(text) == []


@pytest.mark.parametrize("glued", [
    "第06版:地方新闻 PDF版阅读",                      # an e-paper's page bar before the title
    "文档编号:1234567- 上传时间:2023-02-02- 格式:DOCX- 页数:16- 大小:66.98KB",  # file details with dashes
])
def test_more_glued_furniture_is_cut_whole(glued):
    assert _runs(glued + "关于开展作风建设专项检查的情况通报" + BODY)[0] == glued


def test_bylines_glued_to_the_body_at_the_head_are_cut():
    wire = _runs("风清气正靠什么，全在以上率下新华社记者赵丽郭峰领导干部的作风直接关系党风。" + BODY)
    assert wire == ["新华社记者赵丽郭峰"]
    after_stamp = _runs("论党性修养的五条路径发布时间:2024-08-27 09:33:44 浏览次数:97刘晓明党性是立身之本。" + BODY)
    assert after_stamp == ["发布时间:2024-08-27 09:33:44 浏览次数:97刘晓明"]
    tags = _runs("城市社区治理研究2024-01-02 08:28某某学刊 2023年12期关键词:居民党组织基层刘晓明党的二十大报告提出，要加强社区党建。" + BODY)
    assert tags[0].endswith("关键词:居民党组织基层刘晓明")  # the tags end at the author's name, not in the body


@pytest.mark.parametrize("title", ["刘晓明同志个人对照检查材料", "刘晓明在专题民主生活会上的发言"])
def test_a_name_opening_a_title_is_no_byline(title):
    assert _runs(title + BODY) == []


def test_author_notes_and_ranked_affiliations_are_noise():
    assert inspect("王某某(1980- ),女,河北保定人,某某大学马克思主义学院讲师,主要从事党建理论研究。").line
    assert inspect("(某某市党建研究中心特约研究员)").line
    assert not inspect("（涉及资金125000元，已于当月退回）").line


def test_a_site_name_glued_to_its_widget_bar_goes_with_it():
    text = "抵制享乐主义要强化制度约束和社会监督某某党员网打印纠错微信扫一扫" + BODY
    assert _runs(text) == ["某某党员网打印纠错微信扫一扫"]  # not 社会监督, which is the title's


def test_a_byline_with_an_honorific_after_a_stamp():
    assert _runs("关于讲政治的专题讨论发言稿2018-12-09王华老师" + BODY) == ["2018-12-09王华老师"]


def test_a_title_with_a_byline_glued_on_is_not_a_byline():
    assert not inspect("整改要有“真辣味”某某镇人民政府刘晓明", head=True).line
    assert inspect("某某镇人民政府 刘晓明", head=True).line


def test_a_signature_line_is_never_cut_as_a_byline():
    assert _runs("张某某 2014年7月") == []
    assert _runs("刘晓明赵丽 2024年1月") == []


@pytest.mark.parametrize("heading, sub", [
    ("一、被查问题的类型分析", "（一）政治建设方面存在的突出问题"),
    ("（一）党组书记落实整改工作情况", "1.强化责任担当，切实提高政治站位。"),
])
def test_a_first_sub_heading_right_under_a_heading_is_cut(heading, sub):
    from analyzer.segmenting import split_line

    text = "现将有关情况报告如下：" + heading + sub + BODY + BODY
    cuts = {a for a, _ in split_line(text, alone=True)}
    assert len("现将有关情况报告如下：" + heading) in cuts


def test_a_readers_letter_opens_after_its_title():
    from analyzer.segmenting import split_line

    text = "请少打扰基层编辑同志：最近，某企业一上午接待了八批上级机关来人，负责人忙于接待汇报，正常工作顾不上。"
    assert [text[a:b] for a, b in split_line(text, alone=True)][0] == "请少打扰基层"


def test_a_trail_ends_at_its_last_column_not_before_it():
    text = "首页 | 新闻中心 | 部门动态某某局召开年度中层干部述职测评会时间：2024-01-16 11:20 " + BODY
    assert _runs(text)[0] == "首页 | 新闻中心 | 部门动态"  # the title after it is the page's
    assert not any(r.startswith("首页 > 党建园地") and not r.endswith("民主生活会")
                   for r in _runs("首页 > 党建园地 > 民主生活会" + BODY))


def test_a_disclaimer_closing_a_pasted_page_goes_whole():
    assert _runs(BODY + "免责声明：本站部分内容来自网络")[-1] == "免责声明：本站部分内容来自网络"


def test_a_document_label_left_empty_is_content():
    assert not inspect("分类：").line  # a list's own label
    assert inspect("栏目：").line
