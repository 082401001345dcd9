"""Stage 3a: what kind of document is this? (a self-examination material, or something else)

Reviewers receive more than 对照检查材料: criticism opinions, rectification plans, lists of
collected opinions, work reports, and pages that only talk about the meeting (news, speeches,
notices, writing guides, symptom catalogues, meeting plans). Material judgements (coverage,
work-summary passages, depth) only make sense for :data:`MATERIAL_KINDS`.

The classifier (``python -m training``, ``models/kinds.pkl.gz``) is a logistic regression (C=32, chosen by the
grouped cross-validation, ``python -m training.kinds_corpus cv``) over character 2–3-grams of the whitespace-free
text (so a run-on paste reads like its original), the cue lexicons of ``data/lexicons/kinds.yaml``: title words in
the opening line, body phrases per kind, and grammatical person (我/本人 vs 我们/班子 vs 你/同志, ``person.yaml``),
the page's layout (:func:`layout_features`: numbered items, table rows, advice, dates, deadlines), and what its
sentences do (:mod:`analyzer.kind_sentences`: a sentence classifier's probabilities pooled per document).
A title that names the document a personal or a 班子 self-examination (个人对照检查材料, XX党委
领导班子对照检查材料) and no other kind settles it (score 1.0), and so does a title that names a work report
(…抓基层党建工作述职报告) when the text reports its own work. Otherwise the decision leans
away from self-examination: a text with no self-examination cue at all (no 对照检查、查摆、
班子存在, not even a self-critical 不够/存在/淡化) is never called one, and when a non-material
kind is close behind a material kind (within :attr:`KindModel.margin_`), has cue phrases of
its own, and the sentences that speak as another kind does are more than half as many as the confessions,
the non-material wins, because scoring a news item or symptom catalogue as a material gives
confident, meaningless numbers, whereas a material taken for something else gets a visible
warning that names the kind, its cues and the fix (``--kind personal``).

Who speaks decides what a page can be (:func:`voice`, ``voice`` in kinds.yaml): a self-examination
must confess its own problems in at least one sentence (我/本人/班子 … 不够/存在), and more often
than it reports a meeting in the third person (召开、主持、会上、依次) or explains and advises
(是指、一般包括、笔者、一些单位); a work report must report its own work over a period (我局…完成,
今年以来…取得, 现将…汇报如下) or confess its own shortfalls (a cut to its 存在的不足) in the same way — a counted result
alone (12项) is no reporter; a turn from its
results to its shortfalls (在看到成绩的同时…也存在不足、我局虽然做了大量工作，但…) sums its own work up as the formula does,
and the members it then faults in general (个别领导…) are its own, not someone else's; a unit as the subject of a
period's sentence works for the whole county (今年以来，督查局围绕全市中心工作…) and still reports its own work;
a campaign's own dates (自2025年3月起至7月底、为期五个月) are a period. This holds for a title claim too. News of a 民主生活会 that quotes a member's self-criticism, a guide that
quotes "现将情况报告如下", news of a county's counted results, an essay on what "some units" do: none
of them speaks as an author examining or reporting on itself, so none gets a material's kind.
A confession is the author's own, in the author's topic chain: a sentence with no subject continues the
last sentence that had one (我查摆出以下问题。一是…), so after a sentence about members or "some comrades"
(党员分别…, 有部分同志…) the faults that follow are theirs, and a body named in general (全县各部门的领导班子)
is not the author. A sentence addressed to someone (你、给领导提意见、对王某同志：), about
someone else (他/她、该局、被巡察单位、与会同志、每位党员、三名同志相继发言、有同学表示自己), under a heading
对班子的意见, or exhorting (我们要、必须) confesses nothing, and 我们发现 (an observer) does not make the author
present; a title naming a notice, news item, 心得 or opinions list bars confessions. A self-critical
sentence is no work done, and reflection (体会、收获、深受启发) counts against a work report: a satirical
essay faulting the leaders, news of a branch meeting retelling its members' self-criticism, a 心得体会
on a training course and an article on a county's rectification are not materials either.
A spoken self-examination confesses in plain words (偷懒、图省事、能拖就拖、责任在我: ``colloquial_confessions``),
which count in a chain the author opened by name; a self-examination confesses more than once (one aside in a
diary, a blog or a story is no material) unless its title names it one, or the model is sure of it, nothing else
speaks in it and nothing reflects more often than it confesses (an excerpt or a few lines of a 发言提纲 cut to one
confession or to its measures: :func:`sure_cut`; a work report cut to its results, likewise); a sentence about everyone (每个人…、
偷懒的人往往…) is no one's confession; a speech greets its audience; a list of opinions voices one somewhere.
A list of opinions stays one when a run-on paste, an abridged copy or a cut drops its title and collecting preamble:
its items under a role label (分管就业的副局长：…) or an addressing heading (对班子成员的主要意见) are others', 班子成员…
speaks of the members without naming the author, a closing line looking back (对照以上意见…) hands the items above to
others, and a self-examination owns up somewhere (我/我们、查摆、原因、差距、整改: ``Voice.owns_up``) — a 班子's faults and
nothing more are what a list of opinions says too.
A self-inspection names itself (…自查报告、…自查自纠报告, or 现将自查情况汇报如下 in its own voice: :func:`claimed_kind`)
and is the material of the unit or person inspecting itself, even when it confesses only compliance; a self-appraisal
of a record (政治素质自查报告) is not one. A body names itself as a school's or township's does (学校党政班子、镇党委); a
case it gives (例如：4月12日，学校举办…时照搬照套…) is its own, neither a generic remark nor a dated news report; the
findings of an inspection it rectifies (巡察反馈的问题，镇党委仅…) are not relayed words; and once the author is named,
each new item (2、… 二是…) returns to it after the last item's example named 个别领导干部. A fault in a table row closed
by a bare count (a tally of opinions) and a role told what it must do (党员领导干部要…) confess nothing.
A question (查摆问题实不实？) confesses nothing either; an essayist (笔者) or a guide to writing (拟写、怎么写) is no author
examining itself; what a unit's own self-inspection found (自查过程中，发现个别部门存在…) is its own fault; a page title may
stand in brackets before the first sentence (【…自查报告】为…); a notice asking for opinions (…的通知) is not the list of them.
Tails of materials (the cross-validation's losses, ``python -m training.kinds_corpus cv``): a closing that asks the
audience to criticise the author (请大家继续给我提意见，帮我把这些毛病改掉) declares the text a self-examination; an observer
(我看到了没动) named again as the one at fault (是我的失职) confesses; an item of a named author's list of faults confesses
in plain words too (二是…去得少。…有时候也是犯懒); and a site's label (本文内容仅供参考) speaks as no kind under a claiming
title. A list page (a 范文 site's column, a document site's search results: two snippets or more cut off by an ellipsis,
……[阅读全文]) quotes what its snippets say (:func:`unquoted`), and a title naming a list of a genre (…述职报告（精选8篇）)
names no document of it; findings announced to a unit as feedback (现将巡察发现的主要问题反馈如下) are the addressee's faults,
as collected opinions are.
A problem list need not name its author (Chinese drops the subject): faults told under area headings ((一)贯彻落实方面)
or in items (一是…、①…), neither advising nor relaying, in a text that names no one else, are the unnamed author's, as a
self-examination's own sections are; a catalogue that names each fault in a phrase (以会议落实会议；) stays no one's. A
title naming a 查摆问题清单 claims a self-examination, and reflection (我体会到…) is a voice to lean away from, as reporting is.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .kind_sentences import SENTENCE, SentenceView, out_of_fold
from .limits import CHUNK_DOCUMENTS
from .prefilter import literal_index, masks_by_string, required
from .resources import Lexicon, lexicon, load_yaml

KINDS = ("personal", "collective", "criticism", "rectification", "opinions", "work_report", "other")
LABELS = {
    "personal": "个人对照检查材料",
    "collective": "班子对照检查材料",
    "criticism": "批评意见",
    "rectification": "整改方案/整改清单",
    "opinions": "征求意见汇总",
    "work_report": "工作总结/述职报告",
    "other": "其他（新闻、讲话、通知、写作指导、问题清单、会议方案等）",
}
SELF_EXAMINATION = ("personal", "collective")
MATERIAL_KINDS = ("personal", "collective", "work_report")  # coverage, summary and depth apply
SURE = 0.9  # the model's probability that lets a cut stand for a material without the voice it lost (:func:`sure_cut`)
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # the lean away from self-examination fit tries
# the texts whose title, voice and cleaned forms are remembered: a chunk's (the kind stage reads each text's voice,
# then scores those the title does not settle together, then judges each)
TEXTS_REMEMBERED = CHUNK_DOCUMENTS
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_MARK = re.compile(r"[，。：；？！,:;?!]")
_LIST_PAGE = re.compile(r"\s*(大全|合集|汇编|精选|[（(][^）)]{0,6}\d+篇|\d+篇)")  # 范文大全、范文（通用5篇）
# a genre word followed by it titles a list page of that genre, and so does one followed by a numbered sample (范文1：)
_LISTED = re.compile(r"(范文)?" + _LIST_PAGE.pattern + r"|范文\s*[\d一二三四五六七八九十]{1,2}\s*[：:、.．]")
_MEETING = re.compile(r"(大会|会议|座谈会|推进会|部署会|动员会|表彰会|总结会|评议会|报告会|讲评会)")  # a meeting named in a title
_ENUMERATOR = re.compile(r"^[\s（(]*[一二三四五六七八九十\d]+[）)、.．]\s*")
_DATE = re.compile(r"\d{1,2}月\d{1,2}日")
_ITEM = re.compile(r"[\s（(]*([一二三四五六七八九十\d]+[）)、.．](?!\d)|[一二三四五六七八九十]是)")  # 2、… 二是… opens an item
_INLINE_ITEM = re.compile(r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)")  # 1. 一、（一） in a run-on
# a heading naming an area of the author's conduct (（一）贯彻落实方面。 1、形式主义方面： 一、政治建设方面存在的突出问题)
_AREA_HEADING = re.compile(r"^[\s（(]*([一二三四五六七八九十\d]+[）)、.．]|[①-⑳])\s*[\u4e00-\u9fff“”\"]{2,12}方面"
                           r"([：:。.]|$|存在|的?(主要|突出)?(问题|不足|差距)|(?=[（(①-⑳\d一二三四五六七八九十]))")
TOLD_FAULT = 24  # the mean characters of the faults of a list told, not named in a phrase (:func:`voice`)
_BRACKETED = re.compile(r"【([^【】]{2,40})】(?=\S)")
_NOT_A_TITLE = re.compile(r"首页|位置|>|›|»|来源|发布|©|http|www|阅读|浏览|下载|字体|责编|编辑[：:]|审核[：:]")
# a line of web furniture: navigation, related links, source and copyright lines. Its words name
# other documents (上一篇：个人剖析材料), so it is left out before the kind is judged.
_FURNITURE = re.compile(r"^\W{0,3}(首页|当前位置|您现在的位置|您的位置|网站首页|上一篇|下一篇|相关推荐|相关文章|相关搜索|"
                        r"热门搜索|猜你喜欢|来源[：:]|发布时间|发布日期|版权所有|版权说明|免责声明|本文由|文章来源|扫码|"
                        r"点击下载|下载本文|上一页)")


@lru_cache(maxsize=TEXTS_REMEMBERED)
def content(text: str) -> str:
    """The text without lines of web furniture (a one-line paste is kept whole)."""
    lines = text.splitlines()
    kept = [s for s in lines if not _FURNITURE.search(s.strip())]
    return "\n".join(kept) if any(s.strip() for s in kept) else text


@lru_cache(maxsize=TEXTS_REMEMBERED)
def compact(text: str) -> str:
    """The text without whitespace: a run-on paste and its multi-line original read alike. (``str.split`` cuts at
    exactly the characters ``\\s`` matches: this is ``re.sub(r"\\s+", "", text)``, four times faster.)"""
    return "".join(text.split())


@lru_cache(maxsize=TEXTS_REMEMBERED)
def filled_lines(text: str) -> tuple[str, ...]:
    """The text's lines that hold anything, stripped (read by :func:`opening`, :func:`title_line`,
    :func:`titled_work_report`, :func:`voice` and :func:`layout_features`)."""
    return tuple(s.strip() for s in text.splitlines() if s.strip())


@lru_cache(maxsize=TEXTS_REMEMBERED)
def opening(text: str) -> str:
    """The document's first real line (its title, if it has one), skipping web furniture;
    for a one-line paste, its first 32 characters."""
    lines = filled_lines(text)
    if len(lines) <= 1:
        return compact(text)[:32]
    for line in lines[:6]:
        if len(_CJK.findall(line)) >= 6 and not _NOT_A_TITLE.search(line):
            return line[:40]
    return lines[0][:40]


@lru_cache(maxsize=1)
def cue_lexicons() -> dict[str, tuple[Lexicon, Lexicon]]:
    """kind -> (title lexicon, body lexicon) from ``data/lexicons/kinds.yaml``."""
    spec = load_yaml("lexicons/kinds.yaml")
    return {k: (Lexicon(f"kinds.{k}.title", [str(x) for x in spec[k]["title"]]),
                Lexicon(f"kinds.{k}.body", [str(x) for x in spec[k]["body"]])) for k in KINDS}


@lru_cache(maxsize=1)
def _person() -> dict[str, Lexicon]:
    return {"singular": lexicon("person", "singular"), "plural": lexicon("person", "plural"),
            "second": Lexicon("kinds.second", ["你", "您"]), "comrade": Lexicon("kinds.comrade", ["同志"])}


def cue_features(text: str) -> list[float]:
    """Dense cue features of one document: per kind, a title hit, the log count and the density
    of its body cues; the same for 我/本人, 我们/班子, 你 and 同志; numbers per 1000 characters;
    the log length (the training shapes include abridged and excerpted materials, so that a
    short material is not told it is something else because it is short); the sentences of each
    voice (:func:`voice`), as log counts and shares."""
    flat = compact(text)
    per_k = 1000 / max(len(flat), 50)
    head = opening(text)
    row = []
    for title, body in cue_lexicons().values():
        n = body.count(flat)
        row += [float(title.count(head) > 0), math.log1p(n), min(n * per_k, 50) / 10]
    for lx in _person().values():
        n = lx.count(flat)
        row += [math.log1p(n), min(n * per_k, 80) / 10]
    row += [min(len(re.findall(r"\d+", flat)) * per_k, 80) / 10, math.log1p(len(flat)) / 8]
    spoken = voice(text)
    sentences = max(1, spoken.confessions + spoken.own_work + spoken.reported + spoken.expository)
    for n in (spoken.confessions, spoken.own_work, spoken.reported, spoken.expository):
        row += [math.log1p(n), n / sentences]
    return row


# what a reader sees of a page's layout at a glance (:func:`layout_features`)
_ITEM_LINE = re.compile(r"^\s*([（(]?[一二三四五六七八九十\d]+[）)、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、是条])")
_ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|(?<!\d)\d{1,2}[、.．](?!\d)|[①-⑳]|[一二三四五六七八九十]是")
_ADVISING = re.compile(r"^\s*(建议|希望|请|要|应|对[^，。]{1,12}[：:])")  # 建议… 希望… 对班子的意见：
_DATED = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年")
_COUNTED = re.compile(r"\d+(个|项|次|人|名|件|条|篇|场|家|户|万|亿|%)")
_SCHEDULED = re.compile(r"年底前|月底前|\d+月\d*日?前|长期坚持|立行立改|完成时限|责任人|责任单位|牵头")
_PERSONS = (re.compile(r"我|本人"), re.compile(r"我们|班子|我局|我委|我院|我校|本单位"),
            re.compile(r"他|她|该|同志|有的|个别|部分"), re.compile(r"你|您"))


def layout_features(text: str) -> list[float]:
    """What a reader sees of a page at a glance and character n-grams miss: the shares of lines that are numbered
    items, short (≤ 15 characters), table rows (a tab) or end in a colon, and the log line count; per sentence, the
    enumerators (一是、（二）、3.: a run-on paste keeps them), sentences opening with advice after any enumerator
    (1.建议、希望、一、对班子的意见：), question
    marks, dates, counts (12项、35人次), deadlines and owners (年底前、责任人); the shares of sentences speaking as
    我/本人, 我们/班子, a third person (他、该、个别) and 你; the log mean sentence length."""
    lines = filled_lines(text)
    n_lines = max(1, len(lines))
    sentences = [s for s in SENTENCE.findall(text) if len(s.strip()) > 1] or [text]
    n = len(sentences)
    flat = compact(text)
    row = [sum(1 for s in lines if _ITEM_LINE.match(s)) / n_lines,
           sum(1 for s in lines if len(s) <= 15) / n_lines,
           sum(1 for s in lines if "\t" in s) / n_lines,
           sum(1 for s in lines if s.endswith(("：", ":"))) / n_lines,
           math.log1p(len(lines)) / 5,
           min(len(_ITEM_MARK.findall(flat)) / n, 3),
           sum(1 for s in sentences if _ADVISING.match(_ENUMERATOR.sub("", s, count=1))) / n,
           (flat.count("？") + flat.count("?")) / n]
    row += [min(len(rx.findall(flat)) / n, 3) for rx in (_DATED, _COUNTED, _SCHEDULED)]
    row += [sum(1 for s in sentences if rx.search(s)) / n for rx in _PERSONS]
    return row + [math.log1p(len(flat) / n) / 5]


@lru_cache(maxsize=TEXTS_REMEMBERED)  # asked about the same text by voice, classify, decide and the cue features
def title_line(text: str) -> str:
    """The title, if the document opens with one: a short first line without sentence punctuation
    (web furniture skipped), or in a one-line paste the words before the first claim word
    (``claims`` in kinds.yaml) when they hold no punctuation; else ""."""
    spec = load_yaml("lexicons/kinds.yaml")
    head = opening(text)
    lines = filled_lines(text)
    if len(lines) <= 1:
        ends = [head.find(w) + len(w) for w in spec["claims"] if w in head]
        # …自查报告范文（精选10篇）: a list page's title, which names no material (as :func:`title_claims` reads it)
        head = head[:min(ends)] if ends and not _LISTED.match(head[min(ends):]) else ""
        if "【" in head and "】" not in head[head.rfind("【"):]:  # a chat paste's 【个人对照检查材料】 after its own lines
            head = head[head.rfind("【") + 1:]
    whole = next((s for s in lines if s.startswith(head)), head) if len(lines) > 1 else head  # opening() cuts at 40
    bracketed = _BRACKETED.match(head)
    if bracketed:  # 【2017年公务用车自查报告】为贯彻落实…: a page's title in brackets opening its first paragraph
        head = whole = bracketed.group(1)
    if (not head or len(whole) > 50 or _SENTENCE_MARK.search(whole) or head.startswith(tuple(spec["not_a_title_start"]))
            or _ENUMERATOR.match(head)):  # 一、征求意见情况 is a section heading, not the document's title
        return ""
    after = lines[lines.index(whole) + 1:] if whole in lines else []
    for line in after[:2]:  # a title over several short lines: “…”大讨论 / 个人剖析材料
        if len(line) > 30 or _SENTENCE_MARK.search(line) or _ENUMERATOR.match(line) or _NOT_A_TITLE.search(line):
            break
        head += line
    return head


@lru_cache(maxsize=TEXTS_REMEMBERED)  # a title is asked about each kind in turn
def genre_words(title: str) -> tuple[tuple[int, int, str], ...]:
    """(end, start, kind) of each title word of a kind in ``title`` (its last occurrence; 范文 right after another
    genre's word left out, unless a list follows: :func:`title_genre`), and of each meeting named (an ``other``)."""
    found = [(title.rfind(w) + len(w), title.rfind(w), k) for k, (lx, _) in cue_lexicons().items()
             for w in lx.phrases(title)]
    found = [(end, start, k) for end, start, k in found
             if not (title[start:end] == "范文" and not _LIST_PAGE.match(title[end:])
                     and any(e == start and o != "other" for e, _, o in found))]
    # a meeting named (…工作总结暨表彰大会、…述职评议会议) is a genre of other: news of it, or a speech at it
    return tuple(found + [(m.end(), m.start(), "other") for m in _MEETING.finditer(title)])


def title_genre(title: str, kind: str) -> bool:
    """Does the title name the document ``kind``? A Chinese title ends in its genre (…工作总结大会上的讲话稿 is
    a speech): a title word of ``kind`` counts unless a title word of another kind ends after it, other than
    one joined to it by 及/和/与/暨 (工作总结及工作计划). 范文 right after another genre names a sample of that
    genre (…整改措施范文 is a 整改措施 a site offers), not a page about writing, unless a list follows
    (范文大全、范文（精选5篇）: a list page)."""
    found = genre_words(title)
    mine = [end for end, _, k in found if k == kind]
    if not mine or kind != "other" and _LISTED.match(title[max(mine):]):  # 述职报告（精选8篇）: a list page (other)
        return False
    later = sorted((start, end) for end, start, k in found if k != kind and end > max(mine))
    # each joined by 及/和/与/暨 to the word just before it (工作总结暨表彰: still a work report; …表彰大会上的讲话: a speech)
    ends = [end for end, _, _ in found]
    return all(any(c in title[max([e for e in ends if e <= start], default=max(mine)):start] for c in "及和与暨、")
               for start, _ in later)


def title_claims(title: str) -> list[str]:
    """The words by which a title names its text a self-examination (``claims`` in kinds.yaml); a self-inspection's
    (``inspection_claims``: …自查报告) only when the title names no self-appraisal of a record (``appraisal_titles``:
    政治素质自查报告 reports on the author's record, as a work report does)."""
    spec = load_yaml("lexicons/kinds.yaml")
    appraisal = any(w in title for w in spec["appraisal_titles"])
    return [w for w in spec["claims"] if w in title and not (appraisal and w in spec["inspection_claims"])
            and not _LISTED.match(title[title.rfind(w) + len(w):])]  # …对照检查材料范文（精选5篇）: a list page


def claimed_kind(text: str) -> str | None:
    """personal or collective when the document's title names it a self-examination (:func:`title_claims`)
    and names no other kind; else None. A self-inspection (a title …自查报告、…自查自纠报告, or an untitled text
    that announces 现将自查情况汇报如下 in its own voice: ``inspection_declares``) is the material of whoever
    inspects itself: personal when the title names a person (个人、局长), collective when it names a body
    (党组、班子) or a unit reports on itself (我局、我单位、本乡: ``unit_speaker``) at least as often as a person
    speaks (本人、我: ``person_speaker``)."""
    spec = load_yaml("lexicons/kinds.yaml")
    head = title_line(text)
    claims = title_claims(head)
    rx = _voice_patterns()
    inspects = bool(claims) and all(w in spec["inspection_claims"] for w in claims) or (
        not any(w in head for w in spec["claims"]) and rx["inspection_declares"].search(unquoted(text)) is not None
        and not any(title_genre(head, k) for k in KINDS if k not in SELF_EXAMINATION))
    if not (claims or inspects):
        return None
    bare = head
    for w in claims:  # 查摆问题清单 claims a self-examination: its 问题清单 names no rectification
        bare = bare.replace(w, "")
    if any(t.count(bare) for k, (t, _) in cue_lexicons().items() if k not in SELF_EXAMINATION):
        return None
    if any(w in head for w in spec["personal_claims"]):
        return "personal"
    if any(w in head for w in spec["collective_claims"]):
        return "collective"
    if inspects:
        spoken = unquoted(text)
        units, persons = rx["unit_speaker"].findall(spoken), rx["person_speaker"].findall(spoken)
        return "collective" if len(units) >= len(persons) else "personal"
    return None


@lru_cache(maxsize=TEXTS_REMEMBERED)
def titled_work_report(text: str) -> bool:
    """Does the title name the document a work report (工作总结、述职报告: :func:`title_genre`)? A one-line
    paste's title is read from its opening."""
    one_line = len(filled_lines(text)) <= 1
    return title_genre(title_line(text) or (opening(text) if one_line else ""), "work_report")


def titled_kind(text: str) -> str | None:
    """The material kind the title names: a self-examination (:func:`claimed_kind`), else work_report when
    the title names a work report; else None."""
    return claimed_kind(text) or ("work_report" if titled_work_report(text) else None)


def self_examination_cues(text: str) -> bool:
    """Does the text examine someone's shortcomings at all: a title or body cue of personal or
    collective, or a self-critical phrase (``self_critical.yaml``: 不够、存在、淡化 …, or a colloquial
    one: 图省事、走过场、责任在我)?"""
    flat, head = compact(text), opening(text)
    return lexicon("self_critical", "phrases").count(flat) > 0 or _colloquial().count(flat) > 0 or any(
        t.count(head) or b.count(flat) for k, (t, b) in cue_lexicons().items() if k in SELF_EXAMINATION)


def has_cues(text: str, kind: str) -> bool:
    """Does the text hold a title word or body phrase of ``kind``?"""
    return any(c for c in cues(text, kind) if not c.startswith("第一人称"))


def cues(text: str, kind: str, limit: int = 5) -> list[str]:
    """Quotable cues behind ``kind``: a title line with its words, the commonest body phrases,
    and for materials the grammatical person."""
    flat = compact(text)
    title, body = cue_lexicons()[kind]
    out = []
    head = opening(text)
    words = title.phrases(head)
    if words:
        out.append(f"标题/开头「{head}」含「{'、'.join(dict.fromkeys(words))}」")
    for phrase, n in Counter(body.phrases(flat)).most_common(limit - len(out)):
        out.append(f"「{phrase}」×{n}" if n > 1 else f"「{phrase}」")
    if kind in SELF_EXAMINATION:
        person = _person()
        out.append(f"第一人称 我/本人 {person['singular'].count(flat)} 次，我们/班子 {person['plural'].count(flat)} 次"
                   " / first person singular vs plural")
    return out


def misjudged(gold: list[str], pred: list[str]) -> int:
    """How many non-materials were taken for self-examinations: the error that must not happen."""
    return sum(g not in SELF_EXAMINATION and p in SELF_EXAMINATION for g, p in zip(gold, pred))


_QUOTED = re.compile(r"“[^”\"\n]{0,200}[”\"]|「[^」]{0,200}」|『[^』]{0,200}』|\"[^\"\n]{0,200}[\"”]")
# the target of an action, described (对群众反映强烈的, 针对调查研究不深入问题, “会议偏多”问题，已…): no confession
_TARGET = re.compile(r"对[^，,。；;：:对]{1,12}的|针对[^，,。；;]{1,20}?问题|“[^”\n]{1,8}”问题")
# the genre or the act named, not a confession: 写过检讨、一份检讨书; 我得检讨、还是要检讨 announces one
_GENRE_NOUN = re.compile(r"(写|交|做|作)[过了的]?[^，,。]{0,3}检讨书?|[份篇]检讨书?|检讨书|^检讨$|(得|要|该|须|需)检讨")


# where a list page cuts off its snippet of another document: an ellipsis at a line's end or before the next entry
# (……[阅读全文], ……2 医院科室主任述职报告, ……·派出所…, ……12页|下载)
_SNIPPET_END = re.compile(r"(?:……|…|\.\.\.)[ \t\u3000]*(?:$|\[|【|阅读全文|查看|·|\d)", re.M)


@lru_cache(maxsize=TEXTS_REMEMBERED)  # read by voice, its owns_up and speech
def unquoted(text: str) -> str:
    """The text without its quotations (“…”「…」『…』) and, on a list page (two snippets or more cut off by an
    ellipsis: a 范文 or search-result page), without the sentences of its snippets: what the text quotes of other
    documents is not what it says."""
    spoken = _QUOTED.sub("", text)
    ends = [m.start() for m in _SNIPPET_END.finditer(spoken)]
    if len(ends) < 2:
        return spoken
    out, at = [], 0
    for f in SENTENCE.finditer(spoken):
        if any(f.start() <= e <= f.end() for e in ends):
            out.append(spoken[at:f.start()])
            at = f.end()
    return "".join(out) + spoken[at:]


@dataclass(frozen=True)
class Voice:
    """Who speaks in a text, counted in sentences outside quotations (:func:`voice`)."""

    confessions: int        # self-critical sentences in a text where the author or body speaks
    own_work: int           # sentences reporting own work or achievements
    reported: int           # a meeting reported in the third person
    expository: int         # definitions, advice, generic subjects ("some units")
    about_others: int = 0   # addressed to someone, giving them opinions, or someone else as the subject
    reflective: int = 0     # what the author felt or learnt (体会、收获、触动): reflection, not work
    confession: str = ""    # the first confessing sentence
    work: str = ""          # the first own-work sentence
    opinions: int = 0       # sentences that suggest, wish or find fault (建议、希望、不够、太多): what an opinions list says
    named: bool = False     # the author named as the subject of a body sentence in its own voice (我、本人、班子在…)
    declared: bool = False  # the author says in its own voice that the text is its self-examination (我…查摆了自身…)
    rectified: int = 0      # sentences reporting rectification done (问题已整改完成6个): rectification, not own work
    explains: int = 0       # expository sentences that explain or label the text (关键词、本文、是指), not about some units
    relayed: int = 0        # sentences relaying what others said or asked for (有人说、群众反映、职工希望)
    owns_up: bool = True    # the text speaks as 我/我们 or examines itself somewhere (查摆、原因、整改、差距: ``owns_up``)
    page_labels: int = 0    # expository sentences that are a site's label on the page (本文内容仅供参考、本文已被收录到)
    results: int = 0        # sentences reporting work done or results, not of a wider area, whoever's (own_work once
                            # the text owns them)
    laid_out_to_rectify: bool = False  # a rectification heading (整改措施：、进展成效) or measures given an owner or a
                                       # deadline (:func:`assigned`): its problems are findings under rectification

    @property
    def elsewhere(self) -> int:
        """Sentences that speak as another kind does: report a meeting, explain or advise, or speak to or of others."""
        return self.reported + self.expository + self.about_others


@lru_cache(maxsize=1)
def _voice_patterns() -> dict[str, re.Pattern]:
    return {name: re.compile(str(rx)) for name, rx in load_yaml("lexicons/kinds.yaml")["voice"].items()}


# the voice patterns asked of a sentence's heading text (the sentence without its enumerator 一、), and those
# asked of the whole text; every other one, and the rewrites _TARGET and _GENRE_NOUN, of each sentence
_ON_HEAD = ("work_heading", "result_heading", "own_heading", "advice_heading", "opinions_heading", "own_part",
            "problem_heading")
_LEFTMOST = ("own", "relaying")  # asked where in the sentence they match
_ON_TEXT = ("owns_up", "speech_address", "speech_audience", "speech_greeting", "deadline", "rectifies", "assigns",
            "progress", "rectification_heading", "inspection_declares", "unit_speaker", "person_speaker", "guide")


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression's text: ``a|b(c|d)|[|]`` → ``a``, ``b(c|d)``, ``[|]``."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # a ] first in a class is a literal
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return out + [pattern[start:]]


@dataclass(frozen=True)
class _Branches:
    """The voice patterns asked of sentences, cut into their top-level alternatives (a pattern matches where one of
    them does, and its leftmost match starts where theirs does), and the phrase lexicons asked of them, with one
    automaton over the literals each alternative needs in every match and the lexicons' phrases
    (:func:`analyzer.prefilter.literal_index`). Sets of alternatives, pattern names and lexicons are bit masks:
    alternative ``k`` is bit ``k``, the ``j``-th name bit ``len(parts) + j``, then a bit per lexicon."""

    patterns: dict[str, re.Pattern]   # name -> the whole pattern
    parts: list[re.Pattern]           # every alternative of every pattern
    searches: list                    # per alternative, its search (its match where it opens with ^)
    asked: dict[str, tuple]           # name -> its first alternative, the mask of its alternatives from there, in
                                      # _ON_HEAD, in _LEFTMOST, its alternatives' searches
    always: int                       # the alternatives that need no literal, and their patterns' names
    holders: list[int]                # per literal of the automaton, what it may match in: alternatives, names, lexicons
    automaton: object
    names: tuple[str, ...]            # the patterns' names in bit order
    lexicons: dict[str, int]          # lexicon name -> its bit
    unmatched: dict[str, None]        # every name -> None
    every_name: int                   # the mask of all names, from bit 0


@lru_cache(maxsize=1)
def _branches() -> _Branches:
    """The voice patterns asked of sentences (all but :data:`_ON_TEXT`, with the rewrites), cut and indexed, and the
    lexicons of self-critical and colloquial phrases (:func:`sentence_lexicons`)."""
    patterns = {name: rx for name, rx in _voice_patterns().items() if name not in _ON_TEXT}
    patterns.update(_TARGET=_TARGET, _GENRE_NOUN=_GENRE_NOUN)
    owner, parts = zip(*[(name, re.compile(part)) for name, rx in patterns.items() for part in alternatives(rx.pattern)])
    name_bit = {name: 1 << (len(parts) + j) for j, name in enumerate(patterns)}
    lexicons = sentence_lexicons()
    lexicon_bit = {name: 1 << (len(parts) + len(patterns) + j) for j, name in enumerate(lexicons)}

    def mask(keys) -> int:  # the alternatives and their patterns' names, and the lexicons
        bits = 0
        for key in keys:
            bits |= lexicon_bit[key] if key in lexicon_bit else 1 << key | name_bit[owner[key]]
        return bits

    needs = {k: required(part) for k, part in enumerate(parts)}
    for name, lx in lexicons.items():
        if lx.pattern is not None:  # a phrase holds itself; a gapped entry or regex needs its own search
            raise ValueError(f"{lx.name}: the voice reads sentences for its phrases alone, not for A…B or regexes")
        needs[name] = lx.entries
    always, holders, automaton = literal_index(needs)
    first = {name: owner.index(name) for name in patterns}  # a pattern's alternatives stand together
    searches = [part.match if part.pattern.startswith("^") else part.search for part in parts]
    count = Counter(owner)
    asked = {name: (first[name], (1 << count[name]) - 1, name in _ON_HEAD, name in _LEFTMOST,
                    searches[first[name]:first[name] + count[name]]) for name in patterns}
    return _Branches(patterns, list(parts), searches, asked, mask(always), [mask(keys) for keys in holders], automaton,
                     tuple(patterns), lexicon_bit, dict.fromkeys(patterns), (1 << len(patterns)) - 1)


class SentenceMatches(dict):
    """name -> a match of that voice pattern in one sentence (of :data:`_ON_HEAD` ones: in its heading text, the
    sentence without its enumerator 一、; of :data:`_LEFTMOST` ones: the leftmost, whose start is read; of the others:
    that of its first alternative, in the pattern's order, that matches), or None. A pattern none of whose
    alternatives' required literals the sentence holds is None from the start; the others are searched when first
    asked, each alternative only where its literals stand, so a costly pattern or alternative runs only where it is
    read."""

    __slots__ = ("sentence", "present")

    def __missing__(self, name: str):
        first, own_parts, on_head, leftmost, searches = _branches().asked[name]
        text = self.sentence
        if on_head:  # the heading text (一、存在的问题 → 存在的问题) holds the sentence's literals or fewer
            enumerator = _ENUMERATOR.match(text)
            text = text[enumerator.end():] if enumerator else text
        left = self.present >> first & own_parts  # its alternatives that may match, lowest bit (the pattern's order) first
        if not leftmost:
            while left:
                bit = left & -left
                left ^= bit
                found = searches[bit.bit_length() - 1](text)
                if found:
                    break
            self[name] = found
            return found
        found = None
        while left:
            bit = left & -left
            left ^= bit
            match = searches[bit.bit_length() - 1](text)
            if match and (found is None or match.start() < found.start()):
                found = match
        self[name] = found
        return found


def sentence_matches(sentences: list[str]) -> list[SentenceMatches]:
    """The voice patterns asked of each sentence (:class:`SentenceMatches`), and the lexicons' phrases it holds, from
    one scan of the sentences joined for the phrases and the literals the patterns' alternatives need."""
    branches = _branches()
    out = []
    for sentence, present in zip(sentences, masks_by_string(branches.automaton, branches.holders, sentences,
                                                            branches.always)):
        matches = SentenceMatches(branches.unmatched)
        names = present >> len(branches.parts) & branches.every_name
        while names:  # a pattern that may match (its bit, lowest first) is searched when asked
            bit = names & -names
            names ^= bit
            del matches[branches.names[bit.bit_length() - 1]]
        matches.sentence, matches.present = sentence, present
        out.append(matches)
    return out


def holding(every: list[SentenceMatches], lexicon_name: str) -> set[int]:
    """The sentences (their numbers) holding a phrase of a lexicon of :func:`sentence_lexicons`, read from the scan that
    made their :class:`SentenceMatches`."""
    bit = _branches().lexicons[lexicon_name]
    return {i for i, m in enumerate(every) if m.present & bit}


def sentence_lexicons() -> dict[str, Lexicon]:
    """The lexicons whose phrases :func:`voice` looks for in each sentence: self-critical (不够、存在、淡化) and
    colloquial confessions (偷懒、图省事)."""
    return {"self_critical": lexicon("self_critical", "phrases"), "colloquial": _colloquial()}


@lru_cache(maxsize=1)
def _genre_titles() -> Lexicon:
    return Lexicon("kinds.genre_titles", [str(w) for w in load_yaml("lexicons/kinds.yaml")["genre_titles"]])


@lru_cache(maxsize=1)
def _colloquial() -> Lexicon:
    return Lexicon("kinds.colloquial_confessions",
                   [str(w) for w in load_yaml("lexicons/kinds.yaml")["colloquial_confessions"]])


@lru_cache(maxsize=TEXTS_REMEMBERED)  # classify, decide and cue_features each ask about the same text
def voice(text: str) -> Voice:
    """Count the sentences in which the text confesses, reports its own work, reports a meeting in the
    third person or explains (``voice`` in kinds.yaml); quotations are left out first. Own work: a
    report formula, an own subject with a work done or a period, or a period with a work done or a
    counted result (not of a wider area: 全县、全市、以来，某县坚持), neither self-critical, exhorting,
    planned (年底前、力争、将围绕、计划组织) nor reflecting. None of them counts unless one names its own
    subject with a work done or a period (我局、本人、分管的, or a unit as the subject after a period:
    2023年，区教育局坚持…), or uses the report formula, or a heading names the work done (一、主要工作成效), or the title (a one-line paste:
    its opening) names a work report — a period's results with no subject (全年粮食总产量…) are no one's
    own work; other counted results join them on the same terms. A title with a title word of ``other``
    or ``opinions`` (心得、讲话、通知、征求意见、工作要点、调研报告、经验交流、表彰) and none of a work
    report, or a speech's address (同志们：, :func:`speech`), means no own work. A unit named as 某县税务局
    is someone else. Confessions: self-critical sentences, not
    exhorting, in the author's own topic chain — the sentence names the author as its subject (我、本人、
    班子在…) or has no subject and continues a sentence that did; a sentence about others (reported,
    expository, 党员分别…, 有部分同志…) hands the chain to them and a heading starts a new one — in a text
    where the author is named, unless a title of ``other`` or ``opinions`` (and no self-examination claim)
    names it something else. Own work needs a period: an own subject with a period, or an own subject with
    a work done and a period's results in separate sentences. A title ends in its genre
    (:func:`title_genre`). Sentences addressed to someone, about someone else or under a heading
    对班子的意见 (until the next 二、 section) count as ``about_others`` and are neither confession,
    presence nor own work. An author who declares the text its self-examination (``declares``: 我…查摆了自身…,
    以上对照检查，请同志们批评帮助) is present, and so is the unnamed author of a text with a self-examination's
    own sections (存在的问题、原因剖析) or analysis of its own causes (产生这些问题的原因主要有…) that names no one
    else and has no suggestions section (二、意见建议). Rectification progress (问题已整改完成6个, …，已完成; any
    work done under a heading naming a problem, 一、关于…的问题) is counted apart (``rectified``), not as own work. Collected opinions announced as a list (共收到意见建议27条，
    梳理归纳如下) are about others under the headings that follow, until the author takes up its own examination; a
    body the text suggests to (建议班子…) is its addressee, not its author; 群众反映，… relays others' words. An item
    under a role label (党组书记：…) is addressed to someone; 班子成员… continues the body's chain but does not name the
    author; a line that looks back on the items above as opinions (对照以上意见…) makes them others'. A closing asking
    the audience to criticise the author (``asks_criticism``) declares as ``declares`` does."""
    counts, critical_sentences, reports, results = Counter(), [], [], []
    anchored = False  # a report formula, or its own subject (我局、本人) with a period, in one sentence
    subject_done = period_done = False  # or each in a sentence of its own: 我局…完成, 今年共接待123人次
    title = title_line(text)
    claimed = bool(title_claims(title))
    present = claimed  # a title claiming a self-examination makes the author present
    opinions = False  # inside a section headed 对班子的意见: others' opinions, not confessions
    collected = False  # after 共收到意见建议27条，梳理归纳如下: the collected opinions, under whatever headings follow
    planning = False  # from 今后…的安排/下一步打算 to the next 二、 section: plans, not work done
    rectifying = False  # from 一、关于…的问题 to the next section: the rectification of that problem, not own work
    subject = ""  # whose the last named subject was ("own" or "other"; "item": a new item once the author is named)
    own_from = 0  # the first confession of the author's own part (after its own heading or declaration)
    chain_named = False  # the own chain was opened by naming the author (我、班子在…), not only its members
    named = False  # the author named anywhere (我、本人、班子在…)
    named_in_body = False  # … in a sentence other than the title (XX镇党委书记个人对照检查材料 names it in the title)
    declared = False  # 我认真查摆了自身…、以上对照检查，请同志们批评指正: the text names itself a self-examination
    skeleton = False  # a heading of a self-examination's own sections (存在的问题、原因剖析、整改措施)
    areas = 0  # headings naming an area of conduct (（一）贯彻落实方面、2、官僚主义方面：)
    faulted = advised = 0  # items opening with a fault (一是…不够), and with advice (1.建议…)
    lines = {s.strip() for s in text.splitlines()}
    spoken = unquoted(text)
    found = list(SENTENCE.finditer(spoken))
    sentences = [f.group().strip() for f in found]
    # a question (查摆问题实不实？自己存在哪些问题？) asks; it confesses nothing
    asked = {i for i, f in enumerate(found) if spoken[f.end():f.end() + 1] in "？?"}
    every = sentence_matches(sentences)
    rx = _voice_patterns()
    critical_lexicon = lexicon("self_critical", "phrases")
    critical_at = holding(every, "self_critical")  # the sentences holding a self-critical phrase
    colloquial_at = holding(every, "colloquial")
    addressee = None  # does the text suggest or wish to a body (read when first needed)
    for i, (sentence, m) in enumerate(zip(sentences, every)):  # m: name -> the pattern's match in the sentence, or None
        if sentence in lines and len(sentence) <= 30 and not _SENTENCE_MARK.search(sentence):
            subject = ""  # a heading (二、检视剖析的问题, （一）理论学习方面) starts a new topic chain
        elif named and _ITEM.match(sentence):
            # so does a new item (2、…, 二是…) once the author is named: 例如，个别领导干部… was the last item's case; the
            # item is the author's list of faults, where a plain-words one (二是下基层去得少。…有时候也是犯懒) confesses
            subject = "item"
        chain_named = chain_named and subject == "own"
        if m["link"]:  # a run-on paste's 上一篇/下一篇 links name other pages
            continue
        counts["opinions"] += m["opinion"] is not None
        counts["relayed"] += m["relayed"] is not None
        anchored = anchored or m["work_heading"] is not None  # 一、2023年主要工作成效 heads own work
        # and so does an enumerated heading stating a result of its own field (（三）教师队伍建设加强)
        anchored = anchored or bool(_ENUMERATOR.match(sentence) and m["result_heading"])
        # or an analysis of the causes in the text's own voice (缺乏业务知识有以下几个原因。一是…)
        skeleton = skeleton or bool(m["own_heading"] or m["cause_analysis"])
        areas += "方面" in sentence and _AREA_HEADING.match(sentence) is not None
        # an item of a list that opens with a fault (二是…不够。③有时…) or with advice (1.建议…、希望…)
        item = _ITEM_LINE.match(sentence)
        faulted += bool(item) and (i in critical_at or m["problem"] is not None)
        advised += bool(item) and _ADVISING.match(sentence[item.end():]) is not None
        counts["advises"] += m["advice_heading"] is not None  # 二、意见建议 (1.建议… in a run-on)
        # 全县共有行政村236个: an area, not the author; but a unit named as the subject before it (今年以来，督查局围绕全市
        # 中心工作…) does its own work for that area
        wider = m["wider"] is not None and not (m["unit_subject"] and m["unit_subject"].end() <= m["wider"].start())
        counts["wider"] += wider
        if m["opinions_heading"]:
            opinions = True
        elif m["section"]:
            opinions = planning = False
        # under a heading naming a problem (一、关于…的问题) until the next section, work done answers that problem
        rectifying = m["problem_heading"] is not None or rectifying and m["section"] is None
        # the collected opinions run on through category headings (一、形式主义方面) until the author takes up its
        # own examination: a section of its own (存在的问题、二、原因剖析、一、征求意见情况), a declaration, 现对照…检查如下,
        # 班子认真查摆… in its own voice, or any sentence where 我/本人 speaks (a list relays others' words)
        headed = m["own_heading"] or m["section"] and m["own_part"]
        if headed or m["declares"]:
            own_from = len(critical_sentences)  # the author's own part starts here
        if m["recalls"] and not m["speaker"]:
            # 对照以上意见、以上内容根据座谈会整理: the items above were others' opinions
            counts["about_others"] += len(critical_sentences) - own_from
            del critical_sentences[own_from:]
        if m["speaker"] or m["declares"] or m["examines"] and (m["own"] or m["below"]):
            collected = False
        # announced as a list (梳理归纳如下), or counted with no collector named (本次共收集意见建议43条); a run-on paste
        # glues the heading to its first sentence: 二、征求意见的基本情况本次共征求到…
        elif m["collected"] or m["collected_count"] and not m["own"]:
            collected = True
        elif headed:
            collected = False
        planning = planning or m["plan_heading"] is not None  # 今后三个月的整改安排：… 下一步打算
        first = m["first_person"] is not None
        # a date alone (例如：4月12日，学校举办…时照搬照套…) dates a case the author confesses in its own chain, not a
        # meeting reported: it reports only when the sentence confesses nothing or follows a sentence about others
        dated_case = not first and (m["reported"] is not None and _DATE.fullmatch(m["reported"].group()) is not None
                      and subject != "other" and i in critical_at
                      and sum(1 for _ in rx["reported"].finditer(sentence)) == 1)
        reported = not first and bool(m["reported"] and not dated_case or m["reported_weak"]
                                      and len(rx["reported_weak"].findall(sentence)) >= 2)
        generic = m["generic"] is not None  # 每个人都…、偷懒的人往往…: about anyone, whoever speaks
        # 例如 opening the author's own case (例如：学校班子开展听课活动，存在…) explains nothing: in a chain not handed
        # to others, a confessing sentence whose only expository word it is stays the author's
        own_case = (m["expository"] is not None and m["expository"].group() == "例如" and subject != "other"
                    and i in critical_at and sum(1 for _ in rx["expository"].finditer(sentence)) == 1)
        # what the author's own inspection found (自查中发现个别部门存在…) is its own fault, its 个别部门 its own departments
        own_case = own_case or m["self_found"] is not None and i in critical_at
        # and a work report summing up its results before its shortfalls (在看到成绩的同时…一是个别领导…) speaks of its own
        own_case = own_case or m["results_owned"] is not None
        expository = generic or m["expository"] is not None and not own_case
        counts["reported"] += reported
        counts["expository"] += expository
        counts["page_label"] += expository and m["page_label"] is not None  # 本文为付费内容
        # 一些单位…、部分部门推诿 is what opinions complain of; 关键词、摘要、本文、是指 explain or label the text
        counts["explains"] += expository and not generic and m["generic_subject"] is None
        if reported or expository:  # the author's own only when it speaks as 我/本人 (本单位的利益 is anyone's)
            subject = "own" if m["speaker"] and not generic else "other"
            chain_named = subject == "own"
            continue
        body = m["own"]
        if addressee is None and body and not first:
            # a text that suggests or wishes to a body (建议班子…、希望领导班子…) speaks to it: the body it names is
            # the addressee, not the author, unless 我/我们 speak (我们班子…)
            addressee = any(n["suggests_to"] for n in every)
        # 群众反映，班子成员…: others' words about the body; 班子通过…征集意见，群众反映…: the body speaking, then relaying
        # a fault in a table row closed by a bare count (班子自身\t值班到岗不够\t3) is a tally of what others raised
        tally = m["tallied"] is not None and (i in critical_at or i in colloquial_at)
        if (opinions or collected or m["addressed"] or tally or not first and (
                m["third_party"] or m["relaying"] and (body is None or m["relaying"].start() < body.start())
                or addressee and body)):
            counts["about_others"] += 1  # someone else's fault or work: no confession, no own work
            subject = "other"
            continue
        # 自己 is the chain's subject; 我们发现 observes, unless the author is named after it (我看到了没动…是我的失职)
        observer = m["observer"] is not None and rx["own"].search(sentence[m["observer"].end():]) is None
        own = bool(body or subject != "other" and m["reflexive"]) and not observer
        # 班子成员… speaks of the members in the third person, as a list of opinions does (班子成员下基层少): it
        # continues the body's chain but names no author; the body itself (班子在…、局党组…) or 我 does
        members_only = bool(body and m["members"]) and rx["own"].search(rx["members"].sub("", sentence)) is None
        naming = own and (chain_named or not members_only)
        chain_named = chain_named or naming
        subject = "own" if own else subject
        named = named or naming
        named_in_body = named_in_body or naming and not (title and title.startswith(sentence))
        exhorts = m["not_work"] is not None  # 我们要、必须: advice, neither confession nor work
        # in its own voice (not 要查摆自身…, not after a sentence about others) the author calls the text its
        # self-examination, as a claiming title does
        declared = declared or not exhorts and subject != "other" and (m["declares"] or m["asks_criticism"]) is not None
        # 对进度滞后的事项挂牌督办: the fault is the target's, not the author's; 写检讨、一份检讨书 names a genre
        judged = _GENRE_NOUN.sub("", _TARGET.sub("", sentence)) if m["_TARGET"] or m["_GENRE_NOUN"] else sentence
        if judged == sentence:
            written, colloquial = i in critical_at or m["problem"] is not None, i in colloquial_at
        else:
            written = critical_lexicon.count(judged) > 0 or rx["problem"].search(judged) is not None
            colloquial = _colloquial().count(judged) > 0
        if written or colloquial:
            # a confession is the author's: its subject is the author (我、班子在…), or it has none and
            # continues a sentence whose subject was (我查摆出以下问题。一是…); a colloquial one (偷懒、图省事)
            # only in a chain the author opened by name — 偷懒的人…, 工作的时候偷懒… is about anyone
            if not exhorts and i not in asked and (subject in ("own", "item") if not written else subject != "other"):
                critical_sentences.append(sentence)
            if not (m["report_formula"] or m["results_owned"]):
                continue  # a shortcoming, not work done
        if m["reflective"] and not m["results_owned"]:  # 清醒地认识到…不足 turns to the shortfalls
            counts["reflective"] += 1
            continue
        if exhorts or planning and not m["results_owned"] or m["planned"]:  # a plan or target (年底前、力争) is no work done
            continue
        # 由…举办的: someone else's work
        done = (rx["done"].search(rx["other_agent"].sub("", sentence)) if m["other_agent"] else m["done"]) is not None
        period, formula = m["period"] is not None, (m["report_formula"] or m["results_owned"]) is not None
        own_work, achievement = m["own_work"] is not None, m["achievement"] is not None
        subject_done = subject_done or own_work and done
        period_done = period_done or period and not wider and (done or achievement)
        # its own subject: 我局/本人, or a unit named as the subject of a period (2023年，区教育局坚持…)
        anchored = (anchored or formula or own_work and period or period and m["unit_subject"] is not None
                    or subject_done and period_done)
        reporting = formula or period and not wider and (achievement or done) or own_work and (done or period)
        if (reporting or achievement) and (rectifying or m["rectified"]):
            counts["rectified"] += 1  # 查摆的8个问题已整改完成6个: progress of a rectification, not a work report's
        elif reporting:
            reports.append(sentence)
        elif achievement:
            results.append(sentence)
        counts["results"] += (reporting or achievement) and not wider and not (rectifying or m["rectified"])
    one_line = len(filled_lines(text)) <= 1
    # a title naming a notice, news item, 心得 or list of opinions (a one-line paste: its words before the
    # first punctuation naming a genre, ``genre_titles``), and no self-examination: no confession; nor
    # own work, nor in a speech
    head = _SENTENCE_MARK.split(opening(text))[0] if one_line and not title else ""
    # a title that addresses opinions to someone (对局领导班子的意见建议) names the whole text, not one section; a
    # one-line paste's words before its first item (征求意见情况1.班子成员…) name its genre as a title would
    listed = _INLINE_ITEM.split(opening(text))[0] if one_line and not title else ""
    # an essayist (笔者) or a guide to writing (怎么写、拟写、写法) speaks as no author examining or reporting on itself
    titled_other = not claimed and (any(title_genre(title, k) for k in ("other", "opinions"))
                                    or _may_match("guide", spoken) and rx["guide"].search(spoken) is not None
                                    or _genre_titles().count(head) > 0
                                    or bool(title) and _voice_patterns()["opinions_heading"].search(title) is not None
                                    or listed != opening(text) and len(listed) <= 24
                                    and not _SENTENCE_MARK.search(listed) and title_genre(listed, "opinions"))
    # the author is present when named as a subject somewhere (我、本人、班子在…) or declared; and implicitly, when
    # the text has a self-examination's own sections (存在的问题、原因剖析) and names no one else at all
    # (a site's label on the page, 本文为付费内容, names no one); a text with a suggestions section (二、意见建议) advises
    # whoever it names or leaves unnamed, so its problems are not the unnamed author's
    others = counts["reported"] + counts["expository"] - counts["page_label"] + counts["about_others"] + counts["wider"]
    # a list of faults under area headings or in items (一是…、①…) that tells them (a catalogue names each in a phrase:
    # 以会议落实会议，以文件落实文件) is the unnamed author's own, as a self-examination's sections are
    told = sum(map(len, critical_sentences)) >= TOLD_FAULT * len(critical_sentences)
    listing = told and not advised and (areas >= 2 or faulted >= 3 and not counts["relayed"])
    implicit = (skeleton or listing) and not others and not counts["advises"]
    present = present or named or declared or implicit
    confessions = critical_sentences if present and not titled_other else []
    titled_other = titled_other or not claimed and speech(text)  # an oral self-examination opens with 同志们 too
    titled_work = titled_work_report(text)
    # and a period's results with no subject (全年粮食总产量…) are no one's own work until one sentence
    # names its own subject (我局、本人、2023年，区教育局坚持…) or uses a report formula, a heading names the
    # work done (一、主要工作成效), or the title names a work report
    work = reports + results if (anchored and (reports or results) or titled_work) and (titled_work or not titled_other) else []
    return Voice(len(confessions), len(work), counts["reported"], counts["expository"], counts["about_others"],
                 counts["reflective"], confessions[0] if confessions else "", work[0] if work else "",
                 counts["opinions"], named_in_body, declared, counts["rectified"], counts["explains"],
                 counts["relayed"], bool(_voice_patterns()["owns_up"].search(unquoted(text))), counts["page_label"],
                 counts["results"], _may_match("rectification_heading", text)
                 and _voice_patterns()["rectification_heading"].search(text) is not None or assigned(text) >= 2)


def assigned(text: str) -> int:
    """Measures given an owner or a deadline, as a rectification document gives them in any wording: the labels and
    deadlines of ``assigns`` (责任人：…、时限：2025年3月底前、3月底完成、长期坚持) outside tables, and the rows of a task ledger
    (tab-separated lines of four cells or more, one of them after the first a deadline or a state of progress:
    2024年3月31日、长期坚持、已完成、推进中). They name rectification by what it does (problem, measure, owner, deadline)
    even where an excerpt has lost the title and header that say 整改."""
    rx = _voice_patterns()
    rows = [[c.strip() for c in line.split("\t") if c.strip()] for line in text.splitlines() if line.count("\t") >= 3]
    ledger = sum(1 for cells in rows if any(rx["deadline"].search(c) or rx["progress"].search(c) for c in cells[1:]))
    prose = "\n".join(line for line in text.splitlines() if line.count("\t") < 3)
    return ledger + len(rx["assigns"].findall(prose))


def speech(text: str) -> bool:
    """Does the text address an audience as a speech does (同志们：… 刚才，几位同志作了发言 … 下面，我讲三点意见 …
    同志们，让我们…), or greet it (致以节日的问候、祝大家新春愉快)? 各位领导、同志们：
    opens a 述职 delivered at a meeting too, so an address after 领导/各位/尊敬 does not count."""
    rx = _voice_patterns()
    greeted = unquoted(text)  # 致以节日的问候、祝大家新春愉快: a speaker greets an audience
    if _may_match("speech_greeting", greeted) and rx["speech_greeting"].search(greeted):
        return True
    return _may_match("speech_address", text) and any(not rx["speech_audience"].search(text[max(0, m.start() - 8):m.start()])
                                                      for m in rx["speech_address"].finditer(text))


@lru_cache(maxsize=None)
def _needed(name: str) -> Lexicon | None:
    """The literals one of which every match of the voice pattern ``name`` holds (None: it needs none)."""
    literals = required(_voice_patterns()[name])
    return Lexicon(f"kinds.{name}.needs", sorted(literals)) if literals else None


def _may_match(name: str, text: str) -> bool:
    """Can the voice pattern ``name`` match ``text``: does the text hold a literal it needs? A scan for the literals
    reads a whole text faster than a pattern that cannot skip ahead (同志们 after ^ or [\\s。！？!?])."""
    needed = _needed(name)
    return needed is None or needed.count(text) > 0


def speaks_as(kind: str, spoken: Voice, titled: bool = False) -> bool:
    """Can a text that speaks this way be of ``kind``? A self-examination needs confessions, a work
    report its own voice — its own work, or its own shortfalls confessed (a cut to its 存在的不足 and 下步打算 speaks of
    itself as the whole report does, unless the text is laid out as a rectification (``Voice.laid_out_to_rectify``):
    then they are findings under rectification; news
    of a unit's work speaks of others) — each more than half as many as the
    third-person, expository and about-others sentences together (for a work report, reflective ones and rectification
    progress too); a list of opinions needs sentences that
    suggest, wish or find fault (``opinion``) more than those that report a meeting or explain or label the text
    (关键词、摘要、本文由…; not 一些单位…, which opinions complain of); the other kinds are not restricted.
    An author who declares the text its self-examination in its own voice (``Voice.declared``: 我…查摆了自身…,
    以上对照检查，请同志们批评帮助) is held to a claiming title's bar.
    A self-examination examines more than one thing: a single self-critical sentence is an aside (a
    diary's 学习不够, a blog's 这一点也是我存在的问题, a novel's 我做检讨), unless the title names the
    text a self-examination (``titled``: 个人对照检查材料 and its first problem). Under such a title a text that
    confesses nothing is still one — an excerpt of the causes or measures alone (本人每月到包联村不少于3天…), a
    self-inspection that found nothing (…办公用房清理自查报告: the facts, no excess, pledges; what it fails to confess is
    for the reviewer to see judged) — when it names its author as a subject or reports its own work, reports no
    meeting, addresses no one, and its general sentences (…是重要举措; a site's label on the page, 本文内容仅供参考, aside)
    are no more than those naming the author or reporting its own work: one sentence on why the rules matter does not
    make it an essay, a reporter's account does make it news. Without such a title a self-examination owns up
    somewhere (``Voice.owns_up``: 我/我们, 查摆, 原因, 差距, 整改): a 班子's faults and nothing more are what a list of
    opinions cut mid-way says too."""
    others = spoken.elsewhere
    titled = titled or spoken.declared  # 我…查摆了自身…问题。现报告如下 names the text as its title would
    if kind in SELF_EXAMINATION:
        if not (titled or spoken.owns_up):  # faults of a 班子 and nothing more: what a list of opinions says too
            return False
        if titled and spoken.confessions == 0:
            # a site's label on the page (本文内容仅供参考) speaks as no kind; a body that reports its own work (一、一年来的
            # 主要工作 …完成投资9.2亿元) names its author as a subject would; a meeting reported or someone addressed makes it
            # news or a letter, general sentences (…是重要举措，各级机关必须带头执行) must not outnumber the author's own
            general = spoken.expository - spoken.page_labels
            return ((spoken.named or spoken.own_work > 0) and not (spoken.reported or spoken.about_others)
                    and general <= spoken.own_work + spoken.named)
        return spoken.confessions >= (1 if titled else 2) and 2 * spoken.confessions > others
    if kind == "work_report":  # its shortfalls name its own members in general (个别领导…、部分干部…): not against it
        others = spoken.reported + spoken.explains + spoken.about_others
        # the problems of a text that rectifies them are its findings under rectification, not a report's shortfalls
        own = spoken.own_work + (0 if spoken.laid_out_to_rectify else spoken.confessions)
        against = others + spoken.reflective + spoken.rectified
        # one shortfall and no work done is an aside where anything else speaks (an essay's 我想改改…的毛病)
        lone = spoken.confessions == 1 and not spoken.own_work
        return own > 0 and 2 * own > against and not (lone and against)
    if kind == "opinions":  # a list of opinions suggests or finds fault, more often than it reports or explains
        return spoken.opinions > spoken.reported + spoken.explains  # (an abstract's 关键词、摘要; a page's 本文由…)
    return True


def sure_cut(kind: str, spoken: Voice, proba: np.ndarray) -> bool:
    """A material cut down (an excerpt, a few lines of a 发言提纲) is of ``kind`` when the model is sure of it
    (:data:`SURE`) and no sentence in it speaks as another kind, though the cut took away what :func:`speaks_as` asks
    for. A self-examination cut to one confession or none (its causes or measures) that owns up, where nothing reflects
    (我体会到…) more often than it confesses: the gate's second confession guards against a diary's or a story's aside,
    which the model does not read as a material, and a 心得's reflections, which it may. A work report cut to its
    results (修订完善制度8项；全年办理业务3.2万件), two at least and none of a wider area (全县…), with neither reflection
    nor more rectification progress than results: the cut took away the subject and period that make them its own."""
    if kind == "work_report":
        return (spoken.results >= 2 and not (spoken.elsewhere or spoken.reflective)
                and 2 * spoken.results > spoken.rectified and proba[KINDS.index(kind)] >= SURE)
    return (kind in SELF_EXAMINATION and spoken.confessions <= 1 and spoken.owns_up
            and not spoken.elsewhere and spoken.reflective <= spoken.confessions and proba[KINDS.index(kind)] >= SURE)


def gate(kind: str, text: str, spoken: Voice, proba: np.ndarray) -> str:
    """The gate that keeps ``kind`` out of the decision on ``text`` (:meth:`KindModel.decide`), or "" if the text may
    be of it: ``rectifies`` — a rectification document names rectification (整改、销号、问题清单) or gives measures an
    owner or a deadline (:func:`assigned`; a work summary that lists its shortcomings and next steps does neither);
    ``notice`` — a notice (关于为班子民主生活会征求意见的通知) asks for opinions, it is not the list of them; ``memoir`` —
    a text the model reads as a self-examination is a work report only if it reports its own work more than once (one
    sentence of a memoir, 近年来我的记忆力开始衰退…, is no report); ``voice`` — the text does not speak as the kind does
    (:func:`speaks_as`) and is no cut the model is sure of (:func:`sure_cut`)."""
    if kind == "rectification" and not (_voice_patterns()["rectifies"].search(text) or assigned(text) >= 2):
        return "rectifies"
    if kind == "opinions" and title_line(text).endswith("通知"):
        return "notice"
    if kind == "work_report" and KINDS[int(np.argmax(proba))] in SELF_EXAMINATION and spoken.own_work < 2:
        return "memoir"
    return "" if speaks_as(kind, spoken) or sure_cut(kind, spoken, proba) else "voice"


def voice_cues(kind: str, spoken: Voice, passed_over: list[str] = ()) -> list[str]:
    """Quotable cues of the voice: a sentence that confesses (self-examination) or reports its own work
    (work report); for each material kind the model preferred but the text does not speak as, why not."""
    out = []
    if kind in SELF_EXAMINATION and spoken.confession:
        out.append(f"自我检查句 {spoken.confessions} 句，如「{spoken.confession[:40]}」 / sentences confessing "
                   "the author's own problems")
    if kind == "work_report" and spoken.work:
        out.append(f"本人/本单位工作句 {spoken.own_work} 句，如「{spoken.work[:40]}」 / sentences reporting "
                   "its own work")
    for k in passed_over:
        own = spoken.confessions if k in SELF_EXAMINATION else spoken.own_work
        what = "检查自身问题的句子" if k in SELF_EXAMINATION else "报告本人/本单位工作的句子"
        against = f"第三人称报道句 {spoken.reported}、说明/泛指句 {spoken.expository}、针对他人句 {spoken.about_others}"
        if k == "work_report":
            against += f"、感想体会句 {spoken.reflective}"
        out.append(f"不按{LABELS[k]}判断：{what} {own} 句，{against} / not {k}: too few sentences in its own voice")
    return out


class KindModel:
    """Document-kind classifier. ``fit(texts, kinds)``; ``classify(text)`` returns the ``kind``
    object of the report. Learned state: ``vec_``, ``sentences_``, ``clf_``, ``margin_`` (see module doc and
    :meth:`fit`).
    """

    def __init__(self, C: float = 32.0, margin: float = 0.3):
        self.C = C
        self.margin = margin

    def _rows(self, texts, pooled_sentences=None):
        """The model's rows (:class:`~analyzer.features.Blocks`: ``.matrix()`` to fit, multiplied directly to predict):
        the page's n-grams, its cue and layout features and its pooled sentence probabilities (``pooled_sentences``:
        those of the training rows, out of fold; None: :attr:`sentences_` of ``texts``)."""
        from .features import blocks, tfidf_rows

        if pooled_sentences is None:
            pooled_sentences = self.sentences_.features(texts, KINDS)
        return blocks([tfidf_rows(self.vec_, [compact(t) for t in texts]),
                       np.array([cue_features(t) + layout_features(t) for t in texts]).reshape(len(texts), -1),
                       pooled_sentences])

    def fit(self, texts: list[str], kinds: list[str], groups: list | None = None,
            dev: tuple | None = None) -> "KindModel":
        """Fit on ``texts`` (``groups``: the document each text is a shape of, kept together when the sentence
        view is fitted out of fold; None: every text a document of its own). With ``dev`` (texts and kinds held
        apart, and optionally their groups), first fit on ``texts`` alone and take as ``margin_`` the widest of :data:`MARGINS` whose accuracy on ``dev`` is within
        0.01 of the best (``dev_grid_``: per margin, the non-materials taken for self-examinations
        and the accuracy), then refit on both. Without ``dev``, ``margin_`` is ``margin``."""
        self.margin_ = self.margin
        groups = list(range(len(texts))) if groups is None else groups
        self._fit(texts, kinds, groups)
        if dev is None:
            return self
        proba = self.predict_proba(dev[0])
        self.dev_grid_ = {}
        for margin in MARGINS:
            self.margin_ = margin
            pred = [self.decide(t, p) for t, p in zip(dev[0], proba)]
            accuracy = round(float(np.mean([g == k for g, k in zip(dev[1], pred)])), 4)
            self.dev_grid_[margin] = (misjudged(dev[1], pred), accuracy)
        best = max(accuracy for _, accuracy in self.dev_grid_.values())
        self.margin_ = max(m for m, (_, accuracy) in self.dev_grid_.items() if accuracy >= best - 0.01)
        dev_groups = list(dev[2]) if len(dev) > 2 else [("dev", i) for i in range(len(dev[0]))]
        return self._fit(list(texts) + list(dev[0]), list(kinds) + list(dev[1]), list(groups) + dev_groups)

    @staticmethod
    def vectorizer():
        """The unfitted n-gram vectorizer of the document rows (character 2–3-grams of the compacted page)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True, max_features=40000)

    def _fit(self, texts: list[str], kinds: list[str], groups: list) -> "KindModel":
        """Fit the sentence view (:mod:`analyzer.kind_sentences`) on every text, and the document model on the
        texts' rows with their sentence view out of fold."""
        from sklearn.linear_model import LogisticRegression

        self.vec_ = self.vectorizer().fit([compact(t) for t in texts])
        texts = [content(t) for t in texts]
        self.sentences_ = SentenceView().fit(texts, kinds, groups)
        self.clf_ = LogisticRegression(C=self.C, max_iter=5000, class_weight="balanced")
        self.clf_.fit(self._rows(texts, out_of_fold(texts, kinds, groups, KINDS)).matrix(), kinds)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities over :data:`KINDS` (columns in KINDS order)."""
        from .features import multinomial

        proba = multinomial(self.clf_, self._rows([content(t) for t in texts]))
        out = np.zeros((len(texts), len(KINDS)))
        for j, cls in enumerate(self.clf_.classes_):
            out[:, KINDS.index(cls)] = proba[:, j]
        return out

    def decide(self, text: str, proba: np.ndarray) -> str:
        """The kind from one row of probabilities, leaning away from self-examination (module doc)."""
        text = content(text)
        spoken = voice(text)
        claimed = titled_kind(text)
        if claimed and speaks_as(claimed, spoken, titled=True):
            return claimed
        allowed = [k for k in KINDS if not gate(k, text, spoken, proba)]
        top = max(allowed, key=lambda k: proba[KINDS.index(k)])
        if top == "other" and "opinions" in allowed and spoken.relayed >= 2 and not spoken.confessions + spoken.own_work:
            # a text that relays what others said (有人说…、群众反映…) and speaks as no material is a list of
            # opinions rather than something else, when the model has it close
            return "opinions" if proba[KINDS.index("other")] - proba[KINDS.index("opinions")] < self.margin_ else top
        if top not in SELF_EXAMINATION:
            return top
        others = [k for k in allowed if k not in SELF_EXAMINATION]
        alt = max(others, key=lambda k: proba[KINDS.index(k)])
        if not (self_examination_cues(text) or spoken.declared):  # a self-examination that never says so is not one
            return alt
        # lean away only when the sentences that speak as another kind does (report a meeting, explain, address
        # someone, or reflect on what the author felt or learnt: 我体会到…) are more than half as many as the
        # confessions: a text that only confesses, or confesses seven times beside one exhortation (必须按照…), keeps
        # its self-examination kind however close the model is
        mixed = 2 * (spoken.elsewhere + spoken.reflective) > spoken.confessions
        close = proba[KINDS.index(top)] - proba[KINDS.index(alt)] < self.margin_
        return alt if close and mixed and has_cues(text, alt) else top

    def predict(self, texts: list[str]) -> list[str]:
        return [self.decide(t, p) for t, p in zip(texts, self.predict_proba(texts))]

    def classify(self, text: str) -> dict:
        """The report's ``kind``: ``{"id", "label", "score", "cues"}``."""
        return self.classify_many([text])[0]

    def classify_many(self, texts: list[str]) -> list[dict]:
        """:meth:`classify` of each text: a title that names the kind settles it (:meth:`titled`); the texts
        it does not settle are scored by one :meth:`predict_proba` and judged each on its own (:meth:`judged`)."""
        texts = [content(t) for t in texts]
        spoken = [voice(t) for t in texts]
        claimed = [titled_kind(t) for t in texts]
        settled = [bool(c) and speaks_as(c, s, titled=True) for c, s in zip(claimed, spoken)]
        asked = [t for t, done in zip(texts, settled) if not done]
        proba = iter(self.predict_proba(asked) if asked else ())
        return [self.titled(t, s, c) if done else self.judged(t, s, c, next(proba))
                for t, s, c, done in zip(texts, spoken, claimed, settled)]

    @staticmethod
    def titled(text: str, spoken: Voice, claimed: str) -> dict:
        """The report's ``kind`` when the title names it (``claimed``) and the text speaks as it does."""
        return {"id": claimed, "label": LABELS[claimed], "score": 1.0,
                "cues": [f"标题自称{LABELS[claimed]} / the title names it one: 「{title_line(text)}」"]
                + [c for c in cues(text, claimed) if not c.startswith("标题/开头")] + voice_cues(claimed, spoken)}

    def judged(self, text: str, spoken: Voice, claimed: str | None, proba: np.ndarray) -> dict:
        """The report's ``kind`` from the model's probabilities (:meth:`decide`), with the material kinds the
        model preferred (or the title claimed) that the text does not speak as."""
        kind = self.decide(text, proba)
        passed_over = [k for k in MATERIAL_KINDS if k != kind and not speaks_as(k, spoken)
                       and (proba[KINDS.index(k)] > proba[KINDS.index(kind)] or k == claimed)]
        found = cues(text, kind) or ["无明显线索词，依据整体用词判断 / no cue words: judged from the wording as a whole"]
        return {"id": kind, "label": LABELS[kind], "score": round(float(proba[KINDS.index(kind)]), 4),
                "cues": found + voice_cues(kind, spoken, passed_over)}


def forced(kind: str) -> dict:
    """The ``kind`` object when the user set it (``--kind``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; known: {', '.join(KINDS)}")
    return {"id": kind, "label": LABELS[kind], "score": 1.0, "cues": ["由 --kind 指定 / set with --kind"]}
