"""Event location: the place the text says the event happened in.

Only places the places layer found (``Place`` records) are used. A place counts when the parse
attaches it to the event as a location (rules below, tried in order, each named in the event's
``rules``); never when it is an actor's origin, seat or title ("officials in Erzincan"), a
destination ("fled to Uganda"), a topic ("sanctions on Iran"), a reference point ("north of
Baghdad", "outside Yangon") or part of a name ("the Kabul Times"). An event with no such place has
none (the article-level carry-over in ``discourse.py`` may still place it from its paragraph).

- ``place-locative``: a locative phrase on the trigger or its clause verb ("in", "at", "near",
  "across" ...), nested phrases read down to the most specific place ("in a market in Kabul",
  "in the village of Malkapur");
- ``place-object``: the place is what a material act is done to or in ("shelled Kharkiv", "fled
  Ruweng", "visited France", "stormed the town of Tessit");
- ``place-direction``: "from" for withdrawals and flights ("withdrew from Kidal"), "to" for sending
  aid or forces ("sent to Tonga"), "into" for incursions;
- ``place-modifier``: a place naming the event noun ("the Kabul bombing", "Tehran protests");
- ``place-venue``: the event noun's own verb ("the rally began in Paris", "fighting broke out in").
Words: ``events/places.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Place
from .. import syntax
from .common import PRECISION_RANK, VERBAL_TYPES, Ctx
from .parse import _governing_verb, misread_participle, subject_of
from .place_index import Index, _excluded, _words, data
from .rules import RULES, rule


def _rank(t: Token, p: Place) -> int:
    """A place's precision; one the gazetteer could not rank takes the rank of the place noun it
    names ("the Bela district of Sarwan province", "the village of X in Y province": finer than the
    province)."""
    r = PRECISION_RANK.get(p.precision, 0)
    if r == 0:
        noun = t.head if t.dep_ == "compound" else t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
        r = int(data()["place_noun_ranks"].get(noun.lemma_.lower() if noun is not None else "", 0))
    return r


def _best(cands: list[tuple[Token, Place]], anchor: Token) -> list[Place]:
    """The most specific places (a district over its city over its country), nearest the trigger;
    several when the phrase lists places of equal rank ("rallies in Brussels, Berlin and Stockholm")."""
    if not cands:
        return []
    top = max(_rank(t, p) for t, p in cands)
    tops = [(t, p) for t, p in cands if _rank(t, p) == top]
    listed = {(p.name or p.text).lower(): p for t, p in tops if t.dep_ == "conj" or t.conjuncts}
    if top >= 3 and len(listed) > 1:
        return list(listed.values())
    return [min(tops, key=lambda tp: abs(tp[0].i - anchor.i))[1]]


def _pp_places(idx: Index, host: Token, preps: frozenset[str], directional: bool = False) -> list[tuple[Token, Place]]:
    out: list[tuple[Token, Place]] = []
    for c in host.children:
        # ("sent troops to Laredo": the parser often reads "to" as a dative)
        if c.dep_ in ("prep", "advmod", "dative") and c.lower_ in preps:
            if _reference_point(c) and not (directional and c.lower_ in preps):
                continue
            for o in syntax.children(c, "pobj"):
                out += idx.under(o)
        elif c.dep_ == "prep" and c.lower_ in _words("place_noun_preps") and not directional:
            # "on the streets of Dhaka", "converged on Chile's capital", "a curfew on the town of Eldoret":
            # "on" locates an act only when its object is a place noun (not "sanctions on Iran").
            for o in syntax.children(c, "pobj"):
                if o.lemma_.lower() in _words("place_nouns"):
                    out += idx.under(o)
        elif c.dep_ == "prep" and c.lower_ in _words("reference_preps") and not _reference_point_named(c, idx):
            # "outside a mosque in Mogadishu": the reference point is the mosque; the city it is in
            # is where the act happened (unlike "outside Yangon").
            for o in syntax.children(c, "pobj"):
                out += [(t, p) for t, p in idx.under(o) if t != o]
    return out


def _reference_point_named(prep: Token, idx: Index) -> bool:
    """The reference phrase names a place itself ("outside Yangon", "from Kabul")."""
    return any(idx.at(o) is not None for o in syntax.children(prep, "pobj"))


def _reference_point(prep: Token) -> bool:
    """"north of Baghdad", "10 km from the border", "outside Yangon": a place used to locate
    something else is no location of its own (dev guidelines)."""
    if prep.lower_ in _words("reference_preps"):
        return True
    return any(c.lower_ in _words("directions") for c in prep.children) or (
        prep.head.lower_ in _words("directions"))


def _hosts(head: Token, span: tuple[int, int] | None = None) -> list[Token]:
    """The tokens whose phrases can hold the event's location: the trigger (every word of a
    phrasal one, "went on *strike* in Auckland"), its clause verb (the light verb of a noun trigger)."""
    hosts = [head]
    if span is not None:
        hosts += [head.doc[i] for i in range(*span) if i != head.i]
    if head.pos_ not in ("VERB", "AUX"):
        gv = _governing_verb(head)
        if gv is not None:
            hosts.append(gv)
    return hosts


def _frame_places(idx: Index, host: Token) -> list[tuple[Token, Place]]:
    """"detained 14 suspects during recent sweeps in Syria", "during a search for a Taliban
    leader in the Zurmat district": the operation an act is done in carries its place (and a search
    or hunt, the place of what it looks for)."""
    out: list[tuple[Token, Place]] = []
    for o in syntax.prep_objects(host, _words("frame_preps")):
        if o.lemma_.lower() not in _words("frame_nouns"):
            continue
        for n in [o, *syntax.prep_objects(o, ("for",))]:
            out += [(t, p) for t, p in idx.under(n) if t != o and not _via_reference(t, n)]
    return out


def _via_reference(t: Token, top: Token) -> bool:
    """The place is reached through a reference word ("raids north of Yusifiyah", "10 km from X")."""
    ref = _words("directions") | _words("reference_preps")
    while t != top and t.head != t:
        t = t.head
        if t != top and t.lower_ in ref:
            return True
    return False


@rule("place-locative", "place")
def locative(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """A locative phrase on the trigger or its clause verb ("in", "at", "near" ...); for a flight or a
    withdrawal, "into" names where it went, not where it happened (`destination_preps`)."""
    preps = _words("locative_preps") - frozenset(data()["destination_preps"].get(etype, ()))
    cands: list[tuple[Token, Place]] = []
    for h in _hosts(head, idx.span):
        cands += _pp_places(idx, h, preps)
    if not cands and etype not in VERBAL_TYPES:
        for h in _hosts(head, idx.span):
            cands += _frame_places(idx, h)
    if not cands and etype not in VERBAL_TYPES:
        # "arrested 25 marchers in Accra", "opened fire on a crowd of mourners in Mandalay": the
        # phrase often hangs on the act's object or target.
        targets = syntax.prep_objects(head, ("on", "at", "against", "upon")) if head.pos_ == "VERB" else []
        if head.pos_ in ("NOUN", "PROPN"):
            targets = syntax.prep_objects(head, ("of",))  # "the arrival of French forces in Estonia"
            if etype.lower() in _words("target_noun_types"):
                # "an attack on a checkpoint in Tarik", "a raid on a safe house in Nahri Siraj district"
                targets += syntax.prep_objects(head, ("on", "against", "upon"))
        objs = syntax.objects(head, conj=False)
        # "raided the apartments of opposition leaders in Moscow": the phrase hangs on the "of" noun.
        objs += [p for o in objs for p in syntax.prep_objects(o, ("of",))]
        for o in [*objs, *targets]:
            if not _actor_like(o):
                cands += _pp_places(idx, o, preps)
            else:  # "an attack on the Riverside High School in Multan": a target body's town is the place
                cands += [(t, p) for t, p in _pp_places(idx, o, preps) if p.precision in ("city", "site", "region")]
    return _best(cands, head)


def _actor_like(t: Token) -> bool:
    return t.ent_type_ in ("PERSON", "ORG", "NORP") or t.lemma_.lower() in _words("affiliation_nouns")


@rule("place-object", "place")
def object_place(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """The place itself is the object of a material act or a visit ("shelled Kharkiv", "visited
    France", "fled Ruweng", "stormed the town of Tessit")."""
    if head.pos_ not in ("VERB", "AUX") or (etype in VERBAL_TYPES and head.lemma_.lower() != "visit"):
        return []
    cands: list[tuple[Token, Place]] = []
    for o in syntax.children(head, "dobj"):
        if idx.at(o) is not None or o.lemma_.lower() in _words("place_nouns"):
            cands += idx.under(o)
    return _best(cands, head)


@rule("place-direction", "place")
def direction(ctx: Ctx, idx: Index, head: Token, etype: str, mode: str | None = None) -> list[Place]:
    """Where a withdrawal or flight leaves ("withdrew from Kidal"), where aid or forces are sent
    ("sent to Tonga"), where an incursion goes ("into northern Chad")."""
    d = data()["directional"]
    preps: set[str] = set()
    for prep, types in d.items():
        if etype in types or f"{etype}/{mode}" in types:
            preps.add(str(prep))
    if not preps:
        return []
    cands: list[tuple[Token, Place]] = []
    for h in _hosts(head):
        cands += _pp_places(idx, h, frozenset(preps), directional=True)
    return _best(cands, head)


@rule("place-modifier", "place")
def modifier(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """A place naming the event noun: "the Kabul bombing", "Tehran protests"."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    cands = [(c, p) for c in head.children if c.dep_ in ("compound", "nmod") and c.ent_type_ != "NORP"
             and (p := idx.at(c)) is not None and not _excluded(c)]
    return _best(cands, head)


@rule("place-venue", "place")
def venue(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """An event noun's own verb: "the rally began in Paris", "fighting broke out in Kibera", or its
    relative clause: "the protest that launched in Lashkar Gah", "the rally, which was held in Nairobi"."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    preps = _words("locative_preps")
    rels = [c for c in head.children if c.dep_ == "relcl" and any(
        s.dep_ in ("nsubj", "nsubjpass") and syntax.is_relative_pronoun(s) for s in c.children)]
    got = _best([x for r in rels for x in _pp_places(idx, r, preps)], head)
    if got or head.dep_ not in ("nsubj", "nsubjpass"):
        return got
    return _best(_pp_places(idx, head.head, preps), head)


@rule("place-list", "place")
def listed(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """"protests ... in several cities, including Tehran, Karaj, Ahwaz and Shiraz", "rallies in
    Brussels; Washington, D.C.; Berlin; and Stockholm": a plural event noun followed by a list of
    cities is one event per city, however the list was parsed."""
    if etype in VERBAL_TYPES:
        return []
    plural_places = any(t.tag_ == "NNS" and t.lemma_.lower() in _words("place_nouns")
                        for t in head.sent if t.i > head.i)
    if head.tag_ not in ("NNS", "NNPS") and not plural_places:
        return []  # ("posted pictures in various cities, including Tehran, Karaj ...")
    cities: dict[str, Place] = {}
    for i in sorted(idx.by_tok):
        p = idx.by_tok[i]
        t = head.doc[i]
        if i > head.i and p.precision == "city" and not _excluded(t):
            cities.setdefault((p.name or p.text).lower(), p)
    return list(cities.values()) if len(cities) >= 2 else []


@rule("place-agent", "place")
def agent(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """"workers at the Las Bambas mine in southern Peru walked off the job": where the people doing a
    material act are is where they do it (officials' seats excepted: "officials in X said")."""
    if etype in VERBAL_TYPES:
        return []
    verb = head if head.pos_ in ("VERB", "AUX") else _object_of_verb(head)  # "police fired tear gas"
    if verb is None:
        return []
    if misread_participle(verb):  # "police in X sealed off roads and deployed trucks mounted with ..."
        verb = verb.doc[verb.i - 1].head
    subj = subject_of(verb)
    if subj.token is None or subj.passive or _actor_like(subj.token) and not _forces_on_the_spot(subj.token, etype):
        return []
    return _best(_pp_places(idx, subj.token, frozenset({"in", "at", "near"})), head)


def _object_of_verb(tok: Token) -> Token | None:
    """The verb a noun trigger is the object of, through "of" phrases ("fired rounds of tear gas")."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("dobj", "pobj", "prep", "compound"):
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _forces_on_the_spot(t: Token, etype: str) -> bool:
    """"Police in Kuala Lumpur fired tear gas", "police in Peru's capital detained 300": police
    or officials doing a physical act (`seated_agent_types`) do it where they are; their seat is no
    place only for what they say ("officials in X said"). A named person or body stays an actor."""
    return etype.lower() in _words("seated_agent_types") and t.ent_type_ not in ("PERSON", "ORG", "NORP")


@rule("place-conjunct", "place")
def conjunct(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """"killed two gunmen and detained 11 suspects in Nineveh province": coordinated material acts
    of one subject share the locative phrase the parser hangs on one of them."""
    if etype in VERBAL_TYPES or head.pos_ != "VERB":
        return []
    for c in head.conjuncts:
        if c.pos_ != "VERB" or subject_of(c).token not in (None, subject_of(head).token):
            continue
        got = locative(ctx, idx, c, etype) or object_place(ctx, idx, c, etype)
        if got:
            return got
    return []


# Clauses that tell another act or describe a participant: their places are not this act's.
_OTHER_CLAUSE = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "ccomp", "advcl", "parataxis", "conj"})


def _same_clause(t: Token) -> bool:
    """Not another clause (a coordinated noun, "grenades and 500 rounds", stays in), not a phrase
    that tells another occasion or an origin ("after a search operation in Leeds", "deported
    from X", `clause_barrier_preps`), not a gerund's own act ("convicted of infecting children at a
    hospital in Benghazi")."""
    if t.dep_ in _OTHER_CLAUSE and not (t.dep_ == "conj" and t.pos_ not in ("VERB", "AUX")):
        return False
    if t.dep_ == "prep" and t.lower_ in _words("clause_barrier_preps"):
        return False
    return not (t.dep_ == "pcomp" and t.tag_ == "VBG")


@rule("place-clause", "place")
def clause(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """"seized a weapons cache containing 40 grenades and 500 rounds of ammunition in the Sangin
    district": the parser often hangs a physical act's locative phrase on a word deep in its object;
    a place in a locative phrase anywhere in the act's own clause is where it happened. Not through a
    subject (an actor's seat), another clause, a reference point, a phrase on a person or body
    ("civilians in Kabul"), another type's event ("arrested members after a march in Santiago"); a
    clause naming different places of one rank gives none. Physical acts only (`seated_agent_types`):
    an agreement's, aid's or sanction's clause often names what it concerns."""
    if etype.lower() not in _words("seated_agent_types"):
        return []
    roots = [head] if head.pos_ in ("VERB", "AUX") else [head, *([g] if (g := _governing_verb(head)) else [])]
    # Another kind of event's phrase holds that event's place; one of the same type is this act's frame.
    others = {t.head for t in (head.doc._.events or ()) if t.type != etype} - {head.i}
    cands: list[tuple[Token, Place]] = []
    preps = _words("locative_preps")
    for root in roots:
        stack = [c for c in root.children if _same_clause(c) and c.i not in others]
        while stack:
            t = stack.pop()
            if t.dep_ == "prep" and t.lower_ in preps and not _reference_point(t) and not _actor_like(t.head):
                for o in syntax.children(t, "pobj"):
                    if o.i not in others:
                        cands += [(x, p) for x, p in idx.under(o) if not _via_reference(x, o)]
            stack += [c for c in t.children if _same_clause(c) and c.i not in others]
    top = max((_rank(x, p) for x, p in cands), default=0)
    if len({(p.name or p.text).lower() for x, p in cands if _rank(x, p) == top}) > 1:
        return []
    return _best(cands, head)


@rule("place-sentence", "place")
def sentence_place(ctx: Ctx, idx: Index, head: Token, etype: str) -> list[Place]:
    """"held several men while searching for a smuggler in the Kolam district", "a bomber
    exploded a car near the assembly that was in session in Peshawar": when no rule finds a physical
    act's place in its own phrases or its outcomes' (run last, by ``place.places_for``), a sentence whose locative phrases (outside reference points,
    occasions and origins, `clause_barrier_preps`) name one place at their finest rank tells where it
    happened; two different places give none. Physical acts only (`seated_agent_types`), and not
    when the sentence tells an act of another type, whose place it may be."""
    if etype.lower() not in _words("seated_agent_types"):
        return []
    if any(t.type != etype and t.type.lower() not in _words("seated_agent_types") for t in head.doc._.events or ()
           if head.sent.start <= t.head < head.sent.end):
        return []
    preps = _words("locative_preps")
    barrier = _words("clause_barrier_preps")
    cands: list[tuple[Token, Place]] = []
    for t in head.sent:
        if t.dep_ != "prep" or t.lower_ not in preps or _reference_point(t) or _actor_like(t.head):
            continue
        if any(a.dep_ == "prep" and a.lower_ in barrier for a in t.ancestors):
            continue
        for o in syntax.children(t, "pobj"):
            cands += [(x, p) for x, p in idx.under(o) if not _via_reference(x, o)]
    top = max((_rank(x, p) for x, p in cands), default=0)
    if len({(p.name or p.text).lower() for x, p in cands if _rank(x, p) == top}) > 1:
        return []
    return _best(cands, head)


PLACE_RULES = (object_place, listed, locative, direction, modifier, venue, agent, conjunct, clause)


def event_places(ctx: Ctx, head: Token, etype: str, mode: str | None = None,
                 span: tuple[int, int] | None = None) -> tuple[list[Place], str | None]:
    """The event's places and the rule that found them (none: ``[], None``)."""
    idx = Index(ctx, head, span)
    if not idx.by_tok:
        return [], None
    for r in PLACE_RULES:
        got = direction(ctx, idx, head, etype, mode) if r is direction else r(ctx, idx, head, etype)
        if got:
            return got, next(n for n, x in RULES.items() if x.func is r)
    return [], None


def sentence_places(ctx: Ctx, head: Token, etype: str, span: tuple[int, int] | None = None) -> list[Place]:
    """``place-sentence``: the last resort, after the act's own phrases and its outcomes' phrases."""
    idx = Index(ctx, head, span)
    return sentence_place(ctx, idx, head, etype) if idx.by_tok else []
