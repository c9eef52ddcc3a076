"""The Doc attributes the components fill, registered in one place.

Values are plain lists of dicts so that docs pickle across `nlp.pipe(n_process=…)`.
"""

from spacy.tokens import Doc

ATTRIBUTES = ("anchor_date", "actor_mentions", "timexes", "claims", "sources")

for _name in ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
