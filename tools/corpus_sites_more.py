"""Templates of the Shakarim, Korkyt Ata and Zhetysu demo sites (see ``corpus_sites``)."""

from __future__ import annotations

import corpus_blocks as b
from corpus_blocks import PageCtx
from corpus_text import esc, uni


def render_shakarim(ctx: PageCtx) -> str:
    """Shakarim: WordPress-like theme; the date appears only in the URL."""
    article = f"""<article class="post type-post status-publish format-standard">
<header class="entry-header"><h1 class="entry-title">{esc(ctx.title)}</h1>
<div class="entry-meta">{b.views(ctx, "post-views-count")}</div></header>
<div class="entry-content">
{b.figures(ctx, "alt", "/wp-content/uploads/")}
{b.paragraphs(ctx)}
</div>
<footer class="entry-footer">{b.tags(ctx, "tags-links")}
{b.share(ctx, "sharedaddy")}</footer>
</article>"""
    return f"""<!DOCTYPE html>
<html lang="{ctx.lang}-KZ">
<head>
<meta charset="UTF-8">
<title>{esc(ctx.title)} &#8211; {uni("shakarim", "short", "en")}</title>
<meta property="og:title" content="{esc(ctx.title)}">
<meta property="og:url" content="{esc(ctx.url)}">
{b.head_links(ctx, hreflang=True)}
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header">{b.lang_switch(ctx, "wpml-ls")}
<p class="site-title">{esc(uni("shakarim", "name", ctx.lang))}</p>
{b.menu(ctx, "primary-menu")}</header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
{b.breadcrumbs(ctx, "yoast-breadcrumbs", " » ")}
{b.main_or_listing(ctx, article, "entry-title")}
</main></div>
<aside id="secondary" class="widget-area">{b.latest(ctx, "widget_recent_entries")}
{b.services(ctx, "widget_services")}</aside></div>
<footer id="colophon" class="site-footer">{b.contacts(ctx, "footer-widget")}
<div class="site-info">{b.copyright_line(ctx, 1934)}</div></footer>
</div>
{b.cookie(ctx, "cookie-notice-container")}
</body>
</html>
"""


def render_korkyt(ctx: PageCtx) -> str:
    """Korkyt Ata: div soup, "dd.mm.yyyy HH:MM" visible date only, no hreflang."""
    html_lang = "kz" if ctx.lang == "kk" else ctx.lang
    article = f"""<div class="news-full">
<h1>{esc(ctx.title)}</h1>
<div class="news-info"><span class="news-time">{b.visible_date("korkyt", ctx)}</span>
<span class="eye">{b.views(ctx, "cnt")}</span></div>
<div class="news-photo">{b.figures(ctx, "text", "/uploads/posts/")}</div>
<div class="news-content">
{b.paragraphs(ctx)}
</div>
{b.share(ctx, "share-line")}
</div>"""
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="{ctx.charset}">
<title>{esc(ctx.title)} | {uni("korkyt", "short", "en")}</title>
{b.head_links(ctx, hreflang=False)}
</head>
<body>
<div class="wrap">
<div class="head-line">{esc(uni("korkyt", "address", ctx.lang))} {b.lang_switch(ctx, "langs")}</div>
<div class="logo-line"><a href="{ctx.homes[ctx.lang]}">{esc(uni("korkyt", "name", ctx.lang))}</a>
</div>
<div class="menu-line">{b.menu(ctx, "topmenu")}</div>
<div class="main"><div class="left-col">
{b.breadcrumbs(ctx, "speedbar", " » ")}
{b.main_or_listing(ctx, article)}
</div>
<div class="right-col">{b.services(ctx, "right-services")}
{b.latest(ctx, "right-news")}</div></div>
<div class="bottom">{b.contacts(ctx, "bottom-contacts")}
<div class="copy">{b.copyright_line(ctx, 1937)}</div></div>
</div>
{b.cookie(ctx, "cookie-msg")}
</body>
</html>
"""


def render_zhetysu(ctx: PageCtx) -> str:
    """Zhetysu: schema.org microdata, published_time meta plus JSON-LD."""
    meta = ""
    if ctx.kind == "article":
        meta = (f'<meta property="article:published_time" content="{ctx.day}">\n'
                + b.json_ld(ctx, uni("zhetysu", "name", ctx.lang)))
    article = f"""<article itemscope itemtype="https://schema.org/NewsArticle" class="news-card">
<h1 itemprop="headline">{esc(ctx.title)}</h1>
<div class="news-card__meta"><span class="news-card__date">{b.visible_date("zhetysu", ctx)}</span>
{b.views(ctx, "news-card__views")}</div>
{b.figures(ctx, "figcaption", "/storage/news/")}
<div itemprop="articleBody" class="news-card__text">
{b.paragraphs(ctx)}
</div>
{b.tags(ctx, "news-card__tags")}
{b.share(ctx, "news-card__share")}
</article>"""
    return f"""<!DOCTYPE html>
<html lang="{ctx.lang}">
<head>
<meta charset="utf-8">
<title>{esc(ctx.title)} · {uni("zhetysu", "short", ctx.lang)}</title>
<meta property="og:title" content="{esc(ctx.title)}">
{meta}
{b.head_links(ctx, hreflang=True)}
</head>
<body>
<header class="header">{b.lang_switch(ctx, "header__lang")}{b.menu(ctx, "mainnav")}</header>
{b.breadcrumbs(ctx, "crumbs", " → ")}
<main class="page-main">
<div class="page-main__content">
{b.main_or_listing(ctx, article)}
</div>
<aside class="page-main__aside">{b.latest(ctx, "aside-news", "dotted")}
{b.services(ctx, "aside-services")}</aside>
</main>
<footer class="footer">{b.contacts(ctx, "footer__contacts")}
<div class="footer__copy">{b.copyright_line(ctx, 1972)}</div></footer>
{b.cookie(ctx, "cookies")}
</body>
</html>
"""
