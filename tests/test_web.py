"""The web app through Flask's test client: pages, API, errors."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.helpers import assert_error_shape
from webapp import create_app


def test_api_search_shape(client) -> None:
    data = client.get("/api/search?q=университет").get_json()
    assert data["ok"] is True
    assert {"query", "total", "page", "per_page", "results", "facets"} <= set(data)
    assert data["total"] > 0
    hit = data["results"][0]
    assert set(hit) >= {"url", "title", "snippet", "date", "university", "lang"}


def test_api_filters_and_facets(client) -> None:
    data = client.get("/api/search?q=university&lang=en&lang=ru").get_json()
    assert {r["lang"] for r in data["results"]} <= {"en", "ru"}
    assert set(data["facets"]["lang"]) >= {"en"}


@pytest.mark.parametrize(
    "query",
    ["/api/search", "/api/search?q=", "/api/search?q=x&page=abc", "/api/search?q=x&page=-1",
     "/api/search?q=x&per_page=0", "/api/search?q=x&per_page=1000000",
     "/api/search?q=x&sort=bogus", "/api/search?q=" + "x" * 5000],
)
def test_api_bad_input_is_400(client, query: str) -> None:
    assert_error_shape(client.get(query), 400)


def test_api_without_index_is_503(tmp_path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)})
    message = assert_error_shape(app.test_client().get("/api/search?q=x"), 503)
    assert "qazsearch build" in message


def test_api_unknown_article_is_404(client) -> None:
    assert_error_shape(client.get("/api/articles/nope"), 404)


def test_api_article_and_page(client) -> None:
    hit = client.get("/api/search?q=university").get_json()["results"][0]
    article = client.get(f"/api/articles/{hit['id']}").get_json()["article"]
    assert article["url"] == hit["url"] and article["text"]
    page = client.get(f"/en/article/{hit['id']}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "lxml")
    assert soup.find("a", href=hit["url"])


def test_api_health_and_stats(client) -> None:
    health = client.get("/api/health").get_json()
    assert health["ok"] and health["documents"] > 0
    stats = client.get("/api/stats").get_json()
    assert set(stats["by"]) == {"university", "year", "acyear", "lang"}
    assert stats["last_update"]["generation"] == stats["generation"]


def test_root_redirects_to_a_locale(client) -> None:
    response = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert response.status_code == 302 and response.location.endswith("/ru/")


@pytest.mark.parametrize(("code", "word"), [("kk", "Іздеу"), ("ru", "Найти"), ("en", "Search")])
def test_search_page_in_each_locale(client, code: str, word: str) -> None:
    page = client.get(f"/{code}/search?q=университет")
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "lxml")
    assert soup.html["lang"] == code
    assert soup.find("button", string=word)
    assert soup.select("ol.hits li.hit")
    assert soup.find(id="result-count")["aria-live"] == "polite"


def tick(client, soup: BeautifulSoup, facet: str, value: str) -> BeautifulSoup:
    """Tick or untick one box of the facet form and submit it, as a browser would."""
    from urllib.parse import urlencode

    form = soup.select_one("form#facet-form")
    pairs = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    for box in form.select("input[type=checkbox]"):
        on = box.has_attr("checked") != (box["name"] == facet and box["value"] == value)
        if on:
            pairs.append((box["name"], box["value"]))
    return BeautifulSoup(client.get(f"{form['action']}?{urlencode(pairs)}").data, "lxml")


def test_facet_box_filters_and_chip_removes(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=university").data, "lxml")
    box = soup.select_one("fieldset.facet-year input[type=checkbox]")
    count = int(box.find_parent("label").select_one(".count").text)
    filtered = tick(client, soup, "year", box["value"])
    assert filtered.find(id="result-count").text.startswith(str(count))
    again = filtered.select_one(f"fieldset.facet-year input[value='{box['value']}']")
    assert again.has_attr("checked")
    chip = filtered.select_one(".chips a.chip")
    assert chip is not None
    unfiltered = BeautifulSoup(client.get(chip["href"]).data, "lxml")
    assert not unfiltered.select(".chips a.chip")
    assert not unfiltered.select("#facet-form input[checked]")


def test_ticked_values_come_first_and_every_year_has_a_bar(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=университет&university=zhetysu").data, "lxml")
    boxes = soup.select("fieldset.facet-university input[type=checkbox]")
    assert boxes[0]["value"] == "zhetysu" and boxes[0].has_attr("checked")
    bars = [a["title"].split(":")[0] for a in soup.select(".histogram a.bar")]
    assert bars == [str(y) for y in range(int(bars[0]), int(bars[-1]) + 1)]


def test_bad_query_on_page_is_a_message_with_status_400(client) -> None:
    page = client.get("/en/search?q=x&page=abc")
    assert page.status_code == 400
    assert b"must be a whole number" in page.data
    assert BeautifulSoup(page.data, "lxml").select_one("#q")["value"] == "x"


@pytest.mark.parametrize(("param", "listed"), [
    ("year=abc", "2021..2023"), ("year=2023..2021", "earliest first"),
    ("lang=fr", "kk, ru or en"), ("university=harvard", "kaznu"), ("acyear=2023", "2023-2024"),
])
def test_bad_filter_values_are_400_with_the_valid_values(client, param: str,
                                                          listed: str) -> None:
    error = assert_error_shape(client.get(f"/api/search?q=университет&{param}"), 400)
    assert listed in error
    assert error == assert_error_shape(
        client.get(f"/en/search?q=университет&{param}&format=json"), 400)
    page = client.get(f"/en/search?q=университет&{param}")
    assert page.status_code == 400
    assert listed in BeautifulSoup(page.data, "lxml").select_one("p.notice").text


@pytest.mark.parametrize("name", ["KazNU", "казну", "КазНУ", "ҚазҰУ", "kaznu.kz", "al-Farabi"])
def test_university_filter_takes_names_in_any_language_and_case(client, name: str) -> None:
    by_id = client.get("/api/search?q=университет&university=kaznu").get_json()
    by_name = client.get(f"/api/search?q=университет&university={name}").get_json()
    assert by_name["total"] == by_id["total"] > 0
    assert {r["university"] for r in by_name["results"]} == {"kaznu"}


def test_year_range_value_in_the_year_filter(client) -> None:
    ranged = client.get("/api/search?q=университет&year=2021..2022").get_json()
    listed = client.get("/api/search?q=университет&year=2021&year=2022").get_json()
    assert ranged["total"] == listed["total"] > 0


@pytest.mark.parametrize(("code", "url", "text"), [
    ("ru", "/ru/search?q=x&page=0", "должен быть от 1 до 1000"),
    ("kk", "/kk/search?q=x&page=0", "1 мен 1000 аралығында"),
    ("ru", "/ru/search?q=(((", "нет слов для поиска"),
    ("kk", "/kk/search?q=(((", "іздейтін сөз жоқ"),
    ("ru", "/ru/search?q=\"студенты", "непарная кавычка"),
    ("kk", "/kk/search?q=\"студенты", "жұбы жоқ тырнақша"),
    ("ru", "/ru/search?q=студенты+zzzqqq", "Ни в одной статье нет всех 2 слов"),
    ("kk", "/kk/search?q=x&lang=fr", "тілі белгісіз"),
])
def test_notices_and_errors_are_in_the_ui_language(client, code: str, url: str,
                                                     text: str) -> None:
    soup = BeautifulSoup(client.get(url).data, "lxml")
    notices = " ".join(p.text for p in soup.select("p.notice"))
    assert text in notices


def test_api_messages_stay_english(client) -> None:
    error = assert_error_shape(client.get("/api/search?q=x&page=0"), 400)
    assert error == "'page' must be between 1 and 1000"  # 10,000 results at 10 a page


def test_query_echo_is_escaped(client) -> None:
    page = client.get('/en/search?q="><script>alert(1)</script>')
    assert b"<script>alert(1)" not in page.data


def test_security_headers(client) -> None:
    response = client.get("/en/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_unknown_locale_is_404(client) -> None:
    assert client.get("/xx/search?q=a").status_code == 404


def test_format_json_exports_every_match_in_api_order(client) -> None:
    export = client.get("/en/search?q=университет&format=json").get_json()
    assert export == client.get("/api/search?q=университет&format=json").get_json()
    first = client.get("/api/search?q=университет&per_page=100&versions=all").get_json()
    assert export["total"] == first["total"] > 100
    assert not export["truncated"]
    ids = [r["id"] for r in export["results"]]
    assert len(ids) == len(set(ids)) == export["total"]
    assert ids[:5] == [r["id"] for r in first["results"][:5]]
    assert export["results"][0] == first["results"][0] | {"similar": []}


def test_format_csv_exports_every_match_with_a_bom(client) -> None:
    import csv
    import io

    response = client.get("/ru/search?q=университет&format=csv&per_page=5")
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["id", "date", "university", "lang", "title", "url", "snippet"]
    total = int(response.headers["X-Total-Count"])
    assert len(rows) - 1 == total > 100
    assert total == client.get("/api/search?q=университет").get_json()["total"]


def test_export_stops_at_the_stated_limit(built_root) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(built_root), "EXPORT_MAX": 7})
    export = app.test_client().get("/api/search?q=университет&format=json").get_json()
    assert export["limit"] == 7 and export["truncated"] and len(export["results"]) == 7
    csv_rows = app.test_client().get("/api/search?q=университет&format=csv").data
    assert csv_rows.decode("utf-8-sig").count("\n") == 8


@pytest.mark.parametrize(("fmt", "item"), [("rss", "item"), ("atom", "{http://www.w3.org/2005/Atom}entry")])
def test_feeds_are_valid_xml_with_at_most_100_items(client, fmt: str, item: str) -> None:
    from lxml import etree

    response = client.get(f"/en/search?q=university&format={fmt}&per_page=100")
    assert response.status_code == 200
    root = etree.fromstring(response.data)
    entries = root.findall(f".//{item}")
    assert 0 < len(entries) <= 100


def test_feed_autodiscovery_links(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=university").data, "lxml")
    kinds = {link["type"] for link in soup.find_all("link", rel="alternate", type=True)}
    assert {"application/rss+xml", "application/atom+xml"} <= kinds


def test_unknown_format_is_400(client) -> None:
    assert_error_shape(client.get("/en/search?q=x&format=pdf"), 400)


def test_year_range_form_selects_years(client) -> None:
    data = client.get("/en/search?q=university&year_from=2021&year_to=2022&format=json").get_json()
    assert data["results"] and {r["date"][:4] for r in data["results"]} <= {"2021", "2022"}


def test_did_you_mean(client) -> None:
    data = client.get("/api/search?q=univercity").get_json()
    assert data["suggestion"] == "university"


def test_article_page_has_versions_and_related(client) -> None:
    data = client.get("/api/search?q=university&lang=en&per_page=50").get_json()
    hit = next(r for r in data["results"] if r["versions"])
    soup = BeautifulSoup(client.get(f"/en/article/{hit['id']}").data, "lxml")
    assert soup.select_one("article h1").text == hit["title"]
    assert soup.select_one("article p.source a")["href"] == hit["url"]
    also = [(a["hreflang"], a["href"], a.text) for a in soup.select(".also a[hreflang]")]
    names = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
    assert also == [(v["lang"], f"/en/article/{v['id']}" if v["id"] else v["url"],
                     names[v["lang"]]) for v in hit["versions"]]
    related = [(a["href"].rsplit("/", 1)[-1], a.text) for a in soup.select(".related li a")]
    assert 1 <= len(related) <= 5 and len(set(related)) == len(related)
    story = client.get(f"/api/articles/{hit['id']}").get_json()["article"]["story"]
    for other_id, title in related:
        other = client.get(f"/api/articles/{other_id}").get_json()["article"]
        assert other["title"] == title
        assert other["id"] != hit["id"] and other["story"] != story  # versions are "Also in"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feed_of_query_with_control_characters(client, fmt: str) -> None:
    """Found by make fuzz: XML cannot carry control characters from the query."""
    response = client.get("/ru/search", query_string={"q": "univ\x00\x1f\x7f x", "format": fmt})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["¹", "２０２１", "20", "abcd"])
def test_year_range_rejects_non_years(client, value: str) -> None:
    """Found by make fuzz: "¹".isdigit() is True but int("¹") raises."""
    response = client.get("/api/search", query_string={"q": "x", "year_to": value})
    assert_error_shape(response, 400)
    page = client.get("/kk/search", query_string={"q": "x", "year_from": value, "format": "json"})
    assert page.status_code == 400


def test_api_stats_counts_equal_the_stored_fields(client, built_root) -> None:
    from collections import Counter

    from indexer.search.live import LiveIndex

    with LiveIndex(built_root).searcher() as searcher:
        stored = list(searcher.all_stored_fields())
    stats = client.get("/api/stats").get_json()
    assert stats["documents"] == len(stored)
    for name in ("university", "year", "lang"):
        expected = Counter(doc[name] for doc in stored if doc.get(name))
        assert stats["by"][name] == dict(sorted(expected.items()))


def test_error_pages_are_in_the_ui_language(client) -> None:
    missing = client.get("/ru/article/nope")
    assert missing.status_code == 404
    assert "нет статьи с идентификатором 'nope'" in BeautifulSoup(missing.data, "lxml").text
    nowhere = client.get("/kk/nowhere")
    assert nowhere.status_code == 404
    assert "Бұл мекенжайда бет жоқ." in nowhere.get_data(as_text=True)


def _ids_and_linked(results: list[dict]) -> tuple[set[str], set[str]]:
    ids = {r["id"] for r in results}
    linked = {v["id"] for r in results for v in r["versions"] if v["id"]}
    return ids, linked


def test_language_versions_of_a_story_are_one_result(client) -> None:
    for page in (1, 2, 3):
        data = client.get(f"/api/search?q=университет&page={page}").get_json()
        assert len(data["results"]) == 10
        ids, linked = _ids_and_linked(data["results"])
        assert not ids & linked
    assert data["versions"] == "grouped" and data["total"] > data["stories"]
    every = client.get("/api/search?q=университет&versions=all").get_json()
    ids, linked = _ids_and_linked(every["results"])
    assert ids & linked
    assert every["total"] == data["total"] and every["stories"] is None


def test_a_story_shows_the_version_in_the_ui_language(client) -> None:
    def langs(code: str) -> list[str]:
        soup = BeautifulSoup(client.get(f"/{code}/search?q=университет").data, "lxml")
        return [li["lang"] for li in soup.select("ol.hits li.hit")]

    assert langs("ru").count("ru") > langs("kk").count("ru")
    assert langs("kk").count("kk") > langs("ru").count("kk")


def test_counts_say_articles_and_stories_with_a_switch(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=университет").data, "lxml")
    data = client.get("/api/search?q=университет").get_json()
    count = soup.find(id="result-count").text
    assert f"{data['total']} articles, {data['stories']} stories" in " ".join(count.split())
    switch = soup.select_one("a.versions-switch")
    every = BeautifulSoup(client.get(switch["href"]).data, "lxml")
    assert every.find(id="result-count").text.split()[:2] == [str(data["total"]), "articles"]
    assert "stories" not in every.find(id="result-count").text
    assert every.select_one("a.versions-switch")


def test_year_range_is_a_removable_chip_and_combines_with_single_years(client) -> None:
    form = client.get("/en/search?q=университет&year=2019&year_from=2021&year_to=2022")
    assert form.status_code == 302
    soup = BeautifulSoup(client.get(form.headers["Location"]).data, "lxml")
    assert [c.text.strip() for c in soup.select(".chips a.chip")] == ["2021–2022 ✕"]
    assert soup.select_one("select[name=year_from] option[selected]").text == "2021"
    assert soup.select_one("select[name=year_to] option[selected]").text == "2022"
    ticked = {i["value"] for i in soup.select("fieldset.facet-year input[checked]")}
    assert ticked == {"2021", "2022"}
    ranged = client.get("/api/search?q=университет&year=2021..2022").get_json()["total"]
    alone = client.get("/api/search?q=университет&year=2025").get_json()["total"]
    both = tick(client, soup, "year", "2025")
    assert [c.text.strip() for c in both.select(".chips a.chip")] == ["2021–2022 ✕", "2025 ✕"]
    assert both.find(id="result-count").text.startswith(f"{ranged + alone} articles")
    split = tick(client, both, "year", "2022")
    assert [c.text.strip() for c in split.select(".chips a.chip")] == ["2021 ✕", "2025 ✕"]
    bar = next(a for a in both.select(".histogram a.bar") if a["title"].startswith("2022:"))
    assert "aria-current" in bar.attrs
    split_by_bar = BeautifulSoup(client.get(bar["href"]).data, "lxml")
    assert [c.text.strip() for c in split_by_bar.select(".chips a.chip")] == ["2021 ✕", "2025 ✕"]
    removed = BeautifulSoup(client.get(both.select(".chips a.chip")[0]["href"]).data, "lxml")
    assert [c.text.strip() for c in removed.select(".chips a.chip")] == ["2025 ✕"]


def test_university_chip_by_name_is_ticked_and_removable(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=университет&university=ҚазҰУ").data, "lxml")
    chip = soup.select_one(".chips a.chip")
    assert chip.text.strip() == "Al-Farabi Kazakh National University ✕"
    ticked = soup.select("fieldset.facet-university input[checked]")
    assert [i["value"] for i in ticked] == ["kaznu"]
    assert "university=" not in chip["href"]
    assert not tick(client, soup, "university", "kaznu").select(".chips a.chip")


def test_a_misspelt_word_finds_the_articles_and_says_so(client) -> None:
    soup = BeautifulSoup(client.get("/ru/search?q=мемарандум").data, "lxml")
    assert soup.select("ol.hits li.hit")
    notice = " ".join(p.text for p in soup.select("p.notice"))
    assert "по слову «мемарандум» ничего нет" in notice and "меморандум" in notice
    assert not soup.select(".suggestion")


def test_a_page_past_the_end_says_so_and_links_the_last(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=университет&page=999").data, "lxml")
    text = soup.select_one("li.nothing").text
    assert "There is no page 999" in text and "Nothing found" not in text
    assert not soup.select("nav.pages")
    last = BeautifulSoup(client.get(soup.select_one("li.nothing a")["href"]).data, "lxml")
    assert last.select("ol.hits li.hit")
    assert not last.select("nav.pages a[rel=next]")


def test_numbered_pages_with_first_and_last(client) -> None:
    soup = BeautifulSoup(client.get("/en/search?q=университет&page=4&versions=all").data, "lxml")
    nav = soup.select_one("nav.pages")
    assert nav.select_one("[aria-current=page]").text == "4"
    numbers = [a.text for a in nav.select("a") if a.text.isdigit()]
    assert numbers[0] == "1" and numbers[1:5] == ["2", "3", "5", "6"]
    assert numbers[-1] == "12" and "…" in nav.text
    assert "page=12" in nav.select_one("a[aria-label='Last page']")["href"]


@pytest.mark.parametrize(("code", "text"), [("kk", "2023 ж. 12 қазан"),
                                            ("ru", "12 октября 2023 г."),
                                            ("en", "October 12, 2023")])
def test_dates_are_cldr_long_dates(app, code: str, text: str) -> None:
    from datetime import date

    from webapp.formatting import news_date

    with app.test_request_context(f"/{code}/"):
        assert " ".join(news_date(date(2023, 10, 12), code).replace("\u202f", " ").split()) == text


def test_api_is_described_by_openapi_and_a_readable_page(client) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/search", "/api/articles/{article_id}", "/api/stats",
            "/api/health"} <= set(spec["paths"])
    documented = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    from indexer.index.schema import FACETS
    assert set(FACETS) | {"q", "sort", "page", "per_page", "format", "versions"} <= documented
    page = client.get("/api/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    soup = BeautifulSoup(page.data, "lxml")
    assert [h.text for h in soup.select(".endpoint h2")][0] == "GET /api/search"
    rows = {r.th.text: r.select("td")[0].text for r in soup.select(".endpoint tbody tr")}
    assert rows["university"] == "array (repeat)" and rows["q"] == "string"


def test_home_page_shows_the_index_at_a_glance(client) -> None:
    soup = BeautifulSoup(client.get("/en/").data, "lxml")
    stats = client.get("/api/stats").get_json()
    assert f"{stats['documents']} articles" in soup.select_one(".overview .totals").text
    links = soup.select(".overview .universities a")
    assert len(links) == len(stats["by"]["university"])
    browse = BeautifulSoup(client.get(links[0]["href"]).data, "lxml")
    count = int(links[0].find_next_sibling("span").text)
    assert browse.find(id="result-count").text.startswith(f"{count} articles")
    assert len(soup.select(".overview ol.latest li")) == 5


@pytest.mark.parametrize(("code", "decimal"), [("ru", ","), ("en", ".")])
def test_query_time_is_shown_next_to_the_count(client, code: str, decimal: str) -> None:
    soup = BeautifulSoup(client.get(f"/{code}/search?q=университет").data, "lxml")
    took = soup.select_one(".summary .took").text
    unit = "мс" if code == "ru" else "ms"
    # milliseconds, with one decimal (in the language's own separator) under 10 ms
    assert re.fullmatch(rf"\d+(?:{re.escape(decimal)}\d)? {unit}", took), took


def test_year_range_form_submits_without_js(client) -> None:
    from urllib.parse import urlencode

    soup = BeautifulSoup(client.get("/en/search?q=университет&lang=ru").data, "lxml")
    form = soup.select_one("form#range-form")
    pairs = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    for select in soup.select("select[form=range-form]"):
        options = [o.text for o in select.select("option")]
        pairs.append((select["name"], "2021" if select["name"] == "year_from" else "2022"))
        assert {"2021", "2022"} <= set(options)
    assert soup.select_one("button[form=range-form]")
    response = client.get(f"{form['action']}?{urlencode(pairs)}")
    assert response.status_code == 302
    after = BeautifulSoup(client.get(response.headers["Location"]).data, "lxml")
    chips = [c.text.strip() for c in after.select(".chips a.chip")]
    assert chips == ["2021–2022 ✕", "Русский ✕"]


def test_a_new_query_in_the_search_box_keeps_every_filter(client) -> None:
    from indexer.index.schema import FACETS
    from indexer.models import FILTER_FIELDS

    assert tuple(FILTER_FIELDS) == FACETS
    url = ("/en/search?q=университет&university=zhetysu&year=2021&acyear=2021-2022&lang=ru"
           "&sort=newest")
    soup = BeautifulSoup(client.get(url).data, "lxml")
    form = soup.select_one("form.searchbox")
    pairs = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert pairs == [("university", "zhetysu"), ("year", "2021"), ("acyear", "2021-2022"),
                     ("lang", "ru")]
    assert [name for name, _value in pairs] == list(FACETS)


def test_search_links_keep_the_request_and_change_one_parameter(client) -> None:
    from urllib.parse import parse_qs, urlsplit

    soup = BeautifulSoup(client.get("/en/search?q=университет&lang=ru&per_page=2").data, "lxml")

    def params(link) -> dict[str, list[str]]:
        return parse_qs(urlsplit(link["href"]).query)

    base = {"q": ["университет"], "lang": ["ru"], "per_page": ["2"]}
    assert params(soup.select_one("nav.pages a[rel=next]")) == {**base, "page": ["2"]}
    exports = {a.text: params(a) for a in soup.select("p.export a")}
    assert exports == {f.upper(): {**base, "format": [f]} for f in ("json", "csv", "rss", "atom")}
    feed = soup.select_one("link[type='application/rss+xml']")["href"]
    assert feed.startswith("http://localhost/en/search?") and params({"href": feed}) == {
        **base, "format": ["rss"]}


def test_the_facet_panel_shows_every_facet_of_the_schema_with_a_label(client) -> None:
    from indexer.index.schema import FACETS

    soup = BeautifulSoup(client.get("/en/search?q=университет").data, "lxml")
    legends = [(f["class"][1], f.legend.text) for f in soup.select("#facet-form fieldset.facet")]
    assert legends == list(zip([f"facet-{f}" for f in FACETS],
                               ["University", "Year", "Academic year", "Language"], strict=True))
