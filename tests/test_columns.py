"""Per-process column stores: a missing value is read once, however many threads ask."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from indexer.search.fast.columns import _Store


def test_a_missing_value_is_computed_by_one_thread_while_the_others_wait() -> None:
    store = _Store()
    calls = []

    def compute() -> list[int]:
        calls.append(threading.get_ident())
        time.sleep(0.2)  # a column read at 100k takes seconds
        return [1, 2, 3]

    results = []
    threads = [threading.Thread(target=lambda: results.append(
        store.value(store.lists, "url", compute))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert results == [[1, 2, 3]] * 8


def test_columns_read_whole_equal_whoosh_per_document_values() -> None:
    from datetime import datetime

    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage
    from whoosh.writing import NO_MERGE

    from indexer.search.fast.columns import _read, _value

    schema = fields.Schema(key=fields.ID(stored=True), lang=fields.ID(sortable=True),
                           date=fields.DATETIME(sortable=True),
                           simhash=fields.NUMERIC(bits=64, signed=False, sortable=True))
    ix = RamStorage().create_index(schema)
    for batch in range(3):  # three segments, some documents without a value
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for i in range(50):
                doc = {"key": f"{batch}-{i}"}
                if i % 7:
                    doc["lang"] = ["kk", "ru", "en"][i % 3]
                if i % 5:
                    doc["date"] = datetime(2020 + i % 4, 1 + i % 12, 1 + i % 28)
                if i % 3:
                    doc["simhash"] = (i * 2654435761) % 2**64
                writer.add_document(**doc)
    with ix.writer() as writer:
        writer.delete_by_term("key", "1-3")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 3
        for name in ("lang", "date", "simhash"):
            column = reader.column_reader(name)
            raw = column._readers  # Whoosh's own values; a missing date is None, not an error
            expected = [_value(part._translate, part.raw_column()[d])
                        for part in raw for d in range(len(part))]
            assert _read(reader, name) == expected
        dates = _read(reader, "date")
        assert dates[:6] == [None, datetime(2021, 2, 2), datetime(2022, 3, 3),
                             datetime(2023, 4, 4), datetime(2020, 5, 5), None]
        assert _read(reader, "lang")[:2] == ["", "ru"]


def test_a_new_generation_reads_the_columns_of_its_new_segments_only(monkeypatch) -> None:
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage
    from whoosh.writing import NO_MERGE

    from indexer.search.fast import columns as module

    schema = fields.Schema(key=fields.ID(stored=True), lang=fields.ID(sortable=True))
    ix = RamStorage().create_index(schema)

    def commit(batch: int) -> None:
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for i in range(20):
                writer.add_document(key=f"{batch}-{i}", lang=["kk", "ru"][(batch + i) % 2])

    read = []
    original = module._read_segment
    monkeypatch.setattr(module, "_read_segment",
                        lambda leaf, name: read.append(name) or original(leaf, name))
    commit(0)
    commit(1)
    with ix.searcher() as searcher:
        first = module.columns(searcher).get("lang")
    assert len(read) == 2 and len(first) == 40
    commit(2)
    with ix.searcher() as searcher:
        second = module.columns(searcher).get("lang")
    assert len(read) == 3  # only the new segment was read
    assert second[:40] == first and second[40:] == [["kk", "ru"][i % 2] for i in range(2, 22)]


def test_warming_reads_the_columns_and_closes_its_searcher(built_root) -> None:
    from indexer.search.fast import columns as module
    from indexer.search.live import LiveIndex

    module._SEGMENT_VALUES.clear()
    module._STORES.clear()
    live = LiveIndex(built_root)
    live.warm()
    assert {key[2] for key in module._SEGMENT_VALUES} >= {"date", "university", "url", "lang",
                                                           "year", "simhash"}
    assert getattr(live._local, "cached", None) is None
    # serve warms before forking: no index file may stay open in the master after it.
    proc = Path("/proc/self/fd")
    if proc.is_dir():
        import gc
        import os

        gc.collect()
        opened = []
        for fd in os.listdir(proc):
            try:
                opened.append(os.readlink(proc / fd))
            except OSError:
                pass
        assert not [name for name in opened if name.startswith(str(built_root))]


def test_live_docnums_leave_out_deleted_documents() -> None:
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage
    from whoosh.writing import NO_MERGE

    from indexer.search.fast.postings import live_docnums

    ix = RamStorage().create_index(fields.Schema(key=fields.ID(stored=True)))
    for batch in range(2):
        with ix.writer() as writer:
            writer.mergetype = NO_MERGE
            for i in range(4):
                writer.add_document(key=f"{batch}-{i}")
    with ix.writer() as writer:
        writer.mergetype = NO_MERGE
        writer.delete_by_term("key", "0-1")
        writer.delete_by_term("key", "1-3")
    with ix.searcher() as searcher:
        assert live_docnums(searcher).tolist() == list(searcher.reader().all_doc_ids())
        assert live_docnums(searcher).tolist() == [0, 2, 3, 4, 5, 6]
