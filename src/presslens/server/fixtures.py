"""Synthetic stores for the UI's tests and latency benchmark.

Builds pages, articles and every layer's items directly as records (no NLP), with exact page
offsets, so the API and UI can be exercised at any size: several sources describing the same
events with different figures, the same quote given to different speakers, and (optionally) a
hostile page whose text, title, URL, quotes and names carry markup and script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from ..records import (
    Actor,
    Analysis,
    Article,
    DateRef,
    Event,
    Finding,
    FindingRef,
    Mention,
    NumberClaim,
    Page,
    Part,
    Place,
    Quote,
    stable_id,
)
from ..store import Store

SOURCES = ["Harbor Dispatch", "Capital Review", "Open Ledger", "Evening Courier", "Plain Report"]
ACTORS = [
    Actor(id="A_MINFOR", name="Javad Ardalan", type="PERSON", aliases=["Ardalan", "Foreign Minister Ardalan"],
          country="IR"),
    Actor(id="A_LEADER", name="Supreme Council", type="GOV", aliases=["the Council", "ruling council"], country="IR"),
    Actor(id="A_OPP", name="People's Forum", type="ORG", aliases=["the Forum", "PF"], country=None),
    Actor(id="A_SPOKES", name="Maryam Keshavarz", type="PERSON", aliases=["Keshavarz", "Ms. Keshavarz"]),
    Actor(id="A_UN", name="United Nations", type="ORG", aliases=["UN", "the U.N."]),
    Actor(id="A_FRGOV", name="French government", type="GOV", aliases=["Paris", "French authorities"], country="FR"),
    Actor(id="A_GUARD", name="Revolutionary Guard", type="GOV", aliases=["the Guard", "IRGC"], country="IR", sector="MIL"),
    Actor(id="A_RIGHTS", name="Rights Watch", type="ORG", aliases=["the watchdog"]),
    Actor(id="A_ENVOY", name="Kamal Sadeghi", type="PERSON", aliases=["Sadeghi", "envoy Sadeghi"], country="IR"),
    Actor(id="A_EU", name="European Union", type="ORG", aliases=["EU", "Brussels"]),
]
PLACES = [
    ("Paris", 2988507, "FR", 48.8534, 2.3488), ("Tehran", 112931, "IR", 35.6944, 51.4215),
    ("Geneva", 2660646, "CH", 46.2022, 6.1457), ("Tirana", 3183875, "AL", 41.3275, 19.8189),
    ("Baghdad", 98182, "IQ", 33.3406, 44.4009), ("Brussels", 2800866, "BE", 50.8505, 4.3488),
    ("London", 2643743, "GB", 51.5085, -0.1257), ("Berlin", 2950159, "DE", 52.5244, 13.4105),
    ("Washington", 4140963, "US", 38.8951, -77.0364), ("Isfahan", 418863, "IR", 32.6525, 51.6746),
]
QUOTES = [
    "We will not be silenced by threats from abroad",
    "The gathering is a provocation against the sovereign people",
    "These allegations are fabricated and have no basis",
    "Thousands of families still do not know where their relatives are buried",
    "Dialogue remains the only path to a lasting settlement",
    "The sanctions hurt ordinary citizens far more than officials",
]
EVENT_KINDS = [
    ("PROTEST", "demonstrators rallied", "participants"),
    ("ASSAULT", "security forces fired on a crowd", "dead"),
    ("ACCUSE", "officials accused the group of terrorism", None),
    ("CONSULT", "diplomats met for talks", None),
    ("COERCE", "authorities detained activists", "arrested"),
    ("REQUEST", "the group called for an inquiry", None),
]
FILLER = [
    "Observers said the situation remained tense throughout the day.",
    "The statement was published on the group's website and repeated on state television.",
    "Analysts noted that similar claims had been made in previous years.",
    "Neither side offered documentary evidence for its account.",
    "The ministry did not respond to a request for comment.",
]


@dataclass
class _Doc:
    text: str = ""
    parts: list[Part] = field(default_factory=list)

    def add(self, s: str, role: str | None = None, sep: str = "\n\n") -> tuple[int, int]:
        if self.text:
            self.text += sep
        start = len(self.text)
        self.text += s
        if role:
            self.parts.append(Part(role=role, start=start, end=len(self.text), text=s))
        return start, len(self.text)


def _article(rng: random.Random, n: int, source: str, day: str, key_event: int) -> tuple[Page, Analysis]:
    """One page with one article and items for every layer, offsets exact."""
    d = _Doc()
    actor, other = rng.sample(ACTORS, 2)
    pname, gid, cc, lat, lon = PLACES[key_event % len(PLACES)]
    etype, verb, size_key = EVENT_KINDS[key_event % len(EVENT_KINDS)]
    title = f"{actor.name} and {other.name}: {verb} in {pname}"
    d.add(title, "title")
    d.add(f"By {rng.choice(['Staff reporter', 'A. Rahimi', 'J. Morel', 'News desk'])}", "byline")
    d.add("Share on social media | Subscribe to our newsletter", "boilerplate")
    pending: list[tuple[str, dict]] = []

    def mark(layer: str, start: int, end: int, **kw: object) -> None:
        pending.append((layer, {"start": start, "end": end, **kw}))

    # Paragraph 1: dateline + event sentence with a number and a place.
    base = len(d.text) + 2
    figure = {"participants": rng.choice([5000, 10000, 100000, 3000]),
              "dead": rng.choice([3, 7, 12, 30]), "arrested": rng.choice([20, 45, 150])}.get(size_key or "", 0)
    date_txt = day
    p1 = f"{pname.upper()}, {date_txt} - "
    alias = rng.choice([actor.name, *actor.aliases])
    s_alias = base + len(p1)
    p1 += f"{alias} said on Tuesday that "
    s_ev = base + len(p1)
    clause = f"{verb} in {pname}"
    p1 += clause
    s_place = s_ev + len(verb) + 4
    num_txt = ""
    # The last source never gives a figure (outlets often leave the crowd or the toll out), so a
    # story shows sources with and without one side by side. The figure is drawn all the same,
    # so every other source's articles stay as they were.
    if size_key and source != SOURCES[-1]:
        num_txt = f"about {figure:,} {'people' if size_key == 'participants' else size_key}"
        p1 += f", with {num_txt}"
    p1 += ". " + rng.choice(FILLER)
    d.add(p1, "body")
    mark("dates", base + len(pname) + 2, base + len(pname) + 2 + len(date_txt), value=day, precision="day")
    mark("mentions", s_alias, s_alias + len(alias), actor=actor)
    mark("places", s_place, s_place + len(pname), place=(pname, gid, cc, lat, lon))
    ev_end = s_ev + len(clause) + (len(num_txt) + 7 if num_txt else 0)
    mark("events", s_ev, ev_end, type=etype, size={size_key: [figure, figure]} if num_txt else {},
         actors=[actor.id], recipients=[other.id], place=(pname, gid, cc, lat, lon), date=day, key=key_event)
    if num_txt:
        ns = s_ev + len(clause) + 7
        mark("numbers", ns, ns + len(num_txt), low=figure, high=figure, counts=size_key)
    # Paragraph 2: a direct quote with a speaker (sometimes the "wrong" one, per source).
    base = len(d.text) + 2
    qtext = QUOTES[(key_event + (1 if source == SOURCES[0] else 0)) % len(QUOTES)]
    speaker = rng.choice([a for a in ACTORS if a.type == "PERSON"])
    sp_alias = rng.choice([speaker.name, *speaker.aliases])
    p2 = f"\u201c{qtext},\u201d {sp_alias} told reporters, adding that {other.aliases[0]} had been informed."
    d.add(p2, "body")
    mark("quotes", base + 1, base + 1 + len(qtext), speaker=speaker, sp=(base + len(qtext) + 4,
                                                                       base + len(qtext) + 4 + len(sp_alias)))
    mark("mentions", base + len(qtext) + 4, base + len(qtext) + 4 + len(sp_alias), actor=speaker)
    oa = p2.index(other.aliases[0])
    mark("mentions", base + oa, base + oa + len(other.aliases[0]), actor=other)
    # Paragraphs 3..: filler + heading, a caption and related links set apart.
    d.add("Background", "heading")
    for _ in range(rng.randint(2, 5)):
        d.add(" ".join(rng.sample(FILLER, 3)), "body")
    d.add(f"Photo: a street in {pname} on {date_txt}.", "caption")
    d.add(f"Related: {other.name} responds to {actor.name}", "related_link")

    page = Page(key=f"https://example.org/{source.lower().replace(' ', '-')}/{n}", text=d.text, fmt="html",
                url=f"https://example.org/{source.lower().replace(' ', '-')}/{n}", source=source, title=title,
                published=day)
    aid = f"{page.id}-a1"
    body = [p for p in d.parts if p.role in ("body", "heading")]
    art = Article(id=aid, page_id=page.id, seq=1, start=0, end=len(d.text), body_start=body[0].start,
                  body_end=body[-1].end, title=title, byline=d.parts[1].text, published=day, source=source,
                  url=page.url, captions=[p.text for p in d.parts if p.role == "caption"], parts=d.parts)
    a = Analysis(article=art, page_text=d.text)
    place_ids: dict[str, str] = {}
    for i, (layer, m) in enumerate(pending):
        st, en = m["start"], m["end"]
        iid = stable_id(aid, layer, i)
        txt = d.text[st:en]
        if layer == "mentions":
            act = m["actor"]
            a.mentions.append(Mention(id=iid, article_id=aid, start=st, end=en, text=txt, label=act.type,
                                      actor_id=act.id, method="alias"))
        elif layer == "places":
            nm, g, c, la, lo = m["place"]
            place_ids[nm] = iid
            a.places.append(Place(id=iid, article_id=aid, start=st, end=en, text=txt, name=nm, geonameid=g,
                                  country=c, lat=la, lon=lo, precision="city"))
        elif layer == "dates":
            a.dates.append(DateRef(id=iid, article_id=aid, start=st, end=en, text=txt, value=m["value"],
                                   precision="day", resolved=True))
        elif layer == "numbers":
            a.numbers.append(NumberClaim(id=iid, article_id=aid, start=st, end=en, text=txt, low=m["low"],
                                         high=m["high"], approx=True, counts=m["counts"]))
        elif layer == "quotes":
            sp = m["speaker"]
            ss, se = m["sp"]
            a.quotes.append(Quote(id=iid, article_id=aid, start=st, end=en, text=txt, kind="direct",
                                  speaker_text=d.text[ss:se], speaker_start=ss, speaker_end=se, speaker_id=sp.id,
                                  cue="told"))
        elif layer == "events":
            nm, g, c, _la, _lo = m["place"]
            a.events.append(Event(id=iid, article_id=aid, type=m["type"], start=st, end=en, text=txt,
                                  actors=m["actors"], recipients=m["recipients"], place_id=place_ids.get(nm),
                                  place_name=nm, country=c, geonameid=g, geo_precision="city", date=m["date"],
                                  date_precision="day", size=m["size"],
                                  canonical_id=stable_id("canon", m["key"])))
    for nc in a.numbers:
        nc.event_id = a.events[0].id if a.events else None
    return page, a


def hostile_page() -> tuple[Page, Analysis]:
    """A page whose every field tries to inject markup or script into the UI."""
    d = _Doc()
    title = "<script>window.__pwned='title'</script>Breaking <img src=x onerror=\"window.__pwned='img'\">"
    d.add(title, "title")
    d.add("By <b onmouseover=\"window.__pwned='byline'\">Mallory</b>", "byline")
    body = ("Officials said <script>window.__pwned='body';alert('x')</script> nothing happened. "
            "Click <a href=\"javascript:window.__pwned='link'\">javascript:window.__pwned='link'</a> now. "
            "<img src=x onerror=\"window.__pwned='onerror'\"> was posted by the Forum. "
            # One 60,000-character word: views must wrap it, not grow a million pixels wide.
            + "W" * 60_000 + ".")
    s_body, _ = d.add(body, "body")
    qtext = "</blockquote><script>window.__pwned='quote'</script><svg onload=\"window.__pwned='svg'\">"
    s_q, _ = d.add(f"\u201c{qtext}\u201d said <i onclick=\"window.__pwned='speaker'\">Eve</i>.", "body")
    d.add("<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>", "related_link")
    page = Page(key="hostile://page", text=d.text, fmt="html", url="javascript:window.__pwned='url'",
                source="<img src=x onerror=\"window.__pwned='source'\">Hostile Source", title=title,
                published="2019-09-01")
    aid = f"{page.id}-a1"
    art = Article(id=aid, page_id=page.id, seq=1, start=0, end=len(d.text), body_start=s_body, body_end=len(d.text),
                  title=title, byline=d.parts[1].text, published="2019-09-01", source=page.source, url=page.url,
                  tags=["<script>window.__pwned='tag'</script>"], parts=d.parts)
    a = Analysis(article=art, page_text=d.text)
    qs = s_q + 1
    sp_s = d.text.index("<i onclick", qs)
    sp_e = d.text.index("</i>", sp_s) + 4
    a.quotes.append(Quote(id=stable_id(aid, "q"), article_id=aid, start=qs, end=qs + len(qtext), text=qtext,
                          kind="direct", speaker_text=d.text[sp_s:sp_e], speaker_start=sp_s, speaker_end=sp_e))
    ms = d.text.index("<script>window.__pwned='body'")
    a.mentions.append(Mention(id=stable_id(aid, "m"), article_id=aid, start=ms, end=ms + 43, text=d.text[ms:ms + 43],
                              label="ORG", actor_id="A_HOSTILE", method="provisional"))
    a.actors.append(Actor(id="A_HOSTILE", name="<img src=x onerror=\"window.__pwned='actor'\">Forum",
                          type="ORG", aliases=["<script>window.__pwned='alias'</script>"], provisional=True))
    es = d.text.index("Officials")
    a.events.append(Event(id=stable_id(aid, "e"), article_id=aid, type="ACCUSE", start=es, end=es + 14,
                          text=d.text[es:es + 14], actors=["A_HOSTILE"], place_name="<b>nowhere</b>",
                          date="2019-09-01"))
    return page, a


def build_store(path: str | Path, n_articles: int = 60, *, hostile: bool = True, seed: int = 7) -> Store:
    """Write a synthetic store of ``n_articles`` (one per page) and return it open for writing."""
    rng = random.Random(seed)
    store = Store(path)
    store.upsert_actors(ACTORS)
    n_events = max(3, n_articles // 4)
    for i in range(n_articles):
        key_event = rng.randrange(n_events)
        source = SOURCES[i % len(SOURCES)]
        month = 1 + key_event % 12
        day = f"{2018 + key_event % 3}-{month:02d}-{1 + key_event % 27:02d}"
        page, a = _article(rng, i, source, day, key_event)
        store.write_page(page, [a])
    if hostile:
        page, a = hostile_page()
        store.write_page(page, [a])
    # A few store-level findings pointing at real spans.
    # Two quotes with different speakers (the finding's premise), the first by id of each speaker.
    q = store.rows("SELECT q.article_id, q.start, q.\"end\", q.text, q.id FROM quotes q "
                   "QUALIFY row_number() OVER (PARTITION BY coalesce(speaker_id, speaker_text) ORDER BY id) = 1 "
                   "ORDER BY id LIMIT 2")
    if len(q) == 2:
        store.replace_findings([Finding(
            id="F_QUOTE_1", kind="same_quote_different_speakers",
            detail="The same words are given to different speakers by different sources.",
            refs=[FindingRef(article_id=r["article_id"], start=r["start"], end=r["end"], text=r["text"],
                             item_id=r["id"]) for r in q])], kinds=["same_quote_different_speakers"])
    # A copied passage: the same quoted words in two sources' reports of one canonical event.
    c = store.rows("SELECT q.article_id, q.start, q.\"end\", q.text, a.source FROM quotes q "
                   "JOIN articles a ON a.id = q.article_id JOIN events e ON e.article_id = q.article_id "
                   "WHERE e.canonical_id IS NOT NULL QUALIFY count(DISTINCT a.source) OVER "
                   "(PARTITION BY e.canonical_id, q.text) > 1 AND row_number() OVER "
                   "(PARTITION BY e.canonical_id, q.text, a.source ORDER BY q.article_id, q.start) = 1 ORDER BY e.canonical_id NOT IN "
                   "(SELECT canonical_id FROM events WHERE canonical_id IS NOT NULL GROUP BY 1 "
                   "HAVING count(DISTINCT CAST(size AS VARCHAR)) > 1), e.canonical_id, q.text, a.source LIMIT 2")
    if len(c) == 2 and c[0]["source"] != c[1]["source"]:
        store.replace_findings([Finding(
            id="F_COPY_1", kind="copied_text",
            detail=f"A passage of {len(c[0]['text'].split())} words is carried by {c[0]['source']} and {c[1]['source']}.",
            refs=[FindingRef(article_id=r["article_id"], start=r["start"], end=r["end"], text=r["text"]) for r in c])],
            kinds=["copied_text"])
    store.con.execute("CHECKPOINT")
    return store
