"""The contract module against what reads it: CONTRACT.md, the GX suites, and everything derived."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from assets.core.contract import CONTRACT, SCHEMAS, STAGED_SCHEMAS, TABLES, foreign_keys
from assets.core.parts import current_parts
from assets.core.settings import EXPECTATIONS_DIR, PROJECT_ROOT
from assets.core.validation import column_set_expectation
from tests.conftest import FIXTURES

TYPES = {
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "list of strings": pa.list_(pa.string()),
}


def _contract_md_tables(text: str) -> dict[str, list[tuple[str, str]]]:
    """`**table** — …` then its columns: (name, what the parenthesis after it says)."""
    tables = {}
    for name, body in re.findall(r"^\*\*(\w+)\*\* — [^\n]*\n(.*?)(?:\n\n|\Z)", text, re.M | re.S):
        body = re.sub(r"∈ \{[^}]*\}", "", body)  # enumerations name values, not columns
        columns = re.findall(r"`(\w+)`(?: \(([^()]*)\))?", re.sub(r"\(([^()]*?)`[^`]*`([^()]*)\)", r"(\1\2)", body))
        tables[name] = columns
    return tables


def test_contract_md_names_every_table_and_column(shared):
    declared = _contract_md_tables((shared / "CONTRACT.md").read_text(encoding="utf-8"))
    assert set(declared) == set(TABLES)
    for table, columns in declared.items():
        names = [name for name, _ in columns]
        # The contract's columns come first, in its order; additions follow.
        assert SCHEMAS[table].names[: len(names)] == names, table
        for name, note in columns:
            kind = next((TYPES[k] for k in TYPES if note and re.search(rf"\b{k}\b", note)), None)
            if kind is not None:
                assert SCHEMAS[table].field(name).type == kind, (table, name)


def test_suites_name_only_contract_columns():
    assert sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json")) == sorted(TABLES)
    for path in EXPECTATIONS_DIR.glob("*.json"):
        suite = json.loads(path.read_text())
        assert suite["name"] == path.stem
        for expectation in suite["expectations"]:
            kwargs = expectation["kwargs"]
            for column in [kwargs.get("column"), *kwargs.get("column_list", [])]:
                if column:
                    assert column in SCHEMAS[path.stem].names, (path.name, column)


def test_everything_derived_names_real_columns():
    for table in CONTRACT:
        names = table.schema.names
        assert set(table.key) <= set(names) and set(table.label) <= set(names)
        assert {k.removesuffix(" DESC") for k in table.sort_key} <= set(names)
        assert table.batch_key is None or table.batch_key in names
        for o in table.offsets:
            assert {o.text, o.start, o.end} <= set(names)
    for child, column, parent, key in foreign_keys():
        assert column in SCHEMAS[child].names and key in SCHEMAS[parent].names
    assert set(STAGED_SCHEMAS) == set(TABLES) - {"actors"}
    assert STAGED_SCHEMAS["actor_mentions"].names[-4:] == ["actor_name", "actor_type", "country_code", "country_source"]
    assert column_set_expectation("claims")["kwargs"]["column_set"] == SCHEMAS["claims"].names


@pytest.mark.pipeline
def test_a_column_added_in_the_contract_reaches_every_table_artefact(tmp_path):
    """Add a column to `claims` in contract.py alone, then run and publish: the Parquet schema,
    the GX column-set check, the Data Package and the data card all carry it."""
    root = tmp_path / "project"
    for part in ("assets", "pipelines", "expectations", "warehouse/sql"):
        shutil.copytree(PROJECT_ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root)  # Dagster finds the code location by it
    contract = root / "assets" / "core" / "contract.py"
    anchor = '("cited_source_id", S, "A source the claim\'s source cites for it (\'citing officials\')."),\n'
    source = contract.read_text()
    assert anchor in source
    contract.write_text(
        source.replace(anchor, anchor + '            ("reviewed", B, "A column only this test adds."),\n')
    )
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(FIXTURES / "ministry_briefing.txt", inputs)
    warehouse = tmp_path / "warehouse"
    env = {"PYTHONPATH": str(root), "PATH": str(Path(sys.executable).parent)}

    def newsclaims(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pipelines.cli", *args], cwd=root, env=env, capture_output=True, text=True
        )

    run = newsclaims("run", str(inputs), "--warehouse", str(warehouse), "--n-process", "1")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checks: 38 passed, 0 failed" in run.stdout
    published = newsclaims("publish", "--warehouse", str(warehouse), "--version", "1.0.0")
    assert published.returncode == 0, published.stdout + published.stderr

    import pyarrow.parquet as pq

    names = pq.read_schema(current_parts(warehouse, "claims")[0]).names
    assert names[names.index("cited_source_id") + 1] == "reviewed"  # where contract.py declares it
    release = warehouse / "releases" / "1.0.0"
    package = json.loads((release / "datapackage.json").read_text())
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    assert {"name": "reviewed", "type": "boolean", "description": "A column only this test adds."} in claims["schema"][
        "fields"
    ]
    assert "| `reviewed` | `bool` | A column only this test adds. |" in (release / "README.md").read_text()
    ledger = json.loads((warehouse / "staging" / "checked" / "claims.critical.json").read_text())
    assert ledger["batches"] and all(not b["failures"] for b in ledger["batches"].values())
    check = subprocess.run(
        [sys.executable, "-c", "from assets.core.validation import column_set_expectation as c; print(c('claims'))"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "'reviewed'" in check.stdout, check.stderr
