"""Blueprint "web": the HTML pages, with the UI language in the URL (/kk/, /ru/, /en/)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from indexer.errors import QueryError
from indexer.models import SearchPage
from indexer.search import search
from indexer.stats import get_article
from webapp import LOCALES, _select_locale, live_index
from webapp.params import FILTERS, search_request

bp = Blueprint("web", __name__)


@bp.url_value_preprocessor
def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "lang_code" in values:
        code = values.pop("lang_code")
        if code not in LOCALES:
            abort(404, description=f"unknown interface language {code!r}")
        g.lang = code


@bp.get("/")
def root() -> Response:
    """Send the visitor to their language's home page."""
    return redirect(url_for("web.home", lang_code=_select_locale()))


@bp.get("/<lang_code>/")
def home() -> str:
    """The search box and the index at a glance."""
    return render_template("home.html", args=MultiDict(), page=None)


@bp.get("/<lang_code>/search")
def search_page() -> str | Response:
    """Results with facets; an empty query without filters shows the home page."""
    args = request.args
    if not args.get("q", "").strip() and not any(args.getlist(f) for f in FILTERS):
        return render_template("home.html", args=args, page=None)
    error = None
    page: SearchPage | None = None
    try:
        req = search_request(args, current_app.config)
        live = live_index()
        with live.searcher() as searcher:
            page = search(searcher, req, generation=live.generation())
    except QueryError as exc:
        error = str(exc)
    return render_template("search.html", args=args, page=page, error=error,
                           toggle_url=_toggle_url, page_url=_page_url)


@bp.get("/<lang_code>/article/<article_id>")
def article(article_id: str) -> str:
    """One article's clean text, with a link to the original."""
    live = live_index()
    with live.searcher() as searcher:
        found = get_article(searcher, article_id)
    if found is None:
        abort(404, description=f"no article with id {article_id!r}")
    return render_template("article.html", article=found, args=MultiDict())


def _toggle_url(facet: str, value: str) -> str:
    """The current search with ``value`` added to or removed from ``facet``."""
    args = MultiDict(request.args)
    current = args.getlist(facet)
    args.setlist(facet, [v for v in current if v != value] if value in current
                 else [*current, value])
    args.pop("page", None)
    return url_for("web.search_page", **args.to_dict(flat=False))


def _page_url(number: int) -> str:
    args = MultiDict(request.args)
    args["page"] = str(number)
    return url_for("web.search_page", **args.to_dict(flat=False))
