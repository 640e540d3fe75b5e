"""One field's postings, held in flat arrays until the segment is written.

Whoosh's pool keeps a tuple per posting and sorts them all at commit. Here a
field keeps a term -> id map and, per posting, the term id, weight and
frequency in arrays, and the document numbers as one (docnum, count) pair per
added value: documents arrive in docnum order, so a stable sort of the
postings by the term's rank (numpy, at commit) gives Whoosh's order, by term
and then docnum. Values are kept only where they are not the packed frequency
(``Positions``, and fields indexed by Whoosh itself).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import formats

#: How a field's posting values are kept: derived from the frequency, none at all
#: (``Existence``), or one bytes object per posting.
FREQ, NONE, LIST = "freq", "none", "list"


def value_mode(fmt: Any) -> str:
    """How the postings of a field with format ``fmt`` keep their values."""
    if type(fmt) is formats.Frequency and fmt.fixed_value_size() == 4:
        return FREQ
    return NONE if fmt.fixed_value_size() == 0 else LIST


@dataclass
class SortedPostings:
    """A field's postings in Whoosh's order: by term, then docnum."""

    terms: list[bytes]  # sorted
    counts: list[int]  # postings per term
    docnums: np.ndarray  # int64
    weights: np.ndarray  # float64
    freqs: np.ndarray  # uint32
    values: list[bytes] | None  # LIST mode only

    def part(self, start: int, end: int) -> SortedPostings:
        """Terms ``start:end`` and their postings, so a field can be written in pieces."""
        first = sum(self.counts[:start])
        last = first + sum(self.counts[start:end])
        return SortedPostings(
            terms=self.terms[start:end], counts=self.counts[start:end],
            docnums=self.docnums[first:last], weights=self.weights[first:last],
            freqs=self.freqs[first:last],
            values=None if self.values is None else self.values[first:last])


class FieldStore:
    """The postings one field got in this segment."""

    __slots__ = ("mode", "ids", "tids", "weights", "freqs", "values", "docs", "sizes")

    def __init__(self, fmt: Any) -> None:
        self.mode = value_mode(fmt)
        ids: defaultdict[bytes, int] = defaultdict()
        ids.default_factory = ids.__len__  # a new term gets the next id
        self.ids = ids
        self.tids = array("i")
        self.weights = array("d")
        self.freqs = array("I")
        self.values: list[bytes] | None = [] if self.mode == LIST else None
        self.docs = array("i")  # docnum of each added value ...
        self.sizes = array("i")  # ... and its number of postings

    def add(self, docnum: int, terms: list[bytes], freqs: array, boost: float,
            fieldboost: float, values: list[bytes] | None) -> int:
        """Add one value's terms; weights are ``(freq * boost) * fieldboost``, as Whoosh's.

        Returns the number of new terms.
        """
        known = len(self.ids)
        self.tids.extend(map(self.ids.__getitem__, terms))
        self.freqs.extend(freqs)
        if boost == 1.0 and fieldboost == 1.0:
            self.weights.extend(array("d", freqs))
        else:
            self.weights.extend(array("d", [(n * boost) * fieldboost for n in freqs]))
        if self.values is not None:
            if values is None:
                raise ValueError("this field keeps posting values")
            self.values.extend(values)
        self.docs.append(docnum)
        self.sizes.append(len(terms))
        return len(self.ids) - known

    def add_items(self, docnum: int, items: Any, fieldboost: float) -> tuple[int, int, int]:
        """Add ``field.index`` postings. Returns (postings, new terms, total frequency).

        Fields Whoosh analyses itself are mostly IDs (one posting), so this
        appends posting by posting.
        """
        known = len(self.ids)
        ids, tids, freqs, weights, values = (self.ids, self.tids, self.freqs, self.weights,
                                             self.values)
        count = total = 0
        for tbytes, freq, weight, vbytes in items:
            tids.append(ids[tbytes])
            freqs.append(freq)
            weights.append(weight * fieldboost)
            if values is not None:
                values.append(vbytes)
            count += 1
            total += freq
        self.docs.append(docnum)
        self.sizes.append(count)
        return count, len(ids) - known, total

    def __len__(self) -> int:
        return len(self.tids)

    def sorted_postings(self) -> SortedPostings:
        """The postings by term, then docnum, as Whoosh's pool yields them."""
        terms = list(self.ids)
        order = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[order] = np.arange(len(terms))
        keys = rank[np.frombuffer(self.tids, dtype=np.int32)]
        perm = np.argsort(keys, kind="stable")
        docnums = np.repeat(np.frombuffer(self.docs, dtype=np.int32).astype(np.int64),
                            np.frombuffer(self.sizes, dtype=np.int32))
        values = None
        if self.values is not None:
            held = np.empty(len(self.values), dtype=object)
            held[:] = self.values
            values = held[perm].tolist()
        return SortedPostings(
            terms=[terms[i] for i in order],
            counts=np.bincount(keys, minlength=len(terms)).tolist(),
            docnums=docnums[perm],
            weights=np.frombuffer(self.weights, dtype=np.float64)[perm],
            freqs=np.frombuffer(self.freqs, dtype=np.uint32)[perm],
            values=values)
