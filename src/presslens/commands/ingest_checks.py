"""What ``presslens ingest`` is given, checked before any work (one line and exit 2 each)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import typer
import yaml

from ..text.safe import one_line


def check_inputs(db: str, actors: list[str] | None) -> None:
    """What ingest is given, checked before any work: a store in a folder that does not exist and a
    missing or unparsable ``--actors`` file were tracebacks (the first named the store's .lock file)."""
    from ..cli import EXIT_USAGE, error

    parent = Path(db).expanduser().absolute().parent
    if not parent.is_dir():
        error(f"--db {db}: folder {parent} does not exist")
        raise typer.Exit(EXIT_USAGE)
    for path in actors or []:
        try:
            text = Path(path).read_text(encoding="utf-8")
            data = tomllib.loads(text) if path.lower().endswith(".toml") else yaml.safe_load(text)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else one_line(" ".join(str(exc).split()))
            error(f"--actors {path}: not a readable actor registry ({why})")
            raise typer.Exit(EXIT_USAGE) from None
        if not isinstance(data, dict | list):
            error(f"--actors {path}: not an actor registry (a YAML/TOML list or mapping of actors)")
            raise typer.Exit(EXIT_USAGE)

