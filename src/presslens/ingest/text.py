"""Plain-text page dumps: the whole file is one page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import registry
from ..records import Page
from ..settings import Settings
from ..text.safe import show_path
from .base import Item, ReadFailure, check_page_size
from .decode import decode_bytes, normalise_text


@registry.readers.register("text")
def read_text(path: Path, settings: Settings) -> Iterator[Item]:
    data = path.read_bytes()
    text, enc = decode_bytes(data)
    text = normalise_text(text)
    if not text.strip():
        raise ReadFailure("empty", "file has no text (only whitespace)")
    check_page_size(text, settings)
    shown = show_path(path)
    yield Page(key=shown, fmt="text", path=shown, text=text, meta={"encoding": enc})

