"""The quotes dev-set scorer on small hand-made cases (no model, no store)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.eval.quotes_dev import (
    Unit,
    baseline_units,
    metrics,
    names,
    place_gold,
    score_doc,
    speaker_ok,
)

TEXT = (
    '"We culled around 300 heads today," BAI head Davinio Catbagan said. "We may go beyond '
    'Thursday." The ministry said the farm was quarantined. He added that tests continue.'
)


def span(text: str, s: str) -> tuple[int, int]:
    at = text.index(s)
    return at, at + len(s)


def gq(fragments: list[str], kind: str = "direct", speaker: str | None = "Davinio Catbagan",
       actor: str | None = "Davinio Catbagan") -> dict:
    return {"fragments": fragments, "kind": kind, "speaker": speaker, "actor": actor, "cue": "said",
            "headline": False}


def sysq(text: str, *pieces: str, kind: str = "direct", speaker: str | None = None,
         names_: list[str] | None = None) -> Unit:
    sp = span(text, speaker) if speaker else None
    return Unit(spans=[span(text, p) for p in pieces], kind=kind, speaker=speaker, speaker_span=sp,
                names=names_ if names_ is not None else ([speaker] if speaker else []))


INTERRUPTED = gq(["We culled around 300 heads today,", "We may go beyond Thursday."])


def test_gold_is_placed_with_white_space_and_curly_quotes_folded() -> None:
    text = "Intro.\n\n\u201cWe  culled\naround 300 heads today,\u201d BAI head Davinio Catbagan said."
    (unit,) = place_gold(text, [gq(["We culled around 300 heads today,"])])
    assert text[unit.spans[0][0]:unit.spans[0][1]] == "We  culled\naround 300 heads today,"
    assert unit.speaker_span is not None and text[slice(*unit.speaker_span)] == "Davinio Catbagan"


def test_unplaced_gold_counts_as_missed() -> None:
    (unit,) = place_gold(TEXT, [gq(["words that are not in the text"])])
    c = score_doc(TEXT, [unit], [])
    assert c["gold_unlocated"] == 1 and c["all_gold"] == 1 and c["all_tp30"] == 0


def test_interrupted_quote_is_one_unit_and_half_of_it_is_not_enough_at_08() -> None:
    golds = place_gold(TEXT, [INTERRUPTED])
    whole = sysq(TEXT, "We culled around 300 heads today,", "We may go beyond Thursday.")
    c = score_doc(TEXT, golds, [whole])
    assert (c["direct_tp30"], c["direct_tp80"], c["direct_exact"]) == (1, 1, 1)
    # The same quote split in two system records: the first half matches at 0.3 (33 of 59
    # characters), not at 0.8; the second half is a false positive.
    halves = [sysq(TEXT, "We culled around 300 heads today,"), sysq(TEXT, "We may go beyond Thursday.")]
    c = score_doc(TEXT, golds, halves)
    assert (c["direct_sys"], c["direct_tp30"], c["direct_tp80"], c["direct_exact"]) == (2, 1, 0, 0)
    m = metrics(c)
    assert m["direct_precision"] == 0.5 and m["direct_recall"] == 1.0 and m["direct_f1"] == 0.6667


def test_overlap_thresholds_use_the_gold_quote_as_reference() -> None:
    (gold,) = place_gold(TEXT, [gq(["We culled around 300 heads today,"])])
    short = sysq(TEXT, "We culled")  # 9 of 33 characters: 0.27
    assert score_doc(TEXT, [gold], [short])["all_tp30"] == 0
    longer = sysq(TEXT, "We culled around")  # 16 of 33: 0.48
    c = score_doc(TEXT, [gold], [longer])
    assert (c["all_tp30"], c["all_tp80"]) == (1, 0)
    # Marks and the trailing comma do not make a span inexact.
    marks = sysq(TEXT, '"We culled around 300 heads today,"')
    assert score_doc(TEXT, [gold], [marks])["all_exact"] == 1


def test_direct_row_takes_only_system_direct_quotes_all_row_ignores_kinds() -> None:
    golds = place_gold(TEXT, [gq(["the farm was quarantined"], kind="indirect", speaker="The ministry",
                                 actor="Ministry of Agriculture")])
    c = score_doc(TEXT, golds, [sysq(TEXT, "the farm was quarantined", kind="direct")])
    assert (c["direct_gold"], c["direct_sys"], c["direct_tp30"]) == (0, 1, 0)
    assert (c["all_gold"], c["all_sys"], c["all_tp30"]) == (1, 1, 1)
    assert c["kind_indirect_hit"] == 1


def test_matching_is_one_to_one() -> None:
    golds = place_gold(TEXT, [gq(["We culled around 300 heads today,"])])
    twice = [sysq(TEXT, "We culled around 300 heads today,"), sysq(TEXT, "We culled around 300 heads today,")]
    c = score_doc(TEXT, golds, twice)
    assert (c["all_tp30"], c["all_sys"]) == (1, 2)


def test_speaker_by_overlapping_mention_or_by_name() -> None:
    (gold,) = place_gold(TEXT, [INTERRUPTED])
    q = ["We culled around 300 heads today,", "We may go beyond Thursday."]
    assert speaker_ok(gold, sysq(TEXT, *q, speaker="BAI head Davinio Catbagan"))  # overlapping mention
    assert speaker_ok(gold, sysq(TEXT, *q, names_=["Catbagan"]))  # a name of the actor, anywhere
    assert not speaker_ok(gold, sysq(TEXT, *q))  # no speaker
    assert not speaker_ok(gold, sysq(TEXT, *q, speaker="The ministry"))


def test_pronoun_speaker_must_be_resolved_to_the_right_actor() -> None:
    (gold,) = place_gold(TEXT, [gq(["tests continue"], kind="indirect", speaker="He", actor="Davinio Catbagan")])
    he = span(TEXT, "He added")
    he = (he[0], he[0] + 2)
    unresolved = Unit(spans=[span(TEXT, "tests continue")], kind="indirect", speaker="He", speaker_span=he,
                      names=["He"])
    assert not speaker_ok(gold, unresolved)
    wrong = Unit(spans=unresolved.spans, kind="indirect", speaker="He", speaker_span=he, names=["He", "Joe Desmond"])
    assert not speaker_ok(gold, wrong)
    right = Unit(spans=unresolved.spans, kind="indirect", speaker="He", speaker_span=he,
                 names=["He", "Davinio Catbagan", "Catbagan"])
    assert speaker_ok(gold, right)


def test_no_speaker_in_gold_wants_no_speaker() -> None:
    (gold,) = place_gold(TEXT, [gq(["tests continue"], kind="belief", speaker=None, actor=None)])
    assert speaker_ok(gold, Unit(spans=gold.spans, kind="belief"))
    assert not speaker_ok(gold, Unit(spans=gold.spans, kind="belief", names=["Catbagan"]))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Bruschke", "Christianne Bruschke", True),
    ("Doctor Christianne Bruschke", "Christianne Bruschke", True),
    ("Secretary Napolitano", "Janet Napolitano", True),
    ("The UNHCR", "United Nations High Commissioner for Refugees", True),
    ("WHO", "World Health Organisation", True),
    ("CDC", "Centers for Disease Control and Prevention", True),
    ("The World Health Organisation", "World Health Organisation", True),
    ("Officials", "county health officials", True),
    ("He", "Davinio Catbagan", False),
    ("The agency", "United Nations High Commissioner for Refugees", False),
    ("Nicolas Sarkozy", "José Manuel Barroso", False),
    ("Mr. Corby", "Schapelle Corby", True),
    ("Her father", "Mr. Corby", False),
    # Short names are names (geovirus-213 "Ken May", theplanetarypress "Fa" for John Fa).
    ("Ken May", "Ken May", True),
    ("Fa", "John Fa", True),
    ("The", "The Australian", False),
    ("Mrs. May", "Theresa May", True),
])
def test_names(a: str, b: str, same: bool) -> None:
    assert names(a, b) is same
    assert names(b, a) is same


def test_quote_speaker_f1_counts_a_match_only_with_the_right_speaker() -> None:
    golds = place_gold(TEXT, [INTERRUPTED, gq(["tests continue"], kind="indirect", speaker="He")])
    systems = [sysq(TEXT, "We culled around 300 heads today,", "We may go beyond Thursday.", speaker="Davinio Catbagan"),
               sysq(TEXT, "tests continue", kind="indirect", names_=["Joe Desmond"])]
    m = metrics(score_doc(TEXT, golds, systems))
    assert m["all_f1"] == 1.0 and m["all_speaker_accuracy"] == 0.5 and m["all_quote_speaker_f1"] == 0.5


def test_baseline_takes_text_between_paired_double_marks_in_the_article_windows() -> None:
    text = 'Menu "Login"\nHe said “it is fine” and "so it is." An unpaired " mark.\n'
    start = text.index("He said")
    units = baseline_units(text, [(start, len(text))])
    assert [text[slice(*u.spans[0])] for u in units] == ["it is fine", "so it is."]
    assert all(u.kind == "direct" and not u.names for u in units)


def test_gold_checker_passes_on_the_committed_dev_set() -> None:
    root = Path(__file__).resolve().parents[1] / "eval" / "dev" / "quotes"
    if not (root / "check.py").is_file():
        pytest.skip("no quotes dev set in this checkout")
    run = subprocess.run([sys.executable, str(root / "check.py")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads((root / "gold" / sorted(p.name for p in (root / "gold").glob("*.json"))[0]).read_text())


def test_system_quotes_with_fragments_are_scored_on_their_union() -> None:
    from types import SimpleNamespace

    from presslens.eval.quotes_dev import system_units
    from presslens.records import Actor, Quote

    a, b = span(TEXT, "We culled around 300 heads today,"), span(TEXT, "We may go beyond Thursday.")
    plain = Quote(id="q1", article_id="a", start=a[0], end=a[1], text=TEXT[a[0]:a[1]], kind="direct",
                  speaker_id="cat")
    joined = SimpleNamespace(start=a[0], end=b[1], kind="direct", fragments=[[a[0], a[1]], [b[0], b[1]]],
                             speaker_text=None, speaker_start=None, speaker_end=None, speaker_id=None)
    actors = {"cat": Actor(id="cat", name="Davinio Catbagan", type="PERSON", aliases=["Catbagan"])}
    units = system_units([SimpleNamespace(quotes=[plain, joined])], actors)
    assert units[0].spans == [a] and units[0].names == ["Davinio Catbagan", "Catbagan"]
    assert units[1].spans == [a, b]
    golds = place_gold(TEXT, [INTERRUPTED])
    assert score_doc(TEXT, golds, [units[1]])["direct_exact"] == 1
