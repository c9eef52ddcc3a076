"""The committed state, compared with what the tables should be."""

from __future__ import annotations

import os

import pyarrow.parquet as pq

from assets.core.contract import SCHEMAS, STAGED_SCHEMAS
from assets.core.storage import write_json
from assets.warehouse.commit import read_commit, uncommitted, write_commit


def warehouse_with(tmp_path, batches):
    warehouse = tmp_path / "wh"
    for seq, key in enumerate(batches):
        write_json(warehouse / "batches" / key / "inputs.json", {"key": key, "seq": seq, "files": []})
        (warehouse / "staging" / "claims").mkdir(parents=True, exist_ok=True)
        pq.write_table(STAGED_SCHEMAS["claims"].empty_table(), warehouse / "staging" / "claims" / f"{key}.parquet")
    for table, schema in SCHEMAS.items():
        pq.write_table(schema.empty_table(), warehouse / f"{table}.parquet")
    for name in ("claims_enriched.parquet", "news.duckdb"):
        (warehouse / name).write_bytes(b"x")
    return warehouse


def test_a_committed_warehouse_needs_nothing(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    assert uncommitted(warehouse) == ["no committed state"]
    write_commit(warehouse)
    assert uncommitted(warehouse) == []
    assert read_commit(warehouse)["batches"] == ["a"]


def test_a_batch_extracted_after_the_commit_or_a_table_rewritten_is_uncommitted(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    write_commit(warehouse)
    pq.write_table(STAGED_SCHEMAS["claims"].empty_table(), warehouse / "staging" / "claims" / "b.parquet")
    write_json(warehouse / "batches" / "b" / "inputs.json", {"key": "b", "seq": 1, "files": []})
    assert uncommitted(warehouse) == ["batches not in the tables: b"]
    write_commit(warehouse)
    path = warehouse / "claims.parquet"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # rewritten by a killed build
    assert uncommitted(warehouse) == ["claims.parquet is not the committed one"]


def test_a_torn_commit_file_counts_as_none(tmp_path):
    warehouse = warehouse_with(tmp_path, ["a"])
    (warehouse / "_commit.json").write_text('{"format": 1, "batc')
    assert uncommitted(warehouse) == ["no committed state"]
