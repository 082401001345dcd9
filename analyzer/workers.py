"""Worker processes with a time budget per document: the one place `check` and `batch` run analysis.

Each worker is a spawned process that builds its state once (``initializer``) and then runs
one task at a time. The parent waits on every worker's pipe and process with the earliest
deadline as its timeout, so it never blocks on a worker:

- a task that runs past its budget (:data:`~analyzer.limits.DOCUMENT_SECONDS`) gets a
  ``timeout`` error and its worker is killed — a runaway C-level loop included;
- a worker that dies (kill -9, the out-of-memory killer, a crash in a C extension) is
  replaced and its task retried once on a fresh worker; a task that kills its worker again
  gets a ``worker_died`` error;
- workers exit when the parent dies: ``PR_SET_PDEATHSIG`` on Linux, and a thread that
  watches the parent's pid elsewhere (and as a second line on Linux).
- every wait has a deadline: a busy worker its task's budget, a starting worker
  ``start_timeout`` to report ready (one stuck in its setup is replaced like a dead one),
  and finished results are yielded before the window of queued tasks is refilled.

>>> with WorkerPool(1, _noop, (), start_method=FORK) as pool:
...     list(pool.map(abs, [(-1,), (2,)], lambda args, error: error["code"]))
[1, 2]
"""
from __future__ import annotations

import copy
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from itertools import islice
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from .errors import JingziError
from .ingest import display_name
from .limits import CHUNK_DOCUMENTS, DOCUMENT_SECONDS, WORKER_RETRIES, WORKER_START_SECONDS

# fork (Linux only) starts a worker from the parent's loaded models in milliseconds; spawn is safe anywhere
FORK = "fork" if sys.platform == "linux" else "spawn"
WINDOW = 8  # tasks taken from the input per worker ahead of the one being yielded: bounds memory
_PR_SET_PDEATHSIG = 1


def _noop() -> None:
    """An initializer with nothing to set up."""


def _die_with_parent(parent: int) -> None:
    """Make this process exit when ``parent`` does."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the watchdog thread alone
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="parent-watchdog").start()


def _serve(conn, parent: int, initializer: Callable, initargs: tuple) -> None:
    """Worker main loop: set up once, then answer ``(index, fn, args)`` with ``(index, ok, result)``."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    initializer(*initargs)
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, fn, args = message
        try:
            result = (index, True, fn(*args))
        except Exception as exc:  # the task's own errors are the caller's to report
            result = (index, False, f"{type(exc).__name__}: {exc}")
        conn.send(result)


class _Worker:
    def __init__(self, context, initializer: Callable, initargs: tuple, start_timeout: float):
        """Start one worker process (its own pipe end is closed here, so EOF means it died) that
        must report ready within ``start_timeout`` seconds."""
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid(), initializer, initargs),
                                       daemon=True, name="jingzi-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.task: tuple | None = None  # (index, args, attempts)
        self.deadline = time.monotonic() + start_timeout  # to report ready, then to finish its task

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """``jobs`` worker processes, each set up by ``initializer(*initargs)``; see the module docstring.

    ``timeout`` is the budget of one task in seconds, counted from when a ready worker takes it;
    ``start_timeout`` the budget of a new worker to set up and report ready (a worker stuck in
    its setup, e.g. on a lock inherited through fork, is replaced like a dead one).
    ``start_method`` "fork" lets workers inherit what the parent loaded (see :func:`check_paths`).
    """

    def __init__(self, jobs: int, initializer: Callable, initargs: tuple, timeout: float = DOCUMENT_SECONDS,
                 start_method: str = "spawn", start_timeout: float = WORKER_START_SECONDS):
        self.context = multiprocessing.get_context(start_method)
        self.initializer, self.initargs, self.timeout = initializer, initargs, timeout
        self.start_timeout = start_timeout
        self.workers = [self._start() for _ in range(jobs)]
        self.deaths = 0  # worker deaths in a row without a finished task: a broken setup

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Ask every worker to exit; kill any that does not within a few seconds."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(5)
            worker.kill()
        self.workers = []

    def _start(self) -> _Worker:
        return _Worker(self.context, self.initializer, self.initargs, self.start_timeout)

    def map(self, fn: Callable, calls: Iterable[tuple], failed: Callable[[tuple, dict], object]) -> Iterator:
        """``fn(*args)`` for each ``args`` of ``calls``, yielded in input order. A task that fails
        (timeout, dead worker, an exception in ``fn``) yields ``failed(args, error object)``."""
        calls = iter(calls)
        queue: deque = deque()       # (index, args, attempts) waiting for a worker
        done: dict[int, object] = {}
        taken = next_out = 0
        exhausted = False
        window = WINDOW * max(1, len(self.workers))
        while True:
            while next_out in done:  # yield before refilling: a full window that just finished makes room
                yield done.pop(next_out)
                next_out += 1
            while not exhausted and taken - next_out < window:
                try:
                    queue.append((taken, next(calls), 0))
                    taken += 1
                except StopIteration:
                    exhausted = True
            if exhausted and next_out == taken:
                return
            self._dispatch(fn, queue)
            self._collect(queue, done, failed)

    def _dispatch(self, fn: Callable, queue: deque) -> None:
        for worker in self.workers:
            if worker.ready and worker.task is None and queue:
                task = queue.popleft()
                try:
                    worker.conn.send((task[0], fn, task[1]))
                except OSError:  # died while idle: not the task's fault
                    queue.appendleft(task)
                    continue
                worker.task, worker.deadline = task, time.monotonic() + self.timeout

    def _collect(self, queue: deque, done: dict, failed: Callable) -> None:
        """Wait for the next message, death or deadline; settle what happened. Every worker that
        is starting or busy has a deadline, so the wait is bounded whenever anything is pending."""
        now = time.monotonic()
        wait_for = min((w.deadline for w in self.workers), default=now) - now
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout=max(0.0, wait_for) if wait_for != float("inf") else None))
        for i, worker in enumerate(self.workers):
            dead = False
            if worker.conn in ready or worker.process.sentinel in ready:
                try:
                    while worker.conn.poll():
                        self._receive(worker, worker.conn.recv(), done, failed)
                except (EOFError, OSError):
                    dead = True
                dead = dead or not worker.process.is_alive()
            if dead:
                self._replace(i, queue, done, failed)
            elif worker.task is not None and time.monotonic() >= worker.deadline:
                index, args, _ = worker.task
                done[index] = failed(args, JingziError(
                    "timeout", f"分析超过 {self.timeout:g} 秒 / analysis took more than {self.timeout:g} s").to_dict())
                worker.task = None
                self._replace(i, queue, done, failed)
            elif not worker.ready and time.monotonic() >= worker.deadline:
                self._replace(i, queue, done, failed)

    def _receive(self, worker: _Worker, message, done: dict, failed: Callable) -> None:
        if message == "ready":
            worker.ready, worker.deadline = True, float("inf")
            return
        index, ok, result = message
        args = worker.task[1]
        worker.task, worker.deadline = None, float("inf")
        self.deaths = 0
        done[index] = result if ok else failed(args, JingziError(
            "analysis_failed", f"分析出错 / analysis failed: {result}").to_dict())

    def _replace(self, i: int, queue: deque, done: dict, failed: Callable) -> None:
        """Kill worker ``i`` (if still alive), retry or fail its task, start a fresh worker."""
        worker = self.workers[i]
        code = worker.process.exitcode
        worker.kill()
        if worker.task is not None:
            index, args, attempts = worker.task
            if attempts < WORKER_RETRIES:
                queue.appendleft((index, args, attempts + 1))
            else:
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                done[index] = failed(args, JingziError(
                    "worker_died", f"分析进程 {attempts + 1} 次意外终止 / the worker died {attempts + 1} times "
                                   f"analysing it ({how})").to_dict())
            self.deaths += 1
        elif not worker.ready:
            self.deaths += 1
        if self.deaths > 3 * len(self.workers):  # workers die before finishing anything: give up
            for index, args, _ in queue:
                done[index] = failed(args, JingziError(
                    "worker_died", "分析进程无法启动 / the workers keep dying before finishing a task").to_dict())
            queue.clear()
        self.workers[i] = self._start()


# --------------------------------------------------------------------------- check

_state: dict = {}


def check_paths(paths: Iterable[str], library: str | None = None, timeout: float = DOCUMENT_SECONDS,
                opinions: dict | None = None, **options) -> Iterator[dict]:
    """The report object of each path, in order, each analysed in a worker within ``timeout``
    seconds by ``Analyzer(library=library, **options)``, with ``opinions[path]`` (a list of
    collected opinions, or None) where given. Bad settings raise here."""
    with analysis_pool(library, timeout, **options) as pool:
        yield from analyse_paths(pool, paths, opinions)


def analysis_pool(library: str | None = None, timeout: float = DOCUMENT_SECONDS, analyzer=None,
                  **options) -> WorkerPool:
    """One worker that analyses documents (:func:`analyse_paths`) within ``timeout`` seconds
    each: how ``check`` and the workbench's ``/api/check`` run them. On Linux, from a
    single-threaded process, the worker is forked from ``analyzer`` (or a new
    ``Analyzer(**options)``) loaded here, at no start-up cost, and opens ``library`` itself;
    otherwise (the workbench's server runs threads) a spawned worker loads
    ``Analyzer(library=library, **options)`` once, after the same settings were tried here
    (unless ``analyzer`` is given), so that bad settings raise in the caller either way."""
    from .pipeline import Analyzer

    if not fork_is_safe():
        if analyzer is None:  # bad settings (a stale model, a missing library) raise here, not in the worker
            Analyzer(library=library, **options)
        return WorkerPool(1, _init_check, (library, options), timeout)
    from .copydetect import CopyDetector

    base = analyzer if analyzer is not None else Analyzer(**options)
    if library is not None:  # the worker opens the library: no SQLite connection crosses a fork
        base = copy.copy(base)
        base.copy_detector = CopyDetector.default()
    _state["analyzer"] = base
    return WorkerPool(1, _open_library, (library,), timeout, start_method=FORK)


def fork_is_safe() -> bool:
    """Whether a worker may be forked from this process: on Linux, and only while this thread
    is the only one. A lock that another thread holds at the moment of fork (a logging
    handler's, stderr's, a module being imported, jieba's) stays locked in the child forever."""
    return FORK == "fork" and threading.active_count() == 1


def analyse_paths(pool: WorkerPool, paths: Iterable[str], opinions: dict | None = None) -> Iterator[dict]:
    """The report object of each path, in order, from a pool made by :func:`analysis_pool`, up to
    :data:`~analyzer.limits.CHUNK_DOCUMENTS` paths per task, every stage over them
    (:meth:`~analyzer.pipeline.Analyzer.analyze_paths`: the same reports, faster). A chunk that
    fails as a whole (past the budget, a dead worker, an error) is analysed again path by path,
    so that a document over its budget gets its own ``timeout`` error object, as every failure does."""
    paths = iter(paths)
    while chunk := list(islice(paths, CHUNK_DOCUMENTS)):
        calls = [(path, (opinions or {}).get(path)) for path in chunk]
        found = None
        if len(calls) > 1:
            [found] = pool.map(_check_paths, [(calls,)], lambda args, error: None)
        yield from found if found is not None else pool.map(_check_path, calls, _failed_report)


# analysed once when a spawned worker starts, with jieba's tagger loaded, so the parts loaded on first
# use (the segmenter, jieba's dictionary and tagger, lazily loaded models) count against the start
# budget, not a document's
WARM_UP = "一、存在的问题\n在理论学习上还不够深入，对照检查发现差距。\n二、整改措施\n下一步，我将认真学习，抓好整改落实。"


def _init_check(library: str | None, options: dict) -> None:
    from . import noise
    from .pipeline import Analyzer

    try:
        _state["analyzer"] = Analyzer(library=library, **options)
        _state["analyzer"].analyze(WARM_UP)
        noise.load_tagger()
    except Exception as exc:  # e.g. a model missing: every document reports why
        _state["failure"] = f"{type(exc).__name__}: {exc}"


def _open_library(library: str | None) -> None:
    from .library import Library

    if library is not None:
        try:
            _state["analyzer"].copy_detector.library = Library(library)
        except Exception as exc:
            _state["failure"] = f"{type(exc).__name__}: {exc}"


def _check_path(path: str, opinions: list[str] | None = None) -> dict:
    if "failure" in _state:
        raise RuntimeError(_state["failure"])
    return _state["analyzer"].analyze_path(path, opinions).to_dict()


def _check_paths(calls: list[tuple[str, list[str] | None]]) -> list[dict]:
    """:func:`_check_path` of each (path, opinions) call, the files analysed together."""
    if "failure" in _state:
        raise RuntimeError(_state["failure"])
    paths, opinions = zip(*calls)
    return [report.to_dict() for report in _state["analyzer"].analyze_paths(paths, opinions)]


def _failed_report(args: tuple, error: dict) -> dict:
    from .report import Report

    return Report.failed(display_name(args[0]), display_name(os.path.basename(args[0])), error).to_dict()
