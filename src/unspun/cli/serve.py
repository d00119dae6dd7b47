"""`unspun serve`: the HTTP API and the web app over one library, on uvicorn.

Bound to loopback by default: the service has no accounts, so anyone who can reach it can
add to the library. Binding elsewhere is allowed, with a loud warning.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import typer
from rich.markup import escape

from unspun.cli.common import LibraryOption, default_library, err_console
from unspun.errors import UsageError

#: Host header names a loopback server answers to (anything else: DNS rebinding).
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host`:`port` (0: a free port the system picks), bound before
    anything says "serving"; UsageError naming the address when it cannot be had."""
    bare = host.strip("[]")
    sock = socket.socket(socket.AF_INET6 if ":" in bare else socket.AF_INET, socket.SOCK_STREAM)
    try:
        # As uvicorn does: a restarted server need not wait out the old one's TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bare, port))
        sock.listen(2048)  # connections wait in the backlog until the server accepts them
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def url_of(sock: socket.socket) -> str:
    """The http URL of a listening socket, with the port it really has."""
    addr, port = sock.getsockname()[:2]
    return f"http://[{addr}]:{port}/" if sock.family == socket.AF_INET6 else f"http://{addr}:{port}/"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("serve")
    def serve(
        library: Path | None = LibraryOption,
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on "
                                 "(loopback by default; anything else is reachable by others)."),
        port: int = typer.Option(8000, "--port", "-p", min=0, max=65535,
                                 help="Port (0: a free one, printed when serving)."),
        readers: int = typer.Option(4, "--readers", min=1, max=64,
                                    help="Reader threads (each with a read-only connection)."),
        read_only: bool = typer.Option(False, "--read-only",
                                       help="Refuse to add articles (no writer)."),
    ) -> None:
        """Serve the HTTP API (OpenAPI at /openapi.json) and the web app over the library."""
        try:
            import uvicorn

            from unspun.service import ServeOptions, create_app
        except ImportError as exc:
            raise UsageError(f"`unspun serve` needs the serve extra: pip install "
                             f"'unspun[serve]' ({exc})") from exc
        path = library or default_library()
        if not path.exists():  # as every other command: serving would create an empty one
            raise UsageError(f"{path}: no library here (build one with `unspun add`)")
        if not is_loopback(host):
            err_console.print(
                f"[bold red]WARNING:[/bold red] listening on {host}, not loopback: anyone who "
                "can reach this address can trace with and ADD TO this library (there are no "
                "accounts). Put it behind an authenticating proxy, or use --read-only.",
                highlight=False)
        hosts = LOOPBACK_NAMES | {host.lower()} if is_loopback(host) else None
        sock = listen(host, port)
        app = create_app(path, ServeOptions(readers=readers, read_only=read_only,
                                            allowed_hosts=hosts))
        err_console.print(f"serving {escape(str(path))} on {url_of(sock)} (Ctrl+C stops)",
                          highlight=False, soft_wrap=True)
        config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                timeout_graceful_shutdown=10)
        with sock:
            uvicorn.Server(config).run(sockets=[sock])
