"""The example the project was described with: ../shared/seeds/000_a6ed7df8564663cf.txt."""

import duckdb
import pandas as pd
import pytest

from assets.core.settings import NewsclaimsSettings
from pipelines.run import run_pipeline

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out


@pytest.fixture(scope="module", params=["default", "accurate"])
def seed_warehouse(request, shared, tmp_path_factory):
    """The article run through the pipeline with each profile: the accurate one must find what
    the default finds."""
    if request.param == "accurate":
        pytest.importorskip("torch")
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path_factory.mktemp("seed") / "wh"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSCLAIMS_PROFILE", request.param)
        outcome = run_pipeline(settings, [str(shared / "seeds" / "000_a6ed7df8564663cf.txt")])
    assert outcome.ok, outcome.errors
    return settings.warehouse


def _claims(warehouse) -> pd.DataFrame:
    con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
    return con.execute("SELECT * FROM claims_enriched").df()


@pytest.mark.parametrize(
    "cue, source_text, source_name, anonymous, content_start",
    [
        ("writes", "the Financial Times", "the Financial Times", False, "Now the countries are working with Ukraine"),
        ("writes", "the newspaper", "the Financial Times", False, "According to them, as part of this declaration"),
        ("According to", "them", "officials", True, "as part of this declaration, Ukraine will conclude"),
        ("said", "A US official", "A US official", True, "talks are underway with Ukraine"),
        ("understands", "The Quartet", "The Quartet", False, "the proposal they submitted does not satisfy"),
        ("believe", "They", "Western officials", True, "the discussion about Ukraine's accession"),
        ("believe", "Western countries", "Western countries", False, "they need to focus on providing"),
        ("said", "A senior Western official", "A senior Western official", True, "Germany is discussing with Ukraine"),
        ("noted", "He", "A senior Western official", True, "Ukrainians understand that they receive"),
        ("admits", "Germany", "Germany", False, "it does not meet the requirements of Kyiv"),
    ],
)
def test_expected_claims_and_sources(seed_warehouse, cue, source_text, source_name, anonymous, content_start):
    claims = _claims(seed_warehouse)
    match = claims[(claims["cue"] == cue) & (claims["source_text"] == source_text)]
    match = match[match["content"].str.startswith(content_start)]
    assert len(match) == 1, claims[["cue", "source_text", "content"]].to_string()
    row = match.iloc[0]
    assert row["source_name"] == source_name
    assert bool(row["is_anonymous"]) is anonymous


def test_nested_claims_point_at_their_parents(seed_warehouse):
    claims = _claims(seed_warehouse).set_index("claim_id")
    admits = claims[claims["cue"] == "admits"].iloc[0]
    assert claims.loc[admits["parent_claim_id"], "source_text"] == "A senior Western official"
    according = claims[claims["cue"] == "According to"].iloc[0]
    assert claims.loc[according["parent_claim_id"], "source_text"] == "the newspaper"
    ft = claims[(claims["cue"] == "writes") & (claims["source_text"] == "the Financial Times")].iloc[0]
    assert ft["cited_source_name"] == "officials"


def test_article_dates(seed_warehouse):
    articles = pd.read_parquet(seed_warehouse / "articles.parquet")
    [article] = articles.to_dict("records")
    assert str(article["published_at"]) == "2023-06-16 06:43:00"
    assert str(article["dateline_date"]) == "2023-06-15"
    assert article["dateline_place"] == "Kyiv, Ukraine"
    dates = pd.read_parquet(seed_warehouse / "dates.parquet").set_index("text")
    assert dates.loc["2023-06-16 06:43", "value"] == "2023-06-16T06:43"
    assert dates.loc["15 June", ["role", "value"]].tolist() == ["dateline", "2023-06-15"]
    assert dates.loc["next month", ["timex_type", "value"]].tolist() == ["DATE", "2023-07"]


def test_actors_are_typed(seed_warehouse):
    actors = pd.read_parquet(seed_warehouse / "actors.parquet").set_index("name")
    expected = {
        "United States": ("country", "USA"),
        "United Kingdom": ("country", "GBR"),
        "Germany": ("country", "DEU"),
        "France": ("country", "FRA"),
        "Ukraine": ("country", "UKR"),
        "Russia": ("country", "RUS"),
        "NATO": ("organization", None),
        "Financial Times": ("media_outlet", None),
        "Volodymyr Zelensky": ("person", None),
        "Joe Biden": ("person", None),
    }
    for name, (kind, code) in expected.items():
        assert actors.loc[name, "actor_type"] == kind, name
        if code:
            assert actors.loc[name, "country_code"] == code, name
    mentions = pd.read_parquet(seed_warehouse / "actor_mentions.parquet")
    typed = mentions.merge(actors.reset_index()[["actor_id", "actor_type"]], on="actor_id")
    for place in ("Kyiv", "Vilnius"):
        types = set(typed.loc[typed["text"] == place, "actor_type"])
        assert types and types <= {"country", "location"}, place
