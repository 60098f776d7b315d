"""Rule ``org_head``: the sector an organisation's head noun carries in PETRARCH2's own dictionaries.

PETRARCH2 lists some 7,000 organisation names (companies, NGOs, international bodies, armed
groups) with their CAMEO sector. Read by the head noun of each name (the word before the first
"of"/"for", else the last word), company heads name one kind of body: 538 of 539 "... Corporation"
records, 89 of 89 "... Holdings", 40 of 40 "... Pharmaceuticals" are companies (MNC).
``data/petrarch2/org_heads.json`` keeps every head with at least ``MIN_NAMES`` names of which at
least ``MIN_SHARE`` carry one sector, and gives only the company sector, written BUS (the code
PETRARCH2's agents dictionary gives "COMPANY"; a name does not say the firm is multinational):
an unknown "Tarrow Pharmaceuticals" or "Kestrel Holdings" is typed BUS.

Not given, though the table's counts are kept in the file:
- NGO heads ("institute" 73 of 73, "centre", "association"): PETRARCH2's organisation list is a
  list of NGOs and international bodies, while state bodies are coded by country elsewhere, so the
  share says little; read on news text, many unknown "... Institute" and "... Centre" bodies were
  state agencies (docs/actors.md, session 27);
- armed, insurgent and intelligence sectors (REB, INT, IMG, SPY): "Front" or "Army" in a name
  says nothing about who fights, and calling an unknown body armed from its name would be the
  tool's judgement, not the text's.

Build: ``python -m presslens.layers.actors.org_heads`` (reads ``actors.jsonl``, the converted
import); the table is data, read once when a provisional organisation is first typed.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

MIN_NAMES = 10
MIN_SHARE = 0.9  # at most one name in ten of another sector
_GIVEN = {"MNC": "BUS"}  # PETRARCH2 sector -> the sector a head gives
_DATA = Path(__file__).resolve().parents[2] / "data" / "petrarch2"


def head_word(name: str) -> str | None:
    """Head noun of an organisation's name, lower case, or None when it is an acronym or no word."""
    words = name.replace("'", " ").replace("’", " ").split()
    cut = next((i for i, w in enumerate(words) if w.lower() in ("of", "for")), len(words))
    if cut == 0:
        return None
    w = words[cut - 1].rstrip(".")
    if not w.isalpha() or (len(w) > 1 and w.isupper() and len(words) > 1 and not name.isupper()):
        return None  # "Amnesty International USA": a place or acronym, not a head noun
    return w.lower()


def build(records: list[dict[str, object]], counts: dict[str, str] | None = None) -> dict[str, str]:
    """Head noun -> sector over PETRARCH2's organisation records (no person, no dated roles);
    ``counts`` receives "k of n" per kept head, for the data file's provenance."""
    by_head: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()  # one body filed under two codes counts once per sector
    for r in records:
        if r.get("type") == "PERSON" or r.get("roles") or not r.get("sector"):
            continue
        key = (" ".join(str(r["name"]).lower().split()), str(r["sector"]))
        h = head_word(str(r["name"]))
        if h and key not in seen:
            seen.add(key)
            by_head[h][key[1]] += 1
    out: dict[str, str] = {}
    for h, c in sorted(by_head.items()):
        n = sum(c.values())
        sector, k = c.most_common(1)[0]
        if n >= MIN_NAMES and k / n >= MIN_SHARE:
            if counts is not None:
                counts[h] = f"{sector} {k} of {n}"
            if sector in _GIVEN:
                out[h] = _GIVEN[sector]
    return out


@functools.lru_cache(maxsize=1)
def org_heads() -> dict[str, str]:
    """Lower-case head noun -> CAMEO sector ("corporation" -> BUS), from the built table."""
    path = _DATA / "org_heads.json"
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["items"])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    src = Path(args[0]) if args else _DATA / "actors.jsonl"
    out = Path(args[1]) if len(args) > 1 else _DATA / "org_heads.json"
    with src.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    counts: dict[str, str] = {}
    items = build(records, counts)
    meta = {"built_by": "python -m presslens.layers.actors.org_heads", "from": src.name,
            "rule": f"head nouns of PETRARCH2 organisation names, >= {MIN_NAMES} names, >= {MIN_SHARE} one sector; "
                    "only the company sector MNC is given, written BUS",
            "source": "PETRARCH2 (openeventdata/petrarch2 676801c, MIT)",
            "licence": "MIT, Copyright (c) 2014 Open Event Data Alliance"}
    out.write_text(json.dumps({"meta": meta, "items": items, "counts": counts}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(items)} head nouns -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
