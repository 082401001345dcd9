"""The batch's table step reads ``results.jsonl`` once into SQLite (issue 14: memory flat in the
number of documents): rows come back ranked exactly as a sort of every row would rank them,
the overview's clusters are those of a union-find over every edge, and publication keeps its
file names in SQLite, taking over the JSON manifest of earlier versions."""
from __future__ import annotations

import json
import random
import sqlite3
from collections import defaultdict
from urllib.parse import quote

from analyzer import batch as batch_module
from analyzer.batch import Entry, read_results, write_overview
from analyzer.html import MAX_CLUSTERS, MAX_PAIRS
from analyzer.unionfind import UnionFind


def report(name: str, depth: float | None, sources: list[tuple[str, float]], error: bool = False) -> dict:
    """A report object with what the table reads: depth, copy sources, or an error."""
    if error:
        return {"name": name, "file": f"/材料/{name}", "error": {"code": "empty", "message": "空文件 / empty"}}
    return {"name": name, "file": f"/材料/{name}", "chars": 1200,
            "depth": {"score": depth, "criteria": {}, "substitutions": {}} if depth is not None else None,
            "copy": {"ratio": max([r for _, r in sources], default=0.0), "sources": [
                {"source": s, "ratio": r, "source_ratio": round(r * 0.9, 3)} for s, r in sources]}}


def table_of(tmp_path, reports: list[dict]):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in reports), encoding="utf-8")
    entries = [Entry(d["file"], d["file"], d["name"], f"{d['name']}.html", ident=d["name"]) for d in reports]
    return read_results(results, entries, tmp_path / "table.sqlite")


def test_rows_come_back_in_rank_order_with_ranks(tmp_path):
    rng = random.Random(7)
    reports = [report(f"张{i:03d}.docx", rng.choice([None, 40.0, 55.5, rng.uniform(0, 100)]), [],
                      error=rng.random() < 0.1) for i in range(200)]
    rows = list(table_of(tmp_path, reports))
    expected = sorted(reports, key=lambda d: ("error" in d, (d.get("depth") or {}).get("score") is None,
                                              -((d.get("depth") or {}).get("score") or 0)))
    assert [r["name"] for r in rows] == [d["name"] for d in expected]  # ties keep the input order
    assert [r["rank"] for r in rows] == [i if r["depth"] is not None else None for i, r in enumerate(rows, 1)]
    assert rows[-1]["error"]["code"] == "empty" and rows[0]["page"] == "reports/" + quote(rows[0]["name"] + ".html")


def reference_clusters(edges: list[dict]):
    """The overview's clusters as the in-memory version computed them from a list of every edge."""
    linked = UnionFind()
    for ed in edges:
        linked.union(ed["document"], ed["source"])
    groups = defaultdict(list)
    for ed in edges:
        groups[linked.find(ed["document"])].append(ed)
    ordered = sorted(groups.values(), key=lambda g: (-len({x for ed in g for x in (ed["document"], ed["source"])}),
                                                     g[0]["document"]))
    out = []
    for group in ordered[:MAX_CLUSTERS]:
        by_pair: dict = {}
        for ed in group:
            by_pair.setdefault(tuple(sorted((ed["document"], ed["source"]))), {})[ed["document"]] = ed
        pairs = sorted(by_pair.items(), key=lambda kv: -max(d["ratio"] for d in kv[1].values()))
        members = len({x for ed in group for x in (ed["document"], ed["source"])})
        out.append((members, [(x, y, sides) for (x, y), sides in pairs[:MAX_PAIRS]], max(0, len(pairs) - MAX_PAIRS)))
    return out, len(groups)


def test_clusters_are_those_of_every_edge_held_in_memory(tmp_path):
    """A batch with a large group of mutual copies (more pairs than the overview lists), more
    groups than it lists, library sources, ties in strength and one-sided edges."""
    rng = random.Random(3)
    names = [f"材料{i:03d}.txt" for i in range(400)]
    sources: dict[str, list] = {n: [] for n in names}
    for i in range(12):  # one big group: every pair of the first 12 shares text
        for j in range(12):
            if i != j and rng.random() < 0.8:
                sources[names[i]].append((names[j], rng.choice([0.35, 0.5, round(rng.uniform(0.1, 0.9), 3)])))
    for k in range(12, 400, 2):  # many pairs, some with a reference-library source
        sources[names[k]].append((names[k + 1], round(rng.uniform(0.1, 0.6), 3)))
        if rng.random() < 0.3:
            sources[names[k]].append((f"范文{k}.docx", 0.2))
    sources[names[5]].append((names[13], 0.05))  # under CLUSTER_MIN: no edge
    reports = [report(n, 50.0, s) for n, s in sources.items()]
    table = table_of(tmp_path, reports)
    groups, total, pages = table.clusters()
    edges = [{"document": d["name"], "source": s["source"], "ratio": s["ratio"], "source_ratio": s["source_ratio"],
              "relation": "shared", "likely_source": None}
             for d in reports for s in d["copy"]["sources"] if s["ratio"] >= batch_module.CLUSTER_MIN]
    expected, expected_total = reference_clusters(edges)
    assert total == expected_total > MAX_CLUSTERS
    assert [(g.members, g.pairs, g.more) for g in groups] == expected
    assert groups[0].members == 12 and groups[0].more > 0
    assert pages[names[0]] == "reports/" + quote(f"{names[0]}.html") and not any(k.startswith("范文") for k in pages)


def test_overview_lists_capped_clusters_and_pairs(tmp_path):
    names = [f"干部{i:02d}.docx" for i in range(8)]
    reports = [report(n, 60.0 + i, [(m, 0.2 + 0.01 * (i + j)) for j, m in enumerate(names) if m != n])
               for i, n in enumerate(names)]
    table = table_of(tmp_path, reports)
    write_overview(table, {"analysed": 8, "cached": 0, "rubric": "four-styles", "version": "test"},
                   tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("雷同：占前者") == MAX_PAIRS  # of the 28 pairs among 8 documents
    assert "另有 8 对 / 8 more" in page
    assert page.index("干部06.docx</a> ⇄ ") < page.index("干部00.docx</a> ⇄ ")  # strongest first
    assert page.endswith("</body></html>\n") and page.count("<tr><td class=\"num\">") >= 8


def test_publication_takes_over_the_json_manifest_of_earlier_versions(tmp_path):
    out = tmp_path / "out"
    state = out / ".jingzi"
    (out / "reports").mkdir(parents=True)
    for rel in ("index.html", "reports/旧.txt.html", "reports/用户笔记.html"):
        (out / rel).write_text("旧", encoding="utf-8")
    state.mkdir()
    (state / "manifest.json").write_text(json.dumps({"run": "x", "files": ["index.html", "reports/旧.txt.html"]}),
                                         encoding="utf-8")
    (state / "staging" / "reports").mkdir(parents=True)
    (state / "staging" / "index.html").write_text("新", encoding="utf-8")
    (state / "staging" / "reports" / "新.txt.html").write_text("新", encoding="utf-8")
    batch_module.publish(out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "index.html", "reports/新.txt.html", "reports/用户笔记.html"]
    assert not (state / "manifest.json").exists() and not (state / "staging").exists()
    db = sqlite3.connect(state / batch_module.MANIFEST)
    assert sorted(r for r, in db.execute("SELECT rel FROM published")) == ["index.html", "reports/新.txt.html"]
    assert db.execute("SELECT COUNT(*) FROM publishing").fetchone()[0] == 0
