"""What the patterns propose but is not a claim: refusals, anonymity formulas, presentations, stories.

PolNeAR's annotators mark "declined to comment" as an attribution; a researcher counting who
claims what does not want it. Four families stay out of the claims table:

  * refusals — "declined to comment", "did not respond to a request for comment";
  * anonymity formulas — "who asked not to be named", "spoke on condition of anonymity": they
    make the source anonymous (see `sources.py`), they are not its claim;
  * presentations of a product or an event — "unveiled a new phone" (a noun phrase only:
    "announced that …" is a claim);
  * the story of a work — "the film tells the story of a miner".
"""

from __future__ import annotations

from spacy.tokens import Doc

from .. import lexicons

REFUSAL_CUES = lexicons.words("refusal_cues")
ANNOUNCEMENT_VERBS = lexicons.words("announcement_verbs")
NARRATIVE_VERBS = lexicons.words("narrative_verbs")
WORK_NOUNS = lexicons.words("work_nouns")
ANONYMITY = lexicons.entries("anonymity_phrases")
_SHORT = 10  # tokens: a formula, not a statement that happens to hold the word


def not_a_claim(doc: Doc, claim: dict) -> bool:
    """Whether a proposed claim belongs to one of the four families above."""
    cue = doc[claim["cue_token"]]
    lemma = cue.lemma_.lower()
    content = doc.char_span(claim["content_start"], claim["content_end"], alignment_mode="expand")
    if content is None:
        return False
    words = [t.lemma_.lower() for t in content if not t.is_punct]
    short = len(words) <= _SHORT
    text = content.text.lower()
    if short and "comment" in words and (lemma in REFUSAL_CUES or any(c.dep_ == "neg" for c in cue.children)):
        return True
    if short and any(text.startswith(p) or f" {p}" in text for p in ANONYMITY):
        return True
    if lemma in ANNOUNCEMENT_VERBS and claim.get("pattern") == "nominal":
        return True
    source = claim.get("source_tokens") or []
    return lemma in NARRATIVE_VERBS and any(t.lemma_.lower() in WORK_NOUNS for t in source if t.pos_ == "NOUN")
