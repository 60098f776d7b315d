"""Reporting frames: what a reporting verb's dependents make of it, one small named rule each.

A rule takes the verb token and its lemma and returns what it reports (content offsets, the
speaker phrase, the kind) or None. :meth:`FrameRules.frames` tries them in order; the first that
applies wins. Kinds: ``indirect`` (a reported clause), ``speech_act`` (an act of saying with a noun,
infinitive or prepositional object), ``belief`` (a belief or intention). Examples with their
expected output and origin are in ``tests/test_quote_frames.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .. import syntax
from ..syntax import named_phrase as np
from ..syntax import own_subject
from .base import ExtractorBase
from .lexicon import subject_np


@dataclass(slots=True)
class Found:
    """What one frame reports (doc offsets)."""

    start: int
    end: int
    speaker: Span | None
    kind: str
    rule: str
    fragments: list[tuple[int, int]] = field(default_factory=list)
    agentless: bool = False  # no speaker on purpose ("is thought to", "we are told")


def _span_of(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _to_infinitives(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("xcomp", "advcl") and syntax.has_to_infinitive(c) and c.i > tok.i]


class FrameRules(ExtractorBase):
    def frames(self, tok: Token, lemma: str) -> list[Found]:
        """Everything ``tok`` (a reporting verb, lemma ``lemma``) reports: the first frame that applies."""
        on = self.ctx.get("frames")
        for rule in (self.frame_paren_as, self.frame_summary, self.frame_clause, self.frame_as_clause,
                     self.frame_passive_infinitive, self.frame_object_infinitive, self.frame_infinitive,
                     self.frame_prep_object, self.frame_noun_object):
            if on is not None and rule.__name__.removeprefix("frame_") not in on:
                continue
            found = rule(tok, lemma)
            if found is not None:
                return found
        return []

    # ------------------------------------------------------------------ clauses
    def clause_complements(self, tok: Token) -> list[Token]:
        """The clause a verb reports: its ``ccomp``, or a that-clause the parser hung elsewhere ("has
        reiterated time and again that ...", "said in a statement that ...")."""
        doc = self.doc
        return [c for c in tok.children if c.dep_ == "ccomp"] or [
            c for c in tok.children if c.dep_ in ("conj", "advcl", "dep") and c.i > tok.i
            and any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children)] or [
            c for p in tok.children if p.dep_ == "prep" and p.i > tok.i
            for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() in self.c["statement_nouns"]
            for c in n.children if c.dep_ in ("acl", "relcl", "ccomp") and c.i > n.i
            and (any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children)
                 # "in its briefing that the rebels had lost ...": a "that" read as a relative pronoun, but
                 # the clause has a subject of its own, so it is a complementiser
                 or (n.i + 1 < len(doc) and doc[n.i + 1].lower_ == "that" and own_subject(c)))]

    def _kind(self, lemma: str, default: str) -> str:
        return "belief" if lemma in self.c["belief_verbs"] else default

    def frame_paren_as(self, tok: Token, lemma: str) -> list[Found] | None:
        """"(as Khamenei himself warned in 2018)": the aside reports the phrase it is attached to."""
        sent = tok.sent
        paren = self.text.rfind("(", sent.start_char, tok.idx)
        if paren <= self.text.rfind(")", sent.start_char, tok.idx) or not re.match(r"\(\s*as\s", self.text[paren:tok.idx]):
            return None
        if lemma in self.c["weak_verbs"]:
            return []
        span = self._host_phrase(paren)
        return [] if span is None else [Found(*span, subject_np(tok), self._kind(lemma, "indirect"), "paren_as")]

    def frame_summary(self, tok: Token, lemma: str) -> list[Found] | None:
        """"CLAUSE, something (that) X bragged about / has asked": the clause is what X said."""
        if self.clause_complements(tok) or lemma in self.c["weak_verbs"]:
            return None
        span = self._summary_clause(tok)
        return None if span is None else [Found(*span, subject_np(tok), self._kind(lemma, "indirect"), "summary")]

    def frame_clause(self, tok: Token, lemma: str) -> list[Found] | None:
        """"X said (that) CLAUSE", "CLAUSE, X said", "X believes CLAUSE" (belief). Weak verbs (add, agree,
        point out, ...) and request-only verbs report a clause only with "that"; belief verbs report a bare
        clause too ("She thinks the plan will fail")."""
        ccomp = self.clause_complements(tok)
        if not ccomp:
            return None
        c = ccomp[0]
        has_that = any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        weak = set(self.c["weak_verbs"]) - set(self.c["belief_verbs"])
        request_only = lemma in self.c["request_verbs"] and lemma not in self.c["speech_verbs"]
        if not (has_that or (lemma not in weak | {"claiming"} and not request_only)):
            return None
        doc = self.doc
        s_tok = c.left_edge
        that = [g for g in c.children if g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i]
        if that and that[0].i > s_tok.i:  # "reiterated time and again that ...": after the "that"
            s_tok = that[0]
        while s_tok.i < c.i and (s_tok.dep_ == "mark" or s_tok.is_punct or (s_tok.lower_ == "that" and own_subject(c))):
            s_tok = doc[s_tok.i + 1]
        e_tok = c.right_edge
        if tok.i > c.i and ";" in self.text[s_tok.idx : tok.idx]:
            return []  # "Organisers put it at 9,000; police estimated 2,000": two claims, no report
        if e_tok.i >= tok.i > c.i:  # "..., writes John Perry": complement before the verb
            s, e = _span_of(s_tok, doc[tok.i - 1])
        else:  # reported content runs on to the end of the sentence ("..., but ...")
            s, e = s_tok.idx, max(e_tok.idx + len(e_tok.text), tok.sent.end_char)
        return [Found(s, e, subject_np(tok), self._kind(lemma, "indirect"), "clause")]

    def frame_as_clause(self, tok: Token, lemma: str) -> list[Found] | None:
        """"As Imam Khomeini said, CLAUSE" / "..., as has been stated by A and B" (one quote per agent)."""
        mark_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or (
            tok.dep_ == "advcl" and any(c.lower_ == "as" for c in tok.lefts))
        if not mark_as or tok.head is tok or lemma in self.c["weak_verbs"] or [
                c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]:
            return None
        head, sent = tok.head, tok.sent
        sub = list(tok.subtree)
        if sub[0].i > head.i:  # trailing "as X said"
            s_c, e_c = sent.start_char, sub[0].idx
        else:
            e_c = sent.end_char
            s_c = sub[-1].idx + len(sub[-1].text)
        agents = [a for a in syntax.prep_objects(tok, ("by",), conj=True)]
        kind = self._kind(lemma, "indirect")
        if agents:
            return [Found(s_c, e_c, np(a), kind, "as_clause") for a in agents]
        own = [c for c in tok.children if c.dep_ == "nsubj"]
        return [Found(s_c, e_c, np(own[0]) if own else None, kind, "as_clause")]

    def frame_passive_infinitive(self, tok: Token, lemma: str) -> list[Found] | None:
        """"X is said to be ...", "X is thought to have ..." (belief): the passive subject and the infinitive
        are the content; the source is the ``by`` agent, else nobody."""
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        inf = _to_infinitives(tok)
        if not subj or not inf or subj[0].lower_ in self.c["pronouns"] or syntax.is_relative_pronoun(subj[0]):
            return None
        agent = syntax.by_agent(tok)
        s_np = subj[0].doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
        first = inf[0].left_edge
        last = inf[0].right_edge
        frags = [(s_np.start_char, s_np.end_char), _span_of(first, last)]
        kind = "speech_act" if lemma in self.c["request_verbs"] else self._kind(lemma, "indirect")
        return [Found(frags[0][0], frags[1][1], np(agent) if agent is not None else None,
                      kind, "passive_infinitive", fragments=frags, agentless=agent is None)]

    # ------------------------------------------------------------------ speech acts
    def frame_object_infinitive(self, tok: Token, lemma: str) -> list[Found] | None:
        """"urged the workers to walk out", "called on the Government to ban ...": a request (speech act)."""
        if lemma not in self.c["request_verbs"]:
            return None
        obj = [c for c in tok.children if c.dep_ in ("dobj", "iobj")]
        if syntax.is_passive(tok):
            obj = []
        if not obj and lemma in ("call", "appeal"):
            obj = syntax.prep_objects(tok, ("on", "upon"))
            obj += [o for p in tok.children if p.dep_ == "prt" and p.lower_ in ("on", "upon")
                    for o in p.children if o.dep_ == "pobj"]
        # An infinitive only: "calls it exercising a right" names, it does not request.
        xc = _to_infinitives(tok) + [c for o in obj for c in o.children if c.dep_ in ("xcomp", "acl", "relcl")
                                     and syntax.has_to_infinitive(c)]
        if not (obj and xc):
            return None
        last = max(xc[0].right_edge, obj[0].right_edge, key=lambda t: t.i)
        first = min(obj[0].left_edge, xc[0].left_edge, key=lambda t: t.i)
        return [Found(*_span_of(first, last), subject_np(tok), "speech_act", "object_infinitive")]

    def frame_infinitive(self, tok: Token, lemma: str) -> list[Found] | None:
        """"pledged to cut emissions", "declined to comment" (speech acts); "plans to open", "hopes to
        reach" (beliefs and intentions)."""
        acts, beliefs = self.c["infinitive_acts"], self.c["belief_verbs"]
        if lemma not in acts and lemma not in beliefs or syntax.is_passive(tok):
            return None
        if any(c.dep_ in ("dobj", "iobj") for c in tok.children):
            return None
        inf = _to_infinitives(tok)
        if not inf:
            return None
        return [Found(*_span_of(inf[0].left_edge, inf[0].right_edge), subject_np(tok),
                      "belief" if lemma in beliefs else "speech_act", "infinitive")]

    def frame_prep_object(self, tok: Token, lemma: str) -> list[Found] | None:
        """"called for calm", "insisted on a recount", "warned of a second wave": the prepositional object."""
        preps = self.c["prep_acts"].get(lemma)
        if not preps:
            return None
        got = [p for p in tok.children if p.dep_ in ("prep", "prt") and p.lower_ in preps and p.i > tok.i
               and any(o.dep_ in ("pobj", "pcomp") for o in p.children)]
        if not got:
            return None
        p = got[0]
        return [Found(*_span_of(p, p.right_edge), subject_np(tok), "speech_act", "prep_object")]

    def frame_noun_object(self, tok: Token, lemma: str) -> list[Found] | None:
        """"denied the allegations", "announced 40 new cases", "accused the army of shelling ...",
        "described the claim as ...": the object with the verb's complements after it."""
        on = self.ctx.get("frames")
        wide = on is None or "object_acts" in on
        if lemma not in self.c["object_verbs"] and not (wide and lemma in self.c["object_acts"]):
            return None
        obj = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
        if not obj or obj[0].pos_ == "PRON" and obj[0].lower_ in self.c["pronouns"]:
            return None
        o = obj[0]
        last = max([o.right_edge] + [c.right_edge for c in tok.children if c.i > o.i and c.dep_ in (
            "prep", "npadvmod", "oprd", "xcomp", "dative")], key=lambda t: t.i)
        return [Found(*_span_of(o.left_edge, last), subject_np(tok), "speech_act", "noun_object")]

    # ------------------------------------------------------------------ adjectives
    def adjective_beliefs(self) -> list[tuple[Token, Found]]:
        """"The ministry is concerned that ...", "We are confident that ...": an adjective of belief with a
        clause (belief); the speaker is the subject of the copula."""
        out: list[tuple[Token, Found]] = []
        on = self.ctx.get("frames")
        if on is not None and "belief_adjective" not in on:
            return out
        adjs = set(self.c["belief_adjectives"])
        for tok in self.doc:
            if tok.lower_ not in adjs or tok.tag_ not in ("JJ", "VBN"):
                continue
            cl = [c for c in tok.children if c.dep_ == "ccomp"]
            if not cl or tok.dep_ not in ("acomp", "amod", "ROOT"):
                continue
            verb = tok.head if tok.dep_ == "acomp" else tok
            subj = syntax.subject(verb).token
            c = cl[0]
            s_tok = c.left_edge
            while s_tok.i < c.i and (s_tok.dep_ == "mark" or s_tok.is_punct):
                s_tok = self.doc[s_tok.i + 1]
            s, e = s_tok.idx, max(c.right_edge.idx + len(c.right_edge.text), tok.sent.end_char)
            out.append((tok, Found(s, e, np(subj) if subj is not None else None, "belief", "belief_adjective")))
        return out

    # ------------------------------------------------------------------ helpers
    def _host_phrase(self, paren: int) -> tuple[int, int] | None:
        """Content a parenthetical "(as X said)" at char ``paren`` comments on: the largest phrase that ends
        right before the bracket within its sentence, without a leading preposition ("With ...")."""
        span = self.doc.char_span(paren, paren + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            return None
        last = self.doc[span.start - 1]
        sent_start = last.sent.start
        cur = last
        for _ in range(12):  # climb while the head is still before the bracket
            h = cur.head
            if h is cur or h.i >= span.start or h.i < sent_start:
                break
            cur = h
        first = cur.left_edge
        while first.i < last.i and (first.is_punct or first.pos_ in ("ADP", "SCONJ", "CCONJ")
                                    or first.dep_ in ("prep", "mark", "cc")):
            first = self.doc[first.i + 1]
        return first.idx, last.idx + len(last.text)

    def _summary_clause(self, verb: Token) -> tuple[int, int] | None:
        """For "CLAUSE, something (that) X said": the clause before the comma, else None."""
        doc = self.doc
        nouns = self.c["summary_nouns"]
        if verb.dep_ == "relcl":
            ante = verb.head
        else:  # parsed flat: "..., something [nsubj] X [nsubj] has asked"
            own = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
            if len(own) < 2 or own[0].lower_ not in nouns:
                return None
            ante = own[0]
        if ante.lower_ not in nouns or ante.i < 2:
            return None
        nxt = verb.i + 1
        while nxt < len(doc) and doc[nxt].pos_ in ("ADV", "PART") and doc[nxt].lower_ != "to":
            nxt += 1
        if nxt < len(doc) and doc[nxt].pos_ in ("VERB", "AUX"):
            return None  # "something they say is ...": the noun is the subject of what they say
        k = ante.i - 1
        if doc[k].lower_ in ("a", "an", "one") and k > 1:
            k -= 1
        if doc[k].text not in (",", "—", "–", "-"):
            return None
        last = doc[k - 1]
        if last.is_punct or last.sent.start > last.i:
            return None
        cur = last
        for _ in range(12):  # up to the clause (a verb with a subject) that ends before the comma
            if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children):
                break
            h = cur.head
            if h is cur or h.i >= k:
                return None
            cur = h
        else:
            return None
        first = min((c.left_edge for c in cur.children if c.i < cur.i and c.dep_ in (
            "nsubj", "nsubjpass", "expl", "aux", "auxpass")), key=lambda t: t.i, default=cur)
        first = doc[max(first.i, cur.sent.start)]
        return first.idx, last.idx + len(last.text)
