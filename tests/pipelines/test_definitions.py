"""The code location loads with every asset, check, job and sensor."""

import subprocess
import sys
from pathlib import Path

import pytest

from assets.core.settings import PROJECT_ROOT
from pipelines.definitions import build_defs, defs

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out

ROOT = PROJECT_ROOT


def test_definitions_hold_the_whole_graph():
    d = build_defs()
    graph = d.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys == {
        "raw_articles",
        "extractions",
        "articles",
        "rejected_inputs",
        "actors",
        "actor_mentions",
        "sources",
        "claims",
        "claim_actors",
        "dates",
        "news_duckdb",
        "dataset_release",
    }
    checks = {k.name for k in graph.asset_check_keys}
    assert {"claims_expectations", "claims_source_id_references_sources", "dates_text_offsets_index_text"} <= checks
    assert {j.name for j in d.jobs} >= {"extract_batch", "build_tables"}
    assert {s.name for s in d.sensors} == {"inbox_sensor", "build_tables_after_extract"}
    for key in keys:
        assert graph.get(dg_key(key)).description, key


def test_definition_modules_are_every_module_holding_definitions():
    import warnings

    import dagster as dg

    import assets
    from assets.core.settings import NewsclaimsSettings
    from pipelines.definitions import DEFINITION_MODULES

    settings = dg.Definitions(resources={"settings": NewsclaimsSettings.from_env()})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.PreviewWarning)
        everything = dg.Definitions.merge(dg.load_definitions_from_package_module(assets), settings)
        named = dg.Definitions.merge(dg.load_definitions_from_modules(DEFINITION_MODULES), settings)
    assert {k.to_user_string() for k in named.resolve_asset_graph().get_all_asset_keys()} == {
        k.to_user_string() for k in everything.resolve_asset_graph().get_all_asset_keys()
    }
    assert set(named.resolve_asset_graph().asset_check_keys) == set(everything.resolve_asset_graph().asset_check_keys)
    assert {j.name for j in named.jobs} == {j.name for j in everything.jobs}
    assert {s.name for s in named.sensors} == {s.name for s in everything.sensors}


def test_running_the_jobs_does_not_load_the_parser():
    code = (
        "import sys; from pipelines.definitions import build_defs; import pipelines.execute; build_defs(); "
        "print(sorted(m for m in ('spacy', 'great_expectations') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def dg_key(name):
    import dagster as dg

    return dg.AssetKey(name)


def test_dagster_definitions_function_loads():
    assert defs() is not None


def test_dg_check_defs_accepts_the_project():
    dg_exe = Path(sys.executable).with_name("dg")
    result = subprocess.run([str(dg_exe), "check", "defs"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_inbox_sensor_turns_new_files_into_a_batch(tmp_path, fixtures):
    import shutil

    import dagster as dg

    from assets.automation import inbox_sensor
    from assets.core.settings import NewsclaimsSettings

    inbox = tmp_path / "inbox"
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"), inbox_dir=str(inbox))
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"settings": settings})
        assert isinstance(inbox_sensor(context), dg.SkipReason)  # no inbox yet
        inbox.mkdir()
        shutil.copy(fixtures / "ministry_briefing.txt", inbox)
        result = inbox_sensor(context)
        [request] = result.run_requests
        assert result.dynamic_partitions_requests[0].partition_keys == [request.partition_key]
        # The same file is not picked up twice.
        assert isinstance(inbox_sensor(context), dg.SkipReason)
