"""`newsclaims run`: plan batches of the new files, extract each, rebuild the tables, report.

The command line and the tests run the pipeline through here; the Dagster UI runs the same
jobs (`assets/automation.py`). Whether there is any work is decided first, under the
warehouse's lock, without Dagster, spaCy or Great Expectations: a re-run with nothing new
loads none of them. When there is work, Great Expectations and the parser start loading in
processes of their own at once, while this one loads Dagster (`pipelines/execute.py` runs the
jobs); this process never loads the parser.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from assets.core.destination import Destination
from assets.core.environment import MAX_BATCH_BYTES, default_model
from assets.core.lock import WarehouseBusy, warehouse_lock
from assets.core.releases import default_destination, remove_stale_staging
from assets.core.validation import start_validation_process, stop_validation_process
from assets.extract.parallel import prestart_for
from assets.ingest.batches import pending_batches, plan_batches
from assets.tables.commit import forget_commit, registry_lost, remove_uncommitted, uncommitted

from .outcome import Outcome, print_summary

if TYPE_CHECKING:
    import dagster as dg

    from assets.core.settings import NewsclaimsSettings


def run_command(values: dict, paths: list[str]) -> int:
    """`newsclaims run` with the settings `values` (`assets/core/environment.settings_values`)."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"newsclaims: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    warehouse = Path(values["warehouse_dir"]).resolve()
    try:
        with warehouse_lock(warehouse, "run"):
            outcome = prepare(warehouse, paths, values.get("max_batch_bytes", MAX_BATCH_BYTES))
            if outcome.has_work:
                start_validation_process()  # before this process loads Dagster
                model = values.get("model") or default_model()
                start_parsers(warehouse, outcome, model, values["n_process"], values.get("dask_scheduler"))
                try:
                    # lazy: Dagster and the parser load only when there is work
                    from assets.core.settings import NewsclaimsSettings

                    # lazy: as above
                    from .execute import execute

                    # lazy: as above
                    from .instance import warehouse_instance

                    settings = NewsclaimsSettings(**values)
                    # The warehouse's own instance: the UI (`make dev`) shows these runs, their checks and batches.
                    with warehouse_instance(warehouse) as instance:
                        execute(settings, outcome, instance)
                finally:
                    stop_validation_process()
    except WarehouseBusy as exc:
        print(f"newsclaims: {exc}", file=sys.stderr)
        return 3
    print_summary(warehouse, outcome, time.perf_counter() - started)
    return 0 if outcome.ok else 1


def compact_command(values: dict) -> int:
    """`newsclaims compact`: rewrite every table of more than one part as one part, sorted across
    the corpus, then check and commit it as any build (a run does it when a table reaches
    `max_table_parts` parts)."""
    # lazy: Dagster loads with the settings resource
    from assets.core.settings import NewsclaimsSettings

    # lazy: as above
    from .execute import build_tables

    # lazy: as above
    from .instance import warehouse_instance

    started = time.perf_counter()
    settings = NewsclaimsSettings(**{**values, "max_table_parts": 1})
    outcome = Outcome()
    try:
        with warehouse_lock(settings.warehouse, "compact"), warehouse_instance(settings.warehouse) as instance:
            remove_orphans(settings.warehouse)
            remove_uncommitted(settings.warehouse)
            if pending_batches(settings.warehouse):
                print(
                    "newsclaims compact: batches are waiting to be extracted: run `newsclaims run` first",
                    file=sys.stderr,
                )
                return 2
            outcome.uncommitted = ["compacted"]
            build_tables(settings, outcome, instance)
    except WarehouseBusy as exc:
        print(f"newsclaims: {exc}", file=sys.stderr)
        return 3
    print_summary(settings.warehouse, outcome, time.perf_counter() - started)
    return 0 if outcome.ok else 1


def run_pipeline(settings: NewsclaimsSettings, paths: list[str], instance: dg.DagsterInstance | None = None) -> Outcome:
    """Plan batches of the new files, extract every pending batch, then rebuild the tables.

    A run with nothing new and tables in place does no work at all. With
    `settings.dask_scheduler` the same jobs run step by step on that Dask cluster. The runs are
    recorded in `instance` (default: `DAGSTER_HOME`'s, else a throwaway one, quick for tests).
    """
    outcome = prepare(settings.warehouse, paths, settings.max_batch_bytes)
    if outcome.has_work:
        start_parsers(settings.warehouse, outcome, settings.model_name, settings.n_process, settings.dask_scheduler)
        # lazy: Dagster and the parser load only when there is work
        from .execute import execute

        execute(settings, outcome, instance)
    return outcome


def start_parsers(warehouse: Path, outcome: Outcome, model: str, n_process: int, dask_scheduler: str | None) -> None:
    """Start the parser workers for the pending batches before this process loads Dagster, so
    the model loads meanwhile (none for a Dask cluster, whose workers parse)."""
    if not dask_scheduler:
        prestart_for(warehouse, outcome.batches, model, n_process)


def prepare(warehouse: Path, paths: list[str], max_batch_bytes: int | None) -> Outcome:
    """Clear what killed runs left, plan batches of the new files, and say what there is to do:
    the pending batches, and why the tables are to be rebuilt ([] when the commit stands)."""
    outcome = Outcome()
    warehouse.mkdir(parents=True, exist_ok=True)
    remove_orphans(warehouse)
    if registry_lost(warehouse):
        forget_commit(warehouse)  # every table is rebuilt whole, its actor ids registered anew
    remove_uncommitted(warehouse)  # the parts of a build that was never committed
    remove_stale_staging(Destination.open(default_destination(warehouse)))
    plan_batches(warehouse, paths, max_batch_bytes)
    outcome.batches = pending_batches(warehouse)
    # Commit, don't infer: the tables are rebuilt unless the last commit is what they should be.
    outcome.uncommitted = uncommitted(warehouse)
    return outcome


def remove_orphans(warehouse: Path) -> list[Path]:
    """Delete the temporary files a killed run left (`.<name>.<uuid>.tmp`, their DuckDB WALs).

    Only safe under the warehouse's lock: no other writer can be using them.
    """
    found = []
    for path in warehouse.rglob(".*.tmp*"):
        if path.is_file() and not {"dagster", "releases"} & set(path.relative_to(warehouse).parts[:1]):
            path.unlink(missing_ok=True)
            found.append(path)
    return found
