"""Input batches: the unit of incremental work, one Dagster partition each.

A batch is a set of input files not seen before, of bounded size: the new files of a run are
split into batches of at most `max_bytes` (a larger file is a batch of its own), so a big
corpus becomes several partitions that can run one after the other in flat memory, or side by
side on a cluster. A batch's key is a hash of its files' paths and contents, so planning the
same new files again gives the same keys, and files already in an earlier batch are never
read twice. Batches keep the order they were planned in (`seq`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from assets.core.storage import read_json, write_json

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


MAX_BATCH_BYTES = 16 * 2**20  # about 4,000 news articles of text


def plan_batches(warehouse: Path, paths: Iterable[str | Path], max_bytes: int | None = MAX_BATCH_BYTES) -> list[str]:
    """Write the manifests of new batches holding the files not seen before, each of at most
    `max_bytes` (None: one batch); [] if no file is new."""
    seen = seen_inputs(warehouse)
    files = []
    for path in discover(paths):
        try:
            digest = file_fingerprint(path)
            size = path.stat().st_size
        except OSError:
            digest, size = "unreadable", 0  # the reader turns it into a rejected_inputs row
        if (str(path), digest) not in seen:
            files.append({"path": str(path), "sha256": digest, "size": size})
    seq = _next_seq(warehouse)
    keys = []
    for n, group in enumerate(_split(files, max_bytes)):
        group = [{"path": f["path"], "sha256": f["sha256"]} for f in group]
        key = hashlib.sha256("\n".join(f"{f['path']} {f['sha256']}" for f in group).encode()).hexdigest()[:16]
        manifest = manifest_path(warehouse, key)
        if not manifest.exists():
            write_json(manifest, {"key": key, "seq": seq + n, "files": group})
        keys.append(key)
    return keys


def plan_batch(warehouse: Path, paths: Iterable[str | Path]) -> str | None:
    """The new files as one batch, however large; None if none are new."""
    keys = plan_batches(warehouse, paths, max_bytes=None)
    return keys[0] if keys else None


def _split(files: list[dict], max_bytes: int | None) -> list[list[dict]]:
    groups: list[list[dict]] = []
    size = 0
    for f in files:
        if not groups or (max_bytes is not None and size + f["size"] > max_bytes and groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(f)
        size += f["size"]
    return groups


def _next_seq(warehouse: Path) -> int:
    return max((read_json(m).get("seq", 0) for m in batches_dir(warehouse).glob("*/inputs.json")), default=-1) + 1


def batch_files(warehouse: Path, key: str) -> list[Path]:
    return [Path(f["path"]) for f in read_json(manifest_path(warehouse, key))["files"]]


def all_batches(warehouse: Path) -> list[str]:
    """Every planned batch, in the order they were planned."""
    manifests = [(read_json(p).get("seq", 0), p.parent.name) for p in batches_dir(warehouse).glob("*/inputs.json")]
    return [key for _, key in sorted(manifests)]


def pending_batches(warehouse: Path) -> list[str]:
    """Batches planned but not fully extracted (an interrupted run leaves these behind)."""
    done = warehouse / "staging" / "claims"
    return [k for k in all_batches(warehouse) if not (done / f"{k}.parquet").exists()]
