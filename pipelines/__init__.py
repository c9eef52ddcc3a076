"""Entry points of newsclaims: the command line, the Dagster code location, evaluation,
training and benchmarks. Everything they run lives in `assets/`; imports go one way."""

from pathlib import Path

from assets.core.environment import PACKAGE_VERSION as __version__

__all__ = ["SAMPLES_DIR", "__version__"]

# Articles in every input shape, run by `newsclaims run` when given no path.
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
