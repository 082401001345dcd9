"""One Document through the stages: frozen typed results, the report built from them, stages
left out by name, and the thresholds the criticism model and the opinion matcher choose in fit."""
from __future__ import annotations

import dataclasses
import json

import pytest

from analyzer.criticism import LABELS, CriticismModel
from analyzer.document import (CopyResult, CoverageResult, DepthResult, KindResult, OpinionsResult,
                               SummaryResult)
from analyzer.ingest import from_text
from analyzer.opinions import GRID, OpinionMatcher, agreement
from analyzer.report import Report
from training.corpus import DATA_DIR

from .conftest import GOOD

OPINIONS = ["会议太多，以会议落实会议", "公务接待超标准", "上班时间玩手机"]
# a web page around the material: its noise lines are no content paragraph, so the stages'
# paragraph indices differ from the report's
PAGE = "首页 > 学习园地 > 正文\n" + GOOD + "\n上一篇：关于做好防汛工作的通知\n责任编辑：王某"


@pytest.fixture(scope="module")
def doc(analyzer):
    return analyzer.document(from_text(PAGE, "page.txt"), opinions=OPINIONS)


def test_every_stage_writes_a_frozen_typed_result(doc):
    expected = {"kind": KindResult, "copy": CopyResult, "coverage": CoverageResult, "summary": SummaryResult,
                "depth": DepthResult, "opinions": OpinionsResult}
    for field, cls in expected.items():
        result = getattr(doc, field)
        assert isinstance(result, cls), field
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(result, next(iter(dataclasses.asdict(result))), None)
    assert doc.kind.id == "personal" and doc.criticism is None and doc.rectification is None


def test_report_indices_are_the_report_paragraphs_not_the_content_ones(doc, analyzer):
    assert doc.content[0] > 0                               # the page head is noise
    report = Report.of(doc, analyzer.rubric.id).to_dict()
    assert report["depth"] == doc.depth.to_json(doc.at)
    paragraphs = report["paragraphs"]
    for k in doc.depth.details["deep"]["evidence"]:         # 理想信念 / 宗旨意识 cause paragraphs
        assert paragraphs[doc.at(k)]["text"] == doc.texts[k]
        assert paragraphs[doc.at(k)]["role"] == "cause"
    answered = report["opinions"]["items"][0]
    assert answered["status"] == "answered"
    assert all("会" in paragraphs[i]["text"] for i in answered["paragraphs"])
    assert json.dumps(report, ensure_ascii=False)        # plain JSON: no dataclass leaks into the report


def test_skipped_stage_leaves_its_result_out_and_needs_no_model(doc):
    from analyzer import Analyzer

    fresh = Analyzer(kind="personal")
    skipped = fresh.document(from_text(PAGE, "page.txt"), skip={"depth"})
    assert skipped.depth is None and fresh._depth_model is None   # never loaded
    assert skipped.coverage.entries == doc.coverage.entries
    assert "depth" not in Report.of(skipped, fresh.rubric.id).to_dict()


def _criticism_items(split: str, n: int) -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for line in (DATA_DIR / "criticism" / "documents.jsonl").read_text("utf-8").splitlines()]
    items = [it for d in rows if d["split"] == split for it in d["items"]][:n]
    return [it["text"] for it in items], [it["label"] for it in items]


def test_criticism_model_chooses_C_on_dev_inside_fit():
    from sklearn.metrics import f1_score

    train, dev = _criticism_items("train", 120), _criticism_items("dev", 60)
    chosen = CriticismModel(Cs=(0.01, 4.0)).fit(*train, dev=dev)
    scores = {}
    for C in (0.01, 4.0):
        alone = CriticismModel(C=C).fit(*train)
        assert alone.C_ == C and alone.dev_macro_f1_ is None          # no dev: C as given
        scores[C] = f1_score(dev[1], alone.predict(dev[0]), labels=list(LABELS), average="macro", zero_division=0)
    assert chosen.C_ in scores and scores[chosen.C_] >= max(scores.values()) - 1e-3  # per-label rounding
    assert chosen.dev_macro_f1_ == pytest.approx(scores[chosen.C_], abs=1e-3)


def test_opinion_matcher_fit_is_never_worse_on_its_dev_cases_than_the_default(doc, analyzer):
    cases = [(["办事拖拉、效率不高", "开会太多，以会议落实会议", "公车私用，周末开公家的车"],
              doc.texts, doc.roles, ["ignored", "answered", "generic"]),
             (OPINIONS, doc.texts, doc.roles, ["answered", "answered", "ignored"])]
    default = OpinionMatcher(analyzer.matcher)

    def score(m):
        pred = [m.decide(*_entry(m, o, p, r, k))[0] for o, p, r, _ in cases for k in range(len(o))]
        return agreement([g for *_, gold in cases for g in gold], pred)
    fitted = OpinionMatcher(analyzer.matcher).fit(cases)
    assert fitted.dev_score_ == score(fitted) >= score(default)
    assert all(fitted.thresholds()[name] in values for name, values in GRID.items())
    assert fitted.generic < fitted.answer
    assert OpinionMatcher(analyzer.matcher, fitted.thresholds()).thresholds() == fitted.thresholds()


def _entry(matcher, opinions, paragraphs, roles, k):
    sentences, table = matcher.candidates(opinions, paragraphs, roles)
    return sentences, table[k]


def test_copy_counts_a_run_on_paste_as_the_same_material_with_its_lines(analyzer):
    """The copy stage gives every paragraph its own role, also the pieces of a split line: a
    run-on paste whose first piece is its title is not left out of every ratio as a heading."""
    lines = analyzer.document(from_text(GOOD, "lines.txt"))
    runon = analyzer.document(from_text(GOOD.replace("\n", ""), "runon.txt"))
    assert len(runon.source.paragraphs) == 1 and len(runon.pieces) > 20 and runon.roles[0] == "heading"
    assert runon.copy.chars == lines.copy.chars > 500
    assert runon.copy.quoted_chars == lines.copy.quoted_chars
    assert set(runon.copy.sections) == set(lines.copy.sections) == {"problem", "cause", "measure"}


def test_analyzer_keeps_what_it_loaded_out_of_garbage_collections(analyzer):
    """The models and dictionaries an Analyzer loads live as long as the process: once built,
    they are frozen out of the collector's generations (a full collection would walk them all),
    and analysing still frees every document's objects by reference counting."""
    import gc

    assert gc.get_freeze_count() > 100_000  # spaCy's vocabulary, jieba's dictionary, the models
    before = len(gc.get_objects())
    for _ in range(3):
        analyzer.analyze("我在理论学习上不够深入，满足于读原文、记笔记，调研时走马观花。")
    assert len(gc.get_objects()) < before + 5_000


def test_lexicons_remember_only_the_document_at_hand(analyzer, monkeypatch):
    """The lexicons' memo is shared by the stages of one document (one chunk) and let go at its end: a
    batch keeps no earlier document's texts, so its memory stays flat in the number of documents, and
    the collector, which resumes after the chunk, has no remembered matches to walk."""
    from analyzer import pipeline
    from analyzer.resources import _LEXICONS

    seen, real = [], pipeline.Depth.run_many

    def remembered_by_depth(self, docs):  # a late stage: what the stages before it remembered
        seen.append([t for lx in list(_LEXICONS) for t in lx._memo])
        real(self, docs)

    monkeypatch.setattr(pipeline.Depth, "run_many", remembered_by_depth)
    first = "一、存在的问题\n我在理论学习上不够深入，满足于读原文、记笔记。\n二、整改措施\n每月集中学习不少于1次。"
    second = "一、存在的问题\n我调研时走马观花，对基层反映的困难回应不及时。\n二、整改措施\n每季度蹲点调研一周。"
    analyzer.analyze(first)
    assert "我在理论学习上不够深入，满足于读原文、记笔记。" in seen[0]
    assert not any(lx._memo for lx in list(_LEXICONS))
    analyzer.analyze(second)
    assert seen[1] and not any("理论学习上不够深入" in t for t in seen[1])
    assert not any(lx._memo for lx in list(_LEXICONS))