"""TIMEX3 values of each expression family, anchored on a known date."""

from datetime import date

import pytest

from assets.extract.timex import normalise

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
    ],
)
def test_expression_families(text, tense, timex_type, value):
    tx = normalise(text, THU_15_JUNE_2023, tense)
    assert tx is not None, text
    assert (tx.timex_type, tx.value) == (timex_type, value)


def test_year_boundaries():
    new_year = date(2024, 1, 2)
    assert normalise("last month", new_year).value == "2023-12"
    assert normalise("December", new_year, "past").value == "2023-12"
    assert normalise("31 December", new_year, "past").value == "2023-12-31"
    assert normalise("last week", new_year).value == "2023-W52"
    assert normalise("next month", date(2023, 12, 20)).value == "2024-01"
    assert normalise("January 5", date(2023, 12, 28), "future").value == "2024-01-05"
    assert normalise("yesterday", new_year - (new_year - date(2024, 1, 1))).value == "2023-12-31"


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
