"""Jobs and sensors: extract each new input batch, then rebuild the corpus-wide tables.

The same jobs on a Dask cluster, `extract_batch_on_dask` and `build_tables_on_dask`, are in
`pipelines/definitions.py` (dagster-dask takes over a second to import: only loaded when used).
"""

import dagster as dg

from assets.core.settings import NewsclaimsSettings
from assets.ingest.assets import input_batches
from assets.ingest.batches import plan_batches

extract_batch_job = dg.define_asset_job(
    "extract_batch",
    selection=dg.AssetSelection.groups("ingest", "extract"),
    partitions_def=input_batches,
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
    from pathlib import Path

    if not Path(inbox).exists():
        return dg.SkipReason(f"inbox {inbox} does not exist")
    keys = plan_batches(settings.warehouse, [inbox], settings.max_batch_bytes)
    if not keys:
        return dg.SkipReason("no new files in the inbox")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=key, run_key=key) for key in keys],
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
