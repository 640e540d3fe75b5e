"""Search, click a facet and take screenshots in a real headless Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


@pytest.fixture(scope="module")
def base_url(built_root: Path) -> Iterator[str]:
    app = create_app({"INDEX_DIR": str(built_root)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_search_click_facet_and_screenshot(browser, base_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base_url}/kk/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("университет")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.hits li.hit")
    total = page.locator("#result-count").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "search-kk.png"), full_page=True)

    facet = page.locator("fieldset.facet-university label.facet-value").first
    expected = int(facet.locator(".count").inner_text())
    assert not page.locator(".apply-filters").is_visible()  # with JS a tick applies at once
    facet.locator("input").check()
    page.wait_for_selector(".chips a.chip")
    assert page.locator("fieldset.facet-university input[type=checkbox]").first.is_checked()
    assert page.locator("#result-count").inner_text().startswith(str(expected))
    assert page.locator("#result-count").inner_text() != total or expected == int(total.split()[0])
    page.screenshot(path=str(SCREENSHOTS / "search-kk-facet.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_phone_layout_fits_and_filters_are_near_the_top(browser, base_url: str, lang: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{base_url}/{lang}/search?q=студенты")
    page.wait_for_selector("ol.hits li.hit")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    control = page.locator(".filters-link")
    assert control.is_visible()
    assert control.bounding_box()["y"] < 400
    page.screenshot(path=str(SCREENSHOTS / f"search-{lang}-phone.png"), full_page=False)
    control.click()
    assert page.locator("#filters .facet-university").is_visible()
    assert page.evaluate("window.scrollY") > 0


def test_letter_palette_and_facet_search(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/kk/search?q=университет")
    page.click("#q")
    page.keyboard.press("End")
    page.keyboard.type(" ")
    page.click(".palette button[data-letter='ә']")
    assert page.input_value("#q").endswith(" ә")
    page.click("#q")
    page.keyboard.press("Home")
    page.click(".palette button[data-letter='қ']")
    assert page.input_value("#q").startswith("қуниверситет")
    finder = page.locator(".facet-search")
    finder.fill("Абай")
    visible = page.locator(".facet-university li:visible").count()
    assert visible < page.locator(".facet-university li").count()
    for name in ("KazNU", "казну", "ҚазҰУ"):
        finder.fill(name)
        shown = page.locator(".facet-university li:visible")
        assert shown.count() == 1
        assert shown.first.locator("input").get_attribute("value") == "kaznu"


def test_article_page_screenshot(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{base_url}/ru/search?q=Беларусь")
    page.locator("ol.hits li.hit h3 a").first.click()
    page.wait_for_selector("article.article h1")
    assert page.locator(".also a[hreflang]").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "article-ru.png"), full_page=True)


def _tab_until(page, predicate: str, limit: int) -> int:
    """Press Tab until ``predicate`` (JS on document.activeElement ``el``) holds."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return presses
    raise AssertionError(f"not reached in {limit} Tab presses: {predicate}")


def test_keyboard_only_reaches_box_facets_and_results(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/en/search?q=университет")
    assert page.locator("h1").count() == 1
    assert _tab_until(page, "el.id === 'q'", 4) <= 4  # two skip links, the logo, the box
    page.keyboard.press("Control+A")
    page.keyboard.type("студенты")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=%D1%81%D1%82%D1%83%D0%B4%D0%B5%D0%BD%D1%82%D1%8B*")
    page.wait_for_selector("ol.hits li.hit")
    # The skip links: results first, then filters.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    presses = _tab_until(page, "el.type === 'checkbox' && el.name === 'university'", 3)
    assert presses <= 2
    page.keyboard.press("Space")
    page.wait_for_selector(".chips a.chip")
    assert page.locator("fieldset.facet-university input[type=checkbox]").first.is_checked()
    # The year histogram's bars are links a keyboard reaches.
    _tab_until(page, "el.classList.contains('bar')", 60)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").endswith("articles")
    # Skip to results lands in the results, and Tab goes to the first title.
    page.goto(f"{base_url}/en/search?q=университет")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    _tab_until(page, "el.closest('ol.hits') !== null", 6)
    assert page.evaluate("document.activeElement.closest('li.hit h3') !== null")


def test_palette_letters_are_one_tab_stop(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/kk/")
    _tab_until(page, "el.classList.contains('letter')", 6)
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.letter") == "ғ"
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('letter')")


def test_typing_updates_the_results_without_a_reload(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base_url}/en/search?q=университет")
    before = page.locator("#result-count").inner_text()
    page.evaluate("window.notReloaded = true")
    page.fill("#q", "")
    page.type("#q", "меморандум", delay=20)
    page.wait_for_url("**q=%D0%BC%D0%B5%D0%BC%D0%BE%D1%80%D0%B0%D0%BD%D0%B4%D1%83%D0%BC*")
    page.wait_for_function(f"document.getElementById('result-count').innerText !== {before!r}")
    assert page.evaluate("window.notReloaded === true")
    assert page.evaluate("document.activeElement.id") == "q"
    assert "меморандум" in page.locator("h1").inner_text()
    assert page.locator(".took").inner_text().endswith(" ms")
    # The new page is wired too: a facet tick still applies at once.
    page.locator("fieldset.facet-lang input[type=checkbox]").first.check()
    page.wait_for_selector(".chips a.chip")
    assert errors == []
