"""Token attributes of a Doc read once into plain lists (session 18, speed only).

The mention finders test every capitalised word and its next words: through ``doc[i]`` and
``doc[i:j]`` that built ~210k Token and Span objects per 300 articles. The lists hold what they
test; ``span_text`` equals ``doc[i:j].text``. One Doc at a time is kept (the one being read).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

TAIL_WORDS = frozenset({"'s", "’s", "'", "’", "|", "-", "–", "—", "·", "•"})


@dataclass(slots=True)
class Toks:
    text: list[str]
    ws: list[str]  # text with its trailing whitespace
    lower: list[str]
    tag: list[str]
    cap: list[bool]  # first character upper-case
    space: list[bool]  # a space token or a line break ("\n" alone)
    newline: list[bool]  # a space token or one holding a line break
    tail: list[bool]  # mentions.tail_token

    def span_text(self, i: int, j: int) -> str:
        return "".join(self.ws[i : j - 1]) + self.text[j - 1]


_last: tuple[Doc, Toks] | None = None


def toks(doc: Doc, fresh: bool = False) -> Toks:
    """The lists of ``doc`` (read again when ``fresh``: the places component starts each Doc so)."""
    global _last
    if not fresh and _last is not None and _last[0] is doc and len(_last[1].text) == len(doc):
        return _last[1]
    text, ws, lower, tag, cap, space, newline, tail = [], [], [], [], [], [], [], []
    for t in doc:
        s = t.text
        text.append(s)
        ws.append(t.text_with_ws)
        lower.append(t.lower_)
        tag.append(t.tag_)
        cap.append(s[:1].isupper())
        sp = t.is_space
        space.append(sp or s == "\n")
        newline.append(sp or "\n" in s)
        tail.append(t.is_punct or sp or s in TAIL_WORDS or not any(ch.isalnum() for ch in s))
    out = Toks(text, ws, lower, tag, cap, space, newline, tail)
    _last = (doc, out)
    return out
