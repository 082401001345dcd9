"""Stage 3a: paragraphs from any shape — a run-on line is split at its inline headings,
enumerations and, failing those, sentences.

Web pages and chat pastes deliver a material as one long line. A line is *run-on* when it is
longer than :data:`RUNON_CHARS` (:data:`SENTENCE_SPLIT` when it is one of at most two
lines of the document: a paste that lost every line break), or when it holds a second heading number of levels 一、/（一）
after its start (no paragraph of a written material does). Such a line is cut before every
accepted inline marker (一、 （一） 1. 1、 （1） ① 一是 第一， 首先， 一方面， …), before a
closing sentence (恳请同志们批评指正) or one that opens the causes or measures without a number
(究其原因…, 今后…), after a document title or a run-in section title
(二、产生问题的原因 | 主要是…), and a piece that is still long (over 200 characters after a
number, 120 without) is cut after each sentence. A marker is accepted only

- outside quotations (“…” 《…》 「…」),
- in sequence: 二、 needs an accepted 一、 before it, 一、 needs a 二、 after it (so 统一、
  唯一是, 第一书记 and 一、二级 are no markers) unless it stands alone after a sentence end or
  colon (…如下：（一）…) or right under a heading of a higher level (一、问题类型（一）政治方面…:
  an excerpt may end before the second number),
- with the right neighbours: 1. and 1、 not inside a number (1.5亿, 2023年1月, 3、4次);
  第一/首先/一方面 only after a sentence or clause end and before a comma.

A web page pasted as one line also has paragraph breaks that no punctuation marks (see
:func:`_page_cuts` and :func:`_repeat_cut`): after an unpunctuated title (repeated at once, or a word
of it opening a definition, or followed by a date, 近日 or 根据/按照… after a document type), before
news datelines and 〔摘要〕 tags, around dated subtitles, salutations and 篇一. A short paste (under
SENTENCE_SPLIT characters) is split only when one of these cues is present.

A normal multi-line material has no run-on line and comes out exactly as its lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

RUNON_CHARS = 600        # longer than any paragraph of the written corpus (max 392)
SENTENCE_SPLIT = 200     # a numbered piece (一是…) longer than this is cut into sentences
UNNUMBERED_SPLIT = 120   # so is an unnumbered one longer than this (several paragraphs, likely)
MIN_SENTENCE = 20        # shorter sentences stay with the next one
TITLE_MAX = 60
TITLE_ZONE = 300         # a document title is looked for in pieces starting this near the line start
QUOTE_MAX = 150          # a longer "quotation" is a stray quotation mark

_CN = "一二三四五六七八九十"
_CN_VALUE = {c: i + 1 for i, c in enumerate(_CN)}
_OPEN_QUOTES, _CLOSE_QUOTES = "“‘《「『", "”’》」』"
_CLAUSE_END = set("。！？；：，,;:!?")
_SENTENCE_END = set("。！？!?")
_TRAILERS = set("”’」』）)")

# style, regex of the marker (group "n" = its number), level
_MARKERS = (
    ("cn", re.compile(f"(?<![{_CN}第零两几百千万与和及或至到])(?P<n>[{_CN}]{{1,3}})[、．](?=[\u4e00-\u9fff“《（(])"), 1),
    ("paren_cn", re.compile(f"[（(](?P<n>[{_CN}]{{1,3}})[)）]"), 2),
    ("arabic", re.compile(r"(?<![\d.．A-Za-z%第])(?P<n>\d{1,2})[.．、] ?(?=[\u4e00-\u9fff“《（(])"), 3),
    ("paren_arabic", re.compile(r"[（(](?P<n>\d{1,2})[)）](?=[\u4e00-\u9fff“《])"), 4),
    ("circled", re.compile(r"(?P<n>[①-⑳])"), 5),
    ("ordinal", re.compile(f"第(?P<n>[{_CN}]{{1,2}})(?=[，,、：:]|是[，,]?)"), 6),
    ("chapter", re.compile(f"(?<![》第])第(?P<n>[{_CN}]{{1,3}})章(?![程节])"), 1),
    ("shi", re.compile(f"(?<![{_CN}统唯同单万第之不逐专另])(?P<n>[{_CN}])是(?![否非不])"), 7),
)
_CLOSING = re.compile(r"(?<=[。！？])(恳请|敬请|请同志们|请各位|请大家|以上(是|为|就是)?我的|以上(对照|检查|发言)|不妥之处|妥否)")
# sentences that open the next part of a material (causes, measures) without a number
_OPENER = re.compile(r"(?<=[。！？])(究其原因|原因(嘛|是|在于|主要)|产生(这些|上述|以上)?问题的(原因|根源)|根源在于|"
                     r"今后|下一步|针对(以上|上述|这些)问题|整改措施[：:])")
_FREE = re.compile(r"(首先|其次|再次|再者|最后|另一方面|一方面)(?=[，,])")
_TITLE = re.compile(r"^.{2,%d}?(对照检查材料|检视剖析材料|剖析材料|发言材料|发言提纲|对照检查发言|检查材料)" % TITLE_MAX)
# words that end a section title, and what may not follow them (the title goes on)
_HEAD = re.compile(f"[{_CN}]{{1,3}}[、．]|[（(][{_CN}]{{1,3}}[)）]")
_TITLE_END = re.compile(r"(方面|问题|原因|根源|分析|剖析|措施|方向|情况|打算|举措|差距|不足|表现|"
                        r"内涵|作用|意义|要求|格式|特征|定义|困境|经验|原则|做法|启示|路径)"
                        r"(?![的和及与、产存清表根原剖分方措情等不没未较有还缺上中落是])")

# Page shapes (a web page pasted into one line): where a paragraph of the page begins or ends
# although no punctuation says so.
_DATELINE = re.compile(r"(新华社|中新社|[人新央光]\w网|央广网|大众网|本报|[\u4e00-\u9fff]{2}日报)"
                       r"[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日(电|讯)")
_PAREN_DATE = re.compile(r"[（(]\d{4}年\d{1,2}月\d{1,2}日[)）]")
_TAG = re.compile(r"[〔\[【](摘要|内容提要|提要|关键词|编者按|导读|导语)[〕\]】]")
_SALUTE = re.compile(r"(尊敬的|敬爱的|亲爱的)[^。！？，：:]{1,14}[：:]|(各位领导、|各位)?同志们[：:]"
                     r"|各位(领导|同志|同事|嘉宾|代表)(们)?[：:]|编辑同志[：:]")  # a reader's letter to a newspaper
_PIECE_COUNT = re.compile(r"[（(](精选|优秀|通用|热门|最新)?\d{1,3}篇[)）]")
_PIECE_NO = re.compile(f"(?<![一两几这那每])篇([{_CN}]|\\d{{1,2}})(?![{_CN}千百万些个次章])[：:]?")
# a date opening the first sentence after a title: 2018年12月12日，/ 3月5日上午
_DATE_OPEN = re.compile(r"(?<![在于从到至自是的为和与及年月（(讯电\d])((\d{4}年)?(\d{1,2}月)?\d{1,2}日(?=[，,上下晚])"
                        r"|(近日|日前)(?=[，,]))")
# a title ending in a document type, then the document's usual first words (…实施方案 | 根据党中央部署…)
_DOC_TITLE_END = re.compile(r"(方案|报告|材料|提纲|讲话|发言|发言稿|通知|意见|办法|规定|总结|心得体会|汇报|指南|清单)"
                            r"(?=根据|按照|为了|为深入|为进一步|为全面|为切实|为认真|为加强|今年|近年来|近日|日前|——)")
_COPULA = set("是为应一指就")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、]+")
HEAD_WINDOW = 40         # a title without end punctuation is looked for in this many characters


@dataclass(frozen=True)
class Marker:
    pos: int
    style: str
    n: int
    level: int


def _number(style: str, text: str) -> int:
    if style == "circled":
        return ord(text) - ord("①") + 1
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_VALUE.get(text, 0)
    if text[0] == "十":
        return 10 + _CN_VALUE.get(text[1], 0)
    return _CN_VALUE.get(text[0], 0) * 10 + (_CN_VALUE.get(text[-1], 0) if text[-1] != "十" else 0)


def quoted(text: str) -> list[bool]:
    """Per character: is it inside a quotation (“…” ‘…’ 《…》 「…」 『…』)? Only closed quotations
    of at most :data:`QUOTE_MAX` characters count: a stray “ must not swallow the rest of a paste."""
    out = [False] * len(text)
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch in _CLOSE_QUOTES and opened:
            start = opened.pop()
            if i - start <= QUOTE_MAX:
                out[start + 1:i] = [True] * (i - start - 1)
        elif ch in _OPEN_QUOTES:
            opened.append(i)
    return out


def markers(text: str) -> list[Marker]:
    """The accepted inline enumeration markers of a line (see module docstring), in order."""
    inside = quoted(text)
    found: list[Marker] = []
    for style, pattern, level in _MARKERS:
        cands = [Marker(m.start(), style, _number(style, m.group("n")), level)
                 for m in pattern.finditer(text) if not inside[m.start()]]
        if style == "ordinal":  # 第一，only at a sentence or clause start
            cands = [c for c in cands if c.pos == 0 or text[c.pos - 1] in _CLAUSE_END]
        last = 0
        for k, c in enumerate(cands):
            nxt = any(d.n == c.n + 1 for d in cands[k + 1:])
            lone = style in ("cn", "paren_cn", "arabic") and c.pos > 0 and text[c.pos - 1] in "。！？：:" or \
                c.n == 1 and _under_heading(text, c.pos, level, found)
            opens = c.pos == 0 and level <= 2  # a line opening with 二、 goes on to 三、 (a PDF paragraph)
            if (c.n == 1 and (nxt or lone)) or (c.n > 1 and (c.n == last + 1 or opens)):
                found.append(c)
                last = c.n
    for m in _FREE.finditer(text):
        if not inside[m.start()] and (m.start() == 0 or text[m.start() - 1] in _CLAUSE_END):
            found.append(Marker(m.start(), "free", 0, 6))
    found.sort(key=lambda m: (m.pos, m.level))
    out: list[Marker] = []
    for m in found:  # overlapping markers: keep the first
        if not out or m.pos >= out[-1].pos + 2:
            out.append(m)
    return out


def _under_heading(text: str, pos: int, level: int, found: list[Marker]) -> bool:
    """A first sub-marker right under a heading of a higher level (一、被查问题的类型（一）政治方面…,
    （一）整改情况1.强化…): the heading runs up to it with no clause punctuation, so it is a
    heading, and the excerpt may end before the sub-marker's second number."""
    return any(f.level < level and 2 < pos - f.pos <= HEAD_WINDOW and
               not any(ch in _CLAUSE_END for ch in text[f.pos:pos]) for f in found)


def is_runon(text: str, alone: bool = False) -> bool:
    """A line that is several paragraphs pasted together (see module docstring); ``alone``: the
    line is (nearly) the whole document, and then any line longer than SENTENCE_SPLIT is."""
    if len(text) > (SENTENCE_SPLIT if alone else RUNON_CHARS):
        return True
    if alone and len(text) > MIN_SENTENCE * 2 and (
            _page_cuts(text) or _repeat_cut(text, 0, len(text), quoted(text))):
        return True  # a short page pasted as one line: its title and dateline are still cues
    if len(text) <= 120 or not _HEAD.search(text, 1):  # no inline 一、/（一） to check
        return False
    inline = [m for m in markers(text) if m.pos > 0 and m.level <= 2]
    return bool(inline)


def _title_cut(text: str, start: int, end: int) -> int | None:
    """Where a run-in title ends when no punctuation separates it from the content (a
    document title near the line start (after page furniture), or a section title after 一、/（一）); None if none."""
    piece = text[start:end]
    title = _TITLE.match(piece) if start < TITLE_ZONE else None
    if title:
        cut = title.end()
    else:
        head = _HEAD.match(piece)
        if not head:
            return None
        window = piece[head.end():head.end() + 24]
        stop = next((k for k, c in enumerate(window) if c in _CLAUSE_END or c == "、"), len(window))
        word = next((t for t in _TITLE_END.finditer(window) if 2 <= t.end() < stop), None)
        if word is None:
            return None
        cut = head.end() + word.end()
    if end - start - cut < 10 or piece[cut] in _CLAUSE_END:
        return None
    return start + cut


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the first clause of text[start:] ends (its first clause punctuation), at most ``limit`` on."""
    stop = min(len(text), start + limit)
    return next((k for k in range(start, stop) if text[k] in _CLAUSE_END), stop)


def _repeat_cut(text: str, start: int, end: int, inside: list[bool]) -> int | None:
    """Where an unpunctuated title at text[start:] ends because the content after it repeats it:
    the title again (公文格式要求公文格式要求…) or a word of it opening a definition
    (任弼时论增强党性的五重路径 | 党性是…, 民主生活会的内涵 | 民主生活会是…); None if none.
    ``inside``: :func:`quoted` of the text."""
    stop = min(end, _clause_end(text, start, HEAD_WINDOW))
    opening = text[start:start + 4]
    depth = 0  # inside (…) after the title
    for p in range(start + 4, stop - 1):
        depth += (text[p - 1] in "(（") - (text[p - 1] in ")）")
        if depth > 0 or inside[p]:
            continue
        if _CJK_WORD.fullmatch(opening) and text.startswith(opening, p):
            return p
        title = text[start:p]
        for k in range(min(8, p - start), 1, -1):
            word = text[p:p + k]
            if p + k < end and text[p + k] in _COPULA and _CJK_WORD.fullmatch(word) and (
                    title.endswith(word) or word + "的" in title):  # 党性的五重路径 | 党性是
                return p
    return None


def _page_cuts(text: str) -> set[int]:
    """Cut points of a page pasted into one line that no sentence punctuation marks: before news
    datelines (新华社北京3月13日电), around dated subtitles ((2019年3月16日)), salutations (同志们：) and
    篇一/（精选6篇）, before 〔摘要〕/【编者按】 tags, and where a body opens after an unpunctuated title:
    at a date or 近日 (…为师 | 2018年12月12日，…) or at 根据/按照/为… after a document type (…实施方案 | 根据…)."""
    inside = quoted(text)
    cuts: set[int] = set()
    for pattern in (_PAREN_DATE, _SALUTE, _PIECE_NO):
        cuts.update(x for m in pattern.finditer(text) if not inside[m.start()] for x in (m.start(), m.end()))
    cuts.update(m.start() for m in _DATELINE.finditer(text) if not inside[m.start()])
    cuts.update(m.end() for m in _PIECE_COUNT.finditer(text))
    cuts.update(m.start() for m in _TAG.finditer(text))
    # a body that opens right after an unpunctuated title: at a date or 近日, or after …方案/…报告
    opens = [m.start() for m in _DATE_OPEN.finditer(text)] + [m.end() for m in _DOC_TITLE_END.finditer(text)]
    for at in opens:
        head = max((k + 1 for k in range(max(0, at - TITLE_MAX), at) if text[k] in _CLAUSE_END),
                   default=0 if at <= TITLE_MAX else None)
        if head is not None and at - head >= 6 and not inside[at]:
            cuts.add(at)
    return {c for c in cuts if 0 < c < len(text)}


def _sentences(text: str, start: int, end: int) -> list[int]:
    """Cut points after each sentence of text[start:end] (outside quotations); short
    sentences stay with the next one."""
    inside = quoted(text)
    cuts, last = [], start
    i = start
    while i < end:
        if text[i] in _SENTENCE_END and not inside[i]:
            j = i + 1
            while j < end and text[j] in _TRAILERS:
                j += 1
            if j < end and j - last >= MIN_SENTENCE:
                cuts.append(j)
                last = j
            i = j
        else:
            i += 1
    if cuts and end - cuts[-1] < MIN_SENTENCE:
        cuts.pop()
    return cuts


def split_line(text: str, alone: bool = False, extra: set[int] = frozenset(),
               keep: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans (start, end) of the paragraphs of one line; the whole line unless it is run-on.
    ``extra``: more cut points for a run-on line (where web-page furniture begins and ends);
    ``keep``: spans cut out whole, run-on or not (web-page furniture glued into the line,
    :func:`analyzer.noise.runs`): the line is cut at both ends of each and never inside one."""
    ends = {x for span in keep for x in span}
    if not is_runon(text, alone):
        return _pieces(text, ends)
    extra = set(extra) | ends
    numbered = {m.pos for m in markers(text)}
    cuts = (numbered - {0}) | set(extra)
    inside = quoted(text)
    for pattern in (_CLOSING, _OPENER):  # the closing lines; cause and measure parts with no number
        cuts.update(m.start() for m in pattern.finditer(text) if not inside[m.start()])
    page = _page_cuts(text)
    cuts.update(page)
    heads = {0} | set(extra) | page  # pieces a page title may open
    bounds = sorted(cuts | {0, len(text)})
    for a, b in zip(bounds, bounds[1:]):
        cut = _title_cut(text, a, b)
        if not cut and (a in heads and a < TITLE_ZONE or _HEAD.match(text, a) or a in numbered):
            cut = _repeat_cut(text, a, b, inside)
            while cut and (again := _repeat_cut(text, cut, b, inside)):  # a title repeated several times
                cuts.add(cut)
                cut = again
        if cut:
            cuts.add(cut)
    bounds = sorted(cuts | {0, len(text)})
    for a, b in zip(bounds, bounds[1:]):
        if b - a > (SENTENCE_SPLIT if a in numbered else UNNUMBERED_SPLIT):
            cuts.update(_sentences(text, a, b))
    return _pieces(text, {_before_brackets(text, c) for c in cuts if not any(a < c < b for a, b in keep)} | ends)


_OPEN_BRACKETS = "【〔[「『《“（("


def _before_brackets(text: str, cut: int) -> int:
    """A cut moved before the opening brackets right in front of it: 【 goes with its heading
    (…如下。|【一、存在的问题】), not alone."""
    while cut > 0 and text[cut - 1] in _OPEN_BRACKETS:
        cut -= 1
    return cut


def _pieces(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    if not cuts:  # the line whole (the usual case)
        return [(0, len(text))] if text.strip() else []
    bounds = sorted({c for c in cuts if 0 < c < len(text)} | {0, len(text)})
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
