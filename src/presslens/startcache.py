"""Start-up tables built once and kept in the user cache, keyed by what they are built from.

Every process that builds the pipeline (a spawned worker, each Ray actor) parsed the same data
files into the same lookup tables. A table built here is pickled into
``$XDG_CACHE_HOME/presslens/startup/`` (where the py3langid model and the gazetteer index already
live) under a name that hashes the data files it reads AND the source of the modules that build
it, so a changed file or a changed builder gives a new name, never a stale table. Nothing is
downloaded; a cache that cannot be written or read (read-only home, a truncated file) only means
the table is built in the process, as before. ``PRESSLENS_NO_STARTUP_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when the way tables are written changes


def user_cache() -> Path:
    """The user's presslens cache folder (``$XDG_CACHE_HOME/presslens``, else ``~/.cache/presslens``):
    the one root of the gazetteer index, the language model and the start-up tables."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "presslens"


def cache_dir() -> Path:
    return user_cache() / "startup"


def key(files: Iterable[Path | Any], code: Iterable[ModuleType]) -> str:
    """A hash of the data files' bytes, the builder modules' source and the Python version."""
    h = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for f in files:
        h.update(str(getattr(f, "name", f)).encode() + b"\0" + f.read_bytes() + b"\0")
    for m in code:
        h.update(m.__name__.encode() + b"\0" + Path(str(m.__file__)).read_bytes() + b"\0")
    return h.hexdigest()[:24]


def path_for(name: str, *, files: Iterable[Path | Any], code: Iterable[ModuleType]) -> Path:
    """Where the table ``name`` built from these files and code is kept."""
    return cache_dir() / f"{name}-{key(files, code)}.pickle"


def cached(name: str, build: Callable[[], T], *, files: Iterable[Path | Any], code: Iterable[ModuleType]) -> T:
    """``build()``, or the table an earlier process built from the same files and code."""
    if os.environ.get("PRESSLENS_NO_STARTUP_CACHE"):
        return build()
    path = path_for(name, files=files, code=code)
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own file, named by the hash of what built it
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: Any) -> None:
    """Written whole or not at all (a reader never sees half a file). Tables of older files or
    code stay (worktrees or versions sharing the cache would delete each other's in turn):
    ``presslens cache --prune`` deletes them."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".tmp-") as fh:
            tmp = fh.name
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except (OSError, pickle.PicklingError):  # read-only cache: built again by the next process
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def current() -> set[Path]:
    """The start-up tables this code reads (built or not yet), for ``presslens cache``."""
    from .layers.actors.registry import imported_cache_path
    from .layers.events.cameo import cache_path

    return {imported_cache_path("petrarch2"), cache_path()}
