"""Tables: the contract's corpus-wide Parquet tables, compacted from every batch's staged rows."""

import dagster as dg
import duckdb
import pandas as pd

from pipelines.metadata import table_metadata
from pipelines.schema import SCHEMAS, STAGED_ACTOR_MENTIONS, STAGED_SCHEMAS
from pipelines.settings import NewsclaimsSettings
from pipelines.storage import read_staged, write_table

# Sort keys: rows of one article sit together, in text order.
SORT_KEYS = {
    "articles": ["published_at", "article_id"],
    "rejected_inputs": ["input_uri"],
    "actor_mentions": ["article_id", "start_char", "end_char"],
    "sources": ["article_id", "start_char", "source_id"],
    "claims": ["article_id", "content_start", "cue_start", "claim_id"],
    "claim_actors": ["claim_id", "mention_id"],
    "dates": ["article_id", "role", "start_char", "date_id"],
}
UPSTREAM = {"articles": "raw_articles", "rejected_inputs": "raw_articles"}


def compact(settings: NewsclaimsSettings, table: str) -> pd.DataFrame:
    """Every batch's staged rows of `table` → `<warehouse>/<table>.parquet`, in a stable order."""
    schema = SCHEMAS[table]
    staged = read_staged(settings.warehouse / "staging" / table, STAGED_SCHEMAS[table])
    df = staged[schema.names].sort_values(SORT_KEYS[table], na_position="first", kind="stable")
    df = df.reset_index(drop=True)
    write_table(df, settings.warehouse / f"{table}.parquet", schema)
    return df


def _table_asset(table: str, description: str, deps: list[str]) -> dg.AssetsDefinition:
    @dg.asset(name=table, deps=deps, group_name="tables", kinds={"parquet"}, description=description)
    def _asset(settings: NewsclaimsSettings) -> dg.MaterializeResult:
        df = compact(settings, table)
        shown = df.drop(columns=["text"]) if "text" in df.columns else df
        return dg.MaterializeResult(metadata=table_metadata(shown, SCHEMAS[table]))

    return _asset


articles = _table_asset("articles", "One row per distinct article, with its text and dates.", ["raw_articles"])
rejected_inputs = _table_asset(
    "rejected_inputs", "Every input file or row that did not become an article, with the reason.", ["raw_articles"]
)
actor_mentions = _table_asset(
    "actor_mentions", "One row per mention of an actor in an article.", ["extractions", "articles"]
)
sources = _table_asset(
    "sources",
    "One row per party cited in an article: person, outlet, group or anonymous source.",
    ["extractions", "actors"],
)
claims = _table_asset(
    "claims",
    "One row per attributed statement: what someone said, wrote, believes or intends.",
    ["extractions", "sources"],
)
claim_actors = _table_asset(
    "claim_actors", "Actors each claim is about: the mentions inside its content.", ["claims", "actor_mentions"]
)
dates = _table_asset("dates", "Publication dates, datelines and time expressions with TIMEX3 values.", ["claims"])


@dg.asset(deps=["actor_mentions", "articles"], group_name="tables", kinds={"duckdb", "parquet"})
def actors(settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """One row per real-world actor across the whole corpus, with aliases, mention counts and
    the first and last publication dates it appears on.

    Ids derive from the canonical key (ISO code for countries, normalised name otherwise), so an
    actor keeps its id when more articles arrive and across re-runs.
    """
    mentions = read_staged(settings.warehouse / "staging" / "actor_mentions", STAGED_ACTOR_MENTIONS)
    articles_path = settings.warehouse / "articles.parquet"
    con = duckdb.connect()
    con.register("mentions", mentions)
    df = con.execute(
        f"""
        WITH m AS (
            SELECT m.*, CAST(a.published_at AS DATE) AS day
            FROM mentions m LEFT JOIN read_parquet('{articles_path}') a USING (article_id)
        )
        SELECT actor_id,
               mode(actor_name ORDER BY actor_name) AS name,
               mode(actor_type ORDER BY actor_type) AS actor_type,
               mode(country_code ORDER BY country_code) AS country_code,
               list_sort(list_distinct(list(text))) AS aliases,
               count(*) AS n_mentions,
               count(DISTINCT article_id) AS n_articles,
               min(day) AS first_seen,
               max(day) AS last_seen
        FROM m GROUP BY actor_id ORDER BY n_mentions DESC, actor_id
        """
    ).df()
    write_table(df, settings.warehouse / "actors.parquet", SCHEMAS["actors"])
    return dg.MaterializeResult(metadata=table_metadata(df, SCHEMAS["actors"]))
