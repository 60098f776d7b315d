"""When an event happened: dates attached to its own clause, not to another event or a qualified noun."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import DateRef
from .. import syntax
from .common import Ctx, _in
from .place import _inside_other_event, _occasion_of
from .rules import words


def _foreign_date(ctx: Ctx, d: DateRef, head: Token, trigger_heads: set[int]) -> bool:
    """The date belongs to something else: another event named inside this one's clause ("evidence
    about the massacre ... in 1988") or a noun it merely qualifies ("the 2015 nuclear deal")."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or head.sent.start > sp.root.i or sp.root.i >= head.sent.end:
        return False
    root = sp.root
    if root.dep_ == "prep" and root.head != head and root.head.dep_ in ("nsubj", "nsubjpass") \
            and root.head.pos_ in ("NOUN", "PROPN") and head not in root.head.ancestors:
        return True  # "Our steps over the past ten days should serve as a signal": the subject's time
    setting = root.head.dep_ == "pobj" and root.head.head.lower_ in ("at", "during")
    if root.dep_ in ("compound", "nummod", "amod") and root.head != head and root.head.pos_ in ("NOUN", "PROPN") \
            and not setting:
        return True
    return _inside_other_event(root, head, trigger_heads)



def _own_clause_date(ctx: Ctx, d: DateRef, head: Token) -> bool:
    """The date reaches the event only through the event's own clause chain: it sits inside the
    trigger's phrase, or in the clause whose verb governs the trigger (or a verb coordinated with
    it), or it is the sentence's frame adverbial on the root verb ("On Monday, ..."). A date inside
    another clause of the sentence ("miners who were shot during the 1972 massacre were not
    associated with the MEK's incursion") is that clause's."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end):
        return True
    root = sp.root
    if root == head or head in root.ancestors:
        return True
    occasion = _occasion_of(head)
    if occasion is not None and occasion in root.ancestors and head not in root.ancestors:
        return True
    cv = syntax.clause_head(head)
    dv = syntax.clause_head(root.head) if root.head != root else root
    if _reports(dv, cv):
        return False
    if dv == cv or dv.head == dv:
        return True
    if dv.tag_ in ("VBN", "VBG", "VBD") and dv.left_edge.i == head.i + 1 and head.pos_ in ("NOUN", "PROPN") \
            and not syntax.children(dv, "nsubj", "nsubjpass"):
        return True  # "rallies taken place over the past month", a reduced relative parsed onto the main verb
    return dv in cv.conjuncts or (cv.dep_ == "xcomp" and cv.head == dv)



def _reports(dv: Token, cv: Token) -> bool:
    """The date's verb is a reporting verb whose complement is the event's clause: "In September
    2002, Newsweek reported that the listing was ..." dates the report, not the listing."""
    return dv.head == dv and dv != cv and dv.lemma_.lower() in _REPORT_VERBS and cv.dep_ == "ccomp" and cv.head == dv



def _report_date(ctx: Ctx, d: DateRef, head: Token) -> bool:
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end) or sp.root.head == sp.root:
        return False
    return _reports(syntax.clause_head(sp.root.head), syntax.clause_head(head))



def _carries(ctx: Ctx, d: DateRef) -> bool:
    """A date that can set the time of later sentences: one attached to a clause ("on Monday",
    "in 1988"), not one qualifying a noun ("the 2015 deal", "the 1972 massacre")."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None:
        return True
    return not (sp.root.dep_ in ("compound", "nummod", "amod", "poss") and sp.root.head.pos_ in ("NOUN", "PROPN"))



def date_for(ctx: Ctx, span: Span, head: Token, trigger_heads: set[int] | None = None) -> DateRef | None:
    lo, hi = ctx.page(span)
    anchor = ctx.page(head)[0]
    s, e = ctx.page(span.sent)
    near = _in(ctx.dates, min(lo, s), max(hi, e))  # only these are used: test no others
    usable = [d for d in near if d.value and not (trigger_heads and _foreign_date(ctx, d, head, trigger_heads))]
    attached = [d for d in _in(usable, lo, hi) if _own_clause_date(ctx, d, head)]
    if attached:
        return sorted(attached, key=lambda d: abs(d.start - anchor))[0]
    in_sent = [d for d in _in(usable, s, e) if _own_clause_date(ctx, d, head)]
    if in_sent:
        return sorted(in_sent, key=lambda d: abs(d.start - anchor))[0]
    return None



_REPORT_VERBS = words("report_verbs")

