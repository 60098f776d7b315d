"""Joint reading of co-mentioned places (rule ``one_region``): spatial minimality.

The geoparsing literature's heuristic (Leidner's "spatial minimality", CLAVIN's and Mordecai's
one-region-per-list): names listed or co-mentioned together tend to lie in one first-level region.
"Flooding closed roads in Springfield, Carbondale and Marion" is three Illinois towns although each
name alone has larger namesakes elsewhere; "bands from Paris, London and Berlin" stays three
capitals although one US state holds small towns of all three names.

The rule, after each mention has its reading:
- the first-level regions (country + admin1) that hold a candidate of two or more of the names a
  sentence co-mentions are weighed by those names: each other name of the sentence with a candidate
  there counts ``sentence_weight``, each other name of the article ``article_weight`` (their
  candidates, not only their readings: the point is to read the names jointly);
- a small place (town or county) read by its name alone moves to its namesake in the best such
  region when that region holds at least ``min_names`` of the sentence's names, no other region
  holds as many, and the weight reaches the population gap: ``log10(reading / namesake)`` orders
  of magnitude per ``orders_per_weight``. A famous city is thus not pulled to a hamlet by weak
  context: "Officers from Paris, Reno and Clarksville" (three Texas towns in one county's news) is
  Paris, Texas, but "bands from Paris, London and Berlin" needs weight 2 against 2.3 to 3 orders
  of magnitude and stays.
- a mention the text places itself keeps its reading: a qualifier ("Paris, Texas"), its holder,
  another mention of the name qualified, a region or county of its reading named in its sentence.
Weights in ``data/place_resolution.toml`` (``one_region_*``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from ...gazetteer import Entry
from .mentions import Mention, name_key_of
from .qualifier import holds

SMALL = ("city", "county")
Region = tuple[str, str]


def _regions(c: list[tuple[Entry, int]]) -> dict[Region, Entry]:
    """The first-level regions a name's candidates lie in (or are), each with its largest own-name
    town or county there (or the region itself)."""
    out: dict[Region, Entry] = {}
    for e, p in c:
        if not (e.country and e.admin1) or e.precision not in (*SMALL, "region"):
            continue
        if e.precision in SMALL and not p:
            continue  # an alternate name or spelling variant places nothing
        r = (e.country, e.admin1)
        old = out.get(r)
        if old is None or (old.precision == "region") > (e.precision == "region") or (
                old.precision == e.precision and e.population > old.population):
            out[r] = e
    return out


def _in(e: Entry | None, reg: Region) -> bool:
    return e is not None and e.precision in (*SMALL, "site", "region") and (e.country, e.admin1) == reg


def one_region(mentions: list[Mention], sents: list[int], cands: list[list[tuple[Entry, int]]],
               out: list[tuple[Entry | None, str]], w: dict[str, Any]) -> list[tuple[Entry | None, str]]:
    """rule one_region (see the module docstring): the readings, some moved to one region."""
    keys = [name_key_of(m) for m in mentions]
    regs = [_regions(c) if m.fixed is None and m.role != "demonym" else {}
            for m, c in zip(mentions, cands, strict=True)]
    reading: dict[str, Entry] = {}
    names_of: dict[str, set[Region]] = {}  # per key: every region its candidates lie in
    sent_keys: dict[int, set[str]] = defaultdict(set)
    for k, s, r, (e, _) in zip(keys, sents, regs, out, strict=True):
        if e is not None:
            reading.setdefault(k, e)
        names_of.setdefault(k, set()).update(r)
        sent_keys[s].add(k)

    def weigh(i: int, reg: Region) -> tuple[float, int]:
        """The weight of region reg for mention i, and how many other names it holds: each name of
        the sentence whose reading lies there, or that has a candidate there and is not read as a
        large place elsewhere ("London" read as the capital votes for no namesake); each further
        name of the article whose reading lies there."""
        here = sent_keys[sents[i]] - {keys[i]}
        near = [k for k in here if _in(reading.get(k), reg) or (reg in names_of[k] and (
            k not in reading or reading[k].population < w["one_region_famous_population"]))]
        far = [k for k, e in reading.items() if k not in here and k != keys[i] and _in(e, reg)]
        return w["one_region_sentence_weight"] * len(near) + w["one_region_article_weight"] * len(far), len(
            near) + len(far)

    qualified = {k for k, m in zip(keys, mentions, strict=True) if m.qualifier is not None or m.holder is not None}
    res = list(out)
    for i, (m, (best, rule)) in enumerate(zip(mentions, out, strict=True)):
        if best is None or best.precision not in SMALL or keys[i] in qualified or (
                rule in ("qualifier", "one_sense")) or (m.near is not None and holds(m.near, best)):
            continue  # the text placed it, here or in another mention of the name, or its sentence's region
        own = (best.country or "", best.admin1 or "")
        scored = {reg: weigh(i, reg) for reg, e in regs[i].items() if e.precision in SMALL and reg != own}
        if not scored:
            continue
        top = max(v[0] for v in scored.values())
        reg, (wt, n) = next((r, v) for r, v in scored.items() if v[0] == top)
        if n + 1 < w["one_region_min_names"] or sum(1 for v in scored.values() if v[0] == top) > 1 or (
                wt <= weigh(i, own)[0]):
            continue
        cand = regs[i][reg]
        if wt * w["one_region_orders_per_weight"] >= math.log10((best.population + 10) / (cand.population + 10)):
            res[i] = (cand, "one_region")
    # the other side, per name (one name, one place): every mention of it weighed, none placed
    flip: dict[str, Entry | None] = {}
    for i, (m, (best, rule)) in enumerate(zip(mentions, res, strict=True)):
        if best is None or best.precision != "city":
            continue
        big = None if keys[i] in qualified else _famous(m, best, rule, cands[i], w)
        own = (best.country or "", best.admin1 or "")
        placed = big is None or any(
            reading.get(k) is not None and reading[k].precision in ("region", "county") and _in(reading[k], own)
            for k in sent_keys[sents[i]])  # its region or county named in the sentence ("Milford, in Kent County")
        wt, _ = weigh(i, own)
        if placed or big is None or wt * w["one_region_orders_per_weight"] >= math.log10(
                (big.population + 10) / (best.population + 10)):
            flip[keys[i]] = None
        else:
            flip.setdefault(keys[i], big)
    for i, (best, _rule) in enumerate(res):
        big = flip.get(keys[i])
        if big is not None and best is not None and best.precision == "city":
            res[i] = (big, "one_region")
    # one name, one place: the article's other bare mentions of a moved name follow it
    moved = {keys[i]: e for i, (e, r) in enumerate(res) if r == "one_region" and e is not None}
    for i, (m, (best, rule)) in enumerate(zip(mentions, res, strict=True)):
        k = keys[i]
        if k in moved and rule != "one_region" and m.qualifier is None and m.holder is None and (
                best is None or best.precision in SMALL) and moved[k].uid in {e.uid for e, _ in cands[i]}:
            res[i] = (moved[k], "one_region")
    return res


def _famous(m: Mention, best: Entry | None, rule: str, c: list[tuple[Entry, int]], w: dict[str, Any]) -> Entry | None:
    """The other side of the weighing: a small town the article's context chose, against a city
    of ``one_region_famous_population`` people bearing the name as its own in another region of the
    same country (across countries the ``namesake`` rule weighs the country's evidence), when
    the text does not place the town itself (a qualifier or holder, one sense of a qualified name,
    its region or county named in the sentence): "the Denver Police Department" in a story naming a few
    Iowa towns is Denver, Colorado."""
    if best is None or best.precision != "city" or m.qualifier is not None or m.holder is not None or rule in (
            "qualifier", "one_sense", "one_region", "namesake") or (
            m.near is not None and m.near.precision == "region" and m.near.admin1 == best.admin1
            and m.near.country == best.country):
        return None
    big = [e for e, p in c if p and e.precision == "city" and e.population >= w["one_region_famous_population"]
           and e.population > best.population and e.country == best.country and e.admin1 != best.admin1]
    return max(big, key=lambda e: e.population) if big else None
