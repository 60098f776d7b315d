"""Interview transcripts: "Name: answer" paragraphs are the named person's direct quotes; answer
labels ("A:") are the interviewee's, named in the intro; interviewer labels are questions."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .base import ExtractorBase
from .items import Cand, RawQuote
from .lexicon import personal, subject_np
from .marks import QSpan


class TranscriptRules(ExtractorBase):
    def transcript(self, paras: list[tuple[int, int]], marked: list[QSpan]) -> list[RawQuote]:
        out = []
        labels: dict[str, int] = {}
        rows = []
        for ps, pe in paras:
            m = re.match(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):\s+(?=\S)", self.text[ps:pe])
            if m and not any(q.start <= ps < q.end for q in marked):
                lab = m.group(1)
                labels[lab.lower()] = labels.get(lab.lower(), 0) + 1
                rows.append((ps, pe, m))
        inter = {w.lower() for w in self.c["interviewer_labels"]}
        answer = {w.lower() for w in self.c["answer_labels"]}
        interviewee: Cand | None = None
        first_a = next((ps for ps, _, m in rows if m.group(1).lower() in answer), None)
        if first_a is not None:
            # The intro ends at the question just before the first answer (not at an "Interview:" title).
            qs = [ps for ps, _, m in rows if ps < first_a and m.group(1).lower() in inter]
            interviewee = self._interviewee(qs[-1] if qs else first_a)
        for ps, pe, m in rows:
            lab = m.group(1)
            if lab.lower() in inter or (len(lab) == 1 and lab.lower() not in answer):
                # A question (or another role letter): not a quote, though it may report speech.
                self.question_spans.append((ps, pe))
                continue
            s, e = ps + m.start(1), ps + m.end(1)
            if lab.lower() in answer:
                # "A:" is a role, not a name: the answer is the interviewee's (no speaker if none is named).
                if self._heading_like(self.text[ps + m.end() : pe]):
                    continue
                cs = ps + m.end()
                out.append(RawQuote(start=cs, end=pe, kind="direct", speaker=interviewee, cue=":", cue_start=e,
                                    cue_end=e + 1, spoken=True))
                continue
            spk = self.res.resolve_span(s, e)
            is_person = spk is not None and (spk.label in ("PERSON", "ORG", "GOV") or spk.actor_id)
            place = spk is not None and spk.label in ("GPE", "LOC")
            is_person = spk is not None and spk.label == "PERSON"
            if place or not (labels[lab.lower()] >= 2 or is_person) or self._heading_like(self.text[ps + m.end() : pe]):
                continue
            if self.text[ps + m.end() : pe].lstrip()[:1] in "“\"«":
                continue  # quoted after the label: handled as a direct quote
            cs = ps + m.end()
            out.append(RawQuote(start=cs, end=pe, kind="direct", speaker=spk, cue=":", cue_start=e, cue_end=e + 1,
                                spoken=True))
        return out

    def _interviewee(self, first_row: int) -> Cand | None:
        """The person the intro of a Q&A says was interviewed: "X spoke to <outlet>", "we spoke to analyst X",
        "an interview with X", "interviewed X"; else the first person named before the first label (not a
        byline "by X")."""
        doc = self.doc
        words = set(self.c["interview_words"])
        on = set(self.c["outlet_nouns"])

        def person(sp: Span | None) -> Cand | None:
            if sp is None or sp.root.lower_ in ("we", "i", "us"):
                return None
            c = self.res.resolve_span(sp.start_char, sp.end_char)
            if c is None or c.label != "PERSON" and not (sp.root.ent_type_ == "PERSON" or personal(sp.root)):
                return None
            return c

        for tok in doc:
            if tok.idx >= first_row:
                break
            if tok.lemma_.lower() not in words or self.role(tok.idx) in ("byline", "title", "header"):
                continue
            # "spoke to (economist) X", "an interview with X", "interviewed X": a person right after (by the
            # words, not the parse, which often reads "to economist" as a verb).
            nxt = doc[tok.i + 1 : min(len(doc), tok.i + 8)]
            if len(nxt) and (nxt[0].lower_ in ("to", "with") or (
                    tok.lemma_.lower() == "interview" and tok.pos_ == "VERB" and nxt[0].lower_ != "by")):
                for mm in self.res.mentions:
                    if mm.label == "PERSON" and nxt.start_char <= mm.start < nxt.end_char and not re.search(
                            r"[.;:]", self.text[nxt.start_char : mm.start]) and not any(
                            t.lower_ in on for t in doc[tok.i + 1 : tok.i + 8] if t.idx < mm.start):
                        return mm
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() != "interview":
                got = person(subject_np(tok))
                if got is not None:
                    return got
        for mm in self.res.mentions:
            if mm.start < first_row and mm.label == "PERSON" and self.role(mm.start) not in ("byline", "title") and \
                    not re.search(r"\bby\s*$", self.text[max(0, mm.start - 6) : mm.start], re.I):
                return mm
        return None
