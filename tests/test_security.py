"""Web hardening: escaping, path traversal, limits, security headers, no debug mode.

A small index is built from hostile pages whose titles, text, canonical and
alternate links and even host name carry ``<script>`` and attribute-breaking
payloads; the same payloads are sent in queries and filters.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from lxml import etree

from indexer.cli import cli
from indexer.index.build import build_index
from tests.helpers import assert_error_shape
from webapp import create_app

WORD = "zxqvul"
# Entity-encoded in the page, so the extracted *text* holds the raw payload.
PAYLOAD_TEXT = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
PAYLOAD_HTML = ("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;"
                "&lt;img src=x onerror=alert(2)&gt;")
EVIL_HOST = "evil\"><svg onload=alert(7)>.kz"
SECRET = "h9-secret-4c1d-must-never-be-served"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{word} {payload} headline {n}</title>
<link rel="canonical" href="{canonical}">
<link rel="alternate" hreflang="ru" href="javascript:alert(4)">
<meta property="article:published_time" content="2023-10-1{n}"></head>
<body><article><h1>{word} {payload} headline {n}</h1>
<p>{word} {payload} {body}</p>
</article></body></html>"""


BODIES = [
    "Students of the university met at the annual science conference to discuss research, "
    "teaching and the future of higher education in Kazakhstan; laboratories, grants, "
    "international partners and the results of the past academic year were presented.",
    "The rector signed an agreement with a foreign partner on joint master programmes in "
    "chemistry and geology; the first exchange group leaves in spring, and the library opens "
    "a new reading hall for doctoral candidates with access to international databases.",
]


def _write_site(crawl: Path, host: str, canonical: str, n: int) -> None:
    folder = crawl / host / "news"
    folder.mkdir(parents=True)
    html = PAGE.format(word=WORD, payload=PAYLOAD_HTML, canonical=canonical, n=n,
                       body=BODIES[n - 1])
    (folder / f"{n}.html").write_text(html, encoding="utf-8")


@pytest.fixture(scope="module")
def evil_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("evil")
    crawl = base / "crawl"
    _write_site(crawl, "evil.kz", "javascript:alert(3)//", 1)
    _write_site(crawl, EVIL_HOST, "https://evil.kz/news/2.html", 2)
    (base / "secret.txt").write_text(SECRET, encoding="utf-8")
    root = base / "index"
    build_index([crawl], root)
    return root


@pytest.fixture()
def evil(evil_root: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(evil_root)}).test_client()


def _soup(response, status: int = 200) -> BeautifulSoup:
    assert response.status_code == status, response.data[:300]
    return BeautifulSoup(response.data, "lxml")


def _assert_no_injected_markup(soup: BeautifulSoup) -> None:
    scripts = soup.find_all("script")
    assert all(s.get("src", "").startswith("/static/") and not s.string for s in scripts)
    assert not soup.find_all(["img", "svg", "iframe", "object", "embed"])
    for tag in soup.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, (tag.name, tag.attrs)


def _hit_ids(client) -> list[str]:
    data = client.get(f"/api/search?q={WORD}").get_json()
    assert data["total"] == 2, data
    return [r["id"] for r in data["results"]]


def test_results_page_escapes_indexed_payloads(evil) -> None:
    soup = _soup(evil.get(f"/en/search?q={WORD}"))
    _assert_no_injected_markup(soup)
    hits = soup.select("li.hit")
    assert len(hits) == 2
    for hit in hits:
        assert PAYLOAD_TEXT.split("<img")[0] in hit.h3.get_text()  # shown as text
        assert "onerror=alert(2)" in hit.select_one("p.snippet").get_text()


def test_article_page_escapes_indexed_payloads(evil) -> None:
    for article_id in _hit_ids(evil):
        soup = _soup(evil.get(f"/en/article/{article_id}"))
        _assert_no_injected_markup(soup)
        assert PAYLOAD_TEXT in soup.h1.get_text()


def test_facet_values_from_a_hostile_host_are_escaped(evil) -> None:
    soup = _soup(evil.get(f"/en/search?q={WORD}"))
    names = [s.get_text() for s in soup.select("fieldset.facet span.name")]
    assert any("onload=alert(7)" in name for name in names), names


def _links(soup: BeautifulSoup) -> list[str]:
    return [t.get("href") or t.get("src") or t.get("action") or ""
            for t in soup.find_all(["a", "link", "script", "form"])]


def test_only_web_urls_are_linked(evil) -> None:
    pages = [evil.get(f"/en/search?q={WORD}")]
    pages += [evil.get(f"/en/article/{i}") for i in _hit_ids(evil)]
    links = [href for response in pages for href in _links(_soup(response))]
    links += _feed_links(evil)
    links += [r["url"] for r in evil.get(f"/api/search?q={WORD}").get_json()["results"]]
    for href in links:
        scheme = urlsplit(href).scheme.lower()
        assert scheme in ("", "http", "https"), href


def _feed(evil, kind: str, query: str):
    response = evil.get(f"/en/search?q={quote(query)}&format={kind}")
    assert response.status_code == 200, response.data[:300]
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(response.data, parser)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_items_are_escaped(evil, kind: str) -> None:
    feed = _feed(evil, kind, WORD)
    assert not feed.xpath("//*[local-name()='script' or local-name()='img' "
                          "or local-name()='svg']")
    titles = feed.xpath("//*[local-name()='item' or local-name()='entry']"
                        "/*[local-name()='title']/text()")
    assert len(titles) == 2 and all(PAYLOAD_TEXT.split("<img")[0] in t for t in titles)


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("attack", ["</title><script>alert(12)</script>", "]]><x>&amp;"])
def test_feed_title_echo_is_escaped(evil, kind: str, attack: str) -> None:
    feed = _feed(evil, kind, f"{WORD} {attack}")
    assert not feed.xpath("//*[local-name()='script' or local-name()='x']")
    title = feed.xpath("/*/*[local-name()='title']/text() | /rss/channel/title/text()")
    assert any(attack in t for t in title), title


def _feed_links(evil) -> list[str]:
    links = []
    for kind in ("rss", "atom"):
        feed = _feed(evil, kind, WORD)
        links += feed.xpath("//*[local-name()='item']/*[local-name()='link']/text()")
        links += feed.xpath("//*[local-name()='entry']/*[local-name()='link']/@href")
    return links


def test_api_returns_payloads_as_json_not_html(evil) -> None:
    response = evil.get(f"/api/search?q={WORD}")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    snippet = response.get_json()["results"][0]["snippet"]
    assert "<script" not in snippet and "<img" not in snippet  # HTML-escaped with <mark>


ATTACKS = [PAYLOAD_TEXT, '" autofocus onfocus="alert(8)', "</title><script>alert(9)</script>",
           "'><svg/onload=alert(10)>", "{{7*7}}", "javascript:alert(11)"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_query_echo_is_escaped(evil, attack: str) -> None:
    soup = _soup(evil.get(f"/en/search?q={quote(attack)}"))
    _assert_no_injected_markup(soup)
    assert soup.find("input", id="q")["value"] == attack
    assert "49" not in soup.title.get_text()


@pytest.mark.parametrize("attack", ATTACKS)
def test_filter_echo_is_escaped(evil, attack: str) -> None:
    query = f"q={WORD}&university={quote(attack)}&year={quote(attack)}&lang={quote(attack)}"
    soup = _soup(evil.get(f"/en/search?{query}"), 400)  # no such university, year, language
    _assert_no_injected_markup(soup)
    hidden = [i["value"] for i in soup.select("form.searchbox input[type=hidden]")]
    assert hidden.count(attack) == 3


@pytest.mark.parametrize("attack", ATTACKS)
def test_error_messages_are_escaped(evil, attack: str) -> None:
    soup = _soup(evil.get(f"/en/search?q=x&sort={quote(attack)}"), 400)
    _assert_no_injected_markup(soup)
    assert soup.select_one("p.notice")
    response = evil.get(f"/en/article/{quote(attack, safe='')}")
    assert response.status_code == 404
    _assert_no_injected_markup(BeautifulSoup(response.data, "lxml"))


TRAVERSALS = [
    "/static/../../setup.cfg", "/static/..%2f..%2fsetup.cfg", "/static/%2e%2e/%2e%2e/setup.cfg",
    "/static/%252e%252e/%252e%252e/setup.cfg", "/static/....//....//setup.cfg",
    "/static/..\\..\\setup.cfg", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
    "/static/../../../../../../etc/passwd", "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/api/articles/../../CURRENT", "/api/articles/..%2f..%2fCURRENT",
    "/api/articles/%2e%2e%2f%2e%2e%2fsecret.txt", "/api/articles/..%2f..%2f..%2fsecret.txt",
    "/en/article/..%2f..%2fsecret.txt", "/en/article/%2e%2e/%2e%2e/secret.txt",
    "/api/articles/%00", "/en/article/..%5c..%5csecret.txt", "/../secret.txt",
    "/%2e%2e/secret.txt", "/en/../../secret.txt", "/static/app.js%00.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_route_reads_files_outside(evil, evil_root: Path, path: str) -> None:
    response = evil.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code in (301, 302, 308, 400, 404), (path, response.status_code)
    assert SECRET not in body and "root:x:0:0" not in body and "install_requires" not in body
    current = (evil_root / "CURRENT").read_text().strip()
    assert current not in body


def test_static_files_still_served(evil) -> None:
    response = evil.get("/static/style.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    response.close()


@pytest.mark.parametrize("query", ["q=" + "x" * 1001, "q=x&per_page=101", "q=x&per_page=1000000",
                                   "q=x&page=1000000000", "q=x&page=10001",
                                   "q=x&university=" + ",".join(["a"] * 51)])
def test_api_limits(evil, query: str) -> None:
    assert_error_shape(evil.get(f"/api/search?{query}"), 400)


def test_html_page_limits_query_length(evil) -> None:
    response = evil.get("/en/search?q=" + "x" * 1001)
    assert response.status_code < 500
    soup = BeautifulSoup(response.data, "lxml")
    assert "1000" in soup.select_one("p.notice").get_text()
    assert soup.find("input", id="q")["maxlength"] == "1000"


HEADER_ROUTES = ["/", "/en/", f"/en/search?q={WORD}", "/en/search?q=x&page=-1",
                 f"/api/search?q={WORD}", "/api/search", "/api/stats", "/api/health",
                 "/static/style.css", "/no/such/page", "/api/articles/nope"]


@pytest.mark.parametrize("path", HEADER_ROUTES)
def test_security_headers_on_every_route(evil, path: str) -> None:
    response = evil.get(path)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src"))
    assert script, csp
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "*" not in script and "data:" not in script
    assert directives.get("frame-ancestors") in (["'none'"], ["'self'"])
    assert directives.get("object-src") == ["'none'"]
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    response.close()


@pytest.mark.parametrize("path", ["/en/", f"/en/search?q={WORD}", "/en/search?q=x&sort=no",
                                  "/no/such/page"])
def test_pages_have_no_inline_script_or_style(evil, path: str) -> None:
    soup = BeautifulSoup(evil.get(path).data, "lxml")
    for script in soup.find_all("script"):
        assert script.get("src") and not (script.string or "").strip()
    assert not soup.find_all("style")
    assert not soup.find_all(style=True)


def test_root_redirect_stays_on_site(evil) -> None:
    for path in ["/", "//evil.example/", "/%2f%2fevil.example/"]:
        response = evil.get(path)
        location = response.headers.get("Location", "")
        assert not urlsplit(location).netloc or urlsplit(location).netloc == "localhost", location


def _serve_app(monkeypatch: pytest.MonkeyPatch, root: Path):
    from webapp import server

    served = {}

    def fake_run(factory, **kw):  # what each gunicorn worker would serve
        served.update(app=factory(), **kw)

    monkeypatch.setattr(server, "run", fake_run)
    result = CliRunner().invoke(cli, ["serve", "--index", str(root)])
    assert result.exit_code == 0, result.output
    return served


def test_serve_uses_workers_without_debug(monkeypatch: pytest.MonkeyPatch,
                                          evil_root: Path) -> None:
    served = _serve_app(monkeypatch, evil_root)
    app = served["app"]
    assert app.debug is False and app.testing is False
    assert served["host"] == "127.0.0.1"
    assert served["workers"] >= 1 and served["threads"] >= 1


def test_serve_ignores_debug_from_environment(monkeypatch: pytest.MonkeyPatch,
                                              evil_root: Path) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("QAZSEARCH_DEBUG", "true")
    monkeypatch.setenv("QAZSEARCH_TESTING", "true")
    monkeypatch.setenv("QAZSEARCH_PROPAGATE_EXCEPTIONS", "true")
    app = _serve_app(monkeypatch, evil_root)["app"]
    assert app.debug is False and app.testing is False
    assert not app.config.get("PROPAGATE_EXCEPTIONS")
