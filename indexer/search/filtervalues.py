"""Filter values as people type them, checked and turned into the index's values.

One grammar for the URL, the API, the CLI and the query syntax: a university
by id, domain, full or short name or alias in any language and case
(``KazNU``, ``ҚазҰУ``, ``kaznu.kz``); a year (``2023``) or a range of years
(``2021..2023``); a language (``kk``, ``ru``, ``en``, ``қаз``, ``рус``...);
an academic year (``2023-2024``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from whoosh.searching import Searcher

from indexer.errors import N_, Message, QueryError
from indexer.extract.universities import resolve
from indexer.models import SearchRequest
from indexer.search.fast import columns

LANGUAGE_NAMES = {"kk": "kk", "kz": "kk", "қаз": "kk", "каз": "kk", "ru": "ru", "рус": "ru",
                  "en": "en", "eng": "en", "ағыл": "en", "англ": "en"}
MAX_YEAR_SPAN = 100
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits: "¹".isdigit() is True, int("¹") fails
_YEAR_SPAN = re.compile(r"([0-9]{4})\s*(?:\.\.|-|–)\s*([0-9]{4})")
_ACYEAR = re.compile(r"([0-9]{4})\s*[-–/]\s*([0-9]{4})")


def language_code(value: str) -> str | None:
    """``kk``, ``ru`` or ``en`` for a language code or name's start, else None."""
    low = value.strip().lower()
    return LANGUAGE_NAMES.get(low[:4]) or LANGUAGE_NAMES.get(low[:3])


def years_of(value: str) -> list[str] | None:
    """The years ``2023`` or ``2021..2023`` stands for; None when it is not a year or range."""
    value = value.strip()
    if _YEAR.fullmatch(value):
        return [value]
    span = _YEAR_SPAN.fullmatch(value)
    if span and 0 <= int(span[2]) - int(span[1]) <= MAX_YEAR_SPAN:
        return [str(y) for y in range(int(span[1]), int(span[2]) + 1)]
    return None


def university_of(value: str, known: Collection[str]) -> str | None:
    """The university id ``value`` names: a registry name, or an id the index holds."""
    found = resolve(value)
    if found is None and value.strip().lower() in known:
        found = value.strip().lower()
    return found


def checked(request: SearchRequest, known_universities: Collection[str]) -> SearchRequest:
    """``request`` with its filter values turned into index values.

    Raises:
        QueryError: A value that names no university, year, language or
            academic year; the message lists what can be used.
    """
    universities = []
    for value in request.universities:
        uid = university_of(value, known_universities)
        if uid is None:
            raise QueryError(N_("unknown university %(value)r; use an id or a name, e.g. "
                                "%(valid)s"), value=value[:60],
                             valid=", ".join(sorted(known_universities)))
        universities.append(uid)
    years: list[str] = []
    for value in request.years:
        found = years_of(value)
        if found is None:
            raise QueryError(N_("%(value)r is not a year; use a year such as 2023 or a range "
                                "such as 2021..2023 (earliest first)"), value=value[:60])
        years.extend(found)
    langs = []
    for value in request.langs:
        code = language_code(value)
        if code is None:
            raise QueryError(N_("unknown language %(value)r; use kk, ru or en"),
                             value=value[:60])
        langs.append(code)
    acyears = []
    for value in request.acyears:
        span = _ACYEAR.fullmatch(value.strip())
        if not span or int(span[2]) != int(span[1]) + 1:
            raise QueryError(N_("%(value)r is not an academic year; use e.g. 2023-2024"),
                             value=value[:60])
        acyears.append(f"{span[1]}-{span[2]}")
    return dataclasses.replace(
        request, universities=tuple(dict.fromkeys(universities)),
        years=tuple(dict.fromkeys(years)), langs=tuple(dict.fromkeys(langs)),
        acyears=tuple(dict.fromkeys(acyears)))


def university_ids(searcher: Searcher) -> list[str]:
    """The university ids the index holds."""
    coded = columns(searcher).coded("university")
    return list(coded.values) if coded is not None else []


def named_universities(values: list[str], known: list[str], notices: list[Message]) -> list[str]:
    """The ids of ``university:`` values in the query; a name nobody has becomes a notice."""
    out = []
    for value in values:
        uid = university_of(value, known)
        if uid is None:
            notices.append(Message(N_("unknown university %(value)r in university: was "
                                      "ignored"), value=value))
        else:
            out.append(uid)
    return out
