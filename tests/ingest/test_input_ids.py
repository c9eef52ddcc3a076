"""Input ids are relative to the paths given, never where the files lie on this machine."""

import json

from assets.core.storage import write_json
from assets.ingest.assets import batch_inputs
from assets.ingest.batches import manifest_path
from assets.ingest.readers import Rejection, batch_input_ids, discover_inputs, read_files


def _tree(tmp_path):
    corpus = tmp_path / "home" / "someone" / "corpus"
    (corpus / "2023").mkdir(parents=True)
    (corpus / "2023" / "a.txt").write_text("Officials said the talks would resume.\n")
    (corpus / "b.jsonl").write_text(json.dumps({"id": "x1", "text": ""}) + "\n")
    single = tmp_path / "elsewhere" / "c.txt"
    single.parent.mkdir()
    single.write_text("A spokesman said nothing.\n")
    return corpus, single


def test_ids_are_relative_to_the_paths_given(tmp_path):
    corpus, single = _tree(tmp_path)
    found = discover_inputs([corpus, single])
    assert [f.input_id for f in found] == ["c.txt", "corpus/2023/a.txt", "corpus/b.jsonl"]  # in path order
    assert all(f.path.is_absolute() and f.path.exists() for f in found)
    items = read_files(found)
    uris = [i.input_uri for i in items]
    assert uris == ["c.txt", "corpus/2023/a.txt", "corpus/b.jsonl#row=1&id=x1"]
    assert isinstance(items[2], Rejection) and items[2].reason == "empty"
    assert not any(str(tmp_path) in u for u in uris)


def test_a_batch_planned_without_ids_derives_them_from_its_own_files(tmp_path):
    corpus, single = _tree(tmp_path)
    files = [f.path for f in discover_inputs([corpus])]
    assert list(batch_input_ids(files).values()) == ["corpus/2023/a.txt", "corpus/b.jsonl"]
    assert list(batch_input_ids([single.resolve()]).values()) == ["elsewhere/c.txt"]

    warehouse = tmp_path / "warehouse"
    entries = [{"path": str(p), "sha256": "-"} for p in files]
    entries[0]["id"] = "given/a.txt"  # an id the plan recorded wins
    write_json(manifest_path(warehouse, "k"), {"key": "k", "seq": 0, "files": entries})
    assert [f.input_id for f in batch_inputs(warehouse, "k")] == ["given/a.txt", "corpus/b.jsonl"]
