"""Parse articles into rows, in bounded chunks, on the worker pool (`assets.core.workers`).

Workers load the spaCy pipeline once and turn a chunk of articles into the rows of the
per-article tables (as Arrow tables), so only rows, never parsed docs, travel back to the
parent: the parent just writes them. Chunks are collected in order, so the output is the same
row for row as parsing everything in one process.

This module imports neither Dagster nor pandas, and spaCy only where a chunk is parsed: workers
start light, and a parent whose workers parse never loads the parser at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyarrow as pa

from assets.core.contract import PER_ARTICLE_TABLES, STAGED_SCHEMAS
from assets.core.environment import profile as current_profile
from assets.core.workers import CHUNK_ITEMS, ordered_map, usable_cores, worker_count
from assets.core.workers import prestart as prestart_workers
from assets.ingest.batches import batch_files

CHUNK_ARTICLES = CHUNK_ITEMS  # articles per task sent to a worker
BYTES_PER_ARTICLE = 2**20 // 400  # of a news article's file: a batch's size guessed before it is read


@dataclass
class ChunkResult:
    tables: dict[str, pa.Table]
    errors: dict[str, list[str]] = field(default_factory=dict)
    model: str = ""
    n_articles: int = 0


# --- in a worker (or in this process when working alone) ---------------------------------------


def load(model: str, profile: str) -> None:
    """Load the pipeline (cached per process)."""
    # lazy: spaCy loads where articles are parsed
    from .pipeline import load_pipeline

    _follow(profile)
    load_pipeline(model)


def _follow(profile: str) -> None:
    """Take the parent's profile: a worker kept from an earlier batch has the environment it was
    started with, and the attribution models read the profile from the environment."""
    os.environ["NEWSCLAIMS_PROFILE"] = profile


def parse_chunk(records: list[dict], model: str, batch_size: int, profile: str = "default") -> ChunkResult:
    """Articles (records of the articles table, with Python dates) → rows of every per-article table."""
    # lazy: spaCy loads where articles are parsed
    from .pipeline import load_pipeline, pipeline_version

    # lazy: as above
    from .rows import article_rows

    _follow(profile)
    nlp = load_pipeline(model)
    rows: dict[str, list[dict]] = {t: [] for t in PER_ARTICLE_TABLES}
    errors: dict[str, list[str]] = {}
    for record, doc in zip(records, nlp.pipe(_docs(nlp, records), batch_size=batch_size)):
        if doc._.errors:
            errors[record["input_uri"]] = list(doc._.errors)
        for table, table_rows in article_rows(record, doc).items():
            rows[table].extend(table_rows)
    tables = {t: pa.Table.from_pylist(rows[t], schema=STAGED_SCHEMAS[t]) for t in PER_ARTICLE_TABLES}
    return ChunkResult(tables, errors, pipeline_version(nlp), len(records))


def _docs(nlp, records: list[dict]) -> Iterator:
    """Docs carrying their anchor date, so the time-expression component can resolve 'next month'."""
    # lazy: as above
    from .rows import anchor_of

    for record in records:
        doc = nlp.make_doc(record["text"])
        anchor = anchor_of(record)
        doc._.anchor_date = anchor.isoformat() if anchor else None
        yield doc


# --- in the parent -------------------------------------------------------------------------------


def prestart(model: str, n_process: int, n_articles: int) -> None:
    """Start the workers now and have them load the pipeline, while this process does
    something else (reads the input files, starts the run).

    A batch too small to share is parsed on one worker all the same when there is a core to
    spare: the pipeline loads there while this process sets the run up, instead of after it.
    """
    n = worker_count(n_process, n_articles)
    if n == 1 and (n_process == 1 or usable_cores() < 2):
        return
    prestart_workers(partial(load, model, current_profile()), n)


def prestart_for(warehouse: Path, batches: list[str], model: str, n_process: int) -> None:
    """`prestart` for the pending `batches`, their number of articles guessed from their files."""
    new_bytes = sum(f.stat().st_size for key in batches for f in batch_files(warehouse, key) if f.exists())
    prestart(model, n_process, max(1, new_bytes // BYTES_PER_ARTICLE))


def parse_articles(chunks: Iterable[list[dict]], model: str, n_process: int, batch_size: int) -> Iterator[ChunkResult]:
    """Results of `parse_chunk` over `chunks`, in order; `n_process` 1 parses in this process
    unless a worker was prestarted for it."""
    parse = partial(parse_chunk, model=model, batch_size=batch_size, profile=current_profile())
    return ordered_map(parse, chunks, n_process, prestarted=True)
