"""The outermost ASGI layer: security headers on every response, and a size limit on every
request body, enforced before the application sees a byte of it.

Why buffer here instead of checking inside the routes: a limit checked after the framework
has parsed a form or a JSON document is no limit. A body announced as too large
(Content-Length) is refused at once; a chunked body is counted as it arrives and refused as
soon as it passes the limit, without reading the rest. The body is then replayed to the
application from memory (bounded by the limit).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_OWN = {name for name, _ in SECURITY_HEADERS}


class TooLarge(Exception):
    pass


class Guard:
    """Wraps `app`; `limit_for(path)` gives the largest body allowed on a path, in bytes.

    Also refuses, before anything else runs: a Host header outside `allowed_hosts` (when
    given; a page elsewhere re-pointing its own name at 127.0.0.1 must not reach a loopback
    server), and a POST a browser sends from another site (a page elsewhere must not make a
    visitor's browser add to their library). Clients that send neither Sec-Fetch-Site nor
    Origin (curl, scripts) are not affected.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int],
                 allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.limit_for = limit_for
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OWN]
                message["headers"] = headers + list(SECURITY_HEADERS)
            await send(message)

        host = _header(scope, b"host") or ""
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            await _refuse(send_with_headers, 400, "host not allowed", {"host": host[:100]})
            return
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS") and _cross_site(scope, host):
            await _refuse(send_with_headers, 403, "cross-site request refused",
                          {"origin": (_header(scope, b"origin") or "")[:100]})
            return
        limit = self.limit_for(str(scope.get("path", "")))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send_with_headers, limit)
            return
        try:
            body = await _read_body(receive, limit)
        except TooLarge:
            await _too_large(send_with_headers, limit)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect as usual

        await self.app(scope, replay, send_with_headers)


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return bytes(v).decode("latin-1")
    return None


def _cross_site(scope: Scope, host: str) -> bool:
    """A browser says so (Sec-Fetch-Site), or names another origin. With our no-referrer
    policy a browser's own form posts carry `Origin: null`, so Sec-Fetch-Site decides
    first; a bare `null` origin (a sandboxed frame, a very old browser) is refused."""
    site = _header(scope, b"sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = _header(scope, b"origin")
    return origin is not None and origin != f"{scope.get('scheme', 'http')}://{host}"


def _hostname(host: str) -> str:
    """`host[:port]` or `[v6]:port` -> the name alone, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _content_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


async def _read_body(receive: Receive, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise TooLarge
        parts.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(parts)


async def _too_large(send: Send, limit: int) -> None:
    await _refuse(send, 413, "request body too large", {"limit_bytes": limit})


async def _refuse(send: Send, status: int, error: str, detail: dict[str, Any]) -> None:
    payload = json.dumps({"error": error, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})
