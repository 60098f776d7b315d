"""The ``quotes`` stage: statements attributed to speakers, direct and indirect.

Direct quotes are found from the quote marks themselves (" “ ” ‘ ’ « » „ and straight quotes),
paired with a stack per paragraph so that apostrophes, nesting, unbalanced marks and the
multi-paragraph convention (every paragraph opens with a mark, only the last one closes) are all
handled without losing the rest of the text. Each quotation is then attributed from, in order:
a cue after it (", she said" / "said X"), a cue before it in its sentence ("X said:"), a colon
block (a paragraph ending in ":" before it), a transcript label ("Bloomfield: ..."), a media
excerpt heading (an outlet name on its own line), or the previous statement (follow-on quotes).
Indirect speech comes from the dependency parse: a reporting verb with a clausal complement
("X said that ..."), a request verb with object + infinitive ("urged X to ..."), "according to X,
...", and "as X said, ...". Scare quotes, titles and slogans are dropped.

Speakers resolve to actors through the ``actors`` stage's mentions when present (pronouns and
descriptions to the nearest fitting actor), and otherwise keep the speaker text with no id.
The spaCy component ``presslens_quotes`` writes ``doc._.quotes``; the stage turns those into
:class:`~presslens.records.Quote` records with page offsets and links numbers to their quotes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .records import Analysis, Quote, stable_id
from .registry import stages
from .settings import Settings

OPEN = {"“": "d", "«": "g", "„": "d", "‘": "s"}
CLOSE = {"”": "d", "»": "g", "’": "s"}
MARKS = set(OPEN) | set(CLOSE) | {'"', "'"}


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    raw = resources.files("presslens").joinpath("data/quote_cues.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


def _inflect(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(cues()["irregular"].get(lemma, []))


@functools.lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in cues()["speech_verbs"] + cues()["request_verbs"] + cues()["object_verbs"]:
        for f in _inflect(lemma):
            out.setdefault(f, lemma)
    return out


@functools.lru_cache(maxsize=1)
def _all_verbs() -> frozenset[str]:
    # One set lookup per token instead of three list scans (called for every token of a doc).
    return frozenset(cues()["speech_verbs"] + cues()["request_verbs"] + cues()["object_verbs"])


def _cue_lemma(tok: Token) -> str | None:
    """The reporting-verb lemma of a token, or None."""
    c = cues()
    lemma = tok.lemma_.lower()
    if lemma not in _all_verbs():
        lemma = _verb_forms().get(tok.lower_, "")
        if not lemma:
            return None
    need = c["needs_particle"].get(lemma)
    if need and not any(ch.lower_ in need for ch in tok.children):
        return None
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBN", "VBG", "VBP", "VB"):
        # Token-pattern fallback for reporting phrases the tagger reads as nouns ("... and calls on the
        # Government to ..."): the phrase after a subject or a conjunction, never after a determiner.
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        particles = c["phrase_particles"].get(lemma)
        if not (particles and nxt is not None and nxt.lower_ in particles and tok.tag_ in ("NNS", "NN")
                and tok.lower_.endswith("s") and prev is not None and prev.pos_ not in ("DET", "ADJ", "NUM")
                and not prev.tag_.startswith("PRP$")):
            return None
    return lemma


# --------------------------------------------------------------------------- quote marks


@dataclass(slots=True)
class QSpan:
    """A quotation: marks and content offsets in the doc text."""

    open: int
    close: int | None  # None: never closed (content runs to a paragraph end)
    start: int  # content
    end: int
    family: str
    depth: int = 0
    cont_marks: list[int] = field(default_factory=list)  # continuation marks of later paragraphs
    parent: int | None = None


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def classify_mark(text: str, i: int) -> tuple[str, str] | None:
    """('open'|'close'|'either', family) for a quote mark at ``i``, or None for an apostrophe."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in ("’", "'"):
        if _is_letter(prev) and _is_letter(nxt):
            return None  # don't, Iran’s
        if ch == "'" and (prev.isspace() or prev in "([{—–-“\"") and _is_letter(nxt):
            return ("open", "s")
        if prev.isspace() and nxt.isdigit():
            return None  # ’90s
        return ("close", "s")  # may still be a plural possessive (resolved in pairing)
    if ch == "‘":
        if nxt.isdigit() and not prev.isalnum():
            return None
        return ("open", "s")
    if ch == '"':
        if prev.isspace() or prev in "([{—–-/‘'" or i == 0:
            return ("open", "d") if not nxt.isspace() else ("either", "d")
        return ("close", "d") if (not _is_letter(nxt) or nxt.isspace()) else ("either", "d")
    if ch in OPEN:
        return ("open", OPEN[ch])
    if ch in CLOSE:
        # ”Iran’s... after a comma with no space: a misplaced opener.
        if _is_letter(nxt) and not prev.isspace() and prev in ",;:(":
            return ("either", CLOSE[ch])
        return ("close", CLOSE[ch])
    return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end), stripped of surrounding white space."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _leading_openers(text: str, s: int, e: int) -> list[tuple[int, str]]:
    out = []
    i = s
    while i < e and (text[i] in OPEN or text[i] in "\"'" or (text[i] in CLOSE and i + 1 < e and _is_letter(text[i + 1])
                                                              and text[i] != "’")):
        c = classify_mark(text, i)
        fam = c[1] if c else None
        if fam is None:
            break
        out.append((i, fam))
        i += 1
        while i < e and text[i] == " ":
            i += 1
    return out


def find_quotations(text: str, skip_paragraph: Any = None) -> list[QSpan]:
    """Pair quote marks into quotations across the whole text (see module doc)."""
    paras = [p for p in paragraphs(text) if not (skip_paragraph and skip_paragraph(p))]
    done: list[QSpan] = []
    stack: list[QSpan] = []  # open quotations carried from paragraph to paragraph
    for pi, (ps, pe) in enumerate(paras):
        consumed: set[int] = set()
        if stack:
            lead = _leading_openers(text, ps, pe)
            fams = [f for _, f in lead]
            if stack[0].family in fams:
                # Multi-paragraph convention: the opening marks continue the open quotations, outermost
                # first and in order (“‘ continues an outer “ and an inner ‘, not an inner “). A leading
                # mark that continues nothing opens a new quotation in this paragraph.
                keep = 0
                while keep < len(stack) and keep < len(lead) and lead[keep][1] == stack[keep].family:
                    keep += 1
                if keep == 0:  # marks in another order (“‘ after an inner ‘ alone): all continue
                    keep = 1 + sum(1 for q in stack[1:] if q.family in fams)
                    consumed.update(pos for pos, _ in lead)
                for pos, _ in lead[:keep]:
                    consumed.add(pos)
                for q in stack[keep:]:
                    q.end = _trim_end(text, q.start, q.end)
                    done.append(q)
                stack = stack[:keep]
                for q in stack:
                    q.cont_marks.append(lead[0][0])
            elif not _closes_before_open(text, ps, pe, stack[0].family):
                for q in stack:
                    q.end = _trim_end(text, q.start, q.end)
                    done.append(q)
                stack = []
        ghosts: list[str] = []
        i = ps
        while i < pe:
            ch = text[i]
            if ch not in MARKS or i in consumed:
                i += 1
                continue
            c = classify_mark(text, i)
            if c is None:
                i += 1
                continue
            role, fam = c
            open_fams = [q.family for q in stack]
            if role == "either":
                role = "close" if fam in open_fams else "open"
            if role == "close" and fam not in open_fams:
                if fam in ghosts:
                    ghosts.remove(fam)
                elif ch in ("’", "'") or text[i] == "’":
                    pass  # plural possessive ("the mullahs’ regime") or stray mark
                i += 1
                continue
            if role == "close":
                # A ’ after "s" while a single quote is open may still be a possessive: only close if
                # what follows cannot continue a word ("mullahs’ regime" keeps going).
                # In a quotation opened at the paragraph start (multi-paragraph style, it may never close
                # here) "the mullahs’ Gestapo" is a possessive too.
                if fam == "s" and ch in "’'" and text[i - 1:i] == "s" and i + 1 < pe and text[i + 1] == " " \
                        and i + 2 < pe and (text[i + 2].islower() or (
                            text[i + 2].isalpha() and stack[-1].open - ps <= 2)) and (stack[-1].open - ps <= 2 or any(
                            (c := classify_mark(text, j)) is not None and c[1] == "s" and c[0] == "close"
                            for j in range(i + 1, pe) if text[j] in "’'")):
                    i += 1
                    continue
                while stack and stack[-1].family != fam:
                    q = stack.pop()
                    q.end = _trim_end(text, q.start, i)
                    done.append(q)
                q = stack.pop()
                q.close = i
                q.end = i
                done.append(q)
            else:
                stack.append(QSpan(open=i, close=None, start=i + 1, end=pe, family=fam, depth=len(stack)))
            i += 1
        for q in stack:
            q.end = pe
        # A quotation left open in a paragraph that ends in an attribution ("...? Mrs. Rajavi asked.")
        if stack and pi + 1 <= len(paras):
            m = _TRAILING_ATTR.search(text, ps, pe)
            if m and m.start() > stack[0].start:
                for q in stack:
                    q.end = _trim_end(text, q.start, m.start() + 1)
                    done.append(q)
                stack = []
    for q in stack:
        q.end = _trim_end(text, q.start, q.end)
        done.append(q)
    for q in done:
        q.start = _trim_start(text, q.start, q.end)
    done.sort(key=lambda q: (q.start, -q.end))
    # Nesting (parent = innermost enclosing quotation).
    for k, q in enumerate(done):
        q.parent = None
        q.depth = 0
        for j in range(k - 1, -1, -1):
            o = done[j]
            if o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end):
                q.parent = j
                q.depth = o.depth + 1
                break
    return [q for q in done if q.end - q.start >= 1]


def _closes_before_open(text: str, s: int, e: int, fam: str) -> bool:
    """Does this paragraph close a quotation of ``fam`` before opening one? (missing-opener repair)"""
    for i in range(s, e):
        if text[i] in MARKS:
            c = classify_mark(text, i)
            if c is None or c[1] != fam:
                continue
            if c[0] == "close" and text[i] in CLOSE and fam != "s":
                return True
            if c[0] == "close" and fam == "s" and not (text[i - 1:i] == "s" and text[i + 1:i + 2] == " "):
                return True
            if c[0] == "open":
                return False
    return False


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t\n\u00a0":
        e -= 1
    return e


def _trim_start(text: str, s: int, e: int) -> int:
    while s < e and text[s] in " \t\n\u00a0":
        s += 1
    return s


_PRONOUN_RX = r"(?:he|she|they|it|we)"
# A description ending in a name: "EU foreign policy chief Josep Borrell".
_DESC_RX = r"(?:(?:[A-Za-z][\w.’'-]*)\s+){1,6}[A-Z][\w’'-]*"
_NAME_RX = r"(?:(?:the|The)\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*"
# A lower-case description: "the company", "the school's principal", "our coalition", "police".
_LOWER_DESC_RX = r"(?:(?:the|The|its|Its|our|Our|their|Their)\s+(?:[\w’'-]+\s+){0,3}[a-z][\w’'-]*|[a-z][a-z-]{2,})"
# An apposition between a speaker and the cue (no quote marks, no sentence end).
_APPOS_RX = r"[^,.!?;“”\"\n]{2,80}"


@functools.lru_cache(maxsize=1)
def _cue_alt() -> str:
    forms = [f for f, lemma in _verb_forms().items() if lemma in cues()["speech_verbs"]
             and lemma not in ("believe", "think", "feel", "hope", "fear", "point", "go")]
    forms += ["went on", "pointed out"]
    return "|".join(sorted(set(forms), key=len, reverse=True))


def _trailing_rx() -> re.Pattern[str]:
    return re.compile(
        rf"[?.!,]\s+(?:{_NAME_RX}|{_PRONOUN_RX})\s+(?:\w+ly\s+)?(?:{_cue_alt()})\b[^.!?“”\"]{{0,60}}[.!]?$"
    )


class _Lazy:
    def __init__(self) -> None:
        self.rx: re.Pattern[str] | None = None

    def search(self, text: str, s: int, e: int) -> re.Match[str] | None:
        if self.rx is None:
            self.rx = _trailing_rx()
        return self.rx.search(text, s, e)


_TRAILING_ATTR = _Lazy()


@functools.lru_cache(maxsize=1)
def _title_rx() -> re.Pattern[str]:
    # One alternation instead of a search per cue: a match exists iff some cue ends the text.
    cues_ = sorted(cues()["title_cues"], key=len, reverse=True)
    return re.compile(rf"(?:^|\W)(?:{'|'.join(map(re.escape, cues_))})$")
_LABELLED = re.compile(r"[^:“”\"\n]{2,60}:\s*[“\"«]")


# --------------------------------------------------------------------------- speakers


@dataclass(slots=True)
class Cand:
    """A speaker candidate (doc offsets)."""

    start: int
    end: int
    text: str
    actor_id: str | None = None
    label: str = ""


@dataclass(slots=True)
class RawQuote:
    start: int
    end: int
    kind: str
    speaker: Cand | None
    cue: str | None
    cue_start: int | None = None
    cue_end: int | None = None
    depth: int = 0
    parent: int | None = None
    spoken: bool = False  # a transcript answer (spoken, not quoted)


class Resolver:
    """Finds the actor a speaker phrase refers to, from mentions (or spaCy entities)."""

    def __init__(self, doc: Doc, mentions: list[Cand], text: str | None = None):
        self.doc = doc
        # Doc.text joins every token on each access: read it once.
        self.text = text = doc.text if text is None else text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.gender: dict[str, str] = {}
        hon = cues()["honorifics"]
        for m in self.mentions:
            before = text[max(0, m.start - 12) : m.start].lower().split()
            word = m.text.split()[0].lower() if m.text.split() else ""
            for g, words in hon.items():
                if (before and before[-1] in words) or word in words:
                    self.gender[self._key(m)] = g
        self.last_speaker: Cand | None = None

    @staticmethod
    def _key(m: Cand) -> str:
        return m.actor_id or m.text.split()[-1].lower()

    def mention_in(self, s: int, e: int) -> list[Cand]:
        return [m for m in self.mentions if m.start < e and s < m.end]

    def resolve_span(self, s: int, e: int, exclude: tuple[int, int] | None = None) -> Cand | None:
        """Resolve the speaker phrase doc[s:e] (offsets) to a candidate with an actor if possible."""
        text = self.text[s:e].strip()
        if not text:
            return None
        low = text.lower()
        prons = cues()["pronouns"]
        if low in prons:
            return self.nearest(s, prons[low]["type"], prons[low]["gender"], exclude)
        ms = self.mention_in(s, e)
        span = self.doc.char_span(s, e, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        words = low.split()
        head_words = re.split(r"\s+(?:of|at|for|from|in)\s+|,", low)[0].replace("-", " ").split()
        desc = words[0] in ("the", "this", "that", "these", "those") if words else False
        pn, on = cues()["person_nouns"], cues()["outlet_nouns"]
        person_noun = any(w in pn or w.rstrip("s") in pn for w in head_words)
        outlet_noun = bool(head_words) and (head_words[-1] in on)
        # The head of the phrase is a name: that mention.
        named = [m for m in ms if root is not None and m.start <= root.idx < m.end]
        if not named and root is None:
            named = ms
        if not named and root is not None:
            # "Tehran Press state news agency": a name compounded onto an outlet/person noun.
            named = [m for m in ms for t in root.children if t.dep_ == "compound" and m.start <= t.idx < m.end
                     and (person_noun or outlet_noun or root.lower_ in on)]
        head = (root.lower_ if root is not None else head_words[-1] if head_words else "").replace("’", "'")
        collective = head in cues()["collective_nouns"]
        if named and not (collective and all(m.text.lower().removeprefix("the ") == head for m in named)):
            best = max(named, key=lambda m: (m.label == "PERSON", m.end - m.start))
            if best.label != "PERSON" and s < best.start and re.search(r"[’']s\s+$", self.text[s : best.start]):
                # "Ghana's health ministry": the owner is part of the name of the body.
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=best.actor_id, label=best.label)
            return best
        body = self.body(head, s, e) if collective else None
        if body is not None:  # "The British MPs", "EDM 2333", "the motion": the body they speak for
            return Cand(start=s, end=e, text=self.text[s:e], actor_id=body.actor_id, label=body.label)
        if named:
            return max(named, key=lambda m: (m.label == "PERSON", m.end - m.start))
        if head in cues()["text_nouns"] and (desc or not ms):
            # "the article states", "The assertion that ...": the outlet whose text is discussed.
            pub = next((m for m in ms if m.label in ("ORG", "GOV")), None) or self.publisher(s, exclude)
            if pub is not None:
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=pub.actor_id, label=pub.label)
        if ms and head_words and head_words[-1].endswith("s") and person_noun:
            # "two senior State Department officials": the body they speak for.
            orgs = [m for m in ms if m.label in ("ORG", "GOV", "NORP")]
            if orgs:
                return orgs[0]
        if desc and not ms and head_words and head_words[-1] not in pn and not (
                {head, head_words[-1]} & set(cues()["text_nouns"] + cues()["statement_nouns"] + cues()["outlet_nouns"])):
            ante = self.antecedent(s, e)
            if ante is not None:  # "The general staff said" -> "Ukraine's general staff" earlier
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=ante.actor_id, label=ante.label)
        plural = root is not None and root.tag_ in ("NNS", "NNPS")
        if desc and (person_noun or outlet_noun) and not plural:
            typ = "PERSON" if person_noun and not outlet_noun else "ORG"
            found = self.nearest(s, typ, None, exclude, skip=(s, e), subjects=True)
            if found is not None:
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=found.actor_id, label=found.label)
        return Cand(start=s, end=e, text=self.text[s:e])

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
        ("Newsweek published an article"), owner of a text ("Newsweek's article", "an article in Newsweek")."""
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

    def _is_subject(self, m: Cand) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return (span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")
                and span.root.head.dep_ == "ROOT")

    def nearest(self, pos: int, typ: str, gender: str | None, exclude: tuple[int, int] | None = None,
                skip: tuple[int, int] | None = None, subjects: bool = False) -> Cand | None:
        def fits(m: Cand) -> bool:
            if exclude and exclude[0] <= m.start < exclude[1]:
                return False
            if skip and skip[0] <= m.start < skip[1]:
                return False
            if typ == "PERSON" and m.label != "PERSON":
                return False
            if typ == "ORG" and m.label not in ("ORG", "GOV", "NORP"):
                return False
            g = self.gender.get(self._key(m))
            return not (gender and g and g != gender)

        here = next(((s, e) for s, e in self.quote_spans if s <= pos < e), None)

        def outside(m: Cand) -> bool:
            return not self._inside_quote(m) or (here is not None and here[0] <= m.start < here[1])

        last = self.last_speaker
        if last is not None and fits(last) and last.start < pos and here is None:
            # The running speaker wins over a mention that merely sits between (salience).
            between = [m for m in self.mentions if last.end <= m.start < pos and fits(m)
                       and (m.actor_id or m.text) != (last.actor_id or last.text)]
            if not between or all(self._inside_quote(m) for m in between):
                return last
        if gender:
            # A gendered pronoun prefers a nearby mention known to have that gender ("Baroness ... She").
            for m in reversed(self.mentions):
                if pos - 600 < m.start < pos and fits(m) and outside(m) and self.gender.get(self._key(m)) == gender:
                    return m
        if subjects:
            for m in reversed(self.mentions):
                if m.start < pos and fits(m) and outside(m) and self._is_subject(m):
                    return m
        near = next((m for m in reversed(self.mentions) if m.start < pos and fits(m) and outside(m)), None)
        if typ == "PERSON":
            # A person who is the main-clause subject just before, even inside an excerpt's quotation
            # ("“Matthew Offord ... demanded action.  He told the crowds: ..."), beats an older mention.
            close = next((m for m in reversed(self.mentions) if pos - 400 < m.start < pos and fits(m)
                          and self._is_subject(m)), None)
            if close is not None and (near is None or close.start > near.start):
                return close
        if near is not None:
            return near
        for m in reversed(self.mentions):
            if m.start < pos and fits(m):
                return m
        return None

    quote_spans: list[tuple[int, int]] = []

    def _inside_quote(self, m: Cand) -> bool:
        return any(s <= m.start < e for s, e in self.quote_spans)


def _doc_mentions(doc: Doc, ctx: dict[str, Any], text: str | None = None) -> list[Cand]:
    off = int(ctx.get("offset", 0))
    ments = ctx.get("mentions")
    out: list[Cand] = []
    text = doc.text if text is None else text  # built on every access: read once
    if ments:
        for m in ments:
            s, e = m.start - off, m.end - off
            if 0 <= s < e <= len(text):
                label = {"GOV": "GOV", "PERSON": "PERSON"}.get(m.label, "ORG" if m.label not in ("GPE", "LOC", "FAC")
                                                            else m.label)
                out.append(Cand(start=s, end=e, text=text[s:e], actor_id=m.actor_id, label=label))
        return out
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            etext = ent.text
            s = ent.start_char
            if ent[0].lower_ == "the":
                s = ent[1].idx if len(ent) > 1 else s
                etext = text[s : ent.end_char]
            label = ent.label_ if ent.label_ != "NORP" else "ORG"
            out.append(Cand(start=s, end=ent.end_char, text=etext, label=label))
    return out


# --------------------------------------------------------------------------- extraction


def _sent_of(doc: Doc, pos: int) -> Span | None:
    for sent in doc.sents:
        if sent.start_char <= pos < sent.end_char:
            return sent
    return None


def _subject(verb: Token) -> Span | None:
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
                            return _np(pobj[0])
                if ch.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
                    ante = v.head
                    src = [p for p in ante.children if p.dep_ == "prep" and p.lower_ in ("from", "by")]
                    if src:
                        pobj = [p for p in src[0].children if p.dep_ == "pobj"]
                        if pobj:
                            return _np(pobj[0])
                    return _np(ante)
                return _np(ch)
        if v.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl") and v.head is not v:
            to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
            if v.dep_ == "xcomp" or (v.dep_ == "advcl" and to_inf):
                # Object control: "forced Khamenei to acknowledge", "sent his advisor, Kharrazi, to denounce"
                # (for a purpose clause only when the object is a person, not "wrote a letter to denounce").
                obj = [c for c in v.head.children if c.dep_ in ("dobj",)]
                if obj and (v.dep_ == "xcomp" or _personal(obj[0])):
                    return _np(obj[0])
            v = v.head
            seen += 1
            continue
        break
    return None


def _own_subject(verb: Token) -> bool:
    """Does a clause have a subject other than a relative "that"/"which"?"""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("that", "which", "who")
               for c in verb.children)


def _personal(tok: Token) -> bool:
    """Does this noun phrase denote a person (a PERSON name, apposition, or a person noun)?"""
    pn = cues()["person_nouns"]
    heads = [tok, *tok.conjuncts]
    heads += [c for t in heads for c in t.children if c.dep_ == "appos"]
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in pn or t.lower_ in pn for t in heads)


def _np(tok: Token) -> Span:
    """The noun phrase of a token without relative clauses or appositions (asides)."""
    doc = tok.doc
    appos = [c for t in [tok, *tok.conjuncts] for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if appos and tok.pos_ != "PROPN":
        return _np(appos[0])  # "his close relative and advisor, Kamal Kharrazi,"
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


class Extractor:
    def __init__(self, doc: Doc, ctx: dict[str, Any]):
        self.doc = doc
        self.text = doc.text
        self.ctx = ctx
        self.article = ctx.get("article")
        self.offset = int(ctx.get("offset", 0))
        self.res = Resolver(doc, _doc_mentions(doc, ctx, self.text), self.text)
        self.c = cues()
        self.question_spans: list[tuple[int, int]] = []
        from .nlp import part_role

        self._part_role = part_role

    # ------------------------------------------------------------------ helpers
    def role(self, pos: int) -> str:
        if self.article is None:
            return "body"
        return self._part_role(self.article, pos + self.offset)

    def cue_tokens_between(self, s: int, e: int) -> list[Token]:
        out = []
        for tok in self.doc.char_span(s, e, alignment_mode="expand") or []:
            if tok.idx > 0 and self.text[tok.idx - 1] == "-":
                continue  # "so-called"
            if _cue_lemma(tok):
                out.append(tok)
        return out

    def _title_before(self, pos: int) -> bool:
        before = self.text[max(0, pos - 40) : pos].lower()
        before = before[before.rfind("\n") + 1 :]  # a heading above ("Demonization Campaign") is no title cue
        before = re.sub(r"[\s:,]+$", "", before)
        before = re.sub(r"\s+(?:a|an|the|its|their|his|her)$", "", before)
        return _title_rx().search(before) is not None

    # ------------------------------------------------------------------ direct
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
            rf"[\s,]*(?:(?P<s1>{_NAME_RX}|{_PRONOUN_RX}|{_DESC_RX}|{_LOWER_DESC_RX})(?:,\s+{_APPOS_RX},)?"
            rf"\s+(?:\w+ly\s+)?(?P<c1>{_cue_alt()})\b"
            rf"|(?P<c2>{_cue_alt()})\s+(?P<s2>{_NAME_RX}))",
            after,
        )
        if m is not None and m.group("s1") and not any(ch.isupper() for ch in m.group("s1")[1:]) and not self._nominal(close + 1 + m.start("s1"), close + 1 + m.end("s1")):
            m = None  # ", and said": not a speaker phrase
        if m is not None and m.group("s1") and re.match(rf"(?:{_cue_alt()})\s", m.group("s1")):
            # ",” said Senator X. She added ...": the cue right after the close is this quote's ("said X"),
            # not the next sentence's verb with the whole run as its "speaker".
            m2 = re.match(rf"[\s,]*(?:(?P<s1>(?!))(?P<c1>(?!))|(?P<c2>{_cue_alt()})\s+(?P<s2>{_NAME_RX}))", after)
            m = m2 if m2 is not None else None
        if m is not None and m.group("c1") and re.search(r"[.!?]\W*$", text[q.start : close]) and (
                re.match(r"\s+that\b", after[m.end("c1"):]) or self._has_clause(close + 1 + m.start("c1"))):
            # “... it has.” She added that ...: a new sentence reporting its own clause, not this quote's cue.
            m = None
        if m is None and q.close is not None:
            # An embedded post: “...” — Dana Whitlock (@handle) April 29, 2025
            tw = re.match(rf"\s*[—–-]{{1,2}}\s*(?P<s>{_NAME_RX})\s*\(@\w+\)", after)
            if tw is not None:
                ss, se = close + 1 + tw.start("s"), close + 1 + tw.end("s")
                dash = close + 1 + len(after) - len(after.lstrip())
                return self.res.resolve_span(ss, se, exclude=(q.start, q.end)), text[dash], dash, dash + 1, "after"
        if m is None and q.close is None:
            tm = _TRAILING_ATTR.search(text, q.start, q.end + 80)
            if tm and tm.start() >= q.end - 1:
                m = re.match(
                    rf"[?.!,]\s+(?P<s1>{_NAME_RX}|{_PRONOUN_RX})\s+(?:\w+ly\s+)?(?P<c1>{_cue_alt()})\b",
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
            if lm:  # "Former MEP: “The Key Task ...”"
                s, e = ps + lm.start(1), ps + lm.end(1)
                if self._role_only(s, e):  # "Former MEP:": a role with no name gives no speaker
                    return None, ":", e, e + 1, "label"
                spk = self.res.resolve_span(s, e)
                if spk is not None and spk.actor_id is None and not self.res.mention_in(s, e):
                    spk = Cand(start=s, end=e, text=text[s:e])
                return spk, ":", e, e + 1, "label"
            # "The assertion that the MEK “support[ed] ...”": a claim noun as the cue.
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
        subj = _subject(verb)
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

    def _heading_like(self, line: str) -> bool:
        words = line.split()
        if not 1 <= len(words) <= 8 or line.rstrip()[-1:] in ".!?:,;\"”’":
            return False
        caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return caps >= max(1, len(words) - 1)

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
        subj = _subject(verb)
        if subj is None:
            for other in reversed(toks[:-1]):
                subj = _subject(other)
                if subj is not None:
                    break
        if subj is None:
            root = verb.sent.root
            subj = _subject(root) if root is not verb else None
        if subj is None:
            return None, verb.text, verb.idx, verb.idx + len(verb.text), "before"
        spk = self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
        return spk, verb.text, verb.idx, verb.idx + len(verb.text), "before"

    # ------------------------------------------------------------------ transcript labels
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
            if c is None or c.label != "PERSON" and not (sp.root.ent_type_ == "PERSON" or _personal(sp.root)):
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
                got = person(_subject(tok))
                if got is not None:
                    return got
        for mm in self.res.mentions:
            if mm.start < first_row and mm.label == "PERSON" and self.role(mm.start) not in ("byline", "title") and \
                    not re.search(r"\bby\s*$", self.text[max(0, mm.start - 6) : mm.start], re.I):
                return mm
        return None

    # ------------------------------------------------------------------ indirect
    def indirect(self, direct: list[RawQuote]) -> list[RawQuote]:
        out: list[RawQuote] = []
        doc = self.doc
        min_words = int(self.c["min_indirect_words"])
        dspans = [(d.start, d.end) for d in direct]
        direct_cues = {d.cue_start for d in direct if d.cue_start is not None
                       and len(self.text[d.start : d.end].split()) >= int(self.c["min_uncued_words"])}
        weak = set(self.c["weak_verbs"])
        for tok in doc:
            lemma = _cue_lemma(tok)
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
                subj = _subject(tok)
                if lemma in self.c["finding_verbs"] and (subj is None or subj.root.pos_ == "PRON" or _personal(subj.root)):
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
                         or (n.i + 1 < len(doc) and doc[n.i + 1].lower_ == "that" and _own_subject(c)))]
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
                                             or (s_tok.lower_ == "that" and _own_subject(c))):
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
                            speakers.append(_np(a))
                            if len(speakers) > len(content):
                                content.append((s_c, e_c))
                    else:
                        own = [c for c in tok.children if c.dep_ == "nsubj"]
                        speakers.append(_np(own[0]) if own else None)
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
                e_c = _trim_end(self.text, s_c, e_c)
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

    # ------------------------------------------------------------------ all
    def run(self) -> list[RawQuote]:
        text = self.text
        skip_roles = ("title", "tags", "related_link", "boilerplate", "header", "byline")

        def skip_para(p: tuple[int, int]) -> bool:
            role = self.role(p[0])
            if role == "related_link":
                # An inline headline link can still carry a labelled statement ("Former MEP: “...”").
                return not _LABELLED.match(text, p[0], p[1])
            return role in skip_roles or role == "caption"

        paras = [p for p in paragraphs(text) if not skip_para(p)]
        quotations = find_quotations(text, skip_paragraph=skip_para)
        self.res.quote_spans = [(q.start, q.end) for q in quotations]
        direct: list[RawQuote] = []
        kept: dict[int, RawQuote] = {}
        min_uncued = int(self.c["min_uncued_words"])
        for k, q in enumerate(quotations):
            content = text[q.start : q.end]
            nwords = len(content.split())
            if nwords == 0:
                continue
            if self._title_before(q.open):
                continue
            spk, cue, cs, ce, how = self.attribute(q, paras)
            if how == "" or (how == "heading" and nwords < min_uncued):
                # Follow-on: the previous statement's speaker carries over.
                if nwords < min_uncued or not self._starts_paragraph(q, paras):
                    continue
                parent = kept.get(q.parent) if q.parent is not None else None
                spk, cue, cs, ce = self._follow_on(q, direct, paras, parent), None, None, None
            elif nwords < 3 and how != "after":
                continue
            if q.parent is not None:
                outer = kept.get(q.parent)
                if outer is not None and how == "" and spk is not None and outer.speaker is not None and \
                        (spk.actor_id or spk.text) == (outer.speaker.actor_id or outer.speaker.text):
                    continue
                if outer is not None and how == "" and nwords < min_uncued:
                    continue
            rq = RawQuote(start=q.start, end=q.end, kind="direct", speaker=spk, cue=cue, cue_start=cs, cue_end=ce,
                          depth=q.depth, parent=q.parent)
            kept[k] = rq
            direct.append(rq)
            if spk is not None:
                self.res.last_speaker = spk
        direct += self.transcript(paras, quotations)
        direct.sort(key=lambda r: r.start)
        indirect = self.indirect(direct)
        # Short quotations inside an indirect statement are part of it ("to stop “paying ransom”").
        keep = []
        for d in direct:
            inside = [i for i in indirect if i.start <= d.start and d.end <= i.end]
            if inside and len(text[d.start : d.end].split()) < min_uncued and d.cue != ":":
                continue
            keep.append(d)
        out = sorted(keep + indirect, key=lambda r: r.start)
        self._resolve_bodies(out)
        return out

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
            return None  # "the Paris police prefecture" names its body
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
        fit ("Andes Pacific Copper"). The description keeps its text with the antecedent's actor id; an
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
                q.speaker = Cand(start=sp.start, end=sp.end, text=sp.text, actor_id=found.actor_id, label=found.label)
            else:
                q.speaker = Cand(start=found.start, end=found.end, text=found.text, label=found.label)

    def _starts_paragraph(self, q: QSpan, paras: list[tuple[int, int]]) -> bool:
        return any(ps <= q.open <= ps + 2 for ps, _ in paras) or self.text[max(0, q.open - 2) : q.open].strip() in (
            "", ".")

    def _follow_on(self, q: QSpan, done: list[RawQuote], paras: list[tuple[int, int]] | None = None,
                   parent: RawQuote | None = None) -> Cand | None:
        # The previous sentence's reporting verb with a subject ("Mrs. Rajavi noted the contrast ... “...”")
        paras = paras if paras is not None else paragraphs(self.text)
        ps = max((p for p in paras if p[0] <= q.open), default=(0, 0))
        sent = _sent_of(self.doc, max(ps[0], q.open - 2)) if q.open > ps[0] else None
        if sent is not None and sent.start_char < q.open:
            for tok in reversed(list(self.doc.char_span(sent.start_char, q.open, alignment_mode="contract") or [])):
                if _cue_lemma(tok):
                    subj = _subject(tok)
                    if subj is not None:
                        return self.res.resolve_span(subj.start_char, subj.end_char, exclude=(q.start, q.end))
        if parent is not None:
            # A quotation nested in an excerpt: introduced by the previous paragraph's reporting sentence
            # ("Maryam Rajavi called on ... in a speech." then “‘Do not help them ...”), else it goes on
            # with the enclosing quotation's speaker.
            prev = [p for p in paras if p[1] <= ps[0]]
            if prev:
                intro = _sent_of(self.doc, max(prev[-1][0], prev[-1][1] - 2))
                if intro is not None:
                    for tok in reversed(list(intro)):
                        if _cue_lemma(tok):
                            subj = _subject(tok)
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
                if _cue_lemma(tok):
                    subj = _subject(tok)
                    if subj is not None:
                        return self.res.resolve_span(subj.start_char, subj.end_char)
        return None


# --------------------------------------------------------------------------- spaCy + stage

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def extract(doc: Doc) -> list[RawQuote]:
    ctx = doc.user_data.get("presslens", {})
    return Extractor(doc, ctx).run()


@Language.factory("presslens_quotes")
def make_quotes_component(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.quotes = extract(doc)
        return doc

    return component


class QuotesStage:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._component: Any = None

    def component(self) -> Any:
        if self._component is None:
            from spacy.lang.en import English

            self._component = make_quotes_component(English(), "presslens_quotes")
        return self._component

    def __call__(self, a: Analysis) -> Analysis:
        if a.doc is None:
            from .nlp import NlpStage

            a = NlpStage(self.settings)(a)
        doc = a.doc
        off = a.nlp_offset
        ctx = doc.user_data.setdefault("presslens", {})
        ctx.update(article=a.article, offset=off, mentions=list(a.mentions))
        self.component()(doc)
        for r in doc._.quotes or []:
            s, e = r.start + off, r.end + off
            spk = r.speaker
            q = Quote(
                id=stable_id(a.article.id, "quote", r.kind, s, e),
                article_id=a.article.id, start=s, end=e, text=a.page_text[s:e], kind=r.kind,
                speaker_text=spk.text if spk else None,
                speaker_start=spk.start + off if spk else None,
                speaker_end=spk.end + off if spk else None,
                speaker_id=spk.actor_id if spk else None,
                cue=r.cue,
                cue_start=r.cue_start + off if r.cue_start is not None else None,
                cue_end=r.cue_end + off if r.cue_end is not None else None,
            )
            if q.speaker_start is not None and q.speaker_end is not None:
                q.speaker_text = a.page_text[q.speaker_start : q.speaker_end]
            a.quotes.append(q)
        self._linked_headlines(a)
        link_numbers(a)
        return a


    def _linked_headlines(self, a: Analysis) -> None:
        """Inline headline links are masked from the parse, yet one can carry a labelled statement
        ("Former MEP: “The Key Task of MOIS Is ...”"): a direct quote, the label as speaker text (none for a
        bare role such as "Former MEP")."""
        pn = cues()["person_nouns"]
        for part in a.article.parts:
            if part.role != "related_link":
                continue
            m = _LINKED_LABEL.match(a.page_text, part.start, part.end)
            if m is None or len(m.group("q").split()) < 3:
                continue
            label = m.group("label")
            last = label.split()[-1].lower().rstrip(".")
            role_only = last in pn or last.rstrip("s") in pn
            s, e = m.start("q"), m.end("q")
            a.quotes.append(Quote(
                id=stable_id(a.article.id, "quote", "direct", s, e), article_id=a.article.id, start=s, end=e,
                text=a.page_text[s:e], kind="direct",
                speaker_text=None if role_only else label,
                speaker_start=None if role_only else m.start("label"),
                speaker_end=None if role_only else m.end("label"),
                speaker_id=None, cue=":", cue_start=m.end("label"), cue_end=m.end("label") + 1))


_LINKED_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][^:“”\"\n]{1,59}?):[ \t]*[“\"«](?P<q>[^”\"»\n]+?)[”\"»]?[ \t]*$",
                           re.M)


def link_numbers(a: Analysis) -> None:
    """Each number inside a quote gets that quote's id (the innermost one)."""
    for n in a.numbers:
        inside = [q for q in a.quotes if q.start <= n.start and n.end <= q.end]
        if inside:
            n.quote_id = min(inside, key=lambda q: q.end - q.start).id


@stages.register("quotes")
def make_quotes_stage(settings: Settings) -> QuotesStage:
    return QuotesStage(settings)
