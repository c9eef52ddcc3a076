"""The SQL of news.duckdb's release views (`releases`, `latest`, `release_<table>`, `latest_<table>`).

The templates are `warehouse/sql/releases.sql` and `warehouse/sql/release_table.sql`; each
release's files come from its manifest, so the views never read a half-written folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from assets.core.contract import TABLES
from assets.core.destination import Destination
from assets.core.releases import MANIFEST, list_releases, parse_version
from assets.core.settings import SQL_DIR
from assets.core.sql import literal


def release_views_sql(releases_dir: Path) -> str | None:
    """The statements creating the release views, or None when the folder holds no release."""
    destination = Destination.open(releases_dir)
    versions = list_releases(destination)
    if not versions:
        return None
    manifests = {v: json.loads(destination.read_text(v, MANIFEST)) for v in versions}
    rows = []
    for v, m in manifests.items():
        created = m["created_at"].replace("T", " ").removesuffix("Z")
        values = [
            literal(v),
            *(literal(n) for n in parse_version(v)),
            f"TIMESTAMP {literal(created)}",
            literal(m.get("previous_version")),
            literal(m["code"]["version"]),
            literal(m["inputs"]["articles"]),
            literal(m["inputs"]["rejected"]),
            literal(destination.path(v)),
        ]
        rows.append("  (" + ", ".join(values) + ")")
    sql = [
        (SQL_DIR / "releases.sql")
        .read_text()
        .replace("{releases}", _one_line(destination.root))
        .replace("{release_rows}", ",\n".join(rows))
    ]

    template = (SQL_DIR / "release_table.sql").read_text()
    # Only the contract's tables: a name read from a manifest is never pasted into SQL unchecked.
    tables = [t for t in TABLES if any(t in m["tables"] for m in manifests.values())]
    for table in tables:
        selects = [
            f"SELECT {literal(v)} AS version, * FROM read_parquet([{', '.join(literal(destination.path(v, f)) for f in m['tables'][table]['files'])}])"
            for v, m in manifests.items()
            if table in m["tables"]
        ]
        sql.append(template.replace("{table}", table).replace("{selects}", "\nUNION ALL BY NAME\n".join(selects)))
    return "\n".join(sql)


def _one_line(text: str) -> str:
    """`text` fit for a SQL comment line (a newline would end the comment)."""
    return text.replace("\r", " ").replace("\n", " ")
