"""Structure from any shape: run-on pastes, web noise, PDF lines, excerpts, and the robustness suites."""
from __future__ import annotations

import pytest

from analyzer import ingest
from analyzer.noise import inspect
from analyzer.pipeline import paragraphs
from analyzer.segmenting import is_runon, markers, split_line

from .conftest import GOOD


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in split_line(text)]


def _indices(report) -> set[int]:
    """Every paragraph index a judgement of ``report`` points to."""
    out = set()
    for entry in report.coverage.values():
        out.update(entry["evidence"], entry.get("denied", []))
    out.update(report.summary_like["paragraphs"])
    for detail in report.depth["details"].values():
        out.update(detail["evidence"])
    for evidence in report.depth["substitution_evidence"].values():
        out.update(evidence)
    return out


# ---- run-on lines -------------------------------------------------------------------------

def test_runon_paste_is_split_at_headings_titles_and_enumerations():
    lines = [p for p in GOOD.splitlines() if p.strip()]
    pieces = _pieces("".join(lines))
    assert pieces[:5] == lines[:5]  # title | preamble | 一、 | （一） | 一是…
    assert "二、产生问题的原因" in pieces and "三、整改措施" in pieces
    assert all(p in pieces for p in lines if p.startswith(("一是", "二是", "三是")))


def test_runon_without_markers_is_split_at_sentences():
    text = ("按照县委的统一部署，我认真学习了规定篇目，广泛征求了意见，现将个人对照检查情况报告如下。"
            "我在形式主义方面的问题主要是会议多、文件多。今年以来我主持召开会议40余次，有的会议开得很长却解决不了问题。"
            "官僚主义方面，我下基层少，全年只到村里调研7次，群众来乡里办事要跑好几趟，我却没有察觉。"
            "产生这些问题的根源在于理想信念有所动摇，宗旨意识淡化，放松了党性修养和主观世界的改造。"
            "今后我将在2014年底前完成整改：每月下村不少于5天，会议压缩三分之一，由党政办负责督查。")
    assert split_line(text) == [(0, len(text))]  # one line of many: a paragraph as written
    pieces = [text[a:b] for a, b in split_line(text, alone=True)]  # the whole paste
    assert len(pieces) == 6 and "".join(pieces) == text
    assert all(p.endswith("。") for p in pieces)


@pytest.mark.parametrize("text", [
    "我们要坚持“一、要学习；二、要落实”的要求，" * 30,                      # enumeration inside a quotation
    "2023年1月至2023年12月，全县完成投资1.5亿元，同比增长2.5%，召开会议3、4次。" * 20,  # dates and numbers
    "我作为第一书记，第一时间到村里了解情况，统一思想，唯一是从群众利益出发。" * 20,       # 第一书记, 统一, 唯一是
])
def test_no_split_inside_quotations_dates_numbers_or_words(text):
    assert not [m for m in markers(text) if m.pos > 0 and m.style != "free"]
    assert all(len(p) >= 20 for p in _pieces(text))  # at most sentence cuts


def test_written_materials_come_out_exactly_as_their_lines():
    from training.corpus import load_corpus

    docs = [d for d in load_corpus() if d.path.parent.name == "written"]
    for d in docs:
        source = ingest.from_text(d.text, d.id)
        pieces = paragraphs(source)
        assert [(p.start, p.end) for p in pieces] == source.paragraphs, d.id
        assert not any(p.split or p.noise.line or p.noise.spans for p in pieces), d.id
    assert not any(is_runon(p.text) for d in docs for p in d.paragraphs)


def test_one_paragraph_paste_is_judged_like_its_original(analyzer):
    clean = analyzer.analyze(GOOD)
    pasted = analyzer.analyze("".join(GOOD.splitlines()))
    assert {c: v["covered"] for c, v in pasted.coverage.items()} == {c: v["covered"] for c, v in clean.coverage.items()}
    assert abs(pasted.depth["score"] - clean.depth["score"]) <= 10
    assert [p.role for p in pasted.paragraphs][:6] == \
        ["heading", "preamble", "heading", "heading", "problem", "problem"]
    source = ingest.from_text("".join(GOOD.splitlines()))
    for p in pasted.paragraphs:  # offsets into the normalised text, and the source line
        assert source.text[p.start:p.end] == p.text and p.line == 0
    assert "line" in pasted.to_dict()["paragraphs"][0] and "line" not in clean.to_dict()["paragraphs"][0]
    codes = [w["code"] for w in pasted.warnings]
    assert "runon_split" in codes and "few_paragraphs" not in codes
    from analyzer.report import Report

    assert Report.from_dict(pasted.to_dict()).to_dict() == pasted.to_dict()  # the batch cache keeps "line"


# ---- noise --------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "首页 > 范文大全 > 心得体会 > 正文",
    "您现在的位置：网站首页 › 党团范文 › 民主生活会",
    "来源：某某公文网 作者：佚名 发布时间：2022-11-03 浏览次数：2387",
    "发布日期：2021/06/18  阅读量：956",
    "上一篇：2022年度组织生活会个人发言提纲  下一篇：整改清单模板",
    "第2页 共4页",
    "- 7 -",
    "本文由优秀范文网整理，复制请注明出处。",
    "版权所有 © XX文秘网 京ICP备09012345号",
    "下载全文 Word版可编辑 VIP会员免费",
    "www.gongwen-fanwen.cn",
    "Qz7#kP2@",
    "声明：如有侵权请联系删除，仅供学习交流使用。",
])
def test_noise_lines(line):
    assert inspect(line).line and inspect(line).cues


@pytest.mark.parametrize("line", [
    "一是文山会海问题突出，今年以来召开会议48次，PM2.5治理不力，GDP增长5.3%。",
    "来源于群众的意见建议共27条，我逐条作了梳理。",
    "二是“指尖上的形式主义”，要求群众扫码关注政务公众号、登录后打卡，分享到朋友圈。",
    "整改措施：完成时间：2014年10月底前，责任人：本人。",
    "张某",
    "2014年1月10日",
])
def test_content_lines_are_not_noise(line):
    found = inspect(line)
    assert not found.line and not found.spans


def test_inline_tokens_and_pinyin_are_cut_from_the_judged_text():
    found = inspect("会议多、发文多x7Kq#2以会议落实会议，对数(shù)据(jù)造假问题认识不足。")
    assert found.clean("会议多、发文多x7Kq#2以会议落实会议，对数(shù)据(jù)造假问题认识不足。") == \
        "会议多、发文多以会议落实会议，对数据造假问题认识不足。"


NOISY = ("首页 > 范文大全 > 对照检查材料 > 正文\n来源：XX党建网 发布时间：2023-05-12 浏览次数：1024\n"
         + GOOD.replace("以会议落实会议", "以会议x7Kq#2落实会议").replace("调研走马观花", "调(diào)研(yán)走马观花")
         + "\n第1页 共2页\n本文由第一范文网整理，复制请注明出处。\n上一篇：XX镇整改方案 下一篇：XX局班子对照检查\n")


def test_noise_is_judged_as_nothing(analyzer):
    clean, noisy = analyzer.analyze(GOOD), analyzer.analyze(NOISY)
    noise = [p.index for p in noisy.paragraphs if p.role == "noise"]
    assert len(noise) == 5
    for i in noise:
        p = noisy.paragraphs[i]
        assert not p.styles and p.summary_like is None and p.evidence["noise"]
    assert not _indices(noisy) & set(noise)
    assert [noisy.paragraphs[s["heading"]].text for s in noisy.sections] == \
        [clean.paragraphs[s["heading"]].text for s in clean.sections]  # sections point past the noise
    assert noisy.sections[-1]["paragraphs"][1] == 23  # the last section ends after the closing, before the footer
    assert noisy.chars == clean.chars and noisy.summary_like["ratio"] == clean.summary_like["ratio"]
    assert noisy.depth["signals"] == clean.depth["signals"] and noisy.depth["score"] == clean.depth["score"]
    tokened = next(p for p in noisy.paragraphs if p.text.startswith("一是文山会海"))
    assert "x7Kq#2" not in tokened.text and "x7Kq#2" in ingest.from_text(NOISY).text[tokened.start:tokened.end]
    assert tokened.evidence["noise"] == ["x7Kq#2"]
    assert "web_noise" in [w["code"] for w in noisy.warnings]
    html_para = __import__("analyzer.html", fromlist=["x"])._paragraph(noisy.to_dict()["paragraphs"][0], [], False, {})
    assert "role-noise" in html_para and "网页噪声" in html_para


def test_a_page_of_only_noise_is_not_judged(analyzer):
    report = analyzer.analyze("首页 > 范文大全 > 正文\n上一篇：XX 下一篇：YY\n版权所有 XX范文网")
    assert all(p.role == "noise" for p in report.paragraphs)
    assert report.coverage is None and report.depth is None
    assert "only_noise" in [w["code"] for w in report.warnings]


# ---- excerpts -----------------------------------------------------------------------------

def test_excerpt_is_not_told_it_has_a_long_preamble(analyzer):
    lines = [p for p in GOOD.splitlines() if p.strip()]
    excerpt = "\n".join([lines[4][15:]] + lines[5:-1])  # from mid-way into the first problem
    report = analyzer.analyze(excerpt)
    assert report.depth["signals"]["preamble_share"] == 0
    assert not any(n.startswith("未开门见山") for n in report.depth["notes"])
    long_preamble = "\n".join(lines[:2] + [lines[1]] * 3 + lines[2:])  # a real preamble still counts
    assert analyzer.analyze(long_preamble).depth["signals"]["preamble_share"] > 0.2


# ---- PDF ----------------------------------------------------------------------------------

def _wrapped_pdf(path, paragraphs: list[tuple[str, bool]], width: int = 30, per_page: int = 24) -> None:
    """A PDF laid out like a printed material: body paragraphs wrapped at ``width`` characters
    with a two-character first-line indent, headings on their own line, page numbers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = []
    for text, body in paragraphs:
        if not body:
            lines.append((72, text))
            continue
        first, rest = text[:width - 2], text[width - 2:]
        lines.append((96, first))
        lines += [(72, rest[k:k + width]) for k in range(0, len(rest), width)]
    c = canvas.Canvas(str(path))
    for page, k in enumerate(range(0, len(lines), per_page), start=1):
        c.setFont("STSong-Light", 12)
        for row, (x, line) in enumerate(lines[k:k + per_page]):
            c.drawString(x, 780 - 24 * row, line)
        c.drawString(290, 40, f"- {page} -")
        c.showPage()
    c.save()


def test_pdf_lines_rejoined_by_layout(tmp_path):
    paras = [
        ("XX局党组书记个人对照检查材料", False),
        ("一、存在的主要问题", False),
        ("一是理论学习不够深入。今年以来我参加局党组理论学习中心组集中学习12次，"
         "有3次因为开会请假，自学多是翻一翻材料；", True),
        ("二是调研走马观花。去年全年我下基层调研只有11次，有一次到城关镇查看防汛工程，"
         "只在堤坝上看了半小时就回城，没有进村入户听取群众意见。到现在我也说不清楚"
         "那一段堤坝上住着多少户群众，他们最担心的是什么，这是我最应当反省的地方。", True),
        ("二、产生问题的原因", False),
        ("理想信念有所动摇，放松了主观世界改造，宗旨意识淡化，习惯于坐在办公室听汇报。" * 3, True),
    ]
    _wrapped_pdf(tmp_path / "m.pdf", paras, per_page=8)  # the second problem runs onto page 2
    got = ingest.read_path(tmp_path / "m.pdf").paragraph_texts()
    assert [t for t in got if not t.strip("- ").isdigit()] == [p for p, _ in paras]
    assert "- 1 -" in got  # the page number is kept, as a line of its own
    assert any("理论学习中心组集中学习" in t for t in got)  # never split mid-word, nor at "；"


def test_a_pdfs_page_numbers_are_no_web_noise(tmp_path, analyzer):
    """A Word-made PDF's page numbers are its layout: role noise, judged as nothing, but no
    web_noise warning (the round table flagged 含网页噪声 on every clean PDF of a real round)."""
    paras = [("XX镇党委副书记个人检视剖析材料", False),
             ("一、存在的问题", False),
             ("一是调研走过场。今年3月我到河湾村调研，只看了村里安排的两户，没有到反映吃水难的几户家里去。", True),
             ("二是审核台账不严。去年底有5份走访记录是补写的，我签字前没有逐一核对。", True)]
    _wrapped_pdf(tmp_path / "p.pdf", paras, per_page=5)
    report = analyzer.analyze_path(tmp_path / "p.pdf").to_dict()
    assert [p["text"] for p in report["paragraphs"] if p["role"] == "noise"] == ["- 1 -", "- 2 -"]
    assert "web_noise" not in {w["code"] for w in report.get("warnings", [])}
    pasted = analyzer.analyze("\n".join(["首页 > 范文大全 > 正文", *(p for p, _ in paras), "- 1 -"])).to_dict()
    assert "web_noise" in {w["code"] for w in pasted["warnings"]}  # a web page's furniture still is


def _table_pdf(path, before: list[str], rows: list[list[str]], after: list[str], valign: str) -> None:
    """A PDF of body paragraphs around a ruled table whose long cells wrap (as Word prints a
    整改措施 table), cells aligned to ``valign`` (Word: TOP; many generators: BOTTOM)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK",
                          firstLineIndent=22)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=11, leading=15, wordWrap="CJK")
    table = Table([[Paragraph(text, cell) for text in row] for row in rows], colWidths=[30, 250, 70, 90],
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), valign)]))
    SimpleDocTemplate(str(path)).build([Paragraph(t, body) for t in before] + [table]
                                       + [Paragraph(t, body) for t in after])


MEASURE_ROWS = [
    ["序号", "整改措施", "责任人", "完成时限"],
    ["1", "每月下基层不少于4天，其中至少2天到村到户，不打招呼、不要陪同，建立调研台账", "本人", "2014年10月底前"],
    ["2", "征求到的23条意见建议逐条办结并向提出人反馈，西河村灌溉渠问题彻底解决", "分管副局长", "2014年12月底前"],
    ["3", "办公室面积超标部分完成腾退", "办公室主任", "2014年9月底前"],
]


@pytest.mark.parametrize("valign", ["TOP", "BOTTOM"])
def test_pdf_table_rows_keep_measure_owner_and_deadline_together(tmp_path, analyzer, valign):
    lines = [p for p in GOOD.splitlines() if p.strip()]
    before, after = lines[1:-4], lines[-1:]  # the measures of GOOD become a table
    _table_pdf(tmp_path / "m.pdf", before, MEASURE_ROWS, after, valign)
    got = ingest.read_path(tmp_path / "m.pdf").paragraph_texts()
    rows = ["\t".join(row) for row in MEASURE_ROWS]
    assert got == before + rows + after  # each row one line, cells in order, nothing lost or glued
    as_docx = analyzer.analyze("\n".join(before + rows + after))  # a .docx gives its rows the same way
    assert analyzer.analyze_source(ingest.read_path(tmp_path / "m.pdf")).depth["score"] == as_docx.depth["score"]


def test_pdf_set_in_two_columns_is_no_table(tmp_path):
    """A page set in two columns has two segments on every layout line, but its text runs down one
    column and then the other: it is read as before, never as rows of cells."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = "".join(p for p in GOOD.splitlines()[4:7])
    left, right = [text[k:k + 14] for k in range(0, 14 * 8, 14)], [text[k:k + 14] for k in range(14 * 8, 14 * 16, 14)]
    c = canvas.Canvas(str(tmp_path / "cols.pdf"))
    c.setFont("STSong-Light", 12)
    for x, column in ((72, left), (320, right)):
        for row, line in enumerate(column):
            c.drawString(x, 760 - 18 * row, line)
    c.showPage()
    c.save()
    got = ingest.read_path(tmp_path / "cols.pdf").paragraph_texts()
    assert "".join(got) == "".join(left + right) and not any("\t" in t for t in got)


def test_pdf_without_a_table_is_read_as_before(tmp_path):
    """Justified body text and a dated signature never look like table columns."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK",
                          firstLineIndent=24, alignment=TA_JUSTIFY)
    sign = ParagraphStyle("s", parent=body, firstLineIndent=0, alignment=TA_RIGHT)
    lines = [p for p in GOOD.splitlines() if p.strip()][4:8]
    SimpleDocTemplate(str(tmp_path / "b.pdf")).build(
        [Paragraph(t, body) for t in lines] + [Paragraph("XX县水利局 张某某", sign), Paragraph("2014年7月10日", sign)])
    got = ingest.read_path(tmp_path / "b.pdf").paragraph_texts()
    assert got == lines + ["XX县水利局张某某", "2014年7月10日"] and not any("\t" in t for t in got)


# ---- robustness suites --------------------------------------------------------------------

def test_robustness_suites_hold_within_005_of_clean(analyzer):
    from training.robustness import evaluate, test_documents

    results = evaluate(test_documents(), shapes=("clean", "one_paragraph", "noisy"), analyzer=analyzer)
    clean = results["clean"]
    for shape in ("one_paragraph", "noisy"):
        r = results[shape]
        assert r["coverage_macro_f1"] >= clean["coverage_macro_f1"] - 0.05, (shape, r)
        assert r["depth_spearman"] >= clean["depth_spearman"] - 0.05, (shape, r)
        assert r["pairs_won"] >= r["pairs"] - 1, (shape, r)
    assert results["noisy"]["noise_lines_judged"] == 0 and results["noisy"]["noise_paragraphs_with_material_text"] == 0
    assert results["noisy"]["inserted_tokens_judged"] <= 0.05 * results["noisy"]["inserted_tokens"]
