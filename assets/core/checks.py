"""The check factory: Great Expectations suites and DuckDB key queries as Dagster asset checks.

Critical expectations become blocking ERROR checks (a failure stops downstream assets and
publishing); warnings become WARN checks that only show. Failing rows go into the check's
metadata so the UI shows them. A table's checks run as one step (`table_checks`): each keeps
its name, blocking flag and severity, and Dagster's cost per step is paid once per table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from .contract import SCHEMAS, TABLE
from .faults import checkpoint
from .metadata import preview
from .parts import count_rows, covering, current_parts, fresh_parts, new_parts, scan, span
from .settings import EXPECTATIONS_DIR, NewsclaimsSettings
from .storage import duckdb_connection
from .validation import SEVERITIES, Batches, prefetch, validate_new_batches, validate_parquet

FAILING_ROWS_SHOWN = 20


# batch key → the parts of a table holding that batch's rows (`assets/tables/commit.py`)
BatchParts = Callable[[Path, str], dict[str, list[Path]]]


@dataclass(frozen=True)
class Check:
    """One asset check: the table it checks, its name, whether an ERROR failure blocks what follows,
    and the function giving its result."""

    asset: str
    name: str
    description: str
    blocking: bool
    run: Callable[[NewsclaimsSettings], dg.AssetCheckResult]


def table_checks(table: str, checks: list[Check]) -> dg.AssetChecksDefinition:
    """The checks of `table` as one step. Every check is its own asset check (the UI lists each,
    with its result); a blocking one failing with ERROR fails the step once all have run, which
    stops the assets downstream as a check of its own would. One may be run alone from the UI."""
    assert all(c.asset == table for c in checks)

    @dg.multi_asset_check(
        name=f"{table}_checks",
        specs=[dg.AssetCheckSpec(c.name, asset=table, blocking=c.blocking, description=c.description) for c in checks],
        can_subset=True,
    )
    def _checks(context: dg.AssetCheckExecutionContext, settings: NewsclaimsSettings):
        selected = {key.name for key in context.selected_asset_check_keys}
        for check in checks:
            if check.name in selected:
                yield check.run(settings)

    return _checks


def suite_checks(table: str, batch_parts: BatchParts | None = None) -> list[Check]:
    """One blocking check for the suite's critical expectations, one WARN check for the rest."""

    def make(severity: str) -> Check:
        blocking = severity == "critical"
        name = f"{table}_expectations" if blocking else f"{table}_expectations_warn"

        def _check(settings: NewsclaimsSettings) -> dg.AssetCheckResult:
            validation, args = suite_validation(settings, table, severity, batch_parts)
            result = validation(*args)
            checkpoint("checks")  # after the ledger of checked batches is written
            coverage = rows_checked(count_rows(args[0]), result.rows_checked)
            return dg.AssetCheckResult(
                asset_key=table,
                check_name=name,
                passed=result.success,
                severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
                description=coverage.pop("checked"),
                metadata={
                    "expectations": result.evaluated,
                    "failed": len(result.failures),
                    **coverage,
                    "failures": dg.MetadataValue.md(result.markdown()),
                },
            )

        description = f"Great Expectations suite expectations/{table}.json ({severity} expectations)."
        return Check(table, name, description, blocking, _check)

    return [make("critical"), make("warning")]


def suite_validation(
    settings: NewsclaimsSettings, table: str, severity: str, batch_parts: BatchParts | None = None
) -> tuple[Callable, tuple]:
    """The validation of `table`'s suite of one severity, and its arguments: in pieces of
    bounded size, so memory does not grow with the table; and row by row only on the batches
    new since the last check, so time does not grow with it either."""
    parts, schema = current_parts(settings.warehouse, table), SCHEMAS[table]
    suite_path = EXPECTATIONS_DIR / f"{table}.json"
    if not TABLE[table].batch_key:
        return validate_parquet, (parts, schema, suite_path, severity)
    staging = settings.warehouse / "staging"
    holding = batch_parts(settings.warehouse, table) if batch_parts else {}
    batches = Batches(
        staged=tuple(sorted((staging / table).glob("*.parquet"))),
        key=TABLE[table].batch_key,
        ledger=staging / "checked" / f"{table}.{severity}.json",
        parts={key: tuple(files) for key, files in holding.items()},
        new=tuple(new_parts(settings.warehouse, table)),
    )
    return validate_new_batches, (parts, schema, suite_path, severity, batches)


def prefetch_suites(settings: NewsclaimsSettings, table: str, batch_parts: BatchParts | None = None) -> None:
    """Start `table`'s suite validations now that it is written (`validation.prefetch`): its
    checks find them done or under way."""
    for severity in SEVERITIES:
        try:
            validation, args = suite_validation(settings, table, severity, batch_parts)
        except Exception:  # noqa: BLE001 — the check runs it again and reports what goes wrong
            return
        prefetch(validation, *args)


def rows_checked(total: int, this_run: int | None) -> dict:
    """How many rows a suite checked this run, of the table's `total`, in words too: "Passed" after
    checking no new row reads as if nothing was checked, when an earlier run checked them all."""
    this_run = total if this_run is None else this_run
    earlier = max(total - this_run, 0)
    if total == 0:
        words = "the table is empty: no rows to check"
    elif this_run == 0:
        words = f"no new rows: all {total:,} rows were checked by an earlier run (whole-column expectations ran on every row)"
    elif earlier:
        words = f"checked the {this_run:,} new rows; the other {earlier:,} of {total:,} were checked by an earlier run"
    else:
        words = f"checked all {total:,} rows"
    return {
        "checked": words,
        "rows_checked_this_run": this_run,
        "rows_checked_earlier": earlier,
        "rows_in_table": total,
        "rows_checked_in_total": this_run + earlier,
    }


def sql_check(asset: str, name: str, sql: str, description: str, blocking: bool = True) -> Check:
    """A check that passes when `sql` (over the warehouse's Parquet tables) returns no rows.

    Table names in `sql` are written `{articles}` and resolve to the table's current parts;
    `{new_claims}` resolves to the parts of `claims` holding the batches this build wrote a part
    for (`fresh_parts`: the rows it added; every row after a compaction), and
    `{articles_of_new_claims}` to the parts of `articles` holding the same batches: a check
    reading those costs what the new rows cost.
    """

    def _check(settings: NewsclaimsSettings) -> dg.AssetCheckResult:
        # A few failing rows to show, and their number: never every row of a large table.
        failing = run_sql_check(settings, sql, limit=FAILING_ROWS_SHOWN + 1)
        count = len(failing) if len(failing) <= FAILING_ROWS_SHOWN else count_sql_check(settings, sql)
        fresh = "{new_" in sql
        rows = count_rows((fresh_parts if fresh else current_parts)(settings.warehouse, asset))
        checked = f"the {rows:,} rows of {asset} in the batches this build wrote" if fresh else f"every row of {asset}"
        return dg.AssetCheckResult(
            asset_key=asset,
            check_name=name,
            passed=failing.empty,
            description=f"{count:,} failing rows" if count else f"no failing rows: checked {checked}",
            severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
            metadata={
                "failing_rows": count,
                "rows_checked_this_run": rows,
                "examples": dg.MetadataValue.md(preview(failing, FAILING_ROWS_SHOWN)),
            },
        )

    return Check(asset, name, description, blocking, _check)


def _resolve(settings: NewsclaimsSettings, sql: str) -> str:
    warehouse, relations = settings.warehouse, {}
    for table in SCHEMAS:
        if "{" + table + "}" in sql:
            relations[table] = scan(current_parts(warehouse, table))
        if "_new_" + table + "}" in sql or "{new_" + table + "}" in sql:
            new = fresh_parts(warehouse, table)
            relations[f"new_{table}"] = _relation(new, table, warehouse)
            spans = [span(p) for p in new]
            articles = (
                covering(warehouse, "articles", min(s[0] for s in spans), max(s[1] for s in spans)) if new else []
            )
            relations[f"articles_of_new_{table}"] = _relation(articles, "articles", warehouse)
    return sql.format(**relations)


def _relation(parts: list[Path], table: str, warehouse: Path) -> str:
    """SQL reading `parts`; with none, no rows of the table (a check over no new rows)."""
    if parts:
        return scan(parts)
    return f"(SELECT * FROM {scan(current_parts(warehouse, table))} LIMIT 0)"


def run_sql_check(settings: NewsclaimsSettings, sql: str, limit: int | None = None):
    """The rows `sql` returns (at most `limit`), within DuckDB's memory limit."""
    query = _resolve(settings, sql)
    if limit is not None:
        query = f"SELECT * FROM ({query}) LIMIT {int(limit)}"
    with duckdb_connection(settings) as con:
        return con.execute(query).df()


def count_sql_check(settings: NewsclaimsSettings, sql: str) -> int:
    with duckdb_connection(settings) as con:
        return con.execute(f"SELECT count(*) FROM ({_resolve(settings, sql)})").fetchone()[0]
