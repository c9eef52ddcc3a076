"""The spaCy pipeline newsclaims runs: the chosen model plus the project's three components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories.
from .actors import component as _actors  # noqa: F401
from .attribution import component as _attribution  # noqa: F401
from .timex import component as _timex  # noqa: F401

COMPONENTS = ("newsclaims_actors", "newsclaims_timex", "newsclaims_attributions")


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Language:
    """The model with the actor, time-expression and attribution components appended."""
    nlp = spacy.load(model)
    add_components(nlp)
    return nlp


def add_components(nlp: Language) -> Language:
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
