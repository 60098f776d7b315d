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
from .lexicon import cue_lemma, personal, subject_np
from .marks import trim_end


class IndirectRules(FrameRules):
    def indirect(self, direct: list[RawQuote]) -> list[RawQuote]:
        """Reported speech of every kind (see :mod:`.frames`), then filtered: content too short, content
        that is mostly a quotation (direct speech wins), speakers that are nobody ("there", "I")."""
        out: list[RawQuote] = []
        self.mixed_starts: set[int] = set()  # quotations read as part of a reported clause (mixed quotes)
        doc = self.doc
        dspans = [(d.start, d.end) for d in direct]
        # A long quotation's own cue reports that quotation, unless it is a mixed quote (see ``_checked``).
        direct_cues = {d.cue_start for d in direct if d.cue_start is not None
                       and len(self.text[d.start : d.end].split()) >= int(self.c["min_uncued_words"])
                       and not self._maybe_mixed(d)}
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
        return self._outermost(out)

    def _outermost(self, found: list[RawQuote]) -> list[RawQuote]:
        """Rule ``outermost_report``: a report with its own subject inside another report's content is part
        of it ("Hollis also said that Laos may not be reporting all cases", "said that positive tests
        indicate that ...", "According to a blog post, the Institute predicts that ..."): only the outer one
        is an attribution. A participle that goes on with the same speaker ("..., adding that ...", "citing
        that ...") or another report by the same speaker is a statement of its own; quotations are not
        affected."""
        def own_clause(q: RawQuote) -> bool:
            span = self.doc.char_span(q.cue_start or 0, q.cue_end or 0, alignment_mode="expand")
            return span is not None and len(span) > 0 and syntax.own_subject(span[0])

        def who(q: RawQuote) -> str | None:
            return None if q.speaker is None else (q.speaker.actor_id or q.speaker.text.lower())

        def under(b: RawQuote, a: RawQuote) -> bool:
            # b's verb hangs below a's (not coordinated with it: "X said ..., and Y found that ..." are two).
            sb = self.doc.char_span(b.cue_start or 0, b.cue_end or 0, alignment_mode="expand")
            sa = self.doc.char_span(a.cue_start or 0, a.cue_end or 0, alignment_mode="expand")
            if sb is None or sa is None or not len(sb) or not len(sa):
                return False
            tok, top = sb[0], sa[0]
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            opens = max(subj, key=lambda c: c.i).left_edge.idx if subj else tok.idx  # the subject nearest the verb
            if re.search(r"(?:[;,]\s*(?:and|but|while|whereas)|;)\s*$", self.text[max(0, opens - 12) : opens]):
                return False  # ", and the Alliance found that ...": a second report, whatever the parse says
            if top.lower_ == "according":
                return True  # "According to a blog post, the Institute predicts that ...": no verb to hang from
            while tok.head.i != tok.i:
                if tok.head.i == top.i:
                    return tok.dep_ != "conj"
                tok = tok.head
            return False

        def inside(b: RawQuote, a: RawQuote) -> bool:
            return (a is not b and b.cue_start is not None and a.start <= b.cue_start < a.end
                    and a.start <= b.start and b.end <= a.end + 1 and own_clause(b) and who(a) != who(b)
                    and under(b, a))

        return [b for b in found if not any(inside(b, a) for a in found)]

    def _checked(self, tok: Token, lemma: str, f: Found, direct: list[RawQuote],
                 dspans: list[tuple[int, int]]) -> RawQuote | None:
        """The raw quote for one frame, or None when it is too short, mostly a quotation, or nobody's."""
        s_c, e_c, sp = f.start, f.end, f.speaker
        while s_c < e_c and self.text[s_c] in " ,;:\n\u00a0":
            s_c += 1
        line = self.text.rfind("\n", 0, s_c) + 1
        dm = self._dateline.match(self.text, line, e_c)
        if dm and s_c < dm.end():  # "JOS, Nigeria (AP) — Gunmen raided ...": not reported content
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
        # Rule ``mixed_quote``: a quotation inside a reported clause that has the writer's words before the
        # marks and goes on with the writer's sentence ("told reporters that the army "does not strike
        # civilians"", "claimed the pact will ensure "complete access ..."", "said she was "deeply upset
        # by ..."") is part of one indirect statement, whatever its length; the statement takes the whole
        # quotation. A quotation that opens the clause ("said that "there is a lack of ..."") or the
        # speaker's own sentence ("is claimed to state, "I don't want ..."") is direct speech and wins.
        mixed = []
        for d in sorted((d for d in direct if (d.start, d.end) in inner), key=lambda d: d.start):
            stop = self._own_cue_stop(d, s_c, e_c)
            if stop is not None:
                # A quotation with its own cue inside the clause ("..., saying, "I would ..."", "and said,
                # "Don't ..."", "..., "They told me ...," he said"): the statement stops before it.
                e_c = min(e_c, trim_end(self.text, s_c, stop))
                while e_c > s_c and not self.text[e_c - 1].isalnum():
                    e_c -= 1
                break
            short = len(self.text[d.start : d.end].split()) < int(self.c["min_uncued_words"])
            if self.writer_words_before(s_c, d.start) and (short or not (
                    self._opens_sentence(d.start) or self._quotes_predicate(s_c, d.start))):
                mixed.append((d.start, d.end))
        inner = [(s, e) for s, e in inner if s < e_c]
        if len(self.text[s_c:e_c].split()) < least:
            return None  # what is left before a quotation with its own cue ("In Africa, "...," said X")
        if mixed:
            e_c = max(e_c, max(e for _, e in mixed))
            if self.text[e_c : e_c + 1] in "”\"’'":
                e_c += 1  # the closing mark is part of the mixed statement
            self.mixed_starts.update(s for s, _ in mixed)
        inner = [(s, e) for s, e in inner if (s, e) not in mixed]
        covered = sum(max(0, min(e, e_c) - max(s, s_c)) for s, e in inner)
        if covered >= 0.5 * (e_c - s_c) or any(len(self.text[s_c:s].split()) <= 4 for s, _ in inner):
            return None
        # "We are told that ...", "more floods feared": a passive with no agent names no speaker; its subject
        # is the addressee or what is believed.
        passive = sp is not None and sp.root.dep_ == "nsubjpass" and (
            lemma in self.c["passive_unnamed"] or (f.kind == "belief" and not any(c.dep_ == "agent" for c in tok.children)))
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

    def _maybe_mixed(self, d: RawQuote) -> bool:
        """Could a direct quote sit inside its cue's reported clause with words of the writer before it
        ("said she was "deeply upset ..."", "the agency warning "severe ...""): words other than the speaker,
        "that", an addressee or a colon between a cue before the quotation and its opening mark?"""
        if d.cue_start is None or d.cue_end is None or d.cue_start > d.start or d.cue in (":", "According to"):
            return False
        between = self.text[d.cue_end : max(d.cue_end, d.start - 1)]
        return ":" not in between and re.search(r"[^\W\d_]", between) is not None and not self._opens_sentence(
            d.start) and not self._quotes_predicate(d.cue_end, d.start)

    def _quotes_predicate(self, clause_start: int, quote_start: int) -> bool:
        """Do the marks open right after the reported clause's subject (and an auxiliary or copula): "said
        the MEK "is the oldest ..."", "the regime "will announce ..."", "the regime is "extremely unpopular
        ..."")? The speaker's whole predicate is quoted: direct speech (the seed pages' convention), not a
        mixed quote, which has a verb, object or preposition of the writer's before the marks."""
        span = self.doc.char_span(clause_start, max(clause_start, quote_start - 1), alignment_mode="contract")
        if span is None or not len(span):
            return False
        toks = [t for t in span if not (t.is_punct or t.is_space)]
        if toks and toks[0].lower_ == "that" and toks[0].dep_ == "mark":
            toks = toks[1:]
        subject = {w.i for t in span if t.dep_ in ("nsubj", "nsubjpass", "expl") for w in t.subtree}
        return bool(toks) and any(t.i in subject for t in toks) and all(
            t.i in subject or t.pos_ == "AUX" or t.dep_ in ("aux", "auxpass", "neg") for t in toks)

    def _opens_sentence(self, start: int) -> bool:
        """Does a quotation open with a capital (the speaker's own sentence: "I don't want ...", "They told
        me ...") rather than going on with the writer's sentence ("said he was "really sad ...")?"""
        m = re.match(r"[\W_]*(\w)", self.text[start : start + 8])
        return m is not None and m.group(1).isupper()

    def _own_cue_stop(self, d: RawQuote, s_c: int, e_c: int) -> int | None:
        """Where a reported clause [s_c, e_c) stops before a quotation inside it that has its own cue: a cue
        after the quotation within the clause, or one inside the clause right before the marks. None: the
        quotation has no cue of its own there."""
        if d.cue_start is None or d.cue_end is None:
            return None
        if d.start < d.cue_start < e_c:
            return d.start - 1
        if s_c <= d.cue_start < d.start and not self.writer_words_before(d.cue_end, d.start):
            return d.cue_start if s_c < d.cue_start else d.start - 1
        return None

    def writer_words_before(self, clause_start: int, quote_start: int) -> bool:
        """Are there words of the writer between a reported clause's start and a quotation's opening mark
        (besides a complementiser "that")? Then the quotation is a mixed quote inside the clause."""
        before = self.text[clause_start : max(clause_start, quote_start - 1)]
        before = re.sub(r"^\W*that\b", "", before, flags=re.I)
        return quote_start - 1 > clause_start and re.search(r"[^\W\d_]", before) is not None

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
        # The head itself or its owner/compound ("Egypt's foreign ministry"), not "critics of the party".
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
            end -= 1  # a final stop the parser left inside the sentence ("by Lim and his colleagues.")
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
