"""Publishing refuses what would corrupt a release, cleans what a killed publish left, and
`verify` says what is wrong with a malformed manifest instead of a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assets.core.contract import SCHEMAS
from assets.core.destination import Destination
from assets.core.lock import WarehouseBusy, warehouse_lock
from assets.core.parts import write_empty_part
from assets.core.releases import PublishError, is_version, parse_version
from assets.publish.release import plan_version, remove_stale_staging
from assets.publish.verify import verify_release
from pipelines.cli import main


@pytest.mark.parametrize("version", ["1.0.6\n", " 1.0.6", "1.0.6 ", "01.0.6", "1.0"])
def test_versions_are_validated_strictly(version):
    assert not is_version(version)
    with pytest.raises(PublishError):
        parse_version(version)


def test_a_destination_inside_a_release_is_refused(tmp_path):
    release = tmp_path / "releases" / "1.0.0"
    release.mkdir(parents=True)
    (release / "manifest.json").write_text("{}")
    for inside in (release, release / "claims"):
        with pytest.raises(PublishError, match="inside release 1.0.0"):
            plan_version(inside)
    assert plan_version(tmp_path / "releases") == "1.0.1"


def test_a_killed_publishs_staging_folder_is_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    killed = tmp_path / f".tmp-1.0.1-{dead.pid}-abc"
    (killed / "claims").mkdir(parents=True)
    (killed / "claims" / "part-0.parquet").write_bytes(b"PAR1 truncated")
    running = tmp_path / f".tmp-1.0.2-{os.getpid()}-def"
    running.mkdir()
    assert remove_stale_staging(Destination.open(tmp_path)) == [killed.name]
    assert not killed.exists() and running.exists()


@pytest.mark.parametrize("manifest", [[], {"files": [], "tables": {}}, {"files": {"a": "b"}, "tables": {}}, "x"])
def test_verify_on_a_malformed_manifest_is_a_clear_failure(tmp_path, manifest):
    release = tmp_path / "1.0.0"
    release.mkdir()
    (release / "manifest.json").write_text(json.dumps(manifest))
    result = verify_release(str(release))
    assert not result.ok
    assert "manifest.json" in result.report()


def test_a_second_writer_is_told_clearly(tmp_path, capsys):
    warehouse = tmp_path / "wh"
    warehouse.mkdir()
    for table, schema in SCHEMAS.items():
        write_empty_part(warehouse, table, schema)
    with warehouse_lock(warehouse, "run"):
        with pytest.raises(WarehouseBusy, match="another newsclaims command is working on"):
            with warehouse_lock(warehouse, "run"):
                pass
        assert main(["run", str(tmp_path), "--warehouse", str(warehouse)]) == 3
        assert "another newsclaims command" in capsys.readouterr().err
        assert main(["publish", "--warehouse", str(warehouse)]) == 3
    with warehouse_lock(warehouse, "run"):
        pass  # released: the next writer gets it
