"""Tests for indexer.text.language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.text.language import (
    PROFILE_DIR,
    LanguageDetector,
    Profiles,
    WordModel,
    default_detector,
    detect_blocks,
    detect_language,
    load_profiles,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

KK_PARAGRAPH = (
    "Әл-Фараби атындағы Қазақ ұлттық университетінде «Рухани жаңғыру» бағдарламасы "
    "аясында қазақ тіліне аударылған әлемдік оқулықтардың жаңа топтамасы таныстырылды."
)
RU_PARAGRAPH = (
    "В Казахском национальном университете имени аль-Фараби представили новую серию "
    "учебников, переведённых на казахский язык в рамках программы «Рухани жаңғыру»."
)
EN_PARAGRAPH = (
    "Al-Farabi Kazakh National University presented a new series of textbooks "
    "translated into Kazakh within the Rukhani Zhangyru programme."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(KK_PARAGRAPH, "kk"), (RU_PARAGRAPH, "ru"), (EN_PARAGRAPH, "en")],
)
def test_detect_language_paragraphs(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Қазақстан Республикасы", "kk"),
        ("Ғылыми конференция", "kk"),
        ("Студенттер жарысы", "kk"),
        ("Научная конференция", "ru"),
        ("Университет объявляет", "ru"),
        ("Open day", "en"),
        ("балалар", "kk"),
        ("ҚАЗАҚСТАН ТАРИХЫ", "kk"),
    ],
)
def test_detect_language_short_texts(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "2023 — 12.10", "!!!"])
def test_detect_language_without_letters_is_und(text: str) -> None:
    assert detect_language(text) == "und"


def test_detect_language_kazakh_header_keeps_english_page_english() -> None:
    page = "Қазақ ұлттық университеті\n\n" + "\n\n".join([EN_PARAGRAPH] * 3)
    assert detect_language(page) == "en"


def test_detect_language_russian_text_quoting_a_kazakh_name_stays_russian() -> None:
    text = RU_PARAGRAPH + " Ректор Жансейіт Түймебаев поздравил студентов с праздником."
    assert detect_language(text) == "ru"


def test_detect_blocks_decides_each_block() -> None:
    assert detect_blocks([KK_PARAGRAPH, RU_PARAGRAPH, EN_PARAGRAPH, ""]) == [
        "kk", "ru", "en", "und",
    ]


def test_detect_language_is_deterministic() -> None:
    text = "Насыпала сажи"
    assert len({detect_language(text) for _ in range(20)}) == 1


def test_default_detector_is_built_once() -> None:
    assert default_detector() is default_detector()


def test_profiles_are_committed() -> None:
    assert {"en", "kk-latn", "kk-ru-words"} <= {p.name for p in PROFILE_DIR.iterdir()}
    profiles = load_profiles()
    assert len(profiles.latin) == 2
    assert profiles.words["order"] == 5


def test_language_detector_rejects_missing_latin_profiles() -> None:
    profiles = load_profiles()
    other = '{"freq": {"a": 1}, "n_words": [1, 0, 0], "name": "xx"}'
    with pytest.raises(ValueError, match="missing"):
        LanguageDetector(Profiles(profiles.words, [profiles.latin[0], other]))


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared/data")
def test_detect_language_on_kazakh_treebank_sentences() -> None:
    lines = []
    for path in sorted((SHARED / "data" / "ud-kazakh-ktb").glob("*.conllu")):
        text = path.read_text(encoding="utf-8")
        lines += [line[9:] for line in text.splitlines() if line.startswith("# text = ")]
    long_lines = [line for line in lines if len(line) >= 40]
    right = sum(detect_language(line) == "kk" for line in long_lines)
    assert right / len(long_lines) >= 0.995


def test_detector_without_profiles_uses_letters_and_says_und_when_unsure() -> None:
    detector = LanguageDetector(None)
    assert detector.detect(KK_PARAGRAPH) == "kk"
    assert detector.detect(EN_PARAGRAPH) == "en"
    assert detector.detect("Научная конференция") == "und"


# Words and pairs without a Kazakh-only letter: only their endings and letter
# sequences tell the language.
@pytest.mark.parametrize(
    "text",
    [
        "бала", "мектеп", "жыл", "балалар", "мектепте", "жылдан", "кітапхана",
        "оқушылар", "студенттер", "жастарға", "баспасөз",
        "қала", "ауылда", "жастармен", "апта", "ел", "жарыс", "сабақтар", "бүгін",
        "Ашық есік", "Жаңа мектеп", "Жастар жылы", "Спорт жарысы", "Ел тарихы",
        "Жазғы мектеп", "Студенттер арасында", "Мерейтой кеші", "Тарих апталығы",
    ],
)
def test_kazakh_words_and_pairs_are_kazakh(text: str) -> None:
    assert detect_language(text) == "kk"


@pytest.mark.parametrize(
    "text",
    [
        "был", "была", "будет", "белый", "детей", "самый", "мысль", "старый",
        "студентов", "университета", "конференция", "объявление", "новости",
        "олимпиаде", "поздравляем", "стипендия", "приём", "выпускники", "ректор",
        "Новости университета", "День открытых дверей", "Приёмная комиссия",
        "Летняя школа", "Студенческая весна", "Итоги года", "Научный семинар",
    ],
)
def test_russian_words_and_pairs_are_russian(text: str) -> None:
    assert detect_language(text) == "ru"


@pytest.mark.parametrize(
    "text",
    [
        "news", "already", "amazing", "any", "bad", "campus", "Open day",
        "Admission 2025", "Summer school", "Alumni meeting", "Zürich Conference",
        "Kazakh National University", "Almaty campus",
        # names with letters of the Kazakh Latin alphabets
        "Meeting with Ahmet Yılmaz", "Lecture by Professor Mäkinen", "Atatürk University",
        "Gödel Prize", "Erasmus+ exchange in Zürich",
    ],
)
def test_english_words_and_pairs_are_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        # the 2018 Latin alphabet (acute accents)
        "Jańa oqý jyly bastaldy",
        "Stýdentter men jas ǵalymdar",
        "Ýnıversıtet rektory",
        # the 2021 Latin alphabet
        "Jaña oqu jyly bastaldy",
        "Studentter men jas ğalymdar",
        "Qazaq tılı künı",
        # Arabic script with Kazakh letters
        "جاڭا وقۋ جىلى باستالدى",
    ],
)
def test_kazakh_in_latin_and_arabic_script_is_kazakh(text: str) -> None:
    assert detect_language(text) == "kk"


def test_arabic_script_without_kazakh_letters_is_und() -> None:
    assert detect_language("جامعة الفارابي") == "und"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("бала", True), ("мектептер", True), ("был", False), ("белого", False)],
)
def test_word_model_leans_to_the_right_language(text: str, expected: bool) -> None:
    model = WordModel(load_profiles().words)
    assert (model.kazakh_odds(text) > 0) is expected


@pytest.mark.parametrize("text", ["Насыпала сажи", "Stýdentter", "бала", "Almaty"])
def test_detectors_with_different_seeds_agree(text: str) -> None:
    profiles = load_profiles()
    answers = {LanguageDetector(profiles, seed=seed).detect(text) for seed in (0, 1, 7)}
    assert len(answers) == 1


def _realnews_pages() -> list[dict]:
    path = SHARED / "data" / "realnews-dev" / "pages.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.skipif(not (SHARED / "data" / "realnews-dev").is_dir(), reason="needs ../shared/data")
@pytest.mark.parametrize("field", ["title", "text"])
def test_realnews_kazakh_pages_in_latin_or_arabic_script_are_kazakh(field: str) -> None:
    pages = [
        page for page in _realnews_pages()
        if page["lang"] == "kk" and not re.search("[\u0400-\u04ff]{3}", page["text"][:300])
    ]
    assert len(pages) == 8
    assert [detect_language(page[field]) for page in pages] == ["kk"] * len(pages)


@pytest.mark.skipif(not (SHARED / "data" / "realnews-dev").is_dir(), reason="needs ../shared/data")
def test_realnews_page_texts_get_their_label() -> None:
    pages = _realnews_pages()
    right = sum(detect_language(page["text"]) == page["lang"] for page in pages)
    assert right == len(pages)


def _regex_counts(text: str) -> tuple[int, int, int, int]:
    """The letter counts as the regexes took them before numpy did."""
    def run_chars(pattern: str) -> int:
        return sum(map(len, re.findall(pattern, text)))

    return (run_chars(r"[\u0400-\u04ff]+"), len(re.findall("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text)),
            run_chars(r"[A-Za-z\u00c0-\u024f]+"), run_chars(r"[\u0600-\u06ff]+"))


@pytest.mark.parametrize("text", [
    "", "a", KK_PARAGRAPH, RU_PARAGRAPH, EN_PARAGRAPH, "جاڭا وقۋ جىلى", "Zürich ǵ ý ɏ ɐ",
    "🎓 Қазақстан 𝔘niversity \ud800 \U0010ffff \uffff Ѐ ӿ Ԁ ؀ ۿ ݐ @[`{ ¿ ×",
])
def test_script_counts_equal_the_regex_counts(text: str) -> None:
    from indexer.text.language import _script_counts

    assert _script_counts(text) == _regex_counts(text)


def _odds_without_cache(model: WordModel, text: str) -> float:
    """kazakh_odds as it was first written: every n-gram of every word looked up in turn."""
    total = 0.0
    for word in re.findall(r"[\u0400-\u04ff]+", text.lower()):
        padded = f"^{word.replace('ё', 'е')}$"
        for n in range(1, min(model.order, len(padded)) + 1):
            for start in range(len(padded) - n + 1):
                total += model._ratio.get(padded[start : start + n], model._unseen[n - 1])
    return total


def test_word_model_odds_are_bit_for_bit_those_without_the_word_cache() -> None:
    model = WordModel(load_profiles().words)
    for text in (KK_PARAGRAPH, RU_PARAGRAPH, EN_PARAGRAPH, "Ёлка ёлке, бала балаға", "",
                 KK_PARAGRAPH + " " + RU_PARAGRAPH * 3):
        assert model.kazakh_odds(text) == _odds_without_cache(model, text)
