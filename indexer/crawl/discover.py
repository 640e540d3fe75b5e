"""Where the next URLs come from: HTML links, sitemaps (usp) and feeds (feedparser).

Each function takes a fetched body and returns ``(url, kind)`` links, kind
being ``page``, ``sitemap`` or ``feed``. Nothing here touches the network:
ultimate-sitemap-parser parses the sitemap text it is given (sub-sitemaps of
an index come back as links to fetch), feedparser parses the feed bytes.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser
from lxml import etree, html

from indexer.extract.dates import parse_date

LOGGER = logging.getLogger(__name__)

Link = tuple[str, str]
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
#: Links to files with these endings are not pages: never queued.
NOT_PAGES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z",
             ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".avi", ".css",
             ".js", ".ico", ".woff", ".woff2")
#: A page with at least this many dates on it is a listing (for ``--since``).
LISTING_DATES = 3
#: The language path prefixes sites use, by language ("/kz/news" and "/kk/news").
LANGUAGE_PREFIXES = {"kk": ("kk", "kz", "kaz", "qaz"), "ru": ("ru", "rus"), "en": ("en", "eng")}


def html_links(body: bytes, url: str, since: date | None = None) -> tuple[list[Link], str | None]:
    """Links and the canonical URL of an HTML page.

    With ``since``, a listing page whose newest date is older than ``since``
    yields no links: its pagination (and its old articles) are not followed.
    A page whose ``<meta name="robots">`` says ``nofollow`` yields none either.
    """
    try:
        root = html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return [], None
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    base = urljoin(url, base) if base else url
    canonical = None
    links: list[Link] = []
    for el in root.iter("a", "link", "area"):
        href = (el.get("href") or "").strip()
        if not href:
            continue
        target = web_url(urljoin(base, href))
        if target is None or urlsplit(target).path.lower().endswith(NOT_PAGES):
            continue
        rel = (el.get("rel") or "").lower().split()
        if el.tag == "link":
            if "canonical" in rel:
                canonical = target
            elif "alternate" in rel and (el.get("type") or "").lower() in FEED_TYPES:
                links.append((target, "feed"))
            elif rel and set(rel) & {"alternate", "next", "prev"}:
                links.append((target, "page"))
            continue
        links.append((target, "page"))
    if (since is not None and _older_listing(root, since)) or _nofollow(root):
        links = []
    return links, canonical


def sitemap_links(body: bytes, since: date | None = None) -> list[Link]:
    """Pages and sub-sitemaps of a sitemap (XML, news sitemap, index, text or feed)."""
    from usp.objects.sitemap import IndexXMLSitemap, InvalidSitemap
    from usp.tree import sitemap_from_str

    text = body.decode("utf-8", "replace")
    sitemap = sitemap_from_str(text)
    links: list[Link] = []
    if isinstance(sitemap, IndexXMLSitemap):
        for sub in sitemap.sub_sitemaps:
            if isinstance(sub, InvalidSitemap) and sub.url:
                links.append((sub.url, "sitemap"))
        return links
    for page in sitemap.all_pages():
        when = page.news_story.publish_date if page.news_story else None
        when = when or page.last_modified
        if since is not None and when is not None and _day(when) < since:
            continue
        if (target := web_url(page.url)) is not None:
            links.append((target, "page"))
    return links


def feed_links(body: bytes, url: str, since: date | None = None) -> list[Link]:
    """The entry links of an RSS or Atom feed (entries older than ``since`` left out)."""
    parsed = feedparser.parse(body)
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if since is not None and stamp is not None and date(*stamp[:3]) < since:
            continue
        if href and (target := web_url(urljoin(url, href))) is not None:
            links.append((target, "page"))
    return links


def web_url(url: str) -> str | None:
    """``url`` without its fragment if it is http(s), else None."""
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url if parts.path else url + "/"


def language_variants(path: str) -> set[str]:
    """A path and its other-language versions: ``/kz/news/`` -> ``/ru/news/``, ``/en/news/``..."""
    first, _, rest = path.lstrip("/").partition("/")
    known = {p for prefixes in LANGUAGE_PREFIXES.values() for p in prefixes}
    if first.lower() not in known:
        return {path}
    return {f"/{prefix}/{rest}" for prefix in known}


def _nofollow(root: html.HtmlElement) -> bool:
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("robots", "qazsearchbot"):
            if "nofollow" in (meta.get("content") or "").lower():
                return True
    return False


def _older_listing(root: html.HtmlElement, since: date) -> bool:
    found: list[date] = []
    for text in root.itertext():
        text = text.strip()
        if 6 <= len(text) <= 60 and any(ch.isdigit() for ch in text):
            if (when := parse_date(text)) is not None:
                found.append(when)
    return len(found) >= LISTING_DATES and max(found) < since


def _day(when: datetime | date) -> date:
    return when.date() if isinstance(when, datetime) else when
