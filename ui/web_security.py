"""HTTP hardening for the app: security headers, a Host allow-list, same-origin requests only.

A pure ASGI middleware in front of everything (share pages and Gradio alike), so no route can forget
it. The Host check stops DNS rebinding (a foreign name resolving to 127.0.0.1 reaches the port but
not the app); the Origin check stops other sites, including other ``localhost`` ports, from driving
the API from a visitor's browser. Gradio's own CORS layer, which allows any localhost origin with
credentials, stays off because the parent app configures CORS itself (with no origin allowed).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# Gradio's page needs inline scripts/styles (its config is an inline script), 'unsafe-eval' (gr.HTML
# renders its templates with new Function) and blob: media for uploads; nothing is loaded from
# anywhere else, and no one may frame the app (clickjacking).
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # share ids are secrets in the URL
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}


def host_name(host_header: str) -> str:
    """``example.org:7860`` → ``example.org``; ``[::1]:7860`` → ``::1``; lower case, no trailing dot."""
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[1:host.find("]")] if "]" in host else ""
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def allowed_host_names(bind_host: str | None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names a browser may use for this server: this machine's, the bound address and ``extra``."""
    names = {*LOCAL_HOSTS, *(host_name(h) for h in extra)}
    if bind_host and bind_host not in ("0.0.0.0", "::"):  # a wildcard bind is no name anyone types
        names.add(host_name(bind_host))
    return frozenset(n for n in names if n)


class WebSecurityMiddleware:
    """Reject foreign Host headers (400) and cross-origin requests (403); add security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if host_name(host) not in self.allowed_hosts:
            await self._refuse(scope, receive, send, 400, "Invalid Host header.")
            return
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != host.strip().lower():
            await self._refuse(scope, receive, send, 403, "Cross-origin requests are not allowed.")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    response_headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int, text: str) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await PlainTextResponse(text, status_code=status, headers=SECURITY_HEADERS)(scope, receive, send)


def harden(app: FastAPI, allowed_hosts: frozenset[str]) -> None:
    """Install the checks on ``app``; call before mounting Gradio so its CORS layer stands down."""
    app.add_middleware(CORSMiddleware, allow_origins=[], allow_credentials=False)
    app.add_middleware(WebSecurityMiddleware, allowed_hosts=allowed_hosts)  # added last: runs first
