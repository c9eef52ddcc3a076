"""Claim patterns: each a walk over the dependency parse rather than a keyword match.

  * a cue verb with a clausal complement: "A US official said [talks are underway]";
  * a cue verb with an infinitive or nominal content: "want [to conclude …]", "requested [a roadmap]";
  * "according to X" (or "in a … poll") attached to a clause; "cited X" / "…, citing X";
  * a reporting noun with a that-clause: "Trump's claim [that the vote was rigged]";
  * a headline "Name: words".

Each pattern returns a claim dict (cue, content and source offsets, the source's tokens) or
None; `component.AttributionFinder` runs them over every token and adds quotation claims.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import lexicons
from ..spans import doc_text, names_a_time, paragraph_range, subtree_tokens, token_span_chars, trimmed_chars
from . import cues
from .boundaries import MARKERS
from .interruption import aside
from .model import attribution_model
from .sources import set_source, source_tokens

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
COMPLEMENT_DEPS = {"dobj", "prep", "oprd", "attr", "xcomp", "ccomp", "acomp", "dative"}
CONTENT_PREPOSITIONS = lexicons.words("content_prepositions")
# "according to" and "cite" have patterns of their own (`according_to_claim`, `cite_claim`);
# "said …, citing officials" also names whom the said claim rests on.
NOT_VERB_CUES = {"accord", "according", "cite"}
POLL_NOUNS = lexicons.words("poll_nouns")
QUOTE_MARKS = {"“", "”", '"', "''", "``"}
PARTY_NOUNS = cues.PERSON_NOUNS | cues.ORGANIZATION_NOUNS | cues.OUTLET_NOUNS


def verb_claim(token: Token) -> dict | None:
    """Find the claim a cue verb reports: its clausal, infinitive or nominal content.

    "A US official said [talks are underway]", "want [to conclude …]", "requested [a roadmap]";
    a raising verb ("appears to") names no source.
    """
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma in NOT_VERB_CUES or not _is_cue(token, lemma):
        return None
    if (carried := cues.carried_verb(token)) is not None and verb_claim(carried) is not None:
        return None  # "continued to defend the plan": defend's claim, its cue "continued to defend"
    content, kind = _content(token, lemma)
    if not content:
        return None
    subject = None if lemma in cues.RAISING else cue_subject(token)
    claim = new_claim(token, [token], content, subject)
    claim["claim_type"] = _verb_claim_type(lemma, kind)
    claim["pattern"] = kind
    cited = [c for c in token.children if c.lemma_ == "cite" and c.dep_ in {"advcl", "conj", "xcomp"}]
    for cite in cited:
        objects = [c for c in cite.children if c.dep_ in {"dobj", "pobj"}]
        if objects:
            claim["cited_tokens"] = source_tokens(objects[0])
    return claim


def cite_claim(token: Token) -> dict | None:
    """Report what a speaker cites as grounds as a claim of its own (PolNeAR marks it).

    "He cited a recent poll", "…, citing rising costs": the content is the cited object. "…,
    citing officials" names whom a claim rests on, its cited source, and makes no claim.
    """
    if token.lemma_.lower() != "cite" or token.pos_ != "VERB":
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or _names_a_party(obj):
        return None  # "…, citing officials": whom the claim rests on (its cited source), no claim
    content = _cut(_strip_marker(subtree_tokens(obj)))
    if not content:
        return None
    claim = new_claim(token, [token], content, cue_subject(token))
    claim["claim_type"] = "indirect"
    claim["pattern"] = "cite"
    return claim


def _names_a_party(token: Token) -> bool:
    return token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.lemma_.lower() in PARTY_NOUNS


def poll_claim(token: Token) -> dict | None:
    """Attribute a finding reported in a named poll or survey to that poll.

    "In a new Post-ABC poll, Clinton leads by six points": "in" is the cue, as "according to"
    is.
    """
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or pobj.tag_ != "NN":
        return None
    return _clause_claim(token, [token], pobj, "in_poll")


def according_to_claim(token: Token) -> dict | None:
    """Attribute the clause an "according to X" phrase is attached to to X."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    return _clause_claim(token, [token, to], pobj, "according_to")


def _clause_claim(token: Token, cue_tokens: list[Token], source: Token, pattern: str) -> dict | None:
    """Report the clause a phrase naming its source is attached to, without the phrase.

    "according to X", "in X poll".
    """
    phrase = {t.i for t in token.subtree}
    anchor = token.head
    while anchor.pos_ not in {"VERB", "AUX"} and anchor.head.i != anchor.i:
        anchor = anchor.head  # "took 6 percent of the vote in a new poll": the clause, not "vote"
    while anchor.dep_ in {"conj", "advcl"} and anchor.head.i != anchor.i:
        # "Okafor won 41 percent and Costa 38, according to the count": the phrase closing a
        # coordination, or a "while …" clause, sources all of it (PolNeAR train: 21 to 6)
        anchor = anchor.head
    scope = subtree_tokens(anchor) if anchor.i != token.i else list(token.sent)
    rest = [t for t in scope if t.i not in phrase and not t.is_punct and not t.is_space]
    if not rest:
        return None
    content = [t for t in scope if rest[0].i <= t.i <= rest[-1].i and t.i not in phrase]
    claim = new_claim(token, cue_tokens, content, source)
    claim["claim_type"] = "according_to"
    claim["pattern"] = pattern
    return claim


def noun_claim(token: Token) -> dict | None:
    """Find the claim a reporting noun carries in its that-clause.

    "Trump's claim that the vote was rigged": the possessor, when there is one, is the source.
    """
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
    return _noun_claim(token, clause, "noun") if clause is not None else None


def stance_noun_claim(token: Token) -> dict | None:
    """Find the claim a noun or predicative adjective the noun cue model trusts carries in its
    complement.

    "criticism of the deal", "his support for the bill", "a warning to leave", "was critical of
    the plan": PolNeAR marks a stance named by a noun or an adjective as an attribution; the
    possessor, when there is one, is the source.
    """
    model = attribution_model()
    complement = model.noun_cue_complement(token) if model is not None else None
    if complement is None:
        return None
    if token.pos_ == "ADJ":
        return _adjective_claim(token, complement)
    return _noun_claim(token, complement, "stance_noun")


def _adjective_claim(token: Token, complement: Token) -> dict | None:
    """The claim of a stance adjective: "Okafor was sure [she had won]", "was critical of [the
    plan]"; the copula's subject is the source, the copula and the adjective the cue."""
    copula = token.head
    cue_tokens = [copula, token] if copula.i < token.i else [token]
    claim = _complement_claim(token, cue_tokens, complement, cue_subject(copula), "stance_noun")
    if claim:
        # "sure that …" is held true; "eager to run", "likely to win", "critical of" are stances
        claim["claim_type"] = "belief" if complement.dep_ == "ccomp" else "other"
    return claim


def _noun_claim(token: Token, complement: Token, pattern: str) -> dict | None:
    """The claim of a cue noun: its complement's subtree, its possessor as the source."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    claim = _complement_claim(token, [token], complement, owner, pattern)
    if claim:
        claim["claim_type"] = _noun_claim_type(token.lemma_.lower(), complement)
    return claim


def _complement_claim(
    token: Token, cue_tokens: list[Token], complement: Token, source: Token | None, pattern: str
) -> dict | None:
    """A claim whose content is the complement's subtree (None when nothing is left of it)."""
    content = _cut(_strip_marker(subtree_tokens(complement)))
    if not content:
        return None
    claim = new_claim(token, cue_tokens, content, source)
    claim["pattern"] = pattern
    return claim


def _noun_claim_type(lemma: str, complement: Token) -> str:
    """belief ("fear that", "fear of"), intention ("a plan to"), indirect (a statement noun with
    a clause: "the claim that"), or other: "criticism of the deal" reports a stance, not words."""
    if lemma in cues.BELIEF_NOUNS:
        return "belief"
    if complement.dep_ not in {"acl", "ccomp"}:
        return "other"
    if lemma in cues.INTENTION:
        return "intention"
    return "indirect" if lemma in cues.NOUN_CUES else "other"


def headline_claim(doc: Doc) -> dict | None:
    """Attribute a headline "Name: words" to the named party.

    "Johnson: Bridge Will Reopen in Spring": a headline that opens with a name and a colon puts
    the words after it in that party's mouth, with no verb; the colon stands in for the cue. A
    label ("The Latest:", "UPDATE:") is no party: the name must be a proper noun.
    """
    line_end = doc_text(doc).find("\n")
    line = [t for t in doc if t.idx < (line_end if line_end >= 0 else len(doc_text(doc)))]
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
    claim = new_claim(colon, [colon], _strip_marker(content), None)
    set_source(claim, name)
    claim["claim_type"] = "indirect"
    claim["pattern"] = "headline"
    return claim


def _is_cue(token: Token, lemma: str) -> bool:
    """The fitted cue model decides for verbs; the lexicon where there is no model."""
    model = attribution_model()
    if model is None or token.pos_ != "VERB":
        return cues.is_cue(lemma)
    return model.is_cue(token)


def _content(token: Token, lemma: str) -> tuple[list[Token], str]:
    """The tokens of what the cue reports, and which pattern found them."""
    # What a cue reports lies in its paragraph: the parser may run a sentence over a break,
    # taking the paragraph before a quotation for the cue's complement; a reader never does.
    # (A quotation that runs on is widened to its marks later.)
    paragraph = paragraph_range(token.doc, token.i)
    children = [c for c in token.children if c.i in paragraph]
    colon = _introducing_colon(token, paragraph)
    if colon is not None:
        # "He added: …": what follows the colon is the content, whatever the parser hung on the cue
        children = [c for c in children if c.i > colon.i]
        if not any(c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"} for c in children):
            return _cut(_strip_marker(_introduced(colon))), "colon"
    head, kind = None, ""
    for dep in ("ccomp", "parataxis"):
        head = next(
            (c for c in children if c.dep_ == dep and c.pos_ in {"VERB", "AUX"} and not _reporting_aside(c)), None
        )
        if head is not None:
            kind = "clause"
            break
    if kind == "clause" and head.i < token.i and not _quoted(head):
        # "Writing for the panel, Barabak noted that …": a clause before the cue that is no quotation
        # frames the sentence; the clause after the cue is what was said (PolNeAR train: 32 to 2).
        head = next((c for c in children if c.dep_ == "ccomp" and c.i > token.i and c.pos_ in {"VERB", "AUX"}), head)
    if head is None and lemma in cues.INFINITIVE_CONTENT:
        head = next((c for c in children if c.dep_ == "xcomp"), None)
        kind = "infinitive" if head is not None else ""
    if head is not None:
        tokens = [t for t in subtree_tokens(head) if t.i != token.i]
    elif (clause := _parenthetical_host(token)) is not None:
        # "…, he said" or "…, he said, …": the clause is the cue's head, the cue a parenthetical
        # inside or after it; the content is the clause around it.
        own = {t.i for t in aside(token)}
        tokens = [t for t in subtree_tokens(clause) if t.i not in own]
        kind = "parenthetical"
    else:
        # "requested a roadmap", "called for an inquiry": the complements; with an object and a
        # further complement ("accused Holt of lying", "called it a disgrace") both, as PolNeAR
        # marks them: the object is who or what the judgement is about.
        objects = _objects(token)
        if not objects:  # "the talks are supported by Paris": the passive subject is what is reported
            objects = [c for c in token.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN"}]
        tokens = [t for o in objects for t in subtree_tokens(o, exclude=_left_out(o))]
        kind = "nominal"
    return _cut(_strip_marker(sorted((t for t in tokens if t.i in paragraph), key=lambda t: t.i))), kind


def _parenthetical_host(token: Token) -> Token | None:
    """The clause a cue with no complement of its own interrupts or closes: its head verb, or the
    verb above the subject the parser hung it on ("The difference now, he told me, is …")."""
    if token.dep_ not in {"parataxis", "advcl"} or _objects(token):
        return None
    host = token.head
    if token.dep_ == "parataxis" and host.pos_ in {"NOUN", "PROPN"} and host.dep_ in {"nsubj", "nsubjpass"}:
        host = host.head
    return host if host.pos_ in {"VERB", "AUX"} else None


def _introducing_colon(token: Token, paragraph: range) -> Token | None:
    """The colon a cue introduces its words with: "Cruz continued:", "she told the board:".

    Only the cue's own objects and adverbials ("told reporters", "said in a statement") may lie
    between them; a verb or another mark there means the colon belongs to another clause.
    """
    subtree = {t.i for t in token.subtree}
    for t in token.doc[token.i + 1 : min(token.i + 9, paragraph.stop)]:
        if t.text == ":":
            return t
        if t.i not in subtree or t.pos_ in {"VERB", "AUX"} or t.is_punct or t.is_space:
            return None
    return None


def _introduced(colon: Token) -> list[Token]:
    """The words a colon introduces: its sentence's rest, or the next paragraph when the colon
    ends its own ("The governor added:" over a quoted paragraph)."""
    doc = colon.doc
    first = next((t for t in doc[colon.i + 1 :] if not t.is_space), None)
    if first is None:
        return []
    paragraph_end = paragraph_range(doc, first.i).stop
    if any("\n" in t.text for t in doc[colon.i + 1 : first.i]):
        return list(doc[first.i : paragraph_end])
    return list(doc[first.i : min(first.sent.end, paragraph_end)])


def _quoted(head: Token) -> bool:
    """Whether a clause is set in quotation marks (or runs into one)."""
    doc = head.doc
    edges = range(max(head.left_edge.i - 1, 0), min(head.right_edge.i + 2, len(doc)))
    return any(doc[i].text in QUOTE_MARKS for i in edges)


def _reporting_aside(token: Token) -> bool:
    """A reporting aside set in another clause: "The report covered many topics, [the paper
    said], including …". It attributes that clause; it is not the clause's content."""
    return (
        token.dep_ == "parataxis"
        and any(c.dep_ in SUBJECT_DEPS for c in token.children)
        and not any(c.dep_ in {"ccomp", "parataxis"} for c in token.children)
        and _is_cue(token, token.lemma_.lower())
    )


def _objects(token: Token) -> list[Token]:
    """Take the complements after a cue that can carry what is said.

    Prepositional ones only when they can ("called for", "spoke about"), not when they say when
    or where ("since Monday"); and not whom it was said to ("told reporters").
    """
    addressed = token.lemma_.lower() in cues.ADDRESSEE_OBJECT
    return [
        c
        for c in token.children
        if c.i > token.i
        and (c.dep_ in COMPLEMENT_DEPS or _for_to_clause(c))
        and (c.dep_ != "prep" or c.lower_ in CONTENT_PREPOSITIONS and not names_a_time(c))
        and not (addressed and c.dep_ in {"dobj", "dative"} and _addressee(c))
    ]


def _left_out(token: Token) -> set[int]:
    """What of an object's subtree is not content: its ", which …" and ", who …" clauses, the
    writer's aside on what was said, and the "for" of a for-to clause.

    "criticized the deal, which was signed in 2015" (PolNeAR train: a nominal content stops
    before ", which" 35 times in 52, before ", who" 19 times in 33). A claim reported in one
    ("endorsed Okafor, who says she is honored") is then no longer inside the content.
    """
    asides = {
        t.i
        for t in token.subtree
        if t.dep_ == "relcl" and t.doc[t.left_edge.i - 1].text == "," and t.left_edge.lower_ in {"which", "who"}
    }
    marks = {c.i for c in token.children if c.dep_ == "mark"} if _for_to_clause(token) else set()
    return asides | marks


def _for_to_clause(token: Token) -> bool:
    """Whether a clause is the "for … to" complement the parser makes an adverbial clause.

    "called for Trump to resign" (PolNeAR train: the content of its cue 26 times in 34).
    """
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)


def _addressee(token: Token) -> bool:
    return token.pos_ in {"PRON", "PROPN"} or _names_a_party(token) or token.lemma_.lower() in cues.AUDIENCE_NOUNS


def _cut(tokens: list[Token]) -> list[Token]:
    """End content at a semicolon outside quotation marks.

    What follows is the writer's next clause. (Quoted content is widened to the whole quotation
    later.)
    """
    quoted = False
    for n, t in enumerate(tokens):
        if t.text in {"“", "”", '"'}:
            quoted = not quoted if t.text == '"' else t.text == "“"
        if n and t.text == ";" and not quoted:
            return _strip_marker(tokens[:n])
    return tokens


def cue_subject(token: Token) -> Token | None:
    """Find whose claim a cue reports: the subject of the cue or of the clause it hangs on.

    The cue's own subject (the agent of a passive), the noun a participle modifies ("a statement
    saying …"), or the subject of the verb it is coordinated with or depends on ("…, adding that
    …").
    """
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
    """Drop a leading 'that' and edge punctuation from content. 'Whether' and 'if' stay: they
    make the content a question ("asked [whether] taxes will rise"), not an assertion."""
    while tokens and (
        tokens[0].dep_ == "mark" and tokens[0].lower_ in MARKERS or tokens[0].is_punct or tokens[0].is_space
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def new_claim(cue: Token, cue_tokens: list[Token], content: list[Token] | None, subject: Token | None) -> dict:
    """Start a claim record from its cue, content and source.

    Character offsets of the cue, the trimmed content and the source's noun phrase;
    `source_tokens` is kept for source resolution and removed before the claim is stored.
    """
    doc = cue.doc
    cue_start, cue_end = token_span_chars(cue_tokens)
    claim = {"cue_start": cue_start, "cue_end": cue_end, "cue_token": cue.i}
    if content:
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, *token_span_chars(content))
    set_source(claim, source_tokens(subject) if subject is not None else None)
    return claim


def _verb_claim_type(lemma: str, kind: str) -> str:
    """The claim type a cue verb gives: intention, belief or indirect."""
    if kind == "infinitive" and lemma in cues.INFINITIVE_CONTENT:
        return "intention"
    if lemma in cues.BELIEF and lemma not in cues.SPEECH:
        return "belief"
    if lemma in cues.INTENTION and lemma not in cues.SPEECH:
        return "intention"
    return "indirect"
