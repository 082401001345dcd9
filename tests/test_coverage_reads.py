"""The coverage stage reads each paragraph once where that gives the same answers as reading
each sentence: these tests compare the shortcuts with the sentence-by-sentence readings."""
from __future__ import annotations

from analyzer.coverage import Sentence
from analyzer.segment import sentence_spans

from .conftest import GOOD, WORK_SUMMARY

AWKWARD = ["不讲排场、不比阔气；但是会议多。文件多！调研少?  走马观花\n  形式主义方面：文山会海，不作为、慢作为",
           "从不讲排场、比阔气，公款吃喝问题不存在。虽然没有违规，但是去年3次出入私人会所", ""]


def test_name_only_shortcut_agrees_with_removing_the_framing_words():
    import random

    from analyzer.coverage import _NAME_ONLY_WORDS, _name_only

    pieces = list("方面问题存在的主要表现突出情况关于在上等和及：:（）()、.．，。；！？ \t0123一二十第是①⑩") + [
        "形式主义", "作风", "会多", "a", "B"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    texts += ["（四）奢靡之风方面", "形式主义问题突出", "一是文山会海问题突出"]
    assert all(_name_only(t) == (len(_NAME_ONLY_WORDS.sub("", t)) < 4) for t in texts)
    assert any(_name_only(t) for t in texts) and not all(_name_only(t) for t in texts)


def test_a_sentence_matched_from_its_paragraph_matches_as_if_alone(analyzer):
    matcher = analyzer.matcher
    compared = 0
    for paragraph in GOOD.splitlines() + WORK_SUMMARY.splitlines() + AWKWARD:
        for a, b in sentence_spans(paragraph):
            text = paragraph[a:b]
            alone = matcher.match(text, [Sentence(0, len(text), text, 0.0, False)])
            assert matcher.match_sentence(paragraph, a, b) == alone
            compared += bool(alone)
    assert compared >= 8


def test_instances_counted_with_the_alternatives_that_can_match_equal_the_lexicon():
    from analyzer.denials import instance_counter
    from analyzer.resources import lexicon

    counter, instances = instance_counter(), lexicon("instances", "markers", "regex")
    assert counter.exact
    paragraphs = GOOD.splitlines() + WORK_SUMMARY.splitlines() + AWKWARD + [
        "2013年3月在城关镇座谈会上讲了3次，第二季度走访李家村4户人家。《关于改进作风的规定》学了两遍",
        "“三严三实”专题教育活动中，星期五、春节期间去年底只有一次下乡；在推进会上3.5万元的项目12月5日才定"]
    counted = []
    for paragraph in paragraphs:
        spans = sentence_spans(paragraph)
        counted += counter.counts(paragraph, spans)
        assert counter.counts(paragraph, spans) == [len(instances.find(paragraph[a:b])) for a, b in spans]
    assert sum(counted) >= 15


def test_required_strings_of_an_alternative_are_in_each_of_its_matches():
    import re
    from re import _parser

    from analyzer.denials import _required

    for pattern, text in [(r"[\u4e00-\u9fa5]{2,12}(?:座谈会|推进会)上", "上周在全县推进会上"),
                          (r"\d+\s*人次", "接待群众120 人次"), (r"(?:某|XX)(?:村|社区)", "到XX社区"),
                          (r"(?:(?:19|20)\d{2}年(?!度))", "2014年"), (r"第?[一二]季度", "一季度")]:
        need = _required(_parser.parse(pattern))
        match = re.search(pattern, text)
        assert need and match and any(s in match.group(0) for s in need)
    assert _required(_parser.parse(r"\d+|[^，]{2}")) is None
