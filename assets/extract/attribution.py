"""spaCy component: claims (who said, believes or intends what) found over the dependency parse.

Patterns, each a walk over the parse rather than a keyword match:
  * a cue verb with a clausal complement: "A US official said [talks are underway]";
  * a cue verb with an infinitive or nominal content: "want [to conclude …]", "requested [a roadmap]";
  * "according to X" (or "in a … poll") attached to a clause; "cited X" / "…, citing X";
  * a reporting noun with a that-clause: "Trump's claim [that the vote was rigged]";
  * a quotation next to a cue: "“…,” the newspaper writes", "He said: “…”";
  * a headline "Name: words".
Claims whose cue sits inside another claim's content get that claim as parent. Sources are
resolved into parties by `sources.resolve_sources`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import cues
from .cue_model import cue_model
from .extensions import guarded
from .quotes import find_quotes
from .sources import resolve_sources, source_tokens
from .spans import sentence_index, subtree_tokens, token_span_chars, trimmed_chars

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENT_DEPS = {"dobj", "prep", "oprd", "attr", "xcomp", "ccomp", "acomp", "dative"}
CONTENT_PREPOSITIONS = {"for", "of", "as", "about", "on", "to", "against", "with", "that"}
# "according to" and "cite" have patterns of their own (`according_to_claim`, `cite_claim`);
# "said …, citing officials" also names whom the said claim rests on.
NOT_VERB_CUES = {"accord", "according", "cite"}
POLL_NOUNS = {"poll", "survey"}
PARTY_NOUNS = cues.PERSON_NOUNS | cues.ORGANIZATION_NOUNS | cues.OUTLET_NOUNS
FIRST_AND_SECOND_PERSON = {"i", "we", "you", "me", "us"}


@Language.factory("newsclaims_attributions", requires=["token.dep", "token.lemma"])
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    return AttributionFinder()


class AttributionFinder:
    """Sets `doc._.claims` and `doc._.sources` (lists of plain dicts, so docs pickle)."""

    @guarded("claims", "sources")
    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc.text)
        claims = []
        for token in doc:
            claim = (
                verb_claim(token)
                or according_to_claim(token)
                or noun_claim(token)
                or cite_claim(token)
                or poll_claim(token)
            )
            if claim:
                claims.append(claim)
        claims.extend(quote_claims(doc, quotes, claims))
        claims.extend(filter(None, [headline_claim(doc)]))
        for claim in claims:
            _keep_cue_outside_content(doc, claim)
            _source_outside_quotes(doc, claim, quotes)
        claims = [c for c in claims if c["content_end"] > c["content_start"]]
        for claim in claims:
            _set_quote_type(doc, claim, quotes)
            _end_with_the_paragraph(doc, claim)
            claim["sentence"] = sentence_index(doc, claim["cue_token"])
        claims = _dedupe(claims)  # after widening to quotations, two patterns may meet
        claims.sort(key=lambda c: (c["content_start"], c["cue_start"]))
        _link_parents(claims)
        claims = _drop_unattributed_speakers(doc, claims, quotes)
        doc._.sources = resolve_sources(doc, claims)
        for claim in claims:
            claim.pop("source_tokens", None)
            claim.pop("cited_tokens", None)
        doc._.claims = claims
        return doc


def verb_claim(token: Token) -> dict | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma in NOT_VERB_CUES or not _is_cue(token, lemma):
        return None
    content, kind = _content(token, lemma)
    if not content:
        return None
    subject = None if lemma in cues.RAISING else _subject(token)
    claim = _claim(token, [token], content, subject)
    claim["claim_type"] = _verb_claim_type(lemma, kind)
    claim["pattern"] = kind
    cited = [c for c in token.children if c.lemma_ == "cite" and c.dep_ in {"advcl", "conj", "xcomp"}]
    for cite in cited:
        objects = [c for c in cite.children if c.dep_ in {"dobj", "pobj"}]
        if objects:
            claim["cited_tokens"] = source_tokens(objects[0])
    return claim


def cite_claim(token: Token) -> dict | None:
    """ "He cited a recent poll", "…, citing rising costs": what a speaker points to as grounds
    is a claim of its own (PolNeAR marks it), its content the cited object."""
    if token.lemma_.lower() != "cite" or token.pos_ != "VERB":
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or _names_a_party(obj):
        return None  # "…, citing officials": whom the claim rests on (its cited source), no claim
    content = _cut(_strip_marker(subtree_tokens(obj)))
    if not content:
        return None
    claim = _claim(token, [token], content, _subject(token))
    claim["claim_type"] = "indirect"
    claim["pattern"] = "cite"
    return claim


def _names_a_party(token: Token) -> bool:
    return token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.lemma_.lower() in PARTY_NOUNS


def poll_claim(token: Token) -> dict | None:
    """ "In a new Post-ABC poll, Clinton leads by six points": a finding reported "in" a named
    poll or survey is attributed to it, "in" the cue, as with "according to"."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or pobj.tag_ != "NN":
        return None
    return _clause_claim(token, [token], pobj, "in_poll")


def according_to_claim(token: Token) -> dict | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    return _clause_claim(token, [token, to], pobj, "according_to")


def _clause_claim(token: Token, cue_tokens: list[Token], source: Token, pattern: str) -> dict | None:
    """The clause a phrase naming its source is attached to ("according to X", "in X poll"),
    without the phrase."""
    phrase = {t.i for t in token.subtree}
    anchor = token.head
    while anchor.pos_ not in {"VERB", "AUX"} and anchor.head.i != anchor.i:
        anchor = anchor.head  # "took 6 percent of the vote in a new poll": the clause, not "vote"
    scope = subtree_tokens(anchor) if anchor.i != token.i else list(token.sent)
    rest = [t for t in scope if t.i not in phrase and not t.is_punct and not t.is_space]
    if not rest:
        return None
    content = [t for t in scope if rest[0].i <= t.i <= rest[-1].i and t.i not in phrase]
    claim = _claim(token, cue_tokens, content, source)
    claim["claim_type"] = "according_to"
    claim["pattern"] = pattern
    return claim


def noun_claim(token: Token) -> dict | None:
    """ "Trump's claim that the vote was rigged": a reporting noun with a that-clause; the
    possessor, when there is one, is the source."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in cues.NOUN_CUES:
        return None
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    content = _cut(_strip_marker(subtree_tokens(clause)))
    if not content:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    claim = _claim(token, [token], content, owner)
    claim["claim_type"] = "belief" if token.lemma_.lower() in cues.BELIEF_NOUNS else "indirect"
    claim["pattern"] = "noun"
    return claim


def headline_claim(doc: Doc) -> dict | None:
    """ "Johnson: Bridge Will Reopen in Spring": a headline that opens with a name and a colon puts
    the words after it in that party's mouth, with no verb; the colon stands in for the cue.
    A label ("The Latest:", "UPDATE:") is no party: the name must be a proper noun."""
    line_end = doc.text.find("\n")
    line = [t for t in doc if t.idx < (line_end if line_end >= 0 else len(doc.text))]
    colon = next((t for t in line if t.text == ":"), None)
    if colon is None or colon.i == 0:
        return None
    name = [t for t in line[: colon.i] if not t.is_space]
    content = [t for t in line[colon.i + 1 :] if not t.is_space]
    if (
        not name
        or len(name) > 6
        or any(t.pos_ in {"VERB", "AUX", "DET", "PRON"} for t in name)
        or name[-1].pos_ != "PROPN"
        or len(content) < 3
    ):
        return None
    claim = _claim(colon, [colon], _strip_marker(content), None)
    claim["source_tokens"] = name
    claim["source_start"], claim["source_end"] = token_span_chars(name)
    claim["claim_type"] = "indirect"
    claim["pattern"] = "headline"
    return claim


def quote_claims(doc: Doc, quotes: list[tuple[int, int]], found: list[dict]) -> list[dict]:
    """Quotations no parse pattern covered, attributed to a cue right after or before them."""
    claims = []
    for q_start, q_end in quotes:
        if any(_overlap(q_start, q_end, c["content_start"], c["content_end"]) >= 0.5 for c in found):
            continue
        cue = _cue_near_quote(doc, q_start, q_end)
        if cue is None:
            continue
        claim = _claim(cue, [cue], None, _subject(cue))
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, q_start, q_end)
        claim["content_end"] = trimmed_chars(doc, q_start, _continued(doc, claim, q_end, quotes))[1]
        claim["claim_type"] = "direct_quote"
        claims.append(claim)
    return claims


# --- helpers ---------------------------------------------------------------------------------


def _is_cue(token: Token, lemma: str) -> bool:
    """The fitted cue model decides for verbs; the lexicon where there is no model."""
    model = cue_model()
    if model is None or token.pos_ != "VERB":
        return cues.is_cue(lemma)
    return model.is_cue(token)


def _content(token: Token, lemma: str) -> tuple[list[Token], str]:
    """The tokens of what the cue reports, and which pattern found them."""
    children = list(token.children)
    head, kind = None, ""
    for dep in ("ccomp", "parataxis"):
        head = next((c for c in children if c.dep_ == dep and c.pos_ in {"VERB", "AUX"}), None)
        if head is not None:
            kind = "clause"
            break
    if head is None and lemma in cues.INFINITIVE_CONTENT:
        head = next((c for c in children if c.dep_ == "xcomp"), None)
        kind = "infinitive" if head is not None else ""
    if head is not None:
        tokens = [t for t in subtree_tokens(head) if t.i != token.i]
    elif token.dep_ in {"parataxis", "advcl"} and token.head.pos_ in {"VERB", "AUX"} and not _objects(token):
        # "…, he said" or "…, he said, …": the clause is the cue's head, the cue a parenthetical
        # inside or after it; the content is the clause around it.
        own = {t.i for t in token.subtree}
        tokens = [t for t in subtree_tokens(token.head) if t.i not in own]
        kind = "parenthetical"
    else:
        # "requested a roadmap", "called for an inquiry": the complements; with an object and a
        # further complement ("accused Holt of lying", "called it a disgrace") both, as PolNeAR
        # marks them: the object is who or what the judgement is about.
        objects = _objects(token)
        if not objects:  # "the talks are supported by Paris": the passive subject is what is reported
            objects = [c for c in token.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN"}]
        tokens = [t for o in objects for t in subtree_tokens(o)]
        kind = "nominal"
    return _cut(_strip_marker(sorted(tokens, key=lambda t: t.i))), kind


def _objects(token: Token) -> list[Token]:
    """Complements after the cue; prepositional ones only when they can carry what is said
    ("called for", "spoke about"), not when they say when or where ("since Monday"); and not
    whom it was said to ("told reporters")."""
    addressed = token.lemma_.lower() in cues.ADDRESSEE_OBJECT
    return [
        c
        for c in token.children
        if c.i > token.i
        and c.dep_ in COMPLEMENT_DEPS
        and (c.dep_ != "prep" or c.lower_ in CONTENT_PREPOSITIONS and not _names_a_time(c))
        and not (addressed and c.dep_ in {"dobj", "dative"} and _addressee(c))
    ]


def _addressee(token: Token) -> bool:
    return token.pos_ in {"PRON", "PROPN"} or _names_a_party(token) or token.lemma_.lower() in cues.AUDIENCE_NOUNS


def _names_a_time(prep: Token) -> bool:
    """ "on Monday", "for two years": when, not what."""
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _cut(tokens: list[Token]) -> list[Token]:
    """Content ends at a semicolon outside quotation marks: what follows is the writer's next
    clause. (Quoted content is widened to the whole quotation later.)"""
    quoted = False
    for n, t in enumerate(tokens):
        if t.text in {"“", "”", '"'}:
            quoted = not quoted if t.text == '"' else t.text == "“"
        if n and t.text == ";" and not quoted:
            return _strip_marker(tokens[:n])
    return tokens


def _subject(token: Token) -> Token | None:
    """The cue's subject: its own, the noun a participle modifies ("a statement saying …"),
    or the subject of the verb it is coordinated with or depends on ("…, adding that …")."""
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head
        elif token.dep_ not in {"conj", "xcomp", "advcl"} or token.head.i == token.i:
            return None
        token = token.head
    return None


def _strip_marker(tokens: list[Token]) -> list[Token]:
    while tokens and (
        tokens[0].dep_ == "mark"
        and tokens[0].lower_ in {"that", "whether", "if"}
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _claim(cue: Token, cue_tokens: list[Token], content: list[Token] | None, subject: Token | None) -> dict:
    doc = cue.doc
    cue_start, cue_end = token_span_chars(cue_tokens)
    claim = {"cue_start": cue_start, "cue_end": cue_end, "cue_token": cue.i}
    if content:
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, *token_span_chars(content))
    subject_tokens = source_tokens(subject) if subject is not None else None
    claim["source_tokens"] = subject_tokens
    if subject_tokens:
        claim["source_start"], claim["source_end"] = token_span_chars(subject_tokens)
    else:
        claim["source_start"] = claim["source_end"] = None
    return claim


def _verb_claim_type(lemma: str, kind: str) -> str:
    if kind == "infinitive" and lemma in cues.INFINITIVE_CONTENT:
        return "intention"
    if lemma in cues.BELIEF and lemma not in cues.SPEECH:
        return "belief"
    if lemma in cues.INTENTION and lemma not in cues.SPEECH:
        return "intention"
    return "indirect"


def _cue_near_quote(doc: Doc, q_start: int, q_end: int) -> Token | None:
    """A speech cue within a few tokens after the closing quote, or just before the opening one."""
    after = [t for t in doc if q_end < t.idx <= q_end + 60]
    for t in after[:6]:
        if "\n" in t.text or t.text == "." and t.i > 0 and t.nbor(-1).text not in '”"':
            break  # the cue of a quotation stands in its sentence, and never in the next paragraph
        if t.lemma_.lower() in cues.SPEECH and t.pos_ in {"VERB", "AUX"}:
            return t
    before = [t for t in doc if q_start - 60 <= t.idx < q_start - 1]
    if before and before[-1].text in {":", ","}:
        for t in reversed(before[-6:]):
            if t.lemma_.lower() in cues.SPEECH and t.pos_ in {"VERB", "AUX"}:
                return t
    return None


def _overlap(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = min(a1, b1) - max(a0, b0)
    return inter / max(a1 - a0, b1 - b0, 1) if inter > 0 else 0.0


def _set_quote_type(doc: Doc, claim: dict, quotes: list[tuple[int, int]]) -> None:
    """direct_quote when the content lies inside a quotation, mixed when it holds one."""
    if claim["claim_type"] in {"according_to", "direct_quote"}:
        return
    c0, c1 = claim["content_start"], claim["content_end"]
    for q0, q1 in quotes:
        inside = min(c1, q1) - max(c0, q0)
        if inside <= 0:
            continue
        if q0 <= claim["cue_start"] < q1:
            return  # a claim the quoted speaker reports: nested inside the quotation's claim
        if inside >= 0.9 * (c1 - c0):
            # The parse sees one sentence; the quotation, and so the claim, may run over several,
            # and may go on after the cue: “…,” she said. “…”
            claim["claim_type"] = "direct_quote"
            claim["content_start"], claim["content_end"] = trimmed_chars(doc, q0, _continued(doc, claim, q1, quotes))
            return
        if claim["claim_type"] == "indirect":
            claim["claim_type"] = "mixed"


def _source_outside_quotes(doc: Doc, claim: dict, quotes: list[tuple[int, int]]) -> None:
    """“…,” said X / “…,” added another official: a source inside the quotation, or none at all
    right after one, is a misparse; take the noun phrase after the cue instead."""
    s0 = claim["source_start"]
    if any(q0 <= claim["cue_start"] < q1 for q0, q1 in quotes):
        return
    if s0 is None:
        after_quote = any(
            q1 <= claim["cue_start"] and not doc.text[q1 : claim["cue_start"]].strip(" ,”\"'") for _, q1 in quotes
        )
        if not after_quote:
            return
    elif not any(q0 <= s0 < q1 for q0, q1 in quotes):
        return
    cue = doc[claim["cue_token"]]
    after = next((t for t in cue.rights if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.dep_ != "ccomp"), None)
    tokens = source_tokens(after) if after is not None else None
    claim["source_tokens"] = tokens
    if tokens:
        claim["source_start"], claim["source_end"] = token_span_chars(tokens)
    else:
        claim["source_start"] = claim["source_end"] = None


def _keep_cue_outside_content(doc: Doc, claim: dict) -> None:
    """“…,” she said. “…” parsed as one clause around the cue: keep the part the cue reports,
    the longer side, so the content never contains its own cue and source."""
    c0, c1 = claim["content_start"], claim["content_end"]
    if not c0 < claim["cue_start"] < c1 or claim.get("pattern") == "parenthetical":
        return
    cut0 = min(claim["cue_start"], claim["source_start"] if claim["source_start"] is not None else c1)
    cut1 = max(claim["cue_end"], claim["source_end"] if claim["source_end"] is not None else c0)
    left, right = trimmed_chars(doc, c0, cut0), trimmed_chars(doc, cut1, c1)
    claim["content_start"], claim["content_end"] = max(left, right, key=lambda r: r[1] - r[0])


def _end_with_the_paragraph(doc: Doc, claim: dict) -> None:
    """Content that follows its cue ends with the cue's paragraph: "He listed his reasons:" is
    not the claim of the paragraphs below it (PolNeAR train: 35 to 8)."""
    c0, c1 = claim["content_start"], claim["content_end"]
    if claim["cue_end"] <= c0 and (cut := doc.text.find("\n", c0, c1)) > c0:
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, c0, cut)


def _continued(doc: Doc, claim: dict, q1: int, quotes: list[tuple[int, int]]) -> int:
    """End of a quotation split by its cue: the next quotation when it opens right after the
    sentence holding the cue (and its source), else `q1`."""
    if claim["cue_start"] < q1:
        return q1
    sent_end = doc[claim["cue_token"]].sent.end_char
    for n0, n1 in quotes:
        if n0 > q1:
            gap = doc.text[max(sent_end, claim["cue_end"]) : n0 - 1]
            if n0 - 1 < claim["cue_end"] or len(gap.strip(" \t.,;:")) > 0 or "\n" in doc.text[claim["cue_end"] : n0]:
                return q1  # a new paragraph is a new quotation (PolNeAR train: 106 to 31)
            if n0 < sent_end and _verb_between(doc, claim, n0):
                return q1
            return n1
    return q1


def _verb_between(doc: Doc, claim: dict, n0: int) -> bool:
    """“…,” she said, adding that “…”: a verb between the cue and the next quotation in the
    same sentence introduces that quotation itself."""
    cue = doc[claim["cue_token"]]
    return any(t.pos_ == "VERB" and t.idx < n0 for t in doc[cue.i + 1 : cue.sent.end])


def _drop_unattributed_speakers(doc: Doc, claims: list[dict], quotes: list[tuple[int, int]]) -> list[dict]:
    """'I think …' inside a quotation nobody is found to have said: the speaker cannot be
    known, so the row would only mislead. Parents are re-linked on what remains."""

    def orphan(c: dict) -> bool:
        if c["parent"] is not None or c["source_start"] is None:
            return False
        speaker = doc.text[c["source_start"] : c["source_end"]].lower()
        return speaker in FIRST_AND_SECOND_PERSON and any(q0 <= c["cue_start"] < q1 for q0, q1 in quotes)

    kept = [c for c in claims if not orphan(c)]
    if len(kept) < len(claims):
        _link_parents(kept)
    return kept


def _dedupe(claims: list[dict]) -> list[dict]:
    seen, out = set(), []
    for c in claims:
        key = (c["cue_start"], c["content_start"], c["content_end"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _link_parents(claims: list[dict]) -> None:
    """A claim whose cue and content sit inside another claim's content is reported inside it."""
    for i, claim in enumerate(claims):
        best = None
        for j, other in enumerate(claims):
            if i == j:
                continue
            o0, o1 = other["content_start"], other["content_end"]
            lo = min(claim["cue_start"], claim["content_start"])
            hi = max(claim["cue_end"], claim["content_end"])
            if o0 <= lo and hi <= o1 and (o1 - o0) > (claim["content_end"] - claim["content_start"]):
                if best is None or (o1 - o0) < (claims[best]["content_end"] - claims[best]["content_start"]):
                    best = j
        claim["parent"] = best
