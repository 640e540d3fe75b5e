"""Read Whoosh's memory-mapped segment files in place instead of copying them.

Whoosh 2.7.4 opens each file inside a compound segment as a ``BufferFile``
over a memoryview of the mmap, and wraps that view in ``io.BytesIO``. A
BytesIO copies any buffer that is not ``bytes``. Each searcher therefore held
a private copy of the terms and postings files (sizes in ``docs/whoosh.md``), and a
server has one searcher per thread.
:func:`install` gives ``BufferFile`` a reader that seeks and reads in the view
itself, so the pages stay shared with the page cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from whoosh.filedb import structfile

_LINE_CHUNK = 256
#: Bytes :meth:`ViewReader.peek` shows at most. ``pickle.load`` peeks ahead and then
#: reads what it used, instead of one ``read`` per opcode; Whoosh's block headers are
#: pickles of a few dozen bytes, read this way.
_PEEK = 1024


class ViewReader:
    """A read-only, seekable file over a buffer (a memoryview of an mmap, or bytes)."""

    def __init__(self, buf: Any) -> None:
        self._view = memoryview(buf)
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size,
                                                                     len(self._view))
        self._pos = max(start, end)
        return self._view[start:self._pos].tobytes()

    def peek(self, size: int = 0) -> bytes:
        """Up to ``_PEEK`` bytes from the current position, without moving it (as
        ``io.BufferedReader.peek``, which may also return fewer bytes than asked)."""
        return self._view[self._pos:self._pos + _PEEK].tobytes()

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else min(self._pos + size,
                                                                      len(self._view))
        start = end = self._pos
        while end < limit:
            chunk = self._view[end:min(end + _LINE_CHUNK, limit)].tobytes()
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        self._pos = end
        return self._view[start:end].tobytes()

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view.release()


def _buffer_file_init(self: Any, buf: Any, name: str | None = None,
                      onclose: Any = None) -> None:
    # Whoosh's BufferFile.__init__, with ViewReader where it had BytesIO(buf).
    self._buf = buf
    self._name = name
    self.file = ViewReader(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    """Make Whoosh's ``BufferFile`` read its buffer in place (idempotent)."""
    structfile.BufferFile.__init__ = _buffer_file_init
