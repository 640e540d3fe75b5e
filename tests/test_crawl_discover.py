"""Crawl discovery and politeness: sitemaps, feeds, links, seeds, Retry-After, Crawl-delay."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from bench._site import Site, serve
from indexer.crawl import CrawlOptions, FetchOptions, crawl
from indexer.crawl.crawler import seed_sections
from indexer.crawl.discover import feed_links, html_links, language_variants, sitemap_links
from indexer.crawl.fetch import retry_after, user_agent
from indexer.crawl.seeds import registry_seeds

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://enu.kz/sitemap-news.xml</loc></sitemap>
<sitemap><loc>https://enu.kz/sitemap-pages.xml</loc></sitemap>
</sitemapindex>"""
NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://enu.kz/ru/press/news/new</loc><news:news>
  <news:publication><news:name>ENU</news:name><news:language>ru</news:language></news:publication>
  <news:publication_date>2025-11-20</news:publication_date><news:title>New</news:title>
</news:news></url>
<url><loc>https://enu.kz/ru/press/news/old</loc><lastmod>2019-03-01</lastmod></url>
</urlset>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>New</title><link>https://kaznu.kz/en/news/new</link>
<pubDate>Thu, 20 Nov 2025 10:00:00 GMT</pubDate></item>
<item><title>Old</title><link>/en/news/old</link><pubDate>Fri, 01 Mar 2019 10:00:00 GMT</pubDate>
</item></channel></rss>"""
PAGE = b"""<html><head><link rel="canonical" href="/kz/news/1#top">
<link rel="alternate" type="application/rss+xml" href="/kz/rss.xml">
<link rel="alternate" hreflang="ru" href="https://kaznu.kz/ru/news/1">
<link rel="stylesheet" href="/s.css"></head>
<body><a href="2">next</a><a href="mailto:a@b.kz">mail</a><a href="javascript:void(0)">x</a>
<a href="/upload/rules.PDF">rules</a><a href="/i/photo.jpg#x">photo</a>
</body></html>"""


def test_sitemap_index_yields_its_sitemaps() -> None:
    assert sitemap_links(INDEX) == [("https://enu.kz/sitemap-news.xml", "sitemap"),
                                    ("https://enu.kz/sitemap-pages.xml", "sitemap")]


def test_news_sitemap_since_leaves_old_entries_out() -> None:
    assert len(sitemap_links(NEWS)) == 2
    assert sitemap_links(NEWS, since=date(2024, 1, 1)) == [
        ("https://enu.kz/ru/press/news/new", "page")]


def test_feed_entries_since() -> None:
    url = "https://kaznu.kz/en/rss.xml"
    assert feed_links(RSS, url) == [("https://kaznu.kz/en/news/new", "page"),
                                    ("https://kaznu.kz/en/news/old", "page")]
    assert feed_links(RSS, url, since=date(2024, 1, 1)) == [
        ("https://kaznu.kz/en/news/new", "page")]


def test_html_links_feeds_alternates_and_canonical() -> None:
    links, canonical = html_links(PAGE, "https://kaznu.kz/kz/news/1")
    assert canonical == "https://kaznu.kz/kz/news/1"
    assert links == [("https://kaznu.kz/kz/rss.xml", "feed"),
                     ("https://kaznu.kz/ru/news/1", "page"),
                     ("https://kaznu.kz/kz/news/2", "page")]


def test_meta_robots_nofollow_is_obeyed() -> None:
    body = b'<html><head><meta name="robots" content="noindex, nofollow"></head>' \
           b'<body><a href="/a">a</a></body></html>'
    assert html_links(body, "https://x.kz/")[0] == []


def test_old_listing_is_not_followed_past_since() -> None:
    items = "".join(f"<li><a href='/n/{d}'>News</a> <span>{d}.03.2019</span></li>"
                    for d in range(10, 15))
    body = f"<html><body><ul>{items}</ul><a href='?page=2'>2</a></body></html>".encode()
    assert len(html_links(body, "https://x.kz/n/")[0]) == 6
    assert html_links(body, "https://x.kz/n/", since=date(2024, 1, 1))[0] == []


def test_seed_sections_stay_in_the_news_in_every_language() -> None:
    sections = seed_sections(["https://kaznu.kz/kz/news/", "https://ektu.kz/"])
    assert "ektu.kz" not in sections  # a root seed: the whole site
    assert {"/kz/news/", "/kk/news/", "/ru/news/", "/en/news/"} <= sections["kaznu.kz"]
    assert language_variants("/about/") == {"/about/"}


def test_registry_seeds_three_languages() -> None:
    assert registry_seeds(["enu"]) == ["https://enu.kz/kz/press/news/",
                                      "https://enu.kz/ru/press/news/",
                                      "https://enu.kz/en/press/news/"]
    assert len(registry_seeds(None)) > 20


def test_retry_after_seconds_and_dates() -> None:
    assert retry_after("5") == 5.0
    assert retry_after(None) is None and retry_after("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after(later) or 0) <= 31


def test_user_agent_names_a_contact() -> None:
    assert user_agent("https://example.kz/bot").startswith("QazsearchBot/")
    assert "(+https://example.kz/bot)" in user_agent("https://example.kz/bot")


def test_robots_crawl_delay_paces_the_host(tmp_path: Path) -> None:
    pages = {f"/news/{n}": f"<html><body><a href='/news/{n + 1}'>n</a></body></html>".encode()
             for n in range(4)}
    site = Site("uni.kz", pages, robots="User-agent: *\nCrawl-delay: 0.3\n")
    with serve([site]) as served:
        options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=2, proxy=served.proxy),
                               progress=False)
        started = time.monotonic()
        report = crawl(["http://uni.kz/news/0"], tmp_path / "w.warc.gz", tmp_path / "s", options)
        elapsed = time.monotonic() - started
    assert report.totals()["fetched"] == 5  # 4 pages and the sitemap
    assert elapsed >= 0.3 * 5


def test_robots_server_error_disallows_everything(tmp_path: Path) -> None:
    site = Site("uni.kz", {"/news/": b"<html><body>x</body></html>"},
                special={"/robots.txt": "status:503"})
    with serve([site]) as served:
        options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=2, proxy=served.proxy),
                               progress=False)
        report = crawl(["http://uni.kz/news/"], tmp_path / "w.warc.gz", tmp_path / "s", options)
    assert report.totals()["disallowed"] == 2  # the seed and the sitemap
    assert [p for _, p, _ in served.log] == ["/robots.txt"]


def test_a_redirect_target_is_asked_conditionally(tmp_path: Path) -> None:
    site = Site("uni.kz", {"/news/a": b"<html><body>a</body></html>"},
                special={"/old/": "redirect:/news/a"})
    with serve([site]) as served:
        for name in ("1", "2"):
            options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=2, proxy=served.proxy),
                                   progress=False)
            crawl(["http://uni.kz/old/"], tmp_path / f"{name}.warc.gz", tmp_path / "s", options)
    answers = [s for _, p, s in served.log if p == "/news/a"]
    assert answers == [200, 304]  # the sitemap entry is outside the seed's section


def test_robots_group_for_our_user_agent() -> None:
    from protego import Protego

    rules = Protego.parse("User-agent: QazsearchBot\nDisallow: /private/\nCrawl-delay: 2\n\n"
                          "User-agent: *\nDisallow: /\n")
    agent = user_agent("https://example.kz/bot")
    assert rules.can_fetch("https://a.kz/news/", agent)
    assert not rules.can_fetch("https://a.kz/private/1", agent)
    assert rules.crawl_delay(agent) == 2.0


def test_a_page_over_the_size_limit_is_an_error(tmp_path: Path) -> None:
    big = b"<html><body>" + b"<p>news</p>" * 200_000 + b"</body></html>"
    site = Site("uni.kz", {"/news/big": big, "/news/small": b"<html><body>s</body></html>"})
    with serve([site]) as served:
        options = CrawlOptions(fetch=FetchOptions(delay=0, timeout=2, max_bytes=1_000_000,
                                                  proxy=served.proxy), progress=False)
        report = crawl(["http://uni.kz/news/"], tmp_path / "w.warc.gz", tmp_path / "s", options)
    assert report.totals()["too large"] == 1
    assert report.totals()["fetched"] == 2  # the small page and the sitemap


def test_an_interrupted_run_whose_warc_vanished_starts_over(tmp_path: Path) -> None:
    from indexer.crawl.state import CrawlState

    state = CrawlState(tmp_path / "s")
    out = tmp_path / "w.warc.gz"
    run = state.open_run(out)
    out.write_bytes(b"x" * 100)
    state.commit_page(run, "http://uni.kz/", 100, None, [])
    assert state.open_run(out).resumed
    out.unlink()
    again = state.open_run(out)
    assert not again.resumed and again.committed == 0 and again.id != run.id
