"""The warehouse's commit: what the tables hold, written last, by atomic rename.

`DIR/_commit.json` lists the batches the tables were built from, every table's part files
(`assets/core/parts.py`) with their size, modification time, row count and SHA-256, the derived
files (`claims_enriched.parquet`, `news.duckdb`) and the check suites that passed on them. It is
written only once every table, the blocking checks and news.duckdb are done (by `news_duckdb`,
the last asset of a build), so a crash anywhere before leaves the previous commit, which then no
longer matches the files: `uncommitted` says what differs and the next run rebuilds. A run never
infers the state from which files happen to exist: a part the commit does not list is removed
(`remove_uncommitted`), and a build appends to a table only the batches its committed parts
lack (`committed_parts`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from assets.core.contract import TABLES
from assets.core.environment import EXPECTATIONS_DIR
from assets.core.parts import (
    ENRICHED,
    FORMAT,
    all_parts,
    commit_path,
    committed_entries,
    current_parts,
    read_commit,
    registry_path,
    span,
    table_dir,
)
from assets.core.parts import fingerprint as _fingerprint
from assets.core.storage import file_sha256, write_json
from assets.ingest.batches import all_batches, batch_extracted

STORED = (*TABLES, ENRICHED)  # folders of parts
DATABASE = "news.duckdb"  # views naming the parts: rebuilt from them


def extracted_batches(warehouse: Path) -> list[str]:
    """The planned batches whose rows are staged: what the tables should be built from."""
    return [k for k in all_batches(warehouse) if batch_extracted(warehouse, k)]


def _part_entry(path: Path, known: dict[str, dict]) -> dict:
    """A part's entry; the checksum and rows of a part committed before are not computed again."""
    size, mtime = _fingerprint(path)
    entry = known.get(path.name)
    if entry is not None and (entry.get("bytes"), entry.get("mtime_ns")) == (size, mtime):
        return entry
    rows = pq.ParquetFile(path).metadata.num_rows
    return {"file": path.name, "bytes": size, "mtime_ns": mtime, "sha256": file_sha256(path), "rows": rows}


def _staged_from(table: str) -> str:
    """The staged rows a table is built from (`actors`: the staged mentions)."""
    return "actor_mentions" if table == "actors" else table


def staged(warehouse: Path, batches: list[str]) -> dict[str, dict[str, list[int]]]:
    """Size and modification time of every batch's staged file per table: a batch staged again
    (its files deleted and extracted anew) changes them, and its tables are rebuilt."""
    out = {}
    for table in TABLES:
        if table == _staged_from(table):
            folder = warehouse / "staging" / table
            out[table] = {k: list(_fingerprint(f)) for k in batches if (f := folder / f"{k}.parquet").exists()}
    return out


def suites() -> dict[str, str]:
    """SHA-256 of each table's expectation suite: a changed suite means the tables need checking again."""
    return {t: file_sha256(EXPECTATIONS_DIR / f"{t}.json") for t in TABLES if (EXPECTATIONS_DIR / f"{t}.json").exists()}


def write_commit(warehouse: Path, batches: list[str] | None = None) -> dict:
    """Record the tables as they are now as the warehouse's committed state (atomic rename),
    then delete the parts the committed ones superseded (a compaction's inputs)."""
    before = read_commit(warehouse)
    tables = {}
    for table in STORED:
        known = {e["file"]: e for e in committed_entries(before, table)}
        parts = [_part_entry(p, known) for p in current_parts(warehouse, table)]
        tables[table] = {"parts": parts, "rows": sum(p["rows"] for p in parts)}
    batches = extracted_batches(warehouse) if batches is None else batches
    payload = {
        "format": FORMAT,
        "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "batches": batches,
        "staged": staged(warehouse, batches),
        "tables": tables,
        "database": list(_fingerprint(warehouse / DATABASE)) if (warehouse / DATABASE).exists() else None,
        "suites": suites(),
        "registry_rows": registry_rows(warehouse),
    }
    write_json(commit_path(warehouse), payload)
    remove_uncommitted(warehouse, payload)
    return payload


def registry_rows(warehouse: Path) -> int:
    """How many staged ids the actor id registry maps (0 without one)."""
    path = registry_path(warehouse)
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def registry_lost(warehouse: Path, commit: dict | None = None) -> bool:
    """Whether the registry holds fewer ids than the committed tables were built with (deleted,
    or an older copy put back): the tables' actor ids then no longer follow from it, and the
    commit cannot stand. More ids than committed is a build killed after it registered them."""
    commit = commit or read_commit(warehouse)
    try:
        return commit is not None and registry_rows(warehouse) < commit.get("registry_rows", 0)
    except (OSError, ValueError):  # unreadable: as good as lost
        return True


def forget_commit(warehouse: Path) -> None:
    """Drop the committed state: the next build writes every table whole."""
    commit_path(warehouse).unlink(missing_ok=True)


def commit_database(warehouse: Path) -> None:
    """Record a rebuilt news.duckdb (release views added) in the commit, when the rest of it
    stands: the same views over the same parts."""
    commit = read_commit(warehouse)
    if commit is not None and not uncommitted(warehouse, with_database=False):
        write_json(commit_path(warehouse), {**commit, "database": list(_fingerprint(warehouse / DATABASE))})


def committed_files(commit: dict, warehouse: Path, table: str) -> list[Path]:
    return [table_dir(warehouse, table) / e["file"] for e in committed_entries(commit, table)]


def remove_uncommitted(warehouse: Path, commit: dict | None = None) -> list[Path]:
    """Delete the part files the commit does not list: a killed build's, or superseded ones.

    Only safe under the warehouse's lock. Without a commit nothing is deleted here: every table
    is then rebuilt whole, which clears its folder first.
    """
    commit = commit or read_commit(warehouse)
    if commit is None:
        return []
    removed = []
    for table in STORED:
        keep = {p.name for p in committed_files(commit, warehouse, table)}
        for part in all_parts(warehouse, table):
            if part.name not in keep:
                part.unlink(missing_ok=True)
                removed.append(part)
    return removed


def committed_parts(warehouse: Path, table: str) -> list[Path]:
    """The table's committed parts, when a build may append to them: the commit's batches come
    first in the extracted ones and its parts are all there, unchanged. Otherwise [] (rebuild).

    Sizes and modification times stand for the checksums here, so that a run stays quick; every
    rewrite of a part (a rename of a new file) changes them.
    """
    commit = read_commit(warehouse)
    if commit is None:
        return []
    batches = commit.get("batches", [])
    if extracted_batches(warehouse)[: len(batches)] != batches:
        return []
    now, then = staged(warehouse, batches), commit.get("staged", {})
    if (now.get(_staged_from(table)) != then.get(_staged_from(table))) if table in TABLES else now != then:
        return []  # a batch staged again
    parts = committed_files(commit, warehouse, table)
    entries = committed_entries(commit, table)
    try:
        unchanged = all(_fingerprint(p) == (e["bytes"], e["mtime_ns"]) for p, e in zip(parts, entries))
    except OSError:
        return []
    return parts if unchanged and parts and max(span(p)[1] for p in parts) == len(batches) else []


def uncommitted(warehouse: Path, with_database: bool = True) -> list[str]:
    """What differs between the committed state and what it should be ([] when they agree)."""
    commit = read_commit(warehouse)
    if commit is None:
        return ["no committed state"]
    why = []
    should = extracted_batches(warehouse)
    if commit.get("batches") != should:
        new = [k for k in should if k not in commit.get("batches", [])]
        why.append(f"batches not in the tables: {', '.join(new)}" if new else "the batches differ from the commit")
    now = staged(warehouse, commit.get("batches", []))
    changed = sorted(
        {k for t, files in commit.get("staged", {}).items() for k, f in files.items() if now.get(t, {}).get(k) != f}
    )
    if changed:
        why.append(f"batches staged again: {', '.join(changed)}")
    for table in STORED:
        entries = committed_entries(commit, table)
        present = current_parts(warehouse, table)
        try:
            same = [p.name for p in present] == [e["file"] for e in entries] and all(
                _fingerprint(p) == (e["bytes"], e["mtime_ns"]) for p, e in zip(present, entries)
            )
        except OSError:
            same = False
        if not entries or not same:
            why.append(f"{table}.parquet is not the committed one")
    database = warehouse / DATABASE
    if not with_database:
        pass
    elif not database.exists():
        why.append(f"{DATABASE} is missing")
    elif list(_fingerprint(database)) != commit.get("database"):
        why.append(f"{DATABASE} is not the committed one (its views may name other parts)")
    if commit.get("suites") != suites():
        why.append("the expectation suites changed")
    if registry_lost(warehouse, commit):
        why.append("the actor id registry lost ids the tables use")
    return why


def batch_parts(warehouse: Path, table: str) -> dict[str, list[Path]]:
    """Each extracted batch's key → the current parts of `table` holding its rows."""
    parts = [(span(p), p) for p in current_parts(warehouse, table)]
    return {
        key: [p for (first, last), p in parts if first <= n <= last]
        for n, key in enumerate(extracted_batches(warehouse), start=1)
    }
