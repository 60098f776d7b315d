"""Synthetic stores of any size cloned from a small real ingest (issue 16's scale benchmarks).

    .venv/bin/python bench/synth.py --articles 100000 --db /tmp/bench-stores/s100k.duckdb [--no-post]

A 100k-article store cannot be built by running the NLP layers on a 2-core machine in an hour, so
the real pipeline runs once over a small set of real pages (the across dev set,
``eval/dev/across/pages``: 47 pages, 12 stories told by several outlets each) into a template
store, and the big store is written from **clones** of those analysed pages through the store's
own write path (``Store.write_pages``, the statement ingest uses). Clone ``c`` of a page:

- has a new key (``<key>#c<c>``), so new page, article and item ids (every id that embeds the page
  id is rewritten); cross-source merge ids are cleared (the merge sets them again);
- changed **names and words**: every word's letters after the first are shifted in the alphabet
  by an amount drawn from (``c``, the word) (same length, so every offset stays right and
  ``page.text[start:end] == item.text``): the outlets of one story in one copy still share their
  copied passages, two copies of a page share none, as two real stories do not;
- changed **figures**: digits 1-9 inside number claims are permuted by a permutation chosen by
  ``c`` (the claim's low/high and an event's size are mapped the same way), so a story's outlets
  that agreed still agree and those that disagreed still disagree;
- changed **dates**: publication dates, resolved date values and event dates move ``c`` days
  later (the date words in the text are left as written: nothing re-resolves them);
- the same outlets (sources) and actor ids: an archive names the same actors over and over.

Clones are written in batches of ``--batch`` articles (500, as a long ingest commits), each batch
followed by the store-wide stages ``merge`` and ``findings`` (``--no-post`` skips them, to build a
store for read benchmarks quickly); their CPU time per batch is printed. The store's articles
therefore span ``n / 47`` days, about 47 reports a day, as an archive grows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import time
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from presslens import registry
from presslens.pipeline import ingest
from presslens.records import Analysis, Page, stable_id
from presslens.settings import load_settings
from presslens.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "eval" / "dev" / "across" / "pages"
TEMPLATE = Path("/tmp/bench-stores/template.duckdb")
WORD = re.compile(r"[A-Za-z]+")
MEMORY_LIMIT = "2GB"  # DuckDB's cap while building (the machine is shared)
ITEMS = ("mentions", "places", "dates", "quotes", "numbers", "events")


def template(path: Path = TEMPLATE) -> tuple[list[tuple[Page, list[Analysis]]], list[Any]]:
    """The analysed real pages (ingested once with the real pipeline) and their actors."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with Store(path) as store:
            ingest([PAGES], store, settings=load_settings())
    with Store(path, read_only=True) as store:
        pages = store.latest_pages()
        return [(p, store.analyses(p)) for p in pages], list(store.load("actors"))


# An ISO day, month or year (not part of a longer number): dates of every precision move with the copy.
ISO_DATE = re.compile(r"(?<![\d-])(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")


def _shift_day(s: str | None, days: int) -> str | None:
    """``s`` with its ISO dates ``days`` later: a day moves by the days, a month or a year to the
    one holding its middle day moved so (a copy's "December 2008" is as far from the copy's
    publication day as the template's: without it every copy's month- and year-dated reports met
    in one block, a store of ever-growing blocks no archive has)."""
    if not s or not days:
        return s

    def one(m: re.Match[str]) -> str:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            if d:
                return (date(int(y), int(mo), int(d)) + timedelta(days=days)).isoformat()
            if mo:
                return (date(int(y), int(mo), 15) + timedelta(days=days)).isoformat()[:7]
            return str((date(int(y), 7, 1) + timedelta(days=days)).year)
        except (ValueError, OverflowError):
            return m.group(0)

    return ISO_DATE.sub(one, s)


def _shift_letters(word: str, k: int) -> str:
    out = [word[0]]
    for ch in word[1:]:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def _map_digits(s: str, perm: dict[str, str]) -> str:
    return "".join(perm.get(ch, ch) for ch in s)


def _map_number(v: Any, perm: dict[str, str]) -> Any:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return v
    if isinstance(v, float) and not v.is_integer():
        return v
    return type(v)(int(_map_digits(str(int(v)), perm)))


def _retext(obj: Any, text: str) -> None:
    """Every ``x_start``/``x_end`` pair's ``x_text`` (and ``start``/``end``'s ``text``) re-read
    from the changed page text, so provenance holds in the clone."""
    for f in dataclasses.fields(obj):
        if f.name.endswith("end") and f.name != "end":
            continue
        if f.name == "start":
            s, e, t = "start", "end", "text"
        elif f.name.endswith("_start"):
            p = f.name[: -len("_start")]
            s, e, t = f.name, p + "_end", p + "_text"
        else:
            continue
        a, b = getattr(obj, s, None), getattr(obj, e, None)
        if isinstance(a, int) and isinstance(b, int) and hasattr(obj, t):
            setattr(obj, t, text[a:b])


# Fields holding an item id (hashes that do not embed the page id): rewritten per clone, the same
# way in the item and in every reference to it. Actor ids are kept (an archive's actors recur).
ITEM_REFS = ("id", "place_id", "quote_id", "event_id")


def _reid(obj: Any, old: str, new: str) -> None:
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if not isinstance(v, str):
            continue
        if old in v and (f.name == "id" or f.name.endswith("_id")):
            setattr(obj, f.name, v.replace(old, new))
        elif f.name in ITEM_REFS:
            setattr(obj, f.name, stable_id("clone", v, new))


# Clones aligned (``--aligned``): each story's dates move so that every copy is one archive day.
ALIGN = False


def story_offsets(tpl: list[tuple[Page, list[Analysis]]]) -> dict[str, int]:
    """Days that move each template story (its pages' folder) to the latest story's first
    publication day: aligned, copy ``c`` is one archive day carrying every story, so the reports
    dated on any one day stay as many whatever the store's size, as in an archive filled at a steady
    rate. Unaligned, a 2005 story's copy and a 2017 story's lie 12 years apart: a 1k store spans
    12 years thinly and every new copy makes its days denser (session 21: candidate pairs per new
    report 27 at 1k, 45 at 10k, 56 at 20k), a growth of the generator, not of an archive."""
    first: dict[str, date] = {}
    story = {p.key: Path(p.path or p.key).parent.name for p, _ in tpl}
    for p, _ in tpl:
        if p.published and ISO_DATE.match(p.published[:10]) and len(p.published) >= 10:
            d = date.fromisoformat(p.published[:10])
            first[story[p.key]] = min(first.get(story[p.key], d), d)
    if not first:
        return {}
    base = max(first.values())
    return {p.key: (base - first[story[p.key]]).days for p, _ in tpl if story[p.key] in first}


def clone(page: Page, analyses: list[Analysis], c: int, days: int | None = None) -> tuple[Page, list[Analysis]]:
    """Clone ``c`` of an analysed page (see the module docstring), its dates ``days`` later (``c``)."""
    days = c if days is None else days
    rng = random.Random(c)
    digits = list("123456789")
    rng.shuffle(digits)
    perm = dict(zip("123456789", digits, strict=True))
    # Every word's letters after the first are shifted by an amount drawn from (copy, word): the
    # outlets of one story in one copy still share their copied passages word for word, while two
    # copies of a page share no passage (25^-8 odds for eight words), as two stories do not.
    words = WORD.sub(lambda w: _shift_letters(w.group(0), zlib.crc32(f"{c}:{w.group(0)}".encode()) % 25 + 1),
                     page.text)
    chars = list(words)
    for a in analyses:
        for n in a.numbers:
            chars[n.start:n.end] = list(_map_digits(page.text[n.start:n.end], perm))
    text = "".join(chars)
    new = dataclasses.replace(page, key=f"{page.key}#c{c}", text=text, content_hash="",
                              url=f"{page.url}#c{c}" if page.url else None,
                              published=_shift_day(page.published, days), meta=dict(page.meta), tags=list(page.tags))
    new.__post_init__()
    old_id, new_id = page.id, new.id
    out = []
    for a in analyses:
        art = dataclasses.replace(a.article, parts=[dataclasses.replace(p) for p in a.article.parts],
                                  published=_shift_day(a.article.published, days),
                                  url=new.url if a.article.url else None)
        _reid(art, old_id, new_id)
        for p in art.parts:
            _retext(p, text)
        b = Analysis(article=art, page_text=text)
        for attr in ITEMS:
            items = []
            for x in getattr(a, attr):
                y = dataclasses.replace(x)
                _reid(y, old_id, new_id)
                _retext(y, text)
                items.append(y)
            setattr(b, attr, items)
        for d in b.dates:
            d.value = _shift_day(d.value, days)
        for n in b.numbers:
            n.low, n.high = _map_number(n.low, perm), _map_number(n.high, perm)
        for e in b.events:
            e.date = _shift_day(e.date, days)
            e.canonical_id = None
            e.size = {q: [_map_number(v, perm) for v in vs] if isinstance(vs, list) else vs
                      for q, vs in (e.size or {}).items()}
        out.append(b)
    return new, out


def clones(tpl: list[tuple[Page, list[Analysis]]], n: int, first: int = 0,
           align: bool | None = None) -> Iterator[tuple[Page, list[Analysis]]]:
    """Clones of the template pages, copy after copy, until ``n`` articles (copy ``first`` on);
    ``align`` (default ``ALIGN``): each story moved by ``story_offsets`` too."""
    off = story_offsets(tpl) if (ALIGN if align is None else align) else {}
    made, c = 0, first
    while made < n:
        for page, analyses in tpl:
            if made >= n:
                return
            if not analyses:
                continue
            yield clone(page, analyses, c, c + off.get(page.key, 0))
            made += len(analyses)
        c += 1


def post(store: Store, settings: Any) -> dict[str, float]:
    """The across stages after a batch, as ingest runs them; CPU-s each (``name_variants`` is the
    actors layer's and is not part of issue 16's merge+findings figure)."""
    out = {}
    for name in ("merge", "findings"):
        stage = registry.stages.get(f"post:{name}")  # the first look-up imports every stage: not timed
        t = time.process_time()
        stage(store, settings)
        out[name] = time.process_time() - t
    return out


def build(path: Path, n: int, *, batch: int = 500, run_post: bool = True, first: int = 0,
          tpl: tuple[list[tuple[Page, list[Analysis]]], list[Any]] | None = None,
          log: Any = None) -> dict[str, float]:
    """Add ``n`` cloned articles to the store at ``path`` (created if missing), ``batch`` at a
    time; returns CPU-s of writing and of the across stages, and articles written."""
    pages, actors = tpl or template()
    settings = load_settings()
    spent = {"write": 0.0, "merge": 0.0, "findings": 0.0, "articles": 0}
    with Store(path) as store:
        store.upsert_actors(actors)
        todo: list[tuple[Page, list[Analysis]]] = []
        done = 0

        def flush() -> None:
            nonlocal done
            # Bounded memory on a shared machine (the connection may be reopened between batches).
            store.con.execute(f"SET memory_limit='{MEMORY_LIMIT}'")
            t = time.process_time()
            store.write_pages(todo)
            spent["write"] += time.process_time() - t
            done += sum(len(a) for _, a in todo)
            todo.clear()
            if run_post:
                for k, v in post(store, settings).items():
                    spent[k] += v
            if log:
                log(f"{done} articles: write {spent['write']:.1f} merge {spent['merge']:.1f} "
                    f"findings {spent['findings']:.1f} CPU-s")

        for item in clones(pages, n, first):
            todo.append(item)
            if sum(len(a) for _, a in todo) >= batch:
                flush()
        if todo:
            flush()
        spent["articles"] = done
    return spent


def clone_findings(path: Path, tpl_path: Path = TEMPLATE, chunk: int = 20_000) -> int:
    """Give a store built with ``--no-post`` the template's findings, cloned per copy (for read
    benchmarks of the findings lists: running the across stages over 100k clones takes hours
    here). A finding of the template becomes one finding per copy whose pages were all written,
    its references moved to that copy's articles and items the way ``clone`` moves them (their
    ``text`` and the ``detail`` keep the template's words: same lengths and offsets, other letters)."""
    with Store(tpl_path, read_only=True) as tpl:
        keys = dict(tpl.con.execute("SELECT id, key FROM page_rows").fetchall())
        found = tpl.con.execute("SELECT id, kind, detail, CAST(refs AS VARCHAR), disjoint FROM findings").fetchall()
    n = 0
    with Store(path) as store:
        store.con.execute(f"SET memory_limit='{MEMORY_LIMIT}'")
        copies: dict[int, dict[str, str]] = {}
        for pid, key in store.con.execute("SELECT id, key FROM page_rows WHERE key LIKE '%#c%'").fetchall():
            base, _, c = key.rpartition("#c")
            copies.setdefault(int(c), {})[base] = pid
        rows: list[tuple[Any, ...]] = []
        for c, pages in sorted(copies.items()):
            for fid, kind, detail, refs, disjoint in found:
                moved, ok = [], True
                for ref in json.loads(refs):
                    old = ref["article_id"].rsplit("-a", 1)[0]
                    new = pages.get(keys.get(old, ""))
                    if new is None:
                        ok = False
                        break
                    ref = dict(ref, article_id=new + ref["article_id"][len(old):])
                    if ref.get("item_id"):
                        ref["item_id"] = stable_id("clone", ref["item_id"], new)
                    moved.append(ref)
                if ok:
                    rows.append((stable_id("clone", fid, c), kind, detail, json.dumps(moved), disjoint))
            if len(rows) >= chunk:
                n += _insert_findings(store, rows)
        n += _insert_findings(store, rows)
    return n


def _insert_findings(store: Store, rows: list[tuple[Any, ...]]) -> int:
    import pyarrow as pa

    if not rows:
        return 0
    cols = list(zip(*rows, strict=True))
    store.con.register("_f", pa.table({"id": cols[0], "kind": cols[1], "detail": cols[2], "refs": cols[3],
                                       "disjoint": cols[4]}))
    store.con.execute("INSERT OR REPLACE INTO findings SELECT id, kind, detail, CAST(refs AS JSON), disjoint FROM _f")
    store.con.unregister("_f")
    n = len(rows)
    rows.clear()
    return n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--db", required=True)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--no-post", action="store_true")
    ap.add_argument("--aligned", action="store_true", help="clones of each story moved to one archive day per copy (synth.story_offsets)")
    ap.add_argument("--clone-findings", action="store_true",
                    help="only give the (--no-post) store the template's findings, cloned per copy")
    args = ap.parse_args()
    global ALIGN
    ALIGN = args.aligned
    if args.clone_findings:
        print(json.dumps({"findings": clone_findings(Path(args.db))}))
        return 0
    t = time.perf_counter()
    res = build(Path(args.db), args.articles, batch=args.batch, run_post=not args.no_post,
                log=lambda s: print(s, flush=True))
    res["wall_s"] = time.perf_counter() - t
    print(json.dumps({k: round(v, 2) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
