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
from .decode import _best_guess, decode_html, normalise_text
from .html_layout import (
    Block,
    assemble,
    clean_title,
    fold,
    jsonld_blocks,
    jsonld_body,
    lead_text,
    mark_blocks,
    markup_texts,
    title_is_weak,
    use_jsonld,
    xml_blocks,
)

# HTML above this size skips trafilatura (its lxml tree of a 100 MB page needs several GB and
# minutes) and goes through the streaming tag strip instead; ingest.max_bytes still applies.
TRAFILATURA_MAX_BYTES = 5 * 1024 * 1024
# Below this many characters of main text, the page's JSON-LD and header are searched for
# text trafilatura missed (html_layout: articleBody, lead).
FALLBACK_BELOW_CHARS = 1000


@functools.cache
def _base_extractor() -> Any:
    from trafilatura.settings import Extractor

    # Typed dict[str, str] by trafilatura, though htmldate takes these as booleans.
    date_params: Any = {"extensive_search": False, "original_date": True}
    # The full pass (readability/jusText comparison, not ``fast``), comments kept apart:
    # chosen by measurement on eval/dev/extraction (docs/segmentation.md).
    return Extractor(
        output_format="python",
        fast=False,
        comments=True,
        tables=True,
        with_metadata=True,
        # Only the fast htmldate path: extensive search costs more than the whole extraction.
        date_params=date_params,
    )


def _extractor(url: str | None) -> Any:
    """trafilatura's options, built once: building them per call (what the keyword form of
    ``bare_extraction`` does) reads its config file's values each time. trafilatura copies the
    options before changing any, so sharing them is safe; only the URL differs per page."""
    base = _base_extractor()
    if url is None:
        return base
    ext = copy.copy(base)
    ext.url = url
    ext.source = url.encode("utf-8", "replace").decode("utf-8")
    return ext


def _tree(html: bytes | str) -> Any:
    """A plain lxml tree of the page (no lxml.html element classes: a third of the cost)."""
    from lxml import etree

    parser = etree.HTMLParser(recover=True, no_network=True, huge_tree=True)
    try:
        return etree.fromstring(html, parser)
    except ValueError:
        if not isinstance(html, str):
            return None
        # lxml refuses a str carrying an XML encoding declaration: hand it the UTF-8 bytes.
        try:
            return etree.fromstring(html.encode("utf-8", "replace"), etree.HTMLParser(
                recover=True, no_network=True, huge_tree=True, encoding="utf-8"))
        except (ValueError, etree.LxmlError):
            return None
    except etree.LxmlError:
        return None


def _recover(html: bytes | str, blocks: list[Block], description: str | None) -> tuple[list[Block], str]:
    """Text trafilatura is known to miss: a JSON-LD articleBody far longer than what it found,
    the standfirst printed in the article header (html_layout)."""
    chars = sum(len(t) for _, t in blocks)
    desc = fold(description or "")
    found = fold("\n".join(t for _, t in blocks))
    mode = "trafilatura"
    tree = _tree(html)
    blocks = mark_blocks(blocks, *markup_texts(tree))
    if chars >= FALLBACK_BELOW_CHARS and (not desc or desc.rstrip(".…")[:80] in found):
        return blocks, mode
    ld = jsonld_body(tree)
    if ld and use_jsonld(chars, ld):
        blocks, mode = jsonld_blocks(ld), "jsonld"
    lead = lead_text(tree, description, "\n".join(t for _, t in blocks))
    if lead:
        blocks = [("lead", normalise_text(lead)), *blocks]
    return blocks, mode


def extract_html(
    html: bytes | str, *, url: str | None = None, path: Path | None = None
) -> dict[str, Any] | None:
    """Main text (blocks separated by a blank line), its layout and metadata of one page, or None.

    The cleaned page title is the first block (so HTML pages have the plain-text dumps' layout:
    title, blank line, body); a recovered lead follows it, then trafilatura's blocks, then the
    readers' comments. ``layout`` holds ``[start, end, kind]`` for every block (html_layout).
    """
    import trafilatura

    size = len(html)
    if size > TRAFILATURA_MAX_BYTES:
        data = html.encode("utf-8") if isinstance(html, str) else html
        return strip_html_stream(io.BytesIO(data))
    doc: Any = trafilatura.bare_extraction(html, options=_extractor(url))
    meta: dict[str, Any] = {}
    blocks: list[Block] = []
    comments: list[Block] = []
    if doc is not None:
        meta = {k: v for k, v in doc.as_dict().items() if k not in ("body", "commentsbody", "raw_text")}
        blocks = xml_blocks(doc.body)
        if doc.body is None and doc.text:
            blocks = [("p", normalise_text(doc.text))]
        comments = xml_blocks(doc.commentsbody, "comment")
    blocks, mode = _recover(html, blocks, _first(meta.get("description")))
    if not blocks:
        # trafilatura refuses pages with too little main text; keep whatever text there is.
        data = html.encode("utf-8") if isinstance(html, str) else html
        stripped = strip_html_stream(io.BytesIO(data))
        if stripped is None:
            return None
        stripped.update({k: v for k, v in meta.items() if v})
        return stripped
    site, host = _first(meta.get("sitename")), _first(meta.get("hostname"))
    title = clean_title(_first(meta.get("title")), site, host)
    if title_is_weak(title, site, host):
        title = next((t for k, t in blocks[:3] if k.startswith("head") and "\n" not in t), None) or title
    meta["title"] = title
    if title and not blocks[0][1].startswith(title):
        blocks.insert(0, ("title", normalise_text(title)))
    text, layout = assemble([*blocks, *comments])
    meta["text"] = text
    meta["layout"] = layout
    meta["extraction"] = mode
    return meta


def _html_page(path: Path, key: str, info: dict[str, Any], fmt: str, **extra: Any) -> Page:
    url = extra.pop("url", None) or _first(info.get("url"))
    meta = {
        k: info[k]
        for k in ("hostname", "description", "language", "license", "extraction", "pagetype", "image", "layout")
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
        data = path.read_bytes()
        info = extract_html(decode_html(data, declared_charset(data)), path=path)
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


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB (``charset=`` or
    ``http-equiv`` content type), as written; None when it declares none."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def strip_html_stream(fh: io.BufferedIOBase | Any) -> dict[str, Any] | None:
    """Text of an HTML stream without building a tree: the path for pages too big for trafilatura.

    Memory is proportional to the text kept, not to the markup; blocks are separated by a blank
    line and whitespace inside a block is collapsed. Only title, author, site name, date and
    canonical URL are read from <meta>/<link> tags.
    """
    from lxml import etree

    first = fh.read(CHUNK)
    enc = declared_charset(first)
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

