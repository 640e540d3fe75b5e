"""Build and update index generations.

Both write a *new* generation (an update starts from hard links to the live
one), validate it, then publish it with one atomic rename; on any error the
new generation is discarded and the previous one keeps serving.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.query import Every, Term

from indexer.index import generations
from indexer.index.documents import article_id, to_document
from indexer.errors import IndexWriteError, QazsearchError
from indexer.index.locking import writer_lock
from indexer.models import Article, PageFailure, Unchanged
from indexer.extract.pipeline import (
    Extracted,
    ExtractionRun,
    Item,
    Prepared,
    run_extraction,
)
from indexer.extract.records import extractor_version
from indexer.index.ledger import (
    LEDGER_FILE,
    DocumentChanges,
    Known,
    Ledger,
    load_ledger,
    next_pages,
    save_ledger,
)
from indexer.index.fast import analyse_document
from indexer.index.fast.wordtable import save_new_words, save_process_words, seed_lazily_from
from indexer.index.fast.words import forget_words, seed_now
from indexer.index.schema import build_schema
from indexer.index.report import BuildReport
from indexer.search.fast import open_searcher
from indexer.index.shards import (
    ShardWriters,
    create_shards,
    doc_count,
    iter_stored,
    open_shards,
    shard_dirs,
)
from indexer.extract.sources import check_sources
from indexer.extract.templates import load_templates, save_templates
from indexer.extract.universities import university_id
from indexer.text.analysis import TOKEN_PATTERN, normalize_word

LOGGER = logging.getLogger(__name__)

#: An update may not shrink the index below this share of the previous one.
MIN_KEEP_RATIO = 0.5
#: The skip reason of a page whose URL an earlier page of the crawl already had.
DUPLICATE = "duplicate: an earlier page of this crawl has the same URL"
NOT_INDEXED = "unchanged: the crawl saw it unchanged (HTTP 304), but it is not in the index"
#: Frequent words of the previous generation that must still answer.
CANARIES = 5
#: Documents of the previous generation whose words are counted for the canaries.
CANARY_SAMPLE = 300
TOKENS = re.compile(TOKEN_PATTERN)


class ValidationError(QazsearchError):
    """A new generation looks wrong and was not published."""


def build_index(
    sources: Sequence[Path], root: Path, *, jobs: int = 1, keep: int = generations.KEEP_DEFAULT,
    force: bool = False, shards: int = 1, items: Iterable[Extracted] | None = None,
) -> BuildReport:
    """Index ``sources`` from scratch into a new generation and publish it.

    Args:
        sources: Crawl folders, WARC or JSON-lines files.
        root: The index root (generations and the live pointer).
        jobs: Extraction worker processes.
        keep: Generations kept for rollback.
        force: Publish even if validation fails.
        shards: Whoosh shards written in parallel and searched as one index.
        items: Already extracted pages (e.g. from the Spark runner) instead of
            extracting ``sources`` here.

    Raises:
        SourceError: A source does not exist.
        IndexBusyError: Another build or update holds the lock.
        ValidationError: The result is empty (or suspicious) and ``force`` is off.
    """
    return _run(sources, root, mode="build", jobs=jobs, keep=keep, prune=False, force=force,
                shards=shards, items=items)


def update_index(
    sources: Sequence[Path], root: Path, *, prune: bool = False, jobs: int = 1,
    keep: int = generations.KEEP_DEFAULT, force: bool = False,
    items: Iterable[Extracted] | None = None,
) -> BuildReport:
    """Bring the live index up to date with a new crawl.

    New pages are added, pages whose *article* fingerprint changed are
    replaced, unchanged ones are left alone; with ``prune``, articles of the
    crawled sites that are missing from the crawl are removed. Nothing
    changed: nothing is published. Without a live index this is a full build.
    """
    mode = "update" if generations.current_name(root) else "build"
    return _run(sources, root, mode=mode, jobs=jobs, keep=keep, prune=prune, force=force,
                shards=1, items=items)


def _run(sources: Sequence[Path], root: Path, *, mode: str, jobs: int, keep: int, prune: bool,
         force: bool, shards: int, items: Iterable[Extracted] | None) -> BuildReport:
    sources = check_sources(sources)
    started = time.perf_counter()
    with writer_lock(root):
        forget_words()  # this run's words only: the table gets what it analysed
        generations.discard_incomplete(root)
        previous = generations.current_name(root)
        gen_dir = generations.new_generation(root)
        report = BuildReport(generation=gen_dir.name, mode=mode, previous=previous)
        try:
            progress = Progress()
            # The workers analyse the text too, from the words of the live
            # generation (wordtable) when there is one, and save the words they
            # met first for the next update.
            in_workers = jobs > 1 and items is None
            run = ExtractionRun(jobs=jobs, on_total=progress.set_total,
                                prepare=analysed_document if in_workers else None,
                                finish=partial(save_process_words, gen_dir,
                                               gen_dir.name)
                                if in_workers else None,
                                before_workers=_before_workers)
            ledger = None
            if mode == "update" and previous:
                live = generations.current_dir(root)
                shards = len(shard_dirs(live))
                generations.clone_generation(live, gen_dir, skip=(LEDGER_FILE,))
                ledger = load_ledger(live, doc_count(open_shards(live)))
                seed_lazily_from(gen_dir)  # the live table, linked
                known = ledger.documents if ledger else _known_documents(open_shards(gen_dir))
                run.wanted = partial(_to_write, known)  # workers analyse only those
                run.saved = load_templates(gen_dir)
                if run.saved is not None:  # else learn from the whole crawl again
                    run.known = {url: doc[3] for url, doc in known.items() if doc[3]}
                    run.records = ledger.pages if ledger else {}
            else:
                create_shards(gen_dir, shards)
                known = {}
            stream: Iterable[Item] = run_extraction(sources, run) if items is None else items
            changes = DocumentChanges()
            _write(ShardWriters(gen_dir, shards), progress.wrap(stream), known, report,
                   prune=prune, changes=changes)
            LOGGER.info("index: wrote %s in %.1f s", gen_dir.name, time.perf_counter() - started)
            save_new_words(gen_dir, gen_dir.name)  # the words analysed here, if any
            if run.templates is not None:
                save_templates(gen_dir, run.templates)
            indexes = open_shards(gen_dir)
            report.documents = doc_count(indexes)
            if mode == "update" and not _changed(report):
                generations.discard(gen_dir)
                report.generation = previous or ""
                report.seconds = round(time.perf_counter() - started, 3)
                LOGGER.info("nothing changed; %s stays live", previous)
                return report
            canaries = _validate(indexes, root, previous, report, force=force,
                                 canaries=ledger.canaries if ledger else None)
            _save_ledger(gen_dir, changes.applied_to(known), ledger, run, report.documents,
                         canaries)
            LOGGER.info("validated: %d documents", report.documents)
            report.seconds = round(time.perf_counter() - started, 3)
            report.published = True
            report.save(gen_dir / generations.REPORT)
            generations.publish(root, gen_dir)
        except OSError as exc:  # disk full, permissions: say so, keep the live generation
            generations.discard(gen_dir)
            serving = (f"generation {previous} keeps serving" if previous
                       else "no generation was live before")
            raise IndexWriteError(
                f"could not write the new generation {gen_dir.name}: "
                f"{exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}; "
                f"nothing was published and {serving}") from exc
        except BaseException:
            generations.discard(gen_dir)
            raise
        finally:
            forget_words()
        generations.collect_garbage(root, keep=keep)
    LOGGER.info("published %s with %d documents", gen_dir.name, report.documents)
    return report


def _save_ledger(gen_dir: Path, documents: dict[str, Known] | None, previous: Ledger | None,
                 run: ExtractionRun, count: int, canaries: list[str] | None) -> None:
    """Keep what the next update needs to know of this generation (when it is exact)."""
    if documents is None or len(documents) != count:
        LOGGER.info("no ledger for %s: its documents are not known exactly", gen_dir.name)
        return
    pages = next_pages(previous.pages if previous else {}, run.recorded, run.met)
    save_ledger(gen_dir, Ledger(documents, pages, extractor_version(), canaries))


def _write(sink: ShardWriters, items: Iterable[Item], known: Mapping[str, Known],
           report: BuildReport, *, prune: bool, changes: DocumentChanges | None = None) -> None:
    """Index ``items`` against the previous generation's ``known`` documents.

    ``changes`` learns every document written or removed (for the ledger).
    """
    changes = changes if changes is not None else DocumentChanges()
    seen: set[str] = set()
    sites: set[str] = set()
    try:
        for entry in items:
            document = None
            if isinstance(entry, Prepared):  # analysed by an extraction worker
                item: Extracted | Unchanged = entry.article
                document = entry.data
            else:
                item = entry
            if isinstance(item, Unchanged):
                if item.url not in known:  # a crawl's 304 for a page that is not indexed
                    report.skip(university_id(_host(item.url)), item.url, item.url,
                                NOT_INDEXED)
                    continue
                _, university, site, _ = known[item.url]
                if item.url in seen:
                    report.skip(university, item.url, item.url, DUPLICATE)
                    continue
                seen.add(item.url)
                sites.add(site)
                report.count(university, "unchanged")
                continue
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
                reason = DUPLICATE if item.is_article else item.skip_reason or "not an article"
                report.skip(item.university, item.origin or item.url, item.url, reason)
                continue
            seen.add(item.url)
            status = _status(item, known.get(item.url))
            if status != "unchanged":
                if not _index(sink, item, report, document):
                    changes.unsure()
                    continue
                changes.wrote(item)
            report.count(item.university, status)
            _note_gaps(item, report)
        if prune:
            for url, (_, university, site, _) in known.items():
                if site in sites and url not in seen:
                    sink.delete(url, article_id(url))
                    changes.deleted(url)
                    report.count(university, "removed")
    except BaseException:
        sink.cancel()
        raise
    LOGGER.info("pages: %s; committing the index", _counts(report))
    sink.close()


def _index(sink: ShardWriters, article: Article, report: BuildReport,
           document: dict[str, Any] | None = None) -> bool:
    """Write one article; an article the analyzers choke on is reported, not fatal."""
    try:
        sink.update(article.url, document if document is not None else to_document(article))
    except (OSError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - one bad article must never stop a build
        LOGGER.exception("cannot index %s", article.url)
        report.failures.append({"origin": article.url, "url": article.url,
                                "reason": f"could not be indexed: {exc!r}"})
        report.count(article.university, "failed")
        return False
    return True


def _counts(report: BuildReport) -> str:
    totals = report.totals()
    return ", ".join(f"{totals[key]} {key}" for key in sorted(totals) if totals[key]) or "none"


_SCHEMA: list[Any] = []


def _before_workers() -> None:
    """Before the extraction workers fork: the schema, and an update's word maps
    seeded from the live generation, for them to share instead of each loading them."""
    if not _SCHEMA:
        _SCHEMA.append(build_schema())
    seed_now()


def analysed_document(article: Article) -> dict[str, Any]:
    """``to_document(article)`` with its text already analysed (run in extraction workers)."""
    if not _SCHEMA:
        _SCHEMA.append(build_schema())
    return analyse_document(_SCHEMA[0], to_document(article))


def _changed(report: BuildReport) -> bool:
    totals = report.totals()
    return any(totals[s] for s in ("new", "changed", "removed"))


def _to_write(known: Mapping[str, Known], article: Article) -> bool:
    """Whether an update writes ``article`` (a new one, or its text changed)."""
    return _status(article, known.get(article.url)) != "unchanged"


def _status(article: Article, old: tuple[str, str, str, str] | None) -> str:
    if old is None:
        return "new"
    return "unchanged" if old[0] == article.fingerprint else "changed"


def _known_documents(indexes: list[whoosh_index.Index]) -> dict[str, Known]:
    """url -> (fingerprint, university, site, source hash) of every indexed document."""
    return {
        f["url"]: (f.get("fingerprint", ""), f.get("university", ""), f.get("site", ""),
                   f.get("source_hash", ""))
        for f in iter_stored(indexes)
    }


def _note_gaps(article: Article, report: BuildReport) -> None:
    if article.date is None:
        report.no_date.append(article.url)
    if not article.title:
        report.no_title.append(article.url)


def _validate(indexes: list[whoosh_index.Index], root: Path, previous: str | None,
              report: BuildReport, *, force: bool,
              canaries: list[str] | None = None) -> list[str] | None:
    """Refuse to publish an empty index or one that lost too many documents.

    Args:
        canaries: The previous generation's canary words, when its ledger has them.

    Returns:
        The canary words the new generation answers (its ledger keeps them for
        the next update), None with ``force``.
    """
    if force:
        return None
    if report.documents == 0:
        raise ValidationError(
            "the new index would be empty (no article could be extracted from the sources); "
            "the previous generation keeps serving — use --force to publish anyway"
        )
    if previous:
        old_indexes = open_shards(generations.generations_dir(root) / previous)
        old = doc_count(old_indexes)
        if report.documents < old * MIN_KEEP_RATIO:
            raise ValidationError(
                f"the new index has {report.documents} documents against {old} in {previous} "
                f"(below {MIN_KEEP_RATIO:.0%}); not published — use --force if this is intended"
            )
        words = _canaries(old_indexes, indexes, canaries)
    else:
        words = canary_words(indexes)
    with open_searcher(indexes) as searcher:
        if searcher.search(Every(), limit=1).scored_length() == 0:
            raise ValidationError("canary query found nothing in the new index; not published")
    return words


def _canaries(old: list[whoosh_index.Index], new: list[whoosh_index.Index],
              words: list[str] | None = None) -> list[str]:
    """The previous generation's most frequent words must still find articles.

    Args:
        old: The previous generation.
        new: The new one.
        words: The previous generation's canary words, if its ledger kept them
            (found in it when it was published); else they are counted in it.

    Returns:
        The words checked (the new generation's canary words).
    """
    if words is None:
        words = canary_words(old)
    with open_searcher(new) as after:
        missing = [w for w in words if after.search(Term("exact", w), limit=1).is_empty()]
    if missing:
        raise ValidationError(f"canary queries {missing} find nothing in the new index; "
                              "not published — use --force if this is intended")
    return words


def canary_words(indexes: list[whoosh_index.Index]) -> list[str]:
    """The most frequent words of a generation that it answers: what must still answer later.

    The words are counted in the stored text of its first ``CANARY_SAMPLE``
    documents: scanning its whole term dictionary (``most_frequent_terms``)
    cost a third of a 1 % update.
    """
    counts: Counter[str] = Counter()
    stored = iter_stored(indexes)
    try:
        for fields in islice(stored, CANARY_SAMPLE):
            counts.update(normalize_word(w) for w in TOKENS.findall(fields.get("text") or ""))
    finally:
        stored.close()  # closes the searcher the generator holds open
    frequent = [w for w, _ in counts.most_common() if len(w) >= 5 and w.isalpha()][:40]
    with open_searcher(indexes) as searcher:
        return [w for w in frequent
                if not searcher.search(Term("exact", w), limit=1).is_empty()][:CANARIES]


class Progress:
    """A progress bar with rate and ETA on a terminal (tqdm), log lines otherwise."""

    LOG_EVERY = 1000

    def __init__(self) -> None:
        self.total: int | None = None
        self._bar: Any = None

    def set_total(self, total: int) -> None:
        """Learn how many items will come (after the template pass)."""
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def wrap(self, items: Iterable[Item]) -> Iterator[Item]:
        """Yield ``items``, reporting progress."""
        if sys.stderr.isatty():
            with tqdm(unit="page", desc="indexing", total=self.total, leave=False) as bar:
                self._bar = bar
                for item in items:
                    bar.update(1)
                    yield item
            return
        started = time.perf_counter()
        for number, item in enumerate(items, start=1):
            if number % self.LOG_EVERY == 0:
                LOGGER.info("%s", self._line(number, time.perf_counter() - started))
            yield item

    def _line(self, done: int, seconds: float) -> str:
        rate = done / seconds if seconds else 0.0
        if self.total and rate:
            eta = max(0.0, (self.total - done) / rate)
            return f"indexed {done}/{self.total} pages, {rate:.0f} pages/s, ETA {eta:.0f} s"
        return f"indexed {done} pages, {rate:.0f} pages/s"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
