"""Line-level rules: blocks that are never content, whatever the markup around them.

Image file names ("WhatsApp Image 2023-10-12 at 17.35.54.jpeg"), share labels ("Бөлісу",
"Поделиться", "Share"), view counters ("Қаралды: 245"), phone / e-mail / address lines,
copyright and cookie lines, breadcrumbs ("Главная :: Новости :: ...") and language switchers
("Қаз | Рус | Eng").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from indexer.extract.boilerplate_byline import is_byline
from indexer.extract.boilerplate_chrome import is_offer, is_page_chrome

_BUTTON_TAGS = frozenset(("div", "p", "span", "section", "center"))
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())

_FILENAME = re.compile(
    r"^(?:\S.*\.(?:jpe?g|png|gif|webp|bmp|heic|tiff?|pdf|docx?)|img[_-]?\d+\S*|"
    r"(?:whatsapp|telegram|photo|image|dsc|dscn|screenshot)[\s_-].{0,60}\d.*)$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:бөлісу|поделиться|share(?: this)?(?: on \w+)?|tweet|pin it|print|басып шығару|"
    r"печать|қаралды|просмотр(?:ов|ы)?|views?|read more|толығырақ|подробнее|back|назад|"
    r"артқа|барлық жаңалықтар|все новости|all news|tags?|тегтер|теги|метки)\s*[:\d\s]*$",
    re.IGNORECASE,
)
# Image credits: "Image source: Getty Images.", "Photo: press service", "Фото: ...".
_CREDIT = re.compile(
    r"^(?:image|photo|picture|illustration)s? (?:source|credit|courtesy)s?\s*:|"
    r"^(?:photo|image|credit|фото|сурет|иллюстрация)\s*:|^(?:photo|image) (?:by|courtesy of)\b",
    re.IGNORECASE,
)
# "Page 1 of 8", "Страница 2 из 5", "1 / 8 бет": a pager, not text.
_PAGER = re.compile(
    r"^(?:page|страница|стр\.?|бет)\s*\d+\s*(?:of|из|/)\s*\d+$|^\d+\s*/\s*\d+\s*бет$",
    re.IGNORECASE,
)
# Affiliate and sponsorship disclosures ("We earn a commission for products purchased...").
_DISCLOSURE = re.compile(
    r"\b(?:we (?:may )?earn (?:a )?(?:small )?commission|affiliate (?:links?|commission)|"
    r"(?:this|the) (?:post|article|page) (?:may )?contains? (?:affiliate|sponsored) links?|"
    r"партнёрск\w* ссылк\w*)",
    re.IGNORECASE,
)
# Calls to action: a whole line that asks the reader to act ("Subscribe", "Get in touch with
# our team", "Request a demo", "Donate today!"), in English, Russian and Kazakh. Phrases that
# also open a sentence of prose ("Learn more about...") only count as the whole line.
_CALL_TO_ACTION = re.compile(
    r"^(?:(?:subscribe|sign up|register|donate|join|get in touch|contact us|request a demo|"
    r"book a (?:demo|call)|get a (?:free )?quote|start (?:your )?free trial|try it free|"
    r"подпи(?:шитесь|саться)|зарегистрир(?:уйтесь|оваться)|свяжитесь с нами|"
    r"оставить заявку|оставьте заявку|жазылыңыз|жазылу|тіркел(?:іңіз|у)|өтінім қалдыр\w*)"
    r"(?:\s+\S+){0,4}|(?:learn|find out|discover|tell me|see|show) more|get started|"
    r"shop now|buy now|order now|donate now|sign up now|go back|узнать больше|"
    r"узнайте больше|купить|толық білу)\s*[!.»→>]*$",
    re.IGNORECASE,
)
CTA_WORDS = 6
_COUNTER = re.compile(
    r"^(?:\d[\d\s]*\s*(?:views?|просмотр\w*|қаралды|рет қаралды)|"
    r"(?:views?|просмотр\w*|қаралым\w*|қаралды)\s*:?\s*\d[\d\s]*)$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2}")
_LANG_LABELS = frozenset(
    "қаз каз kaz kz kk қазақша казахский рус ru rus русский eng en english ағыл англ".split()
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_CONTACT_WORD = re.compile(
    r"^(?:тел|телефон|phone|tel|факс|fax|e-?mail|email|почта|пошта|адрес|мекенжай|"
    r"address|байланыс|контакты|contacts?)\b",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\bcookies?\b|куки|cookie-файл", re.IGNORECASE)
# Substrings every match of a pattern holds (lower case): a cheap test before the regex.
_COOKIE_KEYS = ("cookie", "куки")
_DISCLOSURE_KEYS = ("commission", "affiliate", "sponsored", "партнёрск")
_COPYRIGHT_KEYS = ("©", "(c)", "copyright", "all rights reserved", "все права защищены",
                   "барлық құқықтар")
_BREADCRUMB = re.compile(
    r"^(?:главная|басты бет|home|main|басты|на главную)\s*(?:::|»|›|>|/|\||→|-)\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)


def is_boilerplate_line(text: str) -> bool:
    """True for a line that is never content: share, counter, contact, file-name, pager,
    affiliate-disclosure, copyright and cookie lines."""
    size = len(text)
    if size < 120 and (_FILENAME.match(text) or _SHARE.match(text) or _COUNTER.match(text)):
        return True
    if size < 80 and (is_call_to_action(text) or _CREDIT.match(text)):
        return True
    if size < 40:
        words = _WORD.findall(text.lower())
        if words and len(words) <= 4 and all(w in _LANG_LABELS for w in words):
            return True  # a language switcher ("Қаз | Рус | Eng")
        if _PAGER.match(text):
            return True
    if size >= 300:
        return False
    low = text.lower()
    if _BREADCRUMB.match(text) or (_holds(low, _DISCLOSURE_KEYS) and _DISCLOSURE.search(text)):
        return True
    if size >= 160:
        return False
    if _holds(low, _COPYRIGHT_KEYS) or (_holds(low, _COOKIE_KEYS) and _COOKIE.search(text)):
        return True
    if _PHONE.search(text) or ("@" in text and _EMAIL.search(text)):
        return True
    return bool(_CONTACT_WORD.match(text)) and ":" in text


def _holds(low: str, keys: tuple[str, ...]) -> bool:
    """True when the lower-cased ``low`` contains one of ``keys``."""
    return any(key in low for key in keys)


def is_call_to_action(text: str) -> bool:
    """True for a short line that asks the reader to act: "Subscribe here", "Get in touch
    with our team", "Request a demo", "Donate today!", "Learn more", "Подпишитесь"."""
    return len(text.split()) <= CTA_WORDS and bool(_CALL_TO_ACTION.match(text.strip(" ♥★•|")))


class Block(NamedTuple):
    """One block of text in document order.

    A named tuple, not a frozen dataclass: as immutable and hashable, and made three times
    faster (a build makes one for every text block of every page, twice).

    Attributes:
        text: The block's text, whitespace collapsed.
        tag: The block element that holds it.
        link_chars: How many of its characters sit inside links.
        links: How many links it holds.
        bare: Its text outside links, whitespace collapsed.
    """

    text: str
    tag: str
    link_chars: int
    links: int = 0
    bare: str = ""

    @property
    def link_density(self) -> float:
        """Share of the text that is link text."""
        return self.link_chars / len(self.text) if self.text else 0.0


GOOD_CHARS = 100
NEAR_GOOD_CHARS = 40
HEADING_DISTANCE = 200
_GOOD, _NEAR, _SHORT, _BAD, _DUP = "good", "near", "short", "bad", "dup"


def _is_bad(blocks: list[Block], i: int) -> bool:
    block = blocks[i]
    if is_boilerplate_line(block.text) or is_page_chrome(block.text, block.tag):
        return True
    if block.link_density > 0.5 and (_in_link_run(blocks, i) or is_link_row(block)):
        return True
    # a call-to-action link ("Apply now", "Sign up for demo")
    return block.link_density > 0.8 and block.tag in _BUTTON_TAGS and len(block.text) < 60


ACTION_NOTE_CHARS = 60
ACTION_NOTE_WORDS = 4


def is_action_with_note(block: Block) -> bool:
    """True for a call-to-action link with a short note beside it and nothing else:
    "[Request a demo] Live demo + Q&A", "No card needed [Start free trial]" — a button and
    its caption. A sentence around the link ("[Learn more] about our admissions") is
    text, and so is a lone note (no link)."""
    text, bare = block.text, block.bare
    if not block.links or len(text) >= ACTION_NOTE_CHARS or not bare or bare == text:
        return False
    if len(bare.split()) > ACTION_NOTE_WORDS:
        return False
    if text.endswith(bare):
        linked = text[: len(text) - len(bare)]
    elif text.startswith(bare):
        linked = text[len(bare) :]
    else:
        return False  # the note sits between two links: not a button and its caption
    return is_call_to_action(linked.strip())


def _dedup(block: Block) -> bool:
    """True for a block whose repeats are dropped: links and whole paragraphs.

    Short labels without links repeat legitimately ("Pros", "Cons", "+13.1%" in a table);
    repeated links are a second copy of a menu, repeated paragraphs a second (mobile) layout.
    """
    return block.link_density > 0.5 or len(block.text) >= GOOD_CHARS


def classify(blocks: list[Block]) -> list[str]:
    """Label every block good / near / short / bad / dup from its own text (jusText-style).

    Bad: a boilerplate line, a link in a link run or a row of links, a call-to-action link.
    Dup: a repeat of an earlier block (dropped, but no evidence either way). Good: at least
    100 characters with few links. Near: 40-100 characters,
    or a list/table item without links. Short: the rest, and headings: their neighbours decide.
    """
    labels: list[str] = []
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        key = block.text.lower()
        if key in seen and _dedup(block):
            labels.append(_DUP)
            continue
        if _is_bad(blocks, i):
            labels.append(_BAD)
            continue
        if is_action_with_note(block):
            # dropped, but no evidence either way: a hero's button sits between the
            # intro and the list it leads to, both content
            labels.append(_DUP)
            continue
        if block.tag not in HEADINGS:  # a paragraph repeating a heading is no second copy
            seen.add(key)
        size = len(block.text)
        if block.tag in HEADINGS or block.link_density > 0.3:
            labels.append(_SHORT)
        elif block.tag in ("li", "dd", "dt", "td") and not block.link_chars:
            labels.append(_NEAR)  # list and table items without links: items, not buttons
        elif size >= GOOD_CHARS:
            labels.append(_GOOD)
        else:
            labels.append(_NEAR if size >= NEAR_GOOD_CHARS else _SHORT)
    return labels


def _neighbour(labels: list[str], i: int, step: int, stop: tuple[str, ...]) -> str:
    """The nearest label in ``stop`` from ``i`` in direction ``step`` (the page edge is bad)."""
    j = i + step
    while 0 <= j < len(labels):
        if labels[j] in stop:
            return labels[j]
        j += step
    return _BAD


def _heading_leads(blocks: list[Block], labels: list[str], i: int) -> bool:
    """True when a good block follows heading ``i`` within a few hundred characters."""
    distance = 0
    for block, label in zip(blocks[i + 1 :], labels[i + 1 :], strict=True):
        if label == _GOOD:
            return True
        if label == _BAD or distance > HEADING_DISTANCE:
            return False
        distance += len(block.text)
    return False


def in_context(blocks: list[Block], labels: list[str]) -> list[bool]:
    """Keep-or-drop per block: short blocks count as content only between content.

    As in jusText: a short block is kept when the nearest good/bad block on both sides is
    good, or on one side good and on the other a near-good block comes first; a near-good
    block when one side is good; a heading when a good block follows it closely. The page
    edges count as bad, so a "Get in touch" after the story's last paragraph goes, while a
    short line inside the story stays. A line naming a person next to the story (its byline
    or signature, :func:`~indexer.extract.boilerplate_byline.is_byline`) stays too.
    """
    keep = []
    hard = (_GOOD, _BAD)
    for i, label in enumerate(labels):
        if label in (*hard, _DUP):
            keep.append(label == _GOOD)
            continue
        before, after = _neighbour(labels, i, -1, hard), _neighbour(labels, i, 1, hard)
        if _GOOD in (before, after) and _is_byline(blocks[i]):
            keep.append(True)  # the author's line opening or closing the story
        elif label == _NEAR:
            keep.append(_GOOD in (before, after))
        elif blocks[i].tag in HEADINGS and _heading_leads(blocks, labels, i):
            keep.append(True)
        elif before == after:
            keep.append(before == _GOOD)
        else:
            bad_step = -1 if before == _BAD else 1
            keep.append(_neighbour(labels, i, bad_step, (*hard, _NEAR)) == _NEAR)
    return keep


def _is_byline(block: Block) -> bool:
    return not block.links and block.tag not in HEADINGS and is_byline(block.text)


def has_main_text(blocks: list[Block], labels: list[str]) -> bool:
    """True when good blocks make most of the page's text (an article, not a grid/listing)."""
    good = sum(len(b.text) for b, label in zip(blocks, labels, strict=True) if label == _GOOD)
    total = sum(
        len(b.text) for b, label in zip(blocks, labels, strict=True) if label not in (_BAD, _DUP)
    )
    return good >= MAIN_TEXT_CHARS and good >= MAIN_TEXT_SHARE * total


MAIN_TEXT_CHARS = 500
MAIN_TEXT_SHARE = 0.5


def filter_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Drop link lists, boilerplate lines and repeated blocks; keep document order.

    On a page with a main text, short blocks outside it (before its first or after its last
    paragraph, or between boilerplate) go too: see :func:`in_context`.
    """
    blocks = list(blocks)
    labels = classify(blocks)
    if has_main_text(blocks, labels):
        keep = in_context(blocks, labels)
    else:  # a product grid, listing or service page: offers are banners here
        keep = [
            label not in (_BAD, _DUP) and not is_offer(block.text)
            for block, label in zip(blocks, labels, strict=True)
        ]
    return [b for b, k in zip(blocks, keep, strict=True) if k]


LINK_ROW_LINKS = 3
_ROW_SEPARATORS = re.compile(r"^[^\w,]*$", re.UNICODE)


def is_link_row(block: Block) -> bool:
    """True for a row of links joined by separators only ("new | past | comments | submit",
    "Help -- Report a bad link -- Suggest a listing"): a menu, whatever its neighbours.

    Text outside the links ("3 points by ...", "Authors: ...", "[1] arXiv:...") or commas
    between them (a list of names) make it an item of a listing, not a menu.
    """
    return (
        block.links >= LINK_ROW_LINKS
        and block.link_density > 0.5
        and bool(_ROW_SEPARATORS.match(block.bare))
    )


def _in_link_run(blocks: list[Block], i: int) -> bool:
    """True when a link block sits among other link blocks (a menu or a link list)."""
    if len(blocks[i].text.split()) <= 3:
        return True
    neighbours = blocks[max(0, i - 2) : i] + blocks[i + 1 : i + 3]
    linky = sum(b.link_density > 0.5 and len(b.text.split()) <= 4 for b in neighbours)
    return linky >= 2
