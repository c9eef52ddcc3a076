"""SQL text built from values: literals escaped, identifiers checked and quoted.

DuckDB cannot bind parameters inside `CREATE VIEW` or `COPY … TO`, so a path or a value that
must appear in such a statement goes through `literal`; a table name read from a file (a
release manifest) goes through `table_identifier`, which accepts only the contract's tables.
Nothing else is ever pasted into SQL.
"""

from __future__ import annotations

from pathlib import Path

from .contract import TABLES


class UnknownTable(ValueError):
    """A table name that is not one of the contract's tables (e.g. read from a tampered manifest)."""


def literal(value) -> str:
    """`value` as a SQL literal: None → NULL, bools and ints as they are, anything else a quoted string."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Path):
        value = value.as_posix()
    return "'" + str(value).replace("'", "''") + "'"


def identifier(name: str) -> str:
    """`name` as a quoted SQL identifier."""
    return '"' + str(name).replace('"', '""') + '"'


def table_identifier(name: str, prefix: str = "") -> str:
    """`prefix + name`, quoted, for a `name` that is one of the contract's tables; else UnknownTable."""
    if name not in TABLES:
        raise UnknownTable(f"{name!r} is not one of the contract's tables ({', '.join(TABLES)})")
    return identifier(prefix + name)


def path_list(paths) -> str:
    """A DuckDB list literal of file paths, for `read_parquet([...])`."""
    return "[" + ", ".join(literal(Path(p)) for p in paths) + "]"
