"""Installs and runs like a real tool: packaged resources, checked models, fast start-up,
consistent CLI (issue 11)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import analyzer
from analyzer import modelstore
from analyzer.cli import main
from analyzer.errors import SetupError
from analyzer.resources import DATA_DIR, MODELS_DIR, load_rubric

from .conftest import GOOD, WEAK

PACKAGE = Path(analyzer.__file__).parent


def _python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


HEAVY = ("spacy", "sklearn", "jieba", "joblib", "numpy")
PROBE = """
import sys
from analyzer.cli import main
try:
    main(sys.argv[1:], prog_name="jingzi")
except SystemExit as exc:
    print("EXIT", exc.code)
print("HEAVY", sorted(m for m in {heavy} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["check"], ["frobnicate"], ["check", "--help"],
                                  ["check", "/no/such/材料.docx", "--json"]])
def test_help_version_usage_errors_and_missing_files_load_no_model(args):
    proc = _python(PROBE.format(heavy=HEAVY), *args)
    heavy = json.loads(proc.stdout.split("HEAVY", 1)[1].replace("'", '"'))
    assert heavy == [], f"{args} imported {heavy}"
    if args == ["--version"]:
        assert analyzer.__version__ in proc.stdout
    if args[-1] == "--json":  # a missing file: an error object, exit 1, no model loaded
        assert json.loads(proc.stdout.splitlines()[0])["error"]["code"] == "not_found"
        assert "EXIT 1" in proc.stdout


def test_help_texts_are_bilingual():
    for command in ([], ["check"], ["batch"], ["library", "add"], ["compare"], ["demo"]):
        out = CliRunner().invoke(main, [*command, "--help"]).output
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out.split("Options")[0]), command
        assert any(word in out for word in ("Analyses", "Adds", "Side-by-side", "Runs", "jingzi screens",
                                            "Cross-checks")), command


def test_a_rubric_edited_without_retraining_is_a_clear_error(tmp_path):
    import yaml

    spec = yaml.safe_load((DATA_DIR / "rubrics" / "four-styles.yaml").read_text(encoding="utf-8"))
    spec["categories"][0]["groups"][0]["patterns"].append("材料写了又写")  # a new pattern, no retraining
    edited = tmp_path / "four-styles.yaml"
    edited.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    doc = tmp_path / "材料.txt"
    doc.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(doc), "--json", "--rubric", str(edited)])
    assert result.exit_code == 2
    assert "model_mismatch" in result.output and "python -m training" in result.output
    assert "Traceback" not in result.output


def test_model_manifest_checks_versions_and_file(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    assert modelstore.load("summary", folder=models) is not None
    meta_path = models / "summary.manifest.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert {"jingzi", "sklearn", "data_sha256", "file_sha256"} <= set(meta)
    assert json.loads((models / "coverage-four-styles.manifest.json").read_text())["rubric_sha256"] == \
        load_rubric("four-styles").digest

    meta_path.write_text(json.dumps({**meta, "sklearn": "0.24.2"}), encoding="utf-8")
    with pytest.raises(SetupError) as err:
        modelstore.load("summary", folder=models)
    assert err.value.code == "model_mismatch" and "scikit-learn 0.24.2" in err.value.message
    assert "python -m training" in err.value.message

    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with open(models / "summary.pkl.gz", "ab") as fh:  # a model file swapped behind its manifest
        fh.write(b"\0")
    with pytest.raises(SetupError, match="manifest"):
        modelstore.load("summary", folder=models)
    with pytest.raises(SetupError) as err:
        modelstore.load("no-such-model", folder=models)
    assert err.value.code == "model_missing"


def test_models_are_gzipped_standard_pickles_and_the_old_joblib_format_is_refused(tmp_path):
    import gzip
    import hashlib
    import pickle

    import numpy as np

    assert not list(MODELS_DIR.glob("*.joblib"))
    (tmp_path / "toy.joblib").write_bytes(b"a model in the format before")
    path = modelstore.save("toy", [np.arange(3), "会议多"], modelstore.manifest("toy", "0" * 64), folder=tmp_path)
    assert path.name == "toy.pkl.gz" and not (tmp_path / "toy.joblib").exists()  # the old file goes
    assert pickle.loads(gzip.decompress(path.read_bytes()))[1] == "会议多"
    loaded = modelstore.load("toy", folder=tmp_path)
    assert loaded[0].tolist() == [0, 1, 2] and loaded[1] == "会议多"

    old = tmp_path / "toy.joblib"  # a manifest written before the change, its file intact
    old.write_bytes(b"a model in the format before")
    meta_path = tmp_path / "toy.manifest.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps({**meta, "file": old.name,
                                     "file_sha256": hashlib.sha256(old.read_bytes()).hexdigest()}), encoding="utf-8")
    with pytest.raises(SetupError) as err:
        modelstore.load("toy", folder=tmp_path)
    assert err.value.code == "model_mismatch" and "joblib" in err.value.message
    assert "python -m training" in err.value.message and "manifest" not in err.value.message


def test_depth_model_is_plain_json():
    from analyzer.depth import SIGNALS, DepthModel

    raw = json.loads((MODELS_DIR / "depth.json").read_text(encoding="utf-8"))
    assert raw["overall"]["signals"] == list(SIGNALS)
    model = DepthModel.from_dict(raw)
    assert model.to_dict() == raw
    assert not list(MODELS_DIR.glob("depth.pkl.gz"))


def test_the_package_runs_from_a_zip(tmp_path):
    """A zipped package (zipimport) finds its data and models as an installed wheel does."""
    archive = tmp_path / "jingzi.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in PACKAGE.rglob("*"):
            parts = path.relative_to(PACKAGE).parts
            if path.is_file() and not {"__pycache__", "_data", "_models"} & set(parts):
                zf.write(path, f"analyzer/{path.relative_to(PACKAGE)}")
        for folder, name in ((DATA_DIR, "_data"), (MODELS_DIR, "_models")):
            for path in folder.rglob("*"):
                if path.is_file() and "corpus" not in path.relative_to(folder).parts:
                    zf.write(path, f"analyzer/{name}/{path.relative_to(folder)}")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import analyzer, analyzer.resources as r; "
            "assert analyzer.__file__.startswith(sys.argv[1]), analyzer.__file__; "
            "rep = analyzer.analyze(sys.argv[2]); print(r.DATA_DIR.name, rep.coverage['formalism']['covered'])")
    proc = _python(code, str(archive), GOOD, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[1] == "True" and proc.stdout.startswith("jingzi-data-")
    again = _python(code, str(archive), GOOD, cwd=tmp_path)  # the extraction is reused
    assert again.returncode == 0 and again.stdout == proc.stdout


def test_an_analysis_does_not_load_spacy():
    """Start-up: the spaCy pipeline, which no stage reads, is loaded only when a ``Doc`` is asked for."""
    code = "import sys, analyzer; rep = analyzer.analyze(sys.argv[1]); print(rep.kind['id'], 'spacy' in sys.modules)"
    proc = _python(code, GOOD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["personal", "False"]


def test_a_library_that_does_not_exist_is_a_usage_error(tmp_path):
    doc = tmp_path / "材料.txt"
    doc.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "refs.sqlite"
    for command in (["check", str(doc)], ["batch", str(doc), "--out", str(tmp_path / "out")],
                    ["library", "list"], ["library", "remove", "x.txt"]):
        result = CliRunner().invoke(main, [*command, "--library", str(missing)])
        assert result.exit_code == 2 and "library_not_found" in result.output, command
    assert not missing.exists()  # only `library add` creates a library


def test_folders_without_documents_and_missing_inputs_are_usage_errors(tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    (empty / "说明.xls").write_bytes(b"x")
    for command in (["check", str(empty)], ["batch", str(empty), "--out", str(tmp_path / "o1")],
                    ["batch", str(tmp_path / "没有这个文件夹"), "--out", str(tmp_path / "o2")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_check_cross_checks_the_documents_it_is_given(tmp_path):
    folder = tmp_path / "第一批"
    folder.mkdir()
    shutil.copy(DATA_DIR / "samples" / "01-good.docx", folder)
    shutil.copy(DATA_DIR / "samples" / "05-copied.txt", folder)
    (folder / "weak.txt").write_text(WEAK, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder), "--json"])
    rows = {r["name"]: r for r in map(json.loads, result.output.splitlines())}
    assert [s["source"] for s in rows["05-copied.txt"]["copy"]["sources"]] == ["01-good.docx"]
    assert rows["05-copied.txt"]["copy"]["ratio"] > 0.3
    assert rows["weak.txt"]["copy"]["ratio"] < 0.1
    terminal = CliRunner().invoke(main, ["check", str(folder)], env={"COLUMNS": "100"})
    assert "3 篇材料已相互比对抄袭" in terminal.output and "cross-checked" in terminal.output


def test_library_remove_accepts_the_path_that_was_added(tmp_path):
    doc = tmp_path / "范文" / "张三.txt"
    doc.parent.mkdir()
    doc.write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "refs.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["library", "add", str(doc), "--library", db]).exit_code == 0
    removed = runner.invoke(main, ["library", "remove", str(doc), "--library", db])
    assert removed.exit_code == 0 and "已删除 张三.txt / removed 张三.txt" in removed.output


def test_terminal_views_at_80_columns_keep_numbers_names_and_ratios(tmp_path):
    from rich.console import Console

    from analyzer.render import Wrapped, demo_table

    text = "今年以来我主持召开的局务会、推进会共48次，2023年3月李家村村民跑了4趟，发文1.5万字，占比37.5%。" * 3
    console = Console(width=23, record=True, highlight=False)
    console.print(Wrapped(text))
    lines = console.export_text().splitlines()
    assert "".join(lines) == text  # nothing lost or added
    for number in ("48", "2023", "1.5", "37.5%"):
        assert any(number in line for line in lines)  # never broken across lines
    assert not any(line.startswith(("，", "。", "、")) for line in lines)

    row = {"rank": 1, "name": "06-traditional-big5.txt", "depth": 78.0, "missing": ["奢靡之风"],
           "summary_like": 0.0, "copy": 0.96, "top_source": "04-collective.txt", "substitutions": [],
           "flags": ["traditional_converted"], "error": None}
    console = Console(width=80, record=True, highlight=False)
    console.print(demo_table([row], "demo"))
    body = [line.split("│")[1:-1] for line in console.export_text().splitlines() if line.startswith("│")]
    cells = ["".join(row[i].strip() for row in body) for i in range(len(body[0]))]
    assert cells[1:] == ["06-traditional-big5.txt", "78", "奢靡之风", "0%", "96% ←04-collective.txt",
                         "traditional_converted"]

    compare = CliRunner().invoke(main, ["compare", str(DATA_DIR / "samples" / "05-copied.txt"),
                                        str(DATA_DIR / "samples" / "01-good.docx")], env={"COLUMNS": "80"})
    assert compare.exit_code == 0
    flat = compare.output.replace("\n", "")
    assert re.search(r"05-copied\.txt: 复制比 \d+%", flat) and "01-good.docx" in flat


def test_train_without_the_corpus_says_it_needs_a_checkout(tmp_path, monkeypatch, capsys):
    from training import train
    from training.__main__ import main as train_main

    monkeypatch.setattr(train, "DATA_DIR", tmp_path)
    assert train_main([]) == 2
    err = capsys.readouterr().err
    assert "corpus_missing" in err and "checkout" in err


def test_the_installed_tool_has_no_train_command():
    result = CliRunner().invoke(main, ["train"])
    assert result.exit_code == 2 and "No such command" in result.output
