"""What a run did (its batches, the checks and their results, errors), and the summary it prints."""

from __future__ import annotations

import sys
from pathlib import Path

from assets.core.contract import TABLES
from assets.core.parts import table_rows


class Outcome:
    def __init__(self) -> None:
        self.batches: list[str] = []
        self.checks: list[tuple[str, str, bool]] = []  # (check, severity, passed)
        self.errors: list[str] = []
        self.rebuilt = False
        self.uncommitted: list[str] = []  # why the tables were rebuilt with no new batch

    @property
    def has_work(self) -> bool:
        return bool(self.batches or self.uncommitted)

    @property
    def blocking_failures(self) -> list[str]:
        return [name for name, severity, passed in self.checks if severity == "ERROR" and not passed]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.blocking_failures


def print_summary(warehouse: Path, outcome: Outcome, seconds: float) -> None:
    counts = {table: table_rows(warehouse, table) for table in TABLES}
    if not outcome.batches and outcome.rebuilt:
        print(f"nothing new to extract; tables rebuilt ({outcome.uncommitted[0]})")
    elif not outcome.batches:
        print("nothing new to extract")
    else:
        print(f"extracted {len(outcome.batches)} new batch(es): {', '.join(outcome.batches)}")
    print(
        f"articles {counts['articles']:,} | rejected {counts['rejected_inputs']:,} | actors {counts['actors']:,} | "
        f"claims {counts['claims']:,} | sources {counts['sources']:,} | dates {counts['dates']:,}"
    )
    if outcome.checks:
        failed = [(n, s) for n, s, p in outcome.checks if not p]
        print(f"checks: {len(outcome.checks) - len(failed)} passed, {len(failed)} failed")
        for name, severity in failed:
            print(f"  {'FAILED' if severity == 'ERROR' else 'warning'}: {name}")
    for error in outcome.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"warehouse {warehouse} in {seconds:.1f} s")
