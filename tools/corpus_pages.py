"""Article and non-article pages of the demo crawl, rendered with the site templates."""

from __future__ import annotations

from dataclasses import replace

from corpus_blocks import PageCtx, contacts, date_style
from corpus_plan import (
    LANGS,
    Page,
    SitePlan,
    article_ctx,
    home,
    listing_url,
    story_date,
    truth_line,
)
from corpus_sites import RENDERERS
from corpus_text import TAGS, UNIVERSITIES, esc, format_date, label, pick, uni

# Non-article pages: (site, kind, language).
NON_ARTICLES = (
    ("kaznu", "listing", "kk"), ("kaznu", "listing", "en"), ("kaznu", "contact", "ru"),
    ("kaznu", "tag", "ru"), ("enu", "listing", "ru"), ("enu", "contact", "kk"),
    ("enu", "tag", "en"), ("vku", "listing", "ru"), ("vku", "contact", "kk"),
    ("ektu", "listing", "en"), ("ektu", "contact", "ru"), ("ektu", "about", "kk"),
    ("shakarim", "listing", "kk"), ("shakarim", "contact", "en"), ("shakarim", "about", "ru"),
    ("korkyt", "listing", "ru"), ("korkyt", "contact", "kk"), ("zhetysu", "listing", "en"),
    ("zhetysu", "contact", "ru"), ("zhetysu", "tag", "kk"),
)
CP1251_SITE = "vku"  # its ru and en pages are windows-1251; Kazakh cannot be, so kk stays UTF-8
KOI8_SITE = "korkyt"  # its oldest Russian article is KOI8-R


def charset_for(uid: str, lang: str) -> str:
    """Encoding a page of ``uid`` in ``lang`` is saved in (KOI8-R is chosen separately)."""
    return "windows-1251" if uid == CP1251_SITE and lang in ("ru", "en") else "utf-8"


def _tag_url(plan: SitePlan, tag: int, lang: str) -> str:
    return f"{home(plan.site, lang)}tag/{TAGS[tag][3]}/"


def _canonical(plan: SitePlan, story_id: str, lang: str, rank: int) -> str | None:
    """A slightly different canonical URL on a few pages (see module constants)."""
    uid, url = plan.site.uid, plan.url(story_id, lang)
    if uid == "enu" and lang == "ru" and rank < 2:
        return url.removesuffix(".html")
    if uid == "ektu" and lang == "ru" and rank == 0:
        return url.rstrip("/")
    if uid == "zhetysu" and lang == "en" and rank == 0:
        return url.replace("://www.", "://").removesuffix(".html")
    return None


def article_pages(plan: SitePlan) -> list[Page]:
    """All article pages of one site."""
    pages = []
    uid = plan.site.uid
    for lang in LANGS:
        oldest_first = list(reversed(plan.versions(lang)))
        for rank, story in enumerate(oldest_first):
            charset = charset_for(uid, lang)
            if uid == KOI8_SITE and lang == "ru" and rank == 0:
                charset = "koi8-r"
            tags = [(pick(TAGS[t], lang), _tag_url(plan, t, lang))
                    for t in plan.story_tags[story["id"]]]
            canonical = _canonical(plan, story["id"], lang, rank)
            ctx = article_ctx(plan, story, lang, tags, canonical, charset)
            path = plan.paths[(story["id"], lang)]
            gz = uid == "zhetysu" and lang == "ru" and rank in (1, 2)
            if gz:
                path += ".gz"
            truth = truth_line(plan.site, path, canonical=canonical, title=ctx.title,
                               date=story["date"], lang=lang, is_article=True,
                               story=story["id"])
            pages.append(Page(path, RENDERERS[uid](ctx), truth, charset, gz))
    return pages


def _teaser(story: dict, lang: str) -> str:
    first = story["versions"][lang]["paragraphs"][0]
    return first.split(". ")[0].rstrip(".") + "."


def _items(plan: SitePlan, stories: list[dict], lang: str) -> str:
    style = date_style(plan.site.uid, lang)
    rows = []
    for s in stories:
        rows.append(
            f'<div class="list-item"><span class="list-item__date">'
            f'{format_date(story_date(s), style)}</span>\n'
            f'<a class="list-item__title" href="{esc(plan.url(s["id"], lang))}">'
            f'{esc(s["versions"][lang]["title"])}</a>\n<p>{esc(_teaser(s, lang))}</p>\n'
            f'<a class="list-item__more" href="{esc(plan.url(s["id"], lang))}">'
            f'{label("more", lang)} &raquo;</a></div>')
    pager = " ".join(f'<a href="?PAGEN_1={n}">{n}</a>' for n in range(1, 6))
    return "\n".join(rows) + f'\n<div class="pager">{pager} &hellip; &raquo;</div>'


def _contact_main(ctx: PageCtx) -> str:
    phones = UNIVERSITIES[ctx.uid]["phones"][0]
    depts = (("Ректорат", "Ректорат", "Rector's office"),
             ("Қабылдау комиссиясы", "Приёмная комиссия", "Admissions office"),
             ("Бухгалтерия", "Бухгалтерия", "Accounts department"),
             ("Кадр бөлімі", "Отдел кадров", "Human resources"),
             ("Баспасөз қызметі", "Пресс-служба", "Press office"))
    rows = "".join(f"<tr><td>{esc(pick(d, ctx.lang))}</td><td>{phones[:-2]}{10 + 7 * n}</td></tr>"
                   for n, d in enumerate(depts))
    return (f'{contacts(ctx, "contact-page")}\n<table class="phones">{rows}</table>\n'
            f'<div class="map"><iframe src="https://yandex.kz/map-widget/v1/?ll=0" '
            f'title="map"></iframe></div>')


_ABOUT = {
    "kk": ("Құрылған жылы", "Факультеттер саны", "Студенттер саны", "Оқу бағдарламалары"),
    "ru": ("Год основания", "Количество факультетов", "Число студентов",
           "Образовательные программы"),
    "en": ("Founded", "Faculties", "Students", "Degree programmes"),
}


def _about_main(ctx: PageCtx, founded: int) -> str:
    heads = _ABOUT[ctx.lang]
    values = (str(founded), "9", "12 000+", "180+")
    rows = "".join(f"<li><b>{h}:</b> {v}</li>" for h, v in zip(heads, values, strict=True))
    return f'<p class="lead">{esc(uni(ctx.uid, "name", ctx.lang))}</p>\n<ul>{rows}</ul>'


def non_article_page(plan: SitePlan, kind: str, lang: str) -> Page:
    """One listing, tag, contact or about page of a site."""
    site = plan.site
    code = site.codes[lang]
    stories = plan.versions(lang)
    if kind == "listing":
        path, title = f"{code}/{site.news_dir}/index.html", label("news", lang)
    elif kind == "tag":
        counts = [sum(t in plan.story_tags[s["id"]] for s in stories) for t in range(len(TAGS))]
        tag = counts.index(max(counts))
        stories = [s for s in stories if tag in plan.story_tags[s["id"]]]
        path = f"{code}/tag/{TAGS[tag][3]}/index.html"
        title = f"{label('tag_page', lang)}: #{pick(TAGS[tag], lang)}"
    elif kind == "contact":
        path, title = f"{code}/contacts/index.html", label("contacts", lang)
    else:
        path, title = f"{code}/about/index.html", label("about", lang)
    sidebar = tuple((s["versions"][lang]["title"], plan.url(s["id"], lang), story_date(s))
                    for s in stories[:5]) if kind in ("contact", "about") else ()
    ctx = PageCtx(uid=site.uid, host=site.host, lang=lang, kind=kind, title=title,
                  url=f"https://{site.host}/{path.removesuffix('index.html')}",
                  homes={lg: home(site, lg) for lg in LANGS},
                  switch={lg: home(site, lg) for lg in LANGS}, sidebar=sidebar,
                  listing_url=listing_url(site, lang), charset=charset_for(site.uid, lang))
    if kind in ("listing", "tag"):
        main = _items(plan, stories, lang)
    elif kind == "contact":
        main = _contact_main(ctx)
    else:
        main = _about_main(ctx, {"ektu": 1958, "shakarim": 1934}.get(site.uid, 1950))
    ctx = replace(ctx, main_html=main)
    truth = truth_line(site, path, title=title, lang=lang)
    return Page(path, RENDERERS[site.uid](ctx), truth, ctx.charset)


def non_article_pages(plans: dict[str, SitePlan]) -> list[Page]:
    """The listing, tag, contact and about pages of the sites that have stories."""
    return [non_article_page(plans[uid], kind, lang) for uid, kind, lang in NON_ARTICLES
            if uid in plans and plans[uid].versions(lang)]
