"""Which verbs are attribution cues, decided by a small logistic model over the parse.

The lexicon alone cannot tell "called for an inquiry" from "called a taxi", nor know the long
tail of verbs news writers use to report stances. The model weighs the verb's lemma with its
context — a clausal complement, a human subject, the words around it — and was fitted on
PolNeAR's train split by `pipelines/train/cue_model.py` (weights in `data/cue_model.json`).
PolNeAR marks no attribution inside another one's content or inside a quotation, so those
verbs were left out of training rather than taught as negatives: nested claims stay findable.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

MODEL_PATH = Path(__file__).parents[1] / "data" / "cue_model.json"
PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "who"}


def features(token: Token) -> list[str]:
    """Describe a candidate cue verb to the cue model: sparse binary features."""
    lemma = token.lemma_.lower()
    children = list(token.children)
    deps = {c.dep_ for c in children}
    subject = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and token.dep_ in {"conj", "xcomp", "advcl"} and token.head.i != token.i:
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    preps = sorted(c.lower_ for c in children if c.dep_ == "prep")
    out = [
        "bias",
        f"lemma={lemma}",
        f"dep={token.dep_}",
        f"tag={token.tag_}",
        f"lemma|dep={lemma}|{token.dep_}",
    ]
    for dep in ("ccomp", "xcomp", "dobj", "parataxis", "dative", "agent", "nsubjpass", "oprd", "advcl"):
        if dep in deps:
            out += [f"has={dep}", f"lemma|has={lemma}|{dep}"]
    for p in preps:
        out += [f"prep={p}", f"lemma|prep={lemma}|{p}"]
    if any(g.dep_ == "mark" and g.lower_ == "that" for c in children for g in c.children):
        out.append("that_clause")
    if subject is None:
        out.append("subj=none")
    else:
        out.append(f"subj_ent={subject.ent_type_ or 'none'}")
        out.append(f"subj_pos={subject.pos_}")
        if subject.lower_ in PRONOUNS:
            out.append(f"subj_pron={subject.lower_}")
        else:
            out.append(f"subj_lemma={subject.lemma_.lower()}")
    doc = token.doc
    prev = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    out += [f"prev={prev}", f"next={nxt}"]
    return out


class CueModel:
    """The fitted logistic model: feature weights and a decision threshold."""

    def __init__(self, spec: dict) -> None:
        """Read the weights and the threshold from the model file's contents."""
        self.weights: dict[str, float] = spec["weights"]
        self.threshold: float = spec["threshold"]

    def probability(self, token: Token) -> float:
        """How likely `token` is to be an attribution cue, by the model."""
        z = sum(self.weights.get(f, 0.0) for f in features(token))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def is_cue(self, token: Token) -> bool:
        """Decide whether `token` is a cue, at the threshold chosen on PolNeAR dev."""
        return self.probability(token) >= self.threshold


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The fitted model, or None when it has not been built (the lexicon decides then)."""
    if not MODEL_PATH.exists():
        return None
    return CueModel(json.loads(MODEL_PATH.read_text()))
