"""Web noise inside a run-on paste (issue 13): page furniture glued between the sentences of a
page pasted into one line is cut out whole as its own noise paragraph (offsets into the original
text), so that no furniture is judged and no sentence of the material is lost into it.

The page lines and the material are written for these tests in the shapes seen on 范文/news/journal
pages, not copied from any page, and differ from the templates of training/robustness.py."""
from __future__ import annotations

import pytest

from analyzer import Analyzer, ingest
from analyzer.noise import runs
from analyzer.pipeline import paragraphs

MATERIAL = [
    "某区教育局局长专题民主生活会个人对照检查材料",
    "按照区委的统一部署，我认真学习了规定篇目，通过座谈、个别谈心等方式征求了学校和家长的意见，现对照检查如下。",
    "一、存在的问题",
    "在形式主义方面，今年检查学校11次，有7次是看台账、听汇报，进课堂听课只有两次，老师们反映迎检材料越报越多。",
    "在官僚主义方面，家长反映的校车接送问题，我批转给科室后没有跟踪，拖了一个多学期才解决。",
    "二、产生问题的原因",
    "主要是宗旨意识有所淡化，习惯于坐在办公室里看材料、定事情，对基层的难处体会不深。",
    "三、整改措施",
    "今后每月至少到两所学校推门听课，校车问题由我牵头，月底前拿出方案并向家长公开。",
    "以上对照检查，请同志们批评指正。",
]

# furniture glued into the paste: (where it goes: before material line k, the furniture text)
FURNITURE = [
    (0, "您的位置：首页 › 工作总结 › 民主生活会 › 正文"),
    (0, "信息来源：某某教育网 发布者：佚名 更新时间：2024-02-03 08:15 浏览量：736"),
    (0, "教育园地"),
    (3, "点赞收藏分享"),
    (5, "免责声明：本站所发文章均来自网友投稿，如有侵权请联系删除。"),
    (7, "— 2 —"),
    (8, "展开全文"),
    (10, "（责编：李小红）"),
    (10, "以上内容由小编为您精心整理，希望能帮助到您。"),
    (10, "上一篇：学校党支部组织生活会发言提纲下一篇：教育系统作风建设心得体会"),
    (10, "通讯员：吴某某 摄影：郑某"),
]


def _norm(text: str) -> str:
    """``text`` as normalisation leaves it (a snippet with no Chinese, - 3 -, is normalised too)."""
    return ingest.from_text("中" + text).text[1:]


def _page() -> tuple[str, list[str]]:
    parts = []
    for k in range(len(MATERIAL) + 1):
        parts += [text for at, text in FURNITURE if at == k]
        if k < len(MATERIAL):
            parts.append(MATERIAL[k])
    return "".join(parts), [text for _, text in FURNITURE]


@pytest.fixture(scope="module")
def report():
    return Analyzer(kind="personal").analyze(_page()[0], name="page.txt")


def test_glued_furniture_is_noise_and_no_sentence_is_lost(report):
    source = ingest.from_text(_page()[0])
    judged = "".join(p.text for p in report.paragraphs if p.role != "noise")
    noise = "".join(p.text for p in report.paragraphs if p.role == "noise")
    for line in FURNITURE:
        bare = _norm(line[1])
        assert bare not in judged and bare in noise, line
    for line in MATERIAL:
        assert _norm(line) in judged, line  # every sentence kept whole
    for p in report.paragraphs:  # offsets into the normalised text, as for any paragraph
        assert source.text[p.start:p.end].strip() == p.text or p.role != "noise"
        if p.role == "noise":
            assert p.evidence["noise"], p.text


def test_glued_furniture_changes_no_judgement_of_the_paste(report):
    # the same paste without its furniture: the same paragraphs, roles and judgements
    pasted = Analyzer(kind="personal").analyze("".join(MATERIAL), name="pasted.txt")
    assert [(p.role, p.text) for p in report.paragraphs if p.role != "noise"] == \
        [(p.role, p.text) for p in pasted.paragraphs]
    for cid, entry in pasted.coverage.items():
        assert report.coverage[cid]["covered"] == entry["covered"], cid
    assert abs(report.depth["score"] - pasted.depth["score"]) <= 2


# a page pasted into one line: the furniture sits between long stretches of the material (a short
# line holding a furniture cue is furniture as a whole, by the line rules of analyzer.noise.inspect)
GLUE_BEFORE = "会上通报了全区作风建设的进展情况，对照群众反映的问题，班子成员逐一作了检查，查摆出会风文风、督查检查等方面的具体问题。"
GLUE_AFTER = "我们将把整改情况在全系统公开，接受群众监督，对整改不力的单位和个人严肃追责，确保问题整改到位、群众满意，切实以作风建设的新成效取信于民。"


@pytest.mark.parametrize("furniture", [
    "责任编辑：小王",
    "全媒体记者：钱某 通讯员：孙某某",
    "（编辑：郑某）",
    "来源：某某写作网 作者：佚名 发布时间：2023-05-12 浏览次数：1024",
    "版权所有 © 2012-2024 某某秘书网 All Rights Reserved 苏ICP备10001234号",
    "声明：本站部分内容来自网友投稿，如有侵权请联系删除。",
    "以上就是小编为大家带来的范文，希望对大家有所帮助。",
    "相关推荐：党员个人对照检查材料范文5篇",
    "下载全文（PDF版，可编辑）",
    "字号变大 | 字号变小",
    "收藏分享举报",
    "收藏 分享(赏)",
    "上传人：z***9 文档编号：3051127 上传时间：2023-04-25 格式：DOC 页数：3",
    "第2页 共4页",
    "- 3 -",
    "2022-11-08 16:20:05 阅读 318次",
    "某某行政学院学报 2021年第3期",
    "（某某大学公共管理学院，湖南长沙 410000）",
])
def test_each_furniture_shape_is_cut_out_whole(furniture):
    text = ingest.from_text(GLUE_BEFORE + furniture + GLUE_AFTER).text
    bare = _norm(furniture)
    found = [text[a:b] for a, b, _ in runs(text)]
    assert found == [bare], found
    spans = [(p.start, p.end, p.noise.line) for p in paragraphs(ingest.from_text(text))]
    kept = "".join(text[a:b] for a, b, line in spans if not line)
    assert kept == GLUE_BEFORE + GLUE_AFTER


@pytest.mark.parametrize("text", [
    # a material's own sentences: nothing in them is page furniture
    "有的干部热衷于在工作群里点赞评论，满足于留痕，问题整改不到位。",
    "整改措施：建立问题台账，完成时限：2024-06-30，由分管领导负责。",
    "统计区间为2023-01-01至2023-12-31，全年共受理群众来信126件。",
    "据《人民日报》报道，一些地方仍存在文山会海问题，我们也要对照检查。",
    "关键词：作风建设；干部队伍；基层治理",
    "记者：怎样看待一些干部下基层走过场？",
    "2020年12月25日18:00于党员活动室召开了专题组织生活会，全体党员参加。",
    "本站职工普遍反映加班多，我对这个问题重视不够。",
    "会议由党支部书记王某某主持，班子成员逐一发言。",
])
def test_a_materials_sentences_hold_no_runs(text):
    text = ingest.from_text(text * 3).text  # a run-on line
    assert runs(text) == []


def test_a_line_that_is_furniture_as_a_whole_is_left_to_the_line_rules():
    # the noisy shape (one furniture line per line) keeps its whole lines as noise paragraphs
    for line in ["下载某某范文网客户端，随时随地看范文", "您的位置：主页 › 公文写作 › 正文", "发言稿2018-12-09王某老师"]:
        assert runs(ingest.from_text(line).text) == []


def test_a_speakers_name_after_a_stamp_is_kept():
    text = ingest.from_text("2017-03-05 13:47:31黄某某：今年的工作要抓好落实。").text
    assert [text[a:b] for a, b, _ in runs(text)] == ["2017-03-05 13:47:31"]


def test_runon_noise_counts_glued_furniture_judged_and_material_lost():
    from training.realdocs import runon_noise

    page = "\n".join([FURNITURE[1][1]] + MATERIAL + [FURNITURE[4][1], FURNITURE[-1][1]]) + "\n"
    row = {"id": "p1", "noise_lines": f"0;{len(MATERIAL) + 1};{len(MATERIAL) + 2}"}
    r = runon_noise([row], {"p1": page})
    assert r["pages"] == 1 and r["noise_lines"] == 3 and r["content_lines"] == len(MATERIAL)
    assert r["noise_judged"] == 0 and r["content_lost"] == 0, r["examples"]


def test_one_paragraph_noisy_dev_split_judges_no_furniture():
    from training.robustness import evaluate, test_documents

    r = evaluate(test_documents(split="dev"), shapes=("one_paragraph_noisy",))["one_paragraph_noisy"]
    assert r["noise_lines"] > 200
    assert r["noise_lines_judged"] == 0 and r["noise_paragraphs_with_material_text"] == 0, r
