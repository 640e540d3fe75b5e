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

``tests/test_w3.py`` compares the files with the stock writer's byte for byte.
"""

from __future__ import annotations

import zlib
from hashlib import md5
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3FieldWriter, W3TermInfo
from whoosh.filedb.filetables import _lengths as RECORD_HEADER
from whoosh.system import pack_int, pack_long, pack_ushort

from indexer.index.fast.store import FREQ, LIST, SortedPostings

MAGIC = b"W3Bl"
#: Bytes of postings collected before they are written out.
FLUSH_BYTES = 8 << 20
_TERMINFO = W3TermInfo._struct.pack


def can_write(fieldwriter: Any) -> bool:
    """True when ``fieldwriter`` writes the format this module reproduces."""
    codec = getattr(fieldwriter, "_codec", None)
    return (type(fieldwriter) is W3FieldWriter and codec is not None
            and codec._inlinelimit <= 1 and not fieldwriter.is_closed)


def _per_posting(sp: SortedPostings, limit: int, lengths: np.ndarray | None
                 ) -> tuple[list[int], list[float], list[int] | None]:
    """Block-wise delta-encoded docnums, float32 weights and length bytes, as lists."""
    docnums = sp.docnums
    counts = np.asarray(sp.counts, dtype=np.int64)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    first = (np.arange(len(docnums)) - starts) % limit == 0  # first posting of a block
    deltas = docnums.copy()
    deltas[1:] -= docnums[:-1]
    deltas[first] = docnums[first]
    weights32 = sp.weights.astype(np.float32).astype(np.float64).tolist()
    lens = None
    if lengths is not None:
        padded = np.zeros(int(docnums.max()) + 1 if len(docnums) else 0, dtype=np.uint8)
        padded[:min(len(lengths), len(padded))] = lengths[:len(padded)]
        lens = padded[docnums].tolist()
    return deltas.tolist(), weights32, lens


def _term_values(sp: SortedPostings, mode: str, fixed: int | None) -> Any:
    """The values source: packed frequencies, the values list, or None."""
    if mode == FREQ:
        return sp.freqs.astype(">u4").tobytes()
    if mode == LIST:
        return sp.values
    return None


def write_field(fieldwriter: Any, fieldname: str, fieldobj: Any, sp: SortedPostings,
                mode: str, lengths: np.ndarray | None) -> None:
    """Write the postings and term index rows of one field (in field-name order).

    ``lengths`` holds each document's length byte in this field (None when the
    field keeps no lengths).
    """
    codec = fieldwriter._codec
    limit, comp = codec._blocklimit, codec._compression
    fieldwriter.start_field(fieldname, fieldobj)
    prefix = pack_ushort(fieldwriter._fieldmap[fieldname])
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    fixed = fieldobj.format.fixed_value_size()
    deltas, w32, lens = _per_posting(sp, limit, lengths)
    w64 = sp.weights.tolist()
    docnums = sp.docnums.tolist()
    source = _term_values(sp, mode, fixed)
    rows: list[bytes] = []
    chunks: list[bytes] = []
    held = 0
    offset = postfile.tell()
    rowpos = tindex.dbfile.tell()
    index, buckets = tindex.index, tindex.buckets
    pos = 0
    for term, count in zip(sp.terms, sp.counts):
        end = pos + count
        start_offset = offset
        total: float = 0
        tmaxweight: Any = 0
        tmin, tmax = 0, 0
        parts = [MAGIC]
        for a in range(pos, end, limit):
            b = min(a + limit, end)
            n = b - a
            ws = w32[a:b]
            if ws.count(1.0) == n:
                wmini: Any = None
            elif ws.count(ws[0]) == n:
                wmini = ws[0]
            else:
                wmini = tuple(ws)
            if source is None:
                vals: Any = None
            elif mode == FREQ:
                vals = source[4 * a:4 * b]
            elif fixed is None or fixed < 0:
                vals = tuple([v for v in source[a:b] if v])
            else:
                vals = b"".join(source[a:b])
            data = dumps((tuple(deltas[a:b]), wmini, vals), 2)
            if comp:
                data = zlib.compress(data, comp)
            top = max(w64[a:b])
            maxweight = top if top > 0 else 0
            minlb = maxlb = 0
            if lens is not None:
                lbs = lens[a:b]
                maxlb = max(lbs)
                minlb = min(lbs) if 0 not in lbs else min([x for x in lbs if x], default=0)
            info = dumps((n, docnums[b - 1], maxweight, comp, minlb, maxlb), 2)
            size = len(info) + len(data)
            parts += (pack_int(-size if b == end else size), info, data)
            total += sum(ws)
            tmaxweight = max(tmaxweight, maxweight)
            tmin = minlb if not tmin or (minlb and minlb < tmin) else tmin
            tmax = max(tmax, maxlb)
        chunk = b"".join(parts)
        chunks.append(chunk)
        offset += len(chunk)
        held += len(chunk)
        key = prefix + term
        value = _TERMINFO(False, total, count, tmin, tmax, tmaxweight, docnums[pos],
                          docnums[end - 1]) + pack_long(start_offset) + pack_int(len(chunk))
        index.append(rowpos)
        h = int.from_bytes(md5(key).digest()[12:], "big")
        buckets[h & 255].append((h, rowpos))
        rows.append(RECORD_HEADER.pack(len(key), len(value)) + key + value)
        rowpos += len(rows[-1])
        if held >= FLUSH_BYTES:
            postfile.write(b"".join(chunks))
            chunks.clear()
            held = 0
        pos = end
    postfile.write(b"".join(chunks))
    tindex.dbfile.write(b"".join(rows))
    if sp.terms:
        tindex.lastkey = prefix + sp.terms[-1]
    fieldwriter.finish_field()
