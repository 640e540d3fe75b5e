"""Seed URLs and news sections of the registered universities (``--university``, ``--all``)."""

from __future__ import annotations

from indexer.errors import QazsearchError
from indexer.extract.universities import LOCALES, University, registry


def registry_seeds(ids: list[str] | None) -> list[str]:
    """Seed URLs of some (``ids``) or all (None) universities.

    A university with ``news`` URLs in the registry is crawled from them, in
    kk/ru/en (so the crawl stays in those sections); one without starts at
    the home page of its first domain.

    Raises:
        QazsearchError: An id is not in the registry.
    """
    known = registry()
    unknown = sorted(set(ids or ()) - set(known))
    if unknown:
        raise QazsearchError(f"unknown university id(s): {', '.join(unknown)} "
                             f"(known: {', '.join(sorted(known))})")
    chosen = [known[i] for i in ids] if ids else list(known.values())
    return [url for university in chosen for url in _news_urls(university)]


def _news_urls(university: University) -> list[str]:
    if university.news:
        return [university.news[lang] for lang in LOCALES if lang in university.news]
    return [f"https://{university.domains[0]}/"]
