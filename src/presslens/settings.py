"""Settings: defaults in settings.toml beside this file, overridable by a user file and env."""

from __future__ import annotations

import os
import tomllib
from copy import deepcopy
from pathlib import Path
from typing import Any

DEFAULTS_PATH = Path(__file__).with_name("settings.toml")
Settings = dict[str, dict[str, Any]]


def _merge(base: Settings, over: dict[str, Any]) -> Settings:
    out = deepcopy(base)
    for section, values in over.items():
        if section not in out or not isinstance(values, dict):
            raise ValueError(f"unknown settings section {section!r}")
        for key, value in values.items():
            if key not in out[section]:
                raise ValueError(f"unknown setting {section}.{key}")
            out[section][key] = value
    return out


def load_settings(path: str | Path | None = None, **overrides: dict[str, Any]) -> Settings:
    with DEFAULTS_PATH.open("rb") as fh:
        settings: Settings = tomllib.load(fh)
    if path:
        with Path(path).open("rb") as fh:
            settings = _merge(settings, tomllib.load(fh))
    env: dict[str, dict[str, Any]] = {}
    for section, values in settings.items():
        for key, value in values.items():
            raw = os.environ.get(f"PRESSLENS_{section.upper()}_{key.upper()}")
            if raw is not None and isinstance(value, str):
                env.setdefault(section, {})[key] = raw
            elif raw is not None and isinstance(value, int):
                env.setdefault(section, {})[key] = int(raw)
    settings = _merge(settings, env)
    if overrides:
        settings = _merge(settings, overrides)
    return settings
