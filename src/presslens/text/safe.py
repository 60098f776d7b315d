"""Neutralising text that came from input before it reaches a terminal, a log, a CSV or the store.

Input is hostile: a page, a file name or a corrupt WARC record can carry terminal escape
sequences (retitle or clear the terminal, print a fake line), line breaks that forge a log line,
spreadsheet formulas, lone surrogates that no UTF-8 writer accepts, or file names that are not
UTF-8 at all. Every path from input to output goes through one of these functions.
"""

from __future__ import annotations

import os
import re
from typing import Any

# C0 and C1 controls, DEL, bidirectional overrides/isolates (they reorder what a reader sees,
# CVE-2021-42574), line/paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
# The same, minus newline and tab: inside a quoted CSV cell a line break is data.
_UNSAFE_CELL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# OWASP CSV injection: a cell starting with one of these is a formula in Excel/LibreOffice/Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ... except a plain signed number ("-12", "+3.5e2"), which a spreadsheet reads as that number.
_SIGNED_NUMBER = re.compile(r"[+-]\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def one_line(text: object) -> str:
    """``text`` as one printable line: every control, bidi and separator character escaped
    (``\\x1b``, ``\\n``, ``\\u202e``), so it cannot move the cursor, forge a line or reorder text."""
    s = text if isinstance(text, str) else str(text)
    return _UNSAFE.sub(_escape, s)


def printable(text: str) -> str:
    """Text for a terminal with its line structure kept: like ``one_line`` but newlines and tabs
    stay (an article body is printed as paragraphs)."""
    return _UNSAFE_CELL.sub(_escape, text) if _UNSAFE_CELL.search(text) else text


def show_path(path: str | os.PathLike[str]) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (kept by Python as surrogate
    escapes) are shown as ``\\xNN`` rather than crashing a writer that needs UTF-8."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def no_surrogates(text: str) -> str:
    """Lone surrogates (``"\\ud800"`` in JSON decodes to one) replaced by U+FFFD, which UTF-8 can hold.

    Same length, so offsets into the text stay valid."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def plain_value(v: Any) -> Any:
    """A parsed JSON value with every string (keys too) passed through ``no_surrogates``."""
    if isinstance(v, str):
        return no_surrogates(v)
    if isinstance(v, list):
        return [plain_value(x) for x in v]
    if isinstance(v, dict):
        return {no_surrogates(str(k)): plain_value(x) for k, x in v.items()}
    return v


def csv_cell(v: Any) -> Any:
    """One CSV cell, safe to open in a spreadsheet: a text cell that starts with ``= + - @``, tab
    or carriage return is prefixed with ``'`` (OWASP; a plain signed number such as ``-12`` is
    left as it is: it is a number, not a formula), and control characters other than newline and
    tab are escaped. Numbers and empty cells pass unchanged."""
    if not isinstance(v, str) or not v:
        return v
    if _UNSAFE_CELL.search(v):
        v = _UNSAFE_CELL.sub(_escape, v)
    if v.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(v):
        v = "'" + v
    return v


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """``csv_cell`` over every value of a row."""
    return {k: csv_cell(v) for k, v in row.items()}
