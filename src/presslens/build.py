"""The build fingerprint: what produced a page's stored analysis (issue 16, re-ingest).

A page is re-analysed when it is re-ingested by another build, even if its text is unchanged:
otherwise a store keeps the analyses of an older presslens (older rules, older data, other
settings) forever. The fingerprint hashes what decides an analysis and nothing else, so that a
re-ingest by the same build stays a no-op:

- the presslens version and every file of the package that analyses pages (code, rule data,
  gazetteer), i.e. all but the parts that only read, serve or score the store (``NOT_ANALYSIS``);
- the versions of spaCy and of the configured spaCy model package;
- the settings, less those that change speed or where things go but never an analysis
  (``SPEED_ONLY``), and the article stages that run (``--no-nlp`` runs none).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__

PACKAGE = Path(__file__).resolve().parent
# Parts of the package that never change an article's analysis (store-wide stages redo their own
# work from the stored analyses; the server, CLI, evaluation and engines only move or show it).
NOT_ANALYSIS = {"server", "eval", "across", "commands", "examples", "store", "scoring", "__pycache__",
                "cli.py", "workers.py", "scale.py", "ray_preload.py", "evaluate.py", "testing.py", "build.py"}
# Settings that change speed, inputs or outputs, never what an article's analysis holds.
SPEED_ONLY: dict[str, set[str] | None] = {
    "store": None, "ingest": None, "server": None, "across": None,  # None: the whole section
    "pipeline": {"post", "page_batch", "page_batch_chars", "stages"},  # stages: passed separately
    "nlp": {"batch_size", "memo_tagging"},
}


@functools.cache
def code_digest() -> str:
    """Hash of the package files that analyse pages (read once per process: ~12 MB, ~20 ms)."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if not path.is_file() or rel.parts[0] in NOT_ANALYSIS or path.suffix == ".pyc":
            continue
        h.update(str(rel).encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def _with_files(v: Any) -> Any:
    """A setting naming data files (``actors.extra``) stands for their contents, not their names."""
    if isinstance(v, list):
        return [_with_files(x) for x in v]
    if isinstance(v, str) and 0 < len(v) < 4096 and ("/" in v or v.endswith((".yaml", ".toml", ".json"))):
        p = Path(v)
        if p.is_file():
            return [v, hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()]
    return v


def analysis_settings(settings: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section, values in settings.items():
        skip = SPEED_ONLY.get(section, set())
        if skip is None or not isinstance(values, dict):
            continue
        out[section] = {k: _with_files(v) for k, v in values.items() if k not in skip}
    return out


def fingerprint(settings: dict[str, Any], stages: Sequence[str] | None = None) -> str:
    """The build that analyses pages with these settings and article stages (default: the
    settings' ``pipeline.stages``)."""
    names = list(settings["pipeline"]["stages"] if stages is None else stages)
    model = str(settings.get("nlp", {}).get("model", ""))
    parts = {
        "presslens": __version__,
        "code": code_digest(),
        "spacy": _version("spacy") if "nlp" in names else "-",
        "model": f"{model} {_version(model)}" if "nlp" in names else "-",
        "stages": names,
        "settings": analysis_settings(settings),
    }
    blob = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
    return hashlib.blake2b(blob, digest_size=12).hexdigest()
