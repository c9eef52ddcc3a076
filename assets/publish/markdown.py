"""Small Markdown helpers for the generated README.md and CHANGES.md."""

from __future__ import annotations

CELL_CHARS = 80


# Characters that start Markdown markup (links, emphasis, code, headings, strikethrough).
MARKDOWN_SPECIALS = "\\`*_[]|~"
HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape(text: str) -> str:
    """Text from the articles shown as itself: HTML tags and Markdown markup escaped."""
    out = []
    for ch in text:
        if ch in HTML_ENTITIES:
            out.append(HTML_ENTITIES[ch])
        elif ch in MARKDOWN_SPECIALS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def cell(value, width: int = CELL_CHARS, markdown: bool = False) -> str:
    """A value as one table cell: on one line, long text shortened, and escaped (HTML and
    Markdown) unless it is the project's own `markdown` (a description with `code` in it)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text.replace("|", "\\|") if markdown else escape(text)


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    """A GitHub-flavoured Markdown table; `align` holds one `l` or `r` per column."""
    align = align or "l" * len(headers)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
