"""spaCy component: claims (who said, believes or intends what) found over the dependency parse.

The parse patterns (`patterns.py`) find most claims; this component adds quotations next to a
cue ("“…,” the newspaper writes", "He said: “…”"), widens claims to the quotations they lie in,
and links each claim whose cue sits inside another claim's content to that claim as parent; a
content broken by its own cue and source keeps that stretch as its gap (`interruption.py`).
Sources are resolved into parties by `sources.resolve_sources`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..extensions import guarded
from ..spans import doc_text, forget_text, overlap_share, sentence_index, trimmed_chars
from . import cues
from .boundaries import REDRAW_OVERLAP, BoundaryScorer, refine
from .chains import merge_chained
from .cue_span import name_cue_whole
from .features import claim_features, context_features, stance_complement
from .interruption import content_gap, in_gap
from .model import AttributionModel, attribution_model
from .not_claims import not_a_claim
from .patterns import (
    according_to_claim,
    cite_claim,
    cue_subject,
    headline_claim,
    new_claim,
    noun_claim,
    poll_claim,
    stance_noun_claim,
    verb_claim,
)
from .quotes import CLOSING, find_quotes
from .raised_subject import take_subject
from .sources import name_source_whole, resolve_sources, set_source, source_beside_cue, source_tokens
from .speakers import choose as choose_source

FIRST_AND_SECOND_PERSON = {"i", "we", "you", "me", "us"}
SIGNATURE_DASHES = {"―", "—", "–"}
# A quotation's closing mark, or the apostrophes that close one in some archives.
CLOSING_MARKS = CLOSING | {"’", "'", "''"}
NESTED_CUE_THRESHOLD = 0.5


@Language.factory("newsclaims_attributions", requires=["token.dep", "token.lemma"])
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    """Build the `newsclaims_attributions` component for a pipeline."""
    return AttributionFinder()


class AttributionFinder:
    """Give every doc its claims and the sources they are attributed to.

    Sets `doc._.claims` and `doc._.sources`: lists of plain dicts, so docs pickle.
    """

    @guarded("claims", "sources")
    def __call__(self, doc: Doc) -> Doc:
        """Find the claims of one doc, keep those the claim model trusts and resolve their sources."""
        quotes = find_quotes(doc_text(doc))
        claims = self.candidates(doc, quotes)
        model = attribution_model()
        if model is not None and model.claim is not None:
            claims = keep_confident(doc, claims, quotes, model, model.keep_threshold)
        doc._.sources = self.finish(doc, claims)
        doc._.claims = claims
        forget_text(doc)
        return doc

    @staticmethod
    def finish(doc: Doc, claims: list[dict]) -> list[dict]:
        """Resolve the kept claims' sources (returned) and strip each claim to the fields it is stored with."""
        for claim in claims:
            source_beside_cue(claim)
        sources = resolve_sources(doc, claims)
        for claim in claims:
            name_source_whole(claim)
            name_cue_whole(doc, claim)
            take_subject(doc, claim)
            claim.pop("source_tokens", None)
            claim.pop("cited_tokens", None)
            claim.pop("edges", None)
            claim.pop("source_sure", None)
            claim.pop("cue_governor", None)
        return sources

    def candidates(self, doc: Doc, quotes: list[tuple[int, int]]) -> list[dict]:
        """Every claim the patterns propose, widened to their quotations and linked to their parents."""
        claims = []
        for token in doc:
            claim = (
                verb_claim(token)
                or according_to_claim(token)
                or noun_claim(token)
                or stance_noun_claim(token)
                or cite_claim(token)
                or poll_claim(token)
            )
            if claim:
                claims.append(claim)
        claims.extend(quote_claims(doc, quotes, claims))
        claims.extend(filter(None, [headline_claim(doc)]))
        for claim in claims:
            _source_outside_quotes(doc, claim, quotes)  # first: a source misread inside the quotation
            _keep_cue_outside_content(doc, claim)  # would cut the content there
        claims = [c for c in claims if c["content_end"] > c["content_start"] and not not_a_claim(doc, c)]
        model = attribution_model()
        extents = BoundaryScorer(doc, model.content_start, model.content_end) if model and model.content_start else None
        for claim in claims:
            _set_quote_type(doc, claim, quotes)
            _end_with_the_paragraph(doc, claim)
            claim["sentence"] = sentence_index(doc, claim["cue_token"])
            if extents is not None and not _one_quotation(claim, quotes):
                refine(doc, claim, extents)  # the quote marks draw a quotation's extent
        claims = _dedupe(claims)  # after widening to quotations, two patterns may meet
        claims.sort(key=lambda c: (c["content_start"], c["cue_start"]))
        _link_parents(claims)
        self._choose_sources(doc, claims, quotes, model)
        _set_gaps(doc, claims, quotes)
        # A claim whose cue stands in another's gap ("“…,” Okafor said, emphasizing that …. “…”")
        # belongs to the attribution, not to what was said: it is not reported inside it.
        nested = [c for c in claims if c["parent"] is not None]
        _link_parents(claims)
        freed = [c for c in nested if c["parent"] is None]
        self._choose_sources(doc, freed, quotes, model)
        _set_gaps(doc, freed, quotes)
        return _drop_unattributed_speakers(doc, claims, quotes)

    @staticmethod
    def _choose_sources(doc: Doc, claims: list[dict], quotes: list[tuple[int, int]], model) -> None:
        """The source model picks the source of each top-level claim.

        Fitted on PolNeAR, which marks no nested claim: a claim reported inside another keeps the
        patterns' source.
        """
        if model is not None and model.source is not None:
            for claim in claims:
                if claim["parent"] is None:
                    choose_source(doc, claim, quotes, model.source.weights)


def keep_confident(
    doc: Doc, claims: list[dict], quotes: list[tuple[int, int]], model: AttributionModel, threshold: float
) -> list[dict]:
    """Score the top-level claims with the claim model, keep those reaching `threshold`, and draw
    their contents again.

    A claim reported inside another keeps `confidence` None: PolNeAR marks no nested claims, so
    there is nothing to learn or calibrate them on; it stays when its cue is a sure one (a verb
    the cue model gives at least NESTED_CUE_THRESHOLD). One whose parent is dropped becomes
    top-level, and is scored in turn. Two kept claims of one statement through a chain of verbs
    become one (`chains.py`).
    """
    kept = _keep(doc, claims, quotes, model, threshold, claims)
    redraw_contents(doc, kept, quotes, model)
    kept = _keep(doc, kept, quotes, model, threshold, claims)
    merged = merge_chained(doc, kept)
    if len(merged) < len(kept):
        _link_parents(merged)
    return merged


def redraw_contents(doc: Doc, claims: list[dict], quotes: list[tuple[int, int]], model: AttributionModel) -> None:
    """Draw each kept top-level claim's content again, free to move further from the pattern's.

    The claim model judges a claim on a content near the pattern's span; trained on freer
    contents, it keeps worse claims. Once a claim is kept, the extent models draw its content
    anew (`boundaries.REDRAW_OVERLAP`). A content that now holds another claim's cue and content
    reports it: the parent links are drawn again, and a claim nested so loses its confidence.
    """
    if model.content_start is None:
        return
    extents = BoundaryScorer(doc, model.content_start, model.content_end)
    for claim in claims:
        if claim["parent"] is None and not _one_quotation(claim, quotes):
            refine(doc, claim, extents, REDRAW_OVERLAP)
    _set_gaps(doc, claims, quotes)
    _link_parents(claims)
    for claim in claims:
        if claim["parent"] is not None:
            claim["confidence"] = None


def _keep(
    doc: Doc,
    claims: list[dict],
    quotes: list[tuple[int, int]],
    model: AttributionModel,
    threshold: float,
    proposals: list[dict],
) -> list[dict]:
    """The claims whose confidence (scored among all `proposals`) reaches `threshold`, and the
    nested ones with a sure cue."""
    kept = claims
    while True:
        for claim in kept:
            if claim["parent"] is None and claim.get("confidence") is None:
                claim["confidence"] = confidence(doc, claim, quotes, model, proposals)
        low = {id(c) for c in kept if c.get("confidence") is not None and c["confidence"] < threshold}
        if not low:
            break
        kept = [c for c in kept if id(c) not in low]
        _link_parents(kept)
    weak = {id(c) for c in kept if c.get("confidence") is None and not _sure_cue(doc, c, model)}
    if weak:
        kept = [c for c in kept if id(c) not in weak]
        _link_parents(kept)
    for claim in kept:
        claim.setdefault("confidence", None)
    return kept


def _sure_cue(doc: Doc, claim: dict, model: AttributionModel) -> bool:
    """Whether a nested claim's cue is one the cue models are sure of (the claim model cannot judge it).

    The word-piece tagger's probabilities are left out: PolNeAR marks no cue inside another
    attribution's content, so the tagger learned that nothing there is one.
    """
    cue = doc[claim["cue_token"]]
    if claim.get("pattern") == "stance_noun":
        complement = stance_complement(cue)
        sure = complement is not None
        return sure and model.noun_cue_probability(cue, complement, tagger=False) >= NESTED_CUE_THRESHOLD
    return cue.pos_ != "VERB" or model.cue_probability(cue, tagger=False) >= NESTED_CUE_THRESHOLD


def confidence(
    doc: Doc, claim: dict, quotes: list[tuple[int, int]], model: AttributionModel, claims: list[dict]
) -> float:
    """The claim model's calibrated probability that a claim is right, among the proposed `claims`."""
    return round(model.claim.probability(confidence_features(doc, claim, quotes, model, claims)), 4)


def confidence_features(
    doc: Doc, claim: dict, quotes: list[tuple[int, int]], model: AttributionModel, claims: list[dict]
) -> dict:
    """What the claim model sees of a claim: the claim itself and its context (training reads the same)."""
    cue = doc[claim["cue_token"]]
    cue_p = model.cue_probability(cue) if cue.pos_ == "VERB" else None
    return claim_features(doc, claim, quotes, cue_p) | context_features(doc, claim, claims, claim.get("edges"))


def quote_claims(doc: Doc, quotes: list[tuple[int, int]], found: list[dict]) -> list[dict]:
    """Quotations no parse pattern covered, attributed to a cue right after or before them, or
    to the name that signs them ("“…” ― Maria Lopez").

    A claim whose cue stands inside the quotation ("“Will you pledge to …?” he asks": pledge)
    is the speaker's own report and does not cover it.
    """
    claims = []
    starts = [t.idx for t in doc]
    for q_start, q_end in quotes:
        if any(
            overlap_share(q_start, q_end, c["content_start"], c["content_end"]) >= 0.5
            and not q_start <= c["cue_start"] < q_end
            for c in found
        ):
            continue
        cue, signer = _cue_near_quote(doc, starts, q_start, q_end), None
        if cue is None:
            cue, signer = _signature(doc, starts, q_end)
        if cue is None:
            continue
        claim = new_claim(cue, [cue], None, cue_subject(cue) if signer is None else None)
        if signer:
            set_source(claim, signer)
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, q_start, q_end)
        claim["content_end"] = trimmed_chars(doc, q_start, _continued(doc, claim, q_end, quotes))[1]
        claim["claim_type"] = "direct_quote"
        claims.append(claim)
    return claims


def _cue_near_quote(doc: Doc, starts: list[int], q_start: int, q_end: int) -> Token | None:
    """A speech cue within a few tokens after the closing quote, or just before the opening one.

    `starts` holds each token's character offset, to find the tokens near the quote by bisection.
    """
    after = doc[bisect_right(starts, q_end) : bisect_right(starts, q_end + 60)]
    for t in after[:6]:
        if "\n" in t.text or t.text == "." and t.i > 0 and t.nbor(-1).text not in '”"':
            break  # the cue of a quotation stands in its sentence, and never in the next paragraph
        if t.lemma_.lower() in cues.SPEECH and t.pos_ in {"VERB", "AUX"}:
            return t
    before = list(doc[bisect_left(starts, q_start - 60) : bisect_left(starts, q_start - 1)])
    if before and before[-1].text in {":", ","}:
        for t in reversed(before[-6:]):
            if t.lemma_.lower() in cues.SPEECH and t.pos_ in {"VERB", "AUX"}:
                return t
    return None


def _signature(doc: Doc, starts: list[int], q_end: int) -> tuple[Token | None, list[Token]]:
    """A dash and a name closing the line after the quotation: "“…” ― Maria Lopez", the way
    collected quotations, epigraphs and readers' replies are signed. The dash is the cue."""
    after = [
        t
        for t in doc[bisect_left(starts, q_end) : bisect_right(starts, q_end + 80)]
        if not t.is_space or "\n" in t.text
    ]
    while after and after[0].text in CLOSING_MARKS:
        after = after[1:]
    if not after or after[0].text.lstrip("".join(CLOSING_MARKS)) not in SIGNATURE_DASHES:
        return None, []  # (the tokenizer may leave the closing mark and the dash one token: ”―)
    name = []
    for t in after[1:]:
        if "\n" in t.text or t.text == "." and (t.i + 1 == len(doc) or "\n" in doc[t.i + 1].text):
            break
        name.append(t)
    else:
        if after[-1].i + 1 < len(doc):
            return None, []  # the line goes on beyond what was read: not a signature
    if not 1 <= len(name) <= 5 or not all(t.pos_ == "PROPN" or t.is_title for t in name):
        return None, []
    return after[0], name


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


def _one_quotation(claim: dict, quotes: list[tuple[int, int]]) -> bool:
    """Whether the claim's content is a quotation, or lies inside one."""
    c0, c1 = claim["content_start"], claim["content_end"]
    return claim["claim_type"] == "direct_quote" and any(q0 <= c0 and c1 <= q1 for q0, q1 in quotes)


def _source_outside_quotes(doc: Doc, claim: dict, quotes: list[tuple[int, int]]) -> None:
    """Replace a source the parse found inside a quotation with the speaker after the cue.

    “…,” said X / “…,” added another official: a source inside the quotation, or none at all
    right after one, is a misparse; the noun phrase after the cue is taken instead.
    """
    s0 = claim["source_start"]
    if any(q0 <= claim["cue_start"] < q1 for q0, q1 in quotes):
        return
    if s0 is None:
        after_quote = any(
            q1 <= claim["cue_start"] and not doc_text(doc)[q1 : claim["cue_start"]].strip(" ,”\"'") for _, q1 in quotes
        )
        if not after_quote:
            return
    elif not any(q0 <= s0 < q1 for q0, q1 in quotes):
        return
    cue = doc[claim["cue_token"]]
    after = next((t for t in cue.rights if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.dep_ != "ccomp"), None)
    set_source(claim, source_tokens(after) if after is not None else None)


def _keep_cue_outside_content(doc: Doc, claim: dict) -> None:
    """Keep a claim's own cue and source out of its content.

    “…,” she said. “…” parsed as one clause around the cue: the part the cue reports, the longer
    side, is kept.
    """
    c0, c1 = claim["content_start"], claim["content_end"]
    if not c0 < claim["cue_start"] < c1 or claim.get("pattern") == "parenthetical":
        return
    if claim["claim_type"] == "direct_quote":
        return  # a quotation that goes on after its cue: the quote marks draw it, its gap is set later
    cut0 = min(claim["cue_start"], claim["source_start"] if claim["source_start"] is not None else c1)
    cut1 = max(claim["cue_end"], claim["source_end"] if claim["source_end"] is not None else c0)
    left, right = trimmed_chars(doc, c0, cut0), trimmed_chars(doc, cut1, c1)
    claim["content_start"], claim["content_end"] = max(left, right, key=lambda r: r[1] - r[0])


def _end_with_the_paragraph(doc: Doc, claim: dict) -> None:
    """End content that follows its cue with the cue's paragraph.

    "He listed his reasons:" is not the claim of the paragraphs below it (PolNeAR train: 35 to
    8).
    """
    c0, c1 = claim["content_start"], claim["content_end"]
    if claim["cue_end"] <= c0 and (cut := doc_text(doc).find("\n", c0, c1)) > c0:
        claim["content_start"], claim["content_end"] = trimmed_chars(doc, c0, cut)


def _continued(doc: Doc, claim: dict, q1: int, quotes: list[tuple[int, int]]) -> int:
    """Carry a quotation split by its cue on to its second part.

    The end of the next quotation when it opens right after the sentence holding the cue (and
    its source), else `q1`.
    """
    if claim["cue_start"] < q1:
        return q1
    sent_end = doc[claim["cue_token"]].sent.end_char
    for n0, n1 in quotes:
        if n0 > q1:
            gap = doc_text(doc)[max(sent_end, claim["cue_end"]) : n0 - 1]
            if (
                n0 - 1 < claim["cue_end"]
                or len(gap.strip(" \t.,;:'\"“”")) > 0
                or "\n" in doc_text(doc)[claim["cue_end"] : n0]
            ):
                return q1  # a new paragraph is a new quotation (PolNeAR train: 106 to 31)
            if n0 < sent_end and _verb_between(doc, claim, n0):
                return q1
            return n1
    return q1


def _verb_between(doc: Doc, claim: dict, n0: int) -> bool:
    """Leave the next quotation to a verb that introduces it.

    “…,” she said, adding that “…”: a verb between the cue and the next quotation in the same
    sentence introduces that quotation itself.
    """
    cue = doc[claim["cue_token"]]
    return any(t.pos_ == "VERB" and t.idx < n0 for t in doc[cue.i + 1 : cue.sent.end])


def _drop_unattributed_speakers(doc: Doc, claims: list[dict], quotes: list[tuple[int, int]]) -> list[dict]:
    """Drop the claims whose speaker cannot be known.

    'I think …' inside a quotation nobody is found to have said: the row would only mislead.
    Parents are re-linked on what remains.
    """

    def orphan(c: dict) -> bool:
        if c["parent"] is not None or c["source_start"] is None:
            return False
        speaker = doc_text(doc)[c["source_start"] : c["source_end"]].lower()
        return speaker in FIRST_AND_SECOND_PERSON and any(q0 <= c["cue_start"] < q1 for q0, q1 in quotes)

    kept = [c for c in claims if not orphan(c)]
    if len(kept) < len(claims):
        _link_parents(kept)
    return kept


def _dedupe(claims: list[dict]) -> list[dict]:
    """Keep one claim per cue and content where two patterns found the same, and none whose
    content lies inside another's on the same cue: the second half of a quotation its cue
    interrupts, proposed on its own."""
    seen, out = set(), []
    for c in claims:
        key = (c["cue_start"], c["content_start"], c["content_end"])
        if key not in seen and not any(_holds(o, c) for o in claims):
            seen.add(key)
            out.append(c)
    return out


def _holds(a: dict, b: dict) -> bool:
    """Whether claim `a` has `b`'s cue and a content that holds more than `b`'s."""
    a0, a1, b0, b1 = a["content_start"], a["content_end"], b["content_start"], b["content_end"]
    return a["cue_start"] == b["cue_start"] and a0 <= b0 and b1 <= a1 and (a0, a1) != (b0, b1)


def _link_parents(claims: list[dict]) -> None:
    """A claim whose cue and content sit inside another claim's content, and not in the
    attribution that interrupts it (its gap), is reported inside it."""
    for i, claim in enumerate(claims):
        best = None
        for j, other in enumerate(claims):
            if i == j or in_gap(claim["cue_start"], other):
                continue
            o0, o1 = other["content_start"], other["content_end"]
            lo = min(claim["cue_start"], claim["content_start"])
            hi = max(claim["cue_end"], claim["content_end"])
            if o0 <= lo and hi <= o1 and (o1 - o0) > (claim["content_end"] - claim["content_start"]):
                if best is None or (o1 - o0) < (claims[best]["content_end"] - claims[best]["content_start"]):
                    best = j
        claim["parent"] = best


def _set_gaps(doc: Doc, claims: list[dict], quotes: list[tuple[int, int]]) -> None:
    """Mark in each claim the attribution that interrupts its content (`interruption.content_gap`)."""
    for claim in claims:
        claim["content_gap_start"], claim["content_gap_end"] = content_gap(doc, claim, quotes) or (None, None)
