"""Tests for indexer.text.analysis: the analyzers in a real (RAM) Whoosh index."""

from __future__ import annotations

import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.qparser import QueryParser

from indexer.text.analysis import (
    exact_analyzer,
    fold_analyzer,
    language_analyzer,
    loose_fold_term,
    normalize_word,
    query_variants,
    stem,
)

DOCS = {
    "kk": "Қазақстан университеттерінде Рухани жаңғыру бағдарламасы таныстырылды. "
    "Кітабы студенттерге табысталды.",
    "ru": "В Евразийском университете имени Гумилёва прошла научная конференция.",
    "en": "The Rukhani Zhangyru programme was presented at the universities' libraries.",
    "kk2": "Колледж қашықтықтан оқыту форматына көшті. Мұрағат қаланың тарихының "
    "құжаттарын сақтайды.",
}


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        body_kk=TEXT(analyzer=language_analyzer("kk")),
        body_ru=TEXT(analyzer=language_analyzer("ru")),
        body_en=TEXT(analyzer=language_analyzer("en")),
        fold=TEXT(analyzer=fold_analyzer()),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
    )


@pytest.fixture(scope="module")
def index() -> Index:
    ix = RamStorage().create_index(_schema())
    with ix.writer() as writer:
        for lang, text in DOCS.items():
            writer.add_document(
                id=lang, fold=text, exact=text, **{f"body_{lang[:2]}": text}
            )
    return ix


def _ids(index: Index, field: str, query: str) -> set[str]:
    with index.searcher() as searcher:
        parsed = QueryParser(field, index.schema).parse(query)
        return {hit["id"] for hit in searcher.search(parsed, limit=None)}


@pytest.mark.parametrize(
    "query",
    ["университет", "Университеттің", "universitetterinde", "Qazaqstan", "қазақстанда",
     "кітап", "kitap"],
)
def test_kk_field_matches_forms_and_latin_spellings(index: Index, query: str) -> None:
    assert _ids(index, "body_kk", query) == {"kk"}


@pytest.mark.parametrize("query", ["университета", "Гумилева", "Гумилёва", "конференции"])
def test_ru_field_matches_inflections_and_yo(index: Index, query: str) -> None:
    assert _ids(index, "body_ru", query) == {"ru"}


@pytest.mark.parametrize("query", ["university", "library", "presenting"])
def test_en_field_matches_inflections(index: Index, query: str) -> None:
    assert _ids(index, "body_en", query) == {"en"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Zhangyru", {"kk", "en"}),
        ("Zhanyru", {"kk", "en"}),
        ("zagyru", {"kk", "en"}),
        ("жаңғыру", {"kk", "en"}),
        ("Rouhani", {"kk", "en"}),
        ("Gumilyov", {"ru"}),
        ("Gumilev", {"ru"}),
        ("koshti", {"kk2"}),
        ("köşti", {"kk2"}),
        ("tarihynyng", {"kk2"}),
        ("qashyqtyqtan", {"kk2"}),
        ("muraghat", {"kk2"}),
    ],
)
def test_fold_field_matches_any_script(index: Index, query: str, expected: set[str]) -> None:
    assert _ids(index, "fold", query) == expected


def test_exact_field_keeps_word_forms(index: Index) -> None:
    assert _ids(index, "exact", '"научная конференция"') == {"ru"}
    assert _ids(index, "exact", '"научной конференции"') == set()


def test_schema_with_analyzers_pickles() -> None:
    schema = pickle.loads(pickle.dumps(_schema()))
    tokens = [t.text for t in schema["body_kk"].analyzer("Қазақстанның")]
    assert tokens == ["қазақстан"]


def test_tokenizer_splits_hyphens_and_keeps_digits() -> None:
    tokens = [t.text for t in exact_analyzer()("Әл-Фараби 2019 жылы, 55-ші O'Brien's")]
    assert tokens == ["әл", "фараби", "2019", "жылы", "55", "ші", "obrien"]


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        ("Университеттерінде", "kk", "універсітет"),
        ("universitetterinde", "kk", "універсітет"),
        ("Ёлки", "ru", "елка"),
        ("universities", "en", "universiti"),
    ],
)
def test_stem(word: str, lang: str, expected: str) -> None:
    assert stem(word, lang) == expected


def test_language_analyzer_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="no analyzer"):
        language_analyzer("de")


def test_query_variants() -> None:
    assert query_variants("Qazaqstan") == ["қазақстан"]
    assert "jañğyru" in query_variants("Жаңғыру")


@pytest.mark.parametrize("spellings", [["көшті", "koshti", "köşti"],
                                       ["тарихының", "tarihynyng", "tarikhynyn"],
                                       ["кітабы", "kitaby", "kitap"]])
def test_loose_fold_term_is_shared_by_spellings(spellings: list[str]) -> None:
    assert len({loose_fold_term(word) for word in spellings}) == 1


@pytest.mark.parametrize("word", ["men", "bar", "on", "ten", "sol", "мен"])
def test_loose_fold_term_skips_short_words(word: str) -> None:
    assert loose_fold_term(word) == ""


def test_fold_filter_indexes_both_terms_and_queries_one() -> None:
    analyzer = fold_analyzer()
    indexed = [(t.text, t.pos) for t in analyzer("Мұрағат тарихының Рухани", mode="index",
                                                  positions=True)]
    assert indexed == [("muranat", 0), ("tarik", 1), ("ruhani", 2), ("ruha", 2)]
    assert [t.text for t in analyzer("tarihynyng", mode="query")] == ["tarik"]
    assert [t.text for t in analyzer("Rouhani", mode="query")] == ["ruha"]
    assert [t.text for t in analyzer("Рухани", mode="query")] == ["ruhani"]


def test_english_stems_come_from_the_c_snowball_and_equal_the_pure_python_ones() -> None:
    import snowballstemmer
    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)
    words = ["universities", "university's", "running", "generously", "olympiad", "astana",
             "алматы", "studies", "relational", "conditional", "hopping", "e\u0301cole", ""]
    pure = EnglishStemmer()
    assert [stem(word, "en") for word in words] == [
        pure.stemWord(normalize_word(word)) for word in words]
