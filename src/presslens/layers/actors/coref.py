"""In-article coreference: later, shorter ways an article names an actor it named in full before.

Each rule is a named method with examples in ``tests/test_actor_coref.py`` (sentences from
GeoVirus's Wikinews articles, CC BY 2.5) and records its method on the mention:

- ``short_name``: "Newmont Mining" ... "Newmont": a provisional name whose words begin an
  organisation named in full earlier is that organisation.
- ``definite_head``: "the Danish Seed Inspection Authority" ... "the authority": a definite
  description whose head (``lang/en/definite_heads.yaml``) fits the nearest earlier organisation.
- ``country_body``: "the Ministry of Health" in an article about one country is that country's.
- ``office_antecedent`` / ``office_country``: "the president" / "the prime minister" is the
  person named earlier in the article who held that office on the publication date (office
  table), else the holder in the one country the article is about, else no one.

Rules here only add mentions on words no mention took, or rename provisional ids to an actor
named earlier; they never override a registry match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc

from ...lang import data
from ...text.names import slug, token_keys
from .cues import ComponentBase
from .derived import body_head, country_slug
from .matcher import Hit
from .offices import holder, office_names, terms

# Words after a description that make it part of a longer name ("the department of biochemistry").
_CONTINUES = ("of", "for")
# Methods whose mention is a description, not a name: never added to an actor's aliases.
DESCRIPTIONS = frozenset({"definite", "office-antecedent", "office-country"})


def _folded(words: Sequence[str]) -> set[str]:
    return {token_keys(w)[0] for w in words if token_keys(w)[0]}


def definite_heads() -> dict[str, frozenset[str]]:
    return {str(k): frozenset(str(x) for x in v) for k, v in (data("definite_heads") or {}).items()}


def article_country(countries: Counter[str]) -> str | None:
    """The one country an article is about: among the countries of its mentions' registry actors
    (:meth:`Coref._countries_of`), the top one, named at least twice and at least twice as often
    as the next."""
    top = countries.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
        return top[0][0]
    return None


class Coref(ComponentBase):
    def _countries_of(self, out: Sequence[Hit]) -> Counter[str]:
        """How often each country's registry actors are named in the article: every registry actor
        (ours, derived "Vietnamese government", imported), unlike the places prior, which counts
        only ours (component ``_countries``)."""
        c: Counter[str] = Counter()
        for h in out:
            a = self.registry.actor(h.actor_id) if h.actor_id else None
            if a is not None and a.country:
                c[a.country] += 1
        return c

    def _country_bodies(self, doc: Doc, out: list[Hit]) -> None:
        """Rule ``country_body`` (method ``country-body``): a provisional state body named without
        a place ("the Ministry of Health", "the Legislative Council", "the Department of Health"),
        its head a state-body word (``gov_words``/``state_bodies`` cues, as for ``placed_body``),
        in an article about one country (:func:`article_country`) is that country's body, the
        derived registry actor ``<country>-<body>`` ("Ministry of Health" in an article on
        Vietnam -> ``vietnam-ministry-of-health``). Every mention of the provisional name follows.
        Two countries in play, or none: the name stays provisional."""
        iso = article_country(self._countries_of(out))
        cs = country_slug(iso) if iso else None
        if cs is None:
            return
        for h in out:
            if h.method != "provisional" or h.label != "GOV" or not (h.actor_id or "").startswith("x-"):
                continue
            words = [t.text for t in doc[h.start : h.end] if t.text.lower() != "the"]
            if not words or not all(w.isalpha() and (w.istitle() or w in ("of", "for", "and")) for w in words):
                continue  # a name as written: "Ministry of Health", not "police prefecture"
            if h.end + 1 < len(doc) and doc[h.end].lower_ in ("at", "of") and doc[h.end + 1].text[:1].isupper():
                continue  # "the Department of Microbiology at Ashford University": the university's
            body = [w.lower() for w in words]
            aid = f"{cs}-{slug(' '.join(body))}"
            if not body_head(body) or aid not in self.registry.entries:
                continue
            old = h.actor_id
            for x in out:
                if x.actor_id == old and x.method == "provisional":
                    x.actor_id, x.method, x.label = aid, "country-body", "GOV"

    def _name_words(self, doc: Doc, h: Hit) -> set[str]:
        """Folded words of a mention and of its registry actor's name."""
        ws = _folded([t.text for t in doc[h.start : h.end]])
        a = self.registry.actor(h.actor_id) if h.actor_id else None
        if a is not None:
            ws |= _folded(a.name.split())
        return ws

    def _short_names(self, doc: Doc, out: list[Hit]) -> None:
        """Rule ``short_name`` (method ``short-name``): a provisional mention whose words are the
        first words of an organisation (not a person) named in full in the article, the words
        it drops all generic organisation words (the ``company_suffixes`` cue and the words of
        ``definite_heads``), is that organisation: "Newmont Mining Corporation ... Newmont",
        "Metz Fresh Inc. ... Metz Fresh", "Harvard University ... Harvard"; not "Riverwood Trader
        ... Riverwood" (a shop named after its village). A person's surname is the surname rule's."""
        generic = {token_keys(w)[0] for w in self.registry.cue("company_suffixes")}
        generic |= {w for ws in definite_heads().values() for w in ws}
        keys = [tuple(token_keys(t.text)[0] for t in doc[h.start : h.end] if not t.is_punct and token_keys(t.text)[0])
                for h in out]
        for k, h in enumerate(out):
            if h.method != "provisional" or not keys[k]:
                continue
            for j in range(k - 1, -1, -1):
                g = out[j]
                if g.label == "PERSON" or not g.actor_id or g.actor_id == h.actor_id:
                    continue
                if len(keys[j]) > len(keys[k]) and keys[j][: len(keys[k])] == keys[k] \
                        and set(keys[j][len(keys[k]) :]) <= generic:
                    old = h.actor_id
                    for x in out:  # every mention of the short name, a caption before the full name too
                        if x.actor_id == old and x.method == "provisional":
                            x.actor_id, x.method, x.label = g.actor_id, "short-name", g.label
                    break

    def _definite(self, doc: Doc, out: list[Hit]) -> list[Hit]:
        """Rule ``definite_head`` (method ``definite``): "the agency", "the health ministry", "the
        company's" after an organisation named earlier is that organisation when it is the one
        actor named so far whose name holds a word listed for that head and the modifiers ("the
        health ministry" after "Ministry of Health", not after "Ministry of Defence"). Not when the
        description goes on ("the department of biochemistry", "the company spokesman"), or two
        actors fit ("the union" after the European Union and a Democratic Union)."""
        heads = definite_heads()
        busy = bytearray(len(doc) + 1)
        for h in out:
            busy[h.start : h.end] = b"\x01" * (h.end - h.start)
        new: list[Hit] = []
        n = len(doc)
        for t in doc:
            if t.lower_ != "the" or busy[t.i]:
                continue
            for width in (1, 2):  # "the agency", "the health ministry"
                e = t.i + 1 + width
                if e > n or any(busy[t.i : e]):
                    break
                head = doc[e - 1]
                fits = heads.get(head.lower_)
                if fits is None or not head.is_alpha:
                    continue
                mods = list(doc[t.i + 1 : e - 1])
                if any(not w.is_alpha or w.is_upper or w.pos_ not in ("NOUN", "ADJ", "PROPN") for w in mods):
                    break
                if e < n and (doc[e].lower_ in _CONTINUES or doc[e].text[:1].isupper() and doc[e].is_alpha
                              or doc[e].pos_ in ("NOUN", "PROPN") and doc[e].is_alpha):
                    break  # "the department of biochemistry", "the Agency Kenya", "the company spokesman"
                ante = self._antecedent(doc, out, t.i, fits, {token_keys(w.text)[0] for w in mods},
                                        business="company" in fits)
                if ante is not None:
                    x = Hit(t.i + 1, e, "definite", label=ante.label, actor_id=ante.actor_id, method="definite")
                    new.append(x)
                    busy[x.start : x.end] = b"\x01" * (x.end - x.start)
                break
        return sorted(out + new, key=lambda h: h.start) if new else out

    def _antecedent(self, doc: Doc, out: list[Hit], before: int, fits: frozenset[str],
                    mods: set[str], business: bool = False) -> Hit | None:
        """The nearest earlier organisation whose name fits the head and holds the modifiers, when
        it is the only actor of the article so far that does ("the ministry" after a health and a
        defence ministry names neither); a company is no state body."""
        found: Hit | None = None
        ids: set[str] = set()
        for h in reversed(out):
            if h.start >= before or h.label == "PERSON" or not h.actor_id or business and h.label == "GOV":
                continue
            ws = self._name_words(doc, h)
            if ws & fits and mods <= ws:
                found = found or h
                ids.add(h.actor_id)
        return found if len(ids) == 1 else None

    def _bare_offices(self, doc: Doc, out: list[Hit], date: str | None) -> list[Hit]:
        """Rules ``office_antecedent`` and ``office_country`` (methods of the same names): "the
        president" / "the prime minister" on the article's date is (1) the nearest person named
        earlier in the article who held that office on that date, in any country of the office
        table ("Donald Trump ... the president said"), else (2) the holder in the one country the
        article is about (:func:`article_country`). No date, no answer; "the president of the club", "the
        president, Rene Preval" and "the former president" are not taken."""
        if not date:
            return out
        busy = bytearray(len(doc) + 1)
        for h in out:
            busy[h.start : h.end] = b"\x01" * (h.end - h.start)
        country = article_country(self._countries_of(out))
        new: list[Hit] = []
        n = len(doc)
        for t in doc:
            if t.lower_ != "the" or busy[t.i]:
                continue
            for office in office_names():
                ow = office.split()
                s, e = t.i + 1, t.i + 1 + len(ow)
                if e > n or [w.lower_ for w in doc[s:e]] != ow or any(busy[s:e]):
                    continue
                nxt = doc[e] if e < n else None
                nxt2 = doc[e + 1] if e + 1 < n else None
                if nxt is not None and (nxt.lower_ in _CONTINUES or nxt.text[:1].isupper() and nxt.is_alpha
                                        or nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha
                                        or nxt.text == "," and nxt2 is not None and nxt2.text[:1].isupper()):
                    break  # "the president of the club", "President Macron", "the president, Marc Dorval"
                held = {x.actor for x in terms() if x.office == office and x.start <= date[:10] < x.end}
                ante = next((h for h in reversed(out) if h.start < s and h.actor_id in held), None)
                if ante is not None:
                    aid, method = ante.actor_id, "office-antecedent"
                elif country is not None and (aid := holder(office, country, date)) is not None:
                    method = "office-country"
                else:
                    break
                new.append(Hit(s, e, "office", label="PERSON", actor_id=aid, method=method))
                busy[s:e] = b"\x01" * (e - s)
                break
        return sorted(out + new, key=lambda h: h.start) if new else out
