"""The releases every test here reads: published once per session of this package."""

import shutil
from types import SimpleNamespace

import pandas as pd
import pytest

from assets.core.contract import TABLES
from assets.core.settings import NewsclaimsSettings
from pipelines.cli import main
from pipelines.run import run_pipeline
from tests.conftest import FIXTURES


def _snapshot(warehouse) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(warehouse / f"{t}.parquet") for t in TABLES}


@pytest.fixture(scope="package")
def published(sample_warehouse, tmp_path_factory):
    """1.0.0 from the sample warehouse; then feed.jsonl is run in and 1.1.0 published."""
    root = tmp_path_factory.mktemp("publish")
    warehouse = root / "warehouse"
    shutil.copytree(sample_warehouse, warehouse)
    settings = NewsclaimsSettings(warehouse_dir=str(warehouse))

    assert main(["publish", "--warehouse", str(warehouse)]) == 0
    before = _snapshot(warehouse)

    added = root / "added"
    added.mkdir()
    shutil.copy(FIXTURES / "feed.jsonl", added)
    outcome = run_pipeline(settings, [str(added)])
    assert outcome.ok and len(outcome.batches) == 1, outcome.errors
    after = _snapshot(warehouse)

    assert main(["publish", "--warehouse", str(warehouse), "--bump", "minor"]) == 0
    releases = warehouse / "releases"
    return SimpleNamespace(
        warehouse=warehouse,
        releases=releases,
        v1=releases / "1.0.0",
        v2=releases / "1.1.0",
        before=before,
        after=after,
        feed="added/feed.jsonl",  # relative to the folder given to `newsclaims run`
        feed_copy=added / "feed.jsonl",
    )
