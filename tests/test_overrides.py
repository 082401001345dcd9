"""Reviewers' overrides exported by the workbench become coverage training labels
(``python -m training --overrides FILE``): the records' schema, how labels change, and that the
corrected documents join the pooled training columns."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.feedback import override_records, overrides_jsonl
from training.train import coverage_columns
from training.overrides import labels, load, reviewed_documents

from .conftest import GOOD, WEAK


def decision(kind, target, value, paragraphs=(), at="2026-12-05T10:00:00+00:00", reviewer="审核员甲"):
    return {"kind": kind, "target": target, "value": value, "paragraphs": list(paragraphs), "reviewer": reviewer,
            "at": at, "comment": ""}


def test_overrides_become_labels(analyzer, tmp_path):
    weak = analyzer.analyze(WEAK, name="王五.txt").to_dict()
    good = analyzer.analyze(GOOD, name="张三.txt").to_dict()
    formalism = [p["index"] for p in good["paragraphs"] if "formalism" in p["styles"]]
    assert formalism  # the model found 形式主义 in GOOD
    records = (override_records(weak, [decision("coverage", "extravagance", "covered", [5]),
                                       decision("verdict", "", "revise")], 1)
               + override_records(good, [decision("coverage", "formalism", "not_covered"),
                                         decision("coverage", "formalism", "covered", formalism[:1],
                                                  at="2026-12-05T11:00:00+00:00")], 1))
    assert [r["kind"] for r in records] == ["coverage", "coverage"]  # a verdict is not a label; one per target
    path = tmp_path / "overrides.jsonl"
    path.write_bytes(overrides_jsonl(records))
    docs = labels(load(path), "four-styles")
    texts, styles = docs[weak["sha256"]]
    assert "extravagance" in styles[5] and sum("extravagance" in s for s in styles) == 1
    assert texts[5].startswith("4.本人在奢靡之风方面")
    _, styles = docs[good["sha256"]]
    assert "formalism" in styles[formalism[0]]  # the later decision (covered) wins

    reviewed = reviewed_documents(path, "four-styles")
    assert sorted(len(r.texts) for r in reviewed) == sorted([len(weak["paragraphs"]), len(good["paragraphs"])])
    columns = coverage_columns([], reviewed)
    assert len({len(c) for c in columns}) == 1 and len(columns[0]) == sum(len(r.texts) for r in reviewed)
    assert sum("extravagance" in s for s in columns[4]) >= 1


def test_not_covered_takes_the_category_off_every_paragraph(analyzer, tmp_path):
    good = analyzer.analyze(GOOD, name="张三.txt").to_dict()
    path = tmp_path / "o.jsonl"
    path.write_bytes(overrides_jsonl(override_records(good, [decision("coverage", "hedonism", "not_covered")], 3)))
    (_, styles), = labels(load(path), "four-styles").values()
    assert not any("hedonism" in s for s in styles)
    assert any("formalism" in s for s in styles)  # other categories keep the model's labels
    assert labels(load(path), "another-rubric") == {}


def test_train_refuses_a_malformed_overrides_file(tmp_path, capsys):
    from training.__main__ import main as train_main

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"schema": "jingzi-override/1", "kind": "coverage"}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        train_main(["--overrides", str(bad)])
    assert exit_.value.code == 2 and "bad.jsonl:1" in capsys.readouterr().err


def test_serve_refuses_an_unknown_rubric():
    result = CliRunner().invoke(main, ["serve", "--rubric", "no-such-rubric"])
    assert result.exit_code == 2 and "no-such-rubric" in result.output
