"""`newsclaims eval …`: score the extractors on annotated corpora.

Each evaluation is a module here with `register(subparsers)`; scores follow the conventions
of the shared material's README (exact and partial span F1, attribution F1, TIMEX3 value F1).
"""

from __future__ import annotations

import importlib

EVALUATIONS: tuple[str, ...] = ("polnear", "timeml", "conll", "actors_gold", "actors_duplicates")


def register(commands) -> None:
    parser = commands.add_parser("eval", help="score the extractors on an annotated corpus")
    corpora = parser.add_subparsers(dest="corpus", required=True)
    for name in EVALUATIONS:
        importlib.import_module(f"{__name__}.{name}").register(corpora)
