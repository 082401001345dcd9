"""What a new user found trying drafts of every shape (issue 13): a bare denial is not a work
summary; a category heading answered 无/暂无 denies its category; …"""
from __future__ import annotations

import pytest

from .conftest import GOOD

EXTRAVAGANCE = ("（四）奢靡之风方面\n公务接待把关不严。2013年上级检查组来局调研，我同意在酒店安排了超标准接待，"
                "人均超出标准80元；局办公楼装修时，我的办公室面积超出规定6平方米。\n")


def _with_extravagance(replacement: str) -> str:
    assert EXTRAVAGANCE in GOOD
    return GOOD.replace(EXTRAVAGANCE, replacement)


@pytest.mark.parametrize("denial", ["（四）奢靡之风方面\n经认真对照，奢靡之风方面本人没有发现明显问题。\n",
                                    "（四）奢靡之风方面\n在这方面没有发现明显问题。\n",
                                    "4.奢靡之风方面。在这方面没有发现明显问题。\n"])
def test_a_bare_denial_is_a_denial_not_a_work_summary(analyzer, denial):
    r = analyzer.analyze(_with_extravagance(denial))
    k = next(p.index for p in r.paragraphs if "没有发现明显问题" in p.text)
    assert r.coverage["extravagance"]["denied"] == [k]
    assert k not in r.summary_like["paragraphs"] and r.paragraphs[k].summary_like < 0.1


def test_a_compliance_report_in_place_of_an_examination_still_reads_like_a_duty_report(analyzer):
    report = ("（四）奢靡之风方面\n本人严格遵守中央八项规定，公务接待、公务用车、办公用房均符合规定标准，"
              "从未参与公款吃喝，在奢靡之风方面不存在问题。\n")
    r = analyzer.analyze(_with_extravagance(report))
    k = next(p.index for p in r.paragraphs if "严格遵守" in p.text)
    assert k in r.summary_like["paragraphs"]


@pytest.mark.parametrize("heading", ["奢靡之风：无\n", "（四）奢靡之风方面：无。\n", "4.奢靡之风方面：暂无\n",
                                     "（四）奢靡之风方面存在的问题：没有。\n"])
def test_a_category_heading_answered_none_denies_the_category(analyzer, heading):
    entry = analyzer.analyze(_with_extravagance(heading)).coverage["extravagance"]
    assert not entry["covered"] and entry["denials"][0]["text"].startswith(heading.strip()[:3])
    assert entry["note"].startswith("作者否认")


def test_a_bare_category_heading_or_one_answered_yes_denies_nothing(analyzer):
    from analyzer.resources import load_rubric
    from analyzer.coverage import PatternMatcher

    matcher = PatternMatcher(load_rubric("four-styles"), analyzer.matcher.denials)
    for heading in ("（四）奢靡之风方面", "形式主义方面：有", "二、享乐主义方面存在的问题"):
        assert not any(s.denied for s in matcher.sentences([heading])[0]), heading


def test_a_markdown_draft_reads_its_headings_without_the_markup(analyzer, tmp_path):
    from analyzer import ingest

    path = tmp_path / "张伟-对照检查.md"
    path.write_text("# XX县水利局局长个人对照检查材料\n\n"
                    "根据县委统一部署，会前我认真学习了规定篇目，征求意见23条。现将个人对照检查情况报告如下。\n\n"
                    "## 一、存在的问题\n\n"
                    "**（一）形式主义方面。** 今年以来我主持召开的局务会、推进会共48次，有的会议以会议落实会议。\n\n"
                    "- 去年全年我下基层调研只有11次，有一次到城关镇查看防汛工程，只在堤坝上看了半小时就回城。\n\n"
                    "---\n\n**\n- \n## 三、整改措施 ##\n\n"
                    "2014年10月底前，每月下基层不少于4天，办公室建立调研台账。\n\n> 恳请同志们批评指正。\n", encoding="utf-8")
    source = ingest.read_path(path)
    texts = source.paragraph_texts()
    assert texts == ["XX县水利局局长个人对照检查材料",
                     "根据县委统一部署，会前我认真学习了规定篇目，征求意见23条。现将个人对照检查情况报告如下。",
                     "一、存在的问题", "（一）形式主义方面。今年以来我主持召开的局务会、推进会共48次，有的会议以会议落实会议。",
                     "去年全年我下基层调研只有11次，有一次到城关镇查看防汛工程，只在堤坝上看了半小时就回城。",
                     "三、整改措施", "2014年10月底前，每月下基层不少于4天，办公室建立调研台账。", "恳请同志们批评指正。"]
    raw = path.read_text(encoding="utf-8")
    for a, b in source.paragraphs:  # every character maps back to the same character of the file
        assert all(raw[source.offsets[i]] == source.text[i] for i in range(a, b))
    roles = [p.role for p in analyzer.analyze_path(path).paragraphs]
    assert roles[2] == roles[5] == "heading"
    # a .txt keeps what it holds: a dash or a # there is the author's
    assert ingest.from_text("## 一、存在的问题\n- 去年全年我下基层调研只有11次。").paragraph_texts()[0] == "## 一、存在的问题"


def test_a_run_on_paste_keeps_the_opening_bracket_with_its_heading(analyzer):
    text = ("XX镇党委书记个人对照检查材料 根据镇党委安排，会前我征求意见18条，与班子成员逐一谈心。现将个人对照检查情况报告如下。"
            "【一、存在的问题】一是调研不深入。去年我下村调研只有9次，有3个村一次也没去过，群众反映的饮水问题拖了半年没解决。"
            "二是文山会海。全年镇里召开各类会议52次，有的会议以会议落实会议。"
            "【二、产生问题的原因】理想信念有所松懈，宗旨意识淡化，对群众的疾苦感受不深。"
            "【三、整改措施】今年6月底前，我每月下村不少于4天，建立群众诉求台账，逐件销号。恳请同志们批评指正。")
    paragraphs = analyzer.analyze(text).paragraphs
    assert not any(p.text.strip() in "【〔[" for p in paragraphs)
    headings = [p.text for p in paragraphs if p.role == "heading"]
    assert headings[1:] == ["【一、存在的问题】", "【二、产生问题的原因】", "【三、整改措施】"]


def test_a_personal_material_is_not_charged_for_measures_without_owners(analyzer):
    text = (GOOD.replace("由我本人带队，办公室建立调研台账", "建立调研台账").replace("由办公室主任负责，", "")
            .replace("接受纪检组监督", "主动接受监督"))
    depth = analyzer.analyze(text).depth
    assert depth["kind"] == "personal"
    assert not any("责任人" in d["reason"] for d in depth["deductions"])
    assert not any("责任人" in n for n in depth["notes"])


WORK_REPORT = """2023年度个人述职报告
今年以来，在县委的坚强领导下，我带领全镇干部群众攻坚克难，各项工作取得了新成效。现将履职情况报告如下。
一、主要工作
全镇完成地区生产总值18.6亿元，同比增长7.2%；新引进项目12个，总投资9.3亿元。
新建农村公路32公里，改造危房146户，医保参保率达到98.5%。
二、存在的问题
一是工作标准还不够高，有的工作满足于完成任务，精益求精不够。
二是创新意识有待加强，招商引资办法不多，项目储备不足。
{opening}，我将坚持问题导向，聚焦全年目标任务，抓项目、促发展、惠民生，推动全镇各项工作再上新台阶。
"""


@pytest.mark.parametrize("opening", ["下一步", "明年", "今后"])
def test_a_closing_plan_of_a_work_report_is_no_problem(analyzer, opening):
    report = analyzer.analyze(WORK_REPORT.format(opening=opening))
    assert report.kind["id"] == "work_report"
    assert report.paragraphs[-1].role in ("measure", "closing")
    assert report.paragraphs[-2].role == "problem"


def test_a_pdf_paragraph_that_swallowed_the_next_heading_is_split_there(analyzer):
    """A PDF's layout joined the end of the causes and the measures' run-in heading into one
    paragraph (二、… | 三、整改措施。今后我将…): 三、 follows the 二、 that opens the line."""
    lines = ["XX镇党委副书记个人对照检查材料",
             "一、存在的问题。一是调研不深入。去年我下村调研只有9次，有3个村一次也没去过，群众反映的饮水问题拖了半年没解决。"
             "二是文山会海，全年镇里召开各类会议52次，有的会议以会议落实会议。",
             "二、产生问题的原因。理想信念有所松懈，放松了主观世界改造，宗旨意识淡化，对群众的疾苦感受不深，党性修养放松，"
             "对中央八项规定的严肃性认识不足。三、整改措施。今后我将坚持每月下村不少于4天，6月底前把3个没去过的村走遍，"
             "建立群众诉求台账，逐件销号。",
             "恳请同志们批评指正。"]
    paragraphs = analyzer.analyze("\n".join(lines)).paragraphs
    plan = next(p for p in paragraphs if p.text.startswith("今后我将"))
    assert plan.role == "measure"
    assert next(p for p in paragraphs if p.text.startswith("二、")).text.endswith("认识不足。")
