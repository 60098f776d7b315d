"""Cues for names the registry lacks: places or actors, common phrases, headlines, metonyms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Token

from ...lang import words
from ...text.names import (
    name_key,
    token_keys,
)
from .countries import reporting_verbs
from .matcher import Hit, Matcher, _tokens
from .registry import Registry

# Prepositions before a place name standing for its government ("in Tehran"): data file.
LOCATIVE = words("locative_prepositions")


def _first_conjunct(t: Token) -> Token:
    while t.dep_ == "conj" and t.head.i < t.i:
        t = t.head
    return t


def located(t: Token) -> bool:
    """Rule ``metonym_location``: a place after a locative preposition is a location, also when it
    is a later conjunct or inside "<noun> of" under one: "in Tehran", "in parts of Germany and
    France", "across the north of Syria" (not "the invasion of Ukraine")."""
    t = _first_conjunct(t)
    if t.dep_ != "pobj":
        return False
    prep = t.head
    if prep.lower_ in LOCATIVE:
        return True
    return prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.head.lower_ in LOCATIVE


def described(t: Token) -> bool:
    """Rule ``metonym_copula``: the subject of "be" with a noun predicate is described, not acting:
    "Kenya is a dominant force in distance running", "Taiwan is an independent country" name the country,
    not its government ("Russia is ready to talk", an adjective, and "Russia is preparing" stay)."""
    t = _first_conjunct(t)
    return t.dep_ == "nsubj" and t.head.lemma_ == "be" and any(c.dep_ == "attr" for c in t.head.children)


def controls_infinitive(t: Token) -> bool:
    """Rule ``metonym_controller``: the object a verb asks or presses to act ("asked Algeria to
    release him", "urged Chad to withdraw", "called on Mali to hold elections") is the one who would
    act, so a country there stands for its government, not for a location ("visited Algeria")."""
    t = _first_conjunct(t)
    if t.dep_ == "dobj":
        verb = t.head
    elif t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("on", "upon"):
        verb = t.head.head
    else:
        return False
    return verb.pos_ == "VERB" and any(
        c.dep_ == "xcomp" and c.i > t.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children)


class ComponentBase:
    """What every part of the actors component reads: the registry, its matcher and each country's
    registry government."""

    registry: Registry
    matcher: Matcher
    govs: dict[str, str]


class NameCues(ComponentBase):
    """Is a capitalised name a place, a common phrase, a headline fragment, an organisation?"""

    def _extend_person(self, doc: Doc, taken: bytearray, s: int, e: int) -> int:
        """NER cuts long names ("Luis Ortega | Haynes", a second surname): join the capitalised
        proper nouns that follow on the same line, up to four words."""
        tk = _tokens(doc)
        nnp = (doc.vocab.strings["NNP"], doc.vocab.strings["NNPS"])
        while e < len(doc) and e - s < 4 and not taken[e] and tk.tag[e] in nnp and tk.alpha[e] \
                and tk.text[e][:1].isupper() and not tk.text[e].isupper() and doc[e - 1].whitespace_ == " " \
                and doc[e].ent_type_ in ("", "PERSON") and token_keys(tk.text[e])[0] not in self.matcher.one_word_titles:
            e += 1
        return e

    def _title_case(self, doc: Doc, i: int) -> bool:
        """Whether token i's sentence is written in title case (a headline)."""
        cache = doc.user_data.setdefault("_presslens_headline", {})
        sent = doc[i].sent
        if sent.start not in cache:
            tk = _tokens(doc)
            words = [tk.text[w] for w in range(sent.start, sent.end) if tk.alpha[w]]
            cache[sent.start] = bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)
        return bool(cache[sent.start])

    def _headline_fragment(self, doc: Doc, s: int, e: int) -> bool:
        """An organisation NER finds only in a title-case headline, written nowhere else in the
        article, is a piece of the headline ("Harlow, Mensah Introduce Bipartisan Bill")."""
        if e - s < 2 or self._org_cued(list(doc[s:e])) or not self._title_case(doc, s):
            return False
        texts = _tokens(doc).text
        span = texts[s:e]
        ln = e - s
        return not any(texts[i : i + ln] == span for i, t in enumerate(texts) if t == span[0] and i != s)

    @staticmethod
    def _is_place(text: str) -> bool:
        """NER sometimes calls a city a PERSON or ORG ("Kermanshah"); the gazetteer knows better."""
        from ..places import gazetteer

        gaz = gazetteer()
        k = name_key(text)
        return any((k, e) in gaz.primary for e in gaz.exact.get(k, ()))

    def _org_cued(self, toks: Sequence[Any]) -> bool:
        """A company suffix or a state-body word: the name is an organisation whatever else it looks like."""
        return bool(toks) and (toks[-1].text in self.registry.cue("company_suffixes") or self._gov_cued(toks))

    def _gov_cued(self, toks: Sequence[Any]) -> bool:
        cue = self.registry.cue
        words = [t.text.lower() for t in toks]
        joined = " " + " ".join(words) + " "
        gov = any(w in cue("gov_words") for w in words) or any(
            " " + g + " " in joined for g in cue("gov_words") if " " in g)
        return gov and not any(w in cue("not_gov") for w in words)

    def _place_context(self, doc: Doc, s: int, e: int) -> bool:
        """Cues that a capitalised name is a location, not an actor: its own first or last word
        ("Plaza del Sol", "Tahrir Square"), a place noun around it ("the village of X", "the
        X copper mine"), or a locative preposition before it ("in X", "abducted from X")."""
        cue = self.registry.cue
        toks = list(doc[s:e])
        if not toks or self._org_cued(toks):
            return False
        if len(toks) >= 2 and (toks[0].text in cue("place_first") or toks[-1].text in cue("place_last")):
            return True
        nouns = cue("place_nouns")
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in nouns:
            return True  # "the village of Kofar Bala"
        for t in doc[e : min(e + 2, len(doc))]:
            if not (t.is_alpha and t.text.islower()):
                break
            if t.lower_ in nouns:
                return True  # "the Loma Verde copper mine", "Kofar Bala village"
        prev = doc[s - 1] if s > 0 else None
        nxt = doc[e] if e < len(doc) else None
        if prev is None or (nxt is not None and nxt.text in ("'s", "’s", "'", "’")):
            return False  # "in Amnesty's report": a possessive is an agent
        if prev.lower_ in cue("locative"):
            return True
        return prev.lower_ == "from" and prev.head.lemma_.lower() in cue("motion_verbs")

    def _place_keys(self, doc: Doc) -> set[str]:
        """Names this document uses as places somewhere (NER GPE/LOC/FAC or a place cue): every
        other occurrence of the name is that place too ("at the Loma Verde mine" ... "Loma Verde produced")."""
        keys: set[str] = set()
        for ent in doc.ents:
            s, e = ent.start, ent.end
            while s < e and doc[s].lower_ == "the":
                s += 1
            if s >= e:
                continue
            if ent.label_ in ("GPE", "LOC", "FAC"):
                if not self._org_cued(list(doc[s:e])):
                    keys.add(name_key(doc[s:e].text))
            elif ent.label_ in ("PERSON", "ORG"):
                for a, b in self._conjuncts(doc, s, e):
                    if self._place_context(doc, a, b):
                        keys.add(name_key(doc[a:b].text))
        keys.discard("")
        return keys

    def _conjuncts(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
        """Split an entity at "and" / "&" / "," joining two parallel names ("Place de la République
        and Plaza del Sol"); "Ministry of Fisheries and Forestry" stays whole."""
        from ..places import gazetteer

        gaz = gazetteer()
        for i in range(s + 1, e - 1):
            if doc[i].lower_ not in ("and", "&", ",", "or"):
                continue
            left, right = (s, i), (i + 1, e)
            if doc[right[0]].text == ",":
                continue
            parallel = doc[i + 1].text == doc[s].text and right[1] - right[0] >= 2
            both_known = all(name_key(doc[a:b].text) in gaz.exact for a, b in (left, right)) and i - s >= 1
            if parallel or (both_known and doc[i].text != "&"):
                return [left, *self._conjuncts(doc, *right)]
        return [(s, e)]

    def _unnamed(self, doc: Doc, taken: bytearray, place_keys: set[str],
                 places: list[tuple[int, int]]) -> list[Hit]:
        """Capitalised multi-word names NER missed: a run of proper nouns ending in a company
        suffix ("Sierra Norte Mining"), or the subject of a reporting verb ("Yves Marchand,
        head of the CFDT, called on ..."). Title-case lines (headlines) are skipped."""
        if not doc.has_annotation("TAG"):
            return []
        cue = self.registry.cue
        verbs = reporting_verbs()
        one_word_titles = self.matcher.one_word_titles
        tk = _tokens(doc)
        texts, alpha = tk.text, tk.alpha
        strings = doc.vocab.strings
        nnp = frozenset((strings["NNP"], strings["NNPS"]))
        proper = [tg in nnp for tg in tk.tag]
        headline: dict[int, bool] = {}  # sentence start -> title case
        out: list[Hit] = []
        i, n = 0, len(doc)
        while i < n:
            if taken[i] or not proper[i] or not texts[i][:1].isupper() or not alpha[i]:
                i += 1
                continue
            j = i
            while j < n and not taken[j] and proper[j] and texts[j][:1].isupper() \
                    and (alpha[j] or texts[j] in ("&", "Co.", "Inc.", "Ltd.", "Corp.")):
                j += 1
            s, e = i, j
            i = max(j, i + 1)
            while s < e and token_keys(texts[s])[0] in one_word_titles:
                s += 1
            if not 2 <= e - s <= 5:
                continue
            sent = doc[s].sent
            title_case = headline.get(sent.start)
            if title_case is None:
                words = [texts[w] for w in range(sent.start, sent.end) if alpha[w]]
                title_case = bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)
                headline[sent.start] = title_case
            if title_case:
                continue  # a headline in title case
            if texts[e - 1] in cue("law_titles"):
                continue
            toks = list(doc[s:e])
            text = doc[s:e].text
            if name_key(text) in place_keys or self._is_place(text) or self._place_context(doc, s, e):
                places.append((s, e))
                continue
            h = Hit(s, e, "ner", label="ORG")
            if self._common(doc, h):
                continue
            nxt2 = doc[e + 1].lower_ if e + 1 < n and doc[e].text == "," else ""
            root = next((x for x in toks if not (s <= x.head.i < e)), toks[-1])
            is_subject = root.dep_ in ("nsubj", "nsubjpass")
            if toks[-1].text in cue("company_suffixes") or (is_subject and nxt2 in cue("org_relatives")):
                out.append(h)
                continue
            subject = is_subject and root.head.lemma_.lower() in verbs
            if subject or (is_subject and nxt2 in cue("person_relatives")):
                h.label = "PERSON" if (e - s <= 3 and nxt2 not in cue("org_relatives")) else "ORG"
                out.append(h)
        return out

    def _common(self, doc: Doc, h: Hit) -> bool:
        """An entity made only of words this document also uses in lower case ("Banner",
        "International Community") is a capitalised common phrase, not a name."""
        lower = doc.user_data.get("_presslens_lower")
        if lower is None:
            lower = {t for t in _tokens(doc).text if t[:1].islower()}
            doc.user_data["_presslens_lower"] = lower
        words = [t for t in doc[h.start : h.end] if t.is_alpha]
        return bool(words) and all(t.is_stop or t.text.lower() in lower for t in words)

    def _in_longer_name(self, doc: Doc, h: Hit) -> bool:
        """Rule ``metonym_in_name``: a country's name inside a longer word or name does not stand
        for its government: a currency ("US$30 billion", "$US 1.5 billion", "A$"), a longer place
        name the gazetteer knows ("South America" is no "America")."""
        first, last = doc[h.start], doc[h.end - 1]
        if "$" in doc[h.start : h.end].text:
            return True
        prev = doc[first.i - 1] if first.i > 0 else None
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if (prev is not None and prev.text.endswith("$") and not prev.whitespace_) or (
                nxt is not None and nxt.text.startswith("$") and not last.whitespace_):
            return True
        return prev is not None and prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start \
            and self._is_place(f"{prev.text} {doc[h.start : h.end].text}")

    def _metonym_ok(self, doc: Doc, h: Hit) -> bool:
        """A place name stands for its government unless used as a location or a modifier."""
        last = doc[h.end - 1]
        nxt = doc[h.end] if h.end < len(doc) else None
        if nxt is not None and nxt.text in ("-", "‐") and h.end + 1 < len(doc):
            return False  # "US-Iran relations", "Tehran-Damavand Highway"
        if self._in_longer_name(doc, h):
            return False
        parsed = doc.has_annotation("DEP")
        if parsed and controls_infinitive(last):
            return True  # "called on Mali to hold elections": asked to act, not a location
        if parsed:
            if last.dep_ == "compound" or (last.dep_ == "nmod" and last.head.i > last.i):
                return False
            if located(last) or described(last):
                return False
        elif nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            return False  # unparsed headline or tag: "Iran Protests"
        prev = doc[h.start - 1] if h.start > 0 else None
        if prev is not None and prev.text.lower() in LOCATIVE:
            return False
        if prev is not None and prev.text == "," and h.start >= 2 and (
            doc[h.start - 2].ent_type_ in ("GPE", "LOC") or self._is_place(doc[h.start - 2].text)
        ):
            return False  # "JOS, Nigeria (AP)", "Lyon, France": a place's country
        return not (prev is not None and prev.text.lower() == "the" and h.start >= 2
                    and doc[h.start - 2].text.lower() in LOCATIVE)
