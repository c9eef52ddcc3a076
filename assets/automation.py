"""Jobs and sensors: plan input batches, extract each, then rebuild the corpus-wide tables.

The same jobs on a Dask cluster, `extract_batch_on_dask` and `build_tables_on_dask`, are in
`pipelines/definitions.py` (dagster-dask takes over a second to import: only loaded when used).
"""

from pathlib import Path

import dagster as dg
from pydantic import Field

from assets.core.settings import PROJECT_ROOT, NewsclaimsSettings
from assets.ingest.assets import input_batches
from assets.ingest.batches import batch_name, plan_batches, plan_partitions

extract_batch_job = dg.define_asset_job(
    "extract_batch",
    selection=dg.AssetSelection.groups("ingest", "extract"),
    description="Read one input batch and extract its actors, sources, claims and dates.",
)

build_tables_job = dg.define_asset_job(
    "build_tables",
    selection=dg.AssetSelection.groups("tables", "warehouse"),
    description="Compact every batch into the contract's tables, check them and rebuild news.duckdb.",
    # Dozens of short steps: a process per step would cost more than the steps themselves.
    executor_def=dg.in_process_executor,
)


@dg.sensor(job=extract_batch_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED)
def inbox_sensor(context: dg.SensorEvaluationContext, settings: NewsclaimsSettings) -> dg.SensorResult | dg.SkipReason:
    """Files dropped into the inbox folder (NEWSCLAIMS_INBOX) become new input batches (several
    when they are many: see `max_batch_bytes`), one run each."""
    inbox = settings.inbox_dir
    if not Path(inbox).exists():
        return dg.SkipReason(f"inbox {inbox} does not exist")
    keys = plan_batches(settings.warehouse, [inbox], settings.max_batch_bytes)
    if not keys:
        return dg.SkipReason("no new files in the inbox")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                partition_key=key, run_key=key, tags={"newsclaims/batch": batch_name(settings.warehouse, key)}
            )
            for key in keys
        ],
        dynamic_partitions_requests=[input_batches.build_add_request(keys)],
    )


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[extract_batch_job],
    request_job=build_tables_job,
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def build_tables_after_extract(context: dg.RunStatusSensorContext) -> dg.RunRequest:
    """Once a batch is extracted, rebuild the tables so they include it."""
    return dg.RunRequest(run_key=context.dagster_run.run_id)


class PlanConfig(dg.Config):
    paths: list[str] = Field(
        description="Files or folders (searched recursively) to plan as input batches; relative paths are "
        "taken from the project folder."
    )


@dg.op
def plan_input_batches(context: dg.OpExecutionContext, config: PlanConfig, settings: NewsclaimsSettings) -> list[str]:
    """Plan the files not seen before as input batches and add their partitions."""
    paths = [p if Path(p).is_absolute() else PROJECT_ROOT / p for p in config.paths]
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise dg.Failure(description=f"no such file or folder: {', '.join(missing)}")
    keys = plan_partitions(context.instance, settings.warehouse, paths, settings.max_batch_bytes)
    for key in keys:
        context.log.info(f"planned batch {key}: {batch_name(settings.warehouse, key)}")
    if not keys:
        context.log.info("no new files: every file is in an earlier batch already")
    context.add_output_metadata(
        {"batches": dg.MetadataValue.json({k: batch_name(settings.warehouse, k) for k in keys})}
    )
    return keys


@dg.job(
    description="Plan files as new input batches and add their partitions (config: paths); then materialise "
    "the new partition of raw_articles and extractions, or launch extract_batch on it.",
    executor_def=dg.in_process_executor,
)
def plan_batch() -> None:
    plan_input_batches()
