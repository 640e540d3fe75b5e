"""Our snippets are exactly the passages Whoosh's highlighter cuts from the full token stream."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import highlight

from indexer.index.schema import body_field, build_schema
from indexer.search import snippets
from indexer.search.live import LiveIndex
from indexer.search.querying import make_parser, parse_query
from indexer.text.analysis import TOKEN_PATTERN

WORDS = ["университет", "студент", "ғылым", "білім", "конференция", "жыл", "a", "the",
         "Қазақстан", "университеттің", "x" * 90, "оқу", "жоғары", "2024"]
GLUE = [" ", ", ", ". ", " — ", "\n\n", "   ", " (", ") ", "!!! ", "'", "’ ", "", "_", " 😀 "]


def _terms(fieldname: str, word: str) -> tuple[str, ...]:
    analyzer = build_schema()[fieldname].analyzer
    return tuple(t.text for t in analyzer(word, mode="index", removestops=False))


def _render(text: str, fieldname: str, words: frozenset[str], ours: bool) -> str:
    """The snippet of ``text``: ours, or Whoosh's highlighter on the analyzer's full
    token stream (what ``Highlighter.highlight_hit`` does when it re-tokenizes)."""
    fragmenter = highlight.ContextFragmenter(maxchars=snippets.SNIPPET_CHARS, surround=70)
    if ours:
        fragments = snippets._fragments(text, fieldname, words, fragmenter)
    else:
        analyzer = build_schema()[fieldname].analyzer
        stream = analyzer(text, positions=True, chars=True, mode="index", removestops=False)
        tokens = highlight.Highlighter._merge_matched_tokens(
            highlight.set_matched_filter(stream, words))
        fragments = fragmenter.fragment_tokens(text, tokens)
    best = highlight.top_fragments(fragments, snippets.PASSAGES, snippets.PassageScorer(),
                                   highlight.FIRST, minscore=1)
    formatter = highlight.HtmlFormatter(tagname="mark", classname="hl", between=" … ")
    return str(formatter.format(best))


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)),
                      min_size=0, max_size=400),
       field=st.sampled_from(["body_kk", "body_ru", "body_en", "fold", "exact"]),
       query=st.sets(st.sampled_from(WORDS), min_size=1, max_size=3))
def test_same_snippet_as_whoosh_on_the_full_stream(parts, field, query) -> None:
    text = "".join(word + glue for word, glue in parts)
    words = frozenset(t for w in query for t in _terms(field, w))
    assert _render(text, field, words, ours=True) == _render(text, field, words, ours=False)


def test_a_long_word_before_a_match_resets_the_context() -> None:
    """The token just before a match must be seen even when it is long: it is what
    drops the context remembered from before the skipped tokens."""
    text = "студент " + "a " * 120 + "the " * 200 + "x" * 90 + " студент " + "a " * 50
    words = frozenset(_terms("body_en", "студент"))
    assert _render(text, "body_en", words, ours=True) == _render(text, "body_en", words,
                                                                 ours=False)


def test_touching_matches_are_merged_as_whoosh_merges_them() -> None:
    """Two matched tokens of one word (the cross-script field spells some words twice)
    are one highlight; so are matches with no gap between them."""
    for field in ("fold", "exact", "body_kk"):
        for text in ("университеттің университет_студент", "ғылым—ғылым ғылымның",
                     "Қазақстан " * 30 + "ұлттық университеті " * 5):
            query = frozenset(t for w in ("университет", "ғылым", "Қазақстан", "студент")
                              for t in _terms(field, w))
            assert _render(text, field, query, ours=True) == _render(text, field, query,
                                                                     ours=False)


def test_text_over_the_character_limit_stops_where_whoosh_stops() -> None:
    text = ("жыл " * 9000) + "университет " + ("жыл " * 10) + "студент"
    assert len(text) > highlight.DEFAULT_CHARLIMIT
    words = frozenset(_terms("body_kk", "университет") + _terms("body_kk", "студент"))
    assert _render(text, "body_kk", words, ours=True) == _render(text, "body_kk", words,
                                                                 ours=False)


@pytest.mark.parametrize("text", ["университет", "университеттің", "университета", "студенттер",
                                  "university students", "universitetinin", '"жоғары оқу"',
                                  "ғылым OR science", "конференц*"])
def test_same_passages_as_whoosh_highlighter(built_root: Path, text: str) -> None:
    """On the demo index, every hit's passages equal ``Hit.highlights`` (Whoosh's
    full re-analysis), for each field a snippet may use."""
    with LiveIndex(built_root).searcher() as searcher:
        query = parse_query(make_parser(searcher.schema), text)
        results = searcher.search(query, limit=None)
        snippets.configure(results)
        assert len(results), text
        for hit in results:
            stored = hit.fields()
            for field in (body_field(stored["lang"]), "exact", "fold"):
                ours = snippets.highlights(hit, field, stored["text"])
                assert ours == hit.highlights(field, text=stored["text"], top=snippets.PASSAGES)


@settings(max_examples=200, deadline=None)
@given(words=st.sets(st.one_of(st.sampled_from(WORDS + ["O'Brien", "university's", "ё", "on",
                                                         "universitetinin", "Ұлттық", "_"]),
                               st.from_regex(TOKEN_PATTERN, fullmatch=True)),
                     max_size=30),
       field=st.sampled_from(["body_kk", "body_ru", "body_en", "fold", "exact"]))
def test_vocabulary_analyses_words_together_as_one_by_one(words, field) -> None:
    vocabulary = snippets._Vocabulary(field)
    vocabulary.add(words)
    assert vocabulary.terms == {word: _terms(field, word) for word in words}
    assert vocabulary.irregular == {w for w in words if len(_terms(field, w)) != 1}
