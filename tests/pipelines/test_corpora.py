"""Real news from ../shared/corpora through the whole pipeline: every blocking check holds."""

import csv
import itertools

import pytest

from assets.core.settings import NewsclaimsSettings
from pipelines.run import run_pipeline

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out

N_ARTICLES = 60


@pytest.fixture(scope="module")
def wikinews_warehouse(shared, tmp_path_factory):
    """The first Wikinews articles of 2019, as JSONL rows (written to a temporary folder)."""
    import json

    root = tmp_path_factory.mktemp("wikinews")
    with open(shared / "corpora" / "wikinews" / "wikinews_2019.csv", newline="") as f:
        rows = list(itertools.islice(csv.DictReader(f), N_ARTICLES))
    with open(root / "wikinews.jsonl", "w") as out:
        for row in rows:
            out.write(
                json.dumps({"id": row["url"], "title": row["title"], "published_at": row["date"], "text": row["text"]})
                + "\n"
            )
    settings = NewsclaimsSettings(warehouse_dir=str(root / "wh"))
    return run_pipeline(settings, [str(root / "wikinews.jsonl")]), settings.warehouse


def test_blocking_checks_hold_on_real_news(wikinews_warehouse):
    outcome, warehouse = wikinews_warehouse
    assert outcome.errors == []
    assert outcome.blocking_failures == []
    assert (warehouse / "news.duckdb").exists()


def test_real_news_yields_claims_sources_and_dates(wikinews_warehouse):
    import duckdb

    _, warehouse = wikinews_warehouse
    con = duckdb.connect(str(warehouse / "news.duckdb"), read_only=True)
    n_articles, n_claims, n_sourced, n_dates = con.execute(
        """SELECT (SELECT count(*) FROM articles), count(*), count(source_id),
                  (SELECT count(*) FROM dates WHERE role = 'mention')
           FROM claims"""
    ).fetchone()
    assert n_articles == N_ARTICLES
    assert n_claims > 2 * n_articles and n_sourced > 0.7 * n_claims
    assert n_dates > n_articles
