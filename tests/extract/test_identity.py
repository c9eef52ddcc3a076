"""Actor identity (issue 17): country from context, short forms within an article, merges across.

Sentences are written for the project.
"""

from __future__ import annotations

import pytest

from assets.tables.actor_ids import may_merge, merge_key
from tests.conftest import parse


def _first(nlp, text: str, surface: str) -> dict:
    return next(m for m in parse(nlp, text)._.actor_mentions if m["text"] == surface)


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("US Secretary of State Marco Velasquez arrived in Cairo on Monday.", "Marco Velasquez", "USA"),
        ("The US ambassador to Germany, Linda Harrow, met the press.", "Linda Harrow", "USA"),
        ("German Chancellor Friedrich Osterwald spoke to reporters.", "Friedrich Osterwald", "DEU"),
        ("Chidi Okafor, a Nigerian lawyer, said the case was weak.", "Chidi Okafor", "NGA"),
        ("Nadia Karimova of the Russian Foreign Ministry told reporters the plan was dead.", "Nadia Karimova", "RUS"),
        (
            "Nadia Karimova of the Russian Foreign Ministry told reporters the plan was dead.",
            "Russian Foreign Ministry",
            "RUS",
        ),
    ],
)
def test_country_from_context(nlp, text, surface, code):
    mention = _first(nlp, text, surface)
    assert (mention["country_code"], mention["country_source"]) == (code, "context")


def test_country_before_title_is_split_from_the_name(nlp):
    mention = _first(
        nlp, "French President Emmanuel Macron met Qatari Emir Tamim bin Hamad.", "Qatari Emir Tamim bin Hamad"
    )
    assert (mention["name"], mention["country_code"]) == ("Tamim bin Hamad", "QAT")


def test_gazetteer_and_curated_sources(nlp):
    doc = parse(nlp, "Officials in Kenya met NATO envoys.")
    sources = {m["text"]: m["country_source"] for m in doc._.actor_mentions}
    assert sources.get("Kenya") == "gazetteer"


def test_acronym_defined_in_brackets_is_the_full_name(nlp):
    doc = parse(nlp, "The Kurdistan Workers' Party (PKK) claimed the attack. The PKK said it would continue.")
    keys = {m["key"] for m in doc._.actor_mentions}
    assert keys == {"organization:kurdistan workers' party"}


def test_surname_after_full_name_is_the_person(nlp):
    doc = parse(nlp, "Chidi Okafor, a Nigerian lawyer, said the case was weak. Mr. Okafor added that he would appeal.")
    people = [m for m in doc._.actor_mentions if m["type"] == "person"]
    assert len(people) == 2 and len({m["key"] for m in people}) == 1


def test_town_labelled_person_is_a_location(nlp):
    mention = _first(nlp, "Protesters gathered in Ma'rib and Ras Tanura after the strike.", "Ras Tanura")
    assert (mention["type"], mention["country_code"]) == ("location", "SAU")


def test_merge_keys_and_compatible_types():
    assert merge_key("Houthis") == merge_key("Houthi")
    assert merge_key("G7") != merge_key("G20")
    assert may_merge("Minetest", "organization", "Minetest", "location")
    assert not may_merge("The Guardian", "media_outlet", "Guardians", "organization")
    assert not may_merge("Georgia", "country", "Georgia", "location")
