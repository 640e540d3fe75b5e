"""Russian index terms: the dictionary lemma, with surnames folded to one key.

``stem_russian`` gives every form of a word the lemma of its most probable
pymorphy3 parse (OpenCorpora dictionary, with pymorphy3's guesser for words it
does not know): визит, визита, визитом -> визит; стали -> стать; люди -> человек;
шёл -> идти. Surnames in -ов/-ев/-ин/-ын get their masculine base in every case,
number and gender, whatever the dictionary says: Назарбаев, Назарбаевой,
Назарбаевыми -> назарбаев; Токаев (which the dictionary reads as the plural of
токай), Токаеву, Токаевым -> токаев.

The analyzer loads once per process, on the first call (about 30 MB); parsing is
read-only, so threads share it. ``indexer.analysis.stem`` caches the terms.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

# A surname's base and its ending: masculine -ов/-ев/-ин/-ын with -а -у -ым -е,
# feminine -а -ой -ою -у, plural -ы -ых -ым -ыми.
_SURNAME = re.compile(r"^(\w{2,}?(?:ов|ев|ин|ын))(?:а|у|ым|е|ой|ою|ы|ых|ыми)?$")
#: Surnames whose nominative the dictionary reads only as another noun's genitive
#: plural or an adjective (токаев "of the Tokay wines", калиев "potassium"), so no
#: parse says "surname".
SURNAMES = frozenset({"калиев", "токаев"})
_PROPER = frozenset({"Surn", "Name", "Patr", "Geox"})

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


def _is_surname(base: str, parses: Sequence[Parse]) -> bool:
    """Whether a word whose letters fit a surname paradigm is read as one.

    It is, unless the most probable parse is a dictionary word (not a guess, not
    a known word behind an unknown prefix) that is no name: студентов is
    студент's plural, машина and боевой are common words, while Назарбаев (a
    surname), Абаев (a first name's plural), Сатпаев (сат + паев, a guess),
    Бестереков (a place) and unknown words are surnames; so are ``SURNAMES``.
    """
    top = parses[0]
    known = (len(top.methods_stack) == 1
             and type(top.methods_stack[0][0]).__name__ == "DictionaryAnalyzer")
    return base in SURNAMES or not known or bool(_PROPER & top.tag.grammemes)


def stem_russian(word: str) -> str:
    """The index term of a Russian word: its surname base or its lemma.

    Args:
        word: One normalized word (lower case, ё as е; see
            ``indexer.analysis.normalize_word``).

    Returns:
        The lemma of the most probable parse with ё as е ("визит" for визитом,
        "год" for лет), or the masculine base of a surname ("назарбаев" for
        назарбаевой). Words without letters come back unchanged.
    """
    if not any(ch.isalpha() for ch in word):
        return word
    parses = morph_analyzer().parse(word)
    match = _SURNAME.match(word)
    if match and _is_surname(match.group(1), parses):
        return match.group(1)
    return parses[0].normal_form.replace("ё", "е") if parses else word
