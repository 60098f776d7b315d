"""Opening the store file: one writer per store (a lock file), waiting out another process's short
hold, and every failure as a one-line ``StoreError`` for the user."""

from __future__ import annotations

import ctypes
import functools
import os
import re
import time
from datetime import UTC, datetime
from typing import Any

import duckdb

# Seconds a connection waits for another process's short hold on the file (a batch commit, a
# read) before the store is reported busy.
BUSY_TIMEOUT_S = 10.0


class StoreError(RuntimeError):
    """The store cannot be used; the message is one line for the user."""


class StoreBusy(StoreError):
    """Another process writes the store (or holds it open longer than the busy timeout)."""


class StoreFailed(StoreError):
    """The store file is unreadable, corrupt, or a write failed (disk full, I/O error)."""


class SchemaMismatch(StoreError):
    pass


def _holder(exc: BaseException) -> str:
    m = re.search(r"PID (\d+)", str(exc))
    return f" (pid {m.group(1)})" if m else ""


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


class WriterLock:
    """One writer per store: an exclusive ``flock`` on ``<store>.lock``, held while a process
    writes (the OS drops it when the process dies, even on kill -9). The file says who holds it."""

    def __init__(self, store_path: str) -> None:
        self.path = store_path + ".lock"
        self.fh: Any = None

    def acquire(self) -> WriterLock:
        try:
            import fcntl
        except ImportError:  # not POSIX: DuckDB's own file lock still keeps a second writer out
            return self
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            who = " ".join(fh.read(200).split()) or "another process"
            fh.close()
            raise StoreBusy(f"store {self.path[:-5]} is being written by {who}; "
                            "wait for it to finish (only one writer at a time)") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"presslens pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}\n")
        fh.flush()
        self.fh = fh
        return self

    def release(self) -> None:
        if self.fh is not None:
            self.fh.close()  # closing the descriptor drops the flock
            self.fh = None


def connect(path: str, *, read_only: bool, busy_timeout: float = BUSY_TIMEOUT_S) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting out another process's short hold; errors are one-line StoreErrors."""
    deadline = time.monotonic() + busy_timeout
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except (duckdb.IOException, duckdb.BinderException) as exc:
            # BinderException: this process's own server (``serve`` in-process) has the file
            # attached read-only between requests; it lets go within a second (server/db_base.py).
            if "lock" not in str(exc).lower() and "file handle conflict" not in str(exc).lower():
                raise StoreFailed(f"cannot open store {path}: {one_line(exc)}") from None
            if time.monotonic() >= deadline:
                raise StoreBusy(f"store {path} is held open by another process{_holder(exc)} "
                                f"for over {busy_timeout:g} s; try again when it is done") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as exc:  # not a DuckDB file, corrupt header or catalog, newer format
            raise StoreFailed(f"cannot open store {path}: {one_line(exc)}") from None


def write_failure(exc: BaseException, path: str) -> StoreFailed | None:
    """A write that failed because of the machine (disk full, I/O error, DuckDB invalidated), as a
    one-line ``StoreFailed``; None for a failure caused by the data being written."""
    if isinstance(exc, StoreError):
        return exc if isinstance(exc, StoreFailed) else None
    if isinstance(exc, duckdb.IOException | duckdb.FatalException | duckdb.InternalException | OSError):
        hint = " (disk full?)" if "space" in str(exc).lower() else ""
        return StoreFailed(f"writing store {path} failed{hint}: {one_line(exc)}")
    return None


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018  (glibc only)
    except (OSError, AttributeError):
        return None
    return libc


def trim_heap() -> None:
    """Hand the free pages of glibc's heap back to the system (``malloc_trim``; nothing elsewhere),
    and those Arrow's allocator keeps for reuse (the stages' id tables: 10-14 MB after the merge and
    after the copy step, session 27). What a store-wide stage freed (its rows, DuckDB's query memory)
    otherwise stays resident, kept by the allocator in fragments, and the next stage's peak starts
    from it (issue 19)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
    import pyarrow as pa  # loaded by the store's writes already; here only where a stage sheds

    pa.default_memory_pool().release_unused()
