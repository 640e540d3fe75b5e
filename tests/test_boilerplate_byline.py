"""A short line naming a person beside the story is article text; chrome labels are not."""

from __future__ import annotations

import pytest

from indexer.extract.article import extract
from indexer.extract.boilerplate_byline import is_byline
from indexer.models import RawPage

PARAGRAPHS = {
    "kk": "Университетте студенттердің ғылыми конференциясы өтіп, жас зерттеушілер өз "
          "жобаларын қорғады. Қазылар алқасы үздік баяндамаларды атап өтті.",
    "ru": "В университете прошла студенческая научная конференция, молодые исследователи "
          "представили свои проекты. Жюри отметило лучшие доклады участников.",
    "en": "The university hosted a student research conference where young researchers "
          "presented their projects. The jury named the best talks of the day.",
}


@pytest.mark.parametrize(
    "line",
    [
        "Айгерим Нурланова, студентка 3 курса",
        "Дайындаған: Айгүл Серікқызы",
        "Марина КУАНЫШЕВА",
        "Ербол ЕРБОЛАТ,",
        "Автор: А. Петров",
        "By Jane Smith",
        "Dana Omarova, PhD student",
        "Ольга Ким-Ли",
    ],
)
def test_names_a_person(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related Stories",
        "Share This Story",
        "Главная  Новости",
        "ОБЩИЕ СВЕДЕНИЯ",
        "Наверх Наверх",
        "Application Priorities",
        "Қазақстан Республикасы Үкіметінің",
        "Пресс-служба университета",
        "Жаңалықтар",
        "Студенты отметили праздник вместе с преподавателями кафедры",
        "Айгерим Нурланова, " + "очень длинное описание " * 6,
    ],
)
def test_not_a_person(line: str) -> None:
    assert not is_byline(line)


def _page(lang: str, closing: str, opening: str = "") -> RawPage:
    story = "".join(f"<p>{PARAGRAPHS[lang]} {i}</p>" for i in range(5))
    html = (
        "<html><head><title>Конференция</title></head><body><main><article>"
        f"<h1>Конференция</h1><p>{opening}</p>{story}<p>{closing}</p>"
        "</article></main></body></html>"
    )
    return RawPage(url="https://example.kz/news/1", body=html.encode("utf-8"))


@pytest.mark.parametrize(
    ("lang", "closing"),
    [("kk", "Дайындаған: Айгүл Серікқызы"), ("ru", "Айгерим Нурланова, студентка 3 курса"),
     ("en", "Dana Omarova, PhD student"), ("ru", "Марина КУАНЫШЕВА")],
)
def test_closing_signature_kept(lang: str, closing: str) -> None:
    assert extract(_page(lang, closing)).text.endswith(closing)


@pytest.mark.parametrize(("lang", "opening"), [("ru", "Наталия Цой"), ("en", "By Jane Smith")])
def test_opening_byline_kept(lang: str, opening: str) -> None:
    assert extract(_page(lang, "", opening)).text.startswith(opening)


@pytest.mark.parametrize(("lang", "closing"), [("en", "Related Stories"),
                                               ("ru", "Главная  Новости")])
def test_closing_label_dropped(lang: str, closing: str) -> None:
    assert closing not in extract(_page(lang, closing)).text
