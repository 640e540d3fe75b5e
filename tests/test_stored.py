"""Stored fields from the per-process document cache equal Whoosh's, segment by segment."""

from __future__ import annotations

from whoosh import fields
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import NO_MERGE

from indexer.search.fast import stored
from indexer.search.live import LiveIndex


def test_cached_fields_equal_whoosh_fields_in_every_segment() -> None:
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT(stored=True))
    ix = RamStorage().create_index(schema)
    for batch in range(3):  # three segments: the same local numbers in each
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for i in range(5):
                writer.add_document(id=f"{batch}-{i}", text=f"text {batch} {i}")
    stored.CACHE.clear()
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        for _ in range(2):  # read, then from the cache
            for docnum in range(searcher.doc_count_all()):
                assert stored.stored_fields(searcher, docnum) == searcher.stored_fields(docnum)
        assert len(stored.CACHE._items) == 15
        first = stored.stored_fields(searcher, 0)
        first["text"] = "changed by a caller"
        assert stored.stored_fields(searcher, 0)["text"] == "text 0 0"


def test_demo_index_fields_are_the_same_through_the_cache(built_root) -> None:
    with LiveIndex(built_root).searcher() as searcher:
        for docnum in range(searcher.doc_count_all()):
            assert stored.stored_fields(searcher, docnum) == searcher.stored_fields(docnum)
            assert stored.stored_fields(searcher, docnum) == searcher.stored_fields(docnum)
