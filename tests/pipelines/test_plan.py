"""Batches by hand and the warehouse's own Dagster instance: what the UI (`make dev`) relies on."""

import shutil

import dagster as dg
import pytest
import sqlalchemy

from assets.core.settings import NewsclaimsSettings
from assets.ingest.assets import raw_articles
from assets.ingest.batches import PARTITIONS_NAME
from pipelines.cli import main
from pipelines.definitions import build_defs
from pipelines.dev import prepare_ui
from pipelines.instance import warehouse_instance

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out


@pytest.fixture
def one_article(tmp_path, fixtures):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(fixtures / "ministry_briefing.txt", inputs)
    return inputs


def test_plan_adds_a_readable_partition_once(tmp_path, one_article, capsys):
    warehouse = tmp_path / "wh"
    assert main(["plan", str(one_article), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "planned batch" in out and "inputs/ministry_briefing.txt" in out
    with warehouse_instance(warehouse) as instance:
        [key] = instance.get_dynamic_partitions(PARTITIONS_NAME)
    assert key in out
    assert (warehouse / "dagster" / "dagster.yaml").exists()
    assert main(["plan", str(one_article), "--warehouse", str(warehouse)]) == 0
    assert "nothing new" in capsys.readouterr().out


def test_a_partition_never_planned_fails_with_one_line_naming_the_fix(tmp_path):
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(PARTITIONS_NAME, ["by-hand"])
        result = dg.materialize(
            [raw_articles],
            partition_key="by-hand",
            resources={"settings": settings},
            instance=instance,
            raise_on_error=False,
        )
    assert not result.success
    [failure] = [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    description = failure.step_failure_data.user_failure_data.description
    assert "'by-hand' was never planned" in description and "newsclaims plan" in description
    assert "\n" not in description and "FileNotFoundError" not in failure.step_failure_data.error.message


def test_dev_plans_the_samples_on_a_fresh_warehouse(tmp_path):
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    home = prepare_ui(settings)
    assert home == settings.warehouse / "dagster"
    with warehouse_instance(settings.warehouse) as instance:
        [key] = instance.get_dynamic_partitions(PARTITIONS_NAME)
    prepare_ui(settings)  # again: nothing more
    with warehouse_instance(settings.warehouse) as instance:
        assert instance.get_dynamic_partitions(PARTITIONS_NAME) == [key]


def test_the_cli_records_its_runs_where_the_ui_reads_them(tmp_path, one_article):
    warehouse = tmp_path / "wh"
    assert main(["run", str(one_article), "--warehouse", str(warehouse)]) == 0
    # A new process (a restart of `make dev`) opens the same instance from disk.
    with warehouse_instance(warehouse) as instance:
        claims = instance.get_latest_materialization_event(dg.AssetKey("claims")).asset_materialization
        assert claims.metadata["dagster/row_count"].value > 0
        assert "dagster/column_schema" in claims.metadata
        assert instance.get_dynamic_partitions(PARTITIONS_NAME)
        runs = instance.get_runs()
        assert {r.job_name for r in runs} == {"extract_batch", "build_tables"}
        extract = next(r for r in runs if r.job_name == "extract_batch")
        assert extract.tags["newsclaims/batch"].endswith("inputs/ministry_briefing.txt")
        check = instance.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("claims"), "claims_expectations")]
        )
        assert check


def test_materialize_all_publishes_nothing_and_extracts_once(tmp_path, one_article):
    """What the UI's "Materialize all" runs: the implicit asset job, in one process."""
    warehouse = tmp_path / "wh"
    settings = NewsclaimsSettings(warehouse_dir=str(warehouse))
    assert main(["plan", str(one_article), "--warehouse", str(warehouse)]) == 0
    job = build_defs(settings).resolve_implicit_global_asset_job_def()
    assert job.executor_def is dg.in_process_executor
    with warehouse_instance(warehouse) as instance:
        [key] = instance.get_dynamic_partitions(PARTITIONS_NAME)
        first = job.execute_in_process(partition_key=key, instance=instance)
        again = job.execute_in_process(partition_key=key, instance=instance)
    assert first.asset_materializations_for_node("dataset_release") == []
    assert not (warehouse / "releases").exists()
    [extracted] = again.asset_materializations_for_node("extractions")
    assert "earlier run" in extracted.metadata["note"].value
    assert (
        extracted.metadata["n_claims"].value
        == first.asset_materializations_for_node("extractions")[0].metadata["n_claims"].value
    )
    [check] = [e for e in again.get_asset_check_evaluations() if e.check_name == "claims_expectations"]
    assert check.passed and check.metadata["rows_checked_this_run"].value == 0
    assert "checked by an earlier run" in check.description
    assert check.metadata["rows_in_table"].value == check.metadata["rows_checked_earlier"].value > 0


def test_the_warehouse_instance_does_not_fsync_its_sqlite_files(tmp_path, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    warehouse = tmp_path / "wh"
    with warehouse_instance(warehouse) as instance:
        instance.add_dynamic_partitions(PARTITIONS_NAME, ["k"])
        with instance.event_log_storage.index_connection() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 0
    other = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'other.db'}")
    with other.connect() as conn:  # SQLite files elsewhere keep the default (FULL)
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
