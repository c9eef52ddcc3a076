"""`newsclaims eval conll FILE`: mention-level NER F1 of the actor layer on CoNLL-2003.

Each `-DOCSTART-` segment becomes one document: tokens joined by spaces, sentences by
newlines, so every gold entity keeps exact character offsets. The project's whole spaCy
pipeline runs on it and the actor mentions (`doc._.actor_mentions`) are mapped onto the
CoNLL tag set:

* person → PER; organization, media_outlet → ORG; country, location → LOC;
* group ("Ukrainians") and every mention the model found as NORP ("German" in "German
  officials", typed country by the actor layer) → MISC, which is not scored: CoNLL tags
  nationalities MISC and our `group` type has no PER/ORG/LOC counterpart; but a country's
  own name the model labelled NORP ("Tajikistan", typed country) is a LOC;
* anaphoric mentions the layer adds ("the newspaper", "the Alliance") → not scored:
  CoNLL annotates names only.

Scores are exact-span, exact-type precision, recall and F1 per type and micro-averaged over
PER/ORG/LOC (gold MISC is left out as well). Use eng.train for tuning and eng.testa to
measure; testb is held out.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .parsing import parse_articles
from .scoring import Score

TYPES = ("PER", "ORG", "LOC")
TYPE_TO_CONLL = {
    "person": "PER",
    "organization": "ORG",
    "media_outlet": "ORG",
    "country": "LOC",
    "location": "LOC",
    "group": "MISC",
}
UNSCORED_LABELS = {"NORP", "ANAPHOR"}


@dataclass
class ConllDoc:
    text: str
    gold: set[tuple[int, int, str]] = field(default_factory=set)


def read_conll(path: Path) -> list[ConllDoc]:
    """CoNLL-2003 (IOB1 or BIO) → documents with gold (start, end, type) character spans."""
    docs: list[ConllDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def close_doc() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_document(sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close_doc()
        elif not line.strip():
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
        else:
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
    close_doc()
    return docs


def _document(sentences: list[list[tuple[str, str]]]) -> ConllDoc:
    pieces: list[str] = []
    gold: set[tuple[int, int, str]] = set()
    offset = 0
    for s_i, sent in enumerate(sentences):
        if s_i:
            pieces.append("\n")
            offset += 1
        current: list | None = None  # [start, end, type]
        for t_i, (word, tag) in enumerate(sent):
            if t_i:
                pieces.append(" ")
                offset += 1
            start, end = offset, offset + len(word)
            pieces.append(word)
            offset = end
            kind = tag[2:] if tag != "O" else None
            if kind and current and current[2] == kind and not tag.startswith("B-"):
                current[1] = end
                continue
            if current:
                gold.add(tuple(current))
            current = [start, end, kind] if kind else None
        if current:
            gold.add(tuple(current))
    return ConllDoc("".join(pieces), gold)


def predicted_spans(doc) -> set[tuple[int, int, str]]:
    # lazy: the gazetteer loads its data on first use
    from assets.extract.gazetteer import gazetteer

    gaz = gazetteer()
    out = set()
    for m in doc._.actor_mentions or []:
        if m["label"] in UNSCORED_LABELS and not (m["label"] == "NORP" and _country_name(gaz, m)):
            continue
        kind = TYPE_TO_CONLL.get(m["type"])
        if kind in TYPES:
            out.add((m["start"], m["end"], kind))
    return out


def _country_name(gaz, mention: dict) -> bool:
    """'Tajikistan' that the model labelled NORP: a country's name, not its adjective ('Tajik')."""
    text = mention["text"]
    return mention["type"] == "country" and gaz.demonym(text) is None and gaz.country(text, loose=False) is not None


def score(docs: list[ConllDoc], parsed: list) -> tuple[dict[str, Score], list[tuple[str, str, str]]]:
    """Per-type scores plus `overall`, and (kind, type, context) rows of every error."""
    scores = {t: Score() for t in (*TYPES, "overall")}
    errors: list[tuple[str, str, str]] = []
    for gold_doc, doc in zip(docs, parsed, strict=True):
        gold = {g for g in gold_doc.gold if g[2] in TYPES}
        pred = predicted_spans(doc)
        for kind in TYPES:
            g = {x for x in gold if x[2] == kind}
            p = {x for x in pred if x[2] == kind}
            s = Score(tp_pred=len(p & g), n_pred=len(p), tp_gold=len(p & g), n_gold=len(g))
            scores[kind].add(s)
            scores["overall"].add(s)
        spans_gold = {(s, e): t for s, e, t in gold}
        for s, e, t in sorted(gold - pred):
            got = next((pt for ps, pe, pt in pred if (ps, pe) == (s, e)), None)
            errors.append(("missed" if got is None else f"typed {got}", t, _context(gold_doc.text, s, e)))
        for s, e, t in sorted(pred - gold):
            if (s, e) not in spans_gold:
                errors.append(("spurious", t, _context(gold_doc.text, s, e)))
    return scores, errors


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


def evaluate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        print(f"no such file: {path}")
        return 2
    docs = read_conll(path)
    if args.limit:
        docs = docs[: args.limit]
    parsed = parse_articles([(d.text, None) for d in docs], model=args.model, cache=not args.no_cache)
    scores, errors = score(docs, parsed)
    print(f"CoNLL-2003 {path.name}: {len(docs)} documents, mention-level exact match")
    for name in (*TYPES, "overall"):
        print(scores[name].row(name))
    kinds = Counter((k, t) for k, t, _ in errors)
    print("\nerrors by kind: " + ", ".join(f"{k} {t}: {n}" for (k, t), n in kinds.most_common()))
    if args.sample:
        rng = random.Random(0)
        print(f"\na sample of {args.sample} errors:")
        for kind, t, ctx in rng.sample(errors, min(args.sample, len(errors))):
            print(f"  {kind:<10} gold/pred {t:<4} {ctx}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("conll", help="actor mentions vs CoNLL-2003 PER/ORG/LOC (mention-level F1)")
    parser.add_argument("file", help="a CoNLL-2003 file such as ../shared/eval/conll2003/eng.testa")
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    parser.add_argument("--sample", type=int, default=25, help="print this many errors (0: none)")
    parser.add_argument("--no-cache", action="store_true", help="parse again instead of using the cached parse")
    parser.set_defaults(handler=evaluate)
