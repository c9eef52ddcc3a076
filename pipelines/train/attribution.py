"""`newsclaims train attribution PATH`: fit the attribution models on PolNeAR and write them.

1. The cue models: every verb of the train split, and every noun with a complement ("criticism
   of", "a plan to"), outside other attributions' content and quotations is an example,
   positive when an annotator marked it as the head of a cue.
   PolNeAR marks no attribution inside another one's content or inside a quotation, so such
   verbs are unlabelled, not negatives: nested claims stay findable.
2. The content extent models and the source model: conditional logits choosing a content's first
   and last token, and a source's head (or none), where a proposed cue is a gold cue.
3. The claim model: every top-level claim the patterns propose on train (with verbs whose cue
   probability reaches the candidate threshold) is an example, positive when it matches a gold
   attribution as attribution F1 pairs them (contents overlap by half, sources agree). Each
   article's claims are proposed by the models of 1 and 2 fitted on the other folds, so that
   their sureness is what it is on unseen text. Its scores are calibrated by Platt scaling on
   out-of-fold predictions (5 folds by article).
4. The candidate threshold, the claim model's penalty and the keep threshold are chosen on dev
   for attribution F1, among the settings whose precision reaches `MIN_PRECISION`.

The model (`assets/extract/data/attribution_model.json`) and its card (`attribution_model.md`)
are written atomically. The same data gives the same file: features are sorted, the optimiser
is deterministic, and no step samples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assets.core.environment import PROFILES
from assets.core.storage import atomic_write_bytes
from assets.extract.attribution import speakers
from assets.extract.attribution.boundaries import boundary_features, token_range
from assets.extract.attribution.component import AttributionFinder, confidence_features, keep_confident
from assets.extract.attribution.features import cue_features, noun_cue_features, stance_complement
from assets.extract.attribution.model import AttributionModel, Logistic, model_path, using
from assets.extract.attribution.quotes import find_quotes
from assets.extract.attribution.tagger_probs import set_probabilities
from assets.publish.manifest import code_version
from pipelines.evaluate.calibration import reliability
from pipelines.evaluate.parsing import parse_articles
from pipelines.evaluate.polnear import agrees, attribution_of, evaluate, load_split, predictions
from pipelines.train.cue_lexicon import cue_head

from . import logistic

CUE_L2 = 1.0  # PolNeAR dev F1 (all retrained, cross-fitted): 0.5 0.687, 1.0 0.689, 3.0 0.685 (P 0.762)
# PolNeAR dev F1, claim L2 3: 0.1 0.671, 0.15 0.672, 0.2 0.674, 0.25 0.672, 0.3 0.672; with the
# paragraph component: 0.15 0.669, 0.2 0.673, 0.25 0.674 (paired interval of 0.25 - 0.2: -0.003 to +0.004)
CANDIDATE_THRESHOLDS = (0.2,)
CLAIM_L2 = (1.0, 3.0)
# PolNeAR dev F1 (content exact), cross-fitted: 0.1 0.688 (0.498), 0.3 0.690 (0.503), 1.0 0.689
# (0.502), 3.0 0.689 (0.502): flat, 0.3 against 1.0 +0.002 (paired interval -0.000 to +0.004).
CONTENT_L2 = 1.0
SOURCE_L2 = 1.0  # PolNeAR dev F1: before the claim model was refitted, 1.0 and 3.0 both 0.642; cross-fitted, 0.3 0.688, 1.0 0.689
NOUN_THRESHOLD = 0.3  # PolNeAR dev: 0.3 F1 0.647, 0.2 F1 0.645; with the paragraph component 0.2, 0.3, 0.4 all 0.673
KEEP_THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# The precision issue 13 asks of the claims users get: dev's best F1 may lie under it (before
# the claim model was cross-fitted, claim L2 3, keep 0.35: P 0.747, F1 0.686; L2 1, keep 0.45:
# P 0.771, F1 0.685).
MIN_PRECISION = 0.75
FOLDS = 5
CROSS_FOLDS = 3


def register(commands) -> None:
    parser = commands.add_parser("attribution", help="the cue and claim models, from PolNeAR")
    parser.add_argument("path", type=Path, help="the PolNeAR folder (holding data/)")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles of each split (for tests)")
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the model (default: the profile's shipped one)"
    )
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="default",
        help="accurate: with the word-piece tagger's probabilities as features (after `newsclaims train tagger`)",
    )
    parser.add_argument(
        "--tagger-work",
        type=Path,
        default=None,
        help="the out-of-fold tagger probabilities of train (default: where `newsclaims train tagger` leaves them)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    train, dev = (load_split(args.path, split, args.limit) for split in ("train", "dev"))
    if len(train) < CROSS_FOLDS:
        print(
            f"train attribution: {len(train)} annotated train articles; the claim model's examples are"
            f" proposed across {CROSS_FOLDS} folds of them, so it needs at least {CROSS_FOLDS}",
            file=sys.stderr,
        )
        return 2
    train_docs = parse_articles([(a["text"], a["published"]) for a in train])
    dev_docs = parse_articles([(a["text"], a["published"]) for a in dev])
    out = args.out or model_path(args.profile)
    if args.profile == "accurate":
        missing = with_tagger(train, train_docs, dev_docs, args.tagger_work)
        if missing:
            print(
                f"train attribution: no out-of-fold tagger probabilities for {missing} train articles;"
                " run `newsclaims train tagger` on the same corpus first",
                file=sys.stderr,
            )
            return 2
    trials = []
    for candidate in CANDIDATE_THRESHOLDS:
        proposer = proposal_models(train, train_docs, candidate)
        rows, y, groups = crossfit_claim_examples(train, train_docs, candidate)
        for l2 in CLAIM_L2:
            claim = calibrated(rows, y, groups, l2)
            scores = dev_scores(dev, dev_docs, replace(proposer, claim=claim))
            for keep, score in scores.items():
                model = replace(proposer, claim=claim, keep_threshold=keep)
                trials.append({"candidate": candidate, "l2": l2, "keep": keep, **score, "model": model})
                print(f"candidate {candidate} l2 {l2} keep {keep}: dev attribution {_fmt(score)}")
    best = choose(trials)
    best["high_precision"] = high_precision(dev, dev_docs, best["model"])
    write(out, best, trials, len(train), len(dev), time.perf_counter() - started, args.profile)
    print(f"chose candidate {best['candidate']} l2 {best['l2']} keep {best['keep']}: {_fmt(best)} → {out}")
    return 0


def with_tagger(train: list[dict], train_docs, dev_docs, work: Path | None) -> int:
    """Give the docs the word-piece tagger's probabilities: on train those of the half tagger that
    did not see the article, on dev the shipped tagger's. The number of train articles without."""
    from assets.extract.attribution.tagger import Tagger  # lazy: the [accurate] extra
    from pipelines.train import tagger as tagger_training  # lazy: with the tagger

    folder = (work or tagger_training.WORK) / "crossfit"
    found = [tagger_training.load_probabilities(folder, article["text"]) for article in train]
    if None in found:
        return found.count(None)
    for doc, got in zip(train_docs, found, strict=True):
        set_probabilities(doc, *got)
    runner = Tagger()
    for doc in dev_docs:
        set_probabilities(doc, *runner.probabilities(doc.text))
    return 0


def proposal_models(articles: list[dict], docs, candidate: float) -> AttributionModel:
    """The models that propose claims (cues, content extents, source), fitted on `articles`."""
    rows, y = cue_examples(articles, docs)
    cue = Logistic(logistic.fit(rows, y, CUE_L2))
    print(f"cue model: {len(rows)} verbs, {int(y.sum())} cues, {len(cue.weights)} weights")
    rows, y = noun_cue_examples(articles, docs)
    noun = Logistic(logistic.fit(rows, y, CUE_L2))
    print(f"noun cue model: {len(rows)} nouns and adjectives, {int(y.sum())} cues, {len(noun.weights)} weights")
    cues = AttributionModel(cue, candidate, noun_cue=noun, noun_cue_threshold=NOUN_THRESHOLD)
    start, end = content_models(articles, docs, cues)
    extents = replace(cues, content_start=start, content_end=end)
    return replace(extents, source=source_model(articles, docs, extents))


def crossfit_claim_examples(articles: list[dict], docs, candidate: float) -> tuple[list[dict], np.ndarray, list[int]]:
    """The claim model's examples, each article's proposed by models fitted on the other folds.

    Proposed by models fitted on the same articles, a claim's features (how sure the cue, extent
    and source models are) are surer than they will be on unseen text, and the claim model learns
    to trust them too much.
    """
    rows, labels, groups = [], [], []
    for k in range(CROSS_FOLDS):
        held = [i for i in range(len(articles)) if i % CROSS_FOLDS == k]
        fitted = [i for i in range(len(articles)) if i % CROSS_FOLDS != k]
        proposer = proposal_models([articles[i] for i in fitted], [docs[i] for i in fitted], candidate)
        r, y, g = claim_examples([articles[i] for i in held], [docs[i] for i in held], proposer)
        rows += r
        labels.append(y)
        groups += [held[j] for j in g]
    return rows, np.concatenate(labels), groups


def cue_examples(articles: list[dict], docs) -> tuple[list[dict], np.ndarray]:
    """Every verb, with the cue model's features."""
    return _cue_rows(articles, docs, lambda token: cue_features(token) if token.pos_ == "VERB" else None)


def noun_cue_examples(articles: list[dict], docs) -> tuple[list[dict], np.ndarray]:
    """Every noun and predicative adjective with a complement (`stance_complement`), with the
    noun cue model's features."""

    def describe(token):
        complement = stance_complement(token)
        return noun_cue_features(token, complement) if complement is not None else None

    return _cue_rows(articles, docs, describe)


def _cue_rows(articles: list[dict], docs, describe) -> tuple[list[dict], np.ndarray]:
    """The tokens `describe` gives features for, outside other attributions' content and
    quotations, labelled 1 when an annotator marked the token as the head of a cue."""
    rows, labels = [], []
    for article, doc in zip(articles, docs, strict=True):
        quotes = find_quotes(doc.text)
        heads = {h.i for a in article["gold"] if (h := cue_head(doc, a.cue)) is not None}
        unlabelled = set().union(*(a.content for a in article["gold"])) if article["gold"] else set()
        for token in doc:
            features = describe(token)
            if features is None:
                continue
            if token.i not in heads and (token.idx in unlabelled or any(q0 <= token.idx < q1 for q0, q1 in quotes)):
                continue
            rows.append(dict.fromkeys(features, 1.0))
            labels.append(1.0 if token.i in heads else 0.0)
    return rows, np.array(labels)


def content_models(articles: list[dict], docs, model: AttributionModel) -> tuple[Logistic, Logistic]:
    """The first- and last-token models of a content, fitted where a proposed cue is a gold cue."""
    finder = AttributionFinder()
    groups: dict[str, list[list[dict]]] = {"start": [], "end": []}
    chosen: dict[str, list[int]] = {"start": [], "end": []}
    with using(model):
        for article, doc in zip(articles, docs, strict=True):
            by_cue = {h.i: g for g in article["gold"] if (h := cue_head(doc, g.cue)) is not None and g.content}
            for claim in finder.candidates(doc, find_quotes(doc.text)):
                gold = by_cue.get(claim["cue_token"])
                target = token_range(doc, min(gold.content), max(gold.content) + 1) if gold else None
                if target is None or target[0] < claim["cue_token"] < target[1]:
                    continue
                for edge, i in zip(("start", "end"), target, strict=True):
                    features = boundary_features(doc, claim, edge)
                    if i in features:
                        order = sorted(features)
                        groups[edge].append([features[k] for k in order])
                        chosen[edge].append(order.index(i))
    print(f"content models: {len(groups['start'])} first tokens, {len(groups['end'])} last tokens")
    return tuple(Logistic(logistic.fit_choice(groups[e], chosen[e], CONTENT_L2)) for e in ("start", "end"))


def source_model(articles: list[dict], docs, model: AttributionModel) -> Logistic:
    """The source model, fitted where a proposed cue is a gold cue whose source (or its absence)
    is among the candidates."""
    finder = AttributionFinder()
    groups, chosen = [], []
    with using(model):
        for article, doc in zip(articles, docs, strict=True):
            by_cue = {h.i: g for g in article["gold"] if (h := cue_head(doc, g.cue)) is not None}
            quotes = find_quotes(doc.text)
            for claim in finder.candidates(doc, quotes):
                gold = by_cue.get(claim["cue_token"])
                if gold is None:
                    continue
                target = speakers.NONE
                if gold.source:
                    span = doc.char_span(min(gold.source), max(gold.source) + 1, alignment_mode="expand")
                    if span is None or not len(span):
                        continue
                    target = span.root.i
                features = speakers.features(doc, claim, quotes)
                if target in features:
                    order = sorted(features)
                    groups.append([features[k] for k in order])
                    chosen.append(order.index(target))
    print(f"source model: {len(groups)} claims")
    return Logistic(logistic.fit_choice(groups, chosen, SOURCE_L2))


def claim_examples(articles: list[dict], docs, model: AttributionModel) -> tuple[list[dict], np.ndarray, list[int]]:
    """Features of the top-level claims proposed with `model`'s cues, their labels and articles."""
    finder = AttributionFinder()
    rows, labels, groups = [], [], []
    with using(model):
        for n, (article, doc) in enumerate(zip(articles, docs, strict=True)):
            quotes = find_quotes(doc.text)
            claims = finder.candidates(doc, quotes)
            for claim in claims:
                if claim["parent"] is not None:
                    continue  # PolNeAR marks no nested attribution: neither right nor wrong
                rows.append(confidence_features(doc, claim, quotes, model, claims))
                attribution = attribution_of(doc.text, claim)
                labels.append(1.0 if any(agrees(attribution, g) for g in article["gold"]) else 0.0)
                groups.append(n)
    return rows, np.array(labels), groups


def calibrated(rows: list[dict], y: np.ndarray, groups: list[int], l2: float) -> Logistic:
    """The claim model fitted on all rows, with Platt scaling fitted on out-of-fold scores."""
    fold = np.array(groups) % FOLDS
    z = np.zeros(len(rows))
    for k in range(FOLDS):
        held = np.flatnonzero(fold == k)
        kept = np.flatnonzero(fold != k)
        weights = logistic.fit([rows[i] for i in kept], y[kept], l2)
        z[held] = logistic.scores([rows[i] for i in held], weights)
    scale, shift = logistic.platt(z, y)
    return Logistic(logistic.fit(rows, y, l2), scale, shift)


def dev_scores(articles: list[dict], docs, model: AttributionModel) -> dict[float, dict]:
    """Dev attribution scores of `model` at each keep threshold."""
    finder = AttributionFinder()
    proposed = []
    with using(model):
        for doc in docs:
            quotes = find_quotes(doc.text)
            proposed.append((doc, quotes, finder.candidates(doc, quotes)))
    out = {}
    for keep in KEEP_THRESHOLDS:
        predicted = []
        for doc, quotes, claims in proposed:
            kept = keep_confident(doc, [dict(c) for c in claims], quotes, model, keep)
            finder.finish(doc, kept)  # as the component stores them: source and cue spans whole
            predicted.append([attribution_of(doc.text, c) for c in kept if c["parent"] is None])
        report = evaluate(articles, predicted)
        score = report["attribution"]
        out[keep] = {
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "content_exact": report["exact"]["content"].f1,
            "source_exact": report["exact"]["source"].f1,
        }
    return out


def high_precision(articles: list[dict], docs, model: AttributionModel, target: float = 0.9) -> dict:
    """The lowest confidence threshold whose claims reach `target` attribution precision on dev, and what is left."""
    finder = AttributionFinder()
    with using(model):  # as a user filters the claims table: WHERE confidence >= t
        predicted = [predictions(finder(doc)) for doc in docs]
    items = [(p.confidence, any(agrees(p, g) for g in a["gold"])) for a, ps in zip(articles, predicted) for p in ps]
    found = {"target_precision": target, "ece": round(reliability(items)[1], 4)}
    for t in np.arange(model.keep_threshold, 1.0, 0.01):
        kept = [[p for p in ps if p.confidence >= t] for ps in predicted]
        score = evaluate(articles, kept)["attribution"]
        if score.precision >= target:
            found.update(
                threshold=round(float(t), 2), precision=round(score.precision, 3), recall=round(score.recall, 3)
            )
            break
    return found


def choose(trials: list[dict]) -> dict:
    """The setting with the best dev F1 among those reaching `MIN_PRECISION` (any, where none does)."""
    return max(trials, key=lambda t: (t["precision"] >= MIN_PRECISION, round(t["f1"], 4), t["precision"]))


def write(
    path: Path, best: dict, trials: list[dict], n_train: int, n_dev: int, seconds: float, profile: str = "default"
) -> None:
    command = "newsclaims train attribution" + (" --profile accurate" if profile == "accurate" else "")
    spec = {
        "about": f"Attribution cue, content extent, source and claim models; rebuilt by `{command}`. Card: {path.with_suffix('.md').name}.",
        **best["model"].to_spec(),
        "dev": {k: round(best[k], 4) for k in ("precision", "recall", "f1", "content_exact", "source_exact")}
        | {"high_precision": best["high_precision"]},
    }
    atomic_write_bytes(path, (json.dumps(spec, indent=0, sort_keys=False) + "\n").encode())
    atomic_write_bytes(path.with_suffix(".md"), card(best, trials, n_train, n_dev, seconds, profile).encode())


def card(best: dict, trials: list[dict], n_train: int, n_dev: int, seconds: float, profile: str = "default") -> str:
    model, hp = best["model"], best["high_precision"]
    accurate = profile == "accurate"
    lines = [
        "# Attribution model card" + (" (accurate profile)" if accurate else ""),
        "",
        "Six linear models over the spaCy parse (`assets/extract/attribution/model.py`): the cue models (verbs",
        "and nouns), the content extent models (first and last token), the source model and the claim model;",
        "rebuilt by `newsclaims train attribution ../shared/eval/polnear"
        + (" --profile accurate`" if accurate else "`")
        + " (see `pipelines/train/attribution.py`).",
        *(
            [
                "Each model also weighs the word-piece tagger's probabilities (`attribution_tagger.md`): on train",
                "those of the half tagger that did not see the article, on dev those of the shipped tagger.",
            ]
            if accurate
            else []
        ),
        "",
        f"- **Data**: PolNeAR v1.0.0, first annotator of each article; fitted on train ({n_train} articles),",
        f"  settings chosen on dev ({n_dev} articles). No text is stored: weights are keyed by feature names.",
        f"- **Cue model**: L2 {CUE_L2}, {len(model.cue.weights)} weights; a verb proposes a claim when its",
        f"  probability reaches {model.cue_threshold}.",
        f"- **Noun cue model**: L2 {CUE_L2}, {len(model.noun_cue.weights)} weights, over nouns and predicative",
        "  adjectives with a clause or prepositional complement; such a word proposes a claim when its",
        f"  probability reaches {model.noun_cue_threshold}.",
        f"- **Content extent models**: conditional logit, L2 {CONTENT_L2}, {len(model.content_start.weights)} and",
        f"  {len(model.content_end.weights)} weights.",
        "- **Source model**: conditional logit over the nominals of the cue's sentence and no source,",
        f"  L2 {SOURCE_L2}, {len(model.source.weights)} weights.",
        f"- **Claim model**: L2 {best['l2']}, {len(model.claim.weights)} weights, fitted on the claims that cue,",
        f"  extent and source models fitted on the other folds propose ({CROSS_FOLDS} folds by article);",
        f"  Platt-calibrated on {FOLDS}-fold out-of-fold scores (scale {model.claim.scale}, shift {model.claim.shift});",
        f"  claims under confidence {model.keep_threshold} are dropped.",
        f"- **Dev attribution** (scorer of `newsclaims eval polnear`): {_fmt(best)}.",
        f"- **Confidence** on dev: expected calibration error {hp['ece']:.3f}; claims with confidence >= "
        f"{hp.get('threshold')} have attribution precision {hp.get('precision')} at recall {hp.get('recall')}.",
        f"- **Built** {dt.date.today().isoformat()} from {code_version()['version']} in {seconds / 60:.1f} min.",
        "",
        "## Settings tried (dev attribution)",
        "",
        "| candidate threshold | claim L2 | keep threshold | P | R | F1 | content exact | source exact |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in trials:
        lines.append(
            f"| {t['candidate']} | {t['l2']} | {t['keep']} | {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f}"
            f" | {t['content_exact']:.3f} | {t['source_exact']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def _fmt(score: dict) -> str:
    return (
        f"P {score['precision']:.3f} R {score['recall']:.3f} F1 {score['f1']:.3f}"
        f" (content exact {score['content_exact']:.3f}, source exact {score['source_exact']:.3f})"
    )
