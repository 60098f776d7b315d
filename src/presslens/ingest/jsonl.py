"""JSONL (and .jsonl.gz): one page per line, in the shapes news-please and trafilatura write."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import registry
from ..records import Page
from ..settings import Settings
from ..text.safe import plain_value, show_path
from .base import (
    CHUNK,
    MAX_DECOMPRESSED_BYTES,
    MAX_LINE_BYTES,
    Item,
    ReadFailure,
    _first,
    _tags,
    check_page_size,
    limit,
)
from .base import err as _err
from .decode import decode_bytes, normalise_text

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


KNOWN_KEYS = frozenset(TEXT_KEYS + TITLE_KEYS + DATE_KEYS + URL_KEYS + SOURCE_KEYS + AUTHOR_KEYS + CAPTURED_KEYS
                       + ("tags", "categories", "keywords"))


def _no_constant(name: str) -> None:
    """NaN and Infinity are not JSON (Python's parser accepts them): read as null, never stored."""
    return None


def parse_json(text: str) -> Any:
    """``json.loads`` that turns NaN/Infinity into None and lone surrogates into U+FFFD."""
    return plain_value(json.loads(text, parse_constant=_no_constant))


def _text_problem(obj: dict[str, Any]) -> str:
    """Why an object gives no page text: no text field at all, or the first one there is empty or
    not a string (a user who wrote ``"text": 5`` should not read that the field is missing)."""
    given = [k for k in TEXT_KEYS if k in obj]
    if not given:
        return f"no text field (expected one of {', '.join(TEXT_KEYS)})"
    key = next((k for k in given if obj[k] not in (None, "", [])), given[0])  # the one _pick took
    value = obj[key]
    if isinstance(value, str) or value in (None, []):
        return f'text field "{key}" is empty'
    kind = {bool: "boolean", int: "number", float: "number", list: "list", dict: "object"}.get(type(value), "value")
    return f'text field "{key}" is a {kind}, not a string'


def page_from_object(obj: Any, path: Path, key: str, where: str, settings: Settings, *,
                     line: int | None = None, meta: dict[str, Any] | None = None, fmt: str = "jsonl") -> Item:
    """A page from one JSON object (a JSONL line, an element of a JSON array), or its error.

    ``where`` prefixes the message ("line 3: "); wrongly typed fields are read leniently
    (numbers as text, objects as absent), so one odd field never drops the page; only the text
    field must be a non-blank string, and its error says which field and what it holds.
    """
    if not isinstance(obj, dict):
        return _err(path, "bad_json", f"{where}a JSON {type(obj).__name__}, expected an object", line)
    text = _pick(obj, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return _err(path, "no_text", where + _text_problem(obj), line)
    try:
        check_page_size(text, settings, where)
    except ReadFailure as exc:
        return _err(path, exc.problem, exc.message, line)
    url = _first(_pick(obj, URL_KEYS))
    return Page(
        key=url or key,
        fmt=fmt,
        path=show_path(path),
        text=normalise_text(text),
        url=url,
        source=_first(_pick(obj, SOURCE_KEYS)),
        title=_first(_pick(obj, TITLE_KEYS)),
        author=_first(_pick(obj, AUTHOR_KEYS)),
        published=_first(_pick(obj, DATE_KEYS)),
        captured=_first(_pick(obj, CAPTURED_KEYS)),
        tags=_tags(obj.get("categories"), obj.get("tags"), obj.get("keywords")),
        meta={**(meta or {}), **{k: v for k, v in obj.items() if k not in KNOWN_KEYS}},
    )


def _gunzip(fh: Any, cap: int) -> Iterator[bytes]:
    """Decompressed blocks of a gzip stream (members one after another), at most ``CHUNK`` bytes
    each and ``cap`` in all (a gzip bomb of zeros is small on disk and unbounded in memory: past
    the cap, one ``too_large`` error). What was decompressed before a cut is yielded before the
    ``EOFError`` that reports it."""
    used = 0
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False  # the current member has begun
    pending = b""  # bytes after the member that just ended
    while True:
        if d.unconsumed_tail:
            data = d.unconsumed_tail
        elif pending:
            data, pending = pending, b""
        else:
            data = fh.read(CHUNK)
        if not data:
            if fed:
                raise EOFError("compressed file ended before the end-of-stream marker was reached")
            return
        fed = True
        out = d.decompress(data, CHUNK)
        used += len(out)
        if used > cap:
            raise ReadFailure("too_large", f"decompressed content passes ingest.max_decompressed_bytes="
                                           f"{cap:,} (a compression bomb, or raise the limit)")
        if out:
            yield out
        if d.eof:  # the next gzip member, if any (trailing NUL padding is not one)
            pending = d.unused_data if d.unused_data.strip(b"\x00") else b""
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            fed = False


def _lines(path: Path, settings: Settings) -> Iterator[bytes | None]:
    """The file's lines as bytes; a line over ``ingest.max_line_bytes`` is None (dropped piece by
    piece, never held whole), so memory stays bounded by the limit whatever the file holds.

    Lines are cut from fixed-size blocks rather than by ``readline``: a readline over a huge line
    grows its buffer by reallocation, and the freed blocks stay in the process (RSS several times
    the line)."""
    max_line = limit(settings, "max_line_bytes", MAX_LINE_BYTES)
    with path.open("rb") as fh:
        if path.name.lower().endswith(".gz"):
            blocks: Iterator[bytes] = _gunzip(fh, limit(settings, "max_decompressed_bytes", MAX_DECOMPRESSED_BYTES))
        else:
            blocks = iter(lambda: fh.read(CHUNK), b"")
        parts: list[bytes] = []
        size = 0
        for block in blocks:
            start = 0
            while True:
                nl = block.find(b"\n", start)
                piece = block[start:] if nl < 0 else block[start : nl + 1]
                size += len(piece)
                if size <= max_line:
                    parts.append(piece)
                elif parts:
                    parts = []  # too long: drop what was kept, read on to the line's end
                if nl < 0:
                    break
                yield b"".join(parts) if size <= max_line else None
                parts, size, start = [], 0, nl + 1
        if size:
            yield b"".join(parts) if size <= max_line else None


@registry.readers.register("jsonl")
def read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    """One page per JSON line; a bad line is one error with its line number, the rest goes on."""
    n = 0
    seen_any = False
    shown = show_path(path)
    try:
        for n, raw in enumerate(_lines(path, settings), start=1):
            if raw is None:
                seen_any = True
                max_line = limit(settings, "max_line_bytes", MAX_LINE_BYTES)
                yield _err(path, "line_too_long", f"line {n}: longer than ingest.max_line_bytes={max_line:,}", n)
                continue
            if not raw.strip():
                continue
            seen_any = True
            line, _ = decode_bytes(raw)
            try:
                obj = parse_json(line)
            except json.JSONDecodeError as exc:
                yield _err(path, "bad_json", f"line {n}: not JSON ({exc.msg} at column {exc.colno})", n)
                continue
            except (ValueError, RecursionError) as exc:  # e.g. nesting too deep
                yield _err(path, "bad_json", f"line {n}: not usable JSON ({type(exc).__name__})", n)
                continue
            try:
                yield page_from_object(obj, path, f"{shown}#L{n}", f"line {n}: ", settings, line=n, meta={"line": n})
            except Exception as exc:  # one odd line never drops the rest of the file
                yield _err(path, "bad_line", f"line {n}: cannot be read as a page ({type(exc).__name__}: {exc})", n)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield _err(path, "truncated", f"compressed file truncated or corrupt after line {n} ({exc})", n)
        return
    if not seen_any:
        raise ReadFailure("empty", "file has no lines")
