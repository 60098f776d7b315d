"""Which words the ``nlp`` stage masks before parsing (``presslens.layers.masking``).

Two kinds, both read from our registry (not the imported PETRARCH2 dictionaries), never persons
(a person's name is no side's label, and the quotes layer reads persons' names) and never a
place standing for a state ("Moscow said" stays a place for the places layer):

- names: what the registry's phrase matcher finds as a name, description or known spelling of
  an organisation or government, labelled ORG for the NER columns. Two names of the same actor
  joined by a slash ("MEK/PMOI", "PMOI / MEK") are one name, as the registry lists them;
- label words: a side's loaded description (register ``self`` or ``hostile``) written in lower
  case without its article where it names no one ("regime change", "the mullahs' clerical
  dictatorship", "a terrorist organization"): the words differ by side, so they are parsed as a
  common noun ("group") and left unlabelled.

The scan runs on the tokenized text only, before any tag exists, with the actors layer's own
matcher, so the names masked are the names the actors layer will find.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..masking import MaskSpan
from .component import ActorsComponent

MASKED_KINDS = ("alias", "generic", "fuzzy")
LABEL_REGISTERS = ("self", "hostile")


@dataclass(slots=True)
class _Labels:
    phrases: frozenset[tuple[str, ...]]
    firsts: frozenset[str]
    maxlen: int


_LABELS: dict[tuple[int, int], _Labels] = {}


def label_phrases(component: ActorsComponent) -> _Labels:
    """Lower-case token sequences of our organisations' loaded descriptions, article stripped."""
    key = (id(component.registry), id(component.nlp.tokenizer))
    if key not in _LABELS:
        reg = component.registry
        out: set[tuple[str, ...]] = set()
        for e in getattr(reg.entries, "ours", reg.entries).values():
            if getattr(e, "imported", False) or e.actor.type == "PERSON":
                continue
            for n in (*e.actor.aliases, *e.generic):
                if e.register_of(n) not in LABEL_REGISTERS:
                    continue
                toks = [t.text for t in component.nlp.tokenizer(n) if not t.is_space]
                if toks and toks[0].lower() in ("the", "a", "an"):
                    toks = toks[1:]
                if toks and all(not any(c.isupper() for c in t) for t in toks) and any(t.isalpha() for t in toks):
                    out.add(tuple(t.replace("’", "'") for t in toks))
        _LABELS[key] = _Labels(frozenset(out), frozenset(p[0] for p in out), max([len(p) for p in out] or [1]))
    return _LABELS[key]


def _label_spans(component: ActorsComponent, texts: Sequence[str], taken: list[bool]) -> list[MaskSpan]:
    labels = label_phrases(component)
    low = [t.lower().replace("’", "'") for t in texts]
    out: list[MaskSpan] = []
    i = 0
    while i < len(low):
        if low[i] in labels.firsts and not taken[i]:
            for ln in range(min(labels.maxlen, len(low) - i), 0, -1):
                if tuple(low[i : i + ln]) in labels.phrases and not any(taken[i : i + ln]):
                    out.append(MaskSpan(i, i + ln, "", common=True))
                    i += ln - 1
                    break
        i += 1
    return out


def mask_spans(component: ActorsComponent, doc: Doc) -> list[MaskSpan]:
    """Names (labelled ORG) and label words to mask in a tokenized doc."""
    entries = component.registry.entries
    hits, _ = component._scan(doc)
    texts = [t.text for t in doc]
    names: list[tuple[int, int, tuple[str, ...]]] = []
    for h in hits:
        if h.kind not in MASKED_KINDS or not h.actors:
            continue
        es = [entries.get(a) for a in h.actors]
        if any(e is None or getattr(e, "imported", False) or e.actor.type == "PERSON" for e in es):
            continue
        prev = names[-1] if names else None
        if prev and prev[2] == h.actors and h.start == prev[1] + 1 and texts[prev[1]] == "/":
            names[-1] = (prev[0], h.end, prev[2])  # "MEK/PMOI", "PMOI / MEK": one name
        else:
            names.append((h.start, h.end, h.actors))
    taken = [False] * len(texts)
    for s, e, _ in names:
        taken[s:e] = [True] * (e - s)
    # _scan caches per-doc token arrays in user_data; the parsed Doc is a new one.
    doc.user_data.pop("_presslens_tokens", None)
    return [MaskSpan(s, e, "ORG") for s, e, _ in names] + _label_spans(component, texts, taken)
