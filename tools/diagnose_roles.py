#!/usr/bin/env python3
"""Who did it to whom: actor and recipient sets of type-matched events, per part, with a trivial
baseline beside them, and (``--show dev``) every dev event whose set is wrong.

Runs the sentence set (``eval/dev/events/sentences.jsonl``, every batch pooled) or the snippet set
(``--set snippets``) through the article pipeline, pairs gold and output events of one type as the
suites do (``events_dev.pair_events``) and scores each pair with ``eval.event_roles.role_checks``
(SCHEMA.md: sets, exact and overlap; ``ids`` = ``actors``/``recipients``, ``+agents`` = with the sector
parties of an empty slot, the convention of this set's gold).

The trivial baseline takes the same matched events and gives as actor the nearest mention with an
actor id (name or sector agent) that ends before the trigger, and as recipient the nearest one that
starts after it, within the sentence.

Frozen items are counted in aggregate only; ``--show dev`` lists dev items, never frozen ones.

Usage::

    python tools/diagnose_roles.py [--set snippets] [--show dev] [--json out.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETS = {"sentences": ROOT / "eval/dev/events/sentences.jsonl",
        "snippets": ROOT / "eval/dev/events_snippets/snippets.jsonl"}
KEYS = ("actors_exact", "actors_overlap", "recipients_exact", "recipients_overlap",
        "actors_agents_exact", "actors_agents_overlap", "recipients_agents_exact", "recipients_agents_overlap")


def _baseline_event(ev: Any, mentions: list[Any]) -> Any:
    """The same event with the nearest actor mention before the trigger as actor and the nearest
    after it as recipient."""
    with_id = [m for m in mentions if m.actor_id]
    before = [m for m in with_id if m.end <= ev.start]
    after = [m for m in with_id if m.start >= ev.end]
    act = [max(before, key=lambda m: m.end).actor_id] if before else []
    rec = [min(after, key=lambda m: m.start).actor_id] if after else []
    rec = [r for r in rec if r not in act]
    return dataclasses.replace(ev, actors=act, recipients=rec, actor_agents=[], recipient_agents=[])


def _texts(ids: list[str], mentions: list[Any]) -> str:
    out = []
    for aid in ids:
        ms = [m.text for m in mentions if m.actor_id == aid]
        out.append(f"{aid}<{'|'.join(dict.fromkeys(ms))}>" if ms else f"{aid}<no mention>")
    return ", ".join(out) or "-"


def causes(text: str, g: dict[str, Any], ev: Any, mentions: list[Any]) -> list[str]:
    """Why a slot (ids + sector parties) is wrong: ``missing:no-mention`` (no mention with an actor id
    overlaps the gold phrase: no slot rule can give it), ``missing:has-mention`` (one does, the slot
    rules did not put it in the slot), ``spurious`` (an output party that stands for no gold phrase;
    ``spurious:other-role`` when it stands for a phrase of the other slot)."""
    from presslens.eval.event_roles import _spans

    out = []
    for role in ("actors", "recipients"):
        other = "recipients" if role == "actors" else "actors"
        ids = list(getattr(ev, role) or getattr(ev, f"{role[:-1]}_agents"))
        spans = _spans(text, g.get(role) or [])
        ospans = _spans(text, g.get(other) or [])

        def covers(aid: str, sp: list[tuple[int, int]]) -> bool:
            return any(s >= 0 and m.actor_id == aid and m.start < e and s < m.end for m in mentions for s, e in sp)
        for (s, e), phrase in zip(spans, g.get(role) or [], strict=True):
            if any(covers(a, [(s, e)]) for a in ids):
                continue
            has = any(m.actor_id and m.start < e and s < m.end for m in mentions)
            out.append(f"{role}:missing:{'has-mention' if has else 'no-mention'}:{phrase}")
        for a in ids:
            if not covers(a, spans):
                out.append(f"{role}:spurious{':other-role' if covers(a, ospans) else ''}:{a}")
    return out


_DOCS: dict[str, Any] = {}


def _parse(text: str) -> Any:
    """The sentence re-parsed by the pipeline's model (the analyses drop their docs)."""
    if text not in _DOCS:
        from presslens.nlp import load_model
        from presslens.settings import load_settings

        if "__nlp" not in _DOCS:
            _DOCS["__nlp"] = load_model(load_settings()["nlp"]["model"])
        _DOCS[text] = _DOCS["__nlp"](text)
    return _DOCS[text]


def path(analyses: list[Any], ev: Any, text: str, phrase: str) -> str:
    """The dependency path from the event's trigger head to the gold phrase's root, as
    ``trigger-word:dep^dep^...^LCA_v_dep_v_dep:phrase-root`` (up from the trigger, down to the phrase)."""
    i = text.find(phrase)
    if i < 0 or ev.trigger_start is None:
        return "?"
    doc, off = _parse(text), 0
    tr = doc.char_span(ev.trigger_start - off, (ev.trigger_end or ev.trigger_start) - off, alignment_mode="expand")
    gp = doc.char_span(i - off, i + len(phrase) - off, alignment_mode="expand")
    if tr is None or gp is None or not len(tr) or not len(gp):
        return "?"
    a, b = tr.root, gp.root
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return f"{a.text}~{b.text}(other sentence)"
    ua = up_a[:up_a.index(common)]
    ub = up_b[:up_b.index(common)]
    return (f"{a.text}/{a.pos_}:" + "^".join(t.dep_ for t in ua) + f"^[{common.lemma_}/{common.pos_}]"
            + "".join(f"v{t.dep_}" for t in reversed(ub)) + f":{b.text}")


def run(which: str, show: str | None) -> dict[str, Any]:
    from presslens.eval import SuiteContext
    from presslens.eval.event_roles import role_checks
    from presslens.eval.events_dev import pair_events, system_prediction
    from presslens.settings import load_settings

    items = [json.loads(x) for x in SETS[which].read_text(encoding="utf-8").splitlines() if x.strip()]
    sys_n: dict[str, Counter[str]] = defaultdict(Counter)
    base_n: dict[str, Counter[str]] = defaultdict(Counter)
    listing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))
        for it in items:
            part = it["part"]
            analyses = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            pred = system_prediction(analyses)
            for g, ev in pair_events(it, pred.events):
                sys_n[part]["n"] += 1
                base_n[part]["n"] += 1
                got = role_checks(it["text"], g, ev, pred.mentions)
                sys_n[part].update({k: int(v) for k, v in got.items()})
                b = role_checks(it["text"], g, _baseline_event(ev, pred.mentions), pred.mentions)
                base_n[part].update({k: int(v) for k, v in b.items()})
                if part == show == "dev" and not (got["actors_agents_exact"] and got["recipients_agents_exact"]):
                    listing.append(
                        f"{it['id']} [{it.get('batch', '-')}] {g['type']} trig={g['trigger']!r}\n"
                        f"  TEXT {it['text']}\n"
                        f"  GOLD actors={g.get('actors')} recipients={g.get('recipients')}\n"
                        f"  SYS  actors={_texts(ev.actors, pred.mentions)} agents={_texts(ev.actor_agents, pred.mentions)}"
                        f" | recips={_texts(ev.recipients, pred.mentions)} agents={_texts(ev.recipient_agents, pred.mentions)}"
                        f" ev={ev.text!r} rules={[r for r in ev.rules if r.startswith('arg:')]}\n"
                        f"  OK   actor={'Y' if got['actors_agents_exact'] else 'N'}"
                        f" recip={'Y' if got['recipients_agents_exact'] else 'N'}\n"
                        f"  CAUSE {causes(it['text'], g, ev, pred.mentions)}\n"
                        f"  PATH " + " ; ".join(f"{r[0]}={path(analyses, ev, it['text'], ph)}"
                                                 for r in ("actors", "recipients") for ph in g.get(r) or []))
                if not (got["actors_agents_exact"] and got["recipients_agents_exact"]):
                    for c in causes(it["text"], g, ev, pred.mentions):
                        sys_n[part]["cause:" + ":".join(c.split(":")[:3])] += 1
    return {"system": {p: dict(c) for p, c in sys_n.items()}, "baseline": {p: dict(c) for p, c in base_n.items()},
            "listing": listing}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="sentences", choices=sorted(SETS))
    ap.add_argument("--show", choices=["dev"])
    ap.add_argument("--json")
    a = ap.parse_args()
    out = run(a.set, a.show)
    for line in out["listing"]:
        print(line)
    for part in ("dev", "frozen"):
        s, b = out["system"].get(part, {}), out["baseline"].get(part, {})
        n = s.get("n", 0)
        if not n:
            continue
        cells = [f"{k}={s.get(k, 0)}/{n}={s.get(k, 0) / n:.4f} (base {b.get(k, 0) / n:.4f})" for k in KEYS]
        print(f"{a.set} {part} matched={n}\n  " + "\n  ".join(cells))
        for k in sorted(k for k in s if k.startswith("cause:")):
            print(f"  {k} {s[k]}")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
