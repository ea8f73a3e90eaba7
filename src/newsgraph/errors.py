"""One error type for the whole project, with an HTTP status and one body shape.

>>> NotFound("unknown query 'x'").to_dict()
{'error': "unknown query 'x'", 'status': 404}
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph reports to a user; the message says what was wrong."""

    status = 500

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def to_dict(self) -> dict[str, object]:
        """The error as the JSON body every route returns."""
        return {"error": self.message, "status": self.status}


class BadRequest(NewsgraphError):
    """The request (a parameter, a query, a body) is not acceptable."""

    status = 400


class NotFound(NewsgraphError):
    """No such query, resource or graph."""

    status = 404


class UnsupportedMediaType(NewsgraphError):
    status = 415


class ConfigError(NewsgraphError):
    """A setting has a value that cannot work."""

    status = 500


class InputError(NewsgraphError):
    """An input file or record cannot be read as an article; the message names it."""

    status = 400


class StoreError(NewsgraphError):
    """The store cannot be opened or written (locked, missing, corrupt)."""

    status = 503


class PayloadTooLarge(NewsgraphError):
    """A query, a body or a parameter value is over its size limit."""

    status = 413


class ServiceUnavailable(NewsgraphError):
    """The server cannot answer now: a query ran out of time or memory, or all are busy,
    or what it needs is still being built (``retry_after``: seconds to wait, sent as the
    response's ``Retry-After``)."""

    status = 503

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StoreLocked(StoreError):
    """Another process (an ingest or a load) is writing the store."""
