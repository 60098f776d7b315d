"""Plain-text page dumps: the whole file is one page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import registry
from ..records import Page
from ..settings import Settings
from .base import Item, ReadFailure
from .decode import decode_bytes, normalise_text


@registry.readers.register("text")
def read_text(path: Path, settings: Settings) -> Iterator[Item]:
    data = path.read_bytes()
    text, enc = decode_bytes(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadFailure("empty", "file has no text (only whitespace)")
    yield Page(key=str(path), fmt="text", path=str(path), text=text, meta={"encoding": enc})

