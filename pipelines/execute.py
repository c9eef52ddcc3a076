"""Run the planned work through Dagster: each pending batch's extraction, then the tables.

`pipelines/run.py` decides whether there is any work without loading Dagster, spaCy or Great
Expectations; this module loads them and runs the jobs, here or on a Dask cluster.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor

import dagster as dg

from assets.core.settings import NewsclaimsSettings
from assets.core.validation import start_validation_process, stop_validation_process
from assets.core.workers import shutdown_pools
from assets.ingest.batches import PARTITIONS_NAME, batch_tags

from .definitions import build_defs, build_tables_on_dask, extract_batch_on_dask
from .outcome import Outcome

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def execute(settings: NewsclaimsSettings, outcome: Outcome, instance: dg.DagsterInstance | None = None) -> None:
    """Extract `outcome.batches`, then rebuild the tables, recording into `outcome`.

    With `settings.dask_scheduler` the same jobs run step by step on that Dask cluster. The runs
    are recorded in `instance` (default: `DAGSTER_HOME`'s, else a throwaway one, quick for tests).
    """
    if settings.dask_scheduler:
        _run_on_dask(settings, outcome, instance)
        return
    start_validation_process()  # Great Expectations loads while the articles are parsed
    try:
        _run_here(settings, outcome, instance or _default_instance())
    finally:
        stop_validation_process()


def build_tables(settings: NewsclaimsSettings, outcome: Outcome, instance: dg.DagsterInstance) -> None:
    """The `build_tables` job alone (what `newsclaims compact` runs)."""
    start_validation_process()
    try:
        _build_tables(build_defs(settings), outcome, instance)
    finally:
        stop_validation_process()


def _build_tables(defs: dg.Definitions, outcome: Outcome, instance: dg.DagsterInstance) -> None:
    result = defs.resolve_job_def("build_tables").execute_in_process(
        instance=instance, raise_on_error=False, run_config=QUIET
    )
    _record_tables(outcome, result)


def _default_instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def _run_here(settings: NewsclaimsSettings, outcome: Outcome, instance: dg.DagsterInstance) -> None:
    """Each pending batch, then the tables, in this process (the batch's parsing on every core)."""
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
    _build_tables(defs, outcome, instance)


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
