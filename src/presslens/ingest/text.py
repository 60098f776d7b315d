"""Plain-text page dumps: the whole file is one page, with an optional metadata sidecar.

A dump says nothing about where it came from. A sidecar file next to it, named after it plus
``.meta.json`` (``page.txt`` -> ``page.txt.meta.json``), can: ``source``, ``url``, ``published``
(ISO date), ``author``, ``tags`` for the page, and ``articles``, a list of ``{"title": ...,
"published": ...}`` for the posts of an archive page (matched by title after segmentation).
Any other key (a ``basis`` saying how a value was derived) is kept in ``page.meta["sidecar"]``.
Folder walks skip sidecars (docs/ingest.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import registry
from ..records import Page
from ..settings import Settings
from ..text.safe import show_path
from .base import Item, ReadFailure, _first, _tags, check_page_size
from .decode import decode_bytes, normalise_text

SIDECAR_SUFFIX = ".meta.json"


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, Any]:
    """The page's sidecar metadata, or {} when there is none; a broken one is an error."""
    side = sidecar_for(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReadFailure("bad_sidecar", f"metadata sidecar {side.name} is not readable JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ReadFailure("bad_sidecar", f"metadata sidecar {side.name} is not a JSON object")
    return data


@registry.readers.register("text")
def read_text(path: Path, settings: Settings) -> Iterator[Item]:
    data = path.read_bytes()
    text, enc = decode_bytes(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadFailure("empty", "file has no text (only whitespace)")
    check_page_size(text, settings)
    shown = show_path(path)
    side = read_sidecar(path)
    meta: dict[str, Any] = {"encoding": enc}
    if side:
        meta["sidecar"] = side
        if isinstance(side.get("articles"), list):
            meta["articles"] = [a for a in side["articles"] if isinstance(a, dict) and a.get("title")]
    # A sidecar's URL (or explicit key) is the page's identity, as a JSONL record's URL is; else
    # the file path. The bundled sample sets a key so its ids are the same on every install.
    key = _first(side.get("key")) or _first(side.get("url")) or shown
    yield Page(key=key, fmt="text", path=shown, text=text, meta=meta,
               source=_first(side.get("source")), url=_first(side.get("url")),
               published=_first(side.get("published")), author=_first(side.get("author")),
               tags=_tags(side.get("tags")))
