"""Rectification plans (整改方案, document kind ``rectification``): items and their fields.

The seed asks for 路线图、任务书、时间表: every item with its problem, a concrete measure, a named
owner, a deadline and a standard of result. Items are read from

* tables: a .docx table (ingest gives each row as one paragraph, cells joined by a TAB) or a
  text table (cells split by TAB, ``|`` or ``｜``), columns named by the header row; ``同上``
  takes the cell of the row above;
* labelled fields ("问题：…；措施：…；责任人：…；时限：…"), on one line or several;
* numbered prose ("（一）针对…的问题，…。由XX负责，6月底前完成，确保…。"), also run together in
  one paragraph.

All rules, with their words in ``data/lexicons/rectification.yaml``; each missing field says why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .document import Document, RectificationResult
from .resources import lexicon, load_yaml

FIELDS = ("problem", "measure", "owner", "deadline", "standard")
FIELD_LABEL = {"problem": "问题", "measure": "措施", "owner": "责任人", "deadline": "时限", "standard": "标准"}
_CELL_SPLIT = re.compile(r"\t|\s*[|｜]\s*")
_EMPTY_CELL = {"", "—", "-", "--", "/", "无", "——", "…"}
_SAME_AS_ABOVE = {"同上", "同前", "〃", "同上栏"}
_MARKERS = {
    "paren_digit": r"[（(]\d{1,2}[)）]",
    "digit_dot": r"\d{1,2}[.．](?!\d)",
    "digit_dun": r"\d{1,2}、",
    "paren_cn": r"（[一二三四五六七八九十]{1,3}）",
    "cn_dun": r"[一二三四五六七八九十]{1,3}、",
    "circled": r"[①-⑳]",
    "shi": r"[一二三四五六七八九十]{1,3}是",
}
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


@dataclass
class Item:
    text: str
    start: int
    end: int
    problem: str | None = None
    measure: str | None = None
    measure_concrete: bool = False
    owner: str | None = None
    deadline: dict | None = None
    standard: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        present = {"problem": self.problem, "measure": self.measure and self.measure_concrete,
                   "owner": self.owner, "deadline": self.deadline, "standard": self.standard}
        return [f for f in FIELDS if not present[f]]

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "problem": self.problem,
                "measure": self.measure, "measure_concrete": self.measure_concrete, "owner": self.owner,
                "deadline": self.deadline, "standard": self.standard, "missing": self.missing, "notes": self.notes}


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load_yaml("lexicons/rectification.yaml")
    labels = {f: sorted(map(str, d["labels"][f]), key=len, reverse=True) for f in FIELDS}
    every = sorted({lab for f in FIELDS for lab in labels[f]}, key=len, reverse=True)
    return {
        "labels": labels,
        "label_re": re.compile(r"(?:^|(?<=[\s。；;，,：:]))(" + "|".join(map(re.escape, every)) + r")\s*[：:]"),
        "not_owner": [str(x) for x in d["not_owner"]],
        "ongoing": re.compile("|".join(map(re.escape, sorted(map(str, d["ongoing"]), key=len, reverse=True)))),
        "date": re.compile("|".join(f"(?:{r})" for r in d["date"])),
        "openers": tuple(map(str, d["standard_openers"])),
        "measurable": re.compile("|".join(f"(?:{r})" for r in d["measurable"])),
        "concrete": re.compile("|".join(f"(?:{r})" for r in d["concrete"])),
        "vague": lexicon("measures", "vague"),
        "owner_cues": re.compile(r"由(?P<a>[^，。；;,]{2,20}?)(?:负责|牵头)|(?P<b>[^，。；;,：:]{2,20}?)(?:牵头抓好落实|牵头负责|牵头落实|负责落实|牵头)"),
    }


def label_field(label: str) -> str | None:
    for f, labs in _lex()["labels"].items():
        if label in labs:
            return f
    return None


# --------------------------------------------------------------------------- field judgements

def judge_owner(text: str | None, notes: list[str]) -> str | None:
    """A named leader or unit; collective subjects (各科室, 相关部门 …) are not owners."""
    if not text:
        return None
    text = text.strip("。；;，, ")
    if not text:
        return None
    if any(text == w or text.startswith(w) for w in _lex()["not_owner"]) or text.startswith(("各", "相关", "有关", "全体")):
        notes.append(f"“{text}”不是具体责任人 / not a named owner")
        return None
    return text


def judge_deadline(text: str | None, notes: list[str]) -> dict | None:
    """A date (including a period such as 3个月内) or ongoing (长期坚持 …)."""
    if not text:
        return None
    lx = _lex()
    m = lx["date"].search(text)
    if m:
        return {"text": text.strip("。；;，, "), "type": "date"}
    if lx["ongoing"].search(text):
        return {"text": text.strip("。；;，, "), "type": "ongoing"}
    notes.append(f"时限“{text}”不是日期 / deadline is not a date")
    return None


def judge_standard(text: str | None, notes: list[str]) -> str | None:
    """A standard of result someone can check (a number, 全部, 零发生 …); 明显提升 is not one."""
    if not text:
        return None
    text = text.strip("。；;，, ")
    if _lex()["measurable"].search(text):
        return text
    notes.append(f"标准“{text}”无法衡量 / standard not measurable")
    return None


def judge_measure(text: str | None, notes: list[str]) -> bool:
    """Concrete: an action with an object or a number; not only 进一步加强/认真学习-style words."""
    if not text:
        return False
    lx = _lex()
    vague = lx["vague"].phrases(text)
    if lx["concrete"].search(text) or not vague:
        return True
    notes.append("措施只有" + ("、".join(f"“{v}”" for v in vague[:3]) if vague else "原则性表态")
                 + " / measure is only general words")
    return False


# --------------------------------------------------------------------------- items

def split_items(text: str) -> list[Item]:
    """Every item of a plan, from its tables first, then from numbered or labelled text."""
    items, table_lines = _table_items(text)
    rest = _mask(text, table_lines)
    return sorted(items + _text_items(rest), key=lambda it: it.start)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for k in range(s, e):
            chars[k] = " "
    return "".join(chars)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line)]


def _header_fields(cells: list[str]) -> list[str | None] | None:
    """Field of each column when ``cells`` is a header row (short cells naming two fields)."""
    if any(len(c) > 10 for c in cells):
        return None
    cols = []
    for c in cells:
        f = None
        for field_name, labs in _lex()["labels"].items():
            if any(lab in c for lab in labs):
                f = field_name
                break
        cols.append(f)
    return cols if sum(f is not None for f in cols) >= 2 and ("problem" in cols or "measure" in cols) else None


def _table_items(text: str) -> tuple[list[Item], list[tuple[int, int]]]:
    items, used = [], []
    columns = None
    above: dict[str, str] = {}
    for pos, line in _lines(text):
        cells = _cells(line) if _CELL_SPLIT.search(line) else []
        if len(cells) < 3:
            columns = None
            continue
        header = _header_fields(cells)
        if header:
            columns, above = header, {}
            used.append((pos, pos + len(line)))
            continue
        if not columns:
            continue
        used.append((pos, pos + len(line)))
        raw = {}
        for f, cell in zip(columns, cells):
            if f is None or cell in _EMPTY_CELL:
                continue
            if cell in _SAME_AS_ABOVE:
                cell = above.get(f, "")
            if cell:
                raw[f] = cell
        above.update(raw)
        items.append(_build(line, pos, pos + len(line), raw))
    return items, used


def _text_items(text: str) -> list[Item]:
    family = _item_family(text)
    if family:
        marks = list(re.finditer(rf"(?:(?<=^)|(?<=[\n。；;：:]))\s*{_MARKERS[family]}", text, re.M))
        spans = [(m.end(), marks[k + 1].start() if k + 1 < len(marks) else _block_end(text, m.end()))
                 for k, m in enumerate(marks)]
    else:  # unnumbered labelled items: each begins at a problem label
        starts = [m.start() for m in _lex()["label_re"].finditer(text) if label_field(m.group(1)) == "problem"]
        spans = [(s, starts[k + 1] if k + 1 < len(starts) else _block_end(text, s)) for k, s in enumerate(starts)]
    items = []
    for s, e in spans:
        while s < e and text[s] in " \n\t":
            s += 1
        while e > s and text[e - 1] in " \n\t":
            e -= 1
        if e - s >= 8:
            items.append(_from_text(text[s:e], s, e))
    return items


def _item_family(text: str) -> str | None:
    """The enumeration family that numbers the items: the one with most markers that open a line
    or follow a full stop (ties go to the finer family, listed first)."""
    best, best_n = None, 1
    for name, pat in _MARKERS.items():
        n = len(re.findall(rf"(?:(?<=^)|(?<=[\n。；;：:]))\s*{pat}", text, re.M))
        if n > best_n:
            best, best_n = name, n
    return best


def _block_end(text: str, start: int) -> int:
    """Where the last item ends: at a closing line after it (a date, 附件/特此/抄送, a new top-level
    heading, or a short signature line with no punctuation), or at the text's end."""
    m = re.search(r"\n(?:\s*(?:[\dXx]{2,4}年|附件|特此|抄送|[一二三四五六七八九十]、)|[^\n。；;，,：:]{1,20}(?:\n|$))",
                  text[start:])
    return start + m.start() if m else len(text)


def _from_text(chunk: str, start: int, end: int) -> Item:
    """Fields of one item: labelled values first ("措施：…" up to the sentence end), then the
    unlabelled sentences judged by their cues."""
    raw: dict[str, str] = {}
    leftover: list[str] = []
    labelled = list(_lex()["label_re"].finditer(chunk))
    cut = labelled[0].start() if labelled else len(chunk)
    leftover.append(chunk[:cut])
    for k, m in enumerate(labelled):
        stop = labelled[k + 1].start() if k + 1 < len(labelled) else len(chunk)
        span = chunk[m.end():stop]
        cut_at = re.search(r"[。\n]", span)
        value, rest = (span[:cut_at.end()], span[cut_at.end():]) if cut_at else (span, "")
        f = label_field(m.group(1))
        value = value.strip(" ；;。\n")
        if f and value and f not in raw:
            raw[f] = value
        leftover.append(rest)
    sentences = [s.strip(" 。；;\n") for part in leftover for s in _SENTENCE.findall(part)]
    _prose_fields([s for s in sentences if s], raw, first_is_problem=bool(chunk[:cut].strip(" 。；;\n")))
    if raw.get("problem"):
        raw["problem"] = re.sub(r"^(?:针对|关于)|的问题$|问题$", "", raw["problem"]) or raw["problem"]
    return _build(chunk, start, end, raw)


def _prose_fields(sentences: list[str], raw: dict[str, str], first_is_problem: bool) -> None:
    """Fields of unlabelled sentences: the problem first, then owner, deadline and standard
    sentences by their cues; the rest is the measure."""
    lx = _lex()
    measure = []
    for k, core in enumerate(sentences):
        if k == 0 and first_is_problem and "problem" not in raw:
            m = re.match(r"(?:针对|关于)(?P<p>.+?)的问题[，,]?(?P<rest>.*)$", core)
            raw["problem"] = m.group("p") if m else core
            core = m.group("rest").strip("，, ") if m else ""
            if not core:
                continue
        owner = lx["owner_cues"].search(core)
        if owner and len(core) <= 30:
            raw.setdefault("owner", (owner.group("a") or owner.group("b")).strip())
            continue
        if len(core) <= 24 and (lx["date"].match(core) or lx["ongoing"].match(core) or re.search(r"[前内]完成$", core)):
            raw.setdefault("deadline", re.sub(r"完成$", "", core))
            continue
        if core.startswith(lx["openers"]):
            raw.setdefault("standard", next(core[len(o):] for o in lx["openers"] if core.startswith(o)))
            continue
        measure.append(core)
    if measure and "measure" not in raw:
        raw["measure"] = "；".join(measure)


def _build(text: str, start: int, end: int, raw: dict[str, str]) -> Item:
    notes: list[str] = []
    it = Item(text, start, end, problem=raw.get("problem") or None, measure=raw.get("measure") or None)
    it.measure_concrete = judge_measure(it.measure, notes)
    it.owner = judge_owner(raw.get("owner"), notes)
    it.deadline = judge_deadline(raw.get("deadline"), notes)
    it.standard = judge_standard(raw.get("standard"), notes)
    it.notes = notes
    return it


def assess(doc: Document) -> RectificationResult:
    """The items of a rectification plan, found in the whole normalised text (a table row or a
    run-on paste crosses paragraphs), with their fields and what each lacks."""
    items = split_items(doc.text)
    complete = sum(not it.missing for it in items)
    missing: dict[str, int] = {f: sum(f in it.missing for it in items) for f in FIELDS}
    return RectificationResult(items=tuple(items), complete=complete, items_missing_fields=len(items) - complete,
                               missing_counts=missing)
