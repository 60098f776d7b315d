"""Content-based story links: do two articles of different outlets tell one story? (used by the merge)

Outlets name one story's actors, places and acts differently, so the events layer's types and the
actor resolution alone miss many links ("the Kingdom handed over" / "Norway has freed").
What two reports of one story share is their vocabulary, above all their rare words: "Tarvos",
"Mbeku", "anthrax", "moonshine". Each article is a bag of terms (words of at least three letters,
lower-cased; a capitalised word that is not a common English word, ``lang/en/common_words.txt``,
a month or a weekday, is a *name*); terms are weighted by their inverse document frequency in the store (TF-IDF, smoothed
as scikit-learn does: ``ln((N + 1) / (df + 1)) + 1``), and two articles are compared by the cosine
of their binary TF-IDF vectors. The document frequencies are kept incrementally in
``story_df`` (term, articles) and ``story_docs`` (articles counted), so a new batch updates them
without reading the stored articles again.

``Links.link(a, b)`` is true (one story) when the cosine is at least ``LINKED``, the articles share
at least ``MIN_NAMES`` names (or one name and the cosine is at least ``ONE_NAME``) and were published
at most ``DAYS`` days apart (or one lacks a date). The findings' story pairs (``new_story_pairs``)
still need ``MIN_NAMES`` names: meeting every article through one name would not stay small.
On the dev stories of eval/dev/across, pages of one story reach 0.12-0.66 (median 0.22), pages of
different stories at most 0.15 (99 % below 0.12), with a store of 30 articles; a larger store gives
sharper frequencies.

All offline, no model: a few set operations per compared pair.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..lang import words
from . import state

# Default of setting across.story_linked (docs/settings.md).
LINKED = 0.15
MIN_NAMES = 2
# ... or one name with a cosine this high: a state outlet's counter-version names the story's people and
# places its own way (a city district, the presidential office by its local name), so it shares only the city with the wire; on the
# across dev stories such pairs reach 0.20-0.25, pages of different stories at most 0.17 (session 18).
ONE_NAME = 0.2
DAYS = 7
COMMON_NAME = 100  # a name held by more articles than this proposes no candidates ("n:reuters")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
NAME = "n:"
# New articles counted and met per slice (``new_story_pairs``): a run's texts, bags and candidate
# pairs held at once grew with the run (+369 MB over the merge's start for 10k new bench articles,
# session 24: issue 19); a slice holds this many articles' and their partners'.
CHUNK = 1024


@functools.lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    # Weekdays and months are capitalised but name no one: two reports of any Saturday shared a "name".
    return words("common_words") | words("months") | {d.lower() for d in calendar.day_name}


def terms(text: str) -> frozenset[str]:
    """The article's terms: lower-cased words of three letters or more; a capitalised word that is not
    a common English word is a name (``n:`` + the word), so "Pibor" and "pibor" differ from "police"."""
    out = set()
    common = _common()
    for m in _TOKEN.finditer(text):
        w = m.group().replace("’", "'")
        low = w.lower().removesuffix("'s")
        if len(low) < 3:
            continue
        if w[0].isupper() and low not in common:
            out.add(NAME + low)
        else:
            out.add(low[:-1] if low.endswith("s") and not low.endswith("ss") and len(low) > 3 else low)
    return frozenset(out)


def update(store: Any, texts: dict[str, str]) -> dict[str, frozenset[str]]:
    """Count the terms of articles not counted yet into ``story_df`` and keep every given article's
    terms in ``story_bags`` (``texts``: article id -> its text), so they are read from a text once;
    returns the terms of the given articles."""
    state.ensure(store)
    if not texts:
        return {}
    bags = {a: terms(t) for a, t in texts.items()}
    table = state.arrow({"id": list(texts)})
    done = {r["article_id"] for r in state.query_with(
        store, "_a", table, "SELECT article_id FROM story_docs WHERE article_id IN (SELECT id FROM _a)")}
    kept = {r["article_id"] for r in state.query_with(
        store, "_a", table, "SELECT article_id FROM story_bags WHERE article_id IN (SELECT id FROM _a)")}
    todo = sorted(set(texts) - done)
    keep = sorted(set(texts) - kept)
    if not todo and not keep:
        return bags
    counts: dict[str, int] = {}
    for a in todo:
        for t in bags[a]:
            counts[t] = counts.get(t, 0) + 1
    names = [(t, a) for a in todo for t in bags[a] if t.startswith(NAME)]
    with store.transaction() as con:
        if keep:
            state.execute_with(con, "_b", state.arrow({"id": keep, "terms": [" ".join(sorted(bags[a])) for a in keep]}),
                               "INSERT OR IGNORE INTO story_bags SELECT id, terms FROM _b")
        if not todo:
            return bags
        state.execute_with(con, "_d", state.arrow({"id": todo}), "INSERT OR IGNORE INTO story_docs SELECT id FROM _d")
        state.execute_with(con, "_n", state.arrow({"term": [t for t, _ in names], "a": [a for _, a in names]}),
                           "INSERT INTO story_names SELECT term, a FROM _n")
        state.execute_with(con, "_t", state.arrow({"term": list(counts), "n": list(counts.values())},
                                                  {"n": state.pa.int64()}),
                           "INSERT INTO story_df SELECT term, n FROM _t "
                           "ON CONFLICT (term) DO UPDATE SET n = story_df.n + excluded.n")
    return bags


def _texts(store: Any, article_ids: list[str]) -> list[dict[str, Any]]:
    """id, published, source and own text (its window of the page) of each article."""
    return state.query_with(store, "_a", state.arrow({"id": article_ids}),
                            "SELECT a.id, ar.published, coalesce(p.source, p.key) AS source, "
                            "substr(t.text, ar.start + 1, ar.\"end\" - ar.start) AS text "
                            "FROM (SELECT id FROM _a) a "
                            "JOIN articles ar ON ar.id = a.id JOIN page_rows p ON p.id = ar.page_id "
                            "JOIN texts t ON t.content_hash = p.content_hash")


def new_story_pairs(store: Any, linked: float = LINKED) -> list[tuple[str, str]]:
    """The first stage of the merge: articles not counted before are counted, then met with every
    stored article that shares at least ``MIN_NAMES`` of their names (through ``story_names``; a name
    held by more than ``COMMON_NAME`` articles proposes nothing, as a band key too common does for
    copies), and the pairs of two sources that tell one story (``Links.link``) are returned.
    Both steps go ``CHUNK`` new articles at a time (module constant)."""
    state.ensure(store)
    new = [r["id"] for r in store.rows("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_docs)")]
    if not new:
        return []
    # Counted slice by slice: the counts are sums, so the store's frequencies after the last slice are
    # the ones one count of every text gives; the pairs below read them only then.
    for i in range(0, len(new), CHUNK):
        update(store, {r["id"]: str(r["text"]) for r in _texts(store, new[i:i + CHUNK])})
    # What the counts wrote and read (the term table's index, the texts: DuckDB's pool) goes before the
    # pairs are met, which read the names and frequencies only (issue 19, s27).
    state.shed(store)
    found: set[tuple[str, str]] = set()
    links = Links({}, {}, {}, int(store.rows("SELECT count(*) AS n FROM story_docs")[0]["n"]), linked)
    for i in range(0, len(new), CHUNK):
        found |= _pairs_of(store, new[i:i + CHUNK], links)
        links.drop_articles()
    return sorted(found)


def _pairs_of(store: Any, new: list[str], links: Links) -> set[tuple[str, str]]:
    """The story pairs of these new articles with any counted article (``new_story_pairs``): each pair
    depends on its two articles and the store's frequencies only, so slices find what one run finds.
    ``links``: the run's, holding the frequencies, weights and lengths read by earlier slices."""
    pairs = [(r["a"], r["b"]) for r in state.query_with(store, "_a", state.arrow({"id": new}), f"""
        WITH mine AS (SELECT term, article_id FROM story_names WHERE article_id IN (SELECT id FROM _a)),
        rare AS (SELECT term FROM story_df WHERE term IN (SELECT term FROM mine) AND n <= {COMMON_NAME})
        SELECT m.article_id AS a, o.article_id AS b FROM mine m JOIN rare ON rare.term = m.term
        JOIN story_names o ON o.term = m.term AND o.article_id <> m.article_id
        GROUP BY 1, 2 HAVING count(*) >= {MIN_NAMES}""")]
    # Pairs published more than DAYS apart are not linked (``Links.link``): dropped before their
    # terms are loaded (a name held by up to COMMON_NAME articles reaches back years in an archive).
    published = {r["id"]: r["published"] for r in state.query_with(
        store, "_a", state.arrow({"id": sorted({x for pr in pairs for x in pr})}),
        "SELECT id, published FROM articles WHERE id IN (SELECT id FROM _a)")}
    pairs = [(a, b) for a, b in pairs
             if not ((apart := _days(published.get(a), published.get(b))) is not None and apart > DAYS)]
    if not pairs:
        return set()
    links.add(store, {x for pr in pairs for x in pr})
    return {(min(a, b), max(a, b)) for a, b in pairs
            if links.source.get(a) != links.source.get(b) and links.link(a, b)}


class Links:
    """Story links among a set of loaded articles (their terms, dates and the store's frequencies)."""

    def __init__(self, bags: dict[str, frozenset[str]], published: dict[str, str | None],
                 df: dict[str, int], n_docs: int, linked: float = LINKED) -> None:
        self.bags, self.published, self.df, self.n = bags, published, df, max(n_docs, 1)
        self.linked = linked
        self.source: dict[str, str | None] = {}
        self._norm: dict[str, float] = {}
        self._memo: dict[tuple[str, str], float] = {}
        self._links: dict[tuple[str, str], bool] = {}
        self._name_sets: dict[str, frozenset[str]] = {}
        self._idf: dict[str, float] = {}  # each term's weight, computed once per load
        self._terms: dict[str, str] = {}  # one string object per term held (``_term``)
        # ``merge_score._told`` per (article, article, same_story share): one answer per article pair of a run.
        self.told: dict[tuple[str, str, float], bool] = {}

    @classmethod
    def load(cls, store: Any, article_ids: Iterable[str], linked: float = LINKED) -> Links:
        ids = sorted(set(article_ids))
        if not ids:
            return cls({}, {}, {}, 1, linked)
        state.ensure(store)
        out = cls({}, {}, {}, int(store.rows("SELECT count(*) AS n FROM story_docs")[0]["n"]), linked)
        out.add(store, ids)
        return out

    def add(self, store: Any, article_ids: Iterable[str]) -> None:
        """Load more articles into these links (the merge loads a group's other members only when a
        join may need them, ``merge._link``): the same bags, dates and frequencies a load of all of
        them at once gives, the store's frequencies being read in one run with no count between."""
        ids = sorted(set(article_ids) - set(self.published))
        if not ids:
            return
        table = state.arrow({"id": ids})
        rows = state.query_with(store, "_a", table,
                                "SELECT a.id, ar.published, coalesce(p.source, p.key) AS source "
                                "FROM (SELECT id FROM _a) a JOIN articles ar ON ar.id = a.id "
                                "JOIN page_rows p ON p.id = ar.page_id")
        # Terms kept at the article's first count (``update``); an article counted by an older
        # build has none kept and is read from its text once. Each term is held as one string object
        # (``_term``): split from each article's kept string, a term that 3,000 loaded articles share
        # was held 3,000 times (issue 19, s27).
        bags = {a: frozenset(map(self._term, terms.split(" "))) if terms else frozenset()
                for a, terms in state.tuples_with(
                    store, "_a", table, "SELECT article_id, terms FROM story_bags WHERE article_id IN (SELECT id FROM _a)")}
        missing = [r["id"] for r in rows if r["id"] not in bags]
        if missing:
            bags.update({a: frozenset(map(self._term, got)) for a, got in update(
                store, {r["id"]: str(r["text"]) for r in _texts(store, missing)}).items()})
        bags = {r["id"]: bags[r["id"]] for r in rows if r["id"] in bags}
        vocab = sorted(set().union(*bags.values()) - self.df.keys()) if bags else []
        self.df.update((self._term(t), int(n)) for t, n in state.tuples_with(
            store, "_v", state.arrow({"t": vocab}), "SELECT term, n FROM story_df WHERE term IN (SELECT t FROM _v)"))
        self.bags.update(bags)
        self.published.update({r["id"]: r["published"] for r in rows})
        self.source.update({r["id"]: r["source"] for r in rows})

    def drop_articles(self) -> None:
        """Forget the loaded articles (their terms, dates, sources, pairs answered) and the frequencies
        and term weights read for them (a run's vocabulary held 213k terms at 10k new bench articles),
        keeping the articles' lengths: one float each, right while the store's counts do not change
        (``new_story_pairs`` between its slices)."""
        self.bags, self.published, self.source, self.df, self._idf, self._terms = {}, {}, {}, {}, {}, {}
        self._memo, self._links, self._name_sets, self.told = {}, {}, {}, {}

    def _term(self, term: str) -> str:
        return self._terms.setdefault(term, term)

    def idf(self, term: str) -> float:
        w = self._idf.get(term)
        if w is None:
            w = self._idf[term] = math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return w

    def _length(self, a: str) -> float:
        if a not in self._norm:
            self._norm[a] = math.sqrt(sum(self.idf(t) ** 2 for t in self.bags.get(a, ()))) or 1.0
        return self._norm[a]

    def cosine(self, a: str, b: str) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in self._memo:
            both = self.bags.get(a, frozenset()) & self.bags.get(b, frozenset())
            self._memo[key] = sum(self.idf(t) ** 2 for t in both) / (self._length(a) * self._length(b))
        return self._memo[key]

    def link(self, a: str, b: str) -> bool:
        """One story (module doc); answered once per pair of articles (the merge asks it for every
        pair of their reports)."""
        key = (a, b) if a < b else (b, a)
        got = self._links.get(key)
        if got is None:
            got = self._links[key] = self._link(a, b)
        return got

    def _link(self, a: str, b: str) -> bool:
        # The cheap tests first (days apart, shared names), the cosine last.
        if a not in self.bags or b not in self.bags or a == b:
            return False
        apart = _days(self.published.get(a), self.published.get(b))
        shared = len(self._names(a) & self._names(b))
        if apart is not None and apart > DAYS or shared == 0 or shared < MIN_NAMES and self.linked > ONE_NAME:
            return False
        return self.cosine(a, b) >= (self.linked if shared >= MIN_NAMES else ONE_NAME)

    def _names(self, a: str) -> frozenset[str]:
        got = self._name_sets.get(a)
        if got is None:
            got = self._name_sets[a] = frozenset(t for t in self.bags[a] if t.startswith(NAME))
        return got


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat((a or "")[:10]) - date.fromisoformat((b or "")[:10])).days)
    except ValueError:
        return None

