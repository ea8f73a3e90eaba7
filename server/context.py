"""What every request shares: the settings, the store handle and the canned queries.

They are created once by :func:`newsgraph.server.create_app` and kept on the app, so a
test can build an app over its own in-memory store.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask, Response, current_app

from newsgraph.config import Settings
from newsgraph.queries import CannedQuery
from newsgraph.store import Store

_KEY = "newsgraph"


@dataclass(frozen=True)
class AppState:
    settings: Settings
    store: Store
    queries: Mapping[str, CannedQuery]


def attach(app: Flask, state: AppState) -> None:
    app.extensions[_KEY] = state


def state() -> AppState:
    """The state of the app handling the current request."""
    return current_app.extensions[_KEY]


def store() -> Store:
    return state().store


def json_response(body: object, status: int = 200) -> Response:
    """A JSON body in UTF-8 (non-ASCII text written as it is, not escaped)."""
    data = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    return Response(data, status=status, content_type="application/json; charset=utf-8")
