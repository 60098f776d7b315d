"""Built-in readers: plain-text page dumps, HTML, WARC and JSONL, plus the path walker.

``read_paths`` turns files and folders into a stream of ``Page`` records and ``IngestError``
records. A bad input is always one ``IngestError`` (one clear line naming the file and the
problem) and never stops the batch. See docs/ingest.md for formats, field mapping and the
error table.

Text policy. Every reader stores *normalised* text: newlines are ``\\n`` (``\\r\\n`` and lone
``\\r`` are converted), a leading BOM is dropped, and every character offset in the store points
into that stored text, never into the raw bytes of the file.
"""

from __future__ import annotations

import codecs
import copy
import functools
import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import registry
from .records import IngestError, Page
from .settings import Settings

log = logging.getLogger(__name__)

Item = Page | IngestError
Reader = Callable[[Path, Settings], Iterator[Item]]

# HTML above this size skips trafilatura (its lxml tree of a 100 MB page needs several GB and
# minutes) and goes through the streaming tag strip instead; ingest.max_bytes still applies.
TRAFILATURA_MAX_BYTES = 5 * 1024 * 1024
# When trafilatura's fast pass extracts fewer characters than this, the full pass (with its
# readability and jusText fallbacks) runs as well and its result is used.
FALLBACK_BELOW_CHARS = 1000
# Bytes read at a time by the streaming paths.
CHUNK = 1 << 20
# Bytes looked at when sniffing a file's kind.
SNIFF_BYTES = 8192

# Leading bytes of formats that are never text. (gzip is handled separately: it may wrap WARC/JSONL.)
BINARY_MAGIC: dict[bytes, str] = {
    b"%PDF-": "PDF",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX/EPUB)",
    b"\xd0\xcf\x11\xe0": "MS Office (OLE) file",
    b"\x7fELF": "ELF executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"SQLite format 3\x00": "SQLite database",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x00\x00\x00\x18ftyp": "MP4 video",
    b"\x00\x00\x00\x20ftyp": "MP4 video",
}
BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<p[\s>]|<div[\s>]", re.I)


class ReadFailure(Exception):
    """Internal: a file cannot be read; carries the problem code for the IngestError."""

    def __init__(self, problem: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.line = line


def _err(path: Path | str, problem: str, message: str, line: int | None = None) -> IngestError:
    return IngestError(path=str(path), problem=problem, message=f"{path}: {message}", line=line)


# --------------------------------------------------------------------------- walking


def _ext_map(settings: Settings) -> list[tuple[str, str]]:
    """(extension, format) pairs, longest extension first so '.warc.gz' beats '.gz'."""
    ing = settings["ingest"]
    pairs = []
    for fmt in ("text", "html", "warc", "jsonl"):
        pairs += [(e.lower(), fmt) for e in ing.get(f"{fmt}_ext", [])]
    return sorted(pairs, key=lambda p: -len(p[0]))


def format_for(path: Path, settings: Settings) -> str | None:
    name = path.name.lower()
    for ext, fmt in _ext_map(settings):
        if name.endswith(ext):
            return fmt
    return None


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files in argument order; folders recursively in sorted order; hidden entries skipped."""
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.exists():
            yield _err(p.absolute(), "not_found", "no such file or folder")
            continue
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root, f) for f in sorted(files) if not f.startswith(".")]
            files_iter: Iterable[Path] = found
        else:
            files_iter = [p]
        for f in files_iter:
            key = str(f.resolve())
            if key in seen:  # the same file named twice (or via a folder and directly)
                continue
            seen.add(key)
            yield f.absolute()


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    """Every page in ``paths`` (files or folders), in a deterministic order; bad inputs as errors.

    All paths are listed first, then read, so a file removed in between is reported as
    ``vanished`` (not ``not_found``) and the rest of the batch goes on.
    """
    listed = list(_expand(paths))
    for entry in listed:
        if isinstance(entry, IngestError):
            yield entry
            continue
        yield from read_file(entry, settings)


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """All pages of one file; any failure becomes one IngestError after the pages read so far."""
    max_bytes = int(settings["ingest"].get("max_bytes", 200 * 1024 * 1024))
    try:
        st = path.stat()
    except FileNotFoundError:
        yield _err(path, "vanished", "file disappeared after it was listed")
        return
    except OSError as exc:
        yield _err(path, "unreadable", f"cannot stat file ({exc.strerror or exc})")
        return
    if not path.is_file():
        yield _err(path, "not_a_file", "not a regular file")
        return
    if st.st_size == 0:
        yield _err(path, "empty", "file is empty (0 bytes)")
        return
    if st.st_size > max_bytes:
        yield _err(
            path,
            "too_large",
            f"file is {st.st_size:,} bytes, over ingest.max_bytes={max_bytes:,}; split it or raise the limit",
        )
        return
    fmt = format_for(path, settings)
    try:
        head = _head(path)
        if fmt is None:
            fmt = sniff(head, path)
        if fmt is None:
            binary = binary_kind(head)
            if binary:
                raise ReadFailure("binary", f"binary file ({binary}), not a page format presslens reads")
            raise ReadFailure("unknown_format", "unknown extension and content is not text, HTML, JSONL or WARC")
        if fmt in ("text", "html") or (fmt == "jsonl" and not path.name.lower().endswith(".gz")):
            binary = binary_kind(head)
            if binary:
                raise ReadFailure("binary", f"binary file ({binary}), not {fmt}")
        reader: Reader = registry.readers.get(fmt)
        yield from reader(path, settings)
    except ReadFailure as exc:
        yield _err(path, exc.problem, exc.message, exc.line)
    except FileNotFoundError:
        yield _err(path, "vanished", "file disappeared after it was listed")
    except PermissionError:
        yield _err(path, "unreadable", "permission denied")
    except MemoryError:
        yield _err(path, "too_large", "not enough memory to read this file")
    except Exception as exc:  # a reader bug or odd input must not end the batch
        log.exception("reader failed on %s", path)
        yield _err(path, "read_failed", f"could not read ({type(exc).__name__}: {exc})")


def _head(path: Path, n: int = SNIFF_BYTES) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def binary_kind(head: bytes) -> str | None:
    """A name for the binary format of ``head``, or None if it may be text."""
    for magic, name in BINARY_MAGIC.items():
        if head.startswith(magic):
            return name
    if head[8:12] == b"DUCK":  # DuckDB: magic after an 8-byte checksum
        return "DuckDB database"
    if head.startswith(b"\x1f\x8b"):
        return "gzip archive"
    if any(head.startswith(bom) for bom, _ in BOMS) or _utf16_guess(head):
        return None
    if b"\x00" in head:
        return "contains NUL bytes"
    # Many control characters (not tab/newline/formfeed/escape) mean this is not text.
    # Counted in C (bytes.translate deletes them), not byte by byte in Python.
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and ctrl / len(head) > 0.10:
        return "mostly control bytes"
    return None


def sniff(head: bytes, path: Path) -> str | None:
    """Format of a file with an unknown extension, from its first bytes."""
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        if inner.startswith(b"WARC/") or inner.startswith(b"filedesc://"):
            return "warc"
        return "jsonl" if inner and _looks_jsonl(inner) else None
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return None
    if _HTML_SNIFF.search(head[:4096]):
        return "html"
    if _looks_jsonl(head):
        return "jsonl"
    return "text"


def _looks_jsonl(head: bytes) -> bool:
    first = head.lstrip().split(b"\n", 1)[0].strip()
    if not first.startswith(b"{"):
        return False
    try:
        obj = json.loads(first)
    except ValueError:
        return False
    return isinstance(obj, dict) and any(k in obj for k in ("text", "maintext", "raw_text"))


# --------------------------------------------------------------------------- decoding


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / max(len(odd), 1)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _best_guess(data: bytes) -> str:
    """charset-normalizer's pick, except that cp1252 wins a tie (short samples are ambiguous and
    cp1252 is by far the most common legacy encoding of web text)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 1 << 20]))
    if not matches:
        return "cp1252"
    top = matches[0]
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= top.chaos and m.coherence >= top.coherence - 0.05:
            return "cp1252"
    return str(top.encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; never raises. Returns (text, encoding description).

    Order: BOM; UTF-16 without BOM (NUL in every other byte); UTF-8 (strict); charset-normalizer on the whole; and when the
    file mixes encodings (valid UTF-8 lines among others) line by line: UTF-8 where a line is
    valid, otherwise the encoding detected for the non-UTF-8 lines. Last resort: UTF-8 with
    U+FFFD replacement characters.
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc + "-bom"
    # Before UTF-8: ASCII text in UTF-16 is also valid UTF-8 (with a NUL after every letter).
    u16 = _utf16_guess(data)
    if u16:
        return data.decode(u16, errors="replace"), u16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    good = bad = 0
    bad_lines: list[bytes] = []
    for ln in lines:
        try:
            ln.decode("utf-8")
            # Only lines with non-ASCII bytes are evidence of UTF-8.
            if max(ln, default=0) > 127:
                good += 1
        except UnicodeDecodeError:
            bad += 1
            bad_lines.append(ln)
    legacy = _best_guess(b"".join(bad_lines) if bad_lines else data)
    if legacy.lower().replace("_", "-") in ("utf-8", "utf8", "ascii"):
        legacy = "cp1252"  # the non-UTF-8 part cannot be UTF-8; cp1252 decodes every byte but 5
    if good == 0:
        return data.decode(legacy, errors="replace"), legacy
    out = []
    for ln in lines:
        try:
            out.append(ln.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(ln.decode(legacy, errors="replace"))
    return "".join(out), f"mixed:utf-8+{legacy}"


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, BOM and NUL dropped; every stored offset points into this text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _NEWLINES.sub("\n", text)
    return text.replace("\x00", "")


# --------------------------------------------------------------------------- text


@registry.readers.register("text")
def read_text(path: Path, settings: Settings) -> Iterator[Item]:
    data = path.read_bytes()
    text, enc = decode_bytes(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadFailure("empty", "file has no text (only whitespace)")
    yield Page(key=str(path), fmt="text", path=str(path), text=text, meta={"encoding": enc})


# --------------------------------------------------------------------------- HTML


def _first(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    value = str(value).strip()
    return value or None


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = re.split(r"\s*[,;]\s*", value)
    return [str(v).strip() for v in value if str(v).strip()]


def _tags(*groups: Any) -> list[str]:
    out: list[str] = []
    for g in groups:
        for t in _as_list(g):
            if t not in out:
                out.append(t)
    return out


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
        path=str(path),
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
    page = _html_page(path, str(path), info, "html")
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


# --------------------------------------------------------------------------- WARC


def _http_charset(content_type: str) -> str | None:
    m = re.search(r"charset=\s*[\"']?([A-Za-z0-9._:-]+)", content_type or "", re.I)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        return None


@registry.readers.register("warc")
def read_warc(path: Path, settings: Settings) -> Iterator[Item]:
    """Every HTML ``response`` record of a WARC (gzipped or not) as a page.

    A truncated file yields the pages read so far, then one ``truncated`` error naming the
    offset of the record that could not be read.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    max_bytes = int(settings["ingest"].get("max_bytes", 200 * 1024 * 1024))
    head = _head(path)
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(head)
    if not (head.startswith(b"WARC/") or head.startswith(b"filedesc://")):
        raise ReadFailure("bad_warc", "not a WARC file (no WARC/1.x header at the start)")
    pages = offset = end = 0
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for record in it:
                # Start of this record; get_record_offset() would consume the record body.
                offset = it.offset
                body = b""
                ctype = ""
                wanted = record.rec_type == "response" and record.http_headers is not None
                if wanted:
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    wanted = "html" in ctype.lower()
                if wanted:
                    body = record.content_stream().read(max_bytes + 1)
                if record.format.startswith("warc") and not record.rec_headers.get_header("WARC-Record-ID"):
                    raise _Truncated("record header is incomplete")
                it.read_to_end()
                end = it.offset  # end of this record (and its separator blank lines)
                # warcio stops quietly at a short file: a record with bytes still owed is truncated.
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise _Truncated(f"record cut short ({record.raw_stream.limit:,} bytes missing)")
                if not wanted:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{offset}"
                if len(body) > max_bytes:
                    yield _err(path, "too_large", f"record at offset {offset} ({uri}) is over ingest.max_bytes")
                    continue
                charset = _http_charset(ctype)
                html: bytes | str = body.decode(charset, errors="replace") if charset else body
                info = extract_html(html, url=uri, path=path)
                if info is None:
                    continue  # an empty HTML response (redirect body, error page) is not a page
                pages += 1
                yield _html_page(
                    path,
                    uri,
                    info,
                    "warc",
                    url=uri,
                    captured=record.rec_headers.get_header("WARC-Date"),
                    meta={"warc_offset": offset, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")},
                )
            _check_warc_end(fh, path, end, offset)
        except (_Truncated, ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            # Everything up to this record was yielded already; name where reading stopped.
            if isinstance(exc, _Truncated) and exc.offset is not None:
                offset = exc.offset
            yield _err(
                path,
                "truncated",
                f"WARC truncated or corrupt at record offset {offset} after {pages} page(s): {str(exc)[:160]}",
            )


class _Truncated(Exception):
    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset


def _check_warc_end(fh: Any, path: Path, end: int, last_start: int) -> None:
    """warcio ends quietly when a file stops inside a record's headers or a gzip member's trailer."""
    size = os.fstat(fh.fileno()).st_size
    fh.seek(end)
    rest = fh.read(1 << 16)
    fh.seek(0)
    gz = fh.read(2) == b"\x1f\x8b"
    if end < size and (gz or rest.strip()):
        raise _Truncated(f"{size - end:,} trailing bytes are not a complete record", end)
    if gz:
        # The last member must end with its gzip trailer; only that member is re-read.
        fh.seek(last_start)
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while not d.eof and (chunk := fh.read(CHUNK)):
            d.decompress(chunk, 0)
        if not d.eof:
            raise _Truncated("last gzip member has no end (file cut short)", last_start)


# --------------------------------------------------------------------------- JSONL

# Field names of the shapes we accept, first match wins: ours/trafilatura JSON, news-please.
TEXT_KEYS = ("text", "maintext", "raw_text", "content", "body")
TITLE_KEYS = ("title",)
DATE_KEYS = ("published", "date_publish", "date", "datePublished", "date_published")
URL_KEYS = ("url", "source_url")
SOURCE_KEYS = ("source", "sitename", "source_domain", "hostname")
AUTHOR_KEYS = ("author", "authors", "byline")
CAPTURED_KEYS = ("captured", "date_download", "filedate")


def _pick(obj: dict[str, Any], keys: Iterable[str]) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", []):
            return v
    return None


def _open_text_lines(path: Path) -> Iterator[bytes]:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as gz:
            yield from gz
    else:
        with path.open("rb") as fh:
            yield from fh


@registry.readers.register("jsonl")
def read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    """One page per JSON line; a bad line is one error with its line number, the rest goes on."""
    n = 0
    seen_any = False
    try:
        for n, raw in enumerate(_open_text_lines(path), start=1):
            if not raw.strip():
                continue
            seen_any = True
            line, _ = decode_bytes(raw)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _err(path, "bad_json", f"line {n}: not JSON ({exc.msg} at column {exc.colno})", n)
                continue
            except (ValueError, RecursionError) as exc:  # e.g. nesting too deep
                yield _err(path, "bad_json", f"line {n}: not usable JSON ({type(exc).__name__})", n)
                continue
            if not isinstance(obj, dict):
                yield _err(path, "bad_json", f"line {n}: a JSON {type(obj).__name__}, expected an object", n)
                continue
            text = _pick(obj, TEXT_KEYS)
            if not isinstance(text, str) or not text.strip():
                yield _err(path, "no_text", f"line {n}: no text field (expected one of {', '.join(TEXT_KEYS)})", n)
                continue
            url = _first(_pick(obj, URL_KEYS))
            known = set(TEXT_KEYS + TITLE_KEYS + DATE_KEYS + URL_KEYS + SOURCE_KEYS + AUTHOR_KEYS + CAPTURED_KEYS)
            known |= {"tags", "categories", "keywords"}
            yield Page(
                key=url or f"{path}#L{n}",
                fmt="jsonl",
                path=str(path),
                text=normalise_text(text),
                url=url,
                source=_first(_pick(obj, SOURCE_KEYS)),
                title=_first(_pick(obj, TITLE_KEYS)),
                author=_first(_pick(obj, AUTHOR_KEYS)),
                published=_first(_pick(obj, DATE_KEYS)),
                captured=_first(_pick(obj, CAPTURED_KEYS)),
                tags=_tags(obj.get("categories"), obj.get("tags"), obj.get("keywords")),
                meta={"line": n, **{k: v for k, v in obj.items() if k not in known}},
            )
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield _err(path, "truncated", f"compressed file truncated or corrupt after line {n} ({exc})", n)
        return
    if not seen_any:
        raise ReadFailure("empty", "file has no lines")
