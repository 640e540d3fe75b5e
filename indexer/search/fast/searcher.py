"""Opening a searcher with the speed-ups installed: the one way searchers are made.

Zero-copy reads of the segment files (:mod:`~indexer.search.fast.zerocopy`) are
installed here, when the first searcher is opened, not as a side effect of importing
a module; term lookups are cached per searcher (:mod:`~indexer.search.fast.terminfo`)
and BM25F reads each field's lengths once per segment
(:mod:`~indexer.search.fast.weighting`).
"""

from __future__ import annotations

from whoosh import index as whoosh_index
from whoosh.reading import MultiReader
from whoosh.searching import Searcher

from indexer.search.fast import terminfo, zerocopy
from indexer.search.fast.weighting import CachedLengthBM25F


class ShardedSearcher(Searcher):
    """A searcher over a MultiReader, without block-quality skipping.

    Whoosh 2.7.4's ``MultiMatcher`` claims block-quality support but lacks
    ``skip_to_quality``, so a top-N search that tries to skip raises
    ``NotImplementedError``. Searching without that optimisation is exact
    and only a little slower.
    """

    def search(self, q, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["optimize"] = False
        return super().search(q, **kwargs)


def open_searcher(indexes: list[whoosh_index.Index]) -> Searcher:
    """One searcher over all shards (a MultiReader when there are several), reading the
    segment files in place, its term lookups cached."""
    zerocopy.install()
    if len(indexes) == 1:
        return terminfo.install(indexes[0].searcher(weighting=CachedLengthBM25F()))
    # One level of segment readers: a shard of several segments opens as a MultiReader,
    # and a MultiReader inside a MultiReader is not a leaf the fast paths can read.
    segments = [leaf for ix in indexes for leaf, _ in ix.reader().leaf_readers()]
    return terminfo.install(ShardedSearcher(MultiReader(segments),
                                            weighting=CachedLengthBM25F()))


