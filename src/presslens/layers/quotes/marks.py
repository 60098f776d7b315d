"""Quote marks paired into quotations (direct speech spans), before any attribution.

Marks (" “ ” ‘ ’ « » „ and straight quotes) are paired with a stack per paragraph so that
apostrophes, nesting, unbalanced marks and the multi-paragraph convention (every paragraph opens
with a mark, only the last one closes) are all handled without losing the rest of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import TRAILING_ATTR

OPEN = {"“": "d", "«": "g", "„": "d", "‘": "s"}
CLOSE = {"”": "d", "»": "g", "’": "s"}
MARKS = set(OPEN) | set(CLOSE) | {'"', "'"}


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
                    q.end = trim_end(text, q.start, q.end)
                    done.append(q)
                stack = stack[:keep]
                for q in stack:
                    q.cont_marks.append(lead[0][0])
            elif not _closes_before_open(text, ps, pe, stack[0].family):
                for q in stack:
                    q.end = trim_end(text, q.start, q.end)
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
                    q.end = trim_end(text, q.start, i)
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
            m = TRAILING_ATTR.search(text, ps, pe)
            if m and m.start() > stack[0].start:
                for q in stack:
                    q.end = trim_end(text, q.start, m.start() + 1)
                    done.append(q)
                stack = []
    for q in stack:
        q.end = trim_end(text, q.start, q.end)
        done.append(q)
    for q in done:
        q.start = trim_start(text, q.start, q.end)
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


def trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in " \t\n\u00a0":
        e -= 1
    return e


def trim_start(text: str, s: int, e: int) -> int:
    while s < e and text[s] in " \t\n\u00a0":
        s += 1
    return s



def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The content of a quotation as one piece per paragraph: a multi-paragraph quotation's later
    paragraphs lose their continuation marks, and the paragraph breaks are not content."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        if out:  # continuation marks open every paragraph after the first
            while s < e and (text[s] in OPEN or text[s] in "\"'" or text[s].isspace()):
                s += 1
        s, e = trim_start(text, s, e), trim_end(text, s, e)
        if e > s:
            out.append((s, e))
    return out
