"""Index statistics and single-article lookup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from whoosh.searching import Searcher

from indexer.index import generations
from indexer.index.report import load_report
from indexer.index.schema import FACETS
from indexer.search.facets import facet_counts
from indexer.search.fast import live_docnums
from indexer.search.records import to_article


def index_stats(searcher: Searcher, root: Path, generation: str) -> dict[str, Any]:
    """Documents per university, language and year, plus the generation's report.

    Returns:
        ``{"documents", "generation", "generations", "by": {facet: {value: n}},
        "last_update": {...report...} | None}``
    """
    # The facet columns, one bincount each (Whoosh's column per document: docs/whoosh.md).
    counts, _ = facet_counts(searcher, live_docnums(searcher), {})
    report = load_report(generations.generations_dir(root) / generation / generations.REPORT)
    return {
        "documents": searcher.doc_count(),
        "generation": generation,
        "generations": generations.list_generations(root),
        "by": {name: dict(sorted(counts[name].items())) for name in FACETS},
        "last_update": report,
    }


def get_article(searcher: Searcher, article_id: str) -> dict[str, Any] | None:
    """Stored fields of one article by id, JSON-ready, or None when unknown."""
    fields = searcher.document(id=article_id)
    return None if fields is None else to_article(fields)
