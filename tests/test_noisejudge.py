"""Noise is never judged, on the judging side: a paragraph that is not a sentence (no sentence mark and
no predicate, or mostly not Chinese) gets no problem/cause/measure/summary/preamble/closing role, while
written headings, labels and short sentences keep theirs; scraping tokens that look like acronyms or
units are cut when their form gives them away. Every line here is invented for the tests."""
import pytest

from analyzer import noise
from analyzer.segment import load_jieba


def _words(text: str) -> list[str]:
    return load_jieba().lcut(text)


@pytest.mark.parametrize("line", [
    "青年之家加油站",                     # a site's column name
    "党建广角",
    "• 周某某",                           # a byline from a side bar
    "某某区人民检察院党组成员、副检察长王某某",  # a byline of title and name
    "理论周刊第2087期",                   # an issue line
    "座谈会现场",                         # a caption of nouns
    "12 评论:3",                          # counters, mostly not Chinese
    "请关注",                             # a prompt: 请 opens it, 关注 is a widget's word
    "（会场一角）",                       # a caption in brackets
    "问答题",
    "2025年度工作总结",                   # a title of nouns
])
def test_not_a_sentence(line):
    assert not noise.is_sentence(line, _words(line))


@pytest.mark.parametrize("line", [
    "理论学习不够深入系统。",             # a sentence mark
    "调研少",                             # a short problem: a one-character predicate after a word
    "学风不正",                           # a negation
    "作风不实",
    "宗旨意识淡薄",                       # an adjective
    "加强理论武装",                       # a verb
    "敷衍塞责",                           # an idiom
    "一是对基层困难了解不深，二是调研不够",
])
def test_a_sentence(line):
    assert noise.is_sentence(line, _words(line))


def test_unjudged_roles_keep_headings_labels_and_sentences():
    texts = ["一、存在的问题", "形式主义：", "党建广角", "座谈会现场", "调研少", "发言稿", "青年之家加油站",
             "理论学习不够深入系统。"]
    roles = ["problem", "problem", "problem", "cause", "problem", "heading", "closing", "problem"]
    headings = [True] + [False] * 7
    got = noise.unjudged(roles, texts, [_words(t) for t in texts], headings)
    assert got == ["problem", "problem", "other", "other", "problem", "heading", "other", "problem"]


PAGE = """某市税务局党组书记专题民主生活会个人对照检查材料
党建广角
按照市委统一部署，我认真学习了规定篇目，广泛征求意见，现将个人对照检查情况报告如下。
一、存在的问题
（一）形式主义方面
一是调研不深入。今年我到基层调研只有6次，多是听汇报、看材料，没有到纳税人中间去听意见。
二是会议偏多。全年主持召开局务会、推进会37次，有的会议以会议落实会议。
座谈会现场
（二）官僚主义方面
对纳税人反映的退税慢问题，我只是批评了经办科室，没有从流程上解决推诿扯皮的问题。
二、产生问题的原因
理想信念有所松懈，宗旨意识淡化，党性修养锻炼不够。
三、整改措施
今年9月底前，每月下基层不少于4天，建立调研台账，由办公室负责督办。
青年之家加油站
恳请同志们批评指正。
"""


def test_page_lines_without_a_sentence_are_not_judged(analyzer):
    report = analyzer.analyze(PAGE, "page.txt")
    by_text = {p.text: p for p in report.paragraphs}
    for line in ("党建广角", "座谈会现场", "青年之家加油站"):
        assert by_text[line].role in ("other", "noise") and not by_text[line].styles, (line, by_text[line].role)
    assert by_text["一、存在的问题"].role == "heading"
    assert by_text["（一）形式主义方面"].role == "heading"
    assert by_text["理想信念有所松懈，宗旨意识淡化，党性修养锻炼不够。"].role == "cause"
    assert report.coverage["formalism"]["covered"] and report.coverage["bureaucratism"]["covered"]


@pytest.mark.parametrize("line, token", [
    ("严格遵守各项纪7KQ律规定，始终做到清正廉洁。", "7KQ"),   # inside a word: 纪律
    ("征管手段相418TP对落后，信息化水平不高。", "418TP"),     # digits and two capitals, no unit
    ("加强对项目的517h跟踪服务", None),                       # 517h: hours, a unit
    ("加强对项目的517q跟踪服务", "517q"),                     # digits and a letter that is no unit
    ("中午xk27还安排了宴请", "xk27"),                         # two letters and digits
    ("个人ZRT6对照检查材料", "ZRT6"),                         # three capitals and one digit
])
def test_tokens_that_look_ordinary(line, token):
    found = noise.inspect(line)
    cut = [line[a:b] for a, b in found.spans]
    assert cut == ([token] if token else []), (line, cut)


@pytest.mark.parametrize("line", [
    "积极参加G20峰会志愿服务工作。",
    "统一使用A4纸双面打印。",
    "单位通过ISO9001质量体系认证。",
    "20XX年度民主生活会对照检查材料",
    "全县新建5G基站120座，完成10kV线路改造。",
    "下旬组织有20xx人参加的培训。",
    "在会议室B305召开支部委员会。",
])
def test_ordinary_ascii_is_kept(line):
    assert noise.inspect(line).spans == [], line
