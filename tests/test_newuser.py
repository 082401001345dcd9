"""What a new reviewer ran into with a round of drafts (issue 13 polish): folders as they arrive
from colleagues' machines, the batch's terminal summary and table flags, the terminal views at
80 columns, the workbench's upload notes, and ``compare``'s own output."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from analyzer import ingest
from analyzer.batch import Summary, summarise
from analyzer.cli import main
from analyzer.errors import WARNING_FLAGS, WARNINGS, warning_flag
from analyzer.workbench import Limits, save_upload

from .conftest import GOOD

WORK_REPORT = ("2023年度述职述廉报告\n"
               "今年以来，在县委的坚强领导下，我带领全镇干部群众攻坚克难，各项工作取得了新成效。\n"
               "一、经济发展稳中有进。全镇完成地区生产总值18.6亿元，同比增长7.2%；新引进项目12个。\n"
               "二、民生保障持续加强。新建农村公路32公里，改造危房146户，医保参保率达到98.5%。\n"
               "三、存在的不足。一是工作标准还不够高；二是创新意识有待加强。\n")


def _docx(path: Path, paragraphs: list[str]) -> Path:
    d = Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


def _round_folder(root: Path) -> Path:
    """A round as copied off a colleague's machine: a material, Word's owner file of it (Word was
    still open), a legacy .doc and a .wps, a scanned signature, Windows and macOS litter."""
    folder = root / "第三批"
    (folder / "补交").mkdir(parents=True)
    _docx(folder / "张建国-对照检查.docx", GOOD.splitlines())
    (folder / "~$建国-对照检查.docx").write_bytes(b"\x0bZhang Jianguo" + b"\x00" * 149)
    (folder / "补交" / "周敏-对照检查.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2000)
    (folder / "吴刚.wps").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 500)
    (folder / "签名页.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 300)
    (folder / ".DS_Store").write_bytes(b"\x00" * 64)
    (folder / ".cache").mkdir()
    (folder / ".cache" / "旧稿.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_a_folder_lists_word_files_it_cannot_read_and_leaves_out_lock_files(tmp_path):
    folder = _round_folder(tmp_path)
    found = [Path(p).relative_to(folder).as_posix() for p in ingest.expand_paths([str(folder)])]
    # the .doc and .wps are materials: listed so each is reported; Word's lock file and hidden files are not
    assert found == ["吴刚.wps", "张建国-对照检查.docx", "补交/周敏-对照检查.doc"]
    # named directly, a file is always checked, whatever its name
    assert ingest.expand_paths([str(folder / "~$建国-对照检查.docx")]) == [str(folder / "~$建国-对照检查.docx")]


def test_check_reports_each_legacy_word_file_with_a_bilingual_fix(tmp_path):
    folder = _round_folder(tmp_path)
    (folder / "张建国-对照检查.docx").unlink()  # only files that fail before any model loads
    result = CliRunner().invoke(main, ["check", str(folder), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [d["name"] for d in lines] == ["吴刚.wps", "周敏-对照检查.doc"]
    for d in lines:
        assert d["error"]["code"] == "unsupported_type"
        message = d["error"]["message"]
        assert "另存为 .docx" in message and "save .doc/.wps as .docx" in message


def test_every_warning_has_a_short_name_for_the_tables():
    assert set(WARNING_FLAGS) == set(WARNINGS)
    row = summarise({"name": "陳志明-繁體稿.txt", "file": "第三批/陳志明-繁體稿.txt",
                     "warnings": [{"code": "traditional_converted", "message": "…"},
                                  {"code": "not_a_material", "message": "…"}]})
    assert row["flags"] == ["繁体已转简体 traditional_converted", "非对照检查材料 not_a_material"]
    assert warning_flag("runon_split") == "长段已拆分 runon_split"


def test_batch_names_the_files_that_failed_and_why(tmp_path, monkeypatch):
    rows = [{"file": "第三批/张建国-对照检查.docx", "error": None},
            {"file": "第三批/空白稿.txt", "error": {"code": "empty", "message": "文件为空 / the file is empty"}},
            {"file": "第三批/巨大文件.txt", "error": {"code": "too_large", "message": "文件过大 / too large"}}]
    summary = Summary(documents=3, failed=2, analysed=3, cached=0, seconds=1.0, out=tmp_path, phases={}, rows=rows)
    monkeypatch.setattr("analyzer.batch.run", lambda *a, **k: summary)
    (tmp_path / "空白稿.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "空白稿.txt"), "--out", str(tmp_path / "结果")])
    assert result.exit_code == 1
    assert "✗ 第三批/空白稿.txt  [empty] 文件为空 / the file is empty" in result.output
    assert "✗ 第三批/巨大文件.txt  [too_large]" in result.output
    assert "张建国" not in result.output  # only the failures are named
    assert "失败 2" in result.output


def test_workbench_says_why_an_upload_is_skipped(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("第三批/张建国-对照检查.txt", GOOD)
        z.writestr("第三批/~$建国-对照检查.docx", b"\x0bZhang Jianguo" + b"\x00" * 149)
        z.writestr("第三批/周敏-对照检查.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100)
        z.writestr("第三批/签名页.jpg", b"\xff\xd8\xff\xe0")
    paths, notes = save_upload(io.BytesIO(buf.getvalue()), "第三批.zip", tmp_path / "up", Limits())
    assert [p.name for p in paths] == ["张建国-对照检查.txt"]
    by_name = {n.split("：")[0].rsplit("/", 1)[-1]: n for n in notes}
    assert "Word 临时文件" in by_name["~$建国-对照检查.docx"]
    assert "另存为 .docx" in by_name["周敏-对照检查.doc"] and "save it as .docx" in by_name["周敏-对照检查.doc"]
    assert "不支持的类型" in by_name["签名页.jpg"]
    paths, notes = save_upload(io.BytesIO(b"\x0b"), "~$建国-对照检查.docx", tmp_path / "up2", Limits())
    assert paths == [] and "Word 临时文件" in notes[0]


def test_work_report_depth_note_is_whole_at_80_columns(analyzer):
    from rich.console import Console

    from analyzer.render import render

    report = analyzer.analyze(WORK_REPORT, name="刘志强-对照检查.txt")
    assert report.kind["id"] == "work_report"
    console = Console(width=80, record=True, highlight=False)
    render(report, console)
    flat = "".join(line.strip("│ ") for line in console.export_text().splitlines())
    assert "工作总结，按对照检查材料的尺子量 / a work report, measured by aself-examination's bar" in flat


def test_library_list_fits_80_columns_and_shows_metadata_only_when_known(tmp_path):
    db = str(tmp_path / "refs.sqlite")
    runner = CliRunner()
    doc = tmp_path / "范文-2013.txt"
    doc.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(main, ["library", "add", str(doc), "--library", db]).exit_code == 0
    listed = runner.invoke(main, ["library", "list", "--library", db], env={"COLUMNS": "80"})
    lines = listed.output.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "加入 added" in listed.output and "作者 author" not in listed.output
    assert any(line.rstrip().endswith("┃") for line in lines if "名称 name" in line)  # the table is closed: nothing cut

    other = tmp_path / "范文-2014.txt"
    other.write_text(GOOD.replace("水利局", "交通局"), encoding="utf-8")
    assert runner.invoke(main, ["library", "add", str(other), "--library", db, "--author", "张三",
                                "--year", "2014"]).exit_code == 0
    listed = runner.invoke(main, ["library", "list", "--library", db], env={"COLUMNS": "80"})
    assert "作者" in listed.output and "张三" in listed.output and "2014" in listed.output
    assert "单位" not in listed.output


def test_compare_prints_no_segmenter_start_up_lines(tmp_path):
    a, b = tmp_path / "甲.txt", tmp_path / "乙.txt"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD.replace("水利局", "交通局"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "analyzer", "compare", str(a), str(b), "--json"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["a"]["name"] == "甲.txt"
    assert "Building prefix dict" not in proc.stderr and "Loading model" not in proc.stderr


def test_a_docx_table_row_shows_its_cells_apart_in_the_terminal(analyzer):
    from rich.console import Console

    from analyzer.render import render

    text = ("县水利局局长张建国个人对照检查材料\n一、存在的主要问题\n类别\t具体表现\t整改时限\n"
            "形式主义\t去年全年局里印发文件87件，其中转发上级文件占一半以上，我批示后就没有再跟进。\t2024年6月底前\n"
            "官僚主义\t基层水管站反映灌区渠道渗漏问题，三个月后仍未落实。\t2024年3月底前\n")
    console = Console(width=80, record=True, highlight=False)
    render(analyzer.analyze(text, name="张建国.docx"), console)
    out = console.export_text()
    assert "\t" not in out
    assert "类别 ｜ 具体表现 ｜ 整改时限" in out.replace("│", "")


def test_opinion_and_criticism_verdicts_are_bilingual():
    from rich.console import Console

    from analyzer.html import criticism_section
    from analyzer.render import _opinions_table

    opinions = {"answered_ratio": 0.5, "items": [
        {"index": 0, "text": "下村多听汇报，少进农户家", "status": "answered",
         "evidence": {"paragraph": 4, "sentence": "下村走访多在村委会听汇报，很少进农户家门"}},
        {"index": 1, "text": "办公室面积超标", "status": "ignored", "evidence": None}]}
    console = Console(width=100, record=True, highlight=False)
    console.print(_opinions_table(opinions))
    out = console.export_text()
    assert "已回应 answered" in out and "未回应 ignored" in out

    page = criticism_section({"items": [{"text": "您工作太投入，经常加班到深夜，希望多注意身体", "target": "李书记",
                                         "label": "praise", "style": None, "instance": False,
                                         "reasons": ["以缺点之名说优点 praise in disguise"]}],
                              "share_genuine": 0.0, "never_criticised": []})
    assert "批评变表扬 praise" in page


def test_a_pdf_paragraph_opening_with_its_inline_heading_is_not_cut_after_the_first_line(tmp_path):
    """A typeset material: each problem paragraph opens with "（一）形式主义方面。" and its body runs on
    over full lines; the first line looks like a heading but goes on past it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    paragraphs = [
        "一、存在的问题",
        "（一）形式主义方面。理论学习中心组集中学习时我多次以工作忙为由请假，自学时以读报纸代替读原著。"
        "去年组织的三次村级环境整治现场会，主要精力放在布置展板、拍照留痕上，会后没有跟踪整改效果。",
        "（二）官僚主义方面。下村走访多在村委会听汇报，很少进农户家门；对群众反映的垃圾清运不及时问题，"
        "只批转给环卫所，没有过问结果，群众三次打电话到镇里才解决。",
        "（三）享乐主义方面",
        "觉得在基层干了十几年，有歇歇脚的想法，对信访积案这类难事能躲就躲。",
    ]
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "李红梅.pdf"))
    c.setFont("STSong-Light", 14)
    y = 760
    for p in paragraphs:
        for i in range(0, len(p), 30):  # 30 characters a line, as the page breaks them
            c.drawString(60, y, p[i:i + 30])
            y -= 22
        y -= 6
    c.showPage()
    c.save()
    assert ingest.read_path(tmp_path / "李红梅.pdf").paragraph_texts() == paragraphs


def test_a_pdf_paragraph_across_a_page_break_keeps_the_running_header_out(tmp_path):
    """The unit's name printed atop every page fell between the two halves of a paragraph: it was
    glued onto the first half and the paragraph cut in two."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    body = ("（一）形式主义方面。理论学习中心组集中学习时我多次以工作忙为由请假，自学时以读报纸代替读原著。"
            "去年组织的三次村级环境整治现场会，主要精力放在布置展板、拍照留痕上，会后没有跟踪整改效果。"
            "今年上半年我主持召开的专题会议有23个，会后形成纪要的不到一半，落实情况也没有跟踪。")
    header = "XX镇党委专题民主生活会材料汇编"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "跨页.pdf"))
    page, y = 1, 140

    def furniture():
        c.setFont("STSong-Light", 9)
        c.drawString(200, 810, header)
        c.setFont("STSong-Light", 10)
        c.drawString(280, 50, f"— {page} —")

    furniture()
    for i in range(0, len(body), 30):
        c.setFont("STSong-Light", 14)
        c.drawString(60, y, body[i:i + 30])
        y -= 22
        if y < 100:
            c.showPage()
            page, y = page + 1, 760
            furniture()
    c.save()
    paragraphs = ingest.read_path(tmp_path / "跨页.pdf").paragraph_texts()
    assert body in paragraphs  # whole, with no header inside
    assert paragraphs.count(header) == 2 and {"— 1 —", "— 2 —"} <= set(paragraphs)  # nothing lost
