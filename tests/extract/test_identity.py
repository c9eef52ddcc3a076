"""Actor identity (issue 17): country from context, short forms within an article, merges across.

Sentences are written for the project.
"""

from __future__ import annotations

import pytest

from assets.extract.actors.identity import acronym_repeats
from assets.extract.actors.works import work_names
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


def _mentions(nlp, text: str) -> list[dict]:
    return parse(nlp, text)._.actor_mentions


def test_legislature_takes_the_country_of_the_article(nlp):
    text = (
        "President Trump said the United States would act. The Senate voted 52 to 48, "
        "and Democrats in Congress objected to the plan in Washington."
    )
    found = {m["text"]: m for m in _mentions(nlp, text)}
    assert (found["Senate"]["name"], found["Senate"]["country_code"]) == ("US Senate", "USA")
    assert found["Senate"]["country_source"] == "context"
    assert found["Congress"]["name"] == "US Congress"


def test_body_of_another_country_keeps_its_generic_name(nlp):
    found = {
        m["text"]: m
        for m in _mentions(nlp, "Australia's leaders met in Canberra. The Senate in Australia passed the bill.")
    }
    assert (found["Senate"]["name"], found["Senate"]["country_code"]) == ("Senate", "AUS")


def test_party_of_several_countries_takes_the_country_of_the_article(nlp):
    text = "Voters in Ohio and Texas backed the Democratic Party, the United States' oldest party, on Tuesday."
    party = next(m for m in _mentions(nlp, text) if m["name"] == "Democratic Party")
    assert party["country_code"] == "USA"


def test_no_country_without_a_dominant_one(nlp):
    text = "France and Germany argued. The Senate voted."
    senate = [m for m in _mentions(nlp, text) if m["text"] == "Senate"]
    assert all(m["country_code"] is None for m in senate)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vexlor is an open-source game that anyone can download. Players of Vexlor build worlds.", "Vexlor"),
        ("Marta Kowal announced a new operating system, Granite Linux, on Monday.", "Granite Linux"),
        ("The group opposes DRM (digital rights management) in browsers. DRM spreads.", "DRM"),
        ("Asha Rao, who has been the Divisional Railway Manager (DRM) since 2019, spoke.", "DRM"),
    ],
)
def test_works_and_concepts_are_no_actors(nlp, text, name):
    assert name not in {m["text"] for m in _mentions(nlp, text)}


def test_acronym_of_an_organization_is_kept(nlp):
    doc = parse(nlp, "The Federal Open Market Committee (FOMC) met. The FOMC kept rates unchanged.")
    assert "FOMC" not in work_names(doc)


def test_courtesy_title_makes_the_name_a_persons_in_every_mention(nlp):
    text = "Wikinews spoke with Dr Valeria Gazzola about the study. Valeria Gazzola said the rats helped."
    found = [m for m in _mentions(nlp, text) if "Gazzola" in m["text"]]
    assert {m["type"] for m in found} == {"person"} and len({m["key"] for m in found}) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The fire was first reported by Kanal Devet on Monday.", "Kanal Devet"),
        ("Residents said the Zorvan Gazette newspaper had warned them.", "Zorvan Gazette"),
        ("Mayor Tomas Brink spoke to Radio Velka. He told the channel the bridge would reopen.", "Radio Velka"),
        ("According to the Vostrik newspaper, three people died.", "Vostrik"),
    ],
)
def test_outlet_from_cue_context(nlp, text, name):
    found = [m for m in _mentions(nlp, text) if m["name"] == name and m["label"] != "ANAPHOR"]
    assert found and {m["type"] for m in found} == {"media_outlet"}


def test_company_reporting_results_stays_an_organization(nlp):
    found = [m for m in _mentions(nlp, "Acme Holdings reported a loss on Friday.") if m["name"] == "Acme Holdings"]
    assert found and found[0]["type"] == "organization"


def test_name_described_as_a_release_is_no_actor(nlp):
    text = "Developers will work on both Fedora, and Quillstream as a rolling release, before the features ship."
    assert "Quillstream" not in {m["text"] for m in _mentions(nlp, text)}


@pytest.mark.parametrize(
    ("text", "acronym", "recurs"),
    [
        ("It rebuilds Zorvan Enterprise Linux (ZEL) each year. ZEL users pay for support.", "ZEL", False),
        ("The Zorvan Democratic Party (ZDP) won. ZDP leaders spoke.", "ZDP", True),
    ],
)
def test_only_an_organizations_acronym_recurs_as_it(nlp, text, acronym, recurs):
    doc = parse(nlp, text)
    kept = [m for m in doc._.actor_mentions if m["text"] != acronym]
    added = acronym_repeats(doc, kept)
    assert bool(added) == recurs and all(m["text"] == acronym for m in added)
