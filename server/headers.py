"""Headers every response carries: security headers on all, CORS on the machine routes.

The pages use no inline script or style and nothing from other origins, so the Content
Security Policy can allow only this server itself.
"""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CORS_PATHS = ("/sparql", "/query", "/queries", "/export", "/search")
"""Path prefixes that browser tools on other origins (YASGUI, Comunica) may call."""


def init_app(app: Flask) -> None:
    app.after_request(add_headers)


def add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith(CORS_PATHS):
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Access-Control-Expose-Headers"] = "Content-Disposition, Content-Type, Vary"
        if request.method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            requested = request.headers.get("Access-Control-Request-Headers")
            headers["Access-Control-Allow-Headers"] = requested or "Accept, Content-Type"
            headers["Access-Control-Max-Age"] = "86400"
    return response
