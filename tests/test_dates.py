"""Tests of indexer.extract.dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml.html import document_fromstring

from indexer.extract.dates import find_date, month_number, parse_date, url_date

D = date(2023, 10, 12)


@pytest.mark.parametrize(
    "text",
    [
        "12 қазан 2023 ж.", "2023 жылғы 12 қазанда", "2023 ж. 12 қазан", "12-қазан, 2023",
        "12 октября 2023 г.", "12.10.2023", "Октябрь 12, 2023", "12 October 2023",
        "October 12, 2023", "Oct 12, 2023", "2023-10-12", "Жарияланды: 12 қазан 2023 ж. 10:00",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == D


@pytest.mark.parametrize(
    ("word", "month"),
    [("қаңтарда", 1), ("ақпанның", 2), ("наурыздағы", 3), ("сәуірде", 4), ("мамыры", 5),
     ("маусымда", 6), ("шілдеде", 7), ("тамызда", 8), ("қыркүйектің", 9), ("қазанда", 10),
     ("қарашада", 11), ("желтоқсанда", 12), ("мая", 5), ("марта", 3), ("Sept", 9)],
)
def test_month_number_case_forms(word: str, month: int) -> None:
    assert month_number(word) == month


def test_parse_date_us_order_for_english() -> None:
    assert parse_date("10/12/2023", lang="en") == D


@pytest.mark.parametrize("text", ["", "no date here", "31.02.2023", "12 октября 1985 г."])
def test_parse_date_rejects_missing_or_impossible(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_rejects_future() -> None:
    future = date.today() + timedelta(days=30)
    assert parse_date(future.strftime("%d.%m.%Y")) is None


def test_url_date() -> None:
    assert url_date("https://enu.kz/news/2023/10/12/slug") == D


# Every case form of every Kazakh month (nominative, genitive, dative, accusative, locative,
# ablative, instrumental), with vowel harmony and consonant assimilation as written.
KK_MONTH_FORMS = {
    1: "қаңтар қаңтардың қаңтарға қаңтарды қаңтарда қаңтардан қаңтармен",
    2: "ақпан ақпанның ақпанға ақпанды ақпанда ақпаннан ақпанмен",
    3: "наурыз наурыздың наурызға наурызды наурызда наурыздан наурызбен",
    4: "сәуір сәуірдің сәуірге сәуірді сәуірде сәуірден сәуірмен",
    5: "мамыр мамырдың мамырға мамырды мамырда мамырдан мамырмен",
    6: "маусым маусымның маусымға маусымды маусымда маусымнан маусыммен",
    7: "шілде шілденің шілдеге шілдені шілдеде шілдеден шілдемен",
    8: "тамыз тамыздың тамызға тамызды тамызда тамыздан тамызбен",
    9: "қыркүйек қыркүйектің қыркүйекке қыркүйекті қыркүйекте қыркүйектен қыркүйекпен",
    10: "қазан қазанның қазанға қазанды қазанда қазаннан қазанмен",
    11: "қараша қарашаның қарашаға қарашаны қарашада қарашадан қарашамен",
    12: "желтоқсан желтоқсанның желтоқсанға желтоқсанды желтоқсанда желтоқсаннан желтоқсанмен",
}
KK_CASES = [(m, form) for m, forms in KK_MONTH_FORMS.items() for form in forms.split()]


@pytest.mark.parametrize(("month", "form"), KK_CASES)
def test_kazakh_month_every_case_form(month: int, form: str) -> None:
    assert month_number(form) == month
    assert month_number(form.capitalize()) == month


@pytest.mark.parametrize("month", range(1, 13))
def test_kazakh_long_date_every_month(month: int) -> None:
    locative = KK_MONTH_FORMS[month].split()[4]
    nominative = KK_MONTH_FORMS[month].split()[0]
    want = date(2022, month, 12)
    assert parse_date(f"2022 жылғы 12 {locative}") == want
    assert parse_date(f"12 {nominative} 2022 ж.") == want


RU_GENITIVE = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
RU_NOMINATIVE = "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь"
EN_MONTHS = "January February March April May June July August September October November December"


@pytest.mark.parametrize("month", range(1, 13))
def test_russian_dates_every_month(month: int) -> None:
    want = date(2022, month, 12)
    assert parse_date(f"12 {RU_GENITIVE.split()[month - 1]} 2022 г.") == want
    assert parse_date(f"{RU_NOMINATIVE.split()[month - 1]} 12, 2022") == want
    assert parse_date(f"12.{month:02d}.2022") == want


@pytest.mark.parametrize("month", range(1, 13))
def test_english_dates_both_orders(month: int) -> None:
    name = EN_MONTHS.split()[month - 1]
    want = date(2022, month, 12)
    assert parse_date(f"12 {name} 2022") == want
    assert parse_date(f"{name} 12, 2022") == want


def test_day_month_order_is_european_outside_english() -> None:
    assert parse_date("10/12/2023", lang="ru") in (None, date(2023, 12, 10))


def _root(head: str = "", body: str = ""):
    return document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_find_date_prefers_meta() -> None:
    root = _root('<meta property="article:published_time" content="2023-10-12T09:00:00+06:00">',
                 "<h1>T</h1><p>1 May 2020</p>")
    assert find_date(root, "https://x.kz/a", "T") == D


def test_find_date_jsonld() -> None:
    root = _root('<script type="application/ld+json">{"datePublished": "2023-10-12"}</script>')
    assert find_date(root, "https://x.kz/a") == D


def test_find_date_time_element() -> None:
    assert find_date(_root(body='<time datetime="2023-10-12">12.10</time>'), "https://x.kz/a") == D


def test_find_date_text_near_title() -> None:
    root = _root(body="<h1>Жаңа зертхана</h1><span>2023 жылғы 12 қазанда</span><p>Мәтін</p>")
    assert find_date(root, "https://x.kz/a", "Жаңа зертхана") == D


def test_find_date_none_without_date() -> None:
    assert find_date(_root(body="<h1>T</h1><p>No date.</p>"), "https://x.kz/a", "T") is None
