"""TIMEX3 values of each expression family, anchored on a known date; the spans the component
finds in parsed text; the dates rows made from them.

The single-expression cases (text, anchor, tense, discourse, expected reading) are a table in
`fixtures/timex_cases.tsv`, the weekday-in-a-sentence cases in `fixtures/timex_sentences.tsv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from assets.extract.rows import article_rows
from assets.extract.timex import Reference, normalise
from tests.conftest import parse

FIXTURES = Path(__file__).parent / "fixtures"
NOT_A_TIMEX = "(none)"


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated fixture, by column name; '#' lines and '<tab># ' notes left out."""
    lines = [line.split("\t# ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _reference(cell: str) -> Reference | None:
    """A `Reference` from 'day=2023-06-01', 'month=2023-03', 'quarter=2023-Q2', 'year=2019' (joined by ';')."""
    if cell == "-":
        return None
    ref = Reference()
    for part in cell.split(";"):
        key, value = part.strip().split("=")
        if key == "day":
            ref.day = date.fromisoformat(value)
        elif key == "month":
            ref.month = tuple(map(int, value.split("-")))
        elif key == "quarter":
            year, quarter = value.split("-Q")
            ref.quarter = (int(year), int(quarter))
        elif key == "year":
            ref.year = int(value)
        else:
            raise ValueError(f"unknown reference {key!r} in {cell!r}")
    return ref


@dataclass(frozen=True)
class Case:
    """One row of `timex_cases.tsv`: an expression, what it is read against, what it reads as."""

    group: str
    text: str
    anchor: date | None
    tense: str | None
    ref: str
    expected: dict[str, str]  # only the fields the case checks

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Case:
        checked = {
            "timex_type": row["type"],
            "value": row["value"],
            "granularity": row["granularity"],
            "resolved": row["resolved"],
        }
        return cls(
            group=row["group"],
            text=row["text"],
            anchor=None if row["anchor"] == "-" else date.fromisoformat(row["anchor"]),
            tense=None if row["tense"] == "-" else row["tense"],
            ref=row["ref"],
            expected={field: value for field, value in checked.items() if value != "-"},
        )

    @property
    def id(self) -> str:
        context = [
            self.anchor.isoformat() if self.anchor else "no anchor",
            self.tense,
            None if self.ref == "-" else self.ref,
        ]
        return f"{self.group}: {self.text} ({', '.join(c for c in context if c)})"


CASES = [Case.from_row(row) for row in _table(FIXTURES / "timex_cases.tsv")]
SENTENCES = _table(FIXTURES / "timex_sentences.tsv")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_expressions(case: Case):
    tx = normalise(case.text, case.anchor, case.tense, ref=_reference(case.ref))
    if case.expected.get("value") == NOT_A_TIMEX:
        assert tx is None, case.text
        return
    assert tx is not None, case.text
    found = {
        "timex_type": tx.timex_type,
        "value": tx.value,
        "granularity": tx.granularity,
        "resolved": tx.resolved.isoformat() if tx.resolved else None,
    }
    assert {field: found[field] for field in case.expected} == case.expected


def test_the_case_table_covers_every_family():
    groups = {case.group for case in CASES}
    assert {"absolute", "relative", "duration", "set", "reference", "quarter", "holiday", "clock"} <= groups
    assert {"year-boundary", "weekday-direction", "discourse", "no-anchor", "not-timex"} <= groups


@pytest.mark.parametrize("row", SENTENCES, ids=[row["sentence"] for row in SENTENCES])
def test_weekday_direction_in_sentences(nlp, row):
    [found] = [t for t in _timexes(nlp, row["sentence"], row["anchor"]) if t["text"] == row["expression"]]
    assert found["value"] == row["value"]


def _timexes(nlp, text, anchor="2023-06-15"):
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
