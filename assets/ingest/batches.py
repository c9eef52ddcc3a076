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
import os
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq

from assets.core.environment import MAX_BATCH_BYTES
from assets.core.storage import file_sha256, read_json, write_json

from .readers import discover_inputs, printable

if TYPE_CHECKING:
    import dagster as dg

PARTITIONS_NAME = "input_batches"


def batches_dir(warehouse: Path) -> Path:
    return warehouse / "batches"


def manifest_path(warehouse: Path, key: str) -> Path:
    return batches_dir(warehouse) / key / "inputs.json"


def seen_inputs(warehouse: Path) -> set[tuple[str, str]]:
    """(path, sha256) of every file some earlier batch already holds."""
    seen: set[tuple[str, str]] = set()
    for manifest in batches_dir(warehouse).glob("*/inputs.json"):
        seen.update((f["path"], f["sha256"]) for f in read_json(manifest)["files"])
    return seen


def plan_batches(warehouse: Path, paths: Iterable[str | Path], max_bytes: int | None = MAX_BATCH_BYTES) -> list[str]:
    """Write the manifests of new batches holding the files not seen before, each of at most
    `max_bytes` (None: one batch); [] if no file is new."""
    seen = seen_inputs(warehouse)
    files = []
    for found in discover_inputs(paths):
        path = found.path
        try:
            # Only a regular file is hashed: opening a FIFO would hang the run.
            mode, size = os.stat(path).st_mode, os.stat(path).st_size
            digest = file_sha256(path) if stat.S_ISREG(mode) else "not_a_file"
        except (OSError, RuntimeError):
            digest, size = "unreadable", 0  # the reader turns it into a rejected_inputs row
        if (str(path), digest) not in seen:
            files.append({"path": str(path), "sha256": digest, "size": size, "id": found.input_id})
    seq = _next_seq(warehouse)
    keys = []
    for n, group in enumerate(_split(files, max_bytes)):
        # The relative id travels with the file: a folder split over several batches keeps its ids.
        group = [{"path": f["path"], "sha256": f["sha256"], "id": f["id"]} for f in group]
        listed = "\n".join(f"{f['path']} {f['sha256']}" for f in group)
        key = hashlib.sha256(listed.encode("utf-8", "surrogateescape")).hexdigest()[:16]
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
    return [Path(f["path"]) for f in read_json(require_plan(warehouse, key))["files"]]


def require_plan(warehouse: Path, key: str) -> Path:
    """The batch's manifest; a one-line failure naming the fix when the batch was never planned
    (a partition added by hand in the UI has no files)."""
    manifest = manifest_path(warehouse, key)
    if not manifest.exists():
        import dagster as dg  # not at the top: `newsclaims run` plans batches before it loads Dagster

        raise dg.Failure(
            description=f"input batch {key!r} was never planned, so it holds no files: plan the files with "
            "`newsclaims plan PATH…` or the `plan_batch` job, which add the batch's partition itself"
        )
    return manifest


def batch_extracted(warehouse: Path, key: str) -> bool:
    """Whether the batch was read and extracted already (its claims are staged last)."""
    return (warehouse / "staging" / "claims" / f"{key}.parquet").exists()


def batch_metadata(warehouse: Path, key: str) -> dict:
    """What a batch holds, for the UI (a partition key is a hash): its files, count and size."""
    manifest = require_plan(warehouse, key)
    files = [Path(f["path"]) for f in read_json(manifest)["files"]]
    planned = datetime.fromtimestamp(manifest.stat().st_mtime, UTC)
    import dagster as dg  # not at the top: `newsclaims run` plans batches before it loads Dagster

    return {
        "batch_name": batch_name(warehouse, key),
        "n_files": len(files),
        "bytes": sum(f.stat().st_size for f in files if f.exists()),
        "planned_at": planned.isoformat(timespec="seconds"),
        "files": dg.MetadataValue.md(
            "\n".join(f"- `{printable(str(f))}`" for f in files[:BATCH_FILES_SHOWN]) + _more(files)
        ),
    }


BATCH_FILES_SHOWN = 50


def _more(files: list[Path]) -> str:
    return f"\n- … and {len(files) - BATCH_FILES_SHOWN} more" if len(files) > BATCH_FILES_SHOWN else ""


def batch_name(warehouse: Path, key: str) -> str:
    """A readable name for a batch: the day it was planned, its first file and how many more."""
    manifest = require_plan(warehouse, key)
    files = [Path(f["path"]) for f in read_json(manifest)["files"]]
    day = datetime.fromtimestamp(manifest.stat().st_mtime, UTC).date().isoformat()
    first = printable(f"{files[0].parent.name}/{files[0].name}") if files else "no files"
    more = f" +{len(files) - 1} files" if len(files) > 1 else ""
    return f"{day} {first}{more}"


def batch_tags(warehouse: Path, key: str) -> dict[str, str]:
    """Run tags naming the batch, so the UI's run list says which files a run read."""
    return {"newsclaims/batch": batch_name(warehouse, key)}


def all_batches(warehouse: Path) -> list[str]:
    """Every planned batch, in the order they were planned."""
    manifests = [(read_json(p).get("seq", 0), p.parent.name) for p in batches_dir(warehouse).glob("*/inputs.json")]
    return [key for _, key in sorted(manifests)]


def pending_batches(warehouse: Path) -> list[str]:
    """Batches planned but not fully extracted (an interrupted run leaves these behind)."""
    done = warehouse / "staging" / "claims"
    return [k for k in all_batches(warehouse) if not (done / f"{k}.parquet").exists()]


def done_before(warehouse: Path, key: str, tables: Iterable[str]) -> dict:
    """Metadata for a step that finds its batch extracted already and does nothing ("Materialize
    all" clicked twice): the staged row counts, so the UI still shows what the batch holds."""
    staged = warehouse / "staging"
    counts = {f"n_{t}": pq.ParquetFile(staged / t / f"{key}.parquet").metadata.num_rows for t in tables}
    return {
        **counts,
        "note": "extracted by an earlier run: nothing to do (delete its files under staging/ to extract it again)",
        **batch_metadata(warehouse, key),
    }


def plan_partitions(
    instance: dg.DagsterInstance, warehouse: Path, paths: Iterable[str | Path], max_bytes: int | None
) -> list[str]:
    """Plan the new files as batches and add their partitions: what `newsclaims plan` and the
    `plan_batch` job do, so a batch can be materialised from the UI."""
    keys = plan_batches(warehouse, paths, max_bytes)
    add_partitions(instance, keys)
    return keys


def add_partitions(instance: dg.DagsterInstance, keys: Iterable[str]) -> list[str]:
    """Add the partitions of `keys` the instance does not have yet; returns those added."""
    have = set(instance.get_dynamic_partitions(PARTITIONS_NAME))
    new = [k for k in dict.fromkeys(keys) if k not in have]
    if new:
        instance.add_dynamic_partitions(PARTITIONS_NAME, new)
    return new
