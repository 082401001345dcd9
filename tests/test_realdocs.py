"""The real-document scoring code, on a tiny synthetic index: no network, no cache, no model."""
from __future__ import annotations

import csv

import pytest
from scipy.stats import spearmanr

from training import realdocs
from training.corpus import DATA_DIR

HEADER = ["id", "url", "corpus", "query", "rank", "checked", "kind", "covered", "depth", "shape",
          "noise_lines", "extent", "refound", "sha256", "chars", "note"]


def row(rid, kind, covered="", depth="", shape="clean", noise=""):
    return {"id": rid, "url": f"https://example.org/{rid}", "corpus": "pages", "query": "对照检查材料 四风",
            "rank": "1", "checked": "2026-12-05", "kind": kind, "covered": covered, "depth": depth, "shape": shape,
            "noise_lines": noise, "extent": "", "refound": "same_query", "sha256": "", "chars": "", "note": ""}


def para(index, role, start, end, styles=()):
    return {"index": index, "text": "", "role": role, "start": start, "end": end, "styles": list(styles)}


def coverage(**verdicts):
    """``formalism=(True, [1])`` → covered with evidence paragraph 1; absent categories are not covered."""
    out = {}
    for cid in realdocs.CATEGORIES:
        covered, evidence = verdicts.get(cid, (False, []))
        out[cid] = {"label": cid, "covered": covered, "score": 0.9 if covered else 0.1, "evidence": evidence}
    return out


def result(paragraphs, cov=None, depth=None, kind=None, lines=None):
    report = {"paragraphs": paragraphs}
    if cov is not None:
        report["coverage"] = cov
    if depth is not None:
        report["depth"] = {"score": depth}
    if kind is not None:
        report["kind"] = {"id": kind, "label": kind, "score": 0.9, "cues": []}
    return {"report": report, "lines": lines or [(p["start"], p["end"]) for p in paragraphs]}


def test_macro_f1_averages_both_classes():
    assert realdocs.macro_f1([True, False, True, False], [True, False, True, False]) == 1.0
    # covered: tp 1, fp 1, fn 1 -> 0.5; not covered: tp 1, fp 1, fn 1 -> 0.5
    assert realdocs.macro_f1([True, True, False, False], [True, False, True, False]) == pytest.approx(0.5)
    # every pair "not covered" and judged so: the absent class counts as perfect agreement
    assert realdocs.macro_f1([False, False], [False, False]) == 1.0
    assert realdocs.macro_f1([], []) is None


def test_spearman_matches_scipy_with_ties():
    grades = [1, 2, 2, 3, 5, 4]
    scores = [10.0, 35.0, 20.0, 20.0, 80.0, 64.0]
    assert realdocs.spearman(grades, scores) == pytest.approx(spearmanr(grades, scores).statistic)
    assert realdocs.spearman([1, 1, 1], [3.0, 2.0, 1.0]) is None
    assert realdocs.spearman([1, 2], [1.0, 2.0]) is None


def test_bootstrap_interval_is_reproducible_and_contains_the_estimate():
    units = list(range(30))
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    low, high = realdocs.bootstrap_ci(units, mean)
    assert (low, high) == realdocs.bootstrap_ci(units, mean)
    assert low < mean(units) < high
    assert realdocs.bootstrap_ci(units[:2], mean) is None


def synthetic():
    """Five documents: two materials, a news page, a work report and a criticism list."""
    rows = [
        row("p1", "personal", "formalism;bureaucratism", "4", noise="0"),
        row("c1", "collective", "none", "2", shape="run_on"),
        row("p2", "personal", "formalism", "3", shape="noisy"),
        row("n1", "other", shape="noisy", noise="0;2"),
        row("w1", "work_report", "none"),
    ]
    results = {
        # noise line 0 judged as a heading (content); formalism right with evidence; bureaucratism missed;
        # hedonism claimed with no evidence at all
        "p1": result([para(0, "heading", 0, 6), para(1, "problem", 7, 40, ["formalism"]),
                      para(2, "problem", 41, 80)],
                     coverage(formalism=(True, [1]), hedonism=(True, [])), depth=70),
        # the only evidence for extravagance is a heading
        "c1": result([para(0, "heading", 0, 8), para(1, "problem", 9, 50)],
                     coverage(extravagance=(True, [0])), depth=40),
        "p2": result([para(0, "problem", 0, 30, ["formalism"])], coverage(formalism=(True, [0])), depth=55),
        # a news page scored as a material; its noise line 0 is judged "noise", line 2 is a paragraph judged
        # "other" but given a style; line 1 is ordinary text
        "n1": result([para(0, "noise", 0, 10), para(1, "other", 11, 30), para(2, "other", 31, 45, ["hedonism"])],
                     coverage(hedonism=(True, [2])), depth=30),
        "w1": result([para(0, "summary", 0, 60)], coverage()),
    }
    return rows, results


def test_score_counts_agreement_evidence_depth_and_noise():
    rows, results = synthetic()
    out = realdocs.score(rows, results)
    assert out["n"] == 5 and out["kind_present"] == 0 and out["kind_accuracy"] is None
    assert out["non_materials"] == 1 and out["non_materials_scored"] == ["n1"]
    # 4 materials x 4 categories; by hand: covered tp 2 fp 2 fn 1, not covered tp 11 fp 1 fn 2
    value, ci, n = out["coverage"]["all"]
    assert n == 4 and ci is not None
    assert value == pytest.approx((4 / 7 + 22 / 25) / 2)
    assert out["coverage"]["run_on"][2] == 1 and out["coverage"]["noisy"][2] == 1
    assert out["per_category"]["formalism"] == {"gold": 2, "pred": 2, "agree": 4}
    assert out["verdicts"] == 5
    assert [(v["id"], v["category"]) for v in out["no_evidence"]] == [("p1", "hedonism")]
    assert [(v["id"], v["category"]) for v in out["headings_only"]] == [("c1", "extravagance")]
    assert out["wrong_verdicts"] == 3  # p1 hedonism, c1 extravagance, n1 hedonism (not a material)
    rho, _, graded = out["depth"]["all"]
    assert graded == 3 and rho == pytest.approx(1.0)
    assert (out["noise_lines"], out["noise_judged"]) == (3, 2)
    assert out["noise_examples"] == ["p1:0 → heading", "n1:2 → other"] and out["noise_substantive"] == 0
    # "nothing covered" on the same 16 pairs: covered F1 0, not covered 2*13/(2*13+3)
    assert out["coverage_baseline_none"] == pytest.approx((0 + 26 / 29) / 2)


def test_kind_accuracy_and_confusion_when_reports_carry_a_kind():
    rows, results = synthetic()
    for rid, kind in {"p1": "personal", "c1": "personal", "p2": "personal", "n1": "other", "w1": "work_report"}.items():
        results[rid]["report"]["kind"] = {"id": kind, "label": kind, "score": 0.8, "cues": []}
    out = realdocs.score(rows, results)
    assert out["kind_present"] == 5 and out["kind_accuracy"] == pytest.approx(4 / 5)
    assert out["kind_confusion"][("collective", "personal")] == 1
    text = realdocs.render(out, rows, [], [], "2026-12-05")
    assert "| kind accuracy (7 kinds) | 0.800 | 5 |" in text
    assert "| label | personal | work_report | other |" in text
    assert "| collective | 1 | 0 | 0 |" in text


def test_a_material_the_kind_gate_leaves_without_coverage_counts_as_nothing_covered():
    rows, results = synthetic()
    del results["p2"]["report"]["coverage"]
    out = realdocs.score(rows, results)
    assert out["coverage_unscored"] == ["p2"] and out["coverage"]["all"][2] == 4
    assert out["per_category"]["formalism"] == {"gold": 2, "pred": 1, "agree": 3}
    assert "counted as nothing covered): p2" in realdocs.render(out, rows, [], [], "2026-12-05")


def test_render_says_when_kind_is_absent_and_lists_rejected_documents():
    rows, results = synthetic()
    results["w1"] = {"report": {"error": {"code": "no_chinese", "message": "未发现中文"}}, "lines": []}
    out = realdocs.score(rows, results)
    text = realdocs.render(out, rows, ["x9"], [], "2026-12-05")
    assert out["failed"] == ["w1"] and out["n"] == 4
    assert "not measured: this build gives no `kind`" in text
    assert "1 missing from the cache" in text and "1 rejected by jingzi: w1" in text
    assert "| labelled noise lines judged as content (any role but noise/other, or a style) | 2 of 3 (0.667) | – |" in text
    assert "| … of them as a problem, cause, measure or summary | 0 of 3 | – |" in text


def write_index(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, HEADER)
        writer.writeheader()
        writer.writerows(rows)


def test_load_index_rejects_bad_labels(tmp_path):
    index = tmp_path / "index.csv"
    write_index(index, [row("a1", "personal", "formalism", "3"), row("a2", "news")])
    with pytest.raises(ValueError, match="a2: kind 'news'"):
        realdocs.load_index(index)
    write_index(index, [row("a1", "other", "formalism")])
    with pytest.raises(ValueError, match="covered given for a non-material"):
        realdocs.load_index(index)
    write_index(index, [row("a1", "personal", "formalism", "7")])
    with pytest.raises(ValueError, match="depth '7'"):
        realdocs.load_index(index)
    write_index(index, [row("a1", "personal", "", "3")])
    with pytest.raises(ValueError, match="needs covered"):
        realdocs.load_index(index)


def test_read_cache_checks_every_text_against_its_sha256(tmp_path):
    good, edited = "一、存在的主要问题\n文山会海。\n", "一、存在的主要问题\n会议多。\n"
    rows = [row("a1", "other"), row("a2", "other"), row("a3", "other")]
    rows[0]["sha256"] = rows[1]["sha256"] = realdocs.text_sha256(good)
    rows[2]["sha256"] = realdocs.text_sha256(good)
    (tmp_path / "a1.txt").write_text(good, encoding="utf-8")
    (tmp_path / "a3.txt").write_text(edited, encoding="utf-8")
    texts, missing, changed = realdocs.read_cache(rows, tmp_path)
    assert list(texts) == ["a1"] and missing == ["a2"] and changed == ["a3"]


def test_line_spans_count_only_non_empty_lines():
    assert realdocs.line_spans("标题\n\n  \n正文一句。\n") == [(0, 2), (7, 12)]


def test_kappas_match_scikit_learn():
    from sklearn.metrics import cohen_kappa_score

    first = ["personal", "other", "other", "criticism", "other", "work_report", "personal", "other"]
    second = ["personal", "other", "criticism", "criticism", "other", "other", "collective", "other"]
    assert realdocs.cohen_kappa(first, second) == pytest.approx(cohen_kappa_score(first, second))
    grades_a, grades_b = [1, 2, 3, 3, 4, 2, 5], [1, 3, 3, 2, 4, 2, 4]
    assert realdocs.quadratic_kappa(grades_a, grades_b) == pytest.approx(
        cohen_kappa_score(grades_a, grades_b, weights="quadratic", labels=[1, 2, 3, 4, 5]))
    # a single shared label: chance agreement is total, kappa undefined
    assert realdocs.cohen_kappa([False, False], [False, False]) is None
    assert realdocs.cohen_kappa([], []) is None and realdocs.quadratic_kappa([], []) is None


def second_label(rid, kind, covered="", depth="", prior="none"):
    return {"id": rid, "kind": kind, "covered": covered, "depth": depth, "prior": prior, "note": ""}


def test_agreement_compares_kind_covered_and_depth_on_the_shared_ids():
    first, _ = synthetic()
    second = [second_label("p1", "personal", "formalism", "4"),          # misses bureaucratism
              second_label("c1", "collective", "none", "3"),             # one grade apart
              second_label("n1", "criticism"),                           # kind differs
              second_label("w1", "work_report", "none", prior="seen")]
    out = realdocs.agreement(first, second)
    assert out["n"] == 4 and out["kind_accuracy"] == pytest.approx(3 / 4)
    assert out["materials"] == 3 and out["graded"] == 2 and out["depth_exact"] == 1
    kappa, n_first, n_second = out["covered_kappa"]["bureaucratism"]
    assert (n_first, n_second) == (1, 0) and kappa == pytest.approx(0.0)
    assert out["covered_kappa"]["formalism"][0] == pytest.approx(1.0)  # both: formalism on p1 only
    assert [d[0] for d in out["disagreements"]] == ["p1", "c1", "n1"]
    text = realdocs.render_agreement(first, second)
    assert "| pages | 4 | 3 |" in text and "p1: personal/formalism;bureaucratism/4 → personal/formalism/4" in text


def test_load_agreement_rejects_unknown_ids_and_bad_labels(tmp_path):
    path = tmp_path / "agreement.csv"

    def write(rows):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, ["id", "kind", "covered", "depth", "prior", "note"])
            writer.writeheader()
            writer.writerows(rows)

    write([second_label("p1", "personal", "formalism", "4")])
    assert realdocs.load_agreement(path, {"p1"})[0]["kind"] == "personal"
    write([second_label("zz", "other")])
    with pytest.raises(ValueError, match="zz: id not in the index"):
        realdocs.load_agreement(path, {"p1"})
    write([second_label("p1", "other", "formalism")])
    with pytest.raises(ValueError, match="covered must be given for a material"):
        realdocs.load_agreement(path, {"p1"})
    write([second_label("p1", "personal", "formalism", "3", prior="maybe")])
    with pytest.raises(ValueError, match="prior 'maybe'"):
        realdocs.load_agreement(path, {"p1"})


def test_render_appends_the_second_labelling_when_given():
    rows, results = synthetic()
    out = realdocs.score(rows, results)
    table = realdocs.render_agreement(rows, [second_label("p1", "personal", "formalism;bureaucratism", "4")])
    text = realdocs.render(out, rows, [], [], "2026-12-06", table)
    assert "labelled by one annotator and a sample of them a second time (below)" in text
    assert text.index("## Second labelling") < text.index("| kind accuracy | 1.000 | 1.000 |")
    assert "## Second labelling" not in realdocs.render(out, rows, [], [], "2026-12-06")


def test_kinds_only_scoring_counts_material_kinds_given_to_non_materials(tmp_path):
    rows = [row("p1", "personal", covered="none", depth="2"), row("w1", "work_report", covered="none"),
            row("n1", "other"), row("n2", "other"), row("o1", "opinions")]
    kinds = {"p1": {"id": "personal", "score": 0.9}, "w1": {"id": "other", "score": 0.6},
             "n1": {"id": "work_report", "score": 0.7}, "n2": {"id": "other", "score": 0.8},
             "o1": {"error": {"code": "too_short"}}}
    out = realdocs.score_kinds(rows, kinds)
    assert out["n"] == 4 and out["failed"] == ["o1"] and out["accuracy"] == pytest.approx(2 / 4)
    assert out["non_materials_scored"] == ["n1"] and out["materials_withheld"] == ["w1"]
    text = realdocs.render_kinds(out, [tmp_path / "dev-x.csv"], "2026-12-06", errors=True)
    assert "| non-materials given a material kind (would get coverage/depth) | 1 of 2 |" in text
    assert "- n1: other → work_report (0.7)" in text
    assert "Misjudged" not in realdocs.render_kinds(out, [tmp_path / "dev-x.csv"], "2026-12-06", errors=False)


def test_per_document_errors_are_refused_on_the_test_set(capsys):
    assert realdocs.main(["--kinds-only", "--errors"]) == 2  # default index: the TEST set
    assert "never the test set" in capsys.readouterr().err


def test_kind_agreement_scores_jingzi_on_the_pages_both_readings_agree_on(tmp_path):
    rows = [row("p1", "personal", covered="none"), row("c1", "collective", covered="none"),
            row("w1", "work_report", covered="none"), row("n1", "other"), row("n2", "other"), row("o1", "opinions")]
    readings = tmp_path / "kind_readings.csv"
    readings.write_text("id,kind,confidence,note\n"
                        "p1,personal,sure,本人查摆\nc1,work_report,borderline,单位自查像工作汇报\n"
                        "w1,work_report,sure,述职\nn1,other,sure,新闻\nn2,other,sure,心得\no1,other,borderline,调查报告\n"
                        "x9,other,sure,another set's page\n", encoding="utf-8")
    second = realdocs.load_kind_readings(readings, {r["id"] for r in rows})
    assert [r["id"] for r in second] == ["p1", "c1", "w1", "n1", "n2", "o1"]  # x9: another set's page, left out
    kinds = {"p1": {"id": "personal"}, "c1": {"id": "work_report"}, "w1": {"id": "other"},
             "n1": {"id": "collective"}, "n2": {"id": "other"}, "o1": {"id": "rectification"}}
    out = realdocs.kind_agreement(rows, kinds, second)
    assert out["n"] == 6 and out["agree"] == pytest.approx(4 / 6)
    assert out["by_confidence"] == {"borderline": (0.0, 2), "sure": (1.0, 4)}
    # jingzi on the four agreed pages: p1 and n2 right, w1 lost, n1 a leak
    assert out["agreed"] == 4 and out["jingzi_agreed"] == pytest.approx(0.5) and out["agreed_leaks"] == (1, 2)
    assert out["jingzi_differ"] == {"second": 1, "neither": 1}
    text = realdocs.render_kind_agreement(out, readings)
    assert "| jingzi on the 4 pages both readings agree on | 0.500" in text
    assert "collective → work_report: 1" in text and "opinions → other: 1" in text


def test_kind_readings_are_validated_and_only_for_development_indexes(tmp_path, capsys):
    bad = tmp_path / "kind_readings.csv"
    bad.write_text("id,kind,confidence,note\np1,personal,maybe,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="confidence 'maybe'"):
        realdocs.load_kind_readings(bad, {"p1"})
    assert realdocs.main(["--kinds-only", "--kind-readings", str(bad)]) == 2  # default index: the TEST set
    assert "development" in capsys.readouterr().err
    assert realdocs.main(["--index", "data/realdocs/dev-fresh9.csv", "data/realdocs/dev-fresh10.csv"]) == 2
    assert "several indexes need --kinds-only" in capsys.readouterr().err


def test_the_second_reading_covers_every_page_of_the_five_fresh_sets_once():
    indexes = [DATA_DIR / "realdocs" / f"dev-fresh{n}.csv" for n in range(9, 14)]
    ids = [row["id"] for path in indexes for row in realdocs.load_index(path)]
    readings = realdocs.load_kind_readings(DATA_DIR / "realdocs" / "kind_readings.csv", set(ids))
    assert sorted(r["id"] for r in readings) == sorted(ids) and len(ids) == 207
