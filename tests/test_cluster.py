"""``jingzi batch --scheduler``: the same batch on a Dask LocalCluster (2 worker processes)
gives, document by document, what the local run gives; failures still get their rows."""
from __future__ import annotations

import json
import operator
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from analyzer import batch as batch_module  # noqa: E402
from analyzer.cli import main  # noqa: E402

from .conftest import GOOD, WEAK, WORK_SUMMARY  # noqa: E402


def _code(args, error):
    return error["code"]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    docs = tmp_path_factory.mktemp("round") / "docs"
    docs.mkdir()
    (docs / "张三.txt").write_text(GOOD, encoding="utf-8")
    (docs / "李四-gbk.txt").write_bytes(WEAK.encode("gbk"))
    (docs / "王五.txt").write_text(WORK_SUMMARY, encoding="utf-8")
    (docs / "赵六-抄.txt").write_text("\n".join(GOOD.splitlines()[:12]) + "\n" + WEAK, encoding="utf-8")
    (docs / "坏.txt").write_bytes(b"\x00\x01" * 300)
    return docs


def _outputs(out: Path) -> dict:
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    pages = {p.name: p.read_text(encoding="utf-8") for p in (out / "reports").glob("*.html")}
    return {"lines": lines, "csv": (out / "results.csv").read_text(encoding="utf-8-sig"), "pages": pages}


def test_a_cluster_batch_equals_the_local_batch(cluster, inputs, tmp_path):
    local = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(tmp_path / "local"), "--jobs", "2"])
    remote = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(tmp_path / "cluster"),
                                       "--scheduler", cluster])
    assert local.exit_code == remote.exit_code == 1  # the binary file fails in both
    a, b = _outputs(tmp_path / "local"), _outputs(tmp_path / "cluster")
    assert [d["name"] for d in a["lines"]] == [d["name"] for d in b["lines"]]
    for x, y in zip(a["lines"], b["lines"]):
        assert x == y, x["name"]  # document by document, every field
    assert a["csv"] == b["csv"] and a["pages"] == b["pages"]
    copied = next(d for d in b["lines"] if d["name"] == "赵六-抄.txt")
    assert copied["copy"]["ratio"] > 0.3  # cross-checked against the round on the cluster
    assert next(d for d in b["lines"] if d["name"] == "坏.txt")["error"]["code"] == "binary"


def test_a_task_that_kills_its_process_gets_a_row_and_the_rest_completes(cluster):
    from analyzer.cluster import DaskPool
    from analyzer.workers import _noop

    # only installed code reaches the workers: operator.call(abs, -1) is abs(-1); os.abort kills the process
    calls = [(abs, -1), (os.abort,), (abs, -2), (abs, -3)]
    with DaskPool(cluster, _noop, (), timeout=60) as pool:
        results = list(pool.map(operator.call, calls, _code))
    assert results == [1, "worker_died", 2, 3]


def test_an_unreachable_scheduler_is_a_setup_error(inputs, tmp_path, monkeypatch):
    from analyzer import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)  # nothing listens on port 9: no need to wait 10 s
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(tmp_path / "o"),
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "scheduler_unreachable" in result.output
