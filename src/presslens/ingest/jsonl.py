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
from .base import Item, ReadFailure, _first, _tags
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
