#!/usr/bin/env python3
"""Build ``src/presslens/lang/en/software_names.txt``: names of programming languages and file
formats that NER misreads as people or organisations ("Python", "TOML", "TypeScript").

Source: the lexer names of Pygments (BSD-2-Clause), the installed version. Kept: one-word names of
four characters or more that are not a common English word (``common_words.txt``), not a word of
any person's name in the registry (PETRARCH2's and ours: "Julia", "Ruby", "Ada" name people), not a
gazetteer place and not in ``software_name_exclude.txt`` (names that are also people, places or
companies, reviewed by hand). Repeat with ``.venv/bin/python tools/build_software_names.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pygments
import yaml
from pygments.lexers import get_all_lexers

from presslens.lang import words
from presslens.layers.places import gazetteer
from presslens.text.names import name_key

ROOT = Path(__file__).resolve().parents[1] / "src" / "presslens"


def person_words() -> set[str]:
    out: set[str] = set()
    for line in (ROOT / "data" / "petrarch2" / "actors.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        if a["type"] == "PERSON":
            for n in [a["name"], *a["aliases"]]:
                out.update(w.lower() for w in n.replace("-", " ").split())
    for a in yaml.safe_load((ROOT / "data" / "actors.yaml").read_text("utf-8"))["actors"]:
        if a.get("type") == "PERSON":
            out.update(w.lower() for w in str(a["name"]).replace("-", " ").split())
    return out


def main() -> None:
    common, people, gaz = words("common_words"), person_words(), gazetteer()
    exclude = words("software_name_exclude")
    keep = sorted({
        name for name, *_ in get_all_lexers()
        if " " not in name and len(name) >= 4 and any(c.isalpha() for c in name)
        and name.lower() not in common and name.lower() not in people and name not in exclude
        and not gaz.by_key(name_key(name))
    })
    head = (f"# Names of programming languages and file formats: Pygments {pygments.__version__} lexer names\n"
            "# (BSD-2-Clause), filtered by tools/build_software_names.py (see its docstring). A name NER\n"
            "# tags PERSON/ORG that is exactly one of these is software, not an actor. Do not edit by hand.\n")
    out = ROOT / "lang" / "en" / "software_names.txt"
    out.write_text(head + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} names -> {out}")


if __name__ == "__main__":
    main()
