"""`newsclaims eval polnear DIR --split dev`: attribution scores on PolNeAR.

Scores follow the shared README: per role (source, cue, content) exact F1 over trimmed
character sets and partial F1 (overlap of at least half the longer span); attribution F1 pairs a
claim with a gold attribution one-to-one when the contents overlap by half and the sources
overlap (or neither has one). Only claims without a parent are scored: PolNeAR has no nesting.
The first annotator's file in sorted order is the gold.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from assets.core.environment import profile

from ..profile import add_profile_option
from .calibration import reliability, table
from .parsing import parse_articles
from .scoring import Score, bootstrap_f1

ROLES = ("source", "cue", "content")
# The word that opens a reported clause: PolNeAR's annotators keep it in the content, newsclaims
# (and the project's own gold) leave it out. Scored both ways, so the convention shows apart.
LEADING_MARKER = re.compile(r"\bthat\W{0,3}$", re.IGNORECASE)
TRIM = "\"'“”‘’«».,;:!?—–-()[]"  # quotes and punctuation; whitespace is any `str.isspace`


@dataclass
class Attribution:
    source: frozenset[int] = frozenset()
    cue: frozenset[int] = frozenset()
    content: frozenset[int] = frozenset()
    text: dict = field(default_factory=dict)
    confidence: float | None = None


def register(corpora) -> None:
    parser = corpora.add_parser("polnear", help="attribution relations (PolNeAR)")
    parser.add_argument("path", help="the PolNeAR folder (holding data/)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles only")
    parser.add_argument("--misses", type=int, default=10, help="missed and spurious attributions shown")
    parser.add_argument("--model", default=None)
    add_profile_option(parser)
    parser.add_argument(
        "--against",
        metavar="MODEL_JSON",
        help="also score another attribution model file on the same parses, with the paired interval of the difference",
    )
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="also score the second annotator against the first where an article has two (the ceiling)",
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    articles = load_split(Path(args.path), args.split, args.limit)
    started = time.perf_counter()
    docs = parse_articles([(a["text"], a["published"]) for a in articles], args.model)
    seconds = time.perf_counter() - started
    predicted = [predictions(doc) for doc in docs]
    report = evaluate(articles, predicted)
    print(
        f"PolNeAR {args.split} ({profile()} profile): {len(articles)} articles, {report['n_gold']} gold"
        f" attributions, parsed in {seconds:.1f} s"
    )
    _print_scores(report)
    marked = Score()  # content exact alone: the rest of the scoring would repeat the report's
    for article, doc in zip(articles, docs, strict=True):
        contents = [p.content for p in predictions(doc, keep_marker=True)]
        marked.add(match_spans(contents, [g.content for g in article["gold"]], False))
    print(marked.row("content exact, that kept") + "  (the opening that PolNeAR keeps)")
    low, high = bootstrap_f1(report["by_article"])
    print(f"attribution F1 95% interval {low:.3f}–{high:.3f} (the articles drawn again with replacement, 1,000 times)")
    if args.against:
        _print_against(Path(args.against), articles, docs, report)
    if args.agreement:
        _print_agreement(Path(args.path), args.split, articles, predicted)
    _print_confidence(articles, predicted)
    print("\nattribution F1 by publisher:")
    for publisher, score in sorted(report["by_publisher"].items()):
        print("  " + score.row(publisher))
    missed = len(report["missed"])
    print(f"\nmissed attributions by kind ({missed} in all):")
    for kind, meaning in MISS_KINDS.items():
        n = report["missed_kinds"].get(kind, 0)
        print(f"  {kind:<20} {n:5d}  {n / max(missed, 1):6.1%}  {meaning}")
    _print_no_claim(articles, docs, predicted)
    rng = random.Random(0)
    for title, items in (("missed", report["missed"]), ("spurious", report["spurious"])):
        print(f"\nsample of {title} attributions ({len(items)} in all):")
        for item in rng.sample(items, min(args.misses, len(items))):
            print("  - " + item)
    return 0


def _print_scores(report: dict, indent: str = "") -> None:
    for role in ROLES:
        print(indent + report["exact"][role].row(f"{role} exact"))
        print(indent + report["partial"][role].row(f"{role} partial"))
    print(indent + report["attribution"].row("attribution"))


def _print_against(path: Path, articles: list[dict], docs: list, report: dict) -> None:
    """Another model file's attribution scores on the same parses, and how far the difference is chance."""
    # lazy: the attribution component is needed only to compare models
    from assets.extract.attribution.component import AttributionFinder

    # lazy: as above
    from assets.extract.attribution.model import AttributionModel, using

    other = AttributionModel.from_spec(json.loads(path.read_text()))
    with using(other):
        theirs = evaluate(articles, [predictions(AttributionFinder()(doc)) for doc in docs])
    low, high = bootstrap_f1(theirs["by_article"], baseline=report["by_article"])
    difference = theirs["attribution"].f1 - report["attribution"].f1
    print(f"\nagainst {path}:")
    print("  " + theirs["attribution"].row("attribution"))
    print(
        f"  F1 difference {difference:+.3f}, paired 95% interval {low:+.3f} to {high:+.3f} (the same draws of articles)"
    )


def _print_agreement(root: Path, split: str, articles: list[dict], predicted: list[list[Attribution]]) -> None:
    """The second annotator scored against the first (the ceiling), and the model beside it.

    On the split's articles with two annotators, both are shown; the annotators' figure over
    both splits, a steadier estimate of the ceiling, follows (the model is trained on train, so
    it is not scored there).
    """
    both = [n for n, a in enumerate(articles) if len(a["annotations"]) > 1]
    if both:
        chosen = [articles[n] for n in both]
        print(f"\nagreement on the {len(both)} {split} articles with two annotators:")
        print("  " + evaluate(chosen, [a["annotations"][1] for a in chosen])["attribution"].row("annotator 2 vs 1"))
        print("  " + evaluate(chosen, [predicted[n] for n in both])["attribution"].row("the model"))
    pooled = [a for s in ("train", "dev") for a in load_split(root, s) if len(a["annotations"]) > 1]
    if not pooled:
        print("\nagreement: no article has two annotators")
        return
    print(f"\nagreement, annotator 2 against annotator 1, on all {len(pooled)} articles with two (train and dev):")
    _print_scores(evaluate(pooled, [a["annotations"][1] for a in pooled]), "  ")


def _print_confidence(articles: list[dict], predicted: list[list[Attribution]]) -> None:
    """Reliability of `confidence` (right = matches a gold attribution) and precision by threshold."""
    items = [
        (p.confidence, any(agrees(p, g) for g in article["gold"]))
        for article, preds in zip(articles, predicted, strict=True)
        for p in preds
        if p.confidence is not None
    ]
    if not items:
        return
    bins, ece = reliability(items)
    print(f"\nconfidence: expected calibration error {ece:.3f} over {len(items)} claims")
    print("\n".join(table(bins)))
    print("attribution scores of the claims with confidence >= t:")
    for t in THRESHOLDS:
        kept = [[p for p in preds if p.confidence is not None and p.confidence >= t] for preds in predicted]
        print("  " + evaluate(articles, kept)["attribution"].row(f"t = {t:.2f}"))


THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# --- the corpus ---------------------------------------------------------------------------


def load_split(root: Path, split: str, limit: int | None = None) -> list[dict]:
    data = root / "data" if (root / "data").exists() else root
    meta = {}
    with open(data / "metadata.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    articles = []
    for text_path in sorted((data / split / "text").glob("*.txt")):
        stem = text_path.stem
        anns = sorted((data / split / "attributions").glob(f"{stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        row = meta.get(stem, {})
        annotations = [parse_ann(ann.read_text(encoding="utf-8"), text) for ann in anns]
        articles.append(
            {
                "name": stem,
                "text": text,
                "publisher": row.get("publisher") or stem.split("_", 1)[0],
                "published": row.get("publication_date"),
                "gold": annotations[0],
                "annotations": annotations,
            }
        )
        if limit and len(articles) >= limit:
            break
    return articles


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """BRAT standoff → attributions (E lines with their Source, Cue and Content spans)."""
    spans: dict[str, frozenset[int]] = {}
    events = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label_and_offsets = parts[1].split(" ", 1)
            if len(label_and_offsets) < 2:
                continue
            chars: set[int] = set()
            for fragment in label_and_offsets[1].split(";"):
                m = re.match(r"(\d+) (\d+)", fragment.strip())
                if m:
                    chars |= trimmed(text, int(m.group(1)), int(m.group(2)))
            spans[parts[0]] = frozenset(chars)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for args in events:
        if "Content" not in args:
            continue
        attribution = Attribution(
            source=spans.get(args.get("Source", ""), frozenset()),
            cue=spans.get(args.get("Cue", ""), frozenset()),
            content=spans.get(args["Content"], frozenset()),
        )
        attribution.text = {role: _text(text, getattr(attribution, role)) for role in ROLES}
        out.append(attribution)
    return out


def trimmed(text: str, start: int, end: int) -> set[int]:
    """The span's characters without the whitespace (a no-break space too), quotes and
    punctuation around it."""
    while start < end and (text[start] in TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1].isspace()):
        end -= 1
    return set(range(start, end))


def _text(text: str, chars: frozenset[int]) -> str:
    return text[min(chars) : max(chars) + 1] if chars else ""


# --- scoring -------------------------------------------------------------------------------


def predictions(doc, keep_marker: bool = False) -> list[Attribution]:
    """Top-level claims of a parsed article as attributions."""
    text = doc.text
    return [attribution_of(text, claim, keep_marker) for claim in doc._.claims or [] if claim.get("parent") is None]


def attribution_of(text: str, claim: dict, keep_marker: bool = False) -> Attribution:
    """A claim of the pipeline as an attribution, its spans trimmed as the gold's are; with
    `keep_marker`, its content reaches back over the "that" before it (`LEADING_MARKER`)."""
    source = frozenset()
    if claim.get("source_start") is not None:
        source = frozenset(trimmed(text, claim["source_start"], claim["source_end"]))
    attribution = Attribution(
        source=source,
        cue=frozenset(trimmed(text, claim["cue_start"], claim["cue_end"])),
        content=frozenset(content_chars(text, claim, keep_marker)),
        confidence=claim.get("confidence"),
    )
    attribution.text = {role: _text(text, getattr(attribution, role)) for role in ROLES}
    return attribution


def content_chars(text: str, claim: dict, keep_marker: bool = False) -> set[int]:
    """The content's characters: its span without the attribution interrupting it, each part
    trimmed as a gold fragment is."""
    start, end, gap = claim["content_start"], claim["content_end"], claim.get("content_gap_start")
    if keep_marker and (marker := LEADING_MARKER.search(text, max(0, start - 12), start)):
        start = marker.start()
    if gap is None:
        return trimmed(text, start, end)
    return trimmed(text, start, gap) | trimmed(text, claim["content_gap_end"], end)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def match_spans(pred: list[frozenset[int]], gold: list[frozenset[int]], partial: bool) -> Score:
    """One-to-one greedy matching of spans, best overlaps first."""
    pred = [p for p in pred if p]
    gold = [g for g in gold if g]
    if partial:
        pairs = sorted(
            ((overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if overlap(p, g) >= 0.5),
            reverse=True,
        )
    else:
        index = defaultdict(list)
        for j, g in enumerate(gold):
            index[g].append(j)
        pairs = [(1.0, i, j) for i, p in enumerate(pred) for j in index.get(p, [])]
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return Score(len(used_p), len(pred), len(used_g), len(gold))


def match_attributions(pred: list[Attribution], gold: list[Attribution]) -> tuple[Score, list[int], list[int]]:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = overlap(p.content, g.content)
            if ov < 0.5:
                continue
            if _sourcesagrees(p, g):
                pairs.append((ov, i, j))
    used_p, used_g = set(), set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    score = Score(len(used_p), len(pred), len(used_g), len(gold))
    return score, [i for i in range(len(pred)) if i not in used_p], [j for j in range(len(gold)) if j not in used_g]


def _sourcesagrees(p: Attribution, g: Attribution) -> bool:
    return (not p.source and not g.source) or bool(p.source & g.source)


def agrees(p: Attribution, g: Attribution) -> bool:
    """Whether a claim matches a gold attribution, as attribution F1 pairs them."""
    return overlap(p.content, g.content) >= 0.5 and _sourcesagrees(p, g)


def evaluate(articles: list[dict], predicted: list[list[Attribution]]) -> dict:
    """Scores of `predicted` (top-level claims per article, see `predictions`) against the gold."""
    exact = {r: Score() for r in ROLES}
    partial = {r: Score() for r in ROLES}
    attribution = Score()
    by_publisher: dict[str, Score] = defaultdict(Score)
    by_article = []
    missed, spurious = [], []
    kinds: dict[str, int] = defaultdict(int)
    n_gold = 0
    for article, pred in zip(articles, predicted, strict=True):
        gold = article["gold"]
        n_gold += len(gold)
        for role in ROLES:
            exact[role].add(match_spans([getattr(p, role) for p in pred], [getattr(g, role) for g in gold], False))
            partial[role].add(match_spans([getattr(p, role) for p in pred], [getattr(g, role) for g in gold], True))
        score, unmatched_pred, unmatched_gold = match_attributions(pred, gold)
        attribution.add(score)
        by_article.append(score)
        by_publisher[article["publisher"]].add(score)
        for j in unmatched_gold:
            missed.append(_describe(article["name"], gold[j]))
            kinds[miss_kind(pred, gold[j])] += 1
        for i in unmatched_pred:
            spurious.append(_describe(article["name"], pred[i]))
    return {
        "exact": exact,
        "partial": partial,
        "attribution": attribution,
        "by_publisher": dict(by_publisher),
        "by_article": by_article,
        "missed": missed,
        "missed_kinds": dict(kinds),
        "spurious": spurious,
        "n_gold": n_gold,
    }


MISS_KINDS = {
    "source": "a claim has its content, with another source or none",
    "content narrow": "a claim on its cue holds part of its content",
    "content wide": "a claim on its cue holds its content and more",
    "content elsewhere": "a claim on its cue holds other words",
    "no claim": "no claim has its cue or its content",
}


def miss_kind(pred: list[Attribution], g: Attribution) -> str:
    """Why gold attribution `g` went unmatched (`MISS_KINDS`): the wrong source, a content drawn
    too narrow, too wide or elsewhere by a claim on the same cue, or no claim at all."""
    if any(overlap(p.content, g.content) >= 0.5 for p in pred):
        return "source"
    on_cue = [p for p in pred if p.cue & g.cue]
    if not on_cue:
        return "no claim"
    best = max(on_cue, key=lambda p: len(p.content & g.content))
    if not best.content & g.content:
        return "content elsewhere"
    return "content narrow" if len(best.content) < len(g.content) else "content wide"


NO_CLAIM_REASONS = {
    "dropped, right": "proposed, and dropped by the claim model: a proposal would have matched",
    "dropped": "proposed with another content or source, and dropped by the claim model",
    "nested": "proposed only inside another claim (not scored)",
    "verb under": "a verb the cue model does not take for a cue",
    "verb over": "a verb it takes, with no complement the patterns read",
    "noun": "a noun or a name heads the cue",
    "auxiliary": "an auxiliary or a copula heads the cue",
    "preposition": "a preposition heads the cue",
    "other": "another word heads the cue",
    "no cue": "the annotator marked no cue",
}


def no_claim_reason(doc, gold: Attribution, proposals: list[tuple[dict, Attribution]], model) -> str:
    """Why `gold` has no claim (`NO_CLAIM_REASONS`), given every claim the component proposes
    with no keep threshold, each with its attribution (`proposals`), and the attribution model."""
    mine = [(c, a) for c, a in proposals if gold.cue & set(range(c["cue_start"], c["cue_end"])) or agrees(a, gold)]
    top = [a for c, a in mine if c.get("parent") is None]
    if any(agrees(a, gold) for a in top):
        return "dropped, right"
    if top:
        return "dropped"
    if mine:
        return "nested"
    if not gold.cue:
        return "no cue"
    span = doc.char_span(min(gold.cue), max(gold.cue) + 1, alignment_mode="expand")
    head = span.root if span is not None else None
    if head is not None and head.pos_ == "VERB":
        return "verb over" if model.is_cue(head) else "verb under"
    pos = head.pos_ if head is not None else ""
    return {"NOUN": "noun", "PROPN": "noun", "AUX": "auxiliary", "ADP": "preposition"}.get(pos, "other")


def _print_no_claim(articles: list[dict], docs: list, predicted: list[list[Attribution]]) -> None:
    """The misses with no claim, by why (`no_claim_reason`), and what the claim model dropped."""
    # lazy: the attribution component is needed only to propose claims with no keep threshold
    from assets.extract.attribution.component import AttributionFinder

    # lazy: as above
    from assets.extract.attribution.model import attribution_model, using

    model = attribution_model()
    if model is None:
        return
    reasons: dict[str, int] = defaultdict(int)
    dropped = dropped_right = 0
    finder = AttributionFinder()
    with using(dataclasses.replace(model, keep_threshold=0.0)):
        for article, doc, pred in zip(articles, docs, predicted, strict=True):
            kept = doc._.claims, doc._.sources
            proposals = [(c, attribution_of(doc.text, c)) for c in finder(doc)._.claims]
            doc._.claims, doc._.sources = kept
            for g in article["gold"]:
                if miss_kind(pred, g) == "no claim":
                    reasons[no_claim_reason(doc, g, proposals, model)] += 1
            for c, a in proposals:
                if c.get("parent") is None and (c.get("confidence") or 0.0) < model.keep_threshold:
                    dropped += 1
                    dropped_right += any(agrees(a, g) for g in article["gold"])
    print(f"\nno claim, by why ({sum(reasons.values())} in all):")
    for reason, meaning in NO_CLAIM_REASONS.items():
        print(f"  {reason:<20} {reasons.get(reason, 0):5d}  {meaning}")
    print(f"the claim model dropped {dropped} proposals, of which {dropped_right} match an attribution")


def _describe(name: str, a: Attribution) -> str:
    content = a.text["content"]
    content = content if len(content) <= 110 else content[:107] + "…"
    return f"[{name[:40]}] source={a.text['source']!r} cue={a.text['cue']!r} content={content!r}"
