"""Sports teams: the names in results lines and fixtures, and those names wherever else the report uses them.

'Ayr 6 Berwick 0', 'May 20 v Durham', 'Essex v Kent': names before scores or beside 'v' are
teams, not the towns or counties they are named after. A report that names a team so uses the
name for the team elsewhere too ('Essex, however, look certain to regain the lead'), so its
other occurrences the model left unlabelled are the team as well. A golfer's line of scores
('Ian Woosnam 70 76 71 70 288') is no team's: spans that overlap a person's name the model found
are left out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..gazetteer import gazetteer
from ..knowledge import directory
from .boundaries import SMALL_WORDS, results_table_teams
from .keys import actor_key

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


CONTEST_VERBS = lexicons.words("contest_verbs")
# 'victory over Somerset', 'win against Durham': the nouns and verbs of winning before the preposition.
WINS = frozenset({"win", "victory", "triumph", "defeat", "draw", "loss"})


def contest_teams(doc: Doc, mentions: list[dict]) -> None:
    """Type as teams, in place, the places and one-word 'people' that beat, face or draw with others.

    'Essex beat Kent', 'victory over Somerset', 'a 2-1 defeat to Nice': a town or
    county in a contest is its team, and so is its every other mention in the article. Countries,
    curated names and people named in full are left alone.
    """
    surnames = {m["name"].split()[-1] for m in mentions if m["type"] == "person" and " " in m["name"]}
    found: set[str] = set()
    for m in mentions:
        if not _team_like(m, surnames):
            continue
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is not None and _in_contest(span.root):
            found.add(m["text"])
    if not found:
        return
    for m in mentions:
        if m["text"] in found and _team_like(m, surnames):
            m.update(
                type="organization",
                name=m["text"],
                country_code=None,
                country_source=None,
                key=actor_key("organization", m["text"], None),
            )
            m.pop("title", None)


def _team_like(m: dict, surnames: set[str]) -> bool:
    if m["label"] == "ANAPHOR" or directory().lookup(m["text"]) is not None:
        return False
    if m["type"] == "location":
        return True
    return m["type"] == "person" and " " not in m["text"] and m["text"] not in surnames


def _in_contest(root: Token) -> bool:
    head = root.head
    if root.dep_ in {"nsubj", "dobj"} and head.pos_ == "VERB" and head.lemma_ in CONTEST_VERBS:
        return True
    return root.dep_ == "pobj" and head.lower_ in {"over", "against", "to"} and head.head.lemma_ in WINS
