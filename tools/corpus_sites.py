"""One HTML template per demo site (seven different layouts).

Each ``render_<uid>(ctx)`` returns the page as a str; ``make_corpus`` encodes it.
Articles carry their date the way the real site would: kaznu in
``article:published_time``, enu in JSON-LD, ektu in ``<time datetime>``,
zhetysu in both meta and JSON-LD, shakarim only in the URL, vku and korkyt only
in the visible text.
"""

from __future__ import annotations

from collections.abc import Callable

import corpus_blocks as b
from corpus_blocks import PageCtx
from corpus_sites_more import render_korkyt, render_shakarim, render_zhetysu
from corpus_text import esc, uni


def render_kaznu(ctx: PageCtx) -> str:
    """KazNU: modern ``<article>`` layout, ``article:published_time`` meta, og:title."""
    short = uni("kaznu", "short", ctx.lang)
    meta = ""
    if ctx.kind == "article":
        meta = (f'<meta property="og:type" content="article">\n'
                f'<meta property="article:published_time" content="{b.iso_datetime(ctx)}">')
    article = f"""<article class="news-item">
<h1 class="news-item__title">{esc(ctx.title)}</h1>
<div class="news-item__meta"><span class="news-item__date">{b.visible_date("kaznu", ctx)}</span>
{b.views(ctx, "news-item__views")}</div>
{b.figures(ctx, "figcaption", "/upload/iblock/")}
<div class="news-item__body">
{b.paragraphs(ctx)}
</div>
{b.tags(ctx, "news-item__tags")}
{b.share(ctx, "share-block")}
</article>"""
    return f"""<!DOCTYPE html>
<html lang="{ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(ctx.title)} | {short}</title>
<meta property="og:title" content="{esc(ctx.title)}">
<meta property="og:site_name" content="{esc(uni("kaznu", "name", ctx.lang))}">
{meta}
{b.head_links(ctx, hreflang=True)}
<link rel="stylesheet" href="/local/templates/kaznu/css/main.css">
</head>
<body class="page-news">
<header class="site-header">
<div class="top-bar">{b.lang_switch(ctx, "top-bar__lang")}
<form class="top-bar__search" action="/search/"><input name="q" placeholder="Search"></form></div>
<a class="logo" href="{ctx.homes[ctx.lang]}"><img src="/images/logo.svg" alt="{short}"></a>
{b.menu(ctx, "main-menu")}
</header>
{b.breadcrumbs(ctx, "breadcrumbs", " › ")}
<div class="container">
<main class="content">
{b.main_or_listing(ctx, article)}
</main>
<aside class="sidebar">
{b.latest(ctx, "sidebar-news", "dotted")}
{b.services(ctx, "sidebar-services")}
</aside>
</div>
<footer class="site-footer">
{b.contacts(ctx, "footer-contacts")}
<div class="copyright">{b.copyright_line(ctx, 1934)}</div>
</footer>
{b.cookie(ctx, "cookie-banner")}
<script src="/local/templates/kaznu/js/app.js"></script>
</body>
</html>
"""


def render_enu(ctx: PageCtx) -> str:
    """ENU: div soup, date in JSON-LD and as dd.mm.yyyy text."""
    short = uni("enu", "short", ctx.lang)
    ld = b.json_ld(ctx, uni("enu", "name", ctx.lang)) if ctx.kind == "article" else ""
    article = f"""<div class="news-detail">
<div class="news-title"><h1>{esc(ctx.title)}</h1></div>
<div class="news-date">{b.visible_date("enu", ctx)}</div>
<div class="news-img">{b.figures(ctx, "alt", "/upload/news/")}</div>
<div class="news-text">
{b.paragraphs(ctx)}
</div>
<div class="news-bottom">{b.views(ctx, "news-views")} {b.share(ctx, "ya-share")}</div>
</div>"""
    return f"""<!doctype html>
<html lang="{ctx.lang}">
<head>
<meta charset="UTF-8">
<title>{esc(ctx.title)} - {short}</title>
{ld}
{b.head_links(ctx, hreflang=True)}
</head>
<body>
<div id="wrapper">
<div class="header"><div class="header-top"><div class="header-phone">{uni("enu", "address",
 ctx.lang)}</div>{b.lang_switch(ctx, "header-lang")}</div>
<div class="header-menu">{b.menu(ctx, "nav")}</div></div>
<div class="page"><div class="row"><div class="col-9">
{b.breadcrumbs(ctx, "crumbs", " / ")}
{b.main_or_listing(ctx, article)}
</div>
<div class="col-3">{b.services(ctx, "block-services")}
{b.latest(ctx, "block-news", "dotted")}</div></div></div>
<div class="footer"><div class="footer-col">{b.contacts(ctx, "footer-contacts")}</div>
<div class="copy">{b.copyright_line(ctx, 1996)}</div></div>
</div>
{b.cookie(ctx, "cookie-alert")}
</body>
</html>
"""


def render_vku(ctx: PageCtx) -> str:
    """VKU: old table layout, windows-1251 for ru/en, date only as visible text."""
    published = {"kk": "{} жарияланды", "ru": "Опубликовано: {}", "en": "Published: {}"}
    when = published[ctx.lang].format(b.visible_date("vku", ctx)) if ctx.day else ""
    article = f"""<h1 class="news_title">{esc(ctx.title)}</h1>
<table width="100%"><tr><td class="date">{when}</td>
<td align="right">{b.views(ctx, "hits")}</td></tr></table>
{b.figures(ctx, "text", "/images/news/")}
{b.paragraphs(ctx)}
{b.share(ctx, "share")}"""
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={ctx.charset}">
<title>{esc(ctx.title)} - {uni("vku", "short", ctx.lang)}</title>
</head>
<body bgcolor="#ffffff" leftmargin="0" topmargin="0">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="3" class="top"><img src="/img/logo.gif" width="90" height="90">
<b>{esc(uni("vku", "name", ctx.lang))}</b> {b.lang_switch(ctx, "lang")}</td></tr>
<tr><td colspan="3" class="menu">{b.menu(ctx, "topmenu")}</td></tr>
<tr>
<td width="200" valign="top" class="left">{b.services(ctx, "services")}
{b.latest(ctx, "lastnews")}</td>
<td valign="top" class="content">
{b.breadcrumbs(ctx, "path", " :: ")}
{b.main_or_listing(ctx, article, "news_title")}
</td>
<td width="180" valign="top" class="right">{b.contacts(ctx, "contacts")}</td>
</tr>
<tr><td colspan="3" class="bottom">{b.copyright_line(ctx, 2004)}</td></tr>
</table>
{b.cookie(ctx, "cookie")}
</body>
</html>
"""


def render_ektu(ctx: PageCtx) -> str:
    """EKTU: bootstrap-like grid, ``<time datetime>``, og:title, directory URLs."""
    title = f"{esc(ctx.title)} — {uni('ektu', 'short', ctx.lang)}"
    time = (f'<time datetime="{ctx.day.isoformat() if ctx.day else ""}T{ctx.clock}">'
            f'{b.visible_date("ektu", ctx)}</time>')
    article = f"""<div class="post">
<h1 class="post-title">{esc(ctx.title)}</h1>
<p class="post-meta">{time} &middot; {b.views(ctx, "post-views")}</p>
{b.figures(ctx, "figcaption", "/media/news/")}
<div class="post-body">
{b.paragraphs(ctx)}
</div>
{b.tags(ctx, "post-tags")}
{b.share(ctx, "post-share")}
</div>"""
    return f"""<!DOCTYPE html>
<html lang="{ctx.lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta property="og:title" content="{esc(ctx.title)}">
{b.head_links(ctx, hreflang=True)}
<link href="/static/bootstrap.min.css" rel="stylesheet">
</head>
<body>
<div class="navbar navbar-expand-lg"><a class="navbar-brand" href="{ctx.homes[ctx.lang]}">
{uni("ektu", "short", ctx.lang)}</a>{b.menu(ctx, "navbar-nav")}{b.lang_switch(ctx, "nav-lang")}
</div>
<div class="container">
<nav aria-label="breadcrumb">{b.breadcrumbs(ctx, "breadcrumb", " / ")}</nav>
<div class="row"><div class="col-md-8">
{b.main_or_listing(ctx, article)}
</div>
<div class="col-md-4">{b.latest(ctx, "widget-news", b.date_style("ektu", ctx.lang))}
{b.services(ctx, "widget-services")}</div></div>
</div>
<footer class="footer">{b.contacts(ctx, "footer-contacts")}
<p class="text-muted">{b.copyright_line(ctx, 1958)}</p></footer>
{b.cookie(ctx, "cookie-consent")}
</body>
</html>
"""


RENDERERS: dict[str, Callable[[PageCtx], str]] = {
    "kaznu": render_kaznu,
    "enu": render_enu,
    "vku": render_vku,
    "ektu": render_ektu,
    "shakarim": render_shakarim,
    "korkyt": render_korkyt,
    "zhetysu": render_zhetysu,
}
