"""How every list command prints: full ids, one line per row, a stated limit.

- Ids are never cut (they are pasted into ``show``, ``actor``, ``event``): the id column does not
  wrap or shrink; other text columns are shortened with an ellipsis instead, one line per row.
- ``--limit N`` / ``--all`` on every list. Tables default to :data:`DEFAULT_LIMIT` rows and say
  so under the table ("50 of 312 articles; default --limit 50, --all for every row"); ``--json``
  prints every row unless ``--limit`` is given, and then says on stderr how many were left out.
- ``--after CURSOR`` on the store-wide lists (articles, events, findings): keyset paging as the
  API's ``after=`` (``server/cursor.py``); a page that is not the last prints the next page's
  cursor on stderr, so a deep page costs what the first does and stdout stays the rows.
- Piped output (not a terminal) is as wide as ``$COLUMNS`` or :data:`PIPE_WIDTH`, not 80.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..text.safe import one_line, printable

DEFAULT_LIMIT = 50
PIPE_WIDTH = 160

LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", help=f"Rows to show (tables: {DEFAULT_LIMIT} by default; --json: all).", min=0),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Show every row.")]
OffsetOpt = Annotated[int, typer.Option("--offset", help="Rows to skip first (pages: --offset 50 --limit 50).", min=0)]
AfterOpt = Annotated[str | None, typer.Option(
    "--after", help="Start after this cursor (the 'next page' line a page prints; cheaper than --offset).")]


def effective_limit(limit: int | None, all_rows: bool, as_json: bool) -> int | None:
    """None = every row."""
    if all_rows:
        return None
    if limit is not None:
        return limit
    return None if as_json else DEFAULT_LIMIT


def out_console() -> Console:
    """stdout console; when piped, wide enough that tables do not wrap at 80 columns."""
    if sys.stdout.isatty():
        return Console()
    try:
        width = int(os.environ.get("COLUMNS", "") or PIPE_WIDTH)
    except ValueError:
        width = PIPE_WIDTH
    return Console(width=max(width, 40))


@dataclass(slots=True)
class Col:
    header: str
    value: Callable[[dict[str, Any]], Any]
    kind: str = "text"  # id | text | num
    max_width: int | None = None


def _cell(v: Any) -> str:
    """One line of text from the store, neutralised (text.safe: no control or bidi characters)."""
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        v = ", ".join(str(x) for x in v)
    return one_line(" ".join(str(v).split()))


def footer(shown: int, total: int, what: str, limit: int | None) -> str:
    if limit is None or shown >= total:
        return f"{total} {what}" + ("" if limit is None else f" (default --limit {DEFAULT_LIMIT}; --all for every row)")
    return f"{shown} of {total} {what}; --limit N for more, --all for every row (default --limit {DEFAULT_LIMIT})"


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def layout(cols: Sequence[Col], cells: list[list[str]], width: int) -> tuple[list[int], bool]:
    """Column widths, and whether rows must be stacked (short columns on a first line, the long
    text column on a second) because the long column would get under 24 characters."""
    natural = [max([len(c.header), *(len(row[i]) for row in cells)]) for i, c in enumerate(cols)]
    widths = [n if c.kind in ("id", "num") else min(n, c.max_width or n) for c, n in zip(cols, natural, strict=True)]
    flex = [i for i, c in enumerate(cols) if c.kind == "text" and c.max_width is None]
    fixed = sum(w for i, w in enumerate(widths) if i not in flex) + 2 * (len(cols) - 1)
    room = width - fixed
    if flex and room < 24 * len(flex):
        # Stacked: the short columns share the first line; the one allowed most width gives way first.
        shown = [i for i in range(len(cols)) if i not in flex]
        while sum(widths[i] for i in shown) + 2 * (len(shown) - 1) > width:
            give = [i for i in shown if cols[i].kind not in ("id", "num") and widths[i] > len(cols[i].header)]
            if not give:
                break
            widths[max(give, key=lambda i: (cols[i].max_width or 0, widths[i]))] -= 1
        return widths, True
    for i in flex:
        widths[i] = max(min(natural[i], room // len(flex)), len(cols[i].header))
    return widths, False


def print_rows(cols: Sequence[Col], rows: Sequence[dict[str, Any]], *, total: int, limit: int | None, what: str,
               console: Console | None = None) -> None:
    """One line per row (two when the terminal is narrow), ids whole, then the footer naming the limit."""
    console = console or out_console()
    cells = [[_cell(c.value(r)) for c in cols] for r in rows]
    width = console.width
    widths, stacked = layout(cols, cells, width)
    flex = [i for i, c in enumerate(cols) if c.kind == "text" and c.max_width is None] if stacked else []
    shown = [i for i in range(len(cols)) if i not in flex]

    def line(values: list[str]) -> str:
        out = []
        for i in shown:
            v = values[i] if cols[i].kind == "id" else fit(values[i], widths[i])
            out.append(v.rjust(widths[i]) if cols[i].kind == "num" else v.ljust(widths[i]))
        return "  ".join(out).rstrip()

    if rows:
        head = line([c.header for c in cols])
        console.print(Text(head, style="bold"), highlight=False, soft_wrap=True)
        for i in flex:
            console.print(Text("    " + cols[i].header, style="bold dim"), highlight=False, soft_wrap=True)
        console.print(Text("─" * min(len(head), width), style="dim"), highlight=False, soft_wrap=True)
        for row in cells:
            console.print(Text(line(row)), highlight=False, soft_wrap=True)
            for i in flex:
                console.print(Text("    " + fit(row[i], width - 4), style="dim"), highlight=False, soft_wrap=True)
    console.print(footer(len(rows), total, what, limit), markup=False, highlight=False, soft_wrap=True)


def neutral(v: Any) -> Any:
    """A record from the store with every string made safe for a terminal (newlines kept)."""
    if isinstance(v, str):
        return printable(v)
    if isinstance(v, dict):
        return {k: neutral(x) for k, x in v.items()}
    if isinstance(v, list):
        return [neutral(x) for x in v]
    return v


def note_json_limit(shown: int, total: int, what: str) -> None:
    """--json with an explicit --limit: say on stderr what was left out (stdout stays pure JSON)."""
    if shown < total:
        Console(stderr=True).print(f"note: {shown} of {total} {what} printed (--limit); --all for every row",
                                   markup=False, highlight=False)


def keyset(key: Sequence[tuple[str, str]], after: str | None) -> tuple[str, list[Any]]:
    """SQL condition (and parameters) for the rows after ``--after`` in the order ``key``
    (``server/cursor.py``); a cursor this list did not write is a usage error."""
    from ..server import cursor

    try:
        return cursor.after(key, after)
    except cursor.BadCursor as exc:
        raise typer.BadParameter(str(exc), param_hint="--after") from None


def note_next(values: Sequence[Any] | None) -> None:
    """The next page's ``--after`` (on stderr), from the key values of a page's last row; nothing on
    the last page."""
    if values is None:
        return
    from ..server import cursor

    Console(stderr=True).print(f"next page: --after {cursor.encode(values)}", markup=False, highlight=False,
                               soft_wrap=True)


def note_unknown_value(store: Any, option: str, value: str | None, sql: str, *, fold: bool = False) -> None:
    """A filter value that nothing in the store carries (``sql`` lists the values it holds): say so
    on stderr with the values there are, since a typo ("name_variant") would otherwise read as a
    plain empty result. ``fold``: the filter ignores case (``--type protest``), so the check does too."""
    if not value:
        return
    known = [str(r["v"]) for r in store.rows(sql) if r["v"] is not None]
    if (value.casefold() in {k.casefold() for k in known}) if fold else value in known:
        return
    Console(stderr=True).print(f"note: nothing in this store has {option} {value!r}; values here: "
                               f"{', '.join(known) or 'none'}", markup=False, highlight=False, soft_wrap=True)
