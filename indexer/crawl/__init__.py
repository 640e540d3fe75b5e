"""Fetch the universities' news politely and incrementally into a WARC.

Built on the light stack rather than Scrapy: httpx (HTTP with timeouts and
streaming), protego (robots.txt, Crawl-delay), ultimate-sitemap-parser
(sitemaps, sitemap indexes, news sitemaps, parsed from text) and feedparser
(RSS/Atom). Scrapy is the standard for large crawls, but it brings the Twisted
reactor, its own process model and settings system into a library CLI whose
crawl is a few thousand pages a day, one host at a time; the light stack is a
plain function call that tests can drive against a local server, and warcio
(already used to read crawls) writes the records.

Modules: :mod:`.crawler` (the loop), :mod:`.fetch` (polite HTTP),
:mod:`.discover` (links from pages, sitemaps, feeds), :mod:`.state` (SQLite
state that makes crawls incremental and resumable), :mod:`.warcfile` (WARC
records), :mod:`.report` (counts per site), :mod:`.seeds` (registry seeds).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["CrawlOptions", "CrawlReport", "FetchOptions", "crawl"]
_HOMES = {"CrawlOptions": "crawler", "crawl": "crawler", "FetchOptions": "fetch",
          "CrawlReport": "report"}


def __getattr__(name: str) -> Any:
    """Import the crawler (httpx, feedparser...) only when it is used, not with the CLI."""
    if name in _HOMES:
        return getattr(import_module(f"indexer.crawl.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'indexer.crawl' has no attribute {name!r}")
