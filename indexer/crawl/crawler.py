"""The crawl loop: take the next URL of the host whose turn comes first, fetch, record, queue.

One request at a time: hosts take turns, each paced by its own delay, so
several sites are crawled side by side while none sees two requests at once.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tqdm import tqdm

from indexer.crawl.discover import (
    Link,
    feed_links,
    html_links,
    language_variants,
    sitemap_links,
)
from indexer.crawl.fetch import (
    AlreadyFetched,
    Fetched,
    FetchError,
    FetchOptions,
    PoliteClient,
    host_of,
)
from indexer.crawl.report import CrawlReport
from indexer.crawl.state import CrawlState, Known, Run
from indexer.crawl.warcfile import WarcOut

#: Errors after which the links a page had last time are still followed.
TRANSIENT = ("timeout", "connect", "dns", "network", "http 429", "http 5xx")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


@dataclass
class CrawlOptions:
    """What to crawl and how.

    Attributes:
        fetch: Politeness and limits (delay, timeout, sizes, allowed hosts).
        max_pages: Stop after this many URLs (None: until the queue is empty).
        since: Skip sitemap and feed entries older than this, and stop following
            a listing's pagination once its newest item is older.
        progress: Show a progress bar (tqdm; only on a terminal unless True).
    """

    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_pages: int | None = None
    since: date | None = None
    progress: bool | None = None


def crawl(seeds: Iterable[str], out: Path, state_dir: Path,
          options: CrawlOptions | None = None) -> CrawlReport:
    """Crawl from ``seeds`` into the WARC ``out``, remembering what was seen in ``state_dir``.

    A seed with a path (``/kz/news/``) keeps the crawl of its host under that
    path and its other-language variants (``/ru/news/``, ``/en/news/``); a
    site root seed lets it go anywhere on the host. An interrupted crawl into
    the same ``out`` is resumed; a finished one is followed by a new run that
    asks only for what changed (conditional GETs).
    """
    options = options or CrawlOptions()
    seeds = list(seeds)
    for host in {host_of(url) for url in seeds}:  # the site with and without "www."
        options.fetch.hosts |= {host, host[4:] if host.startswith("www.") else f"www.{host}"}
    state = CrawlState(state_dir)
    client = PoliteClient(options.fetch)
    run = state.open_run(out)
    info = {"operator-contact": options.fetch.contact, "seeds": " ".join(seeds)}
    warc = WarcOut(run.out, run.committed, info)
    try:
        return _Crawler(state, client, warc, run, options).run(seeds)
    finally:
        warc.close()
        client.close()
        state.close()


class _Crawler:
    def __init__(self, state: CrawlState, client: PoliteClient, warc: WarcOut, run: Run,
                 options: CrawlOptions) -> None:
        self.state, self.client, self.warc, self.run_ = state, client, warc, run
        self.options = options
        self.report = CrawlReport(out=str(run.out), resumed=run.resumed)
        self.queues: dict[str, deque[Link]] = {}
        self.sections: dict[str, set[str]] = {}
        self.seeds: set[str] = set()

    def run(self, seeds: list[str]) -> CrawlReport:
        started = time.perf_counter()
        self.sections = seed_sections(seeds)
        self.seeds = set(seeds)
        if not self.run_.resumed:
            self.state.enqueue(self.run_, self._seed_links(seeds))
        for link in self.state.open_urls(self.run_):
            self._queue(link)
        limit = self.options.max_pages
        with tqdm(unit="url", desc="crawling", disable=self._no_bar(), leave=False) as bar:
            while self.queues:
                if limit is not None and self.report.requests >= limit:
                    self.report.finished = False
                    break
                url, kind = self._next()
                if self.state.is_done(self.run_, url):  # reached through a redirect
                    continue
                for link in self._handle(url, kind):
                    self._queue(link)
                self.report.requests += 1
                bar.update(1)
                bar.set_postfix(errors=self.report.error_count(), refresh=False)
        self.report.seconds = time.perf_counter() - started
        if self.report.finished:
            self.state.finish_run(self.run_, self.report.to_dict())
        return self.report

    def _no_bar(self) -> bool | None:
        return None if self.options.progress is None else not self.options.progress

    def _seed_links(self, seeds: list[str]) -> list[Link]:
        links: list[Link] = [(url, "page") for url in seeds]
        for origin in dict.fromkeys("{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in seeds):
            rules = self.client.robots(origin + "/")
            listed = list(rules.sitemaps) if rules is not None else []
            links += [(url, "sitemap") for url in listed or [origin + "/sitemap.xml"]]
        return links

    def _queue(self, link: Link) -> None:
        self.queues.setdefault(host_of(link[0]), deque()).append(link)

    def _next(self) -> Link:
        host = min(self.queues, key=lambda h: self.client.ready_at(self.queues[h][0][0]))
        link = self.queues[host].popleft()
        if not self.queues[host]:
            del self.queues[host]
        return link

    def _in_scope(self, link: Link) -> bool:
        url, kind = link
        host = host_of(url)
        if host not in self.options.fetch.hosts:
            return False
        prefixes = self.sections.get(host)
        if not prefixes or kind != "page":
            return True
        path = urlsplit(url).path
        return any(path.startswith(prefix) for prefix in prefixes)

    def _handle(self, url: str, kind: str) -> list[Link]:
        """Fetch one URL, write its records, commit; the newly queued links."""
        site = host_of(url)
        links: list[Link] = []
        page: Known | None = None
        final = gone = None
        known = self.state.known(url)
        if kind == "page" and url not in self.seeds and self.state.recently_gone(url):
            self.report.count(site, "known gone")
        elif not self.client.allowed(url):
            self.report.count(site, "disallowed")
        else:
            try:
                fetched = self.client.fetch(
                    url, lambda u: _conditional(self.state.known(u)),
                    done=lambda u: self.state.is_done(self.run_, u))
                if fetched.url != url:  # redirected: what we know is the target's
                    final, known = fetched.url, self.state.known(fetched.url)
                links, page = self._record(fetched, kind, known)
            except AlreadyFetched:
                self.report.count(site, "duplicate")
            except FetchError as exc:
                self.report.error(site, exc.kind, url, str(exc))
                gone = int(exc.kind[5:]) if exc.kind in ("http 404", "http 410") else None
                if known is not None and _status_class(exc.kind) in TRANSIENT:
                    links = list(known.links)  # and the index keeps the page meanwhile:
                    if kind == "page" and not exc.kind.startswith("http 5"):
                        self.warc.failure(url, exc.kind, str(exc))
        wanted = [link for link in links if self._in_scope(link)]
        return self.state.commit_page(self.run_, url, self.warc.commit(), page, wanted,
                                      also_done=final, gone=gone)

    def _record(self, fetched: Fetched, kind: str, known: Known | None) -> tuple[list[Link],
                                                                                 Known | None]:
        site = host_of(fetched.url)
        if fetched.status == 304 and known is not None:
            if kind == "page":
                self.warc.revisit(fetched, known.fetched_at, known.canonical)
            self.report.count(site, "not modified")
            return list(known.links), None
        if fetched.status != 200:
            if kind == "page" and fetched.status >= 500:  # the index keeps the page meanwhile
                self.warc.response(fetched)
            raise FetchError(f"http {fetched.status}", f"{fetched.url}: HTTP {fetched.status}")
        since = self.options.since
        canonical = None
        if kind == "sitemap":
            links = sitemap_links(fetched.body, since)
        elif kind == "feed":
            links = feed_links(fetched.body, fetched.url, since)
        else:
            _check_html(fetched)
            links, canonical = html_links(fetched.body, fetched.url, since)
            self.warc.response(fetched)
        self.report.count(site, "fetched")
        return links, Known(
            etag=fetched.header("etag"), last_modified=fetched.header("last-modified"),
            hash=hashlib.sha1(fetched.body).hexdigest(),
            canonical=canonical if kind == "page" else None, links=tuple(links),
            fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def seed_sections(seeds: Iterable[str]) -> dict[str, set[str]]:
    """Path prefixes the crawl stays under, by host; a host with a root seed is absent."""
    sections: dict[str, set[str]] = {}
    whole = set()
    for url in seeds:
        host, path = host_of(url), urlsplit(url).path or "/"
        folder = path[: path.rfind("/") + 1]
        if folder == "/":
            whole.add(host)
        sections.setdefault(host, set()).update(language_variants(folder))
    return {host: prefixes for host, prefixes in sections.items() if host not in whole}


def _conditional(known: Known | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if known is not None and known.etag:
        headers["If-None-Match"] = known.etag
    if known is not None and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def _check_html(fetched: Fetched) -> None:
    """Raise ``non-html`` for a body that is not a web page, whatever its name says."""
    ctype = (fetched.header("content-type") or "text/html").lower()
    head = fetched.body[:1024]
    if ("html" not in ctype and "xml" not in ctype) or b"\x00" in head \
            or head.lstrip().startswith(_BINARY_MAGIC):
        raise FetchError("non-html", f"{fetched.url}: not an HTML page (served as {ctype})")


def _status_class(kind: str) -> str:
    return "http 5xx" if kind.startswith("http 5") else kind
