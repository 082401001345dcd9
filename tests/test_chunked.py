"""Documents analysed a chunk at a time (``Analyzer.documents``/``analyze_many``: every stage over
the chunk, one featurisation and one product per model) get the same reports as one by one."""
from __future__ import annotations

import gc
import json

import pytest

from analyzer import pipeline
from analyzer.ingest import from_text
from analyzer.pipeline import Analyzer
from analyzer.report import Report
from analyzer.resources import lexicon

from .conftest import GOOD, WEAK, WORK_SUMMARY
from .test_criticism import PER_MEMBER
from .test_rectification import PROSE

OPINIONS = ["会议太多，以会议落实会议", "公务接待超标准"]
OTHER = """关于做好2024年防汛工作的通知
各乡镇、各有关单位：
为切实做好今年防汛工作，确保人民群众生命财产安全，现就有关事项通知如下。
一、提高思想认识。各单位要充分认识防汛工作的重要性。
二、加强值班值守。汛期实行24小时值班制度。
"""
NOISE_ONLY = "首页 > 学习园地 > 正文\n上一篇：关于做好防汛工作的通知\n责任编辑：王某"
DENIAL = """XX乡党委书记个人对照检查材料
一、存在的问题
（一）形式主义方面。在这方面没有发现明显问题。
（二）官僚主义方面。有时听汇报多，下基层少，去年只到联系村去了3次。
（三）享乐主义方面。本人严格遵守八项规定，不存在问题。
二、整改措施
下一步，我将每月至少下基层4天，2024年6月底前走遍所有行政村。
"""
# materials, a work report, a criticism list, a rectification plan, a notice, noise only, a run-on paste
TEXTS = [GOOD, PER_MEMBER, WEAK, NOISE_ONLY, PROSE, DENIAL, OTHER, WORK_SUMMARY,
         "".join(GOOD.split("\n")), GOOD.replace("会议", "会")]


def as_json(report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)


def sources():
    return [from_text(text, f"d{k}.txt") for k, text in enumerate(TEXTS)]


@pytest.mark.parametrize("chunk", [3, 32])
def test_chunks_give_the_reports_of_one_by_one(analyzer, monkeypatch, chunk):
    monkeypatch.setattr(pipeline, "CHUNK", chunk)  # 3: several chunks and a short last one
    one_by_one = [as_json(analyzer.analyze_source(s)) for s in sources()]
    sizes, real = [], Analyzer.analyse_chunk

    def recorded(self, sources, *args, **kwargs):
        sizes.append(len(sources))
        return real(self, sources, *args, **kwargs)

    monkeypatch.setattr(Analyzer, "analyse_chunk", recorded)
    chunked = [as_json(r) for r in analyzer.analyze_many(sources())]
    assert chunked == one_by_one
    assert sizes == ([3, 3, 3, 1] if chunk == 3 else [10])  # analysed as chunks: none fell back to one by one
    assert '"id": "criticism"' in chunked[1] and '"only_noise"' in chunked[3] and '"not_a_material"' in chunked[6]


def test_a_forced_kind_and_opinions_in_chunks(monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK", 4)
    forced = Analyzer(kind="personal")
    asked = [OPINIONS if k % 2 else None for k in range(len(TEXTS))]
    one_by_one = [as_json(forced.analyze_source(s, opinions=o)) for s, o in zip(sources(), asked)]
    chunked = [as_json(Report.of(d, forced.rubric.id)) for d in forced.documents(sources(), asked)]
    assert chunked == one_by_one
    assert '"opinions"' in chunked[1] and '"opinions"' not in chunked[0]


def judgement_fails_on(monkeypatch, name: str, message: str) -> None:
    """Make a stage that runs document by document over a chunk (the kind judgement) raise
    ``ValueError(message)`` on the document called ``name``."""
    real = pipeline.KindJudgement.run

    def failing(self, doc):
        if doc.name == name:
            raise ValueError(message)
        real(self, doc)

    monkeypatch.setattr(pipeline.KindJudgement, "run", failing)


def test_a_failing_document_keeps_the_ones_before_it(analyzer, monkeypatch):
    """A stage that fails on one document of a chunk: the chunk is analysed again one by one, the
    documents before the failing one come out as one by one, and its own error is raised."""
    judgement_fails_on(monkeypatch, "d5.txt", "judgement failed on d5")
    expected = [as_json(analyzer.analyze_source(s)) for s in sources()[:5]]
    got = []
    with pytest.raises(ValueError, match="d5"):
        for report in analyzer.analyze_many(sources()):
            got.append(as_json(report))
    assert got == expected


def test_collection_is_paused_inside_a_chunk_and_restored_after(analyzer, monkeypatch):
    """The stages run with automatic garbage collection off; it is on again after the chunk, also
    after a failing one, and stays off after it where it was off before. The lexicons' remembered
    matches are let go first (collection would walk them all)."""
    seen, real = [], pipeline.Kind.run_many

    def recorded(self, docs):
        seen.append(gc.isenabled())
        real(self, docs)

    monkeypatch.setattr(pipeline.Kind, "run_many", recorded)
    assert gc.isenabled()
    analyzer.analyse_chunk(sources()[:2], [None, None])
    assert seen == [False] and gc.isenabled()
    assert not lexicon("self_critical", "phrases")._memo  # read by every stage, remembered by none after
    judgement_fails_on(monkeypatch, "d0.txt", "judgement failed on d0")
    with pytest.raises(ValueError, match="d0"):
        analyzer.analyse_chunk(sources()[:1], [None])
    assert gc.isenabled()
    gc.disable()
    try:
        analyzer.analyse_chunk(sources()[1:2], [None])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_batch_task_of_several_files_gives_each_its_own_result(analyzer, tmp_path, monkeypatch):
    """``batch`` analyses a chunk of files per task: the reports it caches are those of one by one,
    an unreadable file gets its own error, and a file whose analysis fails gets ``analysis_failed``
    while the others of its chunk are still analysed."""
    import copy

    from analyzer import batch

    names = ["good.txt", "broken.txt", "denial.txt", "bad.txt", "weak.txt"]
    texts = {"good.txt": GOOD, "denial.txt": DENIAL, "bad.txt": WEAK, "weak.txt": WEAK.replace("会议", "会")}
    for name in names:
        path = tmp_path / name
        path.write_text(texts[name], encoding="utf-8") if name in texts else path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    worker = copy.copy(analyzer)
    worker.copy_detector = None  # as batch's workers: copying is checked in pass 3
    monkeypatch.setitem(batch._worker, "analyzer", worker)
    judgement_fails_on(monkeypatch, "bad.txt", "judgement failed")
    cache = tmp_path / "cache"
    results = batch._analyse_many([(str(tmp_path / n), n, str(cache), None) for n in names])
    assert [error and error["code"] for _, error in results] == [None, "binary", None, "analysis_failed", None]
    for name in ("good.txt", "denial.txt", "weak.txt"):
        assert batch.Cache(cache).get("analysis", name) == worker.analyze_path(tmp_path / name).to_dict()


def test_check_of_several_files_gives_the_one_by_one_reports(analyzer, tmp_path, monkeypatch):
    """``check`` (and the workbench) sends its worker a chunk of files per task: each report is the
    one ``analyze_path`` gives, an unreadable file's its own error."""
    from analyzer import workers

    tasks, real = [], workers.WorkerPool.map

    def recorded(self, fn, calls, failed):
        calls = list(calls)
        tasks.extend((fn.__name__, len(args[0]) if fn.__name__ == "_check_paths" else 1) for args in calls)
        return real(self, fn, calls, failed)

    monkeypatch.setattr(workers.WorkerPool, "map", recorded)

    paths = []
    for k, text in enumerate([GOOD, PER_MEMBER, None, DENIAL]):
        path = tmp_path / f"{k}.txt"
        path.write_text(text, encoding="utf-8") if text else path.write_bytes(b"PK\x03\x04" + bytes(range(256)))
        paths.append(str(path))
    with workers.analysis_pool(analyzer=analyzer) as pool:
        found = list(workers.analyse_paths(pool, paths, {paths[0]: OPINIONS}))
    assert found == [analyzer.analyze_path(paths[0], OPINIONS).to_dict()] + \
        [analyzer.analyze_path(p).to_dict() for p in paths[1:]]
    assert found[2]["error"]["code"] == "binary" and "opinions" in found[0]
    assert tasks == [("_check_paths", 4)]  # one task for the four files
