"""The same search results as CSV, RSS 2.0 or Atom (``?format=csv|rss|atom``)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, time
from typing import Any

from feedgen.feed import FeedGenerator
from flask import Response, url_for
from markupsafe import Markup

from indexer.models import SearchPage
from webapp.formatting import university_name

FORMATS = ("html", "json", "csv", "rss", "atom")
FEED_MAX_ITEMS = 100
CSV_COLUMNS = ("id", "date", "university", "lang", "title", "url", "snippet")


def to_csv(page: SearchPage) -> Response:
    """One row per result; the snippet as plain text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for hit in page.hits:
        writer.writerow([hit.id, hit.date.isoformat() if hit.date else "", hit.university,
                         hit.lang, _safe_cell(hit.title), hit.url,
                         _safe_cell(Markup(hit.snippet).striptags())])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=qazsearch.csv"
    return response


def _safe_cell(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)


def to_feed(page: SearchPage, kind: str, self_url: str, locale: str) -> Response:
    """An RSS 2.0 or Atom feed of the results (at most FEED_MAX_ITEMS)."""
    query = _xml(page.request.query) or "Qazsearch"
    self_url = _xml(self_url)
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(f"Qazsearch: {query}")
    feed.subtitle(f"{page.total} results")
    feed.link(href=self_url, rel="self")
    feed.link(href=self_url.replace("format=" + kind, "format=html"), rel="alternate")
    feed.language(locale)
    feed.updated(datetime.now(UTC))
    for hit in reversed(page.hits[:FEED_MAX_ITEMS]):  # feedgen prepends entries
        entry = feed.add_entry()
        entry.id(_xml(hit.url))
        entry.title(_xml(hit.title))
        entry.link(href=_xml(hit.url))
        entry.summary(_xml(Markup(hit.snippet).striptags()))
        entry.author(name=_xml(university_name(hit.university, locale)))
        if hit.date:
            stamp = datetime.combine(hit.date, time(), tzinfo=UTC)
            entry.published(stamp)
            entry.updated(stamp)
        else:
            entry.updated(datetime(1970, 1, 1, tzinfo=UTC))
    if kind == "rss":
        return Response(feed.rss_str(pretty=True), mimetype="application/rss+xml")
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")


def feed_links(lang_code: str, args: dict[str, list[str]]) -> dict[str, str]:
    """Autodiscovery URLs of the current search as RSS and Atom."""
    values: dict[str, Any] = dict(args)
    return {kind: url_for("web.search_page", lang_code=lang_code, **{**values, "format": kind},
                          _external=True) for kind in ("rss", "atom")}
