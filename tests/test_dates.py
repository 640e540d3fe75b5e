"""Tests of indexer.dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml.html import document_fromstring

from indexer.dates import find_date, month_number, parse_date, url_date

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
