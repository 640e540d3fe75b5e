"""Script folding for Kazakh and Russian: Latin <-> Cyrillic and a cross-script key.

Kazakh is written in Cyrillic, in two official Latin alphabets (2021: ä ğ ı ñ ö ş ū ü;
2018: á ǵ ń ó ú ý í with sh, ch) and in informal ASCII (zh or j for ж, sh, ch, gh,
ng, q or k). Russian names are romanized in several ways (Gumilyov, Gumilev). Three
tools cover this:

* ``latin_to_kazakh`` — best-guess Cyrillic spelling of a Latin word, so the kk
  analyzer can stem "universitetterinde" like "университеттерінде".
* ``kazakh_to_latin`` — the 2021 alphabet or informal ASCII spelling of a Cyrillic word.
* ``fold_key`` — a coarse phonetic ASCII key, equal for the spellings of one word in
  any script (Zhangyru / Zhanyru / zagyru / жаңғыру -> "zaniru"), used by the
  cross-script "fold" field.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters of the 2018 alphabet (acute accents); their presence selects its readings.
_ALPHABET_2018 = frozenset("áǵńóúýí")
_LATIN_MULTI = [
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("gh", "ғ"),
    ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"),
]
_LATIN_SINGLE = {
    "a": "а", "ä": "ә", "á": "ә", "b": "б", "c": "с", "ç": "ч", "d": "д", "e": "е",
    "é": "е", "f": "ф", "g": "г", "ğ": "ғ", "ǵ": "ғ", "h": "х", "i": "і", "ı": "ы",
    "í": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "ń": "ң",
    "o": "о", "ö": "ө", "ó": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш",
    "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "ú": "ү", "ý": "у", "v": "в", "w": "у",
    "x": "х", "y": "ы", "z": "з",
}
_VOWELS_LATIN = frozenset("aäáeéiıíoöóuūüúý")
_CYRILLIC_FRONT = frozenset("әеөүіиэ")
_CYRILLIC_BACK = frozenset("аоұыуя")
_CYRILLIC_VOWELS = _CYRILLIC_FRONT | _CYRILLIC_BACK | frozenset("юё")
# Informal ASCII has one g and one k: in a word of back vowels only they are ғ and қ
# (native Kazakh words keep г/к for front vowels), and n+g is ң (ңғ before a vowel).
_BACK_CONSONANTS = str.maketrans("гк", "ғқ")
_NG_BEFORE_VOWEL = re.compile(f"нг(?=[{''.join(sorted(_CYRILLIC_VOWELS))}])")
_KAZAKH_TO_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
_ASCII_FROM_2021 = str.maketrans(
    {"ä": "a", "ğ": "gh", "ñ": "ng", "ö": "o", "ū": "u", "ü": "u", "ş": "sh", "ç": "ch",
     "j": "zh", "q": "q"}
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


def _plain_latin(word: str) -> str:
    """Lower-case, composed, without stray combining marks (Turkish İ -> i)."""
    word = unicodedata.normalize("NFC", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=100_000)
def latin_to_kazakh(word: str) -> str:
    """Best-guess Kazakh Cyrillic spelling of a Latin-script word.

    Reads the 2021 and 2018 alphabets and informal ASCII; ambiguous letters take
    their most common reading (y -> ы, but й after a vowel other than i before a
    consonant: zhiyn -> жиын; u -> у, or ұ in a
    2018-alphabet word; i -> і). Vowel harmony settles g and k: in a word with back
    vowels only they are ғ and қ (Qazaqstandagy -> қазақстандағы, gylym -> ғылым);
    n+g is ң, or ңғ/ңг before a vowel (Zhangyru -> жаңғыру).

    Args:
        word: One Latin-script word.

    Returns:
        Lower-case Cyrillic, e.g. "қазақстан" for "Qazaqstan".
    """
    word = _plain_latin(word)
    is_2018 = bool(_ALPHABET_2018.intersection(word))
    out: list[str] = []
    i = 0
    while i < len(word):
        for latin, cyrillic in _LATIN_MULTI:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            ch = word[i]
            if word.startswith("iia", i):  # 2021 spelling of -ия (Eurazia)
                out.append("ия")
                i += 3
                continue
            if ch == "i" and word[i + 1:i + 2] in ("a", "u") and (
                    i == 0 or word[i - 1] in _VOWELS_LATIN):  # 2021 ia = я, iu = ю
                out.append("я" if word[i + 1] == "a" else "ю")
                i += 2
                continue
            if ch == "y" and i > 0 and word[i - 1] in _VOWELS_LATIN and not (
                    word[i - 1] == "i" and word[i + 1:i + 2].isalpha()
                    and word[i + 1] not in _VOWELS_LATIN):  # zhiyn = жиын
                out.append("й")
            elif ch == "u" and is_2018:
                out.append("ұ")
            else:
                out.append(_LATIN_SINGLE.get(ch, ch))
            i += 1
    return _harmonize("".join(out))


def _harmonize(cyrillic: str) -> str:
    """Apply Kazakh spelling to a letter-by-letter reading: ғ/қ in back words, ң for ng."""
    back = bool(_CYRILLIC_BACK.intersection(cyrillic)) and not _CYRILLIC_FRONT.intersection(
        cyrillic)
    cyrillic = _NG_BEFORE_VOWEL.sub("ңг", cyrillic).replace("нг", "ң")
    return cyrillic.translate(_BACK_CONSONANTS) if back else cyrillic


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
    word = _plain_latin(word)
    if is_cyrillic(word):
        key = "".join(_CYRILLIC_KEY.get(ch, ch) for ch in word)
    else:
        key = word
        for latin, folded in _LATIN_KEY_MULTI:
            key = key.replace(latin, folded)
        key = key.translate(_LATIN_KEY_SINGLE)
    # kh/h/х are [h] before a vowel (Rukhani, Рухани) but stand for қ before a
    # consonant or at the end (Kazakhstan, Kazakh): one class each way.
    return _H_BEFORE_VOWEL.sub("h", key).replace("H", "k").lower()


def finish_key(key: str) -> str:
    """The second stage of ``fold_key``: collapse doubles and n/g runs, trim vowels."""
    key = _NASAL_CLUSTER.sub("n", _REPEATS.sub(r"\1", key))
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
