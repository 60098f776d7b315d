"""Suite ``across``: one story in many outlets (eval/dev/across/, see its README.md and FROZEN.md).

Each part (``dev``, ``frozen``) is ingested into its own scratch store, every page with its
sidecar, so each outlet is its own source. Three things are scored against the gold:

- **merge** (B-cubed over the gold reports): a gold report is aligned to the system event in its
  page whose evidence overlaps the report's anchor, of the gold type if there is one (else any
  type; else an event of the gold type in the anchor's sentence); its system cluster is that
  event's ``canonical_id``. A report with no aligned event is a cluster of its own. Precision and
  recall per report are |system cluster & gold cluster| / |system cluster| and / |gold cluster|,
  counted over the gold reports, averaged (Bagga & Baldwin 1998). ``reports_aligned`` is the share
  of gold reports that found an event at all.
- **conflicting figures**: ``conflicting_numbers`` findings whose two references lie in pages of
  different outlets. A reference is a gold figure when it overlaps the figure's words in the same
  page. A finding is right when both figures belong to one event and quantity and their gold
  intervals are disjoint; it is left out of precision when they belong to one event and quantity
  but overlap and the finding itself says they may overlap (``disjoint`` false); otherwise it is
  wrong. Recall is over conflict *units* (event, quantity, the two intervals; README.md).
- **copied passages**: every pair of references, in pages of different outlets, of a finding of a
  copy kind (``COPY_KINDS``); a pair matches a gold copy of the same two pages when each span
  overlaps the gold passage by at least half of both lengths. Precision over system pairs,
  recall over gold pairs.

Baselines, computed on the same stores: merge = the aligned events grouped by type and date (the
event's date, else the page's publication date); conflicts = number claims of pages of different
outlets published within two days, with the same counted noun and disjoint intervals; copies =
identical sentences of at least 8 words in pages of different outlets (adjacent ones joined).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from ..registry import suites
from . import Rows, SuiteContext, data_path

SET_DIR = "eval/dev/across"
PARTS = ("dev", "frozen")
COPY_KINDS = ("copied_text", "copied_passage", "same_text")
MIN_COPY_WORDS = 8
_SENT = re.compile(r"[^\s.!?][^.!?\n]*(?:[.!?]+[\"')\u201d\u2019]*|$)", re.M)
Span = tuple[str, int, int]  # page id, start, end
Pair = tuple[Span, Span]


def fold(s: str) -> str:
    """Curly quotes straightened; one character for one, so offsets are kept."""
    return s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def find_phrase(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int] | None:
    """[start, end) of the ``occurrence``-th whole-phrase match of ``phrase`` (as check.py finds it)."""
    rx = re.compile(r"(?<![\w,.])" + re.escape(fold(phrase)) + r"(?![\w])")
    hits = list(rx.finditer(fold(text)))
    if len(hits) < occurrence:
        return None
    return hits[occurrence - 1].start(), hits[occurrence - 1].end()


def parts_of(set_dir: Path) -> dict[str, str]:
    """story -> part, as FROZEN.md's batch tables give it (the rule: per batch, stories sorted by
    the sha256 of their id, every third frozen; tests/test_eval_across.py re-derives it)."""
    rows = re.findall(r"^\| (s\d\d-[\w-]+) \| ([0-9a-f]{12}) \| (dev|frozen) \|$",
                      (set_dir / "FROZEN.md").read_text(encoding="utf-8"), re.M)
    return {story: part for story, _, part in rows}


# Batches scored in rows of their own: batches 4 and 5 (real Wikinews articles only, README.md) and 6 (real
# coverage by three different bodies, SELECTION6.md) are the set's untuned checks, kept apart so that the
# rows of batches 1-3 stay comparable across sessions.
OWN_ROWS = {"4": "across4", "5": "across5", "6": "across6"}


def row_of(set_dir: Path) -> dict[str, str]:
    """story -> the row name prefix its part is scored under (``across``, or its batch's own)."""
    out = {}
    for text in (set_dir / "FROZEN.md").read_text(encoding="utf-8").split("## Batch ")[1:]:
        prefix = OWN_ROWS.get(text.split(" ", 1)[0], "across")
        for story in re.findall(r"^\| (s\d\d-[\w-]+) \| [0-9a-f]{12} \| (?:dev|frozen) \|$", text, re.M):
            out[story] = prefix
    return out


@dataclass(slots=True)
class Doc:
    """One gold page as stored: its page id, source, publication date and text."""

    page_id: str
    source: str
    published: str | None
    text: str


@dataclass(slots=True)
class Stored:
    """What the scorer needs from one scratch store."""

    docs: dict[str, Doc]  # "<story>/<file>" -> Doc
    page_of_article: dict[str, str]
    events: list[Any]
    numbers: list[Any]
    findings: list[Any]
    source_of_page: dict[str, str | None] = field(default_factory=dict)
    published_of_page: dict[str, str | None] = field(default_factory=dict)


def load_store(store: Any, folders: dict[str, Path]) -> Stored:
    pages = store.latest_pages()
    by_url = {p.url or p.key: p for p in pages}
    docs = {}
    for story, folder in folders.items():
        for f in sorted(folder.glob("*.txt")):
            meta = json.loads(f.with_name(f.name + ".meta.json").read_text(encoding="utf-8"))
            p = by_url.get(meta["url"])
            if p is not None:
                docs[f"{story}/{f.name}"] = Doc(p.id, p.source or "", p.published, p.text)
    arts = store.load("articles")
    return Stored(docs=docs, page_of_article={a.id: a.page_id for a in arts}, events=store.load("events"),
                  numbers=store.load("numbers"), findings=store.load("findings"),
                  source_of_page={p.id: p.source for p in pages},
                  published_of_page={p.id: p.published for p in pages})


# --------------------------------------------------------------------------- merge


def _sentence(text: str, at: int) -> tuple[int, int]:
    for m in _SENT.finditer(text):
        if m.start() <= at < m.end():
            return m.start(), m.end()
    return at, at


def align(report: list[Any], doc: Doc, events: list[Any]) -> Any | None:
    """The system event a gold report ``[page, event, type, anchor]`` is aligned to, or None."""
    span = find_phrase(doc.text, report[3])
    if span is None:
        return None
    s, e = span
    mine = [ev for ev in events if ev.start < e and s < ev.end]
    for ev in sorted(mine, key=lambda ev: (ev.type != report[2], ev.end - ev.start)):
        return ev
    lo, hi = _sentence(doc.text, s)
    near = [ev for ev in events if ev.type == report[2] and ev.start < hi and lo < ev.end]
    return min(near, key=lambda ev: abs(ev.start - s)) if near else None


def b_cubed(gold: list[str], system: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over items labelled with a gold and a system cluster."""
    if not gold:
        return 0.0, 0.0, 0.0
    g_members: dict[str, set[int]] = defaultdict(set)
    s_members: dict[str, set[int]] = defaultdict(set)
    for i, (g, s) in enumerate(zip(gold, system, strict=True)):
        g_members[g].add(i)
        s_members[s].add(i)
    p = r = 0.0
    for g, s in zip(gold, system, strict=True):
        both = len(g_members[g] & s_members[s])
        p += both / len(s_members[s])
        r += both / len(g_members[g])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def merge_scores(stories: dict[str, dict[str, Any]], st: Stored) -> tuple[dict[str, Any], dict[str, Any]]:
    events_by_page: dict[str, list[Any]] = defaultdict(list)
    for ev in st.events:
        events_by_page[st.page_of_article.get(ev.article_id, "")].append(ev)
    gold, sys_, base = [], [], []
    aligned = 0
    for story, g in stories.items():
        for i, rep in enumerate(g["reports"]):
            doc = st.docs.get(f"{story}/{rep[0]}")
            ev = align(rep, doc, events_by_page[doc.page_id]) if doc else None
            gold.append(f"{story}/{rep[1]}")
            alone = f"unaligned/{story}/{i}"
            if ev is None:
                sys_.append(alone)
                base.append(alone)
                continue
            aligned += 1
            sys_.append(ev.canonical_id or ev.id)
            day = ev.date if ev.date and len(ev.date) == 10 else (doc.published if doc else None)
            base.append(f"{ev.type}/{day}" if day else alone)
    p, r, f = b_cubed(gold, sys_)
    bp, br, bf = b_cubed(gold, base)
    share = aligned / len(gold) if gold else 0.0
    return ({"merge_b3_precision": p, "merge_b3_recall": r, "merge_b3_f1": f, "reports_aligned": share,
             "reports_n": len(gold)},
            {"merge_b3_precision": bp, "merge_b3_recall": br, "merge_b3_f1": bf, "reports_aligned": share})


# --------------------------------------------------------------------------- conflicting figures


@dataclass(slots=True, frozen=True)
class Figure:
    story: str
    event: str
    quantity: str
    low: float
    high: float
    page_id: str
    start: int
    end: int


def _interval(lo: float | None, hi: float | None) -> tuple[float, float]:
    return (float("-inf") if lo is None else lo, float("inf") if hi is None else hi)


def gold_figures(stories: dict[str, dict[str, Any]], st: Stored) -> list[Figure]:
    out = []
    for story, g in stories.items():
        for _fid, doc_name, ev, qty, text, lo, hi, *occ in g["figures"]:
            doc = st.docs.get(f"{story}/{doc_name}")
            span = find_phrase(doc.text, text, occ[0] if occ else 1) if doc else None
            if doc is None or span is None:
                continue
            low, high = _interval(lo, hi)
            out.append(Figure(story, ev, qty, low, high, doc.page_id, *span))
    return out


def conflict_units(figs: list[Figure], sources: dict[str, str | None]) -> set[tuple[Any, ...]]:
    units = set()
    for a, b in combinations(figs, 2):
        if (a.story, a.event, a.quantity) == (b.story, b.event, b.quantity) and sources.get(a.page_id) != sources.get(
                b.page_id) and _disjoint(a, b):
            units.add(_unit(a, b))
    return units


def _disjoint(a: Figure, b: Figure) -> bool:
    return a.high < b.low or b.high < a.low


def _unit(a: Figure, b: Figure) -> tuple[Any, ...]:
    return (a.story, a.event, a.quantity, frozenset({(a.low, a.high), (b.low, b.high)}))


def _figure_at(figs: list[Figure], page_id: str, start: int, end: int) -> Figure | None:
    best, most = None, 0
    for f in figs:
        if f.page_id == page_id:
            ov = min(end, f.end) - max(start, f.start)
            if ov > most:
                best, most = f, ov
    return best


def score_conflicts(pairs: Iterable[tuple[Span, Span, bool | None]],
                    figs: list[Figure], units: set[tuple[Any, ...]]) -> dict[str, Any]:
    """``pairs``: ((page, start, end), (page, start, end), disjoint) of cross-outlet findings."""
    tp = fp = 0
    found = set()
    for ra, rb, says_disjoint in pairs:
        a, b = _figure_at(figs, *ra), _figure_at(figs, *rb)
        if a is None or b is None or (a.story, a.event, a.quantity) != (b.story, b.event, b.quantity):
            fp += 1
        elif _disjoint(a, b):
            tp += 1
            found.add(_unit(a, b))
        elif says_disjoint is False:
            continue  # "overlapping but different": true of the gold intervals, not a conflict claim
        else:
            fp += 1
    n = tp + fp
    return {"conflicts_recall": len(found & units) / len(units) if units else 0.0,
            "conflicts_precision": tp / n if n else 0.0, "conflicts_sys": n, "units_n": len(units)}


def _cross(refs: list[Any], st: Stored) -> list[Pair]:
    """Every pair of references in pages of different outlets, as (page, start, end)."""
    spans = [(st.page_of_article.get(r.article_id, ""), r.start, r.end) for r in refs]
    return [(a, b) for a, b in combinations(spans, 2)
            if a[0] != b[0] and st.source_of_page.get(a[0]) != st.source_of_page.get(b[0])]


def system_conflicts(st: Stored) -> list[tuple[Span, Span, bool | None]]:
    return [(a, b, f.disjoint) for f in st.findings if f.kind == "conflicting_numbers"
            for a, b in _cross(f.refs, st)]


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat((a or "")[:10]) - date.fromisoformat((b or "")[:10])).days)
    except ValueError:
        return None


def baseline_conflicts(st: Stored) -> list[tuple[Span, Span, bool | None]]:
    """Figures of two outlets within two days, same counted noun, intervals disjoint."""
    out: list[tuple[Span, Span, bool | None]] = []
    nums = []
    for n in st.numbers:
        page = st.page_of_article.get(n.article_id, "")
        if n.counts and (n.low is not None or n.high is not None):
            nums.append((page, n.counts.split()[-1].lower(), _interval(n.low, n.high), n))
    for (pa, ca, (la, ha), a), (pb, cb, (lb, hb), b) in combinations(nums, 2):
        if ca != cb or pa == pb or st.source_of_page.get(pa) == st.source_of_page.get(pb):
            continue
        apart = _days_apart(st.published_of_page.get(pa), st.published_of_page.get(pb))
        if apart is not None and apart <= 2 and (ha < lb or hb < la):
            out.append(((pa, a.start, a.end), (pb, b.start, b.end), True))
    return out


# --------------------------------------------------------------------------- copied passages


def gold_copies(stories: dict[str, dict[str, Any]], st: Stored) -> list[Pair]:
    out = []
    for story, g in stories.items():
        for c in g["copies"]:
            spans = []
            # A verbatim copy names its pages and one text; an edited one gives each page's words.
            for sp in c.get("spans") or [{"doc": d, "text": c["text"]} for d in c["docs"]]:
                doc = st.docs.get(f"{story}/{sp['doc']}")
                at = fold(doc.text).find(fold(sp["text"])) if doc else -1
                if doc is not None and at >= 0:
                    spans.append((doc.page_id, at, at + len(sp["text"])))
            out += list(combinations(spans, 2))
    return out


def _matches(sys_pair: Pair, gold_pair: Pair) -> bool:
    for order in (sys_pair, sys_pair[::-1]):
        ok = True
        for (sp, ss, se), (gp, gs, ge) in zip(order, gold_pair, strict=True):
            ov = min(se, ge) - max(ss, gs)
            if sp != gp or ov < 0.5 * (ge - gs) or ov < 0.5 * (se - ss):
                ok = False
                break
        if ok:
            return True
    return False


def score_copies(pairs: list[Pair], gold: list[Pair]) -> dict[str, Any]:
    tp = sum(1 for p in pairs if any(_matches(p, g) for g in gold))
    found = sum(1 for g in gold if any(_matches(p, g) for p in pairs))
    prec = tp / len(pairs) if pairs else 0.0
    rec = found / len(gold) if gold else 0.0
    return {"copies_precision": prec, "copies_recall": rec,
            "copies_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0, "copies_sys": len(pairs)}


def system_copies(st: Stored) -> list[Pair]:
    return [p for f in st.findings if f.kind in COPY_KINDS for p in _cross(f.refs, st)]


def _norm_sentence(s: str) -> str:
    return " ".join(re.findall(r"\w+", fold(s).lower()))


def baseline_copies(st: Stored) -> list[Pair]:
    """Identical sentences (>= 8 words) of pages of different outlets; adjacent ones joined."""
    sents: dict[str, list[Span]] = defaultdict(list)
    order: dict[str, list[tuple[int, int, str]]] = {}
    for doc in st.docs.values():
        rows = []
        for m in _SENT.finditer(doc.text):
            key = _norm_sentence(m.group())
            if len(key.split()) >= MIN_COPY_WORDS:
                rows.append((m.start(), m.end(), key))
                sents[key].append((doc.page_id, m.start(), m.end()))
        order[doc.page_id] = rows
    runs: dict[tuple[str, str], list[list[Span]]] = defaultdict(list)
    for spans in sents.values():
        for a, b in combinations(spans, 2):
            if a[0] == b[0] or st.source_of_page.get(a[0]) == st.source_of_page.get(b[0]):
                continue
            a, b = sorted((a, b))
            group = runs[(a[0], b[0])]
            for run in group:  # join to a run whose last sentences are the ones right before these
                pa, pb = run[-2], run[-1]
                if _next(order[a[0]], pa[2]) == a[1] and _next(order[b[0]], pb[2]) == b[1]:
                    run += [a, b]
                    break
            else:
                group.append([a, b])
    out = []
    for group in runs.values():
        for run in group:
            a0, b0, a1, b1 = run[0], run[1], run[-2], run[-1]
            out.append(((a0[0], a0[1], a1[2]), (b0[0], b0[1], b1[2])))
    return out


def _next(rows: list[tuple[int, int, str]], end: int) -> int | None:
    """Start of the first kept sentence after offset ``end`` (only white space between)."""
    for s, _, _ in rows:
        if s >= end:
            return s
    return None


# --------------------------------------------------------------------------- the suite


def score_part(stories: dict[str, dict[str, Any]], st: Stored) -> dict[str, Any]:
    row, base = merge_scores(stories, st)
    figs = gold_figures(stories, st)
    units = conflict_units(figs, st.source_of_page)
    row.update(score_conflicts(system_conflicts(st), figs, units))
    base.update(score_conflicts(baseline_conflicts(st), figs, units))
    copies = gold_copies(stories, st)
    row.update(score_copies(system_copies(st), copies))
    base.update(score_copies(baseline_copies(st), copies))
    row["copies_n"] = len(copies)
    row["baseline"] = base
    return row


@suites.register("across")
def across_suite(ctx: SuiteContext) -> Rows:
    set_dir = data_path(SET_DIR)
    parts, rows = parts_of(set_dir), row_of(set_dir)
    out: Rows = {}
    for prefix in ("across", *OWN_ROWS.values()):
        for part in PARTS:
            stories = {s: json.loads((set_dir / "gold" / f"{s}.json").read_text(encoding="utf-8"))
                       for s, p in sorted(parts.items()) if p == part and rows.get(s, "across") == prefix}
            if not stories:
                continue
            folders = {s: set_dir / "pages" / s for s in stories}
            store = ctx.ingest(sorted(folders.values()), f"{prefix}-{part}")
            try:
                st = load_store(store, folders)
            finally:
                store.close()
            out[f"{prefix}.{part}"] = score_part(stories, st)
    return out
