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


def test_texts_matched_together_match_as_each_alone(analyzer):
    matcher = analyzer.matcher
    texts = [p[a:b] for p in GOOD.splitlines() + WORK_SUMMARY.splitlines() + AWKWARD for a, b in sentence_spans(p)]
    texts += GOOD.splitlines() + AWKWARD
    single = [[Sentence(0, len(t), t, 0.0, False)] for t in texts]
    together = matcher.match_all(texts, single, matcher.named_in(texts))
    assert together == [matcher.match(t, s) for t, s in zip(texts, single)]
    assert sum(bool(m) for m in together) >= 8


def test_names_read_together_are_those_of_each_text(analyzer):
    matcher = analyzer.matcher
    texts = [p[a:b] for p in GOOD.splitlines() + AWKWARD for a, b in sentence_spans(p)] + AWKWARD
    texts += ["（四）奢靡之风方面", "形式主义问题突出", "关于官僚主义", "形式主义官僚主义方面", "享乐主义"]
    named = matcher.named_in(texts)
    assert named == [frozenset(cid for cid, lx in matcher.names.items() if lx.find(t)) for t in texts]
    assert sum(bool(n) for n in named) >= 6
    matcher._names_memo.clear()
    together = matcher.names_in(texts)
    matcher._names_memo.clear()
    assert together == [matcher.names_in([t])[0] for t in texts]
    assert [t for t, (_, _, bare) in zip(texts, together) if bare][-5:] == texts[-5:]
    assert together[-2][1] == "方面"
