"""``same_quote_different_speakers``: one statement (normalised text, long enough, fuzzy containment
allowed) attributed to two different speakers, in one article or across the store (different outlets
giving the same words to different people)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence

from ..records import Finding, FindingRef, Quote, stable_id

KIND = "same_quote_different_speakers"
MIN_QUOTE_WORDS = 8

# --------------------------------------------------------------------------- quotes


def norm_statement(text: str) -> str:
    """Lower case words only; editorial glosses in [brackets] dropped."""
    text = re.sub(r"\[[^\]]*\]", " ", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _speaker_key(q: Quote) -> str | None:
    if q.speaker_id:
        return q.speaker_id
    if q.speaker_text:
        return norm_statement(q.speaker_text).removeprefix("the ") or None
    return None


def same_statement(a: str, b: str) -> bool:
    """Equal, or one contains most of the other (fuzzy: glosses and small edits differ)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short in long_:
        return True
    sm = difflib.SequenceMatcher(None, short, long_, autojunk=False)
    match = sum(bl.size for bl in sm.get_matching_blocks())
    return match >= 0.9 * len(short)


def quote_findings(quotes: Sequence[Quote]) -> list[Finding]:
    buckets: dict[str, list[tuple[Quote, str]]] = defaultdict(list)
    for q in quotes:
        n = norm_statement(q.content())  # the quoted words, without an interrupting "he said"
        words = n.split()
        if len(words) < MIN_QUOTE_WORDS or _speaker_key(q) is None:
            continue
        # Index by a few word 5-grams so fuzzy matches meet without comparing every pair.
        for i in range(0, min(len(words) - 4, 12), 4):
            buckets[" ".join(words[i : i + 5])].append((q, n))
    seen: set[tuple[str, str]] = set()
    out = []
    for items in buckets.values():
        for i, (a, na) in enumerate(items):
            for b, nb in items[i + 1 :]:
                if a.id == b.id or _speaker_key(a) == _speaker_key(b):
                    continue
                key = tuple(sorted((a.id, b.id)))
                if key in seen or not same_statement(na, nb):
                    continue
                seen.add(key)  # type: ignore[arg-type]
                first, second = sorted((a, b), key=lambda q: (q.article_id, q.start))
                refs = [_qref(first), _qref(second)]
                refs += _srefs(first) + _srefs(second)
                where = "the same article" if a.article_id == b.article_id else "two articles"
                detail = (f"The same statement is attributed to {first.speaker_text!r} and to "
                          f"{second.speaker_text!r} in {where}: \"{first.text[:80]}...\"")
                out.append(Finding(id=stable_id(KIND, *key), kind=KIND,
                                   detail=detail, refs=refs))
    return out


def _qref(q: Quote) -> FindingRef:
    return FindingRef(article_id=q.article_id, start=q.start, end=q.end, text=q.text, item_id=q.id)


def _srefs(q: Quote) -> list[FindingRef]:
    """The speaker's evidence: the words the cue attaches to ("he", "Javeed-Nia") and the resolved
    name they stand for, when that is elsewhere."""
    out: list[FindingRef] = []
    spans = [(q.speaker_mention_start, q.speaker_mention_end, q.speaker_mention),
             (q.speaker_start, q.speaker_end, q.speaker_text)]
    for s, e, text in spans:
        if s is not None and e is not None and not any((r.start, r.end) == (s, e) for r in out):
            out.append(FindingRef(article_id=q.article_id, start=s, end=e, text=text or "", item_id=q.id))
    return out

