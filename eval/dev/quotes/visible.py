"""Visible text of an HTML page, stdlib only (html.parser): what a reader of the page sees.

Script, style and other non-rendered elements are dropped; block elements end a line; white
space is folded later by the checker, as SCHEMA.md asks of every scorer.
"""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "aside", "nav", "figure", "figcaption", "blockquote", "table", "tr", "td",
    "th", "main", "dd", "dt", "dl", "pre", "hr", "form", "button", "label", "option", "select",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.stack: list[str] = []
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.out.append("\n")
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK:
            self.out.append("\n")
        if tag not in self.stack:
            return
        while self.stack:
            t = self.stack.pop()
            if t in HIDDEN:
                self.hidden -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)


def visible_text(html: str) -> str:
    p = _Visible()
    p.feed(html)
    p.close()
    return "".join(p.out)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    print(visible_text(Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")))
