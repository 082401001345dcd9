"""The worker pool never waits without a deadline (the fuzz-test hang of issue 12's pool).

The hang: ``map`` refilled its window of tasks *before* yielding finished results, so when
the whole window finished at once (one slow task ahead of fifteen quick ones on two
workers) nothing was queued, nothing was running, and the parent waited forever on idle
workers. A worker forked while a lock it needs is held stays stuck in its setup: it now has
a start deadline and is replaced like a dead one.
"""
from __future__ import annotations

import subprocess
import sys
import threading

from analyzer import workers
from analyzer.workers import WorkerPool, fork_is_safe

WHOLE_WINDOW = """
import os, sys
from pathlib import Path
from analyzer.workers import WINDOW, WorkerPool, _noop

marks = Path(sys.argv[1])
window = 2 * WINDOW  # two workers


def task(i):
    # task 0 finishes only after the parent has received every other task of the window
    if i == 0:
        while len(os.listdir(marks)) < window - 1:
            os.sched_yield()
        return "slow"
    if i < window:
        raise ValueError(i)
    return "quick"


def received(args, error):  # runs in the parent as each failed task's result arrives
    (marks / str(args[0])).touch()
    return error["code"]


with WorkerPool(2, _noop, (), timeout=60, start_method="fork") as pool:
    results = list(pool.map(task, [(i,) for i in range(window + 4)], received))
print(" ".join(results))
"""


def test_a_window_that_finishes_all_at_once_is_refilled(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    # a subprocess so that the old behaviour (a wait with no deadline) fails the test instead of hanging it
    proc = subprocess.run([sys.executable, "-c", WHOLE_WINDOW, str(marks)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    window = 2 * workers.WINDOW
    assert proc.stdout.split() == ["slow"] + ["analysis_failed"] * (window - 1) + ["quick"] * 4


_held = threading.Lock()


def _take_held_lock() -> None:
    _held.acquire()


def test_a_worker_stuck_in_setup_on_an_inherited_lock_ends_in_worker_died():
    with _held:  # locked when the workers are forked: each child's copy stays locked forever
        with WorkerPool(1, _take_held_lock, (), timeout=60, start_method="fork", start_timeout=0.5) as pool:
            results = list(pool.map(abs, [(-1,), (2,)], lambda args, error: error["code"]))
    assert results == ["worker_died", "worker_died"]


def test_workers_are_forked_only_from_a_single_threaded_process():
    alone = subprocess.run([sys.executable, "-c", "from analyzer.workers import fork_is_safe; print(fork_is_safe())"],
                           capture_output=True, text=True, timeout=120)
    assert alone.stdout.strip() == str(sys.platform == "linux"), alone.stderr
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not fork_is_safe()
    finally:
        release.set()
        other.join()


def test_bad_settings_raise_in_the_caller_when_the_worker_is_spawned(tmp_path):
    """With another thread running, ``check``'s worker is spawned, not forked; a rubric
    edited without retraining must still stop the caller with ``model_mismatch`` rather
    than fail every document inside the worker."""
    import pytest
    import yaml

    from analyzer.errors import SetupError
    from analyzer.resources import DATA_DIR

    spec = yaml.safe_load((DATA_DIR / "rubrics" / "four-styles.yaml").read_text(encoding="utf-8"))
    spec["categories"][0]["groups"][0]["patterns"].append("材料写了又写")
    rubric = tmp_path / "four-styles.yaml"
    rubric.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    doc = tmp_path / "材料.txt"
    doc.write_text("我在工作中存在形式主义问题，文山会海，调研走过场。", encoding="utf-8")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not fork_is_safe()
        with pytest.raises(SetupError) as err:
            list(workers.check_paths([str(doc)], rubric=str(rubric)))
        assert err.value.code == "model_mismatch"
    finally:
        stop.set()
        other.join()


def test_a_spawned_check_worker_loads_what_documents_load_on_first_use_before_it_is_ready():
    """The web workbench's worker is spawned and then has a time budget per document: its setup
    analyses a warm-up text and loads jieba's tagger (which only some lines need), so that no
    document pays for them."""
    code = ("import sys; from analyzer.workers import _init_check, _state; _init_check(None, {}); "
            "print(_state.get('failure'), 'jieba.posseg' in sys.modules, sys.modules['jieba'].dt.initialized)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.stdout.split() == ["None", "True", "True"], proc.stderr
