"""Hostile input (issue 12): every input below is generated here, small on disk, and must end
in a coded error object or a normal report — never a traceback, a hang or a memory blow-up."""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest

from analyzer import ingest
from analyzer.errors import JingziError
from analyzer.limits import MAX_DOCX_PARAGRAPHS, MAX_PARAGRAPHS, MAX_TABLE_NESTING

from .conftest import GOOD

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def peak_memory(fn, *args):
    """(result, peak bytes Python allocated) of ``fn(*args)``, after a warm-up on a normal docx
    so imports and caches are not counted."""
    ingest.read_docx(docx_with())
    tracemalloc.start()
    try:
        result = fn(*args)
    except JingziError as exc:
        result = exc.code
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, peak


def code_of(path) -> str:
    with pytest.raises(JingziError) as info:
        ingest.read_path(path)
    assert " — " in info.value.message  # what happened, then how to fix it
    return info.value.code


# --------------------------------------------------------------------------- generators

def docx_with(body_xml: str | None = None, extra: dict[str, bytes] | None = None,
              streamed: dict[str, int] | None = None) -> bytes:
    """A real .docx (python-docx's template with an image) whose body is ``body_xml``, plus
    ``extra`` members and ``streamed`` members of that many zero bytes (deflated, so tiny)."""
    d = docx.Document()
    d.add_paragraph("一、存在的主要问题")
    d.add_paragraph("调研走马观花，全年下基层仅6次。")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml" and body_xml is not None:
                head, rest = data.decode("utf-8").split("<w:body>", 1)
                data = (head + "<w:body>" + body_xml + "<w:sectPr/></w:body></w:document>").encode("utf-8")
            if item.filename not in (extra or {}) and item.filename not in (streamed or {}):
                dst.writestr(item, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
        for name, size in (streamed or {}).items():
            with dst.open(name, "w", force_zip64=True) as fh:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    fh.write(chunk)
    return out.getvalue()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def nested_tables(depth: int) -> str:
    """A table whose only cell holds a paragraph and the next table, ``depth`` levels deep."""
    xml = ""
    for level in range(depth, 0, -1):
        xml = f"<w:tbl><w:tr><w:tc>{paragraph(f'第{level}层表格内容')}{xml}</w:tc></w:tr></w:tbl>"
    return xml


def pdf_bytes(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        c.drawString(72, 800 - 20 * i, line)
    c.save()
    return buf.getvalue()


def encrypted_pdf(algorithm: str, password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes(["一、存在的主要问题", "文山会海问题突出。"])))
    writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def raw_pdf(page_extra: str) -> bytes:
    """A minimal one-page PDF written by hand, with ``page_extra`` in the page dictionary."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {page_extra} >>"]
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, 2)
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{obj}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# --------------------------------------------------------------------------- 2. zip bombs

def test_an_image_that_inflates_to_hundreds_of_megabytes_is_never_inflated(tmp_path):
    path = tmp_path / "图片炸弹.docx"
    path.write_bytes(docx_with(streamed={"word/media/image1.png": 300 << 20}))
    assert path.stat().st_size < 2 << 20
    src, peak = peak_memory(ingest.read_path, path)
    assert src.paragraph_texts() == ["一、存在的主要问题", "调研走马观花，全年下基层仅6次。"]
    assert peak < 30 << 20


def test_a_text_part_that_inflates_hugely_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "大.docx"
    big.write_bytes(docx_with(streamed={"word/styles.xml": 200 << 20}))  # above the size budget
    dense = tmp_path / "密.docx"  # under the budget, but 5 MB of whitespace from a few KB
    dense.write_bytes(docx_with(extra={"word/numbering.xml": b"<w:numbering " + W.encode() + b">"
                                       + b" " * (5 << 20) + b"</w:numbering>"}))
    for path in (big, dense):
        code, peak = peak_memory(ingest.read_path, path)
        assert code == "zip_bomb"
        assert peak < 30 << 20


# --------------------------------------------------------------------------- 3. CPU bombs

def test_nested_tables_are_read_once_each(tmp_path):
    path = tmp_path / "嵌套.docx"
    path.write_bytes(docx_with(nested_tables(MAX_TABLE_NESTING) + paragraph("表格之后的段落")))
    texts = ingest.read_path(path).paragraph_texts()
    assert texts == [f"第{level}层表格内容" for level in range(1, MAX_TABLE_NESTING + 1)] + ["表格之后的段落"]


def test_tables_nested_too_deep_are_too_complex(tmp_path):
    path = tmp_path / "深嵌套.docx"
    path.write_bytes(docx_with(nested_tables(14)))
    assert code_of(path) == "too_complex"


def test_too_many_paragraphs_is_too_complex(tmp_path):
    many = tmp_path / "段落多.docx"
    many.write_bytes(docx_with("".join(paragraph(f"第{i}条") for i in range(MAX_DOCX_PARAGRAPHS + 1))))
    empty = tmp_path / "百万空段.docx"  # 6 MB of <w:p/> from a few KB: refused before parsing
    empty.write_bytes(docx_with("<w:p/>" * 1_000_000))
    lines = tmp_path / "行多.txt"
    lines.write_text("\n".join(f"第{i}条问题" for i in range(MAX_PARAGRAPHS + 1)), encoding="utf-8")
    assert [code_of(many), code_of(empty), code_of(lines)] == ["too_complex", "zip_bomb", "too_complex"]


# --------------------------------------------------------------------------- 4. special files

def test_fifo_device_and_socket_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)  # no writer: a blocking open would hang forever
    device = tmp_path / "设备.txt"
    device.symlink_to("/dev/zero")
    sock_path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        assert [code_of(fifo), code_of(device), code_of(sock_path)] == ["not_regular_file"] * 3
    finally:
        sock.close()


# --------------------------------------------------------------------------- 7. names and encodings

def test_a_file_mixing_utf8_and_gbk_lines_is_decoded_per_line(tmp_path):
    lines = GOOD.splitlines()
    data = b"\n".join(line.encode("gbk" if i % 3 == 1 else "utf-8") for i, line in enumerate(lines))
    path = tmp_path / "混合编码.txt"
    path.write_bytes(data + b"\n\xff\xfe\xfa\xe4\xb8")  # and a line no encoding can read
    src = ingest.read_path(path)
    assert src.paragraph_texts()[:len(lines)] == lines
    (mixed,) = [w for w in src.warnings if w["code"] == "mixed_encoding"]
    gbk_lines = sum(1 for i in range(len(lines)) if i % 3 == 1)
    assert f"{gbk_lines} 行按 gb18030" in mixed["message"] and "字节已替换" in mixed["message"]
    assert src.encoding == "mixed"


def test_plain_gbk_file_is_not_reported_as_mixed(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(("Title line\n" + GOOD).encode("gbk"))
    src = ingest.read_path(path)
    assert src.encoding == "gb18030" and not src.warnings


def test_a_gbk_file_name_is_shown_as_chinese(tmp_path):
    raw = os.fsencode(tmp_path) + "/对照检查材料.txt".encode("gbk")
    with open(raw, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    src = ingest.read_path(os.fsdecode(raw))
    assert src.name == "对照检查材料.txt" and src.file.endswith("/对照检查材料.txt")
    json.dumps(src.name, ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- 8. PDFs

@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdfs_encrypted_with_an_empty_password_are_read(tmp_path, algorithm):
    path = tmp_path / "加密.pdf"
    path.write_bytes(encrypted_pdf(algorithm, ""))
    assert ingest.read_path(path).paragraph_texts() == ["一、存在的主要问题", "文山会海问题突出。"]


def test_every_pdf_failure_is_an_error_object(tmp_path):
    (tmp_path / "密码.pdf").write_bytes(encrypted_pdf("AES-256", "secret"))
    (tmp_path / "数组.pdf").write_bytes(raw_pdf("/Foo [" + " 0" * 100_001 + "]"))
    (tmp_path / "截断.pdf").write_bytes(pdf_bytes(["一、存在的主要问题"])[:900])
    codes = [code_of(tmp_path / n) for n in ("密码.pdf", "数组.pdf", "截断.pdf")]
    assert codes == ["encrypted", "corrupt_pdf", "corrupt_pdf"]
