"""The tantivy reference: the same documents, a comparable schema, the same query classes.

Comparable means: per-language analysed title and body fields (Snowball
stemmers for Russian and English, lower-casing only for Kazakh: tantivy has
no Kazakh stemmer), an ``exact`` field with positions for phrases that also
feeds the snippets, an ASCII-folded ``fold`` field, and the three facets as
fast raw-string fields. A query returns the top 10 with snippets, the exact
count and three terms aggregations, like ``indexer.search.searching.search``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import tantivy

from bench.queries import BenchQuery

LANGS = ("kk", "ru", "en")
FACETS = ("university", "year", "lang")
_BOOSTS = {**{f"title_{lg}": 3.0 for lg in LANGS}, **{f"body_{lg}": 1.0 for lg in LANGS},
           "fold": 0.6}


def _analyzers() -> dict[str, Any]:
    def build(*filters: Any) -> Any:
        builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        for item in (tantivy.Filter.remove_long(40), tantivy.Filter.lowercase(), *filters):
            builder = builder.filter(item)
        return builder.build()

    return {"an_kk": build(), "an_ru": build(tantivy.Filter.stemmer("russian")),
            "an_en": build(tantivy.Filter.stemmer("english")), "an_exact": build(),
            "an_fold": build(tantivy.Filter.ascii_fold())}


def build_schema() -> Any:
    """The tantivy schema mirroring ``indexer.index.schema.build_schema``."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_date_field("date", stored=True, fast=True)
    for name in FACETS:
        sb.add_text_field(name, stored=True, fast=True, tokenizer_name="raw",
                          index_option="basic")
    sb.add_text_field("exact", stored=True, tokenizer_name="an_exact", index_option="position")
    sb.add_text_field("fold", tokenizer_name="an_fold", index_option="freq")
    for lang in LANGS:
        sb.add_text_field(f"title_{lang}", tokenizer_name=f"an_{lang}", index_option="freq")
        sb.add_text_field(f"body_{lang}", tokenizer_name=f"an_{lang}", index_option="freq")
    return sb.build()


def open_index(path: Path, create: bool) -> Any:
    """Create (or open) the index at ``path`` with the analyzers registered."""
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(build_schema(), path=str(path), reuse=not create)
    for name, analyzer in _analyzers().items():
        index.register_tokenizer(name, analyzer)
    return index


def write(index: Any, docs: Iterable[dict[str, Any]], threads: int = 1) -> int:
    """Index Whoosh-style field dicts (``indexer.index.documents.to_document``); returns the
    count."""
    writer = index.writer(heap_size=256 * 1024 * 1024, num_threads=threads)
    count = 0
    for doc in docs:
        fields: dict[str, Any] = {k: doc[k] for k in ("id", "url", "title", "university", "lang",
                                                      "exact", "fold") if k in doc}
        for lang in LANGS:
            for kind in ("title", "body"):
                name = f"{kind}_{lang}"
                if name in doc:
                    fields[name] = doc[name]
        if isinstance(doc.get("date"), datetime):
            fields["date"] = doc["date"]
            fields["year"] = doc["year"]
        writer.add_document(tantivy.Document(**fields))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return count


class TantivySearch:
    """Runs :class:`BenchQuery` objects the way the product runs them."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self.searcher = index.searcher()
        self.schema = index.schema
        self.aggs = {name: {"terms": {"field": name, "size": 50}} for name in FACETS}

    def parse(self, bq: BenchQuery) -> Any:
        """The tantivy query: AND of words over the boosted fields, or a phrase on ``exact``."""
        if bq.text.startswith('"'):
            matched = self.index.parse_query(bq.text, ["exact"])
        else:
            matched = self.index.parse_query(bq.text, list(_BOOSTS), field_boosts=_BOOSTS,
                                             conjunction_by_default=True)
        clauses = [(tantivy.Occur.Must, matched)]
        for name, values in (("university", bq.universities), ("lang", bq.langs),
                             ("year", bq.years)):
            if values:
                clauses.append((tantivy.Occur.Must,
                                tantivy.Query.term_set_query(self.schema, name, list(values))))
        return matched, tantivy.Query.boolean_query(clauses) if len(clauses) > 1 else matched

    def run(self, bq: BenchQuery) -> int:
        """Top 10 with titles, URLs and snippets, exact count, three facets; returns the count."""
        matched, filtered = self.parse(bq)
        result = self.searcher.search(filtered, 10, count=True)
        snippets = tantivy.SnippetGenerator.create(self.searcher, matched, self.schema, "exact")
        snippets.set_max_num_chars(240)
        for _score, address in result.hits:
            doc = self.searcher.doc(address)
            doc.get_first("url")
            doc.get_first("title")
            snippets.snippet_from_doc(doc).to_html()
        self.searcher.aggregate(matched, self.aggs)
        return int(result.count or 0)
