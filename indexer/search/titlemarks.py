"""Titles with the query's words marked, like the snippets (``<mark>``, HTML-escaped)."""

from __future__ import annotations

from markupsafe import Markup, escape
from whoosh.searching import Hit

from indexer.index.schema import body_field
from indexer.search.snippets import matched_spans, query_words


def marked_title(hit: Hit, title: str, lang: str) -> str:
    """``title`` as safe HTML with the words the query matched in ``<mark>``.

    A title word is marked when the field analyzer (the article's language,
    then the exact and cross-script fields) turns it into one of the query's
    terms, so *университеттің* is marked for the query *университет*. Words are
    analysed once per process, as for the snippets.
    """
    schema = hit.searcher.schema
    for name in (body_field(lang), "exact", "fold"):
        if name not in schema:
            continue
        words = query_words(hit.results, name)
        if not words:
            continue
        spans = matched_spans(title, name, words)
        if spans:
            return _mark(title, spans)
    return str(escape(title))


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in sorted(set(spans)):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        at = end
    out.append(escape(text[at:]))
    return str(Markup("").join(out))
