"""Time expressions normalised to TIMEX3 (TempEval-3 conventions), anchored on the article date.

Two parts, kept apart the way HeidelTime keeps its resources apart from its engine:

* `normalise(text, anchor, tense, ref)` is a grammar over the expression's words: absolute
  dates, relative ones ("next month", "two days ago", "Monday" with the verb's tense choosing
  the direction), durations, sets, quarters and halves, holidays, clock times and the
  PRESENT/PAST/FUTURE references. Words for numbers ("nineteen ninety-six", "twenty four") are
  read as numbers. Without an anchor, relative values stay underspecified (`XXXX-06-15`).
  `ref` is the discourse's reference time: "the following day", "the quarter" or "a year
  earlier" are read against the last date the article mentioned, as TimeML does.
* The spaCy component `newsclaims_timex` proposes spans from the model's DATE/TIME entities
  and a pattern scan for what the model misses ("now", "third-quarter", "Thanksgiving"); a
  span the grammar cannot read whole is split at "and"/"to"/commas ("between 1994 and 1997")
  or shrunk to the longest part it can read, and a clock time next to a day ("10 p.m.
  Wednesday") is read as one.

Where things are:

* `vocabulary.py`: the word lists and tables, read from `data/lexicons/timex/`
* `text.py`: the words made regular (`prepare`), number words as numbers
* `values.py`: `Timex`, the value constructors, date arithmetic (`shifted`, `closest`)
* `context.py`: `Reference` (the discourse's last dates) and the rules' `Context`
* `grammar.py`: `normalise`, trying `rules.RULES` in order
* `rules/`: one family of expressions per module; `rules/__init__.py` holds the order
* `scan.py`, `candidates.py`: the spans proposed and made readable
* `component.py`: the spaCy factory, `TimexTagger`, the verb's tense (`tense_of`)

Importing this package registers the `newsclaims_timex` factory.
"""

from __future__ import annotations

from .component import TimexTagger, make_timex_tagger
from .context import Reference
from .grammar import normalise
from .values import Timex

__all__ = ["Reference", "Timex", "TimexTagger", "make_timex_tagger", "normalise"]
