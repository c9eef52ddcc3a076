"""Claims and sources on sentences whose answer is known.

Cases that only compare a claim's fields are kept as data in fixtures/claims.json; the tests
here check what does not fit a table.
"""

import json
import math
from datetime import datetime
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution.component import AttributionFinder, quote_claims
from assets.extract.attribution.features import claim_features, context_features
from assets.extract.attribution.model import attribution_model
from assets.extract.attribution.quotes import find_quotes
from assets.extract.attribution.sources import phrase_head, source_tokens
from assets.extract.extensions import guarded
from assets.extract.rows import article_rows
from tests.conftest import parse

CLAIM_CASES = json.loads((Path(__file__).parent / "fixtures" / "claims.json").read_text(encoding="utf-8"))["cases"]


def _claims(doc):
    sources = doc._.sources
    out = []
    for c in doc._.claims:
        s = sources[c["source"]] if c["source"] is not None else None
        out.append(
            {
                "type": c["claim_type"],
                "cue": doc.text[c["cue_start"] : c["cue_end"]],
                "cue_lemma": c["cue_lemma"],
                "content": doc.text[c["content_start"] : c["content_end"]],
                "source_text": doc.text[c["source_start"] : c["source_end"]] if c["source_start"] is not None else None,
                "source": s["name"] if s else None,
                "kind": s["kind"] if s else None,
                "anonymous": s["is_anonymous"] if s else None,
                "parent": c["parent"],
                "source_record": s,
            }
        )
    return out


@pytest.mark.parametrize("case", CLAIM_CASES, ids=[c["name"] for c in CLAIM_CASES])
def test_claim_case(nlp, case):
    claims = [
        c for c in _claims(parse(nlp, case["text"])) if all(c[field] == value for field, value in case["where"].items())
    ]
    if case["one"]:
        assert len(claims) == 1, claims
    assert claims, "no claim picked"
    claim = claims[0]
    for field, expected in case["expect"].items():
        actual = claim
        for part in field.split("."):
            actual = actual[part]
        assert actual == expected and type(actual) is type(expected), (field, actual)


def test_component_on_a_hand_parsed_doc_needs_no_model():
    """The component reads only the parse: a hand-built doc gives the claim without a model."""
    nlp = English()
    words = ["A", "US", "official", "said", "talks", "are", "underway", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True] * 6 + [False, False],
        heads=[2, 2, 3, 3, 5, 3, 5, 3],
        deps=["det", "compound", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"],
        pos=["DET", "PROPN", "NOUN", "VERB", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["DT", "NNP", "NN", "VBD", "NNS", "VBP", "JJ", "."],
        lemmas=["a", "US", "official", "say", "talk", "be", "underway", "."],
        sent_starts=[True] + [False] * 7,
    )
    doc._.actor_mentions = []
    doc = AttributionFinder()(doc)
    [claim] = _claims(doc)
    assert claim["cue"] == "said"
    assert claim["content"] == "talks are underway"
    assert claim["source_text"] == "A US official"
    assert claim["type"] == "indirect"
    assert claim["anonymous"] is True
    assert claim["source_record"]["role"] == "official"
    assert claim["source_record"]["affiliation"] == "US"


def test_belief_and_intention_types(nlp):
    doc = parse(nlp, "Western countries believe that they need more weapons. The allies want to sign a deal.")
    by_cue = {c["cue"]: c for c in _claims(doc)}
    assert by_cue["believe"]["type"] == "belief"
    assert by_cue["believe"]["content"] == "they need more weapons"
    assert by_cue["believe"]["kind"] == "group"
    assert by_cue["want"]["type"] == "intention"
    assert by_cue["want"]["content"] == "to sign a deal"


def test_nested_claim_gets_its_parent(nlp):
    doc = parse(nlp, "The official said that Germany admits that it does not meet the requirements.")
    claims = _claims(doc)
    outer = next(c for c in claims if c["cue"] == "said")
    inner = next(c for c in claims if c["cue"] == "admits")
    assert inner["content"] == "it does not meet the requirements"
    assert inner["source"] == "Germany" and inner["kind"] == "country"
    assert claims[inner["parent"]] is outer and outer["parent"] is None


def test_he_resolves_to_the_earlier_person(nlp):
    text = "A senior diplomat said the meeting went well. Germany is ready to help. He noted that the talks would continue."
    doc = parse(nlp, text)
    noted = next(c for c in _claims(doc) if c["cue"] == "noted")
    assert noted["source_text"] == "He"
    assert noted["source"] == "A senior diplomat"
    said = next(c for c in _claims(doc) if c["cue"] == "said")
    assert said["source_record"] is noted["source_record"]


def test_descriptions_are_not_claims(nlp):
    doc = parse(nlp, "Officials who arrived in the morning left the building after lunch.")
    assert _claims(doc) == []


def test_a_component_error_keeps_the_article_and_reports_it():
    class Broken:
        @guarded("claims", "sources")
        def __call__(self, doc):
            raise ValueError("odd input")

    doc = Broken()(English()("Some text."))
    assert doc._.claims == [] and doc._.sources == []
    assert doc._.errors == ["Broken: ValueError('odd input')"]


def test_typewriter_quotes_and_unattributable_speakers(nlp):
    text = "''We cannot accept this offer,'' the union leader said. ''I think we should wait.''"
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "We cannot accept this offer,",
        "I think we should wait.",
    ]
    doc = parse(nlp, "The report was late. “I think the delay hurt us badly.” The board met on Monday.")
    assert [c for c in _claims(doc) if c["source_text"] == "I"] == []
    doc = parse(nlp, "“I think the delay hurt us badly,” the chairman said.")
    inner = next(c for c in _claims(doc) if c["source_text"] == "I")
    assert inner["parent"] is not None  # kept when the quotation has a speaker


def test_parenthetical_cue_inside_the_clause(nlp):
    doc = parse(nlp, "Though that transition was relatively seamless, he said, the next one will be harder.")
    [claim] = _claims(doc)
    assert claim["cue"] == "said" and claim["source_text"] == "he"
    assert claim["content"].startswith("Though that transition") and claim["content"].endswith("will be harder")


def test_cue_model_separates_reporting_verbs_from_others(nlp):
    model = attribution_model()
    assert model is not None

    def p(text, word):
        return model.cue_probability(next(t for t in parse(nlp, text) if t.lower_ == word))

    assert p("The senator criticized the plan.", "criticized") > 0.5
    assert p("She said that the plan had failed.", "said") > 0.9
    assert p("The driver washed the car.", "washed") < 0.5
    assert p("The driver called a taxi and drove home.", "drove") < model.cue_threshold
    # A weak cue only proposes a claim; the claim model keeps it out.
    assert parse(nlp, "The driver washed the car.")._.claims == []


@pytest.mark.parametrize(
    "text",
    [
        "The ministry declined to comment on the report.",
        "A spokeswoman for the airline did not respond to a request for comment.",
        "The carmaker unveiled a new electric van at the fair on Tuesday.",
        "The film tells the story of a miner who becomes a mayor.",
    ],
)
def test_refusals_announcements_and_stories_are_not_claims(nlp, text):
    assert [(c["cue"], c["content"]) for c in _claims(parse(nlp, text))] == []


def test_raising_verb_names_no_source(nlp):
    """A raising verb ("X appears to …") gives the writer's impression of X, not a view X holds."""
    doc = parse(nlp, "The senator appears to be losing support in the rural counties.")
    assert [c for c in _claims(doc) if c["source_text"] == "The senator"] == []


def test_anonymity_formula_makes_the_source_anonymous_not_a_claim(nlp):
    doc = parse(nlp, "The harbour will reopen in May, said an official who asked not to be named.")
    claims = _claims(doc)
    assert [c["content"] for c in claims] == ["The harbour will reopen in May"]
    assert claims[0]["anonymous"] is True


def test_every_claim_has_a_calibrated_confidence(nlp):
    doc = parse(nlp, "The mayor said the harbour would reopen in May. The driver washed the car.")
    [claim] = doc._.claims
    assert 0.5 < claim["confidence"] <= 1.0


def test_source_heading_its_own_sentence(nlp):
    """A source span whose head is the sentence root (a fragment the parser left verbless)."""
    doc = parse(nlp, "They host links.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    tokens = [t for t in doc if not t.is_punct]
    assert phrase_head(tokens).i == root.i


def test_source_stops_at_a_paragraph_break():
    """A time-stamped update the parser folded into the subject: the time above the paragraph
    break is not part of the source."""
    words = ["10:45", "a.m.", "\n\n", "The", "governor", "says", "polls", "close", "late", "."]
    doc = Doc(
        English().vocab,
        words=words,
        spaces=[True, False, False, True, True, True, True, True, False, False],
        heads=[1, 4, 1, 4, 5, 5, 7, 5, 7, 5],
        deps=["nummod", "compound", "dep", "det", "nsubj", "ROOT", "nsubj", "ccomp", "advmod", "punct"],
        pos=["NUM", "NOUN", "SPACE", "DET", "NOUN", "VERB", "NOUN", "VERB", "ADV", "PUNCT"],
    )
    assert [t.text for t in source_tokens(doc[4])] == ["The", "governor"]


def test_label_before_a_colon_is_no_source(nlp):
    doc = parse(nlp, "The Latest: Storm closes schools across the state\n\nSchools were closed on Monday.")
    assert not [c for c in _claims(doc) if c["cue"] == ":"]


def test_quotation_does_not_run_on_past_an_added_cue(nlp):
    """The next quotation in the same sentence belongs to "adding", not to "said"."""
    doc = parse(nlp, "“The bridge is safe,” said Tom Smith on Monday, adding that “we will reopen it within a week.”")
    said = next(c for c in _claims(doc) if c["cue"] == "said")
    adding = next(c for c in _claims(doc) if c["cue"] == "adding")
    assert said["content"] == "The bridge is safe"
    assert (adding["content"], adding["source_text"], adding["parent"]) == (
        "we will reopen it within a week",
        "Tom Smith",
        None,
    )


def test_citing_a_party_names_a_cited_source_not_a_claim(nlp):
    doc = parse(nlp, "The newspaper said the talks had stalled, citing officials in Brussels.")
    assert [c["cue"] for c in _claims(doc)] == ["said"]


def test_quotation_goes_on_after_a_cue_sentence_with_a_verb(nlp):
    """A verb in the cue's own sentence ("who worked …") does not stop the quotation that opens
    the next sentence: it is the same speaker going on."""
    text = "“The plan is sound,” said Ann Lee, who worked on it for years. “We tested every part of it.”"
    [claim] = [c for c in _claims(parse(nlp, text)) if c["parent"] is None]
    assert (
        claim["content"] == "The plan is sound,” said Ann Lee, who worked on it for years. “We tested every part of it"
    )
    assert claim["source_text"] == "Ann Lee, who worked on it for years"  # a source after its cue keeps its clause


def test_quotation_keeps_its_words_when_the_parser_takes_its_subject_for_the_speaker(nlp):
    """An elliptical "it will at some point" leaves the parser hanging the quotation's subject
    on the cue: the speaker after the cue is the source, and the quotation, on both sides of it,
    the content (it had been cut to the speaker's name)."""
    text = (
        "“If the dam hasn't failed yet, it will at some point, probably sooner rather than later,” said "
        "Mira Patel, a hydrologist who is head of the Flood Research Group at the University of Leeds. "
        "“People disagree about the timing. But the risk is clear.”"
    )
    [claim] = [c for c in _claims(parse(nlp, text)) if c["parent"] is None]
    assert claim["source_text"].startswith("Mira Patel, a hydrologist")
    assert claim["content"].startswith("If the dam hasn't failed yet")
    assert claim["content"].endswith("But the risk is clear")


@pytest.mark.parametrize(
    "text, cue, gap",
    [
        ("The new bridge is expected to open to traffic in the spring.", "is expected", " is expected "),
        ("Okafor appears to have lost the support of the union.", "appears", " appears "),
    ],
)
def test_a_cue_with_no_source_leaves_its_subject_in_the_content(nlp, text, cue, gap):
    """Nobody is named as expecting it: what is expected is that the bridge opens, so the subject
    opens the content and the cue between is its gap."""
    doc = parse(nlp, text)
    [claim] = doc._.claims
    assert (doc.text[claim["cue_start"] : claim["cue_end"]], claim["source_start"]) == (cue, None)
    assert doc.text[claim["content_start"] : claim["content_end"]] == text.rstrip(".")
    assert doc.text[claim["content_gap_start"] : claim["content_gap_end"]] == gap


def test_the_one_asked_is_not_what_was_asked(nlp):
    [claim] = _claims(parse(nlp, "Okafor was asked about the new bridge on Monday."))
    assert claim["content"] == "the new bridge on Monday"


def test_an_aspect_verb_leaves_the_claim_to_the_verb_it_goes_on_with(nlp):
    [claim] = _claims(parse(nlp, "Okafor has continued to insist that the bridge is safe."))
    assert (claim["cue"], claim["cue_lemma"], claim["content"]) == (
        "has continued to insist",
        "insist",
        "the bridge is safe",
    )


def test_quotation_marks_mixed_or_reopened_across_paragraphs():
    text = (
        '“The port stays open all winter," the mayor said.\n\n'
        '"We have ships waiting in the bay.\n\n'
        '"And more of them arrive every week," she added. He said he is 6\'2" tall.'
    )
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "The port stays open all winter,",
        'We have ships waiting in the bay.\n\n"And more of them arrive every week,',
    ]


def test_cue_in_the_next_paragraph_does_not_take_a_quotation(nlp):
    text = "The mayor spoke first. “We will win this state easily.”\n\nSmith noted that turnout was low."
    assert [(c["cue"], c["content"]) for c in _claims(parse(nlp, text))] == [("noted", "turnout was low")]


def test_whom_something_was_told_is_not_its_content(nlp):
    doc = parse(nlp, "“We will win this state easily,” Smith told reporters.")
    assert [(c["cue"], c["content"]) for c in _claims(doc)] == [("told", "We will win this state easily")]
    assert _claims(parse(nlp, "The senator told the crowd in Ohio on Monday.")) == []


def _governor_said():
    """The sentence "The governor said polls close late.", hand-parsed, with its claim."""
    words = ["The", "governor", "said", "polls", "close", "late", "."]
    doc = Doc(
        English().vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 2, 2, 4, 2, 4, 2],
        deps=["det", "nsubj", "ROOT", "nsubj", "ccomp", "advmod", "punct"],
        pos=["DET", "NOUN", "VERB", "NOUN", "VERB", "ADV", "PUNCT"],
        lemmas=["the", "governor", "say", "poll", "close", "late", "."],
        sent_starts=[True, False, False, False, False, False, False],
    )
    said = {"cue_token": 2, "cue_start": 13, "cue_end": 17, "content_start": 18, "content_end": 34}
    said |= {"source_start": 0, "source_end": 12, "pattern": "clause", "claim_type": "indirect"}
    return doc, said


def test_context_features_describe_a_claim_among_its_rivals():
    """What the claim model sees beside the claim: the extent and source models' sureness of
    its edges and source, its source's kind, its content's side, and the other proposals around it."""
    doc, said = _governor_said()
    rival = {**said, "content_start": 18, "content_end": 23, "pattern": "nominal"}
    said["source_sure"] = 0.2  # the source model doubts the governor
    features = context_features(doc, said, [said, rival], (1.0, 0.01))
    assert features["source_doubt=1"] == 1.0
    assert features["source_logp"] == pytest.approx(math.log(0.2) / 7)
    assert features["lemma|side=say|after"] == 1.0
    assert features["lemma|source_kind=say|NOUN"] == 1.0
    assert features["same_cue=1"] == features["overlapping=1"] == features["cues_inside=0"] == 1.0
    assert features["edge_start=0"] == features["edge_end=4"] == 1.0
    assert features["edge_logp"] == pytest.approx(math.log(0.01) / 7)
    # the same sureness, once more by what it is sure of: this pattern's edges, this kind of source
    assert features["edge_logp|pattern=clause"] == features["edge_logp"]
    assert features["source_logp|source_kind=NOUN"] == features["source_logp"]
    assert not any(f.startswith(("edge_logp|pattern=nominal", "source_logp|source_kind=PERSON")) for f in features)


def test_the_cue_models_sureness_is_weighed_by_the_claims_pattern():
    doc, said = _governor_said()
    features = claim_features(doc, said, [], 0.9)
    assert features["cue_logit"] == features["cue_logit|pattern=clause"] == pytest.approx(math.log(9))
    assert features["cue_p>=0.9"] == 1.0


def test_a_quotation_signed_with_a_dash_and_a_name_is_that_persons(nlp):
    """“…” ― Name, the way collected quotations and readers' replies are signed; the tokenizer
    may leave the closing mark and the dash one token."""
    text = (
        "Readers wrote in.\n\n“The new bridge has made my commute twice as long.” ― Maria Lopez\n"
        "“Nobody asked the people who live here.”― Tom Brandt\n\nThe council meets on Monday."
    )
    doc = parse(nlp, text)
    proposed = quote_claims(doc, find_quotes(text), [])
    assert [(text[c["cue_start"] : c["cue_end"]].strip("”"), c["claim_type"]) for c in proposed] == [
        ("―", "direct_quote"),
        ("―", "direct_quote"),
    ]
    assert [
        (text[c["source_start"] : c["source_end"]], text[c["content_start"] : c["content_end"]]) for c in proposed
    ] == [
        ("Maria Lopez", "The new bridge has made my commute twice as long"),
        ("Tom Brandt", "Nobody asked the people who live here"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“We will reopen the bridge within a week” ― and then the mayor left the hall.",
        "“We will reopen the bridge within a week.” ― Maria Lopez of the council said so on Monday.",
    ],
)
def test_a_dash_after_a_quotation_without_a_name_closing_the_line_signs_nothing(nlp, text):
    assert quote_claims(parse(nlp, text), find_quotes(text), []) == []


def test_a_quotation_broken_by_its_attribution_keeps_it_as_the_contents_gap(nlp):
    """The stretch between the two halves names who spoke and when: not part of what was said,
    not what the claim is about, and its date is when the claim was made."""
    text = "“The harbour will reopen next spring,” Anna Berg told reporters in March. “The repairs are going well.”"
    doc = parse(nlp, text, "2024-05-02")
    [claim] = doc._.claims
    gap = claim["content_gap_start"], claim["content_gap_end"]
    assert text[gap[0] : gap[1]] == "” Anna Berg told reporters in March. “"
    assert text[claim["content_start"] : gap[0]] == "The harbour will reopen next spring,"
    assert text[gap[1] : claim["content_end"]] == "The repairs are going well"

    rows = article_rows({"article_id": "a1", "published_at": datetime(2024, 5, 2)}, doc)
    assert rows["claims"][0]["content_gap_start"] == gap[0]
    assert rows["claim_actors"] == []  # Anna Berg is the source, not what the claim is about
    dates = {d["text"]: d for d in rows["dates"]}
    assert dates["March"]["is_claim_time"] and dates["March"]["claim_id"] == rows["claims"][0]["claim_id"]
    assert not dates["next spring"]["is_claim_time"]


def test_a_parenthetical_attribution_is_the_contents_gap_with_its_whole_phrase(nlp):
    text = "The harbour is fine.\n\nThe council, Mayor Tom Brandt said on Monday, will pay for the works."
    doc = parse(nlp, text, "2024-05-02")
    [claim] = doc._.claims
    assert (
        text[claim["content_start"] : claim["content_end"]]
        == "The council, Mayor Tom Brandt said on Monday, will pay for the works"
    )
    assert text[claim["content_gap_start"] : claim["content_gap_end"]] == ", Mayor Tom Brandt said on Monday,"
    [monday] = [d for d in article_rows({"article_id": "a1"}, doc)["dates"] if d["text"] == "Monday"]
    assert monday["is_claim_time"]  # when it was said, not a date in what was said


@pytest.mark.parametrize(
    "text",
    [
        "“We will reopen the bridge within a week,” the mayor said.",  # the cue closes the content
        "The mayor said: “We will reopen the bridge within a week.”",
    ],
)
def test_a_content_not_broken_by_its_attribution_has_no_gap(nlp, text):
    [claim] = parse(nlp, text)._.claims
    assert (claim["content_gap_start"], claim["content_gap_end"]) == (None, None)


@pytest.mark.parametrize("mark", ["''", '"'])
def test_a_quotation_goes_on_after_its_cue_whatever_its_marks(nlp, mark):
    """Typewriter quotes ('') continue as curly ones do, and a long source between the halves
    does not let the extent models cut the content down to one side of its cue."""
    text = (
        f"The board met on Monday.\n\n{mark}The school will stay open,{mark} said Mira Patel, a teacher who "
        f"served at the district office. {mark}We would not close it. There are too many pupils.{mark}"
    )
    claim = next(c for c in parse(nlp, text)._.claims if c["parent"] is None)
    assert (
        text[claim["source_start"] : claim["source_end"]] == "Mira Patel, a teacher who served at the district office"
    )
    assert text[claim["content_start"] : claim["content_gap_start"]] == "The school will stay open,"
    assert text[claim["content_gap_end"] : claim["content_end"]] == "We would not close it. There are too many pupils"


@pytest.mark.parametrize(
    "text, source, content",
    [
        # the parser hangs what follows the aside on the cue
        (
            "The plan would be funded, Okafor said, by a tax on tourists.",
            "Okafor",
            ["The plan would be funded", "by a tax on tourists"],
        ),
        # the aside is no content of the clause it sits in ("covered … [the paper said]")
        (
            "The report covered many topics, the paper said, including schools and roads.",
            "the paper",
            ["The report covered many topics", "including schools and roads"],
        ),
    ],
)
def test_a_parenthetical_attribution_holds_the_whole_clause_around_it(nlp, text, source, content):
    [claim] = [c for c in parse(nlp, text)._.claims if c["parent"] is None]
    gap = claim["content_gap_start"], claim["content_gap_end"]
    assert text[gap[0] : gap[1]] == f", {source} said,"
    assert text[claim["source_start"] : claim["source_end"]] == source
    assert [text[claim["content_start"] : gap[0]], text[gap[1] : claim["content_end"]].strip()] == content


def test_what_a_cue_reports_is_never_in_an_earlier_paragraph(nlp):
    """The parser can run the paragraph before a quotation into the cue's sentence and take it
    for the cue's complement."""
    text = (
        "The works were delayed.\n\n''This is not a real plan,'' said Peter Lund, a lawyer who served at the "
        "housing office. ''I would not call it a plan. There are no big changes.''"
    )
    claim = next(c for c in parse(nlp, text)._.claims if c["parent"] is None)
    assert text[claim["content_start"] : claim["content_gap_start"]] == "This is not a real plan,"
    assert (
        text[claim["content_gap_end"] : claim["content_end"]] == "I would not call it a plan. There are no big changes"
    )


def test_a_short_quotation_a_comma_leaves_open_goes_on_after_its_cue(nlp):
    text = "The count ended.\n\n“We disagree,” she said. “The vote was fair and the count was open.”"
    [claim] = [c for c in parse(nlp, text)._.claims if c["parent"] is None]
    assert text[claim["content_start"] : claim["content_gap_start"]] == "We disagree,"
    assert text[claim["content_gap_end"] : claim["content_end"]] == "The vote was fair and the count was open"
    assert find_quotes("He called the plan “a disaster” and left.") == []  # a scare quote is no speech


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "The storm passed.\n\nThe mayor spoke on Monday. “If the rain stops, the bridge will open on Monday,” she told "
            "reporters.",
            "If the rain stops, the bridge will open on Monday",
        ),
        (
            "The storm passed.\n\n“Whether the rain stops or not, the bridge will open on Monday,” the mayor said.",
            "Whether the rain stops or not, the bridge will open on Monday",
        ),
    ],
)
def test_a_quotation_is_quoted_whole(nlp, text, content):
    """The quote marks draw a quotation's extent: no leading "if" or "whether" is cut, as it is
    from a reported clause."""
    [claim] = parse(nlp, text)._.claims
    assert text[claim["content_start"] : claim["content_end"]] == content


def test_the_second_half_of_a_quotation_is_no_claim_of_its_own(nlp):
    text = (
        "The race tightened.\n\n“She is moving a bit to the left and I think that is fine,” Lopez told the radio "
        "station in May. “Obviously, some voters have some doubts, but most will stay.”"
    )
    told = [c for c in parse(nlp, text)._.claims if text[c["cue_start"] : c["cue_end"]] == "told"]
    assert len(told) == 1
    assert text[told[0]["content_gap_end"] : told[0]["content_end"]].startswith("Obviously")
