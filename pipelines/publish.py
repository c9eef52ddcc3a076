"""`newsclaims publish` and `newsclaims verify`."""

from __future__ import annotations

import argparse
import os
import sys

import dagster as dg

from assets.core.contract import TABLES
from assets.core.releases import BUMPS, PublishError
from assets.core.settings import NewsclaimsSettings
from assets.publish.release import default_destination, plan_version
from assets.publish.verify import verify_release

from .definitions import build_defs

ASSET = "dataset_release"
JOB = "publish_release"


def register(commands) -> None:
    publish = commands.add_parser(
        "publish",
        help="publish the checked tables as an immutable, versioned release",
        description="Rebuild and check the tables, then write them with a manifest, a Data Package, a data "
        "card and a change log to DEST/<version>/. Nothing is published when a blocking check fails.",
    )
    which = publish.add_mutually_exclusive_group()
    which.add_argument("--version", default=None, help="the release's version, MAJOR.MINOR.PATCH")
    which.add_argument("--bump", choices=BUMPS, default=None, help="bump the newest release's version (default patch)")
    publish.add_argument("--to", dest="dest", default=None, help="folder or URI of the releases (default DIR/releases)")
    publish.add_argument("--warehouse", default=None, help="warehouse folder DIR (default: ./warehouse)")
    publish.set_defaults(handler=_publish)

    verify = commands.add_parser("verify", help="recompute a release's checksums and row counts")
    verify.add_argument("release", help="the release folder or URI, DEST/<version>")
    verify.set_defaults(handler=_verify)


def _publish(args: argparse.Namespace) -> int:
    settings = NewsclaimsSettings.from_env(warehouse_dir=args.warehouse)
    missing = [t for t in TABLES if not (settings.warehouse / f"{t}.parquet").exists()]
    if missing:
        print(f"newsclaims publish: {settings.warehouse} holds no tables: run `newsclaims run` first", file=sys.stderr)
        return 2
    dest = args.dest or str(default_destination(settings.warehouse))
    try:
        version = plan_version(dest, args.version, args.bump or "patch")
    except PublishError as exc:
        print(f"newsclaims publish: {exc}", file=sys.stderr)
        return 1
    return publish_through_dagster(settings, dest, version)


def publish_through_dagster(settings: NewsclaimsSettings, dest: str, version: str) -> int:
    """Run the `publish_release` job: the tables and their checks, news.duckdb, then the release."""
    defs = build_defs(settings)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run_config = {
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
        "ops": {ASSET: {"config": {"version": version, "bump": "patch", "dest": dest}}},
    }
    result = defs.resolve_job_def(JOB).execute_in_process(
        instance=instance, raise_on_error=False, run_config=run_config
    )
    evaluations = result.get_asset_check_evaluations()
    blocking = [e.check_name for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
    materialized = [m for m in result.asset_materializations_for_node(ASSET)] if result.success else []
    if not materialized:
        if blocking:
            print(f"not published: blocking checks failed: {', '.join(blocking)}", file=sys.stderr)
        else:
            print(f"not published: {_first_error(result)}", file=sys.stderr)
        return 1
    metadata = materialized[0].metadata
    rows = metadata["rows"].value
    changes = metadata["changes"].value
    previous = metadata["previous_version"].value
    print(f"published {version} to {metadata['location'].value}")
    print(" | ".join(f"{name} {n:,}" for name, n in rows.items()))
    if previous:
        print(
            f"since {previous}: "
            + "; ".join(f"{t} +{c['added']} -{c['removed']} ~{c['changed']}" for t, c in changes.items())
        )
    failed = [e.check_name for e in evaluations if not e.passed]
    print(f"checks: {len(evaluations) - len(failed)} passed, {len(failed)} failed")
    for name in failed:
        print(f"  warning: {name}")
    return 0


def _first_error(result) -> str:
    for event in result.all_events:
        if event.is_failure and event.step_failure_data:
            user = event.step_failure_data.user_failure_data
            error = event.step_failure_data.error
            while error is not None and error.cause is not None:  # the user code's own exception
                error = error.cause
            message = user.description if user and user.description else error.message if error else "failed"
            return f"{event.step_key}: {message.strip()}"
    return "the run failed"


def _verify(args: argparse.Namespace) -> int:
    result = verify_release(args.release)
    print(result.report(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
