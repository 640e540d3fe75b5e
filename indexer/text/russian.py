"""Russian index terms: the dictionary lemma, one term for all forms of a surname.

``stem_russian`` gives every form of a word the lemma of its most probable
pymorphy3 parse, imperatives and verbs guessed for unknown names aside
(OpenCorpora dictionary, with pymorphy3's guesser for words it does not know):
визит, визита, визитом -> визит; стали -> стать; люди -> человек; шёл, пришли ->
идти, прийти. A surname in -ов/-ев/-ин/-ын takes, in every case, number and
gender, the term of its masculine nominative, whatever the dictionary makes of
that: Назарбаева, Назарбаевой -> назарбаев; Токаеву, Токаевым -> токай, as Токаев
(read as the genitive plural of токай); Сатпаевым -> сатпай. The term is a key, not
a word to show.

The analyzer is imported and loaded once per process, on the first call (about
25 MB of dictionaries); parsing only reads them, so threads share it.
``indexer.text.analysis.stem`` caches the terms.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

# A surname's base and its ending: masculine -ов/-ев/-ин/-ын with -а -у -ым -е,
# feminine -а -ой -ою -у, plural -ы -ых -ым -ыми.
_SURNAME = re.compile(r"^(\w{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|е|ой|ою|ы|ых|ыми)?$")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_PROPER = frozenset({"Surn", "Name", "Patr", "Geox"})
_VERBAL = frozenset({"VERB", "GRND"})

_LOCK = threading.Lock()
_MORPH: list[MorphAnalyzer] = []


def morph_analyzer() -> MorphAnalyzer:
    """This process's pymorphy3 analyzer, imported and created on the first call."""
    if not _MORPH:
        with _LOCK:
            if not _MORPH:
                import pymorphy3  # about 25 MB: only in processes that read Russian

                _MORPH.append(pymorphy3.MorphAnalyzer(lang="ru"))
    return _MORPH[0]


def _parse(word: str) -> Parse:
    """The most probable parse that is neither an imperative nor a verb or gerund
    guessed from the ending alone; else the most probable.

    News has few imperatives (пришли: прийти, came, before прислать, send!), and a
    foreign name gets verb guesses (Сянцянь: "сянцянить", imperative; Сянцяня: its
    gerund) before the noun.
    """
    parses = morph_analyzer().parse(word)
    return next((parse for parse in parses if _plausible(parse)), parses[0])


def _plausible(parse: Parse) -> bool:
    if "impr" in parse.tag:
        return False
    return parse.tag.POS not in _VERBAL or not any(
        type(step[0]).__name__ == "KnownSuffixAnalyzer" for step in parse.methods_stack)


def _lemma(word: str) -> str:
    """The lemma of ``_parse``, ё as е."""
    return _parse(word).normal_form.replace("ё", "е")


def _is_common_word(parse: Parse) -> bool:
    """Whether a parse is a dictionary word (not a guess, not a known word behind
    an unknown prefix) and no name."""
    return (len(parse.methods_stack) == 1
            and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
            and not _PROPER & parse.tag.grammemes)


def stem_russian(word: str) -> str:
    """The index term of a Russian word: the lemma of its nominative surname, or its own.

    A word that fits a surname paradigm (base in -ов/-ев/-ин/-ын and a surname
    ending) and is no common dictionary word takes the term of its bare base, so a
    surname in any case, number or gender gets the term its masculine nominative
    gets, even where the dictionary reads that as something else: Токаевым and
    Токаеву -> токай, as Токаев (genitive plural of токай); Назарбаевой -> назарбаев.
    Common words keep their own lemma: машину -> машина, боевой -> боевой.

    Args:
        word: One normalized word (lower case, ё as е; see
            ``indexer.text.analysis.normalize_word``).

    Returns:
        A lemma with ё as е ("визит" for визитом, "год" for лет); a word without
        Cyrillic letters unchanged.
    """
    if not _CYRILLIC.search(word):
        return word
    try:
        top = _parse(word)
    except ValueError:  # pymorphy3 asks unicodedata.name() of each letter; some have none
        return word
    match = _SURNAME.match(word)
    if match and match.group(1) != word and not _is_common_word(top):
        return _lemma(match.group(1))
    return top.normal_form.replace("ё", "е")
