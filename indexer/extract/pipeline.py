"""Crawl -> articles: the extraction half of the pipeline.

Two passes over the sources: the first learns each site's template blocks
(crawl-level boilerplate), the second extracts the articles. Extraction (and
the template pass) can run in worker processes; results come back in source
order.

An incremental run is given the raw-content hashes of the pages already
indexed: a page whose bytes did not change is not parsed at all (it comes out
as :class:`Unchanged`), and the template model is the saved one plus what the
changed pages teach — so a banner added to every page is still learnt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from indexer.errors import ExtractionError
from indexer.extract.article import extract
from indexer.extract.sources import iter_pages
from indexer.extract.templates import TemplateModel, model_from_hashes, site_hashes, union_templates
from indexer.models import Article, PageFailure, RawPage, Unchanged

LOGGER = logging.getLogger(__name__)

Extracted = Article | PageFailure


@dataclasses.dataclass(frozen=True)
class Prepared:
    """An article and what ``ExtractionRun.prepare`` made of it in the worker."""

    article: Article
    data: Any


Item = Extracted | Unchanged | Prepared

_WORKER_TEMPLATES: TemplateModel | None = None
_WORKER_PREPARE: Callable[[Article], Any] | None = None


def source_hash(page: RawPage) -> str:
    """Hash of a page's raw bytes (decides whether an update must parse it again)."""
    return hashlib.sha1(page.body).hexdigest()


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
            whose bytes match are yielded as :class:`Unchanged`.
        saved: The template model of the previous generation (incremental runs).
        on_total: Called with the number of items once known (progress ETA).
        prepare: A module-level function the workers apply to each article
            (with ``jobs`` > 1), e.g. the index's analysis; its result comes back
            as :class:`Prepared`. An article it fails on comes back plain.
        templates: The model used, set after the template pass.
    """

    jobs: int = 1
    use_templates: bool = True
    known: Mapping[str, str] = dataclasses.field(default_factory=dict)
    saved: TemplateModel | None = None
    on_total: Callable[[int], None] | None = None
    prepare: Callable[[Article], Any] | None = None
    templates: TemplateModel | None = None


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
    if run.use_templates:
        run.templates = _learn(sources, run)
    pages = (_skip_unchanged(item, run.known) for item in iter_pages(sources))
    if run.jobs <= 1:
        for page in pages:
            yield page if isinstance(page, Unchanged) else extract_one(page, run.templates)
        return
    ctx = get_context("fork")
    with ctx.Pool(run.jobs, initializer=_init_worker,
                  initargs=(run.templates, run.prepare)) as pool:
        yield from _bounded_imap(pool, pages)


#: Pages per task, and tasks in flight: ``Pool.imap`` keeps every finished result
#: until it is consumed, and a build's results (analysed articles) outrun the writer.
CHUNK = 8
WINDOW = 64


def _bounded_imap(pool: Any, pages: Iterable[RawPage | PageFailure | Unchanged]
                  ) -> Iterator[Item]:
    """``pool.imap(_extract_in_worker, pages)`` with at most ``WINDOW`` tasks in flight."""
    pending: deque[Any] = deque()
    pages = iter(pages)
    while chunk := list(islice(pages, CHUNK)):
        pending.append(pool.apply_async(_extract_chunk, (chunk,)))
        if len(pending) >= WINDOW:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def _extract_chunk(pages: list[RawPage | PageFailure | Unchanged]) -> list[Item]:
    return [_extract_in_worker(page) for page in pages]


def _learn(sources: Sequence[Path], run: ExtractionRun) -> TemplateModel:
    counted = [0]

    def changed_pages() -> Iterator[RawPage]:
        for item in iter_pages(sources):
            counted[0] += 1
            if isinstance(item, RawPage) and not isinstance(_skip_unchanged(item, run.known),
                                                            Unchanged):
                yield item

    started = time.perf_counter()
    fresh = _hash_blocks(changed_pages(), run.jobs)
    LOGGER.info("templates: learnt from %d pages in %.1f s", counted[0],
                time.perf_counter() - started)
    if run.on_total is not None:
        run.on_total(counted[0])
    return union_templates(run.saved, fresh) if run.saved is not None and run.known else fresh


def _hash_blocks(pages: Iterable[RawPage], jobs: int) -> TemplateModel:
    if jobs <= 1:
        return model_from_hashes(map(site_hashes, pages))
    # The template pass is as heavy as parsing: run it in the workers too.
    with get_context("fork").Pool(jobs) as pool:
        return model_from_hashes(pool.imap(site_hashes, pages, chunksize=8))


def _skip_unchanged(item: RawPage | PageFailure | Unchanged,
                    known: Mapping[str, str]) -> RawPage | PageFailure | Unchanged:
    if isinstance(item, RawPage) and known and known.get(item.url) == source_hash(item):
        return Unchanged(item.url)
    return item


def _init_worker(templates: TemplateModel | None,
                 prepare: Callable[[Article], Any] | None = None) -> None:
    global _WORKER_TEMPLATES, _WORKER_PREPARE
    _WORKER_TEMPLATES = templates
    _WORKER_PREPARE = prepare


def _extract_in_worker(page: RawPage | PageFailure | Unchanged) -> Item:
    if isinstance(page, Unchanged):
        return page
    item = extract_one(page, _WORKER_TEMPLATES)
    if _WORKER_PREPARE is None or not isinstance(item, Article) or not item.is_article:
        return item
    try:
        return Prepared(item, _WORKER_PREPARE(item))
    except Exception:  # noqa: BLE001 - the caller indexes it again and reports the error
        return item
