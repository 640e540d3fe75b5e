"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json and read at /api/."""

from __future__ import annotations

from typing import Any

from indexer import __version__
from indexer.search.searching import MAX_PER_PAGE, SORTS, VERSIONS
from webapp.formats import API_FORMATS


def _param(name: str, description: str, schema: dict[str, Any],
           where: str = "query", **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description, "schema": schema, **extra}


_ARRAY = {"type": "array", "items": {"type": "string"}}
SEARCH_PARAMETERS = [
    _param("q", "The query: words (AND), \"phrases\", OR / NOT (also И ИЛИ НЕ, ЖӘНЕ НЕМЕСЕ "
           "ЕМЕС), prefix*, fuzzy~, and fields title:, university:, lang:, year:, date:.",
           {"type": "string", "maxLength": 1000}),
    _param("university", "Universities (repeat or comma-separate): id, domain, name or "
           "abbreviation in any language and case (kaznu, KazNU, ҚазҰУ, kaznu.kz).", _ARRAY,
           explode=True),
    _param("year", "Years or ranges: 2023, 2021..2023.", _ARRAY, explode=True),
    _param("acyear", "Academic years (September to August): 2023-2024.", _ARRAY, explode=True),
    _param("lang", "Article languages: kk, ru, en.", _ARRAY, explode=True),
    _param("date_from", "Published on or after (inclusive).", {"type": "string", "format": "date"}),
    _param("date_to", "Published on or before (inclusive).", {"type": "string", "format": "date"}),
    _param("sort", "recency: relevance with a one-year half-life (default); relevance; newest.",
           {"type": "string", "enum": list(SORTS), "default": "recency"}),
    _param("versions", "grouped: the language versions of a story are one result (default); "
           "all: each version is a result.",
           {"type": "string", "enum": list(VERSIONS), "default": "grouped"}),
    _param("prefer_lang", "The version a grouped story shows when it matched: kk, ru or en.",
           {"type": "string"}),
    _param("page", "Result page.", {"type": "integer", "minimum": 1, "default": 1}),
    _param("per_page", "Results per page.",
           {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 10}),
    _param("format", "Leave out for one page with facets. json and csv: every match "
           "(streamed, at most 10,000; the CSV starts with a UTF-8 BOM); rss and atom: the "
           "newest 100.", {"type": "string", "enum": list(API_FORMATS), "default": "page"}),
]
_ERROR = {"description": "Bad parameters: the message lists the values that can be used.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Qazsearch API", "version": __version__,
                 "description": "Search the news of Kazakhstan's universities in Kazakh, "
                                "Russian and English. Every error is "
                                "{\"ok\": false, \"error\", \"status\"}."},
        "paths": {
            "/api/search": {"get": {
                "summary": "Search articles", "parameters": SEARCH_PARAMETERS,
                "responses": {"200": {"description": "One page of results with facet counts "
                                      "(or every match with format=json/csv)."},
                              "400": _ERROR, "503": {"description": "No index yet."}}}},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its clean text",
                "parameters": [_param("article_id", "The article id of a search result.",
                                      {"type": "string"}, where="path", required=True)],
                "responses": {"200": {"description": "The article."},
                              "404": {"description": "No article with this id."}}}},
            "/api/stats": {"get": {
                "summary": "Articles per university, language and year; generations",
                "responses": {"200": {"description": "The counts and the last update."}}}},
            "/api/health": {"get": {
                "summary": "Liveness and the live generation",
                "responses": {"200": {"description": "Up."},
                              "503": {"description": "No index."}}}},
        },
        "components": {"schemas": {"Error": {
            "type": "object", "required": ["ok", "error", "status"],
            "properties": {"ok": {"const": False}, "error": {"type": "string"},
                           "status": {"type": "integer"}}}}},
    }
