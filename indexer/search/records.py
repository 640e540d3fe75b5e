"""A document's stored fields as a record: the one place they are read into results."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from indexer.models import SearchHit


def to_hit(fields: Mapping[str, Any], **more: Any) -> SearchHit:
    """The :class:`SearchHit` of one document's stored ``fields``.

    ``more`` sets the fields a search adds (snippet, score, versions...) or
    overrides one (a result's title falls back to its URL).
    """
    when = fields.get("date")
    values: dict[str, Any] = {
        "id": fields["id"], "url": fields["url"], "title": fields.get("title", ""),
        "snippet": "", "date": when.date() if isinstance(when, datetime) else None,
        "university": fields.get("university", ""), "lang": fields.get("lang", ""),
    }
    values.update(more)
    return SearchHit(**values)


def to_article(fields: Mapping[str, Any]) -> dict[str, Any]:
    """One article's stored ``fields``, JSON-ready, with its clean text (the API's object)."""
    hit = to_hit(fields)
    return {
        "id": hit.id, "url": hit.url, "title": hit.title, "text": fields.get("text", ""),
        "date": hit.date.isoformat() if hit.date else None,
        "university": hit.university, "lang": hit.lang,
        "site": fields.get("site", ""), "story": fields.get("story", ""),
        "alternates": alternates(fields),
    }


def alternates(fields: Mapping[str, Any]) -> dict[str, str]:
    """The page's own links to its other-language versions, language -> URL."""
    try:
        value = json.loads(fields.get("alternates") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
