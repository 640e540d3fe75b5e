"""Tests for indexer.text.translit (script folding)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.text.analysis import fold_analyzer, language_analyzer
from indexer.text.translit import (
    finish_key,
    fold_key,
    is_cyrillic,
    is_latin,
    kazakh_to_latin,
    latin_alphabet,
    latin_to_kazakh,
    letter_key,
    lower_latin,
    reads_as_kazakh,
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
        ("Білім", "2021", "bılım"), ("бір", "2021", "bır"), ("ұлттық", "2021", "ūlttyq"),
        ("тағайындау", "2021", "tağaiyndau"), ("иіссу", "2021", "iıssu"),
        ("Білім", "ascii", "bilim"),
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


# The 2021 alphabet letter by letter, each between two ş (a 2021 letter, so the
# word is read by the 2021 table, and consonants on both sides).
_TABLE_2021 = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ",
    "h": "х", "ı": "і", "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н",
    "ñ": "ң", "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш",
    "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "y": "ы", "z": "з",
}


@pytest.mark.parametrize(("latin", "cyrillic"), sorted(_TABLE_2021.items()))
def test_2021_alphabet_letter_by_letter(latin: str, cyrillic: str) -> None:
    assert kazakh_to_latin(f"ш{cyrillic}ш") == f"ş{latin}ş"
    assert latin_to_kazakh(f"ş{latin}ş") == f"ш{cyrillic}ш"
    capital = "İ" if latin == "i" else latin.upper()  # ı.upper() is I
    assert latin_to_kazakh(f"Ş{capital}Ş") == f"ш{cyrillic}ш"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("bılım", "білім"), ("bır", "бір"), ("Bılım", "білім"), ("BILIM", "білім"),
        ("tağaiyndau", "тағайындау"), ("Aimağambetov", "аймағамбетов"),
        ("reitingı", "рейтингі"), ("iıssu", "иіссу"), ("kremniı", "кремниі"),
        ("üzdık", "үздік"), ("ÜZDIK", "үздік"), ("ĞYLYMİ", "ғылыми"),
        ("İNJENERLIK", "инженерлік"), ("universitetı", "университеті"),
        ("akademiialyq", "академиялық"), ("tehnologiiasy", "технологиясы"),
        ("jataqhanasy", "жатақханасы"), ("Ötebaev", "өтебаев"), ("QazŪU", "қазұу"),
        ("grant", "ғрант"),  # plain ASCII: informal harmony, the fold field joins грант
    ],
)
def test_latin_to_kazakh_reads_the_2021_alphabet(latin: str, cyrillic: str) -> None:
    assert latin_to_kazakh(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Qostanaidagy", "қостанайдағы"), ("aiyru", "айыру"), ("zhaidarman", "жайдарман"),
        ("uii", "уйі"), ("Kremnii", "кремній"), ("irrigatsiya", "іррігация"),
        ("aitsa", "айтса"), ("konferensiia", "конференция"),
        ("konferentsiya", "конференция"), ("konferensiya", "конференция"),
        ("leksiiasy", "лекциясы"), ("pensiia", "пенсия"),
    ],
)
def test_latin_to_kazakh_reads_informal_ascii(latin: str, cyrillic: str) -> None:
    assert latin_to_kazakh(latin) == cyrillic


@pytest.mark.parametrize(
    ("typed", "lowered"),
    [
        ("ÜZDIK", "üzdık"), ("BILIM", "bilim"), ("İLIM", "ilım"), ("Ilım", "ılım"),
        ("A'lem", "álem"), ("s'ag'yn", "shaǵyn"), ("O'Brien", "o'brien"),
        ("don't", "don't"), ("we're", "we're"), ("Алматы", "алматы"),
    ],
)
def test_lower_latin_keeps_dotless_i_and_2017_apostrophes(typed: str, lowered: str) -> None:
    assert lower_latin(typed) == lowered


@pytest.mark.parametrize(("latin", "cyrillic"), [("a'lem", "әлем"), ("s'ag'yn", "шағын"),
                                                 ("u'i'ge", "үйге"),
                                                 ("y'ni'versi'tet", "университет")])
def test_latin_to_kazakh_reads_the_2017_apostrophes(latin: str, cyrillic: str) -> None:
    assert latin_to_kazakh(latin) == cyrillic


@pytest.mark.parametrize(
    ("word", "alphabet"),
    [("bılım", "2021"), ("ĞYLYM", "2021"), ("ǵylym", "2018"), ("a'lem", "2018"),
     ("bilim", "ascii"), ("Qazaqstan", "ascii")],
)
def test_latin_alphabet(word: str, alphabet: str) -> None:
    assert latin_alphabet(_plain(word)) == alphabet


def _plain(word: str) -> str:
    return lower_latin(word)


@pytest.mark.parametrize(
    ("word", "kazakh"),
    [("ata", True), ("su", True), ("bas", True), ("eki", True), ("ret", True),
     ("ubt", True), ("bır", True), ("universitet", True),
     ("men", False), ("bar", False), ("on", False), ("ten", False), ("sol", False),
     ("the", False), ("a", False), ("ai", False), ("42", False)],
)
def test_reads_as_kazakh(word: str, kazakh: bool) -> None:
    assert reads_as_kazakh(word) is kazakh


def _meet(latin: str, cyrillic: str) -> list[str]:
    """The fields (kk, fold) where the Latin query word finds the Cyrillic text word."""
    analyzers = {"kk": language_analyzer("kk"), "fold": fold_analyzer()}
    return [name for name, analyzer in analyzers.items()
            if {t.text for t in analyzer(latin, mode="query")}
            & {t.text for t in analyzer(cyrillic, mode="index")}]


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("bılım", "білімі"), ("bır", "бір"), ("köştı", "көшті"), ("köşti", "көшті"),
        ("universitetınde", "университетінде"), ("ĞYLYMİ", "ғылыми"),
        ("konferensiia", "конференциясы"), ("konferentsiya", "конференцияда"),
        ("konferensiya", "конференция"), ("stipendiia", "стипендиясы"),
        ("stipendiya", "стипендия"), ("akademiia", "академиясы"),
        ("universitet", "университеттің"), ("zhatakhana", "жатақханада"),
        ("zhataqhana", "жатақхана"), ("irrigatsiya", "ирригация"),
        ("a'lem", "әлем"),
    ],
)
def test_latin_query_word_finds_cyrillic_text_word(latin: str, cyrillic: str) -> None:
    assert "kk" in _meet(latin, cyrillic) or "fold" in _meet(latin, cyrillic)


@pytest.mark.parametrize(("latin", "cyrillic"), [("ata", "ата"), ("su", "су"), ("bas", "бас"),
                                                 ("eki", "екі"), ("ret", "рет"), ("bır", "бір")])
def test_short_kazakh_words_are_read_in_the_kk_field(latin: str, cyrillic: str) -> None:
    assert "kk" in _meet(latin, cyrillic)


@pytest.mark.parametrize(("latin", "cyrillic"), [("UBT", "ҰБТ"), ("nur", "нұр"),
                                                 ("uii", "үйі"), ("kun", "күн")])
def test_short_informal_words_meet_in_the_fold_field(latin: str, cyrillic: str) -> None:
    assert _meet(latin, cyrillic) == ["fold"]  # u for ұ/ү: only the key joins them


@pytest.mark.parametrize(("english", "kazakh"), [("men", "мен"), ("bar", "бар"), ("on", "он"),
                                                 ("ten", "тең"), ("sol", "сол"), ("ai", "ай")])
def test_short_english_words_are_not_read_as_kazakh(english: str, kazakh: str) -> None:
    assert _meet(english, kazakh) == []
    assert _meet(kazakh, english) == []


_REALNEWS = Path(__file__).resolve().parents[1].parent / "shared/data/realnews-dev/queries.jsonl"
# Бөкетов romanized through Russian Букетов (u for ө): not a Kazakh Latin spelling.
_NOT_KAZAKH_LATIN = {"Buketov"}


def _twin_words() -> list[tuple[str, str, str]]:
    """(query id, Latin word, Cyrillic word) of realnews-dev kk-latin queries and twins."""
    if not _REALNEWS.exists():
        return []
    rows = [json.loads(line) for line in _REALNEWS.read_text(encoding="utf-8").splitlines()]
    kk = {row["id"]: row for row in rows if row["kind"] == "kk"}
    pairs = []
    for row in rows:
        twin = re.search(r"twin of (kk\d+)", row.get("note", ""))
        if row["kind"] == "kk-latin" and twin:
            latin = row["q"].replace("-", " ").split()
            cyrillic = kk[twin.group(1)]["q"].replace("-", " ").split()
            if len(latin) == len(cyrillic):
                pairs += [(row["id"], a, b) for a, b in zip(latin, cyrillic, strict=True)]
    return pairs


@pytest.mark.skipif(not _REALNEWS.exists(), reason="../shared/data/realnews-dev is absent")
def test_realnews_latin_queries_find_their_cyrillic_twins() -> None:
    # Each word of a kk-latin query (16 in the 2021 alphabet, 16 informal ASCII) must
    # reach the index terms of the aligned word of its Cyrillic twin query.
    pairs = _twin_words()
    assert len(pairs) >= 90
    missing = [(qid, a, b) for qid, a, b in pairs
               if a not in _NOT_KAZAKH_LATIN and not _meet(a, b)]
    assert not missing
    in_kk = sum("kk" in _meet(a, b) for _, a, b in pairs)
    assert in_kk >= 0.75 * len(pairs)  # the stemmed kk field, not only the key
