"""Words the demo sites share: menu labels, date formats, university facts.

Used by ``corpus_blocks`` and ``corpus_sites`` to render boilerplate in the
page's language. Nothing here knows about any one site's markup.
"""

from __future__ import annotations

from datetime import date
from html import escape

LANGS = ("kk", "ru", "en")

MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
             "қыркүйек", "қазан", "қараша", "желтоқсан")
MONTHS_KK_LOC = ("қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде",
                 "тамызда", "қыркүйекте", "қазанда", "қарашада", "желтоқсанда")
MONTHS_RU_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря")
MONTHS_RU_NOM = ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август",
                 "Сентябрь", "Октябрь", "Ноябрь", "Декабрь")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# Each label: (kk, ru, en).
_LABELS: dict[str, tuple[str, str, str]] = {
    "home": ("Басты бет", "Главная", "Home"),
    "news": ("Жаңалықтар", "Новости", "News"),
    "latest": ("Соңғы жаңалықтар", "Последние новости", "Latest news"),
    "more": ("Толығырақ", "Подробнее", "Read more"),
    "services": ("Қызметтер", "Сервисы", "Services available"),
    "share": ("Бөлісу", "Поделиться", "Share"),
    "views": ("Қаралды", "Просмотров", "Views"),
    "tags": ("Тегтер", "Теги", "Tags"),
    "contacts": ("Байланыс", "Контакты", "Contacts"),
    "about": ("Университет туралы", "Об университете", "About the university"),
    "phone": ("Телефон", "Телефон", "Phone"),
    "address": ("Мекенжай", "Адрес", "Address"),
    "reception": ("Қабылдау бөлмесі", "Приёмная ректора", "Rector's office"),
    "admissions": ("Қабылдау комиссиясы", "Приёмная комиссия", "Admissions office"),
    "rights": ("Барлық құқықтар қорғалған.", "Все права защищены.", "All rights reserved."),
    "cookie": ("Сайт cookie файлдарын пайдаланады. Сайтты қолдануды жалғастыра отырып, сіз "
               "олардың қолданылуына келісесіз.",
               "Сайт использует файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь "
               "на их использование.",
               "This website uses cookies. By continuing to browse the site you agree to "
               "our use of cookies."),
    "accept": ("Келісемін", "Принять", "Accept"),
    "search": ("Іздеу", "Поиск", "Search"),
    "photo": ("Фото", "Фото", "Photo"),
    "all_news": ("Барлық жаңалықтар", "Все новости", "All news"),
    "tag_page": ("Тег бойынша жаңалықтар", "Новости по тегу", "News tagged"),
}

MENU: tuple[tuple[tuple[str, str, str], tuple[tuple[str, str, str], ...]], ...] = (
    (("Университет", "Университет", "University"), (
        ("Ректорат", "Ректорат", "Rectorate"),
        ("Тарих", "История", "History"),
        ("Миссия және пайымдау", "Миссия и видение", "Mission and vision"),
        ("Құрылым", "Структура", "Structure"),
        ("Рейтингтер", "Рейтинги", "Rankings"))),
    (("Талапкерлерге", "Абитуриентам", "Admissions"), (
        ("Бакалавриат", "Бакалавриат", "Bachelor's degree"),
        ("Магистратура", "Магистратура", "Master's degree"),
        ("Докторантура", "Докторантура", "Doctoral studies"),
        ("Шетелдік азаматтарға", "Иностранным гражданам", "International applicants"))),
    (("Студенттерге", "Студентам", "Students"), (
        ("Сабақ кестесі", "Расписание занятий", "Timetable"),
        ("Жатақханалар", "Общежития", "Dormitories"),
        ("Кітапхана", "Библиотека", "Library"),
        ("Академиялық ұтқырлық", "Академическая мобильность", "Academic mobility"))),
    (("Ғылым", "Наука", "Research"), (
        ("Ғылыми журналдар", "Научные журналы", "Journals"),
        ("Зертханалар", "Лаборатории", "Laboratories"),
        ("Гранттар", "Гранты", "Grants"))),
    (("Халықаралық ынтымақтастық", "Международное сотрудничество", "International"), (
        ("Серіктестер", "Партнёры", "Partners"),
        ("Erasmus+", "Erasmus+", "Erasmus+"))),
)

SERVICES = (
    ("Platonus", "Platonus", "Platonus"),
    ("Электрондық кітапхана", "Электронная библиотека", "Digital library"),
    ("Қашықтықтан оқыту", "Дистанционное обучение", "Distance learning"),
    ("Сабақ кестесі", "Расписание занятий", "Class schedule"),
    ("Онлайн төлем", "Онлайн-оплата", "Online payment"),
    ("Анықтама алу", "Получить справку", "Request a certificate"),
)

TAGS = (
    ("ғылым", "наука", "research", "nauka"),
    ("студенттер", "студенты", "students", "students"),
    ("халықаралық ынтымақтастық", "международное сотрудничество", "international",
     "international"),
    ("мерекелер", "праздники", "holidays", "holidays"),
    ("білім", "образование", "education", "education"),
    ("жастар саясаты", "молодёжная политика", "youth", "youth"),
)

LANG_SWITCH_LABELS = {"kk": "Қаз", "ru": "Рус", "en": "Eng"}


def label(key: str, lang: str) -> str:
    """Return the boilerplate label ``key`` in ``lang``."""
    return _LABELS[key][LANGS.index(lang)]


def pick(triple: tuple[str, ...], lang: str) -> str:
    """Return the ``lang`` member of a (kk, ru, en) tuple."""
    return triple[LANGS.index(lang)]


def esc(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return escape(text, quote=True)


def format_date(day: date, style: str) -> str:
    """Render ``day`` the way a site writes it.

    Args:
        day: The date.
        style: One of ``kk_long`` ("12 қазан 2023 ж."), ``kk_year_loc`` ("2023 жылғы 12
            қазанда"), ``ru_long`` ("12 октября 2023 г."), ``ru_month_first`` ("Октябрь 12,
            2023"), ``en_long`` ("12 October 2023"), ``en_us`` ("October 12, 2023"),
            ``dotted`` ("12.10.2023").
    """
    m = day.month - 1
    styles = {
        "kk_long": f"{day.day} {MONTHS_KK[m]} {day.year} ж.",
        "kk_year_loc": f"{day.year} жылғы {day.day} {MONTHS_KK_LOC[m]}",
        "ru_long": f"{day.day} {MONTHS_RU_GEN[m]} {day.year} г.",
        "ru_month_first": f"{MONTHS_RU_NOM[m]} {day.day}, {day.year}",
        "en_long": f"{day.day} {MONTHS_EN[m]} {day.year}",
        "en_us": f"{MONTHS_EN[m]} {day.day}, {day.year}",
        "dotted": f"{day.day:02d}.{day.month:02d}.{day.year}",
    }
    return styles[style]


# uid -> (kk, ru, en) full names, short names, address, phones, e-mail.
UNIVERSITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "kaznu": {
        "name": ("Әл-Фараби атындағы Қазақ ұлттық университеті",
                 "Казахский национальный университет имени аль-Фараби",
                 "Al-Farabi Kazakh National University"),
        "short": ("ҚазҰУ", "КазНУ", "KazNU"),
        "address": ("050040, Алматы қ., әл-Фараби даңғылы, 71",
                    "050040, г. Алматы, пр. аль-Фараби, 71",
                    "71 al-Farabi Ave., Almaty 050040, Kazakhstan"),
        "phones": ("+7 727 377-33-33", "+7 727 377-33-38"),
        "email": ("info@kaznu.kz",),
    },
    "enu": {
        "name": ("Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
                 "Евразийский национальный университет имени Л.Н. Гумилёва",
                 "L.N. Gumilyov Eurasian National University"),
        "short": ("ЕҰУ", "ЕНУ", "ENU"),
        "address": ("010008, Астана қ., Сәтпаев көшесі, 2",
                    "010008, г. Астана, ул. Сатпаева, 2",
                    "2 Satpayev St., Astana 010008, Kazakhstan"),
        "phones": ("+7 7172 70-95-00", "+7 7172 70-95-75"),
        "email": ("enu@enu.kz",),
    },
    "vku": {
        "name": ("С. Аманжолов атындағы Шығыс Қазақстан университеті",
                 "Восточно-Казахстанский университет имени Сарсена Аманжолова",
                 "Sarsen Amanzholov East Kazakhstan University"),
        "short": ("ШҚУ", "ВКУ", "EKU"),
        "address": ("070020, Өскемен қ., Қазақстан көшесі, 55",
                    "070020, г. Усть-Каменогорск, ул. Казахстан, 55",
                    "55 Kazakhstan St., Oskemen 070020, Kazakhstan"),
        "phones": ("+7 7232 54-00-12", "+7 7232 54-00-47"),
        "email": ("info@vku.edu.kz",),
    },
    "ektu": {
        "name": ("Д. Серікбаев атындағы Шығыс Қазақстан техникалық университеті",
                 "Восточно-Казахстанский технический университет имени Д. Серикбаева",
                 "D. Serikbayev East Kazakhstan Technical University"),
        "short": ("ШҚТУ", "ВКТУ", "EKTU"),
        "address": ("070004, Өскемен қ., Серікбаев көшесі, 19",
                    "070004, г. Усть-Каменогорск, ул. Серикбаева, 19",
                    "19 Serikbayev St., Oskemen 070004, Kazakhstan"),
        "phones": ("+7 7232 54-07-50", "+7 7232 54-07-71"),
        "email": ("office@ektu.kz",),
    },
    "shakarim": {
        "name": ("Семей қаласының Шәкәрім атындағы университеті",
                 "Университет имени Шакарима города Семей",
                 "Shakarim University of Semey"),
        "short": ("Шәкәрім университеті", "Университет Шакарима", "Shakarim University"),
        "address": ("071412, Семей қ., Глинка көшесі, 20А",
                    "071412, г. Семей, ул. Глинки, 20А",
                    "20A Glinka St., Semey 071412, Kazakhstan"),
        "phones": ("+7 7222 31-40-00", "+7 7222 31-40-15"),
        "email": ("univer@shakarim.kz",),
    },
    "korkyt": {
        "name": ("Қорқыт Ата атындағы Қызылорда университеті",
                 "Кызылординский университет имени Коркыт Ата",
                 "Korkyt Ata Kyzylorda University"),
        "short": ("Қорқыт Ата университеті", "КУ им. Коркыт Ата", "Korkyt Ata University"),
        "address": ("120014, Қызылорда қ., Әйтеке би көшесі, 29А",
                    "120014, г. Кызылорда, ул. Айтеке би, 29А",
                    "29A Aiteke Bi St., Kyzylorda 120014, Kazakhstan"),
        "phones": ("+7 7242 26-17-95", "+7 7242 26-18-40"),
        "email": ("rector@korkyt.kz",),
    },
    "zhetysu": {
        "name": ("І. Жансүгіров атындағы Жетісу университеті",
                 "Жетысуский университет имени Ильяса Жансугурова",
                 "Ilyas Zhansugurov Zhetysu University"),
        "short": ("Жетісу университеті", "Жетысуский университет", "Zhetysu University"),
        "address": ("040009, Талдықорған қ., Жансүгіров көшесі, 187А",
                    "040009, г. Талдыкорган, ул. Жансугурова, 187А",
                    "187A Zhansugurov St., Taldykorgan 040009, Kazakhstan"),
        "phones": ("+7 7282 22-21-79", "+7 7282 22-20-31"),
        "email": ("info@zhetysu.edu.kz",),
    },
}


def uni(uid: str, key: str, lang: str) -> str:
    """Return a university fact (``name``, ``short``, ``address``) in ``lang``."""
    return pick(UNIVERSITIES[uid][key], lang)
