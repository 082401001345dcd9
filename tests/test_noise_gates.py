"""The noise rules' patterns sit behind gates (a cheap test of the characters every match
holds): a gated pattern answers exactly as the pattern itself, on furniture that the rules are
made for and on random text over the characters the patterns speak of."""
import re

from hypothesis import given, settings, strategies as st

from analyzer import noise

GATED = {name: value for name, value in vars(noise).items() if isinstance(value, noise._Gated)}

FURNITURE = [
    "来源：人民网 发布时间：2023-05-12 10:30 浏览次数：1024", "首页 > 范文大全 > 党建材料 > 正文",
    "http://www.example.com/a?b=1", "某某学报 2021年第3期", "（某某大学马克思主义学院，甘肃兰州 730000）",
    "关键词：党建引领基层治理", "第2页 共3页", "- 2 -", "格式:DOCX 大小:25KB 约4.5千字", "新华社记者 王某",
    "数(shù)据(jù)", "2019年03月27日 某某日报", "1957年6月21日人民日报 第2版", "京ICP备12345678号-1",
    "时间:2022-05-14 09:10:00", "【字号 大 中 小】【我要打印】【关闭】", "+ O2 W- O: E/ I5 L9 Z",
    "某某(1977- ),女,某地人,主要从事党建研究。", "（文/ 图/ ）", "据《某报》", "00:00/00:00", "x7Kq#2 2eeXB",
    "某某制度.docx_", "All Rights Reserved 公众号", "（作者系某党校教研部副主任）", "2023年12月",
]
ALPHABET = "".join(sorted(set("".join(FURNITURE)) | set("0123456789０１：:/-—–.（）()【】[]|｜ 　\t。，！？年月日第页共期版据记者时间日期来源作者")))


def _span(match):
    return match.span() if match else None


def _same(regex, gated, text):
    for method in ("search", "match", "fullmatch"):
        assert _span(getattr(gated, method)(text)) == _span(getattr(regex, method)(text))
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in regex.finditer(text)]
    assert gated.sub("#", text) == regex.sub("#", text)
    assert gated.split(text) == regex.split(text)
    assert gated.findall(text) == regex.findall(text)


def test_the_slow_rules_are_gated_and_answer_as_before_on_furniture():
    assert {"_URL", "_DATE_LABEL", "_WIRE_BYLINE", "_ISO_STAMP", "_PAGE_MARK", "_STAMP"} <= set(GATED)
    matched = 0
    for gated in GATED.values():
        for line in FURNITURE + ["一是理论学习不够深入，学用脱节。", ""]:
            _same(gated.regex, gated, line)
            matched += bool(gated.regex.search(line))
    assert matched > 40


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.sampled_from(sorted(GATED)))
def test_gated_patterns_answer_as_the_patterns_on_random_text(text, name):
    gated = GATED[name]
    _same(gated.regex, gated, text)


def test_gate_reads_the_characters_every_match_holds():
    gate = noise._gate(re.compile(r"(?P<p>发布|更新)?(时间|日期)\s*[:：]\d"))
    assert gate.pattern and gate.search("日") and gate.search("时") and not gate.search("发布更新：1")
    assert noise._gate(re.compile(r"(ab)?c*")) is None  # may match the empty string: no gate
    assert noise._gate(re.compile(r"[\u4e00-\u9fff]+报")).search("报")  # the smaller set wins
    assert noise._gate(re.compile(r"关键词")) is None  # the engine skips to a literal itself
    folded = noise._gate(re.compile(r"(x)?(pdf|doc)", re.IGNORECASE))
    assert folded.search("PDF") and folded.search("Doc") and not folded.search("xx")
    assert noise._gate(re.compile(r"(a)?\d", re.ASCII)).search("7") and \
        not noise._gate(re.compile(r"(a)?\d", re.ASCII)).search("７")
    assert noise._gate(re.compile(r"(a)?\d")).search("７")  # Unicode digits without re.ASCII
