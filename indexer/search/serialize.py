"""The JSON shape of search results: the API object, ``qazsearch search --json`` and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from indexer.models import SearchHit, SearchPage


def page_to_dict(page: SearchPage) -> dict[str, Any]:
    """The JSON object of the API (and ``qazsearch search --json``)."""
    req = page.request
    return {
        "ok": True, "query": req.query, "total": page.total, "page": req.page,
        "per_page": req.per_page, "sort": req.sort, "versions": req.versions,
        "stories": page.stories or None, "generation": page.generation,
        "results": [hit_to_dict(h) for h in page.hits],
        "facets": {name: dict(counts) for name, counts in page.facets.items()},
        "notices": list(page.notices), "suggestion": page.suggestion or None,
        "variants": list(page.variants),
    }


def hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    """One hit as in the API's ``results``."""
    return {
        "id": hit.id, "url": hit.url, "title": hit.title, "title_html": hit.title_html,
        "snippet": hit.snippet,
        "date": _iso(hit.date), "university": hit.university, "lang": hit.lang,
        "versions": [{"lang": v.lang, "url": v.url, "id": v.id or None} for v in hit.versions],
        "similar": [{"id": s.id, "url": s.url, "title": s.title, "university": s.university,
                     "date": _iso(s.date)} for s in hit.similar],
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
