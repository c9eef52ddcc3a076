"""A release's tables as Parquet: one folder per table, split into parts when large.

Every table is written as `<table>/part-NNNNN.parquet` (one part when small, an empty part
when it has no rows) so one glob reads any table of any release:
`read_parquet('releases/*/claims/*.parquet')`. Snappy compression and Parquet 2.6 types keep
the files readable by every common tool; each column keeps its description in the Arrow schema.
"""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from assets.core.contract import SCHEMAS, TABLE, TABLES
from assets.core.destination import Destination
from assets.core.parts import current_parts
from assets.core.releases import PublishError

MAX_ROWS_PER_FILE = 1_000_000
TARGET_FILE_BYTES = 256 * 1024 * 1024  # in memory (Arrow); the Parquet file is smaller
ROW_GROUP_ROWS = 128_000


def load_warehouse(warehouse: Path) -> dict[str, pa.Table]:
    """The contract's tables as the warehouse holds them, with the contract schemas."""
    parts = {t: current_parts(warehouse, t) for t in TABLES}
    missing = [t for t in TABLES if not parts[t]]
    if missing:
        raise PublishError(
            f"{warehouse} has no {', '.join(f'{t}.parquet' for t in missing)}: run `newsclaims run` first"
        )
    return {t: pq.read_table(parts[t], schema=SCHEMAS[t]) for t in TABLES}


def rows_per_file(table: pa.Table, max_rows: int | None = None) -> int:
    """Rows per part: at most `max_rows`, and few enough that a part stays near TARGET_FILE_BYTES."""
    limit = max_rows or MAX_ROWS_PER_FILE
    if table.num_rows == 0:
        return limit
    bytes_per_row = max(1, table.nbytes // table.num_rows)
    return max(1, min(limit, TARGET_FILE_BYTES // bytes_per_row))


def release_table(name: str, table: pa.Table) -> pa.Table:
    """The table with schema-level metadata naming it, and no pandas-specific metadata."""
    metadata = {"newsclaims.table": name, "newsclaims.description": TABLE[name].description}
    return table.replace_schema_metadata(metadata)


def write_parts(release: Destination, name: str, table: pa.Table, max_rows: int | None = None) -> dict[str, int]:
    """Write `table` under `release/<name>/`; returns {relative path: rows} per part."""
    table = release_table(name, table)
    per_file = rows_per_file(table, max_rows)
    n_parts = max(1, math.ceil(table.num_rows / per_file))
    release.make_dirs(name)
    parts = {}
    for i in range(n_parts):
        part = table.slice(i * per_file, per_file)
        relpath = f"{name}/part-{i:05d}.parquet"
        options = {"filesystem": release.fs, "compression": "snappy", "version": "2.6"}
        if part.num_rows == 0:  # no row group at all: an empty one is a batch size of 0 to `datasets`
            pq.ParquetWriter(release.path(relpath), part.schema, **options).close()
        else:
            pq.write_table(part, release.path(relpath), row_group_size=ROW_GROUP_ROWS, **options)
        parts[relpath] = part.num_rows
    return parts


def read_parts(release: Destination, files: list[str]) -> pa.Table:
    """One table of a release, from its parts (as listed in its manifest)."""
    dataset = ds.dataset([release.path(f) for f in files], format="parquet", filesystem=release.fs)
    return dataset.to_table()


def parquet_rows(release: Destination, relpath: str) -> int:
    """Rows of one Parquet file according to its footer."""
    with release.fs.open_input_file(release.path(relpath)) as f:
        return pq.ParquetFile(f).metadata.num_rows
