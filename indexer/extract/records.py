"""What one extraction of a page gave, recorded for the next update.

An update meets most pages again with the same bytes. Articles indexed under
their own URL are known by their raw hash (:func:`source_hash`); the other pages
(listings, duplicates, pages whose canonical URL differs, failures) get a
:class:`PageRecord`, kept with the generation (``indexer/index/ledger.py``), so
the next update neither hashes their blocks nor extracts them again while the
template model would answer their extraction's questions alike.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path

from indexer.models import Article, PageFailure, RawPage

Extracted = Article | PageFailure

#: What :func:`indexer.extract.templates.site_hashes` says of a page.
SiteHashes = tuple[str, set[int]] | None


@dataclasses.dataclass(frozen=True)
class PageRecord:
    """What one extraction of a page gave, kept with a generation for the next update.

    An update meets most pages again with the same bytes. Those that are not
    indexed articles under their own URL (listings, duplicates, pages whose
    canonical URL differs, failures, pages whose text did not change) would be
    parsed twice more (template pass and extraction). With a record, neither
    is needed: ``blocks`` feeds the template pass, and ``outcome`` is the
    extraction's result as long as the new template model answers the
    questions in ``asked`` as the old one did.

    Attributes:
        key: :func:`page_key` of the bytes extracted.
        blocks: ``site_hashes`` of the page.
        outcome: The :class:`Article` or :class:`PageFailure`, without origin.
        asked: Template-model questions (block hash) the extraction asked, and
            the answers it got.
    """

    key: str
    blocks: SiteHashes
    outcome: Extracted
    asked: dict[int, bool]


def source_hash(page: RawPage) -> str:
    """Hash of a page's raw bytes (decides whether an update must parse it again)."""
    return hashlib.sha1(page.body).hexdigest()


def page_key(page: RawPage, body_hash: str | None = None) -> str:
    """What an extraction's input is: the bytes' hash, and the headers' when there are any."""
    body_hash = body_hash or source_hash(page)
    if not page.headers:
        return body_hash
    headers = repr(sorted(page.headers.items())).encode("utf-8", "surrogateescape")
    return f"{body_hash}/{hashlib.sha1(headers).hexdigest()}"


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the code and data extraction depends on: records of other code are stale."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    files = [package / "models.py"]
    for folder in ("extract", "text", "data", "profiles"):
        files += sorted(p for p in (package / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(package)).encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def needs_record(item: Extracted, page: RawPage) -> bool:
    """False for an article under its own URL: the next update knows it by its hash."""
    return not (isinstance(item, Article) and item.is_article and item.url == page.url)


def bare(item: Extracted) -> Extracted:
    """``item`` without its origin (a record serves the same bytes from any origin)."""
    if isinstance(item, PageFailure):
        return PageFailure("", item.reason, item.url)
    return dataclasses.replace(item, origin="")
