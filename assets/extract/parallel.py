"""Parse articles into rows, in bounded chunks, on every usable core.

Worker processes load the spaCy pipeline once and turn a chunk of articles into the rows of
the per-article tables (as Arrow tables), so only rows, never parsed docs, travel back to the
parent: the parent just writes them. Chunks are submitted a few at a time and collected in
order, so memory stays flat however many articles a batch holds, and the output is the same
row for row as parsing everything in one process. The same pool reads the input files of a
batch (`ordered_map`), and can be started early (`prestart`) so the workers load the model
while the files are being read.

This module imports neither Dagster nor pandas: workers start light.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

import pyarrow as pa

from pipelines.schema import STAGED_SCHEMAS

from .rows import PER_ARTICLE_TABLES, anchor_of, article_rows

CHUNK_ARTICLES = 32  # articles per task sent to a worker
IN_FLIGHT_PER_WORKER = 8  # chunks queued per worker: a slow chunk must not leave the other workers idle


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork_workers() -> bool:
    """Daemonic processes (a Dask worker, a multiprocessing pool worker) may not have children."""
    return not multiprocessing.current_process().daemon


def worker_count(n_process: int, n_items: int, chunk: int = CHUNK_ARTICLES) -> int:
    """Processes to handle `n_items` with: `n_process` (0 = every usable core), never more than
    there are chunks, and 1 (in this process) where children cannot be started."""
    wanted = n_process if n_process > 0 else usable_cores()
    chunks = -(-n_items // chunk) if n_items else 0
    n = min(wanted, chunks)
    return n if n > 1 and can_fork_workers() else 1


@dataclass
class ChunkResult:
    tables: dict[str, pa.Table]
    errors: dict[str, list[str]] = field(default_factory=dict)
    model: str = ""
    n_articles: int = 0


# --- in a worker (or in this process when working alone) ---------------------------------------


def load(model: str) -> None:
    """Load the pipeline (cached per process)."""
    from .pipeline import load_pipeline

    load_pipeline(model)


def parse_chunk(records: list[dict], model: str, batch_size: int) -> ChunkResult:
    """Articles (records of the articles table, with Python dates) → rows of every per-article table."""
    from .pipeline import load_pipeline, model_version

    nlp = load_pipeline(model)
    rows: dict[str, list[dict]] = {t: [] for t in PER_ARTICLE_TABLES}
    errors: dict[str, list[str]] = {}
    for record, doc in zip(records, nlp.pipe(_docs(nlp, records), batch_size=batch_size)):
        if doc._.errors:
            errors[record["input_uri"]] = list(doc._.errors)
        for table, table_rows in article_rows(record, doc).items():
            rows[table].extend(table_rows)
    tables = {t: pa.Table.from_pylist(rows[t], schema=STAGED_SCHEMAS[t]) for t in PER_ARTICLE_TABLES}
    return ChunkResult(tables, errors, model_version(nlp), len(records))


def _docs(nlp, records: list[dict]) -> Iterator:
    """Docs carrying their anchor date, so the time-expression component can resolve 'next month'."""
    for record in records:
        doc = nlp.make_doc(record["text"])
        anchor = anchor_of(record)
        doc._.anchor_date = anchor.isoformat() if anchor else None
        yield doc


# --- in the parent -------------------------------------------------------------------------------

_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(n: int) -> ProcessPoolExecutor:
    """A pool kept for the life of the process, so consecutive batches load the model once."""
    if n not in _pools:
        shutdown_pools()  # one pool at a time: each worker may hold a model
        _pools[n] = ProcessPoolExecutor(max_workers=n, mp_context=_context())
    return _pools[n]


def _context():
    """fork where there is one (as spaCy's own n_process does): workers start in a blink and
    share the parent's imported modules (they never touch the parent's open files or threads).
    spawn elsewhere, which needs the calling script to guard `if __name__ == "__main__"`."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def prestart(model: str, n_process: int) -> None:
    """Start the workers now and have them load the pipeline, while this process does
    something else (reads the input files)."""
    n = worker_count(n_process, 2 * CHUNK_ARTICLES * usable_cores())
    if n > 1:
        pool = _pool(n)
        for _ in range(n):
            pool.submit(load, model)


def shutdown_pools() -> None:
    """Stop the worker processes (and free their memory) once no batch is left to parse."""
    while _pools:
        _, pool = _pools.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pools)


def ordered_map(fn: Callable, items: Iterable, n_process: int) -> Iterator:
    """`fn(item)` for every item, in order, on `n_process` workers (1: in this process), with a
    bounded number of items in flight."""
    if n_process <= 1:
        yield from map(fn, items)
        return
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


def parse_articles(chunks: Iterable[list[dict]], model: str, n_process: int, batch_size: int) -> Iterator[ChunkResult]:
    """Results of `parse_chunk` over `chunks`, in order; `n_process` 1 parses in this process."""
    return ordered_map(partial(parse_chunk, model=model, batch_size=batch_size), chunks, n_process)
