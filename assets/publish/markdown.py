"""Small Markdown helpers for the generated README.md and CHANGES.md."""

from __future__ import annotations

CELL_CHARS = 80


def cell(value, width: int = CELL_CHARS) -> str:
    """A value as one table cell: on one line, `|` escaped, long text shortened."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    """A GitHub-flavoured Markdown table; `align` holds one `l` or `r` per column."""
    align = align or "l" * len(headers)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
