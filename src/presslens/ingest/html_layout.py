"""The HTML reader's text as typed blocks: what trafilatura kept, plus what it is known to miss.

trafilatura returns the page's main content as an XML tree (``p``, ``head``, ``list``, ``quote``,
``code``, ``table``, ...). The reader keeps that structure as the page's *layout*: one
``[start, end, kind]`` triple per block of the stored text, so the segmenter can label parts
from what the page's markup says (a ``head`` is a subheading, a ``p`` a paragraph) instead of
guessing from line shapes. Two recoveries add text trafilatura drops on real pages:

- the *lead*: the standfirst printed in the article header (trafilatura skips ``<header>``)
  when it is the page's meta description and is visible text on the page;
- the JSON-LD ``articleBody`` of pages that render their text with JavaScript, when what
  trafilatura found is a small fraction of it.

Titles come from the page metadata with the site name and dates trimmed from either end
("Berlin confronts ... | DW | 19.01.2020" -> "Berlin confronts ...").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .decode import normalise_text

Block = tuple[str, str]  # (kind, text)
# Kind suffixes set from the page's own markup (``p:link``, ``p:caption``): the block's text is
# all link text (each line an <a> of the page) or is a figure caption (<figcaption>).
LINK, CAPTION = ":link", ":caption"

# A block kind for every trafilatura element that can be a child of its <body>; others: "p".
KINDS = frozenset({"p", "head", "list", "quote", "code", "table", "graphic"})
# JSON-LD text replaces trafilatura's when trafilatura found less than this share of it.
JSONLD_MIN_SHARE = 0.25
# A lead (meta description) must be this long to be a standfirst, not a tagline.
LEAD_MIN_CHARS = 40

_SEPARATORS = re.compile(r"\s+[|\-–—•·»:/]{1,2}\s+")
_DATE_ONLY = re.compile(r"^[\d\s./-]{6,}$|^\d{1,2}\.?\s+\w+\.?\s+\d{4}$|^\w+\.?\s+\d{1,2},?\s+\d{4}$")


def fold(text: str) -> str:
    return " ".join(text.split())


def text_of(el: Any) -> str:
    """An element's text with its descendants' (``text_content`` for plain lxml trees)."""
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _compact(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


# --------------------------------------------------------------------------- blocks


def xml_blocks(body: Any, kind: str | None = None) -> list[Block]:
    """One block per child of trafilatura's <body> (or <comments>), text as trafilatura renders it."""
    from trafilatura.xml import xmltotxt

    out: list[Block] = []
    if body is None:
        return out
    for child in body:
        txt = xmltotxt(child, False)
        txt = "\n".join(line.rstrip() for line in txt.strip("\n").split("\n")).strip()
        if txt:
            tag = child.tag if isinstance(child.tag, str) else "p"
            out.append((kind or (tag if tag in KINDS else "p"), normalise_text(txt)))
    return out


def markup_texts(tree: Any) -> tuple[set[str], set[str]]:
    """Folded texts of the page's links (two words or more) and figure captions."""
    links: set[str] = set()
    captions: set[str] = set()
    if tree is None:
        return links, captions
    for el in tree.iter("a", "figcaption"):
        t = fold(text_of(el))
        if el.tag == "a":
            if " " in t:
                links.add(t)
        elif t:
            captions.add(t)
    return links, captions


def mark_blocks(blocks: list[Block], links: set[str], captions: set[str]) -> list[Block]:
    """Each block's kind with ``:link`` when every line of it is a link's text, ``:caption`` when
    it is a figure caption's text."""
    out: list[Block] = []
    for kind, text in blocks:
        lines = [fold(x).lstrip("-•*· ") for x in text.split("\n") if x.strip()]
        if kind in ("p", "list", "head") and lines and all(x in links for x in lines):
            kind += LINK
        elif kind == "p" and fold(text) in captions:
            kind += CAPTION
        out.append((kind, text))
    return out


def assemble(blocks: Iterable[Block]) -> tuple[str, list[list[Any]]]:
    """Blocks joined by a blank line, and their ``[start, end, kind]`` layout in that text."""
    parts: list[str] = []
    layout: list[list[Any]] = []
    pos = 0
    for kind, text in blocks:
        if parts:
            pos += 2
        parts.append(text)
        layout.append([pos, pos + len(text), kind])
        pos += len(text)
    return "\n\n".join(parts), layout


# --------------------------------------------------------------------------- recoveries


def _visible_elements(tree: Any) -> Iterator[Any]:
    body = tree.find(".//body")
    root = body if body is not None else tree
    skip = {"script", "style", "noscript", "template", "head", "title", "meta"}
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag not in skip:
            yield el


def lead_text(tree: Any, description: str | None, body_text: str) -> str | None:
    """The meta description when the page also prints it as a block of its own (the standfirst
    in the article header) and trafilatura's body does not already hold it; else None."""
    desc = fold(description or "")
    if len(desc) < LEAD_MIN_CHARS or tree is None:
        return None
    key = desc.rstrip(".…")[:80]
    if key in fold(body_text):
        return None
    for el in _visible_elements(tree):
        if el.tag in ("html", "body"):
            continue
        t = fold(text_of(el))
        if len(t) > len(desc) + 40:
            continue
        if t == desc or (len(t) >= LEAD_MIN_CHARS and desc.startswith(t.rstrip(".…"))):
            return t
    return None


def _article_bodies(obj: Any) -> Iterator[str]:
    if isinstance(obj, dict):
        body = obj.get("articleBody")
        if isinstance(body, str):
            yield body
        for v in obj.values():
            yield from _article_bodies(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _article_bodies(v)


def jsonld_body(tree: Any) -> str | None:
    """The longest schema.org ``articleBody`` in the page's JSON-LD, if any."""
    if tree is None:
        return None
    best = ""
    for s in tree.iter("script"):
        if (s.get("type") or "").strip().lower() != "application/ld+json" or not s.text:
            continue
        try:
            data = json.loads(s.text, strict=False)
        except ValueError:
            continue
        for b in _article_bodies(data):
            if len(b) > len(best):
                best = b
    return best.strip() or None


def jsonld_blocks(text: str) -> list[Block]:
    """JSON-LD text as paragraphs: its own line breaks when it has them, else one block."""
    paras = [fold(p) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return [("p", normalise_text(p)) for p in paras]


def use_jsonld(extracted_chars: int, jsonld: str | None) -> bool:
    return bool(jsonld) and extracted_chars < JSONLD_MIN_SHARE * len(fold(jsonld or ""))


# --------------------------------------------------------------------------- titles


def _site_like(segment: str, sitename: str | None, hostname: str | None) -> bool:
    """A title segment naming the site: its name, its host, or mostly words of the host name."""
    seg = _compact(segment)
    if not seg:
        return False
    names = [_compact(sitename or "")]
    host = (hostname or "").casefold().removeprefix("www.")
    label = host.split(".")[0] if host else ""
    names += [_compact(host), _compact(label)]
    for n in names:
        if n and (seg == n or (len(n) >= 3 and seg.startswith(n) and len(seg) - len(n) <= 4)):
            return True
    words = [w for w in re.findall(r"\w+", segment.casefold()) if len(w) >= 4]
    if host and len(words) >= 2:
        hits = sum(1 for w in words if w[:5] in _compact(host))
        return hits >= max(2, (2 * len(words) + 2) // 3)
    return False


def _date_like(segment: str) -> bool:
    return bool(_DATE_ONLY.match(segment.strip()))


def clean_title(title: str | None, sitename: str | None = None, hostname: str | None = None) -> str | None:
    """The headline in a page title: site names and dates trimmed from either end.

    Only segments that name the site (its name, its host) or are a date are trimmed, so a
    headline with bars or dashes of its own ("Letters: A | B | C") keeps them.
    """
    if not title:
        return title
    t = fold(title)
    changed = True
    while changed:
        changed = False
        seps = list(_SEPARATORS.finditer(t))
        if not seps:
            break
        last, first = seps[-1], seps[0]
        tail, head = t[last.end() :], t[: first.start()]
        if _site_like(tail, sitename, hostname) or _date_like(tail):
            t, changed = t[: last.start()].strip(), True
        elif _site_like(head, sitename, hostname) or _date_like(head):
            t, changed = t[first.end() :].strip(), True
        else:
            # A multi-segment site name ("NORDLICHT Outdoor Gear - BLOG") at the end.
            for m in seps[:-1]:
                if _site_like(t[m.end() :], sitename, hostname):
                    t, changed = t[: m.start()].strip(), True
                    break
    return t or fold(title)


def title_is_weak(title: str | None, sitename: str | None, hostname: str | None) -> bool:
    """A metadata title that is no headline: empty, the site's own name, or a URL slug."""
    if not title:
        return True
    if _site_like(title, sitename, hostname):
        return True
    return " " not in title.strip() and title.count("-") >= 2
