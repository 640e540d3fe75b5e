"""The page title: og:title, else the first ``<h1>``, else ``<title>``, without the site's name.

A ``<title>`` often reads "Headline | Site" or "Site – Headline", but a dash also sits inside
headlines ("Знания – это капитал", "Ғылым – болашақ кілті"). So a part is cut off only when it
is known to be the site's name: it matches ``og:site_name`` / ``application-name``, the
university registry's names for the host, or the host itself ("zakon.kz", "Tengrinews"), or it
ends the ``<title>`` of many pages of the same site (learnt by :mod:`indexer.extract.templates`), or
the rest of the title is the page's ``<h1>``. An ``<h1>`` is the headline as the page shows it
and is never cut.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from indexer.extract.html_tree import (
    META_ATTRS,
    HtmlElement,
    MetaIndex,
    meta_index,
    squash,
    text_of,
)
from indexer.extract.universities import lookup, normalise_host, registrable_domain

# A pipe (or "::") separates a title from a site name more surely than a dash, so titles
# are split at pipes first: "Headline | ksu.edu.kz — Жаңалықтар порталы" has two parts.
_STRONG = re.compile(r"(\s*(?:\|{1,2}|::)\s*)")
_WEAK = re.compile(r"(\s+(?:[–—·•:»]|-{1,2})\s+)")
_AFTER = re.compile(r"\s*(?:\|{1,2}|::)|\s+(?:[–—·•:»]|-{1,2})\s")
_BEFORE = re.compile(r"(?:\|{1,2}|::)\s*$|\s(?:[–—·•:»]|-{1,2})\s+$")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# How much longer than a known name of several words a part naming the site may be.
_NAME_SLACK = 40


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _pieces(title: str, separator: re.Pattern[str]) -> list[str]:
    """Parts and separators alternating: ``[part, sep, part, ...]``."""
    return separator.split(title)


def title_ends(title: str) -> set[str]:
    """The first and last parts of a ``<title>`` split at pipes, and at dashes (may be empty)."""
    ends: set[str] = set()
    for separator in (_STRONG, _WEAK):
        pieces = _pieces(squash(title), separator)
        if len(pieces) >= 3:
            ends.update((pieces[0], pieces[-1]))
    return {end for end in ends if _norm(end)}


def title_end_hash(part: str) -> int:
    """A stable 64-bit hash of a title part, apart from the hashes of text blocks."""
    digest = hashlib.blake2b(_norm(part).encode("utf-8"), digest_size=8, person=b"title-end")
    return int.from_bytes(digest.digest(), "big")


def strip_site_name(title: str, is_site_name: Callable[[str], bool]) -> str:
    """Cut the parts at one end of ``title`` that ``is_site_name`` recognises.

    Parts at the end go first ("Headline | Section | Site"); only when none is the site's name
    are parts at the start tried ("Site – Headline"). The headline part always stays.
    """
    title = squash(title)
    for separator in (_STRONG, _WEAK):
        pieces = _pieces(title, separator)
        if len(pieces) < 3:
            continue
        kept = pieces
        while len(kept) >= 3 and is_site_name(kept[-1]):
            kept = kept[:-2]
        if kept is pieces:
            while len(kept) >= 3 and is_site_name(kept[0]):
                kept = kept[2:]
        if kept is not pieces:
            return "".join(kept).strip()
    return title


def site_name_test(
    host: str, names: Iterable[str] = (), learnt: Callable[[str], bool] | None = None
) -> Callable[[str], bool]:
    """A test for "this title part is the site's name" on ``host``.

    Args:
        host: The page's host; its registry names and the host itself count as names.
        names: More names (``og:site_name``).
        learnt: Whether a part ends the titles of many pages of the site (template model).
    """
    known = {_norm(n) for n in names} | _registry_names(host)
    known.discard("")
    domain = registrable_domain(host) if host else ""
    compact = {domain.replace(".", ""), domain.split(".")[0]} - {""}

    def is_site_name(part: str) -> bool:
        norm = _norm(part)
        if not norm:
            return True
        for name in known:
            if norm == name or f" {norm} " in f" {name} ":
                return True
            if f" {name} " in f" {norm} " and _little_more(norm, name):
                return True
        if domain and (domain in part.lower() or norm.replace(" ", "") in compact):
            return True
        return learnt is not None and learnt(part)

    return is_site_name


def _little_more(part: str, name: str) -> bool:
    """True when ``part`` holds ``name`` and little else: a name of several words with up to
    40 more characters ("Al-Farabi Kazakh National University — News"), a one-word name with
    up to two more words ("Al-Farabi KazNU", not "KazNU wins the cup")."""
    if " " in name:
        return len(part) <= len(name) + _NAME_SLACK
    return len(part.split()) <= 3


def _registry_names(host: str) -> set[str]:
    found = lookup(host) if host else None
    if found is None:
        return set()
    return {_norm(n) for n in (*found.names.values(), *found.short.values())}


def _h1_in(title: str, h1: str) -> bool:
    """True when ``title`` is ``h1`` plus a separator and more, at either end."""
    t, h = squash(title).lower(), h1.lower()
    if t == h or not h:
        return False
    if t.startswith(h):
        return bool(_AFTER.match(t[len(h):]))
    return t.endswith(h) and bool(_BEFORE.search(t[: -len(h)]))


def find_title(
    root: HtmlElement,
    metas: MetaIndex | None = None,
    url: str = "",
    learnt: Callable[[str], bool] | None = None,
) -> str:
    """The page title, without the site's name.

    Args:
        root: The parsed page (before cleaning).
        metas: :func:`~indexer.extract.html_tree.meta_index` of ``root`` when the caller has it.
        url: The page URL; its host's names count as site names.
        learnt: Whether a title part recurs across the site's titles (template model).
    """
    if metas is None:
        metas = meta_index(root)
    names = [_meta(metas, "og:site_name"), _meta(metas, "application-name")]
    is_site_name = site_name_test(normalise_host(url) if url else "", names, learnt)
    og = _meta(metas, "og:title") or _meta(metas, "twitter:title")
    h1 = ""
    for el in root.iter("h1"):
        h1 = squash(text_of(el))
        if h1:
            break
    head = root.find(".//title")
    head_title = squash(text_of(head)) if head is not None else ""
    for candidate in (og, head_title):
        if candidate and h1 and _h1_in(candidate, h1):
            return h1
    if og:
        return strip_site_name(og, is_site_name)
    if h1:
        return h1
    return strip_site_name(head_title, is_site_name)


def _meta(metas: MetaIndex, key: str) -> str:
    for attr in META_ATTRS:
        for el in metas.get((attr, key), ()):
            content = squash(el.get("content") or "")
            if content:
                return content
    return ""
