"""Polite HTTP fetching: robots.txt, per-host delay, Retry-After, size and time limits.

httpx does the HTTP, protego reads robots.txt. Redirects are followed here,
hop by hop, so every hop is checked against robots.txt and the allowed hosts,
and a loop is caught. A failed fetch raises :class:`FetchError` with a short
``kind`` that the crawl report counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from indexer import __version__

MAX_REDIRECTS = 5
RETRIES = 2


def user_agent(contact: str) -> str:
    """The crawler's User-Agent, naming the software and how to reach its operator."""
    if not contact:
        return f"QazsearchBot/{__version__} (university news search; no contact given)"
    return f"QazsearchBot/{__version__} (+{contact})"


@dataclass
class FetchOptions:
    """How politely and how far to fetch.

    Attributes:
        delay: Seconds between two requests to one host (robots.txt Crawl-delay
            raises it).
        timeout: Connect and read timeout in seconds.
        max_bytes: Largest body kept; a longer page is an error.
        max_retry_wait: Longest Retry-After honoured before giving up on a page.
        hosts: Hosts (``host[:port]``) that may be fetched; redirects elsewhere are errors.
        contact: URL in the User-Agent where site owners can reach the operator
            (give one for any crawl of real sites).
        proxy: Optional HTTP proxy URL.
    """

    delay: float = 1.0
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_retry_wait: float = 60.0
    hosts: set[str] = field(default_factory=set)
    contact: str = ""
    proxy: str | None = None


@dataclass(frozen=True)
class Fetched:
    """One final HTTP response (after redirects), body decoded and complete."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    request_headers: list[tuple[str, str]]

    def header(self, name: str) -> str | None:
        """A response header by case-insensitive name."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class FetchError(Exception):
    """A page that could not be fetched; ``kind`` names the cause for the report."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class AlreadyFetched(FetchError):
    """A redirect led to a page this crawl has already fetched."""

    def __init__(self, message: str) -> None:
        super().__init__("duplicate", message)


class PoliteClient:
    """One HTTP client for the whole crawl, pacing each host on its own.

    Args:
        options: Delay, limits, allowed hosts.
    """

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.client = httpx.Client(
            timeout=httpx.Timeout(options.timeout), follow_redirects=False,
            headers={"User-Agent": user_agent(options.contact),
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                     "Accept-Encoding": "gzip, deflate"},
            proxy=options.proxy, trust_env=options.proxy is None)
        self._robots: dict[str, Protego | None] = {}
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}  # robots.txt Crawl-delay per host

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def ready_at(self, url: str) -> float:
        """The monotonic time at which ``url``'s host may be asked again."""
        return self._next.get(host_of(url), 0.0)

    def robots(self, url: str) -> Protego | None:
        """The robots.txt rules of ``url``'s host (fetched once); None allows everything."""
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        if origin not in self._robots:
            self._robots[origin] = self._fetch_robots(origin)
        return self._robots[origin]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this crawler fetch ``url``."""
        rules = self.robots(url)
        return rules is None or rules.can_fetch(url, user_agent(self.options.contact))

    def fetch(self, url: str, conditional: Callable[[str], dict[str, str]] | None = None,
              done: Callable[[str], bool] | None = None) -> Fetched:
        """GET ``url`` politely, following redirects within the allowed hosts.

        Args:
            url: The URL.
            conditional: The If-None-Match / If-Modified-Since headers for a URL
                (asked for ``url`` and for every redirect target).
            done: Tells whether a redirect target was fetched already in this crawl.

        Raises:
            FetchError: Network error, timeout, HTTP error, loop, too large...
            AlreadyFetched: A redirect led to a page already fetched.
        """
        seen = [url]
        for _ in range(MAX_REDIRECTS + 1):
            response = self._get(url, conditional(url) if conditional else None)
            if response.status not in (301, 302, 303, 307, 308):
                return response
            target = urljoin(url, response.header("location") or "")
            if target in seen:
                raise FetchError("redirect loop", " -> ".join([*seen, target]))
            if host_of(target) not in self.options.hosts:
                raise FetchError("off-site redirect", f"{url} -> {target}")
            if not self.allowed(target):
                raise FetchError("disallowed", f"redirect to {target} is disallowed")
            if done is not None and done(target):
                raise AlreadyFetched(f"{url} -> {target}, fetched already")
            seen.append(target)
            url = target
        raise FetchError("too many redirects", " -> ".join(seen))

    def _fetch_robots(self, origin: str) -> Protego | None:
        url = origin + "/robots.txt"
        try:
            for _ in range(MAX_REDIRECTS):  # RFC 9309: follow at least five redirects
                response = self._get(url, None, robots=True)
                if response.status not in (301, 302, 303, 307, 308):
                    break
                url = urljoin(url, response.header("location") or "")
        except FetchError:
            return None  # unreachable robots.txt: the page fetches will report the host
        if response.status >= 500:
            return Protego.parse("User-agent: *\nDisallow: /")  # RFC 9309: assume disallowed
        if response.status != 200:
            return None
        rules = Protego.parse(response.body.decode("utf-8", "replace"))
        crawl_delay = rules.crawl_delay(user_agent(self.options.contact))
        if crawl_delay:
            self._delays[host_of(origin)] = float(crawl_delay)
        return rules

    def _wait_turn(self, host: str) -> None:
        pause = self._next.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _get(self, url: str, conditional: dict[str, str] | None, *,
             robots: bool = False) -> Fetched:
        host = host_of(url)
        for attempt in range(RETRIES + 1):
            self._wait_turn(host)
            try:
                response = self._send(url, conditional or {})
            finally:
                delay = max(self.options.delay, self._delays.get(host, 0.0))
                self._next[host] = time.monotonic() + delay
            if response.status not in (429, 503) or robots:
                break
            wait = retry_after(response.header("retry-after"))
            if attempt == RETRIES or wait is None or wait > self.options.max_retry_wait:
                break
            self._next[host] = time.monotonic() + max(wait, self.options.delay)
        return response

    def _send(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                body = self._read_body(response)
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"{url}: {type(exc).__name__}") from exc
        except httpx.ConnectError as exc:
            kind = "dns" if _is_dns_error(exc) else "connect"
            raise FetchError(kind, f"{url}: {exc}") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError("network", f"{url}: {type(exc).__name__}: {exc}") from exc
        return Fetched(url=url, status=response.status_code, reason=response.reason_phrase,
                       headers=list(response.headers.items()), body=body,
                       request_headers=list(response.request.headers.items()))

    def _read_body(self, response: httpx.Response) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too large", f"{response.url}: {declared} bytes > {limit}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError("too large", f"{response.url}: more than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def host_of(url: str) -> str:
    """``host[:port]`` of a URL, lower-cased."""
    return urlsplit(url).netloc.lower()


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_dns_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("name or service", "nodename", "name resolution",
                                   "getaddrinfo", "no address"))
