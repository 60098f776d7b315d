"""`presslens serve`: the local web UI and JSON API over a store (read-only, loopback by default)."""

from __future__ import annotations

import socket
import sys
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
        = None,
        host: Annotated[str | None, typer.Option(
            "--host", help="Interface to bind (default 127.0.0.1; anything else exposes the store).")] = None,
        # A port over 65535 was bound modulo 65536 (99999 -> 34463) while the printed URL said 99999.
        port: Annotated[int | None, typer.Option("--port", min=1, max=65535, help="Port (default 8765).")] = None,
    ) -> None:
        """Serve the web UI (/) and JSON API (/api, docs at /docs) over a store, read-only."""
        import uvicorn

        from ..cli import EXIT_BUSY, EXIT_SERVE, EXIT_STORE, EXIT_USAGE, db_path, error, get_settings
        from ..server.app import create_app
        from ..store import StoreBusy, StoreError

        settings = get_settings()
        bind = host or settings["server"]["host"]
        port_ = port or int(settings["server"]["port"])
        try:
            # Host-header allow-list (anti DNS rebinding): loopback, plus the bound name; a wildcard bind
            # cannot know the names clients will use, so it accepts any.
            wildcard = bind in ("0.0.0.0", "::")
            allowed = ["*"] if wildcard else ([bind] if host else None)
            application = create_app(db_path(db, settings), allowed_hosts=allowed,
                                     threads=int(settings["server"].get("threads", 1)))
        except StoreError as exc:
            error(exc)
            raise typer.Exit(EXIT_BUSY if isinstance(exc, StoreBusy) else EXIT_STORE) from None
        except (FileNotFoundError, ValueError) as exc:
            error(exc)
            raise typer.Exit(EXIT_USAGE) from None
        # Bind before saying where we serve: a busy port is one line and exit status 5, not a URL
        # followed by uvicorn's abort.
        try:
            sock = listen(bind, port_)
        except OSError as exc:
            application.state.db.close()
            error(f"cannot serve on {bind}:{port_}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_SERVE) from None
        if bind not in ("127.0.0.1", "localhost", "::1"):
            error(f"serving on {bind}: other machines can read this store", prefix="warning")
        sys.stderr.write(f"presslens UI on http://{'[' + bind + ']' if ':' in bind else bind}:{port_}/ "
                         "(API docs at /docs; Ctrl-C to stop)\n")
        server = uvicorn.Server(uvicorn.Config(application, log_level="warning"))
        server.run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (what uvicorn would bind), or OSError (EADDRINUSE)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    info = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[0][4])
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
