"""Reading Kazakh Latin: which alphabet a word is in, and its Cyrillic spelling.

Kazakh is written in three official Latin alphabets and in informal ASCII. The 2021
alphabet has ä ğ ı ñ ö ş ū ü with ı = і, i = и/й, y = ы, u = у, j = ж, q = қ; the
2018 one has acute letters á ǵ ń ó ú ý í with i = і, í = и/й, u = ұ, ý = у, sh, ch;
the 2017 one is the 2018 one with apostrophes (a', g', s' ...). Informal ASCII writes
zh or j for ж, sh, ch, gh, ng, kh, q or k, i for і and и, y for ы, u for у/ұ/ү. A
word with a letter of an official alphabet is read by its table; a plain ASCII word
by the informal readings.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters of the 2018 alphabet (acute accents) and of the 2021 one; their presence
# selects that alphabet's readings.
_ALPHABET_2018 = frozenset("áǵńóúýí")
_ALPHABET_2021 = frozenset("äğıñöşūüç")
# The 2017 alphabet: a letter and an apostrophe, the 2018 acute letter (s' c' are sh ch).
# Not before an English clitic (don't, we're) or a capital (O'Brien, D'Artagnan).
_APOSTROPHE_2017 = re.compile(
    r"([aginouyscAGINOUYSC])['’ʼ](?!(?:t|s|ll|re|ve|d|m)$)(?=[a-zà-ɏ])")
# Russian loans in -кция/-нция are also written with s (konferensiia, aksiia); not
# пенсия, экспансия.
_LOAN_TS = re.compile(r"(?:(?<=k)|(?<=n)(?<!pen)(?<!pan))s(?=i(?:ia|ya|a))")
_FROM_2017 = {"a": "á", "g": "ǵ", "i": "í", "n": "ń", "o": "ó", "u": "ú", "y": "ý",
              "s": "sh", "c": "ch"}
_LATIN_MULTI = [
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("gh", "ғ"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"),
]
#: The two-letter ones, looked up at once (``shch`` is the only longer one).
_LATIN_PAIRS = {latin: cyrillic for latin, cyrillic in _LATIN_MULTI if len(latin) == 2}
_LATIN_SINGLE = {
    "a": "а", "ä": "ә", "á": "ә", "b": "б", "c": "с", "ç": "ч", "d": "д", "e": "е",
    "é": "е", "f": "ф", "g": "г", "ğ": "ғ", "ǵ": "ғ", "h": "х", "i": "і", "ı": "і",
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
#: Shorter plain ASCII words are read as Kazakh only when they are not English.
MIN_LATIN_KAZAKH = 4
# English words of two or three letters (function words and the commonest others):
# plain ASCII words this short are read as Kazakh unless they are one of these, so an
# English "men", "bar", "on" does not become мен, бар, он. Written from English
# grammar, not from a corpus.
_ENGLISH_SHORT = frozenset("""
a an as at be by do go he if in is it me my no of on or so to up us we am ok
oh ah hi ha eh uh vs mr ms dr st id tv pc uk eu un ai ml vr pr hr
the and for are but not you all any can had her was one our out day get has him his
how man men new now old see two way who boy did its let put say she too use why yes
yet ago air art bad bar bed big bit box bus buy car cat cup cut dog due eat end eye
far few fit fly fun gas god got gun guy hat hit hot ice ill job key kid law lay led
leg lie lot low map may mix net nor odd off oil own pay per pen pet pop raw red
rid row run sad sat sea set sex sir sit six sky son sun tax tea ten tie tip top toy
try war web wet win won yes add age aid aim ask ban bay bid bin bow cab cap cop cow
cry dad die dig dry ear egg era fan fat fee fix fog fox gap gay gym hey hip hug hub
inn jam jaw jet joy kit lab lad lap lip log mad mom mud nut oak pan pig pin pit pot
pub rag ran rat ray rim rob rod rub rug saw ski sol sum tag tan tap tin ton tub van
via vet wax wig yet zoo non pre pro sub co ex etc inc ltd usa ceo phd bsc msc mba app
api bio eco geo max min mid
""".split())


def lower_latin(word: str) -> str:
    """Lower-case a word, keeping what Kazakh Latin spells with case and apostrophes.

    In a word with 2021 letters or a dotted İ, capital I is dotless ı (і), as on a
    Turkish keyboard, and İ is i; elsewhere I is i. The 2017 apostrophe letters
    become the 2018 acute ones (a'lem -> álem, s'ag'yn -> shaǵyn). Other words are
    just lower-cased.

    Args:
        word: One word, any script.

    Returns:
        The lower-case word, e.g. "üzdık" for "ÜZDIK", "bılım" for "BILIM" (no 2021
        letter: "bilim"), "álem" for "A'lem".
    """
    if "I" in word and ("İ" in word or _ALPHABET_2021.intersection(word.lower())):
        word = word.replace("I", "ı")
    word = word.replace("İ", "i")
    if "'" in word or "’" in word or "ʼ" in word:
        word = _APOSTROPHE_2017.sub(lambda m: _2017_letter(m.group(1)), word)
    return word.lower()


def _2017_letter(letter: str) -> str:
    acute = _FROM_2017[letter.lower()]
    return acute if letter.islower() else acute.capitalize()


def latin_alphabet(word: str) -> str:
    """Which Latin alphabet a lower-case word is in: "2021", "2018" or "ascii"."""
    if _ALPHABET_2021.intersection(word):
        return "2021"
    return "2018" if _ALPHABET_2018.intersection(word) else "ascii"


def reads_as_kazakh(word: str) -> bool:
    """Whether a lower-case Latin word should also be read as Kazakh.

    A word of ``MIN_LATIN_KAZAKH`` letters or more, or one with a letter of an
    official alphabet (bır = бір), is; a shorter plain ASCII word is unless it is a
    common English word (ata, su, bas, eki, ret are; men, bar, on, ten are not).
    """
    return (len(word) >= MIN_LATIN_KAZAKH or latin_alphabet(word) != "ascii"
            or (len(word) > 1 and word.isalpha() and word not in _ENGLISH_SHORT))


def plain_latin(word: str) -> str:
    """Lower-case, composed, without stray combining marks (Turkish İ -> i)."""
    word = unicodedata.normalize("NFC", lower_latin(word))
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=100_000)
def latin_to_kazakh(word: str) -> str:
    """Best-guess Kazakh Cyrillic spelling of a Latin-script word.

    A word with a 2021 letter (ä ğ ı ñ ö ş ū ü) is read by the 2021 table: ı = і,
    i = и, or й after a vowel (tağaiyndau -> тағайындау), y = ы, u = у, h = х, and
    g, k, ng as written. A word with an acute letter is read as 2018 (i = і, í = и,
    u = ұ, ý = у). A plain ASCII word takes the most common informal readings:
    zh/sh/ch/kh/gh digraphs, i = і but й after a vowel (Qostanai -> қостанай), y = ы
    but й after a vowel other than i before a consonant (zhiyn -> жиын), u = у; vowel
    harmony settles g and k (in a word with back vowels only they are ғ and қ:
    Qazaqstandagy -> қазақстандағы), and n+g is ң, or ңғ/ңг before a vowel (Zhangyru
    -> жаңғыру). In every alphabet ia/iu at the start or after a vowel are я/ю, -iia
    and -iya are -ия, ts is ц at the start or before i (irrigatsiya) and т+с elsewhere
    (aitsa -> айтса); -ksiia and -nsiia are -кция, -нция (konferensiia -> конференция).

    Args:
        word: One Latin-script word.

    Returns:
        Lower-case Cyrillic, e.g. "қазақстан" for "Qazaqstan", "білім" for "bılım".
    """
    word = _LOAN_TS.sub("ts", plain_latin(word))
    alphabet = latin_alphabet(word)
    out: list[str] = []
    i = 0
    while i < len(word):
        cyrillic, size = _latin_letter(word, i, alphabet, out[-1] if out else "")
        out.append(cyrillic)
        i += size
    cyrillic = "".join(out)
    return _harmonize(cyrillic) if alphabet == "ascii" else cyrillic


def _latin_letter(word: str, i: int, alphabet: str, previous: str) -> tuple[str, int]:
    """The Cyrillic of the letter or digraph at ``word[i]`` and its length in Latin.

    ``previous`` is the Cyrillic of the letter before: й never follows й (uii = уйі).
    """
    ch, after = word[i], word[i + 1:i + 2]
    before_vowel = i > 0 and word[i - 1] in _VOWELS_LATIN
    if word.startswith(("iia", "iya"), i):  # -ия (akademiia, tehnologiya)
        return "ия", 3
    if ch == "i" and after in ("a", "u") and (i == 0 or before_vowel):  # ia = я, iu = ю
        return ("я" if after == "a" else "ю"), 2
    if word.startswith("ts", i) and (i == 0 or word[i + 2:i + 3] in ("i", "í")):
        return "ц", 2
    if alphabet != "2021":  # _LATIN_MULTI, longest first
        if word.startswith("shch", i):
            return "щ", 4
        pair = _LATIN_PAIRS.get(word[i:i + 2])
        if pair is not None:
            return pair, 2
    if ch == "í" and before_vowel:  # 2018 í is и, or й after a vowel (úí = үй)
        return "й", 1
    if ch == "i" and before_vowel and previous != "й" and alphabet != "2018":
        return "й", 1
    if ch == "i" and alphabet == "2021":
        return "и", 1
    if ch == "y" and before_vowel and not (
            word[i - 1] == "i" and after.isalpha() and after not in _VOWELS_LATIN):
        return "й", 1  # zhiyn = жиын
    if ch == "ı":
        return "і", 1
    if ch == "u" and alphabet == "2018":
        return "ұ", 1
    return _LATIN_SINGLE.get(ch, ch), 1


def _harmonize(cyrillic: str) -> str:
    """Apply Kazakh spelling to a letter-by-letter reading: ғ/қ in back words, ң for ng."""
    back = bool(_CYRILLIC_BACK.intersection(cyrillic)) and not _CYRILLIC_FRONT.intersection(
        cyrillic)
    cyrillic = _NG_BEFORE_VOWEL.sub("ңг", cyrillic).replace("нг", "ң")
    return cyrillic.translate(_BACK_CONSONANTS) if back else cyrillic
