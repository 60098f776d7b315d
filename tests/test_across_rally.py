"""One rally in five outlets, end to end (issue 16's multi-outlet case: wire copy and a site that
republishes it, an opinion site, a state agency, a broadcaster that also reports another march that
day). Texts written for this test (session 17) in the style of each kind of outlet, with the kinds
of figures issue 16 lists ("100,000", "over 100,000", "25,000", "thousands", "about 4,000"); no gold
text. Checked: every outlet's figure is stored with its own interval and offsets, the five reports
are one canonical event and the march elsewhere is not, and every two figures of two outlets that
cannot both be true are a cross-source finding, none with the other march's figure."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store

# (source, published, url, text)
OUTLETS = [
    ("Agence Wire", "2018-06-30", "https://wire.example/2018/06/30/iran-exiles",
     "Iranian exiles hold mass rally outside Paris\n\nVILLEPINTE, France, June 30 - Thousands of Iranian exiles "
     "gathered in Villepinte, north of Paris, on Saturday to demand an end to clerical rule in Iran, the "
     "organisers said, putting the crowd at over 100,000.\n\nFormer New York mayor Rudy Giuliani told the crowd "
     "that the government in Tehran was close to collapse. The National Council of Resistance of Iran, which "
     "organised the event, said delegations had come from 70 countries.\n\nFrench police did not give an "
     "estimate of the crowd."),
    # Republishes the wire's lead and one more paragraph word for word.
    ("Daily Courier", "2018-07-01", "https://courier.example/world/iran-rally",
     "Exiles rally against Tehran\n\nThousands of Iranian exiles gathered in Villepinte, north of Paris, on "
     "Saturday to demand an end to clerical rule in Iran, the organisers said, putting the crowd at over "
     "100,000.\n\nFormer New York mayor Rudy Giuliani told the crowd that the government in Tehran was close to "
     "collapse."),
    ("Liberty Voices", "2018-07-02", "https://liberty.example/opinion/free-iran",
     "The regime's days are numbered\n\nWhen 100,000 freedom-loving Iranians rallied in Villepinte on Saturday, "
     "the mullahs in Tehran must have trembled. Rudy Giuliani was right to tell them that change is coming."),
    ("State News Agency", "2018-07-01", "https://state.example/en/news/mko-show",
     "MKO terrorist cult stages propaganda show in Paris\n\nTEHRAN, July 1 - The MKO terrorist cult held its "
     "annual gathering in Villepinte near Paris on Saturday, which drew about 4,000 people, most of them paid to "
     "attend, French police sources said.\n\nThe cult, which has the blood of 17,000 Iranians on its hands, flew "
     "in mercenaries from Albania for the event."),
    ("Rundfunk International", "2018-07-01", "https://rundfunk.example/en/iran-opposition-paris",
     "Iranian opposition rallies in France\n\nSome 25,000 people attended a rally of the Iranian opposition in "
     "Villepinte outside Paris on Saturday, according to French police. The organisers, the National Council "
     "of Resistance of Iran, spoke of thousands more.\n\nOn the same Saturday, about 3,000 people marched in "
     "Berlin against a planned motorway."),
]
# Each outlet's figures for the crowd at Villepinte, with the interval the words allow (docs/across.md:
# "thousands" 2,000-9,999, "about"/"some" +-10 %, "over N" from N+1).
CROWD = {
    "Agence Wire": {"Thousands": (2000, 9999), "over 100,000": (100001, float("inf"))},
    "Daily Courier": {"Thousands": (2000, 9999), "over 100,000": (100001, float("inf"))},
    "Liberty Voices": {"100,000": (100000, 100000)},
    "State News Agency": {"about 4,000": (3600, 4400)},
    "Rundfunk International": {"Some 25,000": (22500, 27500)},
}
BERLIN = ("Rundfunk International", "about 3,000")


def _expected() -> set[frozenset[tuple[str, str]]]:
    """Every two figures of two outlets whose intervals are disjoint, unless each outlet gives both
    (the wire and its copy: one text, no dispute)."""
    figs = [(src, text, iv) for src, fs in CROWD.items() for text, iv in fs.items()]
    out = set()
    for (sa, ta, (la, ha)), (sb, tb, (lb, hb)) in combinations(figs, 2):
        if sa == sb or (ta in CROWD[sb] and tb in CROWD[sa]):
            continue
        if ha < lb or hb < la:
            out.add(frozenset({(sa, ta), (sb, tb)}))
    return out


def test_one_rally_five_outlets_figures_kept_and_conflicts_flagged(tmp_path: Path) -> None:
    src = tmp_path / "rally.jsonl"
    src.write_text("".join(json.dumps({"url": u, "source": s, "published": p, "text": t}) + "\n"
                           for s, p, u, t in OUTLETS), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=load_settings())
        arts = {r["id"]: r for r in store.rows(
            "SELECT a.id, p.source, p.text FROM articles a JOIN pages p ON p.id = a.page_id")}
        numbers = store.load("numbers")
        events = store.load("events", "type = 'PROTEST' AND size IS NOT NULL")
        findings = store.load("findings", "kind = 'conflicting_numbers'")
    # Every outlet's figure is kept, with its own interval and exact offsets.
    kept = {(arts[n.article_id]["source"], n.text): n for n in numbers}
    for source, figs in CROWD.items():
        for text, (lo, hi) in figs.items():
            n = kept[(source, text)]
            assert arts[n.article_id]["text"][n.start:n.end] == text
            low, high = n.low, float("inf") if n.high is None else n.high
            if n.approx:
                low, high = round(low * 0.9), round(high * 1.1)
            assert (low, high) == (lo, hi)
    # One canonical event for the rally, each report with its own size; the Berlin march is another.
    sized = [e for e in events if e.size.get("participants")]
    rally = {arts[e.article_id]["source"]: e for e in sized if e.place_name == "Villepinte"}
    assert set(rally) == set(CROWD)
    assert len({e.canonical_id for e in rally.values()}) == 1
    assert len({tuple(e.size["participants"]) for e in rally.values()}) == 4  # wire and copy agree
    (berlin,) = [e for e in sized if e.place_name == "Berlin"]
    assert berlin.canonical_id != rally["Agence Wire"].canonical_id
    # Conflicts across outlets: exactly the pairs that cannot both be true, never the Berlin march.
    got = set()
    for f in findings:
        refs = {(arts[r.article_id]["source"], r.text) for r in f.refs}
        if len({s for s, _ in refs}) == 2:
            assert f.disjoint and all(s in f.detail for s, _ in refs)
            got.add(frozenset(refs))
    assert not any(BERLIN in pair for pair in got)
    assert got == _expected()
