"""TIMEX3 values of each expression family, anchored on a known date; the spans the component
finds in parsed text; the dates rows made from them."""

from datetime import date, datetime

import pytest

from assets.extract.timex import Reference, normalise

THU_15_JUNE_2023 = date(2023, 6, 15)  # a Thursday


@pytest.mark.parametrize(
    "text, tense, timex_type, value",
    [
        # absolute dates
        ("15 June 2023", None, "DATE", "2023-06-15"),
        ("June 15, 2023", None, "DATE", "2023-06-15"),
        ("2013-03-22", None, "DATE", "2013-03-22"),
        ("March 2021", None, "DATE", "2021-03"),
        ("2030", None, "DATE", "2030"),
        ("by 2030", None, "DATE", "2030"),
        ("the 1990s", None, "DATE", "199"),
        ("the third quarter", None, "DATE", "2023-Q3"),
        ("the first quarter of 2022", None, "DATE", "2022-Q1"),
        ("this summer", None, "DATE", "2023-SU"),
        ("early 2023", None, "DATE", "2023"),
        # relative to the anchor
        ("today", None, "DATE", "2023-06-15"),
        ("yesterday", None, "DATE", "2023-06-14"),
        ("tomorrow", None, "DATE", "2023-06-16"),
        ("the following day", None, "DATE", "2023-06-16"),
        ("next month", None, "DATE", "2023-07"),
        ("last month", None, "DATE", "2023-05"),
        ("this year", None, "DATE", "2023"),
        ("last year", None, "DATE", "2022"),
        ("next week", None, "DATE", "2023-W25"),
        ("last week", None, "DATE", "2023-W23"),
        ("two days ago", None, "DATE", "2023-06-13"),
        ("three years ago", None, "DATE", "2020"),
        ("in two weeks", None, "DURATION", "P2W"),
        # weekdays: the verb's tense chooses the direction
        ("Monday", "past", "DATE", "2023-06-12"),
        ("Monday", "future", "DATE", "2023-06-19"),
        ("Friday", "past", "DATE", "2023-06-09"),
        ("Friday", "future", "DATE", "2023-06-16"),
        ("Thursday", "past", "DATE", "2023-06-15"),
        ("next Monday", None, "DATE", "2023-06-19"),
        ("Friday morning", "past", "TIME", "2023-06-09TMO"),
        # times
        ("6 a.m.", None, "TIME", "2023-06-15T06:00"),
        ("6:30 pm", None, "TIME", "2023-06-15T18:30"),
        ("tonight", None, "TIME", "2023-06-15TNI"),
        # durations
        ("two years", None, "DURATION", "P2Y"),
        ("for two years", None, "DURATION", "P2Y"),
        ("18 months", None, "DURATION", "P18M"),
        ("three-day", None, "DURATION", "P3D"),
        ("several years", None, "DURATION", "PXY"),
        ("the past year", None, "DURATION", "P1Y"),
        ("48 hours", None, "DURATION", "PT48H"),
        # sets
        ("every week", None, "SET", "P1W"),
        ("annually", None, "SET", "P1Y"),
        # references
        ("now", None, "DATE", "PRESENT_REF"),
        ("currently", None, "DATE", "PRESENT_REF"),
        ("recently", None, "DATE", "PAST_REF"),
        ("in the future", None, "DATE", "FUTURE_REF"),
        ("the near term", None, "DATE", "FUTURE_REF"),
        ("recent years", None, "DURATION", "PXY"),
        ("the past several quarters", None, "DATE", "PAST_REF"),
        # quarters
        ("third-quarter", None, "DATE", "2023-Q3"),
        ("Q4 2022", None, "DATE", "2022-Q4"),
        ("the fiscal first quarter", None, "DATE", "2023-Q1"),
        ("the fourth quarter", "past", "DATE", "2022-Q4"),  # spoken of in the past from Q2: last year's
        ("the current quarter", None, "DATE", "2023-Q2"),
        ("next quarter", None, "DATE", "2023-Q3"),
        ("the quarter", None, "DATE", "2023-Q1"),  # the one last reported
        ("the 1988 second quarter", None, "DATE", "1988-Q2"),
        ("this year's third quarter", None, "DATE", "2023-Q3"),
        ("the year-ago quarter", None, "DATE", "2022-Q1"),
        # holidays
        ("Christmas", "future", "DATE", "2023-12-25"),
        ("last Christmas", None, "DATE", "2022-12-25"),
        ("Thanksgiving Day", "future", "DATE", "2023-11-23"),
        ("Easter 2024", None, "DATE", "2024-03-31"),
        # numbers written as words, fractions, ranges
        ("nineteen ninety-six", None, "DATE", "1996"),
        ("the year two thousand", None, "DATE", "2000"),
        ("twenty four hours", None, "DURATION", "PT24H"),
        ("a couple of years", None, "DURATION", "P2Y"),
        ("two and a half years", None, "DURATION", "P2Y6M"),
        ("5 1/2 hours", None, "DURATION", "PT5H30M"),
        ("half an hour", None, "DURATION", "PT30M"),
        ("two to three weeks", None, "DURATION", "P2W"),
        ("at least 20 more years", None, "DURATION", "P20Y"),
        ("two decades", None, "DURATION", "P20Y"),
        ("the first nine months", None, "DURATION", "P9M"),
        # decades and centuries
        ("the '80s", None, "DATE", "198"),
        ("the nineties", None, "DATE", "199"),
        ("the late 1990s", None, "DATE", "199"),
        ("the 21st century", None, "DATE", "20"),
        # sets
        ("every Monday", None, "SET", "XXXX-WXX-1"),
        ("Tuesday nights", None, "SET", "XXXX-WXX-2TNI"),
        ("each July", None, "SET", "XXXX-07"),
        ("twice a year", None, "SET", "P1Y"),
        ("daily", None, "SET", "P1D"),
        # modified and combined
        ("earlier this month", None, "DATE", "2023-06"),
        ("later this year", None, "DATE", "2023"),
        ("early next week", None, "DATE", "2023-W25"),
        ("late last year", None, "DATE", "2022"),
        ("mid-2024", None, "DATE", "2024"),
        ("the week of June 5", None, "DATE", "2023-W23"),
        ("Thursday, June 15", None, "DATE", "2023-06-15"),
        ("the weekend", "past", "DATE", "2023-W23-WE"),
        ("this weekend", "future", "DATE", "2023-W24-WE"),
        ("last night", None, "TIME", "2023-06-14TNI"),
        ("this afternoon", None, "TIME", "2023-06-15TAF"),
        ("10 p.m. Wednesday", "past", "TIME", "2023-06-14T22:00"),
        ("Friday at noon", "future", "TIME", "2023-06-16T12:00"),
        ("5 p.m. EST Nov. 9", "future", "TIME", "2023-11-09T17:00"),
        ("mid-afternoon yesterday", None, "TIME", "2023-06-14TAF"),
        ("4 in the morning", None, "TIME", "2023-06-15T04:00"),
        # months and days named without a year: the nearest, turned by the verb's tense
        ("July", None, "DATE", "2023-07"),
        ("January", None, "DATE", "2023-01"),
        ("December", "past", "DATE", "2022-12"),
        ("December", "future", "DATE", "2023-12"),
        ("last April", None, "DATE", "2023-04"),
        ("next April", None, "DATE", "2024-04"),
        ("last June", None, "DATE", "2022-06"),
        ("Sept. 1", None, "DATE", "2023-09-01"),
        ("Dec. 20", "past", "DATE", "2022-12-20"),
        ("15/06/2023", None, "DATE", "2023-06-15"),
        # weekdays relative to other weekdays
        ("last Friday", None, "DATE", "2023-06-09"),
        ("last Thursday", None, "DATE", "2023-06-08"),
        ("this coming Sunday", None, "DATE", "2023-06-18"),
        ("Wednesday", "present", "DATE", "2023-06-14"),
    ],
)
def test_expression_families(text, tense, timex_type, value):
    tx = normalise(text, THU_15_JUNE_2023, tense)
    assert tx is not None, text
    assert (tx.timex_type, tx.value) == (timex_type, value)


def test_halves_are_written_h1_h2_with_their_first_day():
    tx = normalise("the second half of 2024", THU_15_JUNE_2023)
    assert (tx.value, tx.granularity, tx.resolved) == ("2024-H2", "half", date(2024, 7, 1))


def test_year_boundaries():
    new_year = date(2024, 1, 2)
    assert normalise("last month", new_year).value == "2023-12"
    assert normalise("December", new_year, "past").value == "2023-12"
    assert normalise("31 December", new_year, "past").value == "2023-12-31"
    assert normalise("last week", new_year).value == "2023-W52"
    assert normalise("next month", date(2023, 12, 20)).value == "2024-01"
    assert normalise("January 5", date(2023, 12, 28), "future").value == "2024-01-05"
    assert normalise("yesterday", new_year - (new_year - date(2024, 1, 1))).value == "2023-12-31"
    new_years_eve = date(2023, 12, 31)  # a Sunday
    assert normalise("tomorrow", new_years_eve).value == "2024-01-01"
    assert normalise("next year", new_years_eve).value == "2024"
    assert normalise("Monday", new_years_eve, "future").value == "2024-01-01"
    assert normalise("Friday", new_years_eve, "past").value == "2023-12-29"
    assert normalise("next week", date(2023, 12, 28)).value == "2024-W01"
    assert normalise("last week", date(2021, 1, 6)).value == "2020-W53"  # ISO years have 52 or 53 weeks
    assert normalise("the fourth quarter", date(2024, 1, 10), "past").value == "2023-Q4"
    assert normalise("last quarter", date(2024, 2, 1)).value == "2023-Q4"
    assert normalise("last December", date(2024, 1, 5)).value == "2023-12"
    assert normalise("next January", date(2023, 12, 5)).value == "2024-01"
    assert normalise("Jan. 3", date(2023, 12, 30), "future").value == "2024-01-03"
    assert normalise("Jan. 3", date(2023, 12, 30)).value == "2024-01-03"  # four days ahead, not a year back
    assert normalise("two days ago", date(2024, 1, 1)).value == "2023-12-30"
    assert normalise("the weekend", new_year, "past").value == "2023-W52-WE"


def test_weekday_direction_follows_the_verb():
    # Thursday 15 June 2023: Monday is three days back or four ahead.
    assert normalise("Monday", THU_15_JUNE_2023, "past").value == "2023-06-12"
    assert normalise("Monday", THU_15_JUNE_2023, "present").value == "2023-06-12"
    assert normalise("Monday", THU_15_JUNE_2023, None).value == "2023-06-12"
    assert normalise("Monday", THU_15_JUNE_2023, "future").value == "2023-06-19"
    # the anchor's own weekday is today in the past, next week in the future
    assert normalise("Thursday", THU_15_JUNE_2023, "past").value == "2023-06-15"
    assert normalise("Thursday", THU_15_JUNE_2023, "future").value == "2023-06-22"
    # "next" and "last" fix the direction whatever the tense
    assert normalise("next Monday", THU_15_JUNE_2023, "past").value == "2023-06-19"
    assert normalise("last Monday", THU_15_JUNE_2023, "future").value == "2023-06-12"


@pytest.mark.parametrize(
    "sentence, expression, value",
    [
        ("The minister said on Monday that talks would resume.", "Monday", "2023-06-12"),
        ("The minister will travel to Kyiv on Monday.", "Monday", "2023-06-19"),
        ("The delegation plans to leave on Monday.", "Monday", "2023-06-19"),
        ("The group could arrive as soon as Monday.", "Monday", "2023-06-19"),
        ("The offer is to expire on Monday.", "Monday", "2023-06-19"),
        ("The offer had been due to expire on Monday.", "Monday", "2023-06-12"),
    ],
)
def test_weekday_direction_in_sentences(nlp, sentence, expression, value):
    [found] = [t for t in _timexes(nlp, sentence) if t["text"] == expression]
    assert found["value"] == value


def test_discourse_reference_time():
    june_1 = Reference(day=date(2023, 6, 1))
    assert normalise("the following day", THU_15_JUNE_2023, ref=june_1).value == "2023-06-02"
    assert normalise("that same day", THU_15_JUNE_2023, ref=june_1).value == "2023-06-01"
    assert normalise("three days later", THU_15_JUNE_2023, ref=june_1).value == "2023-06-04"
    assert normalise("three days ago", THU_15_JUNE_2023, ref=june_1).value == "2023-06-12"  # "ago": the anchor
    assert normalise("the following month", THU_15_JUNE_2023, ref=Reference(month=(2023, 3))).value == "2023-04"
    q2 = Reference(quarter=(2023, 2))
    assert normalise("a year earlier", THU_15_JUNE_2023, ref=q2).value == "2022-Q2"
    assert normalise("the year-earlier period", THU_15_JUNE_2023, ref=q2).value == "2022-Q2"
    assert normalise("a year earlier", THU_15_JUNE_2023).value == "2022"
    assert normalise("later that year", THU_15_JUNE_2023, ref=Reference(year=2019)).value == "2019"


def _timexes(nlp, text, anchor="2023-06-15"):
    from tests.conftest import parse

    return parse(nlp, text, anchor)._.timexes


def test_component_splits_ranges_and_joins_clock_and_day(nlp):
    found = _timexes(nlp, "Kopp crossed the border between 1994 and 1997, and again on April 24 and 25.")
    assert [(t["text"], t["value"]) for t in found] == [
        ("1994", "1994"),
        ("1997", "1997"),
        ("April 24", "2023-04-24"),
        ("25", "2023-04-25"),
    ]
    [clock] = _timexes(nlp, "The blast came at 10 p.m. Wednesday, police said.")
    assert (clock["text"], clock["timex_type"], clock["value"]) == ("10 p.m. Wednesday", "TIME", "2023-06-14T22:00")


def test_component_skips_ages_and_fractions(nlp):
    assert _timexes(nlp, "A 6-year-old boy and his 52-year-old father were found.") == []
    assert _timexes(nlp, "The fund sold a quarter of the shares.") == []


def test_component_finds_what_the_model_misses(nlp):
    text = "Third-quarter profit rose, the company said. Prices are now higher than a year earlier."
    found = {t["text"]: t["value"] for t in _timexes(nlp, text, "2023-10-20")}
    assert found["Third-quarter"] == "2023-Q3"
    assert found["now"] == "PRESENT_REF"
    assert found["a year earlier"] == "2022-Q3"  # the quarter the report is about, a year before


def test_component_reads_a_frequency_after_a_quantity(nlp):
    found = {t["text"]: (t["timex_type"], t["value"]) for t in _timexes(nlp, "Exports bring in $1 billion a year.")}
    assert found["a year"] == ("SET", "P1Y")


def test_component_dict_shape(nlp):
    [t] = _timexes(nlp, "Talks resume next month.")
    assert set(t) == {"text", "start", "end", "sentence", "timex_type", "value", "granularity", "resolved", "governors"}
    assert (t["text"], t["value"], t["resolved"], t["granularity"]) == ("next month", "2023-07", "2023-07-01", "month")


def test_date_rows_for_article_fields_and_claims(nlp):
    from assets.extract.rows import article_rows
    from tests.conftest import parse

    text = "Portugal will raise its defence budget next year, the finance minister said on Thursday."
    article = {
        "article_id": "a1",
        "published_at": datetime(2024, 1, 5, 14, 20),
        "dateline_date": date(2024, 1, 4),
        "dateline_text": "4 January",
    }
    rows = {r["text"]: r for r in article_rows(article, parse(nlp, text, "2024-01-04"))["dates"]}
    assert (rows["2024-01-05 14:20"]["role"], rows["2024-01-05 14:20"]["timex_type"]) == ("published", "TIME")
    assert (rows["4 January"]["role"], rows["4 January"]["value"]) == ("dateline", "2024-01-04")
    assert rows["next year"]["value"] == "2025" and rows["next year"]["claim_id"] is not None
    assert not rows["next year"]["is_claim_time"]
    thursday = rows["Thursday"]
    assert thursday["value"] == "2024-01-04" and thursday["is_claim_time"]
    assert thursday["claim_id"] == rows["next year"]["claim_id"]  # when the claim in which "next year" sits was made
    midnight = article_rows({"article_id": "a2", "published_at": datetime(2024, 1, 5)}, parse(nlp, "No dates."))
    [published] = midnight["dates"]
    assert (published["timex_type"], published["value"]) == ("DATE", "2024-01-05")


def test_resolved_date_is_the_first_day_denoted():
    assert normalise("next month", THU_15_JUNE_2023).resolved == date(2023, 7, 1)
    assert normalise("next week", THU_15_JUNE_2023).resolved == date(2023, 6, 19)
    assert normalise("the third quarter", THU_15_JUNE_2023).resolved == date(2023, 7, 1)


def test_without_anchor_values_stay_underspecified():
    assert normalise("15 June", None).value == "XXXX-06-15"
    assert normalise("Monday", None).value == "XXXX-WXX-1"
    assert normalise("June 2021", None).value == "2021-06"


def test_non_time_expressions_give_nothing():
    assert normalise("March", THU_15_JUNE_2023).value == "2023-03"
    for text in ["the president", "may", "march", "a deal", "the war"]:
        assert normalise(text, THU_15_JUNE_2023) is None, text
