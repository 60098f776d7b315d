"""WARC files (gzipped or not): every HTML response record is a page."""

from __future__ import annotations

import codecs
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import registry
from ..settings import Settings
from ..text.safe import show_path
from .base import CHUNK, MAX_BYTES, Item, ReadFailure, check_page_size, limit
from .base import err as _err
from .decode import decode_html, html_charset
from .html import _html_page, declared_charset, extract_html
from .sniff import _gunzip_head, _head


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

    max_bytes = limit(settings, "max_bytes", MAX_BYTES)
    head = _head(path)
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(head)
    if not (head.startswith(b"WARC/") or head.startswith(b"filedesc://")):
        raise ReadFailure("bad_warc", "not a WARC file (no WARC/1.x header at the start)")
    shown = show_path(path)
    pages = offset = end = last_start = records = reported = 0
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        _bound_header_lines(it.reader)
        try:
            for record in it:
                # Start of this record; get_record_offset() would consume the record body.
                offset = last_start = it.offset
                records += 1
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
                # A failure reading the next record's headers happens before the loop body: it is
                # at the end of this one, not at this one's start.
                offset = end
                if not wanted:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{shown}#{last_start}"
                if len(body) > max_bytes:
                    yield _err(path, "too_large", f"record at offset {last_start} ({uri}) is over ingest.max_bytes")
                    reported += 1
                    continue
                html = _decode_body(body, ctype)
                info = extract_html(html, url=uri, path=path)
                if info is None:
                    continue  # an empty HTML response (redirect body, error page) is not a page
                try:
                    check_page_size(info["text"], settings, f"record at offset {last_start} ({uri}): ")
                except ReadFailure as exc:
                    yield _err(path, exc.problem, exc.message)
                    reported += 1
                    continue
                pages += 1
                yield _html_page(
                    path,
                    uri,
                    info,
                    "warc",
                    url=uri,
                    captured=record.rec_headers.get_header("WARC-Date"),
                    meta={"warc_offset": last_start, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")},
                )
            _check_warc_end(fh, path, end, last_start)
        except (_Truncated, ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            # Everything up to this record was yielded already; name where reading stopped.
            if isinstance(exc, _Truncated) and exc.offset is not None:
                offset = exc.offset
            yield _err(
                path,
                "truncated",
                f"WARC truncated or corrupt at record offset {offset} after {pages} page(s): {_detail(exc)}",
            )
            return
    if pages == 0 and not reported:
        # Otherwise a WARC of images, PDFs or requests only would be read "successfully" into nothing.
        raise ReadFailure("no_pages", f"no pages: {records} record(s), none an HTML response with text")


# Longest WARC or HTTP header line read: warcio reads a header line until its newline, so a
# compressed member of a gigabyte without one (a bomb where a header should be) would be held whole.
HEADER_LINE_BYTES = 1 << 20


def _bound_header_lines(reader: Any) -> None:
    """Make ``reader.readline()`` (what warcio parses headers with) stop at HEADER_LINE_BYTES."""
    unbounded = reader.readline

    def readline(length: int | None = None) -> bytes:
        line = unbounded(length or HEADER_LINE_BYTES)
        if not length and len(line) >= HEADER_LINE_BYTES and not line.endswith(b"\n"):
            raise _Truncated(f"a header line longer than {HEADER_LINE_BYTES:,} bytes (corrupt or hostile record)")
        return line

    reader.readline = readline


def _decode_body(body: bytes, ctype: str) -> bytes | str:
    """A response body for the extractor: decoded by its HTTP charset when that decodes it (as
    before s26, so a UTF-8 record's text is unchanged; latin-1 labels read as cp1252), otherwise as
    an HTML file is (``decode.decode_html``: the page's own <meta>, then the guess)."""
    enc = html_charset(_http_charset(ctype))
    if enc:
        try:
            return body.decode(enc)
        except UnicodeDecodeError:
            pass
    return decode_html(body, declared_charset(body))


def _detail(exc: Exception) -> str:
    """warcio's reason, short: it quotes the bad record's first line, which in a corrupt file is
    compressed or binary bytes (hundreds of escapes on the error line); those are cut."""
    text = str(exc)
    bad = next((i for i, ch in enumerate(text) if not ch.isprintable()), None)
    if bad is not None:
        text = text[:bad].rstrip() + " <binary data>"
    return text[:160]


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

