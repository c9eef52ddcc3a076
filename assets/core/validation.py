"""Great Expectations validation in one small function; GX is imported only when it runs."""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import types
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from .contract import SCHEMAS, TABLE
from .parts import scan
from .storage import read_json, write_json

if TYPE_CHECKING:
    import pandas as pd

SEVERITIES = ("critical", "warning")
# Expectations that need a whole column at once; every other one holds row by row.
WHOLE_COLUMN = {"expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique"}
# Expectations about the table's shape: its schema decides them, not its rows.
TABLE_SHAPE = {"expect_table_columns_to_match_set"}
CHUNK_ROWS = 250_000
EXAMPLES = 10


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failures: list[dict] = field(default_factory=list)
    rows_checked: int | None = None  # rows the row-by-row expectations ran on this time

    def markdown(self) -> str:
        if not self.failures:
            return f"All {self.evaluated} expectations passed."
        lines = ["| expectation | column | unexpected | examples |", "|---|---|---|---|"]
        for f in self.failures:
            examples = ", ".join(map(str, f["examples"]))[:200].replace("|", "\\|")
            lines.append(f"| {f['type']} | {f['column'] or ''} | {f['unexpected']} | {examples} |")
        return "\n".join(lines)


def load_suite_spec(path: Path) -> dict:
    return json.loads(path.read_text())


def _expectations(suite_path: Path, severity: str) -> tuple[str, list[dict]]:
    """The suite's name and its expectations of one severity.

    A table's column set is the contract's, not the suite's: a column added to the contract is
    expected at once (critical).
    """
    spec = load_suite_spec(suite_path)
    expectations = [e for e in spec["expectations"] if e.get("severity", "critical") == severity]
    if severity == "critical" and spec["name"] in TABLE:
        expectations.insert(0, column_set_expectation(spec["name"]))
    return spec["name"], expectations


def column_set_expectation(table: str) -> dict:
    return {
        "type": "expect_table_columns_to_match_set",
        "kwargs": {"column_set": list(SCHEMAS[table].names), "exact_match": True},
        "severity": "critical",
    }


def validate(df: pd.DataFrame, suite_path: Path, severity: str) -> SuiteResult:
    """Run the expectations of one severity from a JSON suite against `df`."""
    name, expectations = _expectations(suite_path, severity)
    if not expectations:
        return SuiteResult(True, 0)
    return _run(df, name, severity, expectations)


def _run(df: pd.DataFrame, name: str, severity: str, expectations: list[dict]) -> SuiteResult:
    """The expectations over `df`: first whether each holds (Great Expectations' BOOLEAN_ONLY
    results, about a third of the cost of SUMMARY ones), then the failing ones again for their
    unexpected counts and examples: the result of SUMMARY for all, for less when all pass."""
    # Each expectation carries its index in `meta`: Great Expectations orders results its own way.
    indexed = [{**e, "meta": {"index": i}} for i, e in enumerate(expectations)]
    passed = _validate(df, name, severity, indexed, "BOOLEAN_ONLY")
    failing = [r.expectation_config.meta["index"] for r in passed.results if not r.success]
    if not failing:
        return SuiteResult(True, len(expectations))
    summary = {"result_format": "SUMMARY", "partial_unexpected_count": 10}
    result = _validate(df, name, severity, [indexed[i] for i in failing], summary)
    failures = {}
    for r in result.results:
        if r.success:
            continue
        cfg = r.expectation_config
        res = r.result or {}
        failures[cfg.meta["index"]] = {
            "type": cfg.type,
            "column": cfg.kwargs.get("column") or ",".join(cfg.kwargs.get("column_list", []) or []),
            "unexpected": res.get("unexpected_count", res.get("observed_value")),
            "examples": res.get("partial_unexpected_list", [])[:10],
            "exception": (r.exception_info or {}).get("exception_message"),
        }
    # in the order a SUMMARY run of them all lists them
    return SuiteResult(result.success, len(expectations), [failures[i] for i in failing if i in failures])


def _validate(df: pd.DataFrame, name: str, severity: str, expectations: list[dict], result_format):
    import great_expectations as gx

    suite = gx.ExpectationSuite(name=f"{name}.{severity}", expectations=[dict(e) for e in expectations])
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": df})
    return batch.validate(suite, result_format=result_format)


def validate_parquet(
    files: list[Path], schema: pa.Schema, suite_path: Path, severity: str, chunk_rows: int = CHUNK_ROWS
) -> SuiteResult:
    """`validate` over a Parquet table (its part files) of any size in bounded memory, in the
    validation process when one is started (see `start_validation_process`), else here."""
    return _in_validation_process(_validate_parquet, files, schema, suite_path, severity, chunk_rows)


@dataclass(frozen=True)
class Batches:
    """How the rows of a table divide into the batches they came from: each staged file holds
    the `key` values (article ids, claim ids) of its batch's rows, which lie in the table's parts
    `parts` names for it (by the staged file's stem, the batch key; else in any part)."""

    staged: tuple[Path, ...]
    key: str
    ledger: Path  # what was checked already, per batch
    parts: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    # The parts written since the keys were last found unique (None: check every key in Great
    # Expectations); the keys of the others are only compared with these.
    new: tuple[Path, ...] | None = None


def validate_new_batches(
    files: list[Path],
    schema: pa.Schema,
    suite_path: Path,
    severity: str,
    batches: Batches,
    chunk_rows: int = CHUNK_ROWS,
) -> SuiteResult:
    """`validate_parquet`, with the row-by-row expectations run only on the rows of batches not
    checked before under the same suite, so a run that adds one article checks one article's rows.

    A batch's rows never change once staged (actor ids only ever map to the same canonical id),
    so their result is kept in the ledger, failures included: a failing batch keeps failing until
    it is staged again. Uniqueness is checked on the keys of the parts new since the commit
    (`batches.new`), within them and against the other parts' (a semi-join in DuckDB), whose keys
    were found unique when they were written; over every key when the suite changed or nothing
    is committed. The column set is checked on the table's schema, every time.
    """
    return _in_validation_process(_validate_new_batches, files, schema, suite_path, severity, batches, chunk_rows)


# Importing Great Expectations takes about 4 s. A run that will check its tables starts a process
# that imports it at once, while the articles are read and parsed; the checks then find it ready.
_service = None


def start_validation_process() -> None:
    global _service
    if _service is not None:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if multiprocessing.current_process().daemon or "fork" not in multiprocessing.get_all_start_methods():
        return  # no child processes here (or no cheap way to start one): validate in process
    # What Great Expectations shares with this process (which needs them for the tables and
    # Dagster anyway) is imported once, before the fork: about 0.7 s less for the child.
    import pandas  # noqa: F401
    import pydantic  # noqa: F401
    import sqlalchemy  # noqa: F401

    _service = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    _service.submit(_warm_up)


def stop_validation_process() -> None:
    global _service
    if _service is not None:
        service, _service = _service, None
        _started.clear()
        service.shutdown(wait=True, cancel_futures=True)


# Validations started ahead of their check (`prefetch`): (function, arguments) → its future.
_started: list[tuple[tuple, Future]] = []


def prefetch(validation: Callable[..., SuiteResult], *args) -> None:
    """Start `validation(*args)` (`validate_parquet` or `validate_new_batches`) in the validation
    process now, as soon as its table is written, so that it runs while this process goes on
    with the next steps; the same call made later by the check takes its result. Without a
    validation process, nothing is started."""
    if _service is not None:
        fn = {validate_parquet: _validate_parquet, validate_new_batches: _validate_new_batches}[validation]
        call = inspect.signature(validation).bind(*args)
        call.apply_defaults()  # as the call passes them on: every argument, in order
        args = tuple(call.arguments.values())
        _started.append(((fn, args), _service.submit(fn, *args)))


def _in_validation_process(fn, *args) -> SuiteResult:
    """`fn(*args)` in the validation process when one is started (its result if `prefetch`
    started the same call), else here."""
    if _service is None:
        return fn(*args)
    for n, (call, future) in enumerate(_started):
        if call == (fn, args):
            del _started[n]
            return future.result()
    return _service.submit(fn, *args).result()


def _warm_up() -> None:
    for name in DEFERRED:
        sys.modules.setdefault(name, _Deferred(name))
    _batch_definition()


# Modules Great Expectations imports at load time for expectations the suites do not use (the
# KL-divergence and KS-test ones): about 1.5 s of its 4 s. In the validation process they load
# only if something reads from them.
DEFERRED = ("scipy.stats", "altair")


class _Deferred(types.ModuleType):
    """Stands for module `name` in `sys.modules` and imports it on first use."""

    def __getattr__(self, attr: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def _validate_parquet(
    files: list[Path], schema: pa.Schema, suite_path: Path, severity: str, chunk_rows: int = CHUNK_ROWS
) -> SuiteResult:
    """`validate` over a Parquet table of any size in bounded memory.

    The column set is checked on the schema; the other expectations read only the columns they
    name. A table of up to `chunk_rows` rows is validated in one piece. A larger one is validated
    `chunk_rows` rows at a time for the row-by-row expectations, and once over just the key
    columns for the uniqueness expectations, which need the whole column; the results are merged
    (unexpected counts summed, the first examples kept).
    """
    import pyarrow.parquet as pq

    name, expectations = _expectations(suite_path, severity)
    if not expectations:
        return SuiteResult(True, 0)
    # The column set (first, with no column) apart: results as one call over every column gives.
    expectations = _in_validation_order(expectations)
    shape = [e for e in expectations if e["type"] in TABLE_SHAPE]
    rest = [e for e in expectations if e["type"] not in TABLE_SHAPE]
    results = [_run(schema.empty_table().to_pandas(), name, severity, shape)] if shape else []
    # Only the columns the expectations name: fewer to read and convert, and no list column for
    # Great Expectations to fingerprint by pickling the whole frame.
    columns = _named_columns(rest, schema)
    if rest and not files:
        results.append(_run(_subset(schema, columns).empty_table().to_pandas(), name, severity, rest))
    elif rest and sum(pq.ParquetFile(f).metadata.num_rows for f in files) <= chunk_rows:
        frame = pq.read_table(files, schema=schema, columns=columns).to_pandas()
        results.append(_run(frame, name, severity, rest))
    elif rest:
        whole = [e for e in rest if e["type"] in WHOLE_COLUMN]
        per_row = [e for e in rest if e["type"] not in WHOLE_COLUMN]
        results += [_run_on_keys(files, schema, name, severity, whole)] if whole else []
        for f in files:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=chunk_rows, columns=columns):
                results.append(_run(_frame(batch, _subset(schema, columns)), name, severity, per_row))
        return _merge(results, len(expectations))
    return SuiteResult(all(r.success for r in results), len(expectations), [f for r in results for f in r.failures])


def _in_validation_order(expectations: list[dict]) -> list[dict]:
    """`expectations` in the order Great Expectations validates them and lists their results:
    grouped by column, in the order each column first appears (those of no one column as one)."""
    groups: dict[str | None, list[dict]] = {}
    for e in expectations:
        column = e["kwargs"].get("column")
        groups.setdefault(column if isinstance(column, str) else None, []).append(e)
    return [e for group in groups.values() for e in group]


def _validate_new_batches(
    files: list[Path], schema: pa.Schema, suite_path: Path, severity: str, batches: Batches, chunk_rows: int
) -> SuiteResult:
    import hashlib

    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    name, expectations = _expectations(suite_path, severity)
    if not expectations or not files:
        return _validate_parquet(files, schema, suite_path, severity, chunk_rows)
    whole = [e for e in expectations if e["type"] in WHOLE_COLUMN]
    shape = [e for e in expectations if e["type"] in TABLE_SHAPE]
    per_row = [e for e in expectations if e["type"] not in WHOLE_COLUMN | TABLE_SHAPE]
    suite = hashlib.sha256(json.dumps([per_row, whole, str(schema)], sort_keys=True).encode()).hexdigest()
    ledger = read_json(batches.ledger) if batches.ledger.exists() else {}
    same_suite = ledger.get("suite") == suite
    known = ledger.get("batches", {}) if same_suite else {}
    checked: dict[str, dict] = {}
    results, rows_checked = [], 0
    for staged in batches.staged:
        stat = staged.stat()
        fingerprint = [stat.st_size, stat.st_mtime_ns]
        entry = known.get(staged.stem)
        if entry is None or entry["fingerprint"] != fingerprint:
            keys = pq.read_table(staged, columns=[batches.key]).column(batches.key).unique()
            parts = []
            table = ds.dataset(list(batches.parts.get(staged.stem) or files), format="parquet")
            columns = _named_columns(per_row, schema)
            found = table.to_batches(filter=pc.field(batches.key).isin(keys), batch_size=chunk_rows, columns=columns)
            for rows in found:
                if rows.num_rows:
                    rows_checked += rows.num_rows
                    parts.append(_run(_frame(rows, _subset(schema, columns)), name, severity, per_row))
            failures = _merge(parts, len(per_row)).failures if parts else []
            entry = {"fingerprint": fingerprint, "failures": json.loads(json.dumps(failures, default=str))}
        checked[staged.stem] = entry
        results.append(SuiteResult(not entry["failures"], len(per_row), entry["failures"]))
    # Parts whose keys were found unique under this suite before: compared with the new ones only.
    earlier = [f for f in files if same_suite and batches.new is not None and f not in batches.new]
    if whole and earlier:
        if batches.new:
            results.append(_run_on_keys(list(batches.new), schema, name, severity, whole))
            results.append(_keys_seen_before(list(batches.new), earlier, whole))
    elif whole:
        results.append(_run_on_keys(files, schema, name, severity, whole))
    if shape:
        results.append(_run(pq.read_schema(files[0]).empty_table().to_pandas(), name, severity, shape))
    write_json(batches.ledger, {"suite": suite, "batches": checked})
    merged = _merge(results, len(expectations))
    merged.rows_checked = rows_checked
    return merged


def _run_on_keys(files: list[Path], schema: pa.Schema, name: str, severity: str, whole: list[dict]) -> SuiteResult:
    """The whole-column expectations, over just the columns they name: the whole table's keys
    fit in memory where its rows may not."""
    import pyarrow.parquet as pq

    columns = sorted({c for e in whole for c in _columns(e)})
    keys = pq.read_table(files, columns=columns).cast(_subset(schema, columns)).to_pandas()
    return _run(keys, name, severity, whole)


def _keys_seen_before(new: list[Path], earlier: list[Path], whole: list[dict]) -> SuiteResult:
    """The uniqueness expectations across parts: keys of the `new` parts found in the `earlier`
    ones (whose own keys were unique), a semi-join in DuckDB over just the key columns, so a
    build that adds a few rows does not hand every key of the table to Great Expectations."""
    import duckdb

    failures = []
    with duckdb.connect() as con:
        for expectation in whole:
            columns = _columns(expectation)
            on = " AND ".join(f"n.{c} = e.{c}" for c in columns)
            found = con.execute(
                f"SELECT {', '.join(f'n.{c}' for c in columns)} FROM {scan(new)} n SEMI JOIN {scan(earlier)} e ON {on}"
            ).fetchall()
            if found:
                failures.append(
                    {
                        "type": expectation["type"],
                        "column": ",".join(columns),
                        "unexpected": len(found),
                        "examples": [row[0] if len(row) == 1 else list(row) for row in found[:EXAMPLES]],
                        "exception": None,
                    }
                )
    return SuiteResult(not failures, len(whole), failures)


def _frame(batch: pa.RecordBatch, schema: pa.Schema) -> pd.DataFrame:
    return pa.Table.from_batches([batch]).cast(schema).to_pandas()


def _columns(expectation: dict) -> list[str]:
    """The columns an expectation names: `column`, `column_list`, or the pair `column_A`, `column_B`."""
    kwargs = expectation["kwargs"]
    if "column" in kwargs:
        return [kwargs["column"]]
    return list(kwargs.get("column_list", [])) + [kwargs[k] for k in ("column_A", "column_B") if k in kwargs]


def _named_columns(expectations: list[dict], schema: pa.Schema) -> list[str]:
    """The columns `expectations` name, in the schema's order (all of them when one names none)."""
    named = [_columns(e) for e in expectations]
    if not named or not all(named):
        return list(schema.names)
    return [c for c in schema.names if any(c in n for n in named)]


def _subset(schema: pa.Schema, columns: list[str]) -> pa.Schema:
    return pa.schema([schema.field(c) for c in columns])


def _merge(results: list[SuiteResult], evaluated: int) -> SuiteResult:
    merged: dict[tuple, dict] = {}
    for result in results:
        for f in result.failures:
            key = (f["type"], f["column"])
            if key not in merged:
                merged[key] = {**f, "examples": list(f["examples"])}
                continue
            m = merged[key]
            if isinstance(m["unexpected"], int) and isinstance(f["unexpected"], int):
                m["unexpected"] += f["unexpected"]
            m["examples"] = (m["examples"] + list(f["examples"]))[:EXAMPLES]
            m["exception"] = m["exception"] or f["exception"]
    return SuiteResult(all(r.success for r in results), evaluated, list(merged.values()))


@lru_cache(maxsize=1)
def _batch_definition():
    import great_expectations as gx

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = {"globally": False}
    source = ctx.data_sources.add_pandas("newsclaims")
    return source.add_dataframe_asset("table").add_batch_definition_whole_dataframe("all")
