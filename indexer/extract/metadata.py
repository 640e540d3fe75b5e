"""Page metadata read from the full (uncleaned) tree: site name, canonical URL, alternates.

The title has its own module, :mod:`indexer.extract.titles`.
"""

from __future__ import annotations

import functools
import logging
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from indexer.extract.html_tree import (
    META_ATTRS,
    HtmlElement,
    MetaIndex,
    meta_index,
    squash,
    text_of,
)

logger = logging.getLogger(__name__)

LANGS = ("kk", "ru", "en")
_LANG_ALIASES = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "қаз": "kk", "қазақша": "kk", "қазақ": "kk",
    "kk-kz": "kk", "қазақ тілі": "kk",
    "ru": "ru", "rus": "ru", "рус": "ru", "русский": "ru", "ru-ru": "ru", "ru-kz": "ru",
    "en": "en", "eng": "en", "english": "en", "en-us": "en", "en-gb": "en",
}
# Language switchers put the code in the path (/kk/…, /ru/…), a query (?lang=ru) or a subdomain.
_PATH_LANG = re.compile(r"^/(kk|kz|ru|en)(?=/|$)", re.IGNORECASE)
_QUERY_LANG = re.compile(r"(?:^|&)(?:lang|language|locale|hl)=(kk|kz|ru|en)\b", re.IGNORECASE)


def _clean(text: str | None) -> str:
    return squash(text or "")


def _meta(root: HtmlElement, *keys: str, metas: MetaIndex | None = None) -> str:
    if metas is None:
        metas = meta_index(root)
    for key in keys:
        for attr in META_ATTRS:
            for el in metas.get((attr, key), ()):
                content = _clean(el.get("content"))
                if content:
                    return content
    return ""


def site_name(root: HtmlElement, metas: MetaIndex | None = None) -> str:
    """The site's name from ``og:site_name`` / ``application-name``, or "".

    ``metas`` is :func:`~indexer.extract.html_tree.meta_index` of ``root`` when the caller has it
    (likewise below): one pass over the tree for all the metadata of a page.
    """
    return _meta(root, "og:site_name", "application-name", metas=metas)


def find_canonical(root: HtmlElement, url: str, metas: MetaIndex | None = None) -> str:
    """``<link rel=canonical>`` made absolute, else ``og:url``, else the page URL."""
    for el in root.iterfind(".//link[@rel]"):
        if "canonical" in el.get("rel", "").lower().split() and el.get("href", "").strip():
            absolute = urljoin(url, el.get("href").strip())
            if is_web_url(absolute):
                return absolute
    og = _meta(root, "og:url", metas=metas)
    if is_web_url(og):
        return og
    return url


def is_web_url(url: str) -> bool:
    """True for an http(s) URL with a host (never javascript:, data:, file:...)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


@functools.lru_cache(maxsize=4096)
def lang_code(text: str | None) -> str | None:
    """Map a language name or code ("kz", "Рус", "English", "ru-RU") to kk/ru/en.

    Cached: it is asked of every short link text of every page, and menus repeat.
    """
    if not text:
        return None
    key = _clean(text).lower().strip(".")
    return _LANG_ALIASES.get(key) or _LANG_ALIASES.get(key.split("-")[0])


def _is_home(url: str) -> bool:
    """True for a site's home page or a bare language root such as /ru/ or /?lang=en."""
    parts = urlsplit(url)
    path = _PATH_LANG.sub("", parts.path).strip("/")
    return path in ("", "index.php", "index.html", "index.htm", "main", "home")\
        and not re.sub(r"(?:^|&)(?:lang|language|locale|hl)=\w+", "", parts.query).strip("&")


def _url_lang(url: str) -> str | None:
    parts = urlsplit(url)
    match = _PATH_LANG.match(parts.path)
    if match:
        return lang_code(match.group(1))
    match = _QUERY_LANG.search(parts.query)
    if match:
        return lang_code(match.group(1))
    host = parts.hostname or ""
    return lang_code(host.split(".")[0]) if host.count(".") >= 2 else None


_SITE_PREFIX = re.compile(r"^(?:www|kk|kz|ru|en)\.")


def _same_site(a: str, b: str) -> bool:
    ha, hb = urlsplit(a).hostname or "", urlsplit(b).hostname or ""
    return _SITE_PREFIX.sub("", ha) == _SITE_PREFIX.sub("", hb)


#: Longest link text that may name a language ("Қазақ тілі", "English", "Рус").
SWITCHER_LABEL_CHARS = 40


def find_alternates(root: HtmlElement, url: str, lang: str | None = None) -> dict[str, str]:
    """Other-language versions of this page: hreflang links, then language-switcher links.

    Home-page links (the switcher on pages with no translation) are not reported, nor is
    the page's own language.
    """
    found: dict[str, str] = {}
    for el in root.iterfind(".//link[@hreflang]"):
        code = lang_code(el.get("hreflang"))
        href = (el.get("href") or "").strip()
        if code and href and code not in found and is_web_url(urljoin(url, href)):
            found[code] = urljoin(url, href)
    for el in root.iterdescendants("a"):
        # the language first: few links name one, and the test is cheap (lang_code is cached)
        code = _link_lang(el)
        if not code or code in found:
            continue
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        absolute = urljoin(url, href)
        if is_web_url(absolute) and _same_site(absolute, url) and _url_lang(absolute) == code:
            found[code] = absolute
    own = lang or _url_lang(url)
    page = _strip_fragment(url)
    return {
        code: link
        for code, link in found.items()
        if code != own and _strip_fragment(link) != page and not _is_home(link)
    }


def _link_lang(el: HtmlElement) -> str | None:
    """The language a link names by its ``hreflang`` or ``lang`` attribute, else by its
    short text ("Қаз", "English"), or None."""
    hreflang, lang_attr = el.get("hreflang"), el.get("lang")
    code = (hreflang and lang_code(hreflang)) or (lang_attr and lang_code(lang_attr)) or None
    if code is None:
        text = text_of(el)
        code = lang_code(text) if len(text) <= SWITCHER_LABEL_CHARS else None
    return code


def _strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
