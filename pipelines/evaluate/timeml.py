"""`newsclaims eval timeml PATH`: time expressions scored against TimeML gold (TempEval-3).

Each `.tml` file's TEXT element, tags stripped, is the article text and its document creation
time (DCT) is the publication time, so relative expressions are anchored on the DCT's date,
exactly as the pipeline anchors an article without a dateline. The documents run through the
project's full spaCy pipeline (`load_pipeline`); the model's own part of the parse is cached on
disk, keyed by model and text, so re-runs after a change to the project's components are quick
and give the same figures as a cold run (`--no-cache`).

Scores follow ../shared/README.md: relaxed match = the spans overlap; strict = identical trimmed
spans; type and value F1 count relaxed matches whose TIMEX3 type (value) is equal, with precision
over all predicted and recall over all gold expressions.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assets.core.settings import default_model

from .parsing import parse_articles
from .scoring import Score

METRICS = ("relaxed", "strict", "type", "value")


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    timex_type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: datetime | None
    timexes: list[GoldTimex] = field(default_factory=list)


# --- reading TimeML ------------------------------------------------------------------------


def read_timeml(path: Path) -> TimeMLDoc:
    """The TEXT element's plain text, its TIMEX3 annotations as character spans, and the DCT."""
    root = ET.parse(path).getroot()
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(tx.get("value", ""))
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    if text_el is not None:
        _walk(text_el, parts, timexes, is_root=True)
    text = "".join(parts)
    return TimeMLDoc(path.stem, text, dct, [t for t in timexes if t.end > t.start])


def _walk(el: ET.Element, parts: list[str], timexes: list[GoldTimex], is_root: bool = False) -> None:
    start = sum(map(len, parts))
    parts.append(el.text or "")
    for child in el:
        _walk(child, parts, timexes)
    if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
        end = sum(map(len, parts))
        raw = "".join(parts)[start:end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        timexes.append(GoldTimex(start + lead, start + trail, raw.strip(), el.get("type", ""), el.get("value", "")))
    if not is_root:
        parts.append(el.tail or "")


def _parse_dct(value: str) -> datetime | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):(\d{2}))?", value)
    if not m:
        return None
    y, mo, d = map(int, m.group(1, 2, 3))
    hh, mm = int(m.group(4) or 0), int(m.group(5) or 0)
    try:
        return datetime(y, mo, d, hh, mm)
    except ValueError:
        return None


def timeml_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.tml")) if p.is_dir() else [p])
    return out


# --- running the pipeline ------------------------------------------------------------------


def predict(docs: list[TimeMLDoc], model: str, cache: bool) -> tuple[list[list[dict]], float, float]:
    """`doc._.timexes` for each document from the full pipeline; also the seconds spent in
    the time-expression component and in the whole run."""
    from assets.extract.rows import anchor_of  # lazy: spaCy loads only when evaluating

    started = time.perf_counter()
    items = []
    for item in docs:
        anchor = anchor_of({"published_at": item.dct, "dateline_date": None})
        items.append((item.text, anchor.isoformat() if anchor else None))
    timings: dict[str, float] = {}
    parsed = parse_articles(items, model, cache=cache, timings=timings)
    results = [list(doc._.timexes or []) for doc in parsed]
    return results, timings.get("newsclaims_timex", 0.0), time.perf_counter() - started


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Miss:
    kind: str  # missed, spurious, value, type
    doc: str
    text: str
    gold: str
    predicted: str
    context: str


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(item: TimeMLDoc, predicted: list[dict]) -> tuple[dict[str, Score], list[Miss]]:
    gold = item.timexes
    pred = predicted
    scores = {m: Score(n_pred=len(pred), n_gold=len(gold)) for m in METRICS}
    misses: list[Miss] = []
    text = item.text

    def context(start: int, end: int) -> str:
        left = text[max(0, start - 40) : start].replace("\n", " ")
        right = text[end : end + 40].replace("\n", " ")
        return f"…{left}[{text[start:end]}]{right}…"

    def trimmed(start: int, end: int) -> tuple[int, int]:
        from assets.extract.spans import TRIM_CHARS  # lazy: spaCy loads only when evaluating

        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        return start, end

    pairs = [
        (i, j)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if _overlaps(p["start"], p["end"], g.start, g.end)
    ]
    checks = {
        "relaxed": lambda p, g: True,
        "strict": lambda p, g: trimmed(p["start"], p["end"]) == trimmed(g.start, g.end),
        "type": lambda p, g: p["timex_type"] == g.timex_type,
        "value": lambda p, g: p["value"] == g.value,
    }
    for metric, ok in checks.items():
        good = [(i, j) for i, j in pairs if ok(pred[i], gold[j])]
        scores[metric].tp_pred = len({i for i, _ in good})
        scores[metric].tp_gold = len({j for _, j in good})
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    for j, g in enumerate(gold):
        if j not in matched_gold:
            misses.append(Miss("missed", item.name, g.text, f"{g.timex_type} {g.value}", "", context(g.start, g.end)))
    for i, p in enumerate(pred):
        if i not in matched_pred:
            misses.append(
                Miss(
                    "spurious",
                    item.name,
                    p["text"],
                    "",
                    f"{p['timex_type']} {p['value']}",
                    context(p["start"], p["end"]),
                )
            )
    for j, g in enumerate(gold):
        overlapping = [pred[i] for i, jj in pairs if jj == j]
        if overlapping and not any(p["value"] == g.value for p in overlapping):
            p = overlapping[0]
            misses.append(
                Miss(
                    "value",
                    item.name,
                    f"{p['text']} / gold {g.text}",
                    f"{g.timex_type} {g.value}",
                    f"{p['timex_type']} {p['value']}",
                    context(g.start, g.end),
                )
            )
    return scores, misses


def evaluate(paths: list[str], model: str, cache: bool = True, limit: int | None = None) -> dict:
    files = timeml_files(paths)[: limit or None]
    docs = [read_timeml(f) for f in files]
    predicted, timex_seconds, total_seconds = predict(docs, model, cache)
    totals = {m: Score() for m in METRICS}
    misses: list[Miss] = []
    for item, pred in zip(docs, predicted):
        scores, doc_misses = score_document(item, pred)
        for m in METRICS:
            totals[m].add(scores[m])
        misses.extend(doc_misses)
    return {
        "n_docs": len(docs),
        "scores": totals,
        "misses": misses,
        "timex_seconds": timex_seconds,
        "total_seconds": total_seconds,
        "cached": cache,
    }


# --- the command ---------------------------------------------------------------------------


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "timeml",
        help="time expressions against TimeML gold (TempEval-3 TBAQ): relaxed, strict, type and value F1",
    )
    parser.add_argument("paths", nargs="+", help=".tml files or folders holding them (searched recursively)")
    parser.add_argument("--model", default=None, help="spaCy model (default: the pipeline's default)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--misses", type=int, default=15, help="show up to K misses of each kind (default 15)")
    parser.add_argument("--no-cache", action="store_true", help="parse every document afresh")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"newsclaims eval timeml: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = evaluate(args.paths, args.model or default_model(), not args.no_cache, args.limit)
    if not result["n_docs"]:
        print("newsclaims eval timeml: no .tml documents found", file=sys.stderr)
        return 2
    print(report(result, args.misses))
    return 0


def report(result: dict, n_misses: int = 15) -> str:
    n = result["n_docs"]
    lines = [f"TimeML time expressions: {n} document{'' if n == 1 else 's'}"]
    for metric in METRICS:
        lines.append(result["scores"][metric].row(f"{metric} F1"))
    share = result["timex_seconds"] / result["total_seconds"] if result["total_seconds"] else 0.0
    cached = "; the model's parses may come from the cache" if result.get("cached") else ""
    lines.append(
        f"time: {result['total_seconds']:.1f} s in all, {result['timex_seconds']:.2f} s in newsclaims_timex "
        f"({share:.1%}{cached})"
    )
    by_kind: dict[str, list[Miss]] = {}
    for miss in result["misses"]:
        by_kind.setdefault(miss.kind, []).append(miss)
    titles = {
        "missed": "false negatives (gold not found)",
        "spurious": "false positives (found, not gold)",
        "value": "wrong values (span found, value differs)",
    }
    for kind, title in titles.items():
        items = by_kind.get(kind, [])
        lines.append(f"\n{title}: {len(items)}")
        for miss in items[:n_misses]:
            gold = f" gold {miss.gold}" if miss.gold else ""
            pred = f" predicted {miss.predicted}" if miss.predicted else ""
            lines.append(f"  {miss.doc}: {miss.text!r}{gold}{pred}\n      {miss.context}")
    return "\n".join(lines)
