"""A lexicon's expression is read only from the alternatives whose required literals stand in
the text; its matches must be exactly those of the whole alternation."""
import random

from analyzer.resources import Lexicon, _required, lexicon

SENTENCES = [
    "2023年5月，我在县委常委会上作了检讨，去年只下乡3次，走访张家村。",
    "今年上半年参加推进会2次，第三季度调研了某企业，人均接待费超标15%。",
    "国庆期间组织《党章》学习3天，“清风行动”专项检查发现问题12个。",
    "我对基层情况了解不深，很少深入群众，开会多、发文多。",
    "",
]


def test_required_literals_of_alternatives():
    assert _required(r"[\u4e00-\u9fa5]{2,12}(?:座谈会|现场会)上") == {"座谈会", "现场会"}
    assert _required(r"\d+\s*人次") == {"人次"}
    assert _required(r"(?:ab)?c") == {"c"}
    assert _required(r"\d+(?:\.\d+)?") is None  # nothing literal stands in every match


def test_matches_equal_the_whole_alternation_on_mixed_text():
    """Sentences of instances, gapped phrases and regexes, shuffled into run-on pastes."""
    lexicons = [lexicon("instances", "markers", "regex"), lexicon("measures", None, "deadline"),
                lexicon("summary_cues", "achievement", "statistics"),
                Lexicon("gapped", ["开会…多", "会…多", "深入…群众", "下乡…次"], [r"\d+次", r"[两三四]次"])]
    rng = random.Random(7)
    texts = SENTENCES + ["".join(rng.sample(SENTENCES, 3)) for _ in range(40)]
    for lx in lexicons:
        for text in texts:
            whole = [(m.start(), m.end(), m.group(0)) for m in lx.pattern.finditer(text)]
            assert [(m.start(), m.end(), m.group(0)) for m in lx._expression_matches(text)] == whole


def test_a_text_without_required_literals_reads_no_alternative():
    lx = Lexicon("gapped", ["开会…多"], [r"\d+人次"])
    assert lx._viable.alternatives("今年开会很多") == (0,)
    assert lx._viable.alternatives("走访群众") == ()
    assert lx.phrases("今年开会很多，接待30人次") == ["开会很多", "30人次"]
