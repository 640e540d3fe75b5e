"""Field syntax in the query string."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.search.querylang import split_filters


def test_filter_fields_are_taken_out_of_the_text() -> None:
    parsed = split_filters("университет university:enu,kaznu lang:kk year:2021..2023")
    assert parsed.text == "университет"
    assert parsed.universities == ["enu", "kaznu"]
    assert parsed.langs == ["kk"]
    assert parsed.years == ["2021", "2022", "2023"]
    assert parsed.notices == []


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("2023-09..2024-06", date(2023, 9, 1), date(2024, 6, 30)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-09-15..", date(2023, 9, 15), None),
        ("..2020", None, date(2020, 12, 31)),
    ],
)
def test_date_ranges(value: str, low: date | None, high: date | None) -> None:
    parsed = split_filters(f"грант date:{value}")
    assert (parsed.date_from, parsed.date_to) == (low, high)
    assert parsed.text == "грант"


@pytest.mark.parametrize("value", ["2024-13", "abc", "2024..2020", "2024-02-30"])
def test_bad_dates_become_notices(value: str) -> None:
    parsed = split_filters(f"грант date:{value}")
    assert parsed.text == "грант"
    assert parsed.notices and "date:" in parsed.notices[0]


def test_kazakh_and_russian_field_names() -> None:
    parsed = split_filters("жыл:2022 язык:ru тақырып:грант")
    assert parsed.years == ["2022"] and parsed.langs == ["ru"]
    assert "title_kk:грант" in parsed.text


def test_unknown_field_is_searched_as_words() -> None:
    parsed = split_filters("foo:bar baz")
    assert parsed.text == "foo bar baz"
    assert "unknown field 'foo:'" in parsed.notices[0]


def test_empty_field_value_is_a_notice() -> None:
    parsed = split_filters("lang: грант")
    assert parsed.text == "грант" and "needs a value" in parsed.notices[0]
