"""Held-out set diagnostics: id-aligned rescoring and per-item listings.

    .venv/bin/python eval/analyse_heldout.py eval/holdout2 STORE.duckdb [OUT_DIR]

1. Writes an id-aligned copy of the gold to OUT_DIR (default: a temp dir): each gold actor id that is
   not a registry id is replaced by the provisional id (x-<slug>) the store gave to the same
   surface form, so `presslens eval` can compare actors and quote speakers by id.
2. Prints, per gold quote: matched or not, gold speaker vs system speaker text/id, judged by name.
3. Prints unmatched gold events and matched events with field errors.
"""
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from presslens.evaluate import SystemDoc, find_page, norm
from presslens.scoring import events as ev_scoring
from presslens.store import Store

if len(sys.argv) < 3:
    sys.exit(__doc__)
HERE = Path(sys.argv[1])  # the set: HERE/pages, HERE/gold
db = sys.argv[2]
out_dir = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(tempfile.mkdtemp(prefix="gold_aligned_"))
out_dir.mkdir(parents=True, exist_ok=True)
store = Store(db, read_only=True)

name_ok = name_n = 0
for gf in sorted((HERE / "gold").glob("*.json")):
    gold = json.loads(gf.read_text())
    page = find_page(store, gold["document"])
    system = SystemDoc(page=page, analyses=store.analyses(page), store=store)
    mentions = [m for a in system.analyses for m in a.mentions]
    # ---- id alignment
    mapping = {}
    for act in gold["actors"]["items"]:
        als = {norm(x).lower() for x in act["aliases"] + [act["name"]]}
        c = Counter(m.actor_id for m in mentions if m.actor_id and norm(m.text).lower() in als)
        if not c or act["id"] in c:
            continue
        mapping[act["id"]] = c.most_common(1)[0][0]
    g2 = json.loads(json.dumps(gold))
    for act in g2["actors"]["items"]:
        act["id"] = mapping.get(act["id"], act["id"])
    for q in g2["quotes"]["items"]:
        q["speaker"] = mapping.get(q["speaker"], q["speaker"])
    for e in g2["events"]["items"]:
        e["actors"] = [mapping.get(x, x) for x in e["actors"]]
        e["recipients"] = [mapping.get(x, x) for x in e["recipients"]]
    (out_dir / gf.name).write_text(json.dumps(g2, ensure_ascii=False, indent=1))
    print(f"\n##### {gold['document']}  id map: {mapping}")
    # ---- quotes by name
    actors = {a["id"]: a for a in gold["actors"]["items"]}
    sysq = [(i, q) for i, a in enumerate(system.analyses) for q in a.quotes]
    used = set()
    for gq in gold["quotes"]["items"]:
        ai = int(gq["article"][1:]) - 1
        hit = next((q for i, q in sysq if i == ai and q.id not in used
                    and norm(q.text).lower().startswith(norm(gq["starts"]).lower())), None)
        if hit is None:
            print(f"  QUOTE MISS  [{gq['kind']}] {gq['speaker']}: {gq['starts']!r}")
            continue
        used.add(hit.id)
        g_names = set()
        if gq["speaker"]:
            a = actors[gq["speaker"]]
            g_names = {norm(x).lower() for x in a["aliases"] + [a["name"]]}
        st = norm(hit.speaker_text or "").lower()
        ok = (not gq["speaker"] and not st) or (st and (st in g_names or any(st.endswith(n) or n.endswith(st) for n in g_names if len(n) > 3)))
        name_n += 1
        name_ok += bool(ok)
        flag = "ok " if ok else "BAD"
        print(f"  quote {flag} [{gq['kind']}/{hit.kind}] gold={gq['speaker']} sys={hit.speaker_text!r}->{hit.speaker_id} cue={hit.cue!r} :: {gq['starts'][:45]!r}")
    for i, q in sysq:
        if q.id not in used:
            print(f"  QUOTE EXTRA [{q.kind}] {q.speaker_text!r}->{q.speaker_id} cue={q.cue!r}: {q.text[:80]!r}")
    # ---- events
    pairs, all_sys = ev_scoring.match(gold, system)
    got = {gi: e for gi, e in pairs}
    for gi, g in enumerate(gold["events"]["items"]):
        e = got.get(gi)
        if e is None:
            print(f"  EVENT MISS {g['type']}/{g['mode']}: {g['evidence'][:80]!r}")
            continue
        errs = []
        if (g.get("mode") or None) != (e.mode or None): errs.append(f"mode {e.mode} != {g['mode']}")
        if (g.get("date") or None) != (e.date or None): errs.append(f"date {e.date} != {g['date']}")
        if not ev_scoring.location_ok(g.get("location"), e): errs.append(f"loc {e.place_name}/{e.country} != {g['location']}")
        ga = set(mapping.get(x, x) for x in g["actors"])
        if not ((not ga and not e.actors) or ga & set(e.actors)): errs.append(f"actors {e.actors} != {sorted(ga)}")
        if not ev_scoring.size_ok(g.get("size") or {}, e): errs.append(f"size {e.size} != {g['size']}")
        if (g.get("status") or "reported") != e.status: errs.append(f"status {e.status} != {g['status']}")
        print(f"  EVENT {'ok ' if not errs else 'ERR'} {g['type']}: {g['evidence'][:60]!r} {'; '.join(errs)}")
    matched_ids = {e.id for _, e in pairs}
    for e in all_sys:
        if e.id not in matched_ids:
            print(f"  event-extra {e.type}/{e.mode} {e.status} date={e.date} loc={e.place_name} actors={e.actors}: {e.text[:70]!r}")
print(f"\nspeaker accuracy judged by name: {name_ok}/{name_n}")

# ---- segmentation, numbers, findings listing
for gf in sorted((HERE / "gold").glob("*.json")):
    gold = json.loads(gf.read_text())
    page = find_page(store, gold["document"])
    system = SystemDoc(page=page, analyses=store.analyses(page), store=store)
    print(f"\n##### segmentation/numbers {gold['document']}")
    for a, ga in zip(system.analyses, gold["articles"]["items"]):
        art = a.article
        for k in ("title", "byline", "captions", "tags", "published", "dateline"):
            print(f"  {k}: sys={getattr(art, k, None)!r}" + (f" gold={ga.get(k)!r}" if k in ga else ""))
    for a in system.analyses:
        for p in getattr(a.article, "parts", []) or []:
            role = getattr(p, "role", None)
            if role != "body":
                print(f"  part {role}: {getattr(p, 'text', '')[:100]!r}")
        for n in a.numbers:
            print(f"  number {n.text!r} [{n.low}, {n.high}] approx={n.approx} counts={getattr(n, 'counts', None)!r}")
    gb = {norm(x) for x in gold["boilerplate"]["items"]}
    print("  gold boilerplate:", sorted(gb))
print("\n##### findings (all pages)")
for f in store.rows("SELECT * FROM findings"):
    print("  finding", {k: f[k] for k in list(f)[:6]})
