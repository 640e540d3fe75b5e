"""Per-document values read by the ranking and facet passes, held as Python lists.

Whoosh's ``column_reader()`` re-reads a variable-length column's offset table
on every call (work proportional to the index size), and every access unpacks
bytes. A reader's columns never change, so each column is read once into a
list and kept with the searcher; ``LiveIndex`` keeps searchers across
requests, so a query pays only list look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

#: Attribute under which a searcher keeps its columns.
_ATTRIBUTE = "_qazsearch_columns"


@dataclass(frozen=True)
class Coded:
    """A column as small integers: ``values[codes[docnum]]`` is the document's value."""

    codes: np.ndarray
    values: list[Any]
    index: dict[Any, int]


class Columns:
    """Lazily read, whole columns of one reader (one list per field, by docnum)."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self._lists: dict[str, list[Any] | None] = {}
        self._coded: dict[str, Coded | None] = {}

    def get(self, name: str) -> list[Any] | None:
        """The values of column ``name`` by document number; None if there is no such
        column (generations built before the field became a column)."""
        if name not in self._lists:
            self._lists[name] = _read(self.reader, name) if self.reader.has_column(name) else None
        return self._lists[name]

    def coded(self, name: str) -> Coded | None:
        """Column ``name`` as integer codes (for numpy counting); None if absent."""
        if name not in self._coded:
            values = self.get(name)
            if values is None:
                self._coded[name] = None
            else:
                index: dict[Any, int] = {}
                codes = np.fromiter((index.setdefault(v, len(index)) for v in values),
                                    dtype=np.int32, count=len(values))
                self._coded[name] = Coded(codes, list(index), index)
        return self._coded[name]


def columns(searcher: Searcher) -> Columns:
    """The searcher's columns, read on first use and kept with the searcher.

    A searcher is used by one thread at a time (see ``indexer.live``), so the
    lists need no lock.
    """
    cached = getattr(searcher, _ATTRIBUTE, None)
    if cached is None or cached.reader is not searcher.reader():
        cached = Columns(searcher.reader())
        setattr(searcher, _ATTRIBUTE, cached)
    return cached


def _read(reader: IndexReader, name: str) -> list[Any]:
    column = reader.column_reader(name)
    values: list[Any] = [column[docnum] for docnum in range(reader.doc_count_all())]
    if values and isinstance(values[0], str):
        shared: dict[str, str] = {}  # one string object per distinct value
        values = [shared.setdefault(value, value) for value in values]
    return values
