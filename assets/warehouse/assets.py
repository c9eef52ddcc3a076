"""Warehouse: the DuckDB database of views over the Parquet tables, and its example queries."""

import os
import uuid
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.settings import SQL_DIR, TABLES, NewsclaimsSettings

DATABASE = "news.duckdb"


def example_queries() -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted((SQL_DIR / "queries").glob("*.sql"))}


def build_database(warehouse: Path, releases: Path | None = None) -> Path:
    """Write the views into a fresh database file, then rename it over the old one.

    When `releases` (default `warehouse/releases`) holds published releases, the release views
    (`releases`, `latest`, `release_<table>`, `latest_<table>`) are added too.
    """
    from pipelines.publish.views import release_views_sql

    target = warehouse / DATABASE
    tmp = warehouse / f".{DATABASE}.{uuid.uuid4().hex}.tmp"
    release_sql = release_views_sql(releases or warehouse / "releases")
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute((SQL_DIR / "views.sql").read_text().replace("{dir}", warehouse.as_posix()))
            if release_sql:
                con.execute(release_sql)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return target


@dg.asset(deps=list(TABLES), group_name="warehouse", kinds={"duckdb"})
def news_duckdb(settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """`news.duckdb`: a view per contract table over the Parquet files, `claims_enriched`
    (claims with their source, actor and dates) and `claims_about_actors`."""
    path = build_database(settings.warehouse)
    with duckdb.connect(str(path), read_only=True) as con:
        views = [
            r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()
        ]
        counts = {v: con.execute(f"SELECT count(*) FROM {v}").fetchone()[0] for v in views}
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
