"""Read search parameters from a request, the same way for the page and the API."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from werkzeug.datastructures import MultiDict

from indexer.errors import N_, QueryError
from indexer.models import FILTER_FIELDS, SearchRequest
from indexer.search.filtervalues import language_code
from indexer.search.searching import MAX_PER_PAGE, validate

MAX_FILTER_VALUES = 50
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits: "¹".isdigit() is True, int("¹") fails


def search_request(args: MultiDict[str, str], defaults: Mapping[str, int]) -> SearchRequest:
    """Build a :class:`SearchRequest` from query-string arguments.

    Filters repeat (``?university=enu&university=kaznu``) or use commas.

    Raises:
        QueryError: A number that is not a number, or a value
            :func:`indexer.search.searching.validate` rejects.
    """
    values: dict[str, tuple[str, ...]] = {}
    for name, attr in FILTER_FIELDS.items():
        items = [v.strip() for raw in args.getlist(name) for v in raw.split(",") if v.strip()]
        if len(items) > MAX_FILTER_VALUES:
            raise QueryError(N_("too many '%(name)s' values (at most %(most)d)"), name=name,
                             most=MAX_FILTER_VALUES)
        values[attr] = tuple(dict.fromkeys(items))
    _year_range(args, values)
    request = SearchRequest(
        query=args.get("q", ""),
        page=_integer(args, "page", 1),
        per_page=_integer(args, "per_page", defaults.get("PER_PAGE", 10)),
        sort=args.get("sort") or "recency",
        versions=args.get("versions") or "grouped",
        prefer_lang=language_code(args.get("prefer_lang", "")) or "",
        date_from=_date(args, "date_from"),
        date_to=_date(args, "date_to"),
        **values,
    )
    validate(request, defaults.get("MAX_PER_PAGE", MAX_PER_PAGE))
    return request


def _year_range(args: MultiDict[str, str], values: dict[str, tuple[str, ...]]) -> None:
    """``year_from``/``year_to`` (the histogram's range form) add years to the filter."""
    low, high = args.get("year_from", "").strip(), args.get("year_to", "").strip()
    if not low and not high:
        return
    if not all(_YEAR.fullmatch(v) for v in (low or high, high or low)):
        raise QueryError(N_("year_from and year_to must be years such as 2021"))
    first, last = sorted((int(low or high), int(high or low)))
    if last - first > 100:
        raise QueryError(N_("the year range is too wide (at most 100 years)"))
    years = [str(y) for y in range(first, last + 1)]
    values["years"] = tuple(dict.fromkeys([*values["years"], *years]))


def _date(args: MultiDict[str, str], name: str) -> date | None:
    raw = args.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise QueryError(N_("'%(name)s' must be a date such as 2023-09-01, not %(value)r"),
                         name=name, value=raw[:40]) from None


def _integer(args: MultiDict[str, str], name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(N_("'%(name)s' must be a whole number, not %(value)r"), name=name,
                         value=raw[:40]) from None
    return value
