"""JSON files (``.json``): one object is one page, an array holds one page per object.

Fields map as for a JSONL line (see ``jsonl.page_from_object``); an array element that is not a
page is one error naming its position, and the other elements are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .. import registry
from ..settings import Settings
from ..text.safe import show_path
from .base import Item, ReadFailure
from .decode import decode_bytes
from .jsonl import page_from_object, parse_json


@registry.readers.register("json")
def read_json(path: Path, settings: Settings) -> Iterator[Item]:
    text, _ = decode_bytes(path.read_bytes())
    try:
        doc = parse_json(text)
    except json.JSONDecodeError as exc:
        raise ReadFailure("bad_json", f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                          exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise ReadFailure("bad_json", f"not usable JSON ({type(exc).__name__})") from None
    shown = show_path(path)
    if isinstance(doc, dict):
        yield page_from_object(doc, path, shown, "", settings, fmt="json")
        return
    if not isinstance(doc, list):
        raise ReadFailure("bad_json", f"a JSON {type(doc).__name__}, expected an object or an array of objects")
    if not doc:
        raise ReadFailure("empty", "JSON array is empty")
    for i, obj in enumerate(doc, start=1):
        # ``line`` holds the element's position in the array (1-based).
        yield page_from_object(obj, path, f"{shown}#{i}", f"item {i}: ", settings, line=i, meta={"item": i},
                               fmt="json")
