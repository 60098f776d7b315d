"""Parse-tree helpers the layers share (events, quotes, actors): who is the subject of a verb, what
its objects are, which verb a noun depends on, whether a clause is passive, negated or conditional.

One implementation of each so that a parser quirk is handled once. The helpers read spaCy's English
dependency labels (ClearNLP style: ``nsubj``, ``nsubjpass``, ``dobj``, ``prep``/``pobj``, ``agent``,
``xcomp``, ``relcl`` ...) and the closed-class words in ``lang/en/function_words.yaml``; they never
look at content words, so which verbs or nouns matter stays the caller's business.

Every function takes and returns spaCy ``Token``s (or a ``Span`` for a noun phrase) and is pure.
Rule tests build small parses by hand (``spacy.tokens.Doc(vocab, words=, heads=, deps=, pos=)``),
see ``tests/test_syntax.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..lang import data

VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN", "PRON")
# Dependencies through which a noun is an argument of a verb (directly or via a preposition).
ARGUMENT_DEPS = ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")


@functools.cache
def function_words(key: str) -> frozenset[str]:
    """A closed word class from ``lang/en/function_words.yaml`` (``relative_pronouns``,
    ``negation``, ``conditional_marks``, ``first_person``, ``person_pronouns``, ``group_pronouns``,
    ``clause_openers``, ...)."""
    return frozenset(str(w).lower() for w in data("function_words")[key])


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access, and the
    layers read it several times per article (profiled: ~10 joins per article on first-pass news).
    Kept in ``user_data`` with the Doc's id, because masking copies user data to a new Doc with
    other words (``layers.masking``), whose text must not be the original's."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == id(doc):
        return str(cached[1])
    text = doc.text
    doc.user_data[_TEXT_KEY] = (id(doc), text)
    return text


_TEXT_KEY = "_presslens_text"


def is_verb(tok: Token) -> bool:
    """A verb by tag, or a token the parser gave a subject (title case misleads the tagger:
    "Farmers Walk Out" tags *Walk* PROPN, yet it heads a clause)."""
    return tok.pos_ in VERB_POS or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def children(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` with one of the dependency labels ``deps`` (all when none given)."""
    return [c for c in tok.children if not deps or c.dep_ in deps]


def prep_objects(tok: Token, preps: Iterable[str] | None = None, *, conj: bool = False) -> list[Token]:
    """Objects of the prepositions attached to ``tok`` ("attack *on* X" -> X), restricted to the
    preposition words ``preps`` (lower case) when given. A passive ``by`` phrase (dep ``agent``) counts
    as a preposition. With ``conj``, coordinated objects are included ("on X and Y" -> X, Y)."""
    wanted = None if preps is None else {p.lower() for p in preps}
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and (wanted is None or c.lower_ in wanted):
            for o in children(c, "pobj"):
                out.append(o)
                if conj:
                    out.extend(o.conjuncts)
    return out


def is_passive(verb: Token) -> bool:
    """A passive clause: a passive subject or auxiliary ("was killed")."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def by_agent(verb: Token) -> Token | None:
    """The ``by`` agent of a passive, reduced passive or nominal ("a plan proposed *by Macron*",
    "an attack by rebels")."""
    agents = prep_objects(verb, ("by",))
    return agents[0] if agents else None


def is_relative_pronoun(tok: Token) -> bool:
    return tok.lower_ in function_words("relative_pronouns")


class Subject(NamedTuple):
    """The agent of a verb and whether the clause is passive (then ``token`` is the ``by`` agent,
    or None when the passive names none)."""

    token: Token | None
    passive: bool


def subject(verb: Token, *, control: bool = True, repair: bool = True, depth: int = 0) -> Subject:
    """Who does what ``verb`` says: its subject, read through the constructions that hide it.

    - passive: the ``by`` agent, or none ("was killed" -> None, passive);
    - two subjects (a misparsed dateline "JOS, Nigeria (AP) - Gunmen raided"): the nearest one
      before the verb;
    - relative clause with a relative-pronoun subject: the noun it modifies ("rebels who attacked");
    - with ``control``: an infinitive complement takes its controller, the object when the governing
      verb has one ("urged the army *to withdraw*", "called on X *to act*"), else the governing
      verb's subject ("vowed *to retaliate*"); a passive governor's passive subject controls ("X was
      forced to accept");
    - coordinated verbs and adverbial clauses share their head verb's subject ("came and attacked");
    - a gerund after a preposition takes the governing clause's subject ("accused of killing");
    - a purpose clause ("in order to") takes its governing verb's subject; a participle or relative
      clause modifying a noun takes that noun ("troops sent to the border");
    - with ``repair``: a main verb the parser left without a subject takes the noun phrase just
      before it (:func:`left_subject`).
    """
    if depth > 6:
        return Subject(None, False)
    passive = is_passive(verb)
    agent = by_agent(verb) if passive or children(verb, "agent") else None
    if passive or agent is not None:
        return Subject(agent, True)
    subs = children(verb, "nsubj", "csubj")
    if subs:
        before = [c for c in subs if c.i < verb.i]
        s = before[-1] if len(subs) > 1 and before else subs[0]
        if is_relative_pronoun(s) and verb.dep_ == "relcl":
            return Subject(predicated(verb.head), False)
        return Subject(s, False)
    head = verb.head
    if head == verb:
        return Subject(left_subject(verb) if repair else None, False)
    if control and verb.dep_ == "xcomp":
        if is_passive(head):
            sp = children(head, "nsubjpass")
            return Subject(sp[0] if sp else None, False)
        objs = children(head, "dobj") or prep_objects(head, ("on", "upon"))
        if objs:
            return Subject(objs[0], False)
        return subject(head, control=control, repair=repair, depth=depth + 1)
    if control and verb.dep_ == "advcl" and is_passive(head) and by_agent(head) is None:
        # "X, who was involved in a plot to discredit Y": the passive clause's subject controls.
        sp = children(head, "nsubjpass")
        if sp and is_relative_pronoun(sp[0]) and head.dep_ == "relcl":
            return Subject(head.head, False)
        return Subject(sp[0] if sp else None, False)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in VERB_POS:
        return subject(head, control=control, repair=repair, depth=depth + 1)
    if verb.dep_ == "pcomp" and head.head.pos_ in VERB_POS:
        gov = head.head
        if is_passive(gov):
            sp = children(gov, "nsubjpass")
            return Subject(sp[0] if sp else None, False)
        return subject(gov, control=control, repair=repair, depth=depth + 1)
    purpose = purpose_governor(verb)
    if control and purpose is not None and verb.dep_ == "acl" and purpose.pos_ in VERB_POS:
        return subject(purpose, control=control, repair=repair, depth=depth + 1)  # "X visited Y in order to ban it"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in NOUN_POS:
        return Subject(head, False)  # "troops *sent* to the border": the noun does what the verb says
    if verb.dep_ == "dep" and repair:
        return Subject(left_subject(verb), False)
    return Subject(None, False)


def predicated(noun: Token) -> Token:
    """What an ``as`` phrase describes: "denounced X *as a group* that ..." -> X (the verb's
    object); any other noun is returned unchanged."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in VERB_POS:
        objs = children(noun.head.head, "dobj")
        if objs:
            return objs[0]
    return noun


def left_subject(verb: Token) -> Token | None:
    """Repair for a main verb the parser left without a subject after a misattached noun phrase
    ("Hours before the congress opened in Madrid, the interior minister, Omar Haddad, visited Spain", the
    minister parsed as an apposition to Paris): the noun phrase just before the verb, climbing a
    compound and an apposition to its head."""
    doc, i = verb.doc, verb.i - 1
    while i >= verb.sent.start and (doc[i].is_punct or doc[i].dep_ in ("advmod", "aux", "neg")):
        i -= 1
    if i < verb.sent.start:
        return None
    t = doc[i]
    if t.pos_ not in ("PROPN", "NOUN") or t.head.i > verb.i:
        return None
    while t.dep_ in ("compound", "flat") and t.head.i < verb.i:
        t = t.head
    if t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    return t if t.head != verb else None


def objects(verb: Token, *, conj: bool = True) -> list[Token]:
    """What ``verb`` acts on: its direct objects, or the passive subject of a passive ("X was
    attacked" -> X); with ``conj`` coordinated objects too ("attacked X and Y")."""
    out = children(verb, "dobj")
    if is_passive(verb):
        out += children(verb, "nsubjpass")
    if conj:
        out = [t for o in out for t in (o, *o.conjuncts)]
    return out


def object(verb: Token) -> Token | None:  # noqa: A001  (the one ``object()`` the layers share)
    """The first of :func:`objects`, or None."""
    objs = objects(verb, conj=False)
    return objs[0] if objs else None


def governor(noun: Token) -> Token | None:
    """The verb a noun is an argument of, directly or through one preposition, after climbing its
    coordination or apposition ("reached *a deal and a truce*", "agreed *on* a deal", "the deal was
    signed"). None when the noun hangs off another noun."""
    t = noun
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head
    if t.dep_ in ARGUMENT_DEPS and t.head.pos_ in VERB_POS:
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent") and t.head.head.pos_ in VERB_POS:
        return t.head.head
    return None


def clause_head(tok: Token, limit: int = 12) -> Token:
    """The verb heading the clause ``tok`` belongs to (``tok`` itself when it is a verb; the root
    when no verb is met)."""
    t = tok
    for _ in range(limit):
        if t.pos_ in VERB_POS or t.head == t:
            return t
        t = t.head
    return t


def ancestors_within(tok: Token, n: int) -> list[Token]:
    """Up to ``n`` heads above ``tok``, nearest first."""
    out: list[Token] = []
    t = tok
    for _ in range(n):
        if t.head == t:
            break
        t = t.head
        out.append(t)
    return out


def negated(tok: Token) -> bool:
    """The word is negated by its own dependents: a ``neg`` child ("did not attack"), or a negative
    determiner or adverb ("*no* agreement", "*never* met")."""
    neg = function_words("negation")
    return any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod", "preconj") and c.lower_ in neg)
               for c in tok.children)


def conditional(verb: Token, up: int = 2) -> bool:
    """The clause of ``verb`` (or one of the ``up`` clauses above it) is introduced by a conditional
    subordinator ("*if* they attack", "*unless* talks resume"), or has a conditional clause of its
    own ("would respond *if* attacked")."""
    marks = function_words("conditional_marks")
    if any(c.dep_ == "mark" and c.lower_ in marks for t in [verb, *ancestors_within(verb, up)] for c in t.children):
        return True
    # "would offer mediation if both sides asked": an if-clause attached to the verb conditions it.
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in verb.children)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it, in text order."""
    return sorted([tok, *tok.conjuncts], key=lambda t: t.i)


def has_to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def purpose_governor(verb: Token) -> Token | None:
    """The verb a to-infinitive purpose clause depends on ("flew to Lagos *to meet*" -> flew),
    "in order to" included; None when ``verb`` is not such a clause."""
    if verb.pos_ not in VERB_POS or not has_to_infinitive(verb):
        return None
    if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
        return verb.head.head.head
    return verb.head if verb.dep_ in ("advcl", "xcomp") else None


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok`` without its asides: relative clauses and comma-set
    appositions are cut, compounds, numbers and ``of`` complements kept ("the leader of the
    group, who spoke ..." -> "the leader of the group")."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.i
    for ch in tok.children:
        if ch.i > tok.i and ch.dep_ in ("compound", "flat", "nummod"):
            right = max(right, ch.right_edge.i)
        if ch.i > tok.i and ch.dep_ == "prep" and ch.lower_ == "of":
            right = max(right, ch.right_edge.i)
    while left < right and (doc[left].is_punct or doc[left].dep_ in ("prep", "cc")):
        left += 1
    for t in doc[left:right + 1]:
        if t.text == "," and t.i > tok.i:
            return doc[left:t.i]
    for t in doc[left:right + 1]:
        if t.text == "," and t.i < tok.i:
            left = t.i + 1
    return doc[left:right + 1]


def subtree_span(tok: Token) -> Span:
    """The contiguous span from ``tok``'s leftmost to rightmost descendant."""
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1]


# --------------------------------------------------------------------------- reported speech
# Readings the quotes layer needs (moved from ``layers/quotes/tree.py``): the sentence at an offset,
# the subject phrase of a reporting verb through passives, relatives, coordination and control, and a
# noun phrase that prefers the name set beside a description.


def sentence_at(doc: Doc, pos: int) -> Span | None:
    """The sentence of ``doc`` that holds character offset ``pos``."""
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent
    return None


def named_phrase(tok: Token) -> Span:
    """:func:`noun_phrase`, but a description with a name set beside it stands for the name ("his close
    relative and advisor, Kamal Kharrazi," -> "Kamal Kharrazi")."""
    appos = [c for t in [tok, *tok.conjuncts] for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if appos and tok.pos_ != "PROPN":
        return named_phrase(appos[0])
    return noun_phrase(tok)


def own_subject(verb: Token) -> bool:
    """Does a clause have a subject other than a relative pronoun ("that", "which")?"""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in function_words("relative_pronouns")
               for c in verb.children)


def reporting_subject(verb: Token, personal: Callable[[Token], bool],
                      carrier: Callable[[Token], bool] | None = None) -> Span | None:
    """Subject phrase of a reporting verb: the ``by`` agent of a passive; the noun a relative clause
    modifies ("a quote from X, which said" -> X); of two subjects the one nearest the verb that is not a
    "Name:" label; else the subject of the verb it is coordinated with or subordinate to, or its object
    under object control ("forced Khamenei to acknowledge"; for a purpose clause only when ``personal``
    says the object is a person: "sent his advisor, Kharrazi, to denounce", not "wrote a letter to
    denounce"). A relative clause on a noun that only carries words (``carrier``: "chanting slogans that
    urged X") speaks for whoever produced it: the subject found from the verb whose object it is."""
    v = verb
    for _ in range(6):
        carried = False
        subjects = [ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) > 1:
            subjects = [c for c in subjects if not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == ":")] or subjects
            subjects = sorted(subjects, key=lambda c: (c.i > v.i, abs(v.i - c.i)))[:1]
        for ch in subjects:
            if ch.dep_ == "nsubjpass":
                agent = [g for g in v.children if g.dep_ == "agent"]
                pobj = [p for p in agent[0].children if p.dep_ == "pobj"] if agent else []
                if pobj:
                    return named_phrase(pobj[0])
            if is_relative_pronoun(ch) and v.dep_ == "relcl":
                ante = v.head
                if carrier is not None and carrier(ante) and ante.dep_ == "dobj" and ante.head.i != ante.i:
                    v, carried = ante.head, True
                    break
                src = [p for p in ante.children if p.dep_ == "prep" and p.lower_ in ("from", "by")]
                pobj = [p for p in src[0].children if p.dep_ == "pobj"] if src else []
                return named_phrase(pobj[0] if pobj else ante)
            return named_phrase(ch)
        if carried:
            continue
        if v.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl") and v.head.i != v.i:
            to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            if v.dep_ == "xcomp" or (v.dep_ == "advcl" and to_inf):
                obj = [c for c in v.head.children if c.dep_ == "dobj"]
                if obj and (v.dep_ == "xcomp" or personal(obj[0])):
                    return named_phrase(obj[0])
            v = v.head
            continue
        break
    return None
