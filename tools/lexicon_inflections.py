#!/usr/bin/env python3
"""Which inflected forms of the trigger lexicon's verbs the shipped model lemmatises to another word.

For every verb of the trigger lexicon (the first word of each ``events/plover.yaml`` entry and every
verb of the CAMEO dictionary ``events/cameo.json``), the tool builds its regular inflections
(``presslens.layers.events.inflect``: -s/-es, -ed/-d, -ing with the e-drop, y->i and doubling
rules) and the irregular forms PETRARCH2's dictionary writes for it (``cameo.json`` ``forms``), puts
each in a few invented carrier sentences, runs the model the settings name, and lists every form
whose lemma (on a VERB token) is not the entry's word, with the lemma it got.

A word is checked only if it is in the model lemmatizer's verb index (WordNet's verbs, the table the
rule lemmatizer itself reads) and the model reads it as a verb with its own lemma in the base-form
carrier ("The officials <verb> the group."): nouns of the lexicon ("airstrike") are not verbs to
inflect. A verb PETRARCH2 writes forms for is checked on those forms only (irregular pasts: "hit" is
not "hitted").

No measured text is used: the carriers are invented.

Usage::

    python tools/lexicon_inflections.py [--json out.json] [--lost-only]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from presslens import lang  # noqa: E402
from presslens.layers.events.inflect import inflections  # noqa: E402
from presslens.nlp import load_model  # noqa: E402
from presslens.settings import load_settings  # noqa: E402

# Invented carriers: (form slot, template). "{v}" takes the form.
BASE = "The officials {v} the group."
CARRIERS = {
    "s": ["The minister {v} the group.", "Each week the council {v} the traders."],
    "ed": ["Police {v} the man on Monday.", "The man was {v} by the board on Friday.",
           "The agency has {v} the company."],
    "ing": ["The officials are {v} the group.", "Officials said they were {v} the traders."],
}


def lexicon_verbs() -> dict[str, set[str]]:
    """word -> the lexicons listing it ("plover", "cameo")."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in lang.data("events/plover")["triggers"]:
        w = str(e["w"]).split()[0]
        if w.isalpha():
            out[w].add("plover")
    for v in json.loads((ROOT / "src/presslens/lang/en/events/cameo.json").read_text())["verbs"]:
        if v.isalpha():
            out[v].add("cameo")
    return out


def irregular() -> dict[str, set[str]]:
    """verb -> the forms PETRARCH2's dictionary writes for it."""
    forms = json.loads((ROOT / "src/presslens/lang/en/events/cameo.json").read_text())["forms"]
    out: dict[str, set[str]] = defaultdict(set)
    for f, v in forms.items():
        out[v].add(f)
    return out


def _verb_at(doc, form: str):
    for t in doc:
        if t.lower_ == form:
            return t
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json")
    ap.add_argument("--lost-only", action="store_true")
    args = ap.parse_args()
    nlp = load_model(load_settings()["nlp"]["model"])
    words = lexicon_verbs()
    irr = irregular()
    base_docs = nlp.pipe(BASE.format(v=w) for w in sorted(words))
    verbs = []
    not_verbs = []
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"]
    for w, doc in zip(sorted(words), base_docs, strict=True):
        t = _verb_at(doc, w)
        if w in index and t is not None and t.pos_ == "VERB" and t.lemma_.lower() == w:
            verbs.append(w)
        else:
            not_verbs.append(w)
    jobs: list[tuple[str, str, str, str]] = []  # (verb, form, slot, sentence)
    for w in verbs:
        forms = inflections(w) if w not in irr else {}
        for slot, form in sorted(forms.items()):
            for c in CARRIERS[slot]:
                jobs.append((w, form, slot, c.format(v=form)))
        for form in sorted(irr.get(w, set()) - set(forms.values())):
            slot = "s" if form.endswith("s") else "ing" if form.endswith("ing") else "ed"
            for c in CARRIERS[slot]:
                jobs.append((w, form, slot, c.format(v=form)))
    lost: dict[tuple[str, str], dict[str, object]] = {}
    checked: set[tuple[str, str]] = set()
    for (w, form, slot, _sent), doc in zip(jobs, nlp.pipe(j[3] for j in jobs), strict=True):
        checked.add((w, form))
        t = _verb_at(doc, form)
        if t is None or t.pos_ != "VERB":
            continue  # the carrier did not make it a verb: no verdict on the lemma here
        if t.lemma_.lower() != w:
            row = lost.setdefault((w, form), {"verb": w, "form": form, "slot": slot, "lemmas": set(),
                                               "carriers": 0, "lexicon": sorted(words[w])})
            row["lemmas"].add(t.lemma_.lower())  # type: ignore[union-attr]
            row["carriers"] = int(row["carriers"]) + 1  # type: ignore[call-overload]
    rows = sorted(lost.values(), key=lambda r: (str(r["verb"]), str(r["form"])))
    for r in rows:
        r["lemmas"] = sorted(r["lemmas"])  # type: ignore[arg-type]
    lost_verbs = {r["verb"] for r in rows}
    summary = {
        "words": len(words), "verbs_checked": len(verbs), "not_verbs": len(not_verbs),
        "forms_checked": len(checked), "forms_lost": len(rows), "verbs_with_lost_form": len(lost_verbs),
        "plover_verbs_lost": len({r["verb"] for r in rows if "plover" in r["lexicon"]}),  # type: ignore[operator]
        "by_slot": {s: sum(1 for r in rows if r["slot"] == s) for s in CARRIERS},
    }
    print(json.dumps(summary))
    for r in rows:
        print(f"{r['verb']:<14} {r['form']:<16} {r['slot']:<4} -> {','.join(r['lemmas'])}"  # type: ignore[arg-type]
              f"  ({r['carriers']} carriers; {'+'.join(r['lexicon'])})")  # type: ignore[arg-type]
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "lost": rows, "not_verbs": not_verbs}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
