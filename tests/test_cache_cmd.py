"""`presslens cache --prune` deletes the indexes an earlier version built and keeps the current ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.commands.cache import cache_files, current


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("PRESSLENS_CACHE", raising=False)
    folder = tmp_path / "presslens"
    folder.mkdir()
    return folder


def test_prune_keeps_current_and_deletes_stale(cache_dir: Path) -> None:
    stale = [cache_dir / "gazetteer-0000000000000000.sqlite", cache_dir / "py3langid-0.0.1-1.npz"]
    for f in [*stale, *current()]:
        f.parent.mkdir(parents=True, exist_ok=True)  # the start-up tables live in a subfolder
        f.write_bytes(b"x" * 10)
    other = cache_dir / "notes.txt"  # not an index: never touched
    other.write_text("keep")
    listed = dict(cache_files())
    assert all(listed[f] is False for f in stale) and all(listed[f] for f in current())
    result = CliRunner().invoke(app, ["cache", "--prune"])
    assert result.exit_code == 0, result.output
    assert "stale" not in result.output and result.output.count("deleted") == 2
    assert not any(f.exists() for f in stale)
    assert all(f.exists() for f in current()) and other.exists()


def test_listing_deletes_nothing(cache_dir: Path) -> None:
    stale = cache_dir / "gazetteer-0000000000000000.sqlite"
    stale.write_bytes(b"x")
    result = CliRunner().invoke(app, ["cache"])
    assert result.exit_code == 0 and "stale" in result.output and stale.exists()
