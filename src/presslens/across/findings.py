"""Store-wide cross-checks (post stage ``post:findings``), incremental: each run looks only at page
versions not seen before (``across_pages``) and at canonical events the merge changed
(``merge_dirty``); a re-ingest of unchanged pages does nothing. Runs after ``post:merge``.

Kinds, each in its own module:
- ``same_quote_different_speakers`` (``quote_findings.py``): new long quotes meet stored ones
  through shared word 5-grams (``quote_keys``).
- ``conflicting_numbers`` (``number_findings.py``, ``day_counts.py``): two figures for one quantity
  within a page (caption vs body, police vs organisers), ordinal day counts that imply two starts.
- ``conflicting_numbers`` across sources (``figure_findings.py``): reports of one canonical event
  from different sources whose sizes cannot both be true.
- ``same_text`` (``same_text.py``): one stored text carried by pages under different keys.
- ``copied_text`` and ``republication_cluster`` (``copies.py``): passages shared by articles of
  different sources, found with MinHash LSH.

Every finding links the items involved with their page offsets. Each belongs to a scope (its page,
canonical event, text, quote pair, passage pair, or the clusters), and a redone scope replaces
only its own findings (``state.Stored``).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from importlib import resources
from typing import Any

from ..records import Article, Event, Finding, NumberClaim, Page, Quote
from ..registry import stages
from ..settings import Settings
from . import copies, merge, merge_score, state
from .day_counts import day_count_findings
from .figure_findings import Told, acts_of, aim_figures, figure_findings, story_findings, told
from .number_findings import KIND as NUMBERS
from .number_findings import number_findings
from .quote_findings import KIND as QUOTES
from .quote_findings import MIN_QUOTE_WORDS, norm_statement, quote_findings
from .same_text import KIND as SAME_TEXT
from .same_text import same_text_findings

KINDS = [QUOTES, NUMBERS, SAME_TEXT, copies.KIND, copies.CLUSTER_KIND]
# A page version is the latest of its key (checked per row: only the rows at hand are looked at).
_IS_LATEST = "{t}.version = (SELECT max(q.version) FROM page_rows q WHERE q.key = {t}.key)"


def _in(store: Any, table: str, column: str, values: Sequence[str], extra: str = "") -> list[Any]:
    """Records of ``table`` whose ``column`` is one of ``values`` (``Store.load`` with an Arrow filter)."""
    if not values:
        return []
    from ..store import TABLES, _rebuild

    cols = store._cols[table]
    names = ", ".join(f'"{n}"' for n, _ in cols)
    cur = store.con.cursor()
    cur.register("_vals", state.arrow({"v": list(values)}))
    try:
        src = table
        if table == "pages":
            # The pages view joins every stored text; join only the texts of the rows asked for.
            src = (f"(SELECT r.*, t.text FROM (SELECT * FROM page_rows WHERE {column} IN (SELECT v FROM _vals)) r "
                   "JOIN texts t ON t.content_hash = r.content_hash) pages")
        rows = cur.execute(f"SELECT {names} FROM {src} WHERE {column} IN (SELECT v FROM _vals) {extra}").fetchall()
    finally:
        cur.unregister("_vals")
    out: list[Any] = []
    for row in rows:
        kw = {n: json.loads(v) if t == "JSON" and isinstance(v, str) else v for (n, t), v in zip(cols, row, strict=True)}
        out.append(_rebuild(TABLES[table], kw))
    return out


# The new articles' quotes are compared this many articles at a time (issue 19: a run's quotes held
# at once were ~42 MB at 10k new bench articles); the findings do not depend on it.
QUOTE_CHUNK = 1024


def _spans(store: Any, page_ids: Sequence[str]) -> list[Article]:
    """The articles of ``page_ids`` with their ids, order and windows only (all the day counts and
    the page map need): full records, with parts and captions, were ~30 MB at 10k new articles."""
    if not page_ids:
        return []
    rows = state.query_with(store, "_p", state.arrow({"v": list(page_ids)}),
                            'SELECT id, page_id, seq, start, "end", body_start, body_end FROM articles '
                            "WHERE page_id IN (SELECT v FROM _p)")
    return [Article(**r) for r in rows]


# New pages whose texts, articles and figures are held at once by the within-page findings (issue 19:
# every new page's text and figures, then every carrier page's text and articles, were held at once:
# the findings pass rose ~120 MB over the merge's level at 10k new bench articles, session 25).
PAGE_CHUNK = 1024


def _page_findings(store: Any, page_ids: Sequence[str], out: state.Found) -> tuple[list[str], set[str]]:
    """Within-page findings (figures of one quantity, day counts) of the latest of these page versions,
    handed to ``out``; returns their articles' ids (stored order) and their texts' content hashes."""
    pages: list[Page] = _in(store, "pages", "id", page_ids,
                            "AND " + _IS_LATEST.format(t="pages") + " ORDER BY ingested_at, key")
    if not pages:
        return [], set()
    arts = _spans(store, [p.id for p in pages])
    by_page: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        by_page[a.page_id].append(a)
    page_of = {a.id: a.page_id for a in arts}
    texts = {p.id: p.text for p in pages}
    art_ids = list(page_of)
    numbers: list[NumberClaim] = _in(store, "numbers", "article_id", art_ids)
    # A figure's quote says who gives it.
    qmap = {q.id: q for q in _in(store, "quotes", "id", sorted({n.quote_id for n in numbers if n.quote_id}))}
    nf = number_findings(numbers, page_of, texts, {}, qmap)
    out.add(nf, ["p:" + page_of[f.refs[0].article_id] for f in nf])
    for p in pages:
        dc = day_count_findings([(p.id, p.text, sorted(by_page[p.id], key=lambda a: a.seq))])
        out.add(dc, ["p:" + p.id] * len(dc))
    return art_ids, {p.content_hash for p in pages}


def quote_keys(q: Quote) -> list[str]:
    """A few word 5-grams of the quoted words: fuzzy matches share at least one."""
    words = norm_statement(q.content()).split()
    if len(words) < MIN_QUOTE_WORDS:
        return []
    return [" ".join(words[i : i + 5]) for i in range(0, min(len(words) - 4, 12), 4)]


def _quotes(store: Any, new: Sequence[Quote]) -> tuple[list[Finding], dict[str, str]]:
    keyed = [(k, q.id) for q in new for k in quote_keys(q)]
    if not keyed:
        return [], {}
    t = state.arrow({"key": [k for k, _ in keyed], "quote_id": [i for _, i in keyed]})
    with store.transaction() as con:
        state.execute_with(con, "_qk", t, "INSERT INTO quote_keys SELECT key, quote_id FROM _qk")
    other = [r["quote_id"] for r in state.query_with(
        store, "_qk", t, "WITH c AS (SELECT DISTINCT k.quote_id FROM quote_keys k JOIN _qk n ON n.key = k.key "
                         "WHERE k.quote_id NOT IN (SELECT quote_id FROM _qk)) "
                         "SELECT c.quote_id FROM c JOIN quotes qu ON qu.id = c.quote_id JOIN articles a "
                         "ON a.id = qu.article_id JOIN page_rows p ON p.id = a.page_id WHERE "
                         + _IS_LATEST.format(t="p"))]
    found = quote_findings(list(new) + _in(store, "quotes", "id", other))
    new_ids = {q.id for q in new}
    found = [f for f in found if any(r.item_id in new_ids for r in f.refs)]
    return found, {f.id: "q:" + f.id for f in found}


def _canonical(store: Any, events: Sequence[Event]) -> tuple[list[Finding], dict[str, str]]:
    """Cross-source figures and cross-article number conflicts of the changed canonical events
    (``events``: their reports, read once for this and ``story_pairs``)."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.canonical_id:
            groups[e.canonical_id].append(e)
    groups = {c: es for c, es in groups.items() if len({e.article_id for e in es}) > 1}
    arts = sorted({e.article_id for es in groups.values() for e in es})
    if not arts:
        return [], {}
    rows = state.query_with(
        store, "_a", state.arrow({"id": arts}),
        state.article_texts_sql("_a"))
    src = {r["id"]: r["source"] for r in rows}
    texts = {r["id"]: r["text"] for r in rows}
    nums: dict[str, list[NumberClaim]] = defaultdict(list)
    for n in _in(store, "numbers", "article_id", arts):
        nums[n.article_id].append(n)
    found: list[Finding] = []
    scope: dict[str, str] = {}
    for cid, reps in groups.items():
        for f in figure_findings({cid: reps}, nums, src, texts):
            found.append(f)
            scope[f.id] = "c:" + cid
    return found, scope


def story_pairs(events: Sequence[Event]) -> set[tuple[str, str]]:
    """Article pairs of the changed canonical events (``events``: their reports) that have reports
    from two articles."""
    arts: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.canonical_id:
            arts[e.canonical_id].add(e.article_id)
    return {(a, b) for group in arts.values() for a in group for b in group if a < b}


def _stories(store: Any, pairs: set[tuple[str, str]], near_km: float = merge_score.DEFAULT.near_km
             ) -> tuple[list[Finding], dict[str, str], list[str]]:
    """Figures that two outlets telling one story disagree on (``story_findings``), per article pair."""
    ids = sorted({x for pr in pairs for x in pr})
    if not ids:
        return [], {}, []
    rows = {r["id"]: r for r in state.query_with(
        store, "_a", state.arrow({"id": ids}),
        state.article_texts_sql("_a"))}
    nums: dict[str, list[NumberClaim]] = defaultdict(list)
    for n in _in(store, "numbers", "article_id", ids):
        nums[n.article_id].append(n)
    tolds = _tolds(store, rows, nums)
    # Figures that are sizes of acts their reports keep apart (another city, another day) are not compared.
    events: list[Event] = _in(store, "events", "article_id", ids)
    places = {p.id: p for p in _in(store, "places", "id", sorted({e.place_id for e in events if e.place_id}))}
    acts = acts_of(events, nums, places, near_km)
    by_article: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_article[e.article_id].append(e)
    for i, t in tolds.items():  # figures of aims and capacities are no counts (the events layer's reading)
        t.aims = aim_figures(by_article.get(i, ()), t.numbers, t.text)
    found: list[Finding] = []
    scope: dict[str, str] = {}
    for a, b in sorted(pairs):
        if a in tolds and b in tolds:
            for f in story_findings(tolds[a], tolds[b], f"{a}|{b}", acts):
                found.append(f)
                scope[f.id] = f"s:{a}|{b}"
    return found, scope, [f"s:{a}|{b}" for a, b in pairs]


# Bumped when what ``told`` works out changes shape (rows kept under another format are redone).
_TOLD_FORMAT = "told-3"
# What ``told`` reads besides an article's text and figures: the count lexicon, the number words, and
# the code that applies them. Their bytes enter every row's signature, so an edit to any of them
# (a count noun added, a predicate moved) makes every kept row stale without a re-analysis or a
# hand-bumped ``_TOLD_FORMAT``. The gazetteer's country names enter through its build fingerprint.
_TOLD_INPUTS = ("data/count_nouns.yaml", "data/numbers.yaml", "across/figures.py", "across/figure_findings.py",
                "across/figure_owner.py", "across/figure_place.py", "across/measure.py", "lang/en/function_words.yaml",
                "text/number_words.py")


@functools.lru_cache(maxsize=1)
def told_inputs() -> str:
    """A hash of everything ``told`` reads besides the article (``_TOLD_INPUTS``, the gazetteer's
    fingerprint), read once per process."""
    from ..gazetteer import DEFAULT_MIN_POPULATION
    from ..gazetteer.build import fingerprint

    h = hashlib.sha1(fingerprint(DEFAULT_MIN_POPULATION).encode("utf-8"))
    for name in _TOLD_INPUTS:
        h.update(resources.files("presslens").joinpath(name).read_bytes())
    return h.hexdigest()


def _signature(numbers: Sequence[NumberClaim]) -> str:
    """What an article's figure keys are computed from besides its (fixed) text: its figures, and
    the lexicons and code that read them (``told_inputs``)."""
    raw = "\n".join([_TOLD_FORMAT, told_inputs(), *sorted(repr(n) for n in numbers)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def _tolds(store: Any, rows: dict[str, dict[str, Any]], nums: dict[str, list[NumberClaim]]) -> dict[str, Told]:
    """Each article's figures with what they count (``told``). The keys are worked out once per
    article and kept in ``story_told`` (with the signature of the figures they came from): an
    article in a growing canonical event meets new partners at every run, and working out its
    keys again cost about half of what the findings do per new article."""
    sig = {i: _signature(nums[i]) for i in rows}
    kept = {r["article_id"]: r["keys"] for r in state.query_with(
        store, "_a", state.arrow({"id": list(rows), "sig": [sig[i] for i in rows]}),
        "SELECT t.article_id, t.keys FROM story_told t JOIN _a ON _a.id = t.article_id AND _a.sig = t.sig")}
    out: dict[str, Told] = {}
    todo: list[str] = []
    for i, r in rows.items():
        if i in kept:
            blob = json.loads(kept[i])
            keys = {k: (c, p, frozenset(tm), nat, frozenset(pl), own)
                    for k, (c, p, tm, nat, pl, own) in blob["keys"].items()}
            out[i] = Told(source=r["source"], text=r["text"], numbers=sorted(nums[i], key=lambda n: n.start),
                          keys=keys, several=frozenset(blob["several"]))
        else:
            out[i] = told(r["source"], r["text"], nums[i])
            todo.append(i)
    if todo:
        blobs = [json.dumps({"keys": {k: [c, p, sorted(tm), nat, sorted(pl), own] for k, (c, p, tm, nat, pl, own)
                                      in out[i].keys.items()}, "several": sorted(out[i].several)}) for i in todo]
        with store.transaction() as con:
            state.execute_with(con, "_t", state.arrow({"id": todo, "sig": [sig[i] for i in todo], "keys": blobs}),
                               "INSERT OR REPLACE INTO story_told SELECT id, sig, keys FROM _t")
    return out


def compute(store: Any, params: copies.Params | None = None, knobs: merge_score.Knobs = merge_score.DEFAULT,
            out: state.Found | None = None) -> tuple[list[Finding], dict[str, str], list[str], list[str], list[str]]:
    """(new findings, finding id -> scope, scopes to clear, page versions now done, page versions
    superseded) for what changed since the last run. Each step hands its findings to ``out`` as it
    makes them (``state.Stored`` writes them, so a pass holds one slice, not every finding); the
    first two are what ``out`` held (empty for ``Stored``)."""
    out = out if out is not None else state.Found()
    state.ensure(store)
    unseen = [r["id"] for r in store.rows("SELECT id FROM page_rows WHERE id NOT IN (SELECT page_id FROM across_pages)")]
    # Earlier versions of the keys just updated: their page findings go.
    gone = [r["page_id"] for r in state.query_with(
        store, "_u", state.arrow({"id": unseen}),
        "SELECT d.page_id FROM across_pages d JOIN page_rows p ON p.id = d.page_id WHERE p.key IN "
        "(SELECT key FROM page_rows WHERE id IN (SELECT id FROM _u)) AND NOT " + _IS_LATEST.format(t="p"))
        ] if unseen else []
    out.clear(["p:" + p for p in gone])
    stories: set[tuple[str, str]] = set()
    art_ids: list[str] = []
    hashes: set[str] = set()
    # Within a page: figures of one quantity, day counts, ``PAGE_CHUNK`` new pages (texts, articles,
    # figures) at a time: every finding of this step lies within one page.
    for i in range(0, len(unseen), PAGE_CHUNK):
        chunk_arts, chunk_hashes = _page_findings(store, unseen[i : i + PAGE_CHUNK], out)
        art_ids += chunk_arts
        hashes |= chunk_hashes
    if art_ids or hashes:
        # Quotes a chunk of articles at a time: a chunk meets the earlier chunks' quotes as stored
        # ones (their keys are in ``quote_keys``), so each pair is found once, as in one call.
        for i in range(0, len(art_ids), QUOTE_CHUNK):
            qf, qs = _quotes(store, _in(store, "quotes", "article_id", art_ids[i : i + QUOTE_CHUNK]))
            out.add(qf, [qs[f.id] for f in qf])
            del qf, qs
        # Texts carried by several pages: every page over the new pages' texts that two keys carry
        # (a text under one key yields no finding, ``same_text_findings``).
        shared = [r["content_hash"] for r in state.query_with(
            store, "_h", state.arrow({"h": sorted(hashes)}),
            "SELECT content_hash FROM page_rows WHERE content_hash IN (SELECT h FROM _h) AND "
            + _IS_LATEST.format(t="page_rows") + " GROUP BY content_hash HAVING count(DISTINCT key) > 1")]
        carriers: list[Page] = _in(store, "pages", "content_hash", sorted(shared),
                                   "AND " + _IS_LATEST.format(t="pages") + " ORDER BY ingested_at, key")
        carrier_arts: dict[str, list[Article]] = defaultdict(list)
        for a in _in(store, "articles", "page_id", [p.id for p in carriers]):
            carrier_arts[a.page_id].append(a)
        st = same_text_findings(carriers, carrier_arts)
        del carriers, carrier_arts
        out.clear(["t:" + f.id for f in st if f.kind == SAME_TEXT])
        out.add(st, ["t:" + f.id for f in st])

        def copied(cf: list[Finding]) -> None:
            stories.update((min(a, b), max(a, b)) for a, b in ((f.refs[0].article_id, f.refs[1].article_id) for f in cf))
            out.add(cf, ["x:" + f.id for f in cf])

        state.shed(store)  # the copy step starts from what the page and quote steps read (issue 19)
        clusters, old_clusters = copies.stream(store, art_ids, params or copies.Params(), copied)
        out.clear(["k:" + c for c in old_clusters])
        out.add(clusters, ["k:" + f.id for f in clusters])
    # What the copy step read (DuckDB's pool of band rows, the pairs and spans it freed) goes before
    # the copied articles' reports are loaded: a 10k run's peak was this step on top of it (issue 19).
    state.shed(store)
    # Articles sharing a copied passage tell one story: their reports are merged again with that point.
    merge.join_copied(store, sorted(stories), knobs)
    state.shed(store)  # and the changed events' figures and the story pairs start from neither
    dirty = [r["canonical_id"] for r in store.rows("SELECT canonical_id FROM merge_dirty")]
    out.clear(["c:" + c for c in dirty])
    if dirty:
        # The changed events' reports are read once for both steps (each read scans the events table).
        changed: list[Event] = _in(store, "events", "canonical_id", dirty)
        ff, fs = _canonical(store, changed)
        out.add(ff, [fs[f.id] for f in ff])
        stories |= story_pairs(changed)
        del changed
    # Pairs met by their words alone (``story_link``) are compared only when both articles are dated:
    # the link's day window passes an undated page, and two releases years apart share a minister's
    # title and their province's names; a false "sources disagree" accuses two outlets. Pairs that share
    # a canonical event or a copied passage (above) stay.
    stories |= {(r["a"], r["b"]) for r in store.rows(
        "SELECT s.a, s.b FROM story_pairs s JOIN articles x ON x.id = s.a JOIN articles y ON y.id = s.b "
        "WHERE x.published IS NOT NULL AND y.published IS NOT NULL")}
    # A pair's figures depend on its two articles only: pairs compared before are not compared again
    # (their findings stay; a re-analysed page's pairs are forgotten, ``state.forget``).
    if stories:
        done = {(r["a"], r["b"]) for r in state.query_with(
            store, "_p", state.arrow({"a": [a for a, _ in stories], "b": [b for _, b in stories]}),
            "SELECT d.a, d.b FROM story_done d JOIN _p ON _p.a = d.a AND _p.b = d.b")}
        stories -= done
    # One call: the pairs a chunk of articles at a time cost +64 CPU-s at 10k new bench articles (each
    # chunk reloads its articles and clears its scopes, a scan of finding_scope) and did not lower the
    # peak, which this step does not set (issue 19, session 22).
    sf, ss, sc = _stories(store, stories, knobs.near_km)
    out.clear(sc)
    out.add(sf, [ss[f.id] for f in sf])
    out.close()
    return out.found, out.scope, out.cleared, unseen, gone


@stages.register("post:findings")
@state.stage_threads
def findings_post(store: Any, settings: Settings) -> dict[str, int]:
    cfg = (settings or {}).get("across", {})
    params = copies.Params(min_words=int(cfg.get("copy_min_words", 8)), unit_words=int(cfg.get("copy_unit_words", 6)))
    out = state.Stored(store)
    _, _, clear, done, gone = compute(store, params, merge_score.Knobs.of(settings), out)
    with store.transaction() as con:
        state.execute_with(con, "_d", state.arrow({"id": done}), "INSERT OR IGNORE INTO across_pages SELECT id FROM _d")
        state.execute_with(con, "_d", state.arrow({"id": gone}), "DELETE FROM across_pages WHERE page_id IN "
                                                                  "(SELECT id FROM _d)")
        con.execute("DELETE FROM merge_dirty")
        con.execute("DELETE FROM story_pairs")  # pending pairs only: done once compared
        pairs = [c[2:].split("|") for c in clear if c.startswith("s:")]
        state.execute_with(con, "_s", state.arrow({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}),
                           "INSERT OR IGNORE INTO story_done SELECT a, b FROM _s")
    return dict(out.counts)


findings_post.prepare = copies.prepare  # type: ignore[attr-defined]  # pipeline.prepare_post
