"""Generic agents: PETRARCH2's sector nouns ("police", "protesters", "students") as mentions of
their typed sector actors (docs/actors.md, "Generic agents")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...lang import words
from ...text.names import name_key, token_keys
from .countries import countries
from .derived import country_slug
from .matcher import Hit, Matcher, _tokens
from .registry import Registry


def common_words() -> frozenset[str]:
    return words("common_words")


class Agents:
    matcher: Matcher
    registry: Registry

    def _agents(self, doc: Doc, taken: bytearray, cands: Sequence[Hit]) -> list[Hit]:
        """Generic agents (PETRARCH2 sectors): "police", "protesters", "riot police", "students",
        longest first, on words no name or body took; the sector actor is the mention's actor."""
        m = self.matcher
        if not m.agents:
            return []
        texts = _tokens(doc).text
        busy = bytearray(taken)
        for c in cands:
            busy[c.start : c.end] = b"\x01" * (c.end - c.start)
        out: list[Hit] = []
        n, i = len(texts), 0
        keys = [token_keys(w)[0] for w in texts]  # once per token, not once per window
        while i < n:
            if busy[i] or not texts[i][:1].isalpha():
                i += 1
                continue
            found = None
            # An agent starts only on the first word of one (most words are not).
            for ln in range(min(m.agent_maxlen, n - i), 0, -1) if keys[i] in m.agent_first else ():
                if any(busy[i : i + ln]):
                    continue
                aid = m.agents.get(tuple(keys[i : i + ln]))
                if aid is not None:
                    found = (ln, aid)
                    break
            if found is None:
                people = self._people(texts, i)
                if people is not None:
                    a = self.registry.actor(people)
                    out.append(Hit(i, i + 1, "agent", (people,), label=a.type if a else "ORG", actor_id=people))
                i += 1
                continue
            ln, aid = found
            # A modifier ("students union") is not the agent; a capitalised agent word followed by a
            # capitalised word is part of a name ("Police Federation").
            nxt = texts[i + ln] if i + ln < n else ""
            last = doc[i + ln - 1]
            modifier = last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i
            # Rule ``agent_singular``: a singular written with a capital inside a sentence is a title
            # or a heading ("Data Scientist", "the Hyatt President"), not the sector's agent.
            titled = texts[i][:1].isupper() and not doc[i].is_sent_start and _countable_singular(m.agents, keys[i : i + ln])
            if not modifier and not titled and not (texts[i + ln - 1][:1].isupper() and nxt[:1].isupper() and nxt.isalpha()):
                s0, aid = self._of_country(texts, busy, i, aid)
                a = self.registry.actor(aid)
                out.append(Hit(s0, i + ln, "agent", (aid,), label=a.type if a else "ORG", actor_id=aid))
            i += ln
        return out

    def _of_country(self, texts: Sequence[str], busy: bytearray, i: int, aid: str) -> tuple[int, str]:
        """Rule ``agent_country``: an agent the text ties to a country just before it is that
        country's ("Iranian protesters" -> ``iran-political-opposition-and-protesters``, "Chinese
        students" -> ``china-education``, "Russia's police" -> ``russia-police``); a first-level region
        gives its country, as CAMEO codes it ("Ohio police" -> ``united-states-police``). The
        qualifier joins the mention. Returns (start, actor id); the plain sector actor when no
        country is given."""
        if not aid.startswith("agent-"):
            return i, aid
        iso, s0 = None, i
        if i >= 1 and not busy[i - 1] and texts[i - 1][:1].isupper():
            iso, s0 = country_of_demonym(texts[i - 1]), i - 1
        end = i - 1 if i >= 2 and texts[i - 1] in ("'s", "’s") else i  # "Russia's police"
        for b in (end - 3, end - 2, end - 1):
            if iso is not None:
                break
            if b >= 0 and not any(busy[b:end]):
                iso, s0 = place_country(texts[b:end]), b
        cs = country_slug(iso) if iso else None
        derived = f"{cs}-{aid[len('agent-'):]}" if cs else ""
        return (s0, derived) if derived and derived in self.registry.entries else (i, aid)

    def _people(self, texts: Sequence[str], i: int) -> str | None:
        """Rule ``demonym_people``: a capitalised plural nationality noun ("Argentines", "Iranians")
        is the people of that country (``argentina-people``), as PETRARCH2 codes it (the country,
        no sector). Singular adjectives and regional forms ("Texans") are not."""
        w = texts[i]
        if len(w) < 5 or not w.endswith("s") or not w[:1].isupper() or not w[1:].islower():
            return None
        iso = country_of_demonym(w[:-1])
        cs = country_slug(iso) if iso else None
        return f"{cs}-people" if cs and f"{cs}-people" in self.registry.entries else None


def _countable_singular(agents: dict[tuple[str, ...], str], key: Sequence[str]) -> bool:
    """Is this agent phrase the singular of another one ("scientist" / "scientists"), not a
    collective noun ("police", "militia") or a plural?"""
    from .petrarch_agents import plurals

    return any((*key[:-1], p) in agents for p in plurals(key[-1]))


def place_country(words: Sequence[str]) -> str | None:
    """ISO code of the country a name written before an agent stands for: a country, or a
    first-level region of it ("Ohio", "Bavaria"); capitalised words only, not one common word."""
    from ..places import gazetteer

    if not words or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    text = " ".join(words)
    iso = countries().names.get(name_key(text))
    if iso is not None:
        return iso
    if len(words) == 1 and text.lower() in common_words():
        return None
    e, _ = gazetteer().lookup(text, spelling=False)
    return e.country if e is not None and e.precision in ("country", "region") else None


def country_of_demonym(word: str) -> str | None:
    """ISO code of the country a nationality adjective names ("Iranian" -> IR), from the
    gazetteer's demonyms (countryinfo + region_demonyms.tsv) and the registry's ``demonyms``."""
    from ..places import gazetteer

    e = gazetteer().demonym(word)
    if e is not None:
        return e.country if e.precision == "country" and e.name != word else None
    return countries().demonyms.get(word)
