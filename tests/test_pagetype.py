"""Page type is decided by content: article URLs of every CMS are indexed, listings are not.

The URL shapes are examples of each CMS's scheme (WordPress, Joomla, Bitrix, Drupal,
ASP.NET, Tilda, the sites of Kazakhstan's universities and news media), not pages of any
crawl; the page bodies are the hand-written ones of :mod:`tests.pages`.
"""

from __future__ import annotations

import pytest

from indexer.extract.article import extract
from indexer.extract.pagetype import MIN_ARTICLE_CHARS, SKIP_KINDS, skip_kind, url_prior
from indexer.models import RawPage
from tests.pages import article_page, contacts_page, leads_listing, teaser_listing

ARTICLE_URLS = [
    # WordPress: post ids, dated permalinks, archives, AMP and tracking parameters
    "https://news.example.kz/?p=302511",
    "https://example.kz/ru/?p=4926&lang=ru",
    "https://example.kz/2023/10/12/studentter-olimpiadada/",
    "https://example.kz/archives/5954",
    "https://example.kz/studentter-olimpiadada/amp/",
    "https://example.kz/studentter-olimpiadada/?utm_source=telegram&utm_medium=social",
    # Joomla: component URLs in both parameter orders, SEF paths, print views
    "https://example.kz/index.php?option=com_content&view=article&id=3013",
    "https://example.kz/kz/?option=com_content&view=article&id=3013&Itemid=12",
    "https://example.kz/ru/?id=10935&option=com_content&view=article",
    "https://example.kz/index.php/kz/news/8777-kumis-olimpiadada",
    "https://example.kz/en/about-us/news/60-university/2126-ceremony.html"
    "?tmpl=component&print=1&layout=default",
    "https://example.kz/kz/news/item/16643-memorandum",
    # Bitrix: detail pages and element ids
    "https://example.kz/news/detail.php?ID=4512",
    "https://example.kz/press-center/news/12345/",
    "https://example.kz/ru/press-tsentr/novosti/?ELEMENT_ID=7726",
    "https://example.kz/news/index.php?ELEMENT_ID=77&sphrase_id=123",
    # Drupal
    "https://example.kz/node/123",
    "https://example.kz/ru/node/123",
    "https://example.kz/kk/zhanalyqtar/studentter-olimpiadada",
    # ASP.NET
    "https://example.kz/News.aspx?id=512",
    "https://example.kz/Default.aspx?tabid=55&newsid=77",
    "https://example.kz/ru/NewsDetails.aspx?NewsID=12",
    # Tilda
    "https://example.kz/tpost/abc123-studentter-olimpiadada",
    "https://example.kz/news/tpost/x1y2z3ab91-olimpiada",
    # Universities' and news media's own CMSs
    "https://kaznu.kz/ru/3/news/one/12345/",
    "https://enu.kz/ru/info/novosti-enu/12345/",
    "https://satbayev.university/ru/news/studenty-pobedili-na-olimpiade",
    "https://example.edu.kz/kz/news/studentter-olimpiadada",
    "https://example.edu.kz/en/5292/news",
    "https://example.edu.kz/ru/22296/press/",
    "https://example.edu.kz/en/2212/page/9393/news",
    "https://example.edu.kz/?id_news=12&page=news",
    "https://example.edu.kz/news/view?id=3700&lang=ru",
    "https://example.edu.kz/ru/all-news/news/389",
    "https://example.edu.kz/kz/newslist/education/olimpiada-zhuldegerleri",
    "https://example.kz/kz/ahbar/read/olimpiada-12671",
    "https://example.kz/kk/novosti/1720787719",
    "https://example.kz/ru/amp/novosti/1724239096",
    "https://example.kz/competition-52?irn=BR05236277",
    # a host with a trailing dot, percent-encoded Cyrillic
    "https://example.edu.kz./kz/5217/news",
    "https://example.kz/ru/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"
    "%D0%BE%D0%BB%D0%B8%D0%BC%D0%BF%D0%B8%D0%B0%D0%B4%D0%B0",
]

LISTING_URLS = [
    "https://example.kz/",
    "https://example.kz/kz/",
    "https://example.kz/ru/news/",
    "https://example.kz/kz/zhanalyqtar/",
    "https://example.kz/ru/press-center/news/",
    "https://example.kz/news/page/3/",
    "https://example.kz/ru/novosti/?PAGEN_1=2",
    "https://example.kz/en/news?start=40",
    "https://example.kz/index.php?option=com_content&view=category&id=9&limitstart=20",
    "https://example.kz/category/zhanalyqtar/",
    "https://example.kz/tag/olimpiada/",
    "https://example.kz/News.aspx",
    "https://example.kz/news/2023/05/",
    "https://example.kz/archive/2008/6?page=2",
]


def _extract(html: str, url: str):
    return extract(RawPage(url=url, body=html.encode("utf-8"), origin="test"))


@pytest.mark.parametrize("url", ARTICLE_URLS)
def test_article_body_is_an_article_whatever_the_url(url: str) -> None:
    article = _extract(article_page(), url)
    assert (article.is_article, article.skip_reason) == (True, "")
    assert article.lang == "kk" and len(article.text) < 600
    assert article.date is None or "/2023/10/12/" in url  # undated: indexed all the same


@pytest.mark.parametrize("url", ARTICLE_URLS)
def test_article_urls_carry_no_listing_prior(url: str) -> None:
    assert url_prior(url) == ""


@pytest.mark.parametrize("url", ARTICLE_URLS[:12] + LISTING_URLS)
def test_teaser_listing_is_left_out_with_a_reason_whatever_the_url(url: str) -> None:
    article = _extract(teaser_listing(), url)
    assert not article.is_article
    assert article.skip_reason == "listing: 6 teasers and no article body"


@pytest.mark.parametrize("url", LISTING_URLS)
def test_listing_urls_are_a_prior(url: str) -> None:
    assert url_prior(url) in ("home page", "section index", "paginated list", "tag page")


@pytest.mark.parametrize("url", LISTING_URLS)
def test_leads_without_links_at_a_listing_url_are_a_listing(url: str) -> None:
    article = _extract(leads_listing(), url)
    assert skip_kind(article.skip_reason) == "listing"
    assert article.skip_reason.startswith(f"listing: {url_prior(url)}")


@pytest.mark.parametrize("url", ARTICLE_URLS[:6])
def test_short_paragraphs_at_an_article_url_are_indexed(url: str) -> None:
    """The URL is a weak prior only: without it, short paragraphs are a story."""
    assert _extract(leads_listing(), url).is_article


@pytest.mark.parametrize(
    ("url", "kind"),
    [("https://example.kz/kz/contacts/", "service page"),
     ("https://example.kz/ru/kontakty", "service page"),
     ("https://example.kz/search/?q=olimpiada", "service page"),
     ("https://example.kz/kz/bailanys-2", "too little text")],
)
def test_contacts_page_is_left_out(url: str, kind: str) -> None:
    article = _extract(contacts_page(), url)
    assert not article.is_article and skip_kind(article.skip_reason) == kind
    assert skip_kind(article.skip_reason) in SKIP_KINDS


def test_latest_news_box_beside_a_short_story_is_no_listing() -> None:
    """Five headline links in a box of their own name hold too little of the page."""
    html = article_page()
    assert html.count('<li><a href="/kz/news/10') == 5
    assert _extract(html, "https://example.kz/kz/news/studentter-olimpiadada").is_article


@pytest.mark.parametrize("count", [1, 2])
def test_two_teasers_are_no_listing(count: int) -> None:
    """A page with one or two linked items is judged on its text, not as a listing."""
    article = _extract(teaser_listing(count), "https://example.kz/kz/news/olimpiada")
    assert skip_kind(article.skip_reason) != "listing"


def test_listicle_linking_out_is_no_listing() -> None:
    """Items whose headline links leave the site (shops, maps) are not teasers."""
    html = teaser_listing().replace('href="/kz/news/', 'href="https://shop.example.com/p/')
    article = _extract(html, "https://example.kz/kz/news/olimpiada")
    assert skip_kind(article.skip_reason) != "listing"


@pytest.mark.parametrize("chars", [MIN_ARTICLE_CHARS - 30, MIN_ARTICLE_CHARS + 30])
def test_too_little_text(chars: int) -> None:
    sentence = "Студенттер олимпиадада жүлделі орын алды. "
    body = f"<h1>Олимпиада</h1><p>{(sentence * 10)[:chars].strip()}</p>"
    html = article_page().replace(article_page().split("<main>")[1].split("<div")[0], body)
    article = _extract(html, "https://example.kz/kz/news/olimpiada")
    assert article.is_article == (len(article.text) >= MIN_ARTICLE_CHARS)


WRAPPED = ["Университеттің студенттері халықаралық",
           "ботаника олимпиадасында жүлделі орын алып, елімізге",
           "үш күміс және екі қола медаль әкелді.",
           "Олимпиадаға он екі елден жүзден астам",
           "студент қатысып, үш кезеңде сынға түсті.",
           "Жеңімпаздарды университет ректоры құттықтап,",
           "оларға арнайы сыйлықтар табыс етті."]


@pytest.mark.parametrize("wrapped", [True, False])
def test_a_story_broken_into_short_lines_is_an_article(wrapped: bool) -> None:
    lines = WRAPPED if wrapped else [line.rstrip(",") + "." for line in WRAPPED]
    body = "<h1>Олимпиада</h1>" + "".join(f"<p>{line}</p>" for line in lines)
    html = article_page().replace(article_page().split("<main>")[1].split("<div")[0], body)
    article = _extract(html, "https://example.kz/kz/news/olimpiada")
    # lines broken inside sentences are running text; a column of full stops is not
    assert article.is_article == wrapped
    assert wrapped or skip_kind(article.skip_reason) == "no prose"
