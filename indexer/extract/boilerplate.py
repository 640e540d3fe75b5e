"""Page-level boilerplate removal: from an lxml tree to the blocks of the main content.

The method, in three steps (see docs/extraction.md for the measurements behind it):

1. :func:`clean_tree` drops what is never content: scripts, forms controls, hidden
   elements, ``nav``/``aside``/``footer``/``header`` and elements whose class, id or role
   names a menu, footer, breadcrumb, share box, cookie notice, sidebar, tag list...
2. :func:`find_main` picks the content root: ``itemprop=articleBody``, a single
   ``<article>``, ``<main>``, a content-like container, else ``<body>``.
3. :func:`collect_blocks` cuts the root into text blocks (one per block element) with their
   link density, and :func:`~indexer.extract.boilerplate_lines.filter_blocks` keeps the content
   blocks: line rules, link runs, duplicates, and short blocks judged by their neighbours.

Parsing lives in :mod:`indexer.extract.html_tree`, the prose scores that protect the story from
name-based removal in :mod:`indexer.extract.boilerplate_prose`, block-level rules in
:mod:`indexer.extract.boilerplate_lines`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator

from lxml import etree

from indexer.extract.boilerplate_cta import drop_calls_to_action, is_story
from indexer.extract.boilerplate_lines import Block, filter_blocks
from indexer.extract.boilerplate_prose import holds_prose, paragraph_prose, prose_anchor
from indexer.extract.html_tree import (
    HtmlElement,
    attached,
    drop_tree,
    parse_html,
    squash,
    squeezed_len,
    strip_scripts,
    text_len,
    text_of,
)

__all__ = [
    "Block", "HtmlElement", "clean_tree", "collect_blocks", "drop_tree", "filter_blocks",
    "find_main", "main_blocks", "parse_html", "strip_scripts", "text_of",
]

logger = logging.getLogger(__name__)

DROP_TAGS = frozenset(
    "script style noscript template svg iframe object embed canvas button select option "
    "input textarea label nav aside footer header menu dialog form map area video audio "
    "source picture img link meta head title".split()
)
BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 td th tr table blockquote pre dd dt dl section "
    "article main figure figcaption address center br hr form fieldset details summary".split()
)
_SOFT_TAGS = frozenset(("header", "footer", "aside", "nav", "form"))
PROTECT_SHARE = 0.4
_BOILER_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|menubar|submenu|megamenu|mega-menu|"
    r"footer|breadcrumbs?|crumbs|share|sharing|sharethis|social|socials|social-links|"
    r"cookie|cookies|consent|gdpr|sidebar|side-bar|related|recommended|"
    r"popular|newsletter|subscribe|subscription|signup|login|modal|popup|advert|ads|"
    r"sponsor|sponsored|promo|premium|donate|donation|"
    r"outbrain|taboola|comments?|pagination|pager|tags|tag-list|taglist|tagcloud|skip-link|"
    r"search-form|searchform|toolbar|lang-switch|language-switcher|langs|lang-menu|"
    r"byline|post-meta|entry-meta|article-meta|meta-info|view-count|counter|rating|"
    r"sr-only|visually-hidden|screen-reader-text|print-link|contacts?|contacts?-block|"
    r"latest-news|last-news|news-sidebar|header|site-header|topbar|top-bar|"
    r"w-form-done|w-form-fail|form-success|form-error|success-message|error-message)"
    r"(?:$|[\s_-])"
)
_BOILER_ROLES = frozenset("navigation banner contentinfo complementary search menu menubar".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_CONTENT_NAME = re.compile(
    r"(?:^|[\s_-])(?:article-body|articlebody|article-content|article__body|post-content|"
    r"post-body|entry-content|story-body|news-body|news-text|news-detail|news_detail|"
    r"content-body|field-body|field--name-body|text-content|main-content|page-content|"
    r"detail-text|content|single-content)(?:$|[\s_-])"
)

# The elements that mark the main content, found in one pass over the tree. Selecting the
# attributes and then their elements takes libxml2 half the time of testing every element
# (descendant::*[@itemprop=...]); ".//" also yields the context element, dropped below.
_MAIN_MARKS_XPATH = etree.XPath(".//@itemprop[.='articleBody']/.. | .//@role[.='main']/..")


def _main_marks(el: HtmlElement) -> list[HtmlElement]:
    """The ``itemprop=articleBody`` and ``role=main`` elements below ``el``, in document order."""
    return [mark for mark in _MAIN_MARKS_XPATH(el) if mark is not el]
# Headings that open a boilerplate box: the box goes with its heading.
_BOX_HEADING = re.compile(
    r"^(?:related|recommended|trending|popular|latest|recent|more|read more|see also|"
    r"you (?:may|might) also|also read|subscribe|sign up|newsletter|share|follow us|"
    r"tags?|categories|contact us|get in touch|services|useful links|quick links|"
    r"what our (?:customers|clients)|testimonials|table of contents|"
    r"қызметтер|сервисы|услуги|соңғы жаңалықтар|последние новости|похожие|читайте также|"
    r"тағы оқыңыз|бөлісу|поделиться|тегтер|теги|байланыс|контакты|пайдалы сілтемелер|"
    r"полезные ссылки|популярное|танымал)\b",
    re.IGNORECASE,
)
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
# In-page jump links ("Jump to Recipe", "JUMP TO THE LIST ⤵", "Back to top", "Перейти к
# содержанию"): navigation inside the page, also when they open a paragraph.
_JUMP_TEXT = re.compile(
    r"^(?:(?:jump|skip|scroll|go|back) (?:to|down to|up to)\b|перейти к\b|наверх\b|"
    r"вернуться к\b)",
    re.IGNORECASE,
)
JUMP_LINK_CHARS = 40


_STREAMED_SEGMENT = re.compile(r"^[A-Z]:\d+$")


def _names(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


@functools.lru_cache(maxsize=1 << 15)
def _boiler_class(names: str) -> bool:
    """:data:`_BOILER_NAME` on a class attribute (cached: class names recur on a page and
    across a site; ids are unique, so they are not cached)."""
    return bool(_BOILER_NAME.search(names.lower()))


@functools.lru_cache(maxsize=4096)
def _content_named(names: str) -> bool:
    """:data:`_CONTENT_NAME` on a class + id string (cached like :func:`_boiler_class`)."""
    return bool(_CONTENT_NAME.search(names))


def _is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        # React streaming rendering parks the page's content in <div hidden id="S:0"> and
        # reveals it by script: that is content, not a hidden widget.
        return not _STREAMED_SEGMENT.match(el.get("id", ""))
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style.lower()))


def _protected(el: HtmlElement, total: int, holders: frozenset[HtmlElement] = frozenset()) -> bool:
    """True for elements that must survive even when their names look like boilerplate."""
    if el.tag in ("html", "body", "main", "article") or el.get("itemprop") == "articleBody":
        return True
    if el in holders:
        return True
    if total <= 0:
        return False
    text = text_of(el)
    # the raw length bounds the length without spaces: most elements end here, unsplit
    return len(text) > PROTECT_SHARE * total and squeezed_len(text) > PROTECT_SHARE * total


def _content_holders(
    root: HtmlElement, marks: list[HtmlElement], anchor: HtmlElement | None
) -> frozenset[HtmlElement]:
    """``<main>``, ``itemprop=articleBody``, the prose anchor and their ancestors: kept."""
    found = [*root.iter("main"), *(el for el in marks if _is_article_body(el))]
    if anchor is not None:
        found.append(anchor)
    return frozenset(a for el in found for a in (el, *el.iterancestors()))


def _is_article_body(el: HtmlElement) -> bool:
    return el.get("itemprop") == "articleBody"


def clean_tree(root: HtmlElement) -> None:
    """Remove the elements that are never main content, in place.

    An element chosen only by its name, role or hidden flag survives when it holds a large
    share of the page's text or of its prose paragraphs, or holds the prose anchor: themes
    name whole-page wrappers "site-header-sticky" or "has-sidebar", and article sections
    "content-nav-section"; such an element is the content, not a menu.
    """
    _clean(root)


def _clean(root: HtmlElement) -> list[HtmlElement]:
    """:func:`clean_tree`; returns the ``itemprop=articleBody`` / ``role=main`` elements of the
    tree before cleaning, for :func:`find_main` (one search instead of two)."""
    marks = _main_marks(root)
    body = root.find(".//body")
    total = text_len(body if body is not None else root)
    prose = paragraph_prose(root)
    prose_total = sum(prose.values())
    anchor = prose_anchor(prose)
    holders = _content_holders(root, marks, anchor)
    story = is_story(anchor, prose, prose_total)
    if story:  # buttons first: the pass below drops them with the forms
        drop_calls_to_action(root, "button", holders, prose, prose_total)
    doomed = []
    walker = etree.iterwalk(root, events=("start",))  # elements only, depth first
    next(walker)  # the root itself stays
    for _, el in walker:
        if _doomed(el, total, holders, prose, prose_total):
            doomed.append(el)
            walker.skip_subtree()  # not entering subtrees already doomed
    for el in doomed:
        drop_tree(el)
    if story:  # links after the menus have gone: far fewer of them
        drop_calls_to_action(root, "a", holders, prose, prose_total)
    _drop_boxes(root, total)
    return marks


def _doomed(
    el: HtmlElement,
    total: int,
    holders: frozenset[HtmlElement],
    prose: dict[HtmlElement, int],
    prose_total: int,
) -> bool:
    """True for an element that is never main content (see :func:`clean_tree`)."""
    tag = el.tag
    if tag in DROP_TAGS:
        return not (tag in _SOFT_TAGS and _protected(el, total, holders))
    if tag == "a" and _is_jump_link(el):
        return True
    if not _flagged(el):
        return False
    return not _protected(el, total, holders) and not holds_prose(el, prose, prose_total)


def _flagged(el: HtmlElement) -> bool:
    """True for an element hidden, with a boilerplate role or a boilerplate class/id name
    (:func:`_is_hidden`, :data:`_BOILER_ROLES`, :data:`_BOILER_NAME`), read with as few
    attribute look-ups as possible: the walk asks it of every element."""
    # class and id are tested apart: no name of _BOILER_NAME holds a space, so it matches
    # "class id" exactly when it matches the class or the id.
    get = el.get
    cls = get("class")
    if cls and _boiler_class(cls):
        return True
    ident = get("id")
    if ident and _BOILER_NAME.search(ident.lower()):
        return True
    return get("role") in _BOILER_ROLES or _is_hidden(el)


def _is_jump_link(el: HtmlElement) -> bool:
    """True for a link to a place in the same page (``href="#..."``) whose text says so:
    "Jump to Recipe", "Skip to content", "Back to top" (:data:`_JUMP_TEXT`)."""
    href = el.get("href")
    if not href or href[0] != "#":
        return False
    text = squash(text_of(el))
    return len(text) <= JUMP_LINK_CHARS and bool(_JUMP_TEXT.match(text))


def _drop_boxes(root: HtmlElement, total: int) -> None:
    """Remove boxes opened by a boilerplate heading ("Related news", "Қызметтер")."""
    doomed = []
    for heading in root.iter(*_HEADING_TAGS):
        text = squash(text_of(heading))
        if not text or len(text) > 60 or not _BOX_HEADING.match(text):
            continue
        parent = heading.getparent()
        if _opens(parent, heading) and not _protected(parent, total):
            doomed.append(parent)
        else:
            doomed.append(heading)
    for el in doomed:
        if attached(el, root):
            drop_tree(el)


def _opens(parent: HtmlElement | None, heading: HtmlElement) -> bool:
    """True when ``heading`` is the first thing in ``parent`` (a box with a title)."""
    if parent is None or parent.tag in ("body", "main", "article"):
        return False
    return parent.index(heading) == 0 and not (parent.text or "").strip()


MAIN_MIN_CHARS = 200


def find_main(root: HtmlElement, marks: list[HtmlElement] | None = None) -> HtmlElement:
    """Return the element that holds the main content (``<body>`` when nothing better).

    Candidates in order: ``itemprop=articleBody``, a single ``<article>``, ``<main>``,
    ``role=main``, a div/section/td named like content; the first that holds at least 200
    characters and its share of the body's text wins. ``marks`` are the
    ``itemprop=articleBody`` / ``role=main`` elements found before cleaning (those still in
    the body count); None searches the tree.
    """
    body = root.find(".//body")
    if body is None:
        body = root
    if marks is None:
        marks = _main_marks(body)
    else:
        marks = [el for el in marks if any(a is body for a in el.iterancestors())]
    total = 0
    for el, share in _main_candidates(body, marks):
        text = text_of(el)
        if len(text) < MAIN_MIN_CHARS:
            continue  # the raw length bounds the length without spaces
        total = total or text_len(body) or 1
        if len(text) < share * total:
            continue
        length = squeezed_len(text)
        if length >= MAIN_MIN_CHARS and length >= share * total:
            return el
    return body


def _main_candidates(
    body: HtmlElement, marks: list[HtmlElement]
) -> Iterator[tuple[HtmlElement, float]]:
    """(element, share of the body's text it must hold), best first, generated lazily."""
    for el in marks:
        if _is_article_body(el):
            yield el, 0.1
    articles = body.findall(".//article")
    if len(articles) == 1:
        yield articles[0], 0.2
    for el in body.iterfind(".//main"):
        yield el, 0.3
    for el in marks:
        if el.get("role") == "main":
            yield el, 0.3
    for el in body.iter("div", "section", "td"):
        if _content_named(_names(el)) and not _in_page_frame(el):
            yield el, 0.5


def _in_page_frame(el: HtmlElement) -> bool:
    """True inside a page footer/header/nav/aside that survived cleaning (it held much of the
    text): a "globalfooter-content" there is named like content but is not the story."""
    return any(a.tag in _SOFT_TAGS for a in el.iterancestors())


def collect_blocks(root: HtmlElement) -> list[Block]:
    """Cut an element into text blocks in document order."""
    blocks: list[Block] = []
    parts: list[str] = []  # the text pieces of the open block
    bare_parts: list[str] = []  # ... those outside links
    link_chars = links = in_link = 0
    tags: list[str] = [str(root.tag)]
    # One loop, no helper calls per event: it runs for every element of the main content.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag in BLOCK_TAGS:
                if parts:
                    _add_block(blocks, parts, bare_parts, tags[-1], link_chars, links)
                link_chars = links = 0
                tags.append(tag)
            elif tag == "a":
                in_link += 1
                links += 1
            text = el.text
        else:
            if tag in BLOCK_TAGS:
                if parts:
                    _add_block(blocks, parts, bare_parts, tags[-1], link_chars, links)
                link_chars = links = 0
                tags.pop()
            elif tag == "a":
                in_link -= 1
            if el is root:
                break  # the last event; the root's tail is not its content
            text = el.tail
        if text:
            parts.append(text)
            if in_link:
                link_chars += len(text.strip())
            else:
                bare_parts.append(text)
    if parts:
        _add_block(blocks, parts, bare_parts, tags[-1], link_chars, links)
    return blocks


def _add_block(
    blocks: list[Block],
    parts: list[str],
    bare_parts: list[str],
    tag: str,
    link_chars: int,
    links: int,
) -> None:
    """Close the open block: append it (when it has text) and empty ``parts``/``bare_parts``."""
    text = squash("".join(parts))
    if text:
        # no text inside links: the same parts (most blocks)
        bare = text if len(bare_parts) == len(parts) else squash("".join(bare_parts))
        blocks.append(Block(text, tag, min(link_chars, len(text)), links, bare))
    parts.clear()
    bare_parts.clear()


def main_blocks(root: HtmlElement) -> list[Block]:
    """Clean a parsed page and return the filtered blocks of its main content."""
    marks = _clean(root)
    return filter_blocks(collect_blocks(find_main(root, marks)))
