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
