"""Parse with registered actors' names masked, so the tree cannot see which side's label was used.

The side-swap gate (issue 15) found that spaCy parses "the regime has murdered ..." and "the cult
has murdered ..." differently: the tagger, parser and NER read the words, so the events and quotes
engines, which read the tree, gave one side's sentence an agent and the other's none. Here every
registered organisation's name is replaced, for the model only, by one placeholder of the same
grammatical shape (``lang/en/mask_placeholders.yaml``: "Acme" for a bare name, "group"/"groups"
after a determiner), the model runs once on those words, and its annotations are copied back onto
the original tokens: every outside token takes its own row, the name's head token takes the
placeholder's tag, dependency and head, the name's other tokens hang from that head with tags from
their shape, and the whole name takes the entity label of its actor's kind. The returned Doc has
the original words and whitespace, so its text and every offset are the page's, unchanged.

Pure functions over Docs; which spans to mask is the actors layer's business
(``layers.actors.masking``), running the model is the ``nlp`` stage's.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from ..lang import data

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
_IOB_I, _IOB_O, _IOB_B = 1, 2, 3


@functools.cache
def _conf() -> dict[str, Any]:
    conf = dict(data("mask_placeholders"))
    fw = data("function_words")
    conf["determiner_set"] = frozenset(str(w).lower() for w in conf["determiners"])
    conf["preposition_set"] = frozenset(str(w).lower() for w in fw["prepositions"])
    return conf


@dataclass(frozen=True, slots=True)
class MaskSpan:
    """Words to mask: doc tokens [start, end), the entity label they all get ("": the model's), and
    whether they are a common noun phrase whatever precedes them (a label word, not a name)."""

    start: int
    end: int
    label: str
    common: bool = False


@dataclass(slots=True)
class Masked:
    """The words the model sees and how they map back to the original tokens."""

    words: list[str]
    spaces: list[bool]
    to_masked: list[int]  # original token -> masked token (a name's tokens -> its placeholder)
    to_orig: list[int]  # masked token -> original token (a placeholder -> its name's head)
    spans: list[tuple[MaskSpan, int]]  # kept spans (leading determiner left outside) and their heads


def _space(token: str) -> str:
    """A whitespace token as the model sees it: its line breaks (up to two) or one space. Blanked
    parts of a page (tags, bylines) are runs of spaces as long as the text they hide, which would
    otherwise make the parse depend on a hidden name's length."""
    breaks = min(token.count("\n"), 2)
    return "\n" * breaks if breaks else " "


def _plural(word: str) -> bool:
    return word.isalpha() and word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def name_head(texts: Sequence[str], start: int, end: int) -> int:
    """The head word of a name: the word before its first preposition ("Government | of Iran",
    "People's Mojahedin Organization | of Iran"), else its last word ("the mullahs' regime")."""
    preps = _conf()["preposition_set"]
    for k in range(start + 1, end):
        if texts[k] in preps:  # lower-case only: "Of" in a headline stays part of the name
            return k - 1
    k = end - 1
    while k > start and not any(c.isalnum() for c in texts[k]):
        k -= 1
    return k


def _after_determiner(texts: Sequence[str], start: int) -> bool:
    dets = _conf()["determiner_set"]
    p = start - 1
    if p < 0:
        return False
    if texts[p].lower() in dets:
        return True
    # "the brutal regime": one lower-case word between the determiner and the name.
    return p > 0 and texts[p].isalpha() and texts[p].islower() and texts[p - 1].lower() in dets


def mask(doc: Doc, spans: Sequence[MaskSpan]) -> Masked:
    """The words with every span replaced by its placeholder (spans may overlap; the first wins)."""
    conf = _conf()
    texts = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    dets = conf["determiner_set"]
    kept: list[tuple[MaskSpan, int]] = []
    last_end = 0
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        start = sp.start
        while start < sp.end - 1 and texts[start].lower() in dets:
            start += 1  # "the regime" and "the Iranian cult" both become "the group"
        if start < last_end or start >= sp.end:
            continue
        kept.append((MaskSpan(start, sp.end, sp.label, sp.common), name_head(texts, start, sp.end)))
        last_end = sp.end
    words: list[str] = []
    wspaces: list[bool] = []
    to_masked = [0] * len(texts)
    to_orig: list[int] = []
    i = 0
    for sp, head in (*kept, (MaskSpan(len(texts), len(texts), ""), -1)):
        for k in range(i, sp.start):
            to_masked[k] = len(words)
            to_orig.append(k)
            words.append(_space(texts[k]) if texts[k].isspace() else texts[k])
            wspaces.append(spaces[k])
        if sp.start >= len(texts):
            break
        plural = _plural(texts[sp.end - 1])
        if sp.common or _after_determiner(texts, sp.start):
            word = conf["plural"] if plural else conf["noun"]
        else:
            word = conf["plural"] if plural else conf["name"]
        for k in range(sp.start, sp.end):
            to_masked[k] = len(words)
        to_orig.append(head)
        words.append(word)
        wspaces.append(spaces[sp.end - 1])
        i = sp.end
    return Masked(words, wspaces, to_masked, to_orig, kept)


def masked_doc(doc: Doc, m: Masked) -> Doc:
    """A Doc of the masked words, carrying the original's user data (the model reads none of it)."""
    out = Doc(doc.vocab, words=m.words, spaces=m.spaces)
    out.user_data.update(doc.user_data)
    return out


def _inner(word: str) -> tuple[str, str, str]:
    """(tag, pos, dep) for a word of a masked name other than its head, from its shape."""
    inner = _conf()["inner"]
    low = word.lower()
    if low in ("'s", "’s", "'", "’"):
        key = "possessive"
    elif low in _conf()["preposition_set"]:
        key = "preposition"
    elif low in _conf()["determiner_set"]:
        key = "determiner"
    elif word in ("(", "["):
        key = "open_bracket"
    elif word in (")", "]"):
        key = "close_bracket"
    elif word in ("-", "‐", "‑", "–"):
        key = "hyphen"
    elif not any(c.isalnum() for c in word):
        key = "punct"
    elif word[:1].isdigit():
        key = "number"
    elif word[:1].isupper():
        key = "capitalised"
    else:
        key = "lower_plural" if _plural(word) else "lower"
    tag, pos, dep = inner[key]
    return str(tag), str(pos), str(dep)


def restore(doc: Doc, parsed: Doc, m: Masked) -> Doc:
    """The original words with the masked parse's annotations (see the module docstring)."""
    vocab = doc.vocab
    strings = vocab.strings
    arr = parsed.to_array(COLUMNS).astype(numpy.uint64)
    n = len(doc)
    if not n:
        return doc
    to_masked = numpy.asarray(m.to_masked, dtype=numpy.int64)
    to_orig = numpy.asarray(m.to_orig, dtype=numpy.int64)
    out = arr[to_masked].copy()
    # Heads: the masked head's original token (a placeholder's is its name's head word).
    rel = arr[:, COLUMNS.index(HEAD)].view(numpy.int64)
    masked_head = numpy.arange(len(arr), dtype=numpy.int64) + rel
    heads = to_orig[masked_head[to_masked]]
    texts = [t.text for t in doc]
    lemma_col, ent_iob, ent_type = COLUMNS.index(LEMMA), COLUMNS.index(ENT_IOB), COLUMNS.index(ENT_TYPE)
    propn = POS_IDS["PROPN"]
    for sp, head in m.spans:
        label = strings.add(sp.label) if sp.label else 0
        seg_end = sp.end
        for k in range(sp.end - 1, sp.start - 1, -1):
            if k == head:
                word = texts[k]
                out[k, lemma_col] = strings.add(word if int(out[k, 1]) == propn else word.lower())
            else:
                tag, pos, dep = _inner(texts[k])
                out[k, 0] = strings.add(tag)
                out[k, 1] = POS_IDS[pos]
                out[k, 2] = 0
                out[k, lemma_col] = strings.add(texts[k] if pos == "PROPN" else texts[k].lower())
                if k < head or dep in ("prep", "punct"):
                    heads[k] = head  # "People 's Mojahedin -> Organization", "of -> Government"
                else:
                    # after a preposition: its last word is the object, the others modify that word
                    last = seg_end - 1
                    while last > k and not any(c.isalnum() for c in texts[last]):
                        last -= 1
                    if k == last:
                        prep = k - 1
                        while prep > head and _inner(texts[prep])[2] != "prep":
                            prep -= 1
                        heads[k], dep = prep, "pobj"
                    else:
                        heads[k] = last
                out[k, 4] = strings.add(dep)
            if _inner(texts[k])[2] == "prep" and k != head:
                seg_end = k
            if label:
                out[k, ent_iob] = _IOB_B if k == sp.start else _IOB_I
                out[k, ent_type] = label
            elif k != sp.start and int(out[k, ent_type]):
                out[k, ent_iob] = _IOB_I  # the placeholder's own entity, over all the words
        # An entity the model continued past the placeholder starts afresh after the name.
        if label and sp.end < n and int(out[sp.end, ent_iob]) == _IOB_I:
            out[sp.end, ent_iob] = _IOB_B
    out[:, COLUMNS.index(HEAD)] = (heads - numpy.arange(n, dtype=numpy.int64)).view(numpy.uint64)
    new = Doc(vocab, words=texts, spaces=[bool(t.whitespace_) for t in doc])
    new.from_array(COLUMNS, cast(Any, out))
    new.user_data.update(doc.user_data)
    new.user_data[MASKED_KEY] = [(sp.start, sp.end) for sp, _ in m.spans]
    return new


MASKED_KEY = "presslens_masked"


def unit_ends(doc: Doc) -> list[int]:
    """For each token, where the word unit starting there ends: a masked name is one unit ("remove
    the Republic of Chad from" is "remove * from" as "remove the party from" is), any other token
    is its own. Layers that count words in a window count these units."""
    ends = list(range(1, len(doc) + 1))
    for start, end in doc.user_data.get(MASKED_KEY, ()):
        ends[start] = end
    return ends
