"""Order the matches: relevance, newest, relevance with recency; spread and collapse.

Scores come from BM25F over the per-language fields (titles boosted). The
re-ranking reads the sortable ``date``, ``university`` and ``simhash``
columns, never the stored documents, so a pool of a few hundred candidates
costs little.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from whoosh import query, sorting
from whoosh.searching import Results, Searcher

from indexer.search.facets import facet_filter, facet_mask
from indexer.search.fast import all_matches, columns
from indexer.text.similarity import MAX_DISTANCE

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


def rank(searcher: Searcher, matched: query.Query, selected: Mapping[str, Set[str]],
         sort: str, end: int, matches: tuple[np.ndarray, np.ndarray] | None = None,
         pool: int = POOL) -> tuple[list[Ranked], Results, np.ndarray | None]:
    """The first ``end`` result groups in ``sort`` order, Whoosh's results, and every
    matching document number when they were computed (else None: count them with
    ``facet_counts`` on the query).

    ``matches`` (document numbers, scores) stands for what ``matched`` matches when the
    caller has them already (``matched`` then only names the words to highlight);
    ``pool`` is how many best candidates the recency and diversity passes re-rank."""
    pool = max(pool, end * 2)
    if sort == "newest":
        facet = sorting.MultiFacet([
            sorting.TranslateFacet(_undated_last, sorting.FieldFacet("date", reverse=True)),
            sorting.FieldFacet("url")])
        if matches is None:
            results = searcher.search(matched, filter=facet_filter(selected), limit=pool,
                                      sortedby=facet)
        else:  # the given documents, newest first (Whoosh takes a set of docnums as filter)
            admitted = facet_mask(searcher, selected, matches[0])
            ids = matches[0] if admitted is None else matches[0][admitted]
            results = searcher.search(query.Every(), filter=set(ids.tolist()), limit=pool,
                                      sortedby=facet)
        scored = [(hit.docnum, float(pool - i)) for i, hit in enumerate(results)]
        return _collapsed(searcher, scored, end), results, None
    # Every match with its exact BM25F score, as arrays: the facet counts and the
    # total are read from the same arrays, so the matches are found only once.
    everything, scores = matches if matches is not None else all_matches(searcher, matched)
    admitted = facet_mask(searcher, selected, everything)
    if admitted is None:
        top = _top(everything, scores, pool)
    else:
        top = _top(everything[admitted], scores[admitted], pool)
    results = Results(searcher, matched, top)
    # Ties are ordered by URL, not by document number, so a sharded
    # generation ranks exactly like a single index.
    # (Generations built before url became a column tie-break by document number.)
    urls = columns(searcher).get("url")
    pairs = [(docnum, score) for score, docnum in top]
    values = rounded([score for _docnum, score in pairs])
    keys = [(-value, urls[docnum] if urls is not None else docnum)
            for value, (docnum, _score) in zip(values, pairs, strict=True)]
    ranked = [pairs[i] for i in sorted(range(len(pairs)), key=keys.__getitem__)]
    if sort == "recency":
        ranked = _with_recency(searcher, ranked)
    ranked = _diversified(searcher, ranked)
    return _collapsed(searcher, ranked, end), results, everything


def rounded(values: list[float], digits: int = 9) -> list[float]:
    """``[round(v, digits) for v in values]``, bit for bit, an order of magnitude faster.

    ``round`` converts each float to decimal. With ``y = v * 10**digits`` computed in
    binary, ``rint(y) / 10**digits`` is the same double whenever ``y`` is not within a
    few units in the last place of a halfway point (then ``rint(y)`` is the integer
    nearest the exact product, and one correctly rounded division gives the double
    nearest that decimal); those few values, and huge ones, go to ``round`` itself.
    """
    if not values:
        return []
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: round() below
        scaled = np.asarray(values, dtype=np.float64) * 10.0**digits
        whole = np.rint(scaled)
        near_half = np.abs(np.abs(scaled - whole) - 0.5) <= 8 * np.spacing(np.abs(scaled))
        out = (whole / 10.0**digits).tolist()
    for i in np.flatnonzero(near_half | ~(np.abs(scaled) < 2.0**52)).tolist():
        out[i] = round(values[i], digits)
    return out


def _top(docnums: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best (score, docnum), highest score first, lower docnum first on
    ties: the set Whoosh's top-N collector keeps."""
    if len(scores) > limit:
        cut = len(scores) - limit
        keep = scores >= np.partition(scores, cut)[cut]  # ties at the cut stay
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return [(float(scores[i]), int(docnums[i])) for i in order]


#: The reversed sort key of a document without a date: its date column holds the filler
#: 2**64 - 1, which Whoosh would put before every date.
_UNDATED_REVERSED = -(2**64 - 1)


def _undated_last(key: int) -> int:
    """A newest-first date key that puts undated documents after every dated one (the
    dated keys are negative)."""
    return 1 if key == _UNDATED_REVERSED else key


def _with_recency(searcher: Searcher, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    dates = columns(searcher).get("date") or []
    now = datetime.now()
    out = []
    for docnum, score in scored:
        when = dates[docnum] if dates else None
        if isinstance(when, datetime) and when.year > 1900:
            half_lives = max(0.0, (now - when).days) / HALF_LIFE_DAYS
        else:
            half_lives = UNDATED_HALF_LIVES
        out.append((docnum, score * math.pow(0.5, half_lives)))
    negated = [-value for value in rounded([score for _, score in out])]
    return [out[i] for i in sorted(range(len(out)), key=negated.__getitem__)]  # stable


def _diversified(searcher: Searcher, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Greedy re-ranking: repeated universities are discounted, so one site cannot flood.

    The greedy pick (at every step, the first candidate with the highest
    discounted score) discounts a university's k-th candidate by
    ``DIVERSITY ** k`` whatever was picked before it, so each candidate's value
    is known up front. When every university's values fall along its queue
    (the candidates come best first, so they do unless scores are tinier than
    the rounding), the greedy order is the merge of those queues: one sort by
    value, then position.
    """
    column = columns(searcher).get("university") or []
    rank_in_site: dict[str, int] = {}
    sites: list[str] = []
    discounted: list[float] = []
    for docnum, score in scored:
        uni = column[docnum] if column else ""
        k = rank_in_site.get(uni, 0)
        rank_in_site[uni] = k + 1
        sites.append(uni)
        discounted.append(score * DIVERSITY ** k)
    last_value: dict[str, float] = {}
    keyed: list[tuple[float, int, int]] = []
    for position, (uni, value) in enumerate(zip(sites, rounded(discounted), strict=True)):
        if value > last_value.get(uni, value):
            return _greedy(scored, column)
        last_value[uni] = value
        keyed.append((-value, position, scored[position][0]))
    keyed.sort()
    return [(docnum, -negated) for negated, _position, docnum in keyed]


def _greedy(scored: list[tuple[int, float]], column: Any) -> list[tuple[int, float]]:
    """The greedy pick itself; only the head of each university's queue can win, so a
    step costs O(universities) instead of O(candidates)."""
    queues: dict[str, list[tuple[int, int, float]]] = {}
    for position, (docnum, score) in enumerate(scored):
        queues.setdefault(column[docnum] if column else "", []).append((position, docnum, score))
    heads = dict.fromkeys(queues, 0)
    seen: dict[str, int] = {}
    picked: list[tuple[int, float]] = []
    for _ in range(len(scored)):
        best: tuple[float, int, str] | None = None
        for uni, queue in queues.items():
            head = heads[uni]
            if head < len(queue):
                position, _docnum, score = queue[head]
                value = round(score * DIVERSITY ** seen.get(uni, 0), 9)
                if best is None or value > best[0] or (value == best[0] and position < best[1]):
                    best = (value, position, uni)
        if best is None:
            break
        value, _position, uni = best
        picked.append((queues[uni][heads[uni]][1], value))
        heads[uni] += 1
        seen[uni] = seen.get(uni, 0) + 1
    return picked


def _collapsed(searcher: Searcher, scored: list[tuple[int, float]], end: int) -> list[Ranked]:
    """Fold near-duplicates (SimHash) under the best-ranked copy; the first ``end`` groups.

    Once ``end`` groups exist, later candidates only join them (as "N similar"):
    groups past the page are never shown, so they are not formed. A zero
    SimHash (a text too short to judge) is nobody's near-duplicate. The groups
    form one candidate at a time; the candidates after that are compared with
    every group at once (:func:`_joining`).
    """
    column = columns(searcher).get("simhash") or []
    codes = [(column[docnum] or 0) for docnum, _ in scored] if column else [0] * len(scored)
    groups: list[Ranked] = []
    group_codes: list[int] = []
    at = 0
    while at < len(scored) and len(groups) < end:
        docnum, score = scored[at]
        code = codes[at]
        at += 1
        if code:
            for group, other in zip(groups, group_codes, strict=True):
                if other and (code ^ other).bit_count() <= MAX_DISTANCE:
                    group.similar.append(docnum)
                    break
            else:
                groups.append(Ranked(docnum, score))
                group_codes.append(code)
        else:
            groups.append(Ranked(docnum, score))
            group_codes.append(code)
    for position, joined in _joining(codes[at:], group_codes):
        groups[joined].similar.append(scored[at + position][0])
    return groups


def _joining(codes: list[int], group_codes: list[int]) -> list[tuple[int, int]]:
    """(position in ``codes``, group) for each code near a group's (the first such
    group), in order; zero codes join nothing."""
    if not codes or not any(group_codes):
        return []
    mine = np.asarray(codes, dtype=np.uint64)
    theirs = np.asarray(group_codes, dtype=np.uint64)
    near = np.bitwise_count(mine[:, None] ^ theirs[None, :]) <= MAX_DISTANCE
    near &= (mine != 0)[:, None] & (theirs != 0)[None, :]
    first = near.argmax(axis=1)
    return [(int(k), int(first[k])) for k in np.flatnonzero(near.any(axis=1))]


def diversity(universities: list[str]) -> float:
    """Share of distinct universities among results (1.0 = all different)."""
    return len(set(universities)) / len(universities) if universities else 1.0
