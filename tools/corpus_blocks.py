"""Boilerplate blocks shared by the demo site templates.

Every block takes the page context and the CSS class names of the site that
uses it, so the seven templates share wording but not markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from corpus_text import (
    LANG_SWITCH_LABELS,
    LANGS,
    MENU,
    SERVICES,
    UNIVERSITIES,
    esc,
    format_date,
    label,
    pick,
    uni,
)


@dataclass(frozen=True)
class PageCtx:
    """Everything a site template needs to render one page.

    Attributes:
        uid: University id ("kaznu").
        host: Host name as saved by wget ("www.zhetysu.edu.kz").
        lang: Page language.
        kind: "article", "listing", "tag", "contact" or "about".
        title: The page's headline (h1), without site suffix.
        url: The page's own URL.
        homes: Language -> home page URL of the site.
        switch: Language -> language switcher target (other version or home).
        alternates: Language -> URL of every version of the story (hreflang).
        day: Publication date of an article.
        paragraphs: Article paragraphs.
        captions: Image file-name captions.
        sidebar: (title, url, date) of other stories for the "latest news" box.
        tags: (label, url) tag links.
        views: View counter value.
        canonical: ``<link rel=canonical>`` target, if any.
        clock: Publication time "HH:MM" for sites that show one.
        listing_url: URL of the site's news listing in this language.
        main_html: Pre-rendered main content of non-article pages.
        charset: Encoding the page will be saved in (declared in its head).
    """

    uid: str
    host: str
    lang: str
    kind: str
    title: str
    url: str
    homes: dict[str, str]
    switch: dict[str, str]
    alternates: dict[str, str] = field(default_factory=dict)
    day: date | None = None
    paragraphs: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    sidebar: tuple[tuple[str, str, date], ...] = ()
    tags: tuple[tuple[str, str], ...] = ()
    views: int = 0
    canonical: str | None = None
    clock: str = "10:00"
    listing_url: str = ""
    main_html: str = ""
    charset: str = "utf-8"


def head_links(ctx: PageCtx, hreflang: bool) -> str:
    """Return canonical and hreflang ``<link>`` tags for the head."""
    out = []
    if ctx.canonical:
        out.append(f'<link rel="canonical" href="{esc(ctx.canonical)}">')
    if hreflang and len(ctx.alternates) > 1:
        for lang in LANGS:
            if lang in ctx.alternates:
                out.append(f'<link rel="alternate" hreflang="{lang}" '
                           f'href="{esc(ctx.alternates[lang])}">')
    return "\n".join(out)


def menu(ctx: PageCtx, cls: str) -> str:
    """Top menu with a mega menu of sub-links under each item."""
    home = ctx.homes[ctx.lang]
    items = [f'<li class="{cls}__item"><a href="{home}">{label("home", ctx.lang)}</a></li>']
    for n, (top, subs) in enumerate(MENU):
        links = "".join(
            f'<li><a href="{home}page/{n}-{k}">{esc(pick(sub, ctx.lang))}</a></li>'
            for k, sub in enumerate(subs))
        items.append(f'<li class="{cls}__item {cls}__item--mega"><a href="{home}section/{n}">'
                     f'{esc(pick(top, ctx.lang))}</a><div class="{cls}__mega"><ul>{links}</ul>'
                     f'</div></li>')
    items.append(f'<li class="{cls}__item"><a href="{ctx.listing_url}">'
                 f'{label("news", ctx.lang)}</a></li>')
    items.append(f'<li class="{cls}__item"><a href="{home}contacts/">'
                 f'{label("contacts", ctx.lang)}</a></li>')
    return f'<nav class="{cls}"><ul>{"".join(items)}</ul></nav>'


def breadcrumbs(ctx: PageCtx, cls: str, sep: str = " / ") -> str:
    """Breadcrumb trail: home, news, current page."""
    return (f'<div class="{cls}"><a href="{ctx.homes[ctx.lang]}">{label("home", ctx.lang)}</a>'
            f'{esc(sep)}<a href="{ctx.listing_url}">{label("news", ctx.lang)}</a>{esc(sep)}'
            f'<span>{esc(ctx.title)}</span></div>')


def lang_switch(ctx: PageCtx, cls: str) -> str:
    """Қаз / Рус / Eng links to the other versions, else to the language's home page."""
    links = []
    for lang in LANGS:
        active = ' class="active"' if lang == ctx.lang else ""
        links.append(f'<a href="{esc(ctx.switch[lang])}" lang="{lang}"{active}>'
                     f'{LANG_SWITCH_LABELS[lang]}</a>')
    return f'<div class="{cls}">{" | ".join(links)}</div>'


def latest(ctx: PageCtx, cls: str, date_fmt: str | None = None) -> str:
    """Sidebar box with titles of other stories (with dates when ``date_fmt`` is a style)."""
    rows = []
    for title, url, day in ctx.sidebar:
        when = f'<span class="{cls}__date">{format_date(day, date_fmt)}</span> ' if date_fmt \
            else ""
        rows.append(f'<li>{when}<a href="{esc(url)}">{esc(title)}</a></li>')
    return (f'<div class="{cls}"><h3>{label("latest", ctx.lang)}</h3><ul>{"".join(rows)}</ul>'
            f'<a class="{cls}__all" href="{ctx.listing_url}">{label("all_news", ctx.lang)}</a>'
            f'</div>')


def services(ctx: PageCtx, cls: str) -> str:
    """The "Services available" / "Қызметтер" / "Сервисы" box."""
    rows = "".join(f'<li><a href="{ctx.homes[ctx.lang]}service/{n}">{esc(pick(s, ctx.lang))}'
                   f'</a></li>' for n, s in enumerate(SERVICES))
    return f'<div class="{cls}"><h3>{label("services", ctx.lang)}</h3><ul>{rows}</ul></div>'


def share(ctx: PageCtx, cls: str) -> str:
    """Share buttons for VK, Facebook, Telegram and WhatsApp."""
    nets = (("vk", "VK", "https://vk.com/share.php?url="),
            ("fb", "Facebook", "https://www.facebook.com/sharer/sharer.php?u="),
            ("tg", "Telegram", "https://t.me/share/url?url="),
            ("wa", "WhatsApp", "https://api.whatsapp.com/send?text="))
    links = "".join(f'<a class="{cls}__{k}" href="{base}{esc(ctx.url)}">{name}</a>'
                    for k, name, base in nets)
    return f'<div class="{cls}"><span>{label("share", ctx.lang)}:</span> {links}</div>'


def views(ctx: PageCtx, cls: str) -> str:
    """View counter; a plain integer, never date-like."""
    return f'<span class="{cls}">{label("views", ctx.lang)}: {ctx.views}</span>'


def tags(ctx: PageCtx, cls: str) -> str:
    """Tag links under an article."""
    links = ", ".join(f'<a href="{esc(url)}" rel="tag">#{esc(name)}</a>' for name, url in ctx.tags)
    return f'<div class="{cls}">{label("tags", ctx.lang)}: {links}</div>'


def contacts(ctx: PageCtx, cls: str) -> str:
    """Contact block: name, address, phones, e-mail."""
    info = UNIVERSITIES[ctx.uid]
    phones = "".join(f'<li>{label(k, ctx.lang)}: <a href="tel:{p.replace(" ", "")}">{p}</a></li>'
                     for k, p in zip(("reception", "admissions"), info["phones"], strict=True))
    return (f'<div class="{cls}"><h4>{esc(uni(ctx.uid, "name", ctx.lang))}</h4>'
            f'<p>{label("address", ctx.lang)}: {esc(uni(ctx.uid, "address", ctx.lang))}</p>'
            f'<ul>{phones}</ul><p>E-mail: <a href="mailto:{info["email"][0]}">'
            f'{info["email"][0]}</a></p></div>')


def copyright_line(ctx: PageCtx, since: int) -> str:
    """Footer copyright line, a year range only (no full date)."""
    return (f'&copy; {since}&ndash;2025 {esc(uni(ctx.uid, "name", ctx.lang))}. '
            f'{label("rights", ctx.lang)}')


def cookie(ctx: PageCtx, cls: str) -> str:
    """Cookie notice with an accept button."""
    return (f'<div class="{cls}" role="dialog"><p>{label("cookie", ctx.lang)}</p>'
            f'<button type="button">{label("accept", ctx.lang)}</button></div>')


def figures(ctx: PageCtx, mode: str, img_base: str) -> str:
    """Story images; captions are file names shown as figcaption, alt text or plain text.

    Args:
        ctx: Page context.
        mode: "figcaption", "alt" or "text".
        img_base: URL folder of the images.
    """
    out = []
    for name in ctx.captions:
        src = f"{img_base}{esc(name.replace(' ', '%20'))}"
        if mode == "figcaption":
            out.append(f'<figure><img src="{src}" alt=""><figcaption>{esc(name)}</figcaption>'
                       f'</figure>')
        elif mode == "alt":
            out.append(f'<img src="{src}" alt="{esc(name)}" title="{esc(name)}">')
        else:
            out.append(f'<div class="photo"><img src="{src}"><br><small>{esc(name)}</small></div>')
    return "\n".join(out)


def paragraphs(ctx: PageCtx) -> str:
    """Article paragraphs as ``<p>`` elements."""
    return "\n".join(f"<p>{esc(p)}</p>" for p in ctx.paragraphs)


_DATE_STYLES = {  # site -> per-language visible date style
    "kaznu": {"kk": "kk_long", "ru": "ru_long", "en": "en_long"},
    "enu": {"kk": "dotted", "ru": "dotted", "en": "dotted"},
    "vku": {"kk": "kk_year_loc", "ru": "ru_long", "en": "en_us"},
    "ektu": {"kk": "kk_long", "ru": "ru_month_first", "en": "en_us"},
    "zhetysu": {"kk": "dotted", "ru": "dotted", "en": "en_long"},
}


def date_style(uid: str, lang: str) -> str:
    """Style name of the dates a site shows in lists (``corpus_text.format_date``)."""
    return _DATE_STYLES.get(uid, {}).get(lang, "dotted")


def visible_date(uid: str, ctx: PageCtx) -> str:
    """The article's date as the site shows it (empty for non-articles)."""
    if ctx.day is None:
        return ""
    if uid == "korkyt":
        return f"{format_date(ctx.day, 'dotted')} {ctx.clock}"
    return format_date(ctx.day, _DATE_STYLES[uid][ctx.lang])


def iso_datetime(ctx: PageCtx) -> str:
    """ISO 8601 publication time with the Kazakhstan offset."""
    return f"{ctx.day.isoformat()}T{ctx.clock}:00+06:00" if ctx.day else ""


def json_ld(ctx: PageCtx, publisher: str) -> str:
    """A schema.org NewsArticle JSON-LD script."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": ctx.title,
            "datePublished": iso_datetime(ctx), "inLanguage": ctx.lang, "mainEntityOfPage": ctx.url,
            "publisher": {"@type": "Organization", "name": publisher}}
    return ('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False)
            + "</script>")


def main_or_listing(ctx: PageCtx, article: str, h1_cls: str = "page-title") -> str:
    """The article block, or the h1 and pre-rendered content of a non-article page."""
    if ctx.kind == "article":
        return article
    return f'<h1 class="{h1_cls}">{esc(ctx.title)}</h1>\n{ctx.main_html}'
