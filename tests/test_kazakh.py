"""Tests for indexer.kazakh (the Kazakh stemmer)."""

from __future__ import annotations

import pytest

from indexer.kazakh import SUFFIXES, harmony, stem_kazakh
from indexer.kazakh_key import KEY_SUFFIXES, stem_key

PARADIGMS = {
    "университет": [
        "университет", "университеттің", "университетте", "университеттерінде",
        "университетінің", "университеттер", "университетке", "университеттен",
        "университетпен", "университеттегі", "университетіміз",
    ],
    "кітап": ["кітап", "кітабы", "кітаптар", "кітапқа", "кітаптың", "кітабында"],
    "қала": ["қала", "қаласы", "қалада", "қаладағы", "қаласында", "қалалар", "қаланың"],
    "бала": ["бала", "балалар", "балаларға", "баласы", "балаларымыз", "балалардың"],
    "мектеп": ["мектеп", "мектебі", "мектептер", "мектепте", "мектебінде", "мектепке"],
    "қазақстан": ["Қазақстан", "Қазақстанның", "Қазақстанда", "Қазақстанға", "Қазақстандағы"],
    "студент": ["студент", "студенттер", "студенттерге", "студенттердің", "студенті"],
    "жыл": ["жыл", "жылы", "жылдары", "жылғы", "жылдың", "жылға"],
    "конференция": ["конференция", "конференцияға", "конференцияда", "конференциясы"],
}


@pytest.mark.parametrize(("root", "forms"), list(PARADIGMS.items()))
def test_stem_kazakh_conflates_noun_paradigm(root: str, forms: list[str]) -> None:
    assert {stem_kazakh(form) for form in forms} == {root}


@pytest.mark.parametrize(
    "forms",
    [
        ["айтты", "айтып", "айтқан", "айтады", "айтпады"],
        ["болды", "болған", "болатын", "болады", "болмайды"],
    ],
)
def test_stem_kazakh_conflates_verb_forms(forms: list[str]) -> None:
    assert len({stem_kazakh(form) for form in forms}) == 1


def test_stem_kazakh_restores_voiced_stem_final() -> None:
    assert stem_kazakh("кітабы") == stem_kazakh("кітап") == "кітап"
    assert stem_kazakh("құқығы") == "құқық"


@pytest.mark.parametrize("word", ["бала", "ел", "үй", "кітап", "мектеп", "Астана", "бөлме"])
def test_stem_kazakh_keeps_short_and_vowel_final_roots(word: str) -> None:
    assert stem_kazakh(word) == word.lower()


@pytest.mark.parametrize(
    ("first", "second"),
    [("қала", "қалам"), ("бас", "басшы"), ("ғылым", "ғылыми")],
)
def test_stem_kazakh_keeps_different_words_apart(first: str, second: str) -> None:
    assert stem_kazakh(first) != stem_kazakh(second)


def test_harmony_follows_last_vowel() -> None:
    assert harmony("қала") == "b"
    assert harmony("мектеп") == "f"


def test_suffix_table_has_both_harmony_variants() -> None:
    assert SUFFIXES["лар"][0] == "b"
    assert SUFFIXES["лер"][0] == "f"


@pytest.mark.parametrize("forms", [["беларусь", "беларусьтер", "беларусьтің", "беларусьте"],
                                   ["панель", "панельдер", "панельдің", "панелі", "панелін"],
                                   ["медаль", "медальдар", "медальдер", "медалі", "медальдары"]])
def test_stem_kazakh_joins_soft_sign_stems(forms: list[str]) -> None:
    assert len({stem_kazakh(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("koxti", "kox"),  # көшті, koshti: o hides ө, so harmony cannot be checked
        ("tarihinin", "tarik"),  # тарихының: final х is k, as in fold_key
        ("tarihining", "tarik"),  # tarihynyng: ng is ң
        ("kitabi", "kitap"),  # кітабы
        ("kazakstandagi", "kazakstan"),
        ("universitetterinde", "universitet"),
        ("okui", "ok"),  # оқуы
    ],
)
def test_stem_key_strips_without_harmony(key: str, expected: str) -> None:
    assert stem_key(key) == expected


@pytest.mark.parametrize("key", ["kazakstan", "okuxi", "astana", "kala", "mektep"])
def test_stem_key_keeps_roots(key: str) -> None:
    assert stem_key(key) == key


def test_stem_key_refuses_back_suffix_after_front_vowel() -> None:
    assert KEY_SUFFIXES["lar"][0] == "b"
    assert stem_key("mekteplar") == "mekteplar"
    assert stem_key("mektepter") == "mektep"
