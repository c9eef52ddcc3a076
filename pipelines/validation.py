"""Great Expectations validation in one small function; GX is imported only when it runs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

SEVERITIES = ("critical", "warning")


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failures: list[dict] = field(default_factory=list)

    def markdown(self) -> str:
        if not self.failures:
            return f"All {self.evaluated} expectations passed."
        lines = ["| expectation | column | unexpected | examples |", "|---|---|---|---|"]
        for f in self.failures:
            examples = ", ".join(map(str, f["examples"]))[:200].replace("|", "\\|")
            lines.append(f"| {f['type']} | {f['column'] or ''} | {f['unexpected']} | {examples} |")
        return "\n".join(lines)


def load_suite_spec(path: Path) -> dict:
    return json.loads(path.read_text())


def validate(df: pd.DataFrame, suite_path: Path, severity: str) -> SuiteResult:
    """Run the expectations of one severity from a JSON suite against `df`."""
    import great_expectations as gx

    spec = load_suite_spec(suite_path)
    expectations = [e for e in spec["expectations"] if e.get("severity", "critical") == severity]
    if not expectations:
        return SuiteResult(True, 0)
    suite = gx.ExpectationSuite(name=f"{spec['name']}.{severity}", expectations=expectations)
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": df})
    result = batch.validate(suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 10})
    failures = []
    for r in result.results:
        if r.success:
            continue
        cfg = r.expectation_config
        res = r.result or {}
        failures.append(
            {
                "type": cfg.type,
                "column": cfg.kwargs.get("column") or ",".join(cfg.kwargs.get("column_list", []) or []),
                "unexpected": res.get("unexpected_count", res.get("observed_value")),
                "examples": res.get("partial_unexpected_list", [])[:10],
                "exception": (r.exception_info or {}).get("exception_message"),
            }
        )
    return SuiteResult(result.success, len(expectations), failures)


@lru_cache(maxsize=1)
def _batch_definition():
    import great_expectations as gx

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = {"globally": False}
    source = ctx.data_sources.add_pandas("newsclaims")
    return source.add_dataframe_asset("table").add_batch_definition_whole_dataframe("all")
