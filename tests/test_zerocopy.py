"""Segment files are read in place: the reader behaves like a file and copies nothing."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys

import pytest
from whoosh.filedb.structfile import BufferFile

from indexer.index.generations import current_dir
from indexer.search.fast.zerocopy import ViewReader, install


def test_reads_like_a_file_without_copying_the_buffer() -> None:
    data = bytearray(b"first line\nsecond\n" + pickle.dumps({"a": [1, 2, 3]}, 2))
    reader = ViewReader(memoryview(data))
    assert reader.readline() == b"first line\n"
    assert reader.read(6) == b"second"
    assert reader.tell() == 17
    reader.seek(1, io.SEEK_CUR)
    assert pickle.load(reader) == {"a": [1, 2, 3]}
    assert reader.read() == b"" and reader.read(5) == b""
    reader.seek(0)
    data[0:5] = b"FIRST"  # a change to the buffer shows through: nothing was copied
    assert reader.read(5) == b"FIRST"
    reader.seek(-7, io.SEEK_END)
    assert len(reader.read()) == 7
    assert list(ViewReader(b"a\nb\nc")) == [b"a\n", b"b\n", b"c"]


def test_whoosh_buffer_files_use_it(built_root) -> None:
    install()
    from indexer.search.live import LiveIndex

    with LiveIndex(built_root).searcher() as searcher:
        reader = searcher.leaf_searchers()[0][0].reader()
        postfile = reader._terms._postfile
        assert isinstance(postfile, BufferFile)
        assert isinstance(postfile.file, ViewReader)
        assert searcher.doc_count() > 0


@pytest.mark.parametrize("size", [0, 1, 300, 1000])
def test_readline_longer_than_a_chunk(size: int) -> None:
    line = b"x" * size + b"\n"
    assert ViewReader(line + b"rest").readline() == line


class _Counting(ViewReader):
    calls = 0

    def read(self, size: int | None = -1) -> bytes:
        type(self).calls += 1
        return super().read(size)


@pytest.mark.parametrize("size", [3, 400, 5000])  # below and above what peek shows
def test_pickles_load_through_peek(size: int) -> None:
    value = {"ids": list(range(size)), "name": "x" * size}
    data = b"head" + pickle.dumps(value, 2) + pickle.dumps([size], 2) + b"tail"
    reader = _Counting(data)
    reader.seek(4)
    assert reader.peek() == data[4:4 + 1024] and reader.tell() == 4  # peek does not move
    _Counting.calls = 0
    assert pickle.load(reader) == value and pickle.load(reader) == [size]
    assert reader.read() == b"tail"
    if size == 3:  # a small pickle: one peek and one read of what it used, not one per opcode
        assert _Counting.calls <= 5


_COUNT_PEAK = """
import sys, tracemalloc
from pathlib import Path
from whoosh import index
from indexer.index.generations import current_dir
from indexer.index.shards import doc_count, open_shards
folder = current_dir(Path(sys.argv[1]))
indexes = open_shards(folder) if sys.argv[2] == "shards" else [index.open_dir(str(folder))]
tracemalloc.start()
doc_count(indexes)
print(tracemalloc.get_traced_memory()[1])
"""


def _count_peak(root, how: str) -> int:
    out = subprocess.run([sys.executable, "-c", _COUNT_PEAK, str(root), how], check=True,
                         capture_output=True, text=True)
    return int(out.stdout)


def test_the_build_counts_documents_without_copying_the_segments(built_root) -> None:
    # In a fresh process: stock Whoosh copies each segment's files when a reader opens.
    segments = sum(p.stat().st_size for p in current_dir(built_root).glob("*.seg"))
    assert _count_peak(built_root, "stock") > segments / 2
    assert _count_peak(built_root, "shards") < segments / 20
