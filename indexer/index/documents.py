"""Turn an :class:`Article` into the field dict the Whoosh schema expects."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from typing import Any

from indexer.models import Article
from indexer.index.schema import LANGUAGES, body_field, title_field
from indexer.text.similarity import text_simhash


def article_id(url: str) -> str:
    """Short stable id of an article, used in ``/api/articles/<id>``."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def story_id(article: Article) -> str:
    """Id shared by the language versions of one news item.

    Versions that link to each other (hreflang or language switcher) share
    the smallest URL of the group, so every version computes the same id
    without a global pass over the crawl.
    """
    urls = [article.url, *article.alternates.values()]
    return hashlib.sha1(min(urls).encode("utf-8")).hexdigest()[:12]


def academic_year(when: date) -> str:
    """The academic year (September to August) of a date, e.g. "2023-2024"."""
    start = when.year if when.month >= 9 else when.year - 1
    return f"{start}-{start + 1}"


def to_document(article: Article) -> dict[str, Any]:
    """Field values for ``writer.update_document``.

    The text goes into the analysed fields of the article's own language
    (all three when the language is unknown), plus ``exact`` and ``fold``.
    """
    doc: dict[str, Any] = {
        "id": article_id(article.url),
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "lang": article.lang,
        "university": article.university,
        "site": article.site,
        "story": story_id(article),
        "fingerprint": article.fingerprint,
        "source_hash": article.source_hash,
        "simhash": text_simhash(article.text),
        "alternates": json.dumps(dict(article.alternates), ensure_ascii=False, sort_keys=True),
        "exact": f"{article.title}\n{article.text}",
        "fold": f"{article.title}\n{article.text}",
    }
    if article.date is not None:
        doc["date"] = datetime.combine(article.date, time())
        doc["year"] = str(article.date.year)
        doc["acyear"] = academic_year(article.date)
    langs = [article.lang] if article.lang in LANGUAGES else list(LANGUAGES)
    for lang in langs:
        doc[title_field(lang)] = article.title
        doc[body_field(lang)] = article.text
    return doc
