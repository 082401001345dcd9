"""Stage 1: read a file (txt/md in any common Chinese encoding, docx, pdf) and normalise it.

Normalisation: a text evidently in traditional script -> simplified (OpenCC ``t2s``, character
for character; ``Source.original`` keeps the normalised text in its own script), full-width digits, letters and
``%`` -> half-width, every line break -> ``\\n``, spaces inside Chinese text removed, blank
lines dropped; in a .md file, Markdown's marks (``#`` headings, which are then read as headings,
``>`` ``-`` ``*`` line marks, ``**`` emphasis, rules) dropped too. ``Source.offsets[i]`` is the
index in the raw extracted text of normalised character ``i``, so every finding can be traced back.
"""
from __future__ import annotations

import hashlib
import io
import math
import os
import re
import stat
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import JingziError, warning
from .limits import (
    MAX_BINARY_BYTES,
    MAX_CHARS,
    MAX_DOCX_MEMBERS,
    MAX_DOCX_PARAGRAPHS,
    MAX_DOCX_RATIO,
    MAX_DOCX_XML_BYTES,
    MAX_PARAGRAPHS,
    MAX_PDF_PAGES,
    MAX_TABLE_NESTING,
    MAX_TEXT_BYTES,
)

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED = TEXT_SUFFIXES | {".docx", ".pdf"}
# word-processor files a material often arrives as, which jingzi cannot read: a folder lists them
# too, so each gets its `unsupported_type` error (save it as .docx) instead of vanishing unseen
UNREADABLE_MATERIALS = {".doc", ".wps", ".rtf", ".odt"}
# a text is read as simplified when t2s changes this share of its Chinese characters or more: on the
# written corpus and the DEV pages, simplified texts 0-0.7 % (a name, a typo), traditional ones 25 % or more
TRADITIONAL_SHARE = 0.1
MIN_PLAUSIBILITY = 6.5               # mean log char frequency; real Chinese text scores about 10

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_OR_PUNCT = f"[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014]"
# spaces between two Chinese characters/punctuation marks are typing or extraction noise
_INNER_SPACE = re.compile(f"(?<={_CJK_OR_PUNCT})[ \u3000\u00a0]+(?={_CJK_OR_PUNCT})")  # a TAB separates table cells
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # encrypted OOXML and legacy .doc are OLE containers


@dataclass
class Source:
    """One document after ingestion: normalised text, paragraph spans, offset map."""

    name: str
    text: str
    paragraphs: list[tuple[int, int]]
    offsets: array
    file: str = ""
    warnings: list[dict] = field(default_factory=list)
    heading_hints: set[int] = field(default_factory=set)  # paragraphs formatted as headings (docx)
    encoding: str = ""
    original: str = ""  # a text read as simplified (warning traditional_converted): ``text`` in its own script
    furniture: frozenset = frozenset()  # paragraphs a PDF printed as page numbers: its layout, not web noise

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]


def is_scratch_file(name: str) -> bool:
    """Not a document, whatever its extension: Word's owner file ``~$张三.docx`` (written beside a
    document while it is open: only the user's name) and hidden files (``.DS_Store``, ``._张三.docx``).

    >>> is_scratch_file("~$建国-对照检查.docx"), is_scratch_file("张建国-对照检查.docx")
    (True, False)
    """
    return name.startswith(("~$", "."))


def expand_paths(paths: list[str]) -> list[str]:
    """Files named directly, plus, below each named folder, every supported regular file and every
    word-processor file jingzi cannot read (:data:`UNREADABLE_MATERIALS`, so that it is reported, not
    lost); scratch files (:func:`is_scratch_file`) and hidden folders are left out."""
    out = []
    wanted = SUPPORTED | UNREADABLE_MATERIALS
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.suffix.lower() in wanted and not any(is_scratch_file(part) for part in
                                                                 f.relative_to(path).parts) and f.is_file())
        else:
            out.append(p)
    return out


def display_name(name: str | os.PathLike) -> str:
    """A file name or path as valid Unicode, for reports, tables and the terminal.

    Names the file system could not decode (bytes kept as surrogates, e.g. GBK names from
    a zip archive) are decoded per path component as UTF-8, else GB18030, else with U+FFFD.

    >>> display_name(os.fsdecode("材料/对照".encode("gbk") + b".txt"))
    '材料/对照.txt'
    """
    name = os.fspath(name)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    parts = []
    for part in os.fsencode(name).split(b"/"):
        for enc in ("utf-8", "gb18030"):
            try:
                parts.append(part.decode(enc))
                break
            except UnicodeDecodeError:
                continue
        else:
            parts.append(part.decode("utf-8", errors="replace"))
    return "/".join(parts)


def open_regular(path: str | os.PathLike, limit: int) -> int:
    """Open a regular file of at most ``limit`` bytes for reading; return its descriptor.

    Anything else (a folder, FIFO, device, socket) is refused without a blocking open, so a
    FIFO with no writer cannot hang the caller.
    """
    shown = display_name(Path(path).name)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise JingziError("not_found", f"文件不存在 / no such file: {display_name(path)}") from None
    except OSError as exc:
        raise JingziError("unreadable", f"无法读取 / cannot read {shown}: {exc.strerror}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise JingziError("unsupported_type", f"是文件夹 / is a folder: {display_name(path)}")
    if not stat.S_ISREG(st.st_mode):
        raise JingziError("not_regular_file", f"不是普通文件 / not a regular file: {shown}")
    try:  # O_NONBLOCK: if the path was swapped for a FIFO since stat, open still returns at once
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise JingziError("unreadable", f"无法读取 / cannot read {shown}: {exc.strerror}") from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise JingziError("not_regular_file", f"不是普通文件 / not a regular file: {shown}")
    if st.st_size > limit:
        os.close(fd)
        raise JingziError("too_large", f"文件过大 / too large: {st.st_size / 1e6:.1f} MB > {limit / 1e6:.0f} MB")
    os.set_blocking(fd, True)
    return fd


def read_bytes(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`)."""
    fd = open_regular(path, limit)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:  # in chunks: read(limit) would allocate limit bytes
            chunks, size = [], 0
            while size <= limit and (chunk := fh.read(1 << 20)):
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)
    except OSError as exc:
        raise JingziError("unreadable", f"无法读取 / cannot read {display_name(Path(path).name)}: "
                                        f"{exc.strerror}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew after it was opened
        raise JingziError("too_large", f"文件过大 / too large: > {limit / 1e6:.0f} MB")
    return data


def check_file(path: str | Path) -> None:
    """What can be told of a file without reading it (its name and ``stat``): it exists, is a
    regular file of a supported type and within the size limit; else :class:`JingziError`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_dir() and suffix not in SUPPORTED and path.exists():
        raise JingziError("unsupported_type", f"不支持的文件类型 {display_name(suffix) or '(无扩展名)'}: "
                                              f"{display_name(path.name)}")
    os.close(open_regular(path, MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_BINARY_BYTES))


def read_path(path: str | Path) -> Source:
    """Read and normalise one file; raises :class:`JingziError` with a code on bad input."""
    path = Path(path)
    name = display_name(path.name)
    check_file(path)
    suffix = path.suffix.lower()
    data = read_bytes(path, MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_BINARY_BYTES)
    hints: set[int] = set()
    encoding, warnings = "", []
    if suffix in TEXT_SUFFIXES:
        raw, encoding, warnings = decode_text(data)
    elif suffix == ".docx":
        raw, hints = read_docx(data)
    else:
        raw = read_pdf(data)
    source = normalise(raw, name=name, hinted_lines=hints, markdown=suffix == ".md", unwrap=suffix in TEXT_SUFFIXES)
    source.file, source.encoding = display_name(path), encoding
    source.warnings[:0] = warnings
    if suffix == ".pdf":
        source.furniture = frozenset(k for k, (a, b) in enumerate(source.paragraphs)
                                     if _PAGE_NUMBER.match(source.text[a:b]))
    return source


def from_text(text: str, name: str | None = None) -> Source:
    """Normalise text given directly (``analyzer.analyze``)."""
    return normalise(text, name=name or "<text>", unwrap=True)


def decode_text(data: bytes) -> tuple[str, str, list[dict]]:
    """Decode bytes of a text file: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5; a file whose
    lines are in different encodings is decoded line by line. Returns (text, encoding, warnings)."""
    if not data.strip():
        raise JingziError("empty", "文件为空 / the file is empty")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, []
    text_like = b"\x00" not in data[:65536]
    if text_like:
        try:
            return data.decode("utf-8"), "utf-8", []
        except UnicodeDecodeError:
            pass
    candidates = []
    for enc in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        try:
            candidates.append((_plausibility(data.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    score, enc = max(candidates, default=(-1.0, ""))
    if text_like:
        mixed, counts = _decode_lines(data)
        if len(counts) > 1 or "replaced" in counts:
            mixed_score = _plausibility(mixed)
            if mixed_score >= MIN_PLAUSIBILITY and mixed_score > score:
                detail = "；".join(f"{n} 行按 {enc} 解码 / {n} lines as {enc}"
                                  for enc, n in counts.items() if enc != "replaced")
                if "replaced" in counts:
                    n = counts["replaced"]
                    detail += f"；{n} 处无法识别的字节已替换为 � / {n} undecodable byte sequences replaced by �"
                return mixed, "mixed", [warning("mixed_encoding", detail)]
    if score < MIN_PLAUSIBILITY:
        if not text_like or not candidates:
            raise JingziError("binary", "文件含二进制内容 / the file holds binary data")
        raise JingziError("decode_error", "无法识别文件编码 / unknown encoding")
    return data.decode(enc), enc, []


def _decode_lines(data: bytes) -> tuple[str, dict[str, int]]:
    """Decode each line on its own: UTF-8, else the more plausible of GB18030 and Big5, else
    UTF-8 with U+FFFD. Returns the text and lines per encoding (``replaced``: U+FFFD inserted)."""
    counts: dict[str, int] = {}
    lines = []
    for raw in data.split(b"\n"):
        try:
            line, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            options = []
            for enc in ("gb18030", "big5"):
                try:
                    options.append((_plausibility(raw.decode(enc)), enc, raw.decode(enc)))
                except UnicodeDecodeError:
                    continue
            if options:
                _, enc, line = max(options)
            else:
                line, enc = raw.decode("utf-8", errors="replace"), "utf-8"
                counts["replaced"] = counts.get("replaced", 0) + line.count("\ufffd") - raw.count(
                    "\ufffd".encode())
        counts[enc] = counts.get(enc, 0) + 1
        lines.append(line)
    return "\n".join(lines), counts


@lru_cache(maxsize=1)
def _char_log_freq() -> dict[str, float]:
    """Log frequency of each character, summed over jieba's dictionary words."""
    import jieba

    counts: dict[str, int] = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            word, freq = line.split(" ", 2)[:2]
            for ch in word:
                counts[ch] = counts.get(ch, 0) + int(freq)
    return {ch: math.log(c + 1) for ch, c in counts.items()}


def _plausibility(text: str) -> float:
    """Mean log-frequency of the characters in jieba's dictionary (after t2s); control
    characters and characters outside the dictionary score 0, so mis-decoded bytes score low."""
    sample = _t2s(text[:20000])
    chars = [c for c in sample if not c.isspace() and not c.isascii() or c.isalnum()]
    if not chars:
        return -1.0
    freq = _char_log_freq()
    return sum(freq.get(c, 0.0) for c in chars) / len(chars)


def read_docx(data: bytes) -> tuple[str, set[int]]:
    """Body paragraphs and tables in reading order, each once however deeply tables nest (a
    table row with two or more filled cells is one line, its cells joined by a TAB); also which
    lines are headings by their formatting (bold-only, or a Heading/Title/标题 paragraph style).
    Only the parts the text needs are inflated (see :func:`_safe_docx`)."""
    import docx
    from docx.oxml.ns import qn

    if data.startswith(_OLE_MAGIC):
        raise JingziError("encrypted", "docx 已加密，或是旧版 .doc 文件 / encrypted .docx or legacy .doc")
    safe = _safe_docx(data)
    try:
        document = docx.Document(io.BytesIO(safe))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__})") from exc
    except Exception as exc:  # lxml and python-docx raise assorted errors on damaged parts
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__}: {exc})") from exc
    body = document.element.find(qn("w:body"))
    if body is None:
        raise JingziError("corrupt_docx", "docx 文件损坏 / corrupt .docx (no document body)")
    count = sum(1 for _ in body.iter(qn("w:p")))
    if count > MAX_DOCX_PARAGRAPHS:
        raise JingziError("too_complex", f"段落过多 / too many paragraphs: {count} > {MAX_DOCX_PARAGRAPHS}")
    lines: list[str] = []
    hints: set[int] = set()
    wrappers = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}

    def children(element, tag: str):
        """Direct children with ``tag``, looking through content controls and custom XML."""
        for child in element.iterchildren():
            if child.tag == tag:
                yield child
            elif child.tag in wrappers:
                yield from children(child, tag)

    def walk(element, depth: int) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                para = docx.text.paragraph.Paragraph(child, document)
                for part in para.text.splitlines() or [""]:
                    lines.append(part)
                runs = [r for r in para.runs if r.text.strip()]
                style = (para.style.name or "") if para.style is not None else ""
                if style.startswith(("Heading", "Title", "标题")) or runs and all(
                        r.bold or (r.style is not None and r.style.font.bold) for r in runs):
                    hints.add(len(lines) - 1)
            elif child.tag == qn("w:tbl"):
                if depth >= MAX_TABLE_NESTING:
                    raise JingziError("too_complex", f"表格嵌套过深 / tables nested more than "
                                                     f"{MAX_TABLE_NESTING} levels deep")
                for row in children(child, qn("w:tr")):
                    cells = list(children(row, qn("w:tc")))
                    texts = [_cell_text(cell) for cell in cells]
                    if sum(bool(t) for t in texts) >= 2:  # a table row: one line, cells joined by TAB
                        lines.append("\t".join(texts))
                    else:                                # a layout table: its paragraphs as they are
                        for cell in cells:
                            walk(cell, depth + 1)
            elif child.tag in wrappers:
                walk(child, depth)

    try:
        walk(body, 0)
    except JingziError:
        raise
    except Exception as exc:  # python-docx meets elements where the schema allows none
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__}: {exc})") from exc
    return "\n".join(lines), hints


_DOCX_TEXT_PARTS = ("document", "styles", "numbering")  # word/<part>.xml: what the text needs


def _safe_docx(data: bytes) -> bytes:
    """A copy of the .docx archive holding only what the text needs, checked for zip bombs.

    The package structure ([Content_Types].xml, ``*.rels``) and the document, styles and
    numbering parts are inflated, each read in chunks and stopped at the size limit whatever
    its header declares; every other part (images, headers, fonts…) is replaced by an empty
    one without being inflated.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__})") from exc
    if len(members) > MAX_DOCX_MEMBERS:
        raise JingziError("too_complex", f"docx 内含文件过多 / too many parts: {len(members)} > {MAX_DOCX_MEMBERS}")
    budget = MAX_DOCX_XML_BYTES
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for member in members:
            name = member.filename
            stem = name.rsplit("/", 1)[-1].lower()
            needed = (name == "[Content_Types].xml" or stem.endswith(".rels")
                      or name.startswith("word/") and stem.removesuffix(".xml") in _DOCX_TEXT_PARTS)
            if needed:
                blob = _inflate(archive, member, budget)
                budget -= len(blob)
            else:  # an XML part must still parse when python-docx loads the package
                blob = b"<x/>" if stem.endswith(".xml") else b""
            copy.writestr(name, blob)
    return out.getvalue()


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> bytes:
    """Inflate one member, refusing it as soon as it exceeds ``budget`` bytes or inflates more
    than :data:`MAX_DOCX_RATIO` times (above 1 MB), whatever its header declares."""
    def bomb(size: int) -> JingziError:
        return JingziError("zip_bomb", f"{member.filename} 解压后 {size / 1e6:.0f} MB（压缩 "
                                       f"{member.compress_size / 1e3:.0f} KB）/ inflates to {size / 1e6:.0f} MB; "
                                       f"limits: {MAX_DOCX_XML_BYTES / 1e6:.0f} MB of text parts, "
                                       f"{MAX_DOCX_RATIO}× per part")

    def too_big(size: int) -> bool:
        return size > budget or size > 1_000_000 and size > MAX_DOCX_RATIO * max(member.compress_size, 1)

    if too_big(member.file_size):
        raise bomb(member.file_size)
    chunks, size = [], 0
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if too_big(size):
                    raise bomb(size)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, ValueError, OSError,
            EOFError, RuntimeError) as exc:  # bad CRC or data, unknown compression, encrypted member, truncated file
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__})") from exc
    return b"".join(chunks)


def _cell_text(cell) -> str:
    """All text of a table cell on one line (its paragraphs run together)."""
    from docx.oxml.ns import qn

    parts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p"))]
    return "".join(part.strip() for part in parts).replace("\t", " ")


def read_pdf(data: bytes) -> str:
    """Text layer of a PDF (AES/RC4 with an empty password included); lines broken by the
    layout are joined back into paragraphs. Every pypdf failure becomes ``corrupt_pdf``."""
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # jingzi reports what matters itself
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise JingziError("encrypted", "PDF 有密码保护 / the PDF is password-protected")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise JingziError("too_complex", f"页数过多 / too many pages: {len(reader.pages)} > {MAX_PDF_PAGES}")
        pages = [_table_rows(page.extract_text() or "", page.extract_text(extraction_mode="layout") or "")
                 for page in reader.pages]
    except JingziError:
        raise
    except Exception as exc:  # pypdf raises PyPdfError subclasses, DependencyError and plain Python errors
        raise JingziError("corrupt_pdf", f"PDF 无法解析 / cannot parse PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(pages)
    if not _CJK_RE.search(text) and not text.strip():
        raise JingziError("pdf_no_text", "PDF 中没有可提取的文字 / the PDF has no text layer")
    return _join_layout_lines(text, _running_lines(pages))


RUNNING_LINE_CHARS = 40  # a running header or footer is one short line


def _running_lines(pages: list[str]) -> set[str]:
    """Lines printed on most pages alike (a running header or footer: the unit's name, the
    document's title): page furniture, which must neither join nor cut the paragraph it falls in."""
    if len(pages) < 2:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        for line in {ln.strip() for ln in page.splitlines()}:
            if line and len(line) <= RUNNING_LINE_CHARS:
                seen[line] = seen.get(line, 0) + 1
    return {line for line, n in seen.items() if n >= 2 and n * 2 >= len(pages)}


_SEGMENT = re.compile(r"\S+(?: {1,2}\S+)*")  # text between gaps of three or more spaces
MAX_ROW_GAP_LINES = 4  # wrapped cell lines between two lines with several columns


def _table_rows(text: str, layout: str) -> str:
    """A page's text with each table row on one line, its cells joined by a TAB (as .docx rows).

    pypdf's plain text gives a table one cell line at a time (序号 | 措施 | 责任人 | 时限 each
    on its own line, long cells wrapped), so a measure is cut from its owner and deadline. The
    layout text keeps the columns: a run of lines with two or more segments (gaps of 3+
    spaces) is a table, its widest line gives the columns. Each plain line that is one
    segment of the table gets that segment's column and the lines are grouped into rows
    (:func:`_rows`); a run that gives fewer than two rows of several cells is a page set in
    columns, read one column after the other, and stays as it was. Only the plain lines
    themselves are regrouped, so no text is lost or added."""
    columns = _segment_columns(layout)
    if not columns:
        return text
    out: list[str] = []
    run: list[tuple[int, str]] = []  # (column, line) of consecutive plain lines that are table segments

    def flush():
        rows = _rows(run)
        if sum(len(cells) >= 2 for cells in rows) >= 2:  # a table: rows of several cells
            out.extend("\t".join(cells) for cells in rows)
        else:  # one column after the other (a two-column page): the lines as they were
            out.extend(line for _, line in run)
        run.clear()

    for line in text.splitlines():
        found = columns.get(re.sub(r"\s+", "", line))
        if found:
            run.append((found.pop(0), line))
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def _rows(run: list[tuple[int, str]]) -> list[list[str]]:
    """Cells of each row: the same column again continues a wrapped cell, a later column adds a
    cell, an earlier one starts a new row."""
    rows: list[list[str]] = []
    last = -1
    for col, line in run:
        if rows and col == last:
            rows[-1][-1] += line.strip()
        elif rows and col > last:
            rows[-1].append(line.strip())
        else:
            rows.append([line.strip()])
        last = col
    return rows


def _segment_columns(layout: str) -> dict[str, list[int]]:
    """Column of every table segment in a page's layout text: its whitespace-free text ->
    the columns it stands in, in reading order. Empty when the page has no table."""
    lines = [[(m.start(), m.group()) for m in _SEGMENT.finditer(line)] for line in layout.splitlines()]
    lines = [segments for segments in lines if segments]
    columns: dict[str, list[int]] = {}
    k = 0
    while k < len(lines):
        if len(lines[k]) < 2:
            k += 1
            continue
        end = k  # the table runs to the last many-column line with few wrapped lines between
        gap = 0
        for j in range(k + 1, len(lines)):
            if len(lines[j]) >= 2:
                end, gap = j, 0
            else:
                gap += 1
                if gap > MAX_ROW_GAP_LINES:
                    break
        many = [segments for segments in lines[k:end + 1] if len(segments) >= 2]
        if len(many) >= 2:
            widest = max(many, key=len)
            bounds = [(a_start + len(a_text) + b_start) / 2
                      for (a_start, a_text), (b_start, _) in zip(widest, widest[1:])]

            def in_one_column(segments, right_of_first=False) -> bool:
                """A wrapped cell line just outside the rows: one segment inside one column."""
                if len(segments) != 1:
                    return False
                start, seg = segments[0]
                col = sum(start >= bound for bound in bounds)
                right = bounds[col] if col < len(bounds) else float("inf")
                return start + len(seg) <= right and (col > 0 or not right_of_first)

            first = k
            while first > 0 and k - first < MAX_ROW_GAP_LINES and in_one_column(lines[first - 1]):
                first -= 1  # a header cell wrapped above its row (序 | 号 整改措施 …)
            while end + 1 < len(lines) and in_one_column(lines[end + 1], right_of_first=True):
                end += 1    # the last row's cells wrapped below it (never a body line at the margin)
            for segments in lines[first:end + 1]:
                for start, seg in segments:
                    col = sum(start >= bound for bound in bounds)
                    columns.setdefault(re.sub(r"\s+", "", seg), []).append(col)
        k = end + 1
    return columns


_SENTENCE_END = tuple("。！？：…”」』")
_CLOSING_MARKS = tuple("，。；：、！？）》」』”’…,.;:!?)")  # no paragraph starts with one: its line continues the last
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,3}|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–\s]*$")
FULL_LINE = 0.85   # a line at least this share of the page's typical width runs on to the next
_INNER_END = re.compile("[。！？!?：:]")  # a sentence or heading ends inside a line


def _width(text: str) -> float:
    """A line's width on the page: an ASCII character half a Chinese one."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def _join_layout_lines(text: str, running: set[str] = frozenset()) -> str:
    """PDF lines end where the page did; rejoin them into paragraphs by layout (:func:`_layout_steps`).
    Page numbers (- 3 -, 第3页 共5页) and ``running`` headers and footers stay lines of their own,
    and the paragraph they interrupt goes on after them."""
    lines = [(line.rstrip(), line[:len(line) - len(line.lstrip(" \t\u3000\u00a0"))]) for line in text.splitlines()]
    lines = [(line.strip(), bool(indent)) for line, indent in lines if line.strip()]
    out: list[str] = []
    open_para = 0  # index in ``out`` of the paragraph the next line may continue
    for (line, _), step in zip(lines, _layout_steps(lines, running)):
        if step == "join":
            out[open_para] += line
        else:
            out.append(line)
            open_para = len(out) - 1 if step == "new" else open_para
    return "\n".join(out)


def _layout_steps(lines: list[tuple[str, bool]], running: set[str] = frozenset()) -> list[str]:
    """For each (stripped line, indented?) of a text whose lines end where a page did: "join" when
    it runs on from the paragraph open before it, "new" when it opens a paragraph (or is a table
    row), "aside" for page furniture (a page number, a ``running`` line) that neither joins nor cuts.

    A line as wide as the page's typical line (the 90th percentile of line widths) runs on into
    the next line, so a paragraph is never cut mid-word (理论学习中心 | 组集中学习). A new paragraph
    starts at an indented line (leading spaces, as text layers give a 首行缩进), after a short
    line (the last line of a paragraph, a heading, a title), and — in a document that does not
    indent — after a full line that ends a sentence; after a line ending in ``；`` only when the
    next line opens with an enumeration (二是、（二）、2.), never at every ``；``. A numbered heading
    never continues a line; a short line of section words after a full line that stops mid-sentence
    does (…民主生活会对照检 | 查材料, …现将主要问题和产生问题的原 | 因分析如下：). A line that opens
    with a closing mark (，。）》”) always continues the paragraph before it.
    """
    from .structure import looks_like_heading, numbering

    typical = _typical_width(lines)
    indenting = sum(indent for _, indent in lines) >= 2
    steps: list[str] = []
    is_open = False  # a paragraph is open that the next line may continue
    prev_full = prev_end = prev_end_clause = prev_heading = False
    for line, indent in lines:
        row = _table_row(line)
        if _PAGE_NUMBER.match(line) or line in running or row:  # page furniture, table rows
            steps.append("new" if row else "aside")
            is_open = is_open and not row
            continue
        enumerates = prev_end_clause and numbering(line)[1] > 0  # "…材料；" | "二是调研…"
        joins = is_open and (line.startswith(_CLOSING_MARKS) or not indent and prev_full and not (
            prev_end and not indenting) and not enumerates and not (prev_heading and not indenting)
            and not (numbering(line)[1] and looks_like_heading(line)))
        steps.append("join" if joins else "new")
        is_open = True
        prev_full = _width(line) >= FULL_LINE * typical
        prev_end = line.endswith(_SENTENCE_END)
        prev_end_clause = line.endswith(_SENTENCE_END + ("；", ";"))
        # a heading never runs on, however wide, unless the line goes on past it: a full line that
        # holds a sentence end and stops mid-clause is an inline heading and its body
        # ("（一）形式主义方面。理论学习中心组…以工作忙为" | "由请假，…")
        prev_heading = looks_like_heading(line) and not (
            prev_full and not line.endswith(_SENTENCE_END + ("；", ";", "：", ":")) and _INNER_END.search(line[:-1]))
    return steps


def _typical_width(lines: list[tuple[str, bool]]) -> float:
    """The 90th percentile of the widths of the lines that are neither page numbers nor table rows."""
    widths = sorted(_width(line) for line, _ in lines if not _PAGE_NUMBER.match(line) and not _table_row(line))
    return widths[round(0.9 * (len(widths) - 1))] if widths else 0.0


def _table_row(line: str) -> bool:
    """A row of a table: cells between tabs, or between bars (序号 | 存在问题 | 整改措施, ｜) as a
    table pasted into plain text keeps them; a row ends where its last cell does, never mid-sentence."""
    return "\t" in line or "｜" in line or line.count("|") >= 2 or " | " in line


_LINE_END = _SENTENCE_END + ("；", ";", ":", ".", "!", "?", "|")  # a sentence's end, or a flattened table cell's
WRAPPED_MIN_LINES = 6     # fewer lines cannot show a wrapped text
WRAPPED_MIN_WIDTH = 16    # a typical line narrower than this is a list of short items, not a wrapped page
WRAPPED_SHARE = 0.5       # this share of the body lines or more run on mid-sentence at the typical width


def wrapped_lines(text: str) -> tuple[set[int], set[int]] | None:
    """For a plain text pasted from a PDF viewer or a narrow window, whose lines end where the
    page did rather than where a paragraph does: (the numbers of the lines that run on from the
    line before, the page-number lines to leave out), by :func:`_layout_steps`; None for a text
    whose lines are its paragraphs. A text is wrapped when at least :data:`WRAPPED_SHARE` of its
    body lines (half its typical line's width or more: not the short lines of page furniture)
    are as wide as its typical line (of :data:`WRAPPED_MIN_WIDTH` or more) and stop mid-sentence,
    and some line runs on; a paragraph per line ends in 。 or is a short heading."""
    numbered = [(no, line) for no, (_, line) in enumerate(_raw_lines(text)) if line.strip(_BLANK)]
    if len(numbered) < WRAPPED_MIN_LINES:
        return None
    lines = [(line.strip(_BLANK), line[:1] in " \t\u3000\u00a0") for _, line in numbered]
    typical = _typical_width(lines)
    body = [line for line, _ in lines if _width(line) >= typical / 2 and not _table_row(line)]  # not furniture, rows
    runs_on = sum(_width(line) >= FULL_LINE * typical and not line.endswith(_LINE_END) for line in body)
    if typical < WRAPPED_MIN_WIDTH or len(body) < WRAPPED_MIN_LINES or runs_on < WRAPPED_SHARE * len(body):
        return None
    steps = _layout_steps(lines)
    joins = {no for (no, _), step in zip(numbered, steps) if step == "join"}
    return (joins, {no for (no, _), step in zip(numbered, steps) if step == "aside"}) if joins else None


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _opencc().convert(text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}               # ０-９
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})          # Ａ-Ｚ
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})          # ａ-ｚ
_WIDTH.update({0xFF05: ord("%"), 0xFF0E: ord(".")})
_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ％．]+")  # runs of the characters _WIDTH maps
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
# what a line is trimmed of: every character str.isspace calls blank (none above U+3000), and zero-width ones
_BLANK = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + _ZERO_WIDTH
_DROPPED = re.compile(f"[{_ZERO_WIDTH}]|{_INNER_SPACE.pattern}")  # inside a line: zero-width characters, inner spaces
_DROPPED_NEEDS = re.compile(f"[{_ZERO_WIDTH} \u3000\u00a0]")  # a character every match of _DROPPED holds
# Markdown (.md): what opens a line (a heading's #, a quote's >, a list's - * +), a heading's closing
# #s, a line that is only a rule or a code fence, and emphasis (** __ ~~ `) with the blanks beside it
_MD_HEADING = re.compile(r"#{1,6}(?:[ \t]+|(?=[^#\s]))")
_MD_LEAD = re.compile(r"(?:>[ \t]*)+(?:[-*+][ \t]+)?|[-*+][ \t]+")
_MD_CLOSING = re.compile(r"[ \t]+#+$")
_MD_RULE = re.compile(r"(?:[-*_][ \t]*){3,}|`{3,}.*|~{3,}.*")
_MD_DROPPED = re.compile(f"{_DROPPED.pattern}|[ \t]*(?:\\*\\*|__|~~|`)[ \t]*")


def normalise(raw: str, name: str, hinted_lines: set[int] | None = None, markdown: bool = False,
              unwrap: bool = False) -> Source:
    """Normalise raw text into a :class:`Source` (see module docstring).

    A kept line is copied as the slices between what it loses (its blanks at either end,
    zero-width characters, spaces between Chinese characters; with ``markdown``, the marks of
    :data:`_MD_HEADING`, :data:`_MD_LEAD`, :data:`_MD_DROPPED`, rules and code fences, a ``#``
    heading being a hinted heading); the offset map is made from where each slice came from, in
    one array operation (:func:`_offset_map`). With ``unwrap`` (plain text), a text whose lines
    end where a page did (:func:`wrapped_lines`) has them joined back into paragraphs, its page
    numbers left out (warning ``lines_rejoined``)."""
    if not raw.strip():
        raise JingziError("empty", f"没有文字内容 / no text in {name}")
    if len(raw) > MAX_CHARS:
        raise JingziError("too_large", f"文字过长 / too long: {len(raw)} 字 characters > {MAX_CHARS}")
    if not _CJK_RE.search(raw):
        raise JingziError("no_chinese", f"未发现中文 / no Chinese text in {name}")
    raw = _SURROGATE.sub("\ufffd", raw.replace("\ufeff", ""))  # lone surrogates (broken PDF text) cannot be encoded
    warnings: list[dict] = []
    converted, changed = simplified(raw)
    if changed:
        warnings.append(warning("traditional_converted", f"{changed} 个字"))
    text = _FULL_WIDTH.sub(lambda m: m.group().translate(_WIDTH), converted)
    joins, asides = (wrapped_lines(text) if unwrap else None) or (set(), set())
    if joins:
        warnings.append(warning("lines_rejoined", f"{len(joins)} 行"))

    out: list[str] = []      # the normalised text, slice by slice
    origins: list[int] = []  # where each slice starts in ``text``
    paragraphs: list[tuple[int, int]] = []
    heading_hints: set[int] = set()
    hinted_lines = set(hinted_lines or ())
    # nothing to drop inside the lines of most texts: then no line is searched (the search is slow per character)
    dropped = _MD_DROPPED if markdown else _DROPPED if _DROPPED_NEEDS.search(text) else None
    pos = 0
    for line_no, (line_start, line) in enumerate(_raw_lines(text)):
        cut = len(line) - len(line.lstrip(_BLANK))
        end = len(line.rstrip(_BLANK))
        if markdown and cut < end:
            cut, end = _markdown_body(line, cut, end, line_no, hinted_lines)
        if cut >= end or line_no in asides:
            continue
        joined = line_no in joins and bool(paragraphs)  # runs on from the line before: no line break
        if out and not joined:
            out.append("\n")
            origins.append(line_start - 1)
            pos += 1
        start = paragraphs.pop()[0] if joined else pos
        for m in dropped.finditer(line, cut, end) if dropped else ():
            out.append(line[cut:m.start()])
            origins.append(line_start + cut)
            pos += m.start() - cut
            cut = m.end()
        out.append(line[cut:end])
        origins.append(line_start + cut)
        pos += end - cut
        paragraphs.append((start, pos))
        if len(paragraphs) > MAX_PARAGRAPHS:
            raise JingziError("too_complex", f"段落过多 / too many paragraphs: > {MAX_PARAGRAPHS}")
        if hinted_lines and line_no in hinted_lines:
            heading_hints.add(len(paragraphs) - 1)
    norm = "".join(out)
    cjk = _cjk_count(norm)
    if cjk < 0.3 * (len(norm) - norm.count("\n")):
        warnings.append(warning("low_chinese", f"中文字符占 {cjk / max(len(norm), 1):.0%}"))
    if len(paragraphs) < 3 and len(norm) > 400:
        warnings.append(warning("few_paragraphs", f"{len(paragraphs)} 段"))
    offsets = _offset_map(out, origins)
    return Source(name=name, text=norm, paragraphs=paragraphs, offsets=offsets, warnings=warnings,
                  heading_hints=heading_hints, original=_as_given(norm, offsets, raw, converted) if changed else "")


def simplified(raw: str) -> tuple[str, int]:
    """``raw`` read as simplified text, character for character, and how many characters that
    changed: ``(raw, 0)`` unless it is evidently traditional (OpenCC ``t2s`` changes
    :data:`TRADITIONAL_SHARE` of its Chinese characters, and 5 or more), so that a simplified text with
    a traditional name or a stray character in it is read exactly as written."""
    converted = _t2s(raw)
    if converted == raw:
        return raw, 0
    if len(converted) != len(raw):  # OpenCC t2s is per character in practice; keep offsets exact
        converted = "".join(_t2s(ch) if len(_t2s(ch)) == 1 else ch for ch in raw)
    changed = int((_code_points(raw) != _code_points(converted)).sum())
    return (converted, changed) if changed >= max(5, TRADITIONAL_SHARE * _cjk_count(raw)) else (raw, 0)


def _as_given(norm: str, offsets: array, raw: str, converted: str) -> str:
    """The normalised text ``norm`` in the script ``raw`` was written in: every character that
    conversion changed put back from ``raw`` (same length as ``norm``, so offsets hold for both)."""
    import numpy as np

    at = np.frombuffer(offsets, dtype=np.intc)
    before, after = _code_points(raw)[at], _code_points(converted)[at]
    return np.where(before != after, before, _code_points(norm)).astype("<u4").tobytes().decode("utf-32-le")


def _markdown_body(line: str, cut: int, end: int, line_no: int, hinted_lines: set[int]) -> tuple[int, int]:
    """Where the text of a Markdown line starts and ends (``cut``, ``end``: its blanks trimmed):
    after a heading's ``#`` (the line then goes into ``hinted_lines``) or a quote's or list's
    mark, before a heading's closing ``#``; empty for a rule, a code fence or a line of marks only."""
    if _MD_RULE.fullmatch(line, cut, end) or not _MD_DROPPED.sub("", line[cut:end]).strip("#>-*+"):
        return end, end
    heading = _MD_HEADING.match(line, cut, end)
    if heading:
        hinted_lines.add(line_no)
        closing = _MD_CLOSING.search(line, heading.end(), end)
        return heading.end(), closing.start() if closing else end
    lead = _MD_LEAD.match(line, cut, end)
    return (lead.end() if lead else cut), end


def _offset_map(slices: list[str], origins: list[int]) -> array:
    """The offset map of text made of ``slices`` (in order), each copied from ``origins[k]`` on:
    every character's origin, as ``array("i")``."""
    import numpy as np

    lengths = np.fromiter(map(len, slices), dtype=np.intp, count=len(slices))
    shift = np.asarray(origins, dtype=np.intp) - (np.cumsum(lengths) - lengths)  # origin minus position
    out = array("i")
    out.frombytes((np.arange(lengths.sum()) + np.repeat(shift, lengths)).astype(np.intc).tobytes())
    return out


def _code_points(text: str):
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _cjk_count(text: str) -> int:
    """Characters of ``text`` in the ranges of :data:`_CJK_RE`."""
    import numpy as np

    cp = _code_points(text)  # unsigned: below a range's start, the difference wraps round to a large number
    return int(np.count_nonzero(cp - np.uint32(0x3400) <= 0x9FFF - 0x3400) +
               np.count_nonzero(cp - np.uint32(0xF900) <= 0xFAFF - 0xF900))


def _raw_lines(text: str):
    """Yield (start offset, line) for each line, whatever the line-break convention."""
    start = 0
    if not _OTHER_LINEBREAKS.search(text):  # line feeds only (the usual text): no search per line
        for line in text.split("\n"):
            yield start, line
            start += len(line) + 1
        return
    for m in _LINEBREAKS_OR_NL.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


_LINEBREAKS_OR_NL = re.compile("\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")
_OTHER_LINEBREAKS = re.compile("[\r\u2028\u2029\x0b\x0c\x85]")  # the line breaks of _LINEBREAKS_OR_NL but \n
