"""The extraction suite's scorer and its frozen split."""

from __future__ import annotations

from pathlib import Path

from presslens import registry
from presslens.eval.extraction import (
    FROZEN_SHA256,
    Expectation,
    frozen_checksum,
    frozen_files,
    load_expectations,
    score,
)

ROOT = Path(__file__).resolve().parents[1] / "eval" / "dev" / "extraction"


def test_frozen_split_matches_pinned_checksum() -> None:
    exps = load_expectations(ROOT)
    files = [e.file for e in exps]
    assert len(files) == 106
    frozen = frozen_files(files)
    assert len(frozen) == 36
    assert frozen_checksum(frozen) == FROZEN_SHA256
    # FROZEN.md lists the same split.
    table = (ROOT / "FROZEN.md").read_text(encoding="utf-8")
    listed = {line.split("|")[1].strip() for line in table.splitlines() if line.endswith(" |") and "| frozen |" in line}
    assert listed == set(frozen)


def test_every_expected_page_is_present() -> None:
    for e in load_expectations(ROOT):
        assert (ROOT / "pages" / e.file).is_file(), e.file


def test_score_counts_kept_and_dropped_snippets() -> None:
    exps = [Expectation("a.html", "u", ["keep  this", "also this"], ["drop me", "menu"])]
    got = score({"a.html": "keep this\nand drop me"}, exps)
    assert got["with_kept"] == 0.5 and got["without_dropped"] == 0.5
    assert score({}, exps)["with_kept"] == 0.0


def test_suite_registered() -> None:
    assert "extraction" in registry.suites.names()
