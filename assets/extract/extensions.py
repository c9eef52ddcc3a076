"""Register the Doc attributes the components fill, and keep one odd article from stopping a batch.

Values are plain lists of dicts so that docs pickle across `nlp.pipe(n_process=…)`.
"""

import functools
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

ATTRIBUTES = ("anchor_date", "actor_mentions", "timexes", "claims", "sources", "errors")

for _name in ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


Call = Callable[[Any, Doc], Doc]  # a component's __call__, self first


def guarded(*attributes: str) -> Callable[[Call], Call]:
    """Keep the article, and the failure, when a component raises on it.

    Decorates a component's `__call__`: on an exception its attributes are left empty and the
    error is kept in `doc._.errors`, so the article is still stored and the failure shows.
    """

    def wrap(call: Call) -> Call:
        @functools.wraps(call)
        def inner(self: Any, doc: Doc) -> Doc:
            try:
                return call(self, doc)
            except Exception as exc:  # noqa: BLE001 — reported through doc._.errors
                for attribute in attributes:
                    setattr(doc._, attribute, [])
                doc._.errors = [*(doc._.errors or []), f"{type(self).__name__}: {exc!r}"]
                return doc

        return inner

    return wrap
