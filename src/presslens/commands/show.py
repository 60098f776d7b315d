"""`presslens show ID` as a readable listing: the article's fields and text, then one section per
layer (quotes with their speakers, actors with the names used, places, dates, numbers, events),
every item with its page offsets. ``--json`` prints the raw record instead (cli.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rich.console import Console
from rich.text import Text

from .listing import neutral


def _span(it: dict[str, Any]) -> str:
    return f"{it.get('start')}-{it.get('end')}"


def _interval(lo: Any, hi: Any) -> str:
    if lo is not None and lo == hi:
        return f"{lo:,}"
    return f"[{'…' if lo is None else f'{lo:,}'}, {'∞' if hi is None else f'{hi:,}'}]"


def _line(console: Console, *parts: tuple[str, str] | str) -> None:
    console.print(Text.assemble(*parts), highlight=False)


def quotes_section(rec: dict[str, Any], names: dict[str, str]) -> list[Text]:
    out = []
    for q in rec.get("quotes") or []:
        who = q.get("speaker_text") or "(speaker unknown)"
        if q.get("speaker_id"):
            who += f" [{names.get(q['speaker_id'], q['speaker_id'])}]"
        cue = f" {q['cue']}" if (q.get("cue") or "").strip(":,- ") else ""
        body = f"“{q['text']}”" if q.get("kind") == "direct" else q["text"]
        out.append(Text.assemble((f"{q.get('kind', '')[:8]:8} ", "dim"), (who, "bold"), (cue, "italic"), ": ",
                                 " ".join(body.split()), (f"  @{_span(q)}", "dim")))
    return out


def actors_section(rec: dict[str, Any], names: dict[str, str]) -> list[Text]:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for m in rec.get("mentions") or []:
        forms[m.get("actor_id") or f"(unresolved {m.get('label') or ''})".replace(" )", ")")][m["text"]] += 1
    rows = sorted(forms.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return [Text.assemble((names.get(aid, aid), "bold"), (f" {aid}" if aid in names else "", "dim"),
                          f" ×{sum(c.values())}: ", ", ".join(f"{f} ({n})" if n > 1 else f for f, n in c.most_common()))
            for aid, c in rows]


def places_section(rec: dict[str, Any]) -> list[Text]:
    seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in rec.get("places") or []:
        seen[p.get("name") or p["text"]].append(p)
    out = []
    for name, ps in seen.items():
        p = ps[0]
        where = ", ".join(x for x in (p.get("admin1"), p.get("country")) if x)
        texts = sorted({x["text"] for x in ps})
        out.append(Text.assemble((name, "bold"), f" ({where}; {p.get('precision')})" if where else "",
                                 f" ×{len(ps)}", f" as {', '.join(texts)}" if texts != [name] else "",
                                 (f"  geonames {p['geonameid']}" if p.get("geonameid") else "", "dim")))
    return out


def dates_section(rec: dict[str, Any]) -> list[Text]:
    out = []
    for d in rec.get("dates") or []:
        how = "relative to " + str(d.get("anchor")) if d.get("relative") else ""
        bad = " INVALID" if d.get("valid") is False else ""
        out.append(Text.assemble(f"“{d['text']}” → ", (str(d.get("value") or "?"), "bold"),
                                 f" ({d.get('precision') or '?'}{'; ' + how if how else ''}){bad}",
                                 (f"  @{_span(d)}", "dim")))
    return out


def numbers_section(rec: dict[str, Any]) -> list[Text]:
    return [Text.assemble(f"“{n['text']}” → ", (_interval(n.get("low"), n.get("high")), "bold"),
                          f" {n.get('counts') or ''}".rstrip(), " (approx.)" if n.get("approx") else "",
                          (f"  @{_span(n)}", "dim"))
            for n in rec.get("numbers") or []]


def events_section(rec: dict[str, Any], names: dict[str, str]) -> list[Text]:
    out = []
    for e in rec.get("events") or []:
        actors = ", ".join(names.get(a, a) for a in e.get("actors") or []) or "?"
        recips = ", ".join(names.get(a, a) for a in e.get("recipients") or [])
        size = ", ".join(f"{k} {_interval(*v)}" for k, v in (e.get("size") or {}).items())
        head = f"{e['type']}/{e.get('mode') or '-'}"
        out.append(Text.assemble((head, "bold"), f" {e.get('date') or 'date ?'} {e.get('place_name') or 'place ?'}: ",
                                 actors, f" → {recips}" if recips else "", f"; {size}" if size else "",
                                 f" [{e.get('status')}]", "\n    ", (" ".join(e["text"].split()), "italic"),
                                 (f"  {e['id']} @{_span(e)}", "dim")))
    return out


def print_article(rec: dict[str, Any], console: Console, names: dict[str, str] | None = None) -> None:
    rec, names = neutral(rec), neutral(names or {})
    console.print(Text(rec.get("title") or "(untitled)", style="bold"))
    _line(console, ("id ", "dim"), rec["id"], ("  page ", "dim"), rec["page_id"])
    meta = [(k, rec.get(k)) for k in ("published", "source", "byline", "dateline", "url", "language")]
    _line(console, *[x for k, v in meta if v for x in ((f"{k} ", "dim"), f"{v}  ")])
    if rec.get("skipped"):
        # Empty layer sections below mean "not analysed", not "nothing found": say so first.
        _line(console, (f"Written in a language the NLP layers do not analyse ({rec.get('language') or '?'}): "
                        f"stored as text, layers skipped: {', '.join(rec['skipped'])}.", "bold"))
    if rec.get("tags"):
        _line(console, ("tags ", "dim"), ", ".join(rec["tags"]))
    for c in rec.get("captions") or []:
        _line(console, ("caption ", "dim"), c)
    console.print()
    console.print(Text(rec.get("body") or ""), highlight=False)
    others = Counter(p["role"] for p in rec.get("parts") or [] if p["role"] in ("boilerplate", "related_link"))
    if others:
        _line(console, ("(also on the page: " + ", ".join(f"{n} {r}" for r, n in others.items()) + "; --json lists them)",
                        "dim"))
    sections = [("Quotes", quotes_section(rec, names)), ("Actors", actors_section(rec, names)),
                ("Places", places_section(rec)), ("Dates", dates_section(rec)), ("Numbers", numbers_section(rec)),
                ("Events", events_section(rec, names))]
    for title, lines in sections:
        console.print()
        console.print(Text(f"{title} ({len(lines)})", style="bold underline"))
        for t in lines:
            console.print(Text("  ") + t, highlight=False)
