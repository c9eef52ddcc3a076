"""`CHANGES.md`: rows added, removed and changed per table against the previous release, by key."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from assets.core.contract import TABLE

from .markdown import cell, table

MAX_LISTED = 1000  # rows listed per table and kind; the rest are counted, with a query to list them


@dataclass
class TableChanges:
    added: pa.Table
    removed: pa.Table
    changed: pa.Table
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Changes:
    version: str
    previous: str | None
    previous_created_at: str | None
    rows: dict[str, int]
    tables: dict[str, TableChanges]

    def summary(self) -> dict:
        return {
            "previous_version": self.previous,
            "tables": {name: dict(t.counts) for name, t in self.tables.items()},
        }


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def diff_table(name: str, new: pa.Table, old: pa.Table) -> TableChanges:
    keys = TABLE[name].key
    con = duckdb.connect()
    con.register("new_rows", new)
    con.register("old_rows", old)
    common = [c for c in new.schema.names if c in old.schema.names]
    on = " AND ".join(f"n.{_q(k)} = o.{_q(k)}" for k in keys)
    order = ", ".join(_q(k) for k in keys)

    def shown(source: pa.Table, alias: str) -> str:
        labels = [
            f"{alias}.{_q(c)}" if c in source.schema.names else f"NULL AS {_q(c)}"
            for c in TABLE[name].label
            if c not in keys
        ]
        return ", ".join([f"{alias}.{_q(k)}" for k in keys] + labels)

    def rows(sql: str) -> pa.Table:
        return con.execute(f"{sql} ORDER BY {order}").to_arrow_table()

    added = rows(f"SELECT {shown(new, 'n')} FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE {on})")
    removed = rows(f"SELECT {shown(old, 'o')} FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE {on})")
    values = [c for c in common if c not in keys]
    if values:
        differ = " OR ".join(f"n.{_q(c)} IS DISTINCT FROM o.{_q(c)}" for c in values)
        changed = rows(f"SELECT {shown(new, 'n')} FROM new_rows n JOIN old_rows o ON {on} WHERE {differ}")
    else:
        changed = added.slice(0, 0)
    con.close()
    counts = {"added": added.num_rows, "removed": removed.num_rows, "changed": changed.num_rows}
    return TableChanges(added, removed, changed, counts)


def compare(
    version: str,
    tables: dict[str, pa.Table],
    previous: str | None,
    previous_tables: dict[str, pa.Table] | None,
    previous_created_at: str | None = None,
) -> Changes:
    rows = {name: t.num_rows for name, t in tables.items()}
    diffs = {}
    if previous is not None and previous_tables is not None:
        for name, new in tables.items():
            old = previous_tables.get(name)
            if old is None:  # a table the previous release did not have: all rows are new
                old = new.slice(0, 0)
            diffs[name] = diff_table(name, new, old)
    return Changes(version, previous, previous_created_at, rows, diffs)


def render(changes: Changes) -> str:
    v, prev = changes.version, changes.previous
    lines = [f"# Changes in {v}", ""]
    if prev is None:
        lines += ["The first release: every row is new.", ""]
        lines += table(["table", "rows"], [[name, f"{n:,}"] for name, n in changes.rows.items()], align="lr")
        return "\n".join(lines) + "\n"
    published = f" (published {changes.previous_created_at})" if changes.previous_created_at else ""
    lines += [
        f"Compared with release {prev}{published}. Rows are matched by each table's key: an *added* row "
        f"has a key {prev} lacks, a *removed* row a key only {prev} has, and a *changed* row keeps its key "
        "with other values.",
        "",
    ]
    summary = [
        [
            name,
            ", ".join(TABLE[name].key),
            f"{changes.rows[name]:,}",
            *(f"{d.counts[k]:,}" for k in ("added", "removed", "changed")),
        ]
        for name, d in changes.tables.items()
    ]
    lines += table(["table", "key", "rows", "added", "removed", "changed"], summary, align="llrrrr")
    for name, d in changes.tables.items():
        lines += ["", f"## {name}", ""]
        if not any(d.counts.values()):
            lines += ["No rows added, removed or changed."]
            continue
        for kind, rows in (("added", d.added), ("removed", d.removed), ("changed", d.changed)):
            if rows.num_rows == 0:
                continue
            lines += [f"### {kind.capitalize()} ({rows.num_rows:,})", ""]
            keys = TABLE[name].key
            listed = rows.slice(0, MAX_LISTED).to_pylist()
            body = [[f"`{r[k]}`" for k in keys] + [cell(r[c]) for c in rows.schema.names[len(keys) :]] for r in listed]
            lines += table(rows.schema.names, body)
            if rows.num_rows > MAX_LISTED:
                lines += ["", f"… and {rows.num_rows - MAX_LISTED:,} more; list them all in news.duckdb with", ""]
                lines += ["```sql", _query(name, kind, v, prev), "```"]
            lines.append("")
        while lines and lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def _query(name: str, kind: str, version: str, previous: str) -> str:
    keys = ", ".join(TABLE[name].key)
    new, old = (version, previous) if kind != "removed" else (previous, version)
    if kind == "changed":
        return (
            f"SELECT * FROM (SELECT * EXCLUDE (version) FROM release_{name} WHERE version = '{new}'\n"
            f"  EXCEPT SELECT * EXCLUDE (version) FROM release_{name} WHERE version = '{old}')\n"
            f"WHERE ({keys}) IN (SELECT ({keys}) FROM release_{name} WHERE version = '{old}');"
        )
    return (
        f"SELECT * FROM release_{name} WHERE version = '{new}'\n"
        f"  AND ({keys}) NOT IN (SELECT ({keys}) FROM release_{name} WHERE version = '{old}');"
    )
