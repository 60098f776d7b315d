"""``copied_text``: passages of at least ``min_words`` words shared by articles of different sources,
each finding with both spans (offsets into each page's stored text), the earliest publisher first;
``republication_cluster``: articles joined by copied passages, one finding per group, earliest first.

Finding candidates is MinHash LSH (datasketch): each article is cut into sentences of at least
``unit_words`` words (the unit wire copy is taken in, so a copied passage gives the same units in
both articles whatever comes before it); each sentence's MinHash over word pairs is cut into
``bands`` band keys stored in ``copy_bands``. A new
article meets stored articles only through shared band keys (a DuckDB join), never by comparing
every pair. Candidates are then aligned word by word (runs of equal words in any order) and a passage is
reported where both texts share ``min_words`` words, small edits (up to ``max_gap`` words) bridged. Pages
over one stored text are ``same_text`` findings, not copies. Incremental: articles in ``copy_done``
are not cut again.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..records import Finding, FindingRef, stable_id
from . import state
from .copied_parts import UnionFind

KIND = "copied_text"
CLUSTER_KIND = "republication_cluster"
WORD = re.compile(r"\w+", re.UNICODE)
_SENT_END = re.compile(r"[.!?]|\n")


@dataclass(slots=True, frozen=True)
class Params:
    min_words: int = 8
    unit_words: int = 6
    num_perm: int = 16
    bands: int = 4
    max_gap: int = 3
    # A band key shared by more articles than this is boilerplate or a template ("All rights
    # reserved", "Organisers said N people took part"): it stops proposing candidates.
    max_bucket: int = 20


@dataclass(slots=True)
class Doc:
    article_id: str
    source: str
    content_hash: str
    published: str | None
    order: int  # stored order, breaks ties of publication date
    text: str  # the page text
    words: list[str]
    spans: list[tuple[int, int]]  # page offsets of each word


def make_doc(row: dict[str, Any]) -> Doc:
    text = row["text"]
    words, spans = [], []
    for m in WORD.finditer(text, row["start"], row["end"]):
        words.append(m.group().lower())
        spans.append((m.start(), m.end()))
    return Doc(article_id=row["article_id"], source=row["source"] or row["key"], content_hash=row["content_hash"],
               published=row["published"], order=int(row.get("order") or 0), text=text, words=words, spans=spans)


def units(doc: Doc, p: Params) -> list[list[str]]:
    """The article's sentences of at least ``unit_words`` words, as word lists: the unit a wire
    report is copied in (a copied passage holds at least one whole sentence of the other text)."""
    out, cur = [], []
    for i, w in enumerate(doc.words):
        cur.append(w)
        nxt = doc.spans[i + 1][0] if i + 1 < len(doc.spans) else len(doc.text)
        if _SENT_END.search(doc.text, doc.spans[i][1], nxt) or i + 1 == len(doc.words):
            if len(cur) >= p.unit_words:
                out.append(cur)
            cur = []
    return out


def prepare() -> None:
    """Import datasketch ahead of the copy step (``post:findings``'s ``prepare``): an ingest calls
    it while its workers analyse (``pipeline.prepare_post``), off the serial path after them."""
    import datasketch  # noqa: F401


def band_keys(doc: Doc, p: Params) -> list[int]:
    """LSH band keys of the article's sentences (MinHash over word pairs)."""
    shingled = [[(u[j] + " " + u[j + 1]).encode("utf-8") for j in range(len(u) - 1)] for u in units(doc, p)]
    if not shingled:
        return []
    # imported here: datasketch pulls in scipy (~0.4 CPU-s), and only the store-wide copy step needs it,
    # never a parsing worker (docs/performance.md, session 19 start-up)
    from datasketch import MinHash

    rows = p.num_perm // p.bands
    out = set()
    for mh in MinHash.bulk(shingled, num_perm=p.num_perm, seed=7):
        hv = mh.hashvalues
        for b in range(p.bands):
            key = hashlib.blake2b(bytes([b]) + hv[b * rows : (b + 1) * rows].tobytes(), digest_size=8).digest()
            out.add(int.from_bytes(key, "little") >> 1)  # BIGINT-safe
    return sorted(out)


def runs(a: list[str], b: list[str], k: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of at least ``k`` equal words of ``a`` and ``b`` in any order (a copied sentence
    may move), as (a start, a end, b start, b end) in word indexes, by a's start."""
    if len(a) < k or len(b) < k:
        return []
    at: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - k + 1):
        at[tuple(b[j : j + k])].append(j)
    out = []
    for i in range(len(a) - k + 1):
        for j in at.get(tuple(a[i : i + k]), ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run that began earlier
            n = k
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            out.append((i, i + n, j, j + n))
    return out


def _ends(d: Doc) -> list[bool]:
    """For each word, whether a sentence ends right after it (before the next word)."""
    out = []
    for i, (_, e) in enumerate(d.spans):
        nxt = d.spans[i + 1][0] if i + 1 < len(d.spans) else len(d.text)
        out.append(bool(_SENT_END.search(d.text, e, nxt)) or i + 1 == len(d.spans))
    return out


def _bridges(ends: list[bool], last: int, first: int) -> bool:
    """An edit between word ``last`` (end of one run) and ``first`` (start of the next) lies within
    one sentence: a copied passage is a sentence or clause kept with light edits, so two runs that
    an edit separates across a sentence end are two passages (a sentence edited at its end, then
    the next copied)."""
    return not any(ends[last - 1 : first])


def _tail(a: Doc, b: Doc, ea: list[bool], eb: list[bool], m: list[int], p: Params) -> None:
    """Extend passage ``m`` over an edit of up to ``max_gap`` words by a shorter equal run (2 or 3
    words) that ends its sentence in both texts: the sentence's last words after a changed one
    ("... who have pledged 12 million." / "..., which has pledged 12 million.")."""
    a1, b1 = m[1], m[3]
    if ea[a1 - 1] or eb[b1 - 1]:
        return  # the passage already ends its sentence
    for ga in range(p.max_gap + 1):
        for gb in range(p.max_gap + 1):
            i, j = a1 + ga, b1 + gb
            if (ga or gb) and _bridges(ea, a1, i) and _bridges(eb, b1, j):
                n = 0
                while i + n < len(a.words) and j + n < len(b.words) and a.words[i + n] == b.words[j + n] \
                        and not (ea[i + n] or eb[j + n]):
                    n += 1
                if 2 <= n + 1 < 4 and i + n < len(a.words) and j + n < len(b.words) \
                        and a.words[i + n] == b.words[j + n] and ea[i + n] and eb[j + n]:
                    m[1], m[3], m[4] = i + n + 1, j + n + 1, m[4] + n + 1
                    return


def passages(a: Doc, b: Doc, p: Params) -> list[tuple[int, int, int, int]]:
    """Shared passages of at least ``min_words`` matching words as (a first word, a end, b first
    word, b end): runs of 4+ equal words, joined when a small edit (up to ``max_gap`` words on each
    side, within one sentence of each text: ``_bridges``) separates two runs that continue each
    other; a passage edited near its sentence's end keeps the sentence's last equal words (``_tail``)."""
    ea, eb = _ends(a), _ends(b)
    merged: list[list[int]] = []  # a0, a1, b0, b1, matched words
    for a0, a1, b0, b1 in runs(a.words, b.words, 4):
        last = merged[-1] if merged else None
        if last and 0 <= a0 - last[1] <= p.max_gap and 0 <= b0 - last[3] <= p.max_gap \
                and _bridges(ea, last[1], a0) and _bridges(eb, last[3], b0):
            last[1], last[3], last[4] = a1, b1, last[4] + a1 - a0
        else:
            merged.append([a0, a1, b0, b1, a1 - a0])
    for m in merged:
        _tail(a, b, ea, eb, m, p)
    # Words already inside a longer passage on either side are not a copy of their own (a phrase
    # repeated elsewhere in one of the texts meets the copied sentence twice).
    kept: list[tuple[int, int, int, int]] = []
    for m in sorted((m for m in merged if m[4] >= p.min_words), key=lambda m: m[0] - m[1]):
        if not any(k[0] <= m[0] and m[1] <= k[1] or k[2] <= m[2] and m[3] <= k[3] for k in kept):
            kept.append((m[0], m[1], m[2], m[3]))
    return sorted(kept)


def _first(d: Doc) -> tuple[bool, str, int]:
    return (d.published is None, d.published or "", d.order)


def copy_findings(a: Doc, b: Doc, p: Params) -> list[Finding]:
    if a.source == b.source or a.content_hash == b.content_hash:
        return []
    out = []
    for a0, a1, b0, b1 in passages(a, b, p):
        spans = [(a, a0, a1), (b, b0, b1)]
        spans.sort(key=lambda x: _first(x[0]))
        refs = []
        for d, w0, w1 in spans:
            s, e = d.spans[w0][0], d.spans[w1 - 1][1]
            refs.append(FindingRef(article_id=d.article_id, start=s, end=e, text=d.text[s:e]))
        (e_doc, *_), (l_doc, *_) = spans
        when = f", published {e_doc.published}" if e_doc.published else ""
        detail = (f"{a1 - a0} words shared by {e_doc.source} (earliest{when}) and {l_doc.source}"
                  + (f" (published {l_doc.published})" if l_doc.published else ""))
        out.append(Finding(id=stable_id(KIND, refs[0].article_id, refs[0].start, refs[1].article_id, refs[1].start),
                           kind=KIND, detail=detail, refs=refs))
    return out


# The articles asked for, their page rows, then only their texts (the pages view would join every text).
_DOC_SQL = """SELECT a.id AS article_id, a.start, a."end", a.published, p.source, p.key, p.content_hash,
  t.text, p.ingested_at AS "order_ts" FROM (SELECT * FROM articles WHERE id IN (SELECT id FROM _ids)) a
  JOIN page_rows p ON p.id = a.page_id JOIN texts t ON t.content_hash = p.content_hash"""


def _docs(store: Any, ids: Sequence[str]) -> dict[str, Doc]:
    rows = state.query_with(store, "_ids", state.arrow({"id": list(ids)}), _DOC_SQL)
    for r in rows:
        r["order"] = int(r["order_ts"].timestamp() * 1e6) if r["order_ts"] is not None else 0
    return {r["article_id"]: make_doc(r) for r in rows}


# Articles whose words and word spans are held at once (a ``Doc`` takes ~58 KB for a 300-word
# article): the new articles are cut into band keys, and the candidate pairs aligned, this many
# articles at a time, so the step's memory stays bounded however many articles a run brings (issue
# 19: all held at once, +173 MB at 3k new articles; 1,024 at once still grew the copy step ~80 MB
# over its start at 10k new bench articles, session 25). A chunk of pairs reloads the articles it
# shares with no earlier chunk, so a smaller one costs CPU where an article has copies in many
# chunks (the old recombined bench corpus, every paragraph reused 3n / 1,507 times: 3.7x the loads
# at 1,024, 7.5x at 256, session 23); wire copy shared by a few outlets stays within one chunk. The
# output does not depend on it (tests/test_copies_chunks.py).
CHUNK = 256
# Cutting band keys reads each new article once, so its chunk costs no reloads (~15 MB); its band
# rows are stored chunk by chunk (``_store_bands``).
CUT_CHUNK = 256


def _chunks(ids: Sequence[str], size: int) -> list[Sequence[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _pair_chunks(pairs: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    """Consecutive runs of ``pairs`` that name at most ``size`` articles (or one pair)."""
    part: list[tuple[str, str]] = []
    need: set[str] = set()
    for a, b in pairs:
        if part and len(need | {a, b}) > size:
            yield part
            part, need = [], set()
        part.append((a, b))
        need |= {a, b}
    if part:
        yield part


def _pairs(store: Any, cut: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Candidate pairs (a < b) of the articles ``cut`` (their band rows as just stored in
    ``copy_bands``: the new articles' rows less the common bands) and every stored article, streamed
    from DuckDB (a run with many copies meets millions: not held in Python at once). The band rows
    are read back from the store rather than kept in Python through the pass (~60 band rows an
    article: ~80 MB at 10k new articles, issue 19). One query per ``CHUNK`` articles of ``cut``, each
    sorted: the join's hash table holds one slice's band rows, not the run's (one query over 10k new
    bench articles grew the process by ~60 MB more than slices of 1,024, session 25). A pair of two
    new articles comes from the slice of the first of them in ``cut`` only (the later slice skips
    partners of earlier slices), so every pair comes once, as from one query."""
    cur = store.con.cursor()
    cur.register("_cut", state.arrow({"id": list(cut), "k": [i // CHUNK for i in range(len(cut))]},
                                     {"k": pa.int64()}))
    try:
        for k in range((len(cut) + CHUNK - 1) // CHUNK):
            cur.execute(f"""
                SELECT DISTINCT least(n.article_id, o.article_id) AS a, greatest(n.article_id, o.article_id) AS b
                FROM (SELECT * FROM copy_bands WHERE article_id IN (SELECT id FROM _cut WHERE k = {k})) n
                JOIN copy_bands o ON o.band = n.band
                WHERE o.article_id <> n.article_id AND o.source <> n.source AND o.content_hash <> n.content_hash
                  AND n.band NOT IN (SELECT band FROM copy_common)
                  AND o.article_id NOT IN (SELECT id FROM _cut WHERE k < {k}) ORDER BY a, b""")
            while rows := cur.fetchmany(8192):
                yield from rows
    finally:
        cur.unregister("_cut")
        cur.close()


def _store_bands(store: Any, new_articles: Sequence[str], p: Params) -> list[str]:
    """Cut the new articles' band keys (band, article_id, source, content_hash) and store them,
    ``CUT_CHUNK`` articles at a time (all of a run's rows, ~60 an article, were one Arrow table: ~75 MB
    at 10k new articles, issue 19); returns the articles cut. A bucket that grows past ``max_bucket``
    becomes common: no more members, no more candidates. Chunks leave the rows one write of every
    chunk leaves: a bucket's count is cumulative, so it turns common at the chunk where the whole
    run's count would pass the bound, and that bucket's rows stored by the run's earlier chunks go
    (the one write never stored them; rows of earlier runs stay in both)."""
    cut: list[str] = []
    for ids_ in _chunks(new_articles, min(CHUNK, CUT_CHUNK)):
        docs = _docs(store, ids_)
        bands = {i: band_keys(d, p) for i, d in docs.items()}
        ids = [i for i, ks in bands.items() for _ in ks]
        t = pa.table({"band": pa.array([k for ks in bands.values() for k in ks], type=pa.int64()),
                      "article_id": pa.array(ids, type=pa.string()),
                      "source": pa.array([docs[i].source for i in ids], type=pa.string()),
                      "content_hash": pa.array([docs[i].content_hash for i in ids], type=pa.string())})
        arts = list(docs)
        del docs, bands  # one chunk's words and spans at a time, not two
        common = [r["band"] for r in state.query_with(store, "_b", t, f"""
            SELECT band FROM (
              SELECT band, count(*) AS n FROM (SELECT band FROM copy_bands WHERE band IN (SELECT band FROM _b)
                                              UNION ALL SELECT band FROM _b) GROUP BY band)
            WHERE n > {int(p.max_bucket)} AND band NOT IN (SELECT band FROM copy_common)""")]
        with store.transaction() as con:
            if common:
                state.execute_with(con, "_c", state.arrow({"band": common}, {"band": pa.int64()}),
                                   "INSERT OR IGNORE INTO copy_common SELECT band FROM _c")
            if common and cut:
                con.register("_r", state.arrow({"id": cut}))
                try:
                    state.execute_with(con, "_c", state.arrow({"band": common}, {"band": pa.int64()}),
                                       "DELETE FROM copy_bands WHERE band IN (SELECT band FROM _c) "
                                       "AND article_id IN (SELECT id FROM _r)")
                finally:
                    con.unregister("_r")
            state.execute_with(con, "_b", t, "INSERT INTO copy_bands SELECT band, article_id, source, content_hash "
                                             "FROM _b WHERE band NOT IN (SELECT band FROM copy_common)")
            state.execute_with(con, "_b", state.arrow({"id": arts}), "INSERT OR IGNORE INTO copy_done SELECT id FROM _b")
        cut += arts
    return cut


def run(store: Any, new_articles: Sequence[str], p: Params) -> tuple[list[Finding], list[Finding], list[str]]:
    """Copied passages between the new articles and every stored one; the republication clusters
    they touch. Returns (copied_text findings, cluster findings, cluster ids they replace)."""
    found: list[Finding] = []
    cl, cleared = stream(store, new_articles, p, found.extend)
    return found, cl, cleared


def stream(store: Any, new_articles: Sequence[str], p: Params, emit: Callable[[list[Finding]], None]
           ) -> tuple[list[Finding], list[str]]:
    """``run`` that hands the copied passages to ``emit`` a chunk of pairs at a time, in the order
    ``run`` returns them, instead of holding them all (at 10k new bench articles, 360,972 of them:
    issue 19); returns (cluster findings, cluster ids they replace)."""
    if not new_articles:
        return [], []
    cut = _store_bands(store, new_articles, p)
    touched: set[str] = set()
    docs: dict[str, Doc] = {}
    for part in _pair_chunks(_pairs(store, cut), CHUNK):  # in order: the findings come out as from one pass
        need = {x for pr in part for x in pr}
        docs = {i: d for i, d in docs.items() if i in need}  # the articles the next pairs share stay
        docs.update(_docs(store, sorted(need - set(docs))))
        found: list[Finding] = []
        for a, b in part:
            if a in docs and b in docs:
                found += copy_findings(docs[a], docs[b], p)
        if not found:
            continue
        with store.transaction() as con:
            state.execute_with(con, "_p", state.arrow({
                "a": [f.refs[0].article_id for f in found], "b": [f.refs[1].article_id for f in found],
                "a_start": [f.refs[0].start for f in found], "a_end": [f.refs[0].end for f in found]},
                {"a_start": pa.int64(), "a_end": pa.int64()}),
                "INSERT INTO copy_pairs SELECT a, b, a_start, a_end FROM _p")
        touched |= {r.article_id for f in found for r in f.refs}
        emit(found)
    if not touched:
        return [], []
    return clusters(store, touched, docs)


def clusters(store: Any, touched: set[str], docs: dict[str, Doc]) -> tuple[list[Finding], list[str]]:
    """Republication clusters containing the ``touched`` articles, rebuilt from their stored copy
    pairs (the work grows with those clusters, not with the store); returns (findings, ids of the
    earlier cluster findings they replace)."""
    old = {r["article_id"]: r["cluster_id"] for r in state.query_with(
        store, "_t", state.arrow({"id": sorted(touched)}),
        "SELECT article_id, cluster_id FROM copy_clusters WHERE article_id IN (SELECT id FROM _t)")}
    members = set(touched) | {r["article_id"] for r in state.query_with(
        store, "_c", state.arrow({"c": sorted(set(old.values()))}),
        "SELECT article_id FROM copy_clusters WHERE cluster_id IN (SELECT c FROM _c)")}
    # Sorted as one run stores them (pairs by their ids, then passages): an article's span in its
    # cluster is its first pair's, which read in the table's physical order depended on how the run's
    # pairs were sliced into writes (session 25).
    edges = state.query_with(store, "_m", state.arrow({"id": sorted(members)}),
                             "SELECT a, b, a_start, a_end FROM copy_pairs WHERE a IN (SELECT id FROM _m) "
                             "OR b IN (SELECT id FROM _m) ORDER BY least(a, b), greatest(a, b), a_start")
    uf = UnionFind()

    span: dict[str, tuple[int, int]] = {}
    for e in edges:
        uf.union(e["a"], e["b"])
        span.setdefault(e["a"], (int(e["a_start"]), int(e["a_end"])))
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(uf.parent):
        groups[uf.find(x)].append(x)
    meta = {r["id"]: r for r in state.query_with(
        store, "_m", state.arrow({"id": sorted(uf.parent)}),
        "SELECT a.id, coalesce(p.source, p.key) AS source, a.published, a.start, a.\"end\", "
        "epoch_us(p.ingested_at) AS \"order\" FROM articles a JOIN page_rows p ON p.id = a.page_id "
        "WHERE a.id IN (SELECT id FROM _m)")}
    texts = {r["id"]: r["text"] for r in state.query_with(
        store, "_m", state.arrow({"id": sorted(uf.parent)}),
        state.article_texts_sql("_m"))
        if r["id"] not in docs}
    out, rows_id, rows_cid = [], [], []
    for members_ in groups.values():
        g = sorted((x for x in members_ if x in meta), key=lambda x: (meta[x]["published"] is None,
                                                              meta[x]["published"] or "", meta[x]["order"] or 0, x))
        cid = min([old[x] for x in g if x in old] or ["k" + stable_id(CLUSTER_KIND, g[0], length=15)])
        rows_id += g
        rows_cid += [cid] * len(g)
        if len(g) < 3:
            continue
        refs = []
        for x in g:
            s0, e0 = span.get(x) or (int(meta[x]["start"]), int(meta[x]["end"]))
            text = docs[x].text if x in docs else texts[x]
            refs.append(FindingRef(article_id=x, start=s0, end=e0, text=text[s0:e0]))
        first = meta[g[0]]
        detail = (f"{len(g)} articles share copied passages; earliest {first['source']}"
                  + (f" ({first['published']})" if first["published"] else "") + ", then "
                  + ", ".join(meta[x]["source"] for x in g[1:]))
        out.append(Finding(id=stable_id(CLUSTER_KIND, cid), kind=CLUSTER_KIND, detail=detail, refs=refs))
    with store.transaction() as con:
        state.execute_with(con, "_k", state.arrow({"a": rows_id, "c": rows_cid}),
                           "INSERT OR REPLACE INTO copy_clusters SELECT a, c FROM _k")
    return out, sorted({stable_id(CLUSTER_KIND, c) for c in old.values()})
