"""Data files must not repeat a mapping key: YAML keeps the last one silently, so two rules that
name their word list alike (a merge of two branches did this with ``captive_nouns``) would read
each other's words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import presslens

PKG = Path(presslens.__file__).parent
FILES = sorted([*PKG.rglob("*.yaml"), *PKG.rglob("*.yml")])


class _Strict(yaml.SafeLoader):
    pass


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dups = sorted(str(k) for k, n in Counter(map(repr, keys)).items() if n > 1)
    if dups:
        raise ValueError(f"line {node.start_mark.line + 1}: repeated keys {dups}")
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def test_there_are_data_files() -> None:
    assert len(FILES) > 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_repeated_keys(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=_Strict)  # noqa: S506 - SafeLoader subclass


def test_repeated_key_is_caught() -> None:
    with pytest.raises(ValueError, match="repeated keys"):
        yaml.load("a: [1]\nb: 2\na: [3]\n", Loader=_Strict)  # noqa: S506
