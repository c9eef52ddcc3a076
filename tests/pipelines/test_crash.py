"""Fault injection: `newsclaims run` killed (SIGKILL to its process group) at each stage, then
run again, gives the tables of a run never interrupted, and leaves no temporary file behind.

The warehouse first holds one committed batch and then gets a second one, as in the crash
the issue reports: killed while `claims.parquet` was rewritten, the next run used to say
"nothing new to extract" and keep the first batch's tables for good.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from assets.core.contract import TABLES
from assets.core.faults import KILL_AT
from pipelines import SAMPLES_DIR

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 600
# Killed in this order on one warehouse: each run gets past the stages the runs before it finished.
STAGES = ["read", "extract", "table:claims", "table:dates", "checks", "enriched", "duckdb", "commit"]
FIRST = ["rail_strike.txt", "wire.jsonl"]


def newsclaims_run(warehouse: Path, paths: list[Path], kill_at: str | None = None) -> subprocess.CompletedProcess:
    """`newsclaims run` in its own process group (so the kill reaches its workers and no further)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(KILL_AT, None)
    if kill_at:
        env[KILL_AT] = kill_at
    command = [sys.executable, "-m", "pipelines.cli", "run", *map(str, paths), "--warehouse", str(warehouse)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        out, _ = process.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if process.poll() is None:  # bounded: whatever happens, nothing it started outlives the test
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return subprocess.CompletedProcess(command, process.returncode, out)


def table_digest(path: Path) -> tuple[int, str]:
    """Rows of a table and a hash of its sorted rows."""
    df = pq.read_table(path).to_pandas().astype(str)
    rows = sorted(df.to_csv(index=False, header=False).splitlines())
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()


def digests(warehouse: Path) -> dict[str, tuple[int, str]]:
    names = [f"{t}.parquet" for t in TABLES] + ["claims_enriched.parquet"]
    return {name: table_digest(warehouse / name) for name in names}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """Two input folders: the first batch, then the rest of the samples (same paths for every warehouse)."""
    root = tmp_path_factory.mktemp("crash_inputs")
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for f in SAMPLES_DIR.iterdir():
        shutil.copy(f, (first if f.name in FIRST else second) / f.name)
    return first, second


@pytest.fixture(scope="module")
def uninterrupted(inputs, tmp_path_factory) -> dict:
    warehouse = tmp_path_factory.mktemp("uninterrupted") / "wh"
    for given in ([inputs[0]], list(inputs)):
        done = newsclaims_run(warehouse, given)
        assert done.returncode == 0, done.stdout
    return digests(warehouse)


def test_killed_at_every_stage_then_run_again_gives_the_uninterrupted_tables(inputs, uninterrupted, tmp_path):
    warehouse = tmp_path / "wh"
    done = newsclaims_run(warehouse, [inputs[0]])
    assert done.returncode == 0, done.stdout
    first_batch = digests(warehouse)
    for stage in STAGES:
        killed = newsclaims_run(warehouse, list(inputs), kill_at=stage)
        assert killed.returncode == -signal.SIGKILL, f"not killed at {stage}: {killed.stdout}"
        if stage == "table:claims":  # the first batch's claims stand, but are not what is committed
            assert digests(warehouse)["claims.parquet"] == first_batch["claims.parquet"]
    again = newsclaims_run(warehouse, list(inputs))
    assert again.returncode == 0, again.stdout
    assert digests(warehouse) == uninterrupted
    leftovers = [p for p in warehouse.rglob("*.tmp*") if p.is_file() and "dagster" not in p.parts]
    assert not leftovers
    quiet = newsclaims_run(warehouse, list(inputs))
    assert quiet.returncode == 0 and "nothing new to extract" in quiet.stdout and "rebuilt" not in quiet.stdout


def newsclaims_publish(warehouse: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(KILL_AT, None)
    if kill_at:
        env[KILL_AT] = kill_at
    command = [sys.executable, "-m", "pipelines.cli", "publish", "--warehouse", str(warehouse)]
    return subprocess.run(
        command, cwd=ROOT, env=env, start_new_session=True, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
    )


def test_a_killed_publish_leaves_nothing_the_next_command_does_not_clean(inputs, tmp_path):
    """Killed while a release is written, publish leaves `releases/.tmp-…`; the next run removes
    it, and the next publish makes the release, which DuckDB's `*/claims/*.parquet` glob reads."""
    import duckdb

    warehouse = tmp_path / "wh"
    assert newsclaims_run(warehouse, [inputs[0]]).returncode == 0
    killed = newsclaims_publish(warehouse, kill_at="publish")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    releases = warehouse / "releases"
    assert [p.name[:5] for p in releases.iterdir()] == [".tmp-"]
    again = newsclaims_run(warehouse, [inputs[0]])
    assert again.returncode == 0 and "nothing new to extract" in again.stdout
    assert list(releases.iterdir()) == []
    done = newsclaims_publish(warehouse)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in releases.iterdir()] == ["1.0.0"]
    glob = str(releases / "*" / "claims" / "*.parquet")
    claims = duckdb.sql("SELECT count(*) FROM read_parquet(?)", params=[glob]).fetchall()[0][0]
    assert claims == pq.read_table(warehouse / "claims.parquet").num_rows > 0
