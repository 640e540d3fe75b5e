"""Best-passage snippets with the matches highlighted, HTML-escaped."""

from __future__ import annotations

from whoosh import highlight
from whoosh.searching import Hit

from indexer.schema import body_field

SNIPPET_CHARS = 240


class PassageScorer(highlight.BasicFragmentScorer):
    """Whoosh's passage score (matched boosts × distinct terms), made unique.

    Whoosh ranks passages with ``heapq.nlargest`` over ``(score, fragment)``
    pairs; on a tie it compares fragments, which cannot be ordered, and the
    highlight fails. A tiny bonus for earlier passages breaks every tie.
    """

    def __call__(self, fragment: highlight.Fragment) -> float:
        return float(super().__call__(fragment)) + 1.0 / (2 + fragment.startchar)


def configure(results) -> None:  # type: ignore[no-untyped-def]
    """Set the fragmenter and formatter on a Whoosh results object.

    The context fragmenter cuts fragments at token boundaries of the field's
    own tokenizer, so a Cyrillic word is never split.
    """
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = highlight.HtmlFormatter(tagname="mark", classname="hl", between=" … ")
    results.scorer = PassageScorer()


def snippet(hit: Hit, text: str, lang: str) -> str:
    """The best passages of ``text`` for the hit's query, as safe HTML.

    Tries the article's own language field (stemmed matches), then the
    exact (phrase) field, then the cross-script field; falls back to the
    article's opening.
    """
    schema = hit.searcher.schema
    for name in (body_field(lang), "exact", "fold"):
        if name not in schema:
            continue
        try:
            found = hit.highlights(name, text=text, top=2)
        except Exception:  # noqa: BLE001 - a highlighting failure must not lose the hit
            found = ""
        if found:
            return found
    return highlight.htmlescape(opening(text))


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit] + " …"
