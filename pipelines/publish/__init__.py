"""Releases: the checked tables published as immutable, versioned, self-describing datasets.

`newsclaims publish` writes `DEST/<version>/`; `newsclaims verify` checks one. One module each:

    destination  local folders and filesystem URIs (pyarrow / fsspec) behind one interface
    versions     MAJOR.MINOR.PATCH, bumping, and which folders are releases
    parts        the tables as Parquet, split into parts when large
    manifest     manifest.json: provenance, counts, schemas, checksums
    datapackage  datapackage.json: the Frictionless Data Package
    datacard     README.md: the data card
    changes      CHANGES.md: rows added, removed and changed since the previous release
    release      publishing: staging, the atomic rename, refusing existing versions
    verify       recomputing checksums and row counts
    views        news.duckdb's release views
    command      the two subcommands
"""

from .command import register

__all__ = ["register"]
