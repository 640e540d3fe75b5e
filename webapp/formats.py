"""Search results as data: every match as CSV or JSON, the newest as RSS 2.0 or Atom."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, time

from feedgen.feed import FeedGenerator
from flask import Response, current_app, request, stream_with_context
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from indexer.errors import N_, QueryError
from indexer.models import SearchHit, SearchPage
from indexer.search.searching import MAX_RESULTS, export
from indexer.search.serialize import hit_to_dict
from webapp import live_index
from webapp.formatting import university_name
from webapp.params import search_request
from webapp.selection import search_url

FORMATS = ("html", "json", "csv", "rss", "atom")
#: ``format`` on /api/search: one page with facets (the default), or as on the search page.
API_FORMATS = ("page", "json", "csv", "rss", "atom")
FEED_MAX_ITEMS = 100
CSV_COLUMNS = ("id", "date", "university", "lang", "title", "url", "snippet")


def data_format(args: Mapping[str, str], default: str,
                allowed: tuple[str, ...] = FORMATS) -> str:
    """The ``format`` asked for.

    Raises:
        QueryError: A format not in ``allowed``.
    """
    fmt = args.get("format") or default
    if fmt not in allowed:
        raise QueryError(N_("unknown format %(value)r; use one of %(valid)s"), value=fmt,
                         valid=", ".join(allowed))
    return fmt


def data_response(fmt: str, args: MultiDict[str, str], locale: str) -> Response:
    """The search of ``args`` as ``json`` or ``csv`` (every match) or ``rss``/``atom``."""
    req = search_request(args, current_app.config)
    live = live_index()
    if fmt in ("rss", "atom"):
        if "sort" not in args:
            req = dataclasses.replace(req, sort="newest")
        return to_feed(live.search(req), fmt, request.url, locale)
    limit = int(current_app.config.get("EXPORT_MAX", MAX_RESULTS))

    # The searcher is this thread's cached one: it stays open while the rows stream.
    with live.searcher() as searcher:
        total, hits = export(searcher, req, limit)
    return export_response(fmt, total, hits, req.query, limit, live.searched_generation())


def export_response(fmt: str, total: int, hits: Iterator[SearchHit], query: str,
                    limit: int, generation: str) -> Response:
    """Every match as CSV (with a UTF-8 BOM, for spreadsheet programs) or JSON, streamed.

    ``X-Total-Count`` is the number of matches; at most ``limit`` rows are sent
    (``X-Export-Limit``); JSON says the same in ``total``, ``limit`` and ``truncated``.
    """
    body = (_csv_rows(hits) if fmt == "csv"
            else _json_rows(total, hits, query, limit, generation))
    response = Response(stream_with_context(body),
                        mimetype="text/csv" if fmt == "csv" else "application/json")
    if fmt == "csv":
        response.headers["Content-Disposition"] = "attachment; filename=qazsearch.csv"
    response.headers["X-Total-Count"] = str(total)
    response.headers["X-Export-Limit"] = str(limit)
    response.headers["X-Generation"] = generation
    return response


def _csv_rows(hits: Iterator[SearchHit]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + _drain(out)
    for hit in hits:
        writer.writerow([hit.id, hit.date.isoformat() if hit.date else "", hit.university,
                         hit.lang, _safe_cell(hit.title), hit.url,
                         _safe_cell(Markup(hit.snippet).striptags())])
        yield _drain(out)


def _drain(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _json_rows(total: int, hits: Iterator[SearchHit], query: str, limit: int,
               generation: str) -> Iterator[str]:
    head = {"ok": True, "query": query, "total": total, "limit": limit,
            "truncated": total > limit, "generation": generation}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "results": ['
    for number, hit in enumerate(hits):
        yield ("," if number else "") + json.dumps(hit_to_dict(hit), ensure_ascii=False)
    yield "]}\n"


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


def feed_links(lang_code: str, args: MultiDict[str, str]) -> dict[str, str]:
    """Autodiscovery URLs of the current search as RSS and Atom."""
    return {kind: search_url(args, external=True, lang_code=lang_code, format=kind)
            for kind in ("rss", "atom")}
