"""Reasons that hold, at scale: the checker finds contradictions it is shown, and finds none in
jingzi's reports on a sample of the corpus in every shape reviewers receive."""
from __future__ import annotations

import copy

import pytest

from training.corpus import load_corpus
from training.reasons_check import SHAPES, problems, run

from .conftest import GOOD, WEAK, WORK_SUMMARY
from .test_denials import THREE_STYLES
from .test_work_for_style import WORK_HEAVY


@pytest.fixture(scope="module")
def good(analyzer):
    return analyzer.analyze(GOOD).to_dict()


def test_a_good_report_has_no_problems_and_every_deduction_quotes_its_paragraphs(good):
    assert problems(good) == []
    d = good["depth"]
    assert d["score"] < 100 and d["deductions"]
    for x in d["deductions"]:
        texts = [good["paragraphs"][i]["text"] for i in x["paragraphs"]]
        assert x["paragraphs"] and x["phrases"]
        assert all(any(p.rstrip("…") in t for t in texts) for p in x["phrases"]), x


def test_the_checker_finds_each_kind_of_contradiction(good):
    bad = copy.deepcopy(good)
    bad["depth"]["notes"].insert(0, "未查摆：形式主义方面没有查摆出任何问题")  # formalism is covered
    assert "note_vs_coverage:未查摆:形式主义" in problems(bad)

    bad = copy.deepcopy(good)
    for c in bad["coverage"].values():
        c["covered"] = False
    assert "concrete_praise_without_covered_category" in problems(bad)

    bad = copy.deepcopy(good)
    first = bad["depth"]["deductions"][0]
    bad["paragraphs"][first["paragraphs"][0]]["role"] = "noise"
    assert f"deduction_quotes_noise:{first['signal']}" in problems(bad)
    first["phrases"] = ["这句话不在材料里"]
    assert f"deduction_phrase_not_in_its_paragraphs:{first['signal']}" in problems(bad)
    first["paragraphs"], first["phrases"] = [], []
    assert f"deduction_without_evidence:{first['signal']}" in problems(bad)

    bad = copy.deepcopy(good)
    bad["depth"]["deductions"] = []
    assert "score_below_100_without_deductions" in problems(bad)

    bad = copy.deepcopy(good)
    formalism = bad["coverage"]["formalism"]
    for s in formalism["sentences"]:
        bad["paragraphs"][s["paragraph"]]["role"] = "heading"
    assert "covered_without_behaviour:formalism" in problems(bad)

    bad = copy.deepcopy(good)
    bad["depth"]["kind"] = "collective"
    assert "depth_kind_vs_kind:collective/personal" in problems(bad)

    bad = copy.deepcopy(good)  # 问题不涉作风 on the last paragraph formalism cites (past the three it quotes)
    cited = bad["coverage"]["formalism"]["evidence"][-1]
    bad["depth"]["deductions"].append({"signal": "styleless_share", "criterion": "accurate", "points": 0.0,
                                       "reason": "问题不涉作风 / problems about no style：1 个问题段落",
                                       "paragraphs": [cited], "phrases": []})
    assert f"styleless_problem_is_style_evidence:{cited}" in problems(bad)


@pytest.mark.parametrize("text", [GOOD, WEAK, WORK_SUMMARY, WORK_HEAVY, THREE_STYLES.format(denial=""),
                                  THREE_STYLES.format(denial="4.奢靡之风方面。这方面我一向注意。")])
def test_hand_written_materials_have_reasons_that_hold(analyzer, text):
    for shaped in (text, text.replace("\n", "")):  # as written and pasted as one run-on line
        assert problems(analyzer.analyze(shaped).to_dict()) == []


def test_corpus_sample_in_every_shape_has_reasons_that_hold(analyzer):
    docs = load_corpus()
    sample = [d for d in docs if d.path.parent.name == "written"][::10]  # 20 materials, every slice
    result = run(sample, SHAPES, pages=False, samples=True, analyzer=analyzer)
    assert result["checked"] == {**{s: 20 for s in SHAPES}, "sample": 6}
    assert result["problems"] == {}
    assert result["unattributed_share_of_missing_points"] < 0.1
