"""One news item in several languages: "Also in" links and related articles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from indexer.cache import LRUCache
from indexer.index.documents import article_id
from indexer.index.schema import LANGUAGES, body_field
from indexer.models import SearchHit, Version
from indexer.search.fast import columns, segment_value, segments_key, stored_fields, term_docnums
from indexer.search.ranking import Ranked
from indexer.search.records import alternates, to_hit

RELATED = 5
#: Articles of one site and day looked at when guessing a version nobody linked.
SAME_DAY_LIMIT = 20
_SITES = "_qazsearch_site_docs"
_DOCUMENTS = "_qazsearch_documents_key"
#: Answers of :func:`versions` kept per process.
VERSIONS_KEPT = 20_000
_VERSIONS = LRUCache(VERSIONS_KEPT, cost=lambda _versions: 1)


def versions(searcher: Searcher, fields: dict[str, Any],
             docnum: int | None = None) -> tuple[Version, ...]:
    """The other-language versions of the article with stored ``fields``.

    Given the article's ``docnum``, the answer is kept per process for the
    searcher's documents (segments and their live counts: Whoosh only ever adds
    deletions, so equal counts mean equal documents).

    Sources, best first: indexed articles of the same story (hreflang and
    language-switcher links, see :func:`indexer.index.documents.story_id`); the
    page's own alternate links to pages we have not indexed; and, on the same
    site and date, the one article in another language when it is the only
    candidate (sites that link nothing).
    """
    documents = _documents_key(searcher) if docnum is not None else None
    if documents is None:
        return _versions(searcher, fields)
    key = (documents, docnum)
    found = _VERSIONS.get(key)
    if found is None:
        found = _versions(searcher, fields)
        _VERSIONS.put(key, found)
    return found  # type: ignore[no-any-return]


def _documents_key(searcher: Searcher) -> tuple[Any, ...] | None:
    if _DOCUMENTS not in searcher.__dict__:
        key = segments_key(searcher.reader())
        if key is not None:
            live = tuple(leaf.doc_count() for leaf, _offset in searcher.leaf_searchers())
            key = (key, live)
        searcher.__dict__[_DOCUMENTS] = key
    return searcher.__dict__[_DOCUMENTS]  # type: ignore[no-any-return]


def _versions(searcher: Searcher, fields: dict[str, Any]) -> tuple[Version, ...]:
    own = fields.get("lang", "")
    found: dict[str, Version] = {}
    for docnum in term_docnums(searcher, "story", fields.get("story", "")).tolist():
        lang, url = _lang_url(searcher, docnum)
        if lang not in (own, "") and url != fields["url"]:
            found.setdefault(lang, Version(lang, url, article_id(url)))
    for lang, url in alternates(fields).items():
        if lang != own and lang in LANGUAGES:
            found.setdefault(lang, Version(lang, url, _indexed_id(searcher, url)))
    if not found:  # sites that link nothing: one search, only when nothing else is known
        for version in _same_day_same_site(searcher, fields):
            found.setdefault(version.lang, version)
    return tuple(found[lang] for lang in LANGUAGES if lang in found)


def _lang_url(searcher: Searcher, docnum: int) -> tuple[str, str]:
    """A document's language and URL from the columns (no stored text is loaded)."""
    table = columns(searcher)
    langs, urls = table.get("lang"), table.get("url")
    if langs is not None and urls is not None:
        return langs[docnum] or "", urls[docnum]
    stored = stored_fields(searcher, docnum)  # generations without a url column
    return stored.get("lang") or "", stored["url"]


def _indexed_id(searcher: Searcher, url: str) -> str:
    return article_id(url) if len(term_docnums(searcher, "url", url)) else ""


def _same_day_same_site(searcher: Searcher, fields: dict[str, Any]) -> list[Version]:
    when, site = fields.get("date"), fields.get("site")
    if not isinstance(when, datetime) or not site:
        return []
    by_lang: dict[str, list[str]] = {}
    for docnum in _published_with(searcher, site, when)[:SAME_DAY_LIMIT]:
        lang, url = _lang_url(searcher, int(docnum))
        by_lang.setdefault(lang, []).append(url)
    if len(by_lang.get(fields.get("lang", ""), [])) != 1:
        return []
    return [Version(lang, urls[0], article_id(urls[0])) for lang, urls in by_lang.items()
            if lang != fields.get("lang") and len(urls) == 1]


def _published_with(searcher: Searcher, site: str, when: datetime) -> np.ndarray:
    """Document numbers of the site's articles published at ``when``, ascending.

    The site's documents are found once per searcher (one posting list); the
    date is compared on the coded date column, so a hit costs two array tests.
    """
    dates = columns(searcher).coded("date")
    sites: dict[str, np.ndarray] = searcher.__dict__.setdefault(_SITES, {})
    if site not in sites:
        sites[site] = term_docnums(searcher, "site", site)
    docs = sites[site]
    if dates is None or when not in dates.index:
        same = query.And([query.Term("site", site), query.DateRange("date", when, when)])
        return np.fromiter(sorted(same.docs(searcher)), dtype=np.int64)
    return docs[dates.codes[docs] == dates.index[when]]


def story_codes(searcher: Searcher) -> np.ndarray:
    """A number per document, equal for the language versions of one story (-1: none).

    Read once per set of segments from the ``story`` field's posting lists.
    """
    def compute() -> np.ndarray:
        codes = np.full(searcher.doc_count_all(), -1, dtype=np.int64)
        code = 0
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            if "story" not in reader.schema:
                continue
            for text in reader.lexicon("story"):
                ids = np.fromiter(reader.postings("story", text).all_ids(), dtype=np.int64)
                codes[ids + offset] = code
                code += 1
        return codes

    return segment_value(searcher, "story_codes", compute)  # type: ignore[no-any-return]


def count_stories(searcher: Searcher, docnums: np.ndarray) -> int:
    """How many stories the documents ``docnums`` tell (versions of one story count once)."""
    codes = story_codes(searcher)[docnums]
    return int(len(np.unique(codes[codes >= 0])) + np.count_nonzero(codes < 0))


def by_story(searcher: Searcher, groups: list[Ranked], prefer: str) -> list[Ranked]:
    """One group per story, at the rank of its best version.

    The group shows the version in language ``prefer`` when that version
    matched, else the best-ranked one; the others are its "Also in" links.
    """
    codes = story_codes(searcher)
    langs = columns(searcher).get("lang") or []
    out: list[Ranked] = []
    members: dict[int, list[Ranked]] = {}
    for group in groups:
        code = int(codes[group.docnum])
        if code >= 0 and code in members:
            members[code].append(group)
            continue
        out.append(group)
        members[code if code >= 0 else -1 - len(out)] = [group]
    chosen = {id(found[0]): _preferred(found, langs, prefer) for found in members.values()}
    return [chosen[id(group)] for group in out]


def _preferred(found: list[Ranked], langs: list[Any], prefer: str) -> Ranked:
    first = found[0]
    pick = next((g for g in found if langs and langs[g.docnum] == prefer), first)
    similar = [n for g in found for n in g.similar]
    return Ranked(pick.docnum, first.score, similar)


def related(searcher: Searcher, article_id: str, limit: int = RELATED) -> list[SearchHit]:
    """Articles about the same things (more-like-this on the article's own language field).

    Versions of the same story are left out: they are shown as "Also in".
    """
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    fields = stored_fields(searcher, docnum)
    field = body_field(fields.get("lang", ""))
    if field not in searcher.schema:
        return []
    hits = searcher.more_like(docnum, field, text=fields.get("text", ""), top=limit + 5,
                              numterms=15)
    out = []
    for hit in hits:
        if hit.get("story") == fields.get("story"):
            continue
        out.append(to_hit(hit.fields()))
        if len(out) == limit:
            break
    return out
