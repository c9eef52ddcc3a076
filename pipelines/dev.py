"""`newsclaims plan PATH…` and `newsclaims dev`: input batches by hand, and the Dagster UI on the
warehouse's own instance (`make dev`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from assets.core.settings import PROJECT_ROOT, NewsclaimsSettings
from assets.ingest.batches import add_partitions, all_batches, batch_name, plan_partitions

from . import SAMPLES_DIR
from .instance import dagster_home, warehouse_instance


def register(commands) -> None:
    plan = commands.add_parser(
        "plan",
        help="plan files as new input batches, to materialise from the UI",
        description="Group the files not seen before into input batches and add their partitions to the "
        "warehouse's Dagster instance; then materialise them in the UI (`make dev`) or with `newsclaims run`.",
    )
    plan.add_argument("paths", nargs="+", help="files or folders")
    plan.add_argument("--warehouse", default=None, help="warehouse folder (default: ./warehouse)")
    plan.set_defaults(handler=_plan)

    dev = commands.add_parser(
        "dev",
        help="start the Dagster UI on the warehouse's instance (what `make dev` runs)",
        description="Start `dg dev` with DAGSTER_HOME=DIR/dagster, so the UI shows the runs, checks and "
        "batches of `newsclaims run` and keeps its own across restarts. With no batch planned yet, the "
        "bundled samples are planned, so 'Materialize all' works at once.",
    )
    dev.add_argument("--warehouse", default=None, help="warehouse folder (default: ./warehouse)")
    dev.add_argument("--host", default="127.0.0.1", help="address to serve the UI on (default 127.0.0.1)")
    dev.add_argument("--port", type=int, default=3000, help="port (default 3000)")
    dev.set_defaults(handler=_dev)


def _plan(args: argparse.Namespace) -> int:
    settings = NewsclaimsSettings.from_env(warehouse_dir=args.warehouse)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"newsclaims: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    with warehouse_instance(settings.warehouse) as instance:
        keys = plan_partitions(
            instance, settings.warehouse, [str(Path(p).resolve()) for p in args.paths], settings.max_batch_bytes
        )
    if not keys:
        print("nothing new: every file is in an earlier batch")
    for key in keys:
        print(f"planned batch {key}: {batch_name(settings.warehouse, key)}")
    return 0


def prepare_ui(settings: NewsclaimsSettings) -> Path:
    """The warehouse's Dagster home, with a partition for every planned batch; with none planned
    yet, the bundled samples are planned so the UI has something to materialise."""
    home = dagster_home(settings.warehouse)
    with warehouse_instance(settings.warehouse) as instance:
        if not all_batches(settings.warehouse):
            plan_partitions(instance, settings.warehouse, [str(SAMPLES_DIR)], settings.max_batch_bytes)
        add_partitions(instance, all_batches(settings.warehouse))
    return home


def dev_environment(settings: NewsclaimsSettings) -> dict[str, str]:
    """The environment `dg dev` runs in: this warehouse and its Dagster home, for every process it starts."""
    home = prepare_ui(settings)
    return {**os.environ, "DAGSTER_HOME": str(home), "NEWSCLAIMS_WAREHOUSE": str(settings.warehouse)}


def _dev(args: argparse.Namespace) -> int:
    settings = NewsclaimsSettings.from_env(warehouse_dir=args.warehouse)
    env = dev_environment(settings)
    dg_exe = Path(sys.executable).with_name("dg")
    print(f"Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={env['DAGSTER_HOME']})")
    os.chdir(PROJECT_ROOT)
    sys.stdout.flush()
    # dg dev in this process's place: Ctrl-C and signals reach it directly.
    os.execve(dg_exe, [str(dg_exe), "dev", "--host", args.host, "--port", str(args.port)], env)
