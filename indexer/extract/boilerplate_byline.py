"""Bylines and signatures: a short line that names a person is article text.

News items open or close with their author: "Айгерим Нурланова, студентка 3 курса",
"Марина КУАНЫШЕВА", "Дайындаған: Айгүл Серікқызы", "Автор: А. Петров", "By Jane Smith". Such a
line is short and sits at the edge of the story, where
:func:`~indexer.extract.boilerplate_lines.in_context` would drop it as an edge label;
:func:`is_byline` lets it stay when it touches the story.
"""

from __future__ import annotations

import re

# "Автор:", "Дайындаған:", "Подготовила", "Written by", "Текст:" before the name.
_LABEL = re.compile(
    r"^(?:автор(?:ы|лар)?|дайындаған(?:дар)?|материалды дайындаған|подготовил[аи]?|"
    r"текст|мәтін|written by|by|text|author)"
    r"\s*[:—–-]?\s+",
    re.IGNORECASE,
)
# A name word: "Айгерим", "КУАНЫШЕВА", "Серікқызы", "O'Brien", "Smith-Jones"; or an initial "А."
_NAME_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*|[^\W\d_]\.(?:[^\W\d_]\.)?)$")
# Title-case words that label page chrome or name places, not people ("Related Stories",
# "Главная Новости", "Қазақстан Республикасы").
_NOT_NAMES = frozenset(
    "about advertisement all also article back comments contact follow gallery home latest "
    "like login main menu more news next newsletter our page photo photos popular previous "
    "read related search see share sign sponsored stories story subscribe tags the top up us "
    "video videos view you your university kazakhstan republic "
    "главная новости наверх назад контакты объявления университет казахстан республика "
    "басты бет жаңалықтар хабарландырулар байланыс университеті қазақстан республикасы".split()
)
# Endings of nouns and adjectives that are no names: "Application Priorities", "Үкіметінің".
_NOT_NAME_END = re.compile(
    r"(?:tion|sion|ment|ness|ity|ies|ing|ance|ence|ship|ogy|ных|ого|ые|ое|"
    r"ның|нің|дың|дің|тың|тің)$",
)
_TITLE_CASE = re.compile(r"^[^\W\d_][^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
BYLINE_CHARS = 100
ROLE_WORDS = 10


def is_byline(text: str) -> bool:
    """True for a line that names a person: 2-4 capitalised name words (initials count),
    after an optional "Автор:" label and before an optional ", role" ("студентка 3 курса")."""
    if len(text) > BYLINE_CHARS:
        return False
    line = _LABEL.sub("", text.strip(), count=1)
    name, _, role = line.partition(",")
    if len(role.split()) > ROLE_WORDS:
        return False
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if not all(w[0].isupper() for w in words) or not any(_TITLE_CASE.match(w) for w in words):
        return False  # a name has a word in title case: "Марина КУАНЫШЕВА", not "ОБЩИЕ СВЕДЕНИЯ"
    lowered = [w.lower().strip(".") for w in words]
    if len(set(lowered)) < len(lowered):
        return False
    return not any(w in _NOT_NAMES or _NOT_NAME_END.search(w) for w in lowered)
