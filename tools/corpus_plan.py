"""Plan the demo crawl: which page goes where, with which context and truth.

A *page* here is a path under ``corpus/``, the rendered HTML, the encoding it is
saved in, and its line of ``TRUTH.jsonl``. Site URL schemes live in ``SITES``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corpus_blocks import PageCtx
from corpus_text import LANGS

Story = dict[str, Any]


@dataclass(frozen=True)
class Site:
    """URL scheme of one demo site.

    Attributes:
        uid: University id.
        host: Host directory as wget names it.
        codes: Language -> first URL segment ("kz" or "kk" for Kazakh).
        news_dir: Folder of the news listing below the language segment.
        article_path: (story, lang, number) -> path below the host.
        hreflang: Whether articles link their versions with ``hreflang``.
    """

    uid: str
    host: str
    codes: dict[str, str]
    news_dir: str
    article_path: Callable[[Story, str, int], str]
    hreflang: bool = True


@dataclass(frozen=True)
class Page:
    """One file of the crawl before encoding."""

    path: str
    html: str
    truth: dict[str, Any]
    charset: str = "utf-8"
    gzipped: bool = False


def story_date(story: Story) -> date:
    """Publication date of a story."""
    return date.fromisoformat(story["date"])


def _slug(story: Story, lang: str) -> str:
    return str(story["versions"][lang]["slug"])


KZ = {"kk": "kz", "ru": "ru", "en": "en"}
KK = {"kk": "kk", "ru": "ru", "en": "en"}
_LANG_NO = {"kk": 0, "ru": 1, "en": 2}

SITES: dict[str, Site] = {s.uid: s for s in (
    Site("kaznu", "kaznu.kz", KZ, "news", lambda s, lg, n:
         f"{KZ[lg]}/news/{story_date(s):%Y/%m}/{_slug(s, lg)}.html"),
    Site("enu", "enu.kz", KZ, "press/news", lambda s, lg, n:
         f"{KZ[lg]}/press/news/{11200 + 13 * n + _LANG_NO[lg]}.html"),
    Site("vku", "vku.edu.kz", KZ, "news", lambda s, lg, n:
         f"{KZ[lg]}/news/show/{4100 + 7 * n + _LANG_NO[lg]}."
         + ("htm" if story_date(s).year <= 2020 else "html"), hreflang=False),
    Site("ektu", "ektu.kz", KK, "news", lambda s, lg, n:
         f"{lg}/news/{_slug(s, lg)}/index.html"),
    Site("shakarim", "shakarim.kz", KK, "news", lambda s, lg, n:
         f"{lg}/news/{story_date(s):%Y/%m/%d}/{_slug(s, lg)}.html"),
    Site("korkyt", "korkyt.kz", KZ, "news", lambda s, lg, n:
         f"{KZ[lg]}/news/{870 + 3 * n + _LANG_NO[lg]}-{_slug(s, lg)}.html", hreflang=False),
    Site("zhetysu", "www.zhetysu.edu.kz", KK, "news", lambda s, lg, n:
         f"{lg}/news/view/{_slug(s, lg)}.html"),
)}


def url_of(host: str, path: str) -> str:
    """URL of a saved file the way the sources stage derives it (index.html = folder)."""
    if path.endswith(".gz"):
        path = path[:-3]
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"https://{host}/{path}"


def home(site: Site, lang: str) -> str:
    """Home page URL of ``site`` in ``lang``."""
    return f"https://{site.host}/{site.codes[lang]}/"


def listing_url(site: Site, lang: str) -> str:
    """News listing URL of ``site`` in ``lang``."""
    return f"{home(site, lang)}{site.news_dir}/"


@dataclass
class SitePlan:
    """Per-site working data while planning: story URLs, tags, seeded randomness."""

    site: Site
    stories: list[Story]
    rng: random.Random
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    story_tags: dict[str, list[int]] = field(default_factory=dict)

    def url(self, story_id: str, lang: str) -> str:
        """URL of one version of a story."""
        return url_of(self.site.host, self.paths[(story_id, lang)])

    def versions(self, lang: str) -> list[Story]:
        """Stories with a version in ``lang``, newest first."""
        found = [s for s in self.stories if lang in s["versions"]]
        return sorted(found, key=lambda s: (s["date"], s["id"]), reverse=True)


def make_site_plan(site: Site, stories: list[Story], n_tags: int) -> SitePlan:
    """Assign every story version its path and tags (deterministic per site)."""
    ordered = sorted(stories, key=lambda s: (s["date"], s["id"]))
    plan = SitePlan(site, ordered, random.Random(f"qazsearch-{site.uid}"))
    for n, story in enumerate(ordered):
        for lang in LANGS:
            if lang in story["versions"]:
                plan.paths[(story["id"], lang)] = site.article_path(story, lang, n)
        plan.story_tags[story["id"]] = sorted(plan.rng.sample(range(n_tags), 2))
    return plan


def article_ctx(plan: SitePlan, story: Story, lang: str, tags: list[tuple[str, str]],
                canonical: str | None, charset: str) -> PageCtx:
    """Build the context of one article version."""
    site = plan.site
    alternates = {lg: plan.url(story["id"], lg) for lg in LANGS if lg in story["versions"]}
    switch = {lg: alternates.get(lg, home(site, lg)) for lg in LANGS}
    others = [s for s in plan.versions(lang) if s["id"] != story["id"]][:5]
    sidebar = tuple((s["versions"][lang]["title"], plan.url(s["id"], lang), story_date(s))
                    for s in others)
    version = story["versions"][lang]
    return PageCtx(
        uid=site.uid, host=site.host, lang=lang, kind="article", title=version["title"],
        url=plan.url(story["id"], lang), homes={lg: home(site, lg) for lg in LANGS},
        switch=switch, alternates=alternates, day=story_date(story),
        paragraphs=tuple(version["paragraphs"]), captions=tuple(story.get("captions", [])),
        sidebar=sidebar, tags=tuple(tags), views=plan.rng.randint(120, 4800),
        canonical=canonical, clock=f"{plan.rng.randint(9, 18):02d}:{plan.rng.randint(0, 59):02d}",
        listing_url=listing_url(site, lang), charset=charset)


def truth_line(site: Site, path: str, **fields: Any) -> dict[str, Any]:
    """One TRUTH.jsonl record with defaults for a non-article page."""
    record: dict[str, Any] = {
        "path": f"{site.host}/{path}", "url": url_of(site.host, path), "canonical": None,
        "title": None, "date": None, "lang": None, "university": site.uid,
        "is_article": False, "broken": False, "story": None}
    record.update(fields)
    return record
