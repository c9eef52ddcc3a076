"""The warehouse's own Dagster instance, shared by `newsclaims run`, `newsclaims plan` and the UI.

Runs, materialisations, check results and partitions are kept in `DIR/dagster/` (a persistent
`DAGSTER_HOME`), so the UI shows what the command line did and still shows it after a restart.
A `DAGSTER_HOME` set in the environment wins: a deployment's instance is used as it is.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from pathlib import Path

import dagster as dg
import sqlalchemy

HOME_DIR = "dagster"

# No telemetry, no first-visit tour: the UI opens on the assets. Runs launched from the UI are
# queued and started by the daemon that `dg dev` runs beside it.
DAGSTER_YAML = """\
# The Dagster instance of this warehouse: `newsclaims run`, `newsclaims plan` and `make dev`
# (the UI and its sensors) all record their runs here. Written by pipelines/instance.py.
telemetry:
  enabled: false
nux:
  enabled: false
run_queue:
  max_concurrent_runs: 2
# Steps' raw stdout/stderr are not captured into files: `newsclaims run` executes in its own
# process, and capturing there redirects the terminal's (and a test runner's) streams. The
# structured event logs of every run are kept as usual.
compute_logs:
  module: dagster._core.storage.noop_compute_log_manager
  class: NoOpComputeLogManager
"""


def dagster_home(warehouse: Path) -> Path:
    """`DAGSTER_HOME` if set, else `warehouse/dagster/` with its `dagster.yaml` (made if missing)."""
    if os.environ.get("DAGSTER_HOME"):
        return Path(os.environ["DAGSTER_HOME"])
    home = Path(warehouse).resolve() / HOME_DIR
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    return home


def warehouse_instance(warehouse: Path) -> dg.DagsterInstance:
    """The persistent instance of `warehouse` (see `dagster_home`)."""
    home = dagster_home(warehouse)
    if not os.environ.get("DAGSTER_HOME"):
        _unsynced_sqlite_under(home)
    return dg.DagsterInstance.from_config(str(home))


@cache
def _unsynced_sqlite_under(home: Path) -> None:
    """Dagster's SQLite files under `home` stop waiting for the disk at each commit.

    Dagster opens a connection and commits for every event it records, about two hundred for one
    more article; with SQLite's default (`synchronous=FULL`) each commit waits for several
    fsyncs, seconds in all. `synchronous=OFF` loses nothing when the process is killed, only
    when the operating system stops before writing its cache, and these files are a record of
    runs: the warehouse's state is its commit (`assets/tables/commit.py`). A deployment's own
    `DAGSTER_HOME` keeps its settings.
    """
    prefix = f"{home}{os.sep}"

    def on_connect(connection, _record) -> None:
        if isinstance(connection, sqlite3.Connection):
            path = connection.execute("PRAGMA database_list").fetchone()[2]
            if path.startswith(prefix):
                connection.execute("PRAGMA synchronous=OFF")

    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", on_connect)
