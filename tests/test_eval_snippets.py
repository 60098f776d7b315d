"""The events snippet set (eval/dev/events_snippets/) and its suite's violence macro-F1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from presslens.eval.events_snippets import violence_macro

ROOT = Path(__file__).resolve().parents[1]


def test_snippet_gold_passes_its_checks_and_is_current() -> None:
    script = ROOT / "eval" / "dev" / "events_snippets" / "build.py"
    out = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]


def test_violence_macro_averages_only_the_types_seen() -> None:
    types = {"ASSAULT_f1": 0.8, "COERCE_f1": 0.6, "ACCUSE_f1": 0.0}
    assert violence_macro(types) == 0.7  # PROTEST, MOBILIZE, THREATEN absent: not averaged in as 0
    assert violence_macro({"ACCUSE_f1": 1.0}) == 0.0
