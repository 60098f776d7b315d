"""Readers (one module per format): plain-text page dumps, HTML, WARC and JSONL, plus the path walker.

``read_paths`` turns files and folders into a stream of ``Page`` records and ``IngestError``
records. A bad input is always one ``IngestError`` (one clear line naming the file and the
problem) and never stops the batch. See docs/ingest.md for formats, field mapping and the
error table.

Text policy. Every reader stores *normalised* text: newlines are ``\\n`` (``\\r\\n`` and lone
``\\r`` are converted), a leading BOM is dropped, and every character offset in the store points
into that stored text, never into the raw bytes of the file.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import registry
from ..records import IngestError
from ..settings import Settings
from ..text.safe import one_line, show_path
from . import html, jsondoc, jsonl, text, warc  # noqa: F401  (register the built-in readers)
from .base import MAX_BYTES, Item, Reader, ReadFailure, limit
from .base import err as _err
from .decode import decode_bytes, normalise_text
from .html import TRAFILATURA_MAX_BYTES, extract_html, strip_html_stream
from .sniff import _head, binary_kind, sniff

__all__ = [
    "Item", "ReadFailure", "Reader", "TRAFILATURA_MAX_BYTES", "binary_kind", "decode_bytes", "extract_html",
    "format_for", "normalise_text", "read_file", "read_paths", "sniff", "strip_html_stream",
]

log = logging.getLogger(__name__)
# Formats with an extension list in settings (ingest.<format>_ext).
FORMATS = ("text", "html", "warc", "jsonl", "json")


# --------------------------------------------------------------------------- walking


def _ext_map(settings: Settings) -> list[tuple[str, str]]:
    """(extension, format) pairs, longest extension first so '.warc.gz' beats '.gz'."""
    ing = settings["ingest"]
    pairs = []
    for fmt in FORMATS:
        pairs += [(e.lower(), fmt) for e in ing.get(f"{fmt}_ext", [])]
    return sorted(pairs, key=lambda p: -len(p[0]))


def format_for(path: Path, settings: Settings) -> str | None:
    name = path.name.lower()
    for ext, fmt in _ext_map(settings):
        if name.endswith(ext):
            return fmt
    return None


def _missing(p: Path) -> IngestError:
    """A path that is not there: a dangling symbolic link says where it points."""
    if os.path.islink(p):
        return _err(p, "broken_link", f"symbolic link to a missing target ({os.readlink(p)})")
    return _err(p, "not_found", "no such file or folder")


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files in argument order; folders recursively in sorted order; hidden entries skipped."""
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        if not p.exists():
            yield _missing(p.absolute())
            continue
        if p.is_dir():
            found: list[Path | IngestError] = []

            def unreadable(exc: OSError, found: list[Path | IngestError] = found, top: Path = p) -> None:
                # os.walk skips a folder it cannot list unless told: that would be a silent loss.
                name = exc.filename if exc.filename is not None else top
                found.append(_err(Path(name).absolute(), "unreadable", f"cannot list folder ({exc.strerror or exc})"))

            # Symbolic links to folders are followed (links to files always were: skipping a
            # linked folder lost its pages without a word); a folder reached twice (a link loop,
            # or two links to one folder) is walked once.
            walked: set[str] = set()
            for root, dirs, files in os.walk(p, onerror=unreadable, followlinks=True):
                real = os.path.realpath(root)
                if real in walked:
                    dirs[:] = []
                    continue
                walked.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # Metadata sidecars (text.SIDECAR_SUFFIX) are read with their page, not as pages.
                found += [Path(root, f) for f in sorted(files) if not f.startswith(".") and not f.endswith(".meta.json")]
            files_iter: Iterable[Path | IngestError] = found
        else:
            files_iter = [p]
        for f in files_iter:
            if isinstance(f, IngestError):
                yield f
                continue
            # realpath, not Path.resolve: resolve raises on a link loop, which ended the whole walk.
            key = os.path.realpath(f)
            if key in seen:  # the same file named twice (or via a folder and directly)
                continue
            seen.add(key)
            yield f.absolute()


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Item]:
    """Every page in ``paths`` (files or folders), in a deterministic order; bad inputs as errors.

    All paths are listed first, then read, so a file removed in between is reported as
    ``vanished`` (not ``not_found``) and the rest of the batch goes on.
    """
    listed = list(_expand(paths))
    for entry in listed:
        if isinstance(entry, IngestError):
            yield entry
            continue
        yield from read_file(entry, settings)


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """All pages of one file; any failure becomes one IngestError after the pages read so far."""
    max_bytes = limit(settings, "max_bytes", MAX_BYTES)
    try:
        st = path.stat()
    except FileNotFoundError:
        if os.path.islink(path):
            yield _missing(path)
        else:
            yield _err(path, "vanished", "file disappeared after it was listed")
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield _err(path, "broken_link", "symbolic link loop (the link leads back to itself)")
        else:
            yield _err(path, "unreadable", f"cannot stat file ({exc.strerror or exc})")
        return
    if not path.is_file():
        yield _err(path, "not_a_file", "not a regular file")
        return
    if st.st_size == 0:
        yield _err(path, "empty", "file is empty (0 bytes)")
        return
    if st.st_size > max_bytes:
        yield _err(
            path,
            "too_large",
            f"file is {st.st_size:,} bytes, over ingest.max_bytes={max_bytes:,}; split it or raise the limit",
        )
        return
    fmt = format_for(path, settings)
    try:
        head = _head(path)
        if fmt is None:
            fmt = sniff(head, path)
        if fmt is None:
            binary = binary_kind(head)
            if binary:
                raise ReadFailure("binary", f"binary file ({binary}), not a page format presslens reads")
            raise ReadFailure("unknown_format",
                              "unknown extension and content is not text, HTML, JSON, JSONL or WARC")
        if fmt in ("text", "html", "json") or (fmt == "jsonl" and not path.name.lower().endswith(".gz")):
            binary = binary_kind(head)
            if binary:
                raise ReadFailure("binary", f"binary file ({binary}), not {fmt}")
        reader: Reader = registry.readers.get(fmt)
        yield from reader(path, settings)
    except ReadFailure as exc:
        yield _err(path, exc.problem, exc.message, exc.line)
    except FileNotFoundError:
        yield _err(path, "vanished", "file disappeared after it was listed")
    except PermissionError:
        yield _err(path, "unreadable", "permission denied")
    except MemoryError:
        yield _err(path, "too_large", "not enough memory to read this file")
    except Exception as exc:  # a reader bug or odd input must not end the batch
        log.exception("reader failed on %s", one_line(show_path(path)))
        yield _err(path, "read_failed", f"could not read ({type(exc).__name__}: {exc})")

