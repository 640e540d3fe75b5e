"""Script folding for Kazakh and Russian: Latin <-> Cyrillic and a cross-script key.

Kazakh is written in Cyrillic, in three official Latin alphabets and in informal
ASCII (``indexer.text.latin`` reads them); Russian names are romanized in several ways
(Gumilyov, Gumilev). Three tools cover this:

* ``latin_to_kazakh`` (from ``indexer.text.latin``) — best-guess Cyrillic spelling of a
  Latin word, so the kk analyzer can stem "universitetterinde" like "университеттерінде".
* ``kazakh_to_latin`` — the 2021 alphabet or informal ASCII spelling of a Cyrillic word.
* ``fold_key`` — a coarse phonetic ASCII key, equal for the spellings of one word in
  any script (Zhangyru / Zhanyru / zagyru / жаңғыру -> "zaniru"), used by the
  cross-script "fold" field.
"""

from __future__ import annotations

import functools
import re

from indexer.text.latin import (
    MIN_LATIN_KAZAKH,
    latin_alphabet,
    latin_to_kazakh,
    lower_latin,
    plain_latin,
    reads_as_kazakh,
)

__all__ = [
    "MIN_LATIN_KAZAKH", "finish_key", "fold_key", "is_cyrillic", "is_latin",
    "kazakh_to_latin", "latin_alphabet", "latin_to_kazakh", "letter_key", "lower_latin",
    "reads_as_kazakh", "script_variants",
]

_KAZAKH_TO_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
_ASCII_FROM_2021 = str.maketrans(
    {"ä": "a", "ğ": "gh", "ı": "i", "ñ": "ng", "ö": "o", "ū": "u", "ü": "u", "ş": "sh",
     "ç": "ch", "j": "zh", "q": "q"}
)
# Cyrillic -> the key alphabet: one class per sound that romanizations confuse. ц is
# "ts", as romanized: informal Kazakh ts is mostly т+с (жат-са-м), and so is the key.
_CYRILLIC_KEY = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "z", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "H", "һ": "H", "ц": "ts",
    "ч": "c", "ш": "x", "щ": "x", "ъ": "", "ы": "i", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
# Upper-case results are final classes (lower-cased at the end), safe from the
# single-letter table that runs after the digraphs.
_LATIN_KEY_MULTI = [
    ("x", "KS"), ("shch", "X"), ("sch", "X"), ("sh", "X"), ("zh", "z"), ("ch", "C"),
    ("kh", "H"), ("gh", "g"), ("ph", "f"), ("ck", "k"), ("yo", "e"), ("ye", "e"),
    ("ou", "u"),
]
_LATIN_KEY_SINGLE = str.maketrans(
    {"ä": "a", "á": "a", "ğ": "g", "ǵ": "g", "ı": "i", "í": "i", "ñ": "n", "ń": "n",
     "ö": "o", "ó": "o", "ş": "x", "ç": "c", "ū": "u", "ü": "u", "ú": "u", "ý": "u",
     "j": "z", "q": "k", "c": "k", "h": "H", "w": "u", "y": "i"}
)
_KEY_VOWELS = "aeiou"
# n, g and ng between vowels: ң/ңғ are written n, ng or g (Zhanyru, Zhangyru, zagyru).
_NASAL_CLUSTER = re.compile(f"(?<=[{_KEY_VOWELS}])[ng]+(?=[{_KEY_VOWELS}])")
_REPEATS = re.compile(r"([a-z])\1+")
_FINAL_VOWELS = re.compile(f"(?<=[^{_KEY_VOWELS}])[{_KEY_VOWELS}]+$")
MIN_KEY = 6
_H_BEFORE_VOWEL = re.compile(f"H(?=[{_KEY_VOWELS}])")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zà-ɏ]")


def is_cyrillic(word: str) -> bool:
    """Whether ``word`` contains a Cyrillic letter."""
    return bool(_CYRILLIC.search(word))


def is_latin(word: str) -> bool:
    """Whether ``word`` contains a Latin letter and no Cyrillic one."""
    return not is_cyrillic(word) and bool(_LATIN.search(word.lower()))


@functools.lru_cache(maxsize=100_000)
def kazakh_to_latin(word: str, style: str = "2021") -> str:
    """Spell a Cyrillic Kazakh word in the 2021 Latin alphabet or in informal ASCII.

    Args:
        word: One Cyrillic word.
        style: "2021" (ä ğ ı ñ ...) or "ascii" (zh, sh, gh, ng, q).

    Returns:
        The lower-case Latin spelling.
    """
    latin = "".join(_KAZAKH_TO_LATIN_2021.get(ch, ch) for ch in word.lower())
    return latin.translate(_ASCII_FROM_2021) if style == "ascii" else latin


@functools.lru_cache(maxsize=200_000)
def fold_key(word: str) -> str:
    """A coarse phonetic ASCII key shared by one word's spellings in any script.

    Cyrillic letters map to sound classes; Latin digraphs and diacritics fold to the
    same classes (zh/j/ж/з -> z, sh/ş/ш -> x, k/q/к/қ -> k, kh/h/х -> h before a
    vowel and k elsewhere, ä/a/ә -> a, u/ū/ü/ұ/ү/у -> u, y/ı/i/і/ы/и/й -> i,
    yo/ё/е -> e); doubled letters collapse, a run of n/g between vowels becomes "n",
    and final vowels (mostly case endings) are dropped when six letters remain.

    Args:
        word: One word, any case and script; digits pass through.

    Returns:
        The key, e.g. "zaniru" for жаңғыру, Zhangyru, Zhanyru and zagyru, and
        "gumilev" for Гумилёв, Гумилёва, Gumilyov and Gumilev.
    """
    return finish_key(letter_key(word))


@functools.lru_cache(maxsize=200_000)
def letter_key(word: str) -> str:
    """The first stage of ``fold_key``: each letter or digraph as its sound class.

    Doubled letters, n/g clusters and final vowels are still as written, so Kazakh
    suffixes can be told apart here (университет-тер-і -> "universitet" + "ter" + "i").

    Args:
        word: One word, any case and script.

    Returns:
        Lower-case ASCII classes, e.g. "zangiru" for жаңғыру and Zhangyru.
    """
    word = plain_latin(word)
    if is_cyrillic(word):
        key = "".join(_CYRILLIC_KEY.get(ch, ch) for ch in word)
    else:
        key = word
        for latin, folded in _LATIN_KEY_MULTI:
            key = key.replace(latin, folded)
        key = key.translate(_LATIN_KEY_SINGLE)
    # kh/h/х are [h] before a vowel (Rukhani, Рухани) but stand for қ before a
    # consonant or at the end (Kazakhstan, Kazakh): one class each way. Informal kh
    # also stands for қх (zhatakhana = жатақхана): k before [h] is dropped.
    key = _H_BEFORE_VOWEL.sub("h", key).replace("H", "k").lower()
    return key.replace("kh", "h")


def finish_key(key: str) -> str:
    """The second stage of ``fold_key``: collapse doubles and n/g runs, trim vowels.

    ts before i is s: Kazakh Latin writes ц as ts or s (konferentsiya, konferensiia).
    """
    key = _NASAL_CLUSTER.sub("n", _REPEATS.sub(r"\1", key.replace("tsi", "si")))
    # Final vowels of long words are mostly case endings (Гумилёв-а): drop them.
    trimmed = _FINAL_VOWELS.sub("", key)
    return trimmed if len(trimmed) >= MIN_KEY else key


def script_variants(word: str) -> list[str]:
    """Spellings of ``word`` in the other scripts, without the word itself.

    Args:
        word: One word as the user typed it.

    Returns:
        For a Latin word its Kazakh Cyrillic guess; for a Cyrillic word its 2021
        Latin and informal ASCII spellings. Lower-case, unique, in that order.
    """
    lowered = word.lower()
    if is_cyrillic(lowered):
        candidates = [kazakh_to_latin(lowered), kazakh_to_latin(lowered, "ascii")]
    elif is_latin(lowered):
        candidates = [latin_to_kazakh(lowered)]
    else:
        candidates = []
    seen = {lowered}
    variants: list[str] = []
    for candidate in candidates:
        if candidate not in seen:
            seen.add(candidate)
            variants.append(candidate)
    return variants
