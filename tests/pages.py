"""Hand-written pages for the page-type tests: an article body, a teaser listing, a listing
of bare leads and a contacts page, each inside the same site chrome."""

from __future__ import annotations

CHROME_TOP = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Университет</title></head><body>
<header><a href="/">Басты бет</a><nav class="main-menu"><ul>
<li><a href="/kz/about/">Университет туралы</a></li><li><a href="/kz/news/">Жаңалықтар</a></li>
<li><a href="/kz/contacts/">Байланыс</a></li></ul></nav></header>
<div class="container"><main>"""
# A box of latest news beside the story, under a name no boilerplate rule knows.
LAST_NEWS = """<div class="lastnews"><h3>Соңғы жаңалықтар</h3><ul>
<li><a href="/kz/news/101">Жазғы мектепке өтінім қабылдау басталды</a></li>
<li><a href="/kz/news/102">Кітапхана жаңа оқу залын ашты</a></li>
<li><a href="/kz/news/103">Студенттер спартакиадасының қорытындысы шықты</a></li>
<li><a href="/kz/news/104">Профессорлар жыл сайынғы семинарға жиналды</a></li>
<li><a href="/kz/news/105">Жатақханада жөндеу жұмыстары аяқталды</a></li></ul></div>"""
CHROME_BOTTOM = """</main></div><footer><p>Мекенжайы: Алматы қ., Әл-Фараби даңғылы, 71</p>
<p>Телефон: +7 (727) 377-33-33</p><p>© Университет</p></footer></body></html>"""

ARTICLE_TITLE = "Студенттер ботаника олимпиадасында жүлделі орын алды"
ARTICLE = """<h1>{title}</h1>
<p>Биология факультетінің үш студенті {place} өткен халықаралық ботаника олимпиадасына қатысып,
командалық есепте екінші орынды иеленді. Олимпиада екі күнге созылды.</p>
<p>Бірінші күні қатысушылар өсімдіктердің жапырақ құрылымын микроскоппен зерттеп, екінші күні
гербарий үлгілерін анықтау тапсырмаларын орындады. Біздің команда әсіресе {place} өткен далалық
экспедиция бөлімінде жоғары ұпай жинады.</p>
<p>Студенттерді кафедра меңгерушісі құттықтап, келесі маусымда {place} өтетін республикалық
конференцияға шақырды.</p>"""

TEASER = """<div class="news-item"><span class="news-item__date">{day} наурыз 2024</span>
<h3><a href="/kz/news/{n}">Университетте {n}-ші ғылыми семинар өтті</a></h3>
<p>Семинарға жас ғалымдар мен магистранттар қатысып, зерттеу нәтижелерін ұсынды.</p></div>"""

# A listing of leads as bare paragraphs, without links (a Joomla blog view): only the URL
# can tell it from a story made of short paragraphs.
LEADS = """<h1>Жаңалықтар</h1>
<p>Университет студенттері облыстық шахмат турнирінде жеңімпаз атанды, жарыс үш күнге созылды.</p>
<p>Кітапханада жаңа оқу залы ашылып, оқырмандарға екі мың кітап пен электронды каталог ұсынылды.</p>
<p>Педагогика факультетінде мектеп мұғалімдеріне арналған біліктілікті арттыру курсы басталды.</p>
<p>Жатақхана тұрғындары көктемгі сенбілікке шығып, университет аумағын абаттандыруға атсалысты.</p>
<p>Халықаралық бөлім шетелдік серіктестермен академиялық ұтқырлық туралы келісім жасады.</p>
<p>Спорт клубы студенттер арасында волейболдан университет кубогы үшін жарыс ұйымдастырды.</p>"""

# Places that make each story's paragraphs differ (numbers would not: templates ignore digits).
PLACES = ("Алматыда", "Астанада", "Шымкентте", "Қарағандыда", "Павлодарда", "Ақтөбеде",
          "Атырауда", "Семейде", "Таразда", "Түркістанда")

CONTACTS = """<h1>Байланыс</h1><p>Мекенжайы: Алматы қ., Әл-Фараби даңғылы, 71</p>
<p>Қабылдау бөлімі: +7 (727) 377-33-38</p><p>E-mail: info@example.kz</p>"""


def page(content: str, title: str, *, lang: str = "kk", sidebar: bool = True,
         number: int = 5) -> str:
    """A whole HTML page: chrome, ``content`` and (by default) a latest-news box."""
    body = content.format(title=title, place=PLACES[number % len(PLACES)])
    return (CHROME_TOP.format(lang=lang, title=title) + body
            + (LAST_NEWS if sidebar else "") + CHROME_BOTTOM)


def article_page(title: str = ARTICLE_TITLE, number: int = 5) -> str:
    """A short undated story (about 480 characters in three paragraphs); ``number`` (0-9)
    makes each paragraph differ from other stories' (crawl-level templates drop repeats)."""
    return page(ARTICLE, title, number=number)


def teaser_listing(count: int = 6) -> str:
    """A news listing: ``count`` teasers, each a dated headline link and a one-line lead."""
    teasers = "".join(TEASER.format(n=200 + i, day=i + 1) for i in range(count))
    return page("<h1>Жаңалықтар</h1>" + teasers, "Жаңалықтар", sidebar=False)


def leads_listing() -> str:
    """A listing of leads as bare paragraphs, without links."""
    return page(LEADS, "Жаңалықтар", sidebar=False)


def contacts_page() -> str:
    """A contacts page: address, phone and e-mail lines."""
    return page(CONTACTS, "Байланыс", sidebar=False)
