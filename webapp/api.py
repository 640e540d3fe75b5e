"""Blueprint "api": the JSON API under /api."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request

from indexer.search.serialize import page_to_dict
from indexer.search.stats import get_article, index_stats
from webapp import live_index
from webapp.formats import API_FORMATS, data_format, data_response
from webapp.openapi import openapi
from webapp.params import search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/")
def api_index() -> str:
    """The API described for people (the same content as /api/openapi.json)."""
    return render_template("api.html", spec=openapi(), page=None)


@bp.get("/openapi.json")
def api_openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 description of this API."""
    return openapi()


@bp.get("/search")
def api_search() -> dict[str, Any] | Response:
    """``GET /api/search?q=&university=&year=&lang=&page=&per_page=&sort=&format=``.

    Without ``format`` (or ``format=page``): one page with facets. ``format``
    ``json``, ``csv``, ``rss`` or ``atom``: as on the search page.
    """
    fmt = data_format(request.args, "page", API_FORMATS)
    if fmt != "page":
        return data_response(fmt, request.args, "en")
    req = search_request(request.args, current_app.config)
    return page_to_dict(live_index().search(req))


@bp.get("/articles/<article_id>")
def api_article(article_id: str) -> dict[str, Any]:
    """One article with its clean text."""
    live = live_index()
    with live.searcher() as searcher:
        article = get_article(searcher, article_id)
    if article is None:
        abort(404, description=f"no article with id {article_id!r}")
    return {"ok": True, "article": article}


@bp.get("/stats")
def api_stats() -> dict[str, Any]:
    """Documents per university, language and year; generation; last update."""
    live = live_index()
    with live.searcher() as searcher:
        data = index_stats(searcher, live.root, live.searched_generation())
    return {"ok": True, **data}


@bp.get("/health")
def api_health() -> dict[str, Any]:
    """Liveness and the live generation (503 without an index)."""
    live = live_index()
    with live.searcher() as searcher:
        documents = searcher.doc_count()
    return {"ok": True, "status": "ok", "generation": live.searched_generation(),
            "documents": documents}
