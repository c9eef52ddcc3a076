"""Publish: the checked tables as an immutable, versioned release, and a check of its checksums.

No `from __future__ import annotations` here: Dagster reads the `context` annotations.
"""

from collections.abc import Iterator

import dagster as dg
from pydantic import Field

from assets.core.destination import Destination
from assets.core.releases import PublishError, list_releases
from assets.core.settings import NewsclaimsSettings
from assets.publish.charts import Chart, chart_data
from assets.publish.markdown import cell, table
from assets.publish.release import default_destination, publish_release, read_release
from assets.publish.verify import verify_release

ASSET_NAME = "dataset_release"
# The job Dagster's UI runs for "Materialize" and "Materialize all": publishing there needs `publish: true`.
UI_ASSET_JOB = "__ASSET_JOB"


class ReleaseConfig(dg.Config):
    version: str = Field(default="", description="The release's version, MAJOR.MINOR.PATCH; empty: bump the newest.")
    bump: str = Field(default="patch", description="major, minor or patch: how to bump the newest release's version.")
    dest: str = Field(
        default="", description="Folder or URI (s3://…) holding the releases; empty: <warehouse>/releases."
    )
    publish: bool = Field(
        default=False,
        description="Publish from the UI's Materialize buttons too (the publish_release job always publishes).",
    )
    with_text: bool = Field(
        default=False,
        description="Include the articles' text (articles.text, claims.content). Set it only when you hold the "
        "right to share that text: it stays the publishers' copyright.",
    )


@dg.asset(name=ASSET_NAME, deps=["news_duckdb"], group_name="publish", kinds={"parquet"}, output_required=False)
def dataset_release(
    context: dg.AssetExecutionContext, config: ReleaseConfig, settings: NewsclaimsSettings
) -> Iterator[dg.MaterializeResult]:
    """An immutable release `DEST/<version>/`: every contract table as Parquet, `manifest.json`
    (checksums, counts, schemas), `datapackage.json`, a `README.md` data card and `CHANGES.md`.

    It depends on `news_duckdb`, which depends on every table: when a blocking check fails, this
    asset is skipped and nothing is published. "Materialize all" publishes nothing: a release is
    made by the publish_release job (or with config `publish: true`), never by accident.
    """
    if context.job_name == UI_ASSET_JOB and not config.publish:
        context.log.info("not published: launch the publish_release job, or set publish: true in the config")
        return
    try:
        release = publish_release(
            settings.warehouse,
            config.dest or None,
            version=config.version or None,
            bump=config.bump,
            model=settings.model_name,
            with_text=config.with_text,
        )
    except PublishError as exc:
        raise dg.Failure(description=str(exc)) from exc
    context.log.info(f"published release {release.version} to {release.location}")
    charts = chart_data(read_release(Destination.open(release.location), release.manifest))
    changes = release.manifest["changes"]
    yield dg.MaterializeResult(
        metadata={
            "version": release.version,
            "location": dg.MetadataValue.path(release.location),
            "previous_version": changes["previous_version"] or "",
            "rows": dg.MetadataValue.json(release.rows),
            "inputs": dg.MetadataValue.json(release.manifest["inputs"]),
            "changes": dg.MetadataValue.json(changes["tables"]),
            "files": len(release.manifest["files"]),
            "bytes": sum(f["bytes"] for f in release.manifest["files"].values()),
            "code_version": release.manifest["code"]["version"],
            "with_text": config.with_text,
            **{f"chart_{chart.name}": dg.MetadataValue.md(_chart_md(release.location, chart)) for chart in charts},
            **{f"n_{name}": n for name, n in release.rows.items()},
        },
        data_version=dg.DataVersion(release.version),
    )


def _chart_md(location: str, chart: Chart) -> str:
    """A chart's numbers as a Markdown table, with where its picture is, for the asset's page."""
    lines = [f"**{chart.title}** (`{location}/{chart.path}`)", ""]
    lines += table(chart.headers, [[cell(v) for v in row] for row in chart.rows])
    return "\n".join(lines)


def newest_release(context: dg.AssetCheckExecutionContext, settings: NewsclaimsSettings) -> str | None:
    """Where the last materialization of the release asset put it; else the newest release in
    the default destination."""
    event = context.instance.get_latest_materialization_event(dg.AssetKey(ASSET_NAME))
    if event is not None and event.asset_materialization is not None:
        location = event.asset_materialization.metadata.get("location")
        if location is not None:
            return str(location.value)
    releases_dir = default_destination(settings.warehouse)
    versions = list_releases(Destination.open(releases_dir))
    return str(releases_dir / versions[-1]) if versions else None


@dg.asset_check(
    asset=dataset_release,
    name="release_checksums_match",
    description="Every file of the newest release has the sha256, size and row count its manifest records.",
)
def release_checksums_match(
    context: dg.AssetCheckExecutionContext, settings: NewsclaimsSettings
) -> dg.AssetCheckResult:
    location = newest_release(context, settings)
    if location is None:
        return dg.AssetCheckResult(passed=False, metadata={"problems": dg.MetadataValue.json(["no release found"])})
    result = verify_release(location)
    return dg.AssetCheckResult(
        passed=result.ok,
        metadata={
            "location": dg.MetadataValue.path(location),
            "version": result.version or "",
            "files_checked": result.files_checked,
            "problems": dg.MetadataValue.json(result.problems),
        },
    )


publish_release_job = dg.define_asset_job(
    "publish_release",
    selection=dg.AssetSelection.groups("tables", "warehouse", "publish"),
    description="Rebuild and check the tables, then publish them as a release (skipped when a blocking check fails).",
)
