"""Everything configurable about a run, as the Dagster resource the assets are handed.

`NewsclaimsSettings` is one object for the command line, the UI and the tests alike; its
values come from the environment (`assets/core/environment.py`, which also holds the project's
folders and version, re-exported here).
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from .environment import (
    EXPECTATIONS_DIR,
    MAX_BATCH_BYTES,
    PACKAGE_VERSION,
    PROJECT_ROOT,
    SQL_DIR,
    default_model,
    settings_values,
)

__all__ = [
    "EXPECTATIONS_DIR",
    "PACKAGE_VERSION",
    "PROJECT_ROOT",
    "SQL_DIR",
    "NewsclaimsSettings",
    "default_model",
]


class NewsclaimsSettings(dg.ConfigurableResource):
    """Where the warehouse lives and how articles are read and parsed."""

    warehouse_dir: str = "warehouse"
    inbox_dir: str = "inbox"
    model: str = ""
    # Parser processes: 0 = every usable core; a batch too small to share parses in one process.
    n_process: int = 0
    batch_size: int = 64
    max_article_chars: int = 1_000_000
    # New files are split into input batches (partitions) of at most this many bytes.
    max_batch_bytes: int = MAX_BATCH_BYTES
    # DuckDB's memory limit while compacting and checking the tables: it spills to disk beyond it.
    duckdb_memory_limit: str = "1GB"
    # A build appends a part per table; a table of more parts than this is compacted into one.
    max_table_parts: int = 16
    # `newsclaims run` runs the jobs on this Dask cluster (scheduler address) when set.
    dask_scheduler: str = ""

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir).resolve()

    @property
    def model_name(self) -> str:
        return self.model or default_model()

    @classmethod
    def from_env(cls, **overrides) -> NewsclaimsSettings:
        return cls(**settings_values(**overrides))
