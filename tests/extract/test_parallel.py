"""Parsing and reading on several processes give, row for row, what one process gives."""

from __future__ import annotations

import os
from functools import partial

import pyarrow as pa
import pytest

from assets.core.settings import default_model
from assets.core.workers import _pools, ordered_map, shutdown_pools, usable_cores, worker_count
from assets.core.workers import prestart as prestart_workers
from assets.extract.parallel import parse_articles, prestart
from assets.ingest.readers import Article, ReadOptions, discover, read_files
from pipelines import SAMPLES_DIR
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def records():
    files = discover([SAMPLES_DIR, FIXTURES / "ministry_briefing.txt", FIXTURES / "feed.jsonl"])
    articles = [a for a in read_files(files) if isinstance(a, Article)]
    return [
        {
            "article_id": a.article_id,
            "input_uri": a.input_uri,
            "text": a.text,
            "published_at": a.published_at,
            "dateline_date": a.dateline_date,
            "dateline_text": a.dateline_text,
        }
        for a in articles
    ]


def _tables(results) -> dict[str, pa.Table]:
    results = list(results)
    return {t: pa.concat_tables(r.tables[t] for r in results) for t in results[0].tables}


def test_two_processes_give_the_rows_of_one(records):
    chunks = [records[i : i + 2] for i in range(0, len(records), 2)]
    assert len(chunks) > 2
    try:
        one = _tables(parse_articles(chunks, default_model(), 1, 64))
        two = _tables(parse_articles(chunks, default_model(), 2, 64))
    finally:
        shutdown_pools()
    for table in one:
        assert one[table].equals(two[table]), table
    assert one["claims"].num_rows > 10


def test_files_are_read_in_order_on_several_processes():
    files = discover([SAMPLES_DIR, FIXTURES])
    chunks = [files[i : i + 3] for i in range(0, len(files), 3)]
    read = partial(read_files, options=ReadOptions())
    try:
        two = [item for items in ordered_map(read, chunks, 2) for item in items]
    finally:
        shutdown_pools()
    assert two == read_files(files)


def test_worker_count():
    assert worker_count(2, 10) == 1  # one chunk: parsed in this process
    assert worker_count(2, 1000) == 2
    assert worker_count(1, 1000) == 1
    assert worker_count(8, 64) == 2  # never more processes than chunks
    assert worker_count(0, 0) == 1


def test_a_small_batch_is_parsed_on_the_worker_prestarted_for_it(records):
    """The pipeline loads on a spare core while the run is set up; the rows are those of one process."""
    chunks = [records[:2]]
    try:
        here = _tables(parse_articles(chunks, default_model(), 1, 64))
        prestart(default_model(), 2, 2)
        assert usable_cores() < 2 or 1 in _pools  # one worker for a batch too small to share
        there = _tables(parse_articles(chunks, default_model(), 1, 64))
    finally:
        shutdown_pools()
    for table in here:
        assert here[table].equals(there[table]), table


def test_reading_never_waits_for_a_worker_prestarted_to_parse():
    try:
        prestart_workers(os.getpid, 1)
        pids = list(ordered_map(lambda _: os.getpid(), range(3), 1))
        on_worker = list(ordered_map(_pid, range(3), 1, prestarted=True))
    finally:
        shutdown_pools()
    assert pids == [os.getpid()] * 3  # in this process
    assert os.getpid() not in on_worker


def _pid(_: object) -> int:
    return os.getpid()
