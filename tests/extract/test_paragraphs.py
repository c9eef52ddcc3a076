"""A line break ends a sentence: on a blank pipeline, and in front of the model's parser."""

from spacy.lang.en import English

from assets.extract.paragraphs import paragraph_starts


def test_the_first_word_after_a_line_break_starts_a_sentence_and_nothing_else_is_decided():
    nlp = English()
    doc = paragraph_starts(nlp("Costa wins the vote\n\n  Lindqvist said the count was fair.\nShe left"))
    starts = {t.text: t.is_sent_start for t in doc if not t.is_space}
    assert starts["Lindqvist"] is True
    assert starts["She"] is True
    # The parser is left to split a paragraph and to place the rest.
    assert starts["said"] is None and starts["count"] is None


def test_the_parser_keeps_paragraphs_apart(nlp):
    # A headline with no full stop: the parser alone reads it as the subject of the next paragraph.
    doc = nlp("Okafor Presses the Council on Harbour Repairs\n\nThe repairs will be finished in May, Okafor said.")
    assert nlp.pipe_names.index("newsclaims_paragraphs") < nlp.pipe_names.index("parser")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == [
        "Okafor Presses the Council on Harbour Repairs",
        "The repairs will be finished in May, Okafor said.",
    ]
    said = next(t for t in doc if t.text == "said")
    assert said.head.sent == said.sent
