"""Parse-tree readings the quote rules use: the subject phrase of a reporting verb (through
passives, relatives, coordination and control), noun phrases without their asides.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import cues


def sent_of(doc: Doc, pos: int) -> Span | None:
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent
    return None


def subject_np(verb: Token) -> Span | None:
    """Subject phrase of a reporting verb, following conj/advcl/xcomp heads when it has none."""
    seen = 0
    v = verb
    while seen < 4:
        # Two subjects: "Bloomfield: President Bush acknowledged" parses the label as one; the subject
        # nearest the verb (and not a "Name:" label) is the real one.
        subjects = [ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) > 1:
            subjects = [c for c in subjects if not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].text == ":")] or subjects
            subjects = sorted(subjects, key=lambda c: (c.i > v.i, abs(v.i - c.i)))[:1]
        for ch in subjects:
            if ch.dep_ in ("nsubj", "nsubjpass"):
                if ch.dep_ == "nsubjpass":
                    agent = [g for g in v.children if g.dep_ == "agent"]
                    if agent and list(agent[0].children):
                        pobj = [p for p in agent[0].children if p.dep_ == "pobj"]
                        if pobj:
                            return np(pobj[0])
                if ch.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
                    ante = v.head
                    src = [p for p in ante.children if p.dep_ == "prep" and p.lower_ in ("from", "by")]
                    if src:
                        pobj = [p for p in src[0].children if p.dep_ == "pobj"]
                        if pobj:
                            return np(pobj[0])
                    return np(ante)
                return np(ch)
        if v.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl") and v.head is not v:
            to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            if v.dep_ == "xcomp" or (v.dep_ == "advcl" and to_inf):
                # Object control: "forced Khamenei to acknowledge", "sent his advisor, Kharrazi, to denounce"
                # (for a purpose clause only when the object is a person, not "wrote a letter to denounce").
                obj = [c for c in v.head.children if c.dep_ in ("dobj",)]
                if obj and (v.dep_ == "xcomp" or personal(obj[0])):
                    return np(obj[0])
            v = v.head
            seen += 1
            continue
        break
    return None


def own_subject(verb: Token) -> bool:
    """Does a clause have a subject other than a relative "that"/"which"?"""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("that", "which", "who")
               for c in verb.children)


def personal(tok: Token) -> bool:
    """Does this noun phrase denote a person (a PERSON name, apposition, or a person noun)?"""
    pn = cues()["person_nouns"]
    heads = [tok, *tok.conjuncts]
    heads += [c for t in heads for c in t.children if c.dep_ == "appos"]
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in pn or t.lower_ in pn for t in heads)


def np(tok: Token) -> Span:
    """The noun phrase of a token without relative clauses or appositions (asides)."""
    doc = tok.doc
    appos = [c for t in [tok, *tok.conjuncts] for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if appos and tok.pos_ != "PROPN":
        return np(appos[0])  # "his close relative and advisor, Kamal Kharrazi,"
    left = tok.left_edge.i
    right = tok.i
    for ch in tok.children:
        if ch.i > tok.i and ch.dep_ in ("compound", "flat", "nummod") :
            right = max(right, ch.right_edge.i)
        if ch.i > tok.i and ch.dep_ == "prep" and ch.lower_ == "of":
            right = max(right, ch.right_edge.i)
    # Cut leading prepositions/punctuation.
    while left < right and (doc[left].is_punct or doc[left].dep_ in ("prep", "cc")):
        left += 1
    span = doc[left : right + 1]
    # Stop at an aside comma: "Sir David Amess, co-chair of ..., said".
    for t in span:
        if t.text == "," and t.i > tok.i:
            return doc[left : t.i]
    for t in span:
        if t.text == "," and t.i < tok.i:
            left = t.i + 1
    return doc[left : right + 1]

