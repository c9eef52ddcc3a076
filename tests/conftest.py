"""Shared fixtures: the spaCy pipeline, the project's fixture files, one sample warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from assets.core.settings import NewsclaimsSettings, default_model

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from assets.extract.pipeline import load_pipeline

    return load_pipeline(default_model())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled samples plus the ministry fixture, run once through the whole pipeline."""
    from pipelines import SAMPLES_DIR
    from pipelines.run import run_pipeline

    root = tmp_path_factory.mktemp("sample")
    inputs = root / "inputs"
    shutil.copytree(SAMPLES_DIR, inputs)
    shutil.copy(FIXTURES / "ministry_briefing.txt", inputs)
    settings = NewsclaimsSettings(warehouse_dir=str(root / "warehouse"))
    outcome = run_pipeline(settings, [str(inputs)])
    assert outcome.ok, (outcome.errors, outcome.blocking_failures)
    return settings.warehouse


def parse(nlp, text: str, anchor: str | None = None):
    doc = nlp.make_doc(text)
    doc._.anchor_date = anchor
    return nlp(doc)


def hand_parsed(rows: str, *columns: str) -> Doc:
    """A doc parsed by hand, so a test needs no model: one token a line, its text, whether a
    space follows (_ or +), its head's index and its label, then a value for each of `columns`
    (`Doc` arguments such as "ents", "pos", "lemmas")."""
    table = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        English().vocab,
        words=[r[0] for r in table],
        spaces=[r[1] == "+" for r in table],
        heads=[int(r[2]) for r in table],
        deps=[r[3] for r in table],
        **{name: [r[4 + k] for r in table] for k, name in enumerate(columns)},
    )


def hand_claim(doc: Doc, cue: int, content: tuple[int, int], source: int | None = None) -> dict:
    """A claim on a hand-parsed doc: its cue token, the tokens its content runs from and to, and
    the token naming its source, as character offsets the way the patterns set them."""
    first, last = doc[content[0]], doc[content[1]]
    claim = {
        "cue_token": cue,
        "cue_start": doc[cue].idx,
        "cue_end": doc[cue].idx + len(doc[cue]),
        "content_start": first.idx,
        "content_end": last.idx + len(last),
        "claim_type": "indirect",
    }
    if source is not None:
        claim["source_start"], claim["source_end"] = doc[source].idx, doc[source].idx + len(doc[source])
    return claim


# Fixtures that run the whole pipeline first: a test using one is a whole-pipeline test.
PIPELINE_FIXTURES = {"sample_warehouse", "two_runs"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if PIPELINE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pipeline)
