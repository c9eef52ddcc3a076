"""Actors: typing, country codes, people, anaphora, corpus-wide ids (issue 6).

Texts here are written for the tests; the two fixture articles under fixtures/actors/ are run
through the whole pipeline, one batch after the other.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from assets.core.settings import NewsclaimsSettings
from assets.extract.gazetteer import gazetteer
from assets.extract.knowledge import directory, fold, given_names_agree, person_country
from pipelines.run import run_pipeline
from tests.conftest import FIXTURES, parse


def _mentions(nlp, text: str) -> list[dict]:
    return parse(nlp, text)._.actor_mentions


def _by_text(mentions: list[dict], text: str) -> list[dict]:
    return [m for m in mentions if m["text"] == text]


# --- data behind the layer -------------------------------------------------------------------


def test_gazetteer_countries_capitals_demonyms_places():
    gaz = gazetteer()
    assert gaz.country("Britain") == "GBR"
    assert gaz.country("the US") == "USA"
    assert gaz.capital("Kyiv") == "UKR"
    assert gaz.demonym("Ukrainians") == "UKR"
    assert gaz.demonym("Britons") == "GBR"  # the Factbook's nationality nouns
    assert gaz.place("Magnitogorsk") == "RUS"  # GeoNames cities
    assert gaz.place("Texas") == "USA"


def test_transliterations_and_given_names():
    assert fold("Zelensky") == fold("Zelenskyy") == fold("Zelenskiy")
    assert given_names_agree("Joe", "Joseph")
    assert given_names_agree("J.", "Joseph")
    assert not given_names_agree("Hunter", "Joseph")
    assert person_country(["Joe"], "Biden") == "USA"  # the Factbook's office holders
    assert person_country(["Volodymyr"], "Zelensky") == "UKR"
    assert person_country(["Hunter"], "Biden") is None


def test_curated_directory():
    assert directory().lookup("the Financial Times").country == "GBR"
    assert directory().lookup("NATO").name == directory().lookup("North Atlantic Treaty Organization").name
    assert directory().lookup("who") is None  # acronyms match as written


# --- the spaCy component ---------------------------------------------------------------------


def test_capital_as_government_and_as_place(nlp):
    ms = _mentions(nlp, "The plan does not meet Kyiv's requirements. Ministers will meet in Vilnius next month.")
    [kyiv] = _by_text(ms, "Kyiv")
    assert (kyiv["type"], kyiv["country_code"], kyiv["key"]) == ("country", "UKR", "country:UKR")
    [vilnius] = _by_text(ms, "Vilnius")
    assert (vilnius["type"], vilnius["country_code"]) == ("location", "LTU")


def test_short_names_demonyms_and_groups(nlp):
    ms = _mentions(nlp, "German officials said the US and Britain agreed. Ukrainians have waited for months.")
    assert {m["text"]: m["country_code"] for m in ms}.items() >= {
        "German": "DEU",
        "US": "USA",
        "Britain": "GBR",
    }.items()
    [german] = _by_text(ms, "German")
    assert german["type"] == "country"
    [people] = _by_text(ms, "Ukrainians")
    assert (people["type"], people["country_code"]) == ("group", "UKR")


def test_alliance_and_newspaper_refer_back(nlp):
    text = (
        "NATO ministers met in Brussels on Tuesday. The Alliance said it would send more air defence. "
        "The Guardian reported the decision on Wednesday. The newspaper said talks would go on."
    )
    ms = _mentions(nlp, text)
    nato = {m["key"] for m in ms if m["text"] in {"NATO", "Alliance"}}
    assert nato == {"organization:nato"}
    [paper] = _by_text(ms, "newspaper")
    [guardian] = [m for m in ms if m["text"] == "Guardian"]
    assert paper["key"] == guardian["key"] and paper["type"] == "media_outlet"
    assert guardian["country_code"] == "GBR"


def test_titles_split_and_country_from_title(nlp):
    text = (
        "Ukrainian President Volodymyr Zelensky met farmers on Monday. "
        "Later, President Zelenskyy said the harvest would be large."
    )
    ms = [m for m in _mentions(nlp, text) if m["type"] == "person"]
    assert {m["name"] for m in ms} == {"Volodymyr Zelensky"}
    assert {m["key"] for m in ms} == {"person:" + fold("Volodymyr Zelensky")}
    assert {m["country_code"] for m in ms} == {"UKR"}
    assert any("President" in (m.get("title") or "") for m in ms)


def test_two_people_sharing_a_surname_are_not_merged(nlp):
    ms = _mentions(nlp, "Joe Biden and Hunter Biden arrived together. Biden said nothing.")
    people = {m["text"]: m["key"] for m in ms if m["type"] == "person"}
    assert people["Joe Biden"] != people["Hunter Biden"]
    assert people["Biden"] == people["Joe Biden"]  # the bare surname: the first one introduced


def test_results_table_names_are_teams(nlp):
    ms = _mentions(nlp, "Division two results.\nAyr 6 Berwick 0 Clyde 0 Stenhousemuir 2\n")
    teams = {m["text"]: m["type"] for m in ms}
    assert teams.get("Ayr") == "organization" and teams.get("Berwick") == "organization"


def test_names_with_an_initial_are_people(nlp):
    ms = _mentions(nlp, "Scorers: J. Petrakis 52 , M. Okonjo 17 .\nThe home side won easily.")
    people = {m["text"] for m in ms if m["type"] == "person"}
    assert {"J. Petrakis", "M. Okonjo"} <= people


def test_names_beside_versus_are_teams(nlp):
    ms = _mentions(nlp, "Fixtures: May 20 v Dunmore , May 22 v Kelton .")
    types = {m["text"]: m["type"] for m in ms}
    assert types.get("Dunmore") == "organization" and types.get("Kelton") == "organization"


def test_team_is_a_team_wherever_the_report_names_it(nlp):
    text = (
        "Results on Saturday.\nAyr 6 Berwick 0 Clyde 0 Stenhousemuir 2\nBerwick , however , stayed top of the table ."
    )
    berwick = [m for m in _mentions(nlp, text) if m["text"] == "Berwick"]
    assert len(berwick) == 2 and {m["type"] for m in berwick} == {"organization"}


def test_town_that_beats_another_is_its_team(nlp):
    ms = _mentions(nlp, "Essex beat Kent by an innings on Friday.")
    assert {m["type"] for m in ms if m["text"] == "Kent"} == {"organization"}


def test_town_facing_a_drought_stays_a_place(nlp):
    ms = _mentions(nlp, "Rotherham faces a drought this summer, officials in Sheffield said.")
    assert {m["type"] for m in ms if m["text"] == "Rotherham"} <= {"location"}


def test_wire_topic_word_is_no_actor(nlp):
    ms = _mentions(nlp, "CRICKET - LEADING SCORES AT THE OPEN .\nLONDON 1996-08-30\nThe leaders held on .")
    assert "CRICKET" not in {m["text"] for m in ms}


def test_dateline_place_is_a_location(nlp):
    ms = _mentions(nlp, "Troops move north .\nTAVILDARA , Tajikistan 1996-08-30\nGovernment troops advanced .")
    assert {m["type"] for m in ms if m["text"] == "TAVILDARA"} == {"location"}


def test_surname_recurring_unlabelled_is_the_person(nlp):
    text = "Envoy Aleksei Durnovo arrived on Monday. Durnovo met the rebels. Talks with Durnovo went on."
    people = [m for m in _mentions(nlp, text) if m["type"] == "person"]
    assert len(people) == 3 and len({m["key"] for m in people}) == 1


def test_athlete_before_country_in_brackets(nlp):
    ms = _mentions(nlp, "Women's 100 metres: 1. Anna Varga ( Hungary ) 11.02 2. Maria Moritz ( Austria ) 11.10")
    people = {m["text"] for m in ms if m["type"] == "person"}
    assert {"Anna Varga", "Maria Moritz"} <= people


def test_headline_name_reads_as_the_body_reads_it(nlp):
    text = "SOCCER - KELTON SIGN STRIKER FROM DUNMORE .\nKelton signed the striker on Friday , the club said ."
    kelton = [m for m in _mentions(nlp, text) if m["text"].lower() == "kelton"]
    assert len(kelton) == 2 and len({m["key"] for m in kelton}) == 1


def test_acronym_defined_in_brackets_recurs_as_the_party(nlp):
    text = "The Zorvanian Democratic Party ( ZDP ) won. ZDP fighters held the pass, and ZDP leaders spoke."
    ms = _mentions(nlp, text)
    keys = {m["key"] for m in ms if m["text"] == "ZDP"}
    assert len([m for m in ms if m["text"] == "ZDP"]) == 3 and keys == {"organization:zorvanian democratic party"}


def test_outlet_name_without_the_noun(nlp):
    ms = _mentions(nlp, "Interfax news agency said the talks had failed.")
    assert any(m["text"] == "Interfax" and m["type"] == "media_outlet" for m in ms)


def test_entities_do_not_run_over_line_breaks(nlp):
    ms = _mentions(nlp, "The squad: Ricky Ponting, Michael Slater\nSteve Waugh and Mark Waugh.")
    assert all("\n" not in m["text"] for m in ms)


# --- corpus-wide ids -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("actors")
    inputs = root / "in"
    inputs.mkdir()
    shutil.copy(FIXTURES / "actors" / "day1.txt", inputs)
    settings = NewsclaimsSettings(warehouse_dir=str(root / "wh"))
    first = run_pipeline(settings, [str(inputs)])
    assert first.ok, (first.errors, first.blocking_failures)
    before = pd.read_parquet(settings.warehouse / "actors.parquet")
    shutil.copy(FIXTURES / "actors" / "day2.txt", inputs)
    second = run_pipeline(settings, [str(inputs)])
    assert second.ok, (second.errors, second.blocking_failures)
    after = pd.read_parquet(settings.warehouse / "actors.parquet")
    return settings.warehouse, before, after


def test_every_earlier_actor_id_survives(two_runs):
    warehouse, before, after = two_runs
    assert set(before["actor_id"]) <= set(after["actor_id"])
    for table, columns in {
        "actor_mentions": ["actor_id"],
        "sources": ["actor_id", "affiliation_actor_id"],
        "claim_actors": ["actor_id"],
    }.items():
        df = pd.read_parquet(warehouse / f"{table}.parquet")
        for column in columns:
            assert set(df[column].dropna()) <= set(after["actor_id"]), (table, column)


def test_counts_and_dates_follow_the_new_articles(two_runs):
    _, before, after = two_runs
    ukraine_before = before.set_index("name").loc["Ukraine"]
    ukraine = after.set_index("name").loc["Ukraine"]
    assert ukraine["actor_id"] == ukraine_before["actor_id"]
    assert (ukraine_before["n_articles"], ukraine["n_articles"]) == (1, 2)
    assert ukraine["n_mentions"] > ukraine_before["n_mentions"]
    assert str(ukraine["first_seen"]) == "2024-03-04" and str(ukraine["last_seen"]) == "2024-03-11"
    assert {"Kyiv", "Ukraine"} <= set(ukraine["aliases"])


def test_surname_first_then_full_name_keeps_the_first_id(two_runs):
    _, before, after = two_runs
    [k_before] = before.loc[before["name"] == "Kovalenko", "actor_id"].tolist()
    kovalenko = after[after["actor_id"] == k_before].iloc[0]
    assert kovalenko["name"] == "Oksana Kovalenko"  # the full name, on the first id
    assert kovalenko["n_articles"] == 2
    assert {"Kovalenko", "Oksana Kovalenko"} <= set(kovalenko["aliases"])
    assert (after["name"].str.contains("Kovalenko")).sum() == 1


def test_spellings_and_office_holders_are_one_person(two_runs):
    _, before, after = two_runs
    # 'President Zelensky' (day 1) is the Factbook's President Volodymyr Zelenskyy; day 2
    # spells it 'Volodymyr Zelenskyy': one actor, on day 1's id.
    [z_before] = before.loc[before["name"].str.contains("Zelensk"), "actor_id"].tolist()
    zelensky = after[after["actor_id"] == z_before].iloc[0]
    assert zelensky["name"] == "Volodymyr Zelensky"
    assert zelensky["country_code"] == "UKR" and zelensky["n_articles"] == 2
    assert {"Zelensky", "Volodymyr Zelenskyy"} <= set(zelensky["aliases"])
    assert (after["name"].str.contains("Zelensk")).sum() == 1


def test_shared_surname_stays_apart_across_the_corpus(two_runs):
    _, _, after = two_runs
    people = after[after["actor_type"] == "person"].set_index("name")
    assert {"Joe Biden", "Hunter Biden"} <= set(people.index)
    assert people.loc["Joe Biden", "actor_id"] != people.loc["Hunter Biden", "actor_id"]
    assert people.loc["Joe Biden", "country_code"] == "USA"


def test_outlets_and_capitals_in_the_corpus(two_runs):
    _, _, after = two_runs
    actors = after.set_index("name")
    assert tuple(actors.loc["Financial Times", ["actor_type", "country_code"]]) == ("media_outlet", "GBR")
    assert tuple(actors.loc["The Guardian", ["actor_type", "country_code"]]) == ("media_outlet", "GBR")
    assert "newspaper" in actors.loc["The Guardian", "aliases"]
    assert "Moscow" in actors.loc["Russia", "aliases"]  # threats from Moscow: the government
    assert "Alliance" in actors.loc["NATO", "aliases"]


def test_rerun_in_a_fresh_warehouse_gives_the_same_ids(two_runs, tmp_path):
    _, _, after = two_runs
    settings = NewsclaimsSettings(warehouse_dir=str(tmp_path / "wh"))
    assert run_pipeline(settings, [str(FIXTURES / "actors")]).ok
    fresh = pd.read_parquet(settings.warehouse / "actors.parquet")
    assert set(fresh["actor_id"]) == set(after["actor_id"])
