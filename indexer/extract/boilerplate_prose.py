"""Where the prose is: paragraph scores that protect the story from name-based removal.

Class names lie ("content-nav-section" holds an article, "has-sidebar" wraps a whole page);
prose does not. A paragraph of at least 60 characters with few links is prose; the element
that collects most of it is the story's home (:func:`prose_anchor`), and an element holding a
good share of it is not a menu (:func:`holds_prose`).
"""

from __future__ import annotations

import re

from indexer.extract.html_tree import HtmlElement, text_of

_PROSE_MIN = 60
PROSE_PROTECT_CHARS = 400
PROSE_PROTECT_SHARE = 0.25
# Boxes whose paragraphs are prose but never the article: comments, teasers of other stories.
_PROSE_BOX_NAME = re.compile(
    r"comment|disqus|repl(?:y|ies)|respond|related|recommend|popular|latest|more-|read-?next|"
    r"sidebar|widget|teaser|promo|newsletter|subscribe|author|bio\b",
    re.IGNORECASE,
)


def _names(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def paragraph_prose(root: HtmlElement) -> dict[HtmlElement, int]:
    """Paragraphs of at least 60 characters with few links -> their length (spaces not counted)."""
    prose: dict[HtmlElement, int] = {}
    for para in root.iter("p", "pre", "blockquote"):
        text = text_of(para)
        length = len(text) - text.count(" ")
        if length < _PROSE_MIN:
            continue
        links = sum(len(text_of(a)) for a in para.iter("a"))
        if links <= 0.3 * length:
            prose[para] = length
    return prose


def prose_anchor(prose: dict[HtmlElement, int]) -> HtmlElement | None:
    """The element that holds the most prose (None on a page without paragraphs).

    Readability-style: every prose paragraph adds its length to its parent and half of it to
    its grandparent. The winner is where the main text sits, whatever its class names say
    ("content-nav-section" holds an article).
    """
    scores: dict[HtmlElement, float] = {}
    for para, length in prose.items():
        parent = para.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    return max(scores, key=scores.__getitem__) if scores else None


def holds_prose(el: HtmlElement, prose: dict[HtmlElement, int], total: int) -> bool:
    """True when an element holds a good part of the page's prose (a menu or footer does not).

    Comment threads and teasers of other stories are prose too, but never the article: their
    names are not excused.
    """
    if not total or _PROSE_BOX_NAME.search(_names(el)):
        return False
    own = sum(prose.get(para, 0) for para in el.iter("p", "pre", "blockquote"))
    return own >= PROSE_PROTECT_CHARS and own >= PROSE_PROTECT_SHARE * total
