"""What a generation remembers of its crawl, so that an update need not re-read the index.

An update must know, for every indexed article, its fingerprint, university, site and
raw-content hash. Reading them from the stored fields means unpickling every document
(its text too): a third of a second at 10,000 documents, growing with the index. The
ledger keeps them in one small file per generation, with the records of the pages an
update would otherwise parse again (:class:`indexer.extract.records.PageRecord`).

The ledger is a cache: a generation without one (older ones), one whose documents do
not add up to the index's count, or records of another extractor version are simply
not used, and the update reads the index as before.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
from collections.abc import Mapping
from pathlib import Path

from indexer.extract.records import PageRecord, extractor_version
from indexer.models import Article

LOGGER = logging.getLogger(__name__)

LEDGER_FILE = "ledger.pickle"

#: What the index knows of an article: fingerprint, university, site, raw-content hash.
Known = tuple[str, str, str, str]


@dataclasses.dataclass
class Ledger:
    """The documents of a generation and the page records of the run that wrote it.

    Attributes:
        documents: article URL -> :data:`Known`, exactly the stored fields of the index.
        pages: page URL -> record (valid for extractor ``version`` only).
        version: :func:`indexer.extract.records.extractor_version` of the records.
        canaries: Frequent words the generation answers: an update that loses
            them is not published (``indexer.index.build.canary_words``).
    """

    documents: dict[str, Known]
    pages: dict[str, PageRecord]
    version: str
    canaries: list[str] | None = None


def known_of(article: Article) -> Known:
    """What the index stores of ``article`` that an update compares."""
    return (article.fingerprint, article.university, article.site, article.source_hash)


class DocumentChanges:
    """The documents a run wrote and removed, on top of the previous generation's."""

    def __init__(self) -> None:
        self.written: dict[str, Known] = {}
        self.removed: set[str] = set()
        self.exact = True

    def wrote(self, article: Article) -> None:
        """``article`` was added or replaced."""
        self.written[article.url] = known_of(article)
        self.removed.discard(article.url)

    def deleted(self, url: str) -> None:
        """The article of ``url`` was removed."""
        self.removed.add(url)
        self.written.pop(url, None)

    def unsure(self) -> None:
        """A write failed half-way: the index may or may not hold that document."""
        self.exact = False

    def applied_to(self, before: Mapping[str, Known]) -> dict[str, Known] | None:
        """The documents after the run, or None when they cannot be known exactly."""
        if not self.exact:
            return None
        after = {url: known for url, known in before.items() if url not in self.removed}
        after.update(self.written)
        return after


def load_ledger(folder: Path, documents: int) -> Ledger | None:
    """The ledger of a generation, or None when it has none or it does not fit its index.

    Args:
        folder: The generation.
        documents: The generation's document count (a ledger that disagrees is stale).
    """
    try:
        ledger = pickle.loads((folder / LEDGER_FILE).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            TypeError, ValueError):
        return None
    if not isinstance(ledger, Ledger) or len(ledger.documents) != documents:
        LOGGER.info("ledger of %s does not match its index; reading the index", folder.name)
        return None
    if ledger.version != extractor_version():
        ledger.pages = {}  # another extractor: its results are not ours
    return ledger


def save_ledger(folder: Path, ledger: Ledger) -> None:
    """Write the ledger of a generation (a new file: generations share files by hard link)."""
    tmp = folder / f".{LEDGER_FILE}.tmp"
    tmp.write_bytes(pickle.dumps(ledger, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, folder / LEDGER_FILE)


def next_pages(previous: Mapping[str, PageRecord], recorded: Mapping[str, PageRecord],
               crawled: set[str]) -> dict[str, PageRecord]:
    """The records to keep: this run's, and the previous ones of pages it did not meet.

    A page met again but not recorded (indexed under its own URL with the same
    bytes) needs no record: the next update knows it by its hash.

    Args:
        previous: The previous generation's records.
        recorded: This run's (:attr:`ExtractionRun.recorded`).
        crawled: The page URLs this run read (:attr:`ExtractionRun.met`).
    """
    kept = {url: record for url, record in previous.items() if url not in crawled}
    kept.update(recorded)
    return kept
