"""Posting lists as numpy arrays, decoded once and kept per process.

Whoosh 2.7's posting blocks are zlib-compressed pickles of delta-coded ids
and weights; Whoosh decodes them one block and one posting at a time as it
walks. Here a term's whole list is decoded in one go into arrays of document
numbers and weights, and kept in a least-recently-used cache within a byte
budget. Whoosh never rewrites a segment (deletions are stored apart, merges
make new segments), so a segment id and a term name a posting list for good.
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

#: Decoded posting lists kept per process (``QAZSEARCH_POSTINGS_CACHE_MB``, 0 = none).
#: At 100,000 articles a field's most frequent term is about 1.5 MB decoded
#: (ids and weights, 16 bytes a posting).
POSTINGS_CACHE_BYTES = int(os.environ.get("QAZSEARCH_POSTINGS_CACHE_MB", "96")) * 2**20
_DELETED = "_qazsearch_deleted"
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


def postings(searcher: Searcher, matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """The matcher's whole posting list (document numbers, weights), read once and
    kept in the process's cache while its byte budget allows.

    Whoosh never rewrites a segment (deletions are kept apart, merges make new
    segments), so a segment's id and a term name its postings for good, and
    every thread and generation sharing the segment shares the entry.
    """
    segment = searcher.reader().segment()
    if segment is None:
        return _read_postings(matcher)
    key = (segment.segment_id(), *matcher._term)
    found = CACHE.get(key)
    if found is None:
        found = _read_postings(matcher)
        CACHE.put(key, found)
    return found


class PostingsCache:
    """Least recently used entries within a budget: bytes by default (posting lists of
    any segment), or whatever ``cost`` counts (e.g. 1 per entry)."""

    def __init__(self, budget: int, cost: Any = None) -> None:
        self.budget = budget
        self.cost = cost or (lambda value: value[0].nbytes + value[1].nbytes)
        self.size = 0
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def clear(self) -> None:
        """Forget every list."""
        with self._lock:
            self._items.clear()
            self.size = 0

    def put(self, key: Any, value: Any) -> None:
        cost = self.cost(value)
        if cost > self.budget // 4:  # one huge list must not flush everything else
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += cost
            while self.size > self.budget:
                _key, old = self._items.popitem(last=False)
                self.size -= self.cost(old)


def _blocks(matcher: W3LeafMatcher) -> Iterator[tuple[Any, Any, Any]]:
    """The decoded blocks (id deltas, weights, values) of a posting list, from its first.

    A fresh reader is used: the matcher given may already have been moved on
    (an intersection skips its children to their first common match).
    """
    fresh = _fresh(matcher)
    get = fresh._postfile.get
    while fresh.is_active():
        raw = get(fresh._dataoffset, fresh._nextoffset - fresh._dataoffset)
        if fresh._compression:
            raw = zlib.decompress(raw)
        yield pickle.loads(raw)
        fresh._next_block()


def _fresh(matcher: W3LeafMatcher) -> W3LeafMatcher:
    """A new reader of the matcher's posting list, at its first block."""
    return W3LeafMatcher(matcher._postfile, matcher._startoffset, matcher._length,
                         matcher.format, term=matcher._term, byteids=False)


def _read_postings(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Every (document number, weight) of a posting list.

    Blocks hold delta-coded ids, each block starting from zero; the deltas of
    all blocks are summed in one go and each block's start corrected.
    """
    deltas: list[int] = []
    weights: list[float] = []
    starts: list[int] = []
    for block_deltas, block_weights, _values in _blocks(matcher):
        starts.append(len(deltas))
        deltas.extend(block_deltas)
        if block_weights is None:
            weights.extend([1.0] * len(block_deltas))
        elif isinstance(block_weights, float):
            # Whoosh expands a shared weight into a float32 array.
            weights.extend([float(np.float32(block_weights))] * len(block_deltas))
        else:
            weights.extend(block_weights)
    if not deltas:
        return _EMPTY_IDS, _EMPTY_WEIGHTS
    running = np.cumsum(np.asarray(deltas, dtype=np.int64))
    first = np.asarray(starts, dtype=np.int64)
    before = running[first] - np.asarray([deltas[i] for i in starts], dtype=np.int64)
    counts = np.diff(np.append(first, len(deltas)))
    return running - np.repeat(before, counts), np.asarray(weights, dtype=np.float64)


def positions_at(searcher: Searcher, matcher: W3LeafMatcher,
                 at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the postings at indexes ``at`` (ascending, into the
    posting list): all of them in one array, posting after posting, and how many
    each posting has.

    Only the blocks holding those postings are read, so a phrase with one
    frequent word reads the few blocks its candidates fall in. A block's
    positions are decoded once and kept as arrays.
    """
    if not len(at):
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
    segment = searcher.reader().segment()
    key = None if segment is None else (segment.segment_id(), *matcher._term)
    table = _block_table(matcher, key)
    blocks = np.searchsorted(table.firsts, at, side="right") - 1
    flats, counts = [], []
    bounds = np.flatnonzero(np.diff(blocks)) + 1  # where the next block's postings begin
    for chunk, block in zip(np.split(at, bounds), blocks[np.append(0, bounds)].tolist(),
                            strict=True):
        flat, offsets = _block_positions(matcher, table.spans[block],
                                         None if key is None else (*key, block))
        inside = chunk - table.firsts[block]
        starts, ends = offsets[inside], offsets[inside + 1]
        lengths = ends - starts
        before = np.cumsum(lengths) - lengths
        flats.append(flat[np.arange(int(lengths.sum())) + np.repeat(starts - before, lengths)])
        counts.append(lengths)
    return np.concatenate(flats), np.concatenate(counts)


def has_values(matcher: W3LeafMatcher) -> bool:
    """Whether the postings carry values of their own (positions, characters)."""
    size = matcher.format.fixed_value_size()
    return size is None or size < 0


class _BlockTable(NamedTuple):
    """Where a posting list's blocks are: the posting index each starts at, and its
    data's (offset, length, compressed)."""

    firsts: np.ndarray
    spans: list[tuple[int, int, bool]]


def _block_table(matcher: W3LeafMatcher, key: Any) -> _BlockTable:
    """The list's block table, read from the block headers once and kept."""
    found = BLOCKS.get(key) if key is not None else None
    if found is None:
        fresh = _fresh(matcher)
        firsts, spans, count = [], [], 0
        while fresh.is_active():
            firsts.append(count)
            spans.append((fresh._dataoffset, fresh._nextoffset - fresh._dataoffset,
                          bool(fresh._compression)))
            count += fresh._blocklength
            fresh._next_block()
        found = _BlockTable(np.asarray(firsts, dtype=np.int64), spans)
        if key is not None:
            BLOCKS.put(key, found)
    return found  # type: ignore[no-any-return]


def _block_positions(matcher: W3LeafMatcher, span: tuple[int, int, bool],
                     key: Any) -> tuple[np.ndarray, np.ndarray]:
    """One block's positions, posting after posting, and where each posting starts
    (one more offset closes the last); decoded once and kept when ``key`` names it."""
    found = POSITIONS.get(key) if key is not None else None
    if found is None:
        offset, length, compressed = span
        raw = matcher._postfile.get(offset, length)
        values = pickle.loads(zlib.decompress(raw) if compressed else raw)[2]
        if type(matcher.format) is formats.Positions:
            flat, offsets = _decode_positions(values)
        else:  # another format with positions: Whoosh's decoder, posting by posting
            lists = [matcher.format.decode_positions(value) for value in values]
            offsets = np.zeros(len(lists) + 1, dtype=np.int64)
            np.cumsum([len(positions) for positions in lists], out=offsets[1:])
            flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int32,
                               count=int(offsets[-1]))
        found = (flat, offsets)
        if key is not None:
            POSITIONS.put(key, found)
    return found  # type: ignore[no-any-return]


def _decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """``Positions.decode_positions`` for a block of values at once: each value is
    a 4-byte count and a pickled list of position deltas; the running sums are
    taken in one go and each posting's start corrected."""
    deltas = [pickle.loads(value[4:]) for value in values]
    offsets = np.zeros(len(deltas) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in deltas], out=offsets[1:])
    running = np.cumsum(np.fromiter(itertools.chain.from_iterable(deltas), dtype=np.int64,
                                    count=int(offsets[-1])))
    before = np.concatenate(([0], running))[offsets[:-1]]  # the sum before each posting
    counts = np.diff(offsets)
    return (running - np.repeat(before, counts)).astype(np.int32), offsets


def term_docnums(searcher: Searcher, fieldname: str, text: str) -> np.ndarray:
    """The live (not deleted) documents holding a term, ascending: what
    ``searcher.document_numbers(**{fieldname: text})`` gives, without Whoosh
    rebuilding the segment's set of deleted documents for every lookup."""
    if fieldname not in searcher.schema:
        return _EMPTY_IDS
    parts = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        term = (fieldname, searcher.schema[fieldname].to_bytes(text))
        if term not in reader:
            continue
        matcher = reader._terms.matcher(*term, searcher.schema[fieldname].format)
        if type(matcher) is W3LeafMatcher and not matcher._byteids:
            ids = postings(subsearcher, matcher)[0]
        else:
            ids = np.fromiter(matcher.all_ids(), dtype=np.int64)
        deleted = deleted_mask(subsearcher)
        if deleted is not None:
            ids = ids[~deleted[ids]]
        parts.append(ids + offset)
    return np.concatenate(parts) if parts else _EMPTY_IDS


def live_docnums(searcher: Searcher) -> np.ndarray:
    """Every live (not deleted) document number, ascending: ``reader.all_doc_ids()``."""
    parts = []
    for subsearcher, offset in searcher.leaf_searchers():
        ids = np.arange(subsearcher.doc_count_all(), dtype=np.int64)
        deleted = deleted_mask(subsearcher)
        parts.append((ids if deleted is None else ids[~deleted]) + offset)
    return np.concatenate(parts) if parts else _EMPTY_IDS


def deleted_mask(searcher: Searcher) -> np.ndarray | None:
    """The segment's deleted documents as a mask (None: no deletions), kept with it."""
    if _DELETED not in searcher.__dict__:
        reader = searcher.reader()
        mask = None
        if reader.has_deletions():
            mask = np.zeros(searcher.doc_count_all(), dtype=bool)
            mask[np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)] = True
        searcher.__dict__[_DELETED] = mask
    return searcher.__dict__[_DELETED]


CACHE = PostingsCache(POSTINGS_CACHE_BYTES)
#: Decoded positions of recently read blocks (phrase queries), by posting-list block.
POSITIONS = PostingsCache(POSTINGS_CACHE_BYTES // 4)
#: Where the blocks of recently read posting lists are.
BLOCKS = PostingsCache(POSTINGS_CACHE_BYTES // 16,
                       cost=lambda table: table.firsts.nbytes + 72 * len(table.spans))
