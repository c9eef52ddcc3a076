"""Warehouse: the DuckDB database of views over the Parquet tables, and its example queries."""

import os
import uuid
from pathlib import Path

import dagster as dg
import duckdb

from assets.core.contract import TABLES
from assets.core.faults import checkpoint
from assets.core.settings import SQL_DIR, NewsclaimsSettings
from assets.core.sql import identifier, literal
from assets.core.storage import ROW_GROUP_SIZE

from .commit import write_commit
from .views import release_views_sql

DATABASE = "news.duckdb"
ENRICHED = "claims_enriched.parquet"
# The storage format news.duckdb is written in. DuckDB 2.x writes its own, newer format by
# default, which every DuckDB 1.x (and the `duckdb` CLI from PyPI) refuses to open; v1.0.0's
# format is read by DuckDB 1.0 and every later version. The database holds only views.
STORAGE_VERSION = "v1.0.0"


class DatabaseInUse(RuntimeError):
    """news.duckdb is open read-write in another DuckDB session, so it cannot be replaced safely."""


def warehouse_sql(template: str, warehouse: Path) -> str:
    """A SQL template with `{dir}` (always inside a quoted literal) replaced by the escaped folder."""
    return template.replace("{dir}", literal(warehouse)[1:-1])


def example_queries() -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted((SQL_DIR / "queries").glob("*.sql"))}


def build_database(warehouse: Path, releases: Path | None = None, memory_limit: str = "1GB") -> Path:
    """Write the views into a fresh database file, then rename it over the old one.

    `claims_enriched` joins six tables: it is written once to `claims_enriched.parquet` (when a
    table is newer than that file) and the view reads it, so queries over it answer in a
    fraction of a second even on millions of claims. When `releases` (default
    `warehouse/releases`) holds published releases, the release views (`releases`, `latest`,
    `release_<table>`, `latest_<table>`) are added too.
    """
    target = warehouse / DATABASE
    _refuse_if_open(target)
    views = warehouse_sql((SQL_DIR / "views.sql").read_text(), warehouse)
    if _stale(warehouse):
        materialize_claims_enriched(warehouse, views, memory_limit)
    tmp = warehouse / f".{DATABASE}.{uuid.uuid4().hex}.tmp"
    release_sql = release_views_sql(releases or warehouse / "releases")
    try:
        with duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_VERSION}) as con:
            con.execute(views)
            con.execute(warehouse_sql((SQL_DIR / "materialized.sql").read_text(), warehouse))
            if release_sql:
                con.execute(release_sql)
        checkpoint("duckdb")
        os.replace(tmp, target)
        # A WAL left by a session of the old file would be replayed onto the new one and break it.
        Path(f"{target}.wal").unlink(missing_ok=True)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return target


def _refuse_if_open(target: Path) -> None:
    """Raise DatabaseInUse when another session holds news.duckdb read-write (DuckDB locks the file)."""
    if not target.exists():
        return
    try:
        with duckdb.connect(str(target), read_only=True):
            pass
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            return  # unreadable for another reason: it is rebuilt from the tables anyway
        raise DatabaseInUse(
            f"{target} is open read-write in another DuckDB session, so its views cannot be rebuilt: close that "
            "session (or open the file with read_only) and run again. news.duckdb holds only views and is "
            "rebuilt by every run: keep tables of your own in another database file."
        ) from None
    except duckdb.Error:
        return


def _stale(warehouse: Path) -> bool:
    done = warehouse / ENRICHED
    if not done.exists():
        return True
    tables = [warehouse / f"{t}.parquet" for t in TABLES]
    return any(t.exists() and t.stat().st_mtime_ns >= done.stat().st_mtime_ns for t in tables)


def materialize_claims_enriched(warehouse: Path, views: str, memory_limit: str = "1GB") -> None:
    """The `claims_enriched` view of `views.sql`, over the tables, written to Parquet in article-date order."""
    tmp = warehouse / f".{ENRICHED}.{uuid.uuid4().hex}.tmp"
    spill = warehouse / ".tmp" / "duckdb"
    spill.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect() as con:
            con.execute(f"SET memory_limit = {literal(memory_limit)}")
            con.execute(f"SET temp_directory = {literal(spill)}")
            con.execute(views)
            con.execute(
                f"COPY (SELECT * FROM claims_enriched ORDER BY article_date NULLS FIRST, article_id, claim_id) "
                f"TO {literal(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE})"
            )
        checkpoint("enriched")
        os.replace(tmp, warehouse / ENRICHED)
    finally:
        tmp.unlink(missing_ok=True)


@dg.asset(deps=list(TABLES), group_name="warehouse", kinds={"duckdb"})
def news_duckdb(settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """`news.duckdb`: a view per contract table over the Parquet files, `claims_enriched`
    (claims with their source, actor and dates, kept in `claims_enriched.parquet`) and
    `claims_about_actors`."""
    path = build_database(settings.warehouse, memory_limit=settings.duckdb_memory_limit)
    with duckdb.connect(str(path), read_only=True) as con:
        views = [
            r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()
        ]
        counts = {v: con.execute(f"SELECT count(*) FROM {identifier(v)}").fetchone()[0] for v in views}
    checkpoint("commit")
    # Last: the tables, their blocking checks (which ran before this asset) and the views are done.
    write_commit(settings.warehouse)
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(path)), "views": dg.MetadataValue.json(counts)}
    )


@dg.asset_check(asset=news_duckdb, blocking=False, description="Every example query in warehouse/sql/queries answers.")
def example_queries_answer(settings: NewsclaimsSettings) -> dg.AssetCheckResult:
    path = settings.warehouse / DATABASE
    rows, errors = {}, {}
    with duckdb.connect(str(path), read_only=True) as con:
        for name, sql in example_queries().items():
            try:
                rows[name] = len(con.execute(sql).fetchall())
            except duckdb.Error as exc:
                errors[name] = str(exc)
    return dg.AssetCheckResult(
        passed=not errors,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"rows": dg.MetadataValue.json(rows), "errors": dg.MetadataValue.json(errors)},
    )
