"""A text in traditional script is read as simplified by every stage and shown as it was given;
a simplified text with a traditional name or a stray character in it is read exactly as written."""
from __future__ import annotations

import pytest

from analyzer import html, ingest
from analyzer.feedback import reasons
from analyzer.library import Library
from analyzer.pipeline import Analyzer
from analyzer.report import Report
from analyzer.web import side

from .test_copydetect import A

# a 对照检查材料 as a Hong Kong or Taiwan mirror gives it (written in traditional script)
MATERIAL = """關於查擺問題的個人對照檢查材料
一、存在的主要問題
（一）形式主義方面。一是文山會海現象依然突出，去年全局召開各類會議86次，印發文件120餘份，以會議落實會議、以文件落實文件的問題比較普遍。二是調查研究走馬觀花，下基層只看材料、聽彙報，沒有深入到群眾中去。
（二）官僚主義方面。對群眾反映的問題推諉扯皮，門難進、臉難看、事難辦的現象在窗口單位仍然存在，自己作為分管領導督促不力。
二、產生問題的原因
一是理想信念有所淡化，放鬆了世界觀、人生觀、價值觀的改造。二是宗旨意識不強，群眾觀點樹得不牢。
三、整改措施
一是嚴格控制會議和文件數量，2024年底前會議減少三分之一，文件減少百分之二十。二是每月至少下基層4天，建立群眾訴求台賬，限時辦結。"""

WINDOW = "對群眾反映的問題推諉扯皮，門難進、臉難看、事難辦的現象在窗口單位仍然存在，自己作為分管領導督促不力。"

# a simplified material naming two people whose names are written in traditional characters
MIXED = ("二是调查研究不深入。去年陪同市政协委员林斯乾、梅復雄到乡镇调研3次，都是提前打招呼、定路线，"
         "看的是准备好的点，没有真正沉到村组了解群众的困难。")

# paragraphs 2-4 of the simplified reference A, reposted in traditional script
COPY = """縣委辦公室主任專題民主生活會個人對照檢查材料（轉載）
一是文稿把關走過場。去年縣委辦起草的各類文件有136件，其中不少是照抄照轉上級文件，我在審核時只看格式和文字，沒有認真推敲是否符合本縣實際，導致有的文件下發後基層無法執行。
二是調研走馬觀花。2013年我到鄉鎮調研共14次，大多是陪同領導視察，提前打招呼、定路線，看的是準備好的點，聽的是準備好的匯報，真正沉到村組了解群眾困難的一次也沒有。
三是服務基層意識不強。鄉鎮來縣委辦辦事，有時我正在開會，讓人在走廊裡等了一個多小時，事後也沒有主動解釋，群眾和基層幹部對此意見較大。"""


@pytest.fixture(scope="module")
def report():
    return Analyzer().analyze(MATERIAL, "繁體稿.txt")


def test_a_traditional_material_is_judged_as_its_simplified_text(report):
    assert report.kind["id"] == "personal"
    assert [w["code"] for w in report.warnings] == ["traditional_converted"]
    assert report.coverage["formalism"]["covered"] and report.coverage["bureaucratism"]["covered"]
    assert not report.coverage["hedonism"]["covered"] and not report.coverage["extravagance"]["covered"]
    assert "门难进" in report.paragraphs[3].evidence["styles"]["bureaucratism"]


def test_evidence_offsets_point_at_the_traditional_original(report):
    d = report.to_dict()
    sentence = next(s for s in d["coverage"]["bureaucratism"]["sentences"] if "推诿扯皮" in s["text"])
    p = d["paragraphs"][sentence["paragraph"]]
    assert p["original"][sentence["start"] - p["start"]:sentence["end"] - p["start"]] == WINDOW
    assert len(p["original"]) == len(p["text"]) and p["text"].startswith("（二）官僚主义方面")
    source = ingest.from_text(MATERIAL)  # and the offset map leads back into what the user gave
    assert MATERIAL[source.offsets[sentence["start"]]:source.offsets[sentence["end"] - 1] + 1] == WINDOW


def test_the_report_page_shows_the_original_marked_and_the_json_round_trips(report):
    d = report.to_dict()
    page = html.report_page(d)
    assert "（二）官僚主義方面" in page and "（二）官僚主义方面" not in page  # the text and its quotes as given
    assert '<span class="ev" title="官僚主义 证据">門難進</span>' in page and "推诿扯皮" not in page
    assert Report.from_dict(d).to_dict() == d


def test_the_terminal_view_shows_the_text_and_its_evidence_as_given(report):
    from rich.console import Console

    from analyzer.render import render

    console = Console(record=True, width=200)
    render(report, console)
    shown = console.export_text()
    assert "官僚主義方面" in shown and "官僚主义方面" not in shown and "推諉扯皮" in shown


def test_a_simplified_text_with_traditional_names_is_read_as_written():
    source = ingest.from_text(MIXED)
    assert source.text == MIXED and source.original == "" and source.warnings == []
    d = Analyzer(kind="personal").analyze(MIXED, "x.txt").to_dict()
    assert "林斯乾" in d["paragraphs"][0]["text"] and "original" not in d["paragraphs"][0]


def test_a_traditional_copy_of_a_simplified_reference_is_found(tmp_path):
    path = tmp_path / "refs.sqlite"
    with Library(path) as lib:
        lib.add_many([("A.txt", A)])
    report = Analyzer(library=path).analyze(COPY, "轉載.txt")
    (source,) = report.copy["sources"]
    assert source["source"] == "A.txt" and source["relation"] == "copied_from"
    assert report.copy["ratio"] > 0.9
    first = report.paragraphs[1]  # the copied span, quoted from what the user gave
    fragment = next(f for f in source["fragments"] if first.start <= f["start"] < first.end)
    copied = first.original[fragment["start"] - first.start:fragment["end"] - first.start]
    assert "一是文稿把關走過場" in copied and copied in COPY
    d = report.to_dict()  # the workbench quotes it back to the author and shows it side by side as given
    assert any("如“縣委辦公室主任”" in r for r in reasons(d))
    (piece,) = side(d, [(fragment["start"], fragment["end"], "copy", "= A.txt")])[1]["pieces"]
    assert piece[:2] == (first.original, "copy")


def test_the_traditional_robustness_suite_holds_within_005_of_clean():
    from training.robustness import evaluate, kind_traditional, test_documents

    results = evaluate(test_documents(), shapes=("clean", "traditional"))
    clean, trad = results["clean"], results["traditional"]
    assert trad["coverage_macro_f1"] >= clean["coverage_macro_f1"] - 0.05, results
    assert trad["depth_spearman"] >= clean["depth_spearman"] - 0.05, results
    kinds = kind_traditional()
    assert kinds["traditional"]["accuracy"] >= kinds["clean"]["accuracy"] - 0.05, kinds
    assert kinds["traditional"]["non_material_given_material_kind"] <= kinds["clean"]["non_material_given_material_kind"]


def test_a_batch_cross_checks_a_traditional_copy_and_the_library_stores_it_simplified(tmp_path):
    import json

    from click.testing import CliRunner

    from analyzer.cli import main

    (tmp_path / "甲.txt").write_text(A, encoding="utf-8")
    (tmp_path / "乙-轉載.txt").write_bytes(COPY.encode("big5"))
    checked = CliRunner().invoke(main, ["check", str(tmp_path / "甲.txt"), str(tmp_path / "乙-轉載.txt"), "--json"])
    first, second = (json.loads(line) for line in checked.output.splitlines())
    assert [(s["source"], s["relation"]) for s in first["copy"]["sources"]] == [("乙-轉載.txt", "shared")]
    assert second["copy"]["sources"][0]["source"] == "甲.txt" and second["copy"]["ratio"] > 0.9
    out = tmp_path / "out"  # a batch's side-by-side page shows the copy as given
    assert CliRunner().invoke(main, ["batch", str(tmp_path), "--out", str(out), "--jobs", "1"]).exit_code == 0
    pages = [p.read_text(encoding="utf-8") for p in (out / "reports").glob("*.html")]
    assert any("縣委辦起草" in page and "县委办起草" in page for page in pages)
    db = str(tmp_path / "refs.sqlite")  # a traditional reference added to the library finds a simplified copy
    assert CliRunner().invoke(main, ["library", "add", str(tmp_path / "乙-轉載.txt"), "--library", db]).exit_code == 0
    report = Analyzer(library=db).analyze("\n".join(A.split("\n")[2:5]), "丙.txt")
    assert [s["source"] for s in report.copy["sources"]] == ["乙-轉載.txt"] and report.copy["ratio"] > 0.9


def test_compare_shows_a_traditional_copy_as_given(tmp_path):
    from analyzer.compare import compare_paths, pair_of

    (tmp_path / "甲.txt").write_text(A, encoding="utf-8")
    (tmp_path / "乙.txt").write_text(COPY, encoding="utf-8")
    result, texts = compare_paths(str(tmp_path / "乙.txt"), str(tmp_path / "甲.txt"))
    assert texts["a"] == COPY and texts["b"] == A  # shown as given, at the offsets the fragments name
    fragment = max(pair_of(result)["fragments"], key=lambda f: f["end"] - f["start"])
    assert "一是文稿把關走過場" in texts["a"][fragment["start"]:fragment["end"]]
    page = html.pair_page("乙.txt", texts["a"], pair_of(result), texts["b"])
    assert "縣委辦起草" in page and "县委办起草" in page
