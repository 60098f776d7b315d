"""PETRARCH2's generic agents ("police", "protesters", "students") as typed sector actors.

Part of the dictionary converter (:mod:`.petrarch`): the CAMEO sector table and the agents
dictionary's parser. Each agent phrase becomes a name of its sector's actor (``agent-police``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ...text.names import slug

# CAMEO sector codes (CAMEO manual 1.1b3, ch. 5; PETRARCH2 agents file): the sector actor's
# neutral name, and whether bodies of that sector are state bodies (GOV) or not (ORG).
SECTORS: dict[str, tuple[str, str]] = {
    "GOV": ("Government officials", "GOV"), "MIL": ("Military", "GOV"), "COP": ("Police", "GOV"),
    "JUD": ("Judiciary", "GOV"), "LEG": ("Legislators", "GOV"), "SPY": ("Intelligence services", "GOV"),
    "ELI": ("Elites", "PERSON"), "OPP": ("Political opposition and protesters", "ORG"),
    "REB": ("Rebels (armed opposition)", "ORG"), "UAF": ("Unidentified armed group", "ORG"),
    "IMG": ("International militant group", "ORG"), "CRM": ("Criminal actors", "ORG"),
    "PTY": ("Political parties", "ORG"), "CVL": ("Civilians", "ORG"), "PPL": ("People (unspecified)", "ORG"),
    "BUS": ("Business", "ORG"), "MNC": ("Multinational companies", "ORG"), "MED": ("Media", "ORG"),
    "EDU": ("Education (students, teachers)", "ORG"), "HLH": ("Health workers", "ORG"),
    "LAB": ("Labour (workers, unions)", "ORG"), "AGR": ("Agriculture", "ORG"), "REF": ("Refugees", "ORG"),
    "REL": ("Religious actors", "ORG"), "NGO": ("Non-governmental organisations", "ORG"),
    "NGM": ("Non-governmental movements", "ORG"), "IGO": ("Intergovernmental organisations", "GOV"),
    "HRI": ("Human rights groups", "ORG"), "ENV": ("Environmental groups", "ORG"),
    "DEV": ("Development", "ORG"), "MUS": ("Muslim", "ORG"), "CHR": ("Christian", "ORG"),
    "JEW": ("Jewish", "ORG"), "HIN": ("Hindu", "ORG"), "BUD": ("Buddhist", "ORG"),
    "RAD": ("Radical", "ORG"), "MOD": ("Moderate", "ORG"), "SET": ("Settlers", "ORG"),
    "INT": ("International", "ORG"), "UNO": ("United Nations", "GOV"), "SEP": ("Separatists", "ORG"),
    "INS": ("Insurgents", "ORG"),
}


def strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        i = line.find(mark)
        if i >= 0:
            line = line[:i]
    return line.rstrip()


def plurals(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"] if word.endswith(("ss", "x", "ch", "sh")) else []
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


def _is_plural(word: str) -> bool:
    """A root already plural ("gunmen", "victims", "children"): PETRARCH2 lists irregular plurals as
    roots of their own, and a few regular ones too."""
    return word.endswith(("men", "children", "people")) or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def parse_agents(path: Path) -> dict[str, list[str]]:
    """Sector code -> lower-case noun phrases (singular and plural) from the agents dictionary."""
    subs: dict[str, list[str]] = {}
    out: dict[str, list[str]] = defaultdict(list)
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = strip_comment(raw)
        if not line.strip():
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line.strip())
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]+)\]", line.strip())
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not code.startswith("~"):
            continue  # "NGO~"-style codes prefix the actor code: organisations, not agents
        sector = code.strip("~")[:3]
        # The root as written and its plural, as PETRARCH2 matches them (dictionaries.rst,
        # "Plurals"): "journalist"/"journalists", "gunmen" (an irregular plural is its own root,
        # not "gunmens"), "police {}" (no plural). Session 20: the singular root is kept too (it
        # was dropped as naming one person); it fills only an event slot no name fills, and a
        # singular written before a name is its title, not an agent (``agents.py``).
        forms: list[str] = []
        for sub, repl in subs.items():
            if sub in phrase:
                forms = [phrase.replace(sub, r) for r in repl if not r.endswith(("Y", "IES"))]
                break
        else:
            stem = phrase.rstrip("_")
            head = stem.split("_")[-1].lower()
            if plural is None and not _is_plural(head):
                forms = [stem, *(" ".join([*stem.split("_")[:-1], p]) for p in plurals(head))]
            elif plural is not None and plural.strip("{}").strip():
                forms = [stem, plural.strip("{}").strip()]
            else:
                forms = [stem]  # no plural: a collective or mass noun ("police", "military"), or a plural root
        for f in forms:
            text = " ".join(f.replace("_", " ").lower().split())
            if text and text not in out[sector]:
                out[sector].append(text)
    return dict(out)


# Sectors imported as agents: people and bodies that act. Left out: religious and other
# identities (naming someone by faith is not naming an actor), "people"/"elites" (too vague),
# business nouns (mostly things: "airline", "aerospace"), and the label sectors RAD/IMG.
AGENT_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "REB", "UAF", "CRM", "CVL", "EDU",
                           "HLH", "LAB", "MED", "REF", "NGO", "HRI", "ENV"})


def agent_phrase_ok(text: str, exclude: frozenset[str] = frozenset()) -> bool:
    """A usable agent phrase: up to three words, letters only (no codes, ranks like "1st lt."),
    not opening with an article, its head not a thing, place or role any body has
    (``lang/en/agent_exclude.txt``)."""
    words = text.split()
    if not (1 <= len(words) <= 3) or words[0] in ("a", "an", "the"):
        return False
    head = words[-1]
    singular = head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") else head
    return all(w.replace("-", "").replace("'", "").isalpha() for w in words) and \
        head not in exclude and singular not in exclude


def convert_agents(agents: dict[str, list[str]], exclude: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    out = []
    for sector, phrases in sorted(agents.items()):
        if sector not in SECTORS or sector not in AGENT_SECTORS:
            continue
        phrases = [p for p in phrases if agent_phrase_ok(p, exclude)]
        if not phrases:
            continue
        name, kind = SECTORS[sector]
        out.append({"id": f"agent-{slug(name.split('(')[0])}", "name": name, "type": kind if kind != "PERSON" else "ORG",
                    "sector": sector, "phrases": sorted(set(phrases))})
    return out


def parse_titles(path: Path) -> dict[str, str]:
    """Singular person titles of the agents dictionary -> sector ("senator" LEG, "police chief" COP,
    "chief executive" GOV, "minister" GOV from ``!MINIST!``): the words that, written before a
    person's name, say which sector the person acts in. Up to three words, letters only; the
    first sector listed wins."""
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = strip_comment(raw)
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line.strip())
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})[^\]]*\]", line.strip())
        if not m or m.group(2) is not None or m.group(3) not in SECTORS:
            continue  # "police {}": a collective noun, not one person's title
        phrase = m.group(1).strip()
        forms = [phrase]
        for sub, repl in subs.items():
            if sub in phrase:  # singular replacements only: "!MINIST!" -> "MINISTER"
                forms = [phrase.replace(sub, r) for r in repl if not r.endswith(("S", "MEN", "IES"))]
                break
        for f in forms:
            text = " ".join(f.replace("_", " ").lower().split())
            words = text.split()
            if 1 <= len(words) <= 3 and all(w.isalpha() for w in words) and not text.endswith("s"):
                out.setdefault(text, m.group(3))
    return out
