"""The spaCy component ``presslens_actors``: registry names, entities, surnames, state bodies."""

from __future__ import annotations

import bisect
import copy
import re
from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...lang import words
from ...records import Actor
from ...text.names import (
    SKIP,
    is_acronym,
    name_key,
    slug,
    token_keys,
)
from .agents import Agents
from .coref import DESCRIPTIONS, Coref
from .heads import type_by_name
from .joins import Joins
from .matcher import Hit, Key, Matcher, _Tokens, _tokens, family_key, matcher_for, surname_keys
from .not_actors import NotActors
from .offices import with_offices
from .people import People
from .registry import Registry, load_registry
from .state_bodies import StateBodies
from .titles import apposition_type, title_type

# Words left in lower case inside a name ("Army of the Pure", "Partido de la ..."): data file.
SMALL_WORDS = words("name_small_words")
# user_data key of the last scan (matcher, token texts, hits, surname candidates): see _scan.
_SCAN_KEY = "_presslens_scan"
def shouted_word(texts: list[str], i: int) -> bool:
    """Rule ``shouted_word``: an acronym that is also a common English word ("WHO", "US", "IT")
    inside a run of capitals ("WHO IS RESPONSIBLE?") is the word, not the acronym; alone among
    lower-case words ("the WHO said") it is the acronym."""
    w = texts[i]
    if not (w.isupper() and w.isalpha() and w.lower() in common_words()):
        return False

    def caps(j: int) -> bool:
        return 0 <= j < len(texts) and texts[j].isalpha() and len(texts[j]) > 1 and texts[j].isupper()

    return caps(i - 1) or caps(i + 1)


# Lower-case English words (spacy-lookups-data; lang/en/build_common_words): not proper names alone.
def common_words() -> frozenset[str]:
    """Read on first use (45k words): importing the package stays cheap for readers and the CLI."""
    return words("common_words")

# --------------------------------------------------------------------------- component

for _name, _default in (("actors", None), ("actor_records", None), ("actor_agents", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
for _name in ("actor_id", "actor_method"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

class ActorsComponent(People, Coref, StateBodies, Joins, Agents, NotActors):
    """spaCy component: sets ``doc._.actors`` (Spans with ``span._.actor_id``) and
    ``doc._.actor_records`` (provisional ``Actor`` records minted for unknown names)."""

    def __init__(self, nlp: Language, name: str = "presslens_actors", registry: Registry | None = None):
        self.nlp = nlp
        self.registry = registry or load_registry()
        self.matcher = matcher_for(self.registry, nlp.tokenizer)
        # The registry's government of each country: a "<country>'s government" resolves to it
        # (ours and users' entries: imported records are read only when a text names them).
        govs: dict[str, str] = {}
        for aid, e in sorted(getattr(self.registry.entries, "ours", self.registry.entries).items(),
                             key=lambda x: len(x[0])):
            if e.actor.type == "GOV" and e.actor.country and aid.endswith("-government"):
                govs.setdefault(e.actor.country, aid)
        self.govs = govs

    # ---------------------------------------------------------------- scanning
    def _scan(self, doc: Doc) -> tuple[list[Hit], list[Hit]]:
        """Registry hits (longest first) and surname candidates, over non-skipped tokens.

        The hits depend only on the tokens' texts (punctuation and space flags are lexical), so the
        scan of the tokenised Doc (``nlp`` masking names before the parse) is kept in its user data
        and reused for the parsed Doc with the same words (this component, after the parse): it was
        two scans per article. Callers change hits in place, so each gets copies."""
        toks = _tokens(doc)
        cached = doc.user_data.get(_SCAN_KEY)
        if cached is None or cached[0] is not self.matcher or cached[1] != toks.text:
            cached = (self.matcher, toks.text, *self._scan_tokens(toks))
            doc.user_data[_SCAN_KEY] = cached
        return [copy.copy(h) for h in cached[2]], [copy.copy(h) for h in cached[3]]

    def _scan_tokens(self, toks: _Tokens) -> tuple[list[Hit], list[Hit]]:
        m = self.matcher
        texts = toks.text
        pos: list[int] = []
        keys: list[tuple[str, str, str] | None] = []
        for ti, (t, punct, space) in enumerate(zip(texts, toks.punct, toks.space, strict=True)):
            if t in SKIP:
                continue
            if space or punct and t not in ("+",):
                pos.append(ti)
                keys.append(None)  # a boundary: names never cross punctuation or line breaks
                continue
            k = token_keys(t)
            pos.append(ti)
            keys.append(k if k[0] else None)
        hits: list[Hit] = []
        surnames: list[Hit] = []
        n = len(keys)
        i = 0
        while i < n:
            k0 = keys[i]
            if k0 is None:
                i += 1
                continue
            best: Hit | None = None
            cand = k0[0] in m.first_ci or k0[1] in m.first_cs or k0[2] in m.first_fz
            if cand:
                top = min(m.maxlen, n - i)
                # Windows are prefixes from i: none reaches past the first boundary.
                for b in range(1, top):
                    if keys[i + b] is None:
                        top = b
                        break
                full = keys[i : i + top]
                ci_all = tuple(w[0] for w in full)  # type: ignore[index]
                cs_all = tuple(w[1] for w in full)  # type: ignore[index]
                fz_all = tuple(w[2] for w in full)  # type: ignore[index]
                for ln in range(top, 0, -1):
                    ci = ci_all[:ln]
                    cs = cs_all[:ln]
                    found = m.cs.get(cs) or m.ci.get(ci)
                    start, end = pos[i], pos[i + ln - 1] + 1
                    if not found and ci in m.cap and _capitalised(texts[start:end]):
                        found = m.cap[ci]
                    if found and ln == 1 and cs in m.cs and shouted_word(texts, start):
                        found = None
                    if found:
                        kind = "alias" if "alias" in found else ("metonym" if "metonym" in found else "generic")
                        best = Hit(start, end, kind, tuple(sorted(found[kind])))
                        break
                    fz = fz_all[:ln]
                    if fz in m.fuzzy and texts[start][:1].isupper():
                        best = Hit(start, end, "fuzzy", (m.fuzzy[fz],))
                        break
                if best is None:
                    for ln in (3, 2, 1):
                        window = keys[i : i + ln]
                        if len(window) < ln or any(w is None for w in window):
                            continue
                        ci = tuple(w[0] for w in window)  # type: ignore[index]
                        if ci in m.surnames and texts[pos[i]][:1].isupper():
                            surnames.append(Hit(pos[i], pos[i + ln - 1] + 1, "surname", tuple(m.surnames[ci])))
                            break
            if best is not None and best.kind == "generic" and best.end - best.start > 1 and \
                    any(h.kind != "generic" and h.end > best.end for h in self._names_within(texts, keys, pos, i, best)):
                best = None  # "the Government | of Valdoria": a longer name starts inside the description
            if best is not None:
                hits.append(best)
                i = bisect.bisect_left(pos, best.end, i)  # pos is increasing
            else:
                i += 1
        return hits, surnames

    def _names_within(self, texts: Sequence[str], keys: Sequence[tuple[str, str, str] | None],
                      pos: Sequence[int], i: int, hit: Hit) -> list[Hit]:
        """Registry names starting after token i inside ``hit`` (exact keys only)."""
        m = self.matcher
        out = []
        j = i + 1
        while j < len(keys) and pos[j] < hit.end:
            for ln in range(min(m.maxlen, len(keys) - j), 0, -1):
                window = keys[j : j + ln]
                if any(w is None for w in window):
                    continue
                ci = tuple(w[0] for w in window)  # type: ignore[index]
                cs = tuple(w[1] for w in window)  # type: ignore[index]
                found = m.cs.get(cs) or m.ci.get(ci)
                if found and ("alias" in found or "metonym" in found):
                    out.append(Hit(pos[j], pos[j + ln - 1] + 1, "alias"))
                    break
            j += 1
        return out


    # ---------------------------------------------------------------- main
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        hits, surname_cands = self._scan(doc)
        taken = bytearray(len(doc) + 1)
        texts = _tokens(doc).text
        # A country's name before "'s" is left to the state-body rule, which reads it as the owner
        # of the body after it ("Nigeria's Ministry of Health", "Russia's defence ministry").
        possessors = {h.end: h for h in hits if h.kind == "metonym" and h.end < len(texts)
                      and texts[h.end] in ("'s", "’s")}
        for h in hits:
            if h.kind != "generic" and h.end not in possessors:
                taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        # A country's own body wins over a generic description inside it ("Ukraine's foreign ministry").
        state = self._state_bodies(doc, taken)
        owned = {possessors[x.start - 1].start for x in state if x.start - 1 in possessors}
        hits = [h for h in hits if h.start not in owned
                and (h.kind != "generic" or not any(taken[h.start : h.end]))]
        for h in hits:
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        # spaCy entities the registry missed; coordinated names are split ("X and Y" is two).
        place_keys = self._place_keys(doc)
        ner: list[Hit] = []
        ranges = [(r, ent.label_) for ent in doc.ents if ent.label_ in ("PERSON", "ORG")
                  for r in self._conjuncts(doc, ent.start, ent.end)]
        for (s, e), label in ranges:
            while e > s and (doc[e - 1].text in SKIP or doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            while s < e and (doc[s].is_punct or doc[s].is_space or doc[s].text.lower() == "the"):
                s += 1
            if s >= e or any(taken[s:e]):
                continue
            if label != "PERSON" and "(" in _tokens(doc).text[s:e]:
                e = _tokens(doc).text.index("(", s, e)  # "Front (UNE": the acronym is its own mention
                if e <= s:
                    continue
            if label == "PERSON":
                e = self._extend_person(doc, taken, s, e)
            elif doc[e - 1].text in self.registry.cue("law_titles") or self._headline_fragment(doc, s, e):
                continue  # "the Press Freedom Act"; "Mensah Introduce Bipartisan Bill"
            if self._not_actor(doc, s, e):
                taken[s:e] = b"\x01" * (e - s)  # "Python", "Danish Film Awards": no mention, no actor
                continue
            # A known surname cut by the entity edge ("Mme Le" | "Pen") wins over the entity.
            if any(c.start < e and c.end > s and not (s <= c.start and c.end <= e) for c in surname_cands):
                continue
            if label == "PERSON":
                # Drop a leading title inside the entity; it is re-attached by _title_before.
                while s < e - 1 and token_keys(doc[s].text)[0] in self.matcher.one_word_titles:
                    s += 1
            if not any(t.is_alpha and t.text[:1].isupper() for t in doc[s:e]):
                continue
            if label == "PERSON" and e - s >= 2 and self._org_cued(list(doc[s:e])):
                label = "ORG"  # "Sierra Norte Mining" read as a person
            ner.append(Hit(s, e, "ner", label=label))
            taken[s:e] = b"\x01" * (e - s)
        not_actors: list[tuple[int, int]] = []  # names judged places: handed to the places stage
        for h in self._unnamed(doc, taken, place_keys, not_actors):
            ner.append(h)
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        cands = [c for c in surname_cands if not any(taken[c.start : c.end])]
        all_hits = sorted(hits + state + ner + cands, key=lambda h: h.start)
        country_ctx = self._countries(all_hits) + Counter(ctx.get("countries") or {})
        full_names: list[tuple[int, str, Key]] = []  # (token, actor id, surname key) of full-name mentions
        out: list[Hit] = []
        seen_at: dict[str, int] = dict(ctx.get("seen") or {})
        typed: dict[str, tuple[str, str | None] | None] = {}  # provisional person -> (sector, country)
        reg = self.registry
        # Full names known up front, so a surname before its full name (a caption) still resolves.
        short_names: set[str] = set()  # persons named in full in at most three words (for article_surname)
        given: list[tuple[str, Key]] = []  # (actor id, given-name key) of full names written given name first
        for h in all_hits:
            one = self._one_person(h, seen_at, country_ctx) if h.kind in ("alias", "fuzzy") else None
            if one is not None:
                name, family_first = reg.entries[one].actor.name, reg.entries[one].actor.country in reg.cue("family_name_first")
            elif h.kind == "ner" and h.label == "PERSON" and len(doc[h.start : h.end].text.split()) >= 2 \
                    and name_key(doc[h.start : h.end].text) not in place_keys:
                one, name, family_first = provisional_id(doc[h.start : h.end].text), doc[h.start : h.end].text, False
            else:
                continue
            full_names.extend((h.start, one, k) for k in surname_keys(self.matcher, name))
            short_names.update([one] if h.end - h.start <= 3 else [])
            fk = family_key(self.matcher, name, family_first)
            if fk:
                full_names.append((h.start, one, fk))
            elif (gk := self.matcher.keys_of(name.split()[0])):
                given.append((one, gk[0]))
        all_hits = sorted(all_hits + self._article_surnames(
            doc, taken, [f for f in full_names if f[1] in short_names], place_keys), key=lambda h: h.start)
        for h in all_hits:
            if h.kind in ("alias", "fuzzy"):
                h.actor_id = self._pick(h.actors, seen_at, country_ctx, text=doc[h.start : h.end].text)
                h.method = "alias" if h.kind == "alias" else "spelling"
            elif h.kind == "metonym":
                if not self._metonym_ok(doc, h):
                    continue
                h.actor_id = self._pick(h.actors, seen_at, country_ctx)
                h.method = "metonym"
            elif h.kind == "generic":
                qualified = self._qualified_government(doc, h)
                h.actor_id = qualified or self._pick(h.actors, seen_at, country_ctx, need_context=True)
                if qualified:
                    h.label = "GOV"
                h.method = "context"
            elif h.kind == "ner":
                key = tuple(token_keys(t.text)[0] for t in doc[h.start : h.end] if t.text not in SKIP)
                article_surname = any(sk == key for _, _, sk in full_names)
                if article_surname or (h.label == "PERSON" and (len(key) == 1 or key in self.matcher.surnames)):
                    h.kind = "surname"
                    h.actors = tuple(self.matcher.surnames.get(key, ()))
                elif self._common(doc, h) or not self._proper_name(doc, h):
                    continue
                elif self._is_place(doc[h.start : h.end].text) or name_key(doc[h.start : h.end].text) in place_keys:
                    not_actors.append((h.start, h.end))
                    continue
                elif h.label != "PERSON" and (placed := self._placed_body(doc, taken, h.start, h.end)):
                    h.start, h.end, h.actor_id = placed
                    h.method, h.label = "state-body", "GOV"
                else:
                    h.actor_id = provisional_id(doc[h.start : h.end].text)
                    h.method = "provisional"
                    if h.label != "PERSON" and self._gov_cued(list(doc[h.start : h.end])):
                        h.label = "GOV"  # "Interior Ministry", "Senate", "police prefecture"
            elif h.kind == "agent":
                h.method = "agent"
            if h.kind == "surname":
                s, gender, titled = self._title_before(doc, h.start)
                h.gender, h.titled = gender, titled
                h.actor_id = self._surname(doc, h, full_names, seen_at)
                if h.actor_id is None and doc[h.start].ent_type_ == "PERSON" and not self._common(doc, h) \
                        and self._proper_name(doc, h) \
                        and name_key(doc[h.start : h.end].text) not in place_keys \
                        and not self._is_place(doc[h.start : h.end].text):
                    h.actor_id = self._given_name(doc, h, given)
                    if h.actor_id is None:
                        h.actor_id = provisional_id(doc[h.start : h.end].text)
                        h.method = "provisional"
                if h.actor_id is None:
                    continue
                h.start = s
            if h.actor_id is None:
                continue
            a = reg.actor(h.actor_id)
            if a is None and h.method == "provisional" and typed.get(h.actor_id) is None:
                # "Senator X" (rule title_sector), "X, a Liberal senator", "X, a mining company" (apposition_title)
                typed[h.actor_id] = (title_type(doc, h.start) if h.label == "PERSON" else None) \
                    or apposition_type(doc, h.end, person=h.label == "PERSON")
            if (a is not None and a.type == "PERSON") or (h.kind == "ner" and h.label == "PERSON"):
                h.start = self._title_before(doc, h.start, full_name=h.kind != "surname")[0]
            h.label = a.type if a is not None else h.label
            seen_at[h.actor_id] = h.start
            out.append(h)
        published = getattr(ctx.get("article"), "published", None)
        out = with_offices(doc, out, published, reg)  # "the US president"
        out = self._merge_slashed(doc, out)
        self._join_acronyms(doc, out)
        out = self._glossed(doc, out)
        # In-article coreference (coref.py): "Newmont", "the agency", "the president".
        self._short_names(doc, out)
        self._country_bodies(doc, out)
        out = self._definite(doc, out)
        out = self._bare_offices(doc, out, published)
        spans: list[Span] = []
        records: dict[str, Actor] = {}
        for h in out:
            span = Span(doc, h.start, h.end, label=h.label or "ORG")
            span._.actor_id = h.actor_id
            span._.actor_method = h.method
            spans.append(span)
            if not h.actor_id or reg.actor(h.actor_id) is not None:
                continue
            rec = records.get(h.actor_id)
            if rec is None:
                records[h.actor_id] = Actor(id=h.actor_id, name=h.name or strip_titles(span.text, self.matcher),
                                            type=h.label if h.label in ("PERSON", "GOV") else "ORG",
                                            provisional=True, aliases=[span.text])
                if (tt := typed.get(h.actor_id)) is not None:
                    records[h.actor_id].sector, records[h.actor_id].country = tt
            elif span.text not in rec.aliases and h.method not in DESCRIPTIONS:
                rec.aliases.append(span.text)
                if is_acronym(rec.name) and not is_acronym(span.text) and not h.name:
                    rec.name = strip_titles(span.text, self.matcher)  # the expansion names the actor
        type_by_name(records, spans, reg)  # "Leeds Trinity University": rule name_sector
        doc._.actors = spans
        doc._.actor_records = records
        # Generic agents on words no mention took: kept apart (``doc._.actor_agents``) and written
        # by the ``agents`` stage, which runs after quotes and events (docs/actors.md).
        busy = bytearray(len(doc) + 1)
        for h in out:
            busy[h.start : h.end] = b"\x01" * (h.end - h.start)
        agent_spans = []
        for h in self._agents(doc, busy, ()):
            span = Span(doc, h.start, h.end, label=h.label or "ORG")
            span._.actor_id = h.actor_id
            span._.actor_method = "agent"
            agent_spans.append(span)
        doc._.actor_agents = agent_spans
        ctx_out = doc.user_data.setdefault("presslens", {})
        ctx_out["countries"] = dict(country_ctx)
        ctx_out["seen"] = seen_at
        ctx_out["place_spans"] = sorted(not_actors)
        return doc

    def _article_surnames(self, doc: Doc, taken: bytearray, full_names: Sequence[tuple[int, str, Key]],
                          place_keys: set[str] | frozenset[str]) -> list[Hit]:
        """Rule ``article_surname``: a capitalised word no mention took that is the one-word surname
        of a person the article names in full, in two or three words ("Mohamed Tamalt ... Tamalt was
        convicted"; a longer "name" is most often a misread headline), is a
        surname hit where the parser tags no entity or a person (sentence-initial subjects often go
        untagged; a word it types as an organisation or place is not taken). A word joined to another untaken capitalised word is part of a longer name."""
        keys = {sk for _, _, sk in full_names if len(sk) == 1}
        if not keys:
            return []
        out: list[Hit] = []
        n = len(doc)

        def free_cap(j: int) -> bool:
            return 0 <= j < n and not taken[j] and doc[j].is_alpha and doc[j].text[:1].isupper()

        for i, t in enumerate(doc):
            if taken[i] or not t.is_alpha or not t.text[:1].isupper() or t.ent_type_ not in ("", "PERSON"):
                continue  # an entity the parser types otherwise ("Facebook" ORG) is not the person
            key = tuple(token_keys(t.text)[:1])
            if key not in keys or name_key(t.text) in place_keys:
                continue
            if free_cap(i + 1) or (free_cap(i - 1) and not doc[i].is_sent_start):
                continue
            h = Hit(i, i + 1, "surname", label="PERSON")
            if self._common(doc, h) or not self._proper_name(doc, h):
                continue
            out.append(h)
        return out

    def _proper_name(self, doc: Doc, h: Hit) -> bool:
        """A real proper name: not one common English word written in lower case
        (lang/en/common_words.txt), so "Shortcomings", "Drinking", "Page A8", "PDF" are not actors."""
        words = [t.text for t in doc[h.start : h.end] if t.is_alpha]
        # Several capitalised words are a name whatever they are ("National Teachers Front").
        return len(words) != 1 or words[0].lower() not in common_words()



def _capitalised(words: Sequence[str]) -> bool:
    """Every content word starts with a capital: a name as written, not a phrase ("army of ...")."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in SMALL_WORDS for w in words)


def strip_titles(text: str, matcher: Matcher) -> str:
    words = text.split()
    while len(words) > 1 and token_keys(words[0])[0] in matcher.one_word_titles:
        words = words[1:]
    return re.sub(r"['’]s$", "", " ".join(words))


def provisional_id(text: str) -> str:
    return "x-" + slug(re.sub(r"['’]s?$", "", text))


@Language.factory("presslens_actors", default_config={"extra": []})
def make_actors_component(nlp: Language, name: str, extra: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, load_registry(tuple(extra)))
