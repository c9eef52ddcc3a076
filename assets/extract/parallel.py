"""Parse articles into rows, in bounded chunks, on every usable core.

Each worker process loads the spaCy pipeline once and turns a chunk of articles into the rows
of the per-article tables (as Arrow tables), so only rows, never parsed docs, travel back to
the parent: the parent just writes them. Chunks are submitted a few at a time and collected
in order, so memory stays flat however many articles a batch holds, and the output is the same
row for row as parsing everything in one process.

This module imports neither Dagster nor pandas: workers start light.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

import pyarrow as pa

from pipelines.schema import STAGED_SCHEMAS

from .rows import PER_ARTICLE_TABLES, anchor_of, article_rows

CHUNK_ARTICLES = 32  # articles per task sent to a worker
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, few enough to stay small


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork_workers() -> bool:
    """Daemonic processes (a Dask worker, a multiprocessing pool worker) may not have children."""
    return not multiprocessing.current_process().daemon


def worker_count(n_process: int, n_articles: int, chunk: int = CHUNK_ARTICLES) -> int:
    """Processes to parse `n_articles` with: `n_process` (0 = every usable core), never more than
    there are chunks, and 1 (in this process) where children cannot be started."""
    wanted = n_process if n_process > 0 else usable_cores()
    chunks = -(-n_articles // chunk) if n_articles else 0
    n = min(wanted, chunks)
    return n if n > 1 and can_fork_workers() else 1


@dataclass
class ChunkResult:
    tables: dict[str, pa.Table]
    errors: dict[str, list[str]] = field(default_factory=dict)
    model: str = ""
    n_articles: int = 0


# --- in a worker (or in this process when parsing alone) ---------------------------------------

_model: dict[str, object] = {}


def _init_worker(model: str, batch_size: int) -> None:
    from .pipeline import load_pipeline

    _model["nlp"] = load_pipeline(model)
    _model["batch_size"] = batch_size


def parse_chunk(records: list[dict]) -> ChunkResult:
    """Articles (records of the articles table, with Python dates) → rows of every per-article table."""
    from .pipeline import model_version

    nlp = _model["nlp"]
    rows: dict[str, list[dict]] = {t: [] for t in PER_ARTICLE_TABLES}
    errors: dict[str, list[str]] = {}
    for record, doc in zip(records, nlp.pipe(_docs(nlp, records), batch_size=_model["batch_size"])):
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

_pools: dict[tuple[str, int, int], ProcessPoolExecutor] = {}


def _pool(model: str, n: int, batch_size: int) -> ProcessPoolExecutor:
    """A pool kept for the life of the process, so consecutive batches load the model once."""
    key = (model, n, batch_size)
    if key not in _pools:
        shutdown_pools()  # one pool at a time: each worker holds a model
        _pools[key] = ProcessPoolExecutor(
            max_workers=n,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(model, batch_size),
        )
    return _pools[key]


def _context():
    """fork where there is one (as spaCy's own n_process does): workers start in a blink and
    share the parent's imported modules; the parent holds no model and no open writers then.
    spawn elsewhere, which needs the calling script to guard `if __name__ == "__main__"`."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def shutdown_pools() -> None:
    """Stop the worker processes (and free their memory) once no batch is left to parse."""
    while _pools:
        _, pool = _pools.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pools)


def parse_articles(chunks: Iterable[list[dict]], model: str, n_process: int, batch_size: int) -> Iterator[ChunkResult]:
    """Results of `parse_chunk` over `chunks`, in order; `n_process` 1 parses in this process."""
    if n_process <= 1:
        _init_worker(model, batch_size)  # the pipeline is cached: loaded once per process
        for chunk in chunks:
            yield parse_chunk(chunk)
        return
    pool = _pool(model, n_process, batch_size)
    pending: deque[Future] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(parse_chunk, chunk))
            if len(pending) >= n_process * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        for future in pending:
            future.cancel()
        shutdown_pools()  # a broken or interrupted pool is not reused
        raise
