"""Build and update index generations.

Both write a *new* generation (an update starts from hard links to the live
one), validate it, then publish it with one atomic rename; on any error the
new generation is discarded and the previous one keeps serving.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.query import Every

from indexer import generations
from indexer.documents import article_id, to_document
from indexer.errors import QazsearchError
from indexer.locking import writer_lock
from indexer.models import Article, PageFailure
from indexer.pipeline import Extracted, extract_sources
from indexer.report import BuildReport
from indexer.schema import build_schema
from indexer.sources import check_sources
from indexer.universities import university_id

LOGGER = logging.getLogger(__name__)

#: An update may not shrink the index below this share of the previous one.
MIN_KEEP_RATIO = 0.5


class ValidationError(QazsearchError):
    """A new generation looks wrong and was not published."""


def build_index(
    sources: Sequence[Path], root: Path, *, jobs: int = 1, keep: int = generations.KEEP_DEFAULT,
    force: bool = False,
) -> BuildReport:
    """Index ``sources`` from scratch into a new generation and publish it.

    Raises:
        SourceError: A source does not exist.
        IndexBusyError: Another build or update holds the lock.
        ValidationError: The result is empty (or suspicious) and ``force`` is off.
    """
    return _run(sources, root, mode="build", jobs=jobs, keep=keep, prune=False, force=force)


def update_index(
    sources: Sequence[Path], root: Path, *, prune: bool = False, jobs: int = 1,
    keep: int = generations.KEEP_DEFAULT, force: bool = False,
) -> BuildReport:
    """Bring the live index up to date with a new crawl.

    New pages are added, pages whose *article* fingerprint changed are
    replaced, unchanged ones are left alone; with ``prune``, articles of the
    crawled sites that are missing from the crawl are removed. Without a live
    index this is a full build.
    """
    mode = "update" if generations.current_name(root) else "build"
    return _run(sources, root, mode=mode, jobs=jobs, keep=keep, prune=prune, force=force)


def _run(sources: Sequence[Path], root: Path, *, mode: str, jobs: int, keep: int, prune: bool,
         force: bool) -> BuildReport:
    sources = check_sources(sources)
    started = time.perf_counter()
    with writer_lock(root):
        generations.discard_incomplete(root)
        previous = generations.current_name(root)
        gen_dir = generations.new_generation(root)
        report = BuildReport(generation=gen_dir.name, mode=mode, previous=previous)
        try:
            if mode == "update" and previous:
                generations.clone_generation(generations.current_dir(root), gen_dir)
                ix = whoosh_index.open_dir(str(gen_dir))
            else:
                ix = whoosh_index.create_in(str(gen_dir), build_schema())
            _write(ix, extract_sources(sources, jobs=jobs), report, prune=prune)
            report.documents = ix.doc_count()
            if mode == "update" and not _changed(report):
                generations.discard(gen_dir)
                report.generation = previous or ""
                report.seconds = round(time.perf_counter() - started, 3)
                LOGGER.info("nothing changed; %s stays live", previous)
                return report
            _validate(ix, root, previous, report, force=force)
            report.seconds = round(time.perf_counter() - started, 3)
            report.published = True
            report.save(gen_dir / generations.REPORT)
            generations.publish(root, gen_dir)
        except BaseException:
            generations.discard(gen_dir)
            raise
        generations.collect_garbage(root, keep=keep)
    LOGGER.info("published %s with %d documents", gen_dir.name, report.documents)
    return report


def _write(ix: whoosh_index.Index, items: Iterator[Extracted], report: BuildReport, *,
           prune: bool) -> None:
    known = _known_documents(ix)
    seen: set[str] = set()
    sites: set[str] = set()
    with ix.writer(limitmb=256) as writer:
        for item in _progress(items):
            if isinstance(item, PageFailure):
                uni = university_id(_host(item.url)) if item.url else "(unknown)"
                seen.add(item.url)  # a page that failed now is not a page that vanished
                report.count(uni, "failed")
                report.failures.append(
                    {"origin": item.origin, "url": item.url, "reason": item.reason}
                )
                continue
            sites.add(item.site)
            if not item.is_article or item.url in seen:
                report.count(item.university, "skipped")
                continue
            seen.add(item.url)
            status = _status(item, known.get(item.url))
            report.count(item.university, status)
            if status != "unchanged":
                writer.update_document(**to_document(item))
            _note_gaps(item, report)
        if prune:
            for url, (_, university, site) in known.items():
                if site in sites and url not in seen:
                    writer.delete_by_term("id", article_id(url))
                    report.count(university, "removed")


def _changed(report: BuildReport) -> bool:
    totals = report.totals()
    return any(totals[s] for s in ("new", "changed", "removed"))


def _status(article: Article, old: tuple[str, str, str] | None) -> str:
    if old is None:
        return "new"
    return "unchanged" if old[0] == article.fingerprint else "changed"


def _known_documents(ix: whoosh_index.Index) -> dict[str, tuple[str, str, str]]:
    """url -> (fingerprint, university, site) of every document already indexed."""
    with ix.searcher() as searcher:
        return {
            f["url"]: (f.get("fingerprint", ""), f.get("university", ""), f.get("site", ""))
            for f in searcher.all_stored_fields()
        }


def _note_gaps(article: Article, report: BuildReport) -> None:
    if article.date is None:
        report.no_date.append(article.url)
    if not article.title:
        report.no_title.append(article.url)


def _validate(ix: whoosh_index.Index, root: Path, previous: str | None, report: BuildReport, *,
              force: bool) -> None:
    """Refuse to publish an empty index or one that lost too many documents."""
    if force:
        return
    if report.documents == 0:
        raise ValidationError(
            "the new index would be empty (no article could be extracted from the sources); "
            "the previous generation keeps serving — use --force to publish anyway"
        )
    if previous:
        before = whoosh_index.open_dir(str(generations.generations_dir(root) / previous))
        old = before.doc_count()
        if report.documents < old * MIN_KEEP_RATIO:
            raise ValidationError(
                f"the new index has {report.documents} documents against {old} in {previous} "
                f"(below {MIN_KEEP_RATIO:.0%}); not published — use --force if this is intended"
            )
    with ix.searcher() as searcher:
        if searcher.search(Every(), limit=1).scored_length() == 0:
            raise ValidationError("canary query found nothing in the new index; not published")


def _progress(items: Iterator[Extracted]) -> Iterator[Extracted]:
    """A progress bar on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        yield from tqdm(items, unit="page", desc="indexing", leave=False)
        return
    for number, item in enumerate(items, start=1):
        if number % 1000 == 0:
            LOGGER.info("indexed %d pages", number)
        yield item


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
