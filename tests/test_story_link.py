"""Content-based story links (across/story_link.py) and the merge of confusable PLOVER types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.across import story_link
from presslens.across.merge_score import compatible, confusable
from presslens.store import Store

PAGES = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across" / "pages"
# Dev stories only (eval/dev/across/FROZEN.md): frozen pages are not looked at while tuning.
DEV = ["s01-seoul-beef", "s02-delmas-typhoid", "s03-pibor-ambush", "s05-libya-medics", "s06-kenya-appeal",
       "s10-kibera-liquor", "s12-polio-campaign"]


def _links() -> story_link.Links:
    """Links over every dev page, with document frequencies counted over them."""
    bags, published = {}, {}
    for story in DEV:
        for f in sorted((PAGES / story).glob("*.txt")):
            key = f"{story}/{f.stem}"
            bags[key] = story_link.terms(f.read_text(encoding="utf-8"))
            published[key] = json.loads(f.with_name(f.name + ".meta.json").read_text(encoding="utf-8"))["published"]
    df: dict[str, int] = {}
    for bag in bags.values():
        for t in bag:
            df[t] = df.get(t, 0) + 1
    return story_link.Links(bags, published, df, len(bags))


def test_terms_keep_names_apart_from_common_words() -> None:
    t = story_link.terms("Gunmen killed six aid workers on the Gumuruk-Pibor road, Police said on Saturday.")
    assert "n:gumuruk-pibor" in t  # not an English word: a name
    assert "police" in t and "n:police" not in t  # a common word, capitalised or not
    assert "worker" in t and "on" not in t  # plural folded; words under three letters dropped


def test_reports_of_one_story_link_and_other_stories_do_not() -> None:
    links = _links()
    # Wire copy and the Wikinews report of one story (written by different outlets, eval/dev/across).
    for story in ("s01-seoul-beef", "s03-pibor-ambush", "s05-libya-medics", "s10-kibera-liquor"):
        assert links.link(f"{story}/wikinews", f"{story}/wire") is True, story
    # Another ambush on another road the same Saturday shares little with the Pibor story.
    assert not links.link("s03-pibor-ambush/wikinews", "s03-pibor-ambush/nimule")
    # Different stories never link.
    assert not links.link("s01-seoul-beef/wire", "s10-kibera-liquor/wire")
    assert not links.link("s03-pibor-ambush/state", "s06-kenya-appeal/government")


def test_weekdays_and_months_are_no_names() -> None:
    t = story_link.terms("Police dispersed the rally in Seoul on Saturday, as in June.")
    assert "n:seoul" in t and "n:saturday" not in t and "n:june" not in t


def test_one_shared_name_links_only_with_a_high_cosine() -> None:
    links = _links()
    # A state agency's counter-version names the places its own way ("Jung District", "Cheong Wa Dae"):
    # it shares only "Seoul" with the wire and the Wikinews report, and most of their rare words.
    for other in ("wire", "wikinews"):
        a, b = "s01-seoul-beef/state", f"s01-seoul-beef/{other}"
        assert len(links._names(a) & links._names(b)) == 1
        assert links.cosine(a, b) >= story_link.ONE_NAME and links.link(a, b) is True
    # The same-day vigil in another city shares no name: a Sunday is no name.
    assert not links.link("s01-seoul-beef/wire", "s01-seoul-beef/busan")


def test_document_frequencies_are_counted_once_per_article(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    story_link.update(store, {"a1": "Police dispersed protesters in Seoul.", "a2": "Protesters marched in Busan."})
    story_link.update(store, {"a1": "Police dispersed protesters in Seoul."})  # seen: not counted again
    rows = {r["term"]: r["n"] for r in store.rows("SELECT term, n FROM story_df")}
    assert rows["protester"] == 2 and rows["n:seoul"] == 1 and rows["n:busan"] == 1
    store.close()


class _Told:
    """Links stub: the two articles tell one story or not."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def link(self, a: str, b: str) -> bool:
        return self.value


def ev(id_: str, art: str, **kw: object) -> dict:
    base = {"id": id_, "article_id": art, "type": "RETREAT", "mode": None, "date": "2007-07-24",
            "place_name": "Sofia", "country": "BG", "geonameid": 727011, "geo_precision": "city",
            "actors": ["libya-government"], "status": "reported", "links": _Told(True)}
    base.update(kw)
    return base


def test_confusable_types_merge_only_within_one_story_with_one_doer() -> None:
    assert ("RETREAT", "AID") in confusable() and ("AID", "RETREAT") in confusable()
    # "Libya has freed six foreign medical personnel" (RETREAT) / "The Great Jamahiriya today handed over
    # ... the five Bulgarian nurses" (AID): one act, worded two ways, in one story.
    assert compatible(ev("a", "x"), ev("b", "y", type="AID"))
    assert not compatible(ev("a", "x", links=_Told(False)), ev("b", "y", type="AID", links=_Told(False)))
    assert not compatible(ev("a", "x"), ev("b", "y", type="AID", actors=["bulgaria-government"]))
    # Types no outlet would give one act stay apart, whatever the story.
    assert not compatible(ev("a", "x"), ev("b", "y", type="ACCUSE"))
    # Two rallies in two cities on one day stay two, even when one outlet says "mobilised".
    seoul = ev("a", "x", type="PROTEST", place_name="Seoul", country="KR", geonameid=1835848, lat=37.566, lon=126.978)
    busan = ev("b", "y", type="MOBILIZE", place_name="Busan", country="KR", geonameid=1838524, lat=35.102, lon=129.04)
    assert not compatible(seoul, busan)
    assert compatible(seoul, dict(busan, place_name="Seoul", geonameid=1835848, lat=37.566, lon=126.978))


def test_loaded_links_hold_each_term_once_and_answer_as_links_from_the_texts(tmp_path: Path) -> None:
    """``Links.add`` reads the kept bags of stored articles: a term that several articles share is one
    string object (issue 19: a slice's bags held a copy of each term per article), and the cosines and
    links are those of bags counted from the same texts."""
    from presslens.pipeline import ingest
    from presslens.settings import load_settings

    settings = load_settings()
    bare = {**settings, "pipeline": {**settings["pipeline"], "post": []}}
    with Store(tmp_path / "s.duckdb") as store:
        ingest([PAGES / "s01-seoul-beef"], store, settings=bare)
        story_link.new_story_pairs(store)  # counts the articles and keeps their bags
        ids = [r["id"] for r in store.rows("SELECT id FROM articles ORDER BY id")]
        texts = {r["id"]: str(r["text"]) for r in story_link._texts(store, ids)}
        links = story_link.Links.load(store, ids)
        df = {r["term"]: int(r["n"]) for r in store.rows("SELECT term, n FROM story_df")}
    assert len(ids) >= 3
    held: dict[str, int] = {}
    for a in ids:
        assert links.bags[a] == story_link.terms(texts[a])
        for t in links.bags[a]:
            held.setdefault(t, id(t))
            assert id(t) == held[t]  # one object per term, whichever article holds it
    shared = [t for t in held if sum(t in links.bags[a] for a in ids) > 1]
    assert shared and all(links.df[t] == df[t] for t in held)
    fresh = story_link.Links({a: story_link.terms(texts[a]) for a in ids}, links.published, df, len(ids))
    for a in ids:
        for b in ids:
            assert links.cosine(a, b) == pytest.approx(fresh.cosine(a, b)) and links.link(a, b) == fresh.link(a, b)
