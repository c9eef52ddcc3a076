"""What a release holds: the contract's tables, their keys, descriptions and references."""

from __future__ import annotations

from pipelines.schema import SCHEMAS
from pipelines.settings import TABLES

# Each table's key: the columns that identify a row across releases.
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "rejected_inputs": ("input_uri",),
    "actor_mentions": ("mention_id",),
    "actors": ("actor_id",),
    "sources": ("source_id",),
    "claims": ("claim_id",),
    "claim_actors": ("claim_id", "mention_id"),
    "dates": ("date_id",),
}

DESCRIPTIONS: dict[str, str] = {
    "articles": "One row per distinct article, with its text, publisher and dates.",
    "rejected_inputs": "Every input file or row that did not become an article, with the reason.",
    "actor_mentions": "One row per mention of an actor in an article, with character offsets.",
    "actors": "One row per real-world actor across the corpus, with aliases and mention counts.",
    "sources": "One row per party cited in an article: person, outlet, group or anonymous source.",
    "claims": "One row per attributed statement: what someone said, wrote, believes or intends.",
    "claim_actors": "Actors each claim is about: the actor mentions inside its content.",
    "dates": "Publication dates, datelines and time expressions with TIMEX3 values.",
}

# Columns that say what a row is, shown beside its key in CHANGES.md.
LABELS: dict[str, tuple[str, ...]] = {
    "articles": ("title",),
    "rejected_inputs": ("reason",),
    "actor_mentions": ("text",),
    "actors": ("name",),
    "sources": ("name",),
    "claims": ("content",),
    "claim_actors": ("actor_id",),
    "dates": ("text", "value"),
}

assert set(KEYS) == set(TABLES) == set(SCHEMAS) == set(DESCRIPTIONS) == set(LABELS)


def foreign_keys() -> list[tuple[str, str, str, str]]:
    """(child, column, parent, key) for every reference between tables, as the checks test them."""
    from assets.tables.checks import FOREIGN_KEYS

    return list(FOREIGN_KEYS)
