"""Every match of a query and its exact score, computed with numpy.

Whoosh scores and collects one match at a time in Python: at 100,000
articles a one-word query has tens of thousands of matches across the
language fields, and the walk costs hundreds of milliseconds. Here Whoosh
still parses the query, and the tree Whoosh would build is evaluated on whole
arrays, in the same shape:

* a posting list is decoded whole (``indexer.search.fast.postings``) and scored with
  BM25F as one array expression;
* unions, intersections, AND NOT / AND MAYBE and boosts are operations on
  dense per-segment arrays (who matches, and the score); a word's own matches
  stay a sparse list until a union needs them spread out (an intersection
  with a sparse side stays sparse).

The arithmetic follows Whoosh's own, operation for operation, in float64, so
every score equals what Whoosh's collector would compute, bit for bit (the
tests compare them). Phrases intersect their words' arrays first and decode
positions only for the documents holding every word. A matcher this module
does not know (spans, fuzzy expansions wrapped in other matchers...) is walked
the Whoosh way, one match at a time, so every query gives exact answers; only
the known shapes are fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np
from whoosh import query as wquery
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import binary, combo, mcore, wrappers
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher

from indexer.search.fast.docvalues import segment_value
from indexer.search.fast.found import (
    NOTHING,
    Dense,
    Found,
    Matches,
    Sparse,
    boosted,
    copied,
    dense,
    halving_sum,
    intersect,
    masked,
    unite,
    weighted_tree,
)
from indexer.search.fast.postings import deleted_mask, has_values, positions_at, postings
from indexer.search.fast.weighting import field_lengths

#: The word groups evaluated in the current :func:`shared_matching` block, by (segment
#: offset, query).
_MEMO: ContextVar[dict[tuple[int, Any], Found] | None] = ContextVar("qazsearch_memo",
                                                                    default=None)
_LENGTHS = "_qazsearch_np_lengths"
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


@contextmanager
def shared_matching() -> Iterator[None]:
    """Within the block, each OR evaluated (a word over its fields) is kept, so another
    query of the same search with that word (the partial-match tier asks for each word
    of an AND alone) reuses it instead of matching it again. Same results either way."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def all_matches(searcher: Searcher, q: wquery.Query) -> Matches:
    """Every document matching ``q`` with the score Whoosh would give it."""
    # needs_current: Whoosh then builds every OR as a tree of unions. Without it,
    # segments under 5,000 documents get an "array union" that sums the same
    # scores in another order, so a document's score would depend (in the last
    # bit) on the size of the segment it sits in.
    context = searcher.context(weighting=searcher.weighting, needs_current=True)
    ids_parts, score_parts = [], []
    for subsearcher, offset in searcher.leaf_searchers():
        found = _Segment(subsearcher, context, offset).query(q)
        if isinstance(found, Sparse):
            ids, scores = found
        else:
            ids = np.flatnonzero(found[0])
            scores = found[1][ids]
        ids_parts.append(ids + offset)
        score_parts.append(scores)
    if not ids_parts:
        return _EMPTY_IDS, _EMPTY_SCORES
    if len(ids_parts) == 1:
        return ids_parts[0], score_parts[0]
    return np.concatenate(ids_parts), np.concatenate(score_parts)


class _Segment:
    """Evaluates query trees on one segment.

    Terms, ANDs and ORs (what the query parser makes of words) are evaluated
    straight from the query: Whoosh would build a matcher tree first, and its
    intersections walk their children to the first common match on
    construction, one posting at a time. The tree's shape is Whoosh's
    (``make_weighted_tree`` over the estimated sizes), so scores are summed in
    the same order. Any other query gets its Whoosh matcher, evaluated by
    :func:`evaluate`.
    """

    def __init__(self, searcher: Searcher, context: Any, offset: int = 0) -> None:
        self.searcher = searcher
        self.context = context
        self.offset = offset
        self.memo = _MEMO.get()
        self.reader = searcher.reader()
        self.size = searcher.doc_count_all()

    def query(self, q: wquery.Query) -> Found:
        kind = type(q)
        if kind is wquery.Term:
            return self._term(q)
        if kind is wquery.Phrase and q.slop == 1 and q.words:
            found = self._phrase(q)
            if found is not None:
                return found
        if kind in (wquery.And, wquery.Or) and self._plain(q):
            subs = q.subqueries
            if not subs:
                return NOTHING
            if len(subs) == 1:  # Whoosh returns the child's matcher (and drops the boost)
                return self.query(subs[0])
            if kind is wquery.Or and self.memo is not None:
                return self._remembered(q)
            sizes = [sub.estimate_size(self.reader) for sub in subs]
            if kind is wquery.And:
                found = weighted_tree(intersect, [0 - n for n in sizes],
                                       [self.query(sub) for sub in subs], self.size)
            else:
                found = weighted_tree(unite, sizes, [self.query(sub) for sub in subs],
                                       self.size)
            return boosted(found, q.boost)
        # replace(0) drops branches with no postings (Whoosh's collector does the same).
        return evaluate(q.matcher(self.searcher, self.context).replace(0), self.searcher,
                        self.size)

    def _remembered(self, q: wquery.Or) -> Found:
        """The OR's matches, evaluated once per :func:`shared_matching` block (a copy:
        unions and intersections write into dense arrays)."""
        assert self.memo is not None
        key = (self.offset, q)
        found = self.memo.get(key)
        if found is None:
            memo, self.memo = self.memo, None  # evaluate this OR the ordinary way
            try:
                found = self.query(q)
            finally:
                self.memo = memo
            self.memo[key] = copied(found)
            return found
        return copied(found)

    @staticmethod
    def _plain(q: Any) -> bool:
        """An AND, or an OR that Whoosh would build as a weighted tree of unions."""
        if type(q) is wquery.And:
            return True
        return (not q.scale and q.matcher_type == wquery.Or.AUTO_MATCHER
                and len(q.subqueries) < q.TOO_MANY_CLAUSES)

    def _term(self, q: wquery.Term) -> Found:
        """``Term.matcher`` + ``Searcher.postings`` + the reader's deletion filter."""
        schema = self.searcher.schema
        if q.fieldname not in schema or q.minquality:
            return evaluate(q.matcher(self.searcher, self.context), self.searcher, self.size)
        try:
            text = schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return NOTHING
        if (q.fieldname, text) not in self.reader:
            return NOTHING
        matcher = self._matcher(q.fieldname, text)
        if _array_leaf(matcher):
            ids, weights = postings(self.searcher, matcher)
            scores = _bm25f(matcher, self.searcher, ids, weights)
        else:
            ids, scores = _walk(matcher)
        deleted = deleted_mask(self.searcher)
        if deleted is not None:
            live = ~deleted[ids]
            ids, scores = ids[live], scores[live]
        return boosted(Sparse(ids, scores), q.boost)

    def _matcher(self, fieldname: str, text: bytes) -> Any:
        """The term's raw posting reader (no deletion filter), scored as ``Searcher.postings``
        would score it."""
        scorer = self.context.weighting.scorer(self.searcher, fieldname, text)
        return self.reader._terms.matcher(fieldname, text, self.searcher.schema[fieldname].format,
                                          scorer=scorer)

    def _phrase(self, q: wquery.Phrase) -> Found | None:
        """``Phrase.matcher``: the words' documents intersected, then positions checked
        for consecutive occurrences only in those documents. The score is the sum of
        the words' BM25F scores (Whoosh's span matcher scores its intersection, a
        halving tree of the word matchers). None: leave it to Whoosh."""
        schema = self.searcher.schema
        if q.fieldname not in schema or not schema[q.fieldname].format.supports("positions"):
            return None
        field = schema[q.fieldname]
        words = []
        for word in q.words:
            try:
                text = field.to_bytes(word)
            except ValueError:
                return NOTHING
            if (q.fieldname, text) not in self.reader:
                return NOTHING
            words.append(text)
        lists = []
        for text in words:
            matcher = self._matcher(q.fieldname, text)
            if not _array_leaf(matcher) or not has_values(matcher):
                return None
            ids, weights = postings(self.searcher, matcher)
            lists.append((matcher, ids, weights))
        candidates = lists[0][1]
        for _matcher, ids, _weights in lists[1:]:
            candidates = np.intersect1d(candidates, ids, assume_unique=True)
        deleted = deleted_mask(self.searcher)
        if deleted is not None:
            candidates = candidates[~deleted[candidates]]
        found = candidates[_consecutive(self.searcher, lists, candidates)]
        parts = []
        for matcher, ids, weights in lists:
            at = np.searchsorted(ids, found)
            parts.append(_bm25f(matcher, self.searcher, found, weights[at]))
        scores = halving_sum(parts) if parts else np.zeros(0)
        if q.boost != 1.0:
            scores = scores * q.boost
        return Sparse(found, scores)


def _consecutive(searcher: Searcher, lists: list[tuple[Any, np.ndarray, np.ndarray]],
                 candidates: np.ndarray) -> np.ndarray:
    """Indexes of the candidates where word k occurs at p + k for some p (SpanNear2
    with slop 1, ordered).

    Each occurrence becomes the key (candidate, position - k); a candidate
    matches when some key is shared by every word.
    """
    shared: np.ndarray | None = None
    labels = np.arange(len(candidates), dtype=np.int64)
    for k, (matcher, ids, _weights) in enumerate(lists):
        positions, counts = positions_at(searcher, matcher, np.searchsorted(ids, candidates))
        keys = np.repeat(labels, counts) * 2**32 + (positions.astype(np.int64) - k)
        shared = np.unique(keys) if shared is None else np.intersect1d(shared, keys)
    if shared is None:
        return labels
    return np.unique(shared >> 32)


def evaluate(matcher: Any, searcher: Searcher, size: int) -> Dense:
    """A segment's matcher tree as dense arrays over its ``size`` documents.

    Each node does what its Whoosh class's ``score()`` does, in the same order
    of operations: a union adds its sides (x + 0.0 == x where one side does
    not match), an intersection adds them where both match, a wrapper
    multiplies by its boost.
    """
    kind = type(matcher)
    if kind in _BINARY:
        (ma, sa), (mb, sb) = (evaluate(matcher.a, searcher, size),
                              evaluate(matcher.b, searcher, size))
        if kind is binary.UnionMatcher:
            return unite((ma, sa), (mb, sb), size)  # type: ignore[return-value]
        if kind is binary.IntersectionMatcher:
            return intersect((ma, sa), (mb, sb), size)  # type: ignore[return-value]
        if kind is binary.AndNotMatcher:
            return masked(ma & ~mb, sa)
        return masked(ma, sa + sb)  # AndMaybeMatcher
    if kind is wrappers.WrappingMatcher:
        matched, scores = evaluate(matcher.child, searcher, size)
        scores *= matcher.boost
        return matched, scores
    if kind is wrappers.FilterMatcher:  # e.g. a segment's deleted documents
        matched, scores = evaluate(matcher.child, searcher, size)
        listed = np.zeros(size, dtype=bool)
        listed[np.fromiter(matcher._ids, dtype=np.int64, count=len(matcher._ids))] = True
        return masked(matched & (~listed if matcher._exclude else listed),
                       scores * matcher.boost)
    if kind is combo.ArrayUnionMatcher and matcher._scored and _evaluable(matcher):
        # Whoosh adds each child's score * boost into an array, child by child,
        # and keeps the documents whose sum is above zero.
        total = np.zeros(size)
        for child in matcher._submatchers:
            total += evaluate(child, searcher, size)[1] * matcher._boost
        return total > 0, total
    if _array_leaf(matcher):
        return _leaf(matcher, searcher, size)
    if kind is mcore.NullMatcherClass:
        return np.zeros(size, dtype=bool), np.zeros(size)
    return dense(size, *_walk(matcher))


def _evaluable(matcher: Any) -> bool:
    """Whether the whole tree evaluates without walking. An array union reads
    its children ahead when it is built, so a child walked afterwards would miss
    matches: such a union is walked whole instead."""
    kind = type(matcher)
    if kind in _COMPOUND:
        return all(_evaluable(child) for child in matcher.children())
    if kind is combo.ArrayUnionMatcher:
        return matcher._scored and all(_evaluable(c) for c in matcher._submatchers)
    return _array_leaf(matcher) or kind is mcore.NullMatcherClass


_BINARY = (binary.UnionMatcher, binary.IntersectionMatcher, binary.AndNotMatcher,
           binary.AndMaybeMatcher)
_COMPOUND = (*_BINARY, wrappers.WrappingMatcher, wrappers.FilterMatcher)


def _walk(matcher: Any) -> Matches:
    """Whoosh's own way, one match at a time: any matcher, exact, slow."""
    ids: list[int] = []
    scores: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        scores.append(matcher.score())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(scores, dtype=np.float64)


def _array_leaf(matcher: Any) -> bool:
    """An on-disk posting list scored with plain BM25F: decoded and scored as arrays."""
    if type(matcher) is not W3LeafMatcher or matcher._byteids:
        return False
    scorer = matcher.scorer
    return isinstance(scorer, BM25FScorer) and type(scorer)._score is BM25FScorer._score


def _leaf(matcher: W3LeafMatcher, searcher: Searcher, size: int) -> Dense:
    ids, weights = postings(searcher, matcher)
    return dense(size, ids, _bm25f(matcher, searcher, ids, weights))


def _bm25f(matcher: W3LeafMatcher, searcher: Searcher, ids: np.ndarray,
           weights: np.ndarray) -> np.ndarray:
    """The BM25F score of every posting, in one array expression."""
    scorer = matcher.scorer
    lengths = _lengths(searcher, matcher._term[0])
    if lengths is not None:
        fl = lengths[ids]
    else:
        fl = np.asarray([scorer.dfl(int(i)) for i in ids], dtype=np.float64)
    # whoosh.scoring.bm25, operation for operation:
    # idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / avgfl)))


def _lengths(searcher: Searcher, fieldname: str) -> np.ndarray | None:
    """The field's length per document as float64, kept with the segment."""
    def read() -> np.ndarray | None:
        values = field_lengths(searcher, fieldname)
        if values is None:
            return None
        return np.asarray([0 if v is None else v for v in values], dtype=np.float64)

    return segment_value(searcher, (_LENGTHS, fieldname), read)  # type: ignore[no-any-return]
