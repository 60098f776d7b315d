"""HTML pages: trafilatura's main text and metadata, or a streaming tag strip for huge pages."""

from __future__ import annotations

import codecs
import copy
import functools
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import registry
from ..records import Page
from ..settings import Settings
from ..text.safe import show_path
from .base import CHUNK, Item, ReadFailure, _first, _tags, check_page_size
from .decode import _best_guess, normalise_text

# HTML above this size skips trafilatura (its lxml tree of a 100 MB page needs several GB and
# minutes) and goes through the streaming tag strip instead; ingest.max_bytes still applies.
TRAFILATURA_MAX_BYTES = 5 * 1024 * 1024
# When trafilatura's fast pass extracts fewer characters than this, the full pass (with its
# readability and jusText fallbacks) runs as well and its result is used.
FALLBACK_BELOW_CHARS = 1000


def _blocks_text(body: Any) -> str:
    from trafilatura.xml import xmltotxt

    blocks = []
    for child in body:
        txt = xmltotxt(child, False)
        txt = "\n".join(line.rstrip() for line in txt.strip("\n").split("\n")).strip()
        if txt:
            blocks.append(txt)
    return "\n\n".join(blocks)


@functools.cache
def _base_extractor(fast: bool) -> Any:
    from trafilatura.settings import Extractor

    # Typed dict[str, str] by trafilatura, though htmldate takes these as booleans.
    date_params: Any = {"extensive_search": False, "original_date": True}
    return Extractor(
        output_format="python",
        fast=fast,
        comments=False,
        tables=True,
        with_metadata=True,
        # Only the fast htmldate path: extensive search costs more than the whole extraction.
        date_params=date_params,
    )


def _extractor(fast: bool, url: str | None) -> Any:
    """trafilatura's options, built once: building them per call (what the keyword form of
    ``bare_extraction`` does) reads its config file's values each time. trafilatura copies the
    options before changing any, so sharing them is safe; only the URL differs per page."""
    base = _base_extractor(fast)
    if url is None:
        return base
    ext = copy.copy(base)
    ext.url = url
    ext.source = url.encode("utf-8", "replace").decode("utf-8")
    return ext


def extract_html(
    html: bytes | str, *, url: str | None = None, path: Path | None = None
) -> dict[str, Any] | None:
    """Main text (blocks separated by a blank line) and metadata of one HTML page, or None if empty.

    The page title is put first as its own block when the extracted text does not start with it,
    so HTML pages have the same layout as the plain-text dumps (title, blank line, body).
    """
    import trafilatura

    size = len(html)
    if size > TRAFILATURA_MAX_BYTES:
        data = html.encode("utf-8") if isinstance(html, str) else html
        return strip_html_stream(io.BytesIO(data))
    # Fast pass first (no readability/jusText comparison: 40% of trafilatura's time). Its text
    # is the same on well-formed article pages; when it finds little, the full pass decides.
    doc: Any = trafilatura.bare_extraction(html, options=_extractor(True, url))
    if doc is None or len(doc.text or "") < FALLBACK_BELOW_CHARS:
        doc = trafilatura.bare_extraction(html, options=_extractor(False, url))
    meta: dict[str, Any] = {}
    text, mode = "", "trafilatura"
    if doc is not None:
        meta = {k: v for k, v in doc.as_dict().items() if k not in ("body", "commentsbody", "raw_text")}
        text = _blocks_text(doc.body) if doc.body is not None else (doc.text or "")
    if not text.strip():
        # trafilatura refuses pages with too little main text; keep whatever text there is.
        data = html.encode("utf-8") if isinstance(html, str) else html
        stripped = strip_html_stream(io.BytesIO(data))
        if stripped is None:
            return None
        stripped.update({k: v for k, v in meta.items() if v})
        return stripped
    text = normalise_text(text)
    title = _first(meta.get("title"))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta["text"] = text
    meta["extraction"] = mode
    return meta


def _html_page(path: Path, key: str, info: dict[str, Any], fmt: str, **extra: Any) -> Page:
    url = extra.pop("url", None) or _first(info.get("url"))
    meta = {
        k: info[k]
        for k in ("hostname", "description", "language", "license", "extraction", "pagetype", "image")
        if info.get(k)
    }
    if info.get("url") and info.get("url") != url:
        meta["canonical_url"] = info["url"]
    meta.update(extra.pop("meta", {}))
    return Page(
        key=key,
        fmt=fmt,
        path=show_path(path),
        text=info["text"],
        url=url,
        source=_first(info.get("sitename")) or _first(info.get("hostname")),
        title=_first(info.get("title")),
        author=_first(info.get("author")),
        published=_first(info.get("date")),
        tags=_tags(info.get("categories"), info.get("tags")),
        meta=meta,
        **extra,
    )


@registry.readers.register("html")
def read_html(path: Path, settings: Settings) -> Iterator[Item]:
    size = path.stat().st_size
    if size > TRAFILATURA_MAX_BYTES:
        with path.open("rb") as fh:
            info = strip_html_stream(fh)
    else:
        info = extract_html(path.read_bytes(), path=path)
    if info is None:
        raise ReadFailure("no_text", "HTML page has no text")
    check_page_size(info["text"], settings)
    page = _html_page(path, show_path(path), info, "html")
    if page.url:
        page.key = page.url
    yield page


_BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "pre", "hr", "dt", "dd", "dl", "main", "address"]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head"])


class _StripTarget:
    """lxml parser target: text outside script/style, one whitespace-collapsed string per block.

    Blocks are closed as they end, so memory holds the kept text once (plus one block of
    fragments), never the markup or a tree.
    """

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.cur: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        if self.cur:
            b = " ".join("".join(self.cur).split())
            self.cur = []
            if b:
                self.blocks.append(b)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            name = (attrib.get("name") or attrib.get("property") or "").lower()
            if name in ("author", "og:site_name", "article:published_time", "og:url", "og:title"):
                self.meta.setdefault(name, attrib.get("content", ""))
        elif tag == "link" and (attrib.get("rel") or "").lower() == "canonical":
            self.meta.setdefault("canonical", attrib.get("href", ""))
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def data(self, text: str) -> None:
        if self.in_title:
            self.title.append(text)
        elif not self.skip:
            self.cur.append(text)

    def comment(self, text: str) -> None:  # comments are never text
        pass

    def close(self) -> None:
        self._flush()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


def strip_html_stream(fh: io.BufferedIOBase | Any) -> dict[str, Any] | None:
    """Text of an HTML stream without building a tree: the path for pages too big for trafilatura.

    Memory is proportional to the text kept, not to the markup; blocks are separated by a blank
    line and whitespace inside a block is collapsed. Only title, author, site name, date and
    canonical URL are read from <meta>/<link> tags.
    """
    from lxml import etree

    first = fh.read(CHUNK)
    m = _META_CHARSET.search(first[:4096])
    enc = m.group(1).decode("ascii", "replace") if m else None
    if enc:
        try:
            codecs.lookup(enc)
        except LookupError:
            enc = None
    if enc is None:
        try:
            first.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError as exc:
            # A multibyte character cut by the chunk end is still UTF-8.
            enc = "utf-8" if exc.start >= len(first) - 4 else _best_guess(first)
    decoder = codecs.getincrementaldecoder(enc)(errors="replace")
    target = _StripTarget()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, huge_tree=True)
    chunk = first
    while chunk:
        parser.feed(decoder.decode(chunk))
        chunk = fh.read(CHUNK)
    tail = decoder.decode(b"", final=True)
    if tail:
        parser.feed(tail)
    try:
        parser.close()
    except etree.XMLSyntaxError:  # nothing parseable at all (empty or only a comment)
        return None
    target.close()
    text = "\n\n".join(target.blocks)
    target.blocks = []
    if "\x00" in text:
        text = text.replace("\x00", "")
    title = " ".join("".join(target.title).split()) or target.meta.get("og:title") or None
    if not text.strip():
        return None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return {
        "text": text,
        "title": title,
        "author": target.meta.get("author") or None,
        "sitename": target.meta.get("og:site_name") or None,
        "date": (target.meta.get("article:published_time") or "")[:10] or None,
        "url": target.meta.get("canonical") or target.meta.get("og:url") or None,
        "extraction": "stream",
    }

