"""The spaCy pipeline newsclaims runs: the chosen model plus the project's four components (five
in the accurate profile, whose word-piece tagger runs before the attributions)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..core.environment import profile as current_profile

# Importing the component modules registers their factories.
from .actors import component as _actors  # noqa: F401
from .attribution import component as _attribution  # noqa: F401
from .attribution import tagger_component as _tagger  # noqa: F401
from .paragraphs import paragraph_starts as _paragraphs  # noqa: F401
from .timex import component as _timex  # noqa: F401

COMPONENTS = ("newsclaims_actors", "newsclaims_timex", "newsclaims_attributions")
TAGGER = "newsclaims_tagger"  # the accurate profile's, before the attributions
# Runs before the parser, whose sentence starts it sets; the others read the parse.
BEFORE_PARSER = "newsclaims_paragraphs"


def load_pipeline(model: str) -> Language:
    """The model with the paragraph component before its parser and the others appended, for
    the environment's profile (`NEWSCLAIMS_PROFILE`)."""
    return _load_pipeline(model, current_profile())


@lru_cache(maxsize=2)
def _load_pipeline(model: str, profile: str) -> Language:
    nlp = spacy.load(model)
    add_components(nlp, profile)
    return nlp


def project_pipes(nlp: Language) -> list[str]:
    """The project's components that run on the parse, in order."""
    return [name for name in nlp.pipe_names if name in (*COMPONENTS, TAGGER)]


def add_components(nlp: Language, profile: str = "default") -> Language:
    if BEFORE_PARSER not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(BEFORE_PARSER, before="parser")
        else:
            nlp.add_pipe(BEFORE_PARSER, first=True)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    if profile == "accurate" and TAGGER not in nlp.pipe_names:
        nlp.add_pipe(TAGGER, before="newsclaims_attributions")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def pipeline_version(nlp: Language) -> str:
    """The spaCy model's version, with "+accurate" where the accurate profile's tagger ran."""
    return model_version(nlp) + ("+accurate" if TAGGER in nlp.pipe_names else "")
