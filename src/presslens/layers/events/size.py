"""Size of an event (dead, injured, arrested, participants) from the numbers layer's claims in its sentence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import syntax
from .common import Ctx, _in, lexicon
from .modality import aim_of
from .rules import words
from .trigger import Trigger


def size_of(ctx: Ctx, span: Span, head: Token, etype: str, trig: Trigger) -> dict[str, list[int | None]]:
    lex = lexicon()["size_nouns"]
    s, e = ctx.page(span.sent)
    lo_span, hi_span = ctx.page(span)
    size: dict[str, list[int | None]] = {}
    kill_words = words("kill_words")
    for n in _in(ctx.numbers, s, e):
        if n.low is None and n.high is None:
            continue
        # What the number counts: the number's own label, else the noun it modifies in the parse.
        counted: list[str] = []
        ntoks = [t for t in span.sent if n.start <= ctx.page(t)[0] < n.end]
        if not ntoks:
            counted = (n.counts or "").lower().split()
        if ntoks:
            t = ntoks[-1]
            noun = t.head if t.dep_ in ("nummod", "quantmod", "amod") else t
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    noun = next(iter(syntax.children(c, "pobj")), noun)
            counted += [noun.lemma_.lower(), noun.lower_]
            verb_ctx = {a.lemma_.lower() for a in [noun, *syntax.ancestors_within(noun, 2)]}
        else:
            verb_ctx = set()
        if ntoks and _in_other_aim(ntoks[-1], head):
            continue  # "jailed a woman who tried to buy explosives to kill 50": the 200 are the aim's, not the jailing's
        if trig.status in ("planned", "hypothetical") and etype != "PROTEST":
            continue  # "plotted to kill 200 people": a count in an intended act is its aim, not a toll
        inside = lo_span <= n.start < hi_span
        # The number counts the victims of this very trigger ("killed two guards", "prisoners who were executed").
        victims = bool(ntoks) and (noun.head == head and noun.dep_ in ("dobj", "nsubjpass")
                                   or head.head == noun and head.dep_ in ("relcl", "acl")
                                   or ntoks[-1].head == head and ntoks[-1].dep_ in ("dobj", "nsubjpass"))
        val = [n.low, n.high]
        cset = set(counted)
        if {"injured", "wounded", "injure", "wound"} & (cset | verb_ctx):
            size.setdefault("injured", val)
        elif {"arrest", "detain", "arrested", "detained"} & (verb_ctx | cset):
            size.setdefault("arrested", val)
        elif etype == "ASSAULT" and trig.words.split()[0] in kill_words and victims or etype == "ASSAULT" and (trig.words.split()[0] in kill_words) and (
                inside or {"kill", "die", "dead"} & verb_ctx) and any(w in lex["dead"] for w in counted) or {"kill", "die"} & verb_ctx and any(w in lex["dead"] for w in counted):
            size.setdefault("dead", val)
        elif etype == "PROTEST" and ntoks and ntoks[-1].dep_ == "nsubj" and ntoks[-1].head == head:
            size.setdefault("participants", val)  # "where 40,000 gathered"
        elif etype == "PROTEST" and any(w in lex["participants"] or w.rstrip("s") in lex["participants"]
                                        for w in counted):
            size.setdefault("participants", val)
    return size



def _in_other_aim(tok: Token, head: Token) -> bool:
    """``tok`` lies in the clause of an aim (modality.aim_of) that does not hold ``head``: a size
    belongs to the event whose clause holds it."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    found = aim_of(verb) if verb is not None else None
    return found is not None and not found[0].left_edge.i <= head.i <= found[0].right_edge.i
