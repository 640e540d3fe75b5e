"""The Whoosh schema: the only place where index field names are defined.

Every language has its own analysed fields (``title_kk``, ``body_kk``...), so a
query runs against all of them and each field analyses the query its own way.
``exact`` keeps positions for quoted phrases; ``fold`` holds a cross-script
key so Latin, informal ASCII and Cyrillic spellings meet.
"""

from __future__ import annotations

from whoosh import fields

from indexer.text.analysis import exact_analyzer, fold_analyzer, language_analyzer

LANGUAGES = ("kk", "ru", "en")
FACETS = ("university", "year", "acyear", "lang")

#: Field boosts used by the query parser (BM25F with a title boost).
TITLE_BOOST = 3.0
FOLD_BOOST = 0.6
EXACT_BOOST = 1.0


def title_field(lang: str) -> str:
    """Name of the analysed title field of ``lang``."""
    return f"title_{lang}"


def body_field(lang: str) -> str:
    """Name of the analysed body field of ``lang``."""
    return f"body_{lang}"


def search_fields() -> dict[str, float]:
    """Fields a free-text query runs against, with their boosts."""
    boosts: dict[str, float] = {}
    for lang in LANGUAGES:
        boosts[title_field(lang)] = TITLE_BOOST
        boosts[body_field(lang)] = 1.0
    boosts["fold"] = FOLD_BOOST
    return boosts


def build_schema() -> fields.Schema:
    """Return a new schema instance (analyzers are pickled into the index)."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        url=fields.ID(stored=True, unique=True, sortable=True),
        title=fields.STORED(),
        text=fields.STORED(),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        acyear=fields.ID(stored=True, sortable=True),
        lang=fields.ID(stored=True, sortable=True),
        university=fields.ID(stored=True, sortable=True),
        site=fields.ID(stored=True),
        story=fields.ID(stored=True),
        fingerprint=fields.STORED(),
        source_hash=fields.STORED(),
        simhash=fields.NUMERIC(bits=64, signed=False, sortable=True),
        alternates=fields.STORED(),
        exact=fields.TEXT(analyzer=exact_analyzer(), phrase=True),
        fold=fields.TEXT(analyzer=fold_analyzer(), phrase=False),
    )
    for lang in LANGUAGES:
        analyzer = language_analyzer(lang)
        schema.add(title_field(lang), fields.TEXT(analyzer=analyzer, phrase=False, field_boost=1.0))
        schema.add(body_field(lang), fields.TEXT(analyzer=analyzer, phrase=False))
    return schema
