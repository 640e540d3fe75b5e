"""Order the matches: relevance, newest, relevance with recency; spread and collapse.

Scores come from BM25F over the per-language fields (titles boosted). The
re-ranking reads the sortable ``date``, ``university`` and ``simhash``
columns, never the stored documents, so a pool of a few hundred candidates
costs little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from whoosh import query, sorting
from whoosh.searching import Results, Searcher

from indexer.similarity import near_duplicates

#: Relevance with recency: the score halves for every HALF_LIFE_DAYS of age.
HALF_LIFE_DAYS = 365.0
#: Undated articles rank as if this many half-lives old.
UNDATED_HALF_LIVES = 2.0
#: Each earlier pick from the same university multiplies a candidate's score by this.
DIVERSITY = 0.75
#: Candidates re-ranked for the recency and diversity passes.
POOL = 300


@dataclass
class Ranked:
    """One result group: the kept document and the near-duplicates under it."""

    docnum: int
    score: float
    similar: list[int] = field(default_factory=list)


def rank(searcher: Searcher, matched: query.Query, flt: query.Query | None, sort: str,
         end: int) -> tuple[list[Ranked], Results]:
    """The first ``end`` result groups in ``sort`` order, and Whoosh's results
    (whose length is the total match count)."""
    pool = max(POOL, end * 2)
    if sort == "newest":
        facet = sorting.MultiFacet([sorting.FieldFacet("date", reverse=True),
                                    sorting.FieldFacet("url")])
        results = searcher.search(matched, filter=flt, limit=pool, sortedby=facet)
        scored = [(hit.docnum, float(len(results) - i)) for i, hit in enumerate(results)]
    else:
        results = searcher.search(matched, filter=flt, limit=pool)
        # Ties are ordered by URL, not by document number, so a sharded
        # generation ranks exactly like a single index.
        urls = searcher.reader().column_reader("url")
        scored = sorted(((hit.docnum, float(hit.score or 0.0)) for hit in results),
                        key=lambda pair: (-round(pair[1], 9), urls[pair[0]]))
        if sort == "recency":
            scored = _with_recency(searcher, scored)
        scored = _diversified(searcher, scored)
    return _collapsed(searcher, scored)[:end], results


def _with_recency(searcher: Searcher, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    dates = searcher.reader().column_reader("date")
    now = datetime.now()
    out = []
    for docnum, score in scored:
        when = dates[docnum]
        if isinstance(when, datetime) and when.year > 1900:
            half_lives = max(0.0, (now - when).days) / HALF_LIFE_DAYS
        else:
            half_lives = UNDATED_HALF_LIVES
        out.append((docnum, score * math.pow(0.5, half_lives)))
    return sorted(out, key=lambda pair: -round(pair[1], 9))  # stable: URL order on ties


def _diversified(searcher: Searcher, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Greedy re-ranking: repeated universities are discounted, so one site cannot flood."""
    universities = searcher.reader().column_reader("university")
    remaining = list(scored)
    picked: list[tuple[int, float]] = []
    seen: dict[str, int] = {}
    while remaining:
        best_index, best_value = 0, -1.0
        for index, (docnum, score) in enumerate(remaining):
            value = round(score * DIVERSITY ** seen.get(universities[docnum], 0), 9)
            if value > best_value:
                best_index, best_value = index, value
        docnum, _ = remaining.pop(best_index)
        picked.append((docnum, best_value))
        seen[universities[docnum]] = seen.get(universities[docnum], 0) + 1
    return picked


def _collapsed(searcher: Searcher, scored: list[tuple[int, float]]) -> list[Ranked]:
    """Fold near-duplicates (SimHash) under the best-ranked copy."""
    hashes = searcher.reader().column_reader("simhash")
    groups: list[Ranked] = []
    for docnum, score in scored:
        code = hashes[docnum] or 0
        for group in groups:
            if near_duplicates(code, hashes[group.docnum] or 0):
                group.similar.append(docnum)
                break
        else:
            groups.append(Ranked(docnum, score))
    return groups


def diversity(universities: list[str]) -> float:
    """Share of distinct universities among results (1.0 = all different)."""
    return len(set(universities)) / len(universities) if universities else 1.0
