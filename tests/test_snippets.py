"""The cut-down token stream gives exactly the snippets of Whoosh's full stream."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import highlight

from indexer import snippets

WORDS = ["университет", "студент", "ғылым", "білім", "конференция", "жыл", "a", "the",
         "Қазақстан", "университеттің", "x" * 90, "оқу", "жоғары", "2024"]
GLUE = [" ", ", ", ". ", " — ", "\n\n", "   ", " (", ") ", "!!! "]


def _render(text: str, fieldname: str, words: frozenset[str], cut: bool) -> str:
    fragmenter = highlight.ContextFragmenter(maxchars=snippets.SNIPPET_CHARS, surround=70)
    stream = snippets._tokens(text, fieldname, words, fragmenter if cut else None)
    tokens = highlight.Highlighter._merge_matched_tokens(stream)
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
def test_cut_stream_gives_the_same_snippet(parts, field, query) -> None:
    text = "".join(word + glue for word, glue in parts)
    words = frozenset(t for w in query for t in snippets._word_terms(field, w))
    full = _render(text, field, words, cut=False)
    assert _render(text, field, words, cut=True) == full


def test_a_long_word_before_a_match_resets_the_context() -> None:
    """The token just before a match must be seen even when it is long: it is what
    drops the context remembered from before the skipped tokens."""
    text = "студент " + "a " * 120 + "the " * 200 + "x" * 90 + " студент " + "a " * 50
    words = frozenset(snippets._word_terms("body_en", "студент"))
    assert _render(text, "body_en", words, cut=True) == _render(text, "body_en", words,
                                                                cut=False)
