"""Later mentions the model leaves unlabelled: a surname alone, an athlete before their country.

"Alexander Lebed … Lebed said": news names a person in full once and by surname after; the
model labels the later surname only now and then, so every occurrence of the surname of a
person the article names in full is a mention of them ('Estes, whose only win …'). In a results
list, two or three capitalised words right before a country in brackets ('Emilio Valle ( Cuba )
13.52') are an athlete.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .. import lexicons
from ..gazetteer import gazetteer
from ..knowledge import directory, given_name_lexicon
from .boundaries import SMALL_WORDS

ORG_WORDS = lexicons.words("organization_name_words")

SURNAME_MIN = 3  # a surname of fewer letters ('Ng', 'Li') is too often something else


def surname_repeats(doc: Doc, people: list[Span], taken: set[int]) -> list[Span]:
    """Occurrences of the surnames of people named in full, outside every other entity."""
    gaz = gazetteer()
    surnames = set()
    for span in people:
        last = span[-1]
        if (
            len(span) >= 2
            and last.is_alpha
            and last.is_title
            and len(last.text) >= SURNAME_MIN
            and last.lower_ not in SMALL_WORDS
            and not (gaz.country(last.text, loose=False) or gaz.place(last.text) or directory().lookup(last.text))
        ):
            surnames.add(last.text)
    out = []
    for t in doc:
        if t.text not in surnames or t.i in taken:
            continue
        before = doc[t.i - 1] if t.i > 0 else None
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if (before is not None and before.is_title and before.is_alpha and not before.is_sent_start) or (
            after is not None and after.is_title and after.is_alpha
        ):
            continue  # part of another name ('Tiger Woods', 'Woods Hole')
        out.append(doc[t.i : t.i + 1])
    return out


def athletes_before_country(doc: Doc, taken: set[int]) -> list[Span]:
    """'Emilio Valle ( Cuba ) 13.52': two or three capitalised words before a country in brackets.

    Not a name with a word of an organization's ('Dinamo Club ( Russia )') or a curated one; over
    the model's own entity ('Irina Privalova' labelled ORG, a results line's 'team') only when the
    name opens with a given name.
    """
    gaz = gazetteer()
    known = given_name_lexicon()
    out = []
    for t in doc:
        if t.text != "(" or t.i < 2 or t.i + 2 >= len(doc):
            continue
        close = next((j for j in range(t.i + 1, min(t.i + 5, len(doc))) if doc[j].text == ")"), None)
        if close is None or not gaz.country(doc[t.i + 1 : close].text, loose=False):
            continue
        i = t.i - 1
        while i >= 0 and t.i - i <= 3 and doc[i].is_alpha and doc[i].is_title:
            i -= 1
        span = doc[i + 1 : t.i]
        if len(span) < 2 or directory().lookup(span.text):
            continue
        if any(x.i in taken for x in span) and span[0].lower_ not in known:
            continue  # the model's entity stands unless the name opens with a given name
        if not any(x.lower_ in ORG_WORDS for x in span):
            out.append(span)
    return out
