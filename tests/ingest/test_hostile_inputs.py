"""One bad input is rejected with a reason, alone: never its file's other rows, never its batch."""

from __future__ import annotations

import json
import os
import threading

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.ingest.batches import plan_batches, read_json
from assets.ingest.readers import Article, ReadOptions, Rejection, decode, discover_inputs, read_files, read_path

TEXT = "The minister said the talks would resume next week, according to two officials. " * 4


def _read(path, uri=None):
    return list(read_path(path, ReadOptions(), uri))


def _reasons(items):
    return [(i.input_uri, i.reason) for i in items if isinstance(i, Rejection)]


@pytest.mark.parametrize("header", ["date 2023-02-30 10:00 Kyiv", "date 2023-06-16 25:99 Kyiv"])
def test_impossible_date_in_a_txt_header_is_bad_date(tmp_path, header):
    path = tmp_path / "a.txt"
    path.write_text(f"{header}\n{TEXT}")
    [item] = _read(path)
    assert (item.reason, item.input_uri) == ("bad_date", "a.txt")


def test_a_jsonl_row_with_an_overflowing_date_or_deep_nesting_rejects_that_row_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "1", "text": TEXT, "published_at": "0001-01-01T00:00:00+14:00"}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "3", "text": TEXT + " Third.", "published_at": "2024-01-05T10:00:00Z"}),
    ]
    path.write_text("\n".join(rows))
    items = _read(path)
    assert _reasons(items) == [("feed.jsonl#row=1&id=1", "bad_date"), ("feed.jsonl#line=2", "unreadable")]
    assert [i.external_id for i in items if isinstance(i, Article)] == ["3"]


@pytest.mark.parametrize("shape", ["csv", "parquet", "jsonl"])
def test_a_row_whose_date_cannot_be_read_is_bad_date_alone(tmp_path, shape):
    rows = [
        {"id": "1", "text": TEXT, "published_at": "2023-02-30"},
        {"id": "2", "text": TEXT + " Second.", "published_at": "not a date"},
        {"id": "3", "text": TEXT + " Third.", "published_at": "2024-01-05T10:00:00Z"},
        {"id": "4", "text": TEXT + " Fourth.", "published_at": None},
    ]
    path = tmp_path / f"feed.{shape}"
    if shape == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in rows))
    elif shape == "parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    else:
        lines = ["id,text,published_at"] + [f'{r["id"]},"{r["text"]}",{r["published_at"] or ""}' for r in rows]
        path.write_text("\n".join(lines) + "\n")
    items = _read(path)
    assert _reasons(items) == [(f"feed.{shape}#row=1&id=1", "bad_date"), (f"feed.{shape}#row=2&id=2", "bad_date")]
    assert "'not a date' is not a date" in items[1].detail
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.external_id, a.published_at and a.published_at.isoformat()) for a in articles] == [
        ("3", "2024-01-05T10:00:00"),
        ("4", None),
    ]


def test_one_invalid_byte_in_utf8_text_is_not_utf8_with_its_offset(tmp_path):
    data = "“We will not wait,” she said — again.".encode() + b"\xff" + TEXT.encode()
    text, why = decode(data)
    offset = data.index(b"\xff")
    assert text is None and f"byte offset {offset}" in why
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [item] = _read(path)
    assert item.reason == "not_utf8" and "0xff" in item.detail


def test_utf16_with_a_bom_and_latin1_are_detected(tmp_path):
    assert decode("“Quoted,” he said.".encode("utf-16")) == ("“Quoted,” he said.", "utf-16")
    text, encoding = decode(("Prices rose by £5 in Málaga. " + TEXT).encode("latin-1"))
    assert text.startswith("Prices rose by £5 in Málaga.") and encoding == "cp1252"
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    [item] = _read(path)
    assert isinstance(item, Article) and item.text == TEXT


def test_special_files_hidden_files_and_bad_names_are_rejected_without_hanging(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT)
    (folder / ".hidden.txt").write_text(TEXT)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    bad = os.fsdecode(bytes(folder) + b"/bad\xffname.txt")
    with open(bad, "w") as f:
        f.write(TEXT + " Another.")
    found = discover_inputs([folder])
    assert len(found) == 6
    worker = threading.Thread(target=lambda: results.extend(read_files(found)), daemon=True)
    results: list = []
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "reading a FIFO hung"
    reasons = dict(_reasons(results))
    assert reasons == {
        "in/.hidden.txt": "hidden",
        "in/bad\\xffname.txt": "bad_name",
        "in/dangling.txt": "unreadable",
        "in/loop.txt": "unreadable",
        "in/pipe.txt": "unreadable",
    }
    assert [a.input_uri for a in results if isinstance(a, Article)] == ["in/good.txt"]


def test_planning_survives_fifos_and_names_that_are_not_utf8(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    with open(os.fsdecode(bytes(folder) + b"/bad\xffname.txt"), "w") as f:
        f.write(TEXT)
    done = threading.Event()
    keys: list = []
    threading.Thread(
        target=lambda: (keys.extend(plan_batches(tmp_path / "wh", [folder])), done.set()), daemon=True
    ).start()
    assert done.wait(30), "planning hung on a FIFO"
    [key] = keys
    files = read_json(tmp_path / "wh" / "batches" / key / "inputs.json")["files"]
    assert len(files) == 2


def test_header_only_csv_and_zero_row_parquet_are_rejected_as_empty(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("id,text\n")
    parquet_path = tmp_path / "b.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), parquet_path)
    assert _reasons(_read(csv_path)) == [("a.csv", "empty")]
    assert _reasons(_read(parquet_path)) == [("b.parquet", "empty")]


def test_a_csv_field_over_131072_characters_keeps_the_rows_after_it(tmp_path):
    path = tmp_path / "a.csv"
    long_text = "word " * 40_000
    path.write_text(f'id,text\n1,"{long_text}"\n2,"{TEXT}"\n')
    items = list(read_path(path, ReadOptions(max_chars=1_000_000)))
    assert [i.external_id for i in items if isinstance(i, Article)] == ["1", "2"]
