#!/usr/bin/env python3
"""Build presslens's event trigger lexicon from the field's dictionaries (repeatable, offline).

Inputs (read-only, credited in the output; ``Phoenix.agents.txt`` for generic agent nouns):
- PETRARCH2 CAMEO verb-pattern dictionary ``CAMEO.2.0.txt`` (Open Event Data Alliance, MIT):
  verb synonym blocks, each with phrase patterns and CAMEO codes, and the synonym sets (``&WEAPON``)
  the patterns use;
- the CAMEO -> PLOVER table ``CAMEO2PLOVER-2021.txt`` (Open Event Data Alliance, CC BY-SA 4.0);
- ``src/presslens/lang/en/events/cameo_overrides.yaml``: where presslens follows the PLOVER 2.0
  manual against the table (each entry cites the manual).

Output: ``src/presslens/lang/en/events/cameo.json`` with
- ``codes``: CAMEO code -> {type, mode} in PLOVER 2.0 terms (null type: not an event in PLOVER);
- ``synsets``: name -> phrases (lists of lower-case words);
- ``forms``: irregular verb form -> base verb;
- ``verbs``: base verb -> entries {block, code, before, after} (``after`` = particles of a phrasal
  verb such as "blow up"; ``code`` = the verb's own code, else its block's, null = no event alone);
- ``blocks``: [{name, code, line, patterns: [{code, subj, obj, parts, preps, line}]}] where a term
  is {"words": [...]} (a head noun and its modifiers, head last), {"syn": NAME} or {"any": true};
- ``agents``: generic agent nouns from PETRARCH2's ``Phoenix.agents.txt`` (MIT), head noun -> CAMEO
  sector code ("police" -> COP, "rebel" -> REB): nouns that name someone who can act.

Usage: ``python tools/build_event_lexicon.py [--reference ../shared/reference]``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
LANG = ROOT / "src" / "presslens" / "lang" / "en"
# English prepositions (the closed class of lang/en/function_words.yaml), to find a phrase's head.
PREPOSITIONS = frozenset(str(w).lower() for w in yaml.safe_load(
    (LANG / "function_words.yaml").read_text(encoding="utf-8"))["prepositions"])


def load_words(key: str) -> set[str]:
    data = yaml.safe_load((LANG / "function_words.yaml").read_text(encoding="utf-8"))
    return {str(w).lower() for w in data[key]}


def words_of(phrase: str) -> list[str]:
    """'PRIME_MINISTER' -> ['prime', 'minister']; 'CASH_' (no plural) -> ['cash']."""
    return [w for w in phrase.strip().lower().replace("_", " ").split() if w]


def parse_table(path: Path) -> dict[str, dict[str, Any]]:
    codes: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m or len(m.group(1)) == 2:
            continue
        body = m.group(2).split("#")[0]
        parts = [p.strip() for p in body.split(",")]
        typ = parts[0] or None
        mode = (parts[1] if len(parts) > 1 else "").strip().lower() or None
        codes[m.group(1)] = {"type": typ, "mode": mode, "origin": f"CAMEO2PLOVER-2021.txt:{n}"}
    return codes


def plover_codes(table: dict[str, dict[str, Any]], overrides: dict[str, Any], cameo_codes: set[str]
                 ) -> dict[str, dict[str, Any]]:
    aliases = overrides.get("mode_aliases", {})
    out: dict[str, dict[str, Any]] = {}
    for code in sorted(cameo_codes | set(table) | set(overrides["codes"])):
        if code in overrides["codes"]:
            o = overrides["codes"][code]
            out[code] = {"type": o["type"], "mode": o.get("mode"), "origin": "cameo_overrides.yaml: " + o["why"]}
            continue
        row = table.get(code)
        if row is None:
            # Codes the table lacks: the nearest listed parent (4 -> 3 digits), else not an event
            # (CAMEO 01 public statements and uncoded verbs are dropped in PLOVER, manual 7.2).
            parent = table.get(code[:3]) if len(code) == 4 else None
            if parent is None:
                out[code] = {"type": None, "mode": None, "origin": "not in CAMEO2PLOVER (dropped, manual 7.2)"}
                continue
            row = dict(parent, origin=parent["origin"] + " (parent code)")
        mode = row["mode"]
        if mode in aliases:
            mode = aliases[mode]
        out[code] = {"type": row["type"], "mode": mode, "origin": row["origin"]}
    return out


def split_tokens(s: str) -> list[str]:
    """Pattern text into items: words, {phrase}, (prep group), markers."""
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c in "{(":
            close = "}" if c == "{" else ")"
            j = s.find(close, i)
            j = len(s) if j < 0 else j
            out.append(s[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(s) and not s[j].isspace() and s[j] not in "{(":
                j += 1
            out.append(s[i:j])
            i = j
    return out


def term(item: str) -> dict[str, Any]:
    item = item.strip()
    if item in ("$", "+", "^", "%") or not item:
        return {"any": True}
    if item.startswith("&"):
        return {"syn": item[1:].rstrip("_").upper()}
    if item.startswith("{"):
        ws = [w for w in re.split(r"\s+", item.strip("{} ")) if w and w not in ("$", "+", "^", "%")]
        if len(ws) == 1 and ws[0].startswith("&"):
            return {"syn": ws[0][1:].upper()}
        return {"words": [w.lower().replace("_", " ") for w in ws]}
    return {"words": [w for w in words_of(item)] or [item.lower()]}


def parse_pattern(text: str, preps: set[str], particles: set[str]) -> dict[str, Any] | None:
    m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", text)
    if not m:
        return None
    body, code = m.group(1), m.group(2).strip()
    items = split_tokens(body)
    if "*" not in items:
        return None
    star = items.index("*")
    pat: dict[str, Any] = {"code": code, "subj": [], "obj": [], "parts": [], "preps": []}
    for k, it in enumerate(items):
        if it == "*":
            continue
        if it.startswith("("):
            inner = split_tokens(it.strip("() "))
            if not inner:
                continue
            p = inner[0].lower()
            rest = inner[1:]
            pat["preps"].append([p.split("/"), term(" ".join(rest)) if rest else None])
            continue
        low = it.lower()
        if k > star and low in particles and not it.startswith(("{", "&")):
            pat["parts"].append(low)
        elif k > star and low in preps and not it.startswith(("{", "&")):
            pat["preps"].append([[low], None])
        elif k < star:
            pat["subj"].append(term(it))
        else:
            pat["obj"].append(term(it))
    return pat


def weak_travel(pat: dict[str, Any]) -> bool:
    """A pattern whose only slot is a bare preposition with a CONSULT code (040-046) or an intent to
    meet (036): CAMEO codes "return from", "rush to", "depart for" as visits and "fly to" as an intent
    to meet; PLOVER's CONSULT needs a meeting (manual 3.2) and AGREE a promise (3.3), not a trip."""
    only_prep = not pat["obj"] and not pat["subj"] and not pat["parts"] and pat["preps"] and all(
        t is None for _, t in pat["preps"])
    code = pat["code"].split(":")[0]
    return bool(only_prep) and (code.startswith("04") or code == "036")


def parse_verb_line(line: str) -> tuple[list[str], list[str], str | None]:
    """'+BLOW_UP {+BLEW_UP ...} [190]' -> (base words, irregular surface forms, code)."""
    code_m = re.search(r"\[([^\]]*)\]", line)
    code = code_m.group(1).strip() if code_m else None
    head = line.split("#")[0]
    head = re.sub(r"\[[^\]]*\]", "", head)
    forms_m = re.search(r"\{([^}]*)\}", head)
    forms = forms_m.group(1).split() if forms_m else []
    base = re.sub(r"\{[^}]*\}", "", head).strip()
    return [base], forms, code


def verb_key(base: str) -> tuple[str, list[str], list[str]]:
    """'+BLOW_UP' -> ('blow', [], ['up']); 'WIRE_+TAP' -> ('tap', ['wire'], [])."""
    ws = base.split("_")
    idx = next((i for i, w in enumerate(ws) if w.startswith("+")), 0)
    ws = [w.lstrip("+").lower() for w in ws if w]
    return ws[idx], ws[:idx], ws[idx + 1:]


def parse_cameo(path: Path) -> dict[str, Any]:
    preps, particles = load_words("prepositions"), load_words("particles")
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[dict[str, Any]] = []
    verbs: dict[str, list[dict[str, Any]]] = {}
    forms: dict[str, str] = {}
    section = None
    cur_syn: str | None = None
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if line.startswith("####### SYNONYM"):
            section = "syn"
            continue
        if line.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        stripped = line.split("#")[0].strip() if not line.startswith("-") else line.strip()
        if not stripped:
            continue
        if section == "syn":
            if stripped.startswith("&"):
                cur_syn = stripped[1:].rstrip("_").upper()
                synsets[cur_syn] = []
            elif stripped.startswith("+") and cur_syn:
                synsets[cur_syn].append(words_of(stripped[1:]))
            continue
        if section != "verbs":
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s*(.*?)\s*\[([^\]]*)\]\s*---", line)
            name = m.group(1) if m else line.strip("- ")
            code = m.group(2).strip() if m else "---"
            blocks.append({"name": name, "code": None if code == "---" else code, "line": n, "patterns": []})
            continue
        if not blocks:
            continue
        blk = blocks[-1]
        if line.startswith("-"):
            pat = parse_pattern(line, preps, particles)
            if pat is not None and weak_travel(pat):
                pat["code"] = "---"  # "RUSH * (TO) [042]": a bare travel preposition is no visit in PLOVER
            if pat is not None:
                pat["line"] = n
                # The comment names the verb the pattern was written for (file header); "BLEW_UP" -> blow.
                cm = re.search(r"#\s*([A-Z][A-Z_+' -]*?)\s*(?:$|\s{2}|[a-z(<])", line)
                if cm:
                    pat["verb"] = verb_key(cm.group(1).strip().split()[0])[0] if cm.group(1).strip() else None
                blk["patterns"].append(pat)
            continue
        bases, irregular, code = parse_verb_line(stripped)
        for base in bases:
            lemma, before, after = verb_key(base)
            if not lemma or not re.match(r"^[a-z][a-z'-]*$", lemma):
                continue
            entry = {"block": len(blocks) - 1, "code": None if code in (None, "---") else code,
                     "before": before, "after": after, "line": n}
            verbs.setdefault(lemma, []).append(entry)
            for f in irregular:
                fl, _, _ = verb_key(f)
                if fl and fl != lemma:
                    forms.setdefault(fl, lemma)
    return {"synsets": synsets, "blocks": blocks, "verbs": verbs, "forms": forms}


def parse_agents(path: Path) -> dict[str, str]:
    """Generic agents (Phoenix.agents.txt): head noun -> CAMEO sector code ("police" -> COP). A
    phrase entry ("ARMED_GANG") gives its last word; the first code listed for a head wins."""
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].strip()
        m = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if m:
            subs[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^([A-Z][A-Z0-9_'!-]*)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        words = m.group(1).strip("_").split("_")
        # A phrase with a preposition ("AMBASSADOR_TO", "EMBASSY_IN", "PRISONER_OF_WAR") has no
        # head noun at its end: taking the last word made "in", "to", "of", "war", "peace" generic
        # agents. Such phrases give no head (their head nouns have entries of their own).
        if any(w.lower() in PREPOSITIONS for w in words[1:]):
            continue
        last = words[-1]
        heads = subs.get(last.strip("!"), []) if last.startswith("!") else [last.lower()]
        for h in heads:
            if re.match(r"^[a-z][a-z'-]+$", h):
                out.setdefault(h, m.group(2))
    return out


def all_codes(cameo: dict[str, Any]) -> set[str]:
    out: set[str] = set()

    def add(code: str | None) -> None:
        for c in (code or "").split(":"):
            c = c.strip()
            if c and c != "---":
                out.add(c)

    for b in cameo["blocks"]:
        add(b["code"])
        for p in b["patterns"]:
            add(p["code"])
    for es in cameo["verbs"].values():
        for e in es:
            add(e["code"])
    return out


# CAMEO comment codes that state an attitude (011 decline comment, 012 pessimistic, 013 optimistic,
# 018 empathetic) and the codes of a stand toward a party (05x approve / praise, 11x disapprove / criticise).
ATTITUDES = frozenset({"011", "012", "013", "018"})
STANDS = frozenset({"05", "11"})


def drop_statement_twins(blocks: list[dict[str, Any]], codes: dict[str, dict[str, Any]]) -> int:
    """CAMEO.2.0 writes some frames twice in one block with two codes: an attitude comment (``ATTITUDES``)
    and a stand toward a party ("EXPRESS * OUTRAGE" [012] pessimistic comment and [111] criticise;
    "VOICE * CONFIDENCE" [013] and [051] praise). The matcher breaks ties by dictionary order, so the
    comment, which PLOVER drops (manual 7.2), silenced the stand (PLOVER 3.9 ACCUSE "express
    disapprovals", 3.3 SUPPORT). Keep the stand: drop the comment twin. Twins of other codes ("LAUNCH *
    PROGRAM" [014] consider a policy / [046] mediate) are left as the dictionary orders them.
    Returns how many patterns were dropped."""
    def ptype(code: str) -> str | None:
        c = [p.strip() for p in code.split(":")]
        row = codes.get(c[0] or (c[1] if len(c) > 1 else ""))
        return row["type"] if row else None

    dropped = 0
    for b in blocks:
        frames: dict[tuple[Any, str], list[dict[str, Any]]] = {}
        for p in b["patterns"]:
            key = (p.get("verb"), json.dumps([p["subj"], p["obj"], p["parts"], p["preps"]]))
            frames.setdefault(key, []).append(p)
        drop: set[int] = set()
        for twins in frames.values():
            if any(p["code"].lstrip(":")[:3] in ATTITUDES for p in twins) and any(
                    p["code"].lstrip(":")[:2] in STANDS for p in twins if ptype(p["code"])):
                drop |= {id(p) for p in twins if p["code"].lstrip(":")[:3] in ATTITUDES}
        dropped += len(drop)
        b["patterns"] = [p for p in b["patterns"] if id(p) not in drop]
    return dropped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=str(ROOT.parent / "shared" / "reference"))
    ap.add_argument("--out", default=str(LANG / "events" / "cameo.json"))
    args = ap.parse_args()
    ref = Path(args.reference)
    cameo = parse_cameo(ref / "petrarch2" / "CAMEO.2.0.txt")
    table = parse_table(ref / "CAMEO2PLOVER-2021.txt")
    overrides = yaml.safe_load((LANG / "events" / "cameo_overrides.yaml").read_text(encoding="utf-8"))
    dropped = {str(c) for c in overrides.get("drop_pattern_codes", [])}
    recoded = {int(k): str(v) for k, v in (overrides.get("pattern_codes") or {}).items()}
    for b in cameo["blocks"]:
        for p in b["patterns"]:
            if p["code"].split(":")[0] in dropped:
                p["code"] = "---"
            if p["line"] in recoded:  # one pattern whose own code the manual contradicts
                p["code"] = recoded[p["line"]]
    codes = plover_codes(table, overrides, all_codes(cameo))
    twins = drop_statement_twins(cameo["blocks"], codes)
    out = {
        "_origin": (
            "Generated by tools/build_event_lexicon.py from PETRARCH2 CAMEO.2.0.txt (Open Event Data "
            "Alliance, MIT licence, github openeventdata/petrarch2 commit 676801c) and CAMEO2PLOVER-2021.txt "
            "(Open Event Data Alliance, CC BY-SA 4.0, openeventdata/PLOVER commit 5e0c24f), with "
            "lang/en/events/cameo_overrides.yaml (PLOVER 2.0 manual, CC BY-SA 4.0). Shared under CC BY-SA 4.0. "
            "Do not edit by hand: rerun the script."),
        "codes": codes,
        "synsets": cameo["synsets"],
        "forms": cameo["forms"],
        "verbs": cameo["verbs"],
        "blocks": cameo["blocks"],
        "agents": parse_agents(ref / "petrarch2" / "Phoenix.agents.txt"),
    }
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                              encoding="utf-8")
    n_pat = sum(len(b["patterns"]) for b in cameo["blocks"])
    print(f"{len(cameo['verbs'])} verbs, {len(cameo['blocks'])} blocks, {n_pat} patterns, "
          f"{len(cameo['synsets'])} synsets, {len(codes)} codes ({twins} statement twins dropped) -> {args.out}")


if __name__ == "__main__":
    main()
