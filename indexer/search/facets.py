"""Disjunctive facet counts: each facet counted under the *other* facets' filters.

OR within a facet, AND across facets. A value's count is the total the user
gets by adding that value to the current selection, so counts never lie.
Counting reads the facet columns as integer codes (``indexer.search.fast.columns``).
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.index.schema import FACETS
from indexer.search.fast.columns import columns


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


def facet_mask(searcher: Searcher, selected: Mapping[str, Set[str]],
               docnums: np.ndarray) -> np.ndarray | None:
    """Which of ``docnums`` pass every selected facet (OR within a facet, AND across);
    None when nothing is selected."""
    passes = _passes(searcher, selected, docnums)
    if not passes:
        return None
    return np.logical_and.reduce(list(passes.values()))


def facet_counts(
    searcher: Searcher, matched: query.Query | np.ndarray, selected: Mapping[str, Set[str]]
) -> tuple[dict[str, dict[str, int]], int]:
    """Count every facet value over the documents matching ``matched``
    (a query, or the matching document numbers).

    A document counts for facet F when it passes the filters of every facet
    except F; one that passes them all counts towards the total. Counting is
    one ``bincount`` per facet over the column's integer codes.

    Returns:
        The counts per facet and the number of documents passing every filter.
    """
    docs = (matched if isinstance(matched, np.ndarray)
            else np.fromiter(matched.docs(searcher), dtype=np.int64))
    table = columns(searcher)
    passes = _passes(searcher, selected, docs)
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        coded = table.coded(name)
        if coded is None:
            counts[name] = {}
            continue
        others = [mask for other, mask in passes.items() if other != name]
        codes = coded.codes[docs]
        if others:
            codes = codes[np.logical_and.reduce(others)]
        tally = np.bincount(codes, minlength=len(coded.values))
        found = {coded.values[i]: int(tally[i]) for i in np.flatnonzero(tally)}
        counts[name] = _ordered(name, found)
    total = int(np.logical_and.reduce(list(passes.values())).sum()) if passes else len(docs)
    return counts, total


def _passes(searcher: Searcher, selected: Mapping[str, Set[str]],
            docs: np.ndarray) -> dict[str, np.ndarray]:
    """For each facet with a selection: which of ``docs`` have a selected value."""
    table = columns(searcher)
    out = {}
    for name in FACETS:
        if selected.get(name):
            coded = table.coded(name)
            if coded is None:  # a generation built before the facet became a column
                flt = facet_filter({name: selected[name]})
                having = np.fromiter(flt.docs(searcher), dtype=np.int64) if flt else docs[:0]
                out[name] = np.isin(docs, having)
                continue
            allowed = [coded.index[v] for v in selected[name] if v in coded.index]
            out[name] = np.isin(coded.codes[docs], np.asarray(allowed, dtype=np.int32))
    return out


def _ordered(name: str, counter: dict[Any, int]) -> dict[str, int]:
    counter.pop("", None)
    counter.pop(None, None)
    if name in ("year", "acyear"):
        return dict(sorted(counter.items(), reverse=True))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
