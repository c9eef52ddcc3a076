"""Parse evaluation texts with the project's pipeline, caching the model's part.

The statistical model (tagger, parser, NER) is the slow part and does not change while the
project's rule components are tuned, so its output is cached per text as a DocBin keyed by
model version and text; the project's components then run on the cached docs exactly as they
run in the pipeline. The figures are those of the full pipeline (`cache=False` shows it).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from assets.core.settings import default_model

CACHE = Path(os.environ.get("NEWSCLAIMS_CACHE", Path.home() / ".cache" / "newsclaims" / "parses"))


def parse_articles(
    items: list[tuple[str, str | None]],
    model: str | None = None,
    cache: bool = True,
    timings: dict[str, float] | None = None,
) -> list:
    """Docs for (text, anchor ISO date) pairs, through the whole project pipeline.

    `timings`, when given, receives the seconds spent in each of the project's components.
    """
    from spacy.tokens import DocBin

    # lazy: spaCy loads only when parsing
    from assets.extract.pipeline import load_pipeline, model_version, project_pipes

    nlp = load_pipeline(model or default_model())
    project = project_pipes(nlp)
    base = [name for name in nlp.pipe_names if name not in project]
    # Keyed by the model and the pipes that run with it (the paragraph component shapes the parse).
    pipes = hashlib.sha256(",".join(base).encode()).hexdigest()[:8]
    folder = CACHE / re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{model_version(nlp)}-{pipes}")
    folder.mkdir(parents=True, exist_ok=True)
    spent: dict[str, float] = defaultdict(float)
    out = []
    for text, anchor in tqdm(items, desc="parsing", unit="doc", disable=None):
        path = folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()[:24]}.spacy"
        if cache and path.exists():
            doc = next(DocBin().from_disk(path).get_docs(nlp.vocab))
        else:
            with nlp.select_pipes(enable=base):
                doc = nlp(text)
            if cache:
                DocBin(store_user_data=False, docs=[doc]).to_disk(path)
        doc._.anchor_date = anchor
        for name in project:
            started = time.perf_counter()
            doc = nlp.get_pipe(name)(doc)
            spent[name] += time.perf_counter() - started
        out.append(doc)
    if timings is not None:
        timings.update(spent)
    return out
