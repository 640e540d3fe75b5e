"""Tests of indexer.extract.article on the hand-written pages in tests/data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract.article import extract, fingerprint
from indexer.extract.boilerplate_lines import (
    Block,
    filter_blocks,
    is_boilerplate_line,
    is_call_to_action,
    is_link_row,
)
from indexer.extract.templates import learn_templates
from indexer.models import Article, RawPage

DATA = Path(__file__).parent / "data"
KK_URL = "https://vku.edu.kz/kk/news/studentter-konferentsiya"
RU_URL = "https://www.ektu.kz/ru/news/2023/laboratoriya"


def _page(name: str, url: str) -> RawPage:
    return RawPage(url=url, body=(DATA / name).read_bytes(), origin=name)


@pytest.fixture(scope="module")
def kk_article() -> Article:
    return extract(_page("kk_article.html", KK_URL))


def test_extract_kk_title_without_site_suffix(kk_article: Article) -> None:
    assert kk_article.title == "Студенттер ғылыми конференцияға қатысты"


def test_extract_kk_fields(kk_article: Article) -> None:
    assert (kk_article.date, kk_article.lang, kk_article.university, kk_article.site) == (
        date(2023, 10, 12), "kk", "vku", "vku.edu.kz"
    )
    assert kk_article.is_article


def test_extract_kk_canonical_and_alternates(kk_article: Article) -> None:
    assert kk_article.url == KK_URL
    assert kk_article.alternates == {"ru": "https://vku.edu.kz/ru/news/studenty-konferentsiya"}


def test_extract_kk_text_is_only_the_story(kk_article: Article) -> None:
    paragraphs = kk_article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Университетіміздің студенттері")


@pytest.mark.parametrize(
    "boilerplate",
    ["Басты бет", "Бөлісу", "Қаралды", "WhatsApp Image", "IMG_4521", "Қызметтер", "Кітапхана",
     "Мекенжай", "+7", "info@", "©", "12 қазан 2023"],
)
def test_extract_kk_boilerplate_removed(kk_article: Article, boilerplate: str) -> None:
    assert boilerplate not in kk_article.text


def test_extract_windows_1251_page() -> None:
    article = extract(_page("ru_cp1251.html", RU_URL))
    assert article.title == "Открытие научной лаборатории"
    assert article.text.startswith("В университете открылась новая научная лаборатория")
    assert (article.date, article.lang, article.university) == (date(2023, 10, 12), "ru", "ektu")


def test_extract_ru_drops_share_and_contacts() -> None:
    text = extract(_page("ru_cp1251.html", RU_URL)).text
    assert "Поделиться" not in text and "Адрес" not in text and "54-07-00" not in text


def test_extract_listing_is_not_article() -> None:
    article = extract(_page("en_listing.html", "https://shakarim.kz/en/news"))
    assert not article.is_article
    assert article.lang == "en"


@pytest.mark.parametrize("name", ["empty.html", "truncated.html"])
def test_extract_raises_on_page_without_content(name: str) -> None:
    with pytest.raises(ExtractionError):
        extract(_page(name, "https://korkyt.kz/kk/news/x"))


def test_extract_raises_on_binary_page() -> None:
    with pytest.raises(ExtractionError, match="binary"):
        extract(RawPage(url="https://korkyt.kz/a.pdf", body=b"%PDF-1.4\n\x00\x01binary"))


def test_fingerprint_ignores_case_space_and_punctuation() -> None:
    assert fingerprint("Hello,  World!") == fingerprint("hello world")


@pytest.mark.parametrize("text", [
    "", "   ", "!!!", " Hello,  World! ", "Қазақ\u00a0тілі — мемлекеттік тіл.\n\nЖаңа_жыл 2024",
    "\u2003lead\tand trail\u3000", "a\u0301b c_d", "İstanbul ǅ ß", "x" * 5 + "\u200b" + "y",
])
def test_fingerprint_hashes_the_text_with_non_words_squeezed(text: str) -> None:
    import hashlib
    import re

    normal = re.sub(r"\W+", " ", text.lower()).strip()  # the definition
    assert fingerprint(text) == hashlib.sha1(normal.encode("utf-8")).hexdigest()


def test_fingerprint_stable_when_template_banner_added() -> None:
    pages = [_page("kk_article.html", f"https://vku.edu.kz/kk/news/n{i}") for i in range(5)]
    banner = b'<body><div class="promo-box"><p>Grant competition 2024 is open now</p></div>'
    changed = RawPage(KK_URL, pages[0].body.replace(b"<body>", banner))
    model = learn_templates([*pages, *(RawPage(p.url, changed.body) for p in pages)])
    assert extract(changed, model).fingerprint == extract(pages[0], model).fingerprint


@pytest.mark.parametrize(
    "line",
    ["WhatsApp Image 2023-10-12 at 17.35.54.jpeg", "IMG_4521.JPG", "Бөлісу", "Поделиться:",
     "Share", "Қаралды: 245", "Просмотров: 1 024", "Тел: +7 (7172) 70-95-00",
     "E-mail: info@enu.kz"],
)
def test_boilerplate_line_detected(line: str) -> None:
    assert is_boilerplate_line(line)


def test_boilerplate_keeps_story_sentence() -> None:
    assert not is_boilerplate_line("Студенттер конференцияда баяндама жасады.")


def test_filter_blocks_drops_menu_run() -> None:
    menu = [Block(w, "li", len(w)) for w in ("Home", "News", "About", "Contacts")]
    story = Block("A long paragraph of the story that is plain text.", "p", 0)
    assert filter_blocks([*menu, story]) == [story]


@pytest.mark.parametrize(
    "line",
    ["Page 1 of 8", "Страница 2 из 5",
     "We earn a commission for products purchased through some links in this article."],
)
def test_boilerplate_pager_and_disclosure(line: str) -> None:
    assert is_boilerplate_line(line)


def test_boilerplate_keeps_sentence_about_pages() -> None:
    assert not is_boilerplate_line("Page 10 of the report shows the growth of enrolment.")


_LONG = "Университет студенттері халықаралық конференцияда ғылыми баяндама жасады. " * 3


def _story(*middle: Block, after: tuple[Block, ...] = ()) -> list[Block]:
    paragraphs = [Block(f"{n}. {_LONG}", "p", 0) for n in range(1, 5)]
    return [paragraphs[0], *middle, *paragraphs[1:], *after]


def test_filter_blocks_drops_short_call_to_action_after_story() -> None:
    cta = Block("Get in touch", "div", 0)
    assert cta not in filter_blocks(_story(after=(cta,)))


def test_filter_blocks_keeps_short_line_inside_story() -> None:
    line = Block("Жеңімпаздар тізімі:", "p", 0)
    assert line in filter_blocks(_story(line))


@pytest.mark.parametrize(
    "line", ["Image source: Getty Images.", "Photo: press service", "Фото: пресс-қызмет",
             "Сурет: университет сайты", "Photo by John Smith"],
)
def test_image_credit_is_boilerplate(line: str) -> None:
    assert is_boilerplate_line(line)


def test_image_credit_rule_keeps_sentences_about_photos() -> None:
    assert not is_boilerplate_line("Photos of the ceremony were published on the website.")


def test_filter_blocks_keeps_heading_before_paragraph() -> None:
    heading = Block("Нәтижелер", "h2", 0)
    assert heading in filter_blocks(_story(heading))


def test_filter_blocks_keeps_repeated_short_labels_but_not_repeated_links() -> None:
    pros, link = Block("Pros", "p", 0), Block("Read more about it", "a", 18)
    blocks = filter_blocks(_story(pros, link, pros, link))
    assert blocks.count(pros) == 2 and blocks.count(link) <= 1


@pytest.mark.parametrize(
    "line",
    ["Subscribe here", "Get in touch with our team", "♥ DONATE TODAY! ♥", "Learn more",
     "Tell me more", "Подпишитесь на наш Telegram", "Жазылыңыз", "Register now",
     "Зарегистрируйтесь на сайте", "Тіркелу"],
)
def test_call_to_action_line_detected(line: str) -> None:
    assert is_call_to_action(line) and is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["Learn more about the tuition fees of the university",
     "Registered students received grants for research.",
     "Join the discussion of the new budget law at the student council next week",
     "Подписан меморандум о сотрудничестве", "Зарегистрировано 300 участников.",
     "Тіркелген студенттер саны 500"],
)
def test_call_to_action_keeps_prose(line: str) -> None:
    assert not is_call_to_action(line)


def test_link_row_is_a_menu_whatever_its_neighbours() -> None:
    row = Block("new | past | comments | ask | submit", "td", 26, links=5, bare="| | | |")
    assert is_link_row(row)
    assert row not in filter_blocks([Block("1.", "td", 0), row, Block("2.", "td", 0)])


def test_link_row_not_a_list_of_names_or_an_item() -> None:
    names = Block("Yifan Zhu, Mariah Bradford, Kenneth Lai", "div", 36, links=3, bare=", ,")
    item = Block("3 points by someone | hide | past", "td", 20, links=3, bare="3 points by | |")
    assert not is_link_row(names) and not is_link_row(item)


def test_collect_blocks_counts_links_and_bare_text() -> None:
    from indexer.extract.boilerplate import collect_blocks, parse_html

    root = parse_html("<body><p><a href='/a'>new</a> | <a href='/b'>past</a> | "
                      "<a href='/c'>ask</a></p><p>Plain <a href='/d'>link</a> text</p></body>")
    row, para = collect_blocks(root.find(".//body"))
    assert (row.links, row.bare) == (3, "| |") and is_link_row(row)
    assert (para.links, para.bare) == (1, "Plain text") and not is_link_row(para)


def _body(inner: str) -> RawPage:
    html = f"<html><head><title>T</title></head><body>{inner}</body></html>"
    return RawPage("https://x.kz/kk/news/a", html.encode("utf-8"))


@pytest.mark.parametrize("name", ["premium-investing-services", "donate-box", "sponsored"])
def test_promotion_box_named_as_such_dropped(name: str) -> None:
    box = f'<div class="{name}"><h2>Our services</h2><p>Invest better with us today.</p></div>'
    story = f"<div><p>{_LONG}</p><p>2. {_LONG}</p></div>"
    assert "Invest better" not in extract(_body(story + box)).text


_STORY_HTML = "".join(f"<p>{n}. {_LONG}</p>" for n in range(1, 6))


def test_promotion_box_ending_with_a_call_to_action_dropped() -> None:
    pitch = ("<div><p>Want the latest news? Our free weekly letter is the top source of news "
             "you cannot find elsewhere. <a href='/s'>Subscribe here</a>.</p></div>")
    promo = ("<div><h2>Premium services</h2><p>Invest better with us.</p>"
             "<div><a class='foolcom-btn-gold' href='/p'>View services</a></div></div>")
    text = extract(_body(f"<div>{_STORY_HTML}</div>{pitch}{promo}")).text
    assert "Университет студенттері" in text
    assert "weekly letter" not in text and "Invest better" not in text


def test_call_to_action_keeps_a_one_paragraph_story() -> None:
    story = f"<div><p>{_LONG} <a href='/more'>Learn more</a></p></div>"
    assert "Университет студенттері" in extract(_body(story)).text


def test_call_to_action_keeps_cards_of_a_grid() -> None:
    from indexer.extract.boilerplate import clean_tree, parse_html, text_of

    cards = "".join(f"<div class='card'><h3>Service {n}</h3><p>What service {n} does for you."
                    f"</p><a class='btn' href='/{n}'>Learn more</a></div>" for n in range(4))
    root = parse_html(f"<html><body><div>{_STORY_HTML}</div><div>{cards}</div></body></html>")
    clean_tree(root)
    assert "What service 2 does for you." in text_of(root)


def test_prose_keeps_section_with_boilerplate_like_name() -> None:
    # "content-nav-section" names a menu by its words, but it holds the article's prose.
    menu = '<ul class="menu">' + "".join(f"<li><a href='/{i}'>Link {i}</a></li>" for i in
                                         range(40)) + "</ul>"
    story = f'<div class="content-nav-section"><p>{_LONG}</p><p>2. {_LONG}</p></div>'
    assert extract(_body(menu + story)).text.startswith("Университет студенттері")


def test_streamed_react_segment_is_content() -> None:
    page = _body(f'<main><p>Loading…</p></main><div hidden id="S:0"><p>{_LONG}</p></div>')
    assert "Университет студенттері" in extract(page).text


def test_hidden_widget_is_dropped() -> None:
    page = _body(f'<p>{_LONG}</p><div hidden id="popup"><p>Subscribe to our newsletter</p></div>')
    assert "Subscribe" not in extract(page).text


def test_table_cells_may_repeat() -> None:
    rows = "".join(f"<tr><td>{y}</td><td>+13.1%</td></tr>" for y in (2021, 2022, 2023))
    text = extract(_body(f"<p>{_LONG}</p><table>{rows}</table><p>2. {_LONG}</p>")).text
    assert text.count("+13.1%") == 3
