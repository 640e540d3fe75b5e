"""University registry: site domain -> university id and its kk/ru/en names.

The registry is the package data file ``indexer/data/universities.json``; add a university by
adding an entry there. A registered domain also matches its subdomains (``www.``, ``en.``,
``news.``). Unknown sites fall back to their registrable domain as the id.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

logger = logging.getLogger(__name__)

LOCALES = ("kk", "ru", "en")
# Second-level labels under which .kz (and similar) sites register their names.
_PUBLIC_SECOND_LEVEL = frozenset(("edu", "com", "org", "gov", "net", "ac", "co", "mil"))


@dataclass(frozen=True)
class University:
    """One university of the registry.

    Attributes:
        id: Stable registry id used in the index ("kaznu").
        domains: Registered domains (subdomains match too).
        names: Full name by locale ("kk", "ru", "en").
        short: Short name by locale.
        city: Where its main campus is.
        news: News section URL by locale, where a crawl of the university starts.
        aliases: Other names people type ("al-Farabi", "КазГУ", "Gumilyov").
    """

    id: str
    domains: tuple[str, ...]
    names: MappingProxyType[str, str]
    short: MappingProxyType[str, str]
    city: str = ""
    news: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    aliases: tuple[str, ...] = ()

    def name(self, locale: str) -> str:
        """The full name in ``locale``, falling back to English, then any name."""
        return self.names.get(locale) or self.names.get("en") or next(iter(self.names.values()))


def _university(entry: dict[str, Any]) -> University:
    return University(
        id=entry["id"],
        domains=tuple(d.lower() for d in entry["domains"]),
        names=MappingProxyType(dict(entry["names"])),
        short=MappingProxyType(dict(entry.get("short", {}))),
        city=entry.get("city", ""),
        news=MappingProxyType(dict(entry.get("news", {}))),
        aliases=tuple(entry.get("aliases", ())),
    )


@lru_cache(maxsize=1)
def registry() -> dict[str, University]:
    """All universities of the registry by id (loaded once from the package data file)."""
    text = resources.files("indexer").joinpath("data/universities.json").read_text("utf-8")
    entries = json.loads(text)["universities"]
    return {u.id: u for u in map(_university, entries)}


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, University]:
    return {domain: u for u in registry().values() for domain in u.domains}


def normalise_host(host: str) -> str:
    """Lower-case a host or URL's host, without port, trailing dot or "www."."""
    host = host.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("@")[-1].split(":", 1)[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def lookup(host: str) -> University | None:
    """The registered university whose domain is ``host`` or a parent of it, else None."""
    labels = normalise_host(host).split(".")
    table = _by_domain()
    for i in range(len(labels) - 1):
        found = table.get(".".join(labels[i:]))
        if found:
            return found
    return None


def registrable_domain(host: str) -> str:
    """The domain a site registered: ``news.example.edu.kz`` -> ``example.edu.kz``."""
    labels = normalise_host(host).split(".")
    if len(labels) >= 3 and labels[-2] in _PUBLIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def university_id(host: str) -> str:
    """The registry id of the site's university, else its registrable domain."""
    found = lookup(host)
    return found.id if found else registrable_domain(host)


def display_name(uid: str, locale: str) -> str:
    """The university's name in ``locale`` ("kk", "ru", "en"); unknown ids come back as is."""
    found = registry().get(uid)
    return found.name(locale) if found else uid


def names_of(uid: str) -> tuple[str, ...]:
    """Every name a university is known by: id, full and short names, aliases."""
    found = registry().get(uid)
    if found is None:
        return (uid,)
    return tuple(dict.fromkeys((found.id, *found.names.values(), *found.short.values(),
                                *found.aliases)))


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for uid in registry():
        for name in names_of(uid):
            table.setdefault(_key(name), uid)
    return table


def resolve(name: str) -> str | None:
    """The registry id a user means by ``name``, in any case and language, else None.

    ``KazNU``, ``казну``, ``ҚазҰУ``, ``kaznu.kz`` and ``al-Farabi`` all give ``kaznu``.
    """
    found = _by_name().get(_key(name))
    if found is None and "." in name:
        university = lookup(name)
        found = university.id if university else None
    return found
