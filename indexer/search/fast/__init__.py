"""The Whoosh speed-ups, behind this one door.

This package is the only code that reads Whoosh's codec, matchers and segment files
directly or touches Whoosh's private attributes (``make lint`` enforces it with ruff's
banned-api and private-member rules). Everything else imports the names below from
``indexer.search.fast``, never its modules.

* :func:`open_searcher`: the searcher every part of the product uses;
* :func:`all_matches`: every match of a query with its exact BM25F score, on arrays;
* :func:`columns`, :func:`segments_key`: per-document values for ranking and facets;
* :func:`stored_fields`: stored fields of a document, cached;
* :func:`live_docnums`, :func:`term_docnums`: posting lists as arrays;
* :func:`zero_copy_reads`: Whoosh readers read segment files in place, not copied.
"""

from indexer.search.fast.docvalues import columns, segment_value, segments_key
from indexer.search.fast.postings import live_docnums, term_docnums
from indexer.search.fast.searcher import open_searcher
from indexer.search.fast.stored import stored_fields
from indexer.search.fast.vectormatch import all_matches, shared_matching
from indexer.search.fast.zerocopy import install as zero_copy_reads

__all__ = ["all_matches", "columns", "live_docnums", "open_searcher",
           "segment_value", "segments_key", "shared_matching", "stored_fields", "term_docnums",
           "zero_copy_reads"]
