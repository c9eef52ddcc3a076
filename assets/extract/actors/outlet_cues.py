"""Media outlets from the words around a name: "the Gazeta newspaper", "reported by Kanal 9", "told the channel".

The curated outlets and the words of outlets' names (News, Times, Post) miss regional channels
and news sites; the text says what they are:

* an outlet noun beside the name: "the Gazeta newspaper", "the channel Kanal 9", "Kanal 9, a
  regional channel";
* the passive agent of 'report': "reported by Kanal 9";
* "told the channel", "in an interview with the newspaper": the nearest organization named
  before it in the sentence or the one before is the outlet spoken to.

Every mention of that name in the article becomes a media outlet. The nouns are those of
`outlet_anaphors.txt` (the nouns that refer back to an outlet) but 'network' and 'outlet',
which name militant networks and power outlets as often.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import lexicons
from ..knowledge import directory
from .keys import actor_key

OUTLET_NOUNS = lexicons.words("outlet_anaphors") - {"network", "outlet", "news agency"} | {"agency"}
# Words before "the <noun>" that make it the one spoken to: "told the channel".
TOLD = frozenset({"told", "tells", "tell", "to", "with"})


def outlets_from_cues(doc: Doc, mentions: list[dict]) -> None:
    """Type as media outlets, in place, the organizations the text calls a newspaper or a channel.

    A name the model took for a person's is an outlet too when an outlet noun stands beside it
    ('the Zorvan Gazette newspaper') or it reported as a passive agent.
    """
    named = [
        m
        for m in mentions
        if m["type"] in {"organization", "person"} and m["label"] != "ANAPHOR" and directory().lookup(m["text"]) is None
    ]
    if not named:
        return
    orgs = [m for m in named if m["type"] == "organization"]
    names: set[str] = set()
    for m in named:
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is not None and (_noun_beside(span.root) or _reported_by(span.root)):
            names.add(m["name"])
    for t in doc:
        if t.lower_ in OUTLET_NOUNS and t.i >= 2 and doc[t.i - 1].lower_ == "the" and doc[t.i - 2].lower_ in TOLD:
            target = _nearest_before(doc, orgs, t)
            if target is not None:
                names.add(target["name"])
    if not names:
        return
    for m in named:
        if m["name"] in names:
            m.update(type="media_outlet", key=actor_key("media_outlet", m["name"], m["country_code"]))
            m.pop("title", None)


def _noun_beside(root: Token) -> bool:
    """'the Gazeta newspaper', 'the channel Kanal 9', 'Kanal 9, a regional channel'."""
    head = root.head
    if root.dep_ == "compound" and head.i == root.i + 1 and head.lower_ in OUTLET_NOUNS:
        return True
    if root.dep_ == "appos" and head.lower_ in OUTLET_NOUNS:
        return True
    return any(
        (c.dep_ == "appos" and c.lower_ in OUTLET_NOUNS) or (c.dep_ == "compound" and c.lower_ in OUTLET_NOUNS)
        for c in root.children
    )


def _reported_by(root: Token) -> bool:
    """'… was reported by Kanal 9': the agent of a passive 'report'."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "by" and prep.dep_ == "agent" and prep.head.lemma_ == "report"


def _nearest_before(doc: Doc, orgs: list[dict], noun: Token) -> dict | None:
    """The last organization named before `noun` in its sentence or the one before."""
    sent = noun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    lo = doc[start].idx
    before = [m for m in orgs if lo <= m["start"] and m["end"] <= noun.idx]
    return before[-1] if before else None
