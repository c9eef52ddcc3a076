"""The spaCy pipeline newsclaims runs: the chosen model plus the project's four components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories.
from .actors import component as _actors  # noqa: F401
from .attribution import component as _attribution  # noqa: F401
from .paragraphs import paragraph_starts as _paragraphs  # noqa: F401
from .timex import component as _timex  # noqa: F401

COMPONENTS = ("newsclaims_actors", "newsclaims_timex", "newsclaims_attributions")
# Runs before the parser, whose sentence starts it sets; the others read the parse.
BEFORE_PARSER = "newsclaims_paragraphs"


@lru_cache(maxsize=2)
def load_pipeline(model: str) -> Language:
    """The model with the paragraph component before its parser and the others appended."""
    nlp = spacy.load(model)
    add_components(nlp)
    return nlp


def add_components(nlp: Language) -> Language:
    if BEFORE_PARSER not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(BEFORE_PARSER, before="parser")
        else:
            nlp.add_pipe(BEFORE_PARSER, first=True)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
