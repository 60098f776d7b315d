"""Suite ``quotes_dev``: every attribution in whole news articles, scored by character overlap.

Gold: ``eval/dev/quotes/`` (README there: guidelines; /work/coord/formats.md: format). Each gold
quote is one utterance: one or more content fragments, a kind (direct | indirect | speech_act |
belief), the speaker mention, the resolved actor's fullest name and the cue.

Scoring, as quote trackers do (the Gender Gap Tracker's evaluate_quotes.py, Asr et al. 2021):

* **Placing gold.** The docs/pages are ingested into a scratch store; each gold fragment is found
  in the stored page text with white space folded and curly quotes straight on both sides
  (SCHEMA.md), searching in text order from the previous quote's first fragment (as
  ``eval/dev/quotes/check.py`` does on the source text). A gold quote none of whose fragments
  is found counts as missed. The speaker mention is the word-bounded occurrence nearest the
  quote.
* **Overlap.** A quote is the set of characters of its fragments. A system quote covers its
  ``fragments`` (``[[start, end], ...]``) when the record has them, else ``[start, end)``.
  ``overlap(gold, sys) = |gold ∩ sys| / |gold|`` (the gold quote is the reference, as in the
  tracker). Pairs are matched one-to-one, greedily by decreasing overlap; a pair counts at
  threshold t when its overlap is ≥ t (t = 0.3 and 0.8). **Exact**: the two character sets are
  equal once each fragment is trimmed of white space and punctuation at both ends.
* **Rows.** ``direct_*``: gold ``direct`` quotes against system quotes of kind ``direct``.
  ``all_*``: every gold attribution against every system quote, kinds ignored. ``recall_<kind>``:
  share of gold quotes of that kind matched at 0.3 in the ``all`` matching.
* **Speaker** (on pairs matched at 0.3). Gold speaker null: right when the system gives no
  speaker. Otherwise right when (a) a name the system gives — its speaker text, or the name or
  an alias of the actor its ``speaker_id`` resolves to — *names* the gold actor (or the gold
  mention, when that mention itself names the actor); or (b) the system speaker span overlaps
  the gold mention and that mention itself names the actor (so "he" or "the agency" at the right
  place is not enough: a pronoun or description must be resolved to the right actor).
  ``names(a, b)``: name tokens (case folded; lowercase words of ≤3 letters such as "of", and
  pronouns, determiners and honorifics such as "He", "The", "Mr" dropped; short names such as
  "Ken May" or "Fa" and acronyms kept) of one are a contiguous run
  of the other's, or their last tokens are equal and the shorter has ≤2 tokens ("Secretary
  Napolitano" ~ "Janet Napolitano"), or one is an acronym that starts the other's initials
  ("UNHCR", "WHO", "CDC"). ``speaker_accuracy`` = right / matched;
  ``quote_speaker_f1`` = F1 counting a match only when its speaker is right.
* **Baseline** (``"baseline"``, scored identically): the text between paired double quotation
  marks (“…” or "…", within one line) inside the system's article windows, kind direct, no
  speaker.

Rows ``quotes.dev`` and ``quotes.frozen`` micro-average over the part's documents.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import lang
from ..registry import suites
from . import Rows, SuiteContext, data_path

THRESHOLDS = (0.3, 0.8)
KINDS = ("direct", "indirect", "speech_act", "belief")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")

Span = tuple[int, int]


@dataclass(slots=True)
class Unit:
    """One quote on either side: its character spans in the page text plus speaker facts."""

    spans: list[Span]
    kind: str
    speaker: str | None = None  # gold: the mention; system: its speaker text
    speaker_span: Span | None = None
    actor: str | None = None  # gold: fullest name
    names: list[str] = field(default_factory=list)  # system: speaker text + resolved actor names
    headline: bool = False

    def chars(self) -> set[int]:
        return {i for s, e in self.spans for i in range(s, e)}


# --------------------------------------------------------------------------- placing gold


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` with curly quotes straight and white-space runs as one space, plus the index in
    ``text`` of every folded character."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def norm(s: str) -> str:
    return _WS.sub(" ", s.translate(_FOLD)).strip()


def _occurrences(folded: str, needle: str) -> list[int]:
    """Start of every occurrence of ``needle`` that does not cut a word at either end."""
    out, at = [], folded.find(needle)
    while at >= 0:
        before = folded[at - 1] if at else " "
        after = folded[at + len(needle)] if at + len(needle) < len(folded) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            out.append(at)
        at = folded.find(needle, at + 1)
    return out


def place_gold(text: str, quotes: Sequence[dict[str, Any]]) -> list[Unit]:
    """Gold quotes as Units in ``text`` (no spans where no fragment is found: never matched)."""
    folded, index = fold(text)

    def orig(s: int, e: int) -> Span:
        return index[s], index[e - 1] + 1

    out: list[Unit] = []
    cursor = 0
    for q in quotes:
        spans: list[Span] = []
        pos = cursor
        for i, frag in enumerate(q["fragments"]):
            f = norm(frag)
            at = folded.find(f, pos)
            if at < 0 and i == 0:
                at = folded.find(f)  # the stored text may order blocks differently
            if at < 0:
                continue
            spans.append(orig(at, at + len(f)))
            if i == 0:
                cursor = at
            pos = at + len(f)
        unit = Unit(spans=spans, kind=q["kind"], speaker=q.get("speaker"), actor=q.get("actor"),
                    headline=bool(q.get("headline")))
        if unit.speaker and spans:
            centre = (spans[0][0] + spans[-1][1]) // 2
            hits = [orig(a, a + len(norm(unit.speaker))) for a in _occurrences(folded, norm(unit.speaker))]
            if hits:
                unit.speaker_span = min(hits, key=lambda h: min(abs(h[0] - centre), abs(h[1] - centre)))
        out.append(unit)
    return out


# --------------------------------------------------------------------------- matching


def overlap(gold: Unit, sys: Unit) -> float:
    g = gold.chars()
    return len(g & sys.chars()) / len(g) if g else 0.0


def _trimmed(text: str, spans: Iterable[Span]) -> frozenset[int]:
    def junk(ch: str) -> bool:
        return ch.isspace() or unicodedata.category(ch)[0] in "PZ"

    out: set[int] = set()
    for s, e in spans:
        while s < e and junk(text[s]):
            s += 1
        while e > s and junk(text[e - 1]):
            e -= 1
        out.update(range(s, e))
    return frozenset(out)


def match(golds: Sequence[Unit], systems: Sequence[Unit], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs with overlap ≥ threshold, best first."""
    cands = []
    for gi, g in enumerate(golds):
        for si, s in enumerate(systems):
            o = overlap(g, s)
            if o > 0 and o + 1e-9 >= threshold:
                cands.append((-o, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in sorted(cands):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs


def exact_matches(text: str, golds: Sequence[Unit], systems: Sequence[Unit]) -> int:
    keys = [_trimmed(text, s.spans) for s in systems]
    used: set[int] = set()
    n = 0
    for g in golds:
        gk = _trimmed(text, g.spans)
        for si, k in enumerate(keys):
            if si not in used and k == gk and gk:
                used.add(si)
                n += 1
                break
    return n


# --------------------------------------------------------------------------- speakers


@functools.lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """Pronouns, determiners and honorifics: words of a speaker phrase that name nobody ("He", "The",
    "Her", "Mr"), from the English closed-class and honorific lists in ``lang/en``."""
    fw, qc = lang.data("function_words.yaml"), lang.data("quote_cues.yaml")
    words = [*fw["first_person"], *fw["person_pronouns"], *fw["group_pronouns"], *fw["demonstratives"],
             *qc["pronouns"], *qc["honorifics"]["m"], *qc["honorifics"]["f"], "the", "a", "an", "dr", "prof"]
    return frozenset(w.lower().rstrip(".") for w in words)


def name_tokens(s: str | None) -> list[str]:
    """Case-folded name tokens: lowercase words of up to three letters ("of", "the") and pronouns,
    determiners and honorifics ("He", "The", "Mr") dropped. Short capitalised names stay ("Ken May",
    "Fa"): dropping every short word left such names with no token, so they could never match."""
    toks = _TOKEN.findall((s or "").translate(_FOLD))
    toks = [t[:-2] if t.lower().endswith("'s") else t for t in toks]
    drop = _not_name_words()
    return [t.lower() for t in toks
            if (len(t) > 3 or t[:1].isupper() or t.isdigit()) and t.lower() not in drop and len(t) > 1]


def names(a: str | None, b: str | None) -> bool:
    """Does name ``a`` name the same thing as ``b`` (see the module docstring)?"""
    ka, kb = name_tokens(a), name_tokens(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    n = len(short)
    if any(long_[i:i + n] == short for i in range(len(long_) - n + 1)):
        return True
    if short[-1] == long_[-1] and n <= 2:
        return True
    for x, y in ((a, kb), (b, ka)):
        acr = [t for t in _TOKEN.findall((x or "").translate(_FOLD)) if t.isupper() and len(t) >= 2]
        initials = "".join(t[0] for t in y)
        if any(len(y) >= 2 and initials.startswith(t.lower()) for t in acr):
            return True
    return False


def speaker_ok(gold: Unit, sys: Unit) -> bool:
    if not gold.speaker:
        return not sys.names and sys.speaker_span is None
    mention_names_actor = names(gold.speaker, gold.actor)
    targets = [gold.actor] + ([gold.speaker] if mention_names_actor else [])
    if any(names(n, t) for n in sys.names for t in targets):
        return True
    if mention_names_actor and gold.speaker_span and sys.speaker_span:
        (gs, ge), (ss, se) = gold.speaker_span, sys.speaker_span
        return ss < ge and gs < se
    return False


# --------------------------------------------------------------------------- scoring


def _f1(tp: int, n_sys: int, n_gold: int) -> float:
    return round(2 * tp / (n_sys + n_gold), 4) if n_sys + n_gold else 1.0


def score_doc(text: str, golds: Sequence[Unit], systems: Sequence[Unit]) -> dict[str, int]:
    """Raw counts for one document (summed over documents, then turned into metrics)."""
    c: dict[str, int] = {"gold_unlocated": sum(not g.spans for g in golds)}
    for row, gsel, ssel in (
        ("direct", [g for g in golds if g.kind == "direct"], [s for s in systems if s.kind == "direct"]),
        ("all", list(golds), list(systems)),
    ):
        c[f"{row}_gold"] = len(gsel)
        c[f"{row}_sys"] = len(ssel)
        pairs = match(gsel, ssel, THRESHOLDS[0])
        c[f"{row}_tp30"] = len(pairs)
        c[f"{row}_tp80"] = len(match(gsel, ssel, THRESHOLDS[1]))
        c[f"{row}_exact"] = exact_matches(text, gsel, ssel)
        c[f"{row}_spk"] = sum(speaker_ok(gsel[gi], ssel[si]) for gi, si in pairs)
        if row == "all":
            hit = {gi for gi, _ in pairs}
            for kind in (*KINDS, "headline"):
                sel = [i for i, g in enumerate(gsel) if (g.headline if kind == "headline" else g.kind == kind)]
                c[f"kind_{kind}_gold"] = len(sel)
                c[f"kind_{kind}_hit"] = len(hit & set(sel))
    return c


def metrics(counts: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in ("direct", "all"):
        ng, ns, tp = counts.get(f"{row}_gold", 0), counts.get(f"{row}_sys", 0), counts.get(f"{row}_tp30", 0)
        out[f"{row}_precision"] = round(tp / ns, 4) if ns else (1.0 if not ng else 0.0)
        out[f"{row}_recall"] = round(tp / ng, 4) if ng else 1.0
        out[f"{row}_f1"] = _f1(tp, ns, ng)
        out[f"{row}_f1_80"] = _f1(counts.get(f"{row}_tp80", 0), ns, ng)
        out[f"{row}_exact_f1"] = _f1(counts.get(f"{row}_exact", 0), ns, ng)
        spk = counts.get(f"{row}_spk", 0)
        out[f"{row}_speaker_accuracy"] = round(spk / tp, 4) if tp else 0.0
        out[f"{row}_quote_speaker_f1"] = _f1(spk, ns, ng)
    for kind in (*KINDS, "headline"):
        n = counts.get(f"kind_{kind}_gold", 0)
        if n:
            out[f"recall_{kind}"] = round(counts.get(f"kind_{kind}_hit", 0) / n, 4)
    out["n_gold"] = counts.get("all_gold", 0)
    out["n_sys"] = counts.get("all_sys", 0)
    out["gold_unlocated_n"] = counts.get("gold_unlocated", 0)
    return out


def _add(total: dict[str, int], c: dict[str, int]) -> None:
    for k, v in c.items():
        total[k] = total.get(k, 0) + v


# --------------------------------------------------------------------------- system side


def system_units(analyses: Iterable[Any], actors: dict[str, Any]) -> list[Unit]:
    out = []
    for a in analyses:
        for q in a.quotes:
            frags = getattr(q, "fragments", None)
            spans = [(int(s), int(e)) for s, e in frags] if frags else [(q.start, q.end)]
            sp = (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end is not None else None
            found: list[str] = [q.speaker_text] if q.speaker_text else []
            actor = actors.get(q.speaker_id) if q.speaker_id else None
            if actor is not None:
                found += [actor.name, *actor.aliases]
            out.append(Unit(spans=spans, kind=q.kind, speaker=q.speaker_text, speaker_span=sp, names=found))
    return out


_PAIRS = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")


def baseline_units(text: str, windows: Iterable[Span]) -> list[Unit]:
    """Quote-marks-only baseline: text between paired double quotation marks in the windows."""
    out = []
    for ws, we in windows:
        for m in _PAIRS.finditer(text, ws, we):
            g = 1 if m.group(1) is not None else 2
            out.append(Unit(spans=[(m.start(g), m.end(g))], kind="direct"))
    return out


def gold_files(root: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "gold").glob("*.json"))]


@suites.register("quotes_dev")
def quotes_dev(ctx: SuiteContext) -> Rows:
    from ..evaluate import find_page

    root = data_path("eval/dev/quotes")
    golds = gold_files(root)
    inputs = [p for p in (root / "docs", root / "pages") if p.is_dir()]
    # The HTML pages are the extraction set's own files, named in pages.txt (one copy in the repo).
    if (root / "pages.txt").exists():
        extraction = data_path("eval/dev/extraction/pages")
        inputs += [extraction / n for n in (root / "pages.txt").read_text(encoding="utf-8").split()]
    store = ctx.ingest(inputs, "quotes_dev")
    try:
        actors = {a.id: a for a in store.load("actors")}
        totals: dict[str, dict[str, int]] = {}
        base: dict[str, dict[str, int]] = {}
        for gold in golds:
            part = gold.get("part", "dev")
            page = find_page(store, gold["document"])
            text = page.text if page is not None else ""
            analyses = store.analyses(page) if page is not None else []
            placed = place_gold(text, gold["quotes"])
            _add(totals.setdefault(part, {}), score_doc(text, placed, system_units(analyses, actors)))
            windows = [(a.article.start, a.article.end) for a in analyses]
            _add(base.setdefault(part, {}), score_doc(text, placed, baseline_units(text, windows)))
    finally:
        store.close()
    rows: Rows = {}
    for part in sorted(totals):
        rows[f"quotes.{part}"] = {**metrics(totals[part]), "baseline": metrics(base[part])}
    return rows
