"""A copy report a checker's user trusts: direction only from evidence, self-copying, ratios
that leave headings, noise and stock text out, reworded copies recovered, side-by-side pages."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer import batch as batch_module
from training import spin as gen
from training.corpus import DATA_DIR
from analyzer.cli import main
from analyzer.copydetect import CopyDetector
from analyzer.fingerprint import split_spinning
from analyzer.html import aligned_rows
from analyzer.library import Library
from analyzer.provenance import docx_properties, read_sidecar, relate
from analyzer.resources import load_spinning

from .conftest import GOOD
from .test_copydetect import QUOTES, SPINNING, A, B, C, D

CORPUS = DATA_DIR / "corpus" / "written"


def material(doc_id: str) -> str:
    body = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
    return "\n".join(line.split("|", 3)[3] for line in body.splitlines() if line.strip())


NOISE_TOP = ["首页 > 范文大全 > 对照检查材料", "发布时间：2014-03-02 来源：某某范文网 阅读：1234次",
             "【字体：大 中 小】【打印】【关闭】", "扫一扫 分享到朋友圈"]
NOISE_END = ["分享到：微信 微博 QQ空间", "上一篇：党员个人对照检查材料范文", "下一篇：群众路线心得体会",
             "相关阅读", "版权所有 © 2014 某某范文网 京ICP备12345678号", "返回顶部"]


def roles_of(analyzer, text: str) -> list[tuple[int, int, str]]:
    """(start, end, role) of the paragraphs as the pipeline finds them; lines of web noise
    (the shapes helper's ``noise`` role) are marked noise here."""
    report = analyzer.analyze(text, name="page.txt")
    noise = set(NOISE_TOP + NOISE_END)
    return [(p.start, p.end, "noise" if p.text in noise else p.role) for p in report.paragraphs]


def test_identical_noisy_pages_score_near_one(analyzer):
    page = "\n".join(NOISE_TOP + GOOD.strip().split("\n") + NOISE_END)
    detector = CopyDetector.default()
    detector.add_peer("page-a.html", page)
    roles = roles_of(analyzer, page)
    result = detector.check("page-b.html", page, roles=roles)
    assert result["ratio"] >= 0.95 and result["total_ratio"] >= result["ratio"]
    headings = sum(e - s for s, e, r in roles if r in ("heading", "noise"))
    assert result["chars"] <= len(page.replace("\n", "")) - headings + 1  # headings and noise not counted
    assert set(result["sections"]) == {"problem", "cause", "measure"}
    assert all(v["ratio"] >= 0.9 for v in result["sections"].values())
    assert detector.check("page-b.html", page)["ratio"] >= 0.95  # without roles too


def test_stock_headings_and_closings_are_not_copying(analyzer):
    """Two independent materials with the same standard headings and closing share nothing."""
    heads = ["一、存在的问题", "二、产生问题的原因", "三、整改措施", "恳请同志们批评指正。"]
    a = "\n".join([A.split("\n")[0], heads[0], *A.split("\n")[1:4], heads[1], A.split("\n")[4], heads[2],
                   A.split("\n")[5], heads[3]])
    b = "\n".join([C.split("\n")[0], heads[0], *C.split("\n")[1:4], heads[1], C.split("\n")[3], heads[2],
                   C.split("\n")[4], heads[3]])
    detector = CopyDetector(SPINNING, QUOTES)
    detector.add_peer("b.txt", b)
    assert detector.check("a.txt", a, roles=roles_of(analyzer, a))["ratio"] < 0.05
    assert detector.check("a.txt", a)["ratio"] < 0.05


@pytest.fixture(scope="module")
def halves():
    return split_spinning(load_spinning())


@pytest.mark.parametrize("variant", ["reword", "heavy-spin"])
def test_reworded_and_heavily_spun_copies_within_a_tenth(halves, variant):
    """Spun with the half of the table the detector never sees."""
    detector_half, held_apart = halves
    errors = []
    for n, doc_id in enumerate(("a001", "b001", "c001", "d001")):
        src = gen.source(doc_id, material(doc_id))
        v = gen.reword(src, n, 0.3, held_apart) if variant == "reword" else gen.spin(src, 0.9, n, held_apart)
        detector = CopyDetector(detector_half, QUOTES)
        detector.add_peer(doc_id, material(doc_id))
        result = detector.check("copy.txt", v.text)
        truth = 1 - result["quoted_ratio"]  # every character is taken; quotations are not copying
        errors.append(abs(result["ratio"] - truth))
    assert max(errors) <= 0.1, errors


def test_spinning_split_is_deterministic_and_disjoint(halves):
    detector_half, held_apart = halves
    assert not set(detector_half) & set(held_apart)
    assert len(detector_half) + len(held_apart) == len(load_spinning())
    assert min(len(detector_half), len(held_apart)) > 0.4 * len(load_spinning())
    assert split_spinning(load_spinning()) == (detector_half, held_apart)


def test_a_lone_similar_sentence_is_not_copying():
    """Materials on the same theme share sentence shapes; without an exact seed nothing grows."""
    detector = CopyDetector(SPINNING, QUOTES)
    for name, text in (("B.txt", B), ("C.txt", C)):
        detector.add_peer(name, text)
    assert detector.check("D.txt", D)["ratio"] < 0.1


def test_relation_needs_evidence():
    assert relate({}, {}, "batch")["relation"] == "shared"
    assert relate({}, {}, "batch")["likely_source"] is None
    assert relate({}, {}, "library")["relation"] == "copied_from"
    assert relate({"author": "张三"}, {"author": "张 三", "year": 2013}, "library")["relation"] == "self_copy"
    assert relate({"author": "张三"}, {"author": "李四"}, "library")["relation"] == "copied_from"
    # a reference the document predates copied the document, not the other way round
    older = relate({"date": "2012-05-01"}, {"year": 2014}, "library")
    assert older["relation"] == "shared" and older["likely_source"] == "document"
    assert relate({"date": "2014-03"}, {"date": "2014-03-20"}, "batch")["likely_source"] is None  # same month
    # an insertion time only says the reference existed by then, never that an old document is older
    recent = {"added": "2026-12-05T10:00:00+00:00"}
    assert relate({"date": "2014-03-01"}, recent, "library")["relation"] == "copied_from"
    later = relate({"date": "2027-01-02"}, recent, "library")
    assert later["relation"] == "copied_from" and any("入库更早" in r for r in later["reasons"])
    # the default author of a tool is no evidence of the same author
    assert relate({"author": "Administrator"}, {"author": "Administrator"}, "library")["relation"] == "copied_from"


def test_docx_core_properties_give_author_and_date(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(A)
    document.core_properties.author = "王五"
    document.core_properties.created = __import__("datetime").datetime(2013, 12, 23, 9, 0)
    path = tmp_path / "王五.docx"
    document.save(path)
    assert docx_properties(path) == {"author": "王五", "date": "2013-12-23"}
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert docx_properties(tmp_path / "fake.docx") == {}


def test_library_metadata_and_self_copy_through_check(tmp_path):
    lib_path = tmp_path / "refs.sqlite"
    old = tmp_path / "2013-张三.txt"
    old.write_text(A, encoding="utf-8")
    other = tmp_path / "范文.txt"
    other.write_text(C, encoding="utf-8")
    sidecar = tmp_path / "meta.csv"
    sidecar.write_text("name,author,unit,year\n范文.txt,李四,某局,2012\n", encoding="utf-8-sig")
    runner = CliRunner()
    assert runner.invoke(main, ["library", "add", str(old), "--library", str(lib_path), "--author", "张三",
                                "--unit", "县委办", "--year", "2013"]).exit_code == 0
    assert runner.invoke(main, ["library", "add", str(other), "--library", str(lib_path),
                                "--meta", str(sidecar)]).exit_code == 0
    with Library(lib_path) as lib:
        meta = {d["name"]: d for d in lib.list()}
    assert (meta["2013-张三.txt"]["author"], meta["2013-张三.txt"]["year"]) == ("张三", 2013)
    assert (meta["范文.txt"]["author"], meta["范文.txt"]["unit"]) == ("李四", "某局")

    new = tmp_path / "2014-张三.txt"  # this year's material reuses last year's and a template
    new.write_text("\n".join(A.split("\n")[:4] + C.split("\n")[1:3]), encoding="utf-8")
    (tmp_path / "own.csv").write_text("name,author\n2014-张三.txt,张三\n", encoding="utf-8")
    from analyzer.pipeline import Analyzer

    analyzer = Analyzer(library=lib_path)
    report = analyzer.analyze_path(new)
    relations = {s["source"]: s["relation"] for s in report.copy["sources"]}
    assert relations["范文.txt"] == "copied_from"
    assert relations["2013-张三.txt"] == "copied_from"  # the author of the checked file is unknown
    from analyzer.provenance import annotate

    annotate(report.copy, read_sidecar(tmp_path / "own.csv")["2014-张三.txt"],
             analyzer.copy_detector.library.metadata(relations))
    relations = {s["source"]: s["relation"] for s in report.copy["sources"]}
    assert relations == {"2013-张三.txt": "self_copy", "范文.txt": "copied_from"}


@pytest.fixture(scope="module")
def awkward_batch(tmp_path_factory):
    """Identical submissions, one name in two folders, a dated reworded copy, a self-copy."""
    root = tmp_path_factory.mktemp("awkward")
    docs = root / "docs"
    for sub in ("x", "y"):
        (docs / sub).mkdir(parents=True)
    a, b, c, d = (material(i) for i in ("a001", "b001", "c001", "d001"))
    (docs / "dup-1.txt").write_text(a, encoding="utf-8")
    (docs / "dup-2.txt").write_text(a, encoding="utf-8")
    (docs / "x" / "材料.txt").write_text(b, encoding="utf-8")
    (docs / "y" / "材料.txt").write_text("\n".join(b.split("\n")[:8] + d.split("\n")[8:]), encoding="utf-8")
    (docs / "original.txt").write_text(c, encoding="utf-8")
    reworded = gen.reword(gen.source("original.txt", c), 5, 0.3).text
    (docs / "reworded.txt").write_text(reworded, encoding="utf-8")
    (docs / "self.txt").write_text(material("a002"), encoding="utf-8")
    meta = root / "meta.csv"
    with open(meta, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([["name", "author", "date"], ["original.txt", "", "2014-01-05"],
                                  ["reworded.txt", "", "2014-02-10"], ["self.txt", "赵六", ""]])
    library = root / "refs.sqlite"
    with Library(library) as lib:
        lib.add("赵六-2013.txt", material("a002"), {"author": "赵六", "year": 2013})
    out = root / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch_module, "settings_digest", lambda rubric, kind=None: f"test:{rubric}")
        result = CliRunner().invoke(main, ["batch", str(docs), "--out", str(out), "--library", str(library),
                                           "--jobs", "1", "--meta", str(meta)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"out": out, "docs": docs, "lines": {Path(d["file"]).relative_to(docs).as_posix(): d for d in lines}}


def sources(line: dict) -> dict[str, dict]:
    return {s["source"]: s for s in line["copy"]["sources"]}


def test_identical_submissions_are_each_others_shared_text(awkward_batch):
    lines = awkward_batch["lines"]
    for me, twin in (("dup-1.txt", "dup-2.txt"), ("dup-2.txt", "dup-1.txt")):
        s = sources(lines[me])[twin]
        assert s["ratio"] >= 0.95 and s["relation"] == "shared" and s["likely_source"] is None
        assert lines[me]["copy"]["ratio"] >= 0.95


def test_same_name_in_two_folders_both_checked(awkward_batch):
    lines, docs = awkward_batch["lines"], awkward_batch["docs"]
    x, y = lines["x/材料.txt"], lines["y/材料.txt"]
    assert str(docs / "y" / "材料.txt") in sources(x) and str(docs / "x" / "材料.txt") in sources(y)
    assert x["copy"]["ratio"] > 0.3 and y["copy"]["ratio"] > 0.3


def test_direction_only_with_a_date_or_the_library(awkward_batch):
    lines = awkward_batch["lines"]
    original, reworded = sources(lines["original.txt"])["reworded.txt"], sources(lines["reworded.txt"])["original.txt"]
    assert original["relation"] == reworded["relation"] == "shared"
    assert reworded["likely_source"] == "source" and original["likely_source"] == "document"
    assert lines["reworded.txt"]["copy"]["ratio"] >= 0.9
    assert reworded["source_ratio"] >= 0.85  # the shared share of the other one, too
    assert sources(lines["self.txt"])["赵六-2013.txt"]["relation"] == "self_copy"
    with open(awkward_batch["out"] / "results.csv", encoding="utf-8-sig") as fh:
        rows = {r["文件 name"]: r for r in csv.DictReader(fh)}
    assert "雷同≥20% shared" in rows["dup-1.txt"]["提示 flags"]
    assert "抄袭" not in rows["original.txt"]["提示 flags"]  # the original is never said to copy its copier
    assert "可能抄自 likely copied from original.txt" in rows["reworded.txt"]["提示 flags"]
    assert rows["reworded.txt"]["可能来源 likely_source"] == "original.txt"
    assert "照搬往年材料 self-copy of 赵六-2013.txt" in rows["self.txt"]["提示 flags"]


def test_report_page_colours_sources_and_links_side_by_side(awkward_batch):
    reports = awkward_batch["out"] / "reports"
    page = (reports / "reworded.txt.html").read_text(encoding="utf-8")
    assert 'class="copy s0"' in page and '<sup class="src">[1 original.txt]</sup>' in page  # visible in print
    assert "原文对照" in page and "单篇最大复制比" in page and "问题部分 problems" in page
    pair = reports / "reworded.txt~对照1.html"
    text = pair.read_text(encoding="utf-8")
    assert "reworded.txt</b> ⇄ <b>original.txt" in text and "来源在先" in text
    pairs = {p.name for p in reports.iterdir() if "~对照" in p.name}
    assert "原文对照" in (reports / "dup-1.txt.html").read_text(encoding="utf-8")
    assert {"dup-1.txt~对照1.html", "dup-2.txt~对照1.html", "original.txt~对照1.html"} <= pairs
    assert all((reports / (p.split("~对照")[0] + ".html")).exists() for p in pairs)
    overview = (awkward_batch["out"] / "index.html").read_text(encoding="utf-8")
    assert overview.index('id="ranking"') < overview.index("<svg")  # ranking on the first page
    assert "@page{size:A4" in overview


def test_compare_json_and_html_give_the_same(tmp_path):
    a, b = tmp_path / "甲.txt", tmp_path / "乙.txt"
    a.write_text(C, encoding="utf-8")
    b.write_text(gen.reword(gen.source("甲.txt", C), 2, 0.3).text, encoding="utf-8")
    html = tmp_path / "pair.html"
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--json", "--html", str(html)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["relation"] == "shared" and d["likely_source"] is None
    assert d["a_in_b"]["ratio"] >= 0.85 and d["b_in_a"]["ratio"] >= 0.85
    (source,) = d["a_in_b"]["sources"]
    page = html.read_text(encoding="utf-8")
    rows = aligned_rows(source["fragments"], C)
    assert page.count("<tr><td class=\"num\">") == len(rows) >= 3  # aligned rows, neighbours merged
    assert sum(r["end"] - r["start"] for r in rows) >= 0.9 * len(C)
    assert "无法判断先后" in page
