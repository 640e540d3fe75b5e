"""Plain records passed between the pipeline stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class RawPage:
    """One crawled page as the sources deliver it.

    Attributes:
        url: The page's URL (derived from the path for saved folders).
        body: The raw bytes, still undecoded.
        headers: HTTP response headers when known (WARC), lower-cased names.
        fetched_at: When the crawler fetched it, if known. Never used as a
            publication date.
        origin: Where the page came from (file path, WARC record offset, line
            number) for error reports.
    """

    url: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    origin: str = ""


@dataclass(frozen=True)
class Article:
    """What the extractor keeps of one page.

    Attributes:
        url: Canonical URL (``<link rel=canonical>`` when present, else the page URL).
        title: Title without the site-name suffix.
        text: Clean body text, paragraphs separated by blank lines.
        date: Publication date, or None when the page does not say.
        lang: "kk", "ru", "en" or "und".
        university: Registry id of the university (e.g. "kaznu"), falling back
            to the site's domain for unknown sites.
        site: The site's host name without "www.".
        alternates: Other-language versions, language code -> URL.
        is_article: False for listings, service pages and pages with too little
            text; such pages are not indexed but reported.
        fingerprint: Hash of the normalised article text (not the template).
        source_hash: Hash of the page's raw bytes (lets an update skip
            re-parsing pages that did not change at all).
        skip_reason: Why the page is not an article, "kind: detail" (see
            :mod:`indexer.extract.pagetype`); "" for an article.
        origin: Where the page came from (as :attr:`RawPage.origin`).
    """

    url: str
    title: str
    text: str
    date: date | None
    lang: str
    university: str
    site: str
    alternates: Mapping[str, str] = field(default_factory=dict)
    is_article: bool = True
    fingerprint: str = ""
    source_hash: str = ""
    skip_reason: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Unchanged:
    """A page known not to have changed since it was indexed.

    Either its raw bytes equal those already indexed (not parsed again), or the
    crawler's conditional request was answered 304 (a WARC revisit record).
    """

    url: str


@dataclass(frozen=True)
class PageFailure:
    """A page (or a whole unreadable record) that was skipped, and why."""

    origin: str
    reason: str
    url: str = ""


#: What a :class:`SearchRequest` may ask for (checked by :func:`indexer.search.searching.validate`).
SORTS = ("recency", "relevance", "newest")
VERSIONS = ("grouped", "all")
MAX_PER_PAGE = 100
MAX_RESULTS = 10_000


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for; the same object behind the page, API and CLI.

    Attributes:
        query: The query string in the query language (may be empty when a
            filter is given: then everything that matches the filters).
        universities, years, langs, acyears: Facet filters; OR within one,
            AND across (acyears are academic years such as "2023-2024").
        date_from, date_to: Inclusive publication-date bounds.
        page: 1-based result page.
        per_page: Results per page.
        sort: "relevance", "newest" or "recency" (relevance with a
            half-life decay, the default for news).
        versions: "all" (each language version is a result; the library's
            default) or "grouped" (the versions of a story are one result;
            the web page's and the API's default).
        prefer_lang: The language version a grouped story shows when it
            matched (the reader's UI language); else the best match.
    """

    query: str = ""
    universities: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    acyears: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    per_page: int = 10
    sort: str = "recency"
    versions: str = "all"
    prefer_lang: str = ""

    def filters(self) -> dict[str, tuple[str, ...]]:
        """The facet filters by facet name (``{"university": (...), "year": (...), ...}``)."""
        return {facet: getattr(self, attr) for facet, attr in FILTER_FIELDS.items()}

    def selected(self) -> dict[str, set[str]]:
        """The facet filters as sets, by facet name (what the facet counts take)."""
        return {facet: set(values) for facet, values in self.filters().items()}


#: The :class:`SearchRequest` field of each facet filter, in the schema's facet order
#: (:data:`indexer.index.schema.FACETS`; a test checks the two agree).
FILTER_FIELDS = {"university": "universities", "year": "years", "acyear": "acyears",
                 "lang": "langs"}


@dataclass(frozen=True)
class Version:
    """Another-language version of a story: our article id when indexed."""

    lang: str
    url: str
    id: str = ""


@dataclass(frozen=True)
class SearchHit:
    """One result as shown to the user.

    Attributes:
        versions: The same story in the other languages ("Also in").
        similar: Near-duplicates collapsed under this hit ("N similar").
        title_html: The title as safe HTML with the matched words in ``<mark>``.
    """

    id: str
    url: str
    title: str
    snippet: str
    date: date | None
    university: str
    lang: str
    score: float = 0.0
    versions: tuple[Version, ...] = ()
    similar: tuple[SearchHit, ...] = ()
    title_html: str = ""


@dataclass(frozen=True)
class SearchPage:
    """One page of results with the facet counts of the whole result set.

    ``total`` counts articles; ``stories`` (when versions are grouped) counts
    them with the language versions of one story as one.
    """

    request: SearchRequest
    total: int
    hits: tuple[SearchHit, ...]
    facets: Mapping[str, Mapping[str, int]]
    generation: str = ""
    notices: tuple[str, ...] = ()
    suggestion: str = ""
    variants: tuple[str, ...] = ()
    stories: int = 0

    @property
    def page_count(self) -> int:
        """Number of result pages (of stories when versions are grouped)."""
        return max(1, -(-(self.stories or self.total) // self.request.per_page))
