"""`newsclaims eval timeml` on a small TimeML document written for the project."""

from datetime import datetime

import pytest

from pipelines.evaluate.timeml import GoldTimex, TimeMLDoc, read_timeml, report, score_document

pytestmark = pytest.mark.pipeline  # whole-pipeline tests: `make quick` leaves them out


def test_reading_strips_tags_keeps_offsets_and_leaves_out_the_creation_time(fixtures):
    doc = read_timeml(fixtures / "timeml" / "harbour_note.tml")
    assert doc.dct == datetime(2024, 3, 8)
    assert doc.text.startswith("\nThe harbour board said Thursday that talks")
    assert "&amp;" not in doc.text and "three weeks & cost" in doc.text
    assert [(t.text, t.timex_type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2024-03-07"),
        ("next month", "DATE", "2024-04"),
        ("three weeks", "DURATION", "P3W"),
        ("every day", "SET", "P1D"),
        ("Feb. 12", "DATE", "2024-02-12"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def _pred(text: str, doc: TimeMLDoc, phrase: str, timex_type: str, value: str) -> dict:
    start = doc.text.index(phrase)
    return {"text": phrase, "start": start, "end": start + len(phrase), "timex_type": timex_type, "value": value}


def test_scores_follow_the_shared_conventions():
    text = "Talks resume next month, for three weeks, said on Friday."
    gold = [
        GoldTimex(text.index("next month"), text.index("next month") + 10, "next month", "DATE", "2024-04"),
        GoldTimex(text.index("three weeks"), text.index("three weeks") + 11, "three weeks", "DURATION", "P3W"),
        GoldTimex(text.index("Friday"), text.index("Friday") + 6, "Friday", "DATE", "2024-03-08"),
    ]
    doc = TimeMLDoc("t", text, datetime(2024, 3, 8), gold)
    predicted = [
        _pred(text, doc, "next month", "DATE", "2024-04"),  # exact, right value
        _pred(text, doc, "for three weeks", "DURATION", "P2W"),  # overlaps, wider, wrong value
        _pred(text, doc, "Talks", "DATE", "PRESENT_REF"),  # spurious
    ]
    scores, misses = score_document(doc, predicted)
    assert (scores["relaxed"].tp_pred, scores["relaxed"].n_pred) == (2, 3)
    assert (scores["relaxed"].tp_gold, scores["relaxed"].n_gold) == (2, 3)
    assert scores["strict"].tp_gold == 1
    assert scores["type"].tp_gold == 2
    assert (scores["value"].tp_pred, scores["value"].tp_gold) == (1, 1)
    assert {(m.kind, m.text.split(" /")[0]) for m in misses} == {
        ("missed", "Friday"),
        ("spurious", "Talks"),
        ("value", "for three weeks"),
    }


def test_command_runs_the_pipeline_and_prints_each_metric(fixtures, capsys):
    from pipelines.cli import main

    assert main(["eval", "timeml", str(fixtures / "timeml"), "--no-cache", "--misses", "3"]) == 0
    out = capsys.readouterr().out
    for metric in ("relaxed F1", "strict F1", "type F1", "value F1"):
        assert metric in out
    assert "1 document" in out
    value = next(line for line in out.splitlines() if line.startswith("value F1"))
    assert "gold 5" in value


def test_report_lists_misses():
    doc = TimeMLDoc("d", "Seen on Friday.", datetime(2024, 3, 8), [GoldTimex(8, 14, "Friday", "DATE", "2024-03-08")])
    scores, misses = score_document(doc, [])
    text = report({"n_docs": 1, "scores": scores, "misses": misses, "timex_seconds": 0.0, "total_seconds": 1.0})
    assert "false negatives (gold not found): 1" in text and "'Friday'" in text
