"""A segment's term dictionary with the entries looked up recently kept in memory.

For one term of a query, Whoosh asks the segment's terms file four or five
times: is the term there (``in``), how many documents have it (the OR/AND tree's
size estimate, then BM25F's idf), and where its postings are (the matcher).
Each question hashes the key and probes the on-disk hash table again, about
120 probes for an ordinary query at 100,000 articles. :func:`install` gives
every segment reader of a searcher a terms reader that answers all of them
from one lookup, kept per process (segments never change, so an entry stays
right for as long as the segment exists; Lucene keeps its terms index in
memory for the same reason).
"""

from __future__ import annotations

import os
from typing import Any

from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from indexer.search.fast.postings import PostingsCache

#: Term entries kept per process (``QAZSEARCH_TERM_CACHE``; 0 = none). An entry takes
#: about 400 bytes (measured with tracemalloc at 100k articles), so at most about 20 MB.
TERM_CACHE_ENTRIES = int(os.environ.get("QAZSEARCH_TERM_CACHE", "50000"))
TERMS = PostingsCache(TERM_CACHE_ENTRIES, cost=lambda _value: 1)
#: What the cache keeps for a term the segment does not have.
_ABSENT = object()


class CachedTerms:
    """A ``W3TermsReader`` that looks each (field, term) up once per process."""

    def __init__(self, terms: Any, segment_id: str) -> None:
        self._terms = terms
        self._segment_id = segment_id

    def __getattr__(self, name: str) -> Any:  # cursors, term listings, close
        return getattr(self._terms, name)

    def _lookup(self, fieldname: str, tbytes: bytes) -> Any:
        key = (self._segment_id, fieldname, tbytes)
        found = TERMS.get(key)
        if found is None:
            try:
                found = self._terms.term_info(fieldname, tbytes)
            except TermNotFound:
                found = _ABSENT
            TERMS.put(key, found)
        return found

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return self._lookup(*term) is not _ABSENT

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        found = self._lookup(fieldname, tbytes)
        if found is _ABSENT:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return found

    def _known(self, fieldname: str, tbytes: bytes) -> Any:
        """The term's info; KeyError when absent, as the terms file's own lookups raise."""
        found = self._lookup(fieldname, tbytes)
        if found is _ABSENT:
            raise KeyError((fieldname, tbytes))
        return found

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        return float(self._known(fieldname, tbytes).weight())

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        return int(self._known(fieldname, tbytes).doc_frequency())

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        return self._terms._codec.postings_reader(
            self._terms._postfile, self.term_info(fieldname, tbytes), format_,
            term=(fieldname, tbytes), scorer=scorer)


def install(searcher: Searcher) -> Searcher:
    """Give each segment reader under ``searcher`` a :class:`CachedTerms`; returns it."""
    if TERM_CACHE_ENTRIES <= 0:
        return searcher
    for leaf, _offset in searcher.reader().leaf_readers():
        segment = leaf.segment() if hasattr(leaf, "segment") else None
        terms = getattr(leaf, "_terms", None)
        if segment is None or terms is None or isinstance(terms, CachedTerms):
            continue
        leaf._terms = CachedTerms(terms, segment.segment_id())
    return searcher
