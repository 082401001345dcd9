"""Stage 3b: web-page noise — the furniture of 范文/文库 pages around a pasted material and the
tokens they insert into it. Noise is judged as nothing.

A paragraph is noise (role ``noise``) when, once its inline noise is taken out, what is left
is page furniture: a breadcrumb trail (首页 > 范文 > 正文), a source/dateline line (来源：…
发布时间：… 浏览次数：…), page navigation (上一篇/下一篇, 第1页 共3页), a download or copyright
footer (本文由…整理, 版权所有, 下载全文, 复制请注明出处), a URL or site watermark, or no
Chinese at all. Inline noise — anti-scraping tokens (runs of letters, digits and symbols that change class at random: ``x7Kq#2``), pinyin glosses (数(shù)据(jù)), URLs,
site watermarks (XX范文网) and bracketed footers inside a content line — is cut from the text
the judgements read; the paragraph keeps its offsets into the normalised text, which still
holds the cut characters. Phrases and site names are in ``data/lexicons/noise.yaml``.

Page furniture also has shapes without a telling phrase: widget lines (收藏 分享 举报, 字号变大 |
字号变小), date stamps (2021-04-25 10:46 某某, 2019年03月27日 某某日报), journal metadata (刊名
2020年7期, 关键词 run together, an affiliation with its postcode), a source line (据《某报》). At the
head of a page — the lines before the first body paragraph (:func:`head_lines`) — a line that is only
a site's name (某某网), a site section (党员文章, 信息公开), a column tag (【学习贯彻…】), the site's
slogan (parts around its name: 某句——某某文库◆记住我~) or a byline (names, a unit and a name, 文/某某) is
furniture too; lower down such a line may be the document's
own (a signature, a short heading), so it is left alone.

Other furniture is told by its form alone, so that it holds on sites never seen: a row of counters
(发帖85 | 精华0, 关注(1)|粉丝(1)), a field of a page's metadata panel or profile (• 索引号：, 类别：都市), a
medium's name before its widget words (某某报客户端), the site's greeting (欢迎访问某某网), one phrase
repeated over a line (a tag cloud), a credit bracket ((党委工作部), (图/某某 文/某某)), a journal's issue
line, authors' notes run together, and at a page's head a newspaper's dateline with its weekday or a
reporter after the medium's name; so are a credit alone on its line ((某某/摄), 文/图:某某), a location
label (您的当前位置:), an input prompt (请输入关键字), a service hotline, a paywall's truncation notice, an
image file name, a related link with its timestamp and a follow prompt. A site's summary (摘要:…) is told
by its echo: it repeats the opening of the text below it (:func:`echoed_summaries`), which an author's
abstract never does. A document's own fields (会议时间：, 责任人：), numbered parts (附件1,
问题3) and headings never take these forms.

A page pasted into one line glues its furniture between the sentences of the material. Before the
run-on splitter, :func:`runs` finds each such piece whole — fields with their values, a sentence in
the site's voice, a linked title, a footer with its tail, a widget bar, a page marker, a stamp, a
journal's metadata — and the pipeline cuts it out as its own noise paragraph, so that no furniture is
judged and no sentence of the material is lost into it.

A scraping token may look like an acronym, a unit or a code (WQB4, 59SL, 832d): it is told by its form
(no known unit, too many capitals for its one digit) or by where it sits, inside a Chinese word (纪59SL律).

The judging side (:func:`unjudged`, applied where the role model settles the roles): furniture no rule
knows still has a form a sentence never has. A paragraph with no sentence or clause mark and no predicate
(no verb, adjective, idiom or negation by jieba's dictionary tags), or mostly not Chinese, states nothing
to judge — a site's column name, a byline, a caption of nouns, a counter, a title, a file's name
(….docx, a document site's title) — and gets the role
``other`` instead of a problem, cause, measure, summary, preamble or closing. Headings found by rule and
labels ending in a colon (形式主义：) keep their roles; a material's lines are sentences and keep theirs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .prefilter import required
from .resources import MEMO, Lexicon, forget_with_matches, load_yaml, phrase_regex
from .segment import load_jieba

LINE_MAX = 120          # a furniture line is short; a long line with a cue is content with a footer
LINK_MAX = 40           # a linked title glued into a run-on line (上一篇：…材料) is at most this long
VOICE_GAP = 12          # a furniture sentence (声明：本站…) holds at most this much between its cues
SENTENCE_TAIL = 8       # … and ends this near its last cue
VOICE_SENTENCE = 60     # a sentence in the site's own voice (以下是小编…) ends at most this far after its cue
MIN_CONTENT_CJK = 1     # no Chinese character left: nothing to judge
_NOT_CHINESE = "无中文内容 no Chinese content"  # the cue of a paragraph with fewer Chinese characters
_REPEATED = "重复串 one phrase repeated"         # the cue of one phrase over and over (:func:`_repeated`)
ECHO_CJK = 16           # a site's summary repeats at least this many Chinese characters of the body …
ECHO_REACH = 3          # … in one of the paragraphs this near below it
WORD_REACH = 4          # characters on each side of a token that the word test segments

_CJK = re.compile(r"[\u4e00-\u9fff]")
_URL = re.compile(r"(https?://|www\.)[\w./?=&%#:~+-]+|[\w-]+(\.[\w-]+)*\.(com|cn|net|org|gov\.cn)(/[\w./?=&%#-]*)?",
                  re.ASCII)
_PAGE = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页|^\s*[-—]*\s*\d{1,3}\s*页?\s*[-—]*\s*$|^\s*\d+\s*/\s*\d+\s*$")
_BRACKET_PAGE = re.compile(r"[（(]\s*第\s*\d+\s*页\s*[)）]")  # 第38章…(第1页): a reader site's page of a title
_EDITION = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)?\s*([\u4e00-\u9fff]{2,10}报)?\s*第\s*\d{1,3}\s*版"
                      r"\s*([（(][^（()）]{0,10}[)）]|[:：]\s*[\u4e00-\u9fff]{2,12}(\s*PDF版阅读)?)?")
# 1957年6月21日某某日报 第2版, 第04版:要闻 PDF版阅读: a newspaper archive's page line
_FILE_META = re.compile(r"(格式|大小|文件大小)\s*[:：]\s*([A-Za-z]{2,4}|\d+(\.\d+)?\s*[KMG]B)|约\s*\d+(\.\d+)?\s*(千字|页)",
                        re.IGNORECASE)  # 格式:DOCX, 约4.5千字, 约 7页
_EDIT_LINK = re.compile(r"[\[【](编辑|展开|收起|隐藏)[\]】]")  # [编辑] glued to a wiki paragraph
_EMPTY_FIELD = re.compile(r"(专栏|栏目|版面|版次|积分|责任编辑)\s*[:：]")  # a page's label left empty (not 分类：)
_CREDITS = re.compile(r"[（(]?(\s*(文|图|摄影|摄|指导老师|指导教师|作者|编辑|责编)\s*[/／]\s*)+[)）]?")  # (文/ 图/ )
_READ_TAG = re.compile(r"[【\[]\s*(阅读|浏览|打印|关闭|收藏)\s*[】\]]")
_SPACED = re.compile(r"(?<![A-Za-z0-9])([!-~]{1,3}\s+){3,}[!-~]{1,3}(?![!-~])")  # + O2 W- O: E/ I5 L9 Z
_TOKEN_SYMBOL = re.compile(r"[+\-/:;=*#@$^&_~]")
_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?")
_TOKEN = re.compile(r"[A-Za-z0-9#@$^&*_~]{3,}")
_SYMBOLS = set("#@$^&*_~")  # not + % = (互联网+, 5+2, AA+, 100%), not <> (quoted markup)
# a quantity: a number with its unit (10kV, 5m, 34KB; not 832d, 59SL) or a placeholder (20XX年, 2xxxx人)
_QUANTITY = r"\d+([xX]+|[mgtshkw]|k[VWm]h?|kg|km|mm|cm|ml|mg|Hz|KB|MW|GW|GB|TB|MB|mAh)"
_ORDINARY = re.compile(r"\d+([.:]\d+)*|[A-Z]+|[a-z]+|[A-Z][a-z]+|[A-Z]+s|" + _QUANTITY +
                       r"|\d+[A-Z]|[A-Z]{1,2}\d+|[A-Z]{3,}\d{2,}")  # 5G, 503A; G20, D262, MP3; ISO9001 (not WQB4)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[（(]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-z]{1,6}\d?)[)）]")
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_INLINE_PAGE = re.compile(r"第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?")
_TRAIL = re.compile(r"(网站首页|首页|主页|当前位置|您的位置|您现在的位置)[：:]?(\s*[>»›]\s*[^>»›。，]{1,10}?)*?\s*[>»›]\s*正文")
_LETTER = re.compile(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_BRACKETS = re.compile(r"[（(【\[]([^（(【\[）)】\]]{2,60})[)）】\]]")
_SENTENCE = re.compile(r"[。，,；;！!？?]")
_STAMP = re.compile(r"(?P<day>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{2}/\d{2}/\d{2}|\d{4}年(?P<pad>0)?\d{1,2}月\d{1,2}日)"
                    r"\s*(?P<time>\d{1,2}:\d{2}(:\d{2})?)?")
_ISSUE = re.compile(r"\S{2,16}\s*\d{4}\s*年\s*(第\s*)?\d{1,2}\s*期")
_RANKED = (r"[（(][^（()）]{2,60}(大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院)[^（()）]{0,12}"
           r"(研究员|教授|讲师|博士|博士生|硕士生|主任|院长|所长)[)）]")  # (某某研究中心特约研究员)
_AFFILIATION = re.compile(r"[（(].*(大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院).*(?<!\d)\d{6}(?!\d).*[)）]"
                          r"|[（(]作者(系|为|单位[:：]?)[^（()）]{2,60}[)）]|" + _RANKED)  # (作者系某党校教研部副主任)
_BIO = re.compile(r"[\u4e00-\u9fff]{2,3}[（(]\d{4}\s*[-—–]\s*(\d{4})?\s*[)）]\s*[,，]\s*(男|女)[,，][^。]{0,120}。?")
# 某某(1977- ),女,某地人,…主要从事…研究。: an author's note on a journal page
_TAGS = re.compile(r"(关键词|关键字)\s*[:：]\s*[\u4e00-\u9fff]{6,}")
_SOURCE = re.compile(r"(?<![根依按证])据\s*《[^》]{1,20}》(报道|消息)?")  # not 根据《…法》
_BRACKET_LINE = re.compile(r"【[^】]{2,30}】|\[[^\]]{2,30}\]")
_MATERIAL_TITLE = re.compile(r"对照检查|检视剖析|剖析材料|发言提纲")  # words that name a material, not a column
_WIDGET_SPLIT = re.compile(r"[\s|｜·•/()（）【】\[\]]+")
_BYLINE_MARK = re.compile(r"^(文\s*/|作者\s*[:：]|[◎□■●]|(新华社|中新社|央视|央广|本报|本台|本刊|[\u4e00-\u9fff]{2,4}日报)?(特约)?记者)\s*")
_BULLET = re.compile(r"^([•·]|-(?=\s))\s*")  # • 周某某, - 格式:DOCX: a list item of a page's side bar
_BODY_END = re.compile(r"[。！？!?；;]")
_STAMP_RUN = re.compile(_STAMP.pattern + r"(\s*(阅读|浏览|点击)?\s*[(（]?\d+[)）]?\s*次?)?")
_BYLINE_RUN = re.compile(r"文\s*/\s*[\u4e00-\u9fff]{2,3}")
_WELCOME = re.compile(r"欢迎您?(来到|访问|光临|进入)[\u4e00-\u9fffA-Za-z0-9]{2,16}[!！。]?")  # the site's greeting
_COUNT = re.compile(r"(?P<label>[\u4e00-\u9fffA-Za-z]{1,8})[!！]?\s*[:：·]?\s*[(（]?\d{1,9}[)）]?\s*(小时|分钟|次|天)?")
_REPORTER = re.compile(r"^[\u4e00-\u9fffA-Za-z·•]{2,16}?(特约|全媒体|首席)?记者\s*")  # 某某新闻·某某报记者 王某
_WEEKDAY_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]")  # a newspaper's dateline
_MEDIA_ENDS = set("报网台社刊")
_DIGIT = re.compile(r"\d+")
_INSTITUTION = re.compile(r"大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院")
_PARTICLES = {"的", "之", "与", "和", "及", "在", "对", "把", "被", "为", "是", "有", "要", "让", "向", "从", "以"}
_WHERE_LINE = re.compile(r"(您|你)?的?(当前|现在|目前)?的?(所在)?的?位置\s*[:：]\s*[^。，,；;！!？?：:]{0,12}")
# 您的当前位置:, 您的位置: 论坛 — the label of a page's location, alone or with its one section
_TRUNCATED = re.compile(r"[…．.]*\s*[（(][^（()）]{0,30}?(全文|省略|显示|未完|剩余)[^（()）]{0,30}?\d+\s*字[^（()）]{0,30}[)）]")
# (未完,全文共1936字,当前显示525字), ……(开头部分已省略68字): a paywall's count of the text held back
_IMAGE_RUN = re.compile(r"(((?<=[。！？!?•\s])|^)[^\s。，,；;！？!?：:]{1,12}?|(?<![A-Za-z0-9])[A-Za-z0-9_\-]{8,40})"
                        r"\.(png|jpe?g|gif|bmp|webp|PNG|JPE?G|GIF|BMP|WEBP)(?![A-Za-z])")
# an image's file name glued into a pasted page: after a sentence end, a bullet or a blank, or a long name of letters and digits
_IMAGE_FILE = re.compile(r"[^\s。，,；;！？!?]{1,40}\.(png|jpe?g|gif|bmp|webp|PNG|JPE?G|GIF|BMP|WEBP)")  # 图片1.png
_DOC_FILE = re.compile(r"[^\s。，,；;！？!?：:]{1,80}\.(docx?|pdf|wps|DOCX?|PDF|WPS)")
# 【精品文档】关于…(整理版).docx: a document site's title is the file's name (a title, not a sentence)
_PART_SEP = re.compile(r"\s*(?:[—◆◇|｜_]+|\s-\s)\s*")  # 某句 — — 某某文库◆…: the parts of a site's slogan line
_DATED = re.compile(r"(发布)?(时间|日期)\s*[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")
_VOICE_TAG = re.compile(r"(导语|导读|前言|编者按)\s*[:：]")  # a site's note on the text below it opens with its tag
_SUMMARY_TAG = re.compile(r"\s*([【\[〔]\s*(摘\s*要|内容提要|提要|导语|导读)\s*[】\]〕]|(摘\s*要|内容提要|导语|导读)\s*[:：])\s*")
_LINKED_TITLE = re.compile(r"[-•·]\s*[^。！？!?；;]{2,60}?[（(]\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?[)）]"
                           r"|[^。！？!?；;]{2,60}?[（(]\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?[)）]")
# - 某某镇召开现场会(2019-12-19 15:33:55): a related-news link, listed or with its clock time (a document dates itself 2019年…)
_FOLLOW = re.compile(r"[^。！？!?]{0,12}?关注(我们|本站|本号|[\u4e00-\u9fff]{1,8}?(官方)?(微信|公众号|微博))"
                     r"(?![\u4e00-\u9fff])[^。！？!?]{0,16}")  # 看某某新闻,关注某某新闻网微信 / 关注我们,获取…资讯
_CHANNEL_LINE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,8}?官方(微信|微博|公众号|网站|抖音号|视频号)")  # 某某官方微博
_TABLE_BARS = re.compile(r"(\s*[|｜])+\s*$")
_PHONE = re.compile(r"(?<!\d)(400-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8}|1\d{10})(?!\d)")
_MONTH_LINE = re.compile(r"\d{4}年\d{1,2}月")  # a bare month above the title of a blog post
_ISO_DAY = re.compile(r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)")


@dataclass
class Noise:
    """What :func:`inspect` found in one paragraph."""

    line: bool = False                                   # the whole paragraph is noise
    cues: list[str] = field(default_factory=list)        # why (shown as evidence)
    spans: list[tuple[int, int]] = field(default_factory=list)  # inline noise to cut, sorted

    def clean(self, text: str) -> str:
        """``text`` without its inline noise."""
        out, last = [], 0
        for a, b in self.spans:
            out.append(text[last:a])
            last = b
        out.append(text[last:])
        return "".join(out)


@lru_cache(maxsize=1)
def _lexicons():
    spec = load_yaml("lexicons/noise.yaml")
    phrases = [str(p) for group in spec["phrases"].values() for p in group]
    suffixes = "|".join(map(re.escape, sorted(spec["site_suffixes"], key=len, reverse=True)))
    fields = "|".join(r"\s?".join(map(re.escape, f)) for f in sorted(spec["fields"], key=len, reverse=True))  # 供 稿：
    names = "|".join(map(re.escape, sorted(spec["site_names"], key=len, reverse=True)))
    crumb_start = tuple(spec["breadcrumb"]["starts"])
    seps = "".join(re.escape(s) for s in spec["breadcrumb"]["separators"])
    return {
        "phrases": Lexicon("noise.phrases", phrases),
        "site": re.compile(suffixes),
        "field": re.compile(rf"({fields})\s*[:：]"),
        "field_value": re.compile(rf"({fields})\s*[:：]\s*(\d[\d\-/.: ]*\d"
                                  rf"|[\u4e00-\u9fffA-Za-z]{{0,8}}?({suffixes})|佚名|[大中小\s]{{3,7}})"),
        "crumb_start": crumb_start,
        "unit_value": re.compile(r"[\u4e00-\u9fff]{1,12}(" + "|".join(map(re.escape, spec["units"])) + ")"),
        # a trail's parts end with no blank, and the blanks around a separator are taken whole (\s*+): each
        # text splits one way only, so a long menu row with no column word at its end is not tried 2^n ways
        "open_trail": re.compile("(" + "|".join(map(re.escape, sorted(crumb_start, key=len, reverse=True))) + r")\s*[:：]?\s*"
                                 r"(([^>»›|｜。，,；;]{0,15}?[^>»›|｜。，,；;\s])?\s*+[>»›|｜]++\s*+)+[^>»›|｜。，,；;]{0,10}?("
                                 + "|".join(map(re.escape, spec["columns"] + ["正文"])) + r")(?!\s*[>»›|｜])"),
        "open_trail_sep": re.compile("(" + "|".join(map(re.escape, sorted(crumb_start, key=len, reverse=True)))
                                     + r")\s*[:：]?\s*(([^>»›|｜。，,；;]{0,15}?[^>»›|｜。，,；;\s])?\s*+[>»›]\s*+)+[^>»›|｜。，,；;]{1,16}?\s*[>»›]"
                                     r"(?=[^\s>»›])"),  # 首页 > 栏目 > 栏目 >标题…: the title glued to the last separator
        "crumb_sep": re.compile(rf"\s*[{seps}]\s*"),
        "allowed": {str(t) for t in spec["allowed_tokens"]},
        "widgets": {str(w) for w in spec["widgets"]},
        "line_widgets": {str(w) for w in spec["widgets"] + spec["line_widgets"]},  # with the widgets
        "widget_ends": tuple(str(w) for w in spec["widgets"]),
        "ui_field": re.compile(r"^(" + "|".join(map(re.escape, sorted(spec["ui_fields"], key=len, reverse=True)))
                               + r")\s*[:：]\s*(?P<value>[^。，,；;！!？?：:]{0,12})$"),
        "counter_not": tuple(spec["counter_not"]),
        "author_note": re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{2,3})[,，]\s*[^。；;]{0,60}?(大学|学院|党校|研究院|研究所|"
                                  r"研究中心|社科院|社会科学院)[^。；;]{0,40}?("
                                  + "|".join(map(re.escape, sorted(spec["ranks"], key=len, reverse=True))) + r")\s*"),
        "widget_words": Lexicon("noise.widgets", [str(w) for w in spec["widgets"]]),
        "line_widget_words": Lexicon("noise.line_widgets", [str(w) for w in spec["widgets"] + spec["line_widgets"]]),
        "site_name": re.compile("(" + "|".join(map(re.escape, spec["site_names"])) + ")$"),
        "site_name_ends": tuple(spec["site_names"]),  # what "site_name" finds, for str.endswith
        "column": re.compile("(" + "|".join(map(re.escape, spec["columns"])) + ")$"),
        "surnames": set(spec["surnames"]),
        "units": tuple(spec["units"]),
        "groups": {name: Lexicon(f"noise.{name}", [str(p) for p in group]) for name, group in spec["phrases"].items()},
        "person_fields": {str(f) for f in spec["person_fields"]},
        "column_head": re.compile(r"[\u4e00-\u9fff]{2,4}?(" + "|".join(map(re.escape, spec["glued_columns"])) + ")"),
        "link": re.compile("(" + "|".join(map(re.escape, spec["link_labels"])) + r")\s*[:：]\s*"),
        "link_title": re.compile(r"[^。！？!?；;：:]{1,%d}?(?:(?:%s)(?:[（(]?\d{1,3}篇[)）]?)?|\d{1,3}篇)+" % (
            LINK_MAX, "|".join(map(re.escape, sorted(spec["title_ends"], key=len, reverse=True))))),
        "credit_line": _credit_line(spec["credit_tasks"]),
        "prompt": re.compile(r"请您?(" + "|".join(map(re.escape, spec["prompt_verbs"])) + r")[\u4e00-\u9fff]{0,6}[.。…]*"),
        "hotline_ends": tuple(spec["hotline_ends"]),
        "hotline_not": tuple(spec["hotline_not"]),
        "site_value": re.compile(rf"[\u4e00-\u9fffA-Za-z0-9]{{0,8}}?({suffixes})|[\u4e00-\u9fffA-Za-z0-9]{{1,8}}?({names})"
                                 r"|网络|互联网|本站|原创|佚名|新华社|中新社|[\u4e00-\u9fff]{2,6}?(报社|杂志社|出版社)"),
    }


# ---- which rules may find anything in a text ------------------------------------------------------
#
# Most lines of a material are ordinary prose that no rule takes. Every rule below finds something
# only where a literal it needs stands (a phrase of the lexicon, a field's colon, a digit): the
# literals of its regular expressions (:func:`analyzer.prefilter.required`, read from the patterns'
# text) or of its lexicon entries. :func:`_gate` looks for all of them in one pass of an
# Aho-Corasick automaton per text, and a rule whose literals are absent is not run, nor a family of
# rules (:func:`_inline`, :func:`_furniture`, :func:`_runs`) none of whose rules may find anything:
# the decisions are the rules' own, only fewer of them are computed.

_DIGITS = object()  # stands for "a digit (``\\d``)" among the literals a rule needs
_LATIN = object()   # stands for "a Latin letter (``_LETTER``)"
_ANY_DIGIT = re.compile(r"\d")
_BLANKS = {c for c in map(chr, range(0x3001)) if c.isspace()}  # what ``\s`` matches (none above U+3000)


def _rule_key(rule: str | re.Pattern) -> str | int:
    """What :class:`_Rules` holds for a rule: a named rule or family by its name, a compiled pattern by
    its identity (hashing a pattern hashes its whole compiled program: microseconds per ``in``)."""
    return rule if rule.__class__ is str else id(rule)


class _Rules:
    """The rules (and families) that may find something in a text: ``rule in rules``, answered from
    their keys (:func:`_rule_key`); empty when none may. :meth:`among` picks a table's rules that may."""

    __slots__ = ("keys", "_among")

    def __init__(self, keys: frozenset):
        self.keys = keys
        self._among: dict[int, tuple] = {}

    def __contains__(self, rule: str | re.Pattern) -> bool:
        return (rule if rule.__class__ is str else id(rule)) in self.keys

    def among(self, table: tuple[tuple, ...]) -> tuple[tuple, ...]:
        """The entries of ``table`` (a constant tuple of (rule, …) entries) whose rule is in these
        rules, in order; remembered per table, since texts with the same rules ask again."""
        found = self._among.get(id(table))
        if found is None:
            found = self._among[id(table)] = tuple(entry for entry in table if entry[0] in self)
        return found

    def __len__(self) -> int:
        return len(self.keys)


class _Gate:
    """``rules(text)``: the rules that may find something in ``text``, and the names of the
    families that hold one of them (:class:`_Rules`). ``families`` maps a family's name to its rules,
    each with the literal sets it needs, every one of them (a rule with none is always run); a set is
    met when one of its literals is in the text (``_DIGITS``: a digit, ``_LATIN``: a Latin letter)."""

    def __init__(self, families: dict[str, dict]):
        import ahocorasick_rs

        self.needs = {}
        for rules in families.values():
            for rule, conj in rules.items():
                conj = tuple(frozenset(alt) for alt in conj)
                assert self.needs.setdefault(rule, conj) == conj, rule  # one rule, one need
        self.families = {name: frozenset(rules) for name, rules in families.items()}
        self._always = frozenset(_rule_key(rule) for rule, conj in self.needs.items() if not conj)
        self._by_literal: dict = {}  # literal -> the rules (key, needs) whose first literal set holds it
        for rule, conj in self.needs.items():
            for literal in conj[0] if conj else ():
                self._by_literal.setdefault(literal, []).append((_rule_key(rule), conj))
        self._family_keys = {name: frozenset(map(_rule_key, rules)) for name, rules in self.families.items()}
        self.literals = sorted({x for conj in self.needs.values() for alt in conj for x in alt} - {_DIGITS, _LATIN})
        self.automaton = ahocorasick_rs.AhoCorasick(self.literals)
        self._by_found: dict[frozenset, _Rules] = {}
        self._memo: dict[str, _Rules] = {}
        forget_with_matches(self)  # its memo is forgotten with the lexicons' matches, before each document

    def rules(self, text: str) -> _Rules:
        """The rules that may find something in ``text``, remembered for the latest :data:`MEMO`
        texts: the rules of a line ask about it one after another, and a line cut out whole is
        asked about again as a paragraph (:func:`runs`, then :func:`inspect`)."""
        rules = self._memo.get(text)
        if rules is None:
            found = set(self.automaton.find_matches_as_strings(text, overlapping=True))
            if _ANY_DIGIT.search(text):
                found.add(_DIGITS)
            if _LETTER.search(text):
                found.add(_LATIN)
            if len(self._memo) >= MEMO:
                self._memo.clear()
            rules = self._memo[text] = self._rules(frozenset(found))
        return rules

    def _rules(self, found: frozenset) -> _Rules:
        rules = self._by_found.get(found)
        if rules is None:
            keys = set(self._always)
            for literal in found:  # a rule whose first literal set is met, if its other sets are met too
                for key, conj in self._by_literal.get(literal, ()):
                    if key not in keys and all(not alt.isdisjoint(found) for alt in conj[1:]):
                        keys.add(key)
            keys |= {name for name, family in self._family_keys.items() if not family.isdisjoint(keys)}
            if len(self._by_found) >= MEMO:
                self._by_found.clear()
            rules = self._by_found[found] = _Rules(frozenset(keys))
        return rules


def _needs(*patterns: re.Pattern) -> tuple[frozenset, ...]:
    """The literal set a match of any of ``patterns`` needs, as a rule's needs (none when one of
    them needs no literal). A pattern that ignores case keeps literals that have no case (Chinese)."""
    literals: set[str] = set()
    for pattern in patterns:
        caseless = bool(pattern.flags & re.IGNORECASE)
        found = required(re.compile(pattern.pattern) if caseless else pattern)
        if found is None or (caseless and any(x.lower() != x.upper() for x in found)):
            return ()
        literals |= found
    return (frozenset(literals),)


def _entry_needs(entries) -> tuple[frozenset, ...]:
    """What a lexicon of ``entries`` needs to find anything, as a rule's needs: each phrase, and of
    an ``A…B`` entry what its regular expression needs (none when one of them needs nothing)."""
    out: set[str] = set()
    for entry in entries:
        if "…" not in entry:
            out.add(entry)
            continue
        found = required(re.compile(phrase_regex(entry)))
        if found is None:
            return ()
        out |= found
    return (frozenset(out),)


@lru_cache(maxsize=1)
def _gate() -> _Gate:
    """The rules of :func:`_inline`, :func:`_furniture` and :func:`_runs` with the literals they
    need: a regular expression is a rule of its own; the named rules say in a comment what they need."""
    spec = load_yaml("lexicons/noise.yaml")
    lx = _lexicons()
    phrases = _entry_needs(str(p) for group in spec["phrases"].values() for p in group)
    widgets = _entry_needs(str(w) for w in spec["widgets"] + spec["line_widgets"])  # all widget words
    site = _needs(lx["site"])
    digit = (frozenset({_DIGITS}),)

    # what every match of these patterns holds besides the literals read from them: one of each set
    also = {_ISSUE: ({"期"}, digit[0]), _ISSUE_RUN: ({"期"}, digit[0]), _ISO_STAMP: ({"-", ":"}, digit[0]),
            _BRACKET_PAGE: ({"页"}, digit[0]), _EDITION: ({"版"}, digit[0]), _PLAYER: ({"/"}, digit[0]),
            _DATE_LABEL: ({":", "："}, digit[0]), _PUBLISHED: ({":", "："}, digit[0]), _SOURCE: ({"《"}, {"》"}),
            _CREDIT_RUN: ({")", "）"}, {"图", "文", "摄", "审", "编", "校对"}),
            lx["credit_line"]: ({"/", "／", ":", "："},),
            _COUNTER_RUN: (set("-|｜·•") | _BLANKS, digit[0]),  # counters apart: a blank or a mark between
            _AFFILIATION_RUN: ({"(", "（"}, {")", "）"}), _FILE_META: ({":", "：", "千字", "页"},)}

    def own(*patterns):
        return {pattern: _needs(pattern) + tuple(map(frozenset, also.get(pattern, ()))) for pattern in patterns}

    trails = own(_TRAIL, lx["open_trail"], lx["open_trail_sep"])
    meta = own(_ISO_STAMP, _ISSUE_RUN, _KEYWORDS, _AFFILIATION_RUN, _BIO, _PLAYER, _PUBLISHED, _FILE_META, _EDITION_RUN)
    form = own(_CREDIT_RUN, _WELCOME_RUN, _DATELINE, _TRUNCATED, _IMAGE_RUN, _COUNTER_RUN)
    return _Gate({
        "inline": {
            **own(lx["site"], _BRACKET_PAGE, _EDIT_LINK),
            "latin": (frozenset({_LATIN}),),  # scraping tokens, pinyin glosses, URLs
            "brackets": (phrases[0] | site[0],) if phrases and site else (),  # a footer in brackets: a phrase, a site
        },
        "furniture": {
            **own(lx["crumb_sep"], lx["field"], lx["ui_field"], _WELCOME, _INSTITUTION, _ISSUE, _AFFILIATION, _TAGS,
                  _SOURCE, _EDITION, _EMPTY_FIELD, _CREDITS, _FILE_META, _BIO, _URL),
            "digits": digit,  # page numbers, counters, date stamps, affiliations with a postcode
            "phrases": phrases,
            "widgets": widgets,
            "nav": (frozenset(lx["crumb_start"]),),  # the site's menu, opening with 首页
            "journal": (frozenset({"期"}),),
            "publisher": _needs(_URL, _READ_TAG),
            "bracketed": (frozenset("(（"),),  # a byline or credit in brackets, alone on its line
            **own(lx["credit_line"], lx["prompt"], _WHERE_LINE, _TRUNCATED, _IMAGE_FILE, _LINKED_TITLE, _FOLLOW,
                  _CHANNEL_LINE),
            "hotline": (frozenset(lx["hotline_ends"]),) + digit,  # a service's name and its number
        },
        "trails": trails,
        "meta": meta,
        "form": form,
        "runs": {
            **trails, **meta, **form, **own(_SOURCE, lx["field"], _DATE_LABEL),
            "widgets": widgets,
            "page_marks": digit + _needs(_PAGE_MARK) + (frozenset("-—–页"),),  # a digit, and a dash or 页
            "phrases": phrases,
            "head": _needs(lx["column_head"], _WIRE_BYLINE),  # a site section or a wire byline at a page's head
            "bullets": (frozenset("•"),),  # a side bar's list items
        },
    })


def _finditer(pattern: re.Pattern, text: str, may: _Rules):
    """``pattern.finditer(text)``, nothing where :func:`_gate` says the pattern cannot match."""
    return pattern.finditer(text) if pattern in may else ()


def _random_token(token: str, allowed: set[str]) -> bool:
    """A run of ASCII that reads as a scraping token, not a number, word, acronym or unit."""
    if token in allowed or _ORDINARY.fullmatch(token):
        return False
    classes = [("d" if c.isdigit() else "a" if c.islower() else "A" if c.isupper() else "s") for c in token]
    switches = sum(a != b for a, b in zip(classes, classes[1:]))
    symbols = classes.count("s")
    digits, letters = "d" in classes, "a" in classes or "A" in classes
    if symbols:
        return symbols >= 2 or len(set(classes)) >= 2
    if digits and letters:  # 2eeXB, ps9m, 94mbn, 643LF, 832d, bd46, WQB4 (not Win10, ISO9001, 5G, 10kV, 20XX)
        return switches >= 2 or bool(re.fullmatch(r"\d+[A-Za-z]{2,}|\d{2,}[a-z]|[a-z]{2,}\d{2,}|[a-z]{3,}\d+[a-z]*"
                                                  r"|[A-Z]{3,}\d", token))
    return switches >= 3  # xKqT (not PhD, iPad)


def _splits_word(text: str, start: int, end: int, allowed: set[str]) -> bool:
    """Whether the letters and digits at ``text[start:end]`` sit inside a Chinese word (纪59SL律,
    相643LF对): the characters on both sides are Chinese and, without the token, one word of the
    segmenter's runs across the gap. An acronym or a number of a document stands between words."""
    token = text[start:end]
    if token in allowed or not (_LETTER.search(token) and _DIGIT.search(token)) or re.fullmatch(_QUANTITY, token):
        return False
    if start == 0 or end == len(text) or not (_CJK.match(text, start - 1) and _CJK.match(text, end)):
        return False
    left = text[max(0, start - WORD_REACH):start]
    cut = len(left)
    at = 0
    for word in load_jieba().lcut(left + text[end:end + WORD_REACH], HMM=False):  # dictionary words only
        if at < cut < at + len(word):
            return True
        at += len(word)
    return False


def _sites(text: str) -> list[tuple[int, int]]:
    """Spans of site-name watermarks: a suffix (范文网 …) and at most two name characters before it
    (第一公文网; a longer name keeps its head, which is better than eating the text it sits in)."""
    out = []
    for m in _lexicons()["site"].finditer(text):
        start = m.start()
        while start > max(m.start() - 2, 0) and _NAME_CHAR.match(text[start - 1]):
            start -= 1
        out.append((start, m.end()))
    return out


def _glosses(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin glosses (数(shù)据(jù)): one with a tone mark, or two or more."""
    if not _LETTER.search(text):
        return []
    glosses = list(_PINYIN.finditer(text))
    if any(_TONE.search(g.group(1)) for g in glosses) or len(glosses) >= 2:
        return [g.span() for g in glosses]
    return []


def _inline(text: str, may: _Rules) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of inline noise in ``text`` and their cues; ``may``: the rules that may find something in it."""
    lx = _lexicons()
    if "inline" not in may:
        return [], []
    spans = _sites(text) if lx["site"] in may else []
    cues = [text[a:b] for a, b in spans]
    if "latin" in may:  # tokens, URLs and pinyin all hold Latin letters
        for m in _TOKEN.finditer(text):
            if (_random_token(m.group(0), lx["allowed"]) or _splits_word(text, *m.span(), lx["allowed"])) \
                    and not _URL.search(m.group(0)):
                spans.append(m.span())
                cues.append(m.group(0))
        glosses = _glosses(text)
        if glosses:
            spans += glosses
            cues.append("拼音注音 " + "".join(text[a:b] for a, b in glosses[:3]))
        for m in _URL.finditer(text):
            spans.append(m.span())
            cues.append(m.group(0))
        for m in _SPACED.finditer(text):  # single letters and digits with symbols, spaced apart
            if sum(bool(_TOKEN_SYMBOL.search(f) and re.search(r"[A-Za-z0-9]", f)) for f in m.group(0).split()) >= 3:
                spans.append(m.span())
                cues.append(m.group(0))
    for m in [*_finditer(_BRACKET_PAGE, text, may), *_finditer(_EDIT_LINK, text, may)]:
        spans.append(m.span())
        cues.append(m.group(0))
    for m in _BRACKETS.finditer(text) if "brackets" in may else ():  # （本文由XX网整理，转载请注明出处）inside a line
        if lx["phrases"].find(m.group(1)) or lx["site"].search(m.group(1)):
            spans.append(m.span())
            cues.append(m.group(0))
    return _merge(spans), cues


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _furniture(text: str) -> list[str]:
    """Cues that make a short line page furniture (empty if none); each rule is run only where
    the literals it needs stand (:func:`_gate`)."""
    lx = _lexicons()
    may = _gate().rules(text)
    if "furniture" not in may:
        return []
    cues = []
    text = _BULLET.sub("", text)  # the line without its bullet: what the gate found holds for it
    if lx["crumb_sep"] in may:  # a trail needs two parts at least
        parts = [p for p in lx["crumb_sep"].split(text) if p]
        trail = len(parts) >= 3 and len(lx["crumb_sep"].findall(text)) >= 2 and all(
            _CJK.search(p) for p in parts)  # 2024-06-30 is a date and W- O: E/ a token, not a trail of three pages
        if text.startswith(lx["crumb_start"]) and len(parts) >= 2 or trail and max(map(len, parts)) <= 16 or \
                trail and _site_name(parts[0].strip()) and max(map(len, parts[:-1])) <= 16:  # 某某网 > 栏目 > 长标题
            cues.append("导航路径 breadcrumb")
    if lx["field"] in may:
        found = list(lx["field"].finditer(text))
        fields = [re.sub(r"\s", "", m.group(1)) for m in found]
        asked = len(found) == 1 and re.search(r"[。！？!?]", text[found[0].end():])  # 记者：怎么看待…？ is speech
        if len(set(fields)) >= 2 or fields and not asked and (len(text) <= 40 or _DATE.search(text)):
            cues.append("来源/日期栏 " + "、".join(dict.fromkeys(fields)))
    page = _PAGE.search(_BRACKET_PAGE.sub("", text) if _BRACKET_PAGE in may else text) if "digits" in may else None
    if page:
        cues.append("页码 " + page.group(0).strip())
    if "phrases" in may:
        cues += lx["phrases"].phrases(text)
    bare = text.strip()
    if "nav" in may and (bare.rstrip(":： ") in lx["crumb_start"] or bare.startswith(lx["crumb_start"])
                         and len(bare) >= 10 and not re.search(r"[。，,；;！!？?：:]", bare)):  # 首页学院概况党建工作…
        cues.append("导航栏 navigation bar")
    if "widgets" in may and (_widgets(bare) or _branded_widgets(bare)):
        cues.append("页面按钮 page widgets")
    if "digits" in may and _counters(bare):
        cues.append("计数栏 counters")
    if lx["ui_field"] in may and _page_field(bare):
        cues.append("页面字段 page field")
    if _WELCOME in may and _WELCOME.fullmatch(bare):
        cues.append("欢迎语 site welcome")
    if "journal" in may and _journal_issue(bare):
        cues.append("刊期 journal issue")
    if _INSTITUTION in may and _author_notes(bare):
        cues.append("作者简介 author's note")
    if "digits" in may and _stamp(bare):
        cues.append("日期栏 date stamp")
    for pattern, cue in may.among(_WHOLE_LINE_FORMS):
        if pattern.fullmatch(bare):
            cues.append(cue)
    url = _URL.search(bare) if _URL in may else None
    if url and len(bare) <= 60 and len(_CJK.findall(_URL.sub("", bare))) <= 8:
        cues.append("网址 " + url.group(0))
    elif "publisher" in may and _publisher(bare):
        cues.append("发布栏 publisher line")
    if "digits" in may and _INSTITUTION in may and _affiliations(bare):  # each part names an institution
        cues.append("作者单位 affiliation")
    # (图片:某某) | | |: a credit left in a table's cells
    unbarred = _TABLE_BARS.sub("", bare) if "|" in bare or "｜" in bare else bare
    for pattern, cue in may.among(_unbarred_line_forms()):
        if pattern.fullmatch(unbarred):
            cues.append(cue)
    if "hotline" in may and _hotlines(bare):
        cues.append("服务热线 service line")
    bracketed = _BRACKETED.fullmatch(bare) if "bracketed" in may else None
    if bracketed and (_byline(bracketed.group(1)) or _credit(bracketed.group(1))):  # (王某), (党委工作部)
        cues.append("署名 byline")
    return cues


# the forms of a whole furniture line, with their cues: of the line without its bullet and blanks, …
_WHOLE_LINE_FORMS = ((_ISSUE, "刊期 journal issue"), (_AFFILIATION, "作者单位 affiliation"), (_TAGS, "标签 tags"),
                     (_SOURCE, "来源 source"), (_EDITION, "版面 newspaper page"), (_EMPTY_FIELD, "空栏 empty field"),
                     (_CREDITS, "署名 byline"), (_FILE_META, "文档信息 file details"), (_BIO, "作者简介 author's note"))


@lru_cache(maxsize=1)
def _unbarred_line_forms() -> tuple[tuple[re.Pattern, str], ...]:
    """… and of that line without the bars of a table's empty cells after it."""
    lx = _lexicons()
    return ((lx["credit_line"], "署名 byline"), (_WHERE_LINE, "导航路径 breadcrumb"),
            (lx["prompt"], "输入提示 input prompt"), (_TRUNCATED, "截断提示 truncation notice"),
            (_IMAGE_FILE, "图片文件 image file"), (_LINKED_TITLE, "相关链接 related link"),
            (_FOLLOW, "关注提示 follow prompt"), (_CHANNEL_LINE, "页面按钮 page widgets"))


_BRACKETED = re.compile(r"[（(]\s*([^（()）]{2,12})\s*[)）]")  # a line that is a short bracket: (王某), (党委工作部)


def _counters(text: str) -> bool:
    """A line of counts, each a label and its number (发帖85, 关注(1)|粉丝(1), 很赞哦! (1025), 加入书架 · 5132,
    某某代码:12616), perhaps with a publishing date (浏览:1516   时间:…): a forum's or a site's counters. A document's numbered parts (附件1, 问题3, 第2条)
    end with a word of ``counter_not``."""
    if len(text) > 60 or not _DIGIT.search(text):
        return False
    lx = _lexicons()
    items = [i for i in re.split(r"\s*[|｜]\s*|\s{2,}", _BULLET.sub("", text).strip()) if i]
    if not 1 <= len(items) <= 4:
        return False
    counts = 0
    for item in items:
        if _DATED.fullmatch(item):  # 浏览:1516   时间:2024年11月01日: a publishing date beside a count
            continue
        m = _COUNT.fullmatch(item)
        if not m or m.group("label").endswith(lx["counter_not"]) or m.group("label").startswith("第"):
            return False
        counts += 1
    return counts > 0


def _hotlines(text: str) -> bool:
    """A line of a site's or a medium's service numbers (新闻热线:0576-…, 发表咨询:400-…, 订阅咨询:…): every
    label before a number ends in 热线 or 咨询 and names no reporting or contact line of a document
    (举报热线, 监督电话, 联系人及电话 stay content), and no sentence ends."""
    if len(text) > 80 or _BODY_END.search(text) or not _PHONE.search(text):
        return False
    lx = _lexicons()
    labels = [w for w in re.split(r"[\s,，、;；:：|｜]+", _PHONE.sub(" ", text)) if w]
    return bool(labels) and all(w.endswith(lx["hotline_ends"]) and not any(n in w for n in lx["hotline_not"])
                                for w in labels)


def _credit_line(tasks: list[str]) -> re.Pattern:
    """A photo or text credit alone on its line: names with their tasks in brackets ((某某/摄), (图片:某某),
    (某某/图 某某/文 某某/审核)), or tasks and a name after a colon (文/图:某某, 摄影:某某)."""
    task = "(?:" + "|".join(map(re.escape, sorted(tasks, key=len, reverse=True))) + ")"
    tasks_ = rf"{task}(?:\s*[/／]\s*{task})*"
    name = r"[\u4e00-\u9fff]{2,8}?"
    item = rf"(?:{name}\s*[/／]\s*{tasks_}|{tasks_}\s*[/／:：]\s*{name})"
    return re.compile(rf"[（(]\s*{item}(?:\s+{item})*\s*[)）]"
                      rf"|{task}\s*[/／]\s*{tasks_}\s*[:：]\s*{name}|(?:图片|摄影|摄|照片)\s*[:：]\s*{name}")


def _page_field(text: str) -> bool:
    """A field of a page's metadata panel or a forum's profile (• 索引号：, 类别: 都市, 收藏人:某某87): a
    UI field label (``ui_fields``) with a short value or none."""
    return bool(_lexicons()["ui_field"].match(_BULLET.sub("", text).strip()))


def _branded_widgets(text: str) -> bool:
    """A medium's name before its widget words (某某报客户端, 某某报官方微信): at most six characters of
    a name ending like a medium's (报, 网, 台, 社, 刊), then three or more characters made only of widget words."""
    if len(text) > 16 or _SENTENCE.search(text) or not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", text) \
            or _PARTICLES & set(text) or not text.endswith(_lexicons()["widget_ends"]):  # 某某的二维码 is a title
        return False
    return any(len(text) - k >= 3 and text[k - 1] in _MEDIA_ENDS and _cover(text[k:])
               for k in range(2, min(7, len(text) - 2)))


def _journal_issue(text: str) -> bool:
    """A journal's issue as a source line (《某某学报》,2017年02期。)."""
    if "期" not in text:
        return False
    bare = re.sub(r"[《》〈〉,，。.\s]", "", text)
    return len(bare) <= 30 and bool(_ISSUE.fullmatch(bare))


def _author_notes(text: str) -> bool:
    """Authors' notes run together (某某,某某大学某某学院博士后;某某,…学院教授、博士生导师。): every part
    is a name, an institution and a rank."""
    if not _INSTITUTION.search(text):
        return False
    note = _lexicons()["author_note"]
    parts = [p for p in re.split(r"[;；]", text.rstrip("。. ")) if p.strip()]
    found = [note.fullmatch(p) for p in parts]
    return bool(parts) and all(m and _name(m.group("name")) for m in found)


def _credit(text: str) -> bool:
    """A unit's credit closing a news item ((党委工作部)) or a name and its task ((王某撰稿))."""
    text = text.strip()
    if not 3 <= len(text) <= 12 or re.search(r"[。，,；;！!？?：:\s、]", text):
        return False
    task = re.fullmatch(r"(.{2,3})(撰稿|供稿|整理|报道|摄影|摄)", text)
    return bool(task and _name(task.group(1))) or text.endswith(_lexicons()["units"]) and not _verb_first(text)


def _repeated(text: str) -> bool:
    """A line that is one phrase over and over (作风建设作风建设作风建设…, 某某总结篇1某某总结篇2…): a tag
    cloud or a list of links to one title, never a sentence of a document."""
    if _BODY_END.search(text):  # a sentence end (blanks are none): the usual prose line, answered first
        return False
    bare = re.sub(r"\s+", "", text)
    if len(bare) < 12 or len(bare) > 400 \
            or all(bare.count(bare[k:k + 3]) < 3 for k in range(4)):  # no three characters come back three times
        return False
    for size in range(3, 21):
        for start in range(0, 4):
            piece = bare[start:start + size]
            if len(piece) == size and len(_CJK.findall(piece)) >= 3:
                times = bare.count(piece)
                if times >= 3 and times * size >= 0.6 * len(bare):
                    return True
    return False


def _affiliations(text: str) -> bool:
    """Authors' affiliations without brackets (1.某某大学 马克思主义学院,西宁810016;2.…): every part
    names an institution and ends with its postcode."""
    parts = [p for p in re.split(r"[;；]", text) if p.strip()]
    return bool(parts) and not re.search(r"[。！？]", text) and all(
        re.fullmatch(r"\s*(\d[.．]\s*)?[^\d]{2,40}?(大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院)[^\d]{0,30}?"
                     r"(?<!\d)\d{6}\s*", p) for p in parts)


def _publisher(text: str) -> bool:
    """A unit's or site's name with its web address, or with a publishing time and a 【阅读】 button
    (某某工作部 http://… 2016-06-27 09:56:51 【阅读】): what is left is the name, with no sentence."""
    url = _URL.search(text)
    stamp = _STAMP.search(text) if not url and _READ_TAG.search(text) else None
    if not (url or stamp and stamp.group("time")):
        return False
    rest = _READ_TAG.sub(" ", _STAMP.sub(" ", _URL.sub(" ", text))).strip(" |｜·:：")
    return 2 <= len(rest) <= 20 and not re.search(r"[\s。，,；;！!？?]", rest) and (
        rest.endswith(_lexicons()["units"]) or _site_name(rest))


def _widgets(text: str) -> bool:
    """A short line made only of widget words (收藏 分享 举报) and site names (共产党员网 打印 纠错);
    normalisation has taken the spaces out between Chinese words, so the line is covered word by word."""
    if len(text) > 40 or not _lexicons()["line_widget_words"].find(text):  # a cover holds a widget word
        return False
    chunks = [w.strip(":：") for w in _WIDGET_SPLIT.split(text) if re.search(r"[^\d:：.\-]", w)]  # 00:00/00:00 is a player's
    covers = [_cover(w, line=True) for w in chunks]
    return bool(chunks) and all(c is not None for c in covers) and any(covers)


def _cover(text: str, line: bool = False) -> int | None:
    """How many widget words ``text`` is made of, if it is made only of widget words and site
    names (None if it is not); ``line``: ``text`` is a whole line, where the ordinary words of
    ``line_widgets`` (推荐, 阅读) count as widgets too."""
    return _covers(text, line)[-1]


def _covers(text: str, line: bool = False) -> list[int | None]:
    """:func:`_cover` of every prefix of ``text``: item ``i`` is that of ``text[:i]``."""
    widgets = _lexicons()["line_widgets" if line else "widgets"]
    best: list[int | None] = [0] + [None] * len(text)  # best[i]: widget words in a cover of text[:i]
    for end in range(1, len(text) + 1):
        starts = [k for k in range(max(0, end - 12), end) if best[k] is not None]
        if not starts:
            continue
        site_end = _may_end_site_name(text, end)
        for start in starts:
            piece = text[start:end]
            if piece in widgets:
                best[end] = max(best[end] or 0, best[start] + 1)
            elif site_end and best[end] is None and _site_name(piece):
                best[end] = best[start]
    return best


def _site_name(text: str) -> bool:
    """A bare site name: a few characters ending like one (某某网, 某某社区, 某某日报), no sentence."""
    return 2 <= len(text) <= 10 and bool(_lexicons()["site_name"].search(text)) and not _SENTENCE.search(text) \
        and bool(re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", text))


def _may_end_site_name(text: str, end: int) -> bool:
    """Whether a piece of ``text`` ending at ``end`` may be a :func:`_site_name`: only if a site
    name's ending ends there (a cheap test that spares the regular expressions elsewhere)."""
    return text.endswith(_lexicons()["site_name_ends"], 0, end)


def _stamp(text: str) -> bool:
    """A date stamp line: a publishing date (ISO, or 年0M月, or with a clock time) and at most a
    short name, site or view count beside it — never a document's own date (2017年12月20日) or a
    labelled deadline (完成时限：2024-06-30)."""
    m = _STAMP.search(text) if len(text) <= 40 else None
    if not m:
        return False
    rest = re.sub(r"\d+\s*次?", "", _STAMP.sub(" ", text)).strip(" |:：")
    if _SENTENCE.search(rest) or "：" in rest or ":" in rest:
        return False
    iso = not m.group(0).count("年")
    return not rest and iso or bool(m.group("time")) and len(_CJK.findall(rest)) <= 10 and not _verb_first(rest) \
        or (iso or bool(m.group("pad"))) and (_site_name(rest) or _name(rest))


def _verb_first(text: str) -> bool:
    """Whether ``text`` opens with a verb (召开支部委员会: an agenda item beside its time, not a publisher)."""
    if not _CJK.search(text):
        return False
    import jieba.posseg

    load_jieba()
    words = jieba.posseg.lcut(text.strip())
    return bool(words) and words[0].flag.startswith("v") and words[0].word not in ("阅读", "浏览", "点击")


def _name(text: str) -> bool:
    """A person's name: two or three characters starting with a common surname that jieba does
    not know as an ordinary word (方案, 江山 are words)."""
    text = re.sub(r"\s+", "", text)
    if not (2 <= len(text) <= 3 and _CJK.fullmatch(text[0]) and text[0] in _lexicons()["surnames"]
            and all(_CJK.fullmatch(c) for c in text)):
        return False
    import jieba.posseg

    load_jieba()  # posseg reads the global jieba's dictionary: with the domain words
    words = jieba.posseg.lcut(text)
    return len(words) > 1 or words[0].flag.startswith("nr")


def _byline(text: str) -> bool:
    """One to three names (韩某,李某某), a unit and a name (某某党支部 王某), or 文/某某, 作者：某某."""
    text = _BULLET.sub("", text)
    reporter = _REPORTER.match(text)
    if reporter and not _BYLINE_MARK.match(text):  # 某某新闻·某某报记者 王某: names only after it
        names = [n for n in re.split(r"[\s,，、]+", text[reporter.end():]) if n]
        return 1 <= len(names) <= 3 and all(_name(n) for n in names)
    marked = _BYLINE_MARK.match(text)
    rest = text[marked.end():].strip() if marked else text.strip()
    if not rest or len(rest) > 40 or re.search(r"[。！？!?；;:：]", rest):
        return False
    if marked:
        return bool(re.fullmatch(r"[\u4e00-\u9fff\s]{2,8}", rest))
    parts = [p for p in re.split(r"[,，、;；]", rest) if p.strip()]
    if 1 <= len(parts) <= 3 and all(_name(p) for p in parts):
        return True
    if len(parts) == 1 and 4 <= len(rest) <= 6 and any(_name(rest[:k]) and _name(rest[k:]) for k in (2, 3)):
        return True  # 林某某 傅某某: normalisation took the space out between two names
    rest = re.sub(r"\s+", "", rest)  # 某某党支部 王某 (normalisation may have joined them)
    if re.search(r"[“”\"《》「」]", rest):
        return False  # a title with its byline glued on (…要有“辣味”某某镇人民政府王某): the title is the document's
    return any(rest[:-k].endswith(_lexicons()["units"]) and _name(rest[-k:]) for k in (2, 3))


def _head_furniture(text: str) -> list[str]:
    """Cues that make a line at the head of a page furniture (see :func:`head_lines`)."""
    lx = _lexicons()
    bare = text.strip()
    if _site_name(bare):
        return ["网站名 site name"]
    if len(bare) <= 8 and lx["column"].search(bare) and not _SENTENCE.search(bare):
        return ["栏目 site section"]
    if _BRACKET_LINE.fullmatch(bare) and not _MATERIAL_TITLE.search(bare):  # 【个人对照检查材料】 is a pasted title
        return ["栏目标签 column tag"]
    parts = [p for p in _PART_SEP.split(bare) if p]
    if len(parts) >= 2 and len(bare) <= 40 and not _BODY_END.search(bare) and not _MATERIAL_TITLE.search(bare) \
            and any(_site_name(p) for p in parts):  # 文似观山不喜平 — — 某某文库◆记住我~
        return ["网站口号 site slogan"]
    if _byline(bare):
        return ["署名 byline"]
    if _WEEKDAY_DATE.fullmatch(bare) or _MONTH_LINE.fullmatch(bare) \
            or len(bare) <= 30 and _ISO_DAY.search(bare) and not _SENTENCE.search(bare):
        return ["日期栏 date stamp"]  # 2023年12月 / 发言稿2018-12-09某某: a material writes 2018年12月9日
    return []


def _cjk_at_least(text: str, n: int) -> bool:
    """Whether ``text`` holds ``n`` Chinese characters or more (the regular expression stops at the ``n``-th)."""
    return n <= 0 or _cjk_run(n).match(text) is not None


@lru_cache(maxsize=None)
def _cjk_run(n: int) -> re.Pattern:
    """A text's start up to its ``n``-th Chinese character."""
    return re.compile(r"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){%d}" % n)


def head_lines(lines: list[str]) -> set[int]:
    """The lines at the head of a page: those before its first body paragraph (one of 25 Chinese
    characters or more with a sentence end, or 60 with any sentence punctuation — a title has
    commas but no full stop — that is not furniture itself, such as 声明：本站…); all lines when
    there is none."""
    for k, line in enumerate(lines):
        cjk = len(_CJK.findall(line))
        body = cjk >= 25 and (_BODY_END.search(line) or line.rstrip().endswith(("：", ":"))) or \
            cjk >= 60 and _SENTENCE.search(line)
        if body and not inspect(line).line:
            return set(range(k))
    return set(range(len(lines)))


def echoed_summaries(texts: list[str]) -> dict[int, list[str]]:
    """The paragraphs that are a site's summary of the text below it: a summary tag (摘要:, 【摘要】,
    导语:…) whose first :data:`ECHO_CJK` Chinese characters come again in one of the next
    :data:`ECHO_REACH` paragraphs (the site cut the body's opening into a summary). An author's
    abstract is never the body's own words, so it stays content. Maps index → cues."""
    out = {}
    for k, text in enumerate(texts):
        tag = _SUMMARY_TAG.match(text)
        if not tag:
            continue
        key = "".join(_CJK.findall(text, tag.end()))[:ECHO_CJK]
        below = "".join("".join(_CJK.findall(t)) for t in texts[k + 1:k + 1 + ECHO_REACH])
        if len(key) == ECHO_CJK and key in below:
            out[k] = ["站点摘要 site summary (repeats the text below)"]
    return out


def boundaries(text: str) -> set[int]:
    """Where page furniture begins or ends inside a run-on line (a page pasted into one line):
    the starts of furniture phrases, field labels (来源：), page markers, URLs and breadcrumb
    trails, and the ends of field values, page markers and trails (…>正文)."""
    lx = _lexicons()
    cuts = {m.start() for m in lx["phrases"].find(text)}
    for m in lx["field_value"].finditer(text):
        cuts.update((m.start(), m.end()))
    for m in _INLINE_PAGE.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in _URL.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in _TRAIL.finditer(text):
        cuts.update((m.start(), m.end()))
    for pattern in (_STAMP_RUN, _SOURCE, _BRACKET_LINE, _BYLINE_RUN):  # 2023-04-16 16:36 阅读 2471次, 据《某报》, 【栏目】, 文/某某
        for m in pattern.finditer(text):
            cuts.add(m.start())
            if not text.startswith(("，", ",", "、"), m.end()):  # 2021年12月28日，… opens a sentence
                cuts.add(m.end())
    cuts.update(m.start() for m in re.finditer("|".join(lx["crumb_start"]), text))
    return {c for c in cuts if 0 < c < len(text)}



# ---- page furniture glued into a line --------------------------------------------------------

_SENTENCE_END = set("。！？!?")
_SENTENCE_END_AT = re.compile("[" + re.escape("".join(sorted(_SENTENCE_END))) + "]")
_SEPARATORS = re.compile(r"[\s|｜·•/\-]*")
_WIDGET_GAP = re.compile(r"[\s|｜·•/()（）【】\[\]]*")  # 收藏 分享(赏)
_NUMBER_VALUE = re.compile(r"\d[\d\-/.: ]*\d(\s*次)?|\d+(\s*次)?")
_ID_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9*#._\-]*(?![\u4e00-\u9fff])")  # 上传人:g****t, 格式:DOC
_LABELLED_ID = re.compile(r"([\u4e00-\u9fff]{2,4}[:：]\s*[A-Za-z0-9][A-Za-z0-9*#._\-]*\s*)+")
_SIZE_VALUE = re.compile(r"[大中小](\s*[大中小]){2}")
_BOOK_VALUE = re.compile(r"《[^》]{1,40}》")
_PAGE_MARK = re.compile(r"(?<![A-Za-z0-9.\-—–])[-—–]\s*\d{1,3}\s*[-—–](?![A-Za-z0-9\-—–])|"
                        + _INLINE_PAGE.pattern + r"|共\s*\d+\s*页")
_ICP = re.compile(r"[\u4e00-\u9fff]?(ICP备|公网安备)\s*[\dA-Za-z]+号?(-\d+)?")
_GAP = re.compile(r"[\s©®|｜·:：,，/\-–—]+")
_ASCII_TAIL = re.compile(r"(?![Xx]+(?![A-Za-z0-9]))[A-Za-z0-9][A-Za-z0-9 .,&@#:/\-©®]*")  # not XX (XX镇: a blank)
_WHERE = re.compile(r"(当前位置|您的位置|您现在的位置|所在位置)[:：]\s*$")  # before a trail that starts at 首页
_ISO_STAMP = re.compile(r"((?<![\d\-/.])\d{4}-\d{1,2}-\d{1,2}(\s*\d{1,2}:\d{2}(:\d{2})?)?(?![\d\-/.])"
                        r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(:\d{2})?(?![\u4e00-\u9fff]))"
                        r"(\s*(阅读|浏览|点击)?\s*[(（]?\d+[)）]?\s*次)?")  # 2023-04-16 16:36 阅读 2471次
_DATE_UNITS = set("年月日号期届次")
_RANGE = set(":：至到~～-—–")
_ISSUE_RUN = re.compile(r"\d{4}\s*年\s*(第\s*)?\d{1,2}\s*期")
_JOURNAL = re.compile(r"[\u4e00-\u9fff]{2,12}(学报|学刊|杂志|论坛|月刊|半月刊|期刊|研究|科学|理论|探索|前线|党建|文摘)\s*$")
_KEYWORDS = re.compile(r"(关键词|关键字)\s*[:：]\s*[\u4e00-\u9fff]{4,24}(?![\u4e00-\u9fff;；、])")  # not 作风；干部
_AFFILIATION_RUN = re.compile(r"[（(][^（()）]{0,80}?(大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院)[^（()）]{0,80}?"
                              r"(?<!\d)\d{6}(?!\d)[^（()）]{0,40}[)）]|[（(]作者(系|为|单位[:：]?)[^（()）]{2,60}[)）]|" + _RANKED)
_HONORIFICS = ("老师", "先生", "女士", "教授")
_FILE_NAME = re.compile(r"[^。！？\s]{2,40}\.(docx?|pdf|pptx?|xlsx?|txt|wps)_", re.IGNORECASE)
_EDITION_RUN = re.compile(r"第\s*\d{1,3}\s*版\s*[:：]\s*[\u4e00-\u9fff]{2,12}?\s*PDF版阅读")  # an e-paper's page bar
_WIRE_BYLINE = re.compile(r"(新华社|中新社|央视|央广|本报|本台|本刊|[\u4e00-\u9fff]{2,4}日报)(特约)?记者\s*")  # 新华社记者 某某 某某
_NOT_AFTER_NAME = ("同志", "同学", "在", "的", "等", "对", "个人", "关于", "与", "和", "及", "发言", "讲话", "述职", "说",
                   "指出", "表示", "认为", "：", ":", "，", ",", "、")
_PLAYER = re.compile(r"\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}")
_SOURCE_FIELDS = {"来源", "文章来源", "信息来源", "出处", "供稿"}
_DATE_LABEL = re.compile(r"(?P<prefix>发布|发表|更新|信息|录入|上传)?(时间|日期)\s*[:：]\s*"
                         r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-\d{2})(?![\d\-/.])(?P<time>\s*\d{1,2}:\d{2}(:\d{2})?)?")
_DEADLINE_WORDS = {"完成", "截止", "会议", "开始", "结束", "办结", "整改", "出生", "入党", "召开", "报名", "提交",
                   "申报", "办理", "活动", "培训", "考试", "举办", "时限", "工作", "调研", "检查"}
_LABEL_WORDS = r"(信息来源|信息时间|发布时间|时间|日期|来源|作者|阅读次数|阅读量|浏览次数|浏览|点击|字号|字体大小|大小|责任编辑|编辑)"
_EMPTY_LABEL = re.compile(r"\s*[【\[]?\s*" + _LABEL_WORDS
                          + r"\s*[:：]\s*[】\]]?(?=\s*([【\[|｜]|$|[\u4e00-\u9fff]{2,4}[:：]))")  # …浏览次数:摘要:
_EMPTY_BEFORE = re.compile(r"([【\[]?\s*" + _LABEL_WORDS + r"\s*[:：]\s*[】\]]?\s*)*[【\[]?$")
_BUTTON = re.compile(r"\s*[|｜]?\s*[【\[]\s*((字号|字体|我要打印|打印|关闭|收藏|返回|大|中|小)\s*[】\]]?|[】\]])")  # 【关闭, [][]
_PUBLISHED = re.compile(r"(发布|更新|发表)?时间\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
                        r"\s*\d{1,2}:\d{2}:\d{2}")  # 时间:2022-05-14 09:10:00 (a meeting's time has no seconds)
_CHANNEL = re.compile(r"公众号|客户端|APP|App|app|官网|网站")
_COUNTER_ITEM = r"(?!第)([\u4e00-\u9fff]{2,5}|[A-Za-z]{2,5})[:：]?\d{1,9}(小时|次)?"
_COUNTER_RUN = re.compile(r"(?<![\u4e00-\u9fffA-Za-z0-9])" + _COUNTER_ITEM + r"([\s\-|｜·•]+" + _COUNTER_ITEM + "){2,}")
# 发帖85- 精华0- 华商豆61: a profile's counters, each apart from the next (not 于今年5月至6月深入12个乡镇)
_CREDIT_RUN = re.compile(r"[（(]\s*(通讯员|记者)?\s*((图|文|摄影|摄|审|审核|编辑|责编|校对|初审|复审|终审)(\s*[/／]\s*(图|文|摄影|摄))*"
                         r"\s*[/／:：]?\s*[\u4e00-\u9fff]{2,3}\s*)+[)）]")  # (图/某某 文/某某 审/某某), (文/图 某某)
_WELCOME_RUN = re.compile(r"欢迎您?(来到|访问|光临|进入)[\u4e00-\u9fffA-Za-z0-9]{1,10}?(网站|网|社区|文库|在线)[!！。]?")
_DATELINE = re.compile(r"(?<![于在至到从自定])\d{4}年\d{1,2}月\d{1,2}日\s*[(（]?(星期|周)[一二三四五六日天][)）]?"
                       r"(?![)）]?\s*(上午|下午|晚|早|中午|召开|举行|举办|开始|起|至|到|在|前|，|,))")
# a newspaper's date with its weekday, never a meeting's (定于2023年3月1日（星期三）上午召开)
_PAREN = re.compile(r"[（(【\[][^（(【\[）)】\]]{1,20}[)）】\]]")


def _name_end(text: str, pos: int) -> int | None:
    """Where a person's name starting at ``pos`` ends (小王, 王某, 陈一帆 glued to what follows),
    as jieba reads it; None if no name starts there."""
    import jieba.posseg

    surnames = _lexicons()["surnames"]
    if text[pos:pos + 1] in ("小", "老") and text[pos + 1:pos + 2] in surnames:
        return pos + 2
    if text[pos:pos + 1] not in surnames:
        return None
    load_jieba()  # posseg reads the global jieba's dictionary: with the domain words, from the first document on
    words = jieba.posseg.lcut(text[pos:pos + 8])
    first = words[0]
    if first.flag == "nr" and 2 <= len(first.word) <= 3:
        return pos + len(first.word)
    if len(first.word) == 1 and len(words) > 1 and 1 <= len(words[1].word) <= 2 and _CJK.fullmatch(words[1].word[0]) \
            and all(_CJK.fullmatch(c) for c in words[1].word):
        return pos + 1 + len(words[1].word)
    return None


def _field_value_end(text: str, pos: int, label: str) -> int | None:
    """Where the value of a source/dateline field starting at ``pos`` ends (a number or date, a site,
    佚名, 大 中 小, a 《title》, or for a person field one to three names); None if none is there."""
    lx = _lexicons()
    pos += len(text[pos:]) - len(text[pos:].lstrip())
    for pattern in (_STAMP, _NUMBER_VALUE, _SIZE_VALUE, _BOOK_VALUE, lx["site_value"], _URL, _ID_VALUE):
        m = pattern.match(text, pos)
        if m:
            return m.end()
    if label in _SOURCE_FIELDS and (m := lx["unit_value"].match(text, pos)):  # 来源：某某县委社会工作部
        return m.end()
    if label not in lx["person_fields"]:
        return None
    end = _person_value_end(text, pos)
    return end + 2 if end and text.startswith(_HONORIFICS, end) else end  # 作者:李某老师


def _person_value_end(text: str, pos: int) -> int | None:
    """Where the names after a person field (作者：, 通讯员：) end; None if no name is there."""
    lx = _lexicons()
    following = lx["field"].search(text, pos, pos + 8)  # 通讯员:隋某某责编:… (a name jieba does not know)
    if following and 2 <= following.start() - pos <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", text[pos:following.start()]):
        return following.start()
    return _names_end(text, pos)


def _field_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Source/dateline fields with their values (来源：XX网 作者：佚名 发布时间：2023-01-12), several
    in a row, with their brackets if bracketed (（责编：王某）)."""
    pairs = []
    for m in _lexicons()["field"].finditer(text):
        label = re.sub(r"\s", "", m.group(1))
        end = _field_value_end(text, m.end(), label)
        if end:
            pairs.append((m.start(), end, label))
    out: list[tuple[int, int, list[str]]] = []
    for a, b, label in pairs:
        if out and _SEPARATORS.fullmatch(text[out[-1][1]:a]):
            out[-1] = (out[-1][0], b, out[-1][2] + [label])
        else:
            out.append((a, b, [label]))
    runs = []
    for a, b, labels in out:
        if a > 0 and b < len(text) and text[a - 1] in "（(【[" and text[b] in ")）】]":
            a, b = a - 1, b + 1
        runs.append((a, b, ["来源/日期栏 " + "、".join(dict.fromkeys(labels))]))
    return runs


def _tail(text: str, pos: int) -> int:
    """Where furniture that goes on from ``pos`` without a sentence ends: © and years, a site
    name, Latin words and record numbers (All Rights Reserved 京ICP备…号), 公众号/客户端,
    a short bracket of download furniture (（Word版，可编辑））."""
    lx = _lexicons()
    end = pos
    while True:
        gap = _GAP.match(text, end)
        at = gap.end() if gap else end
        m = (_ICP.match(text, at) or _ASCII_TAIL.match(text, at) or lx["site_value"].match(text, at)
             if at < len(text) else None)
        if m and m.re is lx["site_value"] and not lx["site"].search(m.group(0)):
            m = None  # only a watermark (XX范文网), not any word ending in 网 or 社区
        m = m or _CHANNEL.match(text, at)
        paren = _PAREN.match(text, at)
        if paren and (lx["phrases"].find(paren.group(0)[1:-1]) or re.fullmatch(r"[\W\dA-Za-z_]+", paren.group(0)[1:-1])):
            m = paren
        if not m or m.end() == at or text[m.end():m.end() + 1] in _DATE_UNITS:
            return end  # 2010年3月5日 opens a sentence
        end = m.end()


def _sites_before(text: str, pos: int) -> int:
    """Where a watermark (XX范文网) that ends right before ``pos`` starts (``pos`` if none)."""
    for a, b in _sites(text):
        if b <= pos and not text[b:pos].strip():
            pos = min(pos, a)
    return pos


def _phrase_runs(text: str, stops: set[int] = frozenset()) -> list[tuple[int, int, list[str]]]:
    """Furniture phrases and what belongs to them: a whole furniture sentence when it holds several
    cues or the site's own voice (声明：本站部分文章来自网友投稿，如有侵权请联系删除。 / 以上就是小编…),
    a linked title after 上一篇：/猜你喜欢：, else the phrase and its furniture tail (版权所有 © …).
    ``stops``: where other furniture ends (a sentence may start there)."""
    lx = _lexicons()
    if "phrases" not in _gate().rules(text) or not lx["phrases"].find(text):
        return []
    hits = sorted((m.start(), m.end(), m.group(0), group) for group, lexicon in lx["groups"].items()
                  for m in lexicon.find(text))
    clusters: list[list[tuple]] = []
    for hit in hits:
        last = clusters[-1][-1] if clusters else None
        if last and hit[0] - last[1] <= VOICE_GAP and not _SENTENCE_END & set(text[last[1]:hit[0]]):
            clusters[-1].append(hit)
        else:
            clusters.append([hit])
    runs, stops = [], set(stops)
    for cluster in clusters:
        a, b = cluster[0][0], max(h[1] for h in cluster)
        cues = list(dict.fromkeys(h[2] for h in cluster))
        link = lx["link"].match(text, cluster[-1][0])
        if link:  # 上一篇：某某对照检查材料 (the title ends at its last title word, else at a sentence end)
            title = lx["link_title"].match(text, link.end())
            stop = next((k + 1 for k in range(link.end(), min(len(text), link.end() + LINK_MAX))
                         if text[k] in _SENTENCE_END), None)
            b = title.end() if title else stop or link.end()
        voice = {h[3] for h in cluster} & {"site_voice", "copyright"}
        if voice and (len(cluster) >= 2 or "site_voice" in voice):  # a sentence of the site's own
            start = max((k + 1 for k in range(max(0, a - VOICE_GAP), a) if text[k] in _SENTENCE_END or k + 1 in stops),
                        default=0 if a <= VOICE_GAP else None)
            if start is not None and re.search(r"[\d\s]", text[start:a]):
                start = None  # 张某某 2014年7月 (the material's signature and date) before a download bar
            if start is None and "site_voice" in voice:  # 导语:某某一文来源于网友上传…: the site's tag opens it
                tag = _VOICE_TAG.search(text, max(0, a - LINK_MAX), a)
                start = tag.start() if tag and not _SENTENCE_END & set(text[tag.end():a]) else None
            reach = VOICE_SENTENCE if "site_voice" in voice else SENTENCE_TAIL  # 小编 never writes a material
            stop = next((k + 1 for k in range(b, min(len(text), b + reach)) if text[k] in _SENTENCE_END),
                        len(text) if len(text) - b <= reach else None)  # …本站部分内容来自网络 closing the page
            a = start if start is not None else a
            b = stop if stop is not None else b
            opened = max((k for k in range(max(0, cluster[0][0] - VOICE_GAP), cluster[0][0]) if text[k] in "（(【["),
                         default=None)
            closed = next((k + 1 for k in range(cluster[-1][1], min(len(text), cluster[-1][1] + LINK_MAX))
                           if text[k] in "）)】]"), None)
            if opened is not None and any(c in "）)】]" for c in text[opened:cluster[0][0]]):
                opened = None  # (范文推荐)| 来源:网友投稿…: that bracket closed before the cue
            if opened is not None and closed:  # (本文首发于2019年1月17日《某报》): the bracket, not the sentence
                a, b = opened, closed
        b = _closed(text, a, _tail(text, b))
        runs.append((_sites_before(text, a), b, cues))
        stops.add(b)
    return runs


def _closed(text: str, a: int, b: int) -> int:
    """``b``, or one further when text[a:b] leaves a bracket open that closes there (（PDF版，可编辑）)."""
    if b < len(text) and text[b] in "）)】]" and \
            sum(text[a:b].count(c) for c in "（(【[") > sum(text[a:b].count(c) for c in "）)】]"):
        return b + 1
    return b


def _widget_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Widget bars glued into a line: three widget words in a row (收藏分享举报), or two apart
    by a separator (字号变大 | 字号变小)."""
    runs, chain = [], []  # chain: the widget words in a row so far, (start, end, after a separator)
    for hit in _lexicons()["widget_words"].find(text) + (None,):
        gap = text[chain[-1][1]:hit.start()] if chain and hit else None
        if hit and chain and _WIDGET_GAP.fullmatch(gap):
            chain.append((hit.start(), hit.end(), bool(gap)))
            continue
        if len(chain) >= 3 or len(chain) == 2 and chain[1][2]:
            start = _site_before(text, chain[0][0])  # 某某网打印纠错: the site's name with its bar
            runs.append((start, _closed(text, start, chain[-1][1]), ["页面按钮 page widgets"]))
        chain = [(hit.start(), hit.end(), False)] if hit else []
    return runs


def _site_before(text: str, pos: int) -> int:
    """Where a site's name ending in 网 right before ``pos`` starts (共产党员网 in …和社会监督共产党员网):
    at the word boundary nearest to it that leaves four characters or more; ``pos`` if there is none."""
    import jieba

    load_jieba()
    window = text[max(0, pos - 10):pos]
    if not window.endswith("网"):
        return pos
    starts, at = [], 0
    for word in jieba.lcut(window):
        starts.append(at)
        at += len(word)
    start = next((k for k in reversed(starts) if len(window) - k >= 4), None)
    return pos - len(window) + start if start is not None and _site_name(window[start:]) else pos


def _page_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Page markers between sentences: - 1 -, 第1页 共3页."""
    return [(m.start(), m.end(), ["页码 " + m.group(0).strip()]) for m in _PAGE_MARK.finditer(text)
            if m.start() == 0 or text[m.start() - 1] in _SENTENCE_END or text[m.start() - 1].isspace()
            or text[m.start()] in "-—–"]


def _names_end(text: str, pos: int) -> int | None:
    """Where one to three names from ``pos`` end (朱世定许云超, 王冠中,闫力); None if none starts there,
    or if a colon follows them (黄守宏: is a speaker's label)."""
    end, count = _name_end(text, pos), 1
    while end and count < 3:
        sep = end + (text[end:end + 1] in "，,、 ")
        nxt = _name_end(text, sep) if sep < len(text) else None
        if not nxt:
            break
        end, count = nxt, count + 1
    return None if end and text[end:end + 1] in ":：" else end


def _meta_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Article metadata glued into a line: a publishing stamp (2020-11-12 01:02, and the names right
    after it), a journal issue (2020年5期), run-together keywords (关键词:…), an affiliation with its
    postcode ((某某大学马克思主义学院,甘肃兰州 730000)), a media player's clock (00:00/00:00)."""
    if not re.search(r"\d|关键|作者|格式|研究", text):  # every run below holds a digit or one of these words
        return []
    may = _gate().rules(text)
    runs = []
    for m in _finditer(_ISO_STAMP, text, may):
        if text[max(0, m.start() - 1):m.start()] in _RANGE or text[m.end():m.end() + 1] in _RANGE:
            continue  # 完成时限：2024-06-30, 2023-01-01至2023-12-31
        end = _names_end(text, m.end()) or m.end()
        end += 2 if end > m.end() and text.startswith(_HONORIFICS, end) else 0  # 2018-12-09王某老师
        runs.append((m.start(), end, ["日期栏 date stamp"]))
    for m in _finditer(_ISSUE_RUN, text, may):  # 某某学报 2021年第3期: the journal's name with it
        name = _JOURNAL.search(text, max(0, m.start() - 16), m.start())
        runs.append((name.start() if name else m.start(), m.end(), ["刊期 journal issue"]))
    runs += [_tags_before_name(text, m.start(), m.end()) for m in _finditer(_KEYWORDS, text, may)]
    runs += [(m.start(), m.end(), ["作者单位 affiliation"]) for m in _finditer(_AFFILIATION_RUN, text, may)]
    runs += [(m.start(), m.end(), ["作者简介 author's note"]) for m in _finditer(_BIO, text, may)]
    runs += [(m.start(), m.end(), ["播放器 player"]) for m in _finditer(_PLAYER, text, may)]
    runs += [(m.start(), m.end(), ["日期栏 date stamp"]) for m in _finditer(_PUBLISHED, text, may)]
    runs += [(m.start(), m.end(), ["文档信息 file details"]) for m in _finditer(_FILE_META, text, may)]
    runs += [(m.start(), m.end(), ["版面 newspaper page"]) for m in _finditer(_EDITION_RUN, text, may)]
    return runs


def _tags_before_name(text: str, a: int, b: int) -> tuple[int, int, list[str]]:
    """Run-together keyword tags (关键词:居民党组织基层) as a run; when they go on into more than 12
    characters, the author's name glued after them (…基层孙某某党的二十大…) ends them and is kept
    with them, so that the body after it is not taken for tags."""
    words = re.match(r"(关键词|关键字)\s*[:：]\s*", text[a:b]).end() + a
    if b - words > 12:
        for k in range(words + 4, b - 2):
            end = _names_end(text, k)
            if end and end - k <= 3 and not text.startswith(_NOT_AFTER_NAME, end):
                return a, end, ["标签 tags", "署名 byline"]
    return a, b, ["标签 tags"]


def _gap_is_furniture(gap: str, after: str) -> bool:
    """Text between two runs of furniture that is furniture too: names only (a byline between a
    stamp and an affiliation), or a journal's name before its issue (…学报 2020年5期)."""
    bare = gap.strip(" ,，、")
    if not bare or _LABELLED_ID.fullmatch(bare):  # 格式:DOC between two fields
        return True
    if after.startswith("刊期") and len(bare) <= 16 and _CJK.fullmatch(bare[0]) and not _SENTENCE.search(bare):
        return True
    if _FILE_NAME.fullmatch(bare):  # 某某制度.docx_ between page thumbnails (第1页 / 共22页)
        return True
    end = _names_end(bare, 0)
    return end == len(bare)


def _head_end(text: str) -> int:
    """Where the head of a page pasted into one line ends: at its first sentence end (the
    line's end if there is none)."""
    end = _SENTENCE_END_AT.search(text)
    return end.start() if end else len(text)


def _head_runs(text: str, found: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """At the head of a page pasted into one line (before its first sentence end), a site section
    glued to the title after it (党建园地 | XX局党组对照检查材料) where a line or a run of furniture
    ends, and a byline (某某县委组织部 王某, 文/王某) right after furniture."""
    head = _head_end(text)
    lx = _lexicons()
    runs = []
    for at in [0] + [b for _, b, _ in found if b < head]:
        at += len(text[at:]) - len(text[at:].lstrip())
        column = lx["column_head"].match(text[at:at + 8])
        if column and at + column.end() < head:
            runs.append((at, at + column.end(), ["栏目 site section"]))
            continue
        pasted = at > 0 or len(text) > LINE_MAX  # at the start of a short line: the line rules judge it
        bar = _widget_prefix(text, at, head) if pasted else None
        if bar:
            runs.append((at, bar, ["页面按钮 page widgets"]))
            continue
        names = _names_end(text, at) if pasted and at < head else None
        if names and names < head and not text.startswith(_NOT_AFTER_NAME, names) and (
                at > 0 or names - (_name_end(text, at) or names) >= 2):  # 陈某某余某某摘要: two names at the start
            runs.append((at, names, ["署名 byline"]))
            continue
        if at == 0:
            continue
        mark = re.match(r"(文\s*/|作者\s*[:：])\s*", text[at:])
        if mark and (end := _name_end(text, at + mark.end())):
            runs.append((at, end, ["署名 byline"]))
            continue
        for k in range(at + 2, min(head, at + 14)):  # 某某县委组织部 | 王某
            if text[at:k].endswith(lx["units"]) and (end := _name_end(text, k)) and end < head:
                runs.append((at, end, ["署名 byline"]))
                break
    for m in _WIRE_BYLINE.finditer(text, 0, head):  # 新华社记者 某某 某某 under the title
        end = _names_end(text, m.end())
        if end and end < head:
            runs.append((m.start(), end, ["署名 byline"]))
    return runs


def _widget_prefix(text: str, at: int, head: int) -> int | None:
    """Where a widget bar glued before the title at ``at`` ends (手机版1 1 1某某…, APP下载某某…,
    购物车我的足迹…): the longest piece of at most 16 characters made of two or more widget words
    and site names, or one widget word of three characters or more (收藏 or 关注 alone may open a
    title), with the digits and marks after it; None if there is none."""
    widgets = _lexicons()["widgets"]
    window = text[at:min(head, at + 16)]
    if not _lexicons()["widget_words"].find(window):  # a count of one or more holds a widget word
        return None
    covers = _covers(window)
    for end in range(min(head, at + 16), at + 1, -1):
        piece = text[at:end]
        count = covers[end - at]
        if count and (count >= 2 or len(piece) >= 3 and piece in widgets):
            stop = end + re.match(r"([\s×|｜·]|\d+(?![\d年月日号期届次]))*", text[end:]).end()  # not 2023年
            return stop if stop < head else None
    return None


def _merge_runs(runs: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    out: list[tuple[int, int, list[str]]] = []
    for a, b, cues in sorted(runs):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b), list(dict.fromkeys(out[-1][2] + cues)))
        else:
            out.append((a, b, cues))
    return out


def runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Page furniture glued between the sentences of a line, as (start, end, cues): each is cut
    out whole as a noise paragraph before the run-on splitter, so that no furniture is judged and
    no sentence of the material is lost into it (a page pasted into one line: 收藏分享举报措施：…,
    …批评指正。声明：本站部分文章来自网友投稿，如有侵权请联系删除。, 全媒体记者：王某 通讯员：李某).
    Pinyin glosses are looked through (发(fā)表时(shí)间： is a field label)."""
    glosses = _glosses(text)
    kept = [k for k in range(len(text)) if not any(a <= k < b for a, b in glosses)] if glosses else None
    found = _runs("".join(text[k] for k in kept)) if glosses else _runs(text)
    if found and len(text) <= LINE_MAX and inspect(text, head=True).line:
        return []  # a short line that is furniture as a whole (the line rules judge it)
    return [(kept[a], kept[b - 1] + 1, cues) for a, b, cues in found] if glosses else found


TAIL_MAX = 40  # furniture glued after the last sentence of a paragraph cut from a run-on line is at most this long
TITLE_TAIL = 40  # a paragraph of a pasted page this short with no sentence mark is a title (widgets may end it)
_TAIL_START = re.compile(r"[。！？!?]+")


def tails(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int, list[str]]]]:
    """Furniture glued after the last sentence of a paragraph cut from a run-on line (…确保问题整改到位。
    (王某)请输入验证码, …满意度均超过90%。责任编辑:王某): the rest of the paragraph after one of its
    sentence ends, at most :data:`TAIL_MAX` characters, made whole of one to three pieces that each are
    furniture by the line rules (:func:`inspect`, not the head rules: a signature stays the material's).
    Returns ``spans`` with each such tail cut off as a paragraph of its own, and the tails as runs."""
    if len(spans) < 2:
        return spans, []
    out, found = [], []
    for a, b in spans:
        tail = _furniture_tail(text, a, b)
        if tail:
            out.append((a, tail[0]))
            found.append(tail)
        out.append((tail[0], b) if tail else (a, b))
    return out, found


def _furniture_tail(text: str, a: int, b: int) -> tuple[int, int, list[str]] | None:
    """The furniture tail of the paragraph ``text[a:b]`` (see :func:`tails`), the longest; None if none."""
    while b > a and text[b - 1].isspace():
        b -= 1
    for m in _TAIL_START.finditer(text, max(a, b - TAIL_MAX - 3), b):
        start = m.end()
        if start <= a or start >= b or not _SENTENCE_END_AT.search(text, a, m.start() + 1):
            continue
        cues = _furniture_cover(text[start:b].strip())
        if cues:
            return start, b, cues
    if b - a <= TITLE_TAIL and not _SENTENCE_MARK.search(text, a, b):  # a title with a widget bar glued on
        for start in range(a + 4, b - 3):
            found = inspect(text[start:b])
            if found.line and "页面按钮 page widgets" in found.cues and _cover(text[start:b], line=True):
                return start, b, found.cues
    return None


def _furniture_cover(text: str, pieces: int = 3) -> list[str] | None:
    """Cues if ``text`` is made whole of at most ``pieces`` pieces that are each furniture by the line
    rules (the longest first: (王某)请输入验证码 is a credit and a prompt); None if it is not."""
    text = _TABLE_BARS.sub("", text)
    if len(_CJK.findall(text)) < 2 or _SENTENCE_MARK.search(text[:-1]) and len(text) > 24:
        return None
    for end in range(len(text), 1, -1):
        if text[end - 1:end + 1].isdigit() or text[end - 1].isdigit() and text[end:end + 1] in _DATE_UNITS:
            continue  # never inside a number or a date (某某县委组织部2023 | 年12月20日)
        found = inspect(text[:end])
        if not found.line or found.cues == [_NOT_CHINESE] and end < len(text) \
                or found.cues == ["作者单位 affiliation"] and not re.search(r"[（(]", text[:end]):
            continue  # a signature with a date run together (某某委员会202045) has an affiliation's form
        if end == len(text):
            return found.cues
        rest = _furniture_cover(text[end:].strip(), pieces - 1) if pieces > 1 else None
        if rest:
            return list(dict.fromkeys(found.cues + rest))
    return None


def _runs(text: str) -> list[tuple[int, int, list[str]]]:
    lx, may = _lexicons(), _gate().rules(text)
    named = text[:1].isspace() or len(text) > LINE_MAX and (  # a byline may open it (:func:`_head_runs`)
        text[:1] in lx["surnames"] or text[:1] in ("小", "老"))
    if "runs" not in may and not named:
        return []
    found = []
    for rule, finder in ((lx["field"], _field_runs), ("widgets", _widget_runs), ("page_marks", _page_runs),
                         ("trails", _trail_runs), (_SOURCE, _source_runs), ("meta", _meta_runs), ("form", _form_runs),
                         ("bullets", _bullet_runs)):
        if rule in may:
            found += finder(text)
    found = _merge_runs(found + _phrase_runs(text, {b for _, b, _ in found}))
    # a site section, widget bar or byline opens the line only with one of these (:func:`_head_runs`)
    opening = found or named or "head" in may or len(text) > LINE_MAX and "widgets" in may
    found = _merge_runs(found + (_head_runs(text, found) if opening else []) + _date_label_runs(text))
    if not found:
        return []
    found = _merge_runs([_with_labels(text, a, b) + (cues,) for a, b, cues in found])
    out: list[tuple[int, int, list[str]]] = []
    for a, b, cues in found:  # a scrap of two characters between furniture is furniture (…随时随地看 范文)
        if out and (_scrap(text[out[-1][1]:a]) or _gap_is_furniture(text[out[-1][1]:a], cues[0])):
            out[-1] = (out[-1][0], b, list(dict.fromkeys(out[-1][2] + cues)))
        else:
            out.append((a, b, cues))
    if out and _scrap(text[:out[0][0]]):
        out[0] = (0,) + out[0][1:]
    if out and _scrap(text[out[-1][1]:]):
        out[-1] = (out[-1][0], len(text), out[-1][2])
    return [(a, b, cues) for a, b, cues in out if text[a:b].strip()]


def _trail_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Breadcrumb trails glued into a line (首页 > 范文 > 正文, …>> 市县动态), with the 当前位置： before one."""
    lx, may = _lexicons(), _gate().rules(text)
    trails = [(m.start() - len(w.group(0)) if (w := _WHERE.search(text, 0, m.start())) else m.start(), m.end(),
               ["导航路径 breadcrumb"]) for m in _finditer(_TRAIL, text, may)]
    trails += [(m.start(), m.end(), ["导航路径 breadcrumb"]) for m in _finditer(lx["open_trail"], text, may)]
    trails += [(m.start(), m.end(), ["导航路径 breadcrumb"]) for m in _finditer(lx["open_trail_sep"], text, may)]
    return trails


def _source_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """A source line glued after a sentence (据《某报》), not a sentence citing one (据《某报》报道，…)."""
    return [(m.start(), m.end(), ["来源 source"]) for m in _SOURCE.finditer(text)
            if not re.match(r"[，,、报消称]", text[m.end():m.end() + 1])
            and (m.start() == 0 or text[m.start() - 1] in _SENTENCE_END | set("》）)】]"))]


def _form_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Furniture told by its form, whatever the site: a row of counters (发帖85 精华0 威望96), a news
    item's credit bracket ((图/某某 文/某某), (文/图 某某)), the site's greeting with its name
    (欢迎访问某某网), a dateline with its weekday (2017年03月15日 星期三)."""
    runs = []
    may = _gate().rules(text)
    counters = _COUNTER_RUN in may and len(_DIGIT.findall(text)) >= 3  # a row of counters: three numbers at least
    for pattern, cue in ((_COUNTER_RUN if counters else None, "计数栏 counters"), (_CREDIT_RUN, "署名 byline"),
                         (_WELCOME_RUN, "欢迎语 site welcome"), (_DATELINE, "日期栏 date stamp"),
                         (_TRUNCATED, "截断提示 truncation notice"), (_IMAGE_RUN, "图片文件 image file")):
        runs += [(m.start(), m.end(), [cue]) for m in pattern.finditer(text)] if pattern in may else []
    return runs


_BULLET_ITEM = re.compile(r"•\s*(?P<item>[^•。！？!?；;，,]{1,16}?)\s*(?=•|$)")


def _bullet_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """A side bar's list items glued into a line (…召开民主生活会• 王某• 等级:青铜•): a bulleted item up to
    the next bullet that is furniture by the line rules of a page's head (a name, a field, a count, a
    date, a widget), with its bullet. A material's bulleted item says something and stays."""
    runs = []
    for m in _BULLET_ITEM.finditer(text):
        found = inspect(m.group("item").strip(), head=True)
        if found.line:
            runs.append((m.start(), m.end(), found.cues))
    return runs


def _date_label_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """A publishing date with its label (时间:2005-05-24, 日期:2009-07-10 10:29): with a clock time,
    or a publishing prefix (发布/更新/信息), or at the head of the page (before its first sentence end),
    never a deadline or a meeting's date (完成时间：, 会议日期：)."""
    head = None
    runs = []
    for m in _finditer(_DATE_LABEL, text, _gate().rules(text)):
        if text[max(0, m.start() - 2):m.start()] in _DEADLINE_WORDS and not m.group("prefix"):
            continue
        head = _head_end(text) if head is None else head
        if m.group("time") or m.group("prefix") or m.start() < head:
            runs.append((m.start(), m.end(), ["日期栏 date stamp"]))
    return runs


def _with_labels(text: str, a: int, b: int) -> tuple[int, int]:
    """A run with the empty field labels and buttons glued to it (【信息来源:【信息时间:…阅读次数: 】
    【字号】【我要打印】【关闭): their values were lost when the page was copied."""
    while (m := _EMPTY_BEFORE.search(text, max(0, a - LINK_MAX), a)) and m.end() == a and m.start() < a:
        a = m.start()
    while (m := _EMPTY_LABEL.match(text, b) or _BUTTON.match(text, b)) and m.end() > b:
        b = m.end()
    return a, b


def _scrap(gap: str) -> bool:
    return len(gap.strip()) <= 2 and not re.search(r"[。！？!?；;，,、\d]", gap)


def inspect(text: str, head: bool = False) -> Noise:
    """Inline noise of a paragraph, and whether the whole paragraph is noise; ``head``: the
    paragraph is a line at the head of the page (:func:`head_lines`)."""
    may = _gate().rules(text)
    if not head and "inline" not in may and "furniture" not in may:
        # the usual prose line: no inline noise and no furniture rule that may find anything
        if _repeated(text):
            return Noise(line=True, cues=[_REPEATED])
        return Noise() if _cjk_at_least(text, MIN_CONTENT_CJK) else Noise(line=True, cues=[_NOT_CHINESE])
    spans, cues = _inline(text, may)
    noise = Noise(spans=spans, cues=cues)
    rest = noise.clean(text) if spans else text
    furniture = []
    for candidate in dict.fromkeys((text, rest)):  # the line as it stands, then without its inline noise
        if len(candidate) <= LINE_MAX:
            furniture = furniture or _furniture(candidate) or (_head_furniture(candidate) if head else [])
        if not furniture and _repeated(candidate):
            furniture = [_REPEATED]
    if furniture or not _cjk_at_least(rest, MIN_CONTENT_CJK):
        noise.line = True
        noise.cues = list(dict.fromkeys(furniture + cues)) or [_NOT_CHINESE]
        noise.spans = []
    return noise


# ---- the judging side: a paragraph that is not a sentence is given no judged role ----

JUDGED_ROLES = ("preamble", "problem", "cause", "measure", "summary", "closing")
UNJUDGED_ROLE = "other"
_SENTENCE_MARK = re.compile(r"[。！？；!?;，,…]")
_PREDICATE_TAGS = ("a", "i", "l")  # besides the verbs (v, vd, vi …; not the verbal noun vn): adjectives, idioms,
# set phrases (宗旨意识淡薄, 敷衍塞责, 重显绩轻潜绩); not adverbs (认真) or nouns
_NEGATIONS = ("不", "没")


def load_tagger() -> None:
    """Load jieba with the domain words and its part-of-speech tagger now; otherwise the first line
    that needs them loads them (a line that may be a name, a line without a sentence mark)."""
    _tag_tables()


@lru_cache(maxsize=1)
def _tag_tables() -> tuple[dict, dict]:
    """jieba's word tags: the domain dictionary's (data/userdict.txt) and jieba's own."""
    import jieba.posseg

    return load_jieba().dt.user_word_tag_tab, jieba.posseg.dt.word_tag_tab


def _predicate(word: str, first: bool) -> bool:
    """A word that can carry a sentence: a negation (不, 不正, 没有) or a verb, an adjective, an idiom or a set
    phrase by jieba's dictionary tags, that is not a page widget's word (分享, 阅读, 收藏 …); a one-character
    verb or adjective only after another word (调研少; not 请…, 看…, 红…: a prompt or a caption's start)."""
    if word.startswith(_NEGATIONS):
        return True
    if len(word) < 2 and first or word in _lexicons()["line_widgets"]:
        return False
    user, own = _tag_tables()
    tag = user.get(word) or own.get(word, "")
    return tag.startswith("v") and tag != "vn" or tag in _PREDICATE_TAGS


def is_sentence(text: str, words: list[str]) -> bool:
    """Whether a paragraph reads as a sentence: it has a sentence or clause mark (。！？；，…) or, when it has
    none, it is mostly Chinese and one of its ``words`` (the segmenter's) is a predicate. Page names and
    slogans, bylines, captions of nouns, column labels, tag clouds and counters are not (青年之家加油站,
    某某区人民检察院副检察长王某某, 理论周刊第2087期, 12 评论:3); a title of nouns is not either, nor a
    file's name (a document site's title: 【精品文档】关于…自我批评(整理版).docx)."""
    if _DOC_FILE.fullmatch(text.strip()):
        return False
    if _SENTENCE_MARK.search(text):
        return True
    bare = "".join(text.split())
    if len(_CJK.findall(bare)) * 2 < len(bare):
        return False
    words = [w for w in words if _NAME_CHAR.search(w)]  # not the blanks and marks
    return any(_predicate(w, k == 0) for k, w in enumerate(words))


def unjudged(roles: list[str], texts: list[str], tokens: list[list[str]], headings: list[bool]) -> list[str]:
    """``roles`` with every paragraph that is not a sentence (:func:`is_sentence`) given the role
    :data:`UNJUDGED_ROLE` instead of a judged one (problem, cause, measure, summary, preamble, closing):
    such a line states nothing to judge. A heading found by rule (一、存在的问题, a title, a section label) keeps
    its role, and so does a label that opens what follows it (形式主义：, 具体表现:): the text below is its content."""
    return [UNJUDGED_ROLE if role in JUDGED_ROLES and not heading and not text.rstrip().endswith(("：", ":"))
            and not is_sentence(text, words) else role
            for role, text, words, heading in zip(roles, texts, tokens, headings)]
