"""Calls to action on story pages: the small promotion or sign-up boxes that end with a
button or an action link ("Premium Investing Services / Invest better with us... / [View
Premium Services]", "Want to keep up? The free weekly ... Subscribe here.").

:func:`drop_calls_to_action` runs inside :func:`indexer.extract.boilerplate.clean_tree`, on story
pages only (:func:`is_story`): service and listing pages are built of cards that end with
"Learn more", and there the cards are the content.
"""

from __future__ import annotations

import re

from indexer.extract.boilerplate_lines import is_call_to_action
from indexer.extract.html_tree import HtmlElement, attached, drop_tree, squash, text_len, text_of

CTA_BOX_CHARS = 300
CTA_BUTTON_CHARS = 40
CTA_BOX_PROSE_SHARE = 0.5
_BUTTON_NAME = re.compile(r"(?:^|[\s_-])(?:btn|button|cta)(?:$|[\s_-])")
_WORD_CHAR = re.compile(r"\w")
_BOX_STOP = frozenset(("html", "body", "main", "article"))


def drop_calls_to_action(
    root: HtmlElement,
    tag: str,
    holders: frozenset[HtmlElement],
    prose: dict[HtmlElement, int],
    prose_total: int,
) -> None:
    """Remove the small boxes that end with a ``tag`` element (``a`` or ``button``) that is a
    call to action (a promotion, a sign-up pitch). :func:`~indexer.extract.boilerplate.clean_tree`
    calls it on story pages only (:func:`is_story`): buttons before forms are dropped, links
    after menus are.

    A call to action is a link or button whose text asks the reader to act ("Subscribe
    here", "Get started", see :func:`~indexer.extract.boilerplate_lines.is_call_to_action`) or a
    short link styled as a button (``class="btn"``, ``role="button"``). The box is the largest
    ancestor of at most 300 characters that ends with it: "Premium Investing Services /
    Invest better with us... / [View Premium Services]". Such a box survives when it holds
    the story's prose (a one-paragraph news item ending with "Learn more"), or when its
    siblings end with the same button (the cards of a listing, each with "Read more").
    Service and listing pages are left alone: there, cards that end with "Learn more" are
    the content. The button itself is left to the block rules: as a bad block it marks
    the end of the story for :func:`~indexer.extract.boilerplate_lines.in_context`.
    """
    doomed = []
    for el in root.iter(tag):
        if not _nothing_after(el):
            continue  # a link inside a sentence, not the end of a box
        text = squash(text_of(el))
        if not (_is_button(el, text) or _is_action_link(text)):
            continue
        box = _cta_box(el, text, holders)
        if box is not el and not _repeated(box, text) and (
            sum(prose.get(p, 0) for p in box.iter("p")) <= CTA_BOX_PROSE_SHARE * prose_total
        ):
            doomed.append(box)
    for el in doomed:
        if attached(el, root):
            drop_tree(el)


STORY_PROSE_CHARS = 1000
STORY_ANCHOR_SHARE = 0.5


def is_story(
    anchor: HtmlElement | None, prose: dict[HtmlElement, int], prose_total: int
) -> bool:
    """True when the prose anchor holds most of a page's prose: an article, not a service
    page or a grid whose cards (title, text, "Learn more") are the content."""
    if anchor is None or prose_total < STORY_PROSE_CHARS:
        return False
    own = sum(prose.get(p, 0) for p in anchor.iter("p", "pre", "blockquote"))
    return own >= STORY_ANCHOR_SHARE * prose_total


def _is_action_link(text: str) -> bool:
    """True for a short link text that asks the reader to act ("Subscribe here")."""
    return len(text) <= CTA_BUTTON_CHARS and is_call_to_action(text)


def _is_button(el: HtmlElement, text: str) -> bool:
    """True for a short link or button that looks like a button (tag, role or class)."""
    if not text or len(text) > CTA_BUTTON_CHARS:
        return False
    return (
        el.tag == "button"
        or el.get("role") == "button"
        or bool(_BUTTON_NAME.search(el.get("class", "").lower()))
    )


def _cta_box(el: HtmlElement, text: str, holders: frozenset[HtmlElement]) -> HtmlElement:
    """The largest small ancestor of ``el`` whose text ends with ``el`` and that holds no
    second button of the same text (else ``el``)."""
    box, parent = el, el.getparent()
    key = text.lower()
    while (
        parent is not None
        and parent.tag not in _BOX_STOP
        and parent not in holders
        and text_len(parent) <= CTA_BOX_CHARS
        and _nothing_after(box)
        and _actions(parent, key) == 1
    ):
        box, parent = parent, parent.getparent()
    return box


def _actions(el: HtmlElement, key: str) -> int:
    """How many links or buttons inside ``el`` read ``key`` (lowercased)."""
    return sum(squash(text_of(b)).lower() == key for b in el.iter("a", "button"))


def _nothing_after(el: HtmlElement) -> bool:
    """True when no word follows ``el`` inside its parent (punctuation may)."""
    if el.tail and _WORD_CHAR.search(el.tail):
        return False
    return not any(_has_word(sib) for sib in el.itersiblings())


def _has_word(el: HtmlElement) -> bool:
    """True when ``el`` or its tail holds a word (stops at the first one: cheap)."""
    if el.tail and _WORD_CHAR.search(el.tail):
        return True
    return any(_WORD_CHAR.search(text) for text in el.itertext())


def _repeated(box: HtmlElement, text: str) -> bool:
    """True when a sibling of the same tag holds a link or button with the same text (the
    cards of a grid)."""
    key = text.lower()
    return any(
        sib.tag == box.tag and _actions(sib, key)
        for sib in (*box.itersiblings(preceding=True), *box.itersiblings())
    )
