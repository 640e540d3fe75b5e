"""Crawl-level template removal: blocks that recur on many pages of one site are template.

Page-level extractors guess from one page's markup; a crawl shows more. A "Services available"
box, a contact block or a banner repeats word for word on most pages of a site, while a story's
paragraphs appear on one page (or on a few: the article, its listing and the home page). The
first pass over a crawl, :func:`learn_templates`, counts on how many pages of each site every
block's normalised text occurs; the extractor then drops blocks seen on at least
``max(min_pages, min_share * pages of the site)`` pages. The end parts of each page's
``<title>`` are counted the same way: one that ends that many titles is the site's name.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from indexer.errors import ExtractionError
from indexer.extract.boilerplate import collect_blocks, parse_html, strip_scripts
from indexer.extract.encoding import decode_page
from indexer.extract.html_tree import text_of
from indexer.extract.titles import title_end_hash, title_ends
from indexer.extract.universities import normalise_host
from indexer.models import RawPage

logger = logging.getLogger(__name__)

_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_block(text: str) -> str:
    """Case-, space-, punctuation- and number-insensitive form of a block ("Views: 12")."""
    return _NON_WORD.sub(" ", _DIGITS.sub("0", text.lower())).strip()


def block_hash(text: str) -> int:
    """A stable 64-bit hash of a block's normalised text (same in every process)."""
    return _block_key(text)[1]


#: Block texts whose hash is remembered: most blocks of a site's pages are its
#: template's, met again on every page (84 % of 43,329 blocks of 730 pages).
BLOCK_CACHE = 32_768


@functools.lru_cache(maxsize=BLOCK_CACHE)
def _block_key(text: str) -> tuple[bool, int]:
    """Whether a block has any text once normalised, and its :func:`block_hash`."""
    normal = normalise_block(text)
    return bool(normal), _normalised_hash(normal)


def _normalised_hash(normal: str) -> int:
    digest = hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def site_of(url: str) -> str:
    """The site key of a URL: its host without "www."."""
    return normalise_host(urlsplit(url).hostname or "")


@dataclass(frozen=True)
class TemplateModel:
    """Per-site counts of recurring blocks, learnt from one crawl. Picklable.

    Attributes:
        blocks: site -> block hash -> number of pages of that site holding the block (only
            blocks seen on at least ``min_pages`` pages are kept).
        pages: site -> number of pages seen.
        min_pages: A block is template only if it occurs on at least this many pages.
        min_share: ...and on at least this share of the site's pages.
    """

    blocks: dict[str, dict[int, int]] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    min_pages: int = 4
    min_share: float = 0.25

    def threshold(self, site: str) -> float:
        """How many pages of ``site`` must hold a block for it to count as template."""
        return max(self.min_pages, self.min_share * self.pages.get(site, 0))

    def is_template(self, site: str, text: str) -> bool:
        """True when the block ``text`` recurs on enough pages of ``site``."""
        counts = self.blocks.get(site)
        if not counts:
            return False
        some, key = _block_key(text)
        return some and counts.get(key, 0) >= self.threshold(site)

    def is_title_end(self, site: str, part: str) -> bool:
        """True when ``part`` starts or ends the ``<title>`` of enough pages of ``site``."""
        counts = self.blocks.get(site)
        if not counts:
            return False
        return counts.get(title_end_hash(part), 0) >= self.threshold(site)

    def template_count(self, site: str) -> int:
        """How many distinct template blocks the model holds for ``site``."""
        limit = self.threshold(site)
        return sum(n >= limit for n in self.blocks.get(site, {}).values())

    def holds(self, site: str, block: int) -> bool:
        """The answer of :meth:`is_template` and :meth:`is_title_end` for a hash of ``site``."""
        counts = self.blocks.get(site)
        if not counts:
            return False
        return counts.get(block, 0) >= self.threshold(site)

    def agrees(self, site: str, asked: Mapping[int, bool]) -> bool:
        """True when this model answers every question in ``asked`` as recorded.

        An extraction depends on the model only through those answers, so an
        extraction of the same bytes under a model that agrees gives the same result.
        """
        return all(self.holds(site, block) is answer for block, answer in asked.items())


@dataclass(frozen=True)
class AskedModel(TemplateModel):
    """A :class:`TemplateModel` that notes each hash it is asked about, and its answer.

    ``asked`` holds the questions since the last :meth:`take`: what an update
    needs to know whether another model would extract a page the same way.
    """

    asked: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, model: TemplateModel) -> AskedModel:
        """The same model (its tables shared, not copied), recording its questions."""
        return cls(model.blocks, model.pages, model.min_pages, model.min_share)

    def is_template(self, site: str, text: str) -> bool:
        """As :meth:`TemplateModel.is_template`, noting the question."""
        some, key = _block_key(text)
        if not some:  # answered without the model: not a question
            return False
        return self._ask(site, key)

    def is_title_end(self, site: str, part: str) -> bool:
        """As :meth:`TemplateModel.is_title_end`, noting the question."""
        return self._ask(site, title_end_hash(part))

    def take(self) -> dict[int, bool]:
        """The questions asked since the last call, and their answers."""
        asked = dict(self.asked)
        self.asked.clear()
        return asked

    def _ask(self, site: str, block: int) -> bool:
        answer = self.holds(site, block)
        self.asked[block] = answer
        return answer


def page_block_hashes(page: RawPage) -> set[int]:
    """The hashes of every text block of a page (the whole body, before any cleaning), and of
    the end parts of its ``<title>`` (:func:`indexer.extract.titles.title_end_hash`)."""
    root = parse_html(decode_page(page))
    head = root.find(".//title")
    ends = title_ends(text_of(head)) if head is not None else set()
    strip_scripts(root)
    body = root.find(".//body")
    hashes = {block_hash(b.text) for b in collect_blocks(body if body is not None else root)}
    return hashes | {title_end_hash(end) for end in ends}


def learn_templates(
    pages: Iterable[RawPage], *, min_pages: int = 4, min_share: float = 0.25
) -> TemplateModel:
    """Learn which blocks are template on each site of a crawl.

    Args:
        pages: Every page of the crawl (one pass; unreadable pages are skipped).
        min_pages: Minimum number of pages a template block occurs on.
        min_share: Minimum share of a site's pages a template block occurs on.

    Returns:
        The model to pass to :func:`indexer.extract.extract`.
    """
    return model_from_hashes((site_hashes(page) for page in pages), min_pages=min_pages,
                             min_share=min_share)


def site_hashes(page: RawPage) -> tuple[str, set[int]] | None:
    """(site, block hashes) of a page, or None when it cannot be parsed (picklable)."""
    try:
        return site_of(page.url), page_block_hashes(page)
    except ExtractionError as exc:
        logger.debug("templates: skipping %s: %s", page.origin or page.url, exc)
        return None


def model_from_hashes(
    items: Iterable[tuple[str, set[int]] | None], *, min_pages: int = 4, min_share: float = 0.25
) -> TemplateModel:
    """Count block hashes per site (from :func:`site_hashes`) into a template model."""
    counts: dict[str, Counter[int]] = {}
    totals: Counter[str] = Counter()
    for item in items:
        if item is None:
            continue
        site, hashes = item
        totals[site] += 1
        counts.setdefault(site, Counter()).update(hashes)
    blocks = {
        site: {h: n for h, n in counter.items() if n >= min_pages}
        for site, counter in counts.items()
    }
    model = TemplateModel(blocks, dict(totals), min_pages, min_share)
    for site in blocks:
        logger.info("templates: %s: %d pages, %d template blocks", site, totals[site],
                    model.template_count(site))
    return model


def union_templates(saved: TemplateModel, fresh: TemplateModel) -> TemplateModel:
    """A model that calls a block template when either model does.

    Used by incremental updates: ``saved`` was learnt on the whole previous
    crawl, ``fresh`` on the pages that changed since (a new banner on every
    page changes every page, so ``fresh`` then sees it everywhere).
    """
    floor = min(saved.min_pages, fresh.min_pages)
    blocks: dict[str, dict[int, int]] = {}
    for model in (saved, fresh):
        for site, counts in model.blocks.items():
            limit = model.threshold(site)
            chosen = blocks.setdefault(site, {})
            chosen.update({h: floor for h, n in counts.items() if n >= limit})
    # pages = 0 makes every site's threshold the floor, which each kept block meets.
    return TemplateModel(blocks, dict.fromkeys(blocks, 0), floor, saved.min_share)


TEMPLATES_FILE = "templates.pickle"


def save_templates(folder: Path, model: TemplateModel) -> None:
    """Keep the model with a generation (a new file: generations share files by hard link)."""
    tmp = folder / f".{TEMPLATES_FILE}.tmp"
    tmp.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, folder / TEMPLATES_FILE)


def load_templates(folder: Path) -> TemplateModel | None:
    """The model saved with a generation, or None (older generations have none)."""
    try:
        model = pickle.loads((folder / TEMPLATES_FILE).read_bytes())
    except (FileNotFoundError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return model if isinstance(model, TemplateModel) else None
