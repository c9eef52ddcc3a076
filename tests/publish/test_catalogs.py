"""Releases researchers can cite, load anywhere and lawfully share: text left out by default and
put back from one's own copies, licences per part, the Hub card, Croissant, citation metadata,
charts, and a warehouse database every DuckDB 1.x opens."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

from assets.core.contract import TABLE, TABLES
from assets.publish import charts
from assets.publish.release import publish_release
from assets.publish.verify import verify_release
from assets.warehouse.assets import example_queries
from pipelines import SAMPLES_DIR
from pipelines.cli import main

pytestmark = pytest.mark.pipeline

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]


def _card_header(folder: Path) -> dict:
    card = (folder / "README.md").read_text()
    assert card.startswith("---\n")
    return yaml.safe_load(card.split("---\n", 2)[1])


def test_a_default_release_holds_no_text_and_no_absolute_path(published):
    for folder in (published.v1, published.v2):
        for table in TABLES:
            df = pd.read_parquet(folder / table)
            for column in TABLE[table].text_columns:
                assert df[column].isna().all(), (folder.name, table, column)
        for name in ("articles", "rejected_inputs"):
            uris = pd.read_parquet(folder / name)["input_uri"].tolist()
            assert all(not u.startswith("/") and str(published.warehouse.parent) not in u for u in uris)
        everything = "".join(p.read_text() for p in folder.rglob("*") if p.suffix in (".json", ".md", ".cff"))
        assert str(published.warehouse.parent) not in everything  # no path of this machine anywhere
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["text"]["included"] is False
    articles = pd.read_parquet(published.v2 / "articles")
    assert articles["content_sha256"].str.len().eq(64).all() and articles["url"].notna().any()
    assert "inputs/rail_strike.txt" in articles["input_uri"].tolist()


def test_licences_per_part_in_the_data_package_and_the_card(published):
    descriptor = json.loads((published.v2 / "datapackage.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert all([lic["name"] for lic in r["licenses"]] == ["CC-BY-4.0"] for r in resources.values())
    assert "left empty" in resources["articles"]["description"]
    card = (published.v2 / "README.md").read_text()
    licence = card.split("\n## Licence\n", 1)[1]
    assert "| annotations |" in licence and "CC-BY-4.0" in licence
    assert "| text | articles.text, claims.content: left empty" in licence
    assert "newsclaims attach-text" in licence
    assert _card_header(published.v2)["license"] == "cc-by-4.0"


def test_with_text_includes_it_and_says_whose_it_is(published, tmp_path):
    dest = tmp_path / "releases"
    code = main(["publish", "--warehouse", str(published.warehouse), "--to", str(dest), "--with-text"])
    assert code == 0
    folder = dest / "1.0.0"
    articles = pd.read_parquet(folder / "articles")
    pd.testing.assert_series_equal(
        articles.set_index("article_id")["text"],
        published.after["articles"].set_index("article_id")["text"],
        check_dtype=False,
    )
    claims = pd.read_parquet(folder / "claims")
    assert claims["content"].notna().all()
    resources = {r["name"]: r for r in json.loads((folder / "datapackage.json").read_text())["resources"]}
    assert [lic["name"] for lic in resources["articles"]["licenses"]] == [
        "CC-BY-4.0",
        "LicenseRef-publisher-copyright",
    ]
    assert [lic["name"] for lic in resources["actors"]["licenses"]] == ["CC-BY-4.0"]
    assert _card_header(folder)["license"] == "other"
    assert "declared that they hold the right" in (folder / "README.md").read_text()
    report = json.loads(
        subprocess.run(
            [str(BIN / "frictionless"), "validate", "--json", str(folder / "datapackage.json")],
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
    )
    assert report["valid"], json.dumps(report, indent=1)[:2000]


def test_attach_text_restores_it_from_own_copies_and_checks_the_hashes(published, tmp_path):
    full = publish_release(published.warehouse, tmp_path / "full", with_text=True, refresh_database=False)
    copies = tmp_path / "copies"
    shutil.copytree(SAMPLES_DIR, copies / "samples")
    # One copy differs by a character: its hash no longer matches, so it is not used.
    rail = copies / "samples" / "rail_strike.txt"
    rail.write_text(rail.read_text().replace("strike", "strikes", 1))
    code = main(
        ["attach-text", str(published.v2), str(copies), str(published.feed_copy), "--to", str(tmp_path / "out")]
    )
    assert code == 3  # some articles found no copy
    out = tmp_path / "out" / "1.1.0"
    assert verify_release(str(out)).ok
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["text"]["included"] is True
    missing = set(manifest["text"]["missing_articles"])
    after = published.after["articles"].set_index("article_id")
    assert missing == {a for a, uri in after["input_uri"].items() if "rail_strike" in uri or "ministry" in uri}
    attached = pd.read_parquet(out / "articles").set_index("article_id")
    reference = pd.read_parquet(tmp_path / "full" / full.version / "articles").set_index("article_id")
    for article_id, text in attached["text"].items():
        assert pd.isna(text) == (article_id in missing)
        if not pd.isna(text):
            assert text == reference.loc[article_id, "text"]
    claims = pd.read_parquet(out / "claims").set_index("claim_id")
    ref_claims = pd.read_parquet(tmp_path / "full" / full.version / "claims").set_index("claim_id")
    kept = claims[~claims["article_id"].isin(missing)]
    assert len(kept) and (kept["content"] == ref_claims.loc[kept.index, "content"]).all()
    assert main(["attach-text", str(out), str(copies), "--to", str(tmp_path / "again")]) == 1  # already has text


def test_every_table_loads_with_datasets_polars_duckdb_pandas_and_pyarrow(published, monkeypatch, tmp_path):
    import datasets
    import polars as pl

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    header = _card_header(published.v2)
    configs = {c["config_name"]: c for c in header["configs"]}
    assert list(configs) == list(TABLES) and configs["claims"].get("default") is True
    assert header["language"] == ["en"] and header["size_categories"] == ["n<1K"]
    for table in TABLES:
        rows = json.loads((published.v2 / "manifest.json").read_text())["tables"][table]["rows"]
        # A cache of its own: datasets' shared cache may hold an earlier release at the same path.
        loaded = datasets.load_dataset(str(published.v2), table, split="train", cache_dir=str(tmp_path / "hf"))
        assert loaded.num_rows == rows and loaded.column_names == list(TABLE[table].schema.names), table
        assert pl.read_parquet(published.v2 / table / "*.parquet").height == rows
        assert (
            duckdb.connect().execute(f"SELECT count(*) FROM '{published.v2}/{table}/*.parquet'").fetchone()[0] == rows
        )
        assert len(pd.read_parquet(published.v2 / table)) == rows
        assert pq.read_table(published.v2 / table).num_rows == rows
    default = datasets.load_dataset(str(published.v2), split="train", cache_dir=str(tmp_path / "hf"))
    assert default.column_names == list(TABLE["claims"].schema.names)


# mlcroissant runs in a process of its own: it imports absl, which rebinds logging to the stderr
# of the moment (pytest's capture, closed after the test) and loses the rest of the test run's output.
# The script leaves with os._exit once its result is printed: one CI run in many, a C++ thread
# of mlcroissant's dependencies aborted the interpreter's teardown ("terminate called without an
# active exception") after a valid, complete result.
CROISSANT_CHECK = """
import json, os, sys
import mlcroissant as mlc
dataset = mlc.Dataset(jsonld=sys.argv[1])
counts = {t: sum(1 for _ in dataset.records(t)) for t in ("claims", "actors", "rejected_inputs")}
print(json.dumps({
    "errors": dataset.metadata.ctx.issues.report() if dataset.metadata.ctx.issues.errors else "",
    "record_sets": [r.name for r in dataset.metadata.record_sets],
    "counts": counts,
}), flush=True)
os._exit(0)
"""


def test_croissant_is_valid_and_reads_every_table(published):
    done = subprocess.run(
        [sys.executable, "-c", CROISSANT_CHECK, str(published.v2 / "croissant.json")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["errors"], result["errors"]
    assert result["record_sets"] == list(TABLES)
    rows = json.loads((published.v2 / "manifest.json").read_text())["tables"]
    for table, n in result["counts"].items():
        assert n == rows[table]["rows"], table


def test_citation_files_state_version_date_and_terms(published):
    required = {"cff-version", "message", "title", "authors"}
    repo = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert required <= set(repo) and repo["type"] == "software"
    release = yaml.safe_load((published.v2 / "CITATION.cff").read_text())
    manifest = json.loads((published.v2 / "manifest.json").read_text())
    assert required <= set(release) and release["type"] == "dataset"
    assert release["version"] == "1.1.0" and str(release["date-released"]) == manifest["created_at"][:10]
    assert release["authors"] == repo["authors"]
    assert release["license"] == "CC-BY-4.0" and "left empty" in release["notes"]
    zenodo = json.loads((published.v2 / "zenodo.json").read_text())
    assert zenodo["upload_type"] == "dataset" and zenodo["version"] == "1.1.0" and zenodo["license"] == "cc-by-4.0"
    assert zenodo["creators"] == repo["authors"]
    datacite = json.loads((published.v2 / "datacite.json").read_text())
    assert datacite["types"]["resourceTypeGeneral"] == "Dataset" and datacite["version"] == "1.1.0"
    assert datacite["publicationYear"] == int(manifest["created_at"][:4])
    assert datacite["rightsList"][0]["rightsIdentifier"] == "cc-by-4.0"


def test_the_card_shows_charts_of_its_own_data(published):
    card = (published.v2 / "README.md").read_text()
    pictures = sorted((published.v2 / "charts").glob("*.png"))
    assert len(pictures) >= 3
    for png in pictures:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"](charts/{png.name})" in card
    # The numbers beside the charts are the release's own.
    claims = pd.read_parquet(published.v2 / "claims")
    per_month = charts.chart_data({t: pq.read_table(published.v2 / t) for t in TABLES})[0]
    assert sum(row[-1] for row in per_month.rows) == len(claims)
    assert f"| {per_month.rows[0][0]} |" in card.split("### Claims per month, by type", 1)[1]
    # The same tables draw the same bytes.
    tables = {t: pq.read_table(published.v2 / t) for t in TABLES}
    assert [c.png for c in charts.render_all(tables)] == [c.png for c in charts.render_all(tables)]


def test_news_duckdb_opens_in_the_duckdb_1x_cli(published):
    cli = BIN / "duckdb"
    if not cli.exists():
        pytest.skip("the duckdb CLI (PyPI duckdb-cli) is not installed")
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v1.")
    database = published.warehouse / "news.duckdb"
    for name, sql in example_queries().items():
        script = ("SET VARIABLE actor = 'Ukraine';\n" if "getvariable" in sql else "") + sql
        out = subprocess.run([str(cli), "-readonly", str(database)], input=script, capture_output=True, text=True)
        assert out.returncode == 0 and "Error" not in out.stderr, (name, out.stderr)
    counts = subprocess.run(
        [str(cli), "-readonly", "-csv", str(database), "-c", "SELECT count(*) FROM claims"],
        capture_output=True,
        text=True,
    )
    assert counts.stdout.split() == ["count_star()", str(len(published.after["claims"]))]
    assert os.path.getsize(database) > 0
