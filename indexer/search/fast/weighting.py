"""BM25F with each field's document lengths read once per segment.

Whoosh's BM25F scorer asks the reader for the matching document's field
length on every scored match (four calls deep, one byte read from the length
column each time): about a tenth of query time on a large index. This model
gives the scorer a list of the same values, read in one go per segment and
field and kept with the searcher, so scores are exactly Whoosh's.
"""

from __future__ import annotations

from typing import Any

from whoosh import scoring
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from indexer.search.fast.columns import segment_value

_ATTRIBUTE = "_qazsearch_lengths"
#: Whoosh stores a field length as one byte; 0 means "no terms in this field".
_DECODE = [None] + [byte_to_length(b) for b in range(1, 256)]


class CachedLengthBM25F(scoring.BM25F):  # type: ignore[misc]
    """Whoosh's BM25F (same B and K1), with cached field lengths."""

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: float = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if getattr(scorer, "dfl", None) is not None:
            lengths = field_lengths(searcher, fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer


def field_lengths(searcher: Searcher, fieldname: str) -> list[int | None] | None:
    """What ``searcher.doc_field_length(docnum, fieldname, 1)`` returns, for every
    document of a one-segment searcher; None where that cannot be read in one go."""
    return segment_value(searcher, (_ATTRIBUTE, fieldname),  # type: ignore[no-any-return]
                         lambda: _read_lengths(searcher.reader(), fieldname))


def _read_lengths(reader: Any, fieldname: str) -> list[int | None] | None:
    perdoc = getattr(reader, "_perdoc", None)  # whoosh 2.7 segment readers only
    if perdoc is None or not reader.is_atomic():
        return None
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        count, size = column._count, column._fixedlen
        if size != 1:
            return None
        raw = column._dbfile.get(column._basepos, count)
    except (AttributeError, ImportError, TypeError):
        return None
    total = reader.doc_count_all()
    values = [_DECODE[byte] for byte in raw]
    return values + [None] * (total - len(values))
