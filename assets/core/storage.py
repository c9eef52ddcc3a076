"""Parquet in and out of the warehouse folder, always written atomically.

Layout under the warehouse folder:
    batches/<key>/inputs.json           the files one input batch holds (written before its run)
    staging/<table>/<key>.parquet       per-batch rows, written by the partitioned assets
    <table>.parquet/part-*.parquet      the contract's corpus tables, a part per build (parts.py)
    claims_enriched.parquet/part-*      claims joined with their sources, articles and dates
    _commit.json                        the parts (and batches) the last build committed
    news.duckdb                         views over the committed parts (rebuildable)
    .tmp/duckdb/                        where DuckDB spills beyond its memory limit

Large tables are written in pieces as their rows come (`streamed_table`), never held whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from .sql import literal

if TYPE_CHECKING:
    import pandas as pd


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, hex, read in pieces: a file's identity whatever its size."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# DuckDB reads a Parquet row group per thread and prunes by row-group statistics: its own
# row groups hold 122,880 rows. Tables with long texts use fewer rows per group.
ROW_GROUP_SIZE = 122_880
TEXT_ROW_GROUP_SIZE = 8_192


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(path: Path, payload) -> None:
    atomic_write_bytes(path, json.dumps(payload, indent=2, sort_keys=True, default=str).encode())


def read_json(path: Path):
    return json.loads(path.read_text())


def write_table(df: pd.DataFrame | pa.Table, path: Path, schema: pa.Schema) -> None:
    """Write `df` with the contract schema to a temporary name, then rename it into place.

    An interrupted run therefore leaves the previous file intact.
    """
    if isinstance(df, pa.Table):
        table = df.select(schema.names).cast(schema)
    else:
        table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, row_group_size=ROW_GROUP_SIZE, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class TableWriter:
    """Rows written to a Parquet file in bounded pieces, as they come; the file appears under its
    name only when `commit` is called (see `streamed_table`)."""

    def __init__(self, path: Path, schema: pa.Schema, row_group_size: int = ROW_GROUP_SIZE) -> None:
        self.path, self.schema = path, schema
        self.tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        self.rows = 0
        self._row_group_size = row_group_size
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._closed = self._committed = False
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(self.tmp, schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        """Buffer up to a row group of rows, then write them: few, full row groups."""
        if not table.num_rows:
            return
        self._pending.append(table.cast(self.schema) if table.schema != self.schema else table)
        self._pending_rows += table.num_rows
        self.rows += table.num_rows
        if self._pending_rows >= self._row_group_size:
            self._flush(final=False)

    def _flush(self, final: bool = True) -> None:
        """Write the buffered rows in full row groups (and, at the end, the remainder)."""
        if not self._pending:
            return
        rows = pa.concat_tables(self._pending)
        full = len(rows) if final else len(rows) - len(rows) % self._row_group_size
        if full:
            self._writer.write_table(rows.slice(0, full), row_group_size=self._row_group_size)
        rest = rows.slice(full)
        self._pending, self._pending_rows = ([rest], len(rest)) if len(rest) else ([], 0)

    def close(self) -> None:
        if not self._closed:
            self._flush()
            self._writer.close()
            self._closed = True

    def commit(self) -> None:
        """Finish the file and rename it into place."""
        self.close()
        os.replace(self.tmp, self.path)
        self._committed = True

    def discard(self) -> None:
        if self._committed:
            return
        try:
            self._writer.close()
        except Exception:  # noqa: BLE001 — closing a broken writer on the way out
            pass
        self.tmp.unlink(missing_ok=True)


@contextmanager
def streamed_table(path: Path, schema: pa.Schema, row_group_size: int = ROW_GROUP_SIZE) -> Iterator[TableWriter]:
    """A `TableWriter` for the block: call `commit()` in it to rename the file into place; an
    exception, or no commit, removes the partial file and leaves the previous one untouched."""
    writer = TableWriter(path, schema, row_group_size)
    try:
        yield writer
    finally:
        writer.discard()


def duckdb_connection(settings=None):
    """A connection to an in-memory DuckDB database that keeps to `settings.duckdb_memory_limit`,
    spilling to `<warehouse>/.tmp/duckdb` beyond it.

    Opening a database costs about 25 ms, a build opens dozens: the connection is a cursor on a
    database kept for the process (one per memory limit and spill folder). What a cursor
    registers or creates as temporary belongs to it and goes when it is closed.
    """
    import duckdb

    if settings is None:
        return duckdb.connect()
    spill = settings.warehouse / ".tmp" / "duckdb"
    spill.mkdir(parents=True, exist_ok=True)
    key = (str(settings.duckdb_memory_limit), str(spill))
    if key not in _databases:
        con = duckdb.connect()
        con.execute(f"SET memory_limit = {literal(settings.duckdb_memory_limit)}")
        con.execute(f"SET temp_directory = {literal(spill)}")
        _databases[key] = con
    return _databases[key].cursor()


_databases: dict[tuple[str, str], object] = {}


def _close_databases() -> None:
    """Before a fork: a child must not inherit a database (and its threads) it cannot use."""
    while _databases:
        _databases.popitem()[1].close()


os.register_at_fork(before=_close_databases)


def read_table(path: Path, schema: pa.Schema) -> pd.DataFrame:
    if not path.exists():
        return schema.empty_table().to_pandas()
    return pq.read_table(path, schema=schema).to_pandas()


def read_staged(staging_dir: Path, schema: pa.Schema, columns: list[str] | None = None) -> pd.DataFrame:
    """Every batch's rows of one table, in batch-key order so the result is deterministic."""
    files = sorted(staging_dir.glob("*.parquet")) if staging_dir.exists() else []
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    if not files:
        return schema.empty_table().to_pandas()
    return pa.concat_tables(pq.read_table(f, schema=schema, columns=columns) for f in files).to_pandas()
