"""Blueprint "web": the HTML pages, with the UI language in the URL (/kk/, /ru/, /en/)."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from indexer.errors import N_, Message, QazsearchError, QueryError
from indexer.index.schema import FACETS, LANGUAGES
from indexer.models import SearchPage, SearchRequest
from indexer.search.stats import get_article, index_stats
from indexer.search.stories import related, versions
from webapp import LOCALES, _select_locale, live_index
from webapp.formats import data_format, data_response, feed_links
from webapp.params import search_request
from webapp.selection import (
    chips,
    facet_items,
    search_url,
    selected,
    toggle_url,
    with_range,
    year_bars,
)

bp = Blueprint("web", __name__)
#: Latest articles on the home page.
LATEST = 5


@bp.url_value_preprocessor
def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values and "lang_code" in values:
        code = values.pop("lang_code")
        if code not in LOCALES:
            abort(404, description=Message(N_("unknown interface language %(value)r"),
                                           value=code))
        g.lang = code


@bp.get("/")
def root() -> Response:
    """Send the visitor to their language's home page."""
    return redirect(url_for("web.home", lang_code=_select_locale()))


@bp.get("/<lang_code>/")
def home() -> str:
    """The search box and the index at a glance."""
    return render_template("home.html", args=MultiDict(), page=None, overview=_overview())


def _overview() -> dict[str, Any] | None:
    """Articles, universities and years of the live index, and the latest articles."""
    live = live_index()
    try:
        with live.searcher() as searcher:
            data = index_stats(searcher, live.root, live.searched_generation())
        latest = live.search(SearchRequest(langs=LANGUAGES, sort="newest", per_page=LATEST))
    except QazsearchError:
        return None  # no index yet: the search box alone
    years = sorted(y for y in data["by"]["year"] if y.isdigit())
    universities = sorted(data["by"]["university"].items(), key=lambda kv: (-kv[1], kv[0]))
    return {"documents": data["documents"], "universities": universities,
            "first_year": years[0] if years else "", "last_year": years[-1] if years else "",
            "latest": latest.hits}


@bp.get("/<lang_code>/search")
def search_page() -> str | Response | dict[str, Any]:
    """Results with facets; ``format=json|csv|rss|atom`` gives them as data (see webapp.formats).

    An empty query without filters shows the home page. In HTML a bad
    parameter becomes a message on the search page, with status 400.
    """
    args = request.args
    fmt = data_format(args, "html")
    if fmt != "html":
        return data_response(fmt, args, g.lang)
    ranged = with_range(args)
    if ranged is not None:
        return redirect(search_url(ranged))
    if not args.get("q", "").strip() and not any(args.getlist(f) for f in FACETS):
        return render_template("home.html", args=args, page=None, overview=_overview())
    error = None
    page: SearchPage | None = None
    started = time.perf_counter()
    try:
        page = _run_search(args)
    except QueryError as exc:
        error = exc.message
    took = time.perf_counter() - started
    html = render_template("search.html", args=args, page=page, error=error,
                           toggle_url=toggle_url, chips=chips(),
                           selected=selected(page.request if page else None),
                           facet_items=facet_items, year_bars=year_bars, took=took,
                           feeds=feed_links(g.lang, args))
    return Response(html, status=400 if error else 200, mimetype="text/html")


def _run_search(args: MultiDict[str, str]) -> SearchPage:
    """The search of ``args``; a story shows its version in the UI language."""
    if "prefer_lang" not in args:
        args = MultiDict(args)
        args["prefer_lang"] = g.lang
    return live_index().search(search_request(args, current_app.config))


@bp.get("/<lang_code>/article/<article_id>")
def article(article_id: str) -> str:
    """One article's clean text, with a link to the original."""
    live = live_index()
    with live.searcher() as searcher:
        found = get_article(searcher, article_id)
        if found is None:
            abort(404, description=Message(N_("no article with id %(value)r"), value=article_id))
        fields = searcher.document(id=article_id) or {}
        other = versions(searcher, fields)
        similar = related(searcher, article_id)
    return render_template("article.html", article=found, versions=other, related=similar,
                           args=MultiDict())

