"""Rule ``name_sector``: an organisation no registry lists is typed by the head of its own name.

"Leeds Trinity University" (EDU), "National Water Administration"
(GOV), "Kano State Police" (COP), "Ghana Broadcasting Corporation" (BUS): the head noun (the word
before the first "of"/"for", else the last word) gives the provisional actor's CAMEO ``sector``,
read from PETRARCH2's agents dictionary as PETRARCH2 codes that noun ("UNIVERSITY [~EDU]",
"ADMINISTRATION [~GOV]", "POLICE [~COP]"; ``data/petrarch2/titles.json`` for singular nouns, the
sector agents' phrases for collective ones), else our ``gov_words`` cue (a state body: GOV), else
the sector PETRARCH2's own organisations with that head carry (rule ``org_head``, ``org_heads.py``:
"Tarrow Pharmaceuticals", "Kestrel Holdings" BUS).
A nationality or country opening the name gives its ``country`` ("British
Mountaineering Council" names GB, but "council" no sector: not typed). The actor stays
provisional: the record says what kind of actor it is, not which one.
"""

from __future__ import annotations

from spacy.tokens import Span

from ...records import Actor
from ...text.names import name_key
from .agents import country_of_demonym
from .countries import countries
from .derived import body_head
from .org_heads import org_heads
from .registry import Registry
from .titles import person_titles

# Sectors whose bodies are state actors: a provisional name typed so is a GOV actor.
STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})


_AGENT_HEADS: dict[int, tuple[Registry, dict[str, str]]] = {}


def _agent_heads(reg: Registry) -> dict[str, str]:
    """One-word collective agent phrases -> sector ("police" -> COP), from the registry's agents."""
    if id(reg) in _AGENT_HEADS:
        return _AGENT_HEADS[id(reg)][1]
    out: dict[str, str] = {}
    for phrase, aid in reg.agents.items():
        e = reg.entries.get(aid)
        if " " not in phrase and e is not None and e.actor.sector:
            out.setdefault(phrase.lower(), e.actor.sector)
    _AGENT_HEADS[id(reg)] = (reg, out)
    return out


def head_index(words: list[str]) -> int | None:
    """Index of the head noun of a name: the word before the first "of"/"for", else the last."""
    cut = next((i for i, w in enumerate(words) if w.lower() in ("of", "for")), len(words))
    return cut - 1 if cut > 0 else None


def name_type(name: str, reg: Registry) -> tuple[str, str | None] | None:
    """(sector, country iso or None) from an organisation's own name of two words or more."""
    words = [w for w in name.replace("’", "'").split() if w.lower() != "the"]
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in ("of", "for", "and", "on", "the") for w in words):
        return None
    h = head_index(words)
    if h is None:
        return None
    titles = person_titles()
    sector = None
    for j in range(max(0, h - 2), h + 1):  # the longest phrase ending at the head: "supreme court"
        sector = titles.get(" ".join(words[j : h + 1]).lower())
        if sector:
            break
    sector = sector or _agent_heads(reg).get(words[h].lower())
    if sector is None and body_head([w.lower() for w in words]):
        sector = "GOV"
    # Rule org_head: the sector PETRARCH2's own organisations with this head noun carry
    # ("... Society" NGO, "... Pharmaceuticals" BUS; org_heads.py).
    sector = sector or org_heads().get(words[h].lower().rstrip("."))
    if sector is None:
        return None
    # A country or its adjective only: a region name is often a city's too ("Manchester" is a
    # Jamaican parish as well as the English city).
    iso = country_of_demonym(words[0])
    for k in (3, 2, 1):
        if iso is None and len(words) > k:
            iso = countries().names.get(name_key(" ".join(words[:k])))
    return sector, iso


def type_by_name(records: dict[str, Actor], spans: list[Span], reg: Registry) -> None:
    """Type the provisional organisations of one document by their names (rule ``name_sector``):
    the record's name, else the first of its aliases that types it. A state sector makes the
    record and its mentions GOV, also when an apposition gave it ("X, the state regulator")."""
    for aid, rec in records.items():
        if rec.type == "PERSON":
            continue
        if not rec.sector:
            tt = next((t for n in (rec.name, *rec.aliases) if (t := name_type(n, reg)) is not None), None)
            if tt is None:
                continue
            rec.sector, rec.country = tt[0], rec.country or tt[1]
        if rec.sector in STATE_SECTORS and rec.type != "GOV":
            rec.type = "GOV"
            for sp in spans:
                if sp._.actor_id == aid:
                    sp.label_ = "GOV"
