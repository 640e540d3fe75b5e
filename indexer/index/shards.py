"""A generation split into K Whoosh shards, searched as one index.

Articles are assigned to a shard by a hash of their URL, so an update finds
an article in the same shard again. Each shard is written by its own
process; searching opens all shards through one ``whoosh.reading.MultiReader``
(:func:`indexer.search.fast.open_searcher`), whose term statistics are the sums over
the shards, so scores and facet counts equal those of a single index.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import queue
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from indexer.errors import QazsearchError
from indexer.index.fast import FastWriter
from indexer.index.schema import build_schema
from indexer.search.fast import zero_copy_reads

SHARD_PREFIX = "shard-"
WRITER_LIMIT_MB = 256


def shard_of(url: str, count: int) -> int:
    """The shard (0..count-1) an article with ``url`` lives in."""
    if count <= 1:
        return 0
    return int.from_bytes(hashlib.sha1(url.encode("utf-8")).digest()[:8], "big") % count


def shard_dirs(generation: Path) -> list[Path]:
    """The Whoosh index folders of a generation (the generation itself when unsharded)."""
    found = sorted((p for p in generation.glob(f"{SHARD_PREFIX}*") if p.is_dir()),
                   key=lambda p: int(p.name[len(SHARD_PREFIX):]))
    return found or [generation]


def create_shards(generation: Path, count: int) -> list[whoosh_index.Index]:
    """Create ``count`` empty indexes in a new generation folder."""
    if count <= 1:
        return [whoosh_index.create_in(str(generation), build_schema())]
    out = []
    for number in range(count):
        folder = generation / f"{SHARD_PREFIX}{number}"
        folder.mkdir()
        out.append(whoosh_index.create_in(str(folder), build_schema()))
    return out


def open_shards(generation: Path) -> list[whoosh_index.Index]:
    """Open every shard of a generation.

    Its readers read the segment files in place: stock Whoosh copies every
    file of a compound segment into memory when a reader opens it, so counting
    the documents of a 100k-page generation took 1.9 GB for a moment.
    """
    zero_copy_reads()
    return [whoosh_index.open_dir(str(folder)) for folder in shard_dirs(generation)]


def doc_count(indexes: list[whoosh_index.Index]) -> int:
    """Documents in all shards."""
    return sum(ix.doc_count() for ix in indexes)


class ShardWriters:
    """Route document updates and deletions to one writer per shard.

    With one shard the writer runs in this process; with several, each shard
    is written by its own process fed through a bounded queue, so the shards
    are built in parallel. ``close`` commits all of them; any writer's failure
    is raised here and nothing is committed by the others' caller (the
    generation is discarded).
    """

    def __init__(self, generation: Path, count: int) -> None:
        self.count = count
        if count <= 1:
            self._writer = _Updater(open_shards(generation)[0])
            return
        ctx = multiprocessing.get_context("fork")
        self._queues = [ctx.Queue(maxsize=256) for _ in range(count)]
        self._errors = ctx.Queue()
        self._procs = [
            ctx.Process(target=_shard_worker, args=(str(folder), q, self._errors), daemon=True)
            for folder, q in zip(shard_dirs(generation), self._queues, strict=True)
        ]
        for proc in self._procs:
            proc.start()

    def update(self, url: str, document: dict[str, Any]) -> None:
        """Add or replace the document of ``url``."""
        if self.count <= 1:
            self._writer.update(document)
        else:
            self._put(shard_of(url, self.count), ("update", document))

    def delete(self, url: str, article_id: str) -> None:
        """Remove the document of ``url``."""
        if self.count <= 1:
            self._writer.delete(article_id)
        else:
            self._put(shard_of(url, self.count), ("delete", article_id))

    def close(self) -> None:
        """Commit every shard, raising the first writer error."""
        if self.count <= 1:
            self._writer.commit()
            return
        for q in self._queues:
            q.put(None)
        for proc in self._procs:
            proc.join()
        self._raise_errors()
        failed = [p.exitcode for p in self._procs if p.exitcode != 0]
        if failed:
            raise QazsearchError(f"a shard writer died (exit codes {failed}); nothing published")

    def cancel(self) -> None:
        """Abandon all writes (the caller discards the generation)."""
        if self.count <= 1:
            self._writer.cancel()
            return
        for proc in self._procs:
            if proc.is_alive():
                proc.kill()
            proc.join()

    def _put(self, shard: int, item: tuple[str, Any]) -> None:
        while True:
            try:
                self._queues[shard].put(item, timeout=1.0)
                return
            except queue.Full:
                self._raise_errors()
                if not self._procs[shard].is_alive():
                    raise QazsearchError(f"the writer of shard {shard} died") from None

    def _raise_errors(self) -> None:
        try:
            message = self._errors.get_nowait()
        except queue.Empty:
            return
        raise QazsearchError(f"a shard writer failed: {message}")


class _Updater:
    """A Whoosh writer whose updates share one searcher over the existing segments.

    ``IndexWriter.update_document`` opens a new reader for every call; the documents it must delete all live in segments
    that existed before the writer opened, so one searcher serves them all.
    """

    def __init__(self, ix: whoosh_index.Index) -> None:
        self.ix = ix
        self.writer = FastWriter(ix, limitmb=WRITER_LIMIT_MB)
        self._existing = self.writer.searcher() if ix.doc_count_all() else None
        self._rolled = False

    def update(self, document: dict[str, Any]) -> None:
        self.delete(document["id"])
        self.writer.add_document(**document)
        if self.writer.full:  # one segment per WRITER_LIMIT_MB, in document order, unmerged
            self.writer.commit(merge=False)
            self.writer = FastWriter(self.ix, limitmb=WRITER_LIMIT_MB)
            self._rolled = True

    def delete(self, article_id: str) -> None:
        if self._existing is not None:
            for docnum in self._existing.document_numbers(id=article_id):
                self.writer.delete_document(docnum)

    def commit(self) -> None:
        self._close_existing()
        if self._rolled:  # Whoosh would merge the segments written so far back into one
            self.writer.commit(merge=False)
        else:
            self.writer.commit()

    def cancel(self) -> None:
        self._close_existing()
        self.writer.cancel()

    def _close_existing(self) -> None:
        if self._existing is not None:
            self._existing.close()
            self._existing = None


def _shard_worker(folder: str, items: Any, errors: Any) -> None:
    try:
        zero_copy_reads()
        writer = _Updater(whoosh_index.open_dir(folder))
        for kind, payload in iter(items.get, None):
            if kind == "update":
                writer.update(payload)
            else:
                writer.delete(payload)
        writer.commit()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        errors.put(f"{folder}: {exc!r}")
        raise SystemExit(1) from exc


def iter_stored(indexes: list[whoosh_index.Index]) -> Generator[dict[str, Any], None, None]:
    """Stored fields of every live document in every shard."""
    for ix in indexes:
        with ix.searcher() as searcher:
            yield from searcher.all_stored_fields()
