"""`manifest.json`: what a release is, what made it, and the checksum of every file in it."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from assets.core.contract import TABLE
from assets.core.destination import Destination
from assets.core.settings import PACKAGE_VERSION, PROJECT_ROOT

from .licences import terms, text_columns

FORMAT = "newsclaims-release/1"
CHUNK = 1 << 20


def sha256_of(release: Destination, relpath: str) -> str:
    digest = hashlib.sha256()
    with release.fs.open_input_stream(release.path(relpath)) as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def code_version() -> dict:
    """The package version, plus the git commit (and whether the tree had changes) when known."""
    info: dict = {"package": PACKAGE_VERSION, "git_commit": None, "git_dirty": None}
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
        info.update(git_commit=commit, git_dirty=bool(dirty))
    except (OSError, subprocess.SubprocessError):
        pass
    label = PACKAGE_VERSION
    if info["git_commit"]:
        label += f"+g{info['git_commit'][:12]}" + (".dirty" if info["git_dirty"] else "")
    info["version"] = label
    return info


def model_info(model: str) -> dict:
    """The spaCy model's package name and version, read from its metadata without loading it."""
    info: dict = {"name": model, "version": None, "spacy_name": None, "spacy_requirement": None}
    try:
        info["version"] = importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        pass
    spec = importlib.util.find_spec(model) if "/" not in model else None
    meta_path = Path(spec.origin).parent / "meta.json" if spec and spec.origin else Path(model) / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        info["spacy_name"] = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}"
        info["version"] = info["version"] or meta.get("version")
        info["spacy_requirement"] = meta.get("spacy_version")
    return info


def schema_of(schema: pa.Schema) -> list[dict]:
    return [
        {
            "name": f.name,
            "type": str(f.type),
            "nullable": f.nullable,
            "description": (f.metadata or {}).get(b"description", b"").decode(),
        }
        for f in schema
    ]


def describe(
    *,
    version: str,
    created_at: datetime,
    tables: dict[str, pa.Table],
    parts: dict[str, dict[str, int]],
    model: str,
    previous: str | None,
    changes: dict,
    with_text: bool = False,
) -> dict:
    """The manifest without its `files`: `parts` is {table: {relative path: rows}} (filled in
    by `write_release` when the parts are written). `text` says whether the publishers' text is
    in, which columns hold it, and the terms of each part."""
    articles = tables["articles"]
    rejected = tables["rejected_inputs"]
    uris = articles.column("input_uri").to_pylist() + rejected.column("input_uri").to_pylist()
    return {
        "format": FORMAT,
        "name": "newsclaims",
        "version": version,
        "created_at": created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "previous_version": previous,
        "code": code_version(),
        "model": model_info(model),
        "inputs": {
            "articles": articles.num_rows,
            "rejected": rejected.num_rows,
            "input_files": len({u.split("#", 1)[0] for u in uris if u}),
        },
        "tables": {
            name: {
                "rows": table.num_rows,
                "key": list(TABLE[name].key),
                "files": sorted(parts.get(name, {})),
                "schema": schema_of(table.schema),
            }
            for name, table in tables.items()
        },
        "text": {
            "included": with_text,
            "columns": {name: list(cols) for name, cols in text_columns().items()},
            "terms": terms(with_text),
        },
        "changes": changes,
    }


def file_entries(release: Destination, parts: dict[str, dict[str, int]], skip: str) -> dict[str, dict]:
    """sha256, size (and rows, for Parquet parts) of every file in `release` but `skip`."""
    rows = {path: n for table_parts in parts.values() for path, n in table_parts.items()}
    entries = {}
    for path, size in sorted(release.files().items()):
        if path == skip:
            continue
        entries[path] = {"sha256": sha256_of(release, path), "bytes": size}
        if path in rows:
            entries[path]["rows"] = rows[path]
    return entries


def dumps(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
