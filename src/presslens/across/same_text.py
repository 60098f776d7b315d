"""``same_text`` findings: one stored text carried by pages under different keys.

Pages and texts are apart in the store (a page version is key + content hash; the text is stored
once), so a wire story republished word for word by a second site is two pages over one text.
This finding names them together, earliest published first (then first stored), one reference per
page: its first article's span, whose offsets point into the shared text. Copied passages within
otherwise different texts are another, later finding (issue 16, item 3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Article, Finding, FindingRef, Page, stable_id

KIND = "same_text"


def _name(page: Page) -> str:
    return f"{page.key} ({page.source})" if page.source else page.key


def same_text_findings(pages: Sequence[Page], articles: Mapping[str, Sequence[Article]]) -> list[Finding]:
    """One finding per text that two or more pages (different keys) carry; ``pages`` in stored
    order (the earliest stored first), ``articles`` by page id."""
    by_text: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        if articles.get(p.id):
            by_text[p.content_hash].append(p)
    out = []
    for content_hash, group in by_text.items():
        if len({p.key for p in group}) < 2:
            continue
        # Earliest publisher first; an undated page after the dated ones, stored order kept.
        group = sorted(group, key=lambda p: (p.published is None, p.published or ""))
        refs = []
        for p in group:
            a = min(articles[p.id], key=lambda a: a.seq)
            refs.append(FindingRef(article_id=a.id, start=a.start, end=a.end, text=p.text[a.start:a.end]))
        detail = (f"The same text is carried by {len(group)} pages: {_name(group[0])} "
                  f"(earliest), then {', '.join(_name(p) for p in group[1:])}.")
        out.append(Finding(id=stable_id(KIND, content_hash), kind=KIND, detail=detail, refs=refs))
    return out
