"""`newsclaims eval conll`: how actor mentions map onto CoNLL's PER/ORG/LOC (issue 17)."""

from __future__ import annotations

from types import SimpleNamespace

from pipelines.evaluate.conll import predicted_spans


def _doc(*mentions: tuple[str, str, str]) -> SimpleNamespace:
    rows, start = [], 0
    for text, label, kind in mentions:
        rows.append({"text": text, "start": start, "end": start + len(text), "label": label, "type": kind})
        start += len(text) + 1
    return SimpleNamespace(_=SimpleNamespace(actor_mentions=rows))


def test_country_name_labelled_norp_is_a_location_its_adjective_is_not_scored():
    doc = _doc(("Tajikistan", "NORP", "country"), ("Tajik", "NORP", "country"), ("Oslo", "GPE", "location"))
    assert predicted_spans(doc) == {(0, 10, "LOC"), (17, 21, "LOC")}


def test_groups_and_anaphora_are_not_scored():
    doc = _doc(
        ("Ukrainians", "NORP", "group"), ("the bloc", "ANAPHOR", "organization"), ("Acme", "ORG", "organization")
    )
    assert predicted_spans(doc) == {(20, 24, "ORG")}
