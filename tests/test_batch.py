"""``jingzi batch``: the table matches single-document checks, pages carry the evidence,
bad files get a row, reruns come from the cache, and the worked notebook runs."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from click.testing import CliRunner

from analyzer import batch as batch_module
from analyzer.cli import main
from analyzer.html import report_page
from analyzer.library import Library
from training.corpus import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
CORPUS = DATA_DIR / "corpus" / "written"


def material(doc_id: str) -> list[str]:
    """The paragraphs of a corpus material: header and ``role|styles|summary|`` prefixes stripped."""
    body = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
    return [line.split("|", 3)[3] for line in body.splitlines() if line.strip()]


def spin(text: str) -> str:
    """What a 伪原创 tool does to a copied passage."""
    for a, b in (("服务", "效劳"), ("基础", "根底"), ("发展", "开展"), ("群众", "大众")):
        text = text.replace(a, b)
    return text


def fixed_settings(rubric: str, kind: str | None = None) -> str:
    """Cache settings that colleagues retraining models cannot change while the tests run."""
    return f"test:{rubric}"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A batch of real materials, a spun mosaic of two of them, one copying the library,
    a binary renamed .txt and an empty file; run once with a reference library."""
    root = tmp_path_factory.mktemp("batch")
    docs = root / "docs"
    docs.mkdir()
    for doc_id in ("a001", "b001", "d001", "a022"):
        (docs / f"{doc_id}.txt").write_text("\n".join(material(doc_id)) + "\n", encoding="utf-8")
    a, b = material("a001"), material("b001")
    (docs / "e-拼凑.txt").write_text("\n".join(b[:3] + [spin(p) for p in a[3:6]] + b[6:]) + "\n", encoding="utf-8")
    c, d = material("c001"), material("d001")
    tricky = "关于<script>alert('x')</script>与甲&乙的说明：本段测试转义。"  # &nbsp; would be cut as web noise
    (docs / "f-抄范文.txt").write_text("\n".join(d[:2] + [tricky] + c[2:9]) + "\n", encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 8)
    (docs / "empty.txt").write_bytes(b"")
    library = root / "refs.sqlite"
    with Library(library) as lib:
        lib.add("范文-c001.txt", "\n".join(c))
    out = root / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch_module, "settings_digest", fixed_settings)
        result = CliRunner().invoke(main, ["batch", str(docs), "--out", str(out), "--library", str(library),
                                           "--jobs", "2"])
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"root": root, "docs": docs, "out": out, "library": library, "result": result,
            "lines": {d["name"]: d for d in lines}, "order": [d["name"] for d in lines]}


def test_outputs_in_input_order_and_exit_1_on_a_bad_file(batch):
    out = batch["out"]
    assert batch["result"].exit_code == 1, batch["result"].output
    assert "失败 2" in batch["result"].output
    for name in ("results.jsonl", "results.csv", "results.xlsx", "index.html"):
        assert (out / name).stat().st_size > 0
    assert batch["order"] == sorted(p.name for p in batch["docs"].iterdir())
    pages = {p.name for p in (out / "reports").iterdir() if "~对照" not in p.name}  # not the side-by-side pages
    assert pages == {f"{n}.html" for n, d in batch["lines"].items() if "error" not in d}


def test_bad_files_get_a_row_with_their_error_code(batch):
    lines = batch["lines"]
    assert lines["broken.txt"]["error"]["code"] == "binary"
    assert lines["empty.txt"]["error"]["code"] == "empty"
    assert sum("error" not in d for d in lines.values()) == 6
    with open(batch["out"] / "results.csv", encoding="utf-8") as fh:
        assert fh.read(1) == "\ufeff"  # BOM: Excel opens it as UTF-8
        rows = {r["文件 name"]: r for r in csv.DictReader(fh)}
    assert rows["broken.txt"]["错误 error"].startswith("binary:")
    assert rows["empty.txt"]["错误 error"].startswith("empty:")
    assert rows["a001.txt"]["错误 error"] == ""


def test_rows_match_single_document_check(batch, analyzer):
    from openpyxl import load_workbook

    with open(batch["out"] / "results.csv", encoding="utf-8-sig") as fh:
        rows = {r["文件 name"]: r for r in csv.DictReader(fh)}
    sheet = load_workbook(batch["out"] / "results.xlsx").active
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    xlsx = {r[header.index("文件 name")]: dict(zip(header, r)) for r in cells}
    for name, line in batch["lines"].items():
        if "error" in line:
            continue
        single = json.loads(json.dumps(analyzer.analyze_path(batch["docs"] / name).to_dict(), ensure_ascii=False))
        assert single["copy"]["ratio"] == 0 and single["copy"]["sources"] == []  # nothing to compare with
        assert {k: v for k, v in line.items() if k != "copy"} == {k: v for k, v in single.items() if k != "copy"}
        for table in (rows[name], xlsx[name]):
            assert float(table["深度 depth"]) == single["depth"]["score"]
            assert int(table["字数 chars"]) == single["chars"]
            assert float(table["总结化 summary_like"]) == single["summary_like"]["ratio"]
            assert float(table["衡量尺子严 strict"]) == single["depth"]["criteria"]["strict"]
            for cid, c in single["coverage"].items():
                assert float(table[f"{c['label']} {cid}"]) == c["score"]
            assert float(table["复制比(去除引用和套话) copy"]) == line["copy"]["ratio"]
    ranks = sorted((int(r["排名 rank"]), float(r["深度 depth"])) for r in rows.values() if r["排名 rank"])
    assert [d for _, d in ranks] == sorted((d for _, d in ranks), reverse=True)


def test_documents_are_cross_checked_against_the_batch_and_the_library(batch):
    lines = batch["lines"]
    mosaic = {s["source"]: s["ratio"] for s in lines["e-拼凑.txt"]["copy"]["sources"]}
    assert mosaic["b001.txt"] > 0.4 and mosaic["a001.txt"] > 0.2  # spun copy still found
    assert lines["e-拼凑.txt"]["copy"]["ratio"] > 0.8
    library_copy = {s["source"]: s["ratio"] for s in lines["f-抄范文.txt"]["copy"]["sources"]}
    assert library_copy["范文-c001.txt"] > 0.5
    for name, line in lines.items():
        assert name not in {s["source"] for s in line.get("copy", {}).get("sources", [])}
    assert lines["d001.txt"]["copy"]["sources"] == [] or lines["d001.txt"]["copy"]["ratio"] < 0.2
    # the library pass saved every readable document prepared, for the cross-check to read back
    prepared = sqlite3.connect(batch["out"] / ".jingzi" / "batch-prepared.sqlite")
    assert prepared.execute("SELECT COUNT(*) FROM prepared").fetchone()[0] == 6
    prepared.close()


class Marks(HTMLParser):
    """Collects (tag, classes, title, text inside) of every element of a page."""

    def __init__(self):
        super().__init__()
        self.elements, self.stack, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(len(self.elements))
        self.elements.append({"tag": tag, "class": set((attrs.get("class") or "").split()),
                              "id": attrs.get("id"), "title": attrs.get("title", ""), "href": attrs.get("href"),
                              "text": ""})

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data):
        self.text.append(data)
        for i in self.stack:
            self.elements[i]["text"] += data

    def having(self, cls: str) -> list[dict]:
        return [el for el in self.elements if cls in el["class"]]


def parse(path: Path) -> Marks:
    parser = Marks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_report_pages_mark_roles_summary_passages_and_copies(batch):
    reports = batch["out"] / "reports"
    for name, line in batch["lines"].items():
        if "error" in line:
            continue
        page = parse(reports / f"{name}.html")
        assert len(page.having("para")) == len(line["paragraphs"])
        classes = {c for el in page.having("para") for c in el["class"]}
        assert {f"role-{p['role']}" for p in line["paragraphs"]} <= classes
        flagged = line["summary_like"]["paragraphs"]
        assert len(page.having("summary-like")) == len(flagged)
        if any(line["paragraphs"][i].get("evidence", {}).get("summary_cues") for i in flagged):
            assert [el for el in page.having("cue") if el["tag"] == "mark"]
        copied = [el for el in page.having("copy") if el["title"]]  # the legend has no title
        assert bool(copied) == any(s["fragments"] for s in line["copy"]["sources"])
        assert {"depth", "coverage", "summary", "copy", "text"} <= {el["id"] for el in page.elements}
    work_summary = batch["lines"]["a022.txt"]
    assert work_summary["summary_like"]["paragraphs"], "the work-report material has summary-like passages"
    mosaic = parse(reports / "e-拼凑.txt.html")
    titles = " ".join(el["title"] for el in mosaic.having("copy"))
    assert "a001.txt" in titles and "b001.txt" in titles
    sources = [el["href"] for el in mosaic.elements if el["tag"] == "a" and el["text"] == "a001.txt"]
    assert sources and (reports / unquote(sources[0])).exists()


def test_report_text_is_escaped(batch):
    raw = (batch["out"] / "reports" / "f-抄范文.txt.html").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in raw
    assert "甲&amp;乙" in raw


def test_absent_stage_is_not_rendered(analyzer):
    d = analyzer.analyze("\n".join(material("a001")), name="a.txt").to_dict()
    for key in ("depth", "copy"):
        d.pop(key, None)
    page = report_page(d)
    assert 'id="depth"' not in page and 'id="copy"' not in page and 'id="coverage"' in page


def test_copied_and_quoted_spans_are_marked_apart(analyzer):
    d = analyzer.analyze("\n".join(material("a001")), name="a.txt").to_dict()
    p = d["paragraphs"][3]
    d["copy"] = {"ratio": 0.05, "quoted_ratio": 0.01, "quotations": [{"start": p["start"], "end": p["start"] + 5}],
                 "sources": [{"source": "范文<1>.txt", "ratio": 0.05, "fragments": [
                     {"start": p["start"] + 3, "end": p["start"] + 40, "source_start": 7, "source_end": 44}]}]}
    page = Marks()
    page.feed(report_page(d, links={"范文<1>.txt": "x.html"}))
    copied = [el for el in page.having("copy") if el["title"]]
    assert "".join(el["text"] for el in copied) == p["text"][3:40]
    assert all("范文<1>.txt" in el["title"] and "7–44" in el["title"] for el in copied)
    assert "".join(el["text"] for el in page.having("quote") if el["title"]) == p["text"][:5]


def test_overview_links_charts_and_clusters(batch):
    out = batch["out"]
    page = parse(out / "index.html")
    links = {el["href"] for el in page.elements if el["tag"] == "a"}
    expected = {"reports/" + quote(f"{n}.html") for n, d in batch["lines"].items() if "error" not in d}
    assert expected <= links
    assert all((out / unquote(h)).exists() for h in expected)
    assert len([el for el in page.elements if el["tag"] == "svg"]) == 3
    text = "".join(page.text)
    assert "b001.txt ⇄ e-拼凑.txt 雷同" in text and "范文-c001.txt (库)" in text
    assert "e-拼凑.txt ← b001.txt" not in text  # nobody knows who copied whom inside the batch
    assert "broken.txt" in text and "binary" in text


def test_rerun_is_served_from_the_cache(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "settings_digest", fixed_settings)
    docs, out = tmp_path / "docs", tmp_path / "out"
    shutil.copytree(batch["docs"], docs)
    shutil.copytree(batch["out"], out)
    cache = out / ".jingzi" / "cache"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.json")}
    args = ["batch", str(docs), "--out", str(out), "--library", str(batch["library"]), "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "分析 0，缓存 8" in result.output, result.output
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.json")} == before  # nothing re-analysed or re-checked
    (docs / "d001.txt").write_text("\n".join(material("d001")[:-1]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert "分析 1，缓存 7" in result.output, result.output
    assert len(list((cache / "analysis").glob("*.json"))) == 8  # the stale entry was pruned


def test_exit_status_0_when_every_document_is_analysed(batch, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a001.txt", "b001.txt"):
        shutil.copy(batch["docs"] / name, docs / name)
    result = CliRunner().invoke(main, ["batch", str(docs), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert CliRunner().invoke(main, ["batch", str(empty), "--out", str(tmp_path / "o2")]).exit_code == 2


def test_notebook_executes(batch, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JINGZI_BATCH_DIR", str(batch["out"]))
    nb = nbformat.read(ROOT / "notebooks" / "batch_analysis.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                      for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "a001.txt" in outputs and "broken.txt" in outputs


def test_settings_digest_tracks_the_rubric():
    assert batch_module.settings_digest("four-styles") != batch_module.settings_digest("theme-2023")


def test_publish_lists_staged_files_as_relative_posix_names(tmp_path):
    """The staged files are listed as the pages' relative names, nested ones with a slash and
    folders left out, exactly as Path.rglob would list them."""
    from analyzer.batch import _files_under

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "张三.html").write_text("页", encoding="utf-8")
    (tmp_path / "reports" / "张三.pair-0.html").write_text("对照", encoding="utf-8")
    (tmp_path / "results.csv").write_text("a", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    expected = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert sorted(_files_under(tmp_path)) == expected == ["reports/张三.html", "reports/张三.pair-0.html",
                                                          "results.csv"]
