"""What the attribution models see: sparse features of a candidate cue, of a proposed claim and
of the claim's context (the other proposals, the extent models' sureness of its edges).

Features are names (value 1) or names with a value; the models (`model.py`) hold a weight per
name. They read only the parse, the claims' offsets and what the component computed on them,
so the same features are computed when training on PolNeAR and when running the pipeline.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .tagger_probs import around_p, span_p, token_p

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "who"}
_LENGTHS = (1, 2, 5, 10, 20, 40, 80)


def cue_features(token: Token) -> list[str]:
    """Describe a candidate cue verb: its lemma, dependents, object, subject, the verb it hangs
    on and the words around it.

    The context tells "made the case" from "made the pledge", "called for" from "called it"
    (PolNeAR dev, the cue model alone: log loss 0.303 with the lemma, dependents, subject and
    next and previous words, 0.288 with the object, the governor, the subject's kind and the
    wider words too).
    """
    lemma = token.lemma_.lower()
    children = list(token.children)
    deps = {c.dep_ for c in children}
    subject = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and token.dep_ in {"conj", "xcomp", "advcl"} and token.head.i != token.i:
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    preps = sorted(c.lower_ for c in children if c.dep_ == "prep")
    out = [
        "bias",
        f"lemma={lemma}",
        f"dep={token.dep_}",
        f"tag={token.tag_}",
        f"lemma|dep={lemma}|{token.dep_}",
    ]
    tp = token_p(token, "cue")
    if tp is not None:
        out.append(f"t_cue={int(tp * 10)}")
    for dep in ("ccomp", "xcomp", "dobj", "parataxis", "dative", "agent", "nsubjpass", "oprd", "advcl"):
        if dep in deps:
            out += [f"has={dep}", f"lemma|has={lemma}|{dep}"]
    for p in preps:
        out += [f"prep={p}", f"lemma|prep={lemma}|{p}"]
    if any(g.dep_ == "mark" and g.lower_ == "that" for c in children for g in c.children):
        out.append("that_clause")
    if subject is None:
        out.append("subj=none")
    else:
        out.append(f"subj_ent={subject.ent_type_ or 'none'}")
        out.append(f"subj_pos={subject.pos_}")
        out.append(f"lemma|subj_kind={lemma}|{subject.ent_type_ or subject.pos_}")
        if subject.lower_ in PRONOUNS:
            out.append(f"subj_pron={subject.lower_}")
        else:
            out.append(f"subj_lemma={subject.lemma_.lower()}")
    for child in children:
        if child.dep_ == "dobj":
            kind = child.ent_type_ or child.pos_
            out += [
                f"lemma|dobj={lemma}|{child.lemma_.lower()}",
                f"dobj_kind={kind}",
                f"lemma|dobj_kind={lemma}|{kind}",
            ]
    if token.dep_ in {"xcomp", "advcl", "conj", "ccomp", "relcl", "acl"} and token.head.i != token.i:
        governor = token.head.lemma_.lower()
        out += [f"governor={governor}", f"lemma|governor={lemma}|{governor}"]
    doc, i = token.doc, token.i
    prev, nxt = _word(doc, i - 1), _word(doc, i + 1)
    out += [f"prev={prev}", f"next={nxt}", f"lemma|prev={lemma}|{prev}", f"lemma|next={lemma}|{nxt}"]
    out += [f"prev2={_word(doc, i - 2)}", f"next2={_word(doc, i + 2)}", f"next3={_word(doc, i + 3)}"]
    return out


def _word(doc: Doc, i: int) -> str:
    """The lowercased word at index `i` of `doc`, or a mark for its start or end."""
    if i < 0:
        return "<s>"
    return doc[i].lower_ if i < len(doc) else "</s>"


NOUN_CONTENT_PREPOSITIONS = {"of", "about", "for", "on", "against", "over", "with", "to"}


def noun_complement(token: Token) -> Token | None:
    """What a noun's stance or statement is about, when it has one: its clause ("a warning that
    …", "a plan to …") or its prepositional object ("criticism of the plan", "support for her")."""
    return _complement(token, {"acl", "ccomp"})


def adjective_complement(token: Token) -> Token | None:
    """What a predicative adjective's stance is about: "is sure [they won]", "is eager [to run]",
    "was critical of [the plan]" (PolNeAR marks such stances as attributions, the copula and the
    adjective as the cue)."""
    return _complement(token, {"ccomp", "xcomp"}) if token.dep_ == "acomp" else None


def _complement(token: Token, clause_deps: set[str]) -> Token | None:
    """The first clause after `token` labelled one of `clause_deps`, else the object of its first
    preposition that can carry a stance's content."""
    for child in token.children:
        if child.i > token.i and child.dep_ in clause_deps:
            return child
    for child in token.children:
        if child.i > token.i and child.dep_ == "prep" and child.lower_ in NOUN_CONTENT_PREPOSITIONS:
            return next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
    return None


def stance_complement(token: Token) -> Token | None:
    """The complement of a noun or a predicative adjective that may name a stance, else None."""
    if token.pos_ == "NOUN":
        return noun_complement(token)
    if token.pos_ == "ADJ":
        return adjective_complement(token)
    return None


def noun_cue_features(token: Token, complement: Token) -> list[str]:
    """Describe a candidate cue noun or adjective with its complement: its lemma, how the
    complement hangs on it, whose it is and what governs it ("expressed concern", "drew
    criticism", "was critical of")."""
    lemma = token.lemma_.lower()
    link = complement.dep_ if complement.head.i == token.i else f"prep={complement.head.lower_}"
    owner = _owner(token)
    out = [
        "noun_bias",
        f"stance_pos={token.pos_}",
        f"noun={lemma}",
        f"noun|link={lemma}|{link}",
        f"link={link}",
        f"noun_dep={token.dep_}",
        f"noun|dep={lemma}|{token.dep_}",
        f"governor={token.head.lemma_.lower()}",
        f"complement_pos={complement.pos_}",
        f"owner={owner.ent_type_ or owner.pos_}" if owner is not None else "owner=none",
    ]
    tp = token_p(token, "cue")
    if tp is not None:
        out.append(f"t_cue={int(tp * 10)}")
    if any(g.dep_ == "mark" and g.lower_ == "that" for g in complement.children):
        out.append("that_clause")
    return out


def _owner(token: Token) -> Token | None:
    """Whose stance it is: a noun's possessor ("her criticism"), an adjective's subject ("Holt was
    critical"), which hangs on the copula."""
    if token.pos_ == "NOUN":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    return next((c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def claim_features(doc: Doc, claim: dict, quotes: list[tuple[int, int]], cue_probability: float | None) -> dict:
    """Describe a proposed claim: how it was found, its cue, its source and its content."""
    cue = doc[claim["cue_token"]]
    lemma = cue.lemma_.lower()
    pattern, kind = claim.get("pattern") or "quote", claim["claim_type"]
    c0, c1 = claim["content_start"], claim["content_end"]
    content = doc.char_span(c0, c1, alignment_mode="expand")
    n = len(content) if content is not None else 0
    out = {
        "bias": 1.0,
        f"pattern={pattern}": 1.0,
        f"type={kind}": 1.0,
        f"pattern|type={pattern}|{kind}": 1.0,
        f"lemma={lemma}": 1.0,
        f"lemma|pattern={lemma}|{pattern}": 1.0,
        f"cue_pos={cue.pos_}": 1.0,
        f"cue_dep={cue.dep_}": 1.0,
        f"content_len<={_bucket(n)}": 1.0,
        f"content_side={_side(claim)}": 1.0,
        f"nested={claim.get('parent') is not None}": 1.0,
        f"first_sentence={claim.get('sentence') == 0}": 1.0,
    }
    if cue_probability is not None:
        out["cue_logit"] = out[f"cue_logit|pattern={pattern}"] = _logit(cue_probability)
        out[f"cue_p>={int(cue_probability * 10) / 10}"] = 1.0
    for child in cue.children:
        if child.dep_ == "neg":
            out["cue_negated"] = 1.0
        if child.dep_ == "xcomp":
            out[f"lemma|xcomp={lemma}|{child.lemma_.lower()}"] = 1.0
        if child.dep_ in {"dobj", "pobj", "attr"}:
            out[f"lemma|obj={lemma}|{child.lemma_.lower()}"] = 1.0
    if content is not None and n:
        first = content[0]
        out[f"content_first={first.lower_ if first.is_stop or first.is_punct else first.pos_}"] = 1.0
        out[f"content_root_pos={content.root.pos_}"] = 1.0
        out[f"content_has_verb={any(t.pos_ in {'VERB', 'AUX'} for t in content)}"] = 1.0
        out[f"content_sentences={min(1 + sum(t.is_sent_start for t in content[1:]), 3)}"] = 1.0
    inside = any(q0 <= claim["cue_start"] < q1 for q0, q1 in quotes)
    out[f"cue_in_quote={inside}"] = 1.0
    out[f"content_quoted={any(q0 <= c0 and c1 <= q1 for q0, q1 in quotes)}"] = 1.0
    out[f"content_holds_quote={any(c0 <= q0 and q1 <= c1 for q0, q1 in quotes)}"] = 1.0
    out.update(_source_features(doc, claim))
    out.update(tagger_features(doc, claim))
    return out


def tagger_features(doc: Doc, claim: dict) -> dict:
    """The word-piece tagger's mean probability over the claim's cue, content and source, and
    of content just outside the content (none without the tagger: the default profile)."""
    out = {}
    c0, c1 = claim["content_start"], claim["content_end"]
    parts = [("cue", claim["cue_start"], claim["cue_end"]), ("content", c0, c1)]
    if claim.get("source_start") is not None:
        parts.append(("source", claim["source_start"], claim["source_end"]))
    for role, a, b in parts:
        p = span_p(doc, a, b, role)
        if p is not None:
            out[f"t_{role}"] = p
            out[f"t_{role}={int(p * 5)}"] = 1.0
    edges = around_p(doc, c0, c1, "content")
    if edges is not None:
        out["t_before"], out["t_after"] = edges
        out[f"t_before={int(edges[0] * 5)}"] = out[f"t_after={int(edges[1] * 5)}"] = 1.0
    return out


def context_features(doc: Doc, claim: dict, claims: list[dict], edges: tuple[float, float] | None) -> dict:
    """Describe a claim against what surrounds it: how sure the extent models are of its edges
    (`edges`, which `boundaries.refine` sets) and the source model of its source
    (`speakers.choose`), what kind of source this cue has, on which side its content lies, and
    the other proposals that share its cue or overlap its content.

    PolNeAR dev, the claim model with these against without: attribution F1 0.632 against 0.624;
    the source's sureness, added later: 0.676 against 0.673 (paired interval -0.002 to +0.007).
    """
    cue = doc[claim["cue_token"]]
    lemma, pattern = cue.lemma_.lower(), claim.get("pattern") or "quote"
    out = {}
    if edges is not None:
        start, end = (max(p, 1e-6) for p in edges)
        out[f"edge_start={_doubt(start)}"] = out[f"edge_end={_doubt(end)}"] = 1.0
        out["edge_logp"] = max(math.log(start) + math.log(end), -14.0) / 7
    if claim.get("source_sure") is not None:
        sure = max(claim["source_sure"], 1e-6)
        out[f"source_doubt={_doubt(sure)}"] = 1.0
        out["source_logp"] = max(math.log(sure), -14.0) / 7
    kind = _source_kind(doc, claim)
    # How much a model's sureness tells depends on what it is sure of: the same edge sureness is
    # worth one thing for a quotation's marks and another for a nominal's last word.
    if "edge_logp" in out:
        out[f"edge_logp|pattern={pattern}"] = out["edge_logp"]
    if "source_logp" in out:
        out[f"source_logp|source_kind={kind}"] = out["source_logp"]
    out[f"lemma|source_kind={lemma}|{kind}"] = out[f"pattern|source_kind={pattern}|{kind}"] = 1.0
    out[f"lemma|side={lemma}|{_side(claim)}"] = 1.0
    c0, c1 = claim["content_start"], claim["content_end"]
    others = [c for c in claims if c is not claim]
    same_cue = sum(c["cue_token"] == claim["cue_token"] for c in others)
    overlapping = sum(c["content_start"] < c1 and c0 < c["content_end"] for c in others)
    inside = sum(c0 <= c["cue_start"] < c1 for c in others)
    out[f"same_cue={min(same_cue, 2)}"] = 1.0
    out[f"overlapping={min(overlapping, 3)}"] = 1.0
    out[f"cues_inside={min(inside, 3)}"] = 1.0
    return out


def _source_kind(doc: Doc, claim: dict) -> str:
    """The entity type of the source's head, else its part of speech ("none" without a source)."""
    if claim.get("source_start") is None:
        return "none"
    span = doc.char_span(claim["source_start"], claim["source_end"], alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    return span.root.ent_type_ or span.root.pos_


def _doubt(p: float) -> int:
    """-log10 of a probability in half steps, capped: 0 for a sure edge, 8 for a hopeless one."""
    return min(int(-math.log10(p) * 2), 8)


def _source_features(doc: Doc, claim: dict) -> dict:
    s0, s1 = claim.get("source_start"), claim.get("source_end")
    if s0 is None:
        return {"source=none": 1.0, f"source=none|pattern={claim.get('pattern')}": 1.0}
    span = doc.char_span(s0, s1, alignment_mode="expand")
    if span is None or not len(span):
        return {"source=none": 1.0}
    head = span.root
    out = {
        f"source_pos={head.pos_}": 1.0,
        f"source_ent={head.ent_type_ or 'none'}": 1.0,
        f"source_len<={_bucket(len(span))}": 1.0,
    }
    if head.lower_ in PRONOUNS:
        out[f"source_pron={head.lower_}"] = 1.0
    elif head.pos_ == "NOUN":
        out[f"source_noun={head.lemma_.lower()}"] = 1.0
    return out


def _side(claim: dict) -> str:
    if claim["content_end"] <= claim["cue_start"]:
        return "before"
    if claim["content_start"] >= claim["cue_end"]:
        return "after"
    return "around"


def _bucket(n: int) -> int:
    return next((b for b in _LENGTHS if n <= b), 999)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
