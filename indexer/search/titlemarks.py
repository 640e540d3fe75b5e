"""Titles with the query's words marked, like the snippets (``<mark>``, HTML-escaped)."""

from __future__ import annotations

from markupsafe import Markup, escape
from whoosh.searching import Hit

from indexer.index.schema import body_field
from indexer.search.snippets import matched_spans


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
        words = _terms(hit, name)
        if not words:
            continue
        spans = matched_spans(title, name, words)
        if spans is None:
            spans = [(t.startchar, t.endchar)
                     for t in schema[name].analyzer(title, chars=True, mode="query")
                     if t.text in words]
        if spans:
            return _mark(title, spans)
    return str(escape(title))


def _terms(hit: Hit, fieldname: str) -> frozenset[str]:
    results = hit.results
    cache = results.__dict__.setdefault("_qazsearch_title_words", {})
    if fieldname not in cache:
        field = results.searcher.schema[fieldname]
        cache[fieldname] = frozenset(
            field.from_bytes(term[1])
            for term in results.query_terms(expand=True, fieldname=fieldname))
    return cache[fieldname]  # type: ignore[no-any-return]


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
