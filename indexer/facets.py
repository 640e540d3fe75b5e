"""Disjunctive facet counts: each facet counted under the *other* facets' filters.

OR within a facet, AND across facets. A value's count is the total the user
gets by adding that value to the current selection, so counts never lie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Set

from whoosh import query
from whoosh.searching import Searcher

from indexer.columns import columns
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


def facet_admits(searcher: Searcher,
                 selected: Mapping[str, Set[str]]) -> Callable[[int], bool] | None | bool:
    """The facet filter as a test on document numbers, read from the columns.

    Returns:
        None when nothing is selected (every document passes); False when a
        selected facet has no column in this index (use ``facet_filter``).
    """
    table = columns(searcher)
    tests = []
    for name in FACETS:
        allowed = frozenset(selected.get(name, ()))
        if allowed:
            values = table.get(name)
            if values is None:
                return False
            tests.append((values, allowed))
    if not tests:
        return None
    return lambda docnum: all(values[docnum] in allowed for values, allowed in tests)


def facet_counts(
    searcher: Searcher, matched: query.Query | list[int], selected: Mapping[str, Set[str]]
) -> tuple[dict[str, dict[str, int]], int]:
    """Count every facet value over the documents matching ``matched``
    (a query, or the matching document numbers when a ranking walk recorded them).

    One pass over the matches: a document counts for facet F when it passes
    the filters of every facet except F; one that passes them all counts
    towards the total, so the total costs no second pass.

    Returns:
        The counts per facet and the number of documents passing every filter.
    """
    table = columns(searcher)
    present = {name: table.get(name) for name in FACETS}
    lists = {name: values for name, values in present.items() if values is not None}
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    active = [(name, frozenset(selected[name])) for name in lists if selected.get(name)]
    docs = matched if isinstance(matched, list) else list(matched.docs(searcher))
    if not active:  # the usual case: every match counts everywhere (C-speed counting)
        for name, values in lists.items():
            counts[name] = Counter(map(values.__getitem__, docs))
        total = len(docs)
    else:
        total = 0
        for docnum in docs:
            failing = [name for name, allowed in active if lists[name][docnum] not in allowed]
            if not failing:
                total += 1
                for name, values in lists.items():
                    counts[name][values[docnum]] += 1
            elif len(failing) == 1:
                name = failing[0]
                counts[name][lists[name][docnum]] += 1
    return {name: _ordered(name, counts[name]) for name in FACETS}, total


def _ordered(name: str, counter: Counter[str]) -> dict[str, int]:
    counter.pop("", None)
    counter.pop(None, None)  # type: ignore[call-overload]
    if name in ("year", "acyear"):
        return dict(sorted(counter.items(), reverse=True))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
