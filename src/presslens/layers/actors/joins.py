"""Mentions joined after resolution: acronyms and their expansions, glosses, slashed pairs."""

from __future__ import annotations

from spacy.tokens import Doc

from ...text.names import (
    abbreviates,
    initials,
    is_acronym,
    slug,
)
from .cues import NameCues
from .matcher import Hit, _tokens
from .variants import is_gloss, names_of


class Joins(NameCues):
    def _join_acronyms(self, doc: Doc, out: list[Hit]) -> None:
        """An acronym and its expansion in one article are one actor: "Associated Press (AP)", or
        a provisional acronym whose letters are the initials of a name in the article."""
        # "National Farmers Union (UNC)": an all-caps token in parentheses right after a
        # provisional name is its acronym, even in the source language's word order (not its
        # English initials); later bare "CNE" mentions follow.
        texts = _tokens(doc).text
        starts = {h.start for h in out}
        renamed: dict[str, str] = {}
        for h in list(out):
            a = h.end
            if not (h.actor_id or "").startswith("x-") or h.label == "PERSON" or a + 2 >= len(texts) \
                    or texts[a] != "(" or texts[a + 2] != ")" or a + 1 in starts:
                continue
            acro = texts[a + 1]
            if not is_acronym(acro) or len(acro.replace(".", "")) < 2 or not acro.replace(".", "").isalpha():
                continue
            x = Hit(a + 1, a + 2, "ner", label=h.label, actor_id=h.actor_id, method="acronym")
            out.append(x)
            renamed["x-" + slug(acro)] = h.actor_id or ""
        if renamed:
            for x in out:
                if x.actor_id in renamed:
                    x.actor_id, x.method = renamed[x.actor_id], "acronym"
            out.sort(key=lambda x: x.start)
        by_initials: dict[str, Hit] = {}
        for h in out:
            words = [t.text for t in doc[h.start : h.end] if t.is_alpha]
            if len(words) >= 2 and h.label != "PERSON":
                by_initials.setdefault(initials(words).upper(), h)
        for k, h in enumerate(out):
            text = doc[h.start : h.end].text
            prev = out[k - 1] if k else None
            bracketed = prev is not None and h.start >= 1 and doc[h.start - 1].text == "(" and prev.end == h.start - 1
            if not is_acronym(text) or len(text.replace(".", "")) < 2:
                continue
            target: Hit | None = None
            if bracketed and prev is not None and prev.label != "PERSON" and (abbreviates(
                    text, [t.text for t in doc[prev.start : prev.end] if t.is_alpha])
                    # "National Farmers Union (UNC)": the acronym follows the source language's
                    # word order, so any all-caps acronym glued to a provisional name is its alias.
                    or (prev.actor_id or "").startswith("x-")):
                target = prev
            target = target or self._expansion_after(doc, out, k, text)
            target = target or by_initials.get(text.replace(".", ""))
            if target is None or target.actor_id == h.actor_id or not target.actor_id:
                continue
            if h.actor_id and h.actor_id.startswith("x-"):
                old = h.actor_id
                for x in out:  # every later "the CNE" too
                    if x.actor_id == old:
                        x.actor_id, x.method, x.label = target.actor_id, "acronym", target.label
            elif target.actor_id.startswith("x-") and h.actor_id:
                # A registry acronym names the actor the provisional expansion stood for.
                old = target.actor_id
                for x in out:
                    if x.actor_id == old:
                        x.actor_id, x.method, x.label = h.actor_id, "acronym", h.label

    @staticmethod
    def _expansion_after(doc: Doc, out: list[Hit], k: int, acro: str) -> Hit | None:
        """Rule ``acronym_first``: an acronym followed by its expansion in brackets, "the NFSA
        (Norwegian Food Safety Authority)", "UCEA (the Universities and Colleges Employers
        Association)": the bracketed name, when the acronym's letters are its initials in order."""
        h = out[k]
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is None or nxt.label == "PERSON" or h.end >= len(doc) or doc[h.end].text not in ("(", "["):
            return None
        inner = h.end + 1
        if inner < len(doc) and doc[inner].lower_ == "the":
            inner += 1
        if nxt.start != inner or nxt.end >= len(doc) or doc[nxt.end].text not in (")", "]"):
            return None
        return nxt if abbreviates(acro, [t.text for t in doc[nxt.start : nxt.end] if t.is_alpha]) else None

    def _glossed(self, doc: Doc, out: list[Hit]) -> list[Hit]:
        """An unresolved name glossed by a resolved one ("the Sardauna (Ahmadu Bello)", "Ndi Ala
        [the IPOB]") is another name of that actor here: a mention with method ``gloss``."""
        ends = {h.end for h in out}
        new: list[Hit] = []
        for g in out:
            b = g.start - 1
            if b >= 0 and doc[b].lower_ == "the":
                b -= 1
            if b < 1 or doc[b].text not in ("(", "[") or g.actor_id is None:
                continue
            close = g.end
            if close < len(doc) and doc[close].text == "(":  # "[Ministry ... (MOIS)]"
                close = next((i + 1 for i in range(close, min(close + 4, len(doc))) if doc[i].text == ")"), close)
            if close >= len(doc) or doc[close].text not in (")", "]") or b in ends:
                continue
            s = b
            while s > 0 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and b - s < 4:
                s -= 1
            if s == b or any(h.start < b and s < h.end for h in out):
                continue
            x = Hit(s, b, "gloss", actor_id=g.actor_id, label=g.label)
            x.method = "gloss"
            # A place before a bracket is a dateline or a location ("JOS, Nigeria (AP)"), not a name.
            if not self._common(doc, x) and not self._is_place(doc[s:b].text) and is_gloss(doc[s:b].text, doc[g.start : g.end].text,
                                                     names_of(self.registry, g.actor_id)):
                new.append(x)
        return sorted(out + new, key=lambda h: h.start) if new else out

    @staticmethod
    def _between(doc: Doc, a: int, b: int) -> str:
        """The doc text between token a - 1 and token b, without building ``doc.text`` (a join over the whole doc)."""
        return doc[a - 1].whitespace_ + "".join(t.text_with_ws for t in doc[a:b])

    def _merge_slashed(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        """'MEK/PMOI', 'PMOI / MEK', 'Islamic Republic/Government of Iran': two names of one actor
        joined by a slash are one mention, whatever their length (the same for every actor)."""
        out: list[Hit] = []
        for h in hits:
            if out:
                p = out[-1]
                if p.actor_id == h.actor_id and p.actor_id is not None and (
                    (doc[p.end - 1].text.endswith("/") and p.end == h.start)
                    or (h.start - p.end == 1 and self._between(doc, p.end, h.start).strip() == "/")
                ):
                    p.end = h.end
                    continue
            out.append(h)
        return out
