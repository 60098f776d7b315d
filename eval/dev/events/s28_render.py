"""Render the wiki source of batch s28's Wikinews stories to plain text (standard library only).

Batch s28's round D (s28_selection_log.md) took English Wikinews articles from a copy of the Wikinews dump
(GitHub airKlizz/WikinewsSum, endataset.json, commit 1d985031625909c908766812e8a18d0c88116ec8), where each
article is its wiki source split into paragraphs. This script renders that source the way the rule fixed
before the pages were read says, and writes sources/s28/<group>.txt, the text check.py verifies every
sentence against. Run: ``python eval/dev/events/s28_render.py RAW.json GROUP`` (RAW: the record's
``{"title", "text": [...]}`` as copied from the dump).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(paragraphs: list[str]) -> str:
    out = []
    for p in paragraphs:
        p = re.sub(r"<ref[^>]*>.*?</ref>", "", p, flags=re.S)
        p = re.sub(r"\[\[(?:File|Image):[^\]]*\]\]", "", p)           # images and their captions
        p = re.sub(r"\{\{w\|[^|}]*\|([^}]*)\}\}", r"\1", p)            # {{w|target|label}} -> label
        p = re.sub(r"\{\{w\|([^}]*)\}\}", r"\1", p)                    # {{w|target}} -> target
        p = re.sub(r"\{\{[^}]*\}\}", "", p)                            # every other template
        p = re.sub(r"\{[a-z]+\}\}", "", p)                             # the dump's cut "{publish}}"
        p = re.sub(r"\[\[[^|\]]*\|([^\]]*)\]\]", r"\1", p)             # [[target|label]] -> label
        p = re.sub(r"\[\[([^\]]*)\]\]", r"\1", p)                      # [[target]] -> target
        p = p.replace("'''", "").replace("''", "")
        p = html.unescape(p)
        p = re.sub(r"[ \t]+", " ", p).strip()
        if p and p != "---":
            out.append(p)
    return "\n\n".join(out) + "\n"


def main(raw: str, group: str) -> None:
    rec = json.loads(Path(raw).read_text(encoding="utf-8"))
    dest = HERE / "sources" / "s28" / f"{group}.txt"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(render(rec["text"]), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
