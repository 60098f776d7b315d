"""State bodies named by their country ("Russia's defence ministry", "the Nicaraguan government")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...text.names import (
    name_key,
    slug,
)
from .agents import place_country
from .countries import countries
from .cues import NameCues, controls_infinitive
from .derived import body_head, country_slug
from .matcher import Hit, Key, _tokens


class StateBodies(NameCues):
    def _country_at(self, texts: Sequence[str], i: int) -> tuple[str, str, int] | None:
        """(iso, kind, end) of a country name or capital starting at token i (1-3 tokens, capitalised)."""
        if not texts[i][:1].isupper():
            return None
        c = countries()
        for ln in (3, 2, 1):
            if i + ln > len(texts) or not all(w.isalpha() for w in texts[i : i + ln]):
                continue  # name keys drop possessives: "Russia 's" is not a two-word name
            k = name_key(" ".join(texts[i : i + ln]))
            if k in c.names:
                return c.names[k], "country", i + ln
            if k in c.capitals:
                return c.capitals[k], "capital", i + ln
        return None

    def _gov_id(self, iso: str) -> tuple[str, str]:
        """(id, name) of a country's government: the registry's, else a provisional "<country>-government"."""
        name = countries().country_name.get(iso, iso)
        if iso in self.govs:
            return self.govs[iso], name
        return f"{slug(name)}-government", f"Government of {name}"

    def _body_after(self, doc: Doc, texts: Sequence[str], j: int) -> tuple[int, str] | None:
        """(end, kind) of a state-body phrase starting at token j: "defence ministry", "general staff",
        "forces", "Foreign Ministry", "city government"; kind is armed | government | body."""
        cue = self.registry.cue
        words: list[str] = []
        best: tuple[int, str] | None = None
        k = j
        while k < len(texts) and k - j < 4 and texts[k].isalpha() and (texts[k].islower() or texts[k].istitle()):
            words.append(texts[k].lower())
            k += 1
            phrase = " ".join(words)
            last = words[-1]
            if phrase in cue("armed_forces") or (len(words) == 1 and last in cue("armed_forces")):
                best = (k, "armed")
            elif last in cue("country_government") and (len(words) == 1 or words[0] in cue("city_bodies")):
                best = (k, "government" if len(words) == 1 else "body")
            elif phrase in cue("state_bodies") or (last in cue("gov_words") and self._gov_cued(list(doc[j:k]))):
                best = (k, "body")
        if best is not None and best[1] == "body" and texts[j].istitle():
            # A body's name goes on over "of"/"for" and capitalised words: "Ministry of Health",
            # "Department for Environment, Food and Rural Affairs" up to its first comma.
            e = best[0]
            while e + 1 < len(texts) and texts[e] in ("of", "for", "and") and texts[e + 1].istitle() \
                    and texts[e + 1].isalpha() and e - j < 8:
                f = e + 2
                while f < len(texts) and texts[f].istitle() and texts[f].isalpha() and f - j < 8:
                    f += 1
                if f < len(texts) and texts[f] in ("'s", "’s"):
                    break  # "Ministry of Health and Nigeria's ...": the next owner, not the name
                e = f
            best = (e, "body")
        return best

    def _state_bodies(self, doc: Doc, taken: bytearray) -> list[Hit]:
        """State bodies named by their country, which the registry lacks: "Russia's defence ministry"
        (the mention is the body), "Russian forces", "the Nicaraguan government" (the adjective joins it),
        later "the defence ministry" (the same body); and a country or capital the registry does not
        cover used as an agent ("Minsk has not confirmed"). Ids are "<country>-<body>"."""
        if not doc.has_annotation("DEP"):
            return []
        texts = _tokens(doc).text
        c = countries()
        out: list[Hit] = []
        bodies: list[tuple[int, Key, str, str, str]] = []  # (start, body key, id, name, label)
        n = len(texts)

        def add(s: int, e: int, aid: str, name: str, method: str) -> None:
            h = Hit(s, e, "state", label="GOV", actor_id=aid, method=method, name=name)
            out.append(h)
            taken[s:e] = b"\x01" * (e - s)

        for i, t in enumerate(texts):
            if taken[i]:
                continue
            iso = c.demonyms.get(t)
            body_start, possessor, kind = -1, "", "country"
            if iso is not None and i + 1 < n:
                body_start, s0 = i + 1, i
            elif t in ("'s", "’s") and i >= 1:
                start = next((b for b in (i - 3, i - 2, i - 1) if b >= 0 and not any(taken[b:i])
                              and (f := self._country_at(texts, b)) is not None and f[2] == i), None)
                if start is None:
                    continue
                f = self._country_at(texts, start)
                assert f is not None
                iso, kind, _ = f
                possessor = " ".join(texts[start:i])
                body_start = s0 = i + 1
            else:
                continue
            if body_start >= n or any(taken[body_start : body_start + 1]):
                continue
            found = self._body_after(doc, texts, body_start)
            if found is None:
                continue
            e, what = found
            if any(taken[s0:e]):
                continue
            country = c.country_name.get(iso, iso)
            body = " ".join(texts[body_start:e])
            if what == "government":
                aid, name = self._gov_id(iso)
            elif what == "armed":
                aid, name = f"{slug(country)}-armed-forces", f"Armed forces of {country}"
            else:
                owner = country
                if kind == "capital" and any(w.lower() in self.registry.cue("city_bodies") for w in body.split()):
                    owner = possessor  # "Bogotá's city government" is the city's, not the country's
                aid, name = f"{slug(owner)}-{slug(body)}", f"{body[:1].upper() + body[1:]} of {owner}"
                bodies.append((s0, tuple(w.lower() for w in texts[body_start:e]), aid, name, "GOV"))
            add(s0, e, aid, name, "state-body")
        # Later bare mentions of the same body: "... referred questions to the defence ministry".
        if bodies:
            lower = [t.lower() for t in texts]
            for key in {b[1] for b in bodies}:
                ln = len(key)
                for i in (x for x, w in enumerate(lower) if w == key[0]):
                    if i < 1 or lower[i - 1] != "the" or tuple(lower[i : i + ln]) != key or any(taken[i : i + ln]):
                        continue
                    if i + ln < n and texts[i + ln][:1].isupper() and texts[i + ln].isalpha():
                        continue  # "the Foreign Ministry Spokesman": part of a longer name
                    same = [b for b in bodies if b[1] == key]
                    before = [b for b in same if b[0] < i]
                    b = max(before) if before else min(same)
                    add(i, i + ln, b[2], b[3], "context")
        # Countries and capitals the registry does not cover, as agents.
        for i, t in enumerate(texts):
            if taken[i] or not t[:1].isupper() or not t.isalpha():
                continue
            f = self._country_at(texts, i)
            if f is None or f[0] in self.govs or any(taken[i : f[2]]):
                continue
            e = f[2]
            if e < n and texts[e] in ("'s", "’s", "-", "‐"):
                continue  # a possessor or a modifier ("Moscow-installed")
            h = Hit(i, e, "metonym")
            if not self._metonym_ok(doc, h):
                continue
            last = doc[e - 1]
            agent = last.dep_ in ("nsubj", "nsubjpass") or (
                last.dep_ == "pobj" and last.head.lower_ in ("by", "to", "against", "with", "on")
                and (last.head.head.pos_ in ("NOUN", "PROPN") or last.head.dep_ == "dative")) or (
                last.dep_ == "pobj" and last.head.lower_ == "by" and last.head.dep_ == "agent") or controls_infinitive(last)
            if not agent or last.ent_type_ not in ("GPE", ""):
                continue
            aid, name = self._gov_id(f[0])
            add(i, e, aid, name, "metonym")
        return out

    def _qualified_government(self, doc: Doc, h: Hit) -> str | None:
        """A generic "the government" qualified by a place ("the government in Managua",
        "the Government of Nicaragua") is that country's government, never another country's;
        "of X" joins the mention."""
        texts = _tokens(doc).text
        if h.end + 1 >= len(texts) or texts[h.end].lower() not in ("of", "in"):
            return None
        if texts[h.end - 1].lower() not in self.registry.cue("country_government"):
            return None
        f = self._country_at(texts, h.end + 1)
        if f is None:
            return None
        aid, name = self._gov_id(f[0])
        if texts[h.end].lower() == "of":
            if texts[h.start].lower() == "the" and h.end - h.start >= 2:
                h.start += 1
            h.end = f[2]
        h.name = name
        return aid

    def _placed_body(self, doc: Doc, taken: bytearray, s: int, e: int) -> tuple[int, int, str] | None:
        """Rule ``placed_body``: an organisation name made of a registered country or first-level
        region and a state body ("Ohio Supreme Court", "Texas Department of Public Safety", "Kenya
        Defence Forces"), the place inside the name or just before it, is that place's body: a
        typed GOV actor with the place (``united-states-ohio-supreme-court``, ``kenya-armed-forces``;
        :mod:`.derived`); also "<body> of <place>" ("Supreme Court of Ohio"). Returns (start, end,
        actor id), else None."""
        texts = _tokens(doc).text
        if e + 1 < len(texts) and texts[e] == "of" and all(w.istitle() for w in texts[s:e]):
            for p_end in range(min(e + 4, len(texts)), e + 1, -1):  # "Supreme Court of Ohio"
                iso = place_country(texts[e + 1 : p_end])
                aid = self._place_body_id(iso, texts[e + 1 : p_end], [w.lower() for w in texts[s:e]]) if iso else None
                if aid is not None and not any(taken[e:p_end]):
                    taken[e:p_end] = b"\x01" * (p_end - e)
                    return s, p_end, aid
        for b in range(s, max(s - 4, -1), -1):  # the place inside the name, else up to 3 words before
            if b < s and (taken[b] or not texts[b][:1].isupper()):
                break
            for p_end in range(b + 1, min(b + 4, e)):
                if p_end < s:
                    continue
                place, body = texts[b:p_end], [w.lower() for w in texts[p_end:e]]
                if not all(w.isalpha() and (w.istitle() or w in ("of", "for", "and")) for w in texts[p_end:e]):
                    continue
                iso = place_country(place)
                aid = self._place_body_id(iso, place, body) if iso else None
                if aid is not None:
                    return b, e, aid
        return None

    def _place_body_id(self, iso: str, place: Sequence[str], body: list[str]) -> str | None:
        cs = country_slug(iso)
        if cs is None:
            return None
        cue = self.registry.cue
        is_country = countries().names.get(name_key(" ".join(place))) == iso
        if not body or not (body_head(body) or (is_country and body[-1] in cue("armed_forces"))):
            return None
        if body[-1] in cue("armed_forces") and is_country:
            aid = f"{cs}-armed-forces"
        elif body == ["government"] and is_country:
            aid = self._gov_id(iso)[0]
        else:
            aid = f"{cs}-{slug(' '.join(body))}" if is_country else f"{cs}-{slug(' '.join(place))}-{slug(' '.join(body))}"
        return aid if aid in self.registry.entries else None
