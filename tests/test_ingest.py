"""Ingestion: encodings, docx, pdf, normalisation, offsets, and every kind of bad input."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from analyzer import ingest
from analyzer.errors import JingziError

from .conftest import GOOD

TEXT = "一、存在的主要问题\n会议多、发文多，以会议落实会议的现象比较突出。\n二、整改措施\n年底前会议减少三分之一。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_decode_to_the_same_normalised_text(tmp_path, encoding):
    path = tmp_path / f"材料 {encoding}.txt"
    if encoding == "big5":  # written in traditional characters, read back as simplified
        path.write_bytes("一、存在的主要問題\n會議多、發文多，以會議落實會議的現象比較突出。".encode("big5"))
        assert ingest.read_path(path).paragraph_texts()[1] == "会议多、发文多，以会议落实会议的现象比较突出。"
    else:
        path.write_bytes(TEXT.encode(encoding))
        assert ingest.read_path(path).text == TEXT


def test_normalisation_width_spaces_linebreaks_and_offsets():
    raw = "一、存在的 问题\r\n\r\n  今年召开会议４８次，　发文９６件。\r二、措施\u2028年底前完成。"
    src = ingest.from_text(raw, "x.txt")
    assert src.paragraph_texts() == ["一、存在的问题", "今年召开会议48次，发文96件。", "二、措施", "年底前完成。"]
    for i, ch in enumerate(src.text):  # every normalised character maps back to the raw text
        if ch != "\n":
            assert ingest._t2s(raw[src.offsets[i]]).translate(ingest._WIDTH) == ch


def test_traditional_is_converted_with_a_warning():
    src = ingest.from_text("本人在理想信念方面存在動搖，對群眾的感情有所淡化，聯繫群眾不夠緊密。", "t.txt")
    assert src.text == "本人在理想信念方面存在动摇，对群众的感情有所淡化，联系群众不够紧密。"
    assert [w["code"] for w in src.warnings] == ["traditional_converted"]


def _docx_bytes(paragraphs, table=None, bold=()):
    d = docx.Document()
    for i, text in enumerate(paragraphs):
        p = d.add_paragraph()
        p.add_run(text).bold = i in bold
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_tables_and_bold_headings(tmp_path):
    path = tmp_path / "对照 检查.docx"
    path.write_bytes(_docx_bytes(["存在的主要问题", "调研走马观花，全年下基层仅6次。"],
                                 table=[["措施", "完成时限"], ["每月下基层4天", "2014年10月底前"]], bold={0}))
    src = ingest.read_path(path)
    # a table row with two or more filled cells is one paragraph, its cells joined by a TAB
    assert src.paragraph_texts() == ["存在的主要问题", "调研走马观花，全年下基层仅6次。", "措施\t完成时限",
                                     "每月下基层4天\t2014年10月底前"]
    assert src.heading_hints == {0}
    assert src.name == "对照 检查.docx"


def test_docx_layout_table_keeps_its_paragraphs(tmp_path):
    path = tmp_path / "m.docx"
    path.write_bytes(_docx_bytes(["对照检查材料"], table=[["一、存在的问题", ""], ["会议多、发文多。", ""]]))
    assert ingest.read_path(path).paragraph_texts() == ["对照检查材料", "一、存在的问题", "会议多、发文多。"]


def test_pdf_with_text_layer(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "m.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    for y, line in ((800, "一、存在的主要问题"), (780, "会议多、发文多，以会议落实会议的现象"), (760, "比较突出。")):
        c.drawString(72, y, line)
    c.save()
    assert ingest.read_path(path).paragraph_texts() == ["一、存在的主要问题", "会议多、发文多，以会议落实会议的现象比较突出。"]


def _error(path) -> str:
    with pytest.raises(JingziError) as info:
        ingest.read_path(path)
    assert info.value.message  # every error says what happened and how to fix it
    return info.value.code


def test_bad_inputs_get_clear_error_codes(tmp_path):
    from reportlab.pdfgen import canvas

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\u3000\n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("This file has no Chinese text at all.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr("hello.txt", "not a word document")
    (tmp_path / "notword.docx").write_bytes(zbuf.getvalue())
    (tmp_path / "encrypted.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    scan = canvas.Canvas(str(tmp_path / "scan.pdf"))
    scan.rect(100, 100, 200, 200, fill=1)
    scan.save()
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    codes = {p: _error(tmp_path / p) for p in ["empty.txt", "blank.txt", "english.txt", "binary.txt", "corrupt.docx",
                                               "notword.docx", "encrypted.docx", "scan.pdf", "broken.pdf", "old.doc"]}
    codes["missing"] = _error(tmp_path / "不存在 的文件.txt")
    codes["folder"] = _error(tmp_path)
    assert codes == {"empty.txt": "empty", "blank.txt": "empty", "english.txt": "no_chinese", "binary.txt": "binary",
                     "corrupt.docx": "corrupt_docx", "notword.docx": "corrupt_docx", "encrypted.docx": "encrypted",
                     "scan.pdf": "pdf_no_text", "broken.pdf": "corrupt_pdf", "old.doc": "unsupported_type",
                     "missing": "not_found", "folder": "unsupported_type"}


def test_huge_file_is_refused_without_reading_it(tmp_path):
    import tracemalloc

    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)  # 20 MB, sparse on disk
    tracemalloc.start()
    assert _error(path) == "too_large"
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1024 * 1024  # memory stays bounded: the file was never read


def test_folder_expands_to_supported_files_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["a.txt", "b/c.docx", "b/d.pdf", "e.jpg", "f.md"]:
        (tmp_path / name).write_bytes(b"x")
    found = [p.replace(str(tmp_path), "") for p in ingest.expand_paths([str(tmp_path)])]
    assert found == ["/a.txt", "/b/c.docx", "/b/d.pdf", "/f.md"]


def test_real_material_keeps_every_paragraph():
    src = ingest.from_text(GOOD, "good.txt")
    assert len(src.paragraphs) == len([ln for ln in GOOD.splitlines() if ln.strip()])
    assert all(src.text[s:e] == t for (s, e), t in zip(src.paragraphs, src.paragraph_texts()))


def test_docx_heading_styles_are_heading_hints(tmp_path):
    d = docx.Document()
    d.add_heading("存在的主要问题", level=1)  # Word's automatic numbering is not in the text
    d.add_paragraph("调研走马观花，全年下基层仅6次。")
    path = tmp_path / "styled.docx"
    d.save(str(path))
    src = ingest.read_path(path)
    assert src.paragraph_texts() == ["存在的主要问题", "调研走马观花，全年下基层仅6次。"]
    assert src.heading_hints == {0}
