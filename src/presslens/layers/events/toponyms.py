"""Places the gazetteer does not know, named by the text itself: "the Kolam district of Sarwan
province", "militants in the Tarik region", "the village of Malkapur".

An administrative noun ("district", "province", "village" ...) with a capitalised name is a place
whatever the gazetteer holds; districts and villages of conflict zones are often missing from it,
and they are exactly where violence reports place events. Such a place has a name and a precision
(from the noun) but no GeoNames id; its country is the one of the place it is said to be in ("of
Kandahar province"), else none. It is no places-layer record (``id`` empty): only the event location
uses it, and the event lists ``named-place-noun`` among its rules. Words: ``events/places.yaml`` ``named_place_nouns``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.tokens import Span, Token

from ... import lang
from ...records import Place
from .common import Ctx
from .rules import rule

_NAMED_BY = ("compound", "nmod")  # "the Kolam district", "Tarik region"


@rule("named-place-noun", "place")
def named_places(ctx: Ctx, sent: Span, known: Callable[[Token], Place | None]) -> dict[int, Place]:
    """Token index -> text-only place for each administrative noun of ``sent`` named by capitalised
    words no places-layer record covers."""
    nouns = _nouns()
    out: dict[int, Place] = {}
    for t in sent:
        prec = nouns.get(t.lemma_.lower())
        if prec is None or not t.text.islower() or t.ent_type_ in ("ORG", "PERSON"):
            continue
        for name in (_before(t), _of_name(t)):
            if not name or any(known(x) is not None for x in name):
                continue
            holder = next((p for o in t.children if o.dep_ == "prep" and o.lower_ == "of"
                           for x in o.subtree if (p := known(x)) is not None), None)
            s0, s1 = ctx.page(sent.doc[name[0].i:name[-1].i + 1])
            place = Place(id="", article_id=ctx.analysis.article.id, start=s0, end=s1,
                          text=ctx.analysis.page_text[s0:s1], name=ctx.analysis.page_text[s0:s1],
                          country=holder.country if holder else None, precision=prec, rule="named-place-noun")
            for x in name:
                out[x.i] = place
    return out


def _name_token(t: Token) -> bool:
    # (NER often reads an unknown foreign toponym as a PERSON, "the Tarik region", the noun decides;
    # and NORP: "Chamkani district"; a nationality adjective is tagged JJ and stays out)
    return t.is_title and t.tag_ in ("NNP", "NNPS") and t.ent_type_ not in ("ORG", "DATE")


def _before(noun: Token) -> list[Token]:
    """"the Kolam district", "Dosar district headquarters", "Helmand province's Nad-e Ali
    district": the capitalised words just before the noun, with the hyphenated particles of a name."""
    doc = noun.doc
    name: list[Token] = []
    i = noun.i - 1
    while i >= noun.sent.start:
        t = doc[i]
        word = _name_token(t) and t.dep_ in _NAMED_BY
        hyphen = bool(name) and t.text in ("-", "–") and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        particle = bool(name) and t.is_lower and _joined(t)  # the "e" of "Nad-e Ali"
        if not (word or hyphen or particle or name and _joined(name[0]) and not t.whitespace_):
            break
        name.insert(0, t)
        i -= 1
    while name and not _name_token(name[0]):
        name.pop(0)
    return name if name and not name[0].is_sent_start else []


def _joined(t: Token) -> bool:
    """``t`` follows a hyphen written without spaces ("Nad-e")."""
    doc = t.doc
    return t.i >= 2 and doc[t.i - 1].text in ("-", "–") and not doc[t.i - 1].whitespace_ \
        and not doc[t.i - 2].whitespace_


def _of_name(noun: Token) -> list[Token]:
    """"the village of Malkapur": a capitalised object of "of" right after the noun."""
    doc = noun.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "of" or doc[noun.i + 1].head != noun:
        return []
    name: list[Token] = []
    i = noun.i + 2
    while i < noun.sent.end and _name_token(doc[i]):
        name.append(doc[i])
        i += 1
    return name if name and name[-1].dep_ == "pobj" else []


def label(place: Place) -> str:
    """The event's place name: the gazetteer's name, else the text without a trailing administrative
    noun ("Salahuddin province" -> "Salahuddin", as GeoNames and the gold name such places)."""
    if place.name:
        return place.name
    words = place.text.split()
    if len(words) > 1 and words[-1].lower() in _nouns():
        return " ".join(words[:-1])
    return place.text


@functools.cache
def _nouns() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in lang.data("events/places")["named_place_nouns"].items()}
