"""Publication dates: structured metadata first, then the URL, then kk/ru/en text near the title.

:func:`parse_date` reads one date written the Kazakh, Russian or English way
("12 қазан 2023 ж.", "2023 жылғы 12 қазанда", "12 октября 2023 г.", "12.10.2023",
"October 12, 2023"). :func:`find_date` looks for the publication date of a page in a fixed
order and never falls back to the crawl date.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from indexer.extract.html_tree import (
    META_ATTRS,
    HtmlElement,
    MetaIndex,
    meta_index,
    squash,
    text_of,
)

logger = logging.getLogger(__name__)

MIN_YEAR = 1990
KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
             "қыркүйек", "қазан", "қараша", "желтоқсан")
RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december")
_RU_MAY = frozenset(("май", "мая", "мае", "маю", "маем"))
_WORD = r"[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,}"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_TEXT_PATTERNS = (
    # 2023 жылғы 12 қазанда / 2023 ж. 12 қазан
    re.compile(rf"{_YEAR}\s*(?:жылғы|жылы|ж\.?)\s*{_DAY}\s*-?\s*(?P<m>{_WORD})"),
    # 12 қазан 2023 ж. / 12 октября 2023 г. / 12 October 2023 / 12-қазан, 2023
    re.compile(rf"\b{_DAY}\s*[-\s]\s*(?P<m>{_WORD})\.?,?\s+{_YEAR}"),
    # October 12, 2023 / Октябрь 12, 2023
    re.compile(rf"(?P<m>{_WORD})\.?\s+{_DAY},?\s+{_YEAR}"),
    # 12.10.2023 / 12/10/2023 / 12-10-2023
    re.compile(rf"\b(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<n>[01]?\d)(?P=sep){_YEAR}\b"),
    # 2023-10-12 / 2023.10.12
    re.compile(rf"\b{_YEAR}(?P<sep>[./-])(?P<n>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)\b"),
)
_ISO = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/._-]|$)")
_JSONLD_DATE = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_META_KEYS = ("article:published_time", "og:published_time", "datePublished", "date",
              "pubdate", "publishdate", "publish-date", "dc.date.issued", "DC.date.issued",
              "dcterms.created", "sailthru.date", "parsely-pub-date")


def month_number(word: str) -> int | None:
    """The month (1-12) a kk/ru/en month word names in any case form, else None."""
    w = word.lower().rstrip(".")
    for i, stem in enumerate(KK_MONTHS):
        if w.startswith(stem):
            return i + 1
    if w in _RU_MAY:
        return 5
    for i, stem in enumerate(RU_MONTHS):
        if i != 4 and w.startswith(stem):
            return i + 1
    if w == "sept":
        return 9
    for i, name in enumerate(EN_MONTHS):
        if len(w) >= 3 and name.startswith(w):
            return i + 1
    return None


def valid_date(year: int, month: int, day: int, today: date | None = None) -> date | None:
    """A real date between 1990 and tomorrow, else None."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    limit = (today or date.today()) + timedelta(days=1)
    return value if date(MIN_YEAR, 1, 1) <= value <= limit else None


def _from_match(match: re.Match[str], lang: str | None) -> date | None:
    groups = match.groupdict()
    year, day = int(groups["y"]), int(groups["d"])
    if groups.get("m") is not None:
        month = month_number(groups["m"])
        return valid_date(year, month, day) if month else None
    month = int(groups["n"])
    if groups.get("sep") == "/" and lang == "en" and month <= 12 < day:
        return None
    if groups.get("sep") == "/" and lang == "en":
        day, month = month, day  # the US order: 10/12/2023 is October 12
    return valid_date(year, month, day) or valid_date(year, day, month)


def parse_date(text: str, lang: str | None = None) -> date | None:
    """Parse the first date written in ``text``.

    Args:
        text: Free text that may hold a date.
        lang: The text's language when known; only used to read "10/12/2023" the US way
            for English.

    Returns:
        The earliest-placed valid date of the text, or None.
    """
    if not text or ("19" not in text and "20" not in text):
        return None  # every pattern holds a year, 19xx or 20xx
    found: list[tuple[int, date]] = []
    for pattern in _TEXT_PATTERNS:
        for match in pattern.finditer(text):
            value = _from_match(match, lang)
            if value:
                found.append((match.start(), value))
                break
    return min(found, key=lambda item: item[0])[1] if found else None


def _iso(text: str | None) -> date | None:
    match = _ISO.search(text or "")
    return valid_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _meta_date(root: HtmlElement, metas: MetaIndex | None) -> date | None:
    if metas is None:
        metas = meta_index(root)
    for key in _META_KEYS:
        for attr in META_ATTRS:
            for el in metas.get((attr, key), ()):
                value = _iso(el.get("content"))
                if value:
                    return value
    return None


def _jsonld_date(root: HtmlElement) -> date | None:
    for el in root.iterfind(".//script[@type='application/ld+json']"):
        match = _JSONLD_DATE.search(el.text or "")
        if match:
            value = _iso(match.group(1))
            if value:
                return value
    return None


def _time_date(root: HtmlElement) -> date | None:
    scope = root.find(".//article")
    for where in (scope, root):
        if where is None:
            continue
        for el in where.iter("time"):
            value = _iso(el.get("datetime")) or parse_date(text_of(el))
            if value:
                return value
    return None


def url_date(url: str) -> date | None:
    """A date written in the URL path (``/2023/10/12/`` or ``/2023-10-12-``), else None."""
    match = _URL_DATE.search(url)
    return valid_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def _visible_text(root: HtmlElement) -> str:
    # Script text is harmless here: the window is anchored on the title's visible text.
    raw = " ".join(root.itertext())
    # = re.sub(r"\s+", " ", raw), faster: str.split splits on the characters \s matches; and
    # a whitespace run at either end stays one space.
    text = " ".join(raw.split())
    lead = " " if raw[:1].isspace() else ""
    trail = " " if text and raw[-1:].isspace() else ""
    return lead + text + trail


def text_date(root: HtmlElement, title: str, lang: str | None = None) -> date | None:
    """A date written in the page text just before or after the title."""
    body = root.find(".//body")
    text = _visible_text(body if body is not None else root)
    anchor = squash(title)[:40]
    pos = text.find(anchor) if anchor else -1
    if pos < 0:
        return None
    # The date line sits in the title's neighbourhood; sidebars hold other dates further off.
    after = parse_date(text[pos : pos + len(title) + 600], lang)
    return after or parse_date(text[max(0, pos - 300) : pos], lang)


def find_date(root: HtmlElement, url: str, title: str = "", lang: str | None = None) -> date | None:
    """The publication date of a page, or None when the page does not say.

    Order: ``article:published_time`` (and similar ``<meta>``), JSON-LD ``datePublished``,
    ``<time datetime>``, the URL, then kk/ru/en text near the title. Dates before 1990 or
    after tomorrow are rejected.

    Args:
        root: The parsed page, before boilerplate removal.
        url: The page URL.
        title: The page title, to find the date line near it.
        lang: The page language when known.

    Returns:
        The date, or None.
    """
    return structured_date(root, url) or (text_date(root, title, lang) if title else None)


def structured_date(root: HtmlElement, url: str, metas: MetaIndex | None = None) -> date | None:
    """The date from ``<meta>``, JSON-LD, ``<time>`` or the URL (no free text), else None."""
    return _meta_date(root, metas) or _jsonld_date(root) or _time_date(root) or url_date(url)
