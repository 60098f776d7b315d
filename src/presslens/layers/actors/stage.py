"""The presslens stage ``actors``: the component's spans as Mention records with page offsets."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ...records import Analysis, Mention, stable_id
from ...registry import stages
from ...settings import Settings
from ...text.names import (
    trimmed,
)
from .component import ActorsComponent
from .registry import registry_for

EXTRA_ROLES = ("tags", "related_link", "byline")


def spans_to_records(analysis: Analysis, doc: Doc, offset: int, spans: Any = None) -> None:
    """Append Mention and provisional Actor records for ``doc._.actors`` (doc offset + offset = page)."""
    from ...nlp import part_role

    art = analysis.article
    known = {a.id for a in analysis.actors}
    for span in (doc._.actors if spans is None else spans) or []:
        # trimmed() looks only inside the span: its own text is enough (doc.text is a whole-doc join).
        base = span.start_char
        s, e = trimmed(span.text, 0, span.end_char - base)
        if s >= e:
            continue
        start, end = s + base + offset, e + base + offset
        text = analysis.page_text[start:end]
        analysis.mentions.append(Mention(
            id=stable_id(art.id, "mention", start, end), article_id=art.id, start=start, end=end, text=text,
            label=span.label_, actor_id=span._.actor_id, method=span._.actor_method or "",
            role=part_role(art, start),
        ))
    for aid, actor in (doc._.actor_records or {}).items():
        if aid not in known:
            analysis.actors.append(actor)
            known.add(aid)


class ActorsStage:
    def __init__(self, settings: Settings):
        from ...nlp import settings_model

        self.nlp = settings_model(settings)
        self.component = ActorsComponent(self.nlp, registry=registry_for(settings))

    def __call__(self, a: Analysis) -> Analysis:
        ctx: dict[str, Any] = {}
        if a.doc is not None:
            doc = self.component(a.doc)
            spans_to_records(a, doc, a.nlp_offset)
            ctx = doc.user_data.get("presslens", {})
        for part in a.article.parts:
            if part.role not in EXTRA_ROLES:
                continue
            sub = self.nlp.make_doc(a.page_text[part.start : part.end])
            sub.user_data["presslens"] = {"article": a.article, "offset": part.start,
                                          "countries": ctx.get("countries"), "seen": ctx.get("seen")}
            spans_to_records(a, self.component(sub), part.start)
        a.mentions.sort(key=lambda m: m.start)
        return a


@stages.register("actors")
def make_actors_stage(settings: Settings) -> ActorsStage:
    return ActorsStage(settings)


class AgentsStage:
    """Generic agents ("police", "protesters", "students"; PETRARCH2 sectors) as mentions of their
    sector actors, on words no name took. Runs after the ``actors`` stage has parsed the doc; it
    is placed after ``quotes`` and ``events`` so that those engines, which resolve group nouns
    themselves ("British MPs" -> the UK Parliament), are not handed a vaguer sector actor."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, a: Analysis) -> Analysis:
        if a.doc is not None and a.doc._.actor_agents:
            spans_to_records(a, a.doc, a.nlp_offset, a.doc._.actor_agents)
            a.mentions.sort(key=lambda m: m.start)
        return a


@stages.register("agents")
def make_agents_stage(settings: Settings) -> AgentsStage:
    return AgentsStage(settings)
