"""Turn input files into article records or rejections, one file or row at a time.

Nothing here raises on bad input: every file and row yields either an `Article` or a
`Rejection` with a reason code, so one bad file never stops a run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath

from assets.core.diskcache import cached, inputs_key

from .datelines import parse_header_dateline, text_dateline
from .encodings import bom_encoding, decode

__all__ = ["Article", "Rejection", "ReadOptions", "InputFile", "decode", "discover", "read_path", "read_files"]

SUFFIXES = {".txt", ".jsonl", ".csv", ".parquet", ".html", ".htm"}
ROW_FIELDS = ("id", "title", "published_at", "url", "publisher", "language")
# Other names the publication time goes by in exported feeds and scraped corpora.
PUBLISHED_ALIASES = ("published", "publication_date", "date", "pubdate", "datetime")
MIN_CHARS_FOR_LANGUAGE_ID = 200
# `date 2023-06-16 06:43 15 June Kyiv, Ukraine` — time and dateline optional.
DATE_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(\d{1,2}:\d{2}))?[ \t]*(.*?)[ \t]*$")


@dataclass
class Article:
    input_uri: str
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    dateline_date: date | None = None
    dateline_place: str | None = None
    dateline_text: str | None = None
    language: str | None = None
    external_id: str | None = None

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        return self.content_sha256[:16]


@dataclass
class Rejection:
    input_uri: str
    reason: str
    detail: str = ""


@dataclass
class ReadOptions:
    max_chars: int = 1_000_000
    languages: tuple[str, ...] = ("en",)
    stats: dict = field(default_factory=dict)


@dataclass(frozen=True)
class InputFile:
    """A file to read (`path`, absolute) and the id its rows carry (`input_id`, relative)."""

    path: Path
    input_id: str


def input_id(path: Path, given: Path) -> str:
    """The id of `path` found under the command-line path `given`: a file given by name is its
    name; a file inside a given folder is `<folder name>/<path inside it>` (POSIX separators).

    Ids never hold where the publisher keeps the files (`/home/<user>/…`): they go into
    `articles.input_uri` and `rejected_inputs.input_uri`, which releases share.
    """
    path, given = absolute(path), absolute(given)
    if path == given or not path.is_relative_to(given):
        return path.name
    return PurePosixPath(given.name or "input", *path.relative_to(given).parts).as_posix()


def absolute(path: Path) -> Path:
    """`path` resolved; a symlink that dangles or loops stays as written (made absolute), to be rejected."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
    return resolved if resolved.exists() or not path.is_symlink() else path.absolute()


def discover_inputs(paths: Iterable[str | Path]) -> list[InputFile]:
    """Input files under `paths` (folders searched recursively) with their relative ids, sorted
    by path for a stable order; a file reached twice keeps the id of the first path given.

    Everything found is listed, to become an article or a rejected input: hidden files and
    hidden folders (not searched), dangling or looping symlinks, FIFOs and other special files.
    """
    found: dict[Path, str] = {}
    for given in map(Path, paths):
        if not given.is_dir():
            found.setdefault(absolute(given), input_id(given, given))
            continue
        # Walked from its resolved path, a folder yields canonical paths: only a symlink among
        # them needs resolving (the walk enters no linked folder). A corpus of thousands of
        # files is listed without resolving each path again.
        top = absolute(given)
        for f in _walk(top):
            if f.is_symlink():
                found.setdefault(absolute(f), input_id(f, top))
            else:
                found.setdefault(f, PurePosixPath(top.name or "input", *f.relative_to(top).parts).as_posix())
    return [InputFile(path, found[path]) for path in sorted(found)]


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under `folder` that is not a folder searched; hidden folders are listed, not searched."""
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs):
            if name.startswith("."):
                yield Path(root, name)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (Path(root, name) for name in sorted(files))


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Input files under `paths` (folders searched recursively), absolute, sorted for a stable order."""
    return [f.path for f in discover_inputs(paths)]


def batch_input_ids(paths: list[Path]) -> dict[Path, str]:
    """Relative ids for the files of a batch whose plan recorded only absolute paths: each
    path relative to the folder above the files' common folder, which is the id
    `discover_inputs` gives when one folder was given (`samples/rail_strike.txt`)."""
    if not paths:
        return {}
    common = Path(os.path.commonpath([p.parent for p in paths]))
    return {p: input_id(p, common) for p in paths}


def read_path(
    path: Path, options: ReadOptions | None = None, input_id: str | None = None
) -> Iterator[Article | Rejection]:
    """Every article or rejection held by one input file; rows carry `input_id` (default the
    file's name), never the absolute path."""
    options = options or ReadOptions()
    uri = input_id or path.name
    try:
        yield from _read_path(path, options, uri)
    except Exception as exc:  # noqa: BLE001 — one bad file never stops its batch
        yield Rejection(printable(uri), "unreadable", f"{type(exc).__name__}: {exc}"[:500])


def printable(text: str) -> str:
    """`text` with the undecodable bytes of a non-UTF-8 file name shown as backslash escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_path(path: Path, options: ReadOptions, uri: str) -> Iterator[Article | Rejection]:
    if printable(uri) != uri:
        yield Rejection(printable(uri), "bad_name", "the file name is not UTF-8")
        return
    if path.name.startswith("."):
        yield Rejection(uri, "hidden", "a hidden file or folder (its name starts with '.'): not read")
        return
    try:
        mode = os.stat(path).st_mode  # never open a FIFO or a device: reading one can hang
    except (OSError, RuntimeError) as exc:
        yield Rejection(uri, "unreadable", f"cannot be read: {exc}")
        return
    if not stat.S_ISREG(mode):
        yield Rejection(uri, "unreadable", f"not a regular file but {_kind(mode)}")
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Rejection(uri, "unsupported_type", f"'{suffix or path.name}' is not one of {sorted(SUFFIXES)}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(uri, "unreadable", str(exc))
        return
    if not data.strip():
        yield Rejection(uri, "empty", "the file holds no text")
        return
    if suffix == ".parquet":
        records = _parquet_rows(uri, data)
    else:
        # UTF-16 text is full of NUL bytes: only a file that does not decode by its BOM is binary.
        text, why = decode(data) if bom_encoding(data) else (None, "")
        if text is None and b"\x00" in data[:8192]:
            yield Rejection(uri, "binary", "the file holds NUL bytes: not a text file")
            return
        if text is None:
            text, why = decode(data)
        if text is None:
            yield Rejection(uri, "not_utf8", why)
            return
        if suffix == ".txt":
            records = iter([_txt_article(uri, text)])
        elif suffix in (".html", ".htm"):
            records = iter([_html_article(uri, text)])
        elif suffix == ".jsonl":
            records = _jsonl_rows(uri, text)
        else:
            records = _csv_rows(uri, text)
    for record in records:
        if isinstance(record, Article):
            try:
                record = _screen(_with_text_dateline(record), options)
            except Exception as exc:  # noqa: BLE001 — one bad row never stops its file
                record = Rejection(record.input_uri, "unreadable", f"{type(exc).__name__}: {exc}"[:500])
        yield record


def _kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


def read_files(paths: list[Path] | list[InputFile], options: ReadOptions | None = None) -> list[Article | Rejection]:
    """Every article or rejection held by each of `paths`, in order (a task for a worker process)."""
    files = [p if isinstance(p, InputFile) else InputFile(p, p.name) for p in paths]
    return [item for f in files for item in read_path(f.path, options, f.input_id)]


def _screen(article: Article, options: ReadOptions) -> Article | Rejection:
    text = article.text
    if not text.strip():
        return Rejection(article.input_uri, "empty", "the article text is empty")
    if len(text) > options.max_chars:
        return Rejection(
            article.input_uri, "too_large", f"{len(text):,} characters, over the {options.max_chars:,} limit"
        )
    if _control_ratio(text) > 0.05:
        return Rejection(article.input_uri, "binary", "more than 5% control characters")
    language = (article.language or "").strip().lower()[:2] or detect_language(text)
    article.language = language or "en"
    if article.language not in options.languages:
        return Rejection(
            article.input_uri, "not_english", f"language '{article.language}', expected one of {options.languages}"
        )
    return article


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return bad / max(len(sample), 1)


@lru_cache(maxsize=1)
def _language_identifier():
    """py3langid's identifier. Its model ships LZMA-compressed and takes over a second to unpack:
    the unpacked identifier is kept on disk (`assets/core/diskcache.py`) and loads in a fraction."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    key = inputs_key(["py3langid"], [MODEL_DIR / MODEL_FILE])
    return cached("language-identifier", key, _load_language_identifier)


def _load_language_identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when it is too short to tell."""
    if len(text) < MIN_CHARS_FOR_LANGUAGE_ID:
        return None
    lang, prob = _language_identifier().classify(text[:5000])
    return lang if prob >= 0.9 else None


# --- one reader per input shape ---------------------------------------------------------------


def _txt_article(uri: str, text: str) -> Article | Rejection:
    first, sep, rest = text.partition("\n")
    header = DATE_HEADER.match(first)
    if not header:
        return Article(uri, text, title=_headline(text))
    day, clock, dateline = header.groups()
    try:
        published = datetime.fromisoformat(f"{day}T{clock or '00:00'}")
    except ValueError:
        return Rejection(uri, "bad_date", f"impossible date in the header line: {first.strip()[:100]!r}")
    found = parse_header_dateline(dateline, published.date())
    return Article(
        uri,
        rest,
        title=_headline(rest),
        published_at=published,
        dateline_date=found.day,
        dateline_place=found.place,
        dateline_text=found.written,
    )


def _with_text_dateline(article: Article) -> Article:
    """An article with no dateline from its header takes the one opening its text, if any."""
    if article.dateline_date is not None or article.dateline_place is not None:
        return article
    found = text_dateline(article.text, article.published_at.date() if article.published_at else None)
    if found is not None:
        article.dateline_date, article.dateline_place, article.dateline_text = found.day, found.place, found.written
    return article


def _headline(text: str) -> str | None:
    """The first line, when it stands alone above a blank line and is short enough to be a title."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 200:
        return lines[0].strip()
    return None


def _html_article(uri: str, html: str) -> Article | Rejection:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    if doc is None or not (doc.text or "").strip():
        return Rejection(uri, "empty", "no main text found in the HTML page")
    return Article(
        uri,
        doc.text,
        title=doc.title,
        publisher=doc.sitename or doc.hostname,
        url=doc.url,
        published_at=parse_timestamp(doc.date),
        language=doc.language,
    )


def _row_article(uri: str, row: dict) -> Article | Rejection:
    text = row.get("text")
    if text is None or (isinstance(text, float)):
        return Rejection(uri, "missing_text", "the row has no 'text' value")
    if not isinstance(text, str):
        return Rejection(uri, "unreadable", f"'text' is a {type(text).__name__}, not a string")
    fields = {k: _clean(row.get(k)) for k in ROW_FIELDS}
    if fields["published_at"] is None:
        fields["published_at"] = next(filter(None, (_clean(row.get(k)) for k in PUBLISHED_ALIASES)), None)
    try:
        published_at = parse_timestamp(fields["published_at"])
    except BadDate as exc:
        return Rejection(uri, "bad_date", str(exc))
    if published_at is None and fields["published_at"] is not None:  # given, but no date ('2023-02-30')
        return Rejection(uri, "bad_date", f"published_at {fields['published_at'][:60]!r} is not a date")
    return Article(
        uri,
        text,
        title=fields["title"],
        publisher=fields["publisher"],
        url=fields["url"],
        published_at=published_at,
        language=fields["language"],
        external_id=fields["id"],
    )


def _row_uri(uri: str, index: int, row: dict) -> str:
    ident = _clean(row.get("id")) if isinstance(row, dict) else None
    return f"{uri}#row={index}" + (f"&id={ident}" if ident else "")


def _jsonl_rows(uri: str, text: str) -> Iterator[Article | Rejection]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
            yield Rejection(f"{uri}#line={n}", "unreadable", f"invalid JSON: {type(exc).__name__}: {exc}"[:500])
            continue
        if not isinstance(row, dict):
            yield Rejection(f"{uri}#line={n}", "unreadable", "the line is not a JSON object")
            continue
        yield _safe_row(_row_uri(uri, n, row), row)


def _safe_row(uri: str, row: dict) -> Article | Rejection:
    """`_row_article`, with any error in one row's fields a rejection of that row alone."""
    try:
        return _row_article(uri, row)
    except Exception as exc:  # noqa: BLE001
        return Rejection(uri, "unreadable", f"{type(exc).__name__}: {exc}"[:500])


# A CSV field may hold a whole article: Python's default limit (131,072 characters) would end
# the file at the first long one. Articles over `max_chars` are rejected as too_large anyway.
CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def _csv_rows(uri: str, text: str) -> Iterator[Article | Rejection]:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    n = 0
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        fieldnames = reader.fieldnames or []
        if "text" not in fieldnames:
            yield Rejection(uri, "missing_text", f"no 'text' column among {fieldnames}")
            return
        for n, row in enumerate(reader, start=1):
            yield _safe_row(_row_uri(uri, n, row), row)
    except csv.Error as exc:
        yield Rejection(f"{uri}#row={n + 1}", "unreadable", f"invalid CSV from this row on: {exc}")
        return
    if n == 0:
        yield Rejection(uri, "empty", "the CSV file has a header but no rows")


def _parquet_rows(uri: str, data: bytes) -> Iterator[Article | Rejection]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except Exception as exc:  # pyarrow raises several types for corrupt files
        yield Rejection(uri, "unreadable", f"invalid Parquet: {exc}")
        return
    if "text" not in table.column_names:
        yield Rejection(uri, "missing_text", f"no 'text' column among {table.column_names}")
        return
    if table.num_rows == 0:
        yield Rejection(uri, "empty", "the Parquet file holds no rows")
        return
    for n, row in enumerate(table.to_pylist(), start=1):
        yield _safe_row(_row_uri(uri, n, row), row)


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    value = str(value).strip()
    return value or None


class BadDate(ValueError):
    """A timestamp that reads as one but cannot be (it overflows once converted to UTC)."""


def parse_timestamp(value) -> datetime | None:
    """ISO 8601 (or a date) to a naive UTC datetime; None when it cannot be read; BadDate when
    it is out of range once converted to UTC (`0001-01-01T00:00:00+14:00`)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        ts = value
    elif isinstance(value, date):
        ts = datetime(value.year, value.month, value.day)
    else:
        try:
            ts = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            from dateutil import parser

            try:
                ts = parser.parse(str(value))
            except (ValueError, OverflowError):
                return None
    if ts.tzinfo is not None:
        try:
            ts = ts.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError) as exc:
            raise BadDate(f"published_at {str(value)[:60]!r} is out of range in UTC: {exc}") from None
    return ts
