"""Every YAML data file reads the same through ``lang.load_yaml`` (libyaml's parser, chosen for
start-up CPU) as through PyYAML's pure-Python safe loader: values, types and key order."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from presslens import lang

FILES = sorted(p for p in Path(lang.__file__).resolve().parents[1].rglob("*.y*ml"))


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def test_there_are_data_files() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_as_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert same(lang.load_yaml(text), yaml.safe_load(text))


def test_types_kept() -> None:
    doc = "a: 1\nb: 1.5\nc: yes\nd: '2'\ne: null\nf: [x, 2]\n"
    assert same(lang.load_yaml(doc), {"a": 1, "b": 1.5, "c": True, "d": "2", "e": None, "f": ["x", 2]})
