"""Mechanical check of the quotes gold (stdlib only): python3 eval/dev/quotes/check.py [gold/*.json]

For every gold file: the fields are those of /work/coord/formats.md; every fragment, speaker and
cue is an exact substring of the article text (docs/<doc>.txt, or the visible text of
pages/<doc>.html as html.parser sees it, see visible.py) once white space is folded and curly
quotes are written straight on both sides (SCHEMA.md); a quote's fragments are in text order;
quotes are listed in the text order of their first fragment (each first fragment is looked for
from the previous quote's first fragment on, which is how the scorer places them too); every
file is listed in FROZEN.md with its part, and frozen files still have their freeze-time sha256.
Prints one line per problem and a per-kind count; exits 1 on any problem.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
# HTML pages are the extraction dev set's own files (named in pages.txt, not copied here).
PAGES = HERE.parent / "extraction" / "pages"
sys.path.insert(0, str(HERE))
from visible import visible_text  # noqa: E402

KINDS = ("direct", "indirect", "speech_act", "belief")
KEYS = {"fragments", "kind", "speaker", "actor", "cue", "headline"}
TOP = {"document", "source", "licence", "part", "complete", "quotes"}
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub(" ", s.translate(_FOLD)).strip()


def article_text(gold: dict, root: Path = HERE) -> str:
    doc = gold["document"]
    if doc.endswith(".html"):
        return visible_text((PAGES / doc).read_text(encoding="utf-8", errors="replace"))
    return (root / "docs" / doc).read_text(encoding="utf-8")


def place(text: str, quotes: list[dict]) -> list[list[tuple[int, int]] | None]:
    """Spans (in ``text``, already folded) of every quote's fragments, by the ordered search."""
    out: list[list[tuple[int, int]] | None] = []
    cursor = 0
    for q in quotes:
        spans: list[tuple[int, int]] = []
        pos = cursor
        for i, frag in enumerate(q["fragments"]):
            f = norm(frag)
            at = text.find(f, pos)
            if at < 0:
                spans = []
                break
            spans.append((at, at + len(f)))
            if i == 0:
                cursor = at
            pos = at + len(f)
        out.append(spans or None)
    return out


def check(path: Path) -> tuple[list[str], Counter]:
    problems: list[str] = []
    kinds: Counter = Counter()
    gold = json.loads(path.read_text(encoding="utf-8"))
    name = path.name
    if set(gold) - TOP or TOP - set(gold):
        problems.append(f"{name}: top-level keys {sorted(gold)} != {sorted(TOP)}")
    if gold.get("part") not in ("dev", "frozen"):
        problems.append(f"{name}: part {gold.get('part')!r}")
    if gold.get("complete") is not True:
        problems.append(f"{name}: complete must be true")
    if Path(gold["document"]).stem != path.stem:
        problems.append(f"{name}: document {gold['document']} does not match the gold file name")
    text = norm(article_text(gold))
    quotes = gold.get("quotes", [])
    for i, q in enumerate(quotes):
        where = f"{name} #{i}"
        if set(q) != KEYS:
            problems.append(f"{where}: keys {sorted(q)}")
            continue
        if q["kind"] not in KINDS:
            problems.append(f"{where}: kind {q['kind']!r}")
        if not isinstance(q["headline"], bool):
            problems.append(f"{where}: headline must be true/false")
        if not q["fragments"] or not all(isinstance(f, str) and f.strip() for f in q["fragments"]):
            problems.append(f"{where}: empty fragment")
            continue
        for field in ("speaker", "actor", "cue"):
            v = q[field]
            if v is not None and (not isinstance(v, str) or not v.strip()):
                problems.append(f"{where}: {field} must be a non-empty string or null")
        for field in ("speaker", "cue"):
            v = q[field]
            if isinstance(v, str) and norm(v) not in text:
                problems.append(f"{where}: {field} {v!r} not in the text")
        if (q["speaker"] is None) != (q["actor"] is None):
            problems.append(f"{where}: speaker and actor are both null or both set")
        kinds[q["kind"]] += 1
        if q["headline"]:
            kinds["headline"] += 1
        if len(q["fragments"]) > 1:
            kinds["multi_fragment"] += 1
        for f in q["fragments"]:
            if norm(f) not in text:
                problems.append(f"{where}: fragment not in the text: {f[:70]!r}")
    for i, (q, spans) in enumerate(zip(quotes, place(text, quotes), strict=True)):
        if spans is None and all(norm(f) in text for f in q.get("fragments", []) if isinstance(f, str)):
            problems.append(f"{name} #{i}: fragments out of order (within the quote, or after the "
                            f"previous quote's first fragment): {q['fragments'][0][:60]!r}")
    return problems, kinds


def frozen_table(root: Path = HERE) -> dict[str, tuple[str, str, str]]:
    """document -> (part, sha256 of its gold file, sha256 of its text) as recorded in FROZEN.md."""
    out = {}
    for ln in (root / "FROZEN.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (\S+) \| \w+ \| (dev|frozen) \| (\w{64}) \| (\w{64}) \|", ln)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return out


def check_frozen(path: Path, gold: dict, table: dict[str, tuple[str, str, str]]) -> list[str]:
    """Every gold file is in FROZEN.md with the same part; frozen files are unchanged since."""
    doc = gold["document"]
    if doc not in table:
        return [f"{path.name}: not listed in FROZEN.md"]
    part, gold_sha, text_sha = table[doc]
    problems = []
    if gold["part"] != part:
        problems.append(f"{path.name}: part {gold['part']} but FROZEN.md says {part}")
    if part == "frozen":
        src = PAGES / doc if doc.endswith(".html") else HERE / "docs" / doc
        if hashlib.sha256(path.read_bytes()).hexdigest() != gold_sha:
            problems.append(f"{path.name}: frozen gold changed since FROZEN.md")
        if hashlib.sha256(src.read_bytes()).hexdigest() != text_sha:
            problems.append(f"{path.name}: frozen text {doc} changed since FROZEN.md")
    return problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((HERE / "gold").glob("*.json"))
    problems: list[str] = []
    total: Counter = Counter()
    parts: Counter = Counter()
    table = frozen_table()
    for f in files:
        p, k = check(f)
        problems += p + check_frozen(f, json.loads(f.read_text(encoding="utf-8")), table)
        total += k
        parts[json.loads(f.read_text(encoding="utf-8"))["part"]] += 1
    for p in problems:
        print(p)
    print(f"{len(files)} gold files ({dict(parts)}); quotes per kind: {dict(sorted(total.items()))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
