"""Write one field's postings in Whoosh 3 format, the bytes ``W3FieldWriter`` writes.

``FieldWriter.add_postings`` makes several Python calls per posting
(``W3PostingsWriter.add_posting``, the length lookup, block bookkeeping). Here
the per-posting work is done on whole arrays with numpy (block-wise delta
docnums, float32 weights, length bytes, packed frequencies), and the per-term
work is what must stay per term: the two pickles and the zlib call of each
block, the ``W3TermInfo`` record and the term index entry. The layout follows
``whoosh.codec.whoosh3`` (2.7.4) exactly:

* ``.pst``: per term ``b"W3Bl"``, then per block of at most ``blocklimit``
  postings ``pack_int(±size)`` (negative for the last), the pickled block info
  ``(count, last docnum, max weight, compression, min length byte, max length
  byte)`` and the zlib-compressed pickle ``(delta docnums, weights, values)``;
  weights are None when all are 1.0, one float when all are equal, else a tuple
  of float32 values; values are joined when the format has a fixed size;
* ``.trm``: an ``OrderedHashWriter`` row per term, key ``pack_ushort(field id)
  + term``, value ``W3TermInfo.to_bytes()``.

A run of terms is encoded (``encode``) apart from placing its term index rows
(``place``), so runs encoded in other processes can be placed in order
(``commit``). ``tests/test_w3.py`` compares the files with the stock writer's
byte for byte.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import md5
from pickle import dumps
from typing import Any

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import _lengths as RECORD_HEADER
from whoosh.system import pack_int, pack_long

from indexer.index.fast.store import FREQ, LIST, SortedPostings

MAGIC = b"W3Bl"
#: Bytes of postings collected before they are written out.
FLUSH_BYTES = 8 << 20
_TERMINFO = W3TermInfo._struct.pack
#: The Whoosh releases whose W3 writer this module was checked against (test_w3).
CHECKED_VERSIONS = ((2, 7, 4),)


def can_write(fieldwriter: Any) -> bool:
    """True when ``fieldwriter`` writes the format this module reproduces."""
    codec = getattr(fieldwriter, "_codec", None)
    return (tuple(whoosh.__version__[:3]) in CHECKED_VERSIONS
            and type(fieldwriter) is W3FieldWriter and codec is not None
            and codec._inlinelimit <= 1 and not fieldwriter.is_closed)


def _extend_index(index: Any, positions: list[int]) -> None:
    """``GrowableArray.append`` of each position, at C speed when no retype is needed."""
    try:
        array(index.typecode, positions[-1:])
    except (OverflowError, TypeError):
        for position in positions:
            index.append(position)
    else:
        index.array.extend(positions)  # positions grow: the last one fits, so all do


class _Blocks:
    """One field's sorted postings, encoded term by term into W3 posting blocks."""

    def __init__(self, sp: SortedPostings, mode: str, fixed: int | None, limit: int, comp: int,
                 lengths: np.ndarray | None) -> None:
        self.limit, self.comp = limit, comp
        docnums = sp.docnums
        counts = np.asarray(sp.counts, dtype=np.int64)
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        first = (np.arange(len(docnums)) - starts) % limit == 0  # first posting of a block
        deltas = docnums.copy()  # delta_encode restarts at 0 in every block
        deltas[1:] -= docnums[:-1]
        deltas[first] = docnums[first]
        self.deltas = deltas.tolist()
        self.docnums = docnums.tolist()
        self.w64 = sp.weights.tolist()  # what add_posting compares for the max weight
        self.w32 = sp.weights.astype(np.float32).astype(np.float64).tolist()  # array("f")
        self.lens: list[int] | None = None
        if lengths is not None:
            padded = np.zeros(int(docnums.max()) + 1 if len(docnums) else 0, dtype=np.uint8)
            padded[:min(len(lengths), len(padded))] = lengths[:len(padded)]
            self.lens = padded[docnums].tolist()
        self.mode = mode
        self.varsize = fixed is None or fixed < 0
        self.values: Any = (sp.freqs.astype(">u4").tobytes() if mode == FREQ
                            else sp.values if mode == LIST else None)
        self.single: dict[tuple[int, float, Any], tuple[bytes, float, Any, int, int]] = {}

    def _values(self, a: int, b: int) -> Any:
        """``W3PostingsWriter._mini_values`` of postings a..b."""
        if self.values is None:
            return None
        if self.mode == FREQ:
            return self.values[4 * a:4 * b]
        if self.varsize:
            return tuple([v for v in self.values[a:b] if v])
        return b"".join(self.values[a:b])

    def block(self, a: int, b: int, last: bool) -> tuple[bytes, float, Any, int, int]:
        """Postings a..b as one block: (bytes, weight sum, max weight, min/max length byte)."""
        n = b - a
        ws = self.w32[a:b]
        if ws.count(1.0) == n:
            wmini: Any = None
        elif ws.count(ws[0]) == n:
            wmini = ws[0]
        else:
            wmini = tuple(ws)
        data = dumps((tuple(self.deltas[a:b]), wmini, self._values(a, b)), 2)
        if self.comp:
            data = zlib.compress(data, self.comp)
        top = max(self.w64[a:b])
        maxweight = top if top > 0 else 0
        minlb = maxlb = 0
        if self.lens is not None:
            lbs = self.lens[a:b]
            maxlb = max(lbs)
            minlb = min(lbs) if 0 not in lbs else min([x for x in lbs if x], default=0)
        info = dumps((n, self.docnums[b - 1], maxweight, self.comp, minlb, maxlb), 2)
        size = len(info) + len(data)
        return (b"".join((pack_int(-size if last else size), info, data)), sum(ws), maxweight,
                minlb, maxlb)

    def term(self, pos: int, end: int, offset: int) -> tuple[bytes, bytes]:
        """A term's postings as written at ``offset``, and its ``W3TermInfo`` bytes."""
        if end - pos == 1 and self.mode != LIST and self.w64[pos] > 0:
            # A term in one document (most simhash, date and id terms, rare words): its
            # block depends only on the docnum, weight and packed frequency, shared by
            # the other such terms of that document.
            key = (self.docnums[pos], self.w64[pos], self._values(pos, end))
            found = self.single.get(key)
            if found is None:
                found = self.single[key] = self.block(pos, end, True)
            block, total, maxweight, tmin, tmax = found
            chunk = MAGIC + block
        elif end - pos <= self.limit:  # most other terms: one block
            block, total, maxweight, tmin, tmax = self.block(pos, end, True)
            chunk = MAGIC + block
        else:
            parts, total, maxweight, tmin, tmax = [MAGIC], 0.0, 0, 0, 0
            for a in range(pos, end, self.limit):
                b = min(a + self.limit, end)
                block, weight, top, minlb, maxlb = self.block(a, b, b == end)
                parts.append(block)
                total += weight
                maxweight = max(maxweight, top)
                tmin = minlb if not tmin or (minlb and minlb < tmin) else tmin
                tmax = max(tmax, maxlb)
            chunk = b"".join(parts)
        info = _TERMINFO(False, total, end - pos, tmin, tmax, maxweight, self.docnums[pos],
                         self.docnums[end - 1]) + pack_long(offset) + pack_int(len(chunk))
        return chunk, info


@dataclass(frozen=True)
class Field:
    """What encoding a field's postings needs besides the postings."""

    prefix: bytes  # pack_ushort(field id), the start of each term index key
    mode: str
    fixed: int | None  # the format's fixed value size
    limit: int  # postings per block
    comp: int  # zlib level
    lengths: np.ndarray | None  # each document's length byte; None when not kept


@dataclass
class Rows:
    """The term index rows of a run of terms whose postings are written.

    Row positions start at 0 and the postings offsets in the rows' ``W3TermInfo``
    at the offset given to ``encode``: a run encoded away from the files (in
    another process) is placed by shifting both (``place``).
    """

    data: bytes
    starts: np.ndarray  # int64, each row's position in data
    hashes: np.ndarray  # int64, filetables.md5_hash of each key
    fixups: np.ndarray  # int64, where each row's postings offset is in data
    lastkey: bytes
    size: int  # bytes of postings written


def encode(sp: SortedPostings, field: Field, offset: int, write: Callable[[bytes], Any]) -> Rows:
    """Write the postings of ``sp`` through ``write`` as if at ``offset``; return their rows.

    The postings go out in pieces of about ``FLUSH_BYTES``, so a big field is
    never held twice.
    """
    blocks = _Blocks(sp, field.mode, field.fixed, field.limit, field.comp, field.lengths)
    prefix = field.prefix
    before = RECORD_HEADER.size + W3TermInfo._struct.size  # row start to its offset, less key
    rows: list[bytes] = []
    starts: list[int] = []
    hashes: list[int] = []
    fixups: list[int] = []
    chunks: list[bytes] = []
    held = rowpos = pos = 0
    first = offset
    for term, count in zip(sp.terms, sp.counts, strict=True):
        chunk, value = blocks.term(pos, pos + count, offset)
        chunks.append(chunk)
        offset += len(chunk)
        held += len(chunk)
        key = prefix + term  # OrderedHashWriter.add, in bulk
        starts.append(rowpos)
        hashes.append(int.from_bytes(md5(key).digest()[12:], "big"))  # filetables.md5_hash
        fixups.append(rowpos + before + len(key))
        rows.append(RECORD_HEADER.pack(len(key), len(value)) + key + value)
        rowpos += len(rows[-1])
        if held >= FLUSH_BYTES:
            write(b"".join(chunks))
            chunks.clear()
            held = 0
        pos += count
    write(b"".join(chunks))
    return Rows(b"".join(rows), np.array(starts, np.int64), np.array(hashes, np.int64),
                np.array(fixups, np.int64), prefix + sp.terms[-1] if sp.terms else b"",
                offset - first)


def _shifted(data: bytes, fixups: np.ndarray, shift: int) -> bytes:
    """``data`` with the big-endian postings offset at each of ``fixups`` moved by ``shift``."""
    buf = np.frombuffer(data, np.uint8).copy()
    at = fixups[:, None] + np.arange(8)
    moved = (buf[at].view(">i8") + shift).astype(">i8")
    buf[at] = moved.view(np.uint8).reshape(-1, 8)
    return buf.tobytes()


def place(tindex: Any, rows: Rows, shift: int) -> None:
    """Append ``rows`` to the term index, their postings offsets moved by ``shift``."""
    data = _shifted(rows.data, rows.fixups, shift) if shift and len(rows.fixups) else rows.data
    base = tindex.dbfile.tell()
    tindex.dbfile.write(data)
    starts = (rows.starts + base).tolist()
    buckets = tindex.buckets
    for h, start in zip(rows.hashes.tolist(), starts, strict=True):
        buckets[h & 255].append((h, start))
    _extend_index(tindex.index, starts)
    if starts:
        tindex.lastkey = rows.lastkey
