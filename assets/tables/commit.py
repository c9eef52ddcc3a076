"""The warehouse's commit: what the tables hold, written last, by atomic rename.

`DIR/_commit.json` lists the batches the tables were built from, every table file with its
size, modification time, row count and SHA-256, and the check suites that passed on them. It
is written only once every table, the blocking checks and news.duckdb are done (by
`news_duckdb`, the last asset of a build), so a crash anywhere before leaves the previous
commit, which then no longer matches the files: `uncommitted` says what differs and the next
run rebuilds. A run never infers the state from which files happen to exist.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from assets.core.contract import TABLES
from assets.core.settings import EXPECTATIONS_DIR
from assets.core.storage import file_sha256, read_json, write_json
from assets.ingest.batches import all_batches, batch_extracted

COMMIT = "_commit.json"
FORMAT = 1
DERIVED = ("claims_enriched.parquet", "news.duckdb")  # rebuilt from the tables, must exist


def commit_path(warehouse: Path) -> Path:
    return warehouse / COMMIT


def extracted_batches(warehouse: Path) -> list[str]:
    """The planned batches whose rows are staged: what the tables should be built from."""
    return [k for k in all_batches(warehouse) if batch_extracted(warehouse, k)]


def _file_entry(path: Path) -> dict:
    stat = path.stat()
    return {"file": path.name, "bytes": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": file_sha256(path)}


def suites() -> dict[str, str]:
    """SHA-256 of each table's expectation suite: a changed suite means the tables need checking again."""
    return {t: file_sha256(EXPECTATIONS_DIR / f"{t}.json") for t in TABLES if (EXPECTATIONS_DIR / f"{t}.json").exists()}


def write_commit(warehouse: Path, batches: list[str] | None = None) -> dict:
    """Record the tables as they are now as the warehouse's committed state (atomic rename)."""
    tables = {}
    for table in TABLES:
        path = warehouse / f"{table}.parquet"
        tables[table] = {**_file_entry(path), "rows": pq.ParquetFile(path).metadata.num_rows}
    payload = {
        "format": FORMAT,
        "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "batches": extracted_batches(warehouse) if batches is None else batches,
        "tables": tables,
        "suites": suites(),
    }
    write_json(commit_path(warehouse), payload)
    return payload


def read_commit(warehouse: Path) -> dict | None:
    """The committed state, or None when there is none or it cannot be read."""
    try:
        commit = read_json(commit_path(warehouse))
    except (OSError, ValueError):
        return None
    return commit if isinstance(commit, dict) and commit.get("format") == FORMAT else None


def uncommitted(warehouse: Path) -> list[str]:
    """What differs between the committed state and what it should be ([] when they agree).

    Sizes and modification times stand for the checksums here, so that a run with nothing new
    stays quick; every rewrite of a table (a rename of a new file) changes them.
    """
    commit = read_commit(warehouse)
    if commit is None:
        return ["no committed state"]
    why = []
    should = extracted_batches(warehouse)
    if commit.get("batches") != should:
        new = [k for k in should if k not in commit.get("batches", [])]
        why.append(f"batches not in the tables: {', '.join(new)}" if new else "the batches differ from the commit")
    for table in TABLES:
        path, entry = warehouse / f"{table}.parquet", commit["tables"].get(table)
        try:
            stat = path.stat()
        except OSError:
            why.append(f"{table}.parquet is missing")
            continue
        if entry is None or (stat.st_size, stat.st_mtime_ns) != (entry.get("bytes"), entry.get("mtime_ns")):
            why.append(f"{table}.parquet is not the committed one")
    why += [f"{name} is missing" for name in DERIVED if not (warehouse / name).exists()]
    if commit.get("suites") != suites():
        why.append("the expectation suites changed")
    return why
