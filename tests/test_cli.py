"""The stable CLI contract of SPEC.md: JSON Lines, error objects, exit codes 0/1/2."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from analyzer.cli import main

from .conftest import GOOD, WEAK


@pytest.fixture()
def files(tmp_path):
    good = tmp_path / "张三 对照检查.txt"
    good.write_text(GOOD, encoding="utf-8")
    weak = tmp_path / "weak-gbk.txt"
    weak.write_bytes(WEAK.encode("gbk"))
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"\x00\x01\x02" * 500)
    return good, weak, bad


def test_check_json_lines_in_input_order(files):
    good, weak, _ = files
    result = CliRunner().invoke(main, ["check", str(weak), str(good), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["name"] for r in rows] == ["weak-gbk.txt", "张三 对照检查.txt"]
    r = rows[1]
    assert set(r) >= {"file", "name", "sha256", "chars", "paragraphs", "coverage", "summary_like", "depth"}
    assert r["copy"]["sources"] == [] and r["copy"]["ratio"] == 0  # no library: nothing to compare with
    assert len(r["sha256"]) == 64 and r["chars"] > 700
    assert {p["role"] for p in r["paragraphs"]} >= {"heading", "preamble", "problem", "cause", "measure", "closing"}
    assert set(r["coverage"]) == {"formalism", "bureaucratism", "hedonism", "extravagance"}
    assert all(0 <= p["summary_like"] <= 1 for p in r["paragraphs"])
    assert 0 <= r["depth"]["score"] <= 100


def test_bad_file_gets_error_object_and_exit_1(files):
    good, _, bad = files
    result = CliRunner().invoke(main, ["check", str(bad), str(good), "/no/such/材料.docx", "--json"])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r.get("error", {}).get("code") for r in rows] == ["binary", None, "not_found"]
    assert rows[0] == {"file": str(bad), "name": "坏文件.txt", "error": rows[0]["error"]}
    assert rows[1]["paragraphs"]  # the good document was still analysed


def test_usage_errors_exit_2(files):
    assert CliRunner().invoke(main, ["check"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", str(files[0]), "--rubric", "no-such-rubric"]).exit_code == 2
    assert CliRunner().invoke(main, ["frobnicate"]).exit_code == 2


def test_terminal_view_shows_structure_and_judgements(files):
    result = CliRunner().invoke(main, ["check", str(files[1])], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    out = result.output
    assert "结构 structure" in out and "问题 problem" in out and "措施 measure" in out
    assert "奢靡之风" in out and "否认" in out  # the denied category is called out
    assert "原因分析只讲客观原因" in out


def test_second_rubric_end_to_end(files):
    result = CliRunner().invoke(main, ["check", str(files[0]), "--json", "--rubric", "theme-2023"])
    assert result.exit_code == 0
    row = json.loads(result.output)
    assert row["rubric"] == "theme-2023"
    assert set(row["coverage"]) == {"theory", "politics", "ability", "responsibility", "work_style", "integrity"}


def test_python_dash_m_entry_point(files, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "analyzer", "check", str(files[0]), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["name"] == "张三 对照检查.txt"


def test_library_commands_and_check_against_the_library(tmp_path, files):
    from analyzer.resources import DATA_DIR

    good, _, bad = files
    db = str(tmp_path / "refs.sqlite")
    runner = CliRunner()
    added = runner.invoke(main, ["library", "add", str(DATA_DIR / "samples" / "01-good.docx"), str(good), str(bad),
                                 "--library", db])
    assert added.exit_code == 1  # the binary file is reported, the others are added
    assert "added 2" in added.output and "binary" in added.output
    again = runner.invoke(main, ["library", "add", str(good), "--library", db])
    assert "added 0" in again.output  # same content: de-duplicated by hash
    listed = runner.invoke(main, ["library", "list", "--library", db], env={"COLUMNS": "200"})
    assert "01-good.docx" in listed.output and "张三 对照检查.txt" in listed.output

    checked = runner.invoke(main, ["check", str(DATA_DIR / "samples" / "05-copied.txt"), "--json", "--library", db])
    copy = json.loads(checked.output)["copy"]
    assert copy["sources"][0]["source"] == "01-good.docx"
    assert 0.3 < copy["ratio"] < 0.8 and copy["quoted_ratio"] > 0
    fragments = copy["sources"][0]["fragments"]
    assert max(f["end"] - f["start"] for f in fragments) >= 15  # a copied passage, not a stock phrase
    assert all(0 <= f["start"] < f["end"] and f["source_start"] < f["source_end"] for f in fragments)

    assert runner.invoke(main, ["library", "remove", "01-good.docx", "--library", db]).exit_code == 0
    assert runner.invoke(main, ["library", "remove", "01-good.docx", "--library", db]).exit_code == 2
    checked = runner.invoke(main, ["check", str(DATA_DIR / "samples" / "05-copied.txt"), "--json", "--library", db])
    assert json.loads(checked.output)["copy"]["ratio"] < 0.1


def test_compare_marks_shared_fragments():
    from analyzer.resources import DATA_DIR

    samples = DATA_DIR / "samples"
    result = CliRunner().invoke(main, ["compare", str(samples / "05-copied.txt"), str(samples / "01-good.docx")],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "05-copied.txt ⇄ 01-good.docx" in result.output and "处相同片段" in result.output
