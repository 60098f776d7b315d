"""The office table: who held a country's presidency or premiership on a date (rule ``office``).

"the US president", "Russia's prime minister", "the President of France" name one person on a
given day. The table is sourced data only, in ``data/actors.yaml``: the ``roles`` of our leaders
after 2014 that give an ``office`` ("President of the United States"), and the ``offices`` block
(earlier and other holders of the same offices), each row with its dates and the Wikipedia
article they were written from. The lookup answers only when exactly one person holds the office
on the article's publication date; a date no row covers gets no answer.

PETRARCH2's dictionaries were tried as a source and are not used (docs/decisions.md, "Office
table"): their dated roles are a country's government as a whole (``[RUSGOV >080508]`` covers
Putin's years as prime minister), and a table built from title aliases plus GOV roles named the
wrong holder in about a quarter of its rows.

A bare "the president" is not resolved: the text must name the country (a company or a club
has a president too), and the article needs a publication date.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

OPEN = "9999-12-31"  # a term still running as far as the source says


@dataclass(frozen=True, slots=True)
class Term:
    office: str
    country: str  # ISO alpha-2
    actor: str
    start: str
    end: str  # ISO date the term ended (the successor's first day), OPEN while it runs
    source: str


@functools.lru_cache(maxsize=1)
def office_names() -> tuple[str, ...]:
    """The offices the table answers for (``office_titles`` in data/actors.yaml), longest first."""
    from .registry import bundled_yaml

    names = {str(o).lower() for o in (bundled_yaml() or {}).get("office_titles") or []}
    return tuple(sorted(names, key=lambda o: (-len(o), o)))


def _office_of(text: str) -> str | None:
    t = text.lower()
    if t.startswith(("vice", "deputy", "acting")):
        return None
    return next((o for o in office_names() if t.startswith(o)), None)


@functools.lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """Every dated term of the table, from our YAML (leaders' ``roles`` and the ``offices`` block)."""
    from .registry import bundled_yaml

    data = bundled_yaml() or {}
    out: list[Term] = []
    for item in data.get("actors") or []:
        for r in item.get("roles") or []:
            office = _office_of(str(r.get("office") or ""))
            if office and item.get("country") and r.get("from"):
                out.append(Term(office, str(item["country"]), str(item["id"]), str(r["from"]),
                                str(r.get("to") or OPEN), str(item.get("source") or "")))
    for r in data.get("offices") or []:
        out.append(Term(str(r["office"]), str(r["country"]), str(r["actor"]), str(r["from"]),
                        str(r.get("to") or OPEN), str(r["source"])))
    return tuple(out)


def holder(office: str, country: str, date: str) -> str | None:
    """The one person holding ``office`` in ``country`` on ``date`` (ISO), else None. A term
    includes its first day, not its last (the successor's)."""
    people = {t.actor for t in terms() if t.office == office and t.country == country and t.start <= date[:10] < t.end}
    return people.pop() if len(people) == 1 else None


def office_at(doc: Doc, i: int, busy: bytearray) -> tuple[int, int, str, str] | None:
    """(start, end, office, country iso) of a country-qualified office at token ``i`` ("president"
    or "prime minister"): "the US president", "Russia's prime minister", "the President of France",
    "French President" (not before a name: "President Macron" is the name's title)."""
    from .agents import country_of_demonym

    words = [t.text for t in doc]
    n = len(words)
    for office in office_names():
        ow = office.split()
        e = i + len(ow)
        if e > n or [w.lower() for w in words[i:e]] != ow or any(busy[i:e]):
            continue
        if e < n and words[e][:1].isupper() and words[e].isalpha():
            return None  # a title before a name
        if e + 1 < n and words[e] in ("'s", "’s") and words[e + 1][:1].isupper():
            return None  # part of a name: "the US President's Clean Water Fund"
        if e + 1 < n and words[e] == "of":  # "the President of France", "... of the United States"
            c0 = e + 2 if words[e + 1].lower() == "the" else e + 1
            for k in (3, 2, 1):
                if c0 + k <= n and not any(busy[c0 : c0 + k]) and (iso := _country(words[c0 : c0 + k])):
                    return i, c0 + k, office, iso
        if i >= 1 and not busy[i - 1] and words[i - 1][:1].isupper():  # "the US president", "French President"
            iso = country_of_demonym(words[i - 1]) or _country(words[i - 1 : i])
            if iso:
                return i - 1, e, office, iso
        if i >= 2 and words[i - 1] in ("'s", "’s"):  # "Russia's prime minister"
            for k in (3, 2, 1):
                if i - 1 - k >= 0 and not any(busy[i - 1 - k : i]) and (iso := _country(words[i - 1 - k : i - 1])):
                    return i - 1 - k, e, office, iso
    return None


def _country(ws: Sequence[str]) -> str | None:
    """A country named by its name or a short capitalised code ("US", "UK"), not a region: an
    "Ohio president" is no head of state."""
    from ...text.names import name_key
    from ..places import gazetteer
    from .countries import countries

    text = " ".join(ws)
    iso = countries().names.get(name_key(text))
    if iso is None and (len(ws) == 1 and text.replace(".", "").isupper() and len(text.replace(".", "")) <= 3
                        or all(w[:1].isupper() for w in ws)):
        # "US", "UK", and a country's other names the gazetteer knows ("Britain's prime minister")
        e, _ = gazetteer().lookup(text, spelling=False)
        iso = e.country if e is not None and e.precision == "country" else None
    return iso


def office_mentions(doc: Doc, busy: bytearray, date: str | None) -> list[tuple[int, int, str]]:
    """(start, end, holder id) of every country-qualified office the table resolves on the
    article's date, on words no other mention took."""
    if not date:
        return []
    out = []
    first = {o.split()[0] for o in office_names()}
    for t in doc:
        if t.lower_ not in first or busy[t.i]:
            continue
        found = office_at(doc, t.i, busy)
        if found is None:
            continue
        s, e, office, iso = found
        aid = holder(office, iso, date)
        if aid is not None:
            out.append((s, e, aid))
            busy[s:e] = b"\x01" * (e - s)
    return out


def with_offices(doc: Doc, hits: list[Any], date: str | None, registry: Any) -> list[Any]:
    """Mentions with the office table applied: a country-qualified office on words no other
    mention took, or that named the office itself as an actor (PETRARCH2's "US President" ->
    ``president-of-the-united-states``), becomes a mention of its holder on the article's date
    (method ``office``)."""
    from .matcher import Hit

    if not date:
        return hits

    def is_office(aid: str | None) -> bool:
        a = registry.actor(aid) if aid else None
        return a is not None and a.type != "PERSON" and _office_of(a.name) is not None and " of " in a.name

    busy = bytearray(len(doc) + 1)
    for h in hits:  # a country before an office is its possessor, not a metonym ("Russia's president")
        if not is_office(h.actor_id) and h.method != "metonym":
            busy[h.start : h.end] = b"\x01" * (h.end - h.start)
    found = office_mentions(doc, busy, date)
    if not found:
        return hits
    kept = [h for h in hits if not any(s < h.end and h.start < e for s, e, _ in found)]
    kept += [Hit(s, e, "office", label="PERSON", actor_id=aid, method="office") for s, e, aid in found]
    return sorted(kept, key=lambda h: h.start)
