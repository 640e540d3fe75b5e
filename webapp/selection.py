"""The facet selection in the URL: toggling values, chips, and years kept as ranges.

The year filter is written in its shortest form: consecutive years become one
range (``year=2021..2023&year=2025``). Ticking a year adds it to the
selection, unticking one inside a range splits the range, and the range form
(``year_from``/``year_to``) replaces the selected years with its range.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import request, url_for
from werkzeug.datastructures import MultiDict

from indexer.index.schema import FACETS
from indexer.models import SearchRequest
from indexer.search.filtervalues import language_code, university_of, years_of


def year_runs(years: set[int]) -> list[str]:
    """``{2021, 2022, 2023, 2025}`` -> ``["2021..2023", "2025"]``."""
    runs: list[str] = []
    for year in sorted(years):
        if runs and (year - 1) == int(runs[-1][-4:]):
            runs[-1] = f"{runs[-1][:4]}..{year}"
        else:
            runs.append(str(year))
    return runs


def _years(values: list[str]) -> set[int]:
    return {int(y) for v in values for y in (years_of(v) or ())}


def _canonical(facet: str, value: str) -> str:
    if facet == "university":
        return university_of(value, ()) or value.strip().lower()
    if facet == "lang":
        return language_code(value) or value
    return value


def with_range(args: MultiDict[str, str]) -> MultiDict[str, str] | None:
    """``args`` with ``year_from``/``year_to`` written as a ``year`` range, or None when
    there is no range form to rewrite (or it is not made of years)."""
    low, high = args.get("year_from", "").strip(), args.get("year_to", "").strip()
    if not (low or high) or not all(years_of(v) for v in (low or high, high or low)):
        return None
    first, last = sorted((int(low or high), int(high or low)))
    out = MultiDict(args)
    out.poplist("year_from")
    out.poplist("year_to")
    out.poplist("page")
    out.setlist("year", year_runs(set(range(first, last + 1))))
    return out


def toggle_url(facet: str, value: str) -> str:
    """The current search with ``value`` added to or removed from ``facet``."""
    args = MultiDict(request.args)
    current = args.getlist(facet)
    if facet == "year":
        years = _years(current)
        years ^= {int(value)}
        args.setlist("year", year_runs(years))
    else:
        kept = [v for v in current if _canonical(facet, v) != value]
        args.setlist(facet, kept if len(kept) < len(current) else [*current, value])
    return _url(args)


def search_url(args: Mapping[str, Any] | None = None, /, *, lang_code: str | None = None,
               external: bool = False, **changes: str | int | list[str] | None) -> str:
    """The search page for ``args`` (default: this request's) with ``changes``.

    The one place search URLs are rebuilt. A value (or list of values) in
    ``changes`` replaces the parameter's values; None removes the parameter,
    as in ``search_url(q="x", page=None)``. ``lang_code`` is the UI language
    (default: the current one).
    """
    values = MultiDict(request.args if args is None else args)
    for name, value in changes.items():
        if value is None:
            values.poplist(name)
        else:
            values.setlist(name, value if isinstance(value, list) else [str(value)])
    kwargs: dict[str, Any] = values.to_dict(flat=False)
    if lang_code is not None:
        kwargs["lang_code"] = lang_code
    return url_for("web.search_page", _external=external, **kwargs)


def _url(args: MultiDict[str, str]) -> str:
    return search_url(args, page=None)


def chips() -> list[tuple[str, str, str]]:
    """(facet, value, link that removes it) of every selected filter; years as ranges."""
    out = []
    for facet in FACETS:
        values = [v for v in request.args.getlist(facet) if v.strip()]
        if facet == "year":
            years = _years(values)
            for run in year_runs(years):
                args = MultiDict(request.args)
                args.setlist("year", year_runs(years - _years([run])))
                out.append((facet, run, _url(args)))
            continue
        for value in values:
            args = MultiDict(request.args)
            args.setlist(facet, [v for v in values if v != value])
            out.append((facet, value, _url(args)))
    return out


def selected(req: SearchRequest | None) -> dict[str, set[str]]:
    """The index values the search filtered on, by facet (to tick the boxes)."""
    return req.selected() if req is not None else {facet: set() for facet in FACETS}


def facet_items(counts: dict[str, int], ticked: set[str]) -> list[tuple[str, int, bool]]:
    """(value, count, ticked) of a facet, ticked values first (with 0 if nothing matched)."""
    items = [(value, counts.get(value, 0), True) for value in counts if value in ticked]
    items += [(value, 0, True) for value in sorted(ticked) if value not in counts]
    return items + [(value, count, False) for value, count in counts.items()
                    if value not in ticked]


def year_bars(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every year from the first to the last with articles, oldest first (empty years as 0)."""
    years = [int(y) for y in counts if y.isdigit()]
    if not years:
        return []
    return [(str(y), counts.get(str(y), 0)) for y in range(min(years), max(years) + 1)]
