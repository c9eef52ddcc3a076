"""The whole graph, end to end, on the project's own samples and fixtures."""

import shutil

import dagster as dg
import duckdb
import pandas as pd
import pytest

from assets.core.contract import TABLES
from assets.core.parts import registry_path
from assets.core.settings import NewsclaimsSettings
from assets.ingest.batches import PARTITIONS_NAME, plan_batch
from pipelines import SAMPLES_DIR
from pipelines.cli import main
from pipelines.run import run_pipeline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out


def _table(warehouse, name) -> pd.DataFrame:
    return pd.read_parquet(warehouse / f"{name}.parquet")


def test_every_table_is_written(sample_warehouse):
    for table in TABLES:
        assert (sample_warehouse / f"{table}.parquet").exists(), table
    articles = _table(sample_warehouse, "articles")
    assert len(articles) == 9  # eight samples, one fixture
    assert articles["article_id"].is_unique


def test_the_source_said_this_content(sample_warehouse):
    con = duckdb.connect(str(sample_warehouse / "news.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT article_id, claim_type, cue, content, source_text, source_name, is_anonymous FROM claims_enriched"
    ).df()
    quote = rows[rows["content"] == "We cannot wait any longer"].iloc[0]
    assert (quote["claim_type"], quote["source_text"]) == ("direct_quote", "Joana Matos")
    she = rows[rows["content"] == "the increase would be paid for by cutting other spending"].iloc[0]
    assert she["source_text"] == "She" and she["source_name"] == "Joana Matos"
    according = rows[rows["cue"] == "According to"]
    officials = according[according["source_text"] == "two senior officials"].iloc[0]
    assert officials["is_anonymous"] and officials["content"] == "the government plans to present the budget in March"
    same_article = rows["article_id"] == officials["article_id"]  # tables are in article-date order
    they = rows[same_article & (rows["source_text"] == "They") & (rows["cue"] == "believe")].iloc[0]
    assert they["source_name"] == "two senior officials"


def test_dates_get_their_values(sample_warehouse):
    dates = _table(sample_warehouse, "dates")
    articles = _table(sample_warehouse, "articles")
    aid = articles.loc[articles["input_uri"].str.endswith("ministry_briefing.txt"), "article_id"].iloc[0]
    mine = dates[dates["article_id"] == aid].set_index("text")
    assert mine.loc["2024-01-05 14:20", "value"] == "2024-01-05T14:20"
    assert mine.loc["2024-01-05 14:20", "role"] == "published"
    assert mine.loc["4 January", "value"] == "2024-01-04"
    assert mine.loc["4 January", "role"] == "dateline"
    # Anchored on the dateline (Thursday 4 January 2024).
    assert mine.loc["next year", "value"] == "2025"
    assert mine.loc["Thursday", "value"] == "2024-01-04"
    assert bool(mine.loc["Thursday", "is_claim_time"])
    assert mine.loc["March", "value"] == "2024-03"
    # "March" sits in "the government plans to present the budget in March", itself reported
    # "according to two senior officials": the innermost claim holds the date.
    claims = _table(sample_warehouse, "claims").set_index("claim_id")
    holder = claims.loc[mine.loc["March", "claim_id"]]
    assert (holder["cue"], holder["content"]) == ("plans", "to present the budget in March")
    assert claims.loc[holder["parent_claim_id"], "cue"] == "According to"
    # A row whose text opens with an agency dateline: the dateline's words, with offsets, anchor "Wednesday".
    wire = articles.loc[articles["input_uri"].str.contains("id=wire-002"), ["article_id", "text"]].iloc[0]
    theirs = dates[dates["article_id"] == wire["article_id"]].set_index("text")
    start, end = theirs.loc["May 15", ["start_char", "end_char"]]
    assert theirs.loc["May 15", ["role", "value"]].tolist() == ["dateline", "2024-05-15"]
    assert wire["text"][int(start) : int(end)] == "May 15"
    assert theirs.loc["Wednesday", "value"] == "2024-05-15"


def test_actors_have_types_and_codes(sample_warehouse):
    actors = _table(sample_warehouse, "actors").set_index("name")
    assert actors.loc["Portugal", "actor_type"] == "country"
    assert actors.loc["Portugal", "country_code"] == "PRT"
    assert actors.loc["Kenya", "country_code"] == "KEN"
    assert actors.loc["European Commission", "actor_type"] == "organization"


def test_example_queries_answer(sample_warehouse):
    from assets.warehouse.assets import example_queries

    con = duckdb.connect(str(sample_warehouse / "news.duckdb"), read_only=True)
    queries = example_queries()
    assert set(queries) == {"most_cited_sources", "anonymous_share_by_publisher", "claims_about_actor_over_time"}
    for name, sql in queries.items():
        assert con.execute(sql).fetchall(), name


def test_rerun_is_idempotent_and_incremental(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(FIXTURES / "ministry_briefing.txt", inputs)
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    assert run_pipeline(settings, [str(inputs)]).ok
    first = {t: _table(settings.warehouse, t) for t in TABLES}

    again = run_pipeline(settings, [str(inputs)])
    assert again.batches == [] and not again.rebuilt  # nothing new: no extraction, no rebuild

    shutil.copy(FIXTURES / "feed.jsonl", inputs)
    # A second article on the first one's actors: their rows are aggregated again over both batches.
    (inputs / "follow_up.txt").write_text(
        "date 2024-01-12 09:00 Lisbon, Portugal\n\nJoana Matos said on Friday that Portugal would publish"
        " the budget in March.\n",
        encoding="utf-8",
    )
    more = run_pipeline(settings, [str(inputs)])
    assert more.ok and len(more.batches) == 1
    actors = _table(settings.warehouse, "actors")
    assert set(first["actors"]["actor_id"]) <= set(actors["actor_id"])
    twice = actors[actors["n_articles"] == 2]
    assert {"Portugal", "Joana Matos"} <= set(twice["name"])
    claims = _table(settings.warehouse, "claims")
    assert set(first["claims"]["claim_id"]) <= set(claims["claim_id"])
    rejected = _table(settings.warehouse, "rejected_inputs")
    assert sorted(rejected["reason"]) == ["duplicate", "empty", "not_english", "unreadable"]

    # The same inputs in a fresh warehouse give the same ids and rows.
    fresh = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh2"))
    shutil.copy(FIXTURES / "ministry_briefing.txt", tmp_path / "solo.txt")
    assert run_pipeline(fresh, [str(inputs)]).ok
    for table in ("claims", "sources", "dates", "actor_mentions", "actors"):
        left = _table(settings.warehouse, table)
        right = _table(fresh.warehouse, table)
        pd.testing.assert_frame_equal(left, right, check_like=False)
    # claim_actors is in claim order within each appended part, so compare its rows as a set
    pair = ["claim_id", "actor_id", "mention_id"]
    left, right = (
        _table(w, "claim_actors").sort_values(pair, ignore_index=True) for w in (settings.warehouse, fresh.warehouse)
    )
    assert len(left) and left.equals(right)


def test_a_lost_actor_registry_rebuilds_every_table(tmp_path):
    """The tables' actor ids follow from the registry: without it the commit cannot stand."""
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    inputs = [str(FIXTURES / "ministry_briefing.txt")]
    assert run_pipeline(settings, inputs).ok
    first = {t: _table(settings.warehouse, t) for t in ("actors", "actor_mentions", "claim_actors")}
    registry_path(settings.warehouse).unlink()

    again = run_pipeline(settings, inputs)
    assert again.ok and again.rebuilt and again.uncommitted == ["no committed state"]
    assert registry_path(settings.warehouse).exists()
    for table, rows in first.items():
        pd.testing.assert_frame_equal(_table(settings.warehouse, table), rows)
    assert not run_pipeline(settings, inputs).rebuilt  # committed again


def test_materialize_the_whole_graph(tmp_path):
    """`dg.materialize` over every asset: the partitioned batch, then the corpus tables."""
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    key = plan_batch(settings.warehouse, [FIXTURES / "ministry_briefing.txt"])
    from dagster.components import load_defs

    import assets

    bare = load_defs(assets)
    all_assets = [*bare.assets, *bare.asset_checks]
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(PARTITIONS_NAME, [key])
    resources = {"settings": settings}
    batch = dg.materialize(
        all_assets,
        selection=dg.AssetSelection.groups("ingest", "extract"),
        partition_key=key,
        instance=instance,
        resources=resources,
    )
    assert batch.success
    tables = dg.materialize(
        all_assets, selection=dg.AssetSelection.groups("tables", "warehouse"), instance=instance, resources=resources
    )
    assert tables.success
    evaluations = tables.get_asset_check_evaluations()
    assert len(evaluations) >= 30
    assert [e.check_name for e in evaluations if not e.passed and e.blocking] == []
    claims = _table(settings.warehouse, "claims")
    assert "We cannot wait any longer" in set(claims["content"])


def test_cli_runs_and_reports(tmp_path, capsys):
    code = main(["run", str(FIXTURES / "ministry_briefing.txt"), "--warehouse", str(tmp_path / "wh")])
    out = capsys.readouterr().out
    assert code == 0
    assert "articles 1 | rejected 0" in out
    assert "checks:" in out and "0 failed" in out
    assert main(["run", str(tmp_path / "does-not-exist")]) == 2


def test_cli_defaults_to_the_bundled_samples(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 0
    assert (tmp_path / "warehouse" / "news.duckdb").exists()
    assert "articles 8 |" in capsys.readouterr().out
    assert len(list(SAMPLES_DIR.iterdir())) >= 6
