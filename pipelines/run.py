"""`newsclaims run`: plan batches of the new files, extract each, rebuild the tables, report.

The command line and the tests run the pipeline through here; the Dagster UI runs the same
jobs (`assets/automation.py`).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dagster as dg

from assets.core.contract import TABLES
from assets.core.destination import Destination
from assets.core.lock import WarehouseBusy, warehouse_lock
from assets.core.parts import table_rows
from assets.core.settings import NewsclaimsSettings
from assets.core.validation import start_validation_process, stop_validation_process
from assets.core.workers import shutdown_pools
from assets.ingest.batches import PARTITIONS_NAME, batch_files, batch_tags, pending_batches, plan_batches
from assets.publish.release import default_destination, remove_stale_staging
from assets.tables.commit import remove_uncommitted, uncommitted

from .definitions import build_defs, build_tables_on_dask, extract_batch_on_dask
from .instance import warehouse_instance


def run_command(settings: NewsclaimsSettings, paths: list[str]) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"newsclaims: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        with warehouse_lock(settings.warehouse, "run"):
            # The warehouse's own instance: the UI (`make dev`) shows these runs, their checks and batches.
            with warehouse_instance(settings.warehouse) as instance:
                outcome = run_pipeline(settings, paths, instance)
    except WarehouseBusy as exc:
        print(f"newsclaims: {exc}", file=sys.stderr)
        return 3
    print_summary(settings, outcome, time.perf_counter() - started)
    return 0 if outcome.ok else 1


def compact_command(settings: NewsclaimsSettings) -> int:
    """`newsclaims compact`: rewrite every table of more than one part as one part, sorted across
    the corpus, then check and commit it as any build (a run does it when a table reaches
    `max_table_parts` parts)."""
    started = time.perf_counter()
    config = {name: getattr(settings, name) for name in type(settings).model_fields}
    settings = type(settings)(**{**config, "max_table_parts": 1})
    outcome = Outcome()
    try:
        with warehouse_lock(settings.warehouse, "compact"), warehouse_instance(settings.warehouse) as instance:
            remove_orphans(settings.warehouse)
            remove_uncommitted(settings.warehouse)
            if pending_batches(settings.warehouse):
                print(
                    "newsclaims compact: batches are waiting to be extracted: run `newsclaims run` first",
                    file=sys.stderr,
                )
                return 2
            outcome.uncommitted = ["compacted"]
            start_validation_process()
            try:
                result = (
                    build_defs(settings)
                    .resolve_job_def("build_tables")
                    .execute_in_process(instance=instance, raise_on_error=False, run_config=QUIET)
                )
            finally:
                stop_validation_process()
            _record_tables(outcome, result)
    except WarehouseBusy as exc:
        print(f"newsclaims: {exc}", file=sys.stderr)
        return 3
    print_summary(settings, outcome, time.perf_counter() - started)
    return 0 if outcome.ok else 1


class Outcome:
    def __init__(self) -> None:
        self.batches: list[str] = []
        self.checks: list[tuple[str, str, bool]] = []  # (check, severity, passed)
        self.errors: list[str] = []
        self.rebuilt = False
        self.uncommitted: list[str] = []  # why the tables were rebuilt with no new batch

    @property
    def blocking_failures(self) -> list[str]:
        return [name for name, severity, passed in self.checks if severity == "ERROR" and not passed]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocking_failures


def run_pipeline(settings: NewsclaimsSettings, paths: list[str], instance: dg.DagsterInstance | None = None) -> Outcome:
    """Plan batches of the new files, extract every pending batch, then rebuild the tables.

    A run with nothing new and tables in place does no work at all. With
    `settings.dask_scheduler` the same jobs run step by step on that Dask cluster. The runs are
    recorded in `instance` (default: `DAGSTER_HOME`'s, else a throwaway one, quick for tests).
    """
    outcome = Outcome()
    settings.warehouse.mkdir(parents=True, exist_ok=True)
    remove_orphans(settings.warehouse)
    remove_uncommitted(settings.warehouse)  # the parts of a build that was never committed
    remove_stale_staging(Destination.open(default_destination(settings.warehouse)))
    plan_batches(settings.warehouse, paths, settings.max_batch_bytes)
    outcome.batches = pending_batches(settings.warehouse)
    # Commit, don't infer: the tables are rebuilt unless the last commit is what they should be.
    outcome.uncommitted = uncommitted(settings.warehouse)
    if not outcome.batches and not outcome.uncommitted:
        return outcome
    if settings.dask_scheduler:
        _run_on_dask(settings, outcome, instance)
        return outcome
    start_validation_process()  # Great Expectations loads while the articles are parsed
    try:
        _run_here(settings, outcome, instance or _default_instance())
    finally:
        stop_validation_process()
    return outcome


def remove_orphans(warehouse: Path) -> list[Path]:
    """Delete the temporary files a killed run left (`.<name>.<uuid>.tmp`, their DuckDB WALs).

    Only safe under the warehouse's lock: no other writer can be using them.
    """
    found = []
    for path in warehouse.rglob(".*.tmp*"):
        if path.is_file() and not {"dagster", "releases"} & set(path.relative_to(warehouse).parts[:1]):
            path.unlink(missing_ok=True)
            found.append(path)
    return found


QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
PRESTART_BYTES = 2**20  # about 400 articles: enough to parse on several cores


def _default_instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def _run_here(settings: NewsclaimsSettings, outcome: Outcome, instance: dg.DagsterInstance) -> None:
    """Each pending batch, then the tables, in this process (the batch's parsing on every core)."""
    # lazy: the parser (spaCy and the project's components) loads only when there is work
    from assets.extract.parallel import prestart

    new_bytes = sum(
        f.stat().st_size for key in outcome.batches for f in batch_files(settings.warehouse, key) if f.exists()
    )
    if new_bytes >= PRESTART_BYTES:
        prestart(settings.model_name, settings.n_process)  # the workers load the model while files are read
    defs = build_defs(settings)
    extract = defs.resolve_job_def("extract_batch")
    try:
        for key in outcome.batches:
            instance.add_dynamic_partitions(PARTITIONS_NAME, [key])
            result = extract.execute_in_process(
                partition_key=key,
                instance=instance,
                raise_on_error=False,
                run_config=QUIET,
                tags=batch_tags(settings.warehouse, key),
            )
            if not result.success:
                outcome.errors.append(f"batch {key}: {_first_error(result)}")
    finally:
        shutdown_pools()  # the parser processes' memory is not needed for the tables
    if outcome.errors:
        return
    result = defs.resolve_job_def("build_tables").execute_in_process(
        instance=instance, raise_on_error=False, run_config=QUIET
    )
    _record_tables(outcome, result)


def _run_on_dask(settings: NewsclaimsSettings, outcome: Outcome, given: dg.DagsterInstance | None) -> None:
    """The same jobs through dagster-dask's executor: every step is a task on the cluster.

    Batches are read in the order they were planned (an article's duplicates are judged against
    the batches before it), then parsed side by side, one run per batch, then the tables are
    rebuilt. The instance must be one the workers can reach: the one given (the warehouse's),
    else `DAGSTER_HOME`'s, else a temporary one on this machine (workers on this machine only).
    """
    run_config = dask_run_config(settings)
    with tempfile.TemporaryDirectory(prefix="newsclaims-dagster-") as home:
        if given is not None:
            instance = given
        elif os.environ.get("DAGSTER_HOME"):
            instance = dg.DagsterInstance.get()
        else:
            instance = dg.DagsterInstance.local_temp(home)
        with instance:
            instance.add_dynamic_partitions(PARTITIONS_NAME, outcome.batches)
            extract = dg.reconstructable(extract_batch_on_dask)

            def run(key: str, asset: str):
                return dg.execute_job(
                    extract,
                    instance,
                    run_config=run_config,
                    tags={"dagster/partition": key, **batch_tags(settings.warehouse, key)},
                    asset_selection=[dg.AssetKey(asset)],
                )

            for key in outcome.batches:
                result = run(key, "raw_articles")
                if not result.success:
                    outcome.errors.append(f"batch {key}: {_first_error(result)}")
            if outcome.errors:
                return
            with ThreadPoolExecutor(max_workers=min(len(outcome.batches), 8) or 1) as pool:
                results = list(pool.map(lambda key: run(key, "extractions"), outcome.batches))
            for key, result in zip(outcome.batches, results):
                if not result.success:
                    outcome.errors.append(f"batch {key}: {_first_error(result)}")
            if outcome.errors:
                return
            result = dg.execute_job(dg.reconstructable(build_tables_on_dask), instance, run_config=run_config)
            _record_tables(outcome, result)


def dask_run_config(settings: NewsclaimsSettings) -> dict:
    """Run config for the `*_on_dask` jobs: the scheduler, and the settings (workers rebuild the
    definitions themselves, so the settings travel here rather than in this process's memory)."""
    config = {name: getattr(settings, name) for name in type(settings).model_fields}
    config["warehouse_dir"] = str(settings.warehouse)  # absolute: workers have their own cwd
    return {
        **QUIET,
        "resources": {"settings": {"config": config}},
        "execution": {"config": {"cluster": {"existing": {"address": settings.dask_scheduler}}}},
    }


def _record_tables(outcome: Outcome, result) -> None:
    outcome.rebuilt = True
    for evaluation in result.get_asset_check_evaluations():
        outcome.checks.append((evaluation.check_name, evaluation.severity.value, evaluation.passed))
    if not result.success and not outcome.blocking_failures:
        outcome.errors.append(_first_error(result))


def _first_error(result) -> str:
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE and event.step_failure_data:
            return f"{event.step_key}: {event.step_failure_data.error.message.strip()}"
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.RUN_FAILURE:
            return event.message or "the run failed"
    return "the run failed"


def print_summary(settings: NewsclaimsSettings, outcome: Outcome, seconds: float) -> None:
    counts = {table: table_rows(settings.warehouse, table) for table in TABLES}
    if not outcome.batches and outcome.rebuilt:
        print(f"nothing new to extract; tables rebuilt ({outcome.uncommitted[0]})")
    elif not outcome.batches:
        print("nothing new to extract")
    else:
        print(f"extracted {len(outcome.batches)} new batch(es): {', '.join(outcome.batches)}")
    print(
        f"articles {counts['articles']:,} | rejected {counts['rejected_inputs']:,} | actors {counts['actors']:,} | "
        f"claims {counts['claims']:,} | sources {counts['sources']:,} | dates {counts['dates']:,}"
    )
    if outcome.checks:
        failed = [(n, s) for n, s, p in outcome.checks if not p]
        print(f"checks: {len(outcome.checks) - len(failed)} passed, {len(failed)} failed")
        for name, severity in failed:
            print(f"  {'FAILED' if severity == 'ERROR' else 'warning'}: {name}")
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"warehouse {settings.warehouse} in {seconds:.1f} s")
