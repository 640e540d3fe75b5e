"""lxml trees of HTML pages: parsing and the few element helpers the extractor needs.

Plain ``lxml.etree`` elements, not ``lxml.html`` ones: ``lxml.html`` looks up a Python class
for every element touched, which cost a fifth of the extraction time. :func:`text_of` and
:func:`drop_tree` stand in for its ``text_content`` and ``drop_tree``.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from lxml import etree

from indexer.errors import ExtractionError

HtmlElement: TypeAlias = etree._Element  # noqa: SLF001 - the element type of lxml trees
# huge_tree lifts libxml2's nesting limit from 256 to 2048 levels; pages are at most
# 20 MB (sources.MAX_PAGE_BYTES), so memory stays bounded.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SCRIPT_TAGS = ("script", "style", "noscript", "template")


def parse_html(text: str) -> HtmlElement:
    """Parse a decoded page into an lxml tree.

    Raises:
        ExtractionError: The text holds no markup lxml can build a document from.
    """
    text = _XML_DECL.sub("", text, count=1)
    try:
        # not text.isspace(): the test of text.strip(), without copying the page
        root = etree.fromstring(text, _PARSER) if text and not text.isspace() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"unparsable HTML: {exc}") from exc
    if root is None:
        raise ExtractionError("unparsable HTML: document is empty")
    if any("Excessive depth" in entry.message for entry in _PARSER.error_log):
        # libxml2 drops everything below its depth limit: refuse rather than index a torso.
        raise ExtractionError("tags nested too deep (libxml2's depth limit); the rest of the "
                              "page would be lost")
    return root


def text_of(el: HtmlElement) -> str:
    """All text inside an element (its tail excluded), like ``lxml.html``'s text_content."""
    if not len(el):
        # No child node (element, entity...): the text is its own. Half of the elements
        # asked are such leaves (links, paragraphs), and the serializer costs ten times more.
        return el.text or ""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def drop_tree(el: HtmlElement) -> None:
    """Remove an element and its subtree, keeping its tail text in the tree."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


META_ATTRS = ("property", "name", "itemprop")


MetaIndex = dict[tuple[str, str], list[HtmlElement]]


def meta_index(root: HtmlElement) -> MetaIndex:
    """The ``<meta>`` elements below ``root`` by (attribute, value) for :data:`META_ATTRS`, in
    document order: one pass instead of an ElementPath search per key and attribute."""
    index: MetaIndex = {}
    for el in root.iterdescendants("meta"):
        for attr in META_ATTRS:
            value = el.get(attr)
            if value is not None:
                index.setdefault((attr, value), []).append(el)
    return index


def squash(text: str) -> str:
    """Whitespace runs collapsed to one space, ends stripped (``re.sub(r"\\s+", " ")``
    then ``strip()``, without the regex: ``str.split`` splits on the same characters)."""
    return " ".join(text.split())


def strip_scripts(root: HtmlElement) -> None:
    """Remove scripts, styles and comments (they never hold visible text), in place."""
    # iter() with tag arguments filters in C: comments, PIs, entities and the script tags.
    doomed = list(root.iter(etree.Comment, etree.PI, etree.Entity, *_SCRIPT_TAGS))
    for el in doomed:
        drop_tree(el)


def text_len(el: HtmlElement) -> int:
    """Characters of text, whitespace not counted (cheap: no regex over the subtree)."""
    return squeezed_len(text_of(el))


def squeezed_len(text: str) -> int:
    """Characters of ``text``, whitespace not counted."""
    return len("".join(text.split()))


def attached(el: HtmlElement, root: HtmlElement) -> bool:
    """False once an ancestor was removed (its subtree no longer hangs from root)."""
    ancestors = list(el.iterancestors())
    return el is not root and bool(ancestors) and ancestors[-1] is root
