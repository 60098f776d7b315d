"""Direct quotes: who said a quotation, read from its surroundings, first that applies: a cue after
it (", she said" / "said X"), a reporting verb before it in its sentence ("X said:"), "According to
X:", a line label ("Former MEP: ..."), a claim noun ("The assertion that X ..."), a colon block or
an excerpt heading in the paragraph before.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..syntax import named_phrase as np
from .base import ExtractorBase
from .items import Cand
from .lexicon import (
    APPOS_RX,
    DESC_RX,
    LOWER_DESC_RX,
    NAME_RX,
    PRONOUN_RX,
    TRAILING_ATTR,
    cue_alt,
    cue_lemma,
    subject_np,
)
from .marks import QSpan


class DirectRules(ExtractorBase):
    def attribute(self, q: QSpan, paras: list[tuple[int, int]]) -> tuple[Cand | None, str | None, int | None,
                                                                          int | None, str]:
        """(speaker, cue, cue_start, cue_end, how) for a quotation."""
        text = self.text
        close = q.close if q.close is not None else q.end
        # 1. After: ,” she said / ,” said Mrs. Rajavi
        after_end = text.find("\n", close)
        after_end = len(text) if after_end < 0 else after_end
        after = text[close + 1 : after_end] if q.close is not None else ""
        # The speaker may carry an apposition before the cue (", Patricio Fuentes, president of the union,
        # told Reuters"), or be a lower-case description ("the company said", "police said").
        m = re.match(
            rf"[\s,]*(?:(?P<s1>{NAME_RX}|{PRONOUN_RX}|{DESC_RX}|{LOWER_DESC_RX})(?:,\s+{APPOS_RX},)?"
            rf"\s+(?:\w+ly\s+)?(?P<c1>{cue_alt()})\b"
            rf"|(?P<c2>{cue_alt()})\s+(?P<s2>{NAME_RX}))",
            after,
        )
        if m is not None and m.group("s1") and not any(ch.isupper() for ch in m.group("s1")[1:]) and not self._nominal(close + 1 + m.start("s1"), close + 1 + m.end("s1")):
            m = None  # ", and said": not a speaker phrase
        if m is not None and m.group("s1") and re.match(rf"(?:{cue_alt()})\s", m.group("s1")):
            # ",” said Senator X. She added ...": the cue right after the close is this quote's ("said X"),
            # not the next sentence's verb with the whole run as its "speaker".
            m2 = re.match(rf"[\s,]*(?:(?P<s1>(?!))(?P<c1>(?!))|(?P<c2>{cue_alt()})\s+(?P<s2>{NAME_RX}))", after)
            m = m2 if m2 is not None else None
        if m is not None and m.group("c1") and re.search(r"[.!?]\W*$", text[q.start : close]) and (
                re.match(r"\s+that\b", after[m.end("c1"):]) or self._has_clause(close + 1 + m.start("c1"))
                or (m.group("s1")[:1].isupper() and self._verb_says_its_own(close + 1 + m.start("c1")))):
            # “... it has.” She added that ...: a new sentence reporting its own clause, not this quote's cue.
            m = None
        if m is None and q.close is not None:
            got = self._cue_after_parse(q, close, after_end)
            if got is not None:
                return got
        if m is None and q.close is not None:
            # An embedded post: “...” — Dana Whitlock (@handle) April 29, 2025
            tw = re.match(rf"\s*[—–-]{{1,2}}\s*(?P<s>{NAME_RX})\s*\(@\w+\)", after)
            if tw is not None:
                ss, se = close + 1 + tw.start("s"), close + 1 + tw.end("s")
                dash = close + 1 + len(after) - len(after.lstrip())
                return self.res.resolve_span(ss, se, exclude=(q.start, q.end)), text[dash], dash, dash + 1, "after"
        if m is None and q.close is None:
            tm = TRAILING_ATTR.search(text, q.start, q.end + 80)
            if tm and tm.start() >= q.end - 1:
                m = re.match(
                    rf"[?.!,]\s+(?P<s1>{NAME_RX}|{PRONOUN_RX})\s+(?:\w+ly\s+)?(?P<c1>{cue_alt()})\b",
                    text[tm.start() : tm.end()],
                )
                base = tm.start()
            else:
                base = 0
        else:
            base = close + 1
        if m is not None:
            sg = "s1" if m.group("s1") else "s2"
            cg = "c1" if m.group("c1") else "c2"
            ss, se = base + m.start(sg), base + m.end(sg)
            cs, ce = base + m.start(cg), base + m.end(cg)
            spk = self.res.resolve_span(ss, se, exclude=(q.start, q.end))
            return spk, text[cs:ce], cs, ce, "after"
        # 2. Before, same sentence: a reporting verb before the opening mark.
        ps = max((p for p in paras if p[0] <= q.open), default=(0, 0))[0]
        before_text = text[ps : q.open]
        if before_text.strip():
            sent_start = max(ps, max((mm.end() for mm in re.finditer(r"[.!?][”\"’]?\s+(?=[A-Z“\"])", before_text)),
                                     default=0) + ps)
            got = self._cue_before(sent_start, q.open, q) or self._as_cue(sent_start, q.open, q)
            if got:
                return got
            # "According to the Wall Street Journal: “..."
            am = re.search(r"\b[Aa]ccording\s+to\s+(.{2,80}?)[:,]\s*$", before_text)
            if am:
                s, e = ps + am.start(1), ps + am.end(1)
                return self.res.resolve_span(s, e), "According to", ps + am.start(), ps + am.start() + 12, "before"
            lm = re.match(r"\s*-?\s*([^:“”\"]{2,60}):\s*$", before_text)
            if lm:  # "Former Senator: “The Main Goal ...”"
                s, e = ps + lm.start(1), ps + lm.end(1)
                if self._role_only(s, e):  # "Former MEP:": a role with no name gives no speaker
                    return None, ":", e, e + 1, "label"
                spk = self.res.resolve_span(s, e)
                if spk is not None and spk.actor_id is None and not self.res.mention_in(s, e):
                    spk = Cand(start=s, end=e, text=text[s:e])
                return spk, ":", e, e + 1, "label"
            # "The assertion that the party “fund[ed] ...”": a claim noun as the cue.
            cm = self._claim_rx().search(before_text)
            if cm:
                s, e = ps + cm.start("np"), ps + cm.end("np")
                spk = self.res.resolve_span(s, e, exclude=(q.start, q.end))
                cs, ce = ps + cm.start("noun"), ps + cm.end("noun")
                return (spk if spk is not None and spk.actor_id else None), text[cs:ce], cs, ce, "before"
        # 3. Colon block / excerpt heading: the paragraph before this one.
        prev = [p for p in paras if p[1] <= q.open and p[1] < ps]
        if prev and before_text.strip() == "":
            pps, ppe = prev[-1]
            line = text[pps:ppe]
            if line.rstrip().endswith(":"):
                got = self._cue_before(pps, ppe, q, colon=True)
                if got:
                    return got
            elif self._heading_like(line) and self.role(pps) not in ("caption", "title"):
                spk = self.res.resolve_span(pps, ppe)
                return spk, ":", ppe, ppe, "heading"
        return None, None, None, None, ""

    def _cue_after_parse(self, q: QSpan, close: int, limit: int
                         ) -> tuple[Cand | None, str | None, int | None, int | None, str] | None:
        """A cue after the quotation read from the parse when the patterns miss it: the first reporting verb
        in the words after the closing mark (before the sentence ends or another quotation opens), and its
        subject after the mark: ",” responded campaign chairman John Podesta", "?” asked the organisation's
        head, Amina Toure", ",” a health spokesman said", ",” X was quoted as saying". A capitalised new
        sentence after a finished quotation whose verb reports something of its own ("?” A company called
        LifeCell answered no") is not this quotation's cue."""
        span = self.doc.char_span(close + 1, limit, alignment_mode="contract")
        if span is None or not len(span):
            return None
        ended = re.search(r"[.!?]\W*$", self.text[q.start : close]) is not None
        nobody = {w.lower() for w in self.c["no_speaker_words"]}
        first = next((t for t in span if not (t.is_punct or t.is_space)), None)
        if first is None:
            return None
        for k, tok in enumerate(span):
            if k >= int(self.c["max_cue_after_tokens"]) or tok.text in ".!?;" or tok.text[:1] in "“”\"«»„":
                return None
            if cue_lemma(tok) is None:
                continue
            subj_tok = next((c for c in tok.children if c.dep_ == "nsubjpass"), None) if tok.lemma_ == "quote" else None
            subj = np(subj_tok) if subj_tok is not None else subject_np(tok)
            if subj is None or subj.start_char <= close or subj.text.lower() in nobody:
                return None
            # The cue opens the words after the mark (",” said X") or its subject does (",” X said"); anything
            # else is another clause (",” and he added that ...", ".” That is why he should insist ...").
            if not (tok.i == first.i or subj.start == first.i) or any(
                    c.dep_ in ("ccomp", "xcomp") and c.i > tok.i for c in tok.children):
                return None
            if ended and subj.start < tok.i and subj.text[:1].isupper() and self._says_its_own(tok):
                return None
            spk = self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
            return spk, tok.text, tok.idx, tok.idx + len(tok.text), "after"
        return None

    def _verb_says_its_own(self, pos: int) -> bool:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span is not None and len(span) > 0 and self._says_its_own(span[0])

    def _says_its_own(self, verb: Token) -> bool:
        """Does a reporting verb carry content of its own: a clause, an infinitive, or an object that is not
        the person addressed ("answered no", "added the plan ...", not "told reporters")?"""
        for c in verb.children:
            if c.i < verb.i:
                continue
            if c.dep_ in ("ccomp", "xcomp", "intj"):  # "answered no"
                return True
            if c.dep_ == "dobj" and not (c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG", "NORP")
                                         or c.lemma_.lower() in self.c["person_nouns"]):
                return True
        return False

    def _as_cue(self, s: int, e: int, q: QSpan) -> tuple[Cand | None, str | None, int | None, int | None, str] | None:
        """"rejected the bill as “interference in ...”": a characterising verb + "as" right before the marks
        makes the quotation the subject's own words (`as_verbs`)."""
        if not re.search(r"\bas\s*$", self.text[s:e]):
            return None
        span = self.doc.char_span(s, e, alignment_mode="contract")
        verbs = [t for t in span or [] if t.lemma_.lower() in self.c["as_verbs"] and t.pos_ in ("VERB", "AUX")]
        if not verbs or len(self.text[verbs[-1].idx : e].split()) > 14:
            return None
        verb = verbs[-1]
        subj = subject_np(verb)
        spk = self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end)) if subj is not None else None
        return spk, verb.text, verb.idx, verb.idx + len(verb.text), "before"

    def _has_clause(self, pos: int) -> bool:
        """Does the reporting verb at doc offset ``pos`` take a clause of its own ("She added the bill ...")?"""
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span is not None and len(span) > 0 and any(c.dep_ == "ccomp" and c.i > span[0].i for c in span[0].children)

    def _nominal(self, s: int, e: int) -> bool:
        """Is doc[s:e] a noun phrase (its root a noun, name or pronoun) made of whole tokens?"""
        span = self.doc.char_span(s, e)
        return span is not None and len(span) > 0 and span.root.pos_ in ("NOUN", "PROPN", "PRON")

    def _role_only(self, s: int, e: int) -> bool:
        """Is the label doc[s:e] a bare role ("Former MEP", "Senior official") with no name in it?"""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        pn = self.c["person_nouns"]
        if span is None or not len(span) or any(
                t.ent_type_ == "PERSON" and t.lower_ not in pn and t.lower_.rstrip("s") not in pn for t in span):
            return False
        head = span[-1].lower_
        return head in pn or head.rstrip("s") in pn

    def _claim_rx(self) -> re.Pattern[str]:
        if not hasattr(self, "_claim"):
            nouns = "|".join(sorted(self.c["claim_nouns"], key=len, reverse=True))
            self._claim = re.compile(
                rf"(?P<np>\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.]*(?:\s[A-Z][\w.]*)*[’']s)"
                rf"\s+(?:[a-z]+\s+)?(?P<noun>{nouns}))\s+that\b[^.!?;:“”\"]{{0,80}}$")
        return self._claim

    def _cue_before(self, s: int, e: int, q: QSpan, colon: bool = False
                    ) -> tuple[Cand | None, str | None, int | None, int | None, str] | None:
        toks = self.cue_tokens_between(s, e)
        toks = [t for t in toks if t.idx < e]
        if not toks:
            return None
        verb = toks[-1]
        # The verb must be close to the quotation in its clause (not a cue three clauses back).
        between = self.text[verb.idx + len(verb.text) : e]
        if not colon and (re.search(r"[.!?;]\s", between) or len(between.split()) > 12):
            return None
        if self._title_before(q.open):
            return None
        subj = subject_np(verb)
        if subj is None:
            for other in reversed(toks[:-1]):
                subj = subject_np(other)
                if subj is not None:
                    break
        if subj is None:
            root = verb.sent.root
            subj = subject_np(root) if root is not verb else None
        if subj is None:
            return None, verb.text, verb.idx, verb.idx + len(verb.text), "before"
        spk = self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
        return spk, verb.text, verb.idx, verb.idx + len(verb.text), "before"
