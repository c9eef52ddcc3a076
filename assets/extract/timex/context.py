"""What an expression is read against: the article's anchor, the verb's tense, the discourse.

The anchor is the article's date; `Reference` keeps the last dates the article mentioned, which
"the following day", "the quarter" or "a year earlier" are read against (as TimeML does);
`Context` carries both to the rules, with the whole grammar for the rules that read a part of
the expression on its own ("the week of June 5" reads "June 5").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .values import Timex

# How many sentences after a quarter is named "a year earlier" still means that quarter a year before.
QUARTER_WINDOW = 2


@dataclass
class Reference:
    """The discourse's last dates, for "the following day", "the quarter" or "a year earlier".

    Starts empty; `update` it with each expression read, in text order.
    """

    day: date | None = None
    quarter: tuple[int, int] | None = None
    month: tuple[int, int] | None = None
    year: int | None = None
    sentence: int = 0  # the sentence being read
    quarter_sentence: int = 0  # where the quarter was last named

    @property
    def recent_quarter(self) -> tuple[int, int] | None:
        """The quarter named in this or the last few sentences: what "a year earlier" compares with."""
        return self.quarter if self.sentence - self.quarter_sentence <= QUARTER_WINDOW else None

    def update(self, tx: Timex) -> None:
        """Make `tx` the discourse's last date, at its granularity (a day also sets its month and year)."""
        if tx.anaphoric and tx.granularity != "day":
            if tx.granularity == "quarter":
                self.quarter_sentence = self.sentence  # the quarter is still the topic
            return  # "a year earlier" does not move the reference to last year's quarter
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", tx.value)
        if m:
            self.day = date(*map(int, m.groups()))
            self.month = (self.day.year, self.day.month)
            self.year = self.day.year
            return
        m = re.fullmatch(r"(\d{4})-(\d{2})", tx.value)
        if m:
            self.month = (int(m.group(1)), int(m.group(2)))
            self.year = self.month[0]
            return
        m = re.fullmatch(r"(\d{4})-Q([1-4])", tx.value)
        if m:
            self.quarter = (int(m.group(1)), int(m.group(2)))
            self.quarter_sentence = self.sentence
            self.year = self.quarter[0]
            return
        m = re.fullmatch(r"(\d{4})(?:-\d{2}|-[A-Z]{2}|-H[12])?", tx.value)
        if m:
            self.year = int(m.group(1))


@dataclass
class Context:
    """Everything a rule reads an expression against, passed along as one argument.

    `parse` is the whole grammar (`grammar.parse`), handed in so that rules can read a part of
    the expression without importing the grammar that imports them.
    """

    anchor: date | None
    tense: str | None
    ref: Reference
    parse: Callable[[str, Context], Timex | None]

    @property
    def ref_day(self) -> date | None:
        """The day the discourse last named, else the anchor."""
        return self.ref.day or self.anchor

    def read(self, text: str) -> Timex | None:
        """Read a part of the expression with the whole grammar, in this same context."""
        return self.parse(text, self)
