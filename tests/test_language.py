"""Tests for indexer.text.language."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.text.language import (
    LANGUAGES,
    PROFILE_DIR,
    LanguageDetector,
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


def test_profiles_are_committed_for_the_three_languages() -> None:
    assert sorted(p.name for p in PROFILE_DIR.iterdir() if p.name in LANGUAGES) == [
        "en", "kk", "ru",
    ]
    assert len(load_profiles()) == 3


def test_language_detector_rejects_missing_profiles() -> None:
    kk, ru, _ = load_profiles()
    with pytest.raises(ValueError, match="missing"):
        LanguageDetector([kk, ru])


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
