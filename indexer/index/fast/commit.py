"""Write a segment's postings on every core: runs of terms encoded in forked processes.

Encoding the posting blocks (two pickles and a zlib call each) is most of a
commit and runs in Python; threads only overlap the zlib calls and came out
slower than one thread. So the fields' terms are cut into units (runs of terms
in the order the files hold them). This process takes units from the front and
writes them in place; forked children take them from the back and encode them
into temporary files as if at offset 0, until the two ends meet: wherever the
work splits evenly, so the estimated weights only size the units. This process
then appends the children's units in order, shifting their postings offsets
and row positions (``w3.place``): the files are the bytes one process writes.

The children read the held postings copy-on-write (nothing is pickled to them)
and sort only the fields they encode. A child that fails or dies makes the
commit raise with what it said, never leaves a short file.
"""

from __future__ import annotations

import gc
import logging
import mmap
import os
import pickle
import signal
import struct
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from typing import IO, Any

import numpy as np
from whoosh.system import pack_ushort

from indexer.index.fast import w3
from indexer.index.fast.store import LIST, FieldStore, SortedPostings

LOGGER = logging.getLogger(__name__)

#: Segments with fewer postings are written by this process alone: a fork and
#: the copying back cost more than they save.
MIN_POSTINGS = 200_000
#: Segments with more postings are written by this process alone too: a child
#: touches the posting values it encodes, which copies the pages holding them (a
#: 100k build's full segments, about 5 million postings each, added 0.4 GB to its
#: peak). The 3k crawl's one segment holds 1.9 million.
MAX_POSTINGS = 3_000_000
#: Units per process: enough that the two ends meet evenly, few enough that
#: each unit's fixed cost stays small.
UNITS_PER_PROCESS = 32
#: What a term, and a posting that keeps its own value (``LIST``), cost to encode
#: in postings that do not (measured on a 3k-page build).
TERM_WEIGHT, LIST_WEIGHT = 40, 5
_PAIR = struct.Struct("qq")
_TRAILER = struct.Struct("q")


def processes() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0))


@dataclass(frozen=True)
class Unit:
    """Terms ``start:end`` (in sorted order) of a field."""

    fieldname: str
    start: int
    end: int


def plan(stores: dict[str, FieldStore], count: int) -> list[Unit]:
    """The fields' terms cut into units of about equal work, in file order."""
    names = [name for name in sorted(stores) if len(stores[name])]
    weights = {name: _weight(stores[name]) for name in names}
    size = max(1, sum(weights.values()) // (UNITS_PER_PROCESS * count)) if count > 1 else 0
    units = []
    for name in names:
        terms = len(stores[name].ids)
        parts = min(terms, -(-weights[name] // size)) if size else 1
        units += [Unit(name, terms * j // parts, terms * (j + 1) // parts) for j in range(parts)]
    return units


def _weight(store: FieldStore) -> int:
    """About how much work encoding the field's postings is."""
    return (len(store) * (LIST_WEIGHT if store.mode == LIST else 1)
            + TERM_WEIGHT * len(store.ids))


class _Claims:
    """The first and the end of the units nobody has taken, shared with the children."""

    def __init__(self, count: int) -> None:
        self._lock = get_context("fork").Lock()
        self._shared = mmap.mmap(-1, _PAIR.size)
        _PAIR.pack_into(self._shared, 0, 0, count)

    def take(self, front: bool) -> int | None:
        """Take the first unit left (``front``) or the last one; None when none is left."""
        with self._lock:
            first, end = _PAIR.unpack_from(self._shared)
            if first >= end:
                return None
            taken = first if front else end - 1
            _PAIR.pack_into(self._shared, 0, first + front, end - (not front))
            return taken


class _Encoder:
    """Encodes units, keeping the sorted postings of the field it is in."""

    def __init__(self, fieldwriter: Any, schema: Any, stores: dict[str, FieldStore],
                 lengths: dict[str, bytearray], fieldnames: list[str]) -> None:
        codec = fieldwriter._codec
        ids = dict(fieldwriter._fieldmap)
        for name in fieldnames:  # the ids start_field gives them, in this order
            ids.setdefault(name, len(ids))
        self.stores = stores
        self.fields = {}
        for name in fieldnames:
            kept = lengths.get(name)
            self.fields[name] = w3.Field(
                pack_ushort(ids[name]), stores[name].mode, schema[name].format.fixed_value_size(),
                codec._blocklimit, codec._compression,
                None if kept is None else np.frombuffer(kept, np.uint8))
        self._name = ""
        self._sorted: SortedPostings | None = None

    def encode(self, unit: Unit, offset: int, write: Callable[[bytes], Any]) -> w3.Rows:
        """Write ``unit``'s postings through ``write`` as if at ``offset``; return its rows."""
        if unit.fieldname != self._name or self._sorted is None:
            self.release()  # before sorting the next field, not after
            self._sorted = self.stores[unit.fieldname].sorted_postings()
            self._name = unit.fieldname
        return w3.encode(self._sorted.part(unit.start, unit.end), self.fields[unit.fieldname],
                         offset, write)

    def release(self) -> None:
        """Free the sorted postings held (before the children's units are copied in)."""
        self._name, self._sorted = "", None


class _Child:
    """A forked process that encodes units from the back into two temporary files.

    ``postings`` gets the units' postings; ``rows`` each unit's pickled rows,
    then the table of contents (unit, postings position, rows position) and its
    position; or, if the child fails, its traceback.
    """

    def __init__(self, claims: _Claims, encoder: _Encoder, units: list[Unit]) -> None:
        self.postings: IO[bytes] = tempfile.TemporaryFile()
        self.rows: IO[bytes] = tempfile.TemporaryFile()
        try:
            self.pid = os.fork()
        except OSError:
            self.postings.close()
            self.rows.close()
            raise
        if self.pid == 0:
            code = 1
            try:
                gc.disable()  # a collection would touch, so copy, every shared object
                self._work(claims, encoder, units)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent raises it
                self.rows.seek(0)
                self.rows.truncate()
                self.rows.write(traceback.format_exc().encode())
                self.rows.flush()
            finally:
                os._exit(code)  # never run the parent's exit handlers or flush its files

    def _work(self, claims: _Claims, encoder: _Encoder, units: list[Unit]) -> None:
        contents = []
        while (index := claims.take(front=False)) is not None:
            at = self.postings.tell()
            rows = encoder.encode(units[index], 0, self.postings.write)
            contents.append((index, at, self.rows.tell()))
            pickle.dump(rows, self.rows, pickle.HIGHEST_PROTOCOL)
        self.postings.flush()
        at = self.rows.tell()
        pickle.dump(contents, self.rows, pickle.HIGHEST_PROTOCOL)
        self.rows.write(_TRAILER.pack(at))
        self.rows.flush()

    def wait(self) -> list[tuple[int, int, int]]:
        """The units the child encoded as (unit, postings position, rows position)."""
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        code = os.waitstatus_to_exitcode(status)
        if code == 1:  # the child's own report
            self.rows.seek(0)
            said = self.rows.read().decode(errors="replace").strip()
            raise RuntimeError(f"a commit process failed: {said}")
        if code:
            raise RuntimeError(f"a commit process died (exit code {code})")
        self.rows.seek(-_TRAILER.size, os.SEEK_END)
        (at,) = _TRAILER.unpack(self.rows.read(_TRAILER.size))
        self.rows.seek(at)
        contents: list[tuple[int, int, int]] = pickle.load(self.rows)
        return contents

    def unit(self, postings_at: int, rows_at: int, postfile: Any) -> w3.Rows:
        """Copy a unit's postings to ``postfile``; return its rows (positioned at 0)."""
        self.rows.seek(rows_at)
        rows: w3.Rows = pickle.load(self.rows)
        self.postings.seek(postings_at)
        _copy(self.postings, postfile, rows.size)
        return rows

    def close(self) -> None:
        """Kill the child if it still runs (this process failed), and drop its files."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        self.postings.close()
        self.rows.close()


def _copy(source: IO[bytes], target: Any, size: int) -> None:
    """Copy ``size`` bytes, at most ``FLUSH_BYTES`` in memory at a time."""
    while size > 0:
        piece = source.read(min(size, w3.FLUSH_BYTES))
        if not piece:
            raise RuntimeError("a commit process wrote fewer postings than it said")
        target.write(piece)
        size -= len(piece)


class _Fields:
    """Starts and finishes the field writer's fields as the units arrive in order."""

    def __init__(self, fieldwriter: Any, schema: Any) -> None:
        self.fieldwriter, self.schema = fieldwriter, schema
        self.current = ""

    def enter(self, fieldname: str) -> None:
        if fieldname != self.current:
            self.close()
            self.fieldwriter.start_field(fieldname, self.schema[fieldname])
            self.current = fieldname

    def close(self) -> None:
        if self.current:
            self.fieldwriter.finish_field()
            self.current = ""


def write_postings(fieldwriter: Any, schema: Any, stores: dict[str, FieldStore],
                   lengths: dict[str, bytearray]) -> None:
    """Write every field's postings and term index rows, in field-name order.

    ``lengths`` holds each field's length byte per document (fields without
    lengths are missing).
    """
    postings = sum(len(store) for store in stores.values())
    count = processes() if MIN_POSTINGS <= postings <= MAX_POSTINGS else 1
    units = plan(stores, count)
    fieldnames = list(dict.fromkeys(unit.fieldname for unit in units))
    encoder = _Encoder(fieldwriter, schema, stores, lengths, fieldnames)
    claims = _Claims(len(units))
    children: list[_Child] = []
    try:
        for _ in range(min(count, len(units)) - 1):
            try:
                children.append(_Child(claims, encoder, units))
            except OSError as exc:  # no memory or process left: this one writes the rest
                LOGGER.warning("commit: no process to share the postings with (%s)", exc)
                break
        _write(fieldwriter, schema, units, claims, encoder, children)
    finally:
        for child in children:
            child.close()


def _write(fieldwriter: Any, schema: Any, units: list[Unit], claims: _Claims,
           encoder: _Encoder, children: list[_Child]) -> None:
    """Write the units from the front, then append the children's."""
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    fields = _Fields(fieldwriter, schema)
    written = 0
    while (index := claims.take(front=True)) is not None:
        fields.enter(units[index].fieldname)
        w3.place(tindex, encoder.encode(units[index], postfile.tell(), postfile.write), 0)
        written += 1
    encoder.release()
    done = {}
    for child in children:
        for index, postings_at, rows_at in child.wait():
            done[index] = (child, postings_at, rows_at)
    if written + len(done) != len(units):
        raise RuntimeError(f"{len(units) - written - len(done)} units of postings went missing")
    for index in sorted(done):
        child, postings_at, rows_at = done[index]
        fields.enter(units[index].fieldname)
        shift = postfile.tell()
        w3.place(tindex, child.unit(postings_at, rows_at, postfile), shift)
    fields.close()
