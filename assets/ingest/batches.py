"""Input batches: the unit of incremental work, one Dagster partition each.

A batch is the set of input files not seen before. Its key is a hash of their paths and
contents, so planning the same new files again gives the same key, and files already in an
earlier batch are never read twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from pipelines.storage import read_json, write_json

from .readers import discover

PARTITIONS_NAME = "input_batches"


def batches_dir(warehouse: Path) -> Path:
    return warehouse / "batches"


def manifest_path(warehouse: Path, key: str) -> Path:
    return batches_dir(warehouse) / key / "inputs.json"


def file_fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def seen_inputs(warehouse: Path) -> set[tuple[str, str]]:
    """(path, sha256) of every file some earlier batch already holds."""
    seen: set[tuple[str, str]] = set()
    for manifest in batches_dir(warehouse).glob("*/inputs.json"):
        seen.update((f["path"], f["sha256"]) for f in read_json(manifest)["files"])
    return seen


def plan_batch(warehouse: Path, paths: Iterable[str | Path]) -> str | None:
    """Write the manifest of a new batch holding the files not seen before; None if none are new."""
    seen = seen_inputs(warehouse)
    files = []
    for path in discover(paths):
        try:
            digest = file_fingerprint(path)
        except OSError:
            digest = "unreadable"  # the reader turns it into a rejected_inputs row
        if (str(path), digest) not in seen:
            files.append({"path": str(path), "sha256": digest})
    if not files:
        return None
    key = hashlib.sha256("\n".join(f"{f['path']} {f['sha256']}" for f in files).encode()).hexdigest()[:16]
    manifest = manifest_path(warehouse, key)
    if not manifest.exists():
        write_json(manifest, {"key": key, "files": files})
    return key


def batch_files(warehouse: Path, key: str) -> list[Path]:
    return [Path(f["path"]) for f in read_json(manifest_path(warehouse, key))["files"]]


def all_batches(warehouse: Path) -> list[str]:
    return sorted(p.parent.name for p in batches_dir(warehouse).glob("*/inputs.json"))


def pending_batches(warehouse: Path) -> list[str]:
    """Batches planned but not fully extracted (an interrupted run leaves these behind)."""
    done = warehouse / "staging" / "claims"
    return [k for k in all_batches(warehouse) if not (done / f"{k}.parquet").exists()]
