"""Serve the demo corpus over real HTTP on 127.0.0.1, as the universities' sites.

One threaded server answers for every site: it reads the host from the
absolute URL of a proxy request (``GET http://kaznu.kz/kz/news/ HTTP/1.1``) or
from the Host header, so a crawler pointed at it with ``--proxy`` sees the
real domains, and the pages' own links and canonical URLs work. Each site gets
``robots.txt``, ``sitemap.xml`` listing all its pages, ETag / Last-Modified and
304 answers; ``special`` paths misbehave on purpose (redirects, errors, a slow
page, a 429 with Retry-After, a binary body behind a ``.html`` name). Every
request is logged for the tests.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from indexer.extract.sources import iter_folder

LAST_MODIFIED = "Mon, 01 Dec 2025 08:00:00 GMT"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@dataclass
class Site:
    """One served site: its host, its pages by path, robots.txt and misbehaving paths.

    ``special`` maps a path to ``redirect:<path>``, ``status:<code>``,
    ``slow:<seconds>``, ``retry-after:<seconds>`` (a 429 the first time) or ``binary``.
    """

    host: str
    pages: dict[str, bytes]
    robots: str = "User-agent: *\nDisallow:\n"
    special: dict[str, str] = field(default_factory=dict)

    def sitemap(self) -> bytes:
        """A sitemap.xml listing every page."""
        urls = "".join(f"<url><loc>http://{self.host}{p}</loc></url>" for p in sorted(self.pages))
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>').encode()


def corpus_site(corpus: Path, folder: str) -> Site:
    """The pages of one corpus folder (``kaznu.kz``), by URL path, as a :class:`Site`.

    The pages' absolute ``https://`` links are served as ``http://`` (the server speaks
    plain HTTP).
    """
    pages = {}
    for page in iter_folder(corpus / folder):
        if hasattr(page, "body"):
            parts = urlsplit(page.url)
            pages[parts.path] = page.body.replace(b"https://", b"http://")
    return Site(host=folder, pages=pages)


@dataclass
class Served:
    """A running server: its proxy URL, sites and request log ``(host, path, status)``."""

    proxy: str
    sites: dict[str, Site]
    log: list[tuple[str, str, int]] = field(default_factory=list)
    delay: float = 0.0
    _tried: set[tuple[str, str]] = field(default_factory=set)

    def fetched(self, status: int | None = 200) -> list[str]:
        """URLs answered (with ``status`` unless None), robots.txt left out."""
        return [f"http://{h}{p}" for h, p, s in self.log
                if p != "/robots.txt" and (status is None or s == status)]


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            host = (parts.netloc or self.headers.get("Host", "")).lower()
            path = parts.path or "/"
            site = served.sites.get(host)
            if served.delay:
                time.sleep(served.delay)
            if site is None:
                return self._send(host, path, 502, b"unknown site", "text/plain")
            rule = site.special.get(path, "")
            if rule.startswith("slow:"):
                time.sleep(float(rule[5:]))
            if rule.startswith("redirect:"):
                return self._send(host, path, 301, b"", "text/html",
                                  {"Location": rule[9:]})
            if rule.startswith("status:"):
                return self._send(host, path, int(rule[7:]), b"error", "text/html")
            if rule.startswith("retry-after:") and (host, path) not in served._tried:
                served._tried.add((host, path))
                return self._send(host, path, 429, b"slow down", "text/plain",
                                  {"Retry-After": rule[12:]})
            if rule == "binary":
                return self._send(host, path, 200, PNG, "text/html")
            if path == "/robots.txt":
                return self._send(host, path, 200, site.robots.encode(), "text/plain")
            if path == "/sitemap.xml":
                return self._page(host, path, site.sitemap(), "application/xml")
            body = site.pages.get(path)
            if body is None:
                return self._send(host, path, 404, b"not found", "text/html")
            return self._page(host, path, body, "text/html")

        def _page(self, host: str, path: str, body: bytes, ctype: str) -> None:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == etag:
                return self._send(host, path, 304, b"", None, headers)
            if "gzip" in self.headers.get("Accept-Encoding", "") and len(body) > 2048:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            return self._send(host, path, 200, body, ctype, headers)

        def _send(self, host: str, path: str, status: int, body: bytes, ctype: str | None,
                  headers: dict[str, str] | None = None) -> None:
            query = urlsplit(self.path).query
            served.log.append((host, path + (f"?{query}" if query else ""), status))
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(0 if status == 304 else len(body)))
            self.end_headers()
            if status != 304:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

    return Handler


@contextmanager
def serve(sites: list[Site], delay: float = 0.0) -> Iterator[Served]:
    """Run a threaded server for ``sites`` on a free 127.0.0.1 port while the block runs."""
    served = Served(proxy="", sites={s.host: s for s in sites}, delay=delay)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    server.daemon_threads = True
    served.proxy = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
