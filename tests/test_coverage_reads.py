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


def test_a_sentence_holds_the_patterns_and_names_of_its_paragraph_inside_it(analyzer):
    from analyzer.coverage import _inside_sentences
    from analyzer.resources import Lexicon

    matcher = analyzer.matcher
    assert matcher.sliceable
    paragraphs = GOOD.splitlines() + WORK_SUMMARY.splitlines() + AWKWARD + ["形式\n主义；文山会海。  会议多！官僚主义"]
    found = matcher.found_all(paragraphs)
    named = matcher.named_in(paragraphs)
    for i, p in enumerate(paragraphs):
        spans = sentence_spans(p)
        alone = matcher.found_all([p[a:b] for a, b in spans])
        sliced = {k: [(c, ph, s - a) for c, ph, s in found.get(i, ()) if a <= s < b] for k, (a, b) in enumerate(spans)}
        assert {k: f for k, f in sliced.items() if f} == alone, p
        assert named[i] == frozenset().union(*matcher.named_in([p[a:b] for a, b in spans])), p
    assert sum(map(len, found.values())) >= 10 and sum(bool(n) for n in named) >= 3
    # a piece holding a sentence end or a blank could reach across one: such a lexicon is scanned per sentence
    assert not _inside_sentences(Lexicon("t", ["会议多。文件多"])) and not _inside_sentences(Lexicon("t", ["文山 会海"]))
    assert not _inside_sentences(Lexicon("t", ["会海"], regexes=[r"山\s会"])) and _inside_sentences(Lexicon("t", ["会…多"]))


def test_reading_sentences_from_their_paragraphs_changes_no_coverage(analyzer):
    texts = [GOOD, WORK_SUMMARY, "\n".join(AWKWARD)]
    sliced = [analyzer.analyze(t).coverage for t in texts]
    try:
        analyzer.matcher.sliceable = False
        scanned = [analyzer.analyze(t).coverage for t in texts]
    finally:
        analyzer.matcher.sliceable = True
    assert sliced == scanned and any(c["covered"] for c in sliced[0].values())
