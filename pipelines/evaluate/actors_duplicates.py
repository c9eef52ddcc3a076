"""`newsclaims eval actors-duplicates WAREHOUSE`: actors that are likely one party, and their share.

Two actors are duplicate candidates when their names are the same once case, accents,
punctuation, 'the' and a plural 's' are set aside ('Houthi' and 'Houthis', 'Minetest' as an
organization and as a place) and they may be one party (`may_merge`: never a country with
anything else, nor a person with a group, nor a curated name with another spelling). The share, candidates beyond the first of each set
over all actors, is the figure to follow over time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from assets.core.parts import read_current
from assets.tables.actor_ids import may_merge, merge_key


def duplicate_sets(actors: pd.DataFrame) -> list[pd.DataFrame]:
    """The sets of actors sharing a merge key with compatible types, most mentioned first."""
    actors = actors.assign(merge=actors["name"].map(merge_key))
    out = []
    for _, group in actors[actors["merge"] != ""].groupby("merge", sort=False):
        if len(group) < 2:
            continue
        rows = list(zip(group["name"], group["actor_type"]))
        if any(may_merge(*a, *b) for i, a in enumerate(rows) for b in rows[i + 1 :]):
            out.append(group.sort_values("n_mentions", ascending=False))
    return sorted(out, key=lambda g: -int(g["n_mentions"].sum()))


def evaluate(args: argparse.Namespace) -> int:
    actors = read_current(Path(args.warehouse), "actors").to_pandas()
    sets = duplicate_sets(actors)
    extra = sum(len(g) - 1 for g in sets)
    share = extra / len(actors) if len(actors) else 0.0
    print(f"actors {len(actors)}  duplicate sets {len(sets)}  duplicate candidates {extra}  share {share:.2%}")
    for g in sets[: args.sample]:
        print("  " + " | ".join(f"{r.name} ({r.actor_type}, {r.country_code}, {r.n_mentions})" for r in g.itertuples()))
    if args.top:
        print(f"\ntop {args.top} actors by mentions:")
        for r in actors.head(args.top).itertuples():
            print(f"  {r.n_mentions:>5}  {r.name:<40} {r.actor_type:<13} {r.country_code}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("actors-duplicates", help="duplicate candidates among a warehouse's actors")
    parser.add_argument("warehouse", help="a warehouse folder holding actors.parquet")
    parser.add_argument("--sample", type=int, default=30, help="print this many duplicate sets (0: none)")
    parser.add_argument("--top", type=int, default=30, help="list the most mentioned actors (0: none)")
    parser.set_defaults(handler=evaluate)
