"""The learned decisions of attribution: which verbs and nouns are cues, where a claim's
content and source lie, and how likely a claim is right.

The parse patterns propose claims; models fitted on PolNeAR's train split by
`newsclaims train attribution` decide. The cue model weighs a verb's lemma with its context (a
clausal complement, a human subject, the words around it): the lexicon alone cannot tell
"called for an inquiry" from "called a taxi"; the noun cue model does the same for nouns and
predicative adjectives with a complement ("criticism of the deal", "a plan to …", "was critical
of"), which PolNeAR marks as stances. Two
conditional logits redraw what the patterns take from the parse: the content's extent
(`boundaries.py`) and the source (`speakers.py`). The claim model weighs a whole proposed
claim — its pattern, cue, source and content — and its probability, calibrated out of fold on
train, is the claim's `confidence`; claims under the threshold chosen on dev are dropped.
Weights and thresholds live in `data/attribution_model.json` (features by name, no text).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.environment import profile as current_profile
from .features import cue_features, noun_cue_features, stance_complement

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_PATH = Path(__file__).parents[1] / "data" / "attribution_model.json"
# The accurate profile's models: the same, with the word-piece tagger's probabilities as features.
ACCURATE_MODEL_PATH = MODEL_PATH.with_name("attribution_model_accurate.json")


def model_path(profile: str | None = None) -> Path:
    """The saved model of `profile` (default: the environment's, `NEWSCLAIMS_PROFILE`)."""
    return ACCURATE_MODEL_PATH if (profile or current_profile()) == "accurate" else MODEL_PATH


@dataclass(frozen=True)
class Logistic:
    """A logistic model over named features (binary, or weighted by a value)."""

    weights: dict[str, float]
    scale: float = 1.0  # Platt calibration: p = sigmoid(scale * z + shift)
    shift: float = 0.0

    def score(self, features: dict[str, float]) -> float:
        """The linear score (log-odds, before calibration)."""
        return sum(self.weights.get(f, 0.0) * v for f, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        """The calibrated probability of the positive class."""
        z = self.scale * self.score(features) + self.shift
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @classmethod
    def from_spec(cls, spec: dict) -> Logistic:
        """Read a model saved by `to_spec`."""
        return cls(spec["weights"], spec.get("scale", 1.0), spec.get("shift", 0.0))

    def to_spec(self) -> dict:
        """The model as JSON-ready values, weights in sorted order."""
        return {"scale": self.scale, "shift": self.shift, "weights": dict(sorted(self.weights.items()))}


@dataclass(frozen=True)
class AttributionModel:
    """The cue models of verbs and of nouns with their candidate thresholds, the content extent
    models, the source model, the claim model with its keep threshold."""

    cue: Logistic
    cue_threshold: float
    claim: Logistic | None = None
    keep_threshold: float = 0.0
    content_start: Logistic | None = None
    content_end: Logistic | None = None
    source: Logistic | None = None
    noun_cue: Logistic | None = None
    noun_cue_threshold: float = 1.0

    def cue_probability(self, token: Token, tagger: bool = True) -> float:
        """How likely `token` (a verb) is to be an attribution cue; `tagger=False` leaves the
        word-piece tagger's features out."""
        return self.cue.probability(_binary(cue_features(token), tagger))

    def noun_cue_probability(self, token: Token, complement: Token, tagger: bool = True) -> float:
        """How likely a noun or adjective with this complement is to be an attribution cue (0
        without the model)."""
        if self.noun_cue is None:
            return 0.0
        return self.noun_cue.probability(_binary(noun_cue_features(token, complement), tagger))

    def noun_cue_complement(self, token: Token) -> Token | None:
        """The complement of a noun or predicative adjective likely enough a cue to propose a claim
        for it, else None."""
        complement = stance_complement(token)
        if complement is None or self.noun_cue_probability(token, complement) < self.noun_cue_threshold:
            return None
        return complement

    def is_cue(self, token: Token) -> bool:
        """Whether a verb is likely enough a cue to propose a claim for it."""
        return self.cue_probability(token) >= self.cue_threshold

    @classmethod
    def from_spec(cls, spec: dict) -> AttributionModel:
        """Read the model file's contents."""
        claim, content, source = spec.get("claim"), spec.get("content"), spec.get("source")
        noun = spec.get("noun_cue")
        return cls(
            cue=Logistic.from_spec(spec["cue"]),
            cue_threshold=spec["cue"]["threshold"],
            claim=Logistic.from_spec(claim) if claim else None,
            keep_threshold=claim["threshold"] if claim else 0.0,
            content_start=Logistic.from_spec(content["start"]) if content else None,
            content_end=Logistic.from_spec(content["end"]) if content else None,
            source=Logistic.from_spec(source) if source else None,
            noun_cue=Logistic.from_spec(noun) if noun else None,
            noun_cue_threshold=noun["threshold"] if noun else 1.0,
        )

    def to_spec(self) -> dict:
        """The model as the model file holds it."""
        spec = {"cue": {"threshold": self.cue_threshold, **self.cue.to_spec()}}
        if self.content_start is not None and self.content_end is not None:
            spec["content"] = {"start": self.content_start.to_spec(), "end": self.content_end.to_spec()}
        if self.noun_cue is not None:
            spec["noun_cue"] = {"threshold": self.noun_cue_threshold, **self.noun_cue.to_spec()}
        if self.source is not None:
            spec["source"] = self.source.to_spec()
        if self.claim is not None:
            spec["claim"] = {"threshold": self.keep_threshold, **self.claim.to_spec()}
        return spec


def _binary(features: list[str], tagger: bool) -> dict[str, float]:
    return dict.fromkeys(features if tagger else [f for f in features if not f.startswith("t_")], 1.0)


def dev_figures(profile: str | None = None) -> dict:
    """The saved model's scores on PolNeAR dev, as its trainer measured them (empty without a model)."""
    path = model_path(profile)
    return json.loads(path.read_text()).get("dev", {}) if path.exists() else {}


_ACTIVE: list[AttributionModel | None] = []


@lru_cache(maxsize=2)
def _saved_model(path: Path) -> AttributionModel | None:
    if not path.exists():
        return None
    return AttributionModel.from_spec(json.loads(path.read_text()))


def attribution_model() -> AttributionModel | None:
    """The model in use: the one `using` set, else the profile's saved one, else None (the lexicon decides)."""
    return _ACTIVE[-1] if _ACTIVE else _saved_model(model_path())


@contextmanager
def using(model: AttributionModel | None) -> Iterator[None]:
    """Run the attribution component with `model` (or no model) instead of the saved one: for training."""
    _ACTIVE.append(model)
    try:
        yield
    finally:
        _ACTIVE.pop()
