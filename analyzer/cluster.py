"""A batch on a Dask distributed cluster: ``jingzi batch PATH... --out DIR --scheduler ADDRESS``.

:class:`DaskPool` has the interface of :class:`~analyzer.workers.WorkerPool` — ``map`` yields
``fn(*args)`` in input order and a failed task becomes ``failed(args, error)`` — so
:mod:`analyzer.batch` runs the very same passes on a cluster as on one machine, and a
cluster run writes exactly what a local run of the same inputs writes.

Where the work happens: every task goes to the cluster, which places it on a worker. Each
Dask worker process keeps one jingzi :class:`~analyzer.workers.WorkerPool` of a single
child process, set up once (models loaded once per worker), so a document keeps its time
budget (``timeout``) and a document that crashes the child gets ``worker_died`` exactly as
locally. A Dask worker that is lost (a machine gone, kill -9) has its tasks rescheduled by
the scheduler; a task that has lost ``distributed.scheduler.allowed-failures`` workers
comes back as :class:`distributed.KilledWorker` and gets a ``worker_died`` row. Either way
the rest of the batch completes.

Inputs, the output folder (with its cache and the batch library) and the user's reference
library must be on a path every worker sees (a shared file system) under the same name. The
scheduler address is what ``dask scheduler`` prints (``tcp://HOST:8786``).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
from collections import deque
from typing import Callable, Iterable, Iterator

from .errors import JingziError, SetupError
from .limits import DOCUMENT_SECONDS
from .workers import WINDOW, WorkerPool

_FAILED = "__jingzi_failed__"
CONNECT_SECONDS = 10      # to reach the scheduler before ``scheduler_unreachable``
_lock = threading.Lock()  # one task at a time per worker process, whatever its --nthreads
_pools: dict = {}         # per worker process: (initializer, initargs, timeout) -> WorkerPool


def _failed_marker(args: tuple, error: dict) -> tuple:
    """Run on a worker: a failure travels back as data; the caller's ``failed`` turns it into a row."""
    return _FAILED, error


def _run(token: str, initializer: Callable, initargs: tuple, timeout: float, fn: Callable, args: tuple):
    """Run on a Dask worker: ``fn(*args)`` in this worker's jingzi pool, set up on first use
    (``token`` names the setup: the same initializer and arguments give the same token)."""
    key = (token, timeout)
    with _lock:
        pool = _pools.get(key)
        if pool is None:
            for old in _pools.values():  # another batch's pool: its models are not needed now
                old.close()
            _pools.clear()
            # a Dask worker process is daemonic, and multiprocessing refuses children to daemons
            # lest they be orphaned; jingzi's workers die with their parent (PR_SET_PDEATHSIG and a
            # watchdog, see analyzer/workers.py), so the refusal does not apply to them
            multiprocessing.current_process()._config["daemon"] = False
            pool = _pools[key] = WorkerPool(1, initializer, initargs, timeout)
        return next(pool.map(fn, [args], _failed_marker))


class DaskPool:
    """Tasks of a batch pass on the Dask cluster at ``address``; see the module docstring."""

    def __init__(self, address: str, initializer: Callable, initargs: tuple, timeout: float = DOCUMENT_SECONDS):
        """Connect to the scheduler at ``address``: a ``setup`` error when there is none."""
        try:
            from distributed import Client
        except ImportError as exc:
            raise SetupError("dask_missing", "没有安装 Dask / Dask is not installed") from exc
        try:
            self.client = Client(address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
        except OSError as exc:
            raise SetupError("scheduler_unreachable", f"无法连接调度器 / cannot reach the scheduler at {address}: "
                                                      f"{exc}") from exc
        # the set-up arguments (e.g. every page name of the batch) travel once to each worker
        self.initializer, self.timeout = initializer, timeout
        self.initargs = self.client.scatter([initargs], broadcast=True, hash=False)[0]
        self.token = hashlib.sha256(pickle.dumps((initializer.__module__, initializer.__qualname__, initargs),
                                                 protocol=5)).hexdigest()
        self.workers = max(len(self.client.scheduler_info()["workers"]), 1)

    def __enter__(self) -> "DaskPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def map(self, fn: Callable, calls: Iterable[tuple], failed: Callable[[tuple, dict], object]) -> Iterator:
        """``fn(*args)`` for each ``args`` of ``calls``, yielded in input order; at most ``WINDOW``
        tasks per worker are in flight, so memory stays flat in the number of documents."""
        from distributed import KilledWorker

        pending: deque = deque()
        calls = iter(calls)
        window = WINDOW * self.workers
        while True:
            while len(pending) < window:
                args = next(calls, None)
                if args is None:
                    break
                pending.append((args, self.client.submit(_run, self.token, self.initializer, self.initargs,
                                                         self.timeout, fn, args, pure=False)))
            if not pending:
                return
            args, future = pending.popleft()
            try:
                result = future.result()
            except KilledWorker as exc:
                yield failed(args, JingziError("worker_died", f"分析所在的集群节点多次失联 / the cluster lost the "
                                                              f"workers running it ({exc})").to_dict())
                continue
            except Exception as exc:  # an error of the cluster itself, not of the document
                yield failed(args, JingziError("analysis_failed", f"集群任务失败 / the cluster task failed: "
                                                                  f"{type(exc).__name__}: {exc}").to_dict())
                continue
            if isinstance(result, tuple) and len(result) == 2 and result[0] == _FAILED:
                yield failed(args, result[1])
            else:
                yield result
