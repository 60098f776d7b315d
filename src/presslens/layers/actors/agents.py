"""Generic agents: PETRARCH2's sector nouns ("police", "protesters", "students") as mentions of
their typed sector actors (docs/actors.md, "Generic agents")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...text.names import token_keys
from .matcher import Hit, Matcher, _tokens
from .registry import Registry


class Agents:
    matcher: Matcher
    registry: Registry

    def _agents(self, doc: Doc, taken: bytearray, cands: Sequence[Hit]) -> list[Hit]:
        """Generic agents (PETRARCH2 sectors): "police", "protesters", "riot police", "students",
        longest first, on words no name or body took; the sector actor is the mention's actor."""
        m = self.matcher
        if not m.agents:
            return []
        texts = _tokens(doc).text
        busy = bytearray(taken)
        for c in cands:
            busy[c.start : c.end] = b"\x01" * (c.end - c.start)
        out: list[Hit] = []
        n, i = len(texts), 0
        while i < n:
            if busy[i] or not texts[i][:1].isalpha():
                i += 1
                continue
            found = None
            for ln in range(min(m.agent_maxlen, n - i), 0, -1):
                if any(busy[i : i + ln]):
                    continue
                key = tuple(token_keys(w)[0] for w in texts[i : i + ln])
                aid = m.agents.get(key)
                if aid is not None:
                    found = (ln, aid)
                    break
            if found is None:
                i += 1
                continue
            ln, aid = found
            # A modifier ("students union") is not the agent; a capitalised agent word followed by a
            # capitalised word is part of a name ("Police Federation").
            nxt = texts[i + ln] if i + ln < n else ""
            last = doc[i + ln - 1]
            modifier = last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i
            if not modifier and not (texts[i + ln - 1][:1].isupper() and nxt[:1].isupper() and nxt.isalpha()):
                a = self.registry.actor(aid)
                out.append(Hit(i, i + ln, "agent", (aid,), label=a.type if a else "ORG", actor_id=aid))
            i += ln
        return out
