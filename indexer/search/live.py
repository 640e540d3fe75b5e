"""The live index as the web app and CLI see it: one searcher per thread and generation.

Opening a Whoosh searcher is costly on a large index (``docs/whoosh.md``), so
searchers are reused across requests. Each request checks the ``CURRENT`` pointer (one
``stat``); when a new generation was published, the thread opens it and
requests already running finish on the old one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from indexer import settings
from indexer.cache import LRUCache
from indexer.errors import IndexNotFoundError
from indexer.index import generations
from indexer.index.shards import open_shards
from indexer.models import SearchPage, SearchRequest
from indexer.search.fast import open_searcher
from indexer.search.searching import search

#: The field whose most frequent word :meth:`LiveIndex.warm` searches for (all languages,
#: words as written).
WARM_FIELD = "exact"


class LiveIndex:
    """Lazy, thread-safe access to the live generation under an index root."""

    def __init__(self, root: Path, cache_size: int | None = None) -> None:
        self.root = Path(root)
        #: Search answers kept (all generations together), default the setting
        #: ``RESULT_CACHE``.
        self.cache_size = (settings.int_value("RESULT_CACHE") if cache_size is None
                           else cache_size)
        self._lock = threading.Lock()
        self._indexes: dict[str, list[whoosh_index.Index]] = {}
        self._local = threading.local()
        self._pointer_key: tuple[int, int] | None = None
        self._generation: str | None = None
        self._results = LRUCache(self.cache_size, cost=lambda _page: 1)

    def generation(self) -> str:
        """Name of the live generation (re-read when the pointer changed).

        Raises:
            IndexNotFoundError: Nothing has been published under the root.
        """
        try:
            st = os.stat(self.root / generations.POINTER)
        except FileNotFoundError:
            generations.current_dir(self.root)  # raises the helpful error
            raise
        key = (st.st_ino, st.st_mtime_ns)
        if key != self._pointer_key or self._generation is None:
            current = generations.current_dir(self.root).name
            with self._lock:
                self._pointer_key, self._generation = key, current
        return self._generation

    def shards(self, name: str) -> list[whoosh_index.Index]:
        """The (shared) Whoosh index objects of generation ``name``, one per shard."""
        with self._lock:
            indexes = self._indexes.get(name)
            if indexes is None:
                path = generations.generations_dir(self.root) / name
                try:
                    indexes = open_shards(path)
                except (whoosh_index.EmptyIndexError, FileNotFoundError, OSError) as exc:
                    raise IndexNotFoundError(f"generation '{name}' in '{self.root}' "
                                             f"cannot be opened: {exc}") from exc
                self._indexes = {k: v for k, v in self._indexes.items() if k == self._generation}
                self._indexes[name] = indexes
            return indexes

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """This thread's searcher on the live generation."""
        name = self.generation()
        cached = getattr(self._local, "cached", None)
        if cached is None or cached[0] != name:
            if cached is not None:
                cached[1].close()
            # Never Searcher.refresh(): Whoosh's forks keep stale deletions (docs/whoosh.md).
            cached = (name, open_searcher(self.shards(name)))
            self._local.cached = cached
        yield cached[1]

    def search(self, request: SearchRequest) -> SearchPage:
        """Run ``request`` on the live generation, with a small per-generation cache.

        Answers depend only on the request and the (immutable) generation, so
        repeated queries — the front page's examples, a feed polled every
        minute, a user paging back — are served from memory.
        """
        with self.searcher() as searcher:
            name = self.searched_generation()
            key = (name, request)
            cached = self._results.get(key)
            if cached is not None:
                return cached
            page = search(searcher, request, generation=name)
        self._results.put(key, page)
        return page

    def searched_generation(self) -> str:
        """The generation this thread's searcher reads (use it to label answers:
        the pointer may already have moved on while a request runs)."""
        cached = getattr(self._local, "cached", None)
        return cached[0] if cached is not None else self.generation()

    def warm(self) -> None:
        """Search once for the index's most frequent word, then close this thread's
        searcher.

        A search reads every document's columns, facet codes and field lengths, once
        per process. ``qazsearch serve`` calls this before it starts its worker
        processes, which inherit what was read (copy-on-write) instead of each
        reading it while its first requests wait.
        """
        with self.searcher() as searcher:
            top = list(searcher.reader().most_frequent_terms(WARM_FIELD, 1))
            if top:
                word = top[0][1]
                search(searcher, SearchRequest(  # grouped, as the web page: story codes too
                    query=word.decode("utf-8") if isinstance(word, bytes) else word,
                    versions="grouped"))
        self.close()

    def close(self) -> None:
        """Close this thread's searcher (others close with their threads)."""
        cached = getattr(self._local, "cached", None)
        if cached is not None:
            cached[1].close()
            self._local.cached = None
