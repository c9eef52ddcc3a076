"""`newsclaims`: run the pipeline over files, through Dagster, from the command line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from .settings import SAMPLES_DIR, TABLES, NewsclaimsSettings

# Modules adding their own subcommands through `register(subparsers)`.
COMMAND_MODULES: tuple[str, ...] = ("pipelines.evaluate", "pipelines.publish")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsclaims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="extract claims from articles into the warehouse")
    run.add_argument("paths", nargs="*", help="files or folders (default: the bundled sample articles)")
    run.add_argument("--warehouse", default=None, help="output folder (default: ./warehouse)")
    run.add_argument("--model", default=None, help="spaCy model (default: en_core_web_sm if installed)")
    run.add_argument("--n-process", type=int, default=None, help="parser processes (default 1)")
    run.set_defaults(handler=_run)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(commands)

    args = parser.parse_args(argv)
    return args.handler(args)


def _run(args: argparse.Namespace) -> int:
    settings = NewsclaimsSettings.from_env(warehouse_dir=args.warehouse, model=args.model, n_process=args.n_process)
    return run_command(settings, args.paths or [str(SAMPLES_DIR)])


def run_command(settings: NewsclaimsSettings, paths: list[str]) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"newsclaims: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    outcome = run_pipeline(settings, paths)
    print_summary(settings, outcome, time.perf_counter() - started)
    return 0 if outcome.ok else 1


class Outcome:
    def __init__(self) -> None:
        self.batches: list[str] = []
        self.checks: list[tuple[str, str, bool]] = []  # (check, severity, passed)
        self.errors: list[str] = []
        self.rebuilt = False

    @property
    def blocking_failures(self) -> list[str]:
        return [name for name, severity, passed in self.checks if severity == "ERROR" and not passed]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocking_failures


def run_pipeline(settings: NewsclaimsSettings, paths: list[str]) -> Outcome:
    """Plan a batch of the new files, extract every pending batch, then rebuild the tables.

    A run with nothing new and tables in place does no work at all.
    """
    import dagster as dg

    from assets.ingest.batches import PARTITIONS_NAME, pending_batches, plan_batch

    from .definitions import build_defs

    outcome = Outcome()
    settings.warehouse.mkdir(parents=True, exist_ok=True)
    plan_batch(settings.warehouse, paths)
    outcome.batches = pending_batches(settings.warehouse)
    tables_exist = all((settings.warehouse / f"{t}.parquet").exists() for t in TABLES)
    if not outcome.batches and tables_exist and (settings.warehouse / "news.duckdb").exists():
        return outcome

    defs = build_defs(settings)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
    extract = defs.resolve_job_def("extract_batch")
    for key in outcome.batches:
        instance.add_dynamic_partitions(PARTITIONS_NAME, [key])
        result = extract.execute_in_process(
            partition_key=key, instance=instance, raise_on_error=False, run_config=quiet
        )
        if not result.success:
            outcome.errors.append(f"batch {key}: {_first_error(result)}")
    if outcome.errors:
        return outcome
    result = defs.resolve_job_def("build_tables").execute_in_process(
        instance=instance, raise_on_error=False, run_config=quiet
    )
    outcome.rebuilt = True
    for evaluation in result.get_asset_check_evaluations():
        outcome.checks.append((evaluation.check_name, evaluation.severity.value, evaluation.passed))
    if not result.success and not outcome.blocking_failures:
        outcome.errors.append(_first_error(result))
    return outcome


def _first_error(result) -> str:
    for event in result.all_events:
        if event.is_failure and event.step_failure_data:
            return f"{event.step_key}: {event.step_failure_data.error.message.strip()}"
    return "the run failed"


def print_summary(settings: NewsclaimsSettings, outcome: Outcome, seconds: float) -> None:
    import duckdb

    counts = {}
    with duckdb.connect() as con:
        for table in TABLES:
            path = settings.warehouse / f"{table}.parquet"
            counts[table] = (
                con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0] if path.exists() else 0
            )
    if not outcome.batches:
        print("nothing new to extract")
    else:
        print(f"extracted {len(outcome.batches)} new batch(es): {', '.join(outcome.batches)}")
    print(
        f"articles {counts['articles']:,} | rejected {counts['rejected_inputs']:,} | actors {counts['actors']:,} | "
        f"claims {counts['claims']:,} | sources {counts['sources']:,} | dates {counts['dates']:,}"
    )
    if outcome.checks:
        failed = [(n, s) for n, s, p in outcome.checks if not p]
        print(f"checks: {len(outcome.checks) - len(failed)} passed, {len(failed)} failed")
        for name, severity in failed:
            print(f"  {'FAILED' if severity == 'ERROR' else 'warning'}: {name}")
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"warehouse {settings.warehouse} in {seconds:.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
