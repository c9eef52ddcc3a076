"""Append, don't rewrite: each build adds one part per table; compaction rewrites them as one.

The rows are those of a warehouse built in one go, whatever the parts; the same runs give
byte-identical parts in two warehouses; a part the commit does not hold is never read.
"""

from __future__ import annotations

import hashlib
import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from assets.core.contract import SCHEMAS, TABLES
from assets.core.parts import ENRICHED, current_parts, table_dir
from assets.core.settings import NewsclaimsSettings
from assets.tables.commit import read_commit
from pipelines import SAMPLES_DIR
from pipelines.cli import main
from pipelines.run import run_pipeline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.pipeline

VIEWS = [*TABLES, "claims_enriched", "claims_about_actors"]


def rows(warehouse) -> dict[str, tuple[int, str]]:
    """Rows of every view of news.duckdb and a hash of them, sorted; without `batch`, which names
    the input batch a row came in (one batch in one go, one per run else)."""
    out = {}
    with duckdb.connect(str(warehouse / "news.duckdb"), read_only=True) as con:
        for view in VIEWS:
            df = con.execute(f"SELECT * FROM {view}").df().drop(columns="batch", errors="ignore").astype(str)
            lines = sorted(df.to_csv(index=False, header=False).splitlines())
            out[view] = (len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest())
    return out


def names(warehouse, table="claims") -> list[str]:
    return sorted(p.name for p in table_dir(warehouse, table).iterdir())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("parts_inputs")
    folders = [root / "one", root / "two", root / "three"]
    for folder in folders:
        folder.mkdir()
    samples = sorted(SAMPLES_DIR.iterdir())
    for i, f in enumerate(samples):
        shutil.copy(f, folders[min(i // 2, 1)] / f.name)
    shutil.copy(FIXTURES / "ministry_briefing.txt", folders[2])
    return folders


def build(warehouse, inputs, steps, **settings) -> NewsclaimsSettings:
    config = NewsclaimsSettings(warehouse_dir=str(warehouse), n_process=1, **settings)
    for n in steps:
        outcome = run_pipeline(config, [str(f) for f in inputs[:n]])
        assert outcome.ok, (outcome.errors, outcome.blocking_failures)
    return config


@pytest.fixture(scope="module")
def in_one_go(inputs, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("one_go") / "wh"
    build(warehouse, inputs, [3])
    return warehouse


@pytest.fixture(scope="module")
def appended(inputs, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("appended") / "wh"
    build(warehouse, inputs, [1, 2, 3])
    return warehouse


def test_each_run_appends_a_part_to_every_table_with_the_rows_of_one_build(in_one_go, appended):
    assert names(in_one_go) == ["part-00001-00001.parquet"]
    for table in [*TABLES, ENRICHED]:
        expected = (
            ["part-00001-00003.parquet"] if table == "actors" else [f"part-0000{n}-0000{n}.parquet" for n in (1, 2, 3)]
        )
        assert names(appended, table) == expected, table
    commit = read_commit(appended)
    assert [e["file"] for e in commit["tables"]["claims"]["parts"]] == names(appended)
    assert commit["tables"]["claims"]["rows"] == sum(
        pq.ParquetFile(p).metadata.num_rows for p in current_parts(appended, "claims")
    )
    assert rows(appended) == rows(in_one_go)
    # The folder reads as the table, as the view does.
    claims = duckdb.sql("SELECT count(*) FROM read_parquet(?)", params=[str(appended / "claims.parquet")]).fetchall()[
        0
    ][0]
    with duckdb.connect(str(appended / "news.duckdb"), read_only=True) as con:
        assert claims == con.execute("SELECT count(*) FROM claims").fetchall()[0][0] > 0


def test_the_same_runs_give_byte_identical_parts(inputs, appended, tmp_path):
    again = tmp_path / "wh"
    build(again, inputs, [1, 2, 3])
    for table in [*TABLES, ENRICHED]:
        for part in current_parts(appended, table):
            assert (table_dir(again, table) / part.name).read_bytes() == part.read_bytes(), (table, part.name)


def test_compaction_rewrites_each_table_as_one_part_with_the_same_rows(inputs, appended, in_one_go, tmp_path, capsys):
    warehouse = tmp_path / "wh"
    shutil.copytree(appended, warehouse)
    before = rows(warehouse)
    assert main(["compact", str(warehouse)]) == 0
    assert "checks: 38 passed, 0 failed" in capsys.readouterr().out
    for table in [*TABLES, ENRICHED]:
        assert names(warehouse, table) == ["part-00001-00003.parquet"], table
    assert rows(warehouse) == before
    # Sorted across the corpus: the part a build of every input in one go writes, byte for byte
    # (but for the tables naming each row's input batch).
    for table in (t for t in TABLES if "batch" not in SCHEMAS[t].names):
        compacted = (table_dir(warehouse, table) / "part-00001-00003.parquet").read_bytes()
        assert compacted == current_parts(in_one_go, table)[0].read_bytes(), table
    quiet = run_pipeline(NewsclaimsSettings(warehouse_dir=str(warehouse), n_process=1), [str(f) for f in inputs])
    assert quiet.batches == [] and quiet.uncommitted == []


def test_a_table_reaching_max_parts_is_compacted_by_the_run(inputs, in_one_go, tmp_path):
    warehouse = tmp_path / "wh"
    build(warehouse, inputs, [1, 2, 3], max_table_parts=2)
    assert names(warehouse) == ["part-00001-00003.parquet"]  # 1-1, 2-2, then all three at once
    assert rows(warehouse) == rows(in_one_go)


def test_a_part_the_commit_does_not_hold_is_removed_and_never_read(inputs, appended, tmp_path):
    warehouse = tmp_path / "wh"
    shutil.copytree(appended, warehouse)
    before = rows(warehouse)
    stray = table_dir(warehouse, "claims") / "part-00004-00004.parquet"
    shutil.copy(current_parts(warehouse, "claims")[0], stray)  # as a build killed before its commit
    assert rows(warehouse) == before  # the views name the committed parts
    outcome = run_pipeline(NewsclaimsSettings(warehouse_dir=str(warehouse), n_process=1), [str(f) for f in inputs])
    assert outcome.batches == [] and outcome.uncommitted == [] and not stray.exists()
