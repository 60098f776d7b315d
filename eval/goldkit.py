"""Shared helpers for the hand-written held-out gold sets (eval/holdout*/make_gold.py).

Each set's make_gold.py holds its gold as data and calls ``write_golds``, which checks every
fragment against the page text (gold must be copied from the page) before writing the JSON in
the format of shared/gold/SCHEMA.md.
"""
import json
from pathlib import Path


def A(id, name, type, aliases):
    return {"id": id, "name": name, "type": type, "aliases": aliases}


def Q(article, speaker, kind, starts, cue):
    return {"article": article, "speaker": speaker, "kind": kind, "starts": starts, "cue": cue}


def N(article, text, low, high, approx, counts, about):
    return {"article": article, "text": text, "low": low, "high": high, "approx": approx,
            "counts": counts, "about": about}


def E(article, type, mode, evidence, date, prec, loc, actors, recipients, size, status):
    return {"article": article, "type": type, "mode": mode, "evidence": evidence, "date": date,
            "date_precision": prec, "location": loc, "actors": actors, "recipients": recipients,
            "size": size, "status": status}


def L(name, cc):
    return {"name": name, "country": cc}


def norm(s):
    return " ".join(s.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
                    .replace("\u201d", '"').split())


def write_golds(here: Path, golds: dict, layers_complete: dict, *, event_actors_listed: bool = True) -> None:
    """Check every gold fragment against its page, then write gold/<stem>.json."""
    PAGES, GOLD = here / "pages", here / "gold"
    GOLD.mkdir(exist_ok=True)
    for doc, g in golds.items():
        text = norm((PAGES / doc).read_text(encoding="utf-8"))
        lines = {norm(x) for x in (PAGES / doc).read_text(encoding="utf-8").splitlines()}
        frags = []
        for a in g["articles"]:
            frags += [a["title"], a["body_first"], a["body_last"], *a["tags"], *a["captions"]]
            if a["byline"] is not None:
                frags.append(a["byline"])
        frags += [al for ac in g["actors"] for al in ac["aliases"]]
        frags += [q["starts"] for q in g["quotes"]] + [n["text"] for n in g["numbers"]]
        frags += [e["evidence"] for e in g["events"]] + [r for f in g["findings"] for r in f["refs"]]
        for f in frags:
            assert norm(f) in text, (doc, f)
        for line in g["boilerplate"] + g["related_links"]:  # whole lines
            assert norm(line) in lines, (doc, line)
        ids = {a["id"] for a in g["actors"]}
        for q in g["quotes"]:
            assert q["speaker"] is None or q["speaker"] in ids, (doc, q)
            assert len(q["starts"].split()) >= 6, (doc, q)
        for e in g["events"] if event_actors_listed else []:  # holdout 1 predates this check
            for x in e["actors"] + e["recipients"]:
                assert x in ids, (doc, e["evidence"], x)
        out = {"document": doc}
        for layer, complete in layers_complete.items():
            out[layer] = {"complete": complete, "items": g[layer]}
        (GOLD / (Path(doc).stem + ".json")).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
        print("wrote", doc)


