"""The places_local gold is consistent with its texts, and the scorer pairs spans and ids as documented."""

from __future__ import annotations

import hashlib

from presslens.eval import data_path
from presslens.eval.places_local import GOLD, load, score


def test_gold_offsets_and_ids():
    docs = load(data_path(*GOLD))
    assert len(docs) >= 20
    for d in docs:
        for g in d["places"]:
            assert d["text"][g["start"]:g["end"]] == g["text"]
            assert g["role"] in ("toponym", "in_name", "demonym")
            assert (g["geonameid"] is None) == (g["spec"] == "none")
    places = [g for d in docs for g in d["places"]]
    assert len(places) >= 200
    # a third of batches 1-4, batch 5 whole, batch 6 half (by page)
    assert 0.2 <= sum(len(d["places"]) for d in docs if d["frozen"]) / len(places) <= 0.5
    b6 = [d for d in docs if d.get("batch") == 6]
    assert b6 and all(d["frozen"] == (int(hashlib.sha1(d["id"].encode()).hexdigest(), 16) % 2 == 0) for d in b6)
    b7 = [d for d in docs if d.get("batch") == 7]  # half by source article (geovirus:0-2 are one)
    assert b7 and all(d["frozen"] == (int(hashlib.sha1(d["origin"].encode()).hexdigest(), 16) % 2 == 0) for d in b7)
    assert {d["origin"] for d in b7 if d["frozen"]}.isdisjoint(d["origin"] for d in b7 if not d["frozen"])


def test_score_pairs_by_overlap_and_counts_ids_over_all_gold():
    doc = {"places": [
        {"start": 0, "end": 6, "role": "toponym", "geonameid": 1, "precision": "city"},
        {"start": 10, "end": 16, "role": "demonym", "geonameid": 2, "precision": "country"},
        {"start": 20, "end": 25, "role": "in_name", "geonameid": None, "precision": None},
    ]}
    preds = [[{"start": 0, "end": 4, "geonameid": 1}, {"start": 11, "end": 16, "geonameid": 3}]]
    row = score([doc], preds)
    assert row["span_recall"] == round(2 / 3, 4)
    assert row["exact_id"] == round(1 / 3, 4)
    assert row["id_share"] == round(2 / 3, 4)
    assert row["demonym_recall"] == 1.0 and row["demonym_exact_id"] == 0.0
    assert row["city_exact_id"] == 1.0


def test_jsonl_loader_names_the_bad_line(tmp_path):
    from presslens.eval import read_jsonl

    p = tmp_path / "gold.jsonl"
    p.write_text('{"id": "a", "text": "x", "frozen": false, "places": []}\n\n{"id": "b", "text": "y"}\n', "utf-8")
    try:
        read_jsonl(p, required=("id", "text", "frozen", "places"))
    except ValueError as e:
        assert "gold.jsonl:3" in str(e) and "frozen" in str(e)
    else:
        raise AssertionError("a record without its keys was accepted")
    assert [r["id"] for r in read_jsonl(p, required=("id",))] == ["a", "b"]


def _search_batch(batch: int, n: int) -> tuple[list[dict], dict[str, dict]]:
    """A batch found through the search tool: its gold docs and manifest rows; each text is the stored
    excerpt byte for byte, and the frozen part is the first n // 2 doc ids sorted by sha1, whole documents."""
    import json

    docs = [d for d in load(data_path(*GOLD)) if d.get("batch") == batch]
    root = data_path(f"eval/dev/geo/local/b{batch}")
    manifest = {m["id"]: m for m in json.loads((root / "manifest.json").read_text("utf-8"))}
    assert len(docs) == len(manifest) == n
    order = sorted(manifest, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    for d in docs:
        assert d["text"] == (root / "texts" / f"{d['id'][4:]}.txt").read_text("utf-8")
        assert d["origin"] == manifest[d["id"]]["url"]
        assert d["frozen"] == manifest[d["id"]]["frozen"] == (order.index(d["id"]) < n // 2)
    assert sum(d["frozen"] for d in docs) == n // 2
    return docs, manifest


def test_batch8_texts_are_the_stored_excerpts_and_half_is_frozen_by_sorted_sha1():
    """Batch 8 (b8/SELECTION.md, amendment C)."""
    _search_batch(8, 10)


def test_batch9_texts_are_the_stored_excerpts_and_half_is_frozen_by_sorted_sha1():
    """Batch 9 (b9/SELECTION.md): also every document carries its licence and lies outside the US."""
    docs, manifest = _search_batch(9, 11)
    for d in docs:
        assert d["licence"] == manifest[d["id"]]["licence"]
        assert manifest[d["id"]]["country"] in ("AU", "CA")  # outside the US, as the batch's rule asks


def test_batch10_texts_are_the_stored_excerpts_and_half_is_frozen_by_sorted_sha1():
    """Batch 10 (b10/SELECTION.md): US federal works, and every document names a place below the state."""
    docs, manifest = _search_batch(10, 10)
    for d in docs:
        assert manifest[d["id"]]["country"] == "US" and d["licence"].startswith("public domain")
        assert any(g["precision"] in ("city", "county") for g in d["places"])  # criterion 3 of the rule
