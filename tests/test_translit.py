"""Tests for indexer.text.translit (script folding)."""

from __future__ import annotations

import pytest

from indexer.text.translit import (
    finish_key,
    fold_key,
    is_cyrillic,
    is_latin,
    kazakh_to_latin,
    latin_to_kazakh,
    letter_key,
    script_variants,
)


@pytest.mark.parametrize(
    "spellings",
    [
        ["жаңғыру", "Zhangyru", "Zhanyru", "zagyru", "Jangyru", "jañğyru"],
        ["Рухани", "Rukhani", "Ruhani", "Rouhani"],
        ["Гумилёв", "Гумилев", "Гумилёва", "Gumilyov", "Gumilev", "Gumilyev"],
        ["Қазақстан", "Qazaqstan", "Kazakhstan", "Kazakstan"],
        ["Дмитрий", "Dmitriy", "Dmitry"],
        ["Щукин", "Shchukin"],
        ["Әл-Фараби"[3:], "Farabi"],
        ["Шымкент", "Shymkent", "Şymkent"],
    ],
)
def test_fold_key_conflates_spellings(spellings: list[str]) -> None:
    assert len({fold_key(word) for word in spellings}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [("кітап", "қала"), ("университет", "институт"), ("мектеп", "мекен"), ("1991", "1911")],
)
def test_fold_key_keeps_different_words_apart(first: str, second: str) -> None:
    assert fold_key(first) != fold_key(second)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qazaqstan", "қазақстан"),
        ("Qazaqstannyñ", "қазақстанның"),
        ("ǵylym", "ғылым"),
        ("Ūlttyq", "ұлттық"),
        ("qalasynda", "қаласында"),
        ("Shymkent", "шымкент"),
        ("Almaty", "алматы"),
    ],
)
def test_latin_to_kazakh(latin: str, cyrillic: str) -> None:
    assert latin_to_kazakh(latin) == cyrillic


def test_latin_to_kazakh_reads_2018_u_as_short_u() -> None:
    assert latin_to_kazakh("Ulttyq") == "улттық"
    assert latin_to_kazakh("Úlken") == "үлкен"


@pytest.mark.parametrize(
    ("word", "style", "expected"),
    [
        ("Жаңғыру", "2021", "jañğyru"),
        ("Жаңғыру", "ascii", "zhangghyru"),
        ("Қазақстан", "2021", "qazaqstan"),
        ("Шәкәрім", "ascii", "shakarim"),
    ],
)
def test_kazakh_to_latin(word: str, style: str, expected: str) -> None:
    assert kazakh_to_latin(word, style) == expected


def test_script_detection() -> None:
    assert is_cyrillic("Алматы") and not is_latin("Алматы")
    assert is_latin("Almaty") and not is_cyrillic("Almaty")
    assert not is_latin("2024")


def test_script_variants_excludes_the_word_itself() -> None:
    assert script_variants("Qazaqstan") == ["қазақстан"]
    assert script_variants("Жаңғыру") == ["jañğyru", "zhangghyru"]
    assert script_variants("2024") == []


@pytest.mark.parametrize("word", ["жаңғыру", "Zhangyru", "Гумилёва", "Kazakhstan",
                                  "университеттерінде"])
def test_fold_key_is_finished_letter_key(word: str) -> None:
    assert fold_key(word) == finish_key(letter_key(word))


def test_letter_key_keeps_suffix_boundaries() -> None:
    assert letter_key("университеттерінде") == letter_key("universitetterinde")
    assert letter_key("университеттерінде") == "universitetterinde"


@pytest.mark.parametrize(("latin", "cyrillic"), [("zhiyn", "жіын"), ("Dmitriy", "дмітрій"),
                                                 ("kiyim", "кійім")])
def test_latin_to_kazakh_reads_iy_before_consonant_as_two_vowels(latin: str,
                                                                 cyrillic: str) -> None:
    assert latin_to_kazakh(latin) == cyrillic
