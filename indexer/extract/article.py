"""RawPage -> Article: decode, parse, metadata, date, main text, language, university.

The stages live in their own modules of :mod:`indexer.extract` (``encoding``, ``metadata``,
``dates``, ``boilerplate``, ``templates``, ``universities``, ``pagetype``); this module
chains them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import partial

from indexer.errors import ExtractionError
from indexer.extract.boilerplate import Block, HtmlElement, main_blocks, parse_html, strip_scripts
from indexer.extract.boilerplate_lines import HEADINGS
from indexer.extract.dates import parse_date, structured_date, text_date
from indexer.extract.encoding import decode_page
from indexer.extract.html_tree import meta_index
from indexer.extract.metadata import find_alternates, find_canonical
from indexer.extract.pagetype import count_teasers, skip_reason
from indexer.extract.templates import TemplateModel, site_of
from indexer.extract.titles import find_title
from indexer.extract.universities import university_id
from indexer.models import Article, RawPage
from indexer.text.language import detect_language
from indexer.text.similarity import text_words

logger = logging.getLogger(__name__)

_WORDS = re.compile(r"\w+", re.UNICODE)


def fingerprint(text: str) -> str:
    """sha1 of the case-, space- and punctuation-insensitive text: its lower-cased words
    joined by single spaces (what ``\\W+`` -> " " then ``strip()`` gives, without a second
    regex pass: the SimHash of the same text reads the same words)."""
    normal = " ".join(text_words(text))
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def _is_date_line(text: str) -> bool:
    return len(text) <= 60 and parse_date(text) is not None and len(_WORDS.findall(text)) <= 8


# The last separator of a breadcrumb trail before the page title ("Home / News / Title").
_TRAIL_END = re.compile(r"[/>»›→|:·•]\s*$")
_DASH_END = re.compile(r"\s[-–—]\s*$")
_SEPARATOR = re.compile(r"\s[-–—/>»›→|·•]\s")


def _is_trail(block: Block, prefix: str) -> bool:
    """True when ``prefix``, the text before the title in ``block``, reads as a trail: short
    and ending with a separator, or made of links ("ALMATY. 13 May. Press center - <title>"
    is the story's lead, not a trail)."""
    if len(prefix) >= 80:
        return False
    if _TRAIL_END.search(prefix) or block.link_density > 0.3:
        return True
    # "Home - News - <title>": a dash ends a trail only after another separator
    return bool(_DASH_END.search(prefix)) and len(_SEPARATOR.findall(prefix)) >= 2


def _body_blocks(
    root: HtmlElement, title: str, site: str, templates: TemplateModel | None
) -> list[Block]:
    blocks = main_blocks(root)
    title_key = title.lower()
    kept = []
    for block in blocks:
        key = block.text.lower()
        if _is_date_line(block.text) or (key == title_key and block.tag in HEADINGS):
            continue
        if title_key and key != title_key and key.endswith(title_key) and _is_trail(
            block, key[: len(key) - len(title_key)]
        ):
            continue  # a breadcrumb trail ending with the page title
        if templates is not None and templates.is_template(site, block.text):
            continue
        kept.append(block)
    return kept


def _decode_and_parse(page: RawPage) -> HtmlElement:
    try:
        return parse_html(decode_page(page))
    except ExtractionError as exc:
        message = str(exc)
        if page.url and not message.startswith(page.url):
            message = f"{page.url}: {message}"
        raise ExtractionError(message) from exc


def extract_text(page: RawPage) -> str:
    """Only the clean main text of a page (what the extraction benchmark scores)."""
    root = _decode_and_parse(page)
    strip_scripts(root)
    return "\n\n".join(b.text for b in main_blocks(root))


def extract(page: RawPage, templates: TemplateModel | None = None) -> Article:
    """Turn one crawled page into an :class:`~indexer.models.Article`.

    Args:
        page: The raw page.
        templates: Crawl-level template model from
            :func:`indexer.extract.templates.learn_templates`; its recurring blocks are
            removed from the text.

    Returns:
        The article; ``is_article`` is False, and ``skip_reason`` says why, for listings,
        service pages and pages with too little text (:mod:`indexer.extract.pagetype`).

    Raises:
        ExtractionError: The page is empty, binary, undecodable, or has no text at all
            (e.g. truncated before its content).
    """
    root = _decode_and_parse(page)
    metas = meta_index(root)
    url = find_canonical(root, page.url, metas)
    site = site_of(page.url)
    learnt = partial(templates.is_title_end, site) if templates is not None else None
    title = find_title(root, metas, page.url, learnt)
    alternates = find_alternates(root, page.url)
    page_date = structured_date(root, page.url, metas)
    strip_scripts(root)
    teasers = count_teasers(root, page.url)
    if page_date is None and title:
        page_date = text_date(root, title)
    blocks = _body_blocks(root, title, site, templates)
    text = "\n\n".join(b.text for b in blocks)
    if not text and not title:
        raise ExtractionError(f"{page.url}: no text content (empty or truncated page)")
    if not text and not page.body.rstrip().lower().endswith(b"</html>"):
        raise ExtractionError(f"{page.url}: truncated page without content")
    lang = detect_language(text or title)
    reason = skip_reason(page.url, blocks, teasers)
    return Article(
        url=url,
        title=title,
        text=text,
        date=page_date,
        lang=lang,
        university=university_id(site),
        site=site,
        alternates={k: v for k, v in alternates.items() if k != lang},
        is_article=not reason,
        skip_reason=reason,
        fingerprint=fingerprint(text),
    )
