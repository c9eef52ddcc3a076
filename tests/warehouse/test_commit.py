"""The committed state, compared with what the tables should be; parts appended and superseded."""

from __future__ import annotations

import os

import pyarrow.parquet as pq

from assets.core.contract import SCHEMAS, STAGED_SCHEMAS
from assets.core.parts import ENRICHED, current_parts, part_name, table_dir
from assets.core.storage import write_json
from assets.tables.commit import committed_parts, read_commit, remove_uncommitted, uncommitted, write_commit


def add_batch(warehouse, key, seq):
    write_json(warehouse / "batches" / key / "inputs.json", {"key": key, "seq": seq, "files": []})
    (warehouse / "staging" / "claims").mkdir(parents=True, exist_ok=True)
    pq.write_table(STAGED_SCHEMAS["claims"].empty_table(), warehouse / "staging" / "claims" / f"{key}.parquet")


def write_parts(warehouse, first, last):
    for table, schema in {**SCHEMAS, ENRICHED: SCHEMAS["claims"]}.items():
        table_dir(warehouse, table).mkdir(parents=True, exist_ok=True)
        pq.write_table(schema.empty_table(), table_dir(warehouse, table) / part_name(first, last))


def warehouse_with(tmp_path, batches):
    warehouse = tmp_path / "wh"
    for seq, key in enumerate(batches):
        add_batch(warehouse, key, seq)
    write_parts(warehouse, 1, len(batches))
    (warehouse / "news.duckdb").write_bytes(b"x")
    return warehouse


def test_a_committed_warehouse_needs_nothing(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    assert uncommitted(warehouse) == ["no committed state"]
    write_commit(warehouse)
    assert uncommitted(warehouse) == []
    commit = read_commit(warehouse)
    assert commit["batches"] == ["a"]
    assert [e["file"] for e in commit["tables"]["claims"]["parts"]] == ["part-00001-00001.parquet"]


def test_a_batch_extracted_after_the_commit_or_a_part_rewritten_is_uncommitted(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    write_commit(warehouse)
    add_batch(warehouse, "b", 1)
    assert uncommitted(warehouse) == ["batches not in the tables: b"]
    assert committed_parts(warehouse, "claims") == [table_dir(warehouse, "claims") / "part-00001-00001.parquet"]
    write_parts(warehouse, 2, 2)  # the build appends a part per table
    write_commit(warehouse)
    assert uncommitted(warehouse) == []
    path = table_dir(warehouse, "claims") / "part-00002-00002.parquet"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # rewritten by a killed build
    assert uncommitted(warehouse) == ["claims.parquet is not the committed one"]
    assert committed_parts(warehouse, "claims") == []  # so it is rebuilt whole


def test_a_killed_builds_parts_are_removed_and_superseded_parts_go_after_the_commit(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a", "b"])
    write_commit(warehouse)
    add_batch(warehouse, "c", 2)
    write_parts(warehouse, 3, 3)  # a build killed before its commit
    assert "claims.parquet is not the committed one" in uncommitted(warehouse)
    removed = remove_uncommitted(warehouse)
    assert sorted(p.name for p in removed) == ["part-00003-00003.parquet"] * 9
    write_parts(warehouse, 3, 3)
    write_parts(warehouse, 1, 3)  # a compaction: supersedes both
    assert [p.name for p in current_parts(warehouse, "claims")] == ["part-00001-00003.parquet"]
    assert len(list(table_dir(warehouse, "claims").iterdir())) == 3  # the old ones stay until the commit
    write_commit(warehouse)
    assert [p.name for p in table_dir(warehouse, "claims").iterdir()] == ["part-00001-00003.parquet"]
    assert uncommitted(warehouse) == []


def test_a_torn_commit_file_counts_as_none(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    (warehouse / "_commit.json").write_text('{"format": 2, "batc')
    assert uncommitted(warehouse) == ["no committed state"]
    assert remove_uncommitted(warehouse) == []
