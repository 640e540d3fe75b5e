"""FastWriter's segment files are byte for byte those of Whoosh's ``SegmentWriter``.

``indexer.index.fast.w3`` writes the term index and posting blocks itself, so
these tests compare every file of every segment (the parts of the compound
``.seg``) with the stock writer's, on documents that exercise the format:
terms in more than one block (> 128 postings), frequencies above 1,024,
``Positions`` fields, empty and missing fields, field and document boosts,
fields Whoosh analyses itself, and several segments.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import MultifieldParser, QueryParser
from whoosh.writing import SegmentWriter

from indexer.index.fast import Analysed, FastWriter, analyse_document
from indexer.index.schema import build_schema
from indexer.text.analysis import exact_analyzer, language_analyzer

WORDS = ("университет студенттер жаңа зертхана ашылды Qazaqstan jastar 2024 "
         "студенты победили конкурс university students won prize O'Brien's "
         "ёлка жаңғыру zhangyru нұр Nur ата әл-Фараби грант grants ғылым").split()


def _text(rng: random.Random, words: int) -> str:
    vocab = WORDS + [f"w{n}" for n in range(400)]
    return " ".join(rng.choice(vocab[:rng.randint(5, len(vocab))]) for _ in range(words))


def _documents(count: int, seed: int = 1) -> list[dict[str, Any]]:
    """Documents of the product's schema, some of them odd."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        lang = rng.choice(["kk", "ru", "en", ""])
        words = rng.choice([0, 1, 3, 50, 400, 2000])
        text = _text(rng, words) if n % 7 else " ... — !!! "
        if n == 5:
            text = "жаңа " * 3000  # frequency > 1024
        doc: dict[str, Any] = {"id": f"id{n}", "url": f"https://x.kz/{n}", "title": text[:40],
                               "text": text, "lang": lang, "university": rng.choice("abc"),
                               "site": "x.kz", "story": f"s{n % 13}",
                               "simhash": rng.getrandbits(64), "exact": text, "fold": text}
        if n % 3:
            doc["date"] = datetime(2020 + n % 5, 1 + n % 12, 1)
            doc["year"] = str(2020 + n % 5)
        for code in ([lang] if lang else ["kk", "ru", "en"]):
            doc[f"title_{code}"] = text[:60]
            doc[f"body_{code}"] = text
        docs.append(doc)
    return docs


def _parts(folder: Path) -> list[dict[str, bytes]]:
    """Each segment's files (by extension), in TOC order."""
    storage = FileStorage(str(folder))
    out = []
    for segment in whoosh_index.FileIndex(storage)._segments():
        prefix = f"{segment.indexname}_{segment.segid}"
        cstore = segment.open_compound_file(storage)
        parts = {}
        for name in cstore.list():
            with cstore.open_file(name) as fh:
                parts[name[len(prefix):]] = fh.read()
        cstore.close()
        out.append(parts)
    return out


def _write(folder: Path, schema: Any, batches: list[list[dict[str, Any]]],
           writer_class: type, analyse: bool = False) -> list[dict[str, bytes]]:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    for batch in batches:
        writer = writer_class(ix)
        for doc in batch:
            if analyse:
                doc = pickle.loads(pickle.dumps(analyse_document(schema, doc)))
            writer.add_document(**doc)
        writer.commit(merge=False)
    return _parts(folder)


def test_product_schema_same_bytes(tmp_path: Path) -> None:
    docs = _documents(300)
    stock = _write(tmp_path / "stock", build_schema(), [docs], SegmentWriter)
    assert len(stock[0][".trm"]) > 2**16  # the term index's offsets outgrow array("H")
    assert _write(tmp_path / "fast", build_schema(), [docs], FastWriter) == stock
    # analysed in a "worker" and pickled across, as a build with --jobs 2 does
    assert _write(tmp_path / "worker", build_schema(), [docs], FastWriter, analyse=True) == stock


def test_many_segments_same_bytes(tmp_path: Path) -> None:
    docs = _documents(120, seed=2)
    batches = [docs[:1], docs[1:40], docs[40:41], docs[41:]]
    stock = _write(tmp_path / "stock", build_schema(), batches, SegmentWriter)
    assert len(stock) == 4
    assert _write(tmp_path / "fast", build_schema(), batches, FastWriter, analyse=True) == stock


def _odd_schema() -> fields.Schema:
    """Boosted fields, Whoosh-analysed ones, keywords and numbers."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        boosted=fields.TEXT(analyzer=language_analyzer("kk"), phrase=False, field_boost=2.5),
        phrase=fields.TEXT(analyzer=exact_analyzer(), phrase=True, field_boost=1.5),
        stock=fields.TEXT(analyzer=StandardAnalyzer()),
        stock_freq=fields.TEXT(analyzer=StandardAnalyzer(), phrase=False, stored=True),
        tags=fields.KEYWORD(scorable=True, commas=True),
        count=fields.NUMERIC(sortable=True),
        when=fields.DATETIME(),
        flag=fields.BOOLEAN(),
    )


def _odd_documents(count: int) -> list[dict[str, Any]]:
    rng = random.Random(3)
    docs = []
    for n in range(count):
        text = _text(rng, rng.choice([0, 2, 300, 1500]))
        doc: dict[str, Any] = {"id": f"d{n}", "boosted": text, "phrase": text, "stock": text,
                               "stock_freq": text[:200], "tags": ",".join(text.split()[:5]),
                               "count": n * 37, "when": datetime(2021, 1 + n % 12, 1),
                               "flag": bool(n % 2)}
        if n % 4 == 1:
            doc["_boost"] = 2.0
        if n % 5 == 2:
            doc["_boosted_boost"] = 0.5
            doc["_phrase_boost"] = 3.0
        if n % 9 == 0:
            del doc["phrase"]
        docs.append(doc)
    return docs


def test_boosts_and_stock_analyzers_same_bytes(tmp_path: Path) -> None:
    docs = _odd_documents(200)
    batches = [docs[:150], docs[150:]]
    stock = _write(tmp_path / "stock", _odd_schema(), batches, SegmentWriter)
    assert _write(tmp_path / "fast", _odd_schema(), batches, FastWriter) == stock
    assert _write(tmp_path / "worker", _odd_schema(), batches, FastWriter, analyse=True) == stock


def test_searches_give_the_same_results(tmp_path: Path) -> None:
    docs = _documents(150, seed=4)
    results = []
    for name, writer_class in (("stock", SegmentWriter), ("fast", FastWriter)):
        _write(tmp_path / name, build_schema(), [docs[:100], docs[100:]], writer_class)
        ix = whoosh_index.open_dir(str(tmp_path / name))
        words = MultifieldParser(["body_kk", "body_ru", "body_en", "fold"], ix.schema)
        phrases = QueryParser("exact", ix.schema)
        with ix.searcher() as searcher:
            found = []
            for text in ("жаңа", "university students", '"жаңа зертхана"', "w7 OR w12", "нұр"):
                parser = phrases if text.startswith('"') else words
                hits = searcher.search(parser.parse(text), limit=20)
                found.append([(hit["id"], round(hit.score, 9)) for hit in hits])
            results.append(found)
    assert results[0] == results[1]
    assert any(results[0])


@pytest.mark.parametrize(("terms", "values"), [
    ([], None), ([b""], None), ([b"", b"a"], None), ([b"a", "ж\u0301".encode(), b"z" * 300], None),
    ([b"a", b"", b"c"], [b"\x00\x00\x00\x01x", b"", b"\xff\xfe"]), ([], []),
])
def test_analysed_pickles_back(terms: list[bytes], values: list[bytes] | None) -> None:
    from array import array

    freqs = array("I", [1, 2000, 3][:len(terms)])
    back = pickle.loads(pickle.dumps(Analysed(terms, freqs, values)))
    assert (back.terms, back.freqs, back.values) == (terms, freqs, values)


def test_merging_writer_same_bytes(tmp_path: Path) -> None:
    """A commit that merges small segments in goes through Whoosh's pool: same files."""
    docs = _documents(90, seed=5)
    out = []
    for name, writer_class in (("stock", SegmentWriter), ("fast", FastWriter)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        for batch in (docs[:30], docs[30:60]):
            writer = SegmentWriter(ix)
            for doc in batch:
                writer.add_document(**doc)
            writer.commit(merge=False)
        writer = writer_class(ix)
        writer.delete_document(3)
        for doc in docs[60:]:
            writer.add_document(**doc)
        writer.commit(optimize=True)  # the two segments are merged in through the pool
        out.append(_parts(folder))
    assert len(out[0]) == 1
    assert out[0] == out[1]


def test_the_direct_path_is_the_one_tested() -> None:
    """The comparisons above test ``w3``, not the stock fallback."""
    from whoosh.filedb.filestore import RamStorage

    from indexer.index.fast import w3

    writer = FastWriter(RamStorage().create_index(build_schema()))
    try:
        assert w3.can_write(writer.fieldwriter)
    finally:
        writer.cancel()


@pytest.mark.parametrize("processes", [2, 3])
def test_parallel_commit_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    processes: int) -> None:
    """Units encoded by forked processes are placed into the same files as one process writes."""
    from indexer.index.fast import commit

    docs = _documents(200, seed=6)
    batches = [docs[:150], docs[150:]]
    stock = _write(tmp_path / "stock", build_schema(), batches, SegmentWriter)
    monkeypatch.setattr(commit, "MIN_POSTINGS", 0)
    monkeypatch.setattr(commit, "processes", lambda: processes)
    parent = os.getpid()
    taken: list[int] = []
    take = commit._Claims.take

    def slowly(self: commit._Claims, front: bool) -> int | None:
        if os.getpid() == parent:  # leave the children time to take units
            time.sleep(0.005)
        index = take(self, front)
        if os.getpid() == parent and index is not None:
            taken.append(index)
        return index

    monkeypatch.setattr(commit._Claims, "take", slowly)
    assert _write(tmp_path / "fast", build_schema(), batches, FastWriter) == stock
    units = sum(len(commit.plan(_stores(batch), processes)) for batch in batches)
    assert 0 < len(taken) < units  # the children encoded the others
    assert _write(tmp_path / "odd", _odd_schema(), [_odd_documents(200)], FastWriter) == _write(
        tmp_path / "odd_stock", _odd_schema(), [_odd_documents(200)], SegmentWriter)


def _stores(docs: list[dict[str, Any]]) -> dict[str, Any]:
    from whoosh.filedb.filestore import RamStorage

    writer = FastWriter(RamStorage().create_index(build_schema()))
    for doc in docs:
        writer.add_document(**doc)
    stores = dict(writer._stores)
    writer.cancel()
    return stores


def _break() -> None:
    raise ValueError("encoding broke")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(("failure", "said"), [
    (_break, "(?s)commit process failed: Traceback.*ValueError: encoding broke"),
    (_die, r"commit process died \(exit code -9\)"),
])
def test_a_failing_commit_process_fails_the_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   failure: Any, said: str) -> None:
    from indexer.index.fast import commit

    monkeypatch.setattr(commit, "MIN_POSTINGS", 0)
    monkeypatch.setattr(commit, "processes", lambda: 2)
    parent = os.getpid()
    encode = commit._Encoder.encode

    def failing(self: commit._Encoder, unit: commit.Unit, offset: int, write: Any) -> Any:
        if os.getpid() != parent:
            failure()
        return encode(self, unit, offset, write)

    monkeypatch.setattr(commit._Encoder, "encode", failing)
    folder = tmp_path / "ix"
    folder.mkdir()
    writer = FastWriter(whoosh_index.create_in(str(folder), build_schema()))
    for doc in _documents(60, seed=7):
        writer.add_document(**doc)
    with pytest.raises(RuntimeError, match=said):
        writer.commit(merge=False)
    writer.fieldwriter._postfile.close()  # the failed commit leaves the segment's files open
    writer.fieldwriter._tindex.dbfile.close()


def test_without_a_process_to_fork_the_commit_writes_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.index.fast import commit

    monkeypatch.setattr(commit, "MIN_POSTINGS", 0)
    monkeypatch.setattr(commit, "processes", lambda: 2)

    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(commit.os, "fork", no_fork)
    docs = _documents(60, seed=7)
    stock = _write(tmp_path / "stock", build_schema(), [docs], SegmentWriter)
    assert _write(tmp_path / "fast", build_schema(), [docs], FastWriter) == stock


def test_a_segment_past_the_limit_is_written_without_forking(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.index.fast import commit

    monkeypatch.setattr(commit, "MIN_POSTINGS", 0)
    monkeypatch.setattr(commit, "MAX_POSTINGS", 10)
    monkeypatch.setattr(commit, "processes", lambda: 2)

    def forbidden() -> int:
        raise AssertionError("forked for a segment past MAX_POSTINGS")

    monkeypatch.setattr(commit.os, "fork", forbidden)
    docs = _documents(60, seed=7)
    stock = _write(tmp_path / "stock", build_schema(), [docs], SegmentWriter)
    assert _write(tmp_path / "fast", build_schema(), [docs], FastWriter) == stock
