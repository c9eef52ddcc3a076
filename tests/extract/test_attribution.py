"""Claims and sources on sentences whose answer is known."""

from spacy.lang.en import English
from spacy.tokens import Doc

from assets.extract.attribution import AttributionFinder
from assets.extract.attribution.cue_model import cue_model
from assets.extract.attribution.quotes import find_quotes
from assets.extract.attribution.sources import _head, source_tokens
from assets.extract.extensions import guarded
from tests.conftest import parse


def _claims(doc):
    sources = doc._.sources
    out = []
    for c in doc._.claims:
        s = sources[c["source"]] if c["source"] is not None else None
        out.append(
            {
                "type": c["claim_type"],
                "cue": doc.text[c["cue_start"] : c["cue_end"]],
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


def test_reported_speech_with_anonymous_source(nlp):
    doc = parse(nlp, "A senior Western official said that Germany is discussing the idea of a framework agreement.")
    [claim] = [c for c in _claims(doc) if c["parent"] is None]
    assert claim["content"] == "Germany is discussing the idea of a framework agreement"
    assert claim["source"] == "A senior Western official"
    assert claim["anonymous"] is True
    record = claim["source_record"]
    assert (record["role"], record["rank"], record["affiliation"]) == ("official", "senior", "Western")


def test_direct_quote_with_cue_after(nlp):
    doc = parse(nlp, "“We will not accept this offer,” the union leader said.")
    [claim] = _claims(doc)
    assert claim["type"] == "direct_quote"
    assert claim["content"] == "We will not accept this offer"
    assert claim["source_text"] == "the union leader"


def test_quote_introduced_with_colon(nlp):
    doc = parse(nlp, "The minister said: “The budget will be balanced by the end of the decade.”")
    [claim] = _claims(doc)
    assert claim["type"] == "direct_quote"
    assert claim["content"] == "The budget will be balanced by the end of the decade"


def test_according_to_and_pronoun_resolution(nlp):
    text = (
        "The newspaper cited officials who spoke on condition of anonymity. "
        "According to them, the talks will resume in July."
    )
    doc = parse(nlp, text)
    according = [c for c in _claims(doc) if c["type"] == "according_to"]
    [claim] = according
    assert claim["cue"] == "According to"
    assert claim["content"] == "the talks will resume in July"
    assert claim["source_text"] == "them"
    assert claim["source"] == "officials"
    assert claim["anonymous"] is True


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


def test_newspaper_resolves_to_the_outlet(nlp):
    text = "The Financial Times reported that the deal was close. “Both sides want an agreement,” the newspaper writes."
    doc = parse(nlp, text)
    claims = _claims(doc)
    quote = next(c for c in claims if c["type"] == "direct_quote")
    assert quote["source_text"] == "the newspaper"
    assert quote["source"] == "The Financial Times"
    assert quote["kind"] == "media_outlet"


def test_descriptions_are_not_claims(nlp):
    doc = parse(nlp, "Officials who arrived in the morning left the building after lunch.")
    assert _claims(doc) == []


def test_relative_pronoun_sources_resolve_to_their_noun(nlp):
    doc = parse(nlp, "A farmer who said the dam had failed was interviewed on television.")
    [claim] = _claims(doc)
    assert (claim["source_text"], claim["source"]) == ("who", "A farmer")
    assert claim["content"] == "the dam had failed"


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
    model = cue_model()
    assert model is not None

    def p(text, word):
        return model.probability(next(t for t in parse(nlp, text) if t.lower_ == word))

    assert p("The senator criticized the plan.", "criticized") > model.threshold
    assert p("She said that the plan had failed.", "said") > model.threshold
    assert p("The driver washed the car.", "washed") < model.threshold
    assert p("The driver called a taxi and drove home.", "drove") < model.threshold


def test_reporting_noun_with_that_clause(nlp):
    doc = parse(nlp, "The mayor spoke at noon. She repeated her claim that the bridge was safe.")
    claim = next(c for c in _claims(doc) if c["cue"] == "claim")
    assert claim["content"] == "the bridge was safe"
    assert (claim["source_text"], claim["source"]) == ("her", "The mayor")


def test_source_heading_its_own_sentence(nlp):
    """A source span whose head is the sentence root (a fragment the parser left verbless)."""
    doc = parse(nlp, "They host links.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    tokens = [t for t in doc if not t.is_punct]
    assert _head(tokens).i == root.i


def test_object_and_its_complement_are_both_content(nlp):
    """PolNeAR marks "called the plan a gamble" whole: the object is what the judgement is about."""
    doc = parse(nlp, "The senator called the new tax plan a reckless gamble.")
    claim = next(c for c in _claims(doc) if c["cue"] == "called")
    assert claim["content"] == "the new tax plan a reckless gamble"
    assert claim["source_text"] == "The senator"


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


def test_headline_name_and_colon(nlp):
    doc = parse(nlp, "Johnson: The Bridge Will Reopen Next Spring\n\nThe mayor spoke on Monday.")
    [claim] = [c for c in _claims(doc) if c["cue"] == ":"]
    assert claim["content"] == "The Bridge Will Reopen Next Spring"
    assert claim["source_text"] == "Johnson"


def test_label_before_a_colon_is_no_source(nlp):
    doc = parse(nlp, "The Latest: Storm closes schools across the state\n\nSchools were closed on Monday.")
    assert not [c for c in _claims(doc) if c["cue"] == ":"]


def test_citing_reports_what_it_cites(nlp):
    doc = parse(nlp, "The mayor defended the budget, citing a sharp rise in tax revenue.")
    claim = next(c for c in _claims(doc) if c["cue"] == "citing")
    assert claim["content"] == "a sharp rise in tax revenue"
    assert claim["source_text"] == "The mayor"
    assert claim["parent"] is None


def test_finding_in_a_poll_is_attributed_to_it(nlp):
    doc = parse(nlp, "In a new county poll, the mayor leads her challenger by nine points.")
    claim = next(c for c in _claims(doc) if c["cue"] == "In")
    assert claim["content"] == "the mayor leads her challenger by nine points"
    assert claim["source_text"] == "a new county poll"


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
    assert claim["source_text"] == "Ann Lee"


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


def test_raising_verb_names_no_source(nlp):
    """ "X appears to …" is the writer's impression of X, not a view X holds."""
    [claim] = _claims(parse(nlp, "The senator appears to be losing support in the rural counties."))
    assert claim["cue"] == "appears" and claim["source_text"] is None
    assert claim["content"] == "to be losing support in the rural counties"


def test_speaker_after_the_cue_when_the_parse_finds_no_subject(nlp):
    [claim] = _claims(parse(nlp, "“It is ours to lose at this point,” added another New Hampshire Democrat."))
    assert claim["content"] == "It is ours to lose at this point"
    assert claim["source_text"] == "another New Hampshire Democrat"


def test_cue_in_the_next_paragraph_does_not_take_a_quotation(nlp):
    text = "The mayor spoke first. “We will win this state easily.”\n\nSmith noted that turnout was low."
    assert [(c["cue"], c["content"]) for c in _claims(parse(nlp, text))] == [("noted", "turnout was low")]


def test_whom_something_was_told_is_not_its_content(nlp):
    doc = parse(nlp, "“We will win this state easily,” Smith told reporters.")
    assert [(c["cue"], c["content"]) for c in _claims(doc)] == [("told", "We will win this state easily")]
    assert _claims(parse(nlp, "The senator told the crowd in Ohio on Monday.")) == []


def test_quotation_after_a_paragraph_break_is_not_the_same_claim(nlp):
    text = "“The plan is sound,” said Ann Lee.\n\n“We tested every part of it.”"
    [claim] = [c for c in _claims(parse(nlp, text)) if c["parent"] is None]
    assert claim["content"] == "The plan is sound"


def test_content_after_its_cue_ends_with_the_paragraph(nlp):
    text = "The report found that costs rose\n\nin every state last year."
    [found] = _claims(parse(nlp, text))
    assert found["content"] == "costs rose"


def test_poll_phrase_on_a_noun_reports_the_whole_clause(nlp):
    [claim] = _claims(parse(nlp, "The mayor leads with a margin of nine points in a new poll, his best showing yet."))
    assert (claim["cue"], claim["source_text"]) == ("in", "a new poll")
    assert claim["content"] == "The mayor leads with a margin of nine points"


def test_parenthetical_cue_with_its_addressee(nlp):
    [claim] = _claims(parse(nlp, "The talks, he told reporters, will resume next week."))
    assert (claim["cue"], claim["source_text"]) == ("told", "he")
    assert claim["content"] == "The talks, he told reporters, will resume next week"
