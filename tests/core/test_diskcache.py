"""Lookups kept on disk: built once per key, rebuilt when the key changes or the file is bad."""

from __future__ import annotations

from assets.core.diskcache import cached, inputs_key


def test_a_lookup_is_built_once_per_key(tmp_path):
    built = []

    def build():
        built.append(1)
        return {"kyiv": "UKR"}

    assert cached("places", "k1", build, tmp_path) == {"kyiv": "UKR"}
    assert cached("places", "k1", build, tmp_path) == {"kyiv": "UKR"}
    assert len(built) == 1
    cached("places", "k2", build, tmp_path)  # other inputs: built again, the old file goes
    assert len(built) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["places-k2.pickle"]


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    (tmp_path / "places-k1.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cached("places", "k1", lambda: 42, tmp_path) == 42
    assert cached("places", "k1", lambda: 0, tmp_path) == 42


def test_the_key_follows_the_bytes_of_the_inputs(tmp_path):
    data = tmp_path / "words.txt"
    data.write_text("one\n")
    before = inputs_key(["pyarrow"], [data])
    assert inputs_key(["pyarrow"], [data]) == before
    data.write_text("two\n")
    assert inputs_key(["pyarrow"], [data]) != before


def test_the_gazetteer_from_the_cache_is_the_one_built():
    from assets.extract.gazetteer import build_gazetteer, gazetteer
    from assets.extract.knowledge import build_factbook, factbook

    assert factbook() == build_factbook()
    assert gazetteer() == build_gazetteer()
