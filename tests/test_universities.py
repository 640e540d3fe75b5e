"""Tests of the university registry (indexer.extract.universities)."""

from __future__ import annotations

import pytest

from indexer.extract.universities import display_name, lookup, registry, university_id


@pytest.mark.parametrize(
    ("host", "uid"),
    [
        ("kaznu.kz", "kaznu"), ("www.kaznu.kz", "kaznu"), ("news.kaznu.kz", "kaznu"),
        ("enu.kz", "enu"), ("vku.edu.kz", "vku"), ("www.ektu.kz", "ektu"),
        ("shakarim.kz", "shakarim"), ("korkyt.kz", "korkyt"), ("zhetysu.edu.kz", "zhetysu"),
        ("satbayev.university", "satbayev"), ("nu.edu.kz", "nu"), ("kazguu.kz", "mnu"),
        ("https://WWW.SDU.EDU.KZ:443/en/news", "sdu"),
    ],
)
def test_university_id_known(host: str, uid: str) -> None:
    assert university_id(host) == uid


@pytest.mark.parametrize(
    ("host", "fallback"),
    [("www.example.kz", "example.kz"), ("news.example.edu.kz", "example.edu.kz")],
)
def test_university_id_falls_back_to_domain(host: str, fallback: str) -> None:
    assert university_id(host) == fallback


def test_lookup_does_not_match_suffix_lookalike() -> None:
    assert lookup("notkaznu.kz") is None


@pytest.mark.parametrize(
    ("locale", "name"),
    [
        ("en", "Al-Farabi Kazakh National University"),
        ("kk", "Әл-Фараби атындағы Қазақ ұлттық университеті"),
        ("ru", "Казахский национальный университет имени аль-Фараби"),
    ],
)
def test_display_name_locales(locale: str, name: str) -> None:
    assert display_name("kaznu", locale) == name


def test_display_name_unknown_id() -> None:
    assert display_name("example.kz", "kk") == "example.kz"


def test_registry_entries_complete() -> None:
    for uni in registry().values():
        assert set(uni.names) == {"kk", "ru", "en"} and uni.domains
