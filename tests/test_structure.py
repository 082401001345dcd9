"""Headings, sections and roles on the three layouts real materials use."""
from __future__ import annotations

import pytest

from analyzer.structure import (NUMBERING, feature_rows, layout, looks_like_heading, numbering, paragraph_features,
                                section_class)

from .conftest import GOOD, WORK_SUMMARY


@pytest.mark.parametrize("line,style", [
    ("一、存在的主要问题", "cn"), ("（一）形式主义方面", "paren_cn"), ("(二)官僚主义方面", "paren_cn"),
    ("1.理论学习不够深入", "arabic"), ("2、调研不深", "arabic"), ("（1）会议多", "paren_arabic"),
    ("①文山会海", "circled"), ("第一，学习不够", "ordinal"), ("首先，理想信念有所动摇", "ordinal"),
    ("一是文山会海问题突出", "shi"), ("2014年以来召开会议48次", "none"), ("1.5亿元的项目", "none"),
])
def test_numbering_styles(line, style):
    assert numbering(line)[0] == style


def test_numbering_is_the_first_style_whose_pattern_matches():
    def in_turn(text):
        for style, level, pattern in NUMBERING:
            m = pattern.match(text)
            if m:
                return style, level, text[m.end():].lstrip()
        return "none", 0, text

    lines = [*GOOD.splitlines(), *WORK_SUMMARY.splitlines(), "一、 二是", "1、2.3万元", "（1）（一）", "①1.", "一是，",
             "第一是落实", "十一、", "10.", "（十二）", "首先是", "一，首先", "(3)", "12、"]
    found = {numbering(line)[0] for line in lines}
    assert {"cn", "paren_cn", "arabic", "paren_arabic", "circled", "ordinal", "shi", "none"} <= found
    assert [numbering(line) for line in lines] == [in_turn(line) for line in lines]


def test_heading_versus_numbered_content():
    assert looks_like_heading("一、存在的主要问题")
    assert looks_like_heading("（四）奢靡之风方面")
    assert looks_like_heading("整改措施")           # unnumbered section label
    assert looks_like_heading("学习体会", hinted=True)  # bold-only or heading-styled docx line
    assert not looks_like_heading("一是文山会海问题突出。今年以来召开会议48次。")
    assert not looks_like_heading("（一）形式主义方面。一是会议多，以会议落实会议，今年以来召开会议48次，发文96件。")
    assert section_class("二、产生问题的原因") == "cause"
    assert section_class("一、上年度民主生活会整改落实情况") == "summary"
    assert section_class("三、努力方向和整改措施") == "measure"


def test_sections_nest_by_level():
    texts = [p for p in GOOD.splitlines() if p.strip()]
    lay = layout(texts)
    top = [(s.title, s.cls) for s in lay.sections if s.level == 1]
    assert top == [("一、存在的主要问题", "problem"), ("二、产生问题的原因", "cause"), ("三、整改措施", "measure")]
    sub = [s.title for s in lay.sections if s.level == 2]
    assert sub == ["（一）形式主义方面", "（二）官僚主义方面", "（三）享乐主义方面", "（四）奢靡之风方面"]
    assert lay.sections[0].heading == 0 and lay.sections[0].level == 0  # the title


def _roles(analyzer, text):
    return [p.role for p in analyzer.analyze(text).paragraphs]


def test_roles_problem_cause_measure_layout(analyzer):
    roles = _roles(analyzer, GOOD)
    assert roles[0] == "heading" and roles[1] == "preamble" and roles[-1] == "closing"
    texts = [p for p in GOOD.splitlines() if p.strip()]
    for i, t in enumerate(texts):
        if t.startswith(("一是文山会海", "二是调研", "群众办事难", "精神懈怠", "公务接待把关")):
            assert roles[i] == "problem", t
        if t.startswith(("一是理想信念", "二是宗旨意识", "三是政绩观")):
            assert roles[i] == "cause", t
        if t.startswith(("一是2014年", "二是压缩会议", "三是公务接待严格")):
            assert roles[i] == "measure", t


def test_roles_interleaved_by_style(analyzer):
    text = """XX公司党委书记个人对照检查材料
一、形式主义方面
存在问题：会议多、材料多，今年以来我主持召开各类会议52次，很多会议议而不决，以会议落实会议。
原因分析：主要是政绩观出现偏差，热衷于搞形式、做表面文章，党性修养有所放松。
整改措施：2014年底前公司会议压缩三分之一，由党委办公室负责统计通报。
二、官僚主义方面
存在问题：深入一线少，今年我到基层项目部调研只有5次，对职工反映的住宿问题拖了半年没有解决。
原因分析：宗旨意识淡化，群众观点树得不牢，习惯于听汇报、看材料。
整改措施：每月到项目部现场办公不少于2次，职工反映的问题10个工作日内答复。"""
    roles = _roles(analyzer, text)
    assert roles == ["heading", "heading", "problem", "cause", "measure", "heading", "problem", "cause", "measure"]


def test_roles_without_headings(analyzer):
    text = """按照县委的统一部署，我认真学习了规定篇目，广泛征求了意见，现将个人对照检查情况报告如下。
我在形式主义方面的问题主要是会议多、文件多。今年以来我主持召开会议40余次，有的会议开得很长却解决不了问题。
官僚主义方面，我下基层少，全年只到村里调研7次，群众来乡里办事要跑好几趟，我却没有察觉。
产生这些问题的根源在于理想信念有所动摇，宗旨意识淡化，放松了党性修养和主观世界的改造。
今后我将在2014年底前完成整改：每月下村不少于5天，会议压缩三分之一，由党政办负责督查。
恳请同志们批评指正。"""
    roles = _roles(analyzer, text)
    assert roles == ["preamble", "problem", "problem", "cause", "measure", "closing"]


def test_work_summary_paragraphs_get_summary_role(analyzer):
    roles = _roles(analyzer, WORK_SUMMARY)
    assert roles[1:3] == ["summary", "summary"]


def test_feature_rows_are_what_the_dict_vectorizer_makes_of_the_feature_dicts():
    from sklearn.feature_extraction import DictVectorizer

    texts = [p for p in GOOD.splitlines() if p.strip()]
    vec = DictVectorizer().fit(paragraph_features(texts[:6], layout(texts[:6])))  # later names unseen
    for batch in (texts, texts[6:], WORK_SUMMARY.splitlines()[:3]):
        lay = layout(batch)
        ours, theirs = feature_rows(vec, batch, lay), vec.transform(paragraph_features(batch, lay)).toarray()
        assert ours.shape == theirs.shape == (len(batch), len(vec.feature_names_))
        assert (ours == theirs).all()
    feats = paragraph_features(texts, layout(texts))
    assert any(k.startswith("lex=") for f in feats for k in f) and any(f["heading_rule"] == 0.0 for f in feats)
