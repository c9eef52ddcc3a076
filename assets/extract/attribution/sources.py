"""Sources as parties: every mention of the same party in an article shares one source.

Pronouns ("He noted", "They believe", "According to them") resolve to the nearest earlier noun
phrase that agrees in number and animacy; "the newspaper" resolves to the last media outlet;
named sources merge through their actor. Unnamed sources ("a senior Western official") are
described by role, rank, affiliation and plurality.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import lexicons
from ..gazetteer import gazetteer
from ..spans import contiguous, doc_text, line_before, names_a_time, sentence_index, subtree_tokens, token_span_chars
from . import cues
from .interruption import in_gap
from .tagger_probs import span_p

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CUT_DEPS = {"relcl", "acl", "advcl"}  # appositives stay: "Dean, a medical doctor"
WHICH_ONE_DEPS = {"relcl", "acl"}  # clauses that tell the source from others of its kind
DASHES = {"-", "--", "–", "—", "―"}
SINGULAR_PERSON = {"he", "him", "his", "she", "her"}
PLURAL = {"they", "them", "their"}
NEUTER = {"it", "its"}
LOOKBACK_SENTENCES = 4
ActorIndex = dict[int, dict]  # token start offset → the actor mention covering it
# Bodies a source belongs to, named in lower case: "an official of the ministry".
AFFILIATION_NOUNS = lexicons.words("affiliation_nouns")
KIND_OF_ACTOR = {
    "person": "person",
    "organization": "organization",
    "media_outlet": "media_outlet",
    "country": "country",
    "group": "group",
    "location": "organization",
}


def source_tokens(head: Token) -> list[Token]:
    """Name a source by its noun phrase, without relative clauses: 'officials [who agreed …]'."""
    head = _past_dateline(head)
    cut = {c.i for c in head.children if c.i > head.i and (c.dep_ in CUT_DEPS or _dated(c))}
    tokens = subtree_tokens(head, exclude=cut)
    run = [head]
    by_index = {t.i: t for t in tokens}
    i = head.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    i = head.i + 1
    while i in by_index:
        run.append(by_index[i])
        i += 1
    # A source never runs over a paragraph break: "12:15 p.m.\n\nDonald Trump says" is a
    # time-stamped update, not a source named "12:15 p.m. Donald Trump". Keep the paragraph
    # next to the verb the source belongs to.
    paragraphs, current = [], []
    for t in run:
        if t.is_space and "\n" in t.text:
            paragraphs.append(current)
            current = []
        else:
            current.append(t)
    paragraphs = [p for p in paragraphs + [current] if any(not t.is_punct for t in p)]
    if len(paragraphs) > 1:
        run = paragraphs[-1] if head.head.i > head.i else paragraphs[0]
    # A dash set off by spaces before the name ends what the parser ran into it: a dateline
    # ("MADRID -- Mayor Lopez said"), the end of a clause ("… as expected - Mayor Lopez said").
    dashes = [k for k, t in enumerate(run) if t.i < head.i and t.text in DASHES and _spaced(t)]
    if dashes:
        run = run[dashes[-1] + 1 :]
    while len(run) > 1 and (run[0].is_punct or run[0].is_space or (run[0].dep_ == "advmod" and run[0].head == head)):
        run.pop(0)  # and a focus adverb is not part of the name: "[Even] the ministry"
    while len(run) > 1 and (run[-1].is_punct or run[-1].is_space or run[-1].tag_ == "POS"):
        run.pop()
    return run


def _past_dateline(head: Token) -> Token:
    """The name a dateline's place was parsed as heading: "WASHINGTON -- President Obama said"
    may parse as WASHINGTON with the president in apposition after the dash. The place in
    capitals opens its line; the party is the name after the dash, as PolNeAR's annotators name
    it (4 such sources of 4)."""
    if not _opens_line_in_capitals(head):
        return head
    for child in head.rights:
        between = head.doc[head.i + 1 : child.left_edge.i]
        if child.dep_ == "appos" and any(t.text in DASHES and _spaced(t) for t in between):
            return child
    return head


def _opens_line_in_capitals(token: Token) -> bool:
    """Whether `token` is in capitals, with only words in capitals and marks before it on its line."""
    before = line_before(token.doc, token.idx).split()
    return token.is_upper and all(w.isupper() or not any(c.isalnum() for c in w) for w in before)


def name_source_whole(claim: dict) -> None:
    """Give the claim's source span the clauses that say which one it is, as a reader (and
    PolNeAR) reads it: "officials [who agreed to speak]", "a poll [released last week]",
    "Trump['s] claim". `source_tokens` cuts them to resolve the party; the span keeps them,
    unless they hold the claim's own cue or content. A clause set off by a comma ("Mira Patel,
    who leads the union, said") tells more of a source already named; PolNeAR's annotators take
    it 89 times of 127 on train where the source follows its cue ("…, said Mira Patel, who leads
    the union"), and 85 of 171 before the cue. The word-piece tagger, where it ran, decides
    (dev source exact 0.772 → 0.775); else such a clause is kept after the cue only.
    """
    tokens = claim.get("source_tokens")
    if not tokens:
        return
    doc, head, end = tokens[0].doc, phrase_head(tokens), tokens[-1].i
    after_cue = tokens[0].idx >= claim["cue_end"]
    for child in head.rights:
        if child.i <= end or (child.i == end + 1 and child.text == ","):
            continue
        clause = subtree_tokens(child)
        comma = child.dep_ == "relcl" and clause[0].i == end + 2 and doc[end + 1].text == ","
        if child.dep_ not in WHICH_ONE_DEPS or (clause[0].i != end + 1 and not comma) or clause[0].is_punct:
            break
        if any(_claimed(t.idx, claim) or "\n" in t.text for t in clause):
            break
        if comma and not _tagged_source(clause, after_cue):
            break
        end = clause[-1].i
    if end + 1 < len(doc) and doc[end + 1].tag_ == "POS" and doc[end + 1].head.i == head.i:
        end += 1
    while end > tokens[-1].i and doc[end].is_punct:
        end -= 1
    claim["source_start"], claim["source_end"] = token_span_chars([tokens[0], doc[end]])


def _tagged_source(clause: list[Token], after_cue: bool) -> bool:
    """Whether a clause set off by a comma belongs to the source: the tagger's mean source
    probability over it reaches a half, or, without the tagger, the source follows its cue."""
    p = span_p(clause[0].doc, clause[0].idx, clause[-1].idx + len(clause[-1]), "source")
    return after_cue if p is None else p >= 0.5


def _claimed(offset: int, claim: dict) -> bool:
    """Whether a character offset is the claim's cue or its content (not the quotation's gap)."""
    if claim["cue_start"] <= offset < claim["cue_end"]:
        return True
    return claim["content_start"] <= offset < claim["content_end"] and not in_gap(offset, claim)


def _dated(child: Token) -> bool:
    """A prepositional phrase of time, which says when the source spoke, not who it is:
    "a review panel [in 2019] found"."""
    return child.dep_ == "prep" and names_a_time(child)


def _spaced(token: Token) -> bool:
    """Whether `token` stands between spaces, as a dash between phrases does (not "coal-fired")."""
    return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def set_source(claim: dict, tokens: list[Token] | None) -> None:
    """Make `tokens` the claim's source (none when empty): its tokens and character offsets."""
    claim["source_tokens"] = tokens
    if tokens:
        claim["source_start"], claim["source_end"] = token_span_chars(tokens)
    else:
        claim["source_start"] = claim["source_end"] = None


def source_beside_cue(claim: dict) -> None:
    """Take out of a kept claim's source the phrase that holds its cue.

    A misparse can run the cue into the name: "Said Ellis: …", "Chris Christie, eager all evening
    to jab …" (PolNeAR train: 10 such sources in the default profile, none the annotator's). The
    dependent of the source's head that leads to the cue goes, with all it holds. The models
    learned on the parse's reading, so this is done to the claims that are kept.
    """
    tokens = claim.get("source_tokens")
    if tokens:
        set_source(claim, _beside_cue(tokens, claim["cue_start"], claim["cue_end"]))


def _beside_cue(tokens: list[Token], c0: int, c1: int) -> list[Token]:
    """`tokens` without the head's dependent that leads to the cue's characters [c0, c1)."""
    inside = [t for t in tokens if c0 <= t.idx < c1]
    if not inside:
        return tokens
    head = phrase_head(tokens)
    branch = inside[0]
    while branch.head.i != head.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.i == head.i or branch.head.i != head.i:
        return tokens  # the cue heads the phrase: nothing to cut it from
    cut = {t.i for t in branch.subtree}
    kept = contiguous([t for t in tokens if t.i not in cut and t.i >= _run_start(tokens, cut, head)])
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept


def _run_start(tokens: list[Token], cut: set[int], head: Token) -> int:
    """The first token of the uncut run that holds the head."""
    start = head.i
    while start - 1 >= tokens[0].i and start - 1 not in cut:
        start -= 1
    return start


def resolve_sources(doc: Doc, claims: list[dict]) -> list[dict]:
    """Make every mention of the same party one source, so that a party's claims share it.

    Sets claim['source'] and claim['cited_source'] to indexes into the returned sources.
    """
    actor_by_char = _actor_index(doc)
    clusters: dict[str, dict] = {}
    order: list[str] = []
    mentions = []
    for claim in claims:
        for field in ("source_tokens", "cited_tokens"):
            if claim.get(field):
                mentions.append((claim[field][0].i, field, claim))
    for _, field, claim in sorted(mentions, key=lambda m: m[0]):
        tokens = claim[field]
        head = phrase_head(tokens)
        referent = _referent(doc, head, tokens, actor_by_char)
        key = _cluster_key(doc, referent, actor_by_char)
        if key not in clusters:
            clusters[key] = _describe(doc, referent, actor_by_char)
            order.append(key)
        cluster = clusters[key]
        if referent[0].i < cluster["_first"]:
            clusters[key] = cluster = {**_describe(doc, referent, actor_by_char), "n_claims": cluster["n_claims"]}
        target = "source" if field == "source_tokens" else "cited_source"
        claim[target] = key
        if target == "source":
            cluster["n_claims"] += 1
    ordered = sorted(order, key=lambda k: clusters[k]["_first"])
    index = {k: i for i, k in enumerate(ordered)}
    for claim in claims:
        for target in ("source", "cited_source"):
            claim[target] = index.get(claim.get(target)) if claim.get(target) is not None else None
    out = []
    for k in ordered:
        c = clusters[k]
        c.pop("_first")
        out.append(c)
    return out


def phrase_head(tokens: list[Token]) -> Token:
    """The token of a contiguous phrase whose head lies outside it (or is the root)."""
    return next(t for t in tokens if t.head.i < tokens[0].i or t.head.i > tokens[-1].i or t.head.i == t.i)


def _referent(doc: Doc, head: Token, tokens: list[Token], actor_by_char: ActorIndex) -> list[Token]:
    """The tokens of the mention the source refers to: itself, or its antecedent."""
    lower = head.lower_
    if lower in {"who", "that", "which", "whom"} and head.head.dep_ == "relcl":
        return source_tokens(head.head.head)  # "a man who said …": the man
    if head.pos_ == "PRON" and lower in SINGULAR_PERSON | PLURAL | NEUTER:
        antecedent = _antecedent(doc, head, lower, actor_by_char)
        return source_tokens(antecedent) if antecedent is not None else tokens
    if head.lemma_.lower() in cues.OUTLET_NOUNS and any(c.lower_ == "the" for c in head.children):
        outlet = _last_actor(doc, head, actor_by_char, {"media_outlet"})
        return source_tokens(outlet) if outlet is not None else tokens
    return tokens


def _antecedent(doc: Doc, pronoun: Token, lower: str, actor_by_char: ActorIndex) -> Token | None:
    first_sent = max(0, sentence_index(doc, pronoun.i) - LOOKBACK_SENTENCES)
    sents = list(doc.sents)
    start = sents[first_sent].start if sents else 0
    fallback = None
    for i in range(pronoun.i - 1, start - 1, -1):
        t = doc[i]
        if not _is_candidate(t):
            continue
        plural, person, kind = _features(t, actor_by_char)
        if lower in SINGULAR_PERSON and person and not plural:
            return t
        if lower in PLURAL:
            if plural:
                return t
            if fallback is None and kind in {"organization", "country", "group"}:
                fallback = t
        if lower in NEUTER and not person and not plural:
            return t
    return fallback


def _is_candidate(t: Token) -> bool:
    if t.pos_ not in {"NOUN", "PROPN"}:
        return False
    if t.dep_ in SUBJECT_DEPS:
        return True
    if (
        t.dep_ in {"dobj", "pobj"}
        and t.head.lemma_ in {"cite", "to"}
        and (t.head.lemma_ == "cite" or t.head.head.lower_ == "according")
    ):
        return True
    return False


def _features(t: Token, actor_by_char: ActorIndex) -> tuple[bool, bool, str | None]:
    actor = actor_by_char.get(t.idx)
    kind = actor["type"] if actor else None
    plural = t.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in t.children)
    person = kind == "person" or (kind is None and t.lemma_.lower() in cues.PERSON_NOUNS)
    return plural, person, kind


def _last_actor(doc: Doc, before: Token, actor_by_char: ActorIndex, types: set[str]) -> Token | None:
    for i in range(before.i - 1, -1, -1):
        actor = actor_by_char.get(doc[i].idx)
        if actor and actor["type"] in types:
            return doc[i]
    return None


def _cluster_key(doc: Doc, tokens: list[Token], actor_by_char: ActorIndex) -> str:
    head = phrase_head(tokens)
    actor = actor_by_char.get(head.idx)
    if actor:
        return actor["key"]
    words = [t.lower_ for t in tokens if t.lower_ not in {"a", "an", "the"}]
    return "np:" + " ".join(words)


def _describe(doc: Doc, tokens: list[Token], actor_by_char: ActorIndex) -> dict:
    head = phrase_head(tokens)
    start, end = token_span_chars(tokens)
    actor = actor_by_char.get(head.idx)
    lemma = head.lemma_.lower()
    plural = _features(head, actor_by_char)[0]
    if actor:
        kind = KIND_OF_ACTOR.get(actor["type"], "unknown")
    elif head.pos_ == "PRON":
        kind = "unknown"
    elif lemma in cues.ROLE_NOUNS:
        kind = "anonymous"
    elif lemma in cues.DOCUMENT_NOUNS:
        kind = "document"
    elif lemma in cues.OUTLET_NOUNS:
        kind = "media_outlet"
    elif lemma in cues.ORGANIZATION_NOUNS:
        kind = "organization"
    elif lemma in cues.PERSON_NOUNS:
        kind = "person"
    elif plural or head.pos_ == "PROPN":
        kind = "group"
    else:
        kind = "unknown"
    anonymous = kind == "anonymous"
    affiliation, affiliation_key = (None, None) if actor else _affiliation(doc, head, actor_by_char)
    return {
        "_first": tokens[0].i,
        "name": doc_text(doc)[start:end],
        "start": start,
        "end": end,
        "kind": kind,
        "is_anonymous": anonymous,
        "role": lemma if anonymous else None,
        "rank": next((c.lower_ for c in head.children if c.lower_ in cues.RANKS), None) if anonymous else None,
        "affiliation": affiliation,
        "affiliation_key": affiliation_key,
        "actor_key": actor["key"] if actor else None,
        "is_plural": plural,
        "n_claims": 0,
    }


def _affiliation(doc: Doc, head: Token, actor_by_char: ActorIndex) -> tuple[str | None, str | None]:
    """'US' in 'a US official', 'Western' in 'Western officials', 'the ministry' in 'an official of the ministry'."""
    gaz = gazetteer()
    for child in head.children:
        if child.i < head.i and child.dep_ in {"compound", "amod", "nmod", "poss"}:
            if (
                child.ent_type_ in {"GPE", "NORP", "ORG"}
                or child.pos_ == "PROPN"
                or (child.is_title and child.lower_ not in cues.RANKS)
            ):
                text = " ".join(t.text for t in subtree_tokens(child) if t.tag_ != "POS")
                actor = actor_by_char.get(child.idx)
                iso3 = gaz.country(text) or gaz.demonym(text)
                key = actor["key"] if actor else (f"country:{iso3}" if iso3 else None)
                return text, key
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at", "from", "with"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ or pobj.pos_ == "PROPN" or pobj.lemma_ in AFFILIATION_NOUNS):
                tokens = source_tokens(pobj)
                start, end = token_span_chars(tokens)
                actor = actor_by_char.get(pobj.idx)
                return doc_text(doc)[start:end], actor["key"] if actor else None
    return None, None


def _actor_index(doc: Doc) -> ActorIndex:
    """Actor mention covering each token start offset."""
    index: ActorIndex = {}
    for m in doc._.actor_mentions or []:
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is not None:
            for t in span:
                index[t.idx] = m
    return index
