"""Releases: two versions of the sample warehouse published, read back by DuckDB, pandas and
pyarrow, validated by frictionless, verified, diffed, and refused when the version exists."""

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from assets.core.contract import SCHEMAS, TABLE, TABLES, foreign_keys
from assets.core.destination import Destination
from assets.core.releases import PublishError, ReleaseExists, list_releases, next_version
from assets.core.settings import NewsclaimsSettings, default_model
from assets.publish import changes as changes_module
from assets.publish import release as release_module
from assets.publish.release import publish_release, read_release
from assets.publish.verify import verify_release
from pipelines.cli import main

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
PER_ARTICLE = ("articles", "actor_mentions", "sources", "claims", "dates")


def _snapshot(warehouse: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(warehouse / f"{t}.parquet") for t in TABLES}


def _keys(df: pd.DataFrame, table: str) -> set[tuple]:
    return set(df[list(TABLE[table].key)].itertuples(index=False, name=None))


def _listed(changes_md: str, table: str, kind: str) -> set[tuple]:
    """The keys CHANGES.md lists under `### <kind>` in the section of `table`."""
    section = changes_md.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
    if f"### {kind} (" not in section:
        return set()
    block = section.split(f"### {kind} (", 1)[1].split("\n### ", 1)[0]
    keys = set()
    for line in block.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            keys.add(tuple(c.strip("`") for c in cells[: len(TABLE[table].key)]))
    return keys


def _files_state(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _frictionless(datapackage: Path) -> dict:
    out = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(datapackage)], capture_output=True, text=True, timeout=300
    )
    report = json.loads(out.stdout)
    return report


def test_a_release_holds_every_table_and_its_descriptors(published):
    assert list_releases(Destination.open(published.releases)) == ["1.0.0", "1.1.0"]
    names = {p.name for p in published.v2.iterdir()}
    descriptors = {"manifest.json", "datapackage.json", "croissant.json", "README.md", "CHANGES.md", "charts"}
    assert names == set(TABLES) | descriptors | {"CITATION.cff", "zenodo.json", "datacite.json"}
    manifest = json.loads((published.v2 / "manifest.json").read_text())
    assert manifest["version"] == "1.1.0" and manifest["previous_version"] == "1.0.0"
    assert manifest["created_at"].endswith("Z")
    from pipelines import __version__

    assert manifest["code"]["package"] == __version__
    assert manifest["code"]["version"].startswith(__version__)
    if manifest["code"]["git_commit"]:
        assert len(manifest["code"]["git_commit"]) == 40
    assert manifest["model"]["name"] == default_model()
    assert manifest["model"]["version"] == "3.8.0"
    assert manifest["inputs"]["articles"] == len(published.after["articles"]) == 10
    assert manifest["inputs"]["rejected"] == len(published.after["rejected_inputs"]) > 0
    for table in TABLES:
        spec = manifest["tables"][table]
        assert spec["rows"] == len(published.after[table]), table
        assert [c["name"] for c in spec["schema"]] == SCHEMAS[table].names
        assert all(c["description"] for c in spec["schema"]), table
        assert spec["key"] == list(TABLE[table].key)
    # Every file but the manifest itself, with its real checksum and size.
    on_disk = {str(p.relative_to(published.v2)) for p in published.v2.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == on_disk - {"manifest.json"}
    for path, entry in manifest["files"].items():
        data = (published.v2 / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), path
        assert entry["bytes"] == len(data), path


def test_both_versions_read_back_with_duckdb_pandas_and_pyarrow(published):
    for folder, expected in ((published.v1, published.before), (published.v2, published.after)):
        con = duckdb.connect()
        for table in TABLES:
            n = con.execute(f"SELECT count(*) FROM read_parquet('{folder}/{table}/*.parquet')").fetchone()[0]
            assert n == len(expected[table]), (folder.name, table)
            via_pandas = pd.read_parquet(folder / table)
            for column in TABLE[table].text_columns:  # releases carry no text by default
                assert via_pandas[column].isna().all(), (table, column)
            pd.testing.assert_frame_equal(
                via_pandas.drop(columns=list(TABLE[table].text_columns)),
                expected[table].drop(columns=list(TABLE[table].text_columns)),
                check_dtype=False,
            )
            via_arrow = ds.dataset(folder / table, format="parquet").to_table()
            assert via_arrow.num_rows == len(expected[table])
            assert via_arrow.schema.names == SCHEMAS[table].names
            description = via_arrow.schema.field(SCHEMAS[table].names[0]).metadata[b"description"]
            assert description == SCHEMAS[table].field(0).metadata[b"description"]

    # Every version at once, as the data card shows it, from the folder holding the releases.
    con = duckdb.connect()
    by_version = dict(
        con.execute(
            f"""SELECT regexp_extract(filename, '(\\d+\\.\\d+\\.\\d+)/claims/', 1) AS version, count(*)
            FROM read_parquet('{published.releases}/*/claims/*.parquet', filename = true, union_by_name = true)
            WHERE version <> '' GROUP BY 1"""
        ).fetchall()
    )
    assert by_version == {"1.0.0": len(published.before["claims"]), "1.1.0": len(published.after["claims"])}
    both = ds.dataset([ds.dataset(published.releases / v / "claims", format="parquet") for v in ("1.0.0", "1.1.0")])
    assert both.count_rows() == len(published.before["claims"]) + len(published.after["claims"])


def test_frictionless_validates_both_releases(published):
    for folder in (published.v1, published.v2):
        report = _frictionless(folder / "datapackage.json")
        assert report["valid"], json.dumps(report, indent=1)[:3000]
        manifest = json.loads((folder / "manifest.json").read_text())
        rows = {task["name"]: task["stats"].get("rows", 0) for task in report["tasks"]}
        assert rows == {t: manifest["tables"][t]["rows"] for t in TABLES}  # every row was read

    descriptor = json.loads((published.v2 / "datapackage.json").read_text())
    assert descriptor["version"] == "1.1.0"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert any(s.get("path") == published.feed for s in descriptor["sources"])
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == set(TABLES)
    for table, resource in resources.items():
        assert resource["schema"]["primaryKey"] == list(TABLE[table].key)
        assert all(f["description"] for f in resource["schema"]["fields"])
    declared = {
        (name, fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for name, r in resources.items()
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert declared == set(foreign_keys())


def test_frictionless_catches_a_broken_reference(published, tmp_path):
    """The validation above can fail: a reference the data breaks is reported."""
    copy = tmp_path / "1.1.0"
    shutil.copytree(published.v2, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text())
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    claims["schema"]["foreignKeys"].append(
        {"fields": ["article_id"], "reference": {"resource": "actors", "fields": ["actor_id"]}}
    )
    (copy / "datapackage.json").write_text(json.dumps(descriptor))
    report = _frictionless(copy / "datapackage.json")
    assert not report["valid"]
    errors = [e["type"] for task in report["tasks"] for e in task["errors"]]
    assert "foreign-key" in errors


def test_changes_list_exactly_the_rows_the_added_input_brought(published):
    changes = (published.v2 / "CHANGES.md").read_text()
    before, after = published.before, published.after
    new_articles = set(after["articles"]["article_id"]) - set(before["articles"]["article_id"])
    assert len(new_articles) == 1  # f-1; f-4 is its duplicate
    new_claims = set(after["claims"].loc[after["claims"]["article_id"].isin(new_articles), "claim_id"])
    assert new_claims
    for table in TABLES:
        expected = _keys(after[table], table) - _keys(before[table], table)
        assert _listed(changes, table, "Added") == expected, table
        assert _listed(changes, table, "Removed") == set(), table
        # …and those are the rows the new input holds, nothing else.
        if table in PER_ARTICLE:
            mine = after[table][after[table]["article_id"].isin(new_articles)]
            assert expected == _keys(mine, table), table
            assert _listed(changes, table, "Changed") == set(), table
    assert _listed(changes, "articles", "Added") == {(a,) for a in new_articles}
    assert {k[0] for k in _listed(changes, "claim_actors", "Added")} <= new_claims
    rejected = _listed(changes, "rejected_inputs", "Added")
    assert len(rejected) == 4 and all(uri.startswith(published.feed + "#") for (uri,) in rejected)
    new_mentions = after["actor_mentions"][after["actor_mentions"]["article_id"].isin(new_articles)]
    old_actor_ids = set(before["actors"]["actor_id"])
    assert _listed(changes, "actors", "Added") == {(a,) for a in set(new_mentions["actor_id"]) - old_actor_ids}
    # An actor already known changes only when the new article mentions it.
    assert {a for (a,) in _listed(changes, "actors", "Changed")} <= set(new_mentions["actor_id"])
    assert f"| claims | claim_id | {len(after['claims'])} | {len(new_claims)} | 0 | 0 |" in changes

    first = (published.v1 / "CHANGES.md").read_text()
    assert "The first release" in first and f"| claims | {len(before['claims'])} |" in first


def test_data_card_describes_the_release(published):
    card = (published.v2 / "README.md").read_text()
    manifest = json.loads((published.v2 / "manifest.json").read_text())
    assert card.startswith("---\n") and "\n# newsclaims dataset 1.1.0\n" in card
    assert f"| `claims` | {manifest['tables']['claims']['rows']} |" in card
    assert "## Most cited sources" in card and "| Joana Matos | person |" in card
    assert "## Most mentioned actors" in card
    for table in TABLES:
        assert f"### {table}" in card
    for column in SCHEMAS["claims"].names:
        assert f"| `{column}` |" in card
    for loader in ("read_parquet('claims/*.parquet')", 'pd.read_parquet("claims")', 'ds.dataset("claims"'):
        assert loader in card


def test_news_duckdb_holds_every_release_side_by_side(published, monkeypatch):
    con = duckdb.connect(str(published.warehouse / "news.duckdb"), read_only=True)
    assert con.execute("SELECT version FROM releases ORDER BY major, minor, patch").fetchall() == [
        ("1.0.0",),
        ("1.1.0",),
    ]
    assert con.execute("SELECT version, previous_version FROM latest").fetchall() == [("1.1.0", "1.0.0")]
    for table in TABLES:
        counts = dict(con.execute(f"SELECT version, count(*) FROM release_{table} GROUP BY 1").fetchall())
        assert counts.get("1.0.0", 0) == len(published.before[table]), table
        assert counts.get("1.1.0", 0) == len(published.after[table]), table
        assert con.execute(f"SELECT count(*) FROM latest_{table}").fetchone()[0] == len(published.after[table])
    # The diff from the SQL comments in releases.sql is CHANGES.md's list.
    added = con.execute(
        """SELECT claim_id FROM release_claims WHERE version = '1.1.0'
           AND claim_id NOT IN (SELECT claim_id FROM release_claims WHERE version = '1.0.0')"""
    ).fetchall()
    assert set(added) == _listed((published.v2 / "CHANGES.md").read_text(), "claims", "Added")
    # Past MAX_LISTED rows CHANGES.md gives a query instead; it lists the same rows.
    monkeypatch.setattr(changes_module, "MAX_LISTED", 1)
    old, new = (read_release(Destination.open(folder)) for folder in (published.v1, published.v2))
    section = changes_module.render(changes_module.compare("1.1.0", new, "1.0.0", old)).split("\n## claims\n")[1]
    assert f"… and {len(added) - 1} more" in section
    query = section.split("```sql\n", 1)[1].split("\n```", 1)[0]
    assert {row[1] for row in con.execute(query).fetchall()} == {claim_id for (claim_id,) in added}
    # The example queries still answer next to the release views.
    from assets.warehouse.assets import example_queries

    for name, sql in example_queries().items():
        assert con.execute(sql).fetchall(), name


def test_publishing_an_existing_version_is_refused(published, capsys):
    state = _files_state(published.v1)
    code = main(["publish", "--warehouse", str(published.warehouse), "--version", "1.0.0"])
    assert code == 1
    err = capsys.readouterr().err
    assert "release 1.0.0 already exists" in err and "immutable" in err
    with pytest.raises(ReleaseExists):
        publish_release(published.warehouse, version="1.0.0")
    assert _files_state(published.v1) == state
    assert verify_release(str(published.v1)).ok
    assert list_releases(Destination.open(published.releases)) == ["1.0.0", "1.1.0"]


def test_verify_names_a_corrupted_file(published, tmp_path, capsys):
    copy = tmp_path / "releases" / "1.1.0"
    shutil.copytree(published.v2, copy)
    assert main(["verify", str(copy)]) == 0
    assert "OK: release 1.1.0" in capsys.readouterr().out

    part = copy / "claims" / "part-00000.parquet"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, different bytes
    part.write_bytes(bytes(data))
    assert main(["verify", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "claims/part-00000.parquet: sha256 differs" in err
    assert "articles/" not in err  # only the corrupted file is named

    (copy / "dates" / "part-00000.parquet").unlink()
    (copy / "notes.txt").write_text("not part of the release")
    problems = "\n".join(verify_release(str(copy)).problems)
    assert "dates/part-00000.parquet: missing" in problems
    assert "notes.txt: not in the manifest" in problems

    truncated = tmp_path / "other" / "1.0.0"
    shutil.copytree(published.v1, truncated)
    sources = truncated / "sources" / "part-00000.parquet"
    sources.write_bytes(sources.read_bytes()[:-20])
    problems = "\n".join(verify_release(str(truncated)).problems)
    assert "sources/part-00000.parquet: size differs" in problems
    assert "sources/part-00000.parquet: not readable as Parquet" in problems

    assert not verify_release(str(tmp_path)).ok  # not a release at all


def test_an_interrupted_publish_leaves_nothing_that_looks_like_a_release(published, tmp_path, monkeypatch):
    dest = tmp_path / "releases"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # as if stopped while writing the data card

    monkeypatch.setattr(release_module.datacard, "render", crash)
    with pytest.raises(KeyboardInterrupt):
        publish_release(published.warehouse, dest)
    assert list(dest.iterdir()) == []  # the temporary folder is gone, and no 1.0.0 appeared
    monkeypatch.undo()

    # A publish killed outright leaves its temporary folder: never taken for a release.
    stray = dest / ".tmp-1.0.0-0123456789abcdef"
    shutil.copytree(published.v1, stray)
    assert list_releases(Destination.open(dest)) == []
    release = publish_release(published.warehouse, dest)
    assert release.version == "1.0.0" and release.changes.previous is None
    assert list_releases(Destination.open(dest)) == ["1.0.0"]
    assert verify_release(str(dest / "1.0.0")).ok


def test_large_tables_are_split_into_parts(published, tmp_path):
    dest = tmp_path / "releases"
    release = publish_release(published.warehouse, dest, max_rows_per_file=10, refresh_database=False)
    folder = dest / release.version
    claims = published.after["claims"]
    parts = sorted((folder / "claims").glob("*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(math.ceil(len(claims) / 10))]
    assert [pq.ParquetFile(p).metadata.num_rows for p in parts[:-1]] == [10] * (len(parts) - 1)
    pd.testing.assert_frame_equal(
        pd.read_parquet(folder / "claims").drop(columns="content"), claims.drop(columns="content"), check_dtype=False
    )
    n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{folder}/claims/*.parquet')").fetchone()[0]
    assert n == len(claims)
    assert release.manifest["tables"]["claims"]["files"] == [f"claims/{p.name}" for p in parts]
    assert verify_release(str(folder)).ok
    # frictionless reads every part (and checks references across them).
    report = _frictionless(folder / "datapackage.json")
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    stats = {task["name"]: task["stats"].get("rows", 0) for task in report["tasks"]}
    assert stats["claims"] == len(claims)


def test_publish_to_a_filesystem_uri(published, tmp_path):
    """fsspec's memory filesystem stands in for object storage: no rename, manifest last."""
    import fsspec

    uri = f"memory://newsclaims-test-{os.getpid()}/releases"
    memory = fsspec.filesystem("memory")
    try:
        first = publish_release(published.warehouse, uri)
        second = publish_release(published.warehouse, uri, bump="major")
        assert (first.version, second.version) == ("1.0.0", "2.0.0")
        assert second.location == f"{uri}/2.0.0"
        assert list_releases(Destination.open(uri)) == ["1.0.0", "2.0.0"]
        assert verify_release(f"{uri}/2.0.0").ok
        assert all(c == {"added": 0, "removed": 0, "changed": 0} for c in second.manifest["changes"]["tables"].values())
        with pytest.raises(ReleaseExists):
            publish_release(published.warehouse, uri, version="2.0.0")

        # What an interrupted upload leaves (no manifest) is not a release, and is replaced.
        root = uri.removeprefix("memory://")
        memory.pipe(f"{root}/2.1.0/claims/part-00000.parquet", b"half a file")
        assert list_releases(Destination.open(uri)) == ["1.0.0", "2.0.0"]
        assert publish_release(published.warehouse, uri, version="2.1.0").version == "2.1.0"
        assert verify_release(f"{uri}/2.1.0").ok

        memory.pipe(f"{root}/2.0.0/claims/part-00000.parquet", b"corrupted")
        problems = verify_release(f"{uri}/2.0.0").problems
        assert any(p.startswith("claims/part-00000.parquet: sha256 differs") for p in problems)
    finally:
        memory.rm(uri.removeprefix("memory://").split("/")[0], recursive=True)

    # file:// goes through pyarrow's local filesystem, with the atomic rename.
    local = tmp_path / "via-uri"
    assert main(["publish", "--warehouse", str(published.warehouse), "--to", local.as_uri(), "--version", "3.0.0"]) == 0
    assert verify_release(str(local / "3.0.0")).ok


def test_versions():
    assert next_version([]) == "1.0.0"
    assert next_version([], bump="minor") == "1.0.0"
    assert next_version(["1.0.0", "1.2.9", "1.10.0"], bump="patch") == "1.10.1"
    assert next_version(["1.2.3"], bump="minor") == "1.3.0"
    assert next_version(["1.2.3"], bump="major") == "2.0.0"
    assert next_version(["1.2.3"], version="0.9.0") == "0.9.0"
    for bad in ("1.0", "v1.0.0", "1.0.0-rc1", "01.0.0", ""):
        with pytest.raises(PublishError):
            next_version([], version=bad or "x")
    with pytest.raises(PublishError):
        next_version([], bump="huge")


def test_publish_cli_refuses_bad_input(published, tmp_path, capsys):
    assert main(["publish", "--warehouse", str(published.warehouse), "--version", "1.0"]) == 1
    assert "not MAJOR.MINOR.PATCH" in capsys.readouterr().err
    assert main(["publish", "--warehouse", str(tmp_path / "empty")]) == 2
    assert "run `newsclaims run` first" in capsys.readouterr().err


def test_a_failed_blocking_check_publishes_nothing(published, tmp_path, capsys):
    warehouse = tmp_path / "warehouse"
    shutil.copytree(published.warehouse, warehouse, ignore=shutil.ignore_patterns("releases"))
    staged = next((warehouse / "staging" / "claims").glob("*.parquet"))
    table = pq.read_table(staged)
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), staged)  # a duplicate claim_id
    assert main(["publish", "--warehouse", str(warehouse)]) == 1
    err = capsys.readouterr().err
    assert "not published: blocking checks failed" in err and "claims_expectations" in err
    assert not (warehouse / "releases").exists() or list_releases(Destination.open(warehouse / "releases")) == []


def test_the_release_asset_and_its_checksum_check(published, tmp_path):
    from dagster.components import load_defs

    import assets

    defs = load_defs(assets)
    everything = [*defs.assets, *defs.asset_checks]
    settings = NewsclaimsSettings(warehouse_dir=str(published.warehouse))
    instance = dg.DagsterInstance.ephemeral()
    dest = tmp_path / "releases"
    run_config = {"ops": {"dataset_release": {"config": {"version": "4.2.0", "dest": str(dest)}}}}
    result = dg.materialize(
        everything,
        selection=dg.AssetSelection.groups("publish"),
        resources={"settings": settings},
        instance=instance,
        run_config=run_config,
    )
    assert result.success
    (materialization,) = result.asset_materializations_for_node("dataset_release")
    metadata = materialization.metadata
    assert metadata["version"].value == "4.2.0"
    assert metadata["location"].value == str(dest / "4.2.0")
    assert metadata["n_claims"].value == len(published.after["claims"])
    assert metadata["rows"].value == {t: len(published.after[t]) for t in TABLES}
    (check,) = result.get_asset_check_evaluations()
    assert check.check_name == "release_checksums_match" and check.passed

    # The check alone, after the newest release was damaged, fails and names the file.
    part = dest / "4.2.0" / "actors" / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[::-1])
    again = dg.materialize(
        everything,
        selection=dg.AssetSelection.checks_for_assets(dg.AssetKey("dataset_release")),
        resources={"settings": settings},
        instance=instance,
        raise_on_error=False,
    )
    (check,) = again.get_asset_check_evaluations()
    assert not check.passed
    assert any("actors/part-00000.parquet" in p for p in check.metadata["problems"].value)
    assert again.asset_materializations_for_node("dataset_release") == []
