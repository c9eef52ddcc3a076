"""Where a table's rows lie: `DIR/<table>.parquet/`, a folder of part files.

Each build appends one part per table holding the rows of the input batches new since the last
commit, so one more article costs the same on a large warehouse as on a small one. A part is
named by the batches it holds, as their positions in the order the batches were extracted:
`part-00004-00006.parquet` holds batches 4 to 6. Compaction writes one part for every batch
(`part-00001-<last>.parquet`), which supersedes the parts whose span it covers; `actors`,
corpus-wide, is always a single such part. A table with no batch at all is the empty part
`part-00000-00000.parquet`.

The *current* parts are those no other part covers; the superseded ones are deleted once the
build that replaced them is committed (`assets/warehouse/commit.py`). The folder reads as one
table in DuckDB (`read_parquet('DIR/claims.parquet')` or its glob `DIR/claims.parquet/*.parquet`),
pyarrow, pandas and polars. Between a crash and the next run it may hold parts of an unfinished
build: `news.duckdb`'s views and `_commit.json` name the committed files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq

from .contract import TABLE
from .sql import path_list
from .storage import read_json

PART = re.compile(r"part-(\d{5})-(\d{5})\.parquet")
ENRICHED = "claims_enriched"  # derived from the tables, stored in parts as they are
COMMIT = "_commit.json"
FORMAT = 2  # 1: one file per table


def table_dir(warehouse: Path, table: str) -> Path:
    return warehouse / f"{table}.parquet"


def part_name(first: int, last: int) -> str:
    return f"part-{first:05d}-{last:05d}.parquet"


def span(part: Path) -> tuple[int, int]:
    """The positions of the first and last batch a part holds."""
    match = PART.fullmatch(part.name)
    if match is None:
        raise ValueError(f"{part} is not a table part")
    return int(match[1]), int(match[2])


def all_parts(warehouse: Path, table: str) -> list[Path]:
    """Every part file in the table's folder, current or not."""
    folder = table_dir(warehouse, table)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if PART.fullmatch(p.name))


def current_parts(warehouse: Path, table: str) -> list[Path]:
    """The parts that make up the table: each batch once, from the widest part holding it."""
    parts = sorted(all_parts(warehouse, table), key=lambda p: (span(p)[0], -span(p)[1]))
    current, reach = [], -1
    for part in parts:
        first, last = span(part)
        if last <= reach or (last == 0 and len(parts) > 1):
            continue  # within a part taken already; or the empty part of a table that has rows now
        current.append(part)
        reach = last
    return current


def covering(warehouse: Path, table: str, first: int, last: int) -> list[Path]:
    """The current parts of `table` holding any batch from `first` to `last`."""
    return [p for p in current_parts(warehouse, table) if span(p)[0] <= last and span(p)[1] >= first]


def count_rows(parts: list[Path]) -> int:
    return sum(pq.ParquetFile(p).metadata.num_rows for p in parts)


def table_rows(warehouse: Path, table: str) -> int:
    """Rows of the table as its current parts hold them (0 when it has none)."""
    return count_rows(current_parts(warehouse, table))


def read_current(warehouse: Path, table: str, columns: list[str] | None = None):
    """The table's rows (its current parts) as an Arrow table."""
    return pq.read_table(current_parts(warehouse, table), columns=columns)


def scan(parts: list[Path]) -> str:
    """SQL reading `parts` as one relation (a table always has at least one part once built)."""
    return f"read_parquet({path_list(parts)}, union_by_name = true)"


def commit_path(warehouse: Path) -> Path:
    return warehouse / COMMIT


def registry_path(warehouse: Path) -> Path:
    """The actor id registry (`assets/tables/actor_ids.py`): which staged ids are one actor."""
    return warehouse / "staging" / "actor_ids.parquet"


def read_commit(warehouse: Path) -> dict | None:
    """The committed state (`assets/tables/commit.py`), or None when there is none or it cannot be read."""
    try:
        commit = read_json(commit_path(warehouse))
    except (OSError, ValueError):
        return None
    return commit if isinstance(commit, dict) and commit.get("format") == FORMAT else None


def committed_entries(commit: dict | None, table: str) -> list[dict]:
    """The commit's entries for the table's parts (file, bytes, mtime_ns, sha256, rows)."""
    return (commit or {}).get("tables", {}).get(table, {}).get("parts", [])


def fingerprint(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def new_parts(warehouse: Path, table: str, commit: dict | None = None) -> list[Path]:
    """The current parts the last commit does not hold as they are: what a build wrote (every
    part when nothing is committed). Checks that look at rows one at a time read only these."""
    commit = read_commit(warehouse) if commit is None else commit
    known = {e["file"]: (e.get("bytes"), e.get("mtime_ns")) for e in committed_entries(commit, table)}
    return [p for p in current_parts(warehouse, table) if known.get(p.name) != fingerprint(p)]


def fresh_parts(warehouse: Path, table: str) -> list[Path]:
    """The current parts of `table` holding a batch that some table's new parts hold: the rows a
    build added, and the rows whose related rows (same batches, same articles) it rewrote. The
    key and offset checks read these. (`actors`, rewritten whole by every build, lends no span.)"""
    commit = read_commit(warehouse)
    spans = [span(p) for t in TABLE if TABLE[t].origin != "corpus" for p in new_parts(warehouse, t, commit)]
    return [p for p in current_parts(warehouse, table) if any(a <= span(p)[1] and b >= span(p)[0] for a, b in spans)]


def write_empty_part(warehouse: Path, table: str, schema) -> Path:
    """The part of a table with no batch (`part-00000-00000.parquet`), with no rows."""
    folder = table_dir(warehouse, table)
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(schema.empty_table(), folder / part_name(0, 0))
    return folder / part_name(0, 0)
