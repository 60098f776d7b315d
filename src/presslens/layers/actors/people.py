"""Which person or actor a mention names: among namesakes, by surname, by given name, titles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ...lang import words
from ...text.names import SKIP, initials, is_acronym, name_key, token_keys
from .cues import ComponentBase
from .matcher import Hit, Key

# Words before an office title that make it a description, not a title ("the former President").
_DETERMINERS = words("title_determiners")


class People(ComponentBase):
    def _title_before(self, doc: Doc, start: int, full_name: bool = False) -> tuple[int, str | None, bool]:
        """Extend a person mention left over titles; returns (new start, gender, titled)."""
        m = self.matcher
        gender: str | None = None
        titled = False
        cur = start
        while True:
            found = None
            for ln in range(min(m.title_maxlen + 2, cur), 0, -1):
                toks = [t for t in doc[cur - ln : cur] if t.text not in SKIP]
                if not toks or any(t.is_space or t.is_punct and t.text != "." for t in toks):
                    continue
                key = tuple(token_keys(t.text)[0] for t in toks)
                if key in m.titles and toks[0].text[:1].isupper():
                    found = (cur - ln, key)
                    break
            if found is None:
                break
            s, key = found
            title, g = m.titles[key]
            social = g is not None or key in m.social
            if not social:
                if full_name and " of " in title:
                    break  # "Secretary of State John Avery": a description before a full name
                prev = doc[s - 1] if s > 0 else None
                if prev is not None and not prev.is_space and (
                    prev.text.lower() in _DETERMINERS or prev.text in ("'s", "’s", "'", "’")
                    or (prev.pos_ == "DET" and prev.dep_ == "det")
                    or (prev.is_alpha and prev.pos_ in ("PROPN", "NOUN", "ADJ", "NUM"))
                    or (not doc.has_annotation("POS") and prev.is_alpha and prev.text[:1].isupper())
                ):
                    break
            gender = gender or g
            titled = True
            cur = s
        return cur, gender, titled

    def _countries(self, hits: Iterable[Hit]) -> Counter[str]:
        """Countries the article discusses, from our registry's actors. Imported actors (PETRARCH2's
        27k officials and bodies) do not count: a foreign minister named in Ottawa says nothing
        about which Ottawa, and their number would swamp the prior the places layer reads."""
        c: Counter[str] = Counter()
        for h in hits:
            for aid in h.actors if h.kind in ("alias", "metonym", "fuzzy") else ():
                e = self.registry.entries.get(aid)
                if e is not None and e.actor.country and not e.imported:
                    c[e.actor.country] += 1
        return c

    def _pick(self, actors: Sequence[str], seen_at: dict[str, int], countries: Counter[str],
              need_context: bool = False, text: str = "") -> str | None:
        """Choose among actors sharing a name: the most recent in the article, else (rule
        ``own_name``) those whose own name or acronym the text is, else the one whose country the
        article discusses most; a generic description needs the article or the country. Namesakes
        left with different names of their own and no evidence: no actor (a name shared by two
        actors is no evidence for either, as for spelling keys)."""
        if len(actors) == 1 and not need_context:
            return actors[0]
        seen = [a for a in actors if a in seen_at]
        if seen:
            return max(seen, key=lambda a: seen_at[a])
        if text and not need_context:
            actors = self._own_name(actors, text) or actors
        scored = [(countries.get(self.registry.entries[a].actor.country or "", 0), a) for a in actors]
        scored = [x for x in scored if x[0] > 0]
        if scored:
            return max(scored)[1]
        if need_context:
            return None
        if len(actors) > 1 and len({name_key(self.registry.entries[a].actor.name) for a in actors}) > 1:
            return None
        return actors[0]

    def _own_name(self, actors: Sequence[str], text: str) -> list[str]:
        """Rule ``own_name``: among actors listing a name, those whose canonical name it is, or
        whose canonical name's initials an acronym spells: "WHO" is the World Health Organization's,
        not an alias of the World Health Assembly; "PLA" the People's Liberation Army's, not the
        Irish National Liberation Army's (which PETRARCH2 also lists as "People's Liberation Army")."""
        key = name_key(text)
        own = [a for a in actors if name_key(self.registry.entries[a].actor.name) == key]
        if own or not is_acronym(text):
            return own
        return [a for a in actors if len(n := self.registry.entries[a].actor.name.split()) > 1
                and initials(n).upper() == text.replace(".", "").upper()]

    def _one_person(self, h: Hit, seen_at: dict[str, int], countries: Counter[str]) -> str | None:
        """The person a full-name hit names, when it names one: a single registry person, or
        records of one person under several ids (PETRARCH2 lists "Xi Jinping" twice), of whom the
        one ``_pick`` takes, so that "Xi" later follows "Xi Jinping"."""
        if not h.actors:
            return None
        entries = [self.registry.entries[a] for a in h.actors]
        if any(e.actor.type != "PERSON" for e in entries):
            return None
        if len(h.actors) == 1:
            return h.actors[0]
        if len({name_key(e.actor.name) for e in entries}) != 1:
            return None
        return self._pick(h.actors, seen_at, countries)

    def _given_name(self, doc: Doc, h: Hit, given: list[tuple[str, Key]]) -> str | None:
        """Rule ``given_name``: one capitalised word NER calls a person, untitled, that is the given
        name of exactly one full name in the article ("Malcolm Borwick ... Malcolm said") is that
        person (method ``given-name``). Two people with that given name: no guess."""
        if h.end - h.start != 1 or h.titled or doc[h.start].ent_type_ != "PERSON":
            return None
        key = tuple(token_keys(doc[h.start].text)[:1])
        ids = {aid for aid, gk in given if gk == key}
        if len(ids) != 1:
            return None
        h.method = "given-name"
        return ids.pop()

    def _surname(self, doc: Doc, h: Hit, full_names: list[tuple[int, str, Key]],
                 seen_at: dict[str, int]) -> str | None:
        key = tuple(token_keys(t.text)[0] for t in doc[h.start : h.end] if t.text not in SKIP)
        reg = self.registry

        def ok(aid: str) -> bool:
            e = reg.entries.get(aid)
            return h.gender is None or e is None or e.gender is None or e.gender == h.gender

        same = [(p, aid) for p, aid, sk in full_names if sk == key and ok(aid)]
        before = [x for x in same if x[0] < h.start]
        if before:
            h.method = "surname"
            return max(before)[1]
        after = [x for x in same if x[0] > h.start]
        if after:
            h.method = "surname"
            return min(after)[1]
        # An earlier part of the page (seen_at carries ids across parts) with that surname.
        prior = [a for a in h.actors if a in seen_at and ok(a)]
        if len(prior) == 1:
            h.method = "surname"
            return prior[0]
        cands = [a for a in h.actors if ok(a)]
        backed = h.titled or bool(doc[h.start : h.end].ents and doc[h.start].ent_type_ == "PERSON")
        if len(cands) == 1 and backed:
            h.method = "surname-registry"
            return cands[0]
        return None
