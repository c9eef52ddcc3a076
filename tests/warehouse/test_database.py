"""news.duckdb is a disposable file of views: a session holding it open gets a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assets.core.contract import SCHEMAS
from assets.core.parts import write_empty_part
from assets.warehouse.assets import DatabaseInUse, build_database

HOLD = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(60)"


def test_a_session_holding_news_duckdb_read_write_gets_a_clear_error(tmp_path):
    warehouse = tmp_path / "wh"
    warehouse.mkdir()
    for table, schema in SCHEMAS.items():
        write_empty_part(warehouse, table, schema)
    database = build_database(warehouse)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse, match="open read-write in another DuckDB session"):
            build_database(warehouse)
    finally:
        holder.kill()
        holder.wait()
    build_database(warehouse)  # once that session is gone, the views are rebuilt
