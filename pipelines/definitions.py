"""The Dagster code location: every definition under `assets/`, plus the settings resource.

Runs execute in one process unless a job says otherwise: "Materialize all" in the UI is a few
dozen short steps, and a process per step (Dagster's default) made it ten times slower than
the two jobs it stands for.
"""

from __future__ import annotations

import warnings

import dagster as dg

from assets import automation
from assets.core.settings import NewsclaimsSettings
from assets.extract import assets as extract_assets
from assets.ingest import assets as ingest_assets
from assets.publish import assets as publish_assets
from assets.tables import assets as tables_assets
from assets.tables import checks as tables_checks
from assets.warehouse import assets as warehouse_assets

# The modules that hold definitions: each step of the flow's `assets.py`, the tables' checks,
# and the jobs and sensors. Named rather than found by walking `assets/`, which would import
# every module there, the parser's included, into a process that only runs the jobs (a test
# checks that none is missed).
DEFINITION_MODULES = (
    ingest_assets,
    extract_assets,
    tables_assets,
    tables_checks,
    warehouse_assets,
    publish_assets,
    automation,
)


def build_defs(settings: NewsclaimsSettings | None = None, dask: bool = False) -> dg.Definitions:
    """Every definition under `assets/` with the settings; with `dask`, the jobs that run on a
    Dask cluster too."""
    with warnings.catch_warnings():
        # load_definitions_from_modules and map_asset_specs: stable in use, "preview" in name
        warnings.simplefilter("ignore", dg.PreviewWarning)
        merged = dg.Definitions.merge(
            dg.load_definitions_from_modules(DEFINITION_MODULES),
            dg.Definitions(
                resources={"settings": settings or NewsclaimsSettings.from_env()},
                jobs=dask_jobs() if dask else [],
                executor=dg.in_process_executor,
            ),
        )
        return merged.map_asset_specs(func=lambda spec: spec.replace_attributes(description=plain(spec.description)))


def plain(text: str | None) -> str | None:
    """A description without Markdown code marks: the UI's asset list shows descriptions as plain text."""
    return text.replace("`", "") if text else text


def dask_jobs() -> list:
    """`extract_batch` and `build_tables` with dagster-dask's executor: each step is a task on a
    Dask cluster, configured in the run config with the scheduler's address:

        execution: {config: {cluster: {existing: {address: "tcp://scheduler:8786"}}}}

    (`pipelines/dask_executor.py` is dagster-dask's executor made to work with current Dask.)
    """
    # lazy: dagster-dask takes over a second to import
    from .dask_executor import newsclaims_dask_executor as dask_executor

    return [
        dg.define_asset_job(
            "extract_batch_on_dask",
            selection=dg.AssetSelection.groups("ingest", "extract"),
            description="extract_batch, each step a task on a Dask cluster (the scheduler's address in the run config).",
            executor_def=dask_executor,
        ),
        dg.define_asset_job(
            "build_tables_on_dask",
            selection=dg.AssetSelection.groups("tables", "warehouse"),
            description="build_tables, each table and check a task on a Dask cluster (the scheduler's address in the run config).",
            executor_def=dask_executor,
        ),
    ]


@dg.definitions
def defs() -> dg.Definitions:
    return build_defs(dask=True)


# Reconstructable entry points: a Dask worker (or any process Dagster starts) imports these to
# rebuild the job; the settings travel in the run config (see pipelines/cli.py).
def extract_batch_on_dask() -> dg.JobDefinition:
    return build_defs(dask=True).resolve_job_def("extract_batch_on_dask")


def build_tables_on_dask() -> dg.JobDefinition:
    return build_defs(dask=True).resolve_job_def("build_tables_on_dask")
