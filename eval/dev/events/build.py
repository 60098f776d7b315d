"""Build sentences.jsonl from the annotation sources in src/*.gold (standard library only).

Run: ``python eval/dev/events/build.py`` (then ``check.py``). The sources are what annotators
edit; sentences.jsonl is their deterministic rendering in the format of /work/coord/formats.md.

Source format, one item per line:

    @source url=<URL or 'PLOVER manual 2.0, p.N'> | lic=<licence> | pub=<YYYY-MM-DD> | prefix=<id prefix>
            [| geovirus=<article index> | file=<sources/...txt> | page=<extraction page>]
            [| batch=<name>]     an untuned batch scored in rows of its own (events_sentences_<name>)
    > <suffix> <verbatim text>                 a sentence; its id is <prefix>-<suffix>
    + TYPE[/mode] | t=<trigger> [| st=<status>] [| loc=<place>@<ISO2>] [| a=<actor>;<actor>]
                  [| r=<recipient>;...] [| d=<date>] [| sz=dead:3-3;injured:10-]
    ! <note>                                   a note on the sentence above

An ``@source`` line sets the defaults for the sentences below it. A sentence without ``+`` lines
has no event. Status defaults to ``reported``; a missing ``loc`` means the text states no place.
Sizes: ``N`` = [N, N], ``N-`` = [N, null], ``-N`` = [null, N], ``N-M`` = [N, M].

Whole articles (src/articles/*.gold) become articles/<doc>.txt (the article text, from GeoVirus) and
articles/<doc>.json (SCHEMA.md gold, one article ``a1``, ``events.complete: true``):

    @article doc=<doc> | url=<URL> | lic=<licence> | geovirus=<index> [| pub=<YYYY-MM-DD>]
    ~ <actor id> | <name> | PERSON|ORG|GOV | <alias>;<alias>     an actor (aliases: exact substrings)
    + TYPE[/mode] | e=<evidence> [| st=..] [| loc=..@..] [| a=<id>;..] [| r=<id>;..] [| d=<date>]
                  [| dp=day|week|month|year|interval] [| sz=..]
    ! <note>                                    a note on the event above (or the article)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from plover import part_of  # noqa: E402


def _kv(chunks: list[str]) -> dict[str, str]:
    out = {}
    for c in chunks:
        k, sep, v = c.partition("=")
        if not sep:
            raise ValueError(f"expected key=value, got {c!r}")
        out[k.strip()] = v.strip()
    return out


def _size(spec: str) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        k, _, rng = part.partition(":")
        if "-" not in rng:
            lo = hi = int(rng)
        else:
            a, _, b = rng.partition("-")
            lo = int(a) if a else None
            hi = int(b) if b else None
        out[k] = [lo, hi]
    return out


def _event(line: str) -> dict[str, Any]:
    chunks = [c.strip() for c in line[1:].split(" | ")]
    head = chunks[0]
    typ, _, mode = head.partition("/")
    kv = _kv(chunks[1:])
    loc = None
    if kv.get("loc"):
        name, _, cc = kv["loc"].rpartition("@")
        loc = {"name": name, "country": cc or None}
    return {
        "type": typ.strip(),
        "mode": mode.strip() or None,
        "trigger": kv["t"],
        "status": kv.get("st", "reported"),
        "location": loc,
        "actors": [x for x in kv.get("a", "").split(";") if x],
        "recipients": [x for x in kv.get("r", "").split(";") if x],
        "date": kv.get("d") or None,
        "size": _size(kv.get("sz", "")),
    }


def parse(path: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    src: dict[str, str] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        try:
            if line.startswith("@source "):
                src = _kv([c for c in line[len("@source "):].split(" | ")])
            elif line.startswith("> "):
                suffix, _, text = line[2:].partition(" ")
                item: dict[str, Any] = {
                    "id": f"{src['prefix']}-{suffix}",
                    "text": text,
                    "source": src["url"],
                    "licence": src["lic"],
                    "published": src.get("pub") or None,
                    "part": part_of(f"{src['prefix']}-{suffix}", src.get("batch")),
                    "events": [],
                }
                for k in ("geovirus", "file", "page"):
                    if src.get(k):
                        item["provenance"] = {k: src[k]}
                if src.get("note"):
                    item["notes"] = src["note"]
                if src.get("batch"):
                    item["batch"] = src["batch"]
                items.append(item)
            elif line.startswith("+"):
                items[-1]["events"].append(_event(line))
            elif line.startswith("!"):
                note = line[1:].strip()
                prev = items[-1].get("notes")
                items[-1]["notes"] = f"{prev} {note}" if prev else note
            else:
                raise ValueError("unrecognised line")
        except (ValueError, KeyError, IndexError) as exc:
            raise SystemExit(f"{path.name}:{n}: {exc}: {line}") from None
    return items


def _geovirus_text(index: int) -> str:
    import xml.etree.ElementTree as ET

    root = ET.parse("/work/shared/dev/geo/GeoVirus.xml").getroot()
    return root.findall("article")[index].findtext("text") or ""


def parse_articles(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(text, gold) per article in one source file."""
    out: list[tuple[str, dict[str, Any]]] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        try:
            if line.startswith("@article "):
                kv = _kv(line[len("@article "):].split(" | "))
                text = _geovirus_text(int(kv["geovirus"])) + "\n"
                gold: dict[str, Any] = {
                    "document": f"{kv['doc']}.txt", "source": kv["url"], "licence": kv["lic"],
                    "published": kv.get("pub") or None, "part": part_of(kv["doc"]),
                    "provenance": {"geovirus": kv["geovirus"]},
                    "actors": {"complete": False, "items": []},
                    "events": {"complete": True, "items": []}, "notes": [],
                }
                out.append((text, gold))
            elif line.startswith("~ "):
                aid, name, typ, aliases = (c.strip() for c in line[2:].split(" | "))
                out[-1][1]["actors"]["items"].append(
                    {"id": aid, "name": name, "type": typ, "aliases": [a for a in aliases.split(";") if a]})
            elif line.startswith("+"):
                chunks = [c.strip() for c in line[1:].split(" | ")]
                typ, _, mode = chunks[0].partition("/")
                kv = _kv(chunks[1:])
                loc = None
                if kv.get("loc"):
                    name, _, cc = kv["loc"].rpartition("@")
                    loc = {"name": name, "country": cc or None}
                date = kv.get("d") or None
                out[-1][1]["events"]["items"].append({
                    "article": "a1", "type": typ.strip(), "mode": mode.strip() or None, "evidence": kv["e"],
                    "date": date, "date_precision": kv.get("dp") or (_precision(date) if date else None),
                    "location": loc, "actors": [x for x in kv.get("a", "").split(";") if x],
                    "recipients": [x for x in kv.get("r", "").split(";") if x],
                    "size": _size(kv.get("sz", "")), "status": kv.get("st", "reported"),
                })
            elif line.startswith("!"):
                evs = out[-1][1]["events"]["items"]
                if evs:
                    evs[-1]["note"] = (evs[-1].get("note", "") + " " + line[1:].strip()).strip()
                else:
                    out[-1][1]["notes"].append(line[1:].strip())
            else:
                raise ValueError("unrecognised line")
        except (ValueError, KeyError, IndexError) as exc:
            raise SystemExit(f"{path.name}:{n}: {exc}: {line}") from None
    return out


def _precision(date: str) -> str:
    if "/" in date:
        return "interval"
    return {4: "year", 7: "month"}.get(len(date), "day")


def main() -> None:
    arts_dir = HERE / "articles"
    arts_dir.mkdir(exist_ok=True)
    n_art = 0
    for p in sorted((HERE / "src" / "articles").glob("*.gold")):
        for text, gold in parse_articles(p):
            stem = gold["document"][: -len(".txt")]
            (arts_dir / gold["document"]).write_text(text, encoding="utf-8")
            (arts_dir / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
            n_art += 1
    print(f"{n_art} articles -> {arts_dir.relative_to(HERE.parent.parent.parent)}")
    items = []
    for p in sorted((HERE / "src").glob("*.gold")):
        items += parse(p)
    out = HERE / "sentences.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{len(items)} sentences -> {out.relative_to(HERE.parent.parent.parent)}")


if __name__ == "__main__":
    main()
