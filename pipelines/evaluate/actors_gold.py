"""`newsclaims eval actors-gold GOLD.json`: the actors of a hand-annotated article.

The gold file (the shared material's `gold/*.json`) names the article it annotates and lists
its actors with type, ISO 3166-1 alpha-3 code and the spans that mention them, plus
`not_actors`: spans that must not be typed as a person or an organization. The article runs
through the whole pipeline (corpus-wide `actors` step included) into a temporary warehouse;
each gold actor counts as found when the actor its mentions resolve to has the gold type and
code. Optional actors are reported but do not fail the check.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

from assets.core.parts import read_current
from assets.core.settings import NewsclaimsSettings
from pipelines.run import run_pipeline


def check(gold: dict, actors, mentions) -> tuple[list[str], int]:
    """Report lines and the number of failures (non-optional actors wrong, not_actors typed)."""
    by_id = actors.set_index("actor_id")
    lines, failures = [], 0
    for g in gold["actors"]:
        ids = Counter()
        missing = []
        for text in g["mentions"]:
            bare = re.sub(r"^the\s+", "", text.strip(), flags=re.I).lower()  # mentions drop 'the'
            hit = mentions[mentions["text"].str.lower().isin({text.lower(), bare})]
            if hit.empty:
                hit = mentions[mentions["text"].str.lower().str.contains(text.lower(), regex=False)]
            if hit.empty:
                missing.append(text)
            ids.update(hit["actor_id"])
        tag = "optional" if g.get("optional") else "required"
        if not ids:
            lines.append(f"MISSING {tag:<8} {g['name']}: no mention of {g['mentions']}")
            failures += not g.get("optional")
            continue
        actor = by_id.loc[ids.most_common(1)[0][0]]
        code = actor["country_code"]
        got = (actor["actor_type"], code if isinstance(code, str) and code else None)
        want = (g["type"], g.get("country_code"))
        ok = got == want and not missing and len(ids) == 1
        problems = []
        if got != want:
            problems.append(f"got {got[0]}/{got[1]}, want {want[0]}/{want[1]}")
        if missing:
            problems.append(f"mentions not found: {missing}")
        if len(ids) > 1:
            problems.append(f"mentions split over {len(ids)} actors: {sorted(by_id.loc[list(ids), 'name'])}")
        status = "OK" if ok else "WRONG"
        lines.append(
            f"{status:<7} {tag:<8} {g['name']:<20} → {actor['name']} ({got[0]}, {got[1]})"
            + (f"  [{'; '.join(problems)}]" if problems else "")
        )
        failures += (not ok) and not g.get("optional")
    typed = mentions.merge(actors[["actor_id", "actor_type"]], on="actor_id")
    for text in gold.get("not_actors", []):
        kinds = sorted(set(typed.loc[typed["text"] == text, "actor_type"]))
        bad = [k for k in kinds if k in {"person", "organization"}]
        lines.append(f"{'WRONG' if bad else 'OK':<7} not_actor {text!r} typed as {kinds or 'nothing'}")
        failures += bool(bad)
    return lines, failures


def evaluate(args: argparse.Namespace) -> int:

    gold_path = Path(args.file)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = (gold_path.parent.parent / gold["article_file"]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        settings = NewsclaimsSettings(warehouse_dir=str(Path(tmp) / "wh"), model=args.model or "")
        outcome = run_pipeline(settings, [str(article)])
        if not outcome.ok:
            print(f"the pipeline failed: {outcome.errors or outcome.blocking_failures}")
            return 1
        actors = read_current(settings.warehouse, "actors").to_pandas()
        mentions = read_current(settings.warehouse, "actor_mentions").to_pandas()
    lines, failures = check(gold, actors, mentions)
    print(f"actors of {article.name} against {gold_path.name}")
    print("\n".join(lines))
    n = sum(not g.get("optional") for g in gold["actors"])
    print(f"\nfailures (required actors wrong or not_actors mistyped): {failures}; required actors: {n}")
    return 0 if failures == 0 else 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("actors-gold", help="the actors of a hand-annotated article (gold/*.json)")
    parser.add_argument("file", help="a gold file such as ../shared/gold/000_a6ed7df8564663cf.json")
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's)")
    parser.set_defaults(handler=evaluate)
