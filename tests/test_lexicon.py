"""A lexicon remembers the matches of the texts it was asked about, and forgets them on request
(what the benchmarks do between rounds, so a round reads its texts as new documents)."""
from analyzer.resources import Lexicon, forget_matches, lexicon


def test_forget_matches_empties_every_memo_and_keeps_the_answers():
    text = "本人在2023年3月走访了5户群众，工作忙、任务重，基础条件比较差。"
    made = Lexicon("test.excuse", ["工作忙", "任务重", "基础…差"])
    shared = lexicon("instances", "markers", "regex")
    before = [made.phrases(text), shared.phrases(text)]
    assert before[0] == ["工作忙", "任务重", "基础条件比较差"] and "2023年3月" in before[1]
    assert text in made._memo and text in shared._memo
    forget_matches()
    assert text not in made._memo and text not in shared._memo
    assert [made.phrases(text), shared.phrases(text)] == before
