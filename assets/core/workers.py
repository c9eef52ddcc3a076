"""A pool of worker processes, kept for the life of the process, and an ordered map over it.

Ingest reads a batch's files on it and extract parses articles on it: both need results in
input order, a bounded number of items in flight (memory stays flat however large the batch),
and one set of workers (each may hold a loaded model). `prestart` starts the workers early so
they load what they need while this process does something else.

This module imports neither Dagster nor pandas: workers start light.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

CHUNK_ITEMS = 32  # items per task sent to a worker
IN_FLIGHT_PER_WORKER = 8  # tasks queued per worker: a slow one must not leave the other workers idle


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork_workers() -> bool:
    """Daemonic processes (a Dask worker, a multiprocessing pool worker) may not have children."""
    return not multiprocessing.current_process().daemon


def worker_count(n_process: int, n_items: int, chunk: int = CHUNK_ITEMS) -> int:
    """Processes to handle `n_items` with: `n_process` (0 = every usable core), never more than
    there are chunks, and 1 (in this process) where children cannot be started."""
    wanted = n_process if n_process > 0 else usable_cores()
    chunks = -(-n_items // chunk) if n_items else 0
    n = min(wanted, chunks)
    return n if n > 1 and can_fork_workers() else 1


_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(n: int) -> ProcessPoolExecutor:
    """A pool kept for the life of the process, so consecutive batches load the model once."""
    if n not in _pools:
        shutdown_pools()  # one pool at a time: each worker may hold a model
        _pools[n] = ProcessPoolExecutor(max_workers=n, mp_context=_context())
    return _pools[n]


_fork_unsafe = False


def avoid_fork() -> None:
    """Start later pools by spawn: this process runs threads that a forked child cannot use
    (torch's, once the accurate profile's tagger has run here: the child hangs on its first
    forward pass)."""
    global _fork_unsafe
    _fork_unsafe = True


def _context():
    """fork where there is one (as spaCy's own n_process does): workers start in a blink and
    share the parent's imported modules (they never touch the parent's open files or threads).
    spawn elsewhere, which needs the calling script to guard `if __name__ == "__main__"`, and
    after `avoid_fork`."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and not _fork_unsafe else "spawn")


def prestart(warm_up: Callable[[], object], n: int) -> None:
    """Start `n` workers now, each running `warm_up` (loading a model), while this process does
    something else. A single worker (n = 1) serves `ordered_map(..., 1, prestarted=True)`."""
    if can_fork_workers():
        pool = _pool(n)
        for _ in range(n):
            pool.submit(warm_up)


def shutdown_pools() -> None:
    """Stop the worker processes (and free their memory) once no work is left for them."""
    while _pools:
        _, pool = _pools.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pools)


def ordered_map(fn: Callable, items: Iterable, n_process: int, prestarted: bool = False) -> Iterator:
    """`fn(item)` for every item, in order, on `n_process` workers (1: in this process, or on
    the single worker `prestart` started if `prestarted`), with a bounded number in flight."""
    if n_process <= 1 and not (prestarted and 1 in _pools):
        yield from map(fn, items)
        return
    n_process = max(n_process, 1)
    pool = _pool(n_process)
    pending: deque[Future] = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= n_process * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        for future in pending:
            future.cancel()
        shutdown_pools()  # a broken or interrupted pool is not reused
        raise
