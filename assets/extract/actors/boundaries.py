"""Entity boundaries: the model's entities cut and trimmed so a span names one actor only.

The small English model joins names across line breaks, brackets and dashes, runs names into
verbs in all-caps headlines, and labels the names before scores in a results line as people
or places; these helpers cut its spans back to the name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..gazetteer import gazetteer
from ..spans import doc_text

SMALL_WORDS = lexicons.words("name_small_words")
OUTLET_NOUNS = lexicons.words("outlet_anaphors") | {"news", "agency"}


def all_caps_line(span: Span) -> bool:
    """Tell headlines and datelines, where capitals say nothing about names, from running text.

    True when at least 80% of the letters on the span's line are capitals.
    """
    doc = span.doc
    text = doc_text(doc)
    if "\n" in text[span.start_char : span.end_char]:
        line_start = text.rfind("\n", 0, span.start_char) + 1
        line_end = text.find("\n", span.end_char)
        return _mostly_capitals(text[line_start : line_end if line_end >= 0 else len(text)])
    return any(lo <= span.start_char < hi for lo, hi in caps_lines(doc))


def caps_lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) offsets of the lines written in capitals (headlines, datelines), found once per doc."""
    found = doc.user_data.get("newsclaims_caps_lines")
    if found is None:
        found, start = [], 0
        for line in doc_text(doc).split("\n"):
            if _mostly_capitals(line):
                found.append((start, start + len(line)))
            start += len(line) + 1
        doc.user_data["newsclaims_caps_lines"] = found
    return found


def _mostly_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def split_entity(ent: Span) -> list[Span]:
    r"""Keep a name from running over a line break, a bracket or a dash.

    The model's entity cut at line breaks and at free-standing brackets and dashes
    ('Ponting\nMichael', 'Sri Lanka - Arjuna Ranatunga'), cut again at function words on an
    all-caps line, and trimmed of edge punctuation.
    """
    doc = ent.doc
    parts, start = [], ent.start
    for t in ent:
        breaks = "\n" in t.text or "\n" in t.whitespace_ or (t.is_space and t.i > ent.start)
        free_punct = t.text in {"(", ")", "-", "--", "–", "—", "/", ",", ":", ";", '"', "“", "”"} and (
            t.whitespace_ or (t.i > 0 and doc[t.i - 1].whitespace_)
        )
        if free_punct or t.is_space:
            if t.i > start:
                parts.append(doc[start : t.i])
            start = t.i + 1
        elif breaks:
            parts.append(doc[start : t.i + 1])
            start = t.i + 1
    if start < ent.end:
        parts.append(doc[start : ent.end])
    if all_caps_line(ent):
        # In a headline the model runs names into verbs ('BOSTON AT OAKLAND', 'BEAT SAN MARINO IN'):
        # cut at function words and keep a country or capital inside when there is one.
        parts = [q for p in parts for q in _split_caps(p)]
    out = []
    for p in parts:
        s, e = p.start, p.end
        while s < e and (doc[s].is_punct or doc[s].is_space) and doc[s].text not in {"."}:
            s += 1
        while e > s and (
            (doc[e - 1].is_punct or doc[e - 1].is_space)
            and not doc[e - 1].text.endswith(".")
            or (ent.label_ in {"PERSON", "GPE", "LOC", "NORP"} and doc[e - 1].is_digit)
        ):
            e -= 1
        if e > s:
            out.append(doc[s:e])
    return out


def results_table_teams(doc: Doc) -> list[Span]:
    """Type the names in a sports results line as teams, not places or people.

    A capitalised run right before a plain score, on a line mostly made of scores ('Ayr 6
    Berwick 0', 'Barnsley 3 3 0 0 8 2 9'). Athletes' times, distances and bowling figures
    ('13:06.45', '8-0-39-3') are not scores.
    """
    out = []
    line: list[Token] = []

    def flush() -> None:
        words = [t for t in line if not t.is_space]
        scores = [t for t in words if t.text.isdigit() and len(t.text) <= 3]
        if len(scores) < 2 or len(scores) < 0.3 * len(words):
            return
        run: list[Token] = []
        for t in words:
            if t.text.isdigit() and len(t.text) <= 3:
                if run and not any(d.is_digit for d in run):
                    out.append(doc[run[0].i : run[-1].i + 1])
                run = []
            elif (t.is_alpha or t.text in {".", "'s", "'"}) and (
                t.is_title or t.is_upper or (run and t.lower_ in {"of", "de", "."})
            ):
                run.append(t)
            else:
                run = []

    for t in doc:
        if "\n" in t.text or "\n" in t.whitespace_:
            if not t.is_space:
                line.append(t)
            flush()
            line = []
        else:
            line.append(t)
    flush()
    gaz = gazetteer()
    return [s for s in out if not gaz.country(s.text, loose=False) and s.text.lower() not in SMALL_WORDS]


def _split_caps(span: Span) -> list[Span]:
    """Cut a headline's entity at function words, keeping a country or capital inside it."""
    doc = span.doc
    pieces, start = [], span.start
    for t in span:
        if t.is_stop and t.lower_ not in SMALL_WORDS:  # of, the, and: the stop words among them
            if t.i > start:
                pieces.append(doc[start : t.i])
            start = t.i + 1
    if start < span.end:
        pieces.append(doc[start : span.end])
    gaz = gazetteer()
    out = []
    for piece in pieces:
        best = None
        for i in range(piece.start, piece.end):
            for j in range(piece.end, i, -1):
                sub = doc[i:j]
                if gaz.country(sub.text, loose=False) or gaz.capital(sub.text) or gaz.place(sub.text):
                    if best is None or len(sub) > len(best):
                        best = sub
                    break
        out.append(best if best is not None and len(best) < len(piece) and len(piece) > 2 else piece)
    return out


def mostly_latin(text: str) -> bool:
    """Drop spans in a script the English model cannot read.

    True when at least 80% of the letters are Latin (below U+0250).
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) >= 0.8 * len(letters)


def trim(ent: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive so the span names only the actor."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    # 'Interfax news agency', 'the Vostrik newspaper': the outlet's name, without the noun for it.
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].lower_ in OUTLET_NOUNS:
        end -= 1
    span = doc[start:end]
    return span if span.text.strip() else None


def initial_names(doc: Doc) -> list[Span]:
    """Find names written with an initial ('S. Waugh', 'K. Curran'), which the model often misses.

    One or two capital initials with a dot, then one or two capitalised words, on a line that is
    not all capitals; not after a capitalised word ('George W. Bush' is the model's), and not a
    country ('U. S.').
    """
    out = []
    i = 0
    n = len(doc)
    gaz = gazetteer()
    while i < n - 1:
        t = doc[i]
        if not _initial(t) or (i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha):
            i += 1
            continue
        j = i + 1
        while j < n and _initial(doc[j]) and j - i < 2:
            j += 1
        k = j
        while k < n and k - j < 2 and doc[k].is_alpha and doc[k].is_title and doc[k].lower_ not in SMALL_WORDS:
            k += 1
        span = doc[i:k]
        if k > j and not all_caps_line(span) and not gaz.country(doc[j:k].text, loose=False):
            out.append(span)
            i = k
        else:
            i += 1
    return out


def _initial(t: Token) -> bool:
    return len(t.text) == 2 and t.text[0].isupper() and t.text[1] == "." and t.text[0].isalpha()
