"""Crawl -> articles: the extraction half of the pipeline.

Two passes over the sources: the first learns each site's template blocks
(crawl-level boilerplate), the second extracts the articles. Extraction can
run in worker processes; results come back in source order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import get_context
from pathlib import Path

from indexer.errors import ExtractionError
from indexer.extract import extract
from indexer.models import Article, PageFailure, RawPage
from indexer.sources import iter_pages
from indexer.templates import TemplateModel, model_from_hashes, site_hashes

LOGGER = logging.getLogger(__name__)

Extracted = Article | PageFailure

_WORKER_TEMPLATES: TemplateModel | None = None


def extract_one(page: RawPage | PageFailure, templates: TemplateModel | None) -> Extracted:
    """Extract one page, turning an :class:`ExtractionError` into a failure record."""
    if isinstance(page, PageFailure):
        return page
    try:
        return extract(page, templates)
    except ExtractionError as exc:
        return PageFailure(page.origin, str(exc), page.url)
    except Exception as exc:  # noqa: BLE001 - one bad page must never stop a build
        LOGGER.exception("unexpected error extracting %s", page.origin)
        return PageFailure(page.origin, f"internal extractor error: {exc!r}", page.url)


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
    templates = None
    if use_templates:
        counted = [0]

        def readable() -> Iterator[RawPage]:
            for item in iter_pages(sources):
                counted[0] += 1
                if isinstance(item, RawPage):
                    yield item

        if jobs <= 1:
            templates = model_from_hashes(map(site_hashes, readable()))
        else:  # the template pass is as heavy as parsing: run it in the workers too
            with get_context("fork").Pool(jobs) as pool:
                templates = model_from_hashes(pool.imap(site_hashes, readable(), chunksize=8))
        if on_total is not None:
            on_total(counted[0])
    pages = iter_pages(sources)
    if jobs <= 1:
        for page in pages:
            yield extract_one(page, templates)
        return
    ctx = get_context("fork")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(templates,)) as pool:
        yield from pool.imap(_extract_in_worker, pages, chunksize=8)


def _init_worker(templates: TemplateModel | None) -> None:
    global _WORKER_TEMPLATES
    _WORKER_TEMPLATES = templates


def _extract_in_worker(page: RawPage | PageFailure) -> Extracted:
    return extract_one(page, _WORKER_TEMPLATES)
