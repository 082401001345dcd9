"""Stage 1: read a file (txt/md in any common Chinese encoding, docx, pdf) and normalise it.

Normalisation: traditional -> simplified (OpenCC ``t2s``), full-width digits, letters and
``%`` -> half-width, every line break -> ``\\n``, spaces inside Chinese text removed, blank
lines dropped. ``Source.offsets[i]`` is the index in the raw extracted text of normalised
character ``i``, so every finding can be traced back.
"""
from __future__ import annotations

import hashlib
import math
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import JingziError, warning

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED = TEXT_SUFFIXES | {".docx", ".pdf"}
MAX_TEXT_BYTES = 2 * 1024 * 1024     # a material is tens of KB; refuse before reading
MAX_BINARY_BYTES = 50 * 1024 * 1024  # docx/pdf may carry images
MAX_CHARS = 500_000                  # after extraction
MIN_PLAUSIBILITY = 6.5               # mean log char frequency; real Chinese text scores about 10

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_CJK_OR_PUNCT = f"[{_CJK}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014]"
# spaces between two Chinese characters/punctuation marks are typing or extraction noise
_INNER_SPACE = re.compile(f"(?<={_CJK_OR_PUNCT})[ \t\u3000\u00a0]+(?={_CJK_OR_PUNCT})")
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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]


def expand_paths(paths: list[str]) -> list[str]:
    """Files named directly, plus every supported file below each named folder."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            out.append(p)
    return out


def read_path(path: str | Path) -> Source:
    """Read and normalise one file; raises :class:`JingziError` with a code on bad input."""
    path = Path(path)
    if not path.exists():
        raise JingziError("not_found", f"文件不存在 / no such file: {path}")
    if path.is_dir():
        raise JingziError("unsupported_type", f"是文件夹 / is a folder: {path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise JingziError("unsupported_type", f"不支持的文件类型 {suffix or '(无扩展名)'}: {path.name}")
    size = path.stat().st_size
    limit = MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_BINARY_BYTES
    if size > limit:
        raise JingziError("too_large", f"文件过大 / too large: {size / 1e6:.1f} MB > {limit / 1e6:.0f} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise JingziError("unreadable", f"无法读取 / cannot read {path.name}: {exc.strerror}") from exc
    hints: set[int] = set()
    encoding = ""
    if suffix in TEXT_SUFFIXES:
        raw, encoding = decode_text(data)
    elif suffix == ".docx":
        raw, hints = read_docx(data)
    else:
        raw = read_pdf(data)
    source = normalise(raw, name=path.name, hinted_lines=hints)
    source.file, source.encoding = str(path), encoding
    return source


def from_text(text: str, name: str | None = None) -> Source:
    """Normalise text given directly (``analyzer.analyze``)."""
    return normalise(text, name=name or "<text>")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a text file: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5."""
    if not data.strip():
        raise JingziError("empty", "文件为空 / the file is empty")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if b"\x00" not in data[:65536]:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = []
    for enc in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        try:
            candidates.append((_plausibility(data.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    score, enc = max(candidates, default=(-1.0, ""))
    if score < MIN_PLAUSIBILITY:
        if b"\x00" in data[:65536] or not candidates:
            raise JingziError("binary", "文件含二进制内容 / the file holds binary data")
        raise JingziError("decode_error", "无法识别文件编码 / unknown encoding")
    return data.decode(enc), enc


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
    """Body paragraphs and table cells in reading order; also which lines are headings by their
    formatting (bold-only, or a Heading/Title/标题 paragraph style)."""
    import io

    import docx
    from docx.oxml.ns import qn

    if data.startswith(_OLE_MAGIC):
        raise JingziError("encrypted", "docx 已加密，或是旧版 .doc 文件 / encrypted .docx or legacy .doc")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__})") from exc
    except Exception as exc:  # lxml and python-docx raise assorted errors on damaged parts
        raise JingziError("corrupt_docx", f"docx 文件损坏 / corrupt .docx ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    hints: set[int] = set()

    def walk(element) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                para = docx.text.paragraph.Paragraph(child, document)
                text = para.text
                for part in text.splitlines() or [""]:
                    lines.append(part)
                runs = [r for r in para.runs if r.text.strip()]
                style = (para.style.name or "") if para.style is not None else ""
                if style.startswith(("Heading", "Title", "标题")) or runs and all(
                        r.bold or (r.style is not None and r.style.font.bold) for r in runs):
                    hints.add(len(lines) - 1)
            elif child.tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    for cell in row.iterchildren(qn("w:tc")):
                        walk(cell)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return "\n".join(lines), hints


def read_pdf(data: bytes) -> str:
    """Text layer of a PDF; lines broken by the layout are joined back into paragraphs."""
    import io
    import logging

    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise JingziError("encrypted", "PDF 有密码保护 / the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except JingziError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise JingziError("corrupt_pdf", f"PDF 无法解析 / cannot parse PDF ({exc})") from exc
    text = "\n".join(pages)
    if not _CJK_RE.search(text) and not text.strip():
        raise JingziError("pdf_no_text", "PDF 中没有可提取的文字 / the PDF has no text layer")
    return _join_layout_lines(text)


_SENTENCE_END = tuple("。！？：…”」』")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,3}|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–\s]*$")
FULL_LINE = 0.85   # a line at least this share of the page's typical width runs on to the next


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _join_layout_lines(text: str) -> str:
    """PDF lines end where the page did; rejoin them into paragraphs by layout.

    A line as wide as the page's typical line (the 90th percentile of line widths) runs on into
    the next line, so a paragraph is never cut mid-word (理论学习中心 | 组集中学习). A new paragraph
    starts at an indented line (leading spaces, as text layers give a 首行缩进), after a short
    line (the last line of a paragraph, a heading, a title), and — in a document that does not
    indent — after a full line that ends a sentence; after a line ending in ``；`` only when the
    next line opens with an enumeration (二是、（二）、2.), never at every ``；``. Page numbers
    (- 3 -, 第3页 共5页) stay lines of their own, and the paragraph they interrupt goes on after them.
    """
    from .structure import numbering

    lines = [(line.rstrip(), line[:len(line) - len(line.lstrip(" \t\u3000\u00a0"))]) for line in text.splitlines()]
    lines = [(line.strip(), bool(indent)) for line, indent in lines if line.strip()]
    widths = sorted(_width(line) for line, _ in lines if not _PAGE_NUMBER.match(line))
    typical = widths[round(0.9 * (len(widths) - 1))] if widths else 0.0
    indenting = sum(indent for _, indent in lines) >= 2
    out: list[str] = []
    open_para = None  # index in ``out`` of the paragraph the next line may continue
    prev_full = prev_end = prev_end_clause = False
    for line, indent in lines:
        if _PAGE_NUMBER.match(line):
            out.append(line)
            continue
        enumerates = prev_end_clause and numbering(line)[1] > 0  # "…材料；" | "二是调研…"
        joins = open_para is not None and not indent and prev_full and not (prev_end and not indenting) \
            and not enumerates
        if joins:
            out[open_para] += line
        else:
            out.append(line)
            open_para = len(out) - 1
        prev_full = _width(line) >= FULL_LINE * typical
        prev_end = line.endswith(_SENTENCE_END)
        prev_end_clause = line.endswith(_SENTENCE_END + ("；", ";"))
    return "\n".join(out)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _opencc().convert(text)


_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}               # ０-９
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})          # Ａ-Ｚ
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})          # ａ-ｚ
_WIDTH.update({0xFF05: ord("%"), 0xFF0E: ord(".")})


def normalise(raw: str, name: str, hinted_lines: set[int] | None = None) -> Source:
    """Normalise raw text into a :class:`Source` (see module docstring)."""
    if not raw.strip():
        raise JingziError("empty", f"没有文字内容 / no text in {name}")
    if len(raw) > MAX_CHARS:
        raise JingziError("too_large", f"文字过长 / too long: {len(raw)} characters > {MAX_CHARS}")
    if not _CJK_RE.search(raw):
        raise JingziError("no_chinese", f"未发现中文 / no Chinese text in {name}")
    raw = raw.replace("\ufeff", "")
    warnings: list[dict] = []
    converted = _t2s(raw)
    if len(converted) != len(raw):  # OpenCC t2s is per character in practice; keep offsets exact
        converted = "".join(_t2s(ch) if len(_t2s(ch)) == 1 else ch for ch in raw)
    changed = sum(a != b for a, b in zip(raw, converted))
    if changed >= 5 and changed > 0.01 * len(_CJK_RE.findall(raw)):
        warnings.append(warning("traditional_converted", f"{changed} 个字"))
    text = converted.translate(_WIDTH)

    out: list[str] = []
    offsets = array("i")
    paragraphs: list[tuple[int, int]] = []
    heading_hints: set[int] = set()
    pos = 0
    for line_no, (line_start, line) in enumerate(_raw_lines(text)):
        kept = _clean_line(line)
        if kept:
            if out:
                out.append("\n")
                offsets.append(line_start - 1 if line_start else 0)
                pos += 1
            start = pos
            for idx in kept:
                out.append(line[idx])
                offsets.append(line_start + idx)
            pos += len(kept)
            paragraphs.append((start, pos))
            if hinted_lines and line_no in hinted_lines:
                heading_hints.add(len(paragraphs) - 1)
    norm = "".join(out)
    cjk = len(_CJK_RE.findall(norm))
    if cjk < 0.3 * len(norm.replace("\n", "")):
        warnings.append(warning("low_chinese", f"中文字符占 {cjk / max(len(norm), 1):.0%}"))
    if len(paragraphs) < 3 and len(norm) > 400:
        warnings.append(warning("few_paragraphs", f"{len(paragraphs)} 段"))
    return Source(name=name, text=norm, paragraphs=paragraphs, offsets=offsets,
                  warnings=warnings, heading_hints=heading_hints)


def _raw_lines(text: str):
    """Yield (start offset, line) for each line, whatever the line-break convention."""
    start = 0
    for m in _LINEBREAKS_OR_NL.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


_LINEBREAKS_OR_NL = re.compile("\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")


def _clean_line(line: str) -> list[int]:
    """Indices of the characters of ``line`` that survive: trimmed, inner spaces removed."""
    drop = set()
    for m in _INNER_SPACE.finditer(line):
        drop.update(range(m.start(), m.end()))
    keep = [i for i, ch in enumerate(line) if i not in drop and ch not in "\u200b\u200c\u200d\ufeff"]
    first = next((k for k, i in enumerate(keep) if not line[i].isspace()), len(keep))
    last = next((k for k in range(len(keep) - 1, -1, -1) if not line[keep[k]].isspace()), -1)
    return keep[first:last + 1]
