"""An expression's words made regular, so the rules match one spelling of each thing.

`prepare` lower-cases, unifies quotes and dashes, drops the words in front that are not part of
the value ("since", "more than"), reads number words as numbers ("nineteen ninety-six" 1996,
"twenty four" 24, "two and a half" 2.5) and drops fillers ("two more weeks", "10 trading
days", "fiscal"). `number_of` and `unit_of` read a quantity and a unit word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import FUTURE, LEADING, MONTH_RE, NUMBERS, ORDINAL_WORDS, PAST, PRESENT, TENS, UNITS, VAGUE


@lru_cache(maxsize=8192)
def prepare(text: str) -> str:
    """The expression as the rules read it: lower case, one spelling, numbers as digits.

    PRESENT/PAST/FUTURE words ("the past", "now") are returned as they are, before any word is
    dropped; cached, as the component asks for the same texts again and again.
    """
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").replace("`", "'")
    t = re.sub(r"\s+", " ", t).strip(' ,;:!?"()[]')
    if not re.search(r"\b[ap]\.m\.?$", t):
        t = t.rstrip(". ")
    t = re.sub(r"'s?$", "", t).strip()
    if t in FUTURE or t in PAST or t in PRESENT:
        return t
    for _ in range(4):
        new = LEADING.sub("", t)
        if new == t:
            break
        t = new
    t = words_to_numbers(t)
    t = re.sub(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=\d)", " ", t)
    t = re.sub(r"^(?:another|an additional|a further|one more) (?=\d|few|several|couple)", "", t)
    t = re.sub(r"^(?:another|an additional|a further|one more) ", "a ", t)
    t = re.sub(r"\b(\d+|few|several) (?:more|additional|further|straight|consecutive|successive) ", r"\1 ", t)
    t = re.sub(r" (?:or so|or more|or less|and counting)$", "", t)
    t = re.sub(
        r"\b(\d+) (?:trading|business|working|calendar|school|full|long) (days?|weeks?|years?|months?)\b", r"\1 \2", t
    )
    t = re.sub(r"\bfiscal[\s-]+(?=[a-z\d'])", "", t)
    t = re.sub(
        r"^(?:its|their|the company's|the firm's) (?=(?:first|second|third|fourth|latest|current|most recent)\b)",
        "the ",
        t,
    )
    return t.strip()


def words_to_numbers(t: str) -> str:
    """Number words as digits, so one pattern reads "1996", "nineteen ninety-six" and "nineteen 96".

    Also ordinals after a month ("march eighth" → "march 8"), years ("twenty ten", "two thousand
    and one"), "a couple", "a dozen", halves ("two and a half years" → "2.5 years").
    """
    if not re.search(r"[a-z]", t):
        return t
    units = "one|two|three|four|five|six|seven|eight|nine"
    tens = "|".join(TENS)
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    # ordinals after a month: "march eighth" -> "march 8", "the twenty-first" -> "21st"
    t = re.sub(rf"\b({tens})[- ]({'|'.join(w for w, i in ORDINAL_WORDS.items() if i < 10)})\b",
               lambda m: f"{TENS[m.group(1)] + ORDINAL_WORDS[m.group(2)]}th", t)  # fmt: skip
    t = re.sub(rf"\b({MONTH_RE})\.? (?:the )?({'|'.join(ORDINAL_WORDS)})\b",
               lambda m: f"{m.group(1)} {ORDINAL_WORDS[m.group(2)]}", t)  # fmt: skip
    t = re.sub(rf"\b(?:the )?({'|'.join(ORDINAL_WORDS)}) of ({MONTH_RE})\b",
               lambda m: f"{ORDINAL_WORDS[m.group(1)]} {m.group(2)}", t)  # fmt: skip
    # "twenty four", "ninety-six"
    t = re.sub(rf"\b({tens})[- ]({units})\b", lambda m: str(TENS[m.group(1)] + NUMBERS[m.group(2)]), t)
    # years: "nineteen ninety-six", "nineteen 96", "twenty ten"; "two thousand (and) one"
    t = re.sub(rf"\b(eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty) ({tens}|{teens}|\d\d)\b",
               lambda m: str(NUMBERS[m.group(1)] * 100 + (int(m.group(2)) if m.group(2).isdigit() else NUMBERS[m.group(2)])), t)  # fmt: skip
    t = re.sub(r"\b(eighteen|nineteen) hundred\b", lambda m: str(NUMBERS[m.group(1)] * 100), t)
    t = re.sub(rf"\btwo thousand(?: and)?(?: ({units}|{teens}|\d+))?\b",
               lambda m: str(2000 + (0 if not m.group(1) else int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)])), t)  # fmt: skip
    t = re.sub(r"\b(a|one|two|three|four|five|six|seven|eight|nine) hundred\b",
               lambda m: str(NUMBERS[m.group(1)] * 100), t)  # fmt: skip
    t = re.sub(r"\b(?:a )?couple(?: of)?\b", "2", t)
    t = re.sub(r"\ba dozen\b", "12", t)
    t = re.sub(r"\b(\d+|a|an|one) (\w+) and a half\b", lambda m: f"{_num(m.group(1))}.5 {m.group(2)}", t)
    t = re.sub(r"\b(?:a |one )?half (?:a |an )?(hour|day|year|century|decade|month)\b", r"0.5 \1", t)
    t = re.sub(r"\b(\d+) 1/2\b", r"\1.5", t)
    t = re.sub(rf"\b({units}|{teens}|{tens})\b", lambda m: str(NUMBERS[m.group(1)]), t)
    t = re.sub(r"\b(\d+) and a half\b", r"\1.5", t)  # "two and a half years"
    return t


def _num(word: str) -> int:
    """A digit string or number word as an int; 1 for "a", "an" and any word it does not know."""
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def number_of(word: str) -> int | float | str | None:
    """The quantity a word gives a duration: 3, 1.5, "X" for "several", None if it is no number."""
    word = word.replace(",", "")
    if word.isdigit():
        return int(word)
    if re.fullmatch(r"\d*\.\d+", word):
        return float(word)
    if word.lower() in VAGUE:
        return "X"
    return NUMBERS.get(word)


def unit_of(word: str) -> str | None:
    """The unit a word names, singular ("weeks" → "week"); None if it names none."""
    if word in {"centuries", "century"}:
        return "century"
    word = word[:-1] if word.endswith("s") and word not in {"s"} else word
    return word if word in UNITS else None
