"""Indirect speech from the dependency parse: a reporting verb with a clause ("X said that ..."), a
request verb with object + infinitive ("urged X to ..."), object verbs ("condemned X"), "according
to X", "as X said", parenthetical "(as X warned)", and summarising relatives ("..., something X
has asked").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from .. import syntax
from .frames import Found, FrameRules
from .items import RawQuote
from .lexicon import cue_lemma
from .marks import trim_end
from .tree import personal, subject_np


class IndirectRules(FrameRules):
    def indirect(self, direct: list[RawQuote]) -> list[RawQuote]:
        """Reported speech of every kind (see :mod:`.frames`), then filtered: content too short, content
        that is mostly a quotation (direct speech wins), speakers that are nobody ("there", "I")."""
        out: list[RawQuote] = []
        doc = self.doc
        dspans = [(d.start, d.end) for d in direct]
        direct_cues = {d.cue_start for d in direct if d.cue_start is not None
                       and len(self.text[d.start : d.end].split()) >= int(self.c["min_uncued_words"])}
        # Headlines count (quotes there are marked ``headline``); captions and page furniture do not.
        skip_roles = ("caption", "tags", "related_link", "boilerplate", "header", "byline")
        found: list[tuple[Token, str, Found]] = []
        for tok in doc:
            lemma = cue_lemma(tok, broad=True)
            if lemma is None and tok.lower_ != "according":
                continue  # neither branch below can use it: skip the part lookup
            if self.role(tok.idx) in skip_roles:
                continue
            if lemma is not None:
                if (tok.idx in direct_cues
                        or syntax.negated(tok)  # "do not admit that", "has not confirmed": nothing stated
                        # "he should insist on ...", "they may announce": not (yet) said
                        or any(c.dep_ == "aux" and c.lower_ in self.c["unsaid_modals"] for c in tok.children)
                        # "to ask", purposes; but "forcing Khamenei to acknowledge X" states that he did
                        or (syntax.has_to_infinitive(tok)
                            and not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.c["cause_verbs"]))
                        or (tok.idx > 0 and self.text[tok.idx - 1] == "-")):
                    continue
                if lemma in self.c["finding_verbs"]:
                    subj = subject_np(tok)
                    if subj is None or subj.root.pos_ == "PRON" or personal(subj.root):
                        continue  # "she found that ...": a perception, not a report
                sent = tok.sent
                paren = self.text.rfind("(", sent.start_char, tok.idx)
                if paren > self.text.rfind(")", sent.start_char, tok.idx) and not re.match(
                        r"\(\s*as\s", self.text[paren : tok.idx]):
                    continue  # a bracketed aside other than "(as X said)"
                found += [(tok, lemma, f) for f in self.frames(tok, lemma)]
            elif tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                got = self._according(tok)
                if got is not None:
                    found.append((tok, "according to", Found(*got[0], got[1], "indirect", "according_to")))
        found += [(tok, tok.lemma_.lower(), f) for tok, f in self.adjective_beliefs()
                  if self.role(tok.idx) not in skip_roles]
        for tok, lemma, f in found:
            rq = self._checked(tok, lemma, f, direct, dspans)
            if rq is not None:
                out.append(rq)
        return out

    def _checked(self, tok: Token, lemma: str, f: Found, direct: list[RawQuote],
                 dspans: list[tuple[int, int]]) -> RawQuote | None:
        """The raw quote for one frame, or None when it is too short, mostly a quotation, or nobody's."""
        s_c, e_c, sp = f.start, f.end, f.speaker
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
        on = self.ctx.get("frames")
        short_ok = f.kind == "speech_act" and (on is None or "object_acts" in on)
        least = int(self.c["min_act_words"] if short_ok or f.fragments else self.c["min_indirect_words"])
        if len(words) < least:
            return None
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
            return None
        passive = sp is not None and sp.root.dep_ == "nsubjpass" and lemma in self.c["passive_unnamed"]
        if passive:  # "We are told that ...", "Residents were assured that ...": the speaker is unnamed
            sp = None
        nobody = {w.lower() for w in self.c["no_speaker_words"]}
        if not (passive or f.agentless) and (sp is None or sp.text.lower() in nobody):
            return None
        spk = self.res.resolve_span(sp.start_char, sp.end_char, exclude=(s_c, e_c)) if sp is not None else None
        if spk is not None and spk.text.lower() in ("it", "they") and spk.mention is None:
            return None  # "it said ..." with no antecedent in sight: no source to name
        outer = [d for d in direct if d.start <= tok.idx < d.end] + [
            RawQuote(start=s, end=e, kind="q", speaker=None, cue=None) for s, e in self.question_spans
            if s <= tok.idx < e]
        if outer:
            # Inside a quotation only named third parties count ("President Bush acknowledged ...",
            # "Egypt's foreign ministry said ..."), not pronouns or bare descriptions.
            # A name with no actor counts in a transcript's questions and answers (spoken, not quoted).
            spoken = outer[-1].kind == "q" or outer[-1].spoken
            if spk is None or not (spk.actor_id or spk.label or (spoken and self._names_someone(sp))):
                return None
            o = outer[-1].speaker
            if o is not None and (o.actor_id or o.text) == (spk.actor_id or spk.text):
                return None
        cue_text = "According to" if lemma == "according to" else tok.text
        frags = [(max(s, s_c), min(e, e_c)) for s, e in f.fragments] if f.fragments else []
        return RawQuote(start=s_c, end=e_c, kind=f.kind, speaker=spk, cue=cue_text, cue_start=tok.idx,
                        cue_end=tok.idx + len(cue_text), fragments=[(s, e) for s, e in frags if e > s],
                        rules=[f.rule])

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
        while end > k and doc[end - 1].is_punct:
            end -= 1  # a final stop the parser left inside the sentence ("by Fa and his associates.")
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
