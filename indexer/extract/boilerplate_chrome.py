"""Page chrome and marketing lines that the generic line rules miss.

Two kinds, by how sure the text alone is:

* :func:`is_page_chrome` — never content on any page: shop UI controls ("Filter & Sort",
  "Type to search products"), a template slot name that leaked into the text
  ("insurance_lp_hero"), the bare label of a logo or brand strip ("Featured Brands:",
  "Trusted by"), and the fine print of an offer: a line that opens with a footnote mark
  and speaks of credit, payments or offer terms ("‡*Subject to credit approval. Minimum
  monthly payments required.").
* :func:`is_offer` — a short promotional offer ("Save $26 with the Holiday Set", "Get $130
  in value", "Migrate and get up to $10k in credits"). A news story may say "students save
  $500", so :func:`~indexer.extract.boilerplate_lines.filter_blocks` applies it only on pages
  without a main text (product grids, service pages), where such a line is a banner.
"""

from __future__ import annotations

import re

CHROME_CHARS = 80
OFFER_CHARS = 100
_CODE_TAGS = frozenset(("pre", "code", "td", "th"))

_UI_CONTROL = re.compile(
    r"^(?:filters?(?:\s*(?:&|and|\+)\s*sort(?:\s*by)?)?|sort(?:\s*by)?|sort\s*(?:&|and)\s*"
    r"filters?|refine(?: by| results)?|(?:show|hide|clear|reset)(?: all)? filters?|"
    r"type to search\b.*|search (?:for )?(?:products|items|the site|our site|here)\b.*|"
    r"сортировка|сортировать(?: по)?|фильтры?|сұрыптау|сүзгі(?:лер)?)\s*[:.…]*$",
    re.IGNORECASE,
)
# snake_case identifiers ("insurance_lp_hero"): CMS slot names, never words of a sentence.
_SLOT_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
# Labels of logo / brand strips (social proof), the bare label only: a claim such as
# "Trusted by 500,000+ customers" is part of a shop's own text.
_STRIP_LABEL = re.compile(
    r"^(?:(?:featured|top|popular) brands|shop by (?:brand|category)|trusted by|"
    r"as (?:seen|featured) (?:on|in)|loved by|our (?:clients|partners)|"
    r"нам доверяют|наши (?:клиенты|партнёры|партнеры)|бізге сенеді|біздің серіктестер)"
    r"\s*:?$",
    re.IGNORECASE,
)
# Fine print opens with a footnote mark ("‡*", "^°", "†"; screen readers may read
# "Footnote"). Not "*" or "**": "*Discount for new customers only" and "**NOTE:**" open
# notes that belong to a page's text.
_FOOTNOTE_MARK = re.compile(r"^(?:footnote\s*)?[\"“]?[†‡§¶^°±¹²³⁴⁵⁶⁷⁸⁹]", re.IGNORECASE)
# A footnote mark glued to a word inside a short line ("No interest for 5 years^° -
# In-store Only"): the headline of an offer whose fine print follows. Not after a digit
# (25°C, 45°).
_GLUED_MARK = re.compile(r"[^\W\d][†‡^°]")
# What a line matched by _FOOTNOTE_MARK can start with ("f" of "footnote", a quote, a mark):
# a cheap test before the regex.
_FOOTNOTE_STARTS = frozenset("fF\"“†‡§¶^°±¹²³⁴⁵⁶⁷⁸⁹")
_TERMS = re.compile(
    r"\b(?:apr|credit|payments?|financing|interest|offers?|purchases?|subject to|terms|"
    r"conditions|"
    r"eligib\w*|qualif\w*|applications?|exclu\w*|valid|subscri\w*|renew\w*|required|"
    r"кредит\w*|услови\w*|предложени\w*|шарттар\w*)\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:save|get|earn|enjoy|receive|take)\b[^.!?]{0,40}?(?:[$€£₸]\s?\d|\d[\d.,]*\s?(?:[$€£₸]"
    r"|%\s*off\b|k\b))|\b(?:free (?:shipping|delivery|returns))\b",
    re.IGNORECASE,
)


def is_page_chrome(text: str, tag: str) -> bool:
    """True for a line of page chrome: a UI control, a template slot name, a logo-strip
    label or the fine print of an offer (see the module docstring)."""
    if len(text) < CHROME_CHARS and (_UI_CONTROL.match(text) or _STRIP_LABEL.match(text)):
        return True
    if "_" in text and tag not in _CODE_TAGS and _SLOT_NAME.match(text):
        return True
    if (text[:1] in _FOOTNOTE_STARTS and _FOOTNOTE_MARK.match(text)) or (
        # the marks as plain substrings first: the regex's letter class is slow per character
        len(text) < OFFER_CHARS
        and ("^" in text or "°" in text or "†" in text or "‡" in text)
        and _GLUED_MARK.search(text)
    ):
        return bool(_TERMS.search(text))
    return False


def is_offer(text: str) -> bool:
    """True for a short promotional offer ("Save $26 with ...", "Get $130 in value")."""
    return len(text) < OFFER_CHARS and bool(_OFFER.search(text))
