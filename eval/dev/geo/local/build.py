"""Build ``local_gold.jsonl`` (the places_local suite's gold) from ``annotations.py``.

Run from the repository root: ``.venv/bin/python eval/dev/geo/local/build.py``.

Each document's text comes from its source: a GeoVirus article (eval/dev/geo/GeoVirus.xml, by
index) or an English page of the extraction set (eval/dev/extraction/pages/, body text from the
pinned ``trafilatura.extract``). The annotations (``annotations.py``) were written by reading the
text: each entry marks a span by a context string with the name in brackets ("Taco Bell [Canada]")
or by the bare name (every occurrence not already covered), with its role and the place the text
means, given by country / GeoNames admin1 code / kind. The GeoNames id is then looked up in the
gazetteer by that name, country, admin1 and kind (never from presslens's output); a place the
gazetteer lacks (a lake, a suburb, an island) keeps ``geonameid: null`` and counts as a miss for
exact-id accuracy. The build fails when a spec matches no entry or several.

Frozen part (chosen before presslens was run on any of these texts): a document is frozen when
``int(sha1(doc_id).hexdigest(), 16) % 3 == 0``; batch 5 is frozen whole, batch 6 by half
(``% 2 == 0``), batch 7 by half of its source URLs, batch 8 by the half of its doc ids that sorts
first by sha1 (``b8/manifest.json``), batch 9 and 10 likewise (``bN/manifest.json``). The texts of
batches 8-11 are search-tool excerpts stored verbatim under ``bN/texts/`` (doc ids ``web:<slug>``).

``--append 6`` writes only that batch's lines and keeps the committed lines of the other batches
byte-identical (a full rebuild would rewrite their country points, which exact-id scoring does not
read).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(HERE))


def frozen(doc_id: str, parts: int = 3) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % parts == 0


def load_text(doc_id: str) -> tuple[str, str, str]:
    """(text, url/origin, licence) of a document id."""
    kind, key = doc_id.split(":", 1)
    if kind == "web":  # batches 8-11: a search-tool excerpt stored verbatim, address in bN/manifest.json
        for b in ("b8", "b9", "b10", "b11"):
            metas = {d["id"]: d for d in json.loads((HERE / b / "manifest.json").read_text("utf-8"))}
            if doc_id in metas:
                meta = metas[doc_id]
                return (HERE / b / "texts" / f"{key}.txt").read_text("utf-8"), meta["url"], meta["licence"]
        raise ValueError(f"no manifest entry for {doc_id}")
    if kind == "events":
        return events_text(key)
    if kind == "geovirus":
        sys.path.insert(0, str(ROOT / "src"))
        from presslens.eval.places_geovirus import load_gold

        d = load_gold(ROOT / "eval/dev/geo/GeoVirus.xml")[int(key)]
        return d["text"], d["source"], "CC BY 2.5 (Wikinews, via GeoVirus)"
    import trafilatura

    html = (ROOT / "eval/dev/extraction/pages" / f"{key}.html").read_text("utf-8", errors="replace")
    text = trafilatura.extract(html) or ""
    return text, f"eval/dev/extraction/pages/{key}.html", "publisher's; in trafilatura's test cache (Apache-2.0 repo)"


def events_text(prefix: str) -> tuple[str, str, str]:
    """An @source block of the events set's news files (eval/dev/events/src/2*.gold): its
    sentences joined by a space, with the block's address and licence."""
    for path in sorted((ROOT / "eval/dev/events/src").glob("2*.gold")):
        head, sents = None, []
        for ln in path.read_text("utf-8").splitlines():
            if ln.startswith("@source"):
                if head is not None:
                    break
                if f"prefix={prefix}" in ln.split():
                    head = dict(kv.strip().split("=", 1) for kv in ln[len("@source"):].split("|"))
            elif head is not None and ln.startswith("> "):
                sents.append(ln[2:].split(" ", 1)[1].strip())
        if head is not None:
            return " ".join(sents), head["url"], head["lic"]
    raise ValueError(f"no events source {prefix}")


def resolve_spec(gaz, name: str, spec: str):  # type: ignore[no-untyped-def]
    """The gazetteer entry a spec names: "US" country, "US.MI" region, "city:US.MI",
    "county:US.IN", "continent", "none" (no id), "id:NNN"."""
    if spec == "none":
        return None
    if spec.startswith("id:"):
        gid = int(spec[3:])
        hits = [e for e, _ in gaz.candidates(name) if e.geonameid == gid]
        if not hits:
            raise ValueError(f"{name}: id {gid} not among the name's entries")
        return hits[0]
    kind, _, where = spec.rpartition(":")
    country, _, admin1 = where.partition(".")
    if spec == "continent":
        kind, country = "continent", ""
    elif not kind:
        kind = "region" if admin1 else "country"
    if kind == "country":
        return gaz.country(country)
    if kind == "region":
        r = gaz.region_of(country, admin1)
        if r is None:
            raise ValueError(f"{name}: no region {country}.{admin1}")
        return r
    pairs = [(e, p) for e, p in gaz.candidates(name) if e.precision == kind and (not country or e.country == country)
             and (not admin1 or e.admin1 == admin1)]
    own = [e for e, p in pairs if p]  # the place bearing the name as its own, not a hamlet's alternate
    cands = own if len({e.geonameid for e in own}) == 1 else [e for e, _ in pairs]  # (Masontown, WV: "Morgantown")
    ids = {e.geonameid for e in cands}
    if len(ids) != 1:
        raise ValueError(f"{name} {spec}: {len(ids)} entries {sorted(map(str, ids))}")
    return cands[0]


def spans(text: str, entries: list[tuple]) -> list[dict]:  # type: ignore[type-arg]
    """Spans of the entries: bracketed contexts first (longest first), then bare names
    (longest first), each occurrence not overlapping one already taken."""
    taken: list[tuple[int, int]] = []
    out = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    ctx = [x for x in entries if "[" in x[0]]
    bare = [x for x in entries if "[" not in x[0]]
    for group in (sorted(ctx, key=lambda x: -len(x[0])), sorted(bare, key=lambda x: -len(x[0]))):
        for entry in group:
            pat, role, spec = entry[0], entry[1], entry[2]
            name = entry[3] if len(entry) > 3 else None
            pre, rest = pat.split("[", 1) if "[" in pat else ("", pat + "]")
            surface, post = rest.split("]", 1)
            rx = re.compile(r"(?<!\w)" + re.escape(pre + surface + post) + (r"(?!\w)" if (post or surface)[-1:].isalnum() else ""))
            hits = 0
            for m in rx.finditer(text):
                s = m.start() + len(pre)
                e = s + len(surface)
                if not free(s, e):
                    continue
                taken.append((s, e))
                hits += 1
                if role != "skip":
                    out.append(dict(start=s, end=e, text=surface, role=role, spec=spec, name=name or surface))
            if not hits:
                raise ValueError(f"no free occurrence of {pat!r}")
    return sorted(out, key=lambda x: x["start"])


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from annotations import DOCS  # type: ignore[import-not-found]
    from annotations_b2 import DOCS2  # type: ignore[import-not-found]
    from annotations_b3 import DOCS3  # type: ignore[import-not-found]
    from annotations_b4 import DOCS4  # type: ignore[import-not-found]
    from annotations_b5 import DOCS5  # type: ignore[import-not-found]
    from annotations_b6 import DOCS6  # type: ignore[import-not-found]
    from annotations_b7 import DOCS7  # type: ignore[import-not-found]
    from annotations_b8 import DOCS8  # type: ignore[import-not-found]
    from annotations_b9 import DOCS9  # type: ignore[import-not-found]
    from annotations_b10 import DOCS10  # type: ignore[import-not-found]
    from annotations_b11 import DOCS11  # type: ignore[import-not-found]

    from presslens.gazetteer import gazetteer

    batches = {**{k: 1 for k in DOCS}, **{k: 2 for k in DOCS2}, **{k: 3 for k in DOCS3},
               **{k: 4 for k in DOCS4}, **{k: 5 for k in DOCS5}, **{k: 6 for k in DOCS6},
               **{k: 7 for k in DOCS7}, **{k: 8 for k in DOCS8}, **{k: 9 for k in DOCS9},
               **{k: 10 for k in DOCS10}, **{k: 11 for k in DOCS11}}
    frozen8 = {d["id"] for b in ("b8", "b9", "b10", "b11") for d in json.loads((HERE / b / "manifest.json").read_text("utf-8"))
               if d["frozen"]}
    append = int(sys.argv[sys.argv.index("--append") + 1]) if "--append" in sys.argv else None
    kept = []
    if append is not None:
        kept = [ln for ln in (HERE / "local_gold.jsonl").read_text("utf-8").splitlines()
                if ln and json.loads(ln).get("batch", 1) != append]
    gaz = gazetteer()
    lines = list(kept)
    for doc_id, entries in [*DOCS.items(), *DOCS2.items(), *DOCS3.items(), *DOCS4.items(), *DOCS5.items(),
                            *DOCS6.items(), *DOCS7.items(), *DOCS8.items(), *DOCS9.items(), *DOCS10.items(), *DOCS11.items()]:
        if append is not None and batches[doc_id] != append:
            continue
        text, origin, licence = load_text(doc_id)
        places = []
        for sp in spans(text, entries):
            assert text[sp["start"]:sp["end"]] == sp["text"]
            e = resolve_spec(gaz, sp["name"], sp["spec"])
            places.append(dict(start=sp["start"], end=sp["end"], text=sp["text"], role=sp["role"],
                               geonameid=e.geonameid if e else None, name=e.name if e else None,
                               country=e.country if e else None, admin1=e.admin1 if e else None,
                               precision=e.precision if e else None, lat=e.lat if e else None,
                               lon=e.lon if e else None, spec=sp["spec"]))
        # batch 5 is frozen whole (an untuned check measured once, session 20); batch 6 by half;
        # batch 7 by half of its source articles (geovirus:0-2 are one article)
        batch = batches[doc_id]
        # batches 8-11: the first half of their doc ids by sha1 (bN/SELECTION.md, manifest.json)
        is_frozen = batch == 5 or (frozen(doc_id, 2) if batch == 6 else frozen(origin, 2) if batch == 7
                                   else doc_id in frozen8 if batch in (8, 9, 10, 11) else frozen(doc_id))
        lines.append(json.dumps(dict(id=doc_id, origin=origin, licence=licence, frozen=is_frozen,
                                     batch=batch, text=text, places=places), ensure_ascii=False))
    (HERE / "local_gold.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    n = sum(len(json.loads(ln)["places"]) for ln in lines)
    nf = sum(len(json.loads(ln)["places"]) for ln in lines if json.loads(ln)["frozen"])
    print(f"{len(lines)} documents, {n} places, {nf} in the frozen part")


if __name__ == "__main__":
    main()
