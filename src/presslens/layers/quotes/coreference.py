"""Coreference for speakers: what a description, a collective noun or a text noun stands for
("the general staff" -> "Ukraine's general staff", "MPs" -> the parliament, "the article" -> its
publisher, "the company" -> the company named before), and follow-on quotations that carry the
previous speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..syntax import named_phrase as np
from ..syntax import sentence_at as sent_of
from .base import ExtractorBase
from .items import Cand, RawQuote
from .lexicon import cue_lemma, cues, subject_np
from .marks import QSpan, paragraphs


class ResolverCoref:
    """Antecedents of descriptions, collective nouns and text nouns (mixed into the Resolver)."""

    doc: Doc
    text: str
    mentions: list[Cand]

    def mention_in(self, s: int, e: int) -> list[Cand]:
        return [m for m in self.mentions if m.start < e and s < m.end]

    def antecedent(self, s: int, e: int) -> Cand | None:
        """A definite description ("the general staff", "the defence ministry") stands for the nearest earlier
        phrase with the same words that names its owner ("Ukraine's general staff", "Russia's defence ministry",
        "the Interior Ministry of Chile") or is a mention. Returns that mention (it may have no actor id: the
        description then keeps its own text), or None when there is none."""
        words = re.sub(r"^(?:the|this|that|these|those)\s+", "", self.text[s:e].strip(), flags=re.I).split()
        if not words:
            return None
        body = r"\s+".join(re.escape(w) for w in words)
        rx = re.compile(rf"(?:(?P<own>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*[’']s|[A-Z][\w’'-]*)\s+(?:[a-z][\w-]*\s+){{0,2}})?"
                        rf"(?<![\w-])(?P<np>(?i:{body}))(?![\w-])(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w’'-]*)?")
        best: Cand | None = None
        for m in rx.finditer(self.text, 0, s):
            if m.start("np") >= s:
                break
            ms = self.mention_in(m.start(), m.end())
            own = m.group("own")
            if ms:
                mm = max(ms, key=lambda c: (c.end - c.start))
                best = Cand(start=m.start(), end=m.end(), text=self.text[m.start() : m.end()],
                            actor_id=mm.actor_id if mm.label in ("ORG", "GOV", "NORP") else None, label=mm.label)
            elif (own and own[:1].isupper() and own.lower() not in ("the", "a", "an")) or m.group("of"):
                best = Cand(start=m.start(), end=m.end(), text=self.text[m.start() : m.end()], label="ORG")
        return best

    def body(self, noun: str, s: int, e: int) -> Cand | None:
        """The body a collective noun denotes ("MPs" -> a parliament mentioned in the article): the mention
        inside the phrase, else the nearest before it, else the nearest after it, whose name fits."""
        keys = cues()["collective_nouns"][noun]

        def fits(m: Cand) -> bool:
            name = f"{m.text} {m.actor_id or ''}".lower().replace("-", " ")
            return m.label in ("GOV", "ORG") and any(k in name for k in keys)

        inside = [m for m in self.mentions if s <= m.start < e and fits(m)]
        before = [m for m in self.mentions if m.start < s and fits(m)]
        after = [m for m in self.mentions if m.start >= e and fits(m)]
        found = inside or before[-1:] or after[:1]
        return found[0] if found else None

    def publisher(self, pos: int, exclude: tuple[int, int] | None = None) -> Cand | None:
        """Nearest organisation before ``pos`` that published a text: subject of a publishing verb
        ("Time magazine published an essay"), owner of a text ("Time magazine's essay", "an essay in Time magazine")."""
        c = cues()
        pubs, texts = set(c["publish_verbs"]), set(c["text_nouns"]) | set(c["statement_nouns"])
        for m in reversed(self.mentions):
            if m.start >= pos or m.label not in ("ORG", "GOV") or (exclude and exclude[0] <= m.start < exclude[1]):
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            r = span.root
            if (r.dep_ == "nsubj" and r.head.lemma_.lower() in pubs) or (
                    r.dep_ == "poss" and r.head.lower_ in texts) or (
                    r.dep_ == "pobj" and r.head.lower_ in ("in", "by") and r.head.head.lower_ in texts):
                return m
        return None


    def text_source(self, s: int, e: int) -> tuple[int, int] | None:
        """Who a text speaks for (rule ``text_source``): the phrase ``doc[s:e]`` headed by a text or
        statement noun ("a statement", "the report", "A new research paper") stands for the body or person
        the text is from, first that applies:

        - a source in its own phrase: "a statement from the department", "The report by the University and
          College Union", "the paper published by Lim and his colleagues";
        - its owner: "Halliburton's statement";
        - the subject of the verb that issued it: "Siemens issued a statement stating ...";
        - the same noun elsewhere in the article with such a source or owner, nearest before, else first
          after ("Report claims ..." in a headline, "The report by the UCU ..." in the body).

        Returns the source phrase's offsets, or None."""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return None
        root = span.root
        c = cues()
        texts = set(c["text_nouns"]) | set(c["statement_nouns"]) | set(c["study_nouns"])
        if root.lemma_.lower() not in texts and root.lower_ not in texts:
            return None
        own = self._own_source(root)
        if own is not None:
            return own
        if root.dep_ == "dobj" and root.head.lemma_.lower() in set(c["publish_verbs"]):
            subj = subject_np(root.head)
            if subj is not None and subj.root.pos_ in ("PROPN", "NOUN"):
                return subj.start_char, subj.end_char
        lemma = root.lemma_.lower()
        found: list[tuple[int, int]] = []
        for tok in self.doc:
            if tok.i != root.i and tok.lemma_.lower() == lemma and tok.pos_ == "NOUN":
                got = self._own_source(tok)
                if got is not None:
                    found.append(got)
        before = [f for f in found if f[1] <= s]
        return before[-1] if before else next((f for f in found if f[0] >= e), None)

    def _own_source(self, noun: Token) -> tuple[int, int] | None:
        """The source inside a text noun's phrase ("from X", "by X", "published by X") or its owner ("X's")."""
        doc = noun.doc
        after = [doc[noun.i + 1]] if noun.i + 1 < len(doc) else []  # the parser may hang "from X" on the verb
        for t in [*noun.subtree, *after]:
            by = t.dep_ in ("prep", "agent") and t.lower_ in ("from", "by") and (
                t.head.i == noun.i or t.i == noun.i + 1 or (t.head.dep_ == "acl" and t.head.head.i == noun.i))
            if by:
                pobj = next((p for p in t.children if p.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                    sp = np(pobj)
                    return sp.start_char, sp.end_char
        owner = next((p for p in noun.children if p.dep_ == "poss" and p.pos_ == "PROPN"), None)
        if owner is not None:
            sp = np(owner)
            return sp.start_char, sp.end_char
        return None


class ExtractorCoref(ExtractorBase):
    """Descriptive speakers resolved to the body named before them; follow-on quotations."""

    def _anaphor_noun(self, sp: Cand) -> str | None:
        """The body noun of a descriptive speaker ("the company", "the mining company", "police", "Our
        coalition"), or None for a name or a phrase with an owner ("Kenya's environment ministry")."""
        words = sp.text.replace("’", "'").split()
        if not words or len(words) > 4 or any("'" in w for w in words):
            return None
        low = [w.lower() for w in words]
        noun = low[-1]
        if noun not in self.c["body_nouns"]:
            return None
        if len(low) == 1:
            return noun
        if low[0] not in ("the", "this", "that", "our", "its", "their"):
            return None
        if any(w[:1].isupper() for w in words[1:]):
            return None  # "the Lyon police prefecture" names its body
        return noun

    def _fits_body(self, noun: str, name: str, start: int, end: int) -> bool:
        keys = self.c["body_nouns"][noun]
        low = name.lower().replace("-", " ")
        if any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", low) for k in keys):
            return True
        if "company" in keys:  # a name introduced as a company ("X, which operates the mine", "the miner X")
            nouns = "|".join(map(re.escape, self.c["company_nouns"]))
            verbs = "|".join(map(re.escape, self.c["company_verbs"]))
            before, after = self.text[max(0, start - 40) : start], self.text[end : end + 60]
            return bool(re.search(rf"\b(?:{nouns})\s*$", before, re.I) or re.match(
                rf",\s+(?:(?:which|that)\s+(?:{verbs})\b|(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{nouns})\b)", after))
        return False

    def _resolve_bodies(self, quotes: list[RawQuote]) -> None:
        """Descriptive speakers ("the company said", "the prefecture said") stand for the nearest fitting body
        before them: a mention, or a named speaker of an earlier statement, or a capitalised name whose words
        fit ("Sierra Norte Mining"). The description keeps its text with the antecedent's actor id; an
        antecedent with no id is the speaker itself. No antecedent: the text stays, with no actor."""
        named: list[Cand] = [q.speaker for q in quotes if q.speaker is not None and q.speaker.text[:1].isupper()
                             or (q.speaker is not None and q.speaker.text.lower().startswith("the ")
                                 and any(ch.isupper() for ch in q.speaker.text[4:]))]
        proper = [Cand(start=m.start(), end=m.end(), text=m.group()) for m in re.finditer(
            r"(?<![\w.])[A-Z][\w&'’-]+(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w&'’-]+)+", self.text)]
        for q in quotes:
            sp = q.speaker
            if sp is None or sp.actor_id:
                continue
            noun = self._anaphor_noun(sp)
            if noun is None:
                continue
            found: Cand | None = None
            for c in [*self.res.mentions, *named, *proper]:
                if c.start >= sp.start or c is sp or (c.start, c.end) == (sp.start, sp.end):
                    continue
                if not c.label and any(m.label not in ("ORG", "GOV", "NORP") for m in self.res.mention_in(c.start, c.end)):
                    continue  # a capitalised name the actors stage knows as a person or place
                if self._anaphor_noun(c) is not None:
                    continue
                if c.label and c.label not in ("ORG", "GOV", "NORP"):
                    continue
                if not self._fits_body(noun, c.text, c.start, c.end):
                    continue
                if found is None or c.start > found.start or (c.start == found.start and c.actor_id):
                    found = c
            if found is None:
                continue
            if found.actor_id:
                q.speaker = Cand(start=sp.start, end=sp.end, text=sp.text, actor_id=found.actor_id, label=found.label,
                                 mention=sp.mention)
            else:
                q.speaker = Cand(start=found.start, end=found.end, text=found.text, label=found.label,
                                 mention=sp.mention or (sp.start, sp.end))

    def _follow_on(self, q: QSpan, done: list[RawQuote], paras: list[tuple[int, int]] | None = None,
                   parent: RawQuote | None = None) -> Cand | None:
        # The previous sentence's reporting verb with a subject ("Mrs. Osei noted the contrast ... “...”")
        paras = paras if paras is not None else paragraphs(self.text)
        ps = max((p for p in paras if p[0] <= q.open), default=(0, 0))
        sent = sent_of(self.doc, max(ps[0], q.open - 2)) if q.open > ps[0] else None
        if sent is not None and sent.start_char < q.open:
            for tok in reversed(list(self.doc.char_span(sent.start_char, q.open, alignment_mode="contract") or [])):
                if cue_lemma(tok):
                    subj = subject_np(tok)
                    if subj is not None:
                        return self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
        if parent is not None:
            # A quotation nested in an excerpt: introduced by the previous paragraph's reporting sentence
            # ("Maryam Rajavi called on ... in a speech." then “‘Do not help them ...”), else it goes on
            # with the enclosing quotation's speaker.
            prev = [p for p in paras if p[1] <= ps[0]]
            if prev:
                intro = sent_of(self.doc, max(prev[-1][0], prev[-1][1] - 2))
                if intro is not None:
                    for tok in reversed(list(intro)):
                        if cue_lemma(tok):
                            subj = subject_np(tok)
                            if subj is not None and subj.root.pos_ != "PRON":
                                return self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
            if parent.speaker is not None:
                return parent.speaker
        prev_quotes = [d for d in done if d.end <= q.open and d.speaker is not None]
        if prev_quotes:
            last = prev_quotes[-1]
            gap = self.text[last.end : q.open]
            if gap.count("\n\n") + gap.count("\n") // 2 <= 3 or len(gap) < 600:
                return last.speaker
        # An indirect statement just before ("Tehran Press ... acknowledged that ... . “...")
        if sent is not None:
            for tok in self.doc.char_span(ps[0], q.open, alignment_mode="contract") or []:
                if cue_lemma(tok):
                    subj = subject_np(tok)
                    if subj is not None:
                        return self.res.resolve_span(subj.start_char, subj.end_char)
        return None
