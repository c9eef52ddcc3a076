"""Every input shape becomes articles or rejections with a reason."""

from datetime import date, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from assets.ingest.datelines import Dateline, parse_header_dateline, text_dateline
from assets.ingest.readers import Article, ReadOptions, Rejection, decode, discover, read_path
from pipelines import SAMPLES_DIR


def _read(path, **kw):
    return list(read_path(path, ReadOptions(**kw)))


def test_txt_with_date_header_keeps_text_after_the_header(fixtures):
    [article] = _read(fixtures / "ministry_briefing.txt")
    assert isinstance(article, Article)
    assert article.published_at == datetime(2024, 1, 5, 14, 20)
    assert article.dateline_date == date(2024, 1, 4)
    assert article.dateline_place == "Lisbon, Portugal"
    assert article.dateline_text == "4 January"
    raw = (fixtures / "ministry_briefing.txt").read_text()
    assert article.text == raw.split("\n", 1)[1]
    assert article.language == "en"


def test_dateline_year_is_the_one_just_before_publication():
    # Published on 2 January: a "31 December" dateline belongs to the year before.
    assert parse_header_dateline("31 December Kyiv, Ukraine", date(2024, 1, 2)) == Dateline(
        date(2023, 12, 31), "Kyiv, Ukraine", "31 December"
    )
    assert parse_header_dateline("June 15 Paris", date(2023, 6, 16)).day == date(2023, 6, 15)
    assert parse_header_dateline("Kyiv", date(2023, 6, 16)) == Dateline(None, "Kyiv", None)


def test_dateline_opening_the_text():
    published = date(2024, 1, 2)
    text = "Strike ends\n\nLISBON, Dec. 31 (Lusa) - Rail workers voted on Sunday to end the strike."
    found = text_dateline(text, published)
    assert (found.day, found.place, found.written) == (date(2023, 12, 31), "LISBON", "Dec. 31")
    assert text[found.start : found.end] == "Dec. 31"
    # A written year wins; without a publication date, a bare day stays undated.
    assert text_dateline("Porto, Portugal, 4 January 2022 — The council met.", published).day == date(2022, 1, 4)
    assert text_dateline("PORTO, January 4 — The council met.", None) == Dateline(None, "PORTO", "January 4", 7, 16)
    assert text_dateline("PORTO (Lusa) — The council met.", published) == Dateline(None, "PORTO", None)
    # A line holding only a day, as Wikinews opens its articles.
    opening = "Friday, January 4, 2019\u00a0\n\n\nA bridge collapsed on Monday."
    assert text_dateline(opening, date(2019, 1, 4)) == Dateline(
        date(2019, 1, 4), None, "Friday, January 4, 2019", 0, 23
    )
    # A sentence with a dash is not a dateline.
    assert text_dateline("Silva - the mayor since 2019 - said no.", published) is None
    assert text_dateline("The council met in Porto - again.", published) is None


def test_rows_take_the_dateline_of_their_text(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a1", "published_at": "2024-01-05T09:00:00Z", '
        '"text": "PORTO, Jan. 4 (Lusa) - The council approved the budget on Thursday."}\n'
    )
    [article] = _read(feed)
    assert (article.dateline_date, article.dateline_place, article.dateline_text) == (
        date(2024, 1, 4),
        "PORTO",
        "Jan. 4",
    )


def test_plain_txt_takes_its_headline_as_title():
    [article] = _read(SAMPLES_DIR / "rail_strike.txt")
    assert article.title == "Rail workers vote to strike over pay"
    assert article.published_at is None
    assert article.text.startswith("Rail workers vote")


def test_jsonl_rows_each_become_an_article_or_a_rejection(fixtures):
    items = _read(fixtures / "feed.jsonl")
    assert len(items) == 5  # the blank-free file has five lines
    first = items[0]
    assert isinstance(first, Article)
    assert first.external_id == "f-1"
    assert first.published_at == datetime(2024, 2, 10, 10, 0)
    assert first.input_uri.endswith("feed.jsonl#row=1&id=f-1")
    reasons = {i.input_uri.rsplit("#", 1)[1]: i.reason for i in items if isinstance(i, Rejection)}
    assert reasons == {"row=2&id=f-2": "empty", "line=3": "unreadable", "row=4&id=f-3": "not_english"}


def test_csv_without_text_column_is_rejected_whole(fixtures):
    [rejection] = _read(fixtures / "no_text_column.csv")
    assert rejection.reason == "missing_text"


def test_csv_and_parquet_rows_keep_text_unchanged(tmp_path):
    [row] = [a for a in _read(SAMPLES_DIR / "briefs.csv")][:1]
    assert row.text.startswith("Kenya opened its largest solar plant")
    table = pa.table({"text": ["One line of text.\n\nAnd  a second  paragraph with spaces. " * 10], "id": ["p1"]})
    pq.write_table(table, tmp_path / "rows.parquet")
    [article] = _read(tmp_path / "rows.parquet")
    assert article.text == table.column("text")[0].as_py()
    assert article.external_id == "p1"


def test_html_main_text_title_date_and_site():
    [article] = _read(SAMPLES_DIR / "summit.html")
    assert article.title == "Leaders agree to meet again on water sharing"
    assert article.publisher == "Example Times"
    assert article.published_at.date() == date(2024, 9, 12)
    assert "Copyright" not in article.text and "Home" not in article.text
    assert "frank and useful" in article.text


def test_bad_files_are_rejected_with_reasons(fixtures, tmp_path):
    assert _read(fixtures / "empty.txt")[0].reason == "empty"
    assert _read(fixtures / "binary.txt")[0].reason == "binary"
    assert _read(fixtures / "notes.docx")[0].reason == "unsupported_type"
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    assert _read(big, max_chars=100)[0].reason == "too_large"
    assert _read(tmp_path / "missing.txt")[0].reason == "unreadable"


def test_latin1_is_decoded_and_garbage_is_not():
    text, encoding = decode("The fee was £1,400 for the café.".encode("latin-1"))
    assert text == "The fee was £1,400 for the café."
    assert decode(bytes(range(128, 256)) * 8)[0] is None


def test_discover_walks_folders_in_sorted_order(fixtures):
    files = discover([fixtures])
    assert files == sorted(files)
    assert {f.name for f in files} >= {"feed.jsonl", "ministry_briefing.txt", "notes.docx"}


def test_date_header_without_time_or_dateline(tmp_path):
    day_only = tmp_path / "day_only.txt"
    day_only.write_text("date 2024-03-07\n\nThe council met on Thursday to discuss the harbour budget.\n")
    [article] = _read(day_only)
    assert article.published_at == datetime(2024, 3, 7, 0, 0)
    assert article.dateline_date is None and article.dateline_place is None
    assert article.text.startswith("\nThe council met")
    with_dateline = tmp_path / "with_dateline.txt"
    with_dateline.write_text("date 2024-03-07 March 6 Porto, Portugal\nThe council met on Wednesday.\n")
    [article] = _read(with_dateline)
    assert article.published_at == datetime(2024, 3, 7, 0, 0)
    assert (article.dateline_date, article.dateline_place, article.dateline_text) == (
        date(2024, 3, 6),
        "Porto, Portugal",
        "March 6",
    )


def test_row_published_at_with_an_offset_becomes_utc():
    rows = [a for a in _read(SAMPLES_DIR / "wire.jsonl") if isinstance(a, Article)]
    assert rows[0].published_at == datetime(2024, 5, 14, 9, 30)  # 11:30 at +02:00
    [brief] = [a for a in _read(SAMPLES_DIR / "briefs.csv")][:1]
    assert brief.published_at == datetime(2024, 2, 20, 0, 0)  # a date alone is midnight


def test_parquet_timestamps_and_unreadable_dates(tmp_path):
    import pandas as pd

    text = "The ministry said on Monday that the harbour would reopen next month after repairs. " * 4
    table = pa.table(
        {
            "text": [text, text + "Again.", text + "Once more."],
            "published_at": pa.array(
                [
                    pd.Timestamp("2024-06-03T08:15:00+02:00"),
                    pd.Timestamp("2024-06-04T00:00:00+00:00"),
                    pd.Timestamp("2024-06-05T12:00:00+00:00"),
                ],
                type=pa.timestamp("us", tz="UTC"),
            ),
        }
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    first, second, _ = _read(tmp_path / "rows.parquet")
    assert first.published_at == datetime(2024, 6, 3, 6, 15)
    assert second.published_at == datetime(2024, 6, 4, 0, 0)
    from assets.ingest.readers import parse_timestamp

    assert parse_timestamp("15 June 2023 06:43") == datetime(2023, 6, 15, 6, 43)
    assert parse_timestamp("2023-06-16T06:43:00Z") == datetime(2023, 6, 16, 6, 43)
    assert parse_timestamp("not a date") is None
    assert parse_timestamp("") is None


def test_html_metadata_gives_the_publication_time(tmp_path):
    [article] = _read(SAMPLES_DIR / "summit.html")
    assert article.published_at == datetime(2024, 9, 12, 16, 45)  # article:published_time, with its time
    page = tmp_path / "undated.html"
    body = "<p>" + "The two ports signed a deal to share their berths for two years, officials said. " * 4 + "</p>"
    page.write_text(f"<html><head><title>Ports</title></head><body><article>{body}</article></body></html>")
    [undated] = _read(page)
    assert undated.published_at is None


def test_html_publication_time_is_converted_to_utc(tmp_path):
    page = (SAMPLES_DIR / "summit.html").read_text().replace("2024-09-12T16:45:00+00:00", "2024-09-12T16:45:00+02:00")
    (tmp_path / "page.html").write_text(page)
    [article] = _read(tmp_path / "page.html")
    assert article.published_at == datetime(2024, 9, 12, 14, 45)


def test_csv_date_column_is_the_publication_time(tmp_path):
    """Scraped corpora name the column `date`: it is read when `published_at` is missing."""
    path = tmp_path / "scraped.csv"
    path.write_text('url,date,title,text\nhttps://example.org/1,2019-01-04,Bridge,"The bridge reopened on Friday."\n')
    [article] = _read(path)
    assert article.published_at == datetime(2019, 1, 4)
