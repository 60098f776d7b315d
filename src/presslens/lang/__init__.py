"""Language data: word lists and patterns as files under ``lang/<code>/``, each with its origin.

spaCy's habit: code says what a rule does, data files say which words it applies to. Every file
starts with a comment block naming where its entries come from (a dictionary, the PLOVER manual,
a dev-set page). Load with :func:`data`; results are cached per process and must not be mutated.
"""

from __future__ import annotations

import functools
import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent
# libyaml's parser where PyYAML was built with it: the same documents (every data file loads equal
# with both: bench/startup.py) for ~1/8 of the pure-Python loader's CPU, which was ~0.5 CPU-s of
# every start-up. The pure-Python safe loader otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """A YAML document with PyYAML's safe loader (its C implementation where available)."""
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - safe loaders only


def path(name: str, lang: str = "en") -> Path:
    """The data file ``name`` (with or without extension) for language ``lang``."""
    base = ROOT / lang
    p = base / name
    if p.is_file():
        return p
    for ext in (".yaml", ".yml", ".toml", ".json", ".txt"):
        if (base / (name + ext)).is_file():
            return base / (name + ext)
    raise FileNotFoundError(f"no language data {name!r} for {lang!r} in {base}")


@functools.cache
def data(name: str, lang: str = "en") -> Any:
    """Parsed contents of a data file: YAML/TOML/JSON as objects, ``.txt`` as a list of lines
    (blank lines and ``#`` comments dropped)."""
    p = path(name, lang)
    text = p.read_text(encoding="utf-8")
    if p.suffix in (".yaml", ".yml"):
        return load_yaml(text)
    if p.suffix == ".toml":
        return tomllib.loads(text)
    if p.suffix == ".json":
        return json.loads(text)
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@functools.cache
def words(name: str, lang: str = "en") -> frozenset[str]:
    """A word list as a frozen set (a ``.txt`` file, or a YAML/JSON list). Cached: layers call
    it per article, and building the set of a 45k-word list cost ~1.5 ms each time."""
    return frozenset(data(name, lang))
