"""A Whoosh ``SegmentWriter`` that analyses each distinct word once per field.

Whoosh analyses a field value token by token: a ``Token`` object goes through
the tokenizer and every filter for each of the ~2,000 words of an article, in
each of its analysed fields. Our analyzers (``indexer.text.analysis``) are a
``RegexTokenizer`` followed by filters that look at one token at a time, so a
word's terms depend on the word alone: this writer keeps, per field, a map
from the raw word to its terms, counts the words of a value with one
``re.findall``, and builds the same ``(term, frequency, weight, value)``
postings Whoosh's ``Frequency`` and ``Positions`` formats build. Fields with
another analyzer or format go through ``field.index`` as before.

Whoosh collects every posting as a tuple in a pool that, past ``limitmb``,
pickles sorted runs to temporary files and merges them back at commit (at
3,000 pages already). This writer keeps each term's postings in arrays
instead (documents arrive in docnum order, so they are sorted already), sorts
only the terms at commit, and says when it holds ``limitmb`` worth
(``full``): the caller then commits this segment and goes on in a new one.

At commit, Whoosh reads each posting's field length back from the new
segment's length column (``doc_field_length``); the writer remembers the
lengths it wrote instead. The postings, lengths, stored fields and columns
are the same as ``SegmentWriter``'s (``tests/test_fastwriter.py``).
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from typing import Any

from whoosh import formats
from whoosh.system import pack_uint
from whoosh.analysis import CompositeAnalyzer, RegexTokenizer
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from indexer.text.analysis import FoldFilter, NormalizeFilter, StemFilter

#: Filters whose output for a token depends on that token's text only.
PER_WORD_FILTERS = (NormalizeFilter, StemFilter, FoldFilter)
#: Distinct words remembered per analyzer before the map is cleared (memory bound).
MAX_WORDS = 400_000

Posting = tuple[bytes, int, float, bytes]
#: ``Frequency`` values of small frequencies, shared instead of packed per posting.
_FREQ_VALUES = [pack_uint(n) for n in range(1024)]
#: Bytes a held posting costs (two array slots, a value reference, a positions value
#: now and then), and a held term (its key, two arrays, a list, a tuple, a dict slot):
#: together they turn ``limitmb`` into a memory bound.
POSTING_BYTES = 32
TERM_BYTES = 420


class _FieldIndexer:
    """Postings of one field's values, with a word -> terms map."""

    def __init__(self, field: Any, terms: dict[str, tuple[bytes, ...]]) -> None:
        self.analyzer = field.analyzer
        self.findall = self.analyzer.items[0].expression.findall
        self.positions = type(field.format) is formats.Positions
        self.format = field.format
        self.boost = field.format.field_boost
        self.terms = terms

    def _terms(self, word: str) -> tuple[bytes, ...]:
        terms = self.terms.get(word)
        if terms is None:
            if len(self.terms) >= MAX_WORDS:
                self.terms.clear()
            terms = tuple(t.text.encode("utf-8") for t in self.analyzer(word, mode="index")
                          if not t.stopped)
            self.terms[word] = terms
        return terms

    def postings(self, value: str) -> list[Posting]:
        words = self.findall(value)
        boost = self.boost
        if self.positions:
            poses: dict[bytes, list[int]] = defaultdict(list)
            for pos, word in enumerate(words):
                for term in self._terms(word):
                    poses[term].append(pos)
            return [(term, len(p), len(p) * boost, self.format.encode(p)) for term, p in poses.items()]
        freqs: dict[bytes, int] = defaultdict(int)
        for word, count in Counter(words).items():
            for term in self._terms(word):
                freqs[term] += count
        values = _FREQ_VALUES
        return [(term, n, float(n) * boost, values[n] if n < 1024 else pack_uint(n))
                for term, n in freqs.items()]


def _fast_indexer(field: Any, shared: list[tuple[Any, dict]] | None = None
                  ) -> _FieldIndexer | None:
    """A word-at-a-time indexer for ``field``, or None when its analysis needs context.

    Fields with equal analyzers (``title_kk`` and ``body_kk``) share one word map
    through ``shared``.
    """
    analyzer = getattr(field, "analyzer", None)
    if not field.indexed or field.vector or field.separate_spelling():
        return None
    if type(field.format) not in (formats.Frequency, formats.Positions):
        return None
    if not isinstance(analyzer, CompositeAnalyzer) or not analyzer.items:
        return None
    tokenizer, *filters = analyzer.items
    if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
        return None
    if not all(type(f) in PER_WORD_FILTERS for f in filters):
        return None
    shared = [] if shared is None else shared
    terms = next((t for other, t in shared if other == analyzer), None)
    if terms is None:
        terms = {}
        shared.append((analyzer, terms))
    return _FieldIndexer(field, terms)


class Analysed:
    """A field value already turned into its postings (by ``analyse_document``)."""

    __slots__ = ("postings",)

    def __init__(self, postings: list[Posting]) -> None:
        self.postings = postings

    def __getstate__(self) -> list[Posting]:
        return self.postings

    def __setstate__(self, state: list[Posting]) -> None:
        self.postings = state


_PROCESS_INDEXERS: dict[str, _FieldIndexer | None] = {}


def analyse_document(schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each analysed text value replaced by its postings.

    Meant for worker processes, so the writer process only adds postings;
    each process keeps its own word maps (``_PROCESS_INDEXERS``).
    """
    if not _PROCESS_INDEXERS:
        shared: list[tuple[Any, dict]] = []
        _PROCESS_INDEXERS.update((name, _fast_indexer(field, shared))
                                 for name, field in schema.items())
    out = dict(document)
    for name, value in document.items():
        indexer = _PROCESS_INDEXERS.get(name)
        if indexer is None or name not in schema or not isinstance(value, str):
            continue
        field = schema[name]
        if not field.stored and not field.column_type:
            out[name] = Analysed(indexer.postings(value))
    return out


def field_postings(field: Any, value: Any) -> list[Posting]:
    """``field.index(value)`` computed word by word (for tests and benchmarks)."""
    indexer = _fast_indexer(field)
    if indexer is None or not isinstance(value, str):
        return list(field.index(value))
    return indexer.postings(value)


class _Lengths:
    """The new segment's per-document reader, answering field lengths from memory.

    ``lengths`` holds each length as the length column stores it (one byte,
    ``length_to_byte``), so the answers are the column's.
    """

    def __init__(self, reader: Any, lengths: dict[str, array]) -> None:
        self.reader = reader
        self.lengths = lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        lengths = self.lengths.get(fieldname)
        length = lengths[docnum] if lengths is not None and docnum < len(lengths) else 0
        return length or self.reader.doc_field_length(docnum, fieldname, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reader, name)


class FastWriter(SegmentWriter):
    """``SegmentWriter`` with word-at-a-time analysis; same segments, same API."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        shared: list[tuple[Any, dict]] = []
        self._indexers = {name: _fast_indexer(field, shared)
                          for name, field in self.schema.items()}
        self._lengths: dict[str, array] = {}
        # fieldname -> term -> (docnums, weights, values)
        self._terms: dict[str, dict[bytes, tuple[array, array, list[bytes]]]] = {}
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
                fieldboost = self._field_boost(fields, fieldname, docboost)
                if isinstance(value, Analysed):
                    items = value.postings
                elif indexer is not None and isinstance(value, str):
                    items = indexer.postings(value)
                else:
                    items = field.index(value)
                scorable = field.scorable
                terms = self._terms.setdefault(fieldname, {})
                held = 0
                for tbytes, freq, weight, vbytes in items:
                    if scorable:
                        length += freq
                    entry = terms.get(tbytes)
                    if entry is None:
                        entry = terms[tbytes] = (array("i"), array("d"), [])
                        held += TERM_BYTES
                    entry[0].append(docnum)
                    entry[1].append(weight * fieldboost)
                    entry[2].append(vbytes)
                    held += POSTING_BYTES
                self._held += held
                if length:
                    self._remember(fieldname, docnum, length)
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _sorted_postings(self) -> Any:
        """The held postings as Whoosh's pool yields them: by field, term, docnum."""
        for fieldname in sorted(self._terms):
            terms = self._terms[fieldname]
            for tbytes in sorted(terms):
                docnums, weights, values = terms[tbytes]
                for docnum, weight, value in zip(docnums, weights, values, strict=True):
                    yield fieldname, tbytes, docnum, weight, value

    def _flush_segment(self) -> None:
        if self.pool.current or self.pool.runs:  # a merge put postings in the pool
            for posting in self._sorted_postings():
                self.pool.add(posting)
            self._terms.clear()
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self._sorted_postings())
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()
        self._terms.clear()

    def _remember(self, fieldname: str, docnum: int, length: int) -> None:
        lengths = self._lengths.setdefault(fieldname, array("I"))
        if len(lengths) <= docnum:
            lengths.extend([0] * (docnum + 1 - len(lengths)))
        lengths[docnum] = byte_to_length(length_to_byte(length))  # as the column stores it

    def per_document_reader(self) -> Any:
        """The new segment's reader; its field lengths come from memory."""
        return _Lengths(super().per_document_reader(), self._lengths)
