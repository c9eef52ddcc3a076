"""The release's `README.md` data card: what is inside, counts, who is cited, the schema, how to load it."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import yaml

from assets.core.contract import TABLE
from assets.extract.attribution.model import dev_figures

from .charts import Chart
from .citation import KEYWORDS
from .licences import ANNOTATIONS, HUB_LICENCE, PUBLISHERS, terms
from .markdown import cell, table

TOP = 10

MOST_CITED_SOURCES = """
SELECT coalesce(a.name, lower(s.name)) AS source, any_value(s.source_kind) AS kind,
       bool_or(s.is_anonymous) AS anonymous, count(*) AS claims, count(DISTINCT c.article_id) AS articles
FROM claims c JOIN sources s ON s.source_id = c.source_id
LEFT JOIN actors a ON a.actor_id = s.actor_id
GROUP BY 1 ORDER BY claims DESC, source LIMIT {top}
"""

MOST_MENTIONED_ACTORS = """
SELECT a.name, a.actor_type, a.country_code, a.n_mentions, a.n_articles,
       coalesce(made.n, 0) AS claims_made, coalesce(about.n, 0) AS claims_about
FROM actors a
LEFT JOIN (SELECT s.actor_id, count(*) AS n FROM claims c JOIN sources s ON s.source_id = c.source_id
           GROUP BY 1) made ON made.actor_id = a.actor_id
LEFT JOIN (SELECT actor_id, count(DISTINCT claim_id) AS n FROM claim_actors GROUP BY 1) about
       ON about.actor_id = a.actor_id
ORDER BY a.n_mentions DESC, claims_made DESC, a.name LIMIT {top}
"""


def _rows(tables: dict[str, pa.Table], sql: str) -> list[dict]:
    con = duckdb.connect()
    for name in ("claims", "sources", "actors", "claim_actors"):
        con.register(name, tables[name])
    result = con.execute(sql.format(top=TOP)).to_arrow_table().to_pylist()
    con.close()
    return result


DEFAULT_CONFIG = "claims"  # what `load_dataset(<release>)` reads without a config name


def hub_header(manifest: dict) -> str:
    """The Hugging Face dataset card header: licence, language, size, and one config per table
    so the Hub's viewer and `datasets.load_dataset(<release>, "<table>")` read each on its own."""
    with_text = manifest["text"]["included"]
    rows = {name: spec["rows"] for name, spec in manifest["tables"].items()}
    header = {
        "pretty_name": f"newsclaims dataset {manifest['version']}",
        "license": HUB_LICENCE[with_text],
        "language": ["en"],
        "size_categories": [_size_category(max(rows.values(), default=0))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": [k.lower() for k in KEYWORDS],
        "configs": [
            {
                "config_name": name,
                "data_files": [{"split": "train", "path": f"{name}/*.parquet"}],
                **({"default": True} if name == DEFAULT_CONFIG else {}),
            }
            for name in manifest["tables"]
        ],
    }
    if with_text:
        header["license_name"] = PUBLISHERS["name"].lower()
        header["license_details"] = "; ".join(
            f"{t['what']}: {(t['licence'] or {}).get('title', '')}" for t in terms(True)
        )
    return "---\n" + yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100) + "---\n"


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return label
    return "1M<n<10M" if n < 10_000_000 else "10M<n<100M"


def render(manifest: dict, tables: dict[str, pa.Table], changes: dict, charts: list[Chart] = ()) -> str:
    """README.md: the Hub header, then what is inside, charts with their numbers, the schema,
    loading it, and the terms of each part."""
    v = manifest["version"]
    code, model, inputs = manifest["code"], manifest["model"], manifest["inputs"]
    rows = {name: t["rows"] for name, t in manifest["tables"].items()}
    with_text = manifest["text"]["included"]
    lines = [
        hub_header(manifest),
        f"# newsclaims dataset {v}",
        "",
        "Who claims what, citing whom, and when, in news articles: attributed statements (direct quotes, "
        'reported speech, "according to", beliefs and intentions) with their sources, named or anonymous, '
        "the actors they mention and the time expressions they hold, as Parquet tables with character "
        "offsets back into each article's text.",
        "",
        *table(
            ["", ""],
            [
                ["version", f"`{v}`"],
                ["created", manifest["created_at"]],
                ["previous release", f"`{manifest['previous_version']}`" if manifest["previous_version"] else "none"],
                ["code", f"newsclaims `{code['version']}`"],
                ["spaCy model", f"`{model['name']}` {model['version'] or ''}".strip()],
                [
                    "inputs",
                    f"{inputs['articles']:,} articles, {inputs['rejected']:,} rejected inputs, "
                    f"from {inputs['input_files']:,} files",
                ],
                [
                    "licence",
                    f"[{ANNOTATIONS['name']}]({ANNOTATIONS['path']}) for the annotations; see [Licence](#licence)",
                ],
                [
                    "article text",
                    "included (the publishers' copyright)" if with_text else "not included: see [Licence](#licence)",
                ],
            ],
        ),
        "",
        "## What is inside",
        "",
        *table(
            ["table", "rows", "key", "files", "what a row is"],
            [
                [
                    f"`{name}`",
                    f"{rows[name]:,}",
                    ", ".join(TABLE[name].key),
                    f"`{name}/` ({len(manifest['tables'][name]['files'])})",
                    TABLE[name].description,
                ]
                for name in manifest["tables"]
            ],
            align="lrlll",
        ),
        "",
        "Also here: `manifest.json` (versions, counts, the sha256 and size of every file, the schemas), "
        "`datapackage.json` (a [Frictionless Data Package](https://datapackage.org) with types, keys, "
        "references between tables and licences per table), `croissant.json` "
        "([MLCommons Croissant](https://mlcommons.org/croissant/) 1.0), `CITATION.cff`, `zenodo.json` and "
        "`datacite.json` (citation and DOI metadata), `charts/` (the pictures below) and `CHANGES.md` (rows "
        "added, removed and changed since the previous release).",
    ]
    if changes.get("previous_version"):
        prev = changes["previous_version"]
        lines += [
            "",
            f"Since {prev}: " + "; ".join(_change_line(name, c) for name, c in changes["tables"].items()) + ".",
        ]
    lines += _confidence()
    lines += _charts(charts)
    lines += ["", "## Most cited sources", ""]
    sources = _rows(tables, MOST_CITED_SOURCES)
    lines += (
        table(
            ["source", "kind", "anonymous", "claims", "articles"],
            [
                [
                    cell(r["source"]),
                    r["kind"] or "",
                    "yes" if r["anonymous"] else "",
                    str(r["claims"]),
                    str(r["articles"]),
                ]
                for r in sources
            ],
            align="lllrr",
        )
        if sources
        else ["No claims name a source."]
    )
    lines += ["", "## Most mentioned actors", ""]
    actors = _rows(tables, MOST_MENTIONED_ACTORS)
    lines += (
        table(
            ["actor", "type", "country", "mentions", "articles", "claims made", "claims about it"],
            [
                [
                    cell(r["name"]),
                    r["actor_type"] or "",
                    r["country_code"] or "",
                    *(str(r[k]) for k in ("n_mentions", "n_articles", "claims_made", "claims_about")),
                ]
                for r in actors
            ],
            align="lllrrrr",
        )
        if actors
        else ["No actors."]
    )
    lines += ["", *LOADING.strip("\n").splitlines()]
    lines += ["", "## Schema", ""]
    lines += [
        "Offsets (`*_start`, `*_end`, `start_char`, `end_char`) are Python string offsets (code points, end "
        "exclusive) into `articles.text` of the same `article_id`: `text[start:end]` is exactly the span.",
    ]
    for name, spec in manifest["tables"].items():
        lines += ["", f"### {name}", "", TABLE[name].description + f" Key: {', '.join(TABLE[name].key)}.", ""]
        lines += table(
            ["column", "type", "description"],
            [[f"`{c['name']}`", f"`{c['type']}`", cell(c["description"], 200, markdown=True)] for c in spec["schema"]],
        )
    lines += ["", "## Licence", "", *_licence(with_text)]
    return "\n".join(lines) + "\n"


def _charts(charts: list[Chart]) -> list[str]:
    """Each chart, embedded, with the numbers it shows beside it."""
    if not charts:
        return []
    lines = ["", "## In pictures"]
    for chart in charts:
        lines += ["", f"### {chart.title}", "", f"![{chart.title}]({chart.path})", ""]
        body = [[_number(v) for v in row] for row in chart.rows]
        lines += table(chart.headers, body) if body else ["No rows."]
    return lines


def _number(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return cell(value)


def _licence(with_text: bool) -> list[str]:
    rows = []
    for t in terms(with_text):
        licence = t["licence"]
        if licence is None:
            terms_text = "not in this release"
        elif licence.get("path"):
            terms_text = f"[{licence['title']}]({licence['path']}) ({licence['name']})"
        else:
            terms_text = licence["title"]
        rows.append([t["part"], cell(t["what"], 400, markdown=True), terms_text])
    note = (LICENCE_WITH_TEXT if with_text else LICENCE_WITHOUT_TEXT).strip()
    return [*table(["part", "what", "terms"], rows), "", note]


def _change_line(name: str, counts: dict) -> str:
    return f"{name} +{counts['added']:,} −{counts['removed']:,} ~{counts['changed']:,}"


def _confidence() -> list[str]:
    """How far `claims.confidence` can be trusted, from the attribution model's dev figures."""
    dev = dev_figures()
    hp = dev.get("high_precision", {})
    if "threshold" not in hp:
        return []
    return [
        "",
        "## Confidence of claims",
        "",
        "`claims.confidence` is the probability that a claim is right — its content and source as an annotator "
        f"would mark them — calibrated on PolNeAR (expected calibration error {hp['ece']:.3f} on its dev split). "
        f"All claims: attribution precision {dev['precision']:.2f}, recall {dev['recall']:.2f} on PolNeAR dev. "
        f"`WHERE confidence >= {hp['threshold']}` keeps a high-precision subset: precision {hp['precision']:.2f}, "
        f"recall {hp['recall']:.2f}.",
    ]


LOADING = """
## Loading it

Every table is a folder of Parquet files (`claims/part-00000.parquet`, …); read the folder, or
the glob `claims/*.parquet`. From inside this folder:

**DuckDB**

```sql
SELECT claim_type, count(*) FROM read_parquet('claims/*.parquet') GROUP BY 1;
SELECT c.content, s.name AS source
FROM read_parquet('claims/*.parquet') c
JOIN read_parquet('sources/*.parquet') s USING (source_id);
-- Every release side by side, from the folder that holds the releases:
SELECT regexp_extract(filename, '(\\d+\\.\\d+\\.\\d+)/claims/', 1) AS version, count(*) AS claims
FROM read_parquet('*/claims/*.parquet', filename = true, union_by_name = true)
WHERE version <> ''  -- not a publish in progress (.tmp-…)
GROUP BY 1 ORDER BY 1;
```

**pandas**

```python
import pandas as pd
claims = pd.read_parquet("claims")
sources = pd.read_parquet("sources")
claims.merge(sources, on="source_id", suffixes=("", "_source"))
```

**pyarrow**

```python
import pyarrow.dataset as ds
claims = ds.dataset("claims", format="parquet").to_table()
print(claims.schema.field("claim_type").metadata)  # every column carries its description
```

**Checking it** — `newsclaims verify .` recomputes every checksum and row count; without
newsclaims:

```python
import hashlib, json, pathlib
manifest = json.loads(pathlib.Path("manifest.json").read_text())
for path, f in manifest["files"].items():
    assert hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest() == f["sha256"], path
```

`frictionless validate datapackage.json` checks types, keys and references between tables.
"""

LICENCE_WITHOUT_TEXT = """
The annotations are ours to licence; the articles' text is not, so this release does not carry
it. To work with the text, put it back from your own copies of the articles (the files or rows
the release was made from, in any shape `newsclaims run` reads):

```bash
newsclaims attach-text path/to/this/release YOUR_ARTICLES... --to releases-with-text
```

It reads your copies, keeps those whose SHA-256 equals an article's `content_sha256`, fills
`articles.text` and `claims.content` (by their offsets), and writes the release again under the
destination, with its own manifest; articles it cannot match are listed and stay empty.
"""

LICENCE_WITH_TEXT = """
Whoever published this release declared that they hold the right to share the articles' text.
That text, and the claims' content quoted from it, remain the copyright of each article's
publisher (`articles.publisher`): reusing them needs the publisher's permission, not only CC BY.
"""
