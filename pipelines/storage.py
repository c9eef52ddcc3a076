"""Parquet in and out of the warehouse folder, always written atomically.

Layout under the warehouse folder:
    batches/<key>/inputs.json           the files one input batch holds (written before its run)
    staging/<table>/<key>.parquet       per-batch rows, written by the partitioned assets
    <table>.parquet                     the contract's corpus tables, compacted from staging
    news.duckdb                         views over the corpus tables (rebuildable)
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_SIZE = 128_000


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


def write_table(df: pd.DataFrame, path: Path, schema: pa.Schema) -> None:
    """Write `df` with the contract schema to a temporary name, then rename it into place.

    An interrupted run therefore leaves the previous file intact.
    """
    table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, row_group_size=ROW_GROUP_SIZE, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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
