"""The `newsclaims_tagger` component of the accurate profile: runs the word-piece tagger over
each doc's text and leaves its probabilities for the attribution models (`tagger_probs.py`)."""

from __future__ import annotations

import multiprocessing
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .tagger_probs import set_probabilities


@Language.factory("newsclaims_tagger")
def make_tagger(nlp: Language, name: str) -> TaggerComponent:
    """Build the `newsclaims_tagger` component (the tagger loads on the first doc)."""
    return TaggerComponent()


@lru_cache(maxsize=1)
def _tagger():
    import torch  # lazy: torch comes with the [accurate] extra

    from .tagger import Tagger  # lazy: with torch

    if multiprocessing.parent_process() is not None:
        torch.set_num_threads(1)  # one parser process a core: threads of their own would fight
    return Tagger()


class TaggerComponent:
    def __call__(self, doc: Doc) -> Doc:
        set_probabilities(doc, *_tagger().probabilities(doc.text))
        return doc
