"""Is a page one news item? Decided on the page's content; the URL is a weak prior only.

Real article URLs rarely look like articles: WordPress ``/?p=123``, Joomla
``index.php?option=com_content&view=article&id=7``, Bitrix ``?ELEMENT_ID=7``, ASP.NET
``News.aspx?id=7``, ``/en/5292/news``, a print view. So no URL rule leaves a page out on
its own. A page is left out when its content says it is not a story:

* a **listing**: three or more teasers (repeated items that each link to another page
  under a headline) and no article body;
* a **listing URL** (a home page, a section index such as ``/ru/news/``, a tag page,
  ``?start=40``) or a **service URL** (contacts, about, search) whose text has no article
  body either;
* **too little text** to be a story, or **no prose** at all (only short lines).

An *article body* is one prose block of :data:`BODY_CHARS` characters, or one of at least
:data:`MIN_ARTICLE_CHARS` that holds :data:`BODY_SHARE` of the text: a listing's teasers are
many short leads, none of them dominant. Each left-out page gets a reason, "kind: detail",
that the build report lists (:mod:`indexer.index.report`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import parse_qsl, unquote, urlsplit

from indexer.extract.boilerplate_lines import Block
from indexer.extract.html_tree import HtmlElement, squeezed_len, text_of

#: Fewer characters of main text than this: not a story.
MIN_ARTICLE_CHARS = 150
#: A prose block is at least this long and mostly not link text.
PROSE_CHARS = 80
PROSE_LINK_DENSITY = 0.3
#: One prose block this long, or holding this share of the text, is an article body.
BODY_CHARS = 400
BODY_SHARE = 0.5
#: This many repeated teasers make a listing when there is no article body; this many
#: make one whatever the longest block (an intro paragraph above the list).
MIN_TEASERS = 3
MANY_TEASERS = 8
#: A teaser's headline link has at least this many words.
HEADLINE_WORDS = 3
#: How far above its headline link a teaser item may start.
TEASER_DEPTH = 6
#: The teasers of a listing hold at least this share of the page's text.
TEASER_SHARE = 0.4

#: Characters that end a sentence (a block ending otherwise may run on into the next).
_SENTENCE_END = frozenset(".!?…:;»\"”)")

#: The kinds of skip reasons ("duplicate" is the build's: a URL seen earlier in the crawl).
SKIP_KINDS = ("listing", "service page", "too little text", "no prose", "no main text",
              "duplicate")

_LANG_SEGMENTS = frozenset("kz kk ru en qq kaz rus eng qaz kk-kz ru-ru en-us lat".split())
_SECTION = re.compile(
    r"^(?:news|all-?news|newslist|news-?list|novosti|новости|zhanalyqtar|zhanalyktar|"
    r"jańalyqtar|jana?lyqtar|жаңалықтар|events|sobytiya|события|is-?sharalar|іс-шаралар|"
    r"blog|press|press-?(?:center|centre|tsentr|releases?|sluzhba)|пресс-центр|media|smi|"
    r"articles|stati|статьи|announcements?|obyavleniya|объявления|habarlandyru|"
    r"хабарландырулар|archives?|arhiv|архив|index|home|main|default)(?:\.\w{2,5})?$"
)
_TAXONOMY = re.compile(r"^(?:tags?|tegi|теги|тег|category|categories|rubric|rubrika|"
                       r"рубрика|author|authors|avtor)$")
_SERVICE = re.compile(
    r"^(?:contacts?|kontakty?|контакты|байланыс|bailanys|about(?:-us|_us)?|o-nas|о-нас|"
    r"biz-turaly|universitet-turaly|search|poisk|поиск|izdeu|login|signin|register|"
    r"sitemap|feed|rss)(?:\.\w{2,5})?$"
)
_PAGE_SEGMENTS = frozenset(("page", "p", "stranitsa", "bet"))
_PAGINATION_PARAM = re.compile(r"^(?:page|paged|start|limitstart|offset|from|pg|pagen_\d+)$")
_SEARCH_PARAM = frozenset(("q", "s", "query", "search", "text", "keyword"))
# A query naming one item: ?p=123, ?id=7, ?ELEMENT_ID=7, ?id_news=7, ?nid=7, view=article.
_ITEM_PARAM = re.compile(r"^(?:p|item|article|post|id_\w+|\w*id)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_INLINE_TAGS = frozenset(("p", "span", "em", "strong", "b", "i", "font"))
_CHROME_TAGS = frozenset(("nav", "header", "footer", "aside", "menu"))
_LAYOUT_FLAG = re.compile(r"(?:^|\s)(?:has|with|no|is)-\S*")
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|submenu|sidebar|footer|header|related|latest|"
    r"popular|recent|widget|breadcrumbs?|pager|pagination|similar|more-news|"
    r"other-news|social|share|tags)(?:$|[\s_-])"
)


def url_prior(url: str) -> str:
    """What the URL alone suggests: "home page", "section index", "tag page",
    "paginated list", "service URL", "search results", or "" (nothing, or one item)."""
    parts = urlsplit(url)
    params = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if any(_PAGINATION_PARAM.match(k) and v.isdigit() and int(v) > 0 for k, v in params):
        return "paginated list"
    if any(k in _SEARCH_PARAM and v for k, v in params):
        return "search results"
    segments = [s for s in unquote(parts.path).lower().split("/") if s]
    segments = [s for s in segments if s not in _LANG_SEGMENTS]
    if len(segments) >= 2 and segments[-2] in _PAGE_SEGMENTS and segments[-1].isdigit():
        return "paginated list"
    if any(_ITEM_PARAM.match(k) and v for k, v in params) or ("view", "article") in params:
        return ""
    return _path_prior(segments)


def _path_prior(segments: list[str]) -> str:
    if not segments:
        return "home page"
    if _TAXONOMY.match(segments[-1]) or (len(segments) >= 2 and _TAXONOMY.match(segments[-2])):
        return "tag page"
    if _SERVICE.match(segments[-1]):
        return "service URL"
    # /news/, /ru/press-center/news/, /archive/2008/6 (a dated archive), /news/2023/05/
    rest = segments
    for at in range(max(1, len(segments) - 3), len(segments)):
        if _YEAR.match(segments[at]) and all(
                s.isdigit() and len(s) <= 2 for s in segments[at + 1:]):
            rest = segments[:at]
            break
    return "section index" if all(_SECTION.match(s) for s in rest) else ""


def count_teasers(root: HtmlElement, url: str = "") -> int:
    """Size of the largest group of teasers on a page: sibling items of one tag and class
    that each hold a headline link to another page of the site and together hold at least
    :data:`TEASER_SHARE` of the page's text, outside menus and related-news boxes.

    Args:
        root: The parsed page, scripts removed but not yet cleaned of boilerplate (the
            cleaning drops most teaser links).
        url: The page's URL: headline links to other sites are not teasers.
    """
    host = _host(url)
    # Keyed by the parent element itself, which keeps its proxy alive: an id() of a
    # proxy lxml has freed can come back for another element and split a group.
    groups: dict[tuple[HtmlElement, str, str], dict[int, HtmlElement]] = defaultdict(dict)
    for link in root.iter("a"):
        if not _is_headline_link(link, host):
            continue
        item = link.getparent()
        for _ in range(TEASER_DEPTH):
            parent = item.getparent() if item is not None else None
            if parent is None:
                break
            if item.tag not in _INLINE_TAGS:
                groups[(parent, str(item.tag), item.get("class", ""))][id(item)] = item
            item = parent
    best, total = 0, 0
    for members in groups.values():
        if len(members) < max(MIN_TEASERS, best + 1):
            continue
        items = list(members.values())
        if _in_chrome(items[0].getparent()):
            continue
        total = total or squeezed_len(text_of(root))
        if sum(squeezed_len(text_of(el)) for el in items) >= TEASER_SHARE * total:
            best = len(items)
    return best


def _is_headline_link(link: HtmlElement, host: str) -> bool:
    # the words first: most links (menus, tags, "Read more") have too few, and text_of of a
    # link without children is a mere attribute read
    if len(text_of(link).split()) < HEADLINE_WORDS:
        return False
    href = (link.get("href") or "").strip().lower()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    # a listicle's items link out (shops, maps); a listing's stay on the site
    return not (host and href.startswith(("http:", "https:", "//")) and _host(href) != host)


def _host(url: str) -> str:
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    name = name.rstrip(".")
    return name[4:] if name.startswith("www.") else name


def _in_chrome(el: HtmlElement | None) -> bool:
    """True inside a nav, header, footer, aside or an element named like a menu or a box of
    related news. Layout flags ("has-sidebar", "with-header") name the page, not the box;
    ``<body>`` and ``<html>`` are not asked."""
    while el is not None and el.tag not in ("body", "html"):
        names = _LAYOUT_FLAG.sub(" ", f"{el.get('class', '')} {el.get('id', '')}".lower())
        if el.tag in _CHROME_TAGS or _CHROME_NAME.search(names):
            return True
        el = el.getparent()
    return False


def prose_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks long enough and with few enough links to be running text (lines that a
    site broke inside a sentence are joined first)."""
    return [b for b in _unwrapped(blocks)
            if len(b.text) >= PROSE_CHARS and b.link_density < PROSE_LINK_DENSITY]


def _unwrapped(blocks: list[Block]) -> list[Block]:
    """Join a block with the next when a sentence runs on: it does not end a sentence
    and the next starts in lower case ("Kazakhstan has introduced new" / "financial
    support tools for students, ..."), as pages that break lines with ``<p>`` show."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if (last is not None and last.text and block.text
                and last.text[-1] not in _SENTENCE_END and block.text[0].islower()):
            out[-1] = Block(f"{last.text} {block.text}", last.tag,
                            last.link_chars + block.link_chars, last.links + block.links,
                            f"{last.bare} {block.bare}".strip())
        else:
            out.append(block)
    return out


def has_body(blocks: list[Block]) -> bool:
    """True when one prose block is long enough, or dominant enough, to be a story's body."""
    total = sum(len(b.text) for b in blocks)
    longest = max((len(b.text) for b in prose_blocks(blocks)), default=0)
    return longest >= BODY_CHARS or (longest >= MIN_ARTICLE_CHARS and longest >= BODY_SHARE * total)


def skip_reason(url: str, blocks: list[Block], teasers: int) -> str:
    """Why the page is not one news item ("kind: detail"), or "" when it is one.

    Args:
        url: The page's URL (a weak prior only).
        blocks: The main-content blocks, boilerplate removed.
        teasers: :func:`count_teasers` of the raw page.
    """
    total = sum(len(b.text) for b in blocks)
    body = has_body(blocks)
    missing = "no article body" if total else "no main text"
    if teasers >= MANY_TEASERS or (teasers >= MIN_TEASERS and not body):
        return f"listing: {teasers} teasers" + ("" if body else f" and {missing}")
    prior = url_prior(url)
    if prior and not body:
        kind = "service page" if prior in ("service URL", "search results") else "listing"
        return f"{kind}: {prior} and {missing}"
    if total == 0:
        return "no main text: the page has a title but no text"
    if total < MIN_ARTICLE_CHARS:
        return f"too little text: {total} characters (under {MIN_ARTICLE_CHARS})"
    if not prose_blocks(blocks):
        return f"no prose: {len(blocks)} short lines, none of {PROSE_CHARS} characters"
    return ""


def skip_kind(reason: str) -> str:
    """The kind of a skip reason ("listing" of "listing: 7 teasers ...")."""
    return reason.split(":", 1)[0]
