"""Checks fail on deliberately broken tables, and a blocking failure fails the run."""

import json
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from assets.core.checks import run_sql_check
from assets.core.contract import SCHEMAS, TABLES, foreign_keys
from assets.core.parts import current_parts
from assets.core.settings import EXPECTATIONS_DIR, NewsclaimsSettings
from assets.core.storage import write_table
from assets.core.validation import validate
from assets.tables.checks import _foreign_key, _offsets
from pipelines.cli import main


@pytest.fixture()
def broken(sample_warehouse, tmp_path):
    """A copy of the sample warehouse to break."""
    target = tmp_path / "wh"
    shutil.copytree(sample_warehouse, target)
    return target


def _load(warehouse, table):
    return pq.read_table(current_parts(warehouse, table)).to_pandas()


def _part(warehouse, table):
    """The sample warehouse's one part of `table` (one batch)."""
    (part,) = current_parts(warehouse, table)
    return part


def test_every_table_has_a_suite():
    assert sorted(p.stem for p in EXPECTATIONS_DIR.glob("*.json")) == sorted(TABLES)


def test_sample_tables_pass_every_critical_expectation(sample_warehouse):
    for table in TABLES:
        result = validate(_load(sample_warehouse, table), EXPECTATIONS_DIR / f"{table}.json", "critical")
        assert result.success, (table, result.markdown())


def test_duplicate_keys_and_bad_enums_fail(sample_warehouse):
    claims = _load(sample_warehouse, "claims")
    bad = pd.concat([claims, claims.head(1)], ignore_index=True)
    bad.loc[0, "claim_type"] = "rumour"
    result = validate(bad, EXPECTATIONS_DIR / "claims.json", "critical")
    assert not result.success
    failed = {(f["type"], f["column"]) for f in result.failures}
    assert ("expect_column_values_to_be_unique", "claim_id") in failed
    assert ("expect_column_values_to_be_in_set", "claim_type") in failed
    assert "rumour" in result.markdown()


def test_bad_timex_values_and_country_codes_fail(sample_warehouse):
    dates = _load(sample_warehouse, "dates")
    dates.loc[0, "value"] = "next month"
    assert not validate(dates, EXPECTATIONS_DIR / "dates.json", "critical").success
    actors = _load(sample_warehouse, "actors")
    actors.loc[actors["country_code"].notna().idxmax(), "country_code"] = "Portugal"
    assert not validate(actors, EXPECTATIONS_DIR / "actors.json", "critical").success


def test_offsets_that_miss_the_text_are_found(broken):
    claims = _load(broken, "claims")
    claims.loc[0, "content_start"] += 1
    write_table(claims, _part(broken, "claims"), SCHEMAS["claims"])
    failing = run_sql_check(
        NewsclaimsSettings(warehouse_dir=str(broken)), _offsets("claims", "content", "content_start", "content_end")
    )
    assert list(failing["claim_id"]) == [claims.loc[0, "claim_id"]]


def test_dangling_foreign_keys_are_found(broken):
    sources = _load(broken, "sources")
    claims = _load(broken, "claims")
    orphan = claims["source_id"].dropna().iloc[0]
    write_table(sources[sources["source_id"] != orphan], _part(broken, "sources"), SCHEMAS["sources"])
    settings = NewsclaimsSettings(warehouse_dir=str(broken))
    fk = next(f for f in foreign_keys() if f[:2] == ("claims", "source_id"))
    failing = run_sql_check(settings, _foreign_key(*fk))
    assert set(failing["source_id"]) == {orphan}


def test_a_blocking_failure_fails_the_run(tmp_path, fixtures, monkeypatch, capsys):
    """A table breaking its suite stops the downstream assets and the command exits 1."""
    import assets.tables.assets as table_assets

    original = table_assets.write_part

    def corrupt(settings, table):
        done = original(settings, table)
        if table == "claims" and done.rows:
            df = _load(settings.warehouse, "claims")
            df.loc[0, "claim_type"] = "rumour"
            write_table(df, _part(settings.warehouse, "claims"), SCHEMAS["claims"])
        return done

    monkeypatch.setattr(table_assets, "write_part", corrupt)
    code = main(["run", str(fixtures / "ministry_briefing.txt"), "--warehouse", str(tmp_path / "wh")])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAILED: claims_expectations" in out
    assert not (tmp_path / "wh" / "news.duckdb").exists()  # downstream of the failed check


def test_rows_are_checked_once_per_batch(sample_warehouse, tmp_path):
    """Row-by-row expectations run on the rows of new batches only; a batch's failures stay
    reported until it is staged again; another suite checks everything again."""
    from assets.core.validation import Batches, validate_new_batches

    claims = _load(sample_warehouse, "claims")
    table = tmp_path / "claims.parquet"
    write_table(claims, table, SCHEMAS["claims"])
    ids = sorted(claims["article_id"].unique())
    staged = tmp_path / "staging"
    first, second = staged / "a.parquet", staged / "b.parquet"
    write_table(claims[claims["article_id"] == ids[0]], first, SCHEMAS["claims"])
    write_table(claims[claims["article_id"] != ids[0]], second, SCHEMAS["claims"])
    suite = EXPECTATIONS_DIR / "claims.json"

    def check(files, suite_path=suite):
        batches = Batches(tuple(files), "article_id", tmp_path / "ledger.json")
        return validate_new_batches([table], SCHEMAS["claims"], suite_path, "critical", batches)

    in_first = int((claims["article_id"] == ids[0]).sum())
    assert check([first]).rows_checked == in_first
    result = check([first, second])
    assert result.success and result.rows_checked == len(claims) - in_first
    assert check([first, second]).rows_checked == 0

    claims.loc[claims["article_id"] == ids[-1], "claim_type"] = "rumour"
    write_table(claims, table, SCHEMAS["claims"])
    write_table(claims[claims["article_id"] != ids[0]], second, SCHEMAS["claims"])  # staged again
    failed = check([first, second])
    assert not failed.success and "rumour" in failed.markdown()
    kept = check([first, second])
    assert kept.rows_checked == 0 and not kept.success and "rumour" in kept.markdown()

    other = tmp_path / "claims_suite.json"
    spec = json.loads(suite.read_text())
    spec["expectations"] = [e for e in spec["expectations"] if e["kwargs"].get("column") != "claim_type"]
    other.write_text(json.dumps(spec))
    relaxed = check([first, second], other)
    assert relaxed.rows_checked == len(claims) and relaxed.success


def test_new_keys_are_compared_with_the_keys_of_earlier_parts(sample_warehouse, tmp_path):
    """Uniqueness once parts are committed: the new part's keys, within it and against the others."""
    from assets.core.validation import Batches, validate_new_batches

    claims = _load(sample_warehouse, "claims")
    half = len(claims) // 2
    first, second = tmp_path / "part-00001-00001.parquet", tmp_path / "part-00002-00002.parquet"
    write_table(claims.iloc[:half], first, SCHEMAS["claims"])
    write_table(claims.iloc[half:], second, SCHEMAS["claims"])
    suite, ledger = EXPECTATIONS_DIR / "claims.json", tmp_path / "ledger.json"

    def check(new):
        batches = Batches((), "article_id", ledger, new=new)
        return validate_new_batches([first, second], SCHEMAS["claims"], suite, "critical", batches)

    assert check(None).success  # nothing committed: every key, in Great Expectations
    assert check((second,)).success
    write_table(pd.concat([claims.iloc[half:], claims.iloc[:1]]), second, SCHEMAS["claims"])  # a key of the first
    result = check((second,))
    assert not result.success
    [failure] = [f for f in result.failures if f["column"] == "claim_id"]
    assert failure["type"] == "expect_column_values_to_be_unique"
    assert (failure["unexpected"], failure["examples"]) == (1, [claims.iloc[0]["claim_id"]])
