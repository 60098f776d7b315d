"""JSONL (and .jsonl.gz): one page per line, in the shapes news-please and trafilatura write."""

from __future__ import annotations

import contextlib
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


def page_from_object(obj: Any, path: Path, key: str, where: str, settings: Settings, *,
                     line: int | None = None, meta: dict[str, Any] | None = None, fmt: str = "jsonl") -> Item:
    """A page from one JSON object (a JSONL line, an element of a JSON array), or its error.

    ``where`` prefixes the message ("line 3: "); wrongly typed fields are read leniently
    (numbers as text, objects as absent), so one odd field never drops the page.
    """
    if not isinstance(obj, dict):
        return _err(path, "bad_json", f"{where}a JSON {type(obj).__name__}, expected an object", line)
    text = _pick(obj, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        return _err(path, "no_text", f"{where}no text field (expected one of {', '.join(TEXT_KEYS)})", line)
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


class _Budget:
    """A decompressing reader that refuses to produce more than ``cap`` bytes (a gzip bomb of
    zeros is small on disk and unbounded in memory): past it, one ``too_large`` error."""

    def __init__(self, fh: Any, cap: int) -> None:
        self.fh, self.cap, self.used = fh, cap, 0

    def readline(self, size: int) -> bytes:
        data = self.fh.readline(size)
        self.used += len(data)
        if self.used > self.cap:
            raise ReadFailure("too_large", f"decompressed content passes ingest.max_decompressed_bytes="
                                           f"{self.cap:,} (a compression bomb, or raise the limit)")
        return data


def _lines(path: Path, settings: Settings) -> Iterator[bytes | None]:
    """The file's lines as bytes; a line over ``ingest.max_line_bytes`` is None (skipped in chunks,
    never held whole), so memory stays bounded by the limit whatever the file holds."""
    max_line = limit(settings, "max_line_bytes", MAX_LINE_BYTES)
    with contextlib.ExitStack() as stack:
        fh: Any = stack.enter_context(path.open("rb"))
        if path.name.lower().endswith(".gz"):
            gz = stack.enter_context(gzip.GzipFile(fileobj=fh, mode="rb"))
            fh = _Budget(gz, limit(settings, "max_decompressed_bytes", MAX_DECOMPRESSED_BYTES))
        while True:
            # Read in CHUNK pieces: one readline(limit) of a huge line buffers several copies.
            parts: list[bytes] = []
            size = 0
            while True:
                piece = fh.readline(CHUNK)
                if not piece:
                    break
                size += len(piece)
                if size <= max_line:
                    parts.append(piece)
                elif parts:
                    parts = []  # too long: drop what was kept, read on to the line's end
                if piece.endswith(b"\n"):
                    break
            if size == 0:
                return
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
