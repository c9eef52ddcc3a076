"""Rebuild `assets/extract/data/cue_model.json`: the cue model fitted on PolNeAR.

    python -m pipelines.train.cue_model ../shared/eval/polnear

Every verb of the train split outside other attributions' content and quotations is an
example, positive when an annotator marked it as the head of an attribution cue. A logistic regression with L2 penalty is fitted on the features of
`assets.extract.cue_model.features`; the decision threshold is then chosen on the dev split
for attribution F1. The file holds feature weights only, no text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from assets.core.storage import atomic_write_bytes
from assets.extract.attribution import cue_model as model_module
from assets.extract.attribution.cue_model import MODEL_PATH, features
from assets.extract.attribution.quotes import find_quotes
from pipelines.evaluate.parsing import parse_articles
from pipelines.evaluate.polnear import evaluate, load_split
from pipelines.train.cue_lexicon import cue_head

L2 = 1.0
MIN_FEATURE_COUNT = 2
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def examples(root: Path, split: str):
    articles = load_split(root, split)
    docs = parse_articles([(a["text"], a["published"]) for a in articles])
    rows, labels = [], []
    for article, doc in zip(articles, docs, strict=True):
        quotes = find_quotes(doc.text)
        heads = {h.i for a in article["gold"] if (h := cue_head(doc, a.cue)) is not None}
        # PolNeAR never marks a cue inside another attribution's content or a quotation:
        # such verbs are unlabelled, not negatives.
        unlabelled = set().union(*(a.content for a in article["gold"])) if article["gold"] else set()
        for token in doc:
            if token.pos_ != "VERB":
                continue
            if token.i not in heads and (token.idx in unlabelled or any(q0 <= token.idx < q1 for q0, q1 in quotes)):
                continue
            rows.append(features(token))
            labels.append(1.0 if token.i in heads else 0.0)
    return articles, rows, np.array(labels)


def fit(rows: list[list[str]], y: np.ndarray) -> dict[str, float]:
    counts: dict[str, int] = {}
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(vocab[f] for f in set(row) if f in vocab)
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))

    def loss(w):
        z = X @ w
        p = 1 / (1 + np.exp(-z))
        value = np.sum(np.logaddexp(0, z) - y * z) + L2 * w @ w / 2
        grad = X.T @ (p - y) + L2 * w
        return value, grad

    result = optimize.minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {f: round(float(result.x[i]), 4) for f, i in vocab.items() if abs(result.x[i]) >= 1e-3}


def choose_threshold(root: Path, weights: dict[str, float]) -> tuple[float, dict]:
    """The threshold with the best attribution F1 on dev."""
    articles = load_split(root, "dev")
    scores = {}
    for threshold in THRESHOLDS:
        model_module.cue_model.cache_clear()
        spec = {"weights": weights, "threshold": threshold}
        atomic_write_bytes(MODEL_PATH, json.dumps(spec).encode())
        docs = parse_articles([(a["text"], a["published"]) for a in articles])
        scores[threshold] = round(evaluate(articles, docs)["attribution"].f1, 4)
        print(f"threshold {threshold}: dev attribution F1 {scores[threshold]}")
    best = max(scores, key=scores.get)
    return best, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("polnear", type=Path)
    args = parser.parse_args()
    _, rows, y = examples(args.polnear, "train")
    print(f"{len(rows)} train verbs, {int(y.sum())} cues")
    weights = fit(rows, y)
    threshold, scores = choose_threshold(args.polnear, weights)
    spec = {
        "about": "Logistic cue model over verb features; rebuilt by pipelines/train/cue_model.py.",
        "source": "PolNeAR v1.0.0: fitted on the train split (840 articles), threshold chosen on dev",
        "l2": L2,
        "threshold": threshold,
        "dev_attribution_f1_by_threshold": scores,
        "weights": dict(sorted(weights.items())),
    }
    model_module.cue_model.cache_clear()
    atomic_write_bytes(MODEL_PATH, json.dumps(spec, indent=0).encode())
    print(f"{len(weights)} weights, threshold {threshold} → {MODEL_PATH}")


if __name__ == "__main__":
    main()
