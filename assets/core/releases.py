"""Release versions (MAJOR.MINOR.PATCH) and the releases a destination holds."""

from __future__ import annotations

import re

from .destination import Destination

MANIFEST = "manifest.json"
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
