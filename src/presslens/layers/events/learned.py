"""A learned check on each candidate event: is this trigger, in this frame, a real act of its type?

The rules and the lexicon propose candidates; a logistic regression over general features of each
candidate (its type, where the lexicon entry came from, the trigger's part of speech, dependency and
tense, whether its subject or object is a named organisation, country, group or person, who the
event's actors are, negation, modality and status marks, a quote around it, competing candidates)
estimates the chance that the gold codes an event of that type in that sentence. Candidates below
the threshold are dropped. No word of the text is a feature: the model may only learn *frames*
that make a candidate unlikely, never a list of words. Candidates a named rule retyped or gave a
status are not judged (:func:`judged`): the rule's decision stands.

Weights: ``lang/en/events/filter.json``, trained on the dev part of the events sentence set only by
``tools/train_event_filter.py`` (its provenance block names the split, the data and the command).
Deterministic, numpy only, a dot product per candidate. Setting ``events.learned_filter`` turns it off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from ... import lang
from .. import syntax
from .common import Ctx, quote_at
from .parse import subject_of
from .trigger import Trigger

NAMED = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"})
STATUSES = ("reported", "claimed", "planned", "denied", "hypothetical")
_DEP_GROUPS = {
    "ROOT": "root", "conj": "conj", "xcomp": "comp", "ccomp": "comp", "advcl": "advcl",
    "acl": "mod", "relcl": "mod", "amod": "mod", "compound": "mod", "nmod": "mod",
    "nsubj": "arg", "nsubjpass": "arg", "dobj": "arg", "pobj": "arg", "attr": "arg", "appos": "arg",
    "pcomp": "pcomp",
}
_TAGS = {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present", "VBG": "gerund", "VB": "base"}

# The frame features' names (``frame_features``): the check reads them only when its weights do.
FRAME_FEATURES = ("det=", "in_pp", "pp_on=", "pp_of_other", "time_adjunct", "gov_tense=", "cand_above",
                  "cand_below", "cameo_family=")

# When set to a list, every candidate's (type, features, page offset of its trigger) is appended to
# it (the training tool).
RECORD: list[tuple[str, dict[str, float], int]] | None = None


def judged(trig: Trigger) -> bool:
    """The check judges only the lexicon's own readings: a candidate that a named sense, modality or
    list rule retyped or gave a status ("will not sign" REJECT, a denial) keeps that rule's decision."""
    return len(trig.rules) <= 1


def _named(tok: Token | None) -> bool:
    return tok is not None and (tok.ent_type_ in NAMED or any(t.ent_type_ in NAMED for t in tok.subtree
                                                               if t.i - tok.i < 6))


@cache
def _time_words() -> frozenset[str]:
    return frozenset(lang.data("events/learned.yaml")["time_words"])


@cache
def _cameo_codes() -> dict[int, str]:
    """CAMEO.2.0.txt line -> code of every verb entry and pattern (``cameo:<line>`` in ``trig.rules``)."""
    raw: dict[str, Any] = lang.data("events/cameo.json")
    blocks = raw["blocks"]
    out: dict[int, str] = {}
    for b in blocks:
        for p in b["patterns"]:
            if p.get("code"):
                out[int(p["line"])] = p["code"]
    for entries in raw["verbs"].values():
        for e in entries:
            code = e["code"] or blocks[e["block"]]["code"]
            if code:
                out[int(e["line"])] = code
    return out


def cameo_family(trig: Trigger) -> str | None:
    """The two-digit CAMEO root code (``19`` FIGHT, ``04`` CONSULT) of a CAMEO-read trigger."""
    src = trig.rules[0] if trig.rules else ""
    if not src.startswith("cameo:") or not src[6:].isdigit():
        return None
    code = _cameo_codes().get(int(src[6:]), "")
    digits = next((c.strip().lstrip(":") for c in code.split(":") if c.strip().lstrip(":")[:2].isdigit()), "")
    return digits[:2] or None


def _tense(tok: Token) -> str:
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return "modal"
    tag = _TAGS.get(tok.tag_)
    if tag == "past" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    return tag or "none"


def frame_features(ctx: Ctx, head: Token, trig: Trigger) -> dict[str, float]:
    """Where the trigger sits: its determiner, a preposition governing it (and whether that phrase
    hangs on another candidate), a time adjunct around it ("after the raid"), its governor's tense,
    a candidate of another type governing it or governed by it, the CAMEO root code's family.

    Measured and NOT used by the check (docs/events.md, session 24: every one lowered the
    cross-validated AUC on the dev parts); recorded only for the training tool (``RECORD``), so the
    comparison can be rerun (``tools/train_event_filter.py cv``)."""
    f: dict[str, float] = {}
    if head.pos_ == "NOUN":
        det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        if det is None:
            f["det=none"] = 1.0
        elif det.dep_ == "poss":
            f["det=poss"] = 1.0
        elif "Def" in det.morph.get("Definite", []):
            f["det=def"] = 1.0
        elif "Ind" in det.morph.get("Definite", []):
            f["det=ind"] = 1.0
        else:
            f["det=other"] = 1.0
    cands = {t.head: t.type for t in ctx.doc._.events if t.head != trig.head}
    gov = head.head
    if head.dep_ == "pobj" and gov.dep_ in ("prep", "agent"):
        f["in_pp"] = 1.0
        f[f"pp_on={'verb' if gov.head.pos_ in ('VERB', 'AUX') else 'noun'}"] = 1.0
        if cands.get(gov.head.i, trig.type) != trig.type:
            f["pp_of_other"] = 1.0
        gov = gov.head
    words = _time_words()
    tok = head
    for _ in range(4):  # up to the clause: "after the army shelled the town", "during the sit-in at the depot"
        if (tok.dep_ == "pobj" and tok.head.lower_ in words) or any(
                c.dep_ in ("mark", "advmod") and c.lower_ in words for c in tok.children if c.i < head.i):
            f["time_adjunct"] = 1.0
            break
        if tok.dep_ in ("ROOT", "ccomp", "xcomp", "conj") or tok.head is tok:
            break
        tok = tok.head
    if head.dep_ != "ROOT":
        f[f"gov_tense={_tense(gov)}"] = 1.0
    if any(cands.get(t.i, trig.type) != trig.type for t in head.ancestors if t.i in cands
           and t.sent.start == head.sent.start and abs(t.i - head.i) < 12):
        f["cand_above"] = 1.0
    if any(cands.get(t.i, trig.type) != trig.type for t in head.subtree if t.i in cands):
        f["cand_below"] = 1.0
    fam = cameo_family(trig)
    if fam is not None:
        f[f"cameo_family={fam}"] = 1.0
    return f


def features(ctx: Ctx, head: Token, trig: Trigger, actors: list[str], recips: list[str], status: str,
             quote_id: str | None, has_place: bool, has_date: bool) -> dict[str, float]:
    """General features of one candidate event (no word of the text among them)."""
    f: dict[str, float] = {"bias": 1.0, f"type={trig.type}": 1.0}
    src = trig.rules[0].split(":", 1)[0] if trig.rules else "none"
    f[f"src={src if src in ('cameo', 'plover') else 'rule'}"] = 1.0
    if trig.cameo_pattern:
        f["cameo_pattern"] = 1.0
    if len(trig.rules) > 1:
        f["rules_touched"] = 1.0
    if trig.end - trig.start > 1:
        f["multiword"] = 1.0
    pos = head.pos_ if head.pos_ in ("VERB", "NOUN") else "other"
    f[f"pos={pos}"] = 1.0
    f[f"dep={_DEP_GROUPS.get(head.dep_, 'other')}"] = 1.0
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    tag = _TAGS.get(head.tag_)
    if tag == "past" or any(a.tag_ == "VBD" for a in aux):
        f["tense=past"] = 1.0
    elif tag == "present" and not aux:
        f["tense=present"] = 1.0  # simple present: often a habitual or generic statement
    elif tag is not None:
        f[f"tense={tag}"] = 1.0
    if any(a.tag_ == "MD" for a in aux):
        f["modal"] = 1.0
    if syntax.negated(head):
        f["negated"] = 1.0
    if head.pos_ == "VERB":
        subj = subject_of(head).token
        obj = syntax.object(head)
    else:
        subj = next(iter(syntax.children(head, "poss")), None) or next(iter(syntax.prep_objects(head, ("by", "of"))), None)
        obj = next(iter(syntax.prep_objects(head, ("against", "on", "with", "to"))), None)
    if subj is None:
        f["subj=none"] = 1.0
    elif subj.pos_ == "PRON":
        f["subj=pron"] = 1.0
    elif _named(subj):
        f["subj=named"] = 1.0
    else:
        f["subj=common"] = 1.0
    if _named(obj):
        f["obj=named"] = 1.0
    if actors:
        f["actors"] = 1.0
    if recips:
        f["recipients"] = 1.0
    sent = head.sent
    ents = sum(1 for label in ctx.ents_within(sent) if label in NAMED)
    f["sent_named"] = min(ents, 3) / 3.0
    f[f"status={status if status in STATUSES else 'other'}"] = 1.0
    if quote_id is not None or quote_at(ctx, ctx.page(head)[0]) is not None:
        f["quote"] = 1.0
    others = [t for t in ctx.doc._.events if t.head != trig.head and sent.start <= t.head < sent.end]
    if others:
        f["other_cands"] = 1.0
        if any(t.type != trig.type for t in others):
            f["other_type"] = 1.0
    if has_place:
        f["place"] = 1.0
    if has_date:
        f["date"] = 1.0
    if RECORD is not None or _reads_frames():
        f.update(frame_features(ctx, head, trig))
    return f


@dataclass(frozen=True, slots=True)
class EventFilter:
    weights: dict[str, float]
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, feats: dict[str, float]) -> bool:
        return self.probability(feats) >= self.threshold


@cache
def _reads_frames() -> bool:
    flt = load_filter()
    return flt is not None and any(k.startswith(FRAME_FEATURES) for k in flt.weights)


@cache
def load_filter() -> EventFilter | None:
    """The trained filter from ``events/filter.json`` (None when the file holds no weights)."""
    raw: dict[str, Any] = lang.data("events/filter.json")
    if not raw.get("weights"):
        return None
    return EventFilter(weights={k: float(v) for k, v in raw["weights"].items()}, threshold=float(raw["threshold"]))
