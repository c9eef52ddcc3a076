"""`newsclaims attach-text`: put the publishers' text back into a release made without it.

The user reads their own copies of the articles (any input shape `newsclaims run` reads); an
article's text is taken only when its SHA-256 equals the release's `content_sha256`, so what
goes back is exactly the text every offset was computed on. Each text column is then filled:
`articles.text` from the copy, the others (`claims.content`) by their offsets into it. The
result is written as the same version under another destination, with its own manifest and
descriptors stating that the text is included; the release itself stays untouched.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from assets.core.contract import TABLE
from assets.core.destination import Destination
from assets.core.releases import PublishError
from assets.ingest.readers import Article, discover_inputs, read_files

from .licences import terms, text_columns
from .release import read_manifest, read_release, write_release


@dataclass
class Reattached:
    location: str
    matched: int
    missing: list[str] = field(default_factory=list)  # article ids no copy matched


def _texts(paths: list[str | Path], wanted: set[str]) -> dict[str, str]:
    """content_sha256 → text, for the user's copies whose hash is one of `wanted`."""
    found: dict[str, str] = {}
    for item in read_files(discover_inputs(paths)):
        if isinstance(item, Article) and item.content_sha256 in wanted:
            found.setdefault(item.content_sha256, item.text)
    return found


def _span_source(name: str, column: str) -> tuple[str, str]:
    spans = [o for o in TABLE[name].offsets if o.text == column]
    if not spans:
        raise PublishError(f"{name}.{column} has no offsets to restore it by")
    return spans[0].start, spans[0].end


def attach_text(release: str | Path, copies: list[str | Path], dest: str | Path) -> Reattached:
    """Write `dest/<version>/`: the release at `release` with its text columns filled from `copies`."""
    source = Destination.open(release)
    manifest = read_manifest(source)
    if manifest.get("text", {}).get("included"):
        raise PublishError(f"release {manifest['version']} already holds the articles' text")
    tables = read_release(source, manifest)
    articles = tables["articles"]
    hashes = articles.column("content_sha256").to_pylist()
    texts = _texts(copies, set(hashes))
    by_article = {a: texts.get(h) for a, h in zip(articles.column("article_id").to_pylist(), hashes)}
    missing = sorted(a for a, t in by_article.items() if t is None)

    for name, columns in text_columns().items():
        table = tables[name]
        ids = table.column("article_id").to_pylist()
        for column in columns:
            if name == "articles" and column == "text":
                values = [by_article.get(a) for a in ids]
            else:
                start, end = _span_source(name, column)
                starts, ends = table.column(start).to_pylist(), table.column(end).to_pylist()
                values = [
                    by_article[a][s:e] if by_article.get(a) is not None and s is not None else None
                    for a, s, e in zip(ids, starts, ends)
                ]
            i = table.schema.get_field_index(column)
            table = table.set_column(i, table.schema.field(i), pa.array(values, table.schema.field(i).type))
        tables[name] = table

    new = copy.deepcopy(manifest)
    new.pop("files", None)
    new["text"] = {**new["text"], "included": True, "terms": terms(True), "attached_from_copies": True}
    new["text"]["missing_articles"] = missing
    changes_text = source.read_text("CHANGES.md")
    destination = Destination.open(dest)
    write_release(destination, new, tables, changes_text)
    return Reattached(destination.display(new["version"]), len(by_article) - len(missing), missing)


def summary(result: Reattached) -> str:
    """One line per outcome, for the command line."""
    lines = [f"text attached to {result.matched} article(s): {result.location}"]
    if result.missing:
        lines.append(f"no copy matched {len(result.missing)} article(s) (their text stays empty):")
        lines += [f"  {a}" for a in result.missing]
    return "\n".join(lines)
