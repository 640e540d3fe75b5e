"""Stored fields of recently shown articles, kept per process (like Solr's documentCache).

Whoosh keeps a document's stored fields as one zlib-compressed pickle, the whole text
included, and unpacks it on every ``stored_fields()`` call (an order of magnitude
slower than this cache: ``docs/whoosh.md``). Recent articles
come back in the results of many queries, so the unpacked fields are kept, by segment
and document number (a segment never changes), within a byte budget.
"""

from __future__ import annotations

import bisect
from typing import Any

from whoosh.searching import Searcher

from indexer import settings
from indexer.cache import LRUCache
from indexer.search.fast.docvalues import segments_key

#: What an entry costs besides its strings (dict, keys, small values), in bytes.
_OVERHEAD = 600
_LEAVES = "_qazsearch_leaves"


def _cost(fields: dict[str, Any]) -> int:
    return _OVERHEAD + sum(len(v) for v in fields.values() if isinstance(v, str))


#: Stored fields of recently shown articles (setting ``DOCUMENT_CACHE_MB``).
CACHE = LRUCache(lambda: settings.int_value("DOCUMENT_CACHE_MB") * 2**20, cost=_cost)


def stored_fields(searcher: Searcher, docnum: int) -> dict[str, Any]:
    """``searcher.stored_fields(docnum)``, from the cache when the article was read
    recently (a new dict each time: callers may change it)."""
    key = _key(searcher, docnum)
    found = CACHE.get(key) if key is not None else None
    if found is None:
        found = searcher.stored_fields(docnum)
        if key is not None:
            CACHE.put(key, found)
    return dict(found)


def _key(searcher: Searcher, docnum: int) -> tuple[Any, int] | None:
    """(segment id, document number in the segment); None for a reader without segments."""
    if _LEAVES not in searcher.__dict__:
        segments = segments_key(searcher.reader())  # (segment id, offset, documents) each
        searcher.__dict__[_LEAVES] = (
            None if segments is None else ([s[0] for s in segments], [s[1] for s in segments]))
    leaves = searcher.__dict__[_LEAVES]
    if leaves is None:
        return None
    ids, offsets = leaves
    at = bisect.bisect_right(offsets, docnum) - 1
    return ids[at], docnum - offsets[at]
