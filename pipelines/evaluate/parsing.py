"""Parse evaluation texts with the project's pipeline, caching the model's part.

The statistical model (tagger, parser, NER) is the slow part and does not change while the
project's rule components are tuned, so its output is cached as a DocBin keyed by model and
text; the project's components then run on the cached docs exactly as they run in the
pipeline. The figures are those of the full pipeline.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tqdm import tqdm

CACHE = Path(os.environ.get("NEWSCLAIMS_CACHE", Path.home() / ".cache" / "newsclaims" / "parses"))


def parse_articles(items: list[tuple[str, str | None]], model: str | None = None, cache: bool = True) -> list:
    """Docs for (text, anchor ISO date) pairs, through the whole project pipeline."""
    from spacy.tokens import DocBin

    from assets.extract.pipeline import COMPONENTS, load_pipeline
    from pipelines.settings import default_model

    model = model or default_model()
    nlp = load_pipeline(model)
    texts = [t for t, _ in items]
    key = hashlib.sha256(("\0".join(texts) + model + nlp.meta.get("version", "")).encode()).hexdigest()[:20]
    path = CACHE / f"{key}.spacy"
    base = [name for name in nlp.pipe_names if name not in COMPONENTS]
    if cache and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(enable=base):
            docs = list(tqdm(nlp.pipe(texts, batch_size=32), total=len(texts), desc="parsing", disable=None))
        if cache:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(path)
    out = []
    for doc, (_, anchor) in zip(docs, items, strict=True):
        doc._.anchor_date = anchor
        for name in COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
        out.append(doc)
    return out
