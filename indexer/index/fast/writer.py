"""A Whoosh ``SegmentWriter`` that holds postings in arrays and writes W3 files directly.

Analysis is word at a time (``words``): an analysed value arrives as its terms
and frequencies, computed here or in a build worker. Whoosh collects every
posting as a tuple in a pool that, past ``limitmb``, pickles sorted runs to
temporary files and merges them back at commit (at 3,000 pages already). This
writer keeps each field's postings in flat arrays instead (``store``), sorts
them by term at commit, and says when it holds ``limitmb`` worth (``full``):
the caller then commits this segment and goes on in a new one.

At commit the postings go straight into the ``.trm`` and ``.pst`` files in
Whoosh 3 format (``w3``), with the field lengths taken from memory, instead of
through ``FieldWriter.add_postings`` one posting at a time, and on every core
(``commit``: big segments are encoded by forked processes). The segment files
are the ones ``SegmentWriter`` writes, byte for byte (``tests/test_w3.py``,
``tests/test_fastwriter.py``). If a merge put postings into Whoosh's pool, or
the codec is not the one ``w3`` reproduces, the stock path writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from indexer.index.fast import commit, w3
from indexer.index.fast.store import FREQ, FieldStore
from indexer.index.fast.words import Analysed, fast_indexer

#: Bytes a held posting costs, and a held term: together they turn ``limitmb``
#: into a memory bound. They also decide where segments split, so a change moves
#: the segment boundaries of big builds (the index stays correct either way).
POSTING_BYTES = 32
TERM_BYTES = 420


class _Lengths:
    """The new segment's per-document reader, answering field lengths from memory.

    ``lengths`` holds each length byte as the length column stores it
    (``length_to_byte``), so the answers are the column's.
    """

    def __init__(self, reader: Any, lengths: dict[str, bytearray]) -> None:
        self.reader = reader
        self.lengths = lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        lengths = self.lengths.get(fieldname)
        byte = lengths[docnum] if lengths is not None and docnum < len(lengths) else 0
        return byte_to_length(byte) if byte else self.reader.doc_field_length(
            docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reader, name)


class FastWriter(SegmentWriter):
    """``SegmentWriter`` with word-at-a-time analysis; same segments, same API."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        shared: list[tuple[Any, dict]] = []
        self._indexers = {name: fast_indexer(field, shared)
                          for name, field in self.schema.items()}
        self._lengths: dict[str, bytearray] = {}  # fieldname -> length byte per docnum
        self._stores: dict[str, FieldStore] = {}
        self._held = 0  # bytes, estimated
        self._limit = self.pool.limit

    @property
    def full(self) -> bool:
        """True once the postings held reach ``limitmb``: commit, then go on in a new writer."""
        return self._held >= self._limit

    def add_document(self, **fields: Any) -> None:
        """Same as ``SegmentWriter.add_document`` for the fields our schema has."""
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        perdocwriter = self.perdocwriter
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            indexer = self._indexers.get(fieldname)
            if indexer is None and (field.vector or field.separate_spelling()):
                raise NotImplementedError(f"FastWriter does not write vectors or spelling "
                                          f"fields ({fieldname})")
            length = 0
            if field.indexed:
                length = self._index(docnum, fieldname, field, indexer, value,
                                     self._field_boost(fields, fieldname, docboost))
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _index(self, docnum: int, fieldname: str, field: Any, indexer: Any, value: Any,
               fieldboost: float) -> int:
        """Hold one value's postings; return the field length to store."""
        store = self._stores.get(fieldname)
        if store is None:
            store = self._stores[fieldname] = FieldStore(field.format)
        if indexer is not None and isinstance(value, str):
            value = indexer.analyse(value)
        if isinstance(value, Analysed):
            new = store.add(docnum, value.terms, value.freqs, field.format.field_boost,
                            fieldboost, value.values)
            count, total = len(value.terms), sum(value.freqs)
        else:
            count, new, total = store.add_items(docnum, field.index(value), fieldboost)
        self._held += new * TERM_BYTES + count * POSTING_BYTES
        length = total if field.scorable else 0
        if length:
            self._remember(fieldname, docnum, length)
        return length

    def _remember(self, fieldname: str, docnum: int, length: int) -> None:
        lengths = self._lengths.setdefault(fieldname, bytearray())
        if len(lengths) <= docnum:
            lengths.extend(bytes(docnum + 1 - len(lengths)))
        lengths[docnum] = length_to_byte(length)  # as the column stores it

    def _sorted_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """The held postings as Whoosh's pool yields them: by field, term, docnum."""
        for fieldname in sorted(self._stores):
            store = self._stores[fieldname]
            sp = store.sorted_postings()
            docnums, weights, freqs = (sp.docnums.tolist(), sp.weights.tolist(),
                                       sp.freqs.tolist())
            values = sp.values
            pos = 0
            for term, count in zip(sp.terms, sp.counts, strict=True):
                for i in range(pos, pos + count):
                    value = (values[i] if values is not None else
                             freqs[i].to_bytes(4, "big") if store.mode == FREQ else b"")
                    yield fieldname, term, docnums[i], weights[i], value
                pos += count

    def _flush_segment(self) -> None:
        if self.pool.current or self.pool.runs:  # a merge put postings in the pool
            for posting in self._sorted_postings():
                self.pool.add(posting)
            self._stores.clear()
            super()._flush_segment()
            return
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        if w3.can_write(fieldwriter):
            commit.write_postings(fieldwriter, self.schema, self._stores, self._lengths)
        else:
            reader = self.per_document_reader() if self.codec.length_stats else None
            fieldwriter.add_postings(self.schema, reader, self._sorted_postings())
            if reader is not None:
                reader.close()
        fieldwriter.close()
        self._stores.clear()

    def per_document_reader(self) -> Any:
        """The new segment's reader; its field lengths come from memory."""
        return _Lengths(super().per_document_reader(), self._lengths)
