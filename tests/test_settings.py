"""Settings: every key documented, overrides validated (datasette's documented-settings habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from presslens.settings import load_settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`([a-z_]+\.[a-z_]+)`", DOCS.read_text(encoding="utf-8")))
    keys = {f"{section}.{key}" for section, values in load_settings().items() for key in values}
    missing = sorted(keys - documented)
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_user_file_overrides_and_rejects_unknown_keys(tmp_path: Path) -> None:
    good = tmp_path / "ok.toml"
    good.write_text('[nlp]\nbatch_size = 4\n', encoding="utf-8")
    assert load_settings(good)["nlp"]["batch_size"] == 4
    bad = tmp_path / "bad.toml"
    bad.write_text('[nlp]\nbatchsize = 4\n', encoding="utf-8")
    with pytest.raises(ValueError, match="nlp.batchsize"):
        load_settings(bad)


def test_environment_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_STORE_PATH", "/tmp/x.duckdb")
    monkeypatch.setenv("PRESSLENS_SERVER_PORT", "9999")
    s = load_settings()
    assert s["store"]["path"] == "/tmp/x.duckdb"
    assert s["server"]["port"] == 9999
