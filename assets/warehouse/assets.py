"""Warehouse: the DuckDB database of views over the Parquet tables, and its example queries."""

import os
import uuid
from pathlib import Path

import dagster as dg
import duckdb

from assets.core.contract import TABLES
from assets.core.faults import checkpoint
from assets.core.parts import ENRICHED, count_rows, covering, current_parts, new_parts, scan, span, table_dir
from assets.core.settings import SQL_DIR, NewsclaimsSettings
from assets.core.sql import literal
from assets.core.storage import ROW_GROUP_SIZE
from assets.tables.commit import committed_parts, write_commit

from .views import release_views_sql

DATABASE = "news.duckdb"
# The storage format news.duckdb is written in. DuckDB 2.x writes its own, newer format by
# default, which every DuckDB 1.x (and the `duckdb` CLI from PyPI) refuses to open; v1.0.0's
# format is read by DuckDB 1.0 and every later version. The database holds only views.
STORAGE_VERSION = "v1.0.0"


class DatabaseInUse(RuntimeError):
    """news.duckdb is open read-write in another DuckDB session, so it cannot be replaced safely."""


def warehouse_sql(template: str, warehouse: Path, parts: dict[str, list[Path]] | None = None) -> str:
    """A SQL template with `{dir}` (always inside a quoted literal) replaced by the escaped folder,
    and `{<table>}` by a scan of the table's parts (default: its current ones)."""
    sql = template.replace("{dir}", literal(warehouse)[1:-1])
    for name in (*TABLES, ENRICHED):
        if "{" + name + "}" in sql:
            files = (parts or {}).get(name) or current_parts(warehouse, name)
            sql = sql.replace("{" + name + "}", scan(files))
    return sql


def example_queries() -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted((SQL_DIR / "queries").glob("*.sql"))}


def build_database(warehouse: Path, releases: Path | None = None, memory_limit: str = "1GB") -> Path:
    """Write the views into a fresh database file, then rename it over the old one.

    Each view reads the current parts of its table, by name: files a later, unfinished build
    writes are not seen. `claims_enriched` joins six tables: its rows are written once, a part
    beside each part of `claims` (`materialize_claims_enriched`), and the view reads them, so
    queries over it answer in a fraction of a second even on millions of claims. When `releases`
    (default `warehouse/releases`) holds published releases, the release views (`releases`,
    `latest`, `release_<table>`, `latest_<table>`) are added too.
    """
    target = warehouse / DATABASE
    _refuse_if_open(target)
    materialize_claims_enriched(warehouse, memory_limit)
    views = warehouse_sql((SQL_DIR / "views.sql").read_text(), warehouse)
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


def materialize_claims_enriched(warehouse: Path, memory_limit: str = "1GB") -> list[Path]:
    """The `claims_enriched` view of `views.sql` written to Parquet, one part beside each part of
    `claims` that has none committed, over the parts of the other tables holding the same
    batches, in article-date order. The actor's name is joined when the view is read (an actor's
    name follows the whole corpus), so a part stays right as articles arrive; returns the parts
    written."""
    keep = {p.name for p in committed_parts(warehouse, ENRICHED)}
    new = {t: [span(p) for p in new_parts(warehouse, t)] for t in ("articles", "sources", "claims", "dates")}
    written = []
    for claims in current_parts(warehouse, "claims"):
        first, last = span(claims)
        if claims.name in keep and not any(a <= last and b >= first for spans in new.values() for a, b in spans):
            continue  # written from the same rows before
        parts = {t: covering(warehouse, t, first, last) for t in TABLES if t != "actors"}
        _write_enriched(
            warehouse, {**parts, "claims": [claims]}, table_dir(warehouse, ENRICHED) / claims.name, memory_limit
        )
        written.append(claims)
    return written


def _write_enriched(warehouse: Path, parts: dict[str, list[Path]], target: Path, memory_limit: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    spill = warehouse / ".tmp" / "duckdb"
    spill.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect() as con:
            con.execute(f"SET memory_limit = {literal(memory_limit)}")
            con.execute(f"SET temp_directory = {literal(spill)}")
            con.execute(warehouse_sql((SQL_DIR / "views.sql").read_text(), warehouse, parts))
            con.execute(
                "COPY (SELECT * REPLACE (CAST(NULL AS VARCHAR) AS source_actor_name) FROM claims_enriched"
                " ORDER BY article_date NULLS FIRST, article_id, claim_id)"
                f" TO {literal(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE})"
            )
        checkpoint("enriched")
        os.replace(tmp, target)
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
    # Rows from the Parquet footers: counting through the views would run their joins over the corpus.
    rows = {t: count_rows(current_parts(settings.warehouse, t)) for t in (*TABLES, ENRICHED)}
    checkpoint("commit")
    # Last: the tables, their blocking checks (which ran before this asset) and the views are done.
    write_commit(settings.warehouse)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "views": dg.MetadataValue.json(views),
            "rows": dg.MetadataValue.json(rows),
        }
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
