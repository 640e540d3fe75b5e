"""Page chrome and offer lines (indexer.extract.boilerplate_chrome) and where the extractor
uses them."""

from __future__ import annotations

import pytest

from indexer.extract.boilerplate import find_main, main_blocks, parse_html
from indexer.extract.boilerplate_chrome import is_offer, is_page_chrome
from indexer.extract.boilerplate_lines import Block, filter_blocks, is_action_with_note

STORY = (
    "The university opened a new research centre on Monday, its rector told reporters, "
    "and the first students will start their projects there in the autumn term. "
)


@pytest.mark.parametrize(
    "line",
    [
        "Filter & Sort",
        "Sort by:",
        "Filters",
        "Clear all filters",
        "Type to search products",
        "Search our site…",
        "Сортировка",
        "Featured Brands:",
        "Trusted by",
        "Наши партнеры",
        "homepage_promo_slot",
        "‡*Subject to credit approval. Minimum monthly payments required.",
        "^°Not combinable with other offers. Penalty APR applies.",
        "Footnote † Offer valid for new subscribers only.",
    ],
)
def test_page_chrome_detected(line: str) -> None:
    assert is_page_chrome(line, "div")


@pytest.mark.parametrize(
    "line",
    [
        "Sort the samples by size before weighing them.",
        "Filters in the new water plant remove 99 % of the sediment.",
        "Trusted by 500,000+ customers",  # a shop's own claim, not a strip label
        "*Discount available for new customers only.",  # an asterisk note belongs to the text
        "**NOTE:** renters are no longer eligible for a tax refund.",
        "† Died in 1943.",  # a footnote mark without offer terms
        "Rector Askar Zhumadildayev spoke first.",
    ],
)
def test_page_chrome_keeps_text(line: str) -> None:
    assert not is_page_chrome(line, "p")


def test_slot_name_in_code_is_kept() -> None:
    assert not is_page_chrome("max_retry_count", "pre")


@pytest.mark.parametrize(
    "line",
    ["Save $26 with the Limited Edition Holiday Set", "Get $130 in value",
     "Migrate today and get up to $10k in credits", "Free shipping on all orders"],
)
def test_offer_detected(line: str) -> None:
    assert is_offer(line)


def test_offer_needs_an_amount() -> None:
    assert not is_offer("Get in shape with our new gym")


def _block(text: str, tag: str = "p") -> Block:
    return Block(text, tag, 0, 0, text)


def test_offer_dropped_on_page_without_main_text() -> None:
    grid = [_block("Save $26 with the Holiday Set", "div"), _block("Glossy lip balm", "div"),
            _block("Cloud paint blush", "div")]
    kept = [b.text for b in filter_blocks(grid)]
    assert kept == ["Glossy lip balm", "Cloud paint blush"]


def test_offer_kept_inside_a_story() -> None:
    story = [_block(STORY * 2), _block("Students save $500 a year"), _block(STORY * 3)]
    kept = [b.text for b in filter_blocks(story)]
    assert "Students save $500 a year" in kept


def test_fine_print_heading_goes_with_its_fine_print() -> None:
    html = (
        "<html><body><main><h2>Cloud sofas</h2><p>" + STORY * 5 + "</p>"
        "<h2>$1 to Start‡^</h2><p>‡^“$1 to start” is available for applications online; "
        "subject to credit approval, minimum monthly payments required.</p></main></body></html>"
    )
    texts = [b.text for b in main_blocks(parse_html(html))]
    assert not any("$1" in t for t in texts)
    assert any(t.startswith("The university") for t in texts)


def test_find_main_skips_content_named_box_in_footer() -> None:
    html = (
        "<html><body><div>" + "<p>" + STORY + "</p>" * 1 + "</div>"
        "<footer><div class='globalfooter-content'><p>" + STORY.upper() * 3 + "</p></div>"
        "</footer></body></html>"
    )
    root = parse_html(html)
    assert find_main(root).tag == "body"


@pytest.mark.parametrize(
    "line",
    ["No interest for 5 years^° - In-store Only", "24 Months Special Financing‡* - Online Only",
     "0% APR for 12 months† on purchases"],
)
def test_offer_headline_with_glued_footnote_mark(line: str) -> None:
    assert is_page_chrome(line, "h2")


@pytest.mark.parametrize(
    "line",
    ["It was 25°C at noon, with no interest in the match.",  # mark after a digit
     "Smith† and Jones‡ wrote the report."],  # author marks without offer terms
)
def test_glued_mark_without_offer_terms_is_text(line: str) -> None:
    assert not is_page_chrome(line, "p")


def test_in_page_jump_link_dropped_inside_paragraph() -> None:
    html = (
        "<html><body><article><p><a href='#list'>JUMP TO THE LIST ⤵</a> " + STORY + "</p>"
        "<p>" + STORY + "</p></article></body></html>"
    )
    texts = [b.text for b in main_blocks(parse_html(html))]
    assert texts[0].startswith("The university")
    assert not any("JUMP" in t for t in texts)


def test_jump_words_in_a_real_link_or_prose_stay() -> None:
    html = (
        "<html><body><article><p><a href='/guide'>Skip to chunk 4</a> when the parser "
        "breaks. " + STORY + "</p><p>Jump to conclusions? " + STORY + "</p></article>"
        "</body></html>"
    )
    text = " ".join(b.text for b in main_blocks(parse_html(html)))
    assert "Skip to chunk 4" in text and "Jump to conclusions?" in text


def _linked(link: str, note: str, note_first: bool = False) -> Block:
    text = f"{note} {link}" if note_first else f"{link} {note}"
    return Block(text, "div", len(link), 1, note)


def test_call_to_action_with_note_dropped_without_breaking_context() -> None:
    intro = _block("Know your business and boost revenue with our analytics software.")
    items = [_block(t, "li") for t in ("Customer analytics", "Churn prediction")]
    blocks = [_block(STORY * 3), intro, _linked("Request a demo", "Live demo + Q&A"),
              _block("What we offer", "h2"), *items, _block(STORY * 2)]
    kept = [b.text for b in filter_blocks(blocks)]
    assert "Request a demo Live demo + Q&A" not in kept
    assert intro.text in kept and "Customer analytics" in kept and "Churn prediction" in kept


@pytest.mark.parametrize(
    "block",
    [
        _linked("Learn more", "about our admissions process and the deadlines"),  # a sentence
        _linked("Dr. Aigerim Sadykova", "Rector"),  # not a call to action
        Block("Request a demo", "div", 0, 0, "Request a demo"),  # no link: the line rules decide
    ],
)
def test_not_an_action_with_note(block: Block) -> None:
    assert not is_action_with_note(block)


def test_action_with_note_before_the_link() -> None:
    assert is_action_with_note(_linked("Get started", "No card needed.", note_first=True))
