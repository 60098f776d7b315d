#!/usr/bin/env python3
"""Audit of presslens's own trigger entries (``plover.yaml``, ``cameo_overrides.yaml``): counts only.

For every ``plover.yaml`` trigger entry it reports

- **grounding**: ``manual`` when every content word of the entry (its inflections) occurs in the
  PLOVER 2.0 manual's section for the entry's type (``../shared/reference/PLOVER_MANUAL.txt``, 3.1-3.16),
  ``manual:OTHER`` when they occur only in another type's section (a type disagreement with the
  manual); ``cameo`` when the entry's first word is a CAMEO verb whose own code or one of whose
  patterns' codes maps to the entry's type, or a noun written in a CAMEO pattern of that type
  (``cameo.json``, converted from PETRARCH2 and mapped by CAMEO2PLOVER);
- **dev counts**: over (sentence, type) pairs of the POOLED dev parts (every batch of
  ``eval/dev/events/sentences.jsonl`` and, with ``--pool``, of ``eval/dev/events_snippets/snippets.jsonl``)
  whose output events were produced by the entry (``Event.rules`` starts with ``plover:<w>``): true,
  spurious (the type is not gold and no gold type was missed), wrong type (not gold, and a gold type
  of the sentence was missed); and for ``cameo_overrides.yaml`` the same per overridden CAMEO code;
- **seed hits** (with ``--pool``): output events of the entry on the bundled seed pages that a seed gold
  event of the same type covers (its evidence overlaps the output's span). The seeds' events gold is
  incomplete (SCHEMA.md), so only hits are counted: an entry with seed hits carries seed recall;
- **confusions**: pooled dev (gold type missed, output type not gold) pairs of one item, counted.

Frozen items are counted in aggregate only (FROZEN.md): the frozen part's micro P/R/F1 and its pairs
by origin class, never per entry.

Usage::

    python tools/audit_event_lexicon.py [--json out.json] [--flagged]

``--flagged`` lists only the entries that are neither grounded nor as precise on dev as the
lexicon's average (candidates to remove or narrow).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "eval/dev/events/sentences.jsonl"
SNIPPETS = ROOT / "eval/dev/events_snippets/snippets.jsonl"
SEED_GOLD = ROOT / "eval/gold"
MANUAL = ROOT.parent / "shared/reference/PLOVER_MANUAL.txt"
# Words of an entry that say nothing about its type.
STOP = frozenset({"*", "-", "the", "a", "an", "to", "of", "on", "at", "in", "into", "from", "for", "with",
                  "be", "will", "as", "up", "out", "down", "off", "back", "upon", "now", "must", "should"})
TYPE_HEAD = re.compile(r"^3\.(\d+) ([A-Z]+)\s*$")


def manual_sections(path: Path = MANUAL) -> dict[str, set[str]]:
    """The lower-cased words of each type's section (3.1 AGREE ... 3.16 ASSAULT) of the manual."""
    out: dict[str, set[str]] = {}
    cur: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = TYPE_HEAD.match(line.strip())
        if m:
            cur = m.group(2)
            out.setdefault(cur, set())
            continue
        if re.match(r"^4\.1 ", line) or line.startswith("Chapter 4"):
            cur = None
        if cur:
            out[cur] |= set(re.findall(r"[a-z]+", line.lower()))
    return out


def forms(word: str) -> set[str]:
    from presslens.layers.events.triggers import _surface_forms

    out = set(_surface_forms({word}, set()))
    out |= {word + "ion", word + "ment", word[:-1] + "ion" if word.endswith("e") else word + "ation"}
    return out | {w + "s" for w in out}


def manual_grounding(entry: dict[str, Any], sections: dict[str, set[str]]) -> list[str]:
    """The types whose manual section holds every content word of the entry (the entry's own type first)."""
    words = [w for w in str(entry["w"]).split() if w not in STOP]
    if not words:
        return []
    hits = [t for t, vocab in sections.items() if all(forms(w) & vocab for w in words)]
    return sorted(hits, key=lambda t: t != entry["t"])


def cameo_types() -> tuple[dict[str, Counter[str]], dict[str, set[str]], dict[int, str]]:
    """CAMEO verb -> PLOVER types of its own code and of its patterns, counted; object noun -> types of
    the patterns it is written in; CAMEO.2.0.txt line -> code."""
    from presslens.layers.events.cameo import cameo, singular

    c = cameo()
    verb_types: dict[str, Counter[str]] = defaultdict(Counter)
    noun_types: dict[str, set[str]] = defaultdict(set)
    line_code: dict[int, str] = {}
    for v, es in c.verbs.items():
        for e in es:
            code = e.code or c.block_codes[e.block]
            if code:
                line_code[e.line] = code
                t, _ = c.plover(code)
                if t:
                    verb_types[v][t] += 1
            for p in c.for_verb.get((e.block, v), ()):
                t, _ = c.plover(p.code)
                if t:
                    verb_types[v][t] += 1
    for pats in c.patterns:
        for p in pats:
            if p.code:
                line_code[p.line] = p.code
            t, _ = c.plover(p.code)
            if not t:
                continue
            for slot in [*p.obj, *p.subj]:
                for term in slot:
                    for h in term.heads:
                        noun_types[singular(h)].add(t)
    return verb_types, noun_types, line_code


def grounding(entry: dict[str, Any], sections: dict[str, set[str]], verb_types: dict[str, Counter[str]],
              noun_types: dict[str, set[str]]) -> dict[str, Any]:
    """Manual: every content word in the type's section. CAMEO: the first word is a CAMEO verb whose
    own code and patterns most often give the entry's type (a plurality; "deny" REJECT 42 patterns), or
    a noun entry (not a CAMEO verb) written in some pattern of the type."""
    man = manual_grounding(entry, sections)
    first = str(entry["w"]).split()[0]
    words = [w for w in str(entry["w"]).split() if w not in STOP]
    vt = verb_types.get(first)
    if vt and "NOUN" not in (entry.get("pos") or ()):
        top = max(vt.values())
        cam = {t for t, n in vt.items() if n == top}
        cam_any = set(vt)
    else:
        cam = {t for w in words for t in noun_types.get(w, set())}
        cam_any = cam
    return {"manual": bool(man) and man[0] == entry["t"], "manual_other": [t for t in man if t != entry["t"]],
            "cameo": entry["t"] in cam, "cameo_types": sorted(cam_any)}


def _class(g: dict[str, Any]) -> str:
    if g["manual"] and g["cameo"]:
        return "manual+cameo"
    if g["manual"] or g["cameo"]:
        return "manual" if g["manual"] else "cameo"
    return "manual-other-type" if g["manual_other"] else "none"


VIOLENCE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN"})
SECTION = {t: f"3.{i}" for i, t in enumerate(
    ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
     "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], start=1)}


def origin(entry: dict[str, Any], g: dict[str, Any], comment: str) -> str:
    """An entry's origin as written into plover.yaml (``o``)."""
    parts = []
    if g["manual"]:
        parts.append(f"manual {SECTION[entry['t']]}")
    if g["cameo"]:
        parts.append("CAMEO")
    if parts:
        return ", ".join(parts)
    cited = re.search(r"\b3\.\d+(?:\.\d+)?", comment)
    return f"presslens; manual {cited.group(0)} by meaning" if cited else "presslens"


def annotate(path: Path, types: frozenset[str] | None = None) -> int:
    """Write each trigger entry's origin (``o: ...``) into plover.yaml, in place, for entries of ``types``
    (all when None) that have none yet. Only the entry's own line changes (order and comments kept)."""
    from presslens import lang

    entries: list[dict[str, Any]] = lang.data("events/plover")["triggers"]
    sections = manual_sections()
    verb_types, noun_types, _ = cameo_types()
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [i for i, ln in enumerate(lines) if re.match(r"\s*- \{w: ", ln)]
    assert len(starts) == len(entries), (len(starts), len(entries))
    n = 0
    for i, e in zip(starts, entries, strict=True):
        if "o" in e or (types is not None and e["t"] not in types):
            continue
        j = next(k for k in range(i, len(lines)) if "}" in lines[k])
        comment = lines[j].split("}", 1)[1]
        o = origin(e, grounding(e, sections, verb_types, noun_types), comment)
        lines[j] = lines[j].replace("}", f', o: "{o}"}}', 1)
        n += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return n


def _origin_of(e: Any, overrides: dict[str, Any], line_code: dict[int, str]) -> str:
    first = e.rules[0] if e.rules else "?"
    origin = first if first.startswith(("plover:", "modality-fold:")) else first.split(":", 1)[0]
    if first.startswith("cameo:"):
        code = line_code.get(int(first.split(":", 1)[1]), "")
        if code.split(":")[0].lstrip(":") in overrides or (code.startswith(":") and code[1:] in overrides):
            origin = f"override:{code.strip(':')}"
    return origin


def seed_hits(ctx: Any, overrides: dict[str, Any], line_code: dict[int, str]) -> Counter[str]:
    """Origin -> output events on the seed pages covered by a gold event of their type (recall only)."""
    from presslens.eval.gold_docs import sample_dir

    hits: Counter[str] = Counter()
    for g in sorted(SEED_GOLD.glob("*.json")):
        doc = json.loads(g.read_text(encoding="utf-8"))
        page = sample_dir() / str(doc["document"])
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        spans = []
        for it in doc["events"]["items"]:
            at = text.find(it["evidence"])
            if at >= 0:
                spans.append((it["type"], at, at + len(it["evidence"])))
        for an in ctx.analyse_text(text, key=page.stem):
            for e in an.events:
                if any(t == e.type and e.start < b and a < e.end for t, a, b in spans):
                    hits[_origin_of(e, overrides, line_code)] += 1
    return hits


def run(pool: bool = False) -> dict[str, Any]:
    import yaml

    from presslens import lang
    from presslens.eval import SuiteContext
    from presslens.settings import load_settings

    entries: list[dict[str, Any]] = lang.data("events/plover")["triggers"]
    overrides = yaml.safe_load((ROOT / "src/presslens/lang/en/events/cameo_overrides.yaml").read_text())["codes"]
    sections = manual_sections()
    verb_types, noun_types, line_code = cameo_types()
    ground = {str(e["w"]): grounding(e, sections, verb_types, noun_types) for e in entries}
    ground_class = {w: _class(g) for w, g in ground.items()}
    items = [json.loads(x) for x in SENTENCES.read_text(encoding="utf-8").splitlines() if x.strip()]
    if pool:
        items += [{**json.loads(x), "set": "snippets"}
                  for x in SNIPPETS.read_text(encoding="utf-8").splitlines() if x.strip()]
    confusions: Counter[tuple[str, str]] = Counter()
    seeds: Counter[str] = Counter()
    per: dict[str, Counter[str]] = defaultdict(Counter)  # "plover:<w>" / "override:<code>" -> dev counts
    agg: dict[str, Counter[str]] = defaultdict(Counter)  # part -> counts by origin class
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))
        if pool:
            seeds = seed_hits(ctx, overrides, line_code)
        for n, it in enumerate(items):
            analyses = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            part = it["part"] if "set" not in it else f"{it['set']}.{it['part']}"
            gold = {e["type"] for e in it["events"]}
            by_type: dict[str, set[str]] = defaultdict(set)
            for an in analyses:
                for e in an.events:
                    by_type[e.type].add(_origin_of(e, overrides, line_code))
            final = set(by_type)
            missed = bool(gold - final)
            if part.endswith("dev"):
                for g_t in gold - final:
                    for o_t in final - gold:
                        confusions[(g_t, o_t)] += 1
            agg[part]["tp"] += len(gold & final)
            agg[part]["fp"] += len(final - gold)
            agg[part]["fn"] += len(gold - final)
            for t, origins in by_type.items():
                verdict = "tp" if t in gold else ("wrong_type" if missed else "spurious")
                for o in origins:
                    cls = "plover" if o.startswith("plover:") else ("override" if o.startswith("override:") else o)
                    if o.startswith("plover:"):  # by grounding class: aggregate only, never per entry
                        cls += "/" + ground_class.get(o[len("plover:"):], "?")
                    agg[part][f"{cls}:{'tp' if verdict == 'tp' else 'fp'}"] += 1
                    if part.endswith("dev"):
                        per[o][verdict] += 1
            if n % 200 == 0:
                print(f"{n}/{len(items)}", file=sys.stderr)
    rows = []
    for e in entries:
        key = f"plover:{e['w']}"
        g = ground[str(e["w"])]
        rows.append({"w": str(e["w"]), "t": e["t"], **g, **{k: per[key][k] for k in ("tp", "spurious", "wrong_type")},
                     "seed_hits": seeds[key]})
    orows = [{"code": c, "type": v.get("type"), **{k: per[f"override:{c}"][k] for k in ("tp", "spurious", "wrong_type")}}
             for c, v in overrides.items()]
    tot = Counter[str]()
    for r in rows:
        tot["tp"] += r["tp"]
        tot["fp"] += r["spurious"] + r["wrong_type"]
    avg = tot["tp"] / max(1, tot["tp"] + tot["fp"])
    for r in rows:
        fp = r["spurious"] + r["wrong_type"]
        r["precision"] = round(r["tp"] / (r["tp"] + fp), 3) if r["tp"] + fp else None
        r["flagged"] = bool(fp) and not (r["manual"] or r["cameo"]) and r["tp"] / (r["tp"] + fp) < avg
    summary = {}
    for part, c in agg.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r_ = c["tp"] / max(1, c["tp"] + c["fn"])
        summary[part] = {"P": round(p, 4), "R": round(r_, 4), "micro_f1": round(2 * p * r_ / max(1e-9, p + r_), 4),
                         **dict(sorted(c.items()))}
    grounded = Counter(_class(r) for r in rows)
    return {"entries": rows, "overrides": orows, "lexicon_dev_precision": round(avg, 3), "summary": summary,
            "grounding": dict(grounded), "seed_hits": dict(seeds),
            "confusions": [[g, o, n] for (g, o), n in confusions.most_common()]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path, help="write everything as JSON")
    ap.add_argument("--flagged", action="store_true", help="list only the flagged entries")
    ap.add_argument("--pool", action="store_true", help="pool the snippets' dev part and count seed hits too")
    ap.add_argument("--annotate", choices=["all", "non-violence"],
                    help="write each entry's origin (o: ...) into plover.yaml instead of auditing")
    args = ap.parse_args()
    if args.annotate:
        types = None if args.annotate == "all" else frozenset(SECTION) - VIOLENCE_TYPES
        n = annotate(ROOT / "src/presslens/lang/en/events/plover.yaml", types)
        print(f"{n} entries annotated")
        return
    res = run(pool=args.pool)
    print(f"grounding of {len(res['entries'])} entries: {res['grounding']}")
    print(f"lexicon dev precision (plover.yaml entries' output pairs): {res['lexicon_dev_precision']}")
    for part, s in sorted(res["summary"].items()):
        print(part, s)
    print("confusions (gold missed -> output not gold), pooled dev:",
          ", ".join(f"{g}->{o} {n}" for g, o, n in res["confusions"][:15]))
    print("entry | type | manual | cameo | dev tp/spurious/wrong-type | precision | seed hits")
    for r in res["entries"]:
        if args.flagged and not r["flagged"]:
            continue
        if not args.flagged and not (r["tp"] or r["spurious"] or r["wrong_type"]):
            continue
        man = "yes" if r["manual"] else ("->" + ",".join(r["manual_other"]) if r["manual_other"] else "-")
        cam = "yes" if r["cameo"] else ("->" + ",".join(r["cameo_types"]) if r["cameo_types"] else "-")
        print(f"{r['w']} | {r['t']} | {man} | {cam} | {r['tp']}/{r['spurious']}/{r['wrong_type']} | {r['precision']}"
              f" | {r['seed_hits']}{' FLAG' if r['flagged'] else ''}")
    print("override | type | dev tp/spurious/wrong-type")
    for r in res["overrides"]:
        if r["tp"] or r["spurious"] or r["wrong_type"]:
            print(f"{r['code']} | {r['type']} | {r['tp']}/{r['spurious']}/{r['wrong_type']}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
