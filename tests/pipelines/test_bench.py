"""`newsclaims bench`: the corpus it makes, what it measures, and one small run of it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assets.core.parts import table_rows
from pipelines.bench import BenchRow, format_table, make_corpus, measure
from pipelines.cli import main
from tests.conftest import FIXTURES

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out


def test_a_repeated_corpus_has_distinct_texts_and_ids(tmp_path):
    from assets.ingest.readers import Article, discover, read_path

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((FIXTURES / "ministry_briefing.txt").read_text())
    paths = make_corpus(corpus, 3, tmp_path / "copies")
    assert paths[0] == str(corpus) and len(paths) == 3
    articles = [a for f in discover(paths) for a in read_path(f) if isinstance(a, Article)]
    assert len(articles) == 3
    assert len({a.article_id for a in articles}) == 3  # not rejected as duplicates
    assert len({a.external_id for a in articles[1:]}) == 2
    # the copies live in the given folder, nowhere else
    assert all(Path(p).parent == tmp_path / "copies" for p in paths[1:])


def test_measure_times_a_process_and_its_memory(tmp_path):
    m = measure([sys.executable, "-c", "import time; x = bytearray(50 * 2**20); time.sleep(1)"], tmp_path / "log")
    assert m.exit_code == 0 and 1 <= m.seconds < 30
    assert m.peak_rss_mb >= 50


def test_the_table_has_a_row_per_process_count():
    rows = [BenchRow(1, 100, 20.0, 5.0, 0, 900, 800, 18.0, 1.8, 1.11, 1.0, 1, 8.0, 6.0), BenchRow(2, 100, 11.0)]
    table = format_table(rows, Path("/corpus"), 1)
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(lines) == 3  # header and two rows
    assert "| 1 | 100 | 20.0 | 5.0 | 18.0 | 1.11 |" in table
    assert "| 2 | 100 | 11.0 |" in table


def test_bench_runs_end_to_end_on_a_small_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((FIXTURES / "ministry_briefing.txt").read_text())
    out = tmp_path / "bench.json"
    code = main(
        [
            "bench",
            str(corpus),
            "--n-process",
            "1",
            "--no-incremental",
            "--json",
            str(out),
            "--keep",
            str(tmp_path / "work"),
        ]
    )
    assert code == 0
    report = json.loads(out.read_text())
    [row] = report["rows"]
    assert row["articles"] == 1 and row["exit_code"] == 0
    assert row["end_to_end_s"] > 0 and row["bare_s"] > 0 and row["ratio"] > 0
    assert row["peak_rss_mb"] > 100
    assert "| n_process |" in capsys.readouterr().out
    warehouse = tmp_path / "work" / "n1" / "warehouse"
    assert table_rows(warehouse, "claims") > 0
