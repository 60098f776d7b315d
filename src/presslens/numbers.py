"""The ``numbers`` stage: every quantity claim as an interval ``[low, high]`` with its text span.

Number words and digits are read into values by :mod:`presslens.text.number_words`; this module
adds hedges, exclusions and what each number counts.

Reading is lexicon-driven (``data/numbers.yaml``): digits ("3,000", "30 000", "1.5 million"),
number words ("ten thousands", "two dozen"), hedges that set bounds ("more than N" -> low N+1,
"nearly N" -> high N, "some N" -> approx), vague magnitudes ("tens of thousands" -> 20,000-99,999)
and ranges ("between 200 and 300"). Years, dates, durations, ages, percentages, ordinals and
identifiers are recognised and dropped, because they are not claims about how many of something
there are. Each claim is linked to the noun it counts; the ``quotes`` stage later links it to the
quote containing it.

The reading itself (:func:`find_quantities`) works on plain text and optionally a spaCy Doc, so it
is usable without the pipeline; the spaCy component ``presslens_numbers`` writes ``doc._.numbers``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import measures as _measures
from .layers.syntax import doc_text, function_words
from .measures import measure_unit
from .records import Analysis, NumberClaim, stable_id
from .registry import stages
from .settings import Settings
from .text.number_words import Num as _Num
from .text.number_words import alt as _alt
from .text.number_words import combine as _combine
from .text.number_words import lexicon
from .text.number_words import patterns as _patterns


@dataclass(slots=True)
class Quantity:
    """One quantity claim on a text (offsets into that text)."""

    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    approx: bool = False
    counts: str | None = None
    unit: str | None = None  # a measure's canonical unit; its exact bounds in that unit (``measures.py``)
    unit_low: float | None = None
    unit_high: float | None = None


_MONTH_RX: re.Pattern[str] | None = None


def _month_rx() -> re.Pattern[str]:
    global _MONTH_RX
    if _MONTH_RX is None:
        _MONTH_RX = re.compile(rf"\b(?:{_alt(lexicon()['month_names'])})\b\.?", re.IGNORECASE)
    return _MONTH_RX


@functools.lru_cache(maxsize=1)
def _month_before_rx() -> re.Pattern[str]:
    # Built once: the alternation was rebuilt (and every month name escaped) per number.
    return re.compile(rf"(?:{_alt(lexicon()['month_names'])})\.?,?\s*$", re.IGNORECASE)


def _next_words(text: str, pos: int, n: int = 3) -> list[str]:
    return [w.lower().rstrip(".") for w in re.findall(r"[%\w][\w.'’-]*|%", text[pos : pos + 80])][:n]


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([#\w][\w.]*)\W*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _is_excluded(text: str, num: _Num, doc: Doc | None) -> bool:
    """Years, dates, durations, ages, percentages, ordinals, ids: not quantity claims."""
    lex = lexicon()
    after = text[num.end : num.end + 40]
    before = text[max(0, num.start - 40) : num.start]
    # Ordinals ("89th", "23rd") and times ("10:30", "3 p.m.").
    if re.match(r"(?:st|nd|rd|th)\b|:\d|\s*[ap]\.?m\b", after, re.IGNORECASE):
        return True
    words = _next_words(text, num.end, 4)
    nxt = words[0].strip("-") if words else ""
    # "5-day", "14-year-old": the unit may be glued with a hyphen.
    glued = re.match(r"-([a-z]+(?:-old)?)", after, re.IGNORECASE)
    unit = _measures.half_unit(after) or (glued.group(1).lower() if glued else nxt)
    if unit in lex["time_units"] or unit.split("-")[0] in lex["time_units"]:
        return True
    if re.match(r"\s*(?:%|per\s*cent\b|percent\b|percentage\b|-?fold\b|times\b)", after, re.IGNORECASE):
        return True
    if _measures.dropped(text, num, before):
        return True
    if _measures.kept_measure(text, num, before):
        return False
    # Fractions and ratios written with digits ("3/4", "2:1").
    if re.match(r"[/:]\d", after) or re.search(r"\d[/:]$", before):
        return True
    # Dates: a month name right before or after the number.
    if _month_rx().match(after.lstrip(" ,\u00a0\t")) or _month_before_rx().search(before):
        return True
    prev = _prev_word(text, num.start).lower()
    if prev in lex["id_words"] or prev.rstrip(".") in lex["id_words"]:
        return True
    # An all-capitals code right before ("EDM 2333", "G 7") is an identifier.
    pw = _prev_word(text, num.start)
    if num.digits and len(pw) >= 2 and pw.isupper() and pw.isalpha() and re.search(r"\w\s+$", before):
        return True
    # A digit number glued to a name ("Ashraf 3", "Camp 5"): preceded by a capitalised word that
    # is not sentence-initial and not followed by anything countable.
    # A hedge is no name either ("About 3,000 South Korean protesters", "Some 200 African Union troops").
    if num.digits and re.search(r"(?:^|[a-z][ \t]+)[A-Z][a-z]+[ \t]+$", before, re.MULTILINE) and \
            prev not in function_words("clause_openers") and not _plural_noun_after(text, num, doc) and \
            _hedge(text, num.start)[0] is None:
        return True
    # Ages: "Name, 45," apposition.
    if re.search(r"[A-Z][a-z]+,\s+$", before) and re.match(r",", after) and num.value < 120:
        return True
    if num.digits and num.raw_digits and re.fullmatch(r"\d{4}", num.raw_digits):
        # A four-digit number without separators is a year unless a countable noun follows.
        if 1000 <= num.value <= 2100 and not _plural_noun_after(text, num, doc):
            return True
        # Year ranges "2004-2005", "1993 to 2009".
        if re.match(r"\s*(?:-|–|to|/)\s*\d{2,4}\b", after) or re.search(r"\d{4}\s*(?:-|–|to|/)\s*$", before):
            return True
    # Long digit runs with no separator count only when a plural noun follows ("500000 Iranians").
    return bool(num.digits and len(num.raw_digits) >= 5 and re.fullmatch(r"\d+", num.raw_digits)
                and not _plural_noun_after(text, num, doc, adjective_ok=True))


def _token_at(doc: Doc | None, pos: int) -> Any:
    if doc is None:
        return None
    starts = doc.user_data.get("presslens_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data["presslens_token_starts"] = [t.idx for t in doc]
    i = bisect.bisect_left(starts, pos)
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _plural_noun_after(text: str, num: _Num, doc: Doc | None, *, adjective_ok: bool = False) -> bool:
    lex = lexicon()
    words = _next_words(text, num.end, 2)
    if not words:
        return False
    if words[0] in lex["count_nouns_singular"]:
        return True
    tok = _token_at(doc, num.end)
    if tok is not None and tok.idx - num.end < 3:
        if tok.tag_ in ("NNS", "NNPS"):
            return True
        # "500000 Iranian, supporters of ...": a capitalised adjective/name may stand for people.
        return bool(adjective_ok and tok.tag_ in ("JJ", "NNP") and tok.text[:1].isupper())
    w = words[0]
    return len(w) > 3 and w.endswith("s") and not w.endswith("ss")


_PLACE_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME"}
_PREPOSITIONS = {"to", "in", "on", "at", "for", "from", "with", "by", "across", "near", "outside", "inside"}


_VERBS_AFTER = frozenset({"had", "have", "has", "were", "was", "are", "is", "will", "would", "could", "died"})


def _modifies_plural(tok: Any) -> bool:
    """A place name that modifies a plural noun within the next three words, capitalised words (and
    "and") between: "West and Central African countries", "Gaza residents"."""
    doc = tok.doc
    for t in doc[tok.i + 1 : tok.i + 5]:
        if t.tag_ in ("NNS", "NNPS"):
            return True
        if not (t.text[:1].isupper() or t.lower_ == "and"):
            return False
    return False


def _counted(text: str, start: int, end: int, doc: Doc | None, prefix: str = "") -> str | None:
    """What a number counts: the noun phrase after it (skipping 'of', determiners, adjectives)."""
    lex = lexicon()
    if prefix:
        return lex["currencies"].get(prefix)
    skip = set(lex["not_counted"])
    m = re.match(r"-([a-z]+)", text[end : end + 30], re.IGNORECASE)
    if m:  # "10-point plan"
        word = m.group(1).lower()
        nxt = _next_words(text, end + m.end(), 1)
        return f"{nxt[0]} {word}s" if nxt and nxt[0] not in skip else word
    # "40,000 of us", "dozens of them": a partitive personal pronoun counts people.
    if re.match(r"\s+of\s+(?:us|them|you|whom|those)\b", text[end : end + 20], re.IGNORECASE):
        return "people"
    if doc is not None:
        tok = _token_at(doc, end)
        words: list[Any] = []
        while tok is not None and len(words) < 6:
            if tok.text in ("-", "\u2010") and words and not doc[tok.i - 1].whitespace_ and not tok.whitespace_ \
                    and tok.i + 1 < len(doc) and not doc[tok.i + 1].is_punct:
                # "100,000 freedom-loving Iranians": a hyphenated compound modifies the head noun after it.
                words.pop()
                if tok.i + 2 >= len(doc):
                    break
                tok = doc[tok.i + 2]
                continue
            if tok.is_space or tok.is_punct or "\n" in tok.whitespace_:
                if words:
                    break
                # Punctuation ends the clause: what follows is not what the number counts.
                if tok.is_punct:
                    return None
            elif not words and tok.ent_type_ in ("GPE", "LOC") and _modifies_plural(tok):
                words.append(tok)  # "12 East and Southern African states", "200 Gaza residents"
            elif not words and (tok.ent_type_ in _PLACE_ENTS or (tok.pos_ == "PRON" and tok.lower_ not in skip)):
                return None  # "300,000 in Paris", "80 they said": a place or a pronoun is never counted
            elif not words and tok.pos_ == "ADP" and tok.lower_ != "of":
                return None  # "1,000 in the capital": a preposition other than "of" leaves the noun phrase
            elif tok.lower_ in skip and not words:
                pass
            elif tok.pos_ in ("NOUN", "PROPN") or tok.pos_ in ("ADJ",) and not words:
                words.append(tok)
            elif words and tok.text[:1].isupper() and tok.pos_ == "ADJ":
                words.append(tok)  # "3,000 South Korean protesters": a proper adjective after a name
            elif words and tok.lower_ == "and" and all(w.text[:1].isupper() for w in words) and \
                    tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
                pass  # "12 East and Southern African states": coordinated proper modifiers
            elif words:
                break
            elif tok.pos_ not in ("DET", "ADJ", "NUM", "ADP", "PRON"):
                return None
            if tok.i + 1 >= len(doc):
                break
            tok = doc[tok.i + 1]
        if words and words[-1].pos_ == "ADJ" and len(words) > 1:
            words = words[:-1]
        # Keep "political prisoners", "MEK supporters", "Nigerian police officers": the head noun with
        # up to 2 modifiers; a nationality before the head ("Russian soldiers") is a modifier too.
        if words:
            phrase = " ".join(t.text for t in words[-3:])
            if phrase.lower() in lex["currencies"]:
                return str(lex["currencies"][phrase.lower()])
            return phrase
        return None
    # Without a parse: the noun phrase before any clause break or preposition other than "of". A
    # plural-looking word within the next three is the head and the words before it its modifiers
    # ("Russian soldiers", "Nigerian police officers"); otherwise the first content word.
    clause = re.split(r"[,;:!?()\"“”]|\.(?:\s|$)", text[end : end + 80])[0]
    content: list[str] = []
    for w in re.findall(r"[\w][\w'’-]*", clause)[:8]:
        lw = w.lower()
        if lw in _PREPOSITIONS:
            if not content:
                return None
            break
        if not content and lw in skip:
            continue
        if not content and lw in _VERBS_AFTER:
            return None  # "31 had died", "45 were killed": a verb follows, no counted noun
        if lw in skip or len(content) == 3:
            break
        content.append(w)
    if not content:
        return None

    def plural(w: str) -> bool:
        return len(w) > 3 and w.lower().endswith("s") and not w.lower().endswith("ss")

    for i, w in enumerate(content):
        if w.lower() in lex["count_nouns_singular"] or plural(w):
            while i + 1 < len(content) and plural(content[i + 1]):
                i += 1  # "police officers": a compound head
            return " ".join(content[: i + 1])
    return content[0].lower()


def _hedge(text: str, start: int) -> tuple[str | None, int]:
    """Hedge kind and its start offset, for the hedge phrase that ends right before ``start``."""
    window_start = max(0, start - 40)
    before = text[window_start:start]
    best: tuple[str | None, int] = (None, start)
    for kind, rx in _patterns()["hedge"].items():
        m = rx.search(before)
        if m and window_start + m.start("h") < best[1]:
            best = (kind, window_start + m.start("h"))
    return best


def _post_hedge(text: str, end: int) -> tuple[str | None, int]:
    after = text[end : end + 30]
    for kind, rx in _patterns()["post"].items():
        m = rx.match(after)
        if m:
            if m.group("h").lower() == "plus" and not re.match(r"\s*-?\s*plus\b", after, re.IGNORECASE):
                continue
            return kind, end + m.end("h")
    return None, end


def _interval(kind: str | None, low: int, high: int) -> tuple[int | None, int | None, bool]:
    if kind == "gt":
        return high + 1, None, False
    if kind == "ge":
        return low, None, False
    if kind == "le":
        return None, high, False
    if kind == "lt":
        return None, low - 1, False
    if kind == "approx":
        return low, high, True
    return low, high, False


def _measured(q: Quantity, unit: str | None, first: _Num, last: _Num, hedge: str | None) -> Quantity:
    """Rule ``measure-value``: a measure's canonical unit and exact bounds (``measures.measure_bounds``);
    a decimal's whole bounds hold it ("8.1" -> [8, 9]), a whole measure keeps its interval."""
    if unit is None:
        return q
    q.unit, q.unit_low, q.unit_high, lo, hi = _measures.measure_bounds(
        unit, _measures.exact(first), _measures.exact(last), hedge)
    if "." in first.raw_digits + last.raw_digits:
        q.low, q.high = lo, hi
    return q


def find_quantities(text: str, doc: Doc | None = None, *, skip_spans: list[tuple[int, int]] | None = None
                    ) -> list[Quantity]:
    """Every quantity claim in ``text`` (offsets into ``text``)."""
    pats = _patterns()
    skip_spans = skip_spans or []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in taken + skip_spans)

    nums = _combine(text)
    used = set()
    for k, num in enumerate(nums):
        if k in used:
            continue
        # "not one member": an explicit zero.
        pre = text[max(0, num.start - 20) : num.start]
        zm = re.search(r"\b(not(?:\s+even)?)\s+$", pre, re.IGNORECASE)
        word = text[num.start : num.end].lower()
        if zm and word == "one":
            s = num.start - len(pre) + zm.start()
            found.append(Quantity(s, num.end, text[s : num.end], 0, 0, False, _counted(text, s, num.end, doc)))
            taken.append((s, num.end))
            continue
        # Ranges: "between 200 and 300", "from 200 to 300", "200 to 300", "200-300".
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        if nxt is not None:
            gap = text[num.end : nxt.start]
            lead = re.search(r"\b(between|from)\s+$", pre, re.IGNORECASE)
            joiner = r"\s+and\s+" if lead and lead.group(1).lower() == "between" else r"\s*(?:-|–|to)\s*"
            if re.fullmatch(joiner, gap, re.IGNORECASE):
                scale_m = re.match(r"\s+(\w+)", text[nxt.end : nxt.end + 20])
                both_years = num.digits and nxt.digits and 1000 <= num.value <= 2100 and 1000 <= nxt.value <= 2100
                rs = num.start - len(pre) + lead.start() if lead else num.start
                # "the pension age from 65 to 67", "aged 18 to 25": a range of ages, not a quantity.
                age = _prev_word(text, rs).lower().rstrip(".") in lexicon()["id_words"]
                if age or both_years or _is_excluded(text, nxt, doc) or (
                    lead and lead.group(1).lower() == "from" and _month_rx().search(pre)
                ):
                    used.add(k + 1)
                    continue
                s = num.start - len(pre) + lead.start() if lead else num.start
                lo, hi = num.value, nxt.value
                if scale_m and num.value < nxt.value and nxt.value >= 1000 and num.value < 1000 and not num.digits:
                    pass
                if lo <= hi:
                    unit = measure_unit(text, nxt.start, nxt.end)
                    found.append(_measured(Quantity(s, nxt.end, text[s : nxt.end], lo, hi, False,
                                                    unit or _counted(text, s, nxt.end, doc)), unit, num, nxt, None))
                    taken.append((s, nxt.end))
                    used.add(k + 1)
                    continue
        if _is_excluded(text, num, doc):
            continue
        word = text[num.start : num.end].lower()
        hedge, hs = _hedge(text, num.start)
        if word == "one" and hedge is None:
            continue  # "one way to do so", "one on one": too ambiguous without a hedge
        prefix = ""
        cm = re.search(r"(US\$|[$€£])\s*$", text[max(0, num.start - 4) : num.start])
        s = num.start
        if cm:
            prefix = cm.group(1)
            s = num.start - len(cm.group(0))
            hedge, hs = _hedge(text, s)
        post, pe = (None, num.end)
        if hedge is None:
            post, pe = _post_hedge(text, num.end)
        start = hs if hedge else s
        end = pe if post else num.end
        low, high, approx = _interval(hedge or post, num.value, num.value)
        if not free(start, end):
            continue
        unit = None if prefix else measure_unit(text, num.start, num.end) or _measures.unit_before(text, num.start)
        found.append(_measured(Quantity(start, end, text[start:end], low, high, approx,
                                        unit or _counted(text, start, num.end, doc, prefix)), unit, num, num, hedge or post))
        taken.append((start, end))
    # Vague magnitudes ("tens of thousands", "dozens") not already read as numbers.
    lex = lexicon()
    for m in pats["vague"].finditer(text):
        s, e = m.span("v")
        if not free(s, e):
            continue
        counted = _counted(text, s, e, doc)
        if counted and counted.split()[-1].lower() in lex["time_units"]:
            continue  # "hundreds of years"
        lo, hi = lex["vague"][re.sub(r"\s+", " ", m.group("v").lower())]
        hedge, hs = _hedge(text, s)
        low, high, approx = _interval(hedge, int(lo), int(hi))
        start = hs if hedge else s
        found.append(Quantity(start, e, text[start:e], low, high, approx, counted))
        taken.append((start, e))
    # Drop anything whose counted noun is a time unit ("four decades", "two weeks").
    out = []
    for q in sorted(found, key=lambda q: q.start):
        head = (q.counts or "").split()[-1:] or [""]
        if head[0].lower() in lex["time_units"]:
            continue
        out.append(q)
    return out


# --------------------------------------------------------------------------- spaCy + stage

if not Doc.has_extension("numbers"):
    Doc.set_extension("numbers", default=None)


@Language.factory("presslens_numbers")
def make_numbers_component(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        skip = [(s, e) for s, e in ctx.get("skip_spans", [])]
        doc._.numbers = find_quantities(doc_text(doc), doc, skip_spans=skip)
        return doc

    return component


class NumbersStage:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._component: Any = None

    def component(self, doc: Doc) -> Any:
        if self._component is None:
            from .nlp import blank_english

            self._component = make_numbers_component(blank_english(), "presslens_numbers")
        return self._component

    def __call__(self, a: Analysis) -> Analysis:
        off = a.nlp_offset
        if a.doc is not None:
            doc = a.doc
        else:
            from .nlp import article_text, blank_english

            doc = blank_english().make_doc(article_text(a.article, a.page_text))
            off = a.article.start
        ctx = doc.user_data.setdefault("presslens", {})
        # Dates found by the dates stage are never quantities.
        ctx["skip_spans"] = [(d.start - off, d.end - off) for d in a.dates]
        self.component(doc)(doc)
        for q in doc._.numbers or []:
            s, e = q.start + off, q.end + off
            a.numbers.append(
                NumberClaim(id=stable_id(a.article.id, "number", s, e), article_id=a.article.id, start=s, end=e,
                            text=a.page_text[s:e], low=q.low, high=q.high, approx=q.approx, counts=q.counts,
                            unit=q.unit, unit_low=q.unit_low, unit_high=q.unit_high)
            )
        return a


@stages.register("numbers")
def make_numbers_stage(settings: Settings) -> NumbersStage:
    return NumbersStage(settings)
