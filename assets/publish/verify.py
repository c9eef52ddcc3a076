"""`newsclaims verify DEST/<version>`: recompute every checksum and row count of a release."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field

from assets.core.destination import Destination
from assets.core.releases import MANIFEST

from .manifest import sha256_of
from .parts import parquet_rows


@dataclass
class Verification:
    location: str
    version: str | None = None
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self) -> str:
        if self.ok:
            return (
                f"OK: release {self.version} at {self.location}: {self.files_checked} files, "
                "checksums, sizes and row counts match its manifest"
            )
        lines = [f"FAILED: {self.location}: {len(self.problems)} problem(s)"]
        return "\n".join(lines + [f"  {p}" for p in self.problems])


def verify_release(where: str) -> Verification:
    release = Destination.open(where)
    result = Verification(release.display())
    if not release.is_file(MANIFEST):
        result.problems.append(f"{MANIFEST}: missing, so this is not a release (or a publish was interrupted)")
        return result
    try:
        manifest = json.loads(release.read_text(MANIFEST))
        files, tables = manifest["files"], manifest["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        result.problems.append(f"{MANIFEST}: unreadable ({exc})")
        return result
    result.version = manifest.get("version")
    folder = posixpath.basename(release.root.rstrip("/"))
    if result.version != folder:
        result.problems.append(f"{MANIFEST}: says version {result.version}, but the folder is {folder}")

    try:
        _check_files(release, files, tables, result)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a manifest of the wrong shape
        result.problems.append(f"{MANIFEST}: malformed, not a newsclaims manifest ({type(exc).__name__}: {exc})")
    return result


def _check_files(release: Destination, files: dict, tables: dict, result: Verification) -> None:
    """Every file's size, checksum and rows, and every table's parts, against the manifest."""
    present = release.files()
    for path, expected in sorted(files.items()):
        if path not in present:
            result.problems.append(f"{path}: missing")
            continue
        result.files_checked += 1
        if present[path] != expected["bytes"]:
            result.problems.append(
                f"{path}: size differs: {present[path]:,} bytes, the manifest says {expected['bytes']:,}"
            )
        digest = sha256_of(release, path)
        if digest != expected["sha256"]:
            result.problems.append(f"{path}: sha256 differs: {digest}, the manifest says {expected['sha256']}")
        if "rows" in expected:
            try:
                rows = parquet_rows(release, path)
            except Exception as exc:  # any reader error means the file cannot be trusted
                result.problems.append(f"{path}: not readable as Parquet ({type(exc).__name__}: {exc})")
                continue
            if rows != expected["rows"]:
                result.problems.append(f"{path}: {rows:,} rows, the manifest says {expected['rows']:,}")
    for path in sorted(set(present) - set(files) - {MANIFEST}):
        result.problems.append(f"{path}: not in the manifest")

    for name, spec in sorted(tables.items()):
        listed = [files.get(f, {}).get("rows") for f in spec["files"]]
        if any(r is None for r in listed):
            result.problems.append(f"table {name}: a part is not among the manifest's files")
        elif sum(listed) != spec["rows"]:
            result.problems.append(
                f"table {name}: its parts hold {sum(listed):,} rows, the manifest says {spec['rows']:,}"
            )
