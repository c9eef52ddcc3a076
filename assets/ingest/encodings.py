"""Text encodings, detected rather than guessed: byte-order marks, UTF-8, legacy single-byte."""

from __future__ import annotations

BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def decode(data: bytes) -> tuple[str | None, str]:
    """The text and its encoding, detected rather than guessed; (None, why) when none fits.

    A byte-order mark says UTF-16 or UTF-32; else UTF-8 when it is; text that is UTF-8 but for
    a few bytes is refused with the first bad byte's offset (decoded as Windows-1252 it would
    turn every quote and dash into mojibake); else Windows-1252 (a superset of Latin-1 for
    text) when the text is mostly ASCII (English news in a legacy encoding, e.g. '£'); else
    what charset-normalizer is sure of.
    """
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError as exc:
            return None, f"starts with a {bom.upper()} byte-order mark but is not {bom.upper()}: {exc}"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = str(exc)
        if _mostly_utf8(data):
            return None, f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte offset {exc.start} in UTF-8 text"
    non_ascii = sum(b > 127 for b in data) / len(data)
    if non_ascii < 0.2:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes  # lazy: slow to import, rarely needed

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        return None, f"not UTF-8 and no encoding fits: {first_error}"
    return str(best), best.encoding


def _mostly_utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 text with a few bad bytes: more valid multi-byte characters than
    invalid bytes, and those few (random binary has many)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good >= bad and bad <= max(8, len(data) // 1000)
