"""Side-swap gate: swap two opponents' names in a page and require the same detections.

For a pair of registry actors (A, B) every name of A in the text is replaced by a name of B of the
same register (self, neutral, hostile) and kind (alias or description), and the reverse, in one
pass. Grammar is kept: a name is paired with one of the same number (``the mullahs`` with ``the
hypocrites``), an article is added or dropped to match the original (``the Tehran regime`` ->
``the Iranian cult``), capitalisation follows the original word, and possessives stay as written.
Both versions go through the pipeline; every detection of the original must appear in the swapped
version with A and B exchanged: mentions of A and B, event types, modes, statuses, actors and
recipients, sizes and dates, quotes with their kind and speaker, numbers. Anything else is an
asymmetry. The suite ``side_swap`` counts them (floor pinned at "none": ``symmetric`` = 1).

Pairs: MEK / Government of Iran on the bundled seed pages; on our pages in ``eval/side_swap/``
two registry pairs (two states: Russia / Ukraine; a state and its armed opposition: Turkey / PKK)
and two invented ones (a government and an opposition union, two militias). The grammar the swap
keeps is listed in docs/actors.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..registry import suites
from . import Rows, SuiteContext, data_path

_ARTICLE = re.compile(r"^(?:the|The)\s+")


def _plural(name: str) -> bool:
    last = name.split()[-1]
    return last.isalpha() and last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _acronym(name: str) -> bool:
    return name.replace(".", "").isupper() and " " not in name


@dataclass(slots=True)
class Name:
    text: str
    register: str
    kind: str  # alias | generic

    @property
    def cls(self) -> tuple[str, str, bool, bool, bool]:
        return self.register, self.kind, self.has_article, _plural(self.text), _acronym(self.text)

    @property
    def bare(self) -> str:
        return _ARTICLE.sub("", self.text)

    @property
    def has_article(self) -> bool:
        return bool(_ARTICLE.match(self.text))


def names_of(entry: Any) -> list[Name]:
    out = []
    for kind, names in (("alias", entry.actor.aliases), ("generic", entry.generic)):
        for n in names:
            out.append(Name(n, entry.register_of(n), kind))
    # A state's country and capital stand for it ("Moscow said"): swapped with the other state's.
    out += [Name(n, "neutral", "metonym") for n in getattr(entry, "metonyms", ())]
    return out


def _partner(name: Name, others: Sequence[Name], used: Counter[str]) -> Name | None:
    """The other side's name for ``name``: same register, kind, article, number and acronym-ness
    where one exists, then fewer of these (an article before number: "clerical rulers" written
    without one becomes "Iranian cult", not a bare "hypocrites" that no side's name is), the least
    used first so every name gets used."""
    if name.kind == "metonym":  # only a place for a place; else left as written
        others = [o for o in others if o.kind == "metonym"]
    for key in (lambda o: o.cls == name.cls, lambda o: o.cls[:4] == name.cls[:4],
                lambda o: o.cls[:3] == name.cls[:3], lambda o: o.cls[:2] == name.cls[:2],
                lambda o: o.register == name.register):
        cands = [o for o in others if key(o)]
        if cands:
            best = min(cands, key=lambda o: (used[o.text], others.index(o)))
            used[best.text] += 1
            return best
    return None


@dataclass(slots=True)
class SwapPlan:
    a: str
    b: str
    table: dict[str, tuple[str, Name, Name]] = field(default_factory=dict)  # lower-case name -> (id, from, to)
    unpaired: list[str] = field(default_factory=list)
    registry: Any = None
    names: dict[str, list[Name]] = field(default_factory=dict)  # actor id -> its names

    def swap_id(self, aid: str | None) -> str | None:
        return self.b if aid == self.a else self.a if aid == self.b else aid

    def back_id(self, aid: str | None) -> str | None:
        """An id of the swapped run as the original run would write it: A and B exchanged, and an id
        made from the text itself (an unregistered name's slug, "cult-expresses-growing-concern")
        read back through the swap ("regime-expresses-growing-concern")."""
        if aid in (self.a, self.b) or not aid or self.registry is None or aid in self.registry.entries:
            return self.swap_id(aid)
        from ..text.names import slug

        prefix = "x-" if aid.startswith("x-") else ""
        return prefix + slug(swap_text(aid[len(prefix):].replace("-", " "), self))


def plan(registry: Any, a: str, b: str) -> SwapPlan:
    ea, eb = registry.entries[a], registry.entries[b]
    na, nb = names_of(ea), names_of(eb)
    p = SwapPlan(a, b, registry=registry, names={a: na, b: nb})
    bare: list[tuple[str, Name, Name]] = []
    for src_id, src, dst in ((a, na, nb), (b, nb, na)):
        used: Counter[str] = Counter()
        for n in src:
            partner = _partner(n, dst, used)
            if partner is None:
                p.unpaired.append(n.text)
                continue
            p.table.setdefault(n.text.lower(), (src_id, n, partner))
            if n.has_article:
                bare.append((src_id, n, partner))
    # A name written without its article ("Mullahs' regime") is its own name where the registry lists
    # it; the others are the bare form of an article name ("reformed mullahs" of "the mullahs"), and
    # become the bare form of the partner ("reformed hypocrites"): neither side's name then.
    for src_id, n, partner in bare:
        p.table.setdefault(n.bare.lower(), (src_id, Name(n.bare, n.register, n.kind), partner))
    # Other actors' names and descriptions that contain a swapped name stay as written ("Islamic
    # Republic of Iran Broadcasting" is not the government; "the regime's Supreme Leader" names a
    # person, whom the other side has no counterpart of).
    keys = [re.compile(r"(?<![\w'’])" + re.escape(k) + r"(?![\w])") for k in p.table]
    for aid, e in getattr(registry.entries, "ours", registry.entries).items():
        if aid in (a, b):
            continue
        for n in (*e.actor.aliases, e.actor.name, *e.generic):
            low = n.lower()
            if low not in p.table and any(k.search(low) for k in keys):
                p.table[low] = (aid, Name(n, "neutral", "alias"), Name(n, "neutral", "alias"))
    return p


def _name_keys(text: str) -> tuple[str, ...]:
    from ..text.names import name_key, spelling_key

    return tuple(spelling_key(w) for w in name_key(text).split())


def add_variants(p: SwapPlan, registry: Any, mentions: Iterable[Any]) -> None:
    """Spellings the actors layer resolved to A or B that the registry does not list ("Mujahedeen
    e-Khalq" for "Mujahedin-e Khalq") are swapped too, with the register of the name they spell."""
    for m in mentions:
        low = m.text.lower().replace("’", "'")
        if m.actor_id not in (p.a, p.b) or low in p.table or m.method not in ("spelling", "alias"):
            continue
        mine, other = registry.entries[m.actor_id], registry.entries[p.swap_id(m.actor_id)]
        key = _name_keys(m.text)
        like = next((n for n in names_of(mine) if _name_keys(n.text) == key), None)
        name = Name(m.text, like.register if like else "neutral", like.kind if like else "alias")
        partner = _partner(name, names_of(other), Counter())
        if partner is not None:
            p.table[low] = (m.actor_id, name, partner)


def _closed_words() -> frozenset[str]:
    from ..lang import data

    fw = data("function_words")
    return frozenset(str(w).lower() for v in fw.values() if isinstance(v, list) for w in v)


def _modifier(text: str, end: int) -> bool:
    """Is the name ending at ``end`` used as a modifier: joined by a hyphen ("MEK-Iran"), or
    followed by a lower-case word that is no closed-class word ("MEK supporters", not "MEK and",
    "MEK has"). A verb after it counts too ("MEK denied"); an of-less partner is grammatical there."""
    nxt = re.match(r"(-|\s)(\w+)", text[end:end + 40])
    if nxt is None:
        return False
    return nxt.group(1) == "-" or (nxt.group(2).islower() and nxt.group(2) not in _closed_words())


def _cased(orig: str, new: str, generic: bool = False) -> str:
    if generic and orig == orig.lower():
        # A description matches with the case written ("Regime" but not "against dictatorship"):
        # a lower-case one stays lower-case.
        return new.lower()
    if orig[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    if orig[:1].islower() and new[:1].isupper() and new.split()[0].lower() in ("the", "a", "an"):
        return new[:1].lower() + new[1:]
    return new


def swap_text(text: str, p: SwapPlan) -> str:
    """The text with every name of A and B exchanged (one pass, longest names first)."""
    keys = sorted(p.table, key=len, reverse=True)
    if not keys:
        return text
    # A straight apostrophe in a name also matches a curly one ("the mullahs’ regime").
    # A name in a hyphenated compound is swapped too ("anti-MEK", "MEK-Iran:"): the tokenizer splits
    # the hyphen and the actors layer finds the name there.
    rx = re.compile(r"(?<![\w'’])(" + "|".join(re.escape(k).replace("'", "['’]") for k in keys) + r")(?![\w])",
                    re.IGNORECASE)

    def repl(m: re.Match[str]) -> str:
        found = m.group(1)
        owner, src, dst = p.table[found.lower().replace("’", "'")]
        if owner not in (p.a, p.b):
            return found  # a longer name of another actor
        if " of " in dst.text and _modifier(text, m.end()):
            # A name used as a modifier ("MEK supporters", "MEK-Iran") becomes a name that can
            # modify ("Iranian government supporters", not "Government of Iran supporters").
            dst = next((n for n in p.names.get(p.swap_id(owner) or "", []) if n.register == dst.register
                        and n.kind == dst.kind and " of " not in n.text), dst)
        new = dst.text
        written_with_article = bool(_ARTICLE.match(found))
        before = text[max(0, m.start() - 4) : m.start()].lower()
        article_before = before.endswith("the ")
        if dst.has_article and not written_with_article and (article_before or not src.has_article):
            new = dst.bare  # "the" is already in the text, or the original had none
        elif not dst.has_article and written_with_article:
            new = "the " + new
        return _cased(found, new, src.kind == "generic" and dst.kind == "generic")

    return rx.sub(repl, text)


# ---------------------------------------------------------------------------- detections


def _ids(xs: Iterable[str | None], p: SwapPlan) -> tuple[str, ...]:
    return tuple(sorted(str(p.back_id(x)) for x in xs if x))


def detections(analyses: Sequence[Any], p: SwapPlan, swapped: bool) -> Counter[tuple[Any, ...]]:
    """Every detection of a page as comparable tuples; ids exchanged for the swapped version."""
    out: Counter[tuple[Any, ...]] = Counter()

    def sid(x: str | None) -> str | None:
        return p.back_id(x) if swapped else x

    for i, a in enumerate(analyses):
        for m in a.mentions:
            if m.actor_id in (p.a, p.b):
                out[("mention", i, sid(m.actor_id), m.role)] += 1
        for e in a.events:
            size = tuple(sorted((k, tuple(v)) for k, v in (e.size or {}).items()))
            acts = _ids(e.actors, p) if swapped else tuple(sorted(x for x in e.actors if x))
            recs = _ids(e.recipients, p) if swapped else tuple(sorted(x for x in e.recipients if x))
            out[("event", i, e.type, e.mode, e.status, acts, recs, size, e.date, sid(e.claimed_by))] += 1
        for q in a.quotes:
            out[("quote", i, q.kind, sid(q.speaker_id), q.cue)] += 1
        for n in a.numbers:
            # ``counts`` is text around the figure ("MEK supporters"), which the swap rewrites.
            out[("number", i, n.low, n.high, n.approx)] += 1
    return out


@dataclass(slots=True)
class SwapResult:
    pair: str
    page: str
    items: int
    asymmetries: list[tuple[str, tuple[Any, ...]]]  # ("only original" | "only swapped", detection)
    unpaired: list[str]


def compare(original: Counter[tuple[Any, ...]], swapped: Counter[tuple[Any, ...]]) -> list[tuple[str, tuple[Any, ...]]]:
    out: list[tuple[str, tuple[Any, ...]]] = []
    for d, n in (original - swapped).items():
        out += [("only original", d)] * n
    for d, n in (swapped - original).items():
        out += [("only swapped", d)] * n
    return out


def run_pair(pipeline: Any, text: str, key: str, a: str, b: str, registry: Any, **page: Any) -> SwapResult:
    from ..records import Page

    p = plan(registry, a, b)
    orig = pipeline.analyse_page(Page(key=key, text=text, path=key, **page))
    add_variants(p, registry, (m for x in orig for m in x.mentions))
    swapped_text = swap_text(text, p)
    swap = pipeline.analyse_page(Page(key=key + "#swapped", text=swapped_text, path=key, **page))
    d0, d1 = detections(orig, p, False), detections(swap, p, True)
    return SwapResult(pair=f"{a}/{b}", page=Path(key).name, items=sum(d0.values()), asymmetries=compare(d0, d1),
                      unpaired=p.unpaired)


# ---------------------------------------------------------------------------- the suite

SEED_PAIRS = (("mek", "iran-government"),)


def own_pairs() -> list[tuple[str, str, str]]:
    return [("valdoria-government", "vdu", "valdoria.txt"),
            ("northern-highland-militia", "coastal-defence-brigades", "highlands.txt"),
            ("russia-government", "ukraine-government", "russia-ukraine.txt"),
            ("turkey-government", "pkk", "turkey-pkk.txt")]


def run_all(ctx: SuiteContext) -> list[SwapResult]:
    from ..ingest import read_paths
    from ..layers.actors.registry import registry_for
    from ..pipeline import Pipeline
    from ..records import Page
    from .gold_docs import sample_dir

    results = []
    # Place names standing for a government ("Tehran said") have no counterpart on the other
    # side: the gate turns the pair's metonyms off in both runs and compares the names alone.
    off = ctx.tmp / "side_swap_no_metonyms.yaml"
    off.write_text("actors:\n" + "".join(f"  - {{id: {x}, metonyms: []}}\n" for pair in SEED_PAIRS for x in pair),
                   encoding="utf-8")
    seed_settings = {**ctx.settings, "actors": {**ctx.settings["actors"],
                                                "extra": [*ctx.settings["actors"].get("extra", []), str(off)]}}
    seed_pipeline = Pipeline(seed_settings)
    reg = registry_for(seed_settings)
    for path in sorted(sample_dir().glob("*.txt")):
        pages = [x for x in read_paths([str(path)], ctx.settings) if isinstance(x, Page)]
        for pg in pages:
            for a, b in SEED_PAIRS:
                results.append(run_pair(seed_pipeline, pg.text, str(path), a, b, reg, published=pg.published,
                                        source=pg.source, fmt=pg.fmt))
    root = data_path("eval/side_swap")
    settings = {**ctx.settings, "actors": {**ctx.settings["actors"],
                                           "extra": [*ctx.settings["actors"].get("extra", []),
                                                     str(root / "registry.yaml")]}}
    own = Pipeline(settings)
    reg2 = registry_for(settings)
    for a, b, name in own_pairs():
        text = (root / "pages" / name).read_text(encoding="utf-8")
        results.append(run_pair(own, text, str(root / "pages" / name), a, b, reg2))
    return results


@suites.register("side_swap")
def side_swap(ctx: SuiteContext) -> Rows:
    results = run_all(ctx)
    rows: Rows = {}
    for r in results:
        row = rows.setdefault(f"swap.{r.pair}", {"asymmetries": 0, "items_n": 0, "unpaired_n": 0})
        row["asymmetries"] += len(r.asymmetries)
        row["items_n"] += r.items
        row["unpaired_n"] += len(r.unpaired)
    for row in rows.values():
        row["symmetric"] = 1.0 if row["asymmetries"] == 0 else 0.0
        row["symmetric_share"] = round(1 - row["asymmetries"] / max(1, 2 * row["items_n"]), 4)
    return rows
