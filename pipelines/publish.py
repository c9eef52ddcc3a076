"""`newsclaims publish` and `newsclaims verify`."""

from __future__ import annotations

import argparse
import os
import sys

import dagster as dg

from assets.core.contract import TABLES
from assets.core.lock import WarehouseBusy, warehouse_lock
from assets.core.parts import current_parts
from assets.core.releases import BUMPS, PublishError
from assets.core.settings import NewsclaimsSettings
from assets.publish.reattach import attach_text
from assets.publish.reattach import summary as reattach_summary
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
    publish.add_argument(
        "--with-text",
        action="store_true",
        help="include the articles' text (articles.text, claims.content): by giving it you declare that you hold "
        "the right to share that text; without it the release carries ids, hashes and offsets only",
    )
    publish.set_defaults(handler=_publish)

    attach = commands.add_parser(
        "attach-text",
        help="put the articles' text back into a release made without it, from your own copies",
        description="Read your copies of the articles (files or folders, any shape `newsclaims run` reads), keep "
        "those whose SHA-256 equals an article's content_sha256, fill articles.text and claims.content, and write "
        "the release again as DEST/<version>/ (the release itself is left untouched).",
    )
    attach.add_argument("release", help="the release folder, DEST/<version>")
    attach.add_argument("copies", nargs="+", help="your copies of the articles: files or folders")
    attach.add_argument("--to", dest="dest", required=True, help="folder to write the release with text into")
    attach.set_defaults(handler=_attach_text)

    verify = commands.add_parser("verify", help="recompute a release's checksums and row counts")
    verify.add_argument("release", help="the release folder or URI, DEST/<version>")
    verify.set_defaults(handler=_verify)


def _publish(args: argparse.Namespace) -> int:
    settings = NewsclaimsSettings.from_env(warehouse_dir=args.warehouse)
    missing = [t for t in TABLES if not current_parts(settings.warehouse, t)]
    if missing:
        print(f"newsclaims publish: {settings.warehouse} holds no tables: run `newsclaims run` first", file=sys.stderr)
        return 2
    dest = args.dest or str(default_destination(settings.warehouse))
    try:
        with warehouse_lock(settings.warehouse, "publish"):
            version = plan_version(dest, args.version, args.bump or "patch")
            return publish_through_dagster(settings, dest, version, with_text=args.with_text)
    except PublishError as exc:
        print(f"newsclaims publish: {exc}", file=sys.stderr)
        return 1
    except WarehouseBusy as exc:
        print(f"newsclaims publish: {exc}", file=sys.stderr)
        return 3


def publish_through_dagster(settings: NewsclaimsSettings, dest: str, version: str, with_text: bool = False) -> int:
    """Run the `publish_release` job: the tables and their checks, news.duckdb, then the release."""
    defs = build_defs(settings)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run_config = {
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
        "ops": {ASSET: {"config": {"version": version, "bump": "patch", "dest": dest, "with_text": with_text}}},
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


def _attach_text(args: argparse.Namespace) -> int:
    try:
        result = attach_text(args.release, args.copies, args.dest)
    except (PublishError, OSError, KeyError) as exc:
        print(f"newsclaims attach-text: {exc}", file=sys.stderr)
        return 1
    print(reattach_summary(result))
    return 0 if not result.missing else 3


def _verify(args: argparse.Namespace) -> int:
    result = verify_release(args.release)
    print(result.report(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
