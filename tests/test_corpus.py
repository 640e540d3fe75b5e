"""Checks of the demo crawl in corpus/ against its TRUTH.jsonl (files only, no indexer)."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
TRUTH = CORPUS / "TRUTH.jsonl"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
MONTHS = {
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"),
    "ru": ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
DATE_PATTERNS = (
    r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2} [A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+ \d{4}\b",
    r"\b[A-Za-zА-Яа-яЁё]+ \d{1,2}, \d{4}\b", r"\b\d{4} жылғы \d{1,2} \w+",
)

pytestmark = pytest.mark.skipif(not TRUTH.exists(), reason="corpus not generated")


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    return [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles(truth: list[dict]) -> list[dict]:
    return [t for t in truth if t["is_article"]]


def raw(record: dict) -> bytes:
    data = (CORPUS / record["path"]).read_bytes()
    return gzip.decompress(data) if record["path"].endswith(".gz") else data


def declared_charset(data: bytes) -> str:
    found = re.search(rb"""charset=["']?([\w-]+)""", data[:2048])
    return found.group(1).decode("ascii").lower() if found else "utf-8"


def text_of(record: dict) -> str:
    data = raw(record)
    return data.decode(declared_charset(data))


def soup_of(record: dict) -> BeautifulSoup:
    return BeautifulSoup(text_of(record), "lxml")


def date_forms(day: date, lang: str) -> list[str]:
    """Ways the pages may write ``day`` (independent of the generator's code)."""
    forms = [day.isoformat(), f"{day.day:02d}.{day.month:02d}.{day.year}",
             f"/{day.year}/{day.month:02d}/{day.day:02d}/"]
    if lang == "en":
        month = MONTHS["en"][day.month - 1]
        forms += [f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"]
    elif lang == "ru":
        forms += [f"{day.day} {MONTHS['ru'][day.month - 1]}", f"{day.day}, {day.year}"]
    else:
        forms += [f"{day.day} {MONTHS['kk'][day.month - 1]}"]
    return forms


def test_truth_lists_every_file(truth: list[dict]) -> None:
    files = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file()}
    assert files - {"TRUTH.jsonl", "README.md"} == {t["path"] for t in truth}


def test_truth_url_derived_from_path(truth: list[dict]) -> None:
    for t in truth:
        path = t["path"].removesuffix(".gz")
        path = path.removesuffix("index.html") if path.endswith("/index.html") else path
        assert t["url"] == f"https://{path}"


def test_at_least_150_pages(truth: list[dict]) -> None:
    assert len(truth) >= 150


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_at_least_40_articles_per_language(articles: list[dict], lang: str) -> None:
    assert sum(t["lang"] == lang for t in articles) >= 40


def test_stories_span_five_years(articles: list[dict]) -> None:
    years = {int(t["date"][:4]) for t in articles}
    assert len(years) >= 5 and min(years) >= 2019 and max(years) <= 2025


def test_each_university_spans_four_years(articles: list[dict]) -> None:
    years = defaultdict(set)
    for t in articles:
        years[t["university"]].add(t["date"][:4])
    assert len(years) >= 6
    assert all(len(y) >= 4 for y in years.values())


def test_at_least_20_multilingual_stories(articles: list[dict]) -> None:
    versions = Counter(t["story"] for t in articles)
    assert sum(n >= 2 for n in versions.values()) >= 20


def test_article_titles_are_unique(articles: list[dict]) -> None:
    titles = Counter(t["title"] for t in articles)
    assert [t for t, n in titles.items() if n > 1] == []


def test_article_h1_is_the_title(articles: list[dict]) -> None:
    for t in articles:
        assert soup_of(t).h1.get_text(strip=True) == t["title"], t["path"]


def test_title_tag_has_site_suffix(articles: list[dict]) -> None:
    for t in articles:
        full = soup_of(t).title.get_text()
        assert full.startswith(t["title"]) and len(full) > len(t["title"]) + 2, t["path"]


def test_article_date_is_written_in_page(articles: list[dict]) -> None:
    for t in articles:
        text = text_of(t) + t["url"]
        assert any(f in text for f in date_forms(date.fromisoformat(t["date"]), t["lang"])), \
            t["path"]


def _story_urls(articles: list[dict]) -> dict[str, dict[str, str]]:
    urls: dict[str, dict[str, str]] = defaultdict(dict)
    for t in articles:
        urls[t["story"]][t["lang"]] = t["url"]
    return urls


def test_hreflang_links_versions_on_most_sites(articles: list[dict]) -> None:
    urls = _story_urls(articles)
    with_links, without = set(), set()
    for t in articles:
        if len(urls[t["story"]]) < 2:
            continue
        links = {a["hreflang"]: a["href"] for a in soup_of(t).find_all("link", hreflang=True)}
        if links:
            assert links == urls[t["story"]], t["path"]
            with_links.add(t["university"])
        else:
            without.add(t["university"])
    assert len(with_links) >= 4 and 1 <= len(without - with_links) <= 2


def test_language_switcher_points_to_versions(articles: list[dict]) -> None:
    urls = _story_urls(articles)
    for t in articles:
        hrefs = {a["href"] for a in soup_of(t).find_all("a", lang=True)}
        assert set(urls[t["story"]].values()) <= hrefs, t["path"]


def test_one_site_serves_ru_and_en_in_windows_1251(truth: list[dict]) -> None:
    pages = [t for t in truth if not t["broken"] and t["lang"] in ("ru", "en")]
    by_site = defaultdict(set)
    for t in pages:
        by_site[t["university"]].add(declared_charset(raw(t)))
    cp1251 = [uid for uid, cs in by_site.items() if cs == {"windows-1251"}]
    assert cp1251
    for t in pages:
        if t["university"] == cp1251[0] and t["lang"] == "ru":
            with pytest.raises(UnicodeDecodeError):
                raw(t).decode("utf-8")
            assert t["title"] in raw(t).decode("cp1251")


def test_kazakh_pages_of_cp1251_site_stay_utf8(truth: list[dict]) -> None:
    kk = [t for t in truth if t["lang"] == "kk" and t["is_article"]
          and any(declared_charset(raw(o)) == "windows-1251"
                  for o in truth if o["university"] == t["university"] and o["lang"] == "ru")]
    assert kk
    for t in kk:
        assert declared_charset(raw(t)) == "utf-8" and KAZAKH_LETTERS & set(text_of(t))


def test_one_koi8r_page(truth: list[dict]) -> None:
    koi = [t for t in truth if not t["broken"] and declared_charset(raw(t)) == "koi8-r"]
    assert len(koi) == 1
    assert koi[0]["title"] in raw(koi[0]).decode("koi8-r")


def test_broken_pages_cover_each_kind(truth: list[dict]) -> None:
    broken = [(t, (CORPUS / t["path"]).read_bytes()) for t in truth if t["broken"]]
    kinds = set()
    for t, data in broken:
        assert t["title"] is None and not t["is_article"] and t["lang"] is None
        if not data:
            kinds.add("empty")
        elif data[:8] == b"\x89PNG\r\n\x1a\n" or data[:2] == b"\xff\xd8":
            kinds.add("binary")
        elif t["path"].endswith(".gz"):
            with pytest.raises((OSError, EOFError, zlib.error)):
                gzip.decompress(data)
            kinds.add("gzip")
        elif data.lstrip().startswith(b"<!"):
            assert b"<body" not in data and b"</head>" not in data
            kinds.add("truncated")
        else:
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            kinds.add("undecodable")
    assert len(broken) >= 5
    assert kinds == {"empty", "binary", "gzip", "truncated", "undecodable"}


def test_non_article_pages(truth: list[dict]) -> None:
    others = [t for t in truth if not t["is_article"] and not t["broken"]]
    assert len(others) >= 15
    assert all(t["story"] is None and t["date"] is None for t in others)
    listings = {t["university"] for t in others if t["url"].endswith("/news/")}
    assert len(listings) >= 6


def test_listing_pages_list_many_titles(truth: list[dict], articles: list[dict]) -> None:
    for t in truth:
        if not t["is_article"] and not t["broken"] and t["url"].endswith("/news/"):
            text = text_of(t)
            listed = [a for a in articles if a["university"] == t["university"]
                      and a["lang"] == t["lang"] and a["title"] in text]
            assert len(listed) >= 3, t["path"]


def test_canonical_links_match_truth(truth: list[dict]) -> None:
    with_canonical = 0
    for t in truth:
        if t["broken"]:
            continue
        link = soup_of(t).find("link", rel="canonical")
        assert (link["href"] if link else None) == t["canonical"], t["path"]
        if t["canonical"]:
            with_canonical += 1
            assert t["canonical"] != t["url"]
    assert with_canonical >= 3


def _strip_story_text(t: dict) -> str:
    """Page text without paragraphs (story text may mention dates) and captions."""
    soup = soup_of(t)
    for node in soup.find_all(["p", "figcaption", "img", "script", "small"]):
        node.decompose()
    return soup.get_text(" ")


def _machine_dates(t: dict) -> bool:
    html = text_of(t)
    return "published_time" in html or "ld+json" in html or "<time" in html


def test_text_only_dates_are_unambiguous(articles: list[dict]) -> None:
    checked = set()
    for t in articles:
        if _machine_dates(t) or re.search(r"/\d{4}/\d{2}/\d{2}/", t["url"]):
            continue
        text = _strip_story_text(t)
        found = [m for p in DATE_PATTERNS for m in re.findall(p, text)]
        assert found, t["path"]
        forms = date_forms(date.fromisoformat(t["date"]), t["lang"])
        assert all(any(f in m or m in f for f in forms) for m in found), (t["path"], found)
        checked.add(t["university"])
    assert len(checked) >= 2


def test_one_site_dates_only_in_url(articles: list[dict]) -> None:
    url_only = defaultdict(list)
    for t in articles:
        text = _strip_story_text(t)
        url_only[t["university"]].append(
            not _machine_dates(t) and not any(re.search(p, text) for p in DATE_PATTERNS)
            and bool(re.search(r"/\d{4}/\d{2}/\d{2}/", t["url"])))
    assert any(all(flags) for flags in url_only.values())


@pytest.mark.parametrize("marker", ["share", "services", "cookie", "copyright", "phone"])
def test_article_pages_carry_boilerplate(articles: list[dict], marker: str) -> None:
    words = {"share": ("Бөлісу", "Поделиться", "Share"),
             "services": ("Қызметтер", "Сервисы", "Services available"),
             "cookie": ("cookie",), "copyright": ("©",), "phone": ("+7 7",)}[marker]
    for t in articles:
        text = soup_of(t).get_text()
        assert any(w in text for w in words), (t["path"], marker)


def test_kazakh_articles_use_kazakh_letters(articles: list[dict]) -> None:
    for t in articles:
        if t["lang"] == "kk":
            body = " ".join(p.get_text() for p in soup_of(t).find_all("p"))
            assert len(KAZAKH_LETTERS & set(body)) >= 4, t["path"]


@pytest.mark.parametrize(("uid", "lang", "phrase"), [
    ("kaznu", "en", "Rukhani Zhangyru"), ("kaznu", "kk", "Рухани жаңғыру"),
    ("enu", "ru", "Гумилёв"), ("enu", "en", "Gumilyov"), ("enu", "kk", "Гумилев"),
    (None, "kk", "университеттерінде"),
])
def test_required_phrases(articles: list[dict], uid: str | None, lang: str, phrase: str) -> None:
    assert any(phrase in text_of(t) for t in articles
               if t["lang"] == lang and uid in (None, t["university"]))


def test_file_kinds_like_wget(truth: list[dict]) -> None:
    paths = [t["path"] for t in truth if not t["broken"]]
    assert sum(p.endswith(".htm") for p in paths) >= 2
    assert sum(p.endswith(".html.gz") for p in paths) >= 2
    assert sum(p.endswith("/index.html") for p in paths) >= 10
    assert any(p.startswith("www.") for p in paths)


def test_generator_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import make_corpus

    assert make_corpus.main(["--out-dir", str(tmp_path)]) == 0
    fresh = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    shipped = {p.relative_to(CORPUS): p.read_bytes() for p in CORPUS.rglob("*") if p.is_file()}
    assert fresh == shipped
