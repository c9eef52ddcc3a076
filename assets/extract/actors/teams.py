"""Sports teams: the names in results lines and fixtures, and those names wherever else the report uses them.

'Ayr 6 Berwick 0', 'May 20 v Durham', 'Essex v Kent': names before scores or beside 'v' are
teams, not the towns or counties they are named after. A report that names a team so uses the
name for the team elsewhere too ('Essex, however, look certain to regain the lead'), so its
other occurrences the model left unlabelled are the team as well. A golfer's line of scores
('Ian Woosnam 70 76 71 70 288') is no team's: spans that overlap a person's name the model found
are left out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..gazetteer import gazetteer
from .boundaries import SMALL_WORDS, results_table_teams

VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus"})


def team_spans(doc: Doc, people: list[Span], taken: set[int]) -> list[Span]:
    """The teams of a sports report, without overlaps, with their other unlabelled occurrences.

    `people`: the model's person names; `taken`: tokens of the model's other entities, which
    the repeated occurrences must not overlap.
    """
    found = [t for t in results_table_teams(doc) + fixture_teams(doc) if not _overlaps(t, people)]
    if not found:
        return []
    chosen: list[Span] = []
    used: set[int] = set()
    for span in sorted(found, key=lambda s: (s.start, -len(s))):
        if not any(t.i in used for t in span):
            chosen.append(span)
            used.update(t.i for t in span)
    names = {span.text for span in chosen if len(span.text) >= 4}
    if names:
        for span in _occurrences(doc, names):
            if not any(t.i in used or t.i in taken for t in span):
                chosen.append(span)
                used.update(t.i for t in span)
    return chosen


def fixture_teams(doc: Doc) -> list[Span]:
    """Type the names on either side of 'v' or 'vs' ('May 20 v Durham', 'Essex v Kent') as teams.

    A capitalised run of up to four words right before or after the word; countries stay
    countries, as in a results line.
    """
    out = []
    gaz = gazetteer()
    for t in doc:
        if t.lower_ not in VERSUS or (t.lower_ == "v" and t.text != "v"):
            continue
        for span in (_capitalised_run(doc, t.i - 1, -1), _capitalised_run(doc, t.i + 1, 1)):
            if span is not None and not gaz.country(span.text, loose=False) and span.text.lower() not in SMALL_WORDS:
                out.append(span)
    return out


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


def _occurrences(doc: Doc, names: set[str]) -> list[Span]:
    """Every token run whose text is one of `names`, in title case as written."""
    firsts: dict[str, list[str]] = {}
    for name in names:
        firsts.setdefault(name.split()[0], []).append(name)
    out = []
    for t in doc:
        for name in firsts.get(t.text, ()):
            end = t.i + len(name.split())
            if end <= len(doc) and doc[t.i : end].text == name:
                out.append(doc[t.i : end])
    return out


def _capitalised_run(doc: Doc, i: int, step: int) -> Span | None:
    idx = []
    while 0 <= i < len(doc) and len(idx) < 4 and doc[i].is_alpha and (doc[i].is_title or doc[i].is_upper):
        if "\n" in doc[i].whitespace_ and step == 1 and idx:
            break
        idx.append(i)
        i += step
    if not idx:
        return None
    return doc[min(idx) : max(idx) + 1]
