"""Publishing a release: the warehouse's tables into an immutable `DEST/<version>/` folder.

On a local disk the release is written under `DEST/.tmp-<version>-<uuid>/` and renamed to
`DEST/<version>/` at the end, so an interrupted publish leaves no folder that looks like a
release. Object stores cannot rename a folder atomically: there the files go straight to
`DEST/<version>/` with `manifest.json` written last, and a folder without a manifest is not a
release (`list_releases` ignores it; the next publish of that version replaces it).
"""

from __future__ import annotations

import json
import os
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath

import duckdb
import pyarrow as pa

from assets.core.destination import Destination
from assets.core.faults import checkpoint
from assets.core.releases import (
    MANIFEST,
    STAGING_PREFIX,
    PublishError,
    ReleaseExists,
    default_destination,
    is_version,
    list_releases,
    next_version,
    previous_release,
    remove_quietly,
    remove_stale_staging,
)
from assets.core.settings import default_model
from assets.tables.commit import commit_database
from assets.warehouse.assets import build_database

from . import changes as changes_md
from . import charts, datacard
from .citation import citation_cff, datacite, zenodo
from .croissant import croissant
from .datapackage import datapackage
from .licences import without_text
from .manifest import describe, dumps, file_entries
from .parts import load_warehouse, read_parts, write_parts

INPUT_TABLES = ("articles", "rejected_inputs")  # the tables naming input files


@dataclass
class Release:
    version: str
    location: str  # DEST/<version>, as the user wrote DEST
    manifest: dict
    changes: changes_md.Changes

    @property
    def rows(self) -> dict[str, int]:
        return {name: spec["rows"] for name, spec in self.manifest["tables"].items()}


def read_manifest(release: Destination) -> dict:
    return json.loads(release.read_text(MANIFEST))


def read_release(release: Destination, manifest: dict | None = None) -> dict[str, pa.Table]:
    manifest = manifest or read_manifest(release)
    return {name: read_parts(release, spec["files"]) for name, spec in manifest["tables"].items()}


def plan_version(dest: str | Path, version: str | None = None, bump: str | None = "patch") -> str:
    """The version a publish to `dest` would write; raises ReleaseExists for a taken one."""
    destination = Destination.open(dest)
    refuse_inside_release(destination)
    chosen = next_version(list_releases(destination), version, bump)
    _refuse_existing(destination, chosen)
    return chosen


def refuse_inside_release(destination: Destination) -> None:
    """PublishError when `destination` is a release folder or lies inside one: releases are immutable."""
    if not destination.is_local:
        return
    here = Path(destination.root).resolve()
    for folder in (here, *here.parents):
        if is_version(folder.name) and (folder / MANIFEST).is_file():
            raise PublishError(
                f"{destination.display()} is inside release {folder.name} ({folder}): releases are immutable; "
                "give --to the folder that holds the releases"
            )


def _refuse_existing(destination: Destination, version: str) -> None:
    if destination.is_file(version, MANIFEST):
        raise ReleaseExists(
            f"release {version} already exists at {destination.display(version)}; releases are immutable: "
            "publish another version (--version X.Y.Z or --bump major|minor|patch)"
        )
    if destination.exists(version) and destination.is_local:
        raise PublishError(
            f"{destination.display(version)} exists but holds no {MANIFEST}, so it is not a release; "
            "move it away to publish this version"
        )


def publish_release(
    warehouse: str | Path,
    dest: str | Path | None = None,
    *,
    version: str | None = None,
    bump: str | None = "patch",
    model: str | None = None,
    max_rows_per_file: int | None = None,
    now: datetime | None = None,
    refresh_database: bool = True,
    with_text: bool = False,
) -> Release:
    """Publish the warehouse's contract tables as release `version` (or the newest one bumped).

    Without `with_text` the columns holding the publishers' words are left empty (`licences.py`):
    pass it only when whoever publishes holds the right to share the articles' text.

    The caller is responsible for the tables having passed their checks: the Dagster asset
    `dataset_release` (and `newsclaims publish`, which runs it) only runs after them.
    """
    warehouse = Path(warehouse).resolve()
    destination = Destination.open(dest if dest is not None else default_destination(warehouse))
    refuse_inside_release(destination)
    remove_stale_staging(destination)
    releases = list_releases(destination)
    version = next_version(releases, version, bump)
    _refuse_existing(destination, version)
    tables = public_input_uris(load_warehouse(warehouse))
    if not with_text:
        tables = without_text(tables)
    created_at = now or datetime.now(UTC)

    previous = previous_release(releases, version)
    previous_tables = previous_manifest = None
    if previous is not None:
        old = destination.child(previous)
        previous_manifest = read_manifest(old)
        previous_tables = read_release(old, previous_manifest)
    changes = changes_md.compare(
        version, tables, previous, previous_tables, previous_manifest["created_at"] if previous_manifest else None
    )

    manifest = describe(
        version=version,
        created_at=created_at,
        tables=tables,
        parts={},
        model=model or default_model(),
        previous=previous,
        changes=changes.summary(),
        with_text=with_text,
    )
    write_release(destination, manifest, tables, changes_md.render(changes), max_rows_per_file)
    if refresh_database and destination.is_local:
        _refresh_database(warehouse, Path(destination.root))
    return Release(version, destination.display(version), manifest, changes)


def write_release(
    destination: Destination,
    manifest: dict,
    tables: dict[str, pa.Table],
    changes_text: str,
    max_rows_per_file: int | None = None,
) -> None:
    """Write release `manifest["version"]` under `destination`: the parts, the descriptors and
    charts, then the manifest (completed with parts and checksums) last.

    On a local disk it is written to a temporary folder renamed into place at the end.
    """
    version = manifest["version"]
    # The pid tells a later publish whether this folder's writer was killed (remove_stale_staging).
    staging = f"{STAGING_PREFIX}{version}-{os.getpid()}-{uuid.uuid4().hex}" if destination.is_local else version
    stage = destination.child(staging)
    if not destination.is_local and destination.exists(version):
        destination.delete(version)  # what an interrupted publish left: no manifest, so no release
    try:
        parts = {name: write_parts(stage, name, table, max_rows_per_file) for name, table in tables.items()}
        for name, spec in manifest["tables"].items():
            spec["files"] = sorted(parts[name])
        with_text = manifest["text"]["included"]
        created_at = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
        descriptor = datapackage(version, created_at, tables, parts, with_text)
        stage.write_text("datapackage.json", json.dumps(descriptor, indent=2) + "\n")
        stage.write_text("croissant.json", json.dumps(croissant(manifest, descriptor), indent=2) + "\n")
        stage.write_text("CITATION.cff", citation_cff(manifest))
        stage.write_text("zenodo.json", json.dumps(zenodo(manifest), indent=2) + "\n")
        stage.write_text("datacite.json", json.dumps(datacite(manifest), indent=2) + "\n")
        stage.write_text("CHANGES.md", changes_text)
        pictures = charts.render_all(tables)
        stage.make_dirs(charts.FOLDER)
        for chart in pictures:
            stage.write_bytes(chart.path, chart.png)
        stage.write_text("README.md", datacard.render(manifest, tables, manifest["changes"], pictures))
        manifest["files"] = file_entries(stage, parts, skip=MANIFEST)
        checkpoint("publish")
        stage.write_text(MANIFEST, dumps(manifest))  # last: the mark of a complete release
        if destination.is_local:
            _refuse_existing(destination, version)  # published meanwhile by someone else?
            destination.move(staging, version)
    except BaseException:
        remove_quietly(destination, staging)
        raise


def public_input_uris(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """`input_uri` with no absolute path: a warehouse built before ids were relative holds
    `/home/<user>/…`; such ids become relative to the folder above their common folder."""
    uris = [u for name in INPUT_TABLES for u in tables[name].column("input_uri").to_pylist() if u]
    absolute = [u.split("#", 1)[0] for u in uris if PurePath(u.split("#", 1)[0]).is_absolute()]
    if not absolute:
        return tables
    common = PurePath(os.path.commonpath([str(PurePath(u).parent) for u in absolute]))
    base = common.parent

    def relative(uri: str | None) -> str | None:
        if not uri or not PurePath(uri.split("#", 1)[0]).is_absolute():
            return uri
        path, sep, rest = uri.partition("#")
        return PurePath(path).relative_to(base).as_posix() + sep + rest

    out = dict(tables)
    for name in INPUT_TABLES:
        table = out[name]
        i = table.schema.get_field_index("input_uri")
        values = pa.array([relative(u) for u in table.column(i).to_pylist()], pa.string())
        out[name] = table.set_column(i, table.schema.field(i), values)
    return out


def _refresh_database(warehouse: Path, releases: Path) -> None:
    """Rebuild news.duckdb so its release views include the new release (default destination only)."""
    if releases != default_destination(warehouse) or not (warehouse / "news.duckdb").exists():
        return
    try:
        build_database(warehouse)
        commit_database(warehouse)
    except (duckdb.Error, OSError) as exc:  # the release stands; only the views are stale
        warnings.warn(f"release published, but news.duckdb was not rebuilt: {exc}", stacklevel=2)
