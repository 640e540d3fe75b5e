"""Disjunctive facet counts: each facet counted under the *other* facets' filters.

OR within a facet, AND across facets. A value's count is the total the user
gets by adding that value to the current selection, so counts never lie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Set

from whoosh import query
from whoosh.searching import Searcher

from indexer.schema import FACETS


def facet_filter(selected: Mapping[str, Set[str]]) -> query.Query | None:
    """The Whoosh filter for the selected facet values, or None for no filter."""
    parts = []
    for name in FACETS:
        values = sorted(selected.get(name, ()))
        if values:
            parts.append(query.Or([query.Term(name, v) for v in values]))
    if not parts:
        return None
    return query.And(parts) if len(parts) > 1 else parts[0]


def facet_counts(
    searcher: Searcher, matched: query.Query, selected: Mapping[str, Set[str]]
) -> tuple[dict[str, dict[str, int]], int]:
    """Count every facet value over the documents matching ``matched``.

    One pass over the matches: a document counts for facet F when it passes
    the filters of every facet except F; one that passes them all counts
    towards the total, so the total costs no second pass.

    Returns:
        The counts per facet and the number of documents passing every filter.
    """
    reader = searcher.reader()
    present = [name for name in FACETS if reader.has_column(name)]  # older generations
    columns = {name: reader.column_reader(name) for name in present}
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    active = [(name, frozenset(selected[name])) for name in present if selected.get(name)]
    total = 0
    for docnum in matched.docs(searcher):
        values = {name: columns[name][docnum] for name in present}
        failing = [name for name, allowed in active if values[name] not in allowed]
        if not failing:
            total += 1
            for name in present:
                counts[name][values[name]] += 1
        elif len(failing) == 1:
            name = failing[0]
            counts[name][values[name]] += 1
    return {name: _ordered(name, counts[name]) for name in FACETS}, total


def _ordered(name: str, counter: Counter[str]) -> dict[str, int]:
    counter.pop("", None)
    counter.pop(None, None)  # type: ignore[call-overload]
    if name in ("year", "acyear"):
        return dict(sorted(counter.items(), reverse=True))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
