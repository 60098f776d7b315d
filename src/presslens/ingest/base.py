"""What every reader shares: the item types, the failure carrying an error code, field helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..records import IngestError, Page
from ..settings import Settings

Item = Page | IngestError
Reader = Callable[[Path, Settings], Iterator[Item]]

# Bytes read at a time by the streaming paths.
CHUNK = 1 << 20
# Bytes looked at when sniffing a file's kind.
SNIFF_BYTES = 8192


class ReadFailure(Exception):
    """Internal: a file cannot be read; carries the problem code for the IngestError."""

    def __init__(self, problem: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.line = line


def err(path: Path | str, problem: str, message: str, line: int | None = None) -> IngestError:
    return IngestError(path=str(path), problem=problem, message=f"{path}: {message}", line=line)



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

