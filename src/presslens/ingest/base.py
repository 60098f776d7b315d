"""What every reader shares: the item types, the failure carrying an error code, field helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..records import IngestError, Page
from ..settings import Settings
from ..text.safe import one_line, show_path

Item = Page | IngestError
Reader = Callable[[Path, Settings], Iterator[Item]]

# Bytes read at a time by the streaming paths.
CHUNK = 1 << 20
# Bytes looked at when sniffing a file's kind.
SNIFF_BYTES = 8192
# Defaults of the size limits (settings ingest.*): memory stays bounded by them.
MAX_BYTES = 200 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_PAGE_CHARS = 100_000_000
MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024


class ReadFailure(Exception):
    """Internal: a file cannot be read; carries the problem code for the IngestError."""

    def __init__(self, problem: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.line = line


def err(path: Path | str, problem: str, message: str, line: int | None = None) -> IngestError:
    """One error line. The path is shown as valid UTF-8 and the whole message is neutralised (control
    and bidi characters escaped): it reaches a terminal, a log and the ``ingest_errors`` table."""
    shown = show_path(path)
    return IngestError(path=shown, problem=problem, message=one_line(f"{shown}: {message}"), line=line)


def limit(settings: Settings, key: str, default: int) -> int:
    """An ``ingest`` size limit from settings (bytes or characters)."""
    return int(settings["ingest"].get(key, default))


def check_page_size(text: str, settings: Settings, where: str = "") -> None:
    """Refuse a page whose stored text would pass ``ingest.max_page_chars`` (segmenting and NLP
    hold several copies of a page's text)."""
    cap = limit(settings, "max_page_chars", MAX_PAGE_CHARS)
    if len(text) > cap:
        raise ReadFailure("too_large", f"{where}page text is {len(text):,} characters, over "
                                       f"ingest.max_page_chars={cap:,}; split it or raise the limit")


# Field values from JSON may be any type: scalars are read as text, objects (and null) as absent.
_SCALAR = (str, int, float)


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, _SCALAR):
        return None
    text = str(value).strip()
    return text or None


def _first(value: Any) -> str | None:
    """One text value: a string or number as text; a list joined with ``; ``; anything else None."""
    if isinstance(value, list):
        parts = [t for t in (_scalar_text(v) for v in value) if t]
        return "; ".join(parts) or None
    return _scalar_text(value)


def _as_list(value: Any) -> list[str]:
    """A list of text values: a list's scalar items, a string split at ``,``/``;``, a number as one item."""
    if isinstance(value, str):
        value = re.split(r"\s*[,;]\s*", value)
    elif not isinstance(value, list):
        value = [value]
    return [t for t in (_scalar_text(v) for v in value) if t]


def _tags(*groups: Any) -> list[str]:
    out: list[str] = []
    for g in groups:
        for t in _as_list(g):
            if t not in out:
                out.append(t)
    return out
