"""One error handler for the whole app: one body shape, a page for browsers.

Every failure — a :class:`~newsgraph.errors.NewsgraphError` raised by a route, an HTTP
error raised by Flask (unknown route, wrong method, body too large) or an unexpected
exception — becomes ``{"error": message, "status": code}``, or an HTML page with the same
message when the client prefers HTML. Nothing internal (no stack trace) is ever sent.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from newsgraph.errors import NewsgraphError
from newsgraph.server.context import json_response
from newsgraph.server.formats import HTML, Format, negotiate

bp = Blueprint("errors", __name__)

_ERROR_FORMATS = (Format("json", "application/json"), HTML)


def error_response(status: int, message: str) -> Response:
    """The error as JSON, or as a page when the client prefers HTML."""
    fmt = negotiate(_ERROR_FORMATS, accept=request.headers.get("Accept"))
    if fmt is HTML:
        page = render_template("error.html", status=status, message=message)
        response = Response(page, status=status, content_type=HTML.content_type)
    else:
        response = json_response({"error": message, "status": status}, status)
    response.vary.add("Accept")
    return response


@bp.app_errorhandler(NewsgraphError)
def handle_newsgraph_error(exc: NewsgraphError) -> Response:
    if exc.status >= 500:
        current_app.logger.error("%s %s: %s", request.method, request.path, exc.message)
    response = error_response(exc.status, exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@bp.app_errorhandler(HTTPException)
def handle_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    response = error_response(status, _http_message(exc, status))
    allowed = getattr(exc, "valid_methods", None)  # a MethodNotAllowed's
    if status == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


@bp.app_errorhandler(Exception)
def handle_unexpected(exc: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "internal error: the server could not answer this request")


def _http_message(exc: HTTPException, status: int) -> str:
    if status == 404:
        return f"no such page: {request.path}; see / for what this server offers"
    if status == 405:
        allowed = ", ".join(getattr(exc, "valid_methods", None) or ())
        return f"method {request.method} is not allowed on {request.path}; allowed: {allowed}"
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        return f"request body too large; the limit is {limit} bytes"
    return exc.description or exc.name
