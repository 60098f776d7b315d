"""Helpers for tests and notebooks: build analysed articles from plain text without a store."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .records import Analysis, Article, Page, Part
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .store import Store


@functools.lru_cache(maxsize=1)
def default_settings() -> Settings:
    return load_settings()


def single_article(text: str, *, key: str = "mem://test", published: str | None = None,
                   source: str | None = None) -> tuple[Page, Analysis]:
    """One page holding one article whose body is the whole text (no segmentation)."""
    page = Page(key=key, text=text, published=published, source=source)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=start,
                  body_end=end, published=published, source=source,
                  parts=[Part(role="body", start=start, end=end, text=text[start:end])])
    return page, Analysis(article=art, page_text=text)


def run_stages(analysis: Analysis, names: Sequence[str]) -> Analysis:
    """Run the named article stages (e.g. ["nlp", "actors"]) on one Analysis."""
    from . import registry

    for name in names:
        stage = registry.stages.get(name)(default_settings())
        batch = getattr(stage, "batch", None)
        analysis = next(iter(batch([analysis]))) if batch is not None else stage(analysis)
    return analysis


def analyse_text(text: str, stages: Sequence[str] = ("nlp",), **kw: str) -> Analysis:
    _, a = single_article(text, **kw)
    return run_stages(a, stages)


def analyse_page(page: Page, stages: Sequence[str] | None = None) -> list[Analysis]:
    """Segment and analyse a page with the configured pipeline (or the given stages)."""
    from .pipeline import Pipeline

    return Pipeline(default_settings(), stages=stages).analyse_page(page)


# Columns that record when a row was written, not what was found.
CLOCK_COLUMNS = frozenset({"ingested_at", "at"})


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (clock columns left out), sorted: two stores with the same contents give
    the same dict whatever order their rows were written in (engines are compared with it)."""
    tables = [r["table_name"] for r in store.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
        "AND table_name <> 'meta' ORDER BY 1")]
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        rows = store.rows(f'SELECT * FROM "{table}"')
        out[table] = sorted((tuple((k, repr(v)) for k, v in r.items() if k not in CLOCK_COLUMNS) for r in rows),
                            key=repr)
    return out


def number_claims(text: str, art: str = "a") -> list[Any]:
    """The numbers layer's quantities of ``text`` as stored claims of article ``art``."""
    from .numbers import find_quantities
    from .records import NumberClaim
    return [NumberClaim(id=f"{art}{i}", article_id=art, start=q.start, end=q.end, text=q.text, low=q.low, high=q.high,
                        approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]


def figure_keys(text: str) -> dict[str, tuple[object, ...] | None]:
    """What each figure of ``text`` counts and how, as one outlet's report tells it (None: no key)."""
    from .across.figure_findings import told
    nums = number_claims(text)
    t = told("Outlet", text, nums)
    return {n.text: (t.keys[n.id][:2] if n.id in t.keys else None) for n in nums}
