"""Rebuild `assets/extract/data/cue_lexicon.json` from the PolNeAR train split.

    python -m pipelines.train.cue_lexicon ../shared/eval/polnear

For every verb lemma, how often the train split's annotators marked it as the cue of an
attribution, against how often it occurs as a verb at all. Lemmas marked often enough and
often enough relative to their use are kept; the file holds lemmas and counts only, no text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assets.core.storage import atomic_write_bytes
from assets.extract.attribution import cues
from pipelines.evaluate.parsing import parse_articles
from pipelines.evaluate.polnear import load_split

OUTPUT = Path(__file__).resolve().parents[2] / "assets" / "extract" / "data" / "cue_lexicon.json"
MIN_CUE_COUNT = 3
MIN_CUE_RATE = 0.25


def cue_head(doc, chars: frozenset[int]):
    """The token heading a cue span: its first verb, else a token whose head lies outside the span.

    Auxiliaries and modals do not count as verbs: "would vote for" is headed by "vote" (PolNeAR
    train: 370 cues open with a modal), nor do aspect verbs: "continued to defend" is headed by
    "defend". A copula's adjective heads its cue: "was critical of".
    """
    tokens = [t for t in doc if t.idx in chars or (t.idx + len(t) - 1) in chars]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [
        t
        for t in tokens
        if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() not in {"be", "have", "do"} and t.tag_ != "MD"
    ]
    head = (verbs or heads or tokens)[0]
    while (carried := cues.carried_verb(head)) is not None and carried.i in inside:
        head = carried  # "continued to defend": the verb it goes on with
    stance = [t for t in tokens if t.pos_ == "ADJ" and t.dep_ == "acomp" and t.head.i == head.i]
    return stance[0] if head.lemma_.lower() == "be" and stance else head


def build(root: Path) -> dict:
    articles = load_split(root, "train")
    docs = parse_articles([(a["text"], a["published"]) for a in articles])
    as_cue, as_verb = Counter(), Counter()
    for article, doc in zip(articles, docs, strict=True):
        for token in doc:
            if token.pos_ == "VERB":
                as_verb[token.lemma_.lower()] += 1
        for attribution in article["gold"]:
            head = cue_head(doc, attribution.cue)
            if head is not None and head.pos_ == "VERB":
                as_cue[head.lemma_.lower()] += 1
    lemmas = {
        lemma: {"cue": n, "verb": as_verb[lemma], "rate": round(n / max(as_verb[lemma], n), 3)}
        for lemma, n in as_cue.items()
        if n >= MIN_CUE_COUNT and n / max(as_verb[lemma], n) >= MIN_CUE_RATE
    }
    return {
        "about": "Verb lemmas PolNeAR's train split marks as attribution cues, with counts; rebuilt by pipelines/train/cue_lexicon.py.",
        "source": "PolNeAR v1.0.0 train split (840 articles), first annotator per article",
        "min_cue_count": MIN_CUE_COUNT,
        "min_cue_rate": MIN_CUE_RATE,
        "lemmas": dict(sorted(lemmas.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("polnear", type=Path)
    args = parser.parse_args()
    lexicon = build(args.polnear)
    atomic_write_bytes(OUTPUT, json.dumps(lexicon, indent=1, ensure_ascii=False).encode())
    print(f"{len(lexicon['lemmas'])} cue lemmas → {OUTPUT}")


if __name__ == "__main__":
    main()
