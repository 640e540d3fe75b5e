"""Titles: the site's name goes, a dash inside a headline stays."""

from __future__ import annotations

import pytest

from indexer.extract.article import extract
from indexer.extract.boilerplate import parse_html
from indexer.extract.html_tree import meta_index
from indexer.extract.templates import learn_templates
from indexer.extract.titles import find_title, site_name_test, strip_site_name, title_ends
from indexer.models import RawPage

BODY = "<p>" + "Мәтін жолы, оқиға туралы толық әңгіме. " * 12 + "</p>"


def _page(head: str = "", h1: str | None = None) -> str:
    heading = f"<h1>{h1}</h1>" if h1 is not None else ""
    return f"<html><head>{head}</head><body><article>{heading}{BODY}</article></body></html>"


def _title(html: str, url: str = "https://example.kz/news/1") -> str:
    root = parse_html(html)
    return find_title(root, meta_index(root), url)


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        ("Знания – это капитал", "Знания – это капитал"),
        ("Ғылым – болашақ кілті", "Ғылым – болашақ кілті"),
        ("Science - the key to the future", "Science - the key to the future"),
        ("Olga Petrova | Notes on a winter school", "Olga Petrova | Notes on a winter school"),
    ],
)
def test_h1_is_never_cut(h1: str, expected: str) -> None:
    head = f"<title>{h1} | Example University</title>"
    assert _title(_page(head, h1)) == expected


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        # og:site_name names the site
        ('<meta property="og:site_name" content="Dala News"><title>Жаңа зертхана ашылды – '
         "Dala News</title>", "https://dala.kz/a/1", "Жаңа зертхана ашылды"),
        ('<meta property="og:site_name" content="Dala News"><title>Dala News — Студенты '
         "победили в олимпиаде</title>", "https://dala.kz/a/1", "Студенты победили в олимпиаде"),
        # the host names the site
        ("<title>Наука – это реально | stepnews.kz — Новостной портал</title>",
         "https://stepnews.kz/a/2", "Наука – это реально"),
        ("<title>Stepnews.kz - Наука – это реально</title>", "https://stepnews.kz/a/2",
         "Наука – это реально"),
        # the registry names the university of the host
        ("<title>Winter school opens - Al-Farabi KazNU</title>", "https://www.kaznu.kz/en/3",
         "Winter school opens"),
        # nothing says which part is the site's name: the dash stays
        ("<title>Знания – это капитал</title>", "https://dala.kz/a/1", "Знания – это капитал"),
        ("<title>Ғылым – болашақ кілті</title>", "https://dala.kz/a/1", "Ғылым – болашақ кілті"),
        ("<title>Lessons learnt - a rector's view</title>", "https://dala.kz/a/1",
         "Lessons learnt - a rector's view"),
    ],
)
def test_head_title_loses_only_the_site_name(head: str, url: str, expected: str) -> None:
    assert _title(_page(head), url) == expected


@pytest.mark.parametrize(
    ("og", "h1", "expected"),
    [
        ("Стипендия өсті | Таңдау", "Стипендия өсті", "Стипендия өсті"),
        ("Таңдау :: Стипендия өсті", "Стипендия өсті", "Стипендия өсті"),
        ("Стипендия – өсті", "Басқа тақырып", "Стипендия – өсті"),
    ],
)
def test_og_title_trimmed_to_the_h1(og: str, h1: str, expected: str) -> None:
    head = f'<meta property="og:title" content="{og}">'
    assert _title(_page(head, h1)) == expected


def _is_dala(part: str) -> bool:
    return part == "Dala"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Headline | Section | Dala", "Headline | Section"),
        ("Dala - Headline - with a dash", "Headline - with a dash"),
        ("Dala | Dala", "Dala"),
        ("Headline – more of it", "Headline – more of it"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, _is_dala) == expected


@pytest.mark.parametrize(
    ("part", "is_name"),
    [("Al-Farabi KazNU", True), ("KazNU", True), ("это капитал", False), ("Kazakhstan", False),
     ("kaznu.kz", True), ("KazNU wins the cup", False),
     ("Al-Farabi Kazakh National University — News", True),
     ("Студенты КазНУ победили в олимпиаде по физике", False)],
)
def test_site_name_test_for_a_registered_university(part: str, is_name: bool) -> None:
    assert site_name_test("kaznu.kz")(part) is is_name


def test_title_ends() -> None:
    assert title_ends("A – b | Site") == {"A – b", "Site", "A", "b | Site"}
    assert title_ends("No separator") == set()


def _site_pages(n: int, suffix: str) -> list[RawPage]:
    topics = ["маңызды оқиға", "жаңа зертхана", "қысқы мектеп", "ғылым күні", "спорт ойыны",
              "түлектер кеші", "кітап көрмесі"]
    headlines = [f"Жаңалық {i} – {topics[i]}" for i in range(n)]
    return [
        RawPage(url=f"https://dalauni.kz/news/{i}",
                body=_page(f"<title>{h}{suffix}</title>").encode("utf-8"))
        for i, h in enumerate(headlines)
    ]


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [(" | Дала университеті", "Жаңалық 0 – маңызды оқиға"),
     (" – Дала университеті", "Жаңалық 0 – маңызды оқиға"),
     ("", "Жаңалық 0 – маңызды оқиға")],
)
def test_title_suffix_learnt_from_the_crawl(suffix: str, expected: str) -> None:
    pages = _site_pages(6, suffix)
    model = learn_templates(pages)
    assert extract(pages[0], model).title == expected
    # without the crawl nothing says "Дала университеті" is the site's name
    assert extract(pages[0]).title == f"Жаңалық 0 – маңызды оқиға{suffix}"


@pytest.mark.parametrize(
    ("headline", "repeat_tag", "kept"),
    [("Ғылым – болашақ кілті", "p", True), ("Наука – ключ к будущему", "p", True),
     ("Science – the key to the future", "h2", False)],
)
def test_headline_repeated_as_a_paragraph_is_text(
    headline: str, repeat_tag: str, kept: bool
) -> None:
    html = (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            f"<{repeat_tag}>{headline}</{repeat_tag}>{BODY}</article></body></html>")
    article = extract(RawPage(url="https://example.kz/news/7", body=html.encode("utf-8")))
    assert article.title == headline
    assert article.text.startswith(headline) is kept
    assert article.text.count(headline) == int(kept)


@pytest.mark.parametrize(
    "headline",
    ["Жаз мезгілінде университеттің жаңа жатақханасы ашылып, жүздеген студент жайлы әрі жарық "
     "бөлмелерге қоныстанды",
     "Летом в университете открылось новое общежитие, и сотни студентов заселились в удобные "
     "и светлые комнаты"],
)
def test_long_headline_repeated_as_a_paragraph_is_no_duplicate(headline: str) -> None:
    assert len(headline) >= 100  # as long as a paragraph whose repeat is a duplicate
    html = (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            f"<p>{headline}</p>{BODY}</article></body></html>")
    article = extract(RawPage(url="https://example.kz/news/8", body=html.encode("utf-8")))
    assert article.text.startswith(headline + "\n\n")


@pytest.mark.parametrize(
    ("lead", "dropped"),
    [("Басты бет / Жаңалықтар / ", True), ("Главная » Новости » ", True),
     ("Home - News - ", True), ("Home | ", True),
     ("ALMATY. 13 May. Press center - ", False), ("АСТАНА. Сегодня ", False)],
)
def test_trail_ending_with_the_title(lead: str, dropped: bool) -> None:
    headline = "Students won the regional debate cup"
    html = (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            f"<p>{lead}{headline}</p>{BODY}</article></body></html>")
    article = extract(RawPage(url="https://example.kz/news/9", body=html.encode("utf-8")))
    assert (lead.strip() in article.text) is not dropped
