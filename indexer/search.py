"""The one search function behind the web page, the JSON API and the CLI."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from whoosh import highlight, query, sorting
from whoosh.searching import Hit, Searcher

from indexer.errors import QueryError
from indexer.facets import facet_counts, facet_filter
from indexer.models import SearchHit, SearchPage, SearchRequest
from indexer.querying import make_parser, parse_query
from indexer.schema import FACETS, body_field

SORTS = ("recency", "relevance", "newest")
MAX_PER_PAGE = 100
MAX_RESULTS = 10_000
#: Relevance with recency: the score halves for every HALF_LIFE_DAYS of age.
HALF_LIFE_DAYS = 365.0
#: How many relevance-ranked candidates the recency sort re-ranks.
RECENCY_POOL = 300
SNIPPET_CHARS = 240


def validate(request: SearchRequest) -> None:
    """Reject parameters no page could show.

    Raises:
        QueryError: With a message saying which parameter is wrong.
    """
    if request.sort not in SORTS:
        raise QueryError(f"unknown sort {request.sort!r}; use one of {', '.join(SORTS)}")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    if request.page < 1 or request.page * request.per_page > MAX_RESULTS:
        raise QueryError(f"page must be between 1 and {MAX_RESULTS // request.per_page}")


def search(searcher: Searcher, request: SearchRequest, generation: str = "") -> SearchPage:
    """Run ``request`` on ``searcher``.

    Args:
        searcher: A Whoosh searcher on an index with :func:`build_schema`'s fields.
        request: Query, filters, page and sort.
        generation: Name of the generation, echoed in the result.

    Returns:
        The requested page of hits, the total and disjunctive facet counts.

    Raises:
        QueryError: Bad parameters, or a query with nothing to search for
            and no filter.
    """
    validate(request)
    selected = {"university": set(request.universities), "year": set(request.years),
                "lang": set(request.langs)}
    if request.query.strip():
        matched = parse_query(make_parser(searcher.schema), request.query)
    elif any(selected.values()):
        matched = query.Every()
    else:
        raise QueryError("the query is empty: type a word, a \"phrase\" or pick a filter")
    flt = facet_filter(selected)
    facets = facet_counts(searcher, matched, selected)
    hits, total = _ranked(searcher, matched, flt, request)
    return SearchPage(request=request, total=total, hits=tuple(hits), facets=facets,
                      generation=generation)


def _ranked(searcher: Searcher, matched: query.Query, flt: query.Query | None,
            request: SearchRequest) -> tuple[list[SearchHit], int]:
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    sort = "newest" if isinstance(matched, query.Every) else request.sort
    if sort == "newest":
        facet = sorting.MultiFacet([sorting.FieldFacet("date", reverse=True),
                                    sorting.FieldFacet("url")])
        results = searcher.search(matched, filter=flt, limit=end, sortedby=facet)
        chosen = list(results)[start:end]
    elif sort == "relevance" or end > RECENCY_POOL:
        results = searcher.search(matched, filter=flt, limit=end)
        chosen = list(results)[start:end]
    else:
        results = searcher.search(matched, filter=flt, limit=RECENCY_POOL)
        chosen = sorted(results, key=_recency_score, reverse=True)[start:end]
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    return [_to_hit(hit) for hit in chosen], len(results)


def _recency_score(hit: Hit) -> float:
    when = hit.get("date")
    if not isinstance(when, datetime):
        return hit.score * 0.25
    age_days = max(0.0, (datetime.now() - when).days)
    return hit.score * math.pow(0.5, age_days / HALF_LIFE_DAYS)


def _to_hit(hit: Hit) -> SearchHit:
    fields: dict[str, Any] = hit.fields()
    when = fields.get("date")
    return SearchHit(
        id=fields["id"], url=fields["url"], title=fields.get("title") or fields["url"],
        snippet=snippet(hit, fields), date=when.date() if isinstance(when, datetime) else None,
        university=fields.get("university", ""), lang=fields.get("lang", ""),
        score=hit.score if isinstance(hit.score, float) else 0.0,
    )


def snippet(hit: Hit, fields: dict[str, Any]) -> str:
    """Best passages of the article with the matches in ``<mark>`` (HTML-escaped).

    Tries the article's own language field, then the exact (phrase) field,
    then the cross-script field; falls back to the article's opening.
    """
    text = fields.get("text") or ""
    for name in (body_field(fields.get("lang", "")), "exact", "fold"):
        if name not in hit.searcher.schema:
            continue
        try:
            found = hit.highlights(name, text=text, top=2)
        except Exception:  # noqa: BLE001 - a highlighting failure must not lose the hit
            found = ""
        if found:
            return found
    return highlight.htmlescape(_opening(text))


def _opening(text: str) -> str:
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def page_to_dict(page: SearchPage) -> dict[str, Any]:
    """The JSON object of the API (and ``qazsearch search --json``)."""
    req = page.request
    return {
        "ok": True,
        "query": req.query,
        "total": page.total,
        "page": req.page,
        "per_page": req.per_page,
        "sort": req.sort,
        "generation": page.generation,
        "results": [
            {"id": h.id, "url": h.url, "title": h.title, "snippet": h.snippet,
             "date": _iso(h.date), "university": h.university, "lang": h.lang}
            for h in page.hits
        ],
        "facets": {name: dict(page.facets.get(name, {})) for name in FACETS},
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
