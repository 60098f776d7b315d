"""Indirect speech from the dependency parse: a reporting verb with a clause ("X said that ..."), a
request verb with object + infinitive ("urged X to ..."), object verbs ("condemned X"), "according
to X", "as X said", parenthetical "(as X warned)", and summarising relatives ("..., something X
has asked").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from .base import ExtractorBase
from .items import RawQuote
from .lexicon import cue_lemma
from .marks import trim_end
from .tree import np, own_subject, personal, subject_np


class IndirectRules(ExtractorBase):
    def indirect(self, direct: list[RawQuote]) -> list[RawQuote]:
        out: list[RawQuote] = []
        doc = self.doc
        min_words = int(self.c["min_indirect_words"])
        dspans = [(d.start, d.end) for d in direct]
        direct_cues = {d.cue_start for d in direct if d.cue_start is not None
                       and len(self.text[d.start : d.end].split()) >= int(self.c["min_uncued_words"])}
        weak = set(self.c["weak_verbs"])
        for tok in doc:
            lemma = cue_lemma(tok)
            if lemma is None and tok.lower_ != "according":
                continue  # neither branch below can use it: skip the part lookup
            if self.role(tok.idx) in ("title", "caption", "tags", "related_link", "boilerplate", "header", "byline"):
                continue
            if lemma is not None and (
                tok.idx in direct_cues
                or any(c.dep_ == "neg" for c in tok.children)  # "do not admit that": no claim
                # "to ask", purposes; but "forcing Khamenei to acknowledge X" states that he did
                or (any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                    and not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.c["cause_verbs"]))
                or (tok.idx > 0 and self.text[tok.idx - 1] == "-")
            ):
                continue
            content: list[tuple[int, int]] = []
            speakers: list[Span | None] = []
            in_parens = paren_as = False
            if lemma is not None:
                subj = subject_np(tok)
                if lemma in self.c["finding_verbs"] and (subj is None or subj.root.pos_ == "PRON" or personal(subj.root)):
                    continue  # "she found that ...": a perception, not a report
                ccomp = [c for c in tok.children if c.dep_ == "ccomp"] or [
                    # "has reiterated time and again that they ...": a that-clause the parser hung elsewhere
                    c for c in tok.children if c.dep_ in ("conj", "advcl", "dep") and c.i > tok.i
                    and any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children)] or [
                    # "said in a statement that ...": the that-clause hung off the statement noun
                    c for p in tok.children if p.dep_ == "prep" and p.i > tok.i
                    for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() in self.c["statement_nouns"]
                    for c in n.children if c.dep_ in ("acl", "relcl", "ccomp") and c.i > n.i
                    and (any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children)
                         # "in its briefing that Ukraine had lost ...": a "that" read as a relative pronoun,
                         # but the clause has a subject of its own, so it is a complementiser
                         or (n.i + 1 < len(doc) and doc[n.i + 1].lower_ == "that" and own_subject(c)))]
                mark_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or (
                    tok.dep_ == "advcl" and any(c.lower_ == "as" for c in tok.lefts))
                sent = tok.sent
                paren = self.text.rfind("(", sent.start_char, tok.idx)
                in_parens = paren > self.text.rfind(")", sent.start_char, tok.idx)
                # "(as Khamenei himself warned in 2018)": the aside reports the phrase it is attached to.
                paren_as = in_parens and re.match(r"\(\s*as\s", self.text[paren : tok.idx]) is not None
                summary = self._summary_clause(tok) if not ccomp else None
                has_that = bool(ccomp) and any(c.dep_ == "mark" and c.lower_ == "that" for c in ccomp[0].children)
                # A request-only verb reports a clause only with "that" ("calls it exercising a right" names it).
                request_only = lemma in self.c["request_verbs"] and lemma not in self.c["speech_verbs"]
                if paren_as and lemma not in weak:
                    span = self._host_phrase(paren)
                    if span is not None:
                        content.append(span)
                        speakers.append(subj)
                    in_parens = False
                elif summary is not None and lemma not in weak:
                    # "CLAUSE, something (that) X bragged about / has asked": the clause is what X said.
                    content.append(summary)
                    speakers.append(subj)
                elif ccomp and (has_that or (lemma not in weak | {"claiming"} and not request_only)):
                    c = ccomp[0]
                    s_tok = c.left_edge
                    that = [g for g in c.children if g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i]
                    if that and that[0].i > s_tok.i:  # "reiterated time and again that ...": after the "that"
                        s_tok = that[0]
                    while s_tok.i < c.i and (s_tok.dep_ == "mark" or s_tok.is_punct
                                             or (s_tok.lower_ == "that" and own_subject(c))):
                        s_tok = doc[s_tok.i + 1]
                    e_tok = c.right_edge
                    if tok.i > c.i and ";" in self.text[s_tok.idx : tok.idx]:
                        continue  # "Organisers put it at 9,000; police estimated 2,000": two claims, no report
                    if e_tok.i >= tok.i > c.i:  # "..., writes John Perry": complement before the verb
                        e_tok = doc[tok.i - 1]
                        content.append((s_tok.idx, e_tok.idx + len(e_tok.text)))
                    else:  # reported content runs on to the end of the sentence ("..., but ...")
                        content.append((s_tok.idx, max(e_tok.idx + len(e_tok.text), tok.sent.end_char)))
                    speakers.append(subj)
                elif mark_as and tok.head is not tok and lemma not in weak and not in_parens and not [
                        c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]:
                    # "As Imam Khomeini said, CLAUSE" / "..., as has been stated by A and B"
                    head = tok.head
                    sent = tok.sent
                    sub = list(tok.subtree)
                    if sub[0].i > head.i:  # trailing "as X said"
                        s_c, e_c = sent.start_char, sub[0].idx
                    else:
                        e_c = sent.end_char
                        s_c = sub[-1].idx + len(sub[-1].text)
                    content.append((s_c, e_c))
                    agents = []
                    for ch in tok.children:
                        if ch.dep_ == "agent":
                            for p in ch.children:
                                if p.dep_ == "pobj":
                                    agents.append(p)
                                    agents += [c for c in p.conjuncts]
                    if agents:
                        for a in agents:
                            speakers.append(np(a))
                            if len(speakers) > len(content):
                                content.append((s_c, e_c))
                    else:
                        own = [c for c in tok.children if c.dep_ == "nsubj"]
                        speakers.append(np(own[0]) if own else None)
                elif lemma in self.c["request_verbs"]:
                    obj = [c for c in tok.children if c.dep_ in ("dobj", "iobj")]
                    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                        obj = []
                    if not obj and lemma in ("call", "appeal"):
                        preps = [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")]
                        for p in preps:
                            obj += [c for c in p.children if c.dep_ == "pobj"]
                    # An infinitive only: "calls it exercising a right" names, it does not request.
                    xc = [c for c in tok.children if c.dep_ in ("xcomp", "advcl") and any(
                        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)] + [
                        c for o in obj for c in o.children if c.dep_ in ("xcomp", "acl", "relcl") and
                        any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
                    if obj and xc:
                        s_c = min(obj[0].left_edge.idx, xc[0].left_edge.idx)
                        e_t = max(xc[0].right_edge, obj[0].right_edge, key=lambda t: t.i)
                        content.append((s_c, e_t.idx + len(e_t.text)))
                        speakers.append(subj)
                elif lemma in self.c["object_verbs"]:
                    obj = [c for c in tok.children if c.dep_ == "dobj"]
                    # "acknowledge their role in popularizing ...": the object with the verb's own modifiers.
                    e_t = max([obj[0].right_edge] + [c.right_edge for c in tok.children if c.i > obj[0].i and c.dep_ in (
                        "prep", "npadvmod")], key=lambda t: t.i) if obj else tok
                    if obj and e_t.i - obj[0].left_edge.i + 1 >= min_words:
                        content.append((obj[0].left_edge.idx, e_t.idx + len(e_t.text)))
                        speakers.append(subj)
            elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                got = self._according(tok)
                if got is not None:
                    content.append(got[0])
                    speakers.append(got[1])
                    lemma = "according to"
            for (s_c, e_c), sp in zip(content, speakers, strict=False):
                while s_c < e_c and self.text[s_c] in " ,;:\n\u00a0":
                    s_c += 1
                line = self.text.rfind("\n", 0, s_c) + 1
                dm = self._dateline.match(self.text, line, e_c)
                if dm and s_c < dm.end():  # "KADUNA, Nigeria (AP) — Gunmen stormed ...": not reported content
                    s_c = dm.end()
                # One pair of quote marks is one quotation: content that starts inside a quotation ends with it.
                for ds, de in dspans:
                    if ds < s_c < de < e_c:
                        e_c = de
                e_c = trim_end(self.text, s_c, e_c)
                while e_c > s_c and self.text[e_c - 1] in ",;:":
                    e_c -= 1
                words = self.text[s_c:e_c].split()
                if len(words) < min_words:
                    continue
                # Only quotations starting inside the content compete with it (not enclosing ones).
                inner = [(s, e) for s, e in dspans if s >= s_c - 2 and s < e_c]
                # A short quoted phrase inside a reported clause ("told reporters that the army "does not
                # strike civilians"", "says the plan has "broad support."") is part of one indirect statement:
                # the clause has its own words before the marks. Long quotations still win (direct speech).
                inner = [(s, e) for s, e in inner if not (
                    len(self.text[s:e].split()) < int(self.c["min_uncued_words"])
                    and re.search(r"[^\W\d_]", self.text[s_c : max(s_c, s - 1)]) and s - 1 > s_c)]
                covered = sum(max(0, min(e, e_c) - max(s, s_c)) for s, e in inner)
                if covered >= 0.5 * (e_c - s_c) or any(len(self.text[s_c:s].split()) <= 4 for s, _ in inner):
                    continue
                passive = sp is not None and sp.root.dep_ == "nsubjpass" and lemma in self.c["passive_unnamed"]
                if passive:  # "We are told that ...", "Residents were assured that ...": the speaker is unnamed
                    sp = None
                if (not passive and (sp is None or sp.text.lower() in ("it", "there", "i", "we", "you"))) or (
                        in_parens and not paren_as):
                    continue
                spk = self.res.resolve_span(sp.start_char, sp.end_char, exclude=(s_c, e_c)) if sp is not None else None
                if spk is not None and sp is not None and not spk.actor_id and lemma != "according to" \
                        and self._unnamed_group(sp):
                    spk = None  # "Local officials estimate ...", "Witnesses said ...": nobody named
                outer = [d for d in direct if d.start <= tok.idx < d.end] + [
                    RawQuote(start=s, end=e, kind="q", speaker=None, cue=None) for s, e in self.question_spans
                    if s <= tok.idx < e]
                if outer:
                    # Inside a quotation only named third parties count ("President Bush acknowledged ...",
                    # "Egypt's foreign ministry said ..."), not pronouns or bare descriptions.
                    # A name with no actor counts in a transcript's questions and answers (spoken, not quoted).
                    spoken = outer[-1].kind == "q" or outer[-1].spoken
                    if spk is None or not (spk.actor_id or spk.label or (spoken and self._names_someone(sp))):
                        continue
                    o = outer[-1].speaker
                    if o is not None and (o.actor_id or o.text) == (spk.actor_id or spk.text):
                        continue
                cue_text = "According to" if lemma == "according to" else tok.text
                cs = tok.idx
                out.append(RawQuote(start=s_c, end=e_c, kind="indirect", speaker=spk, cue=cue_text, cue_start=cs,
                                    cue_end=cs + len(cue_text)))
        return out

    def _unnamed_group(self, sp: Span) -> bool:
        """A bare plural of people with no name, owner or determiner ("Ukrainian officials", "Witnesses")."""
        root = sp.root
        pn = self.c["person_nouns"]
        return (root.tag_ == "NNS" and (root.lower_ in pn or root.lemma_.lower() in pn)
                and not self.res.mention_in(sp.start_char, sp.end_char)
                and all((t.pos_ in ("ADJ", "NOUN") and not t.text[:1].isupper()) or (t.i == sp[0].i and t.pos_ == "ADJ")
                        for t in sp))

    @functools.cached_property
    def _dateline(self) -> re.Pattern[str]:
        return re.compile(self.c["dateline"], re.M)  # only at a line start

    @staticmethod
    def _names_someone(sp: Span | None) -> bool:
        """Does a speaker phrase contain a proper name ("Egypt's foreign ministry", "Ethiopia")?"""
        if sp is None or not len(sp):
            return False
        # The head itself or its owner/compound ("Egypt's foreign ministry"), not "critics of the MEK".
        root = sp.root
        return root.pos_ == "PROPN" or any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and c.text[:1].isupper()
                                           for c in root.children)

    def _according(self, tok: Token) -> tuple[tuple[int, int], Span] | None:
        """Content and source of "According to X, CLAUSE" / "CLAUSE, according to X." from whole tokens of
        one sentence (the source never runs past a sentence end nor splits "1,500")."""
        doc = self.doc
        sent = tok.sent
        k = tok.i + 2
        end = k
        while end < sent.end and doc[end].text not in (",", ":", ";") and not (
                doc[end].is_punct and doc[end].text in ".!?" and doc[end].is_sent_end is not False):
            if "\n" in doc[end].text:
                break
            end += 1
        if end == k or end - k > 16:
            return None
        src = doc[k:end]
        first = sent.start
        while first < tok.i and (doc[first].is_punct or doc[first].is_space):
            first += 1
        if first == tok.i:  # "According to X, CLAUSE."
            if end >= sent.end or doc[end].text != ",":
                return None
            s_c = doc[end].idx + 1
            # The clause may run past a sentence break the parser put at a line break ("on\n\nSeptember 21").
            em = re.search(r"[.!?](?=[”\"’]?\s|$)", self.text[s_c:])
            return (s_c, s_c + em.start() if em else len(self.text)), src
        # "CLAUSE, according to X." (or an aside "CLAUSE, according to X, CLAUSE."): the sentence around it.
        prev = tok.i - 1
        while prev > first and (doc[prev].is_punct or doc[prev].is_space):
            prev -= 1
        s_c = doc[first].idx
        if end < sent.end and doc[end].text == "," and any(not t.is_punct for t in doc[end + 1 : sent.end]):
            last = max((t for t in doc[end + 1 : sent.end] if not t.is_punct), key=lambda t: t.i)
            return (s_c, last.idx + len(last.text)), src
        return (s_c, doc[prev].idx + len(doc[prev].text)), src

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
