"""Build ``lang/en/common_words.txt``: lower-case words English writes mostly in lower case.

A capitalised word of this list ("Shortcomings", "Distill", "Police") is a sentence-initial or
headline word, not a proper name; a word missing from it ("Obama", "Kelly", "Harvard") is written
capitalised more often than not. Source: ``en_lexeme_prob`` of spacy-lookups-data (MIT), the
log-probabilities of cased word forms spaCy's English models were built with. A word is listed
when its lower-case form is at least as probable as its title-case form and above ``FLOOR``.

Repeat with: ``pip install spacy-lookups-data==1.0.5 && python -m presslens.lang.build_common_words``
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

FLOOR = -16.0  # ~45,000 words; rarer words say little either way
OUT = Path(__file__).parent / "en" / "common_words.txt"


def common_words(probs: dict[str, float], floor: float = FLOOR) -> list[str]:
    return sorted(w for w, p in probs.items()
                  if w.isalpha() and w.islower() and len(w) > 1 and p > floor and p >= probs.get(w.title(), -99.0))


def main(argv: list[str] | None = None) -> int:
    import spacy_lookups_data  # build-time only: pip install spacy-lookups-data==1.0.5

    src = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(src) as fh:
        probs = json.loads(fh.read())
    words = common_words(probs)
    header = [
        "# Lower-case English words written mostly in lower case (a capitalised one is not a proper name).",
        "# Origin: spacy-lookups-data 1.0.5 (MIT), en_lexeme_prob: lower-case form at least as probable",
        f"# as the title-case form and log-probability above {FLOOR}. Built by",
        "# `python -m presslens.lang.build_common_words`; do not edit by hand.",
    ]
    out = Path(argv[0]) if argv else OUT
    out.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
