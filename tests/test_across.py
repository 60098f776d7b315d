"""Across sources, end to end on real pipeline output: one rally reported by two outlets (one dated
"Saturday" in a Monday report) is one canonical event whose conflicting sizes are a finding; two
rallies in two cities on one day stay two. Texts written for this test in the style of the wire
reports of 30 June 2018 (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store

RECORDS = [
    {"url": "https://a.example/rally", "source": "Outlet A", "published": "2018-07-02",
     "text": "Iranian exiles rally near Paris\n\nOver 100,000 people rallied in Villepinte near Paris on Saturday "
             "to call for regime change in Iran, organisers said. Rudy Giuliani addressed the crowd."},
    {"url": "https://b.example/news/1", "source": "Outlet B", "published": "2018-06-30",
     "text": "Opposition rally in Paris\n\nAbout 4,000 people rallied in Villepinte near Paris on Saturday, "
             "according to police. Speakers called for regime change in Iran."},
    {"url": "https://c.example/n", "source": "Outlet C", "published": "2018-06-30",
     "text": "Two rallies\n\nThousands of people rallied in Berlin on Saturday against rent rises. In Munich, "
             "500 people protested on the same day."},
]


def test_one_rally_two_outlets_conflicting_sizes(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=load_settings())
        rows = store.rows("SELECT e.date, e.place_name, e.canonical_id, a.source FROM events e "
                          "JOIN articles a ON a.id = e.article_id WHERE e.type = 'PROTEST' AND e.date IS NOT NULL")
        by_place = {(r["source"], r["place_name"]): r for r in rows}
        a, b = by_place[("Outlet A", "Villepinte")], by_place[("Outlet B", "Villepinte")]
        assert a["date"] == b["date"] == "2018-06-30"  # "Saturday" in a Monday report
        assert a["canonical_id"] == b["canonical_id"]
        assert by_place[("Outlet C", "Berlin")]["canonical_id"] != by_place[("Outlet C", "Munich")]["canonical_id"]
        (f,) = [f for f in store.load("findings", "kind = 'conflicting_numbers'") if "Sources disagree" in f.detail]
        texts = {r["id"]: r["text"] for r in store.rows("SELECT a.id, p.text FROM articles a JOIN pages p "
                                                        "ON p.id = a.page_id")}
        assert sorted(r.text for r in f.refs) == ["About 4,000", "Over 100,000"]
        assert all(texts[r.article_id][r.start:r.end] == r.text for r in f.refs)
        assert f.disjoint and "Outlet A" in f.detail and "Outlet B" in f.detail


def _told(source: str, text: str, article: str):  # type: ignore[no-untyped-def]
    from presslens.across.figure_findings import told
    from presslens.numbers import find_quantities
    from presslens.records import NumberClaim

    nums = [NumberClaim(id=f"{article}-n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]
    return told(source, text, nums)


def test_two_outlets_one_story_figures() -> None:
    """Sentences in the style of the dev set's Seoul story (eval/dev/across, written variants)."""
    from presslens.across.figure_findings import story_findings

    wire = _told("Wire", "Organisers said some 5,000 people took part in the rally in Seoul on Sunday. "
                         "Police detained 70 people.", "w")
    state = _told("State", "Roughly 600 demonstrators took part in the gathering in Seoul, police said. "
                           "Police detained 68 people.", "s")
    found = story_findings(wire, state, "w|s")
    pairs = [[(r.article_id, r.text) for r in f.refs] for f in found]
    # 5,000 vs 600 taking part, 70 vs 68 detained (exact counts: they cannot both be true); took
    # part vs detained are two quantities, never paired.
    assert sorted(pairs) == [[("w", "70"), ("s", "68")], [("w", "some 5,000"), ("s", "Roughly 600")]]
    assert found[0].disjoint and "Wire" in found[0].detail and "State" in found[0].detail
    # Each outlet gives both figures: two quantities, not a dispute.
    a = _told("A", "Libya agreed a US$460 million settlement, US$1 million for each family.", "a")
    b = _told("B", "Each family gets US$1 million from the US$460 million settlement.", "b")
    assert story_findings(a, b, "a|b") == []


def test_event_sizes_whose_words_count_different_things_are_not_compared() -> None:
    """A canonical event's sizes are compared only when their own words agree on what they count
    (sentences in the style of the dev set's Seoul story: a wire's injured against a state outlet's
    detained, both given to one protest by the events layer)."""
    from presslens.across.figure_findings import figure_findings
    from presslens.records import Event

    wire = _told("Wire", "Police said more than 300 people were injured in the protest.", "w")
    state = _told("State", "The agency said 68 people were taken into custody at the protest.", "s")
    w300 = next(n for n in wire.numbers if n.low == 301)
    s68 = next(n for n in state.numbers if n.low == 68)
    evs = [Event(id="ew", article_id="w", type="PROTEST", start=0, end=10, text="x", canonical_id="c",
                 size={"participants": [w300.low, w300.high]}),
           Event(id="es", article_id="s", type="PROTEST", start=0, end=10, text="x", canonical_id="c",
                 size={"participants": [s68.low, s68.high]})]
    nums = {"w": wire.numbers, "s": state.numbers}
    src = {"w": "Wire", "s": "State"}
    assert len(figure_findings({"c": evs}, nums, src)) == 1  # without the texts, the size keys decide
    assert figure_findings({"c": evs}, nums, src, {"w": wire.text, "s": state.text}) == []


def test_residents_who_march_are_counted_as_a_crowd() -> None:
    """Sentences in the style of the dev set's Delmas story (eval/dev/across s02)."""
    from presslens.across.figure_findings import story_findings

    wire = _told("Wire", "About 2,000 residents marched on the municipal offices on Tuesday.", "w")
    prov = _told("Province", "On Tuesday about 300 people marched on the municipal offices.", "p")
    (f,) = story_findings(wire, prov, "w|p")
    assert sorted(r.text for r in f.refs) == ["About 2,000", "about 300"]
    # Residents counted by a census are not a crowd: no predicate, no comparison.
    town = _told("Town", "The town has 2,000 residents.", "t")
    assert story_findings(town, prov, "t|p") == []


def test_figures_that_name_what_they_count_are_compared_without_a_predicate() -> None:
    """Sentences in the style of the dev set's polio story (eval/dev/across s12) and of wire copy on
    vaccination drives: a counted noun that names the thing needs no predicate; "people" does."""
    from presslens.across.figure_findings import story_findings

    wire = _told("Wire", "Health workers in 19 countries began vaccinating 85 million children under five "
                         "on Saturday. The drive costs $30 million.", "w")
    monitor = _told("Monitor", "The drive aims to reach 78 million children in 19 countries. Donors have "
                               "pledged $27 million for the drive.", "m")
    texts = sorted(r.text for f in story_findings(wire, monitor, "w|m") for r in f.refs)
    assert texts == ["$27 million", "$30 million", "78 million", "85 million"]  # "under five" is an age
    # ... but only in sentences that share a word besides the figure and its noun (session 19): the
    # infected horses and the horses stabled at a racecourse are two quantities.
    h = _told("H", "The ban followed confirmation that 16 horses have been infected with equine influenza.", "h")
    r = _told("R", "The virus could reach the 700 horses stabled at the racecourse.", "r")
    assert story_findings(h, r, "h|r") == []
    c = _told("C", "Officials confirmed that 20 horses have been infected with equine influenza.", "c")
    assert sorted(x.text for f in story_findings(h, c, "h|c") for x in f.refs) == ["16", "20"]
    # Bare "people" without a predicate: who? (the dead, the displaced, the marchers) - not compared.
    a = _told("A", "About 500,000 people were in the region.", "a")
    b = _told("B", "Some 100,000 people live in the region.", "b")
    assert story_findings(a, b, "a|b") == []


def test_a_partitive_figure_is_a_part_not_a_total() -> None:
    """"some 30 million of the children" (of a campaign's 85 million) and "56 of whom" are parts of a
    group another figure counts (the dev set's polio and Libya stories)."""
    from presslens.across.figure_findings import story_findings

    a = _told("Ministry", "In Nigeria, some 30 million of the children will be vaccinated.", "a")
    b = _told("Wire", "The campaign will vaccinate 85 million children.", "b")
    assert story_findings(a, b, "a|b") == []


def test_articles_of_one_story_are_paired_by_their_words(tmp_path: Path) -> None:
    """The merge's first stage pairs articles of two sources that tell one story by their words, so
    the findings compare their figures even when no report of theirs merges (eval/dev/across s12
    style: a wire report and a monitor's report of one polio campaign)."""
    from presslens.across import story_link
    from presslens.across.findings import compute

    recs = [
        {"url": "https://w.example/polio", "source": "Wire", "published": "2009-02-28",
         "text": "Polio drive in West Africa\n\nHealth workers in 19 West and Central African countries began "
                 "vaccinating 85 million children against polio on Saturday, in a drive coordinated by UNICEF "
                 "and the World Health Organization. Nigeria, Niger and Chad are the worst affected."},
        {"url": "https://m.example/polio", "source": "Monitor", "published": "2009-03-01",
         "text": "West African polio campaign\n\nThe synchronised campaign in West and Central Africa aims to "
                 "reach 78 million children, UNICEF said. The World Health Organization said Nigeria, Niger "
                 "and Chad still report new polio cases."},
        {"url": "https://o.example/rent", "source": "Other", "published": "2009-03-01",
         "text": "Rents rise in Berlin\n\nTenants in Berlin and Munich paid more rent this year, the statistics "
                 "office said on Sunday."},
    ]
    src = tmp_path / "x.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    ingest([str(src)], store, settings=load_settings())
    arts = {r["source"]: r["id"] for r in store.rows(
        "SELECT a.id, p.source FROM articles a JOIN page_rows p ON p.id = a.page_id")}
    # Done by the ingest's merge stage; nothing is left to pair, and a second run finds nothing new.
    assert story_link.new_story_pairs(store) == []
    conflicts = [f for f in store.load("findings") if f.kind == "conflicting_numbers"]
    assert [sorted(r.text for r in f.refs) for f in conflicts] == [["78 million", "85 million"]]
    assert {r.article_id for r in conflicts[0].refs} == {arts["Wire"], arts["Monitor"]}
    assert compute(store)[0] == []  # incremental: nothing new to compare
    store.close()


def test_event_sizes_of_different_counted_classes_are_not_compared() -> None:
    """Sentences of the dev set's Seoul story (eval/dev/across s01: Wikinews and the state agency's
    variant), both given to one canonical event's injured: police officers are not protesters."""
    from presslens.across.figure_findings import figure_findings
    from presslens.records import Event

    wiki = _told("Wikinews", "Over 200 protesters and police officers were injured in Saturday's protests.", "w")
    state = _told("State", "According to the agency, 112 police officers were injured by violent demonstrators "
                           "on Saturday night.", "s")
    w = next(n for n in wiki.numbers if n.low == 201)
    s = next(n for n in state.numbers if n.low == 112)
    evs = [Event(id=f"e{n.article_id}", article_id=n.article_id, type="ASSAULT", start=0, end=10, text="x",
                 canonical_id="c", size={"injured": [n.low, n.high]}) for n in (w, s)]
    nums = {"w": wiki.numbers, "s": state.numbers}
    src = {"w": "Wikinews", "s": "State"}
    assert figure_findings({"c": evs}, nums, src, {"w": wiki.text, "s": state.text}) == []
    # The same classes, the same predicate: a dispute.
    other = _told("Other", "Some 50 protesters were injured in Saturday's protests.", "o")
    o = next(n for n in other.numbers if n.low == 50)
    evs[1] = Event(id="eo", article_id="o", type="ASSAULT", start=0, end=10, text="x", canonical_id="c",
                   size={"injured": [o.low, o.high]})
    found = figure_findings({"c": evs}, {"w": wiki.numbers, "o": other.numbers}, {"w": "Wikinews", "o": "Other"},
                            {"w": wiki.text, "o": other.text})
    assert len(found) == 1


# (outlet A's sentence, outlet B's sentence, the figures found in conflict, or [] for none). Origin: the
# Wikinews texts of eval/dev/across (GeoVirus, CC BY 2.5: s02 Delmas, s03 Pibor, s05 Libya, s14 Pingliang)
# and their written outlet variants.
STORY_FIGURES = [
    # The ill are not the dead: "and" before a figure opens its clause; a predicate beyond another figure
    # is that figure's.
    ("Three babies died and 39 people fell ill after drinking milk contaminated with nitrite in Pingliang.",
     "A total of 40 people fell ill after drinking the milk; 31 have been discharged from hospital.",
     ["39", "40"]),
    ("The provincial health department says four people have died and more than 500 have fallen ill since "
     "late August.",
     "The Department of Health says the outbreak is under control and that only two deaths can be linked to it.",
     ["four", "two"]),
    # "three babies" and "two infants": one class.
    ("At least 35 people, mostly young children, have become ill and three babies died in Pingliang city.",
     "The government has dealt with a case of food poisoning in fresh milk, in which two infants died.",
     ["three", "two"]),
    # A running total since a day of this outbreak is the same occasion as a bare figure of it.
    ("Authorities report that 4 people are have died from typhoid and over 526 have been stricken since "
     "August 22.", "Only two deaths can be linked to typhoid fever.", ["4", "two"]),
    # This year's tally is not Saturday's dead.
    ("At least 12 aid workers have been killed in South Sudan this year.",
     "Six aid workers were killed in an ambush in South Sudan on Saturday.", []),
    # The displaced, however each outlet words it (s06 Wikinews and the government's variant).
    ("More than 600 people are believed to have been killed in post-election violence, a quarter of a million "
     "have been driven from their homes and another 6,000 have fled to neighboring Uganda.",
     "She said about 100,000 people had been displaced, most of whom were now in camps.",
     ["a quarter of a million", "about 100,000"]),
    # A country locates nothing: the state is in it (s03 wire and state variants).
    ("Six aid workers were killed in an ambush in South Sudan on Saturday, the United Nations said.",
     "The Government has condemned the killing of five humanitarian workers by armed criminals on the "
     "Gumuruk-Pibor road in Boma State on Saturday.", ["Six", "five"]),
    # Two towns are two places.
    ("Six aid workers were killed in an ambush near Pibor on Saturday.",
     "Four traders were killed in an ambush near Nimule on Saturday.", []),
    # The partitive's verb is not the total's: "infected 438 children with HIV, 56 of whom have since died".
    ("They were convicted of infecting 438 children with HIV, 56 of whom have since died.",
     "The medics were convicted of deliberately infecting 426 children with HIV.", ["438", "426"]),
    # Written for this test (session 17) in the style of rally coverage (issue 16). An outlet's own
    # estimate and the organisers' set side by side in one sentence are two estimates of one count,
    # both compared; a crowd named by its cause or origin is a crowd; "drew N" counts who came.
    ("Tens of thousands of people gathered in Villepinte on Saturday, the organisers said, putting the crowd "
     "at more than 100,000.", "Some 25,000 people attended the rally in Villepinte on Saturday, police said.",
     ["more than 100,000", "Some 25,000"]),
    ("Thousands of activists marched through Lyon on Sunday.", "About 40,000 people marched through Lyon on "
     "Sunday, the prefecture said.", ["Thousands", "About 40,000"]),
    ("The event in Lyon drew about 4,000 people on Sunday, police said.", "Organisers said 30,000 people took "
     "part in the march in Lyon.", ["about 4,000", "30,000"]),
    # Several values of one count in separate sentences are several counts (a round-up): the first only.
    ("The outbreak has killed 117 people. Officials in the capital said 11 people had died there.",
     "The disease has killed 300 people, the health ministry said.", ["117", "300"]),
]


@pytest.mark.parametrize(("a", "b", "found"), STORY_FIGURES)
def test_story_figures_of_one_quantity(a: str, b: str, found: list[str]) -> None:
    from presslens.across.figure_findings import story_findings

    got = story_findings(_told("A", a, "a"), _told("B", b, "b"), "a|b")
    assert sorted(r.text for f in got for r in f.refs) == sorted(found)


# One rally, five outlets (issue 16's account of the 2018 Villepinte rally: "100,000", "over 100,000",
# "25,000", "thousands", "about 4,000"); texts written for this test in the style of each kind of outlet.
RALLY = [
    ("Wire", "2018-07-01", "Iranian opposition rallies near Paris\n\nPARIS, June 30 - Thousands of supporters of an "
     "exiled Iranian opposition group rallied in Villepinte near Paris on Saturday to call for the overthrow of "
     "Iran's government. Rudy Giuliani addressed the crowd."),
    ("Opinion Site", "2018-07-02", "A free Iran is coming\n\n100,000 people gathered in Villepinte, outside Paris, on "
     "Saturday for the Free Iran rally, where Rudy Giuliani told the crowd that the regime would fall."),
    ("Organisers Blog", "2018-06-30", "Free Iran 2018 Grand Gathering\n\nOver 100,000 Iranians rallied in Villepinte "
     "near Paris today, demanding regime change in Iran. Rudy Giuliani and other speakers addressed the rally."),
    ("State Agency", "2018-07-01", "MKO terrorists hold gathering in Paris\n\nAbout 4,000 people, many of them hired, "
     "attended the gathering of the MKO terrorist group in Villepinte near Paris on Saturday, according to French "
     "police. Rudy Giuliani spoke at the event."),
    ("Broadcaster", "2018-07-01", "Exiled Iranians rally in Paris\n\nSome 25,000 people rallied in Villepinte near "
     "Paris on Saturday against the Iranian government. Among the speakers was Rudy Giuliani."),
]


def test_one_rally_five_outlets_every_pair_that_cannot_both_be_true(tmp_path: Path) -> None:
    src = tmp_path / "rally.jsonl"
    src.write_text("".join(json.dumps({"url": f"https://{s.split()[0].lower()}.example/r", "source": s,
                                       "published": p, "text": t}) + "\n" for s, p, t in RALLY), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=load_settings())
        found = {tuple(sorted(r.text for r in f.refs)) for f in store.load("findings", "kind = 'conflicting_numbers'")}
    crowd = ["100,000", "Over 100,000", "Some 25,000", "Thousands", "About 4,000"]
    # "Thousands" (2,000-9,999) and "about 4,000" may both be true; every other two cannot.
    want = {tuple(sorted((a, b))) for i, a in enumerate(crowd) for b in crowd[i + 1:]} - {("About 4,000", "Thousands")}
    assert found == want
