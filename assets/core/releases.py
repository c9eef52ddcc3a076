"""Release versions (MAJOR.MINOR.PATCH), the releases a destination holds, and the staging
folders of publishes that were killed (removed by the next run or publish)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from .destination import Destination

MANIFEST = "manifest.json"
RELEASES_DIR = "releases"
BUMPS = ("major", "minor", "patch")
FIRST_VERSION = "1.0.0"

_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class PublishError(Exception):
    """A release cannot be written as asked; the message says why."""


class ReleaseExists(PublishError):
    pass


def parse_version(version: str) -> tuple[int, int, int]:
    match = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if not match:
        raise PublishError(f"version {version!r} is not MAJOR.MINOR.PATCH, e.g. 1.2.0")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def is_version(name: str) -> bool:
    return bool(_VERSION.fullmatch(name))


def bump_version(version: str, bump: str) -> str:
    major, minor, patch = parse_version(version)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise PublishError(f"bump must be one of {', '.join(BUMPS)}, not {bump!r}")


def list_releases(dest: Destination) -> list[str]:
    """The versions published at `dest`, oldest first.

    A release is a folder named like a version holding `manifest.json`; the manifest is written
    last, so a temporary folder or a publish interrupted on an object store is never one.
    """
    versions = [name for name in dest.subfolders() if is_version(name) and dest.is_file(name, MANIFEST)]
    return sorted(versions, key=parse_version)


def previous_release(releases: list[str], version: str) -> str | None:
    """The newest release older than `version`: the one CHANGES.md compares against."""
    older = [v for v in releases if parse_version(v) < parse_version(version)]
    return max(older, key=parse_version) if older else None


def next_version(releases: list[str], version: str | None = None, bump: str | None = "patch") -> str:
    """`version` when given, else the newest release bumped; the first release is 1.0.0."""
    if version:
        parse_version(version)
        return version
    if bump not in BUMPS:
        raise PublishError(f"bump must be one of {', '.join(BUMPS)}, not {bump!r}")
    if not releases:
        return FIRST_VERSION
    return bump_version(max(releases, key=parse_version), bump)


def default_destination(warehouse: Path) -> Path:
    return Path(warehouse) / RELEASES_DIR


STAGING_PREFIX = ".tmp-"
STALE_STAGING_S = 3600  # a staging folder whose writer cannot be told alive is left this long


def remove_stale_staging(destination: Destination) -> list[str]:
    """Delete the staging folders of publishes that were killed (`.tmp-<version>-<pid>-<uuid>`
    whose pid is gone, or any older than an hour): a truncated part in one would break the
    `*/claims/*.parquet` globs the data card recommends."""
    if not destination.is_local or not Path(destination.root).is_dir():
        return []
    removed = []
    for folder in Path(destination.root).iterdir():
        if folder.name.startswith(STAGING_PREFIX) and folder.is_dir() and not _writer_alive(folder):
            remove_quietly(destination, folder.name)
            removed.append(folder.name)
    return removed


def _writer_alive(folder: Path) -> bool:
    parts = folder.name[len(STAGING_PREFIX) :].split("-")
    if len(parts) == 3 and parts[1].isdigit():
        try:
            os.kill(int(parts[1]), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        return time.time() - folder.stat().st_mtime < STALE_STAGING_S
    except OSError:
        return False


def remove_quietly(destination: Destination, name: str) -> None:
    try:
        destination.delete(name)
    except OSError:
        pass
