"""Statements in headlines: inline headline links (masked from the parse) that carry a labelled
statement ("Former MEP: “...”")."""

from __future__ import annotations

import re

from ...records import Analysis, Quote, stable_id
from .lexicon import cues

_LINKED_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][^:“”\"\n]{1,59}?):[ \t]*[“\"«](?P<q>[^”\"»\n]+?)[”\"»]?[ \t]*$",
                           re.M)


def linked_headlines(a: Analysis) -> None:
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
