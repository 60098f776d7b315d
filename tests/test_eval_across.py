"""The ``across`` suite's scoring rules on small hand-made cases, and the committed set's checker."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from presslens.eval import across_dev as A

ROOT = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across"


def test_b_cubed_perfect_split_and_lumped() -> None:
    gold = ["e1", "e1", "e2"]
    assert A.b_cubed(gold, ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    # Everything apart: precision 1, recall (1/2 + 1/2 + 1) / 3.
    p, r, _ = A.b_cubed(gold, ["a", "b", "c"])
    assert (p, round(r, 4)) == (1.0, round(2 / 3, 4))
    # Everything together: recall 1, precision (2/3 + 2/3 + 1/3) / 3.
    p, r, _ = A.b_cubed(gold, ["z", "z", "z"])
    assert (round(p, 4), r) == (round(5 / 9, 4), 1.0)


def test_phrases_are_found_whole_and_by_occurrence() -> None:
    text = "He buried 14 people. Then 4 people died; later 4 people more."
    assert A.find_phrase(text, "4 people") == (26, 34)
    assert A.find_phrase(text, "4 people", 2) == (47, 55)
    assert A.find_phrase(text, "4 people", 3) is None
    assert A.find_phrase("the \u201cwords\u201d here", '"words"') == (4, 11)


def _doc(text: str, page: str = "p1") -> A.Doc:
    return A.Doc(page_id=page, source=page, published="2020-01-01", text=text)


def _ev(start: int, end: int, typ: str, canon: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=f"ev{start}", start=start, end=end, type=typ, canonical_id=canon, date=None)


def test_alignment_prefers_the_gold_type_over_any_overlapping_event() -> None:
    doc = _doc("Police detained 70 protesters who had gathered in the square.")
    coerce, protest = _ev(0, 28, "COERCE"), _ev(29, 60, "PROTEST")
    wide = _ev(0, 60, "ASSAULT")
    assert A.align(["x", "E1", "PROTEST", "gathered in the square"], doc, [wide, coerce, protest]) is protest
    assert A.align(["x", "E1", "AID", "gathered in the square"], doc, [coerce, protest]) is protest
    assert A.align(["x", "E1", "PROTEST", "not in the text"], doc, [protest]) is None


def _fig(event: str, qty: str, lo: float, hi: float, page: str, start: int) -> A.Figure:
    return A.Figure("s", event, qty, lo, hi, page, start, start + 5)


def test_conflicts_right_wrong_and_left_out() -> None:
    a = _fig("E1", "dead", 6, 6, "p1", 0)
    b = _fig("E1", "dead", 5, 5, "p2", 0)
    c = _fig("E1", "dead", 4, 8, "p3", 0)  # overlaps both
    d = _fig("E2", "dead", 4, 4, "p4", 0)  # another event
    figs = [a, b, c, d]
    units = A.conflict_units(figs, {"p1": "A", "p2": "B", "p3": "C", "p4": "D"})
    assert units == {A._unit(a, b)}
    pairs = [(("p1", 1, 2), ("p2", 1, 2), True),     # right
             (("p1", 1, 2), ("p3", 1, 2), False),    # overlapping, says so: left out
             (("p2", 1, 2), ("p3", 1, 2), True),     # overlapping, claims disjoint: wrong
             (("p1", 1, 2), ("p4", 1, 2), True),     # two events: wrong
             (("p1", 1, 2), ("p9", 1, 2), True)]     # not a gold figure: wrong
    got = A.score_conflicts(pairs, figs, units)
    assert got["conflicts_recall"] == 1.0
    assert got["conflicts_precision"] == 0.25
    assert got["conflicts_sys"] == 4


def test_copies_need_half_of_both_spans_on_the_right_pages() -> None:
    gold = [(("p1", 100, 200), ("p2", 0, 100))]
    assert A.score_copies([(("p2", 10, 100), ("p1", 100, 190))], gold)["copies_f1"] == 1.0
    # A span three times the passage covers it but is mostly something else.
    assert A.score_copies([(("p1", 0, 300), ("p2", 0, 100))], gold)["copies_precision"] == 0.0
    assert A.score_copies([(("p1", 100, 200), ("p3", 0, 100))], gold)["copies_recall"] == 0.0


def test_baseline_copies_join_adjacent_identical_sentences_across_outlets() -> None:
    shared = "Around 300 police buses blocked protesters from entering the plaza on Sunday. " \
             "Around 70 people were detained by police for illegally occupying the roads there."
    a = "Title\n\nA wholly different opening sentence of this first report is here. " + shared
    b = shared + " And then the second outlet ends with a sentence of its own making."
    st = SimpleNamespace(docs={"s/a": _doc(a, "p1"), "s/b": _doc(b, "p2")},
                         source_of_page={"p1": "A", "p2": "B"})
    got = A.baseline_copies(st)  # type: ignore[arg-type]
    assert len(got) == 1
    (pa, sa, ea), (pb, sb, eb) = got[0]
    assert a[sa:ea] == shared and b[sb:eb] == shared and {pa, pb} == {"p1", "p2"}


def test_freeze_rule_takes_every_third_story_of_each_batch_by_hash() -> None:
    if not ROOT.is_dir():
        pytest.skip("eval/dev/across not in this checkout")
    parts = A.parts_of(ROOT)
    assert set(parts) == {p.stem for p in (ROOT / "gold").glob("*.json")}
    batches = (ROOT / "FROZEN.md").read_text(encoding="utf-8").split("## Batch ")[1:]
    assert len(batches) >= 1
    for text in batches:
        stories = re.findall(r"^\| (s\d\d-[\w-]+) \| [0-9a-f]{12} \| (?:dev|frozen) \|$", text, re.M)
        order = sorted(stories, key=lambda s: hashlib.sha256(s.encode()).hexdigest())
        head = text.split("\n", 1)[0]
        whole = "frozen whole" in head  # an untuned batch kept out of tuning entirely
        every = 2 if "frozen half" in head else 3  # batch 6 (SELECTION6.md) freezes half, earlier ones a third
        assert [parts[s] for s in order] == ["frozen" if whole or i % every == 0 else "dev" for i in range(len(order))]


def test_gold_checker_passes_on_the_committed_set() -> None:
    if not (ROOT / "check.py").is_file():
        pytest.skip("eval/dev/across not in this checkout")
    run = subprocess.run([sys.executable, str(ROOT / "check.py")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_gold_copies_verbatim_and_edited_are_placed_in_each_page() -> None:
    a, b = "Lead. Six men were held by police in the old town today.", "Six men were held by the police in the old town today!"
    st = SimpleNamespace(docs={"s/a.txt": _doc(a, "p1"), "s/b.txt": _doc(b, "p2")})
    stories = {"s": {"copies": [
        {"docs": ["a.txt", "b.txt"], "text": "in the old town today"},
        {"spans": [{"doc": "a.txt", "text": "Six men were held by police"},
                   {"doc": "b.txt", "text": "Six men were held by the police"}], "edited": True}]}}
    got = A.gold_copies(stories, st)  # type: ignore[arg-type]
    assert [(a[x[1]:x[2]], b[y[1]:y[2]]) for x, y in got] == [
        ("in the old town today", "in the old town today"),
        ("Six men were held by police", "Six men were held by the police")]


def test_batches_four_five_and_six_are_scored_in_rows_of_their_own() -> None:
    if not ROOT.is_dir():
        pytest.skip("eval/dev/across not in this checkout")
    rows, parts = A.row_of(ROOT), A.parts_of(ROOT)
    assert set(rows) == set(parts)
    assert {s for s, r in rows.items() if r == "across4"} == {
        s for s in rows if 15 <= int(s[1:3]) <= 18}
    batch5 = {s for s in rows if 19 <= int(s[1:3]) <= 23}
    assert {s for s, r in rows.items() if r == "across5"} == batch5
    assert {parts[s] for s in batch5} == {"frozen"}  # frozen whole: no story of it is tuned on
    batch6 = {s for s in rows if int(s[1:3]) >= 24}
    assert {s for s, r in rows.items() if r == "across6"} == batch6
    assert sorted(parts[s] for s in batch6) == ["dev", "frozen", "frozen"]  # half frozen (SELECTION6.md)
