"""`newsclaims train …`: rebuild the models and data files the extractors ship with, from training splits.

Each trainer is a module here with `register(subparsers)`.
"""

from __future__ import annotations

import importlib

TRAINERS: tuple[str, ...] = ("attribution", "tagger")


def register(commands) -> None:
    parser = commands.add_parser("train", help="rebuild a model from its training corpus")
    models = parser.add_subparsers(dest="model", required=True)
    for name in TRAINERS:
        importlib.import_module(f"{__name__}.{name}").register(models)
