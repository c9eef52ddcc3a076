"""The same assets on a Dask cluster: a scheduler and two workers started as separate processes
on 127.0.0.1, the pipeline run through dagster-dask's executor, its tables compared with those
of a local run of the same inputs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from assets.core.contract import TABLES
from assets.core.settings import PROJECT_ROOT, NewsclaimsSettings
from pipelines import SAMPLES_DIR
from pipelines.run import run_pipeline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out

ROOT = PROJECT_ROOT
BIN = Path(sys.executable).parent
N_WORKERS = 2
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 20
SMALL_BATCHES = 6_000  # bytes: the inputs become several batches, parsed side by side


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(processes: list[subprocess.Popen]) -> None:
    for p in processes:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for p in processes:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(timeout=STOP_TIMEOUT_S)


@pytest.fixture(scope="module")
def dask_scheduler(tmp_path_factory):
    """A `dask scheduler` and `dask worker`s as separate processes; their address."""
    pytest.importorskip("dagster_dask")
    distributed = pytest.importorskip("distributed")
    if not (BIN / "dask").exists():
        pytest.skip("the dask command is not installed")
    logs = tmp_path_factory.mktemp("dask-logs")
    address = f"tcp://127.0.0.1:{_free_port()}"
    processes: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 — closed with the process
        processes.append(subprocess.Popen([str(BIN / "dask"), *args], stdout=log, stderr=log, cwd=ROOT))

    try:
        port = address.rsplit(":", 1)[1]
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")
        for n in range(N_WORKERS):
            # One thread per worker: Dagster steps are not thread-safe.
            start(f"worker-{n}", "worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard")
        with distributed.Client(address, timeout=START_TIMEOUT_S) as client:
            client.wait_for_workers(N_WORKERS, timeout=START_TIMEOUT_S)
        yield address
    finally:
        _stop(processes)


def _inputs(tmp_path: Path) -> Path:
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES_DIR, inputs)
    shutil.copy(FIXTURES / "ministry_briefing.txt", inputs)
    shutil.copy(FIXTURES / "feed.jsonl", inputs)
    return inputs


def test_a_dask_run_gives_the_tables_of_a_local_run(dask_scheduler, tmp_path):
    import distributed

    inputs = _inputs(tmp_path)
    local = NewsclaimsSettings(warehouse_dir=str(tmp_path / "local"), max_batch_bytes=SMALL_BATCHES)
    on_dask = NewsclaimsSettings(
        warehouse_dir=str(tmp_path / "dask"), max_batch_bytes=SMALL_BATCHES, dask_scheduler=dask_scheduler
    )
    here = run_pipeline(local, [str(inputs)])
    assert here.ok, (here.errors, here.blocking_failures)
    there = run_pipeline(on_dask, [str(inputs)])
    assert there.ok, (there.errors, there.blocking_failures)
    assert len(there.batches) > 1 and there.batches == here.batches
    assert there.rebuilt and len(there.checks) == len(here.checks)

    for table in TABLES:
        left = pd.read_parquet(local.warehouse / f"{table}.parquet")
        right = pd.read_parquet(on_dask.warehouse / f"{table}.parquet")
        pd.testing.assert_frame_equal(left, right, obj=table)
    assert (on_dask.warehouse / "news.duckdb").exists()

    # The steps ran as tasks on the cluster's workers, not in this process.
    with distributed.Client(dask_scheduler, timeout=30) as client:
        tasks = client.run_on_scheduler(lambda dask_scheduler: sorted(map(str, dask_scheduler.task_prefixes)))
    assert any("extract_batch_on_dask" in t for t in tasks) and any("build_tables_on_dask" in t for t in tasks), tasks

    # Nothing new: no run at all.
    again = run_pipeline(on_dask, [str(inputs)])
    assert again.batches == [] and not again.rebuilt


def test_a_blocking_check_failing_on_dask_stops_what_is_downstream(dask_scheduler, tmp_path):
    """As with Dagster's own executors: the failed check's downstream steps do not run."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(FIXTURES / "ministry_briefing.txt", inputs)
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"), dask_scheduler=dask_scheduler)
    local = settings.model_copy(update={"dask_scheduler": ""})
    assert run_pipeline(local, [str(inputs)]).ok
    # Break the staged claims, and drop what lies downstream of their check.
    [staged] = (settings.warehouse / "staging" / "claims").glob("*.parquet")
    claims = pq.read_table(staged)
    types = claims.column("claim_type")
    claims = claims.set_column(
        claims.schema.get_field_index("claim_type"),
        "claim_type",
        pc.replace_with_mask(types, pa.array([i == 0 for i in range(len(types))]), pa.array(["rumour"] * len(types))),
    )
    pq.write_table(claims, staged)
    for name in ("dates.parquet", "claim_actors.parquet"):
        shutil.rmtree(settings.warehouse / name)
    (settings.warehouse / "news.duckdb").unlink()

    outcome = run_pipeline(settings, [str(inputs)])
    assert not outcome.ok and "claims_expectations" in outcome.blocking_failures
    assert not (settings.warehouse / "dates.parquet").exists()
    assert not (settings.warehouse / "news.duckdb").exists()
