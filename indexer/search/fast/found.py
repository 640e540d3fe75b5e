"""One segment's matches as arrays, and the arithmetic on them.

A segment's matches are either **dense** (a boolean array "who matches" and a float64 array
of scores over every document of the segment, 0.0 where nothing matches) or **sparse** (the
matching document numbers and their scores). The operations follow Whoosh's own matchers
operation for operation in float64, so scores stay bit-identical to Whoosh's: a union adds
where both sides match, an intersection keeps what both match and adds, a boost multiplies,
and a tree of them is built the way ``whoosh.util.make_weighted_tree`` builds it.
"""

from __future__ import annotations

import bisect
from typing import Any, NamedTuple

import numpy as np

#: Document numbers (int64, ascending, unique) and their scores (float64).
Matches = tuple[np.ndarray, np.ndarray]
#: One segment's matches as dense arrays over its documents: who matches, and the
#: score (exactly 0.0 where nothing matches, so sums need no special case).
Dense = tuple[np.ndarray, np.ndarray]
#: No match in the segment (a word the segment does not have): empty arrays, which
#: unions and intersections short-cut instead of adding zeros over the segment.
NOTHING: Dense = (np.zeros(0, dtype=bool), np.zeros(0))


class Sparse(NamedTuple):
    """One segment's matches as a list: document numbers (ascending, unique; may be a
    cached posting list, never written) and their scores."""

    ids: np.ndarray
    scores: np.ndarray


#: What evaluating a query on a segment gives.
Found = Dense | Sparse

def halving_sum(parts: list[np.ndarray]) -> np.ndarray:
    """``make_binary_tree``'s order: the first half's sum plus the second half's."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return halving_sum(parts[:half]) + halving_sum(parts[half:])


# Every Dense array is made for one evaluation and never kept, so the operations below
# write into their left operand instead of allocating arrays over the whole segment.

def copied(found: Found) -> Found:
    """A dense result's own arrays (lists are never written, nor is NOTHING)."""
    if found is NOTHING or isinstance(found, Sparse):
        return found
    return found[0].copy(), found[1].copy()


def unite(a: Found, b: Found, size: int) -> Found:
    """Both sides' matches; where both match, a + b (addition commutes exactly)."""
    if b is NOTHING:  # x + 0.0 == x: adding nothing changes no score
        return a
    if a is NOTHING:
        return b
    if isinstance(a, Sparse):
        a, b = b, a
    if isinstance(a, Sparse):  # both lists: spread one out
        a = dense(size, *a)
    if isinstance(b, Sparse):
        a[0][b.ids] = True
        a[1][b.ids] += b.scores
        return a
    np.logical_or(a[0], b[0], out=a[0])
    np.add(a[1], b[1], out=a[1])
    return a


def intersect(a: Found, b: Found, size: int) -> Found:
    """The matches of both sides, scored a + b."""
    if a is NOTHING or b is NOTHING:
        return NOTHING
    if isinstance(a, Sparse) and isinstance(b, Sparse):
        ids, at_a, at_b = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
        return Sparse(ids, a.scores[at_a] + b.scores[at_b])
    if isinstance(a, Sparse):
        keep = b[0][a.ids]
        ids = a.ids[keep]
        return Sparse(ids, a.scores[keep] + b[1][ids])
    if isinstance(b, Sparse):
        keep = a[0][b.ids]
        ids = b.ids[keep]
        return Sparse(ids, a[1][ids] + b.scores[keep])
    np.logical_and(a[0], b[0], out=a[0])
    np.add(a[1], b[1], out=a[1])
    np.multiply(a[1], a[0], out=a[1])  # 0.0 where not both: scores are positive, finite
    return a


def boosted(found: Found, boost: float) -> Found:
    if boost == 1.0 or found is NOTHING:
        return found
    if isinstance(found, Sparse):
        return Sparse(found.ids, found.scores * boost)
    np.multiply(found[1], boost, out=found[1])
    return found


def weighted_tree(combine: Any, weights: list[float], parts: list[Found],
                   size: int) -> Found:
    """``whoosh.util.make_weighted_tree``: repeatedly combine the two lightest parts.

    Whoosh sorts (weight, matcher) pairs; matchers never order, so ties keep
    their order, and a combined part goes after the parts of equal weight.
    """
    items = sorted(zip(weights, range(len(parts)), strict=True), key=lambda pair: pair[0])
    work = [(weight, parts[index]) for weight, index in items]
    while len(work) > 1:
        (wa, a), (wb, b) = work.pop(0), work.pop(0)
        weight = wa + wb
        at = bisect.bisect_right([w for w, _ in work], weight)
        work.insert(at, (weight, combine(a, b, size)))
    return work[0][1]


def masked(matched: np.ndarray, scores: np.ndarray) -> Dense:
    scores[~matched] = 0.0
    return matched, scores


def dense(size: int, ids: np.ndarray, scores: np.ndarray) -> Dense:
    matched = np.zeros(size, dtype=bool)
    matched[ids] = True
    dense = np.zeros(size)
    dense[ids] = scores
    return matched, dense
