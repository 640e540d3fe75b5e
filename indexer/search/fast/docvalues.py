"""Per-document values read by the ranking and facet passes, held as Python lists.

Whoosh's ``column_reader()`` re-reads a variable-length column's offset table
on every call (work proportional to the index size), and every access unpacks
bytes. A segment's columns never change, so each column is read once into a
list and kept per process, shared by every thread's searcher over the same
segments (each thread has its own searcher; a new generation made of the same
segments, e.g. after an update that only deleted, reuses the lists too). The
lists are put together from per-segment lists, also kept: a new generation
reads the columns of its new segments only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh.columns import TranslatingColumnReader
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from indexer.cache import LRUCache

#: Attribute under which a searcher keeps its columns.
_ATTRIBUTE = "_qazsearch_columns"
#: Column stores kept per process (one per set of segments: the live generation,
#: plus the previous one while requests finish on it).
STORES = 4


@dataclass(frozen=True)
class Coded:
    """A column as small integers: ``values[codes[docnum]]`` is the document's value."""

    codes: np.ndarray
    values: list[Any]
    index: dict[Any, int]


@dataclass
class _Store:
    """The columns read so far for one set of segments."""

    lists: dict[str, list[Any] | None] = field(default_factory=dict)
    coded: dict[str, Coded | None] = field(default_factory=dict)
    derived: dict[Any, Any] = field(default_factory=dict)
    #: Held while a missing value is read: the other threads wait for it rather than
    #: read it too (on a fresh server every thread's first query wants the same columns).
    lock: threading.RLock = field(default_factory=threading.RLock)

    def value(self, table: dict[Any, Any], key: Any, compute: Callable[[], Any]) -> Any:
        """``table[key]``, computed once by whichever thread asks first."""
        if key in table:
            return table[key]
        with self.lock:
            if key not in table:
                table[key] = compute()
            return table[key]


_STORES = LRUCache(STORES, cost=lambda _store: 1)
#: Segment columns kept per process, (segment id, documents, column) -> values.
SEGMENT_COLUMNS = 256
_SEGMENT_VALUES = LRUCache(SEGMENT_COLUMNS, cost=lambda _values: 1)


class Columns:
    """Lazily read, whole columns of one reader (one list per field, by docnum).

    The lists live in a store shared by the threads reading the same segments;
    a missing column is read by one thread while the others wait.
    """

    def __init__(self, reader: IndexReader, store: _Store | None = None) -> None:
        self.reader = reader
        self._store = store or _Store()

    def get(self, name: str) -> list[Any] | None:
        """The values of column ``name`` by document number; None if there is no such
        column (generations built before the field became a column)."""
        return self._store.value(  # type: ignore[no-any-return]
            self._store.lists, name,
            lambda: _read(self.reader, name) if self.reader.has_column(name) else None)

    def coded(self, name: str) -> Coded | None:
        """Column ``name`` as integer codes (for numpy counting); None if absent."""
        return self._store.value(  # type: ignore[no-any-return]
            self._store.coded, name, lambda: _code(self.get(name)))


def columns(searcher: Searcher) -> Columns:
    """The searcher's columns, read on first use and shared by the process's
    searchers over the same segments."""
    cached = getattr(searcher, _ATTRIBUTE, None)
    if cached is None or cached.reader is not searcher.reader():
        reader = searcher.reader()
        key = segments_key(reader)
        cached = Columns(reader, _store(key) if key is not None else None)
        setattr(searcher, _ATTRIBUTE, cached)
    return cached


def segment_value(searcher: Searcher, key: Any, compute: Callable[[], Any]) -> Any:
    """Another per-document value of the searcher's segments that never changes (e.g.
    field lengths): computed once, by one thread, and shared like the columns."""
    segments = segments_key(searcher.reader())
    if segments is None:
        store = searcher.__dict__.setdefault("_qazsearch_derived", _Store())
    else:
        store = _store(segments)
    return store.value(store.derived, key, compute)


def segments_key(reader: IndexReader) -> tuple[Any, ...] | None:
    """What identifies a reader's documents for good: its segments' ids and sizes, in
    order (None when a reader has no segment ids)."""
    leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    key = []
    for leaf, offset in leaves:
        segment = leaf.segment() if hasattr(leaf, "segment") else None
        if segment is None:
            return None
        key.append((segment.segment_id(), offset, leaf.doc_count_all()))
    return tuple(key)


def _store(key: tuple[Any, ...]) -> _Store:
    return _STORES.get_or_put(key, _Store)


def _code(values: list[Any] | None) -> Coded | None:
    if values is None:
        return None
    index: dict[Any, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32,
                        count=len(values))
    return Coded(codes, list(index), index)


def _read(reader: IndexReader, name: str) -> list[Any]:
    """The column's values by docnum: each segment's values, in order.

    A segment's values are read once and kept (:data:`SEGMENT_COLUMNS`), so the
    first search on a new generation reads only the segments it has not seen:
    after an update, the new documents, not the whole index again.
    """
    leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
    values: list[Any] = []
    for leaf, _offset in leaves:
        values.extend(_segment_values(leaf, name))
    return values


def _segment_values(leaf: IndexReader, name: str) -> list[Any]:
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if segment is None:
        return _read_segment(leaf, name)
    key = (segment.segment_id(), leaf.doc_count_all(), name)
    found = _SEGMENT_VALUES.get(key)
    if found is None:
        found = _read_segment(leaf, name)
        _SEGMENT_VALUES.put(key, found)
    return found


def _read_segment(leaf: IndexReader, name: str) -> list[Any]:
    """One segment's column, front to back, each distinct stored value translated
    once (and one object for all its documents).

    Whoosh's random access unpacks the value for every document, twice as slow
    (``docs/whoosh.md``).
    """
    column = leaf.column_reader(name)
    if isinstance(column, TranslatingColumnReader):
        raw, translate = column.raw_column(), column._translate
    else:
        raw, translate = column, _same
    seen: dict[Any, Any] = {}
    values = [seen[v] if v in seen else seen.setdefault(v, _value(translate, v)) for v in raw]
    if len(values) != leaf.doc_count_all():  # not a layout this knows: one by one
        values = [_value(translate, raw[docnum]) for docnum in range(leaf.doc_count_all())]
    return values


def _value(translate: Callable[[Any], Any], stored: Any) -> Any:
    """The field's value of a stored column value; None for a document without one.

    A document without a date holds the column's filler (2**64 - 1), which Whoosh
    cannot turn into a datetime: its own per-document access raises OverflowError.
    """
    try:
        return translate(stored)
    except (OverflowError, ValueError):
        return None


def _same(value: Any) -> Any:
    return value
