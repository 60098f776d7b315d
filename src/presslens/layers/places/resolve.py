"""Which place each mention names: candidates ranked by prior, then by the document.

Evidence, each a named rule recorded in ``Place.rule`` when it decided the pick:
- ``prior``: population and kind (a country, state or capital beats a hamlet), own name first;
- ``qualifier``: "Paris, Texas", "Edmonton, Ky." (the finder's city_comma_region);
- ``context``: the other places of the article: their countries, first-level regions (a town in a
  region the article names; a region the article's towns lie in) and points,
  the dateline place and the source's home country;
- ``one_sense``: one name, one place per article (a qualified mention keeps its own reading);
- ``same_name_city``: "New York" is the city when the region shares its big city's name;
- ``one_region`` (``joint.py``): names co-mentioned in a sentence are read jointly, in one
  first-level region when enough of them lie there to outweigh the population gap;
- ``city_over_foreign_region``: a foreign first-level region read by its name alone yields to a far
  larger city of the name in another country ("a professor at a Manchester college" is not Jamaica's parish);
- ``namesake``: a town read by its name alone yields to the town that bears the name as its own
  and is far larger (a city of a million people, or any larger town when the reading is only an
  alternate name) unless the text places it: a qualifier, its region named in the same sentence
  (its country after "in"), or another mention of the name qualified.
Weights live in ``data/place_resolution.toml``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from ...gazetteer import Entry, Gazetteer, local, prior, spell
from .joint import one_region
from .mentions import Mention, name_key_of, weak_hamlet, weights
from .qualifier import holds


def km(a: Entry, b: Entry) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _inside(e: Entry, q: Entry) -> bool:
    return holds(q, e)


def usable(m: Mention, countries: set[str], w: dict[str, Any]) -> list[tuple[Entry, int]]:
    """Candidates worth ranking: a town known only by an alternate name must lie in a country the
    article discusses or be large; so must a small town even by its own name ("Bush" is not Būsh,
    Egypt; "Burma" not Burmā, Jordan), unless the text's qualifier places it ("Philippi, W.Va.")."""
    out = []
    for e, p in m.cands:
        if _hamlet_shadowed(m, e):
            continue
        if local(e) and e.country not in countries and not (
                m.qualifier is not None and _inside(e, m.qualifier)):
            need = w["alternate_min_population"] if p == 0 else w["small_town_population"]
            if e.population < need:
                continue
        out.append((e, p))
    return out


def _hamlet_shadowed(m: Mention, e: Entry) -> bool:
    """A hamlet the name alone does not make a place (``mentions.weak_hamlet``) is read only when
    the text places it: a qualifier ("Philadelphia, Tenn.") or "<town> in <region>"."""
    if m.qualifier is not None and _inside(e, m.qualifier):
        return False
    if (m.holder is not None and e.uid == m.holder.uid) or (
            m.near is not None and m.near_in and _inside(e, m.near)):  # "Cattai in New South Wales"
        return False
    return weak_hamlet(name_key_of(m), e, m.cands)


class _Context:
    """What the article's other mentions say: countries, regions, points (per name, so one name
    repeated ten times is one piece of evidence)."""

    def __init__(self, picks: dict[str, Entry], home: str | None, dateline: Entry | None) -> None:
        self.picks = picks
        self.countries: Counter[str] = Counter()
        self.admin1: Counter[tuple[str, str]] = Counter()
        self.region_countries: Counter[str] = Counter()
        for e in picks.values():
            if e.country:
                self.countries[e.country] += 1
            if e.country and e.admin1 and e.precision in ("region", "city", "county"):
                self.admin1[(e.country, e.admin1)] += 1
            if e.precision == "region" and e.country:
                self.region_countries[e.country] += 1
        self.home = home
        self.dateline = dateline

    def score(self, key: str, e: Entry, w: dict[str, Any]) -> float:
        own = self.picks.get(key)
        s = 0.0
        if e.country:
            n = self.countries[e.country] - (1 if own is not None and own.country == e.country else 0)
            s += w["country"] * min(n, w["country_cap"])
            if e.admin1:
                a = self.admin1[(e.country, e.admin1)] - (
                    1 if own is not None and (own.country, own.admin1) == (e.country, e.admin1) else 0)
                if a > 0:  # a town in a region the article names, or the region of its towns: the
                    # more of the article's names lie there, the stronger ("Fairfield" among five
                    # Texan names is Fairfield, Texas; one "New York" elsewhere does not make
                    # "Boston" Boston, NY)
                    s += w["admin1"] + w["admin1_step"] * (min(a, w["admin1_cap"]) - 1)
            if e.precision == "region":
                sib = self.region_countries[e.country] - (1 if own is not None and own.precision == "region"
                                                          and own.country == e.country else 0)
                if sib > 0:
                    s += w["sibling_region"]
            if self.home and e.country == self.home:
                s += w["home"]
            if self.dateline is not None and e.country == self.dateline.country:
                s += w["dateline"]
        if e.precision in ("city", "county", "site"):
            d = min((km(e, o) for k, o in self.picks.items() if k != key and o.uid != e.uid), default=math.inf)
            if d <= w["near_km"]:
                s += w["near"]
            elif d <= w["far_km"]:
                s += w["far"]
        return s


def resolve(mentions: list[Mention], gaz: Gazetteer, *, home: str | None = None,
            dateline: Entry | None = None, countries: Counter[str] | None = None,
            sents: list[int] | None = None) -> list[tuple[Entry | None, str]]:
    """(entry, rule) for each mention, in order; ``sents`` (each mention's sentence) lets
    co-mentioned names be read jointly (``joint.one_region``)."""
    w = weights()
    known = set(countries or ()) | {m.fixed.country for m in mentions if m.fixed and m.fixed.country}
    if home:
        known.add(home)
    if dateline is not None and dateline.country:
        known.add(dateline.country)
    # First pass: prior and qualifier alone, also to learn which countries the article discusses.
    cands: list[list[tuple[Entry, int]]] = []
    for m in mentions:
        c = usable(m, known | {e.country for e, _ in m.cands if e.precision == "country" and e.country}, w)
        if not c and m.from_ner and not m.cands and "division_level" not in m.notes:  # no town for "Boma State"
            key = name_key_of(m)  # rule spelling_words: "Northend" is not "Nor Thend" (gaz.by_spelling)
            c = [(e, 0) for e in gaz.by_spelling(spell(key), words=len(key.split())) if e.country in known]
        cands.append(c)
    first: dict[str, Entry] = {}
    for m, c in zip(mentions, cands, strict=True):
        if m.fixed is not None:
            first.setdefault("#" + (m.fixed.code or m.fixed.name), m.fixed)
        elif c:
            first.setdefault(name_key_of(m), max(c, key=lambda x: prior(*x) + _qual(m, x[0], w))[0])
    by_country = Counter(e.country for e in first.values() if e.country)
    cands = [usable(m, known | _others(by_country, first.get(name_key_of(m))), w) if m.cands else c
             for m, c in zip(mentions, cands, strict=True)]
    # Second pass: the document's evidence, then one sense per name.
    ctx = _Context(first, home, dateline)
    per_key: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    entries: dict[int, Entry] = {}
    scored: list[list[tuple[float, Entry]]] = []
    for m, c in zip(mentions, cands, strict=True):
        key = name_key_of(m)
        row = []
        for e, p in c:
            s = prior(e, p) + _population(e, w) + ctx.score(key, e, w) + _qual(m, e, w)
            row.append((s, e))
            entries[e.uid] = e
            if m.qualifier is None:
                per_key[key][e.uid] += s
        scored.append(row)
    qualified: dict[str, Entry] = {}  # a name the text qualifies once keeps that reading
    for m, row in zip(mentions, scored, strict=True):
        if m.qualifier is not None and row:
            best_q = max(row, key=lambda x: x[0])[1]
            if _inside(best_q, m.qualifier):
                qualified.setdefault(name_key_of(m), best_q)
    out: list[tuple[Entry | None, str]] = []
    for m, row, c in zip(mentions, scored, cands, strict=True):
        if m.fixed is not None:
            out.append((m.fixed, m.rule))
            continue
        if not row:
            out.append((None, "unresolved"))
            continue
        best_s, best = max(row, key=lambda x: x[0])
        if m.holder is not None and any(e.uid == m.holder.uid for _, e in row):
            out.append((m.holder, "qualifier"))  # "Spokane, Washington": the region that holds the town
            continue
        rule = "qualifier" if m.qualifier is not None and _inside(best, m.qualifier) else "context"
        key = name_key_of(m)
        if m.qualifier is None and key in qualified and qualified[key].uid in {e.uid for _, e in row}:
            if qualified[key].uid != best.uid:  # "Paris, Texas ... Paris": the text said which Paris
                best, rule = qualified[key], "one_sense"
        elif m.qualifier is None and m.rule != "region_suffix" and len(per_key[key]) > 0:
            uid = max(per_key[key], key=lambda u: per_key[key][u])
            if uid != best.uid:
                best, rule = entries[uid], "one_sense"
        if rule == "context" and max(row, key=lambda x: prior(x[1], 1))[1].uid == best.uid:
            rule = "prior"
        region = _region_of_towns(best, row, first, key) if m.qualifier is None and m.holder is None else None
        if region is not None:
            best, rule = region, "region_of_towns"
        own = {e.uid for e, p in c if p}
        city = _same_name_city(best, c_entries=[e for _, e in row if e.uid in own], w=w,
                               elsewhere={e.uid for k, e in first.items() if k.startswith(key + " ")})
        if city is not None:
            best, rule = city, "same_name_city"
        if m.qualifier is None and m.holder is None and key not in qualified:
            big = _namesake(m, best, c, w)
            if big is not None:
                best, rule = big, "namesake"
            big = _city_over_foreign_region(best, c, known | _others(by_country, first.get(key)), w)
            if big is not None:
                best, rule = big, "city_over_foreign_region"
        out.append((best, rule))
    return one_region(mentions, sents, cands, out, w) if sents is not None else out


def _region_of_towns(best: Entry, row: list[tuple[float, Entry]], first: dict[str, Entry], key: str) -> Entry | None:
    """rule region_of_towns: a name read as a town or site that is also a first-level region
    elsewhere is the region when the article's other names place two or more towns or counties in
    that region and none in the town's own ("Washington" beside Spokane, Yakima and Olympia is the
    state, not the capital the alias file ranks first)."""
    if best.precision not in ("city", "site"):
        return None
    others = [o for k, o in first.items() if k != key and o.uid != best.uid]
    if any(o.country == best.country and o.admin1 and o.admin1 == best.admin1 for o in others):
        return None
    for _, r in sorted(row, key=lambda x: -x[0]):
        if r.precision == "region" and not holds(r, best) and sum(holds(r, o) for o in others) >= 2:
            return r
    return None


def _namesake(m: Mention, best: Entry, c: list[tuple[Entry, int]], w: dict[str, Any]) -> Entry | None:
    """rule namesake: a town the document's context chose over a far larger town of the same name
    that the text does not place ("Officials in Springfield and Chicago said ..." is Springfield,
    Illinois; but "flights from New York and Sydney" is Sydney, Australia even when the article
    names Nova Scotia, whose Sydney has 30,000 people). Only a chosen town of fewer than
    ``alternate_min_population`` people yields, to a town bearing the name as its own that has
    ``world_city_population`` people, or that is merely larger when the chosen town bears the name
    only as an alternate ("Pittsburgh" is also an old spelling of Pittsburg, California)."""
    if best.precision != "city" or best.population >= w["alternate_min_population"] or (
            m.near is not None and (m.near_in or m.near.precision == "region") and _inside(best, m.near)):
        # a town of 100,000 people is known by its name ("Newcastle": upon Tyne's too); a region of
        # the town's named in the sentence places it, a country alone does not (US news names the
        # United States in most sentences: that makes no "Toronto" Toronto, Ohio)
        return None
    alt = all(p == 0 for e, p in c if e.uid == best.uid)
    own = [e for e, p in c if p and e.precision == "city" and e.uid != best.uid and e.population > best.population]
    if not alt:
        own = [e for e in own if e.population >= w["world_city_population"]]
    return max(own, key=lambda e: e.population) if own else None


def _population(e: Entry, w: dict[str, Any]) -> float:
    """Extra weight of population against the document's evidence: a city of millions is
    not outvoted by a same-named town because the article names the town's country."""
    return (w["population_weight"] - 1.0) * math.log10(e.population + 10)


def _others(by_country: Counter[str], own: Entry | None) -> set[str]:
    """Countries the article's other names were first read in (a name never supports itself)."""
    return {c for c, n in by_country.items() if n > (1 if own is not None and own.country == c else 0)}


def _qual(m: Mention, e: Entry, w: dict[str, Any]) -> float:
    if m.holder is not None and e.uid == m.holder.uid:
        return w["qualifier"]
    if m.qualifier is not None:
        return w["qualifier"] if _inside(e, m.qualifier) else 0.0
    if m.near is not None and _inside(e, m.near):
        return w["nearby_holder_in"] if m.near_in else w["nearby_holder"]
    return 0.0


def _same_name_city(best: Entry, c_entries: list[Entry], w: dict[str, Any],
                    elsewhere: set[int] | None = None) -> Entry | None:
    """"Antofagasta", "Benghazi": a region sharing its name with its own big city means the city in
    news text, unless the city holds only a small share of the region's people (under
    ``same_name_city_share``: "Quebec" is the province, Québec city has 5% of its people; "Oaxaca"
    the state) or the article names the city by a longer name ("Quebec City": the text separates
    them, and the bare name is the region; a former name, "Léopoldville", separates nothing)."""
    if best.precision != "region" and best.source != "divisions":
        return None
    least = w["same_name_city_population"] if best.precision == "region" else 0  # a district's own town
    # A division without a GeoNames admin1 code (a UK council area: "Glasgow") holds no known towns:
    # a same-named big town of its country is its city.
    cities = [e for e in c_entries if e.precision == "city" and e.country == best.country
              and (e.admin1 == best.admin1 or best.admin1 is None) and e.population >= least]
    if not cities:
        return None
    city = max(cities, key=lambda e: e.population)
    if best.precision == "region" and (city.population < w["same_name_city_share"] * best.population or (
            elsewhere is not None and city.uid in elsewhere)):
        return None
    return city


def _city_over_foreign_region(best: Entry, c: list[tuple[Entry, int]], discussed: set[str],
                              w: dict[str, Any]) -> Entry | None:
    """rule city_over_foreign_region: a first-level region that the prior chose (its kind outweighs
    four orders of magnitude of population) yields to a city bearing the name as its own, in another
    country, with ``foreign_region_city_ratio`` times the region's people (and at least
    ``same_name_city_population``), unless the article discusses the region's country: "a professor
    at a Manchester college" is the English city, not Jamaica's parish; "flights to
    Portland" is Oregon's city, not Jamaica's parish; an article on Jamaica keeps the parishes."""
    if best.precision != "region" or best.admin1 is None or best.country in discussed:
        return None  # a region without a GeoNames admin1 code (GB counties, ES provinces) has no census figure
    least = max(w["same_name_city_population"], w["foreign_region_city_ratio"] * best.population)
    cities = [e for e, p in c if p and e.precision == "city" and e.country != best.country and e.population >= least]
    return max(cities, key=lambda e: e.population) if cities else None
