"""The second reader's blind kind labels (data/kinds/agreement.csv) and ``training.kinds_agreement``."""
from __future__ import annotations

import json

import pytest

from training.kinds_agreement import AGREEMENT_PATH, agreement_report, kind_kappa, main, read_agreement
from training.realdocs import cohen_kappa
from training.kinds_corpus import KINDS_DIR, load_kinds_corpus

HEADER = "id,first_kind,second_kind,confidence,adjudicated,note\n"


def test_kappa_is_one_for_identical_labels_and_chance_corrected_otherwise():
    labels = ["personal", "collective", "opinions", "rectification", "other", "other"]
    assert cohen_kappa(labels, list(labels)) == 1.0
    assert cohen_kappa(["other"] * 4, ["other"] * 4) is None  # chance agreement is total
    # observed 3/4, chance (2·1 + 2·3)/16 = 1/2 → (0.75 − 0.5)/(1 − 0.5)
    first = ["opinions", "opinions", "rectification", "rectification"]
    second = ["opinions", "rectification", "rectification", "rectification"]
    assert cohen_kappa(first, second) == pytest.approx(0.5)
    assert kind_kappa(first, second, "opinions") == pytest.approx(0.5)
    # readers who never agree beyond chance
    assert cohen_kappa(["other", "personal"], ["personal", "other"]) == pytest.approx(-1.0)


def test_a_disagreement_needs_a_note_and_known_kinds(tmp_path):
    path = tmp_path / "agreement.csv"
    path.write_text(HEADER + "op01,opinions,rectification,borderline,rectification,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a note"):
        read_agreement(path)
    path.write_text(HEADER + "op01,opinions,minutes,sure,opinions,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown second_kind"):
        read_agreement(path)


def test_a_correction_not_applied_to_the_corpus_is_reported(tmp_path):
    path = tmp_path / "agreement.csv"
    path.write_text(HEADER + "op01,opinions,rectification,borderline,rectification,回应了每条意见\n"
                    "cr01,criticism,criticism,sure,criticism,\n", encoding="utf-8")
    report = agreement_report(read_agreement(path), {"op01": "opinions", "cr01": "criticism"})
    assert report["corrected"] == ["op01"] and report["not_applied"] == ["op01"]
    assert report["confusion"]["opinions"]["rectification"] == 1


def test_the_committed_sample_prints_its_figures_and_every_correction_is_in_the_corpus(capsys):
    rows = read_agreement(AGREEMENT_PATH)
    assert len(rows) == 200
    assert main([]) == 0
    printed = json.loads(capsys.readouterr().out)
    corpus = {d.id: d for d in load_kinds_corpus()}
    assert printed == agreement_report(rows, {i: d.kind for i, d in corpus.items()})
    assert printed["not_applied"] == []
    first = [r["first_kind"] for r in rows]
    second = [r["second_kind"] for r in rows]
    assert printed["kappa"] == round(cohen_kappa(first, second), 4)
    assert printed["agree"] == sum(a == b for a, b in zip(first, second))
    # a corrected document sits in its adjudicated kind's folder with that kind in its header
    for doc_id in printed["corrected"]:
        kind = corpus[doc_id].kind
        text = (KINDS_DIR / kind / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert f"\nkind: {kind}\n" in text


def test_an_opinions_list_answered_item_by_item_is_labelled_rectification():
    corpus = {d.id: d for d in load_kinds_corpus()}
    answered = [d for d in corpus.values() if "整改回应" in d.text[:40]]
    assert {d.id for d in answered} >= {"op70", "op89"}
    assert all(d.kind == "rectification" for d in answered)
