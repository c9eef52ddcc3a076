"""Charts of a release's own data, as PNG files in `charts/` beside the numbers they show.

A researcher opening a release would rather look than read: claims per month by type, the
most cited sources, the share of claims resting on anonymous sources by publisher, and how
far sources and dates were resolved. Each chart keeps its numbers (`Chart.rows`), which the
data card prints beside it. The PNGs are deterministic: fixed size and resolution, the Agg
backend, and no software or date in their metadata, so the same tables give the same bytes
(and checksums) on the same matplotlib.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import duckdb
import pyarrow as pa

FOLDER = "charts"
SIZE = (8.0, 4.5)  # inches
DPI = 100
TOP = 10
PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]

CLAIMS_PER_MONTH = """
SELECT strftime(date_trunc('month', coalesce(a.dateline_date, CAST(a.published_at AS DATE))), '%Y-%m') AS month,
       c.claim_type, count(*) AS claims
FROM claims c JOIN articles a USING (article_id)
GROUP BY ALL ORDER BY month NULLS FIRST, c.claim_type
"""

MOST_CITED = """
SELECT coalesce(a.name, lower(s.name)) AS source, bool_or(s.is_anonymous) AS anonymous, count(*) AS claims
FROM claims c JOIN sources s ON s.source_id = c.source_id
LEFT JOIN actors a ON a.actor_id = s.actor_id
GROUP BY 1 ORDER BY claims DESC, source LIMIT {top}
"""

ANONYMOUS_BY_PUBLISHER = """
SELECT coalesce(a.publisher, '(unknown)') AS publisher, count(*) AS claims,
       count(*) FILTER (WHERE s.is_anonymous) AS anonymous,
       round(count(*) FILTER (WHERE s.is_anonymous) / count(*), 3) AS share
FROM claims c JOIN articles a USING (article_id)
LEFT JOIN sources s ON s.source_id = c.source_id
GROUP BY 1 ORDER BY claims DESC, publisher LIMIT {top}
"""

HOW_RESOLVED = """
SELECT 'claims' AS what,
       CASE WHEN c.source_id IS NULL THEN 'no source found'
            WHEN s.is_anonymous THEN 'anonymous source'
            WHEN s.actor_id IS NOT NULL THEN 'named, a known actor'
            ELSE 'named, no actor' END AS how, count(*) AS n
FROM claims c LEFT JOIN sources s ON s.source_id = c.source_id GROUP BY ALL
UNION ALL
SELECT 'time expressions' AS what,
       CASE WHEN value IS NULL THEN 'no value'
            WHEN value LIKE '%X%' THEN 'underspecified (XXXX-…)'
            WHEN resolved_date IS NULL THEN 'reference or duration'
            ELSE 'resolved to a date' END AS how, count(*) AS n
FROM dates WHERE role = 'mention' GROUP BY ALL
ORDER BY what, n DESC, how
"""


@dataclass
class Chart:
    name: str
    title: str
    headers: list[str]
    rows: list[list]  # the numbers the chart shows
    png: bytes = b""

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}.png"


def _query(tables: dict[str, pa.Table], sql: str) -> list[tuple]:
    con = duckdb.connect()
    for name in ("articles", "claims", "sources", "actors", "dates"):
        con.register(name, tables[name])
    rows = con.execute(sql.format(top=TOP)).fetchall()
    con.close()
    return rows


def chart_data(tables: dict[str, pa.Table]) -> list[Chart]:
    """The charts' numbers, without pictures (cheap: the data card and Dagster use them too)."""
    per_month = _query(tables, CLAIMS_PER_MONTH)
    months = list(dict.fromkeys(m or "undated" for m, _, _ in per_month))
    types = sorted({t for _, t, _ in per_month})
    counts = {(m or "undated", t): n for m, t, n in per_month}
    return [
        Chart(
            "claims_per_month",
            "Claims per month, by type",
            ["month", *types, "all"],
            [[m, *(counts.get((m, t), 0) for t in types), sum(counts.get((m, t), 0) for t in types)] for m in months],
        ),
        Chart(
            "most_cited_sources",
            f"The {TOP} most cited sources",
            ["source", "anonymous", "claims"],
            [[s, bool(a), n] for s, a, n in _query(tables, MOST_CITED)],
        ),
        Chart(
            "anonymous_share_by_publisher",
            "Share of claims resting on anonymous sources, by publisher",
            ["publisher", "claims", "anonymous", "share"],
            [list(r) for r in _query(tables, ANONYMOUS_BY_PUBLISHER)],
        ),
        Chart(
            "how_resolved",
            "How far sources and dates were resolved",
            ["of", "outcome", "count"],
            [list(r) for r in _query(tables, HOW_RESOLVED)],
        ),
    ]


def render_all(tables: dict[str, pa.Table]) -> list[Chart]:
    """Every chart with its PNG drawn."""
    import matplotlib  # lazy: plotting is only needed when a release is written

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt  # lazy: as above

    charts = chart_data(tables)
    draw = {
        "claims_per_month": _per_month,
        "most_cited_sources": _most_cited,
        "anonymous_share_by_publisher": _anonymous,
        "how_resolved": _how_resolved,
    }
    with matplotlib.rc_context({"font.size": 9, "figure.dpi": DPI}):
        for chart in charts:
            fig, ax = plt.subplots(figsize=SIZE)
            if chart.rows:
                draw[chart.name](ax, chart)
            else:
                ax.text(0.5, 0.5, "no rows", ha="center", va="center", transform=ax.transAxes)
                ax.set_axis_off()
            ax.set_title(chart.title)
            fig.tight_layout()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
            plt.close(fig)
            chart.png = buffer.getvalue()
    return charts


def _per_month(ax, chart: Chart) -> None:
    months = [r[0] for r in chart.rows]
    types = chart.headers[1:-1]
    bottom = [0] * len(months)
    for i, claim_type in enumerate(types):
        heights = [r[1 + i] for r in chart.rows]
        ax.bar(months, heights, bottom=bottom, label=claim_type, color=PALETTE[i % len(PALETTE)])
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_ylabel("claims")
    ax.yaxis.get_major_locator().set_params(integer=True)  # counts: no half claims on the axis
    ax.legend(fontsize=8, frameon=False)
    ax.tick_params(axis="x", labelrotation=45)


def _most_cited(ax, chart: Chart) -> None:
    rows = chart.rows[::-1]
    colours = [PALETTE[1] if anonymous else PALETTE[0] for _, anonymous, _ in rows]
    ax.barh([_short(r[0]) for r in rows], [r[2] for r in rows], color=colours)
    ax.set_xlabel("claims (orange: anonymous)")
    ax.xaxis.get_major_locator().set_params(integer=True)


def _anonymous(ax, chart: Chart) -> None:
    rows = chart.rows[::-1]
    ax.barh([f"{_short(r[0])} ({r[1]})" for r in rows], [r[3] for r in rows], color=PALETTE[1])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the publisher's claims (claims in brackets)")


def _how_resolved(ax, chart: Chart) -> None:
    labels = [f"{what}: {how}" for what, how, _ in chart.rows]
    colours = [PALETTE[0] if what == "claims" else PALETTE[2] for what, _, _ in chart.rows]
    ax.barh(labels[::-1], [n for _, _, n in chart.rows][::-1], color=colours[::-1])
    ax.set_xlabel("count")
    ax.xaxis.get_major_locator().set_params(integer=True)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
