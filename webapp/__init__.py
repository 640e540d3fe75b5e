"""Qazsearch web app: server-rendered search pages and a JSON API."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, g, request
from flask_babel import Babel

from indexer import settings
from indexer.search.live import LiveIndex

LOCALES = ("kk", "ru", "en")
DEFAULT_LOCALE = "kk"

_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: the settings table (defaults, then each setting's environment
    variable, :mod:`indexer.settings`), then ``test_config``.

    Config keys used here: ``INDEX_DIR`` (index root), ``PER_PAGE``, ``MAX_PER_PAGE``,
    ``RESULT_CACHE`` (search answers kept in memory per process; 0 turns it off),
    ``EXPORT_MAX`` (rows of a CSV or JSON export).
    """
    app = Flask(__name__)
    app.config.from_mapping(
        settings.current(),
        BABEL_DEFAULT_LOCALE=DEFAULT_LOCALE,
        BABEL_TRANSLATION_DIRECTORIES=os.path.join(app.root_path, "translations"),
        JSON_AS_ASCII=False,
    )
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    Babel(app, locale_selector=_select_locale)

    from webapp import api, errors, formatting, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    formatting.register(app)
    app.after_request(_security_headers)
    app.url_defaults(_add_lang_code)
    return app


def _add_lang_code(endpoint: str | None, values: dict[str, Any]) -> None:
    """Pages of the "web" blueprint keep the UI language unless told otherwise."""
    if endpoint and endpoint.startswith("web.") and endpoint != "web.root":
        values.setdefault("lang_code", _select_locale())


def live_index() -> LiveIndex:
    """The app's :class:`LiveIndex`, created on first use (never at import)."""
    from flask import current_app

    live = current_app.extensions.get("qazsearch")
    if live is None:
        live = LiveIndex(current_app.config["INDEX_DIR"],
                         cache_size=int(current_app.config["RESULT_CACHE"]))
        current_app.extensions["qazsearch"] = live
    return live


def _select_locale() -> str:
    lang = getattr(g, "lang", None)
    if lang in LOCALES:
        return lang
    return request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE


def _security_headers(response: Any) -> Any:
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response
