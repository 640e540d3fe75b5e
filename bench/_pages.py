"""Synthetic pages for the benchmark crawl, rendered with the demo sites' templates.

Stories get random dates, one to three language versions, text from the
bigram models, tags, captions and a "latest news" sidebar; the seven site
templates of ``tools/corpus_sites*.py`` render them. Between articles come
news listings, print-version duplicates (with a canonical link to the
original) and a few broken files. Everything is a function of the seed.
"""

from __future__ import annotations

import random
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench._wordmodel import BigramModel

TOOLS = Path(__file__).resolve().parents[1] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

from corpus_blocks import PageCtx  # noqa: E402
from corpus_broken import png_bytes, undecodable_bytes  # noqa: E402
from corpus_pages import charset_for  # noqa: E402
from corpus_plan import SITES, home, listing_url, url_of  # noqa: E402
from corpus_sites import RENDERERS  # noqa: E402
from corpus_text import LANGS, TAGS, esc, pick  # noqa: E402

FIRST_DAY, DAYS = date(2015, 1, 1), 11 * 365
SITE_WEIGHTS = {"kaznu": 24, "enu": 20, "vku": 10, "ektu": 12, "shakarim": 10, "korkyt": 10,
                "zhetysu": 14}
LANG_SETS = ((("kk",), 22), (("ru",), 22), (("en",), 6), (("kk", "ru"), 26),
             (("kk", "ru", "en"), 18), (("ru", "en"), 6))
LISTING_EVERY, DUPLICATE_EVERY, BROKEN_EVERY = 30, 50, 997
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sh", "", "y", "", "e",
                 "yu", "ya", "a", "g", "q", "n", "o", "u", "u", "h", "i"], strict=True))


@dataclass(frozen=True)
class GenPage:
    """One file of the generated crawl: where it goes and its bytes."""

    host: str
    path: str
    body: bytes
    charset: str
    kind: str  # "article", "duplicate", "listing" or "broken"
    lang: str = ""

    @property
    def url(self) -> str:
        """URL of the file as the sources stage derives it from the path."""
        return url_of(self.host, self.path)


def slugify(title: str, number: int) -> str:
    """ASCII slug: the story number and the first words of the title."""
    letters = "".join(_CYR.get(c, c) for c in title.lower())
    words = ["".join(ch for ch in w if ch.isascii() and ch.isalnum()) for w in letters.split()]
    return "-".join([f"n{number}", *[w for w in words if w][:4]])


class PageMaker:
    """Yields the pages of a crawl in a fixed order."""

    def __init__(self, models: dict[str, BigramModel], seed: int, revision: int = 0,
                 change_rate: float = 0.01) -> None:
        self.models, self.seed = models, seed
        self.revision, self.change_rate = revision, change_rate
        self.latest: dict[tuple[str, str], deque[tuple[str, str, date]]] = {}
        self.site_count: dict[str, int] = dict.fromkeys(SITES, 0)

    def pages(self, n_pages: int) -> Iterator[GenPage]:
        """Exactly ``n_pages`` pages."""
        made = 0
        story = 0
        while made < n_pages:
            for page in self._story_pages(story):
                yield page
                made += 1
                if made >= n_pages:
                    return
                extra = self._extra(made, page)
                if extra is not None:
                    yield extra
                    made += 1
                    if made >= n_pages:
                        return
            story += 1

    def _extra(self, made: int, page: GenPage) -> GenPage | None:
        rng = random.Random(f"{self.seed}:extra:{made}")
        if made % BROKEN_EVERY == 0:
            body = png_bytes() if rng.random() < 0.5 else undecodable_bytes(rng, 1024)
            return GenPage(page.host, f"upload/files/{made}.html", body, "", "broken")
        if made % LISTING_EVERY == 0 and page.kind == "article":
            return self._listing(page, made)
        if made % DUPLICATE_EVERY == 0 and page.kind == "article":
            link = f'<head>\n<link rel="canonical" href="{esc(page.url)}">'
            body = page.body.replace(b"<head>", link.encode("ascii"), 1)
            return GenPage(page.host, f"print/{page.path}", body, page.charset, "duplicate",
                           page.lang)
        return None

    def _story_pages(self, number: int) -> Iterator[GenPage]:
        rng = random.Random(f"{self.seed}:story:{number}")
        uid = rng.choices(list(SITE_WEIGHTS), weights=list(SITE_WEIGHTS.values()))[0]
        site = SITES[uid]
        langs = rng.choices([s for s, _ in LANG_SETS], weights=[w for _, w in LANG_SETS])[0]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        changed = random.Random(f"{self.seed}:rev{self.revision}:{number}").random()
        changed_now = self.revision > 0 and changed < self.change_rate
        versions = {}
        for lang in langs:
            title = self.models[lang].title(rng)
            paragraphs = [" ".join(self.models[lang].sentence(rng)
                                   for _ in range(rng.randint(2, 5)))
                          for _ in range(rng.randint(3, 7))]
            if changed_now:
                paragraphs.append(self.models[lang].sentence(
                    random.Random(f"{self.seed}:edit{self.revision}:{number}:{lang}")))
            versions[lang] = {"title": title, "slug": slugify(title, number),
                              "paragraphs": paragraphs}
        story = {"id": f"{uid}-{number}", "date": day.isoformat(), "versions": versions}
        n = self.site_count[uid]
        self.site_count[uid] += 1
        paths = {lang: site.article_path(story, lang, n) for lang in langs}
        urls = {lang: url_of(site.host, path) for lang, path in paths.items()}
        tags = rng.sample(range(len(TAGS)), 2)
        captions = tuple(f"IMG_{rng.randint(1000, 9999)}.JPG" for _ in range(rng.randint(0, 2)))
        clock = f"{rng.randint(9, 18):02d}:{rng.randint(0, 59):02d}"
        views = rng.randint(120, 4800)
        for lang in langs:
            version = versions[lang]
            charset = charset_for(uid, lang)
            latest = self.latest.setdefault((uid, lang), deque(maxlen=5))
            ctx = PageCtx(
                uid=uid, host=site.host, lang=lang, kind="article", title=version["title"],
                url=urls[lang], homes={lg: home(site, lg) for lg in LANGS},
                switch={lg: urls.get(lg, home(site, lg)) for lg in LANGS},
                alternates=dict(urls), day=day, paragraphs=tuple(version["paragraphs"]),
                captions=captions, sidebar=tuple(reversed(latest)),
                tags=tuple((pick(TAGS[t], lang), f"{home(site, lang)}tag/{TAGS[t][3]}/")
                           for t in tags),
                views=views, canonical=None, clock=clock,
                listing_url=listing_url(site, lang), charset=charset)
            latest.append((version["title"], urls[lang], day))
            html = RENDERERS[uid](ctx)
            yield GenPage(site.host, paths[lang], _encode(html, charset), charset, "article", lang)

    def _listing(self, page: GenPage, made: int) -> GenPage:
        uid = next(u for u, s in SITES.items() if s.host == page.host)
        site, lang = SITES[uid], page.lang
        rows = [f'<div class="list-item"><span class="list-item__date">{day:%d.%m.%Y}</span>\n'
                f'<a class="list-item__title" href="{esc(url)}">{esc(title)}</a></div>'
                for title, url, day in reversed(self.latest.get((uid, lang), ()))]
        path = f"{site.codes[lang]}/{site.news_dir}/page/{made}/index.html"
        charset = charset_for(uid, lang)
        ctx = PageCtx(uid=uid, host=site.host, lang=lang, kind="listing",
                      title=f"{pick(('Жаңалықтар', 'Новости', 'News'), lang)} {made}",
                      url=url_of(site.host, path), homes={lg: home(site, lg) for lg in LANGS},
                      switch={lg: home(site, lg) for lg in LANGS},
                      listing_url=listing_url(site, lang), main_html="\n".join(rows),
                      charset=charset)
        return GenPage(site.host, path, _encode(RENDERERS[uid](ctx), charset), charset, "listing",
                       lang)


def _encode(html: str, charset: str) -> bytes:
    return html.encode(charset, errors="xmlcharrefreplace")
