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


def test_a_lexicon_set_counts_each_lexicon_as_its_own_automaton_does():
    from analyzer.resources import LexiconSet
    from analyzer.structure import _role_lexicons
    from analyzer.summary import cue_lexicons

    texts = ["本人在2023年3月走访了5户群众，工作忙、任务重，基础条件比较差。",
             "一是理论学习不够深入，学用结合不够紧密，存在学用脱节的问题。",
             "经过认真查摆，今后要坚决克服形式主义、官僚主义，严格遵守中央八项规定精神，没有违规问题。",
             "会议多会议多会议多，文山会海，文件多文件多", "", "全年共完成项目12个，超额完成任务。"]
    # overlapping phrases: the leftmost begins first, the longest of those starting there wins
    made = Lexicon("test.overlap", ["会议", "会议多", "议多会", "多会议", "文山会海", "文山", "山会", "文件多文件"])
    for cues in (_role_lexicons(), cue_lexicons(), LexiconSet({"overlap": made, "excuse": Lexicon("e", ["基础…差"])})):
        for text in texts:
            forget_matches()
            counts = cues.counts(text)
            for name, lx in cues.lexicons.items():
                if lx.pattern is None and text in lx._memo:
                    assert [tuple(m) for m in lx._memo[text]] == [tuple(m) for m in lx._scan(text)], (name, text)
                assert counts[name] == len(lx._scan(text)), (name, text)
    assert made.phrases(texts[3]) == ["会议多", "会议多", "会议多", "文山会海", "文件多文件"]
