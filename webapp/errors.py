"""Error handlers: JSON under /api, the error page elsewhere; never a 500 for user input."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, NotFound

from indexer.errors import (
    N_,
    IndexBusyError,
    IndexNotFoundError,
    Message,
    QazsearchError,
    QueryError,
)
from webapp.formatting import translate

LOGGER = logging.getLogger(__name__)


def register(app: Flask) -> None:
    """Register one handler per error class."""
    app.register_error_handler(QueryError, lambda e: _respond(400, e.message))
    app.register_error_handler(IndexNotFoundError, lambda e: _respond(503, str(e)))
    app.register_error_handler(IndexBusyError, lambda e: _respond(503, str(e)))
    app.register_error_handler(QazsearchError, lambda e: _respond(500, str(e)))
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error: HTTPException) -> Any:
    description = error.description or error.name
    if error.code == 404 and description == NotFound.description:
        description = Message(N_("There is no page at this address."))
    return _respond(error.code or 500, description)


def _unexpected(error: Exception) -> Any:
    LOGGER.exception("unexpected error on %s", request.path)
    return _respond(500, Message(N_("internal error: the problem was logged")))


def _respond(status: int, message: str) -> Any:
    if request.path.startswith("/api/") or request.args.get("format", "html") != "html":
        return {"ok": False, "error": message, "status": status}, status
    message = translate(message)
    title = _("Search is unavailable") if status == 503 else _("Something is wrong")
    return render_template("error.html", status=status, message=message, title=title), status
