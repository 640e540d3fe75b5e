"""Crawl -> articles: the extraction half of the pipeline.

Two passes over the sources: the first learns each site's template blocks
(crawl-level boilerplate), the second extracts the articles. Extraction (and
the template pass) can run in worker processes; results come back in source
order.

An incremental run is given the raw-content hashes of the pages already
indexed: a page whose bytes did not change is not parsed at all (it comes out
as :class:`Unchanged`), and the template model is the saved one plus what the
changed pages teach — so a banner added to every page is still learnt. It
reads the crawl once: the pages to extract are kept from the template pass.
It is also given the :class:`PageRecord` of each page the previous run
extracted without indexing it under its own URL (listings, duplicates, ...):
with the same bytes, such a page is not parsed again unless the new template
model would answer its extraction's questions otherwise.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any, NamedTuple

from indexer.errors import ExtractionError
from indexer.extract.article import extract
from indexer.extract.records import (
    Extracted,
    PageRecord,
    SiteHashes,
    bare,
    needs_record,
    page_key,
    source_hash,
)
from indexer.extract.sources import iter_page_entries, iter_pages, read_entry
from indexer.extract.templates import (
    AskedModel,
    TemplateModel,
    model_from_hashes,
    site_hashes,
    site_of,
    union_templates,
)
from indexer.models import Article, PageFailure, RawPage, Unchanged

LOGGER = logging.getLogger(__name__)



@dataclasses.dataclass(frozen=True)
class Prepared:
    """An article and what ``ExtractionRun.prepare`` made of it in the worker."""

    article: Article
    data: Any


Item = Extracted | Unchanged | Prepared


@dataclasses.dataclass
class Pending:
    """A page of the crawl that the run must extract (or replay from ``record``).

    Attributes:
        page: The page.
        key: Its :func:`page_key` ("" until needed).
        record: The previous run's record of the same bytes, if any.
        blocks: Its ``site_hashes``, once the template pass computed them
            (``learnt``), so that recording the page does not parse it again.
    """

    page: RawPage
    key: str = ""
    record: PageRecord | None = None
    blocks: SiteHashes = None
    learnt: bool = False


Entry = RawPage | PageFailure | Unchanged | Pending

#: Bytes of page bodies an update keeps from its scan for the extraction pass;
#: past this it reads the sources again (a crawl that changed massively).
KEEP_BYTES = 256 * 1024 * 1024


def extract_one(page: RawPage | PageFailure, templates: TemplateModel | None) -> Extracted:
    """Extract one page, turning an :class:`ExtractionError` into a failure record."""
    if isinstance(page, PageFailure):
        return page
    try:
        article = extract(page, templates)
    except ExtractionError as exc:
        return PageFailure(page.origin, str(exc), page.url)
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop a build
        LOGGER.exception("unexpected error extracting %s", page.origin)
        return PageFailure(page.origin, f"internal extractor error: {exc!r}", page.url)
    return dataclasses.replace(article, source_hash=source_hash(page), origin=page.origin)


@dataclasses.dataclass
class ExtractionRun:
    """Options and results of one pass over a crawl.

    Attributes:
        jobs: Worker processes (1 = in this process).
        use_templates: Learn crawl-level templates first.
        known: page URL -> raw-content hash of pages already indexed; pages
            whose bytes match are yielded as :class:`Unchanged`. Given, the run
            is incremental: it reads the crawl once and keeps the pages it
            must extract (up to ``KEEP_BYTES``).
        records: page URL -> :class:`PageRecord` of the previous run (same
            extractor version): pages with the same bytes are not parsed again
            unless the new template model answers their questions otherwise.
        saved: The template model of the previous generation (incremental runs).
        on_total: Called with the number of items once known (progress ETA).
        prepare: A module-level function the workers apply to each article
            (with ``jobs`` > 1), e.g. the index's analysis; its result comes back
            as :class:`Prepared`. An article it fails on comes back plain.
        wanted: With ``prepare``, the articles to prepare (module-level, or
            any callable with the fork start method); None = all.
        finish: Called once in every worker, with its number, after the last
            page (with ``jobs`` > 1), e.g. to save what ``prepare`` learnt.
        before_workers: Called in this process before the extraction workers
            fork (with ``jobs`` > 1), e.g. to load what ``prepare`` needs once.
        templates: The model used, set after the template pass.
        recorded: Set by the run: page URL -> record of each page it extracted
            or replayed (an incremental run records every such page; a full
            one those that are not articles under their own URL).
        met: Set by an incremental run: the URL of every page it read.
    """

    jobs: int = 1
    use_templates: bool = True
    known: Mapping[str, str] = dataclasses.field(default_factory=dict)
    records: Mapping[str, PageRecord] = dataclasses.field(default_factory=dict)
    saved: TemplateModel | None = None
    on_total: Callable[[int], None] | None = None
    prepare: Callable[[Article], Any] | None = None
    wanted: Callable[[Article], bool] | None = None
    finish: Callable[[int], None] | None = None
    before_workers: Callable[[], None] | None = None
    templates: TemplateModel | None = None
    recorded: dict[str, PageRecord] = dataclasses.field(default_factory=dict)
    met: set[str] = dataclasses.field(default_factory=set)


def extract_sources(
    sources: Sequence[Path], *, jobs: int = 1, use_templates: bool = True,
    on_total: Callable[[int], None] | None = None,
) -> Iterator[Extracted]:
    """Yield an :class:`Article` or a :class:`PageFailure` for every page.

    Args:
        sources: Crawl folders, WARC files or JSON-lines files.
        jobs: Worker processes for extraction (1 = in this process).
        use_templates: Learn crawl-level templates first (two passes).
        on_total: Called with the number of items to come once it is known
            (after the template pass), e.g. for a progress bar's ETA.
    """
    run = ExtractionRun(jobs=jobs, use_templates=use_templates, on_total=on_total)
    for item in run_extraction(sources, run):
        if isinstance(item, Prepared):  # not asked for here, but never lose the article
            yield item.article
        elif not isinstance(item, Unchanged):  # a crawl's "not modified" record: no page
            yield item


def run_extraction(sources: Sequence[Path], run: ExtractionRun) -> Iterator[Item]:
    """The general form of :func:`extract_sources`, with incremental skipping."""
    incremental = bool(run.known)
    scan = _Scan(run, keep=incremental)
    if run.use_templates:
        run.templates = _learn(scan, sources, run)
    else:
        scan.kept = None  # nothing was read yet: the extraction pass reads
    entries: Iterable[Entry] = (scan.kept if scan.kept is not None
                                else _Scan(run, keep=False).entries(sources))
    extractor = _Extractor(run.templates, run.prepare if run.jobs > 1 else None, run.wanted,
                           record_all=incremental)
    if run.jobs <= 1:
        for entry in entries:
            yield _take_record(run, entry, extractor(entry))
        return
    if run.before_workers is not None:
        run.before_workers()
    ctx = get_context("fork")
    barrier = ctx.Barrier(run.jobs)
    with ctx.Pool(run.jobs, initializer=_init_worker, initargs=(extractor, barrier)) as pool:
        if isinstance(entries, list):  # kept by the scan: only the work goes to the pool
            results = _ordered(pool, entries, extractor)
        else:
            results = _bounded_imap(pool, entries)
        for entry, result in results:
            yield _take_record(run, entry, result)
        if run.finish is not None:
            _finish_workers(pool, run.jobs, run.finish)


class _Scan:
    """Reads the crawl once, telling pages to extract from unchanged ones.

    With ``keep``, the entries are kept in ``kept`` for the extraction pass
    (until their bodies pass ``KEEP_BYTES``: then ``kept`` is None and that
    pass reads the crawl again).
    """

    def __init__(self, run: ExtractionRun, *, keep: bool) -> None:
        self.run = run
        self.kept: list[Entry] | None = [] if keep else None
        self._bytes = 0
        self.count = 0

    def entries(self, sources: Sequence[Path], reader: Any = None) -> Iterator[Entry]:
        """Every item of the crawl as an :data:`Entry`, in source order.

        With a ``reader`` pool (:func:`_scan_pool`), its workers read and hash
        the pages of folder sources.
        """
        items = iter_pages(sources) if reader is None else _read_in(reader, sources)
        for item in items:
            self.count += 1
            entry = _classify(item, self.run)
            if self.kept is not None:
                self._keep(entry)
            yield entry

    def _keep(self, entry: Entry) -> None:
        assert self.kept is not None
        if isinstance(entry, Pending | RawPage):
            page = entry.page if isinstance(entry, Pending) else entry
            self._bytes += len(page.body)
            if self._bytes > KEEP_BYTES:
                LOGGER.info("extraction: changed pages pass %d MB; reading the crawl again",
                            KEEP_BYTES >> 20)
                self.kept = None
                return
        self.kept.append(entry)


def _classify(item: RawPage | PageFailure | Unchanged | _Same | _Read,
              run: ExtractionRun) -> Entry:
    """Unchanged for a page indexed with the same bytes, else a :class:`Pending` page."""
    if isinstance(item, _Same):  # hashed by a reader worker
        run.met.add(item.url)
        return Unchanged(item.url)
    body_hash = ""
    if isinstance(item, _Read):
        body_hash = item.hash
        item = item.page
    if not isinstance(item, RawPage) or not (run.known or run.records):
        return item  # a full run: no hashing here
    run.met.add(item.url)
    body_hash = body_hash or source_hash(item)
    if run.known and run.known.get(item.url) == body_hash:
        return Unchanged(item.url)
    key = page_key(item, body_hash)
    record = run.records.get(item.url)
    return Pending(item, key, record if record is not None and record.key == key else None)


def _take_record(run: ExtractionRun, entry: Entry,
                 result: tuple[Item, PageRecord | None]) -> Item:
    item, record = result
    if record is not None and isinstance(entry, Pending | RawPage):
        run.recorded[entry.page.url if isinstance(entry, Pending) else entry.url] = record
    return item


#: Pages per task, and tasks in flight: ``Pool.imap`` keeps every finished result
#: until it is consumed, and a build's results (analysed articles) outrun the writer.
CHUNK = 8
WINDOW = 64

Result = tuple[Item, PageRecord | None]


def _bounded_imap(pool: Any, entries: Iterable[Entry]) -> Iterator[tuple[Entry, Result]]:
    """``pool.imap`` of the worker's extractor with at most ``WINDOW`` tasks in flight."""
    pending: deque[tuple[list[Entry], Any]] = deque()
    entries = iter(entries)
    while chunk := list(islice(entries, CHUNK)):
        pending.append((chunk, pool.apply_async(_extract_chunk, (chunk,))))
        if len(pending) >= WINDOW:
            done, result = pending.popleft()
            yield from zip(done, result.get(), strict=True)
    while pending:
        done, result = pending.popleft()
        yield from zip(done, result.get(), strict=True)


def _ordered(pool: Any, entries: list[Entry], extractor: _Extractor
             ) -> Iterator[tuple[Entry, Result]]:
    """Results in ``entries`` order; only the pages to parse go to the workers."""
    work = [entry for entry in entries if extractor.parses(entry)]
    results = pool.imap(_extract_in_worker, work, chunksize=2)
    for entry in entries:
        yield entry, next(results) if extractor.parses(entry) else extractor(entry)


def _extract_chunk(entries: list[Entry]) -> list[Result]:
    return [_extract_in_worker(entry) for entry in entries]


def _learn(scan: _Scan, sources: Sequence[Path], run: ExtractionRun) -> TemplateModel:
    """The template model: learnt from the pages to extract, with the saved one if any."""
    started = time.perf_counter()
    with _scan_pool(run) as reader:
        pending = (entry for entry in scan.entries(sources, reader)
                   if isinstance(entry, Pending | RawPage))
        fresh = _hash_blocks(pending, run.jobs)
    counted = scan.count
    LOGGER.info("templates: learnt from %d pages in %.1f s", counted,
                time.perf_counter() - started)
    if run.on_total is not None:
        run.on_total(counted)
    return union_templates(run.saved, fresh) if run.saved is not None and run.known else fresh


def _hash_blocks(pages: Iterable[Pending | RawPage], jobs: int) -> TemplateModel:
    """Count the pages' blocks, keeping each :class:`Pending` page's on it."""
    fed: deque[Pending | RawPage] = deque()  # pages sent, in order (thread-safe)

    def feed() -> Iterator[Pending | RawPage]:
        for page in pages:
            fed.append(page)
            yield page

    def kept(results: Iterable[SiteHashes]) -> Iterator[SiteHashes]:
        for result in results:
            entry = fed.popleft()
            if isinstance(entry, Pending):
                entry.blocks, entry.learnt = result, True
            yield result

    if jobs <= 1:
        return model_from_hashes(kept(map(_site_hashes, feed())))
    # The template pass is as heavy as parsing: run it in the workers too.
    with get_context("fork").Pool(jobs) as pool:
        return model_from_hashes(kept(pool.imap(_site_hashes, feed(), chunksize=8)))


class _Same(NamedTuple):
    """A page a reader worker found with the bytes already indexed."""

    url: str


class _Read(NamedTuple):
    """A page a reader worker read, with its raw hash."""

    page: RawPage
    hash: str


#: Pages per task of a reader worker.
READ_CHUNK = 256
#: The run's ``known`` hashes, for reader workers (set before they fork).
_READER_KNOWN: Mapping[str, str] = {}


@contextlib.contextmanager
def _scan_pool(run: ExtractionRun) -> Iterator[Any]:
    """Workers that read and hash an incremental run's folder pages; None when it has no
    workers or nothing to compare with.

    An update reads every page of the crawl to find the few that changed: in the
    workers this costs the writer process a tuple per unchanged page, not a read,
    a hash and a page object.
    """
    global _READER_KNOWN
    if run.jobs <= 1 or not run.known:
        yield None
        return
    _READER_KNOWN = run.known
    try:
        with get_context("fork").Pool(run.jobs) as pool:
            yield pool
    finally:
        _READER_KNOWN = {}


def _read_in(pool: Any, sources: Sequence[Path]) -> Iterator[Any]:
    """``iter_pages(sources)``, folders read by ``pool`` (unchanged pages as :class:`_Same`)."""
    for source in sources:
        if not source.is_dir():
            yield from iter_pages([source])
            continue
        for items in pool.imap(_read_chunk, _read_tasks(source)):
            yield from items


def _read_tasks(source: Path) -> Iterator[tuple[str, list[tuple[tuple[str, ...], str]]]]:
    """A folder's pages in tasks of ``READ_CHUNK``, listed while the first ones are read."""
    root_name = source.resolve().name
    entries = iter_page_entries(source)
    while chunk := list(islice(entries, READ_CHUNK)):
        yield root_name, chunk


def _read_chunk(task: tuple[str, list[tuple[tuple[str, ...], str]]]) -> list[Any]:
    root_name, entries = task
    out: list[Any] = []
    for parts, path in entries:
        item = read_entry(root_name, parts, path)
        if not isinstance(item, RawPage):
            out.append(item)
            continue
        body_hash = source_hash(item)
        out.append(_Same(item.url) if _READER_KNOWN.get(item.url) == body_hash
                   else _Read(item, body_hash))
    return out


def _site_hashes(entry: Pending | RawPage) -> SiteHashes:
    """``site_hashes`` of a page: its record's when it has one (then no parsing)."""
    if isinstance(entry, RawPage):
        return site_hashes(entry)
    return entry.record.blocks if entry.record is not None else site_hashes(entry.page)


class _Extractor:
    """Turns an entry into its item (and record) in a worker or in this process."""

    def __init__(self, templates: TemplateModel | None, prepare: Callable[[Article], Any] | None,
                 wanted: Callable[[Article], bool] | None, *, record_all: bool) -> None:
        self.templates = templates
        self.asking = AskedModel.of(templates) if templates is not None else None
        self.prepare = prepare
        self.wanted = wanted
        self.record_all = record_all

    def parses(self, entry: Entry) -> bool:
        """Whether ``entry`` needs the page parsed (else it is answered at once)."""
        if isinstance(entry, RawPage):
            return True
        return isinstance(entry, Pending) and self._replay(entry) is None

    def __call__(self, entry: Entry) -> Result:
        if isinstance(entry, PageFailure | Unchanged):
            return entry, None
        if isinstance(entry, RawPage):
            entry = Pending(entry)
        replayed = self._replay(entry)
        if replayed is not None:
            return self._prepared(replayed), entry.record
        item, record = self._extract(entry)
        return self._prepared(item), record

    def _replay(self, entry: Pending) -> Extracted | None:
        """The record's outcome, when the model would extract the page the same way."""
        record, page = entry.record, entry.page
        if record is None or self.templates is None:
            return None
        if not self.templates.agrees(site_of(page.url), record.asked):
            return None
        outcome = record.outcome
        if isinstance(outcome, PageFailure):
            return PageFailure(page.origin, outcome.reason, outcome.url)
        return dataclasses.replace(outcome, origin=page.origin)

    def _extract(self, entry: Pending) -> tuple[Extracted, PageRecord | None]:
        page = entry.page
        if self.asking is None:
            return extract_one(page, None), None
        self.asking.take()
        item = extract_one(page, self.asking)
        asked = self.asking.take()
        if not (self.record_all or needs_record(item, page)):
            return item, None
        if entry.record is not None:
            blocks = entry.record.blocks
        else:
            blocks = entry.blocks if entry.learnt else site_hashes(page)
        return item, PageRecord(entry.key or page_key(page), blocks, bare(item), asked)

    def _prepared(self, item: Extracted) -> Item:
        if self.prepare is None or not isinstance(item, Article) or not item.is_article:
            return item
        if self.wanted is not None and not self.wanted(item):
            return item
        try:
            return Prepared(item, self.prepare(item))
        except Exception:  # noqa: BLE001 - the caller indexes it again and reports the error
            return item


_WORKER: _Extractor | None = None
_BARRIER: Any = None
#: Seconds the workers wait for each other to take one ``finish`` task each.
FINISH_TIMEOUT = 60.0


def _init_worker(extractor: _Extractor, barrier: Any = None) -> None:
    global _WORKER, _BARRIER
    _WORKER, _BARRIER = extractor, barrier


def _finish_workers(pool: Any, jobs: int, finish: Callable[[int], None]) -> None:
    """Run ``finish`` once in each worker: a task waits at the barrier until every
    worker holds one, so no worker takes two. A worker that fails is logged."""
    tasks = [pool.apply_async(_finish_in_worker, (number, finish)) for number in range(jobs)]
    for task in tasks:
        try:
            task.get(FINISH_TIMEOUT * 2)
        except Exception as exc:  # noqa: BLE001 - what finish saves is optional (a cache)
            LOGGER.warning("a worker's finishing step failed: %s", exc)


def _finish_in_worker(number: int, finish: Callable[[int], None]) -> None:
    _BARRIER.wait(FINISH_TIMEOUT)
    finish(number)


def _extract_in_worker(entry: Entry) -> Result:
    assert _WORKER is not None
    return _WORKER(entry)
