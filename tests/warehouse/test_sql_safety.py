"""No string from a file or a path is pasted into SQL: names checked, literals escaped."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from assets.core.contract import SCHEMAS
from assets.core.parts import write_empty_part
from assets.core.sql import UnknownTable, literal, table_identifier
from assets.warehouse.assets import build_database
from assets.warehouse.views import release_views_sql

HOSTILE = "claims AS SELECT 1; COPY (SELECT 42) TO '{out}' (FORMAT csv); --"


def empty_warehouse(folder):
    folder.mkdir(parents=True)
    for table, schema in SCHEMAS.items():
        write_empty_part(folder, table, schema)
    return folder


def hostile_release(releases, out):
    release = releases / "1.0.0"
    (release / "claims").mkdir(parents=True)
    pq.write_table(SCHEMAS["claims"].empty_table(), release / "claims" / "part-0.parquet")
    manifest = {
        "version": "1.0.0",
        "created_at": "2024-01-01T00:00:00Z",
        "code": {"version": "0.1.0'; --"},
        "inputs": {"articles": 0, "rejected": 0},
        "tables": {
            "claims": {"files": ["claims/part-0.parquet"]},
            HOSTILE.format(out=out): {"files": ["claims/part-0.parquet"]},
        },
    }
    (release / "manifest.json").write_text(json.dumps(manifest))


def test_a_table_name_from_a_manifest_never_reaches_sql(tmp_path):
    out = tmp_path / "pwned.csv"
    warehouse = empty_warehouse(tmp_path / "wh")
    hostile_release(warehouse / "releases", out)
    sql = release_views_sql(warehouse / "releases")
    assert "COPY" not in sql
    build_database(warehouse)
    assert not out.exists()
    with duckdb.connect(str(warehouse / "news.duckdb"), read_only=True) as con:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {"release_claims", "latest_claims", "releases"} <= views
        assert con.execute("SELECT code_version FROM releases").fetchone()[0] == "0.1.0'; --"


def test_a_warehouse_path_with_an_apostrophe(tmp_path):
    warehouse = empty_warehouse(tmp_path / "o'brien" / "wh")
    build_database(warehouse)
    with duckdb.connect(str(warehouse / "news.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM claims_enriched").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_identifiers_are_checked_and_literals_escaped():
    assert table_identifier("claims", "release_") == '"release_claims"'
    with pytest.raises(UnknownTable):
        table_identifier("claims; DROP TABLE x")
    assert literal("o'brien") == "'o''brien'"
