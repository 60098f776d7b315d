"""Whose figure it is (``owner``): figures of different owners are different quantities ("Freedonia had
lost 740" vs "Sylvania had lost up to 210"). Split from ``figures.py``; lexicon in ``data/count_nouns.yaml``."""

from __future__ import annotations

import re

from ..records import NumberClaim
from .figures import _clause, count_lexicon

_OWNER_STEM = re.compile(r"(?:ians|ian|ia|ans|an|ese|ns|n|s|e|a|i)$")


def _owner_key(word: str) -> str:
    """One key per owner: "Russia"/"Russian"/"Moscow" -> the same key ("Moscow-installed" -> "moscow")."""
    w = re.split(r"[-'’]", word.lower())[0]
    w = count_lexicon()["_owner_alias"].get(w, w)
    stem = _OWNER_STEM.sub("", w)
    return stem if len(stem) >= 3 else w


def _is_name(text: str, word: str, at: int) -> bool:
    """A capitalised word that is a name: not opening its sentence, or written with a capital inside
    another sentence ("Police killed ..." opens a sentence and is not a name)."""
    if not word[:1].isupper() or word in count_lexicon()["_not_names"]:
        return False
    if not re.search(r"[.!?\n\"“:]\s*$", text[max(0, at - 4) : at]) and at > 0:
        return True
    return re.search(rf"[a-z,;]\s+{re.escape(word)}\b", text) is not None


def owner(text: str, n: NumberClaim) -> str | None:
    """Whose figure it is: the named subject of "lost/suffered/killed" right before it ("Freedonia had lost
    740"), a possessor ("Freedonia's losses of 740"), a side after it ("740 of the Sylvanian troops",
    "on the Freedonian side") or a name in its counted noun ("210 Sylvanian servicemen"). None when unnamed."""
    lex = count_lexicon()
    cs, ce = _clause(text, n.start, n.end)
    before = text[max(cs, n.start - 120) : n.start]
    base = n.start - len(before)
    for rx in (lex["_owner_verb_rx"], lex["_owner_poss_rx"]):
        m = rx.search(before)
        if m:
            for w in reversed(list(re.finditer(r"[\w'’-]+", m.group("own")))):
                word = w.group().removesuffix("’s").removesuffix("'s")
                if _is_name(text, word, base + m.start("own") + w.start()):
                    return _owner_key(word)
    m = lex["_owner_after_rx"].match(text, n.end, min(ce, n.end + 80))
    if m and _is_name(text, m.group("own"), m.start("own")):
        return _owner_key(m.group("own"))
    if n.counts:
        words = n.counts.split()
        if len(words) >= 2 and words[-1].lower() in lex["_owner_nouns"]:
            for word in words[:-1]:
                if word[:1].isupper() and word not in count_lexicon()["_not_names"]:
                    return _owner_key(word)
    return None

