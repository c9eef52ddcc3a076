"""`newsclaims`: run the pipeline over files, through Dagster, from the command line."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from assets.core.environment import settings_values

from . import SAMPLES_DIR
from .profile import add_profile_option
from .run import compact_command, run_command

# Modules adding their own subcommands through `register(subparsers)`. They load Dagster and
# more, so they are imported only when the command asked for is not one of this module's own:
# `newsclaims run` with nothing new to do stays quick.
OWN_COMMANDS = ("run", "compact")
COMMAND_MODULES: tuple[str, ...] = (
    "pipelines.dev",
    "pipelines.evaluate",
    "pipelines.train",
    "pipelines.publish",
    "pipelines.bench",
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="newsclaims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="extract claims from articles into the warehouse")
    run.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample articles)")
    run.add_argument("--warehouse", default=None, help="output folder (default: ./warehouse)")
    run.add_argument("--model", default=None, help="spaCy model (default: en_core_web_sm if installed)")
    run.add_argument(
        "--n-process", type=int, default=None, help="parser processes (default 0: every usable core on large batches)"
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run the assets on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786)",
    )
    add_profile_option(run)
    run.set_defaults(handler=_run)
    compact = commands.add_parser(
        "compact", help="rewrite each table's parts as one part (a run does it when a table has many parts)"
    )
    compact.add_argument("warehouse", nargs="?", default=None, help="the warehouse folder (default: ./warehouse)")
    compact.set_defaults(handler=_compact)
    if not argv or argv[0] not in OWN_COMMANDS:
        for module in COMMAND_MODULES:
            importlib.import_module(module).register(commands)

    args = parser.parse_args(argv)
    return args.handler(args)


def _run(args: argparse.Namespace) -> int:
    values = settings_values(
        warehouse_dir=args.warehouse, model=args.model, n_process=args.n_process, dask_scheduler=args.dask
    )
    return run_command(values, args.paths or [str(SAMPLES_DIR)])


def _compact(args: argparse.Namespace) -> int:
    return compact_command(settings_values(warehouse_dir=args.warehouse))


def entry() -> int:
    """The `newsclaims` command: `main`, then an exit that does not sweep every object for cycles.

    Python's teardown collects garbage over all the objects Dagster, pandas and SQLAlchemy
    made at import, about 1.5 s after a run. Nothing is left to write by then: moving
    them out of the collector's sight (`gc.freeze`) keeps the teardown to its own work.
    """
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    raise SystemExit(entry())
