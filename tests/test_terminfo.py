"""Cached term lookups answer exactly as the segment's terms file does, from one probe."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import fields
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import TermNotFound
from whoosh.writing import NO_MERGE

from indexer.models import SearchRequest
from indexer.search.fast import terminfo
from indexer.search.live import LiveIndex
from indexer.search.searching import search


def _index():  # type: ignore[no-untyped-def]
    schema = fields.Schema(id=fields.ID(stored=True), text=fields.TEXT(phrase=True))
    ix = RamStorage().create_index(schema)
    for batch, texts in enumerate((["alpha beta", "beta gamma", "beta beta delta"],
                                   ["alpha", "epsilon beta"])):
        with ix.writer() as writer:  # two segments: the same term in both, and not
            writer.mergetype = NO_MERGE
            for i, text in enumerate(texts):
                writer.add_document(id=f"{batch}-{i}", text=text)
    return ix


def test_same_answers_as_the_terms_file_for_present_and_absent_terms() -> None:
    terminfo.TERMS.clear()
    ix = _index()
    with ix.searcher() as plain, terminfo.install(ix.searcher()) as cached:
        pairs = list(zip(plain.reader().leaf_readers(), cached.reader().leaf_readers(),
                         strict=True))
        assert len(pairs) == 2
        for _ in range(2):  # looked up, then from the cache
            for (raw, _), (ours, _) in pairs:
                assert isinstance(ours._terms, terminfo.CachedTerms)
                for word in ("alpha", "beta", "delta", "epsilon", "zeta"):
                    term = ("text", word.encode())
                    assert (term in ours) == (term in raw)
                    assert ours.doc_frequency(*term) == raw.doc_frequency(*term)
                    assert ours.frequency(*term) == raw.frequency(*term)
                    if term not in raw:
                        with pytest.raises(TermNotFound):
                            ours.term_info(*term)
                        with pytest.raises(TermNotFound):
                            ours.postings(*term)
                        continue
                    mine, theirs = ours.term_info(*term), raw.term_info(*term)
                    assert (mine.weight(), mine.doc_frequency(), mine.max_weight()) == (
                        theirs.weight(), theirs.doc_frequency(), theirs.max_weight())
                    assert (list(ours.postings(*term).items_as("frequency"))
                            == list(raw.postings(*term).items_as("frequency")))
        assert len(terminfo.TERMS._items) == 10  # 5 words x 2 segments, absent ones too


def test_each_term_is_probed_once_per_segment(built_root: Path) -> None:
    """A repeated search asks the terms file nothing."""
    terminfo.TERMS.clear()
    probes: list[tuple[int, str, bytes]] = []
    live = LiveIndex(built_root)
    with live.searcher() as searcher:
        for number, (leaf, _) in enumerate(searcher.reader().leaf_readers()):
            raw = leaf._terms._terms
            lookup = raw.term_info

            def counted(fieldname, tbytes, lookup=lookup, number=number):  # type: ignore[no-untyped-def]
                probes.append((number, fieldname, tbytes))
                return lookup(fieldname, tbytes)

            raw.term_info = counted
        request = SearchRequest(query="университеттің студенттер")
        first = search(searcher, request)
        assert probes and len(probes) == len(set(probes))
        count = len(probes)
        assert search(searcher, request) == first
        assert len(probes) == count
    live.close()
