"""The Dagster UI as a person uses it, in a real browser: `newsclaims dev` (what `make dev` runs)
on a fresh warehouse, "Materialize all", then the claims asset, its checks and the run; and
after a restart of the UI, still there.

Uses the system Chromium through Playwright (never a downloaded browser); skipped without it.
Bounded: every wait has a timeout, and the UI's processes are stopped whatever happens.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from assets.core.parts import table_rows
from assets.core.settings import PROJECT_ROOT

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out

CHROMIUM = Path(os.environ.get("NEWSCLAIMS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_S = 240  # the webserver, the daemon and the code location, on a busy machine
RUN_S = 300  # the samples through the whole graph
MS = 1000

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dagster_ui(warehouse: Path, log: Path):
    """`newsclaims dev` on 127.0.0.1, yielding its URL; its whole process group is stopped after."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("DAGSTER_HOME", None)
    command = [sys.executable, "-m", "pipelines.cli", "dev", "--warehouse", str(warehouse), "--port", str(port)]
    with open(log, "ab") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_S
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, f"the UI did not start in {START_S} s: {log.read_text()[-3000:]}"
                time.sleep(1)
        yield url
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C to the UI's process group (dg dev shuts its children down), then a kill for what is left."""
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGINT:
            time.sleep(2)  # its children exit after it; then make sure
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, timeout=60 * MS)
        try:
            yield chromium
        finally:
            chromium.close()


def _text_appears(page, url: str, text: str, seconds: int) -> None:
    """Reload `url` until `text` shows, as a person waiting on a run would."""
    deadline = time.monotonic() + seconds
    while True:
        page.goto(url)
        try:
            page.get_by_text(text, exact=True).first.wait_for(timeout=10 * MS)
            return
        except sync_api.TimeoutError:
            assert time.monotonic() < deadline, f"{text!r} never showed on {url}: {page.inner_text('body')[:2000]}"


def test_a_new_user_materializes_everything_and_finds_it_again(tmp_path, browser):
    warehouse, log = tmp_path / "warehouse", tmp_path / "dev.log"
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.set_default_timeout(60 * MS)
    with dagster_ui(warehouse, log) as url:
        # The asset graph, and its obvious button: a fresh warehouse has the samples planned.
        page.goto(f"{url}/asset-groups")
        for group in ("ingest", "extract", "tables", "warehouse", "publish"):
            page.get_by_text(group, exact=True).first.wait_for()
        page.get_by_role("button", name="Materialize all").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_role("button", name="All", exact=True).click()
        dialog.get_by_role("button", name="Launch 1 run").click()
        dialog.wait_for(state="hidden")

        _text_appears(page, f"{url}/runs", "Success", RUN_S)
        assert "Failure" not in page.inner_text("body")

        claims = table_rows(warehouse, "claims")
        assert claims > 0
        page.goto(f"{url}/assets/claims")
        page.get_by_text("Row count", exact=True).wait_for()
        page.get_by_text(str(claims), exact=True).first.wait_for()
        page.get_by_text("claim_type", exact=True).first.wait_for()  # the column schema

        page.goto(f"{url}/assets/claims?view=checks")
        page.get_by_text("claims_expectations", exact=True).first.click()
        page.get_by_text("Passed", exact=True).first.wait_for()
        page.get_by_text(f"checked all {claims:,} rows").first.wait_for()
        assert not (warehouse / "releases").exists()  # "Materialize all" publishes nothing

    # A restart of `make dev`: the same instance, so the same history.
    with dagster_ui(warehouse, log) as url:
        page.goto(f"{url}/assets/claims")
        page.get_by_text("Row count", exact=True).wait_for()
        page.get_by_text(str(claims), exact=True).first.wait_for()
        page.goto(f"{url}/runs")
        page.get_by_text("Success", exact=True).first.wait_for()
    shutil.rmtree(warehouse / "dagster", ignore_errors=True)
