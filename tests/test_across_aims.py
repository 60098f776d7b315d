"""Across outlets, a figure of an act that did not take place as told (an aim, an intention, a capacity)
is no toll: the events layer reads "plotted to kill 300 people" as a planned act (its ``purpose`` and
intention rules, lang/en/events/modality.yaml) and gives it no size; the across figures take the same
reading: such a figure is set against another outlet's aim or capacity, never against a count of what
happened. Texts invented for this test."""

from __future__ import annotations

import json
from pathlib import Path

from presslens.across.figure_findings import aim_figures
from presslens.pipeline import ingest
from presslens.records import Event, NumberClaim
from presslens.settings import load_settings
from presslens.store import Store

RECORDS = [
    {"url": "https://a.example/poison-trial", "source": "Outlet A", "published": "2019-03-14",
     "text": "Man jailed over poison plot\n\nA court in Northbridge jailed a chemist on Wednesday for buying "
             "enough poison to kill 300 people. The chemist plotted to kill 300 people at a concert in "
             "Northbridge, prosecutors said. Police arrested the chemist in Northbridge in June."},
    {"url": "https://b.example/court/77", "source": "Outlet B", "published": "2019-03-14",
     "text": "Chemist sentenced in Northbridge\n\nA chemist who bought poison with the potential to kill 1,000 "
             "people was jailed in Northbridge on Wednesday. The chemist planned to kill 1,000 concert-goers in "
             "Northbridge, the court heard. He was arrested by police in Northbridge in June."},
    # A toll of what happened at the same concert: no aim's figure is set against it.
    {"url": "https://c.example/n/5", "source": "Outlet C", "published": "2019-03-14",
     "text": "Northbridge poisoner jailed\n\nA chemist was jailed in Northbridge on Wednesday after poisoned "
             "drinks killed 2 people at a concert in Northbridge in June, the court heard. Police arrested "
             "the chemist in Northbridge in June."},
]


def test_an_aim_is_compared_with_another_outlets_aim_only(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=load_settings())
        planned = [e for e in store.load("events") if e.status in ("planned", "hypothetical")]
        assert planned, "the events layer reads the aims"
        assert not any(e.size.get("dead") for e in planned)  # no aim is a toll
        across = [f for f in store.load("findings", "kind = 'conflicting_numbers'") if "Sources disagree" in f.detail]
        assert {frozenset(r.text for r in f.refs) for f in across} == {frozenset({"300", "1,000"})}


def _num(i: int, text: str, page: str) -> NumberClaim:
    at = page.index(text)
    return NumberClaim(id=f"n{i}", article_id="a", start=at, end=at + len(text), text=text, low=1, high=1)


def test_a_figure_after_the_words_of_an_unreported_act_is_its_aim() -> None:
    page = "Rebels planned to kill 40 hostages, officials said. Troops killed 12 rebels on Monday."
    plan = page.index("kill 40")
    kill = page.index("killed 12")
    events = [Event(id="e1", article_id="a", type="ASSAULT", start=0, end=page.index(","), text="",
                    status="planned", trigger_start=plan, trigger_end=plan + 4),
              Event(id="e2", article_id="a", type="ASSAULT", start=page.index("Troops"), end=len(page), text="",
                    trigger_start=kill, trigger_end=kill + 6)]
    nums = [_num(0, "40", page), _num(1, "12", page)]
    assert aim_figures(events, nums, page) == frozenset({"n0"})
