"""Sniffing: which format a file is from its first bytes, and whether it is binary."""

from __future__ import annotations

import codecs
import json
import re
import zlib
from pathlib import Path

from .base import SNIFF_BYTES

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
# A JSON document: an array of objects, or an object whose first line is not a whole object.
_JSON_DOC = re.compile(rb'\s*(\[\s*\{|\{\s*$|\{\s*"[^"\n]*"\s*:\s*[^\n]*,?\s*$)', re.M)
# Stray NULs tolerated in text (dropped when stored).
NUL_ALLOWED = 16
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<p[\s>]|<div[\s>]", re.I)


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
    if not head:
        return None
    # Binary formats are full of NULs; text may carry a few strays (dropped when stored, see
    # normalise_text), so only more than a handful, or over 0.5% of the bytes, mean binary.
    nul = head.count(0)
    if nul > max(NUL_ALLOWED, len(head) // 200):
        return "contains NUL bytes"
    # Many control characters (not tab/newline/formfeed/escape) mean this is not text: random
    # bytes have ~11%, text next to none. Counted in C (bytes.translate deletes them).
    ctrl = len(head) - len(head.translate(None, _CONTROL_BYTES)) - nul
    if ctrl / len(head) > 0.05:
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
    if _JSON_DOC.match(head):
        return "json"
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

