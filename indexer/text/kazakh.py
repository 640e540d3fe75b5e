"""A rule-based Kazakh stemmer: strips inflectional suffixes from Cyrillic words.

Kazakh is agglutinative: a noun is ``root + plural + possessive + case (+ predicative)``
(университет-тер-і-нде "in their universities"), a verb ``root + negation + tense or
participle + person`` (айт-па-ды "did not say"). Every suffix has allomorphs chosen by

* vowel harmony — back (а о ұ ы) or front (ә е ө ү і) vowels, following the last
  vowel of the stem: -лар after қала, -лер after мектеп;
* the stem's last sound — -лар after vowels and р й у, -дар after voiced consonants
  (ауыл-дар), -тар after voiceless ones (кітап-тар); the genitive -ның / -дың / -тың likewise;
* the possessive — after a 3rd-person possessive -ы/-і/-сы/-сі the cases take an
  extra н: -ның, -на, -нда, -нан, -н (қаласы-нда, университеті-нің).

The stemmer removes suffixes from the end, longest first, and accepts one only when
its vowel agrees with the stem's harmony, its first consonant fits the sound before
it, the "n"-cases follow a possessive vowel, and a stem of at least two letters with
a vowel remains (three before -н and -у, and whenever the stem would end in a vowel:
ба-сы is бас-ы). Suffixes come off in morphological order (case before possessive
before plural), and verb-only suffixes (negation, voice) only after a verbal ending,
so бөлме keeps its -ме and ауыл its -ыл.
Finally a stem-final voiced stop is devoiced, restoring the dictionary form that a
vowel suffix changed: кітаб(ы) -> кітап, көг(і) -> көк. Loanwords ending in б/г
(педагог -> педагок) are changed too, harmlessly: every form gets the same stem.

``indexer.text.kazakh_key.stem_key`` does the same leniently on the sound classes of
``translit.letter_key`` (for the cross-script fold field, where informal Latin hides the harmony).
"""

from __future__ import annotations

import functools
import itertools

BACK = frozenset("аоұыя")
FRONT = frozenset("әеөүіэ")
NEUTRAL = frozenset("иуюё")
VOWELS = BACK | FRONT | NEUTRAL
VOICELESS = frozenset("кқпстфхцчшщ")
MIN_STEM = 2
MAX_ROUNDS = 6
_NOTHING_STRIPPED = 6

# Suffix templates by slot, from the root outwards: -1 voice, 0 negation, 1 verb-to-noun
# (participle, verbal noun), 2 plural, 3 possessive and predicative person, 4 case,
# 5 finite verb ending. A = а/е, Y = ы/і, G = ғ/г, K = қ/к (back/front variants); "+"
# marks a suffix that only follows a 3rd-person possessive vowel (ы/і). Suffixes are
# taken off right to left, each from a lower slot than the one before. Voice (passive
# -ыл, reflexive -ын, reciprocal -ыс) comes off only right after slot 0, 1 or 5: on
# nouns it is part of the root (ауыл, орын, жұмыс). Causatives are left on, as the
# treebank lemmas keep them (өткіз, білдір). Left out on purpose: 1st/2nd person
# singular -ым, -ың, -мын, -сың (rare in news; many roots end so: ғылым, білім, мың),
# 1st person plural past -дық (clashes with -лық/-дық nouns), future -ар (өнер), the
# converbs -а/-е/-й/-п (қала, Астана, кітап, мектеп end so).
_TEMPLATES = """
-1 Yл Yн Yс
0 мA бA пA
1 GAн KAн AтYн йтYн Aтұғын йтұғын у Yу
2 лAр дAр тAр
3 YмYз YңYз YңдAр сY Y мYз ңYз
4 нYң дYң тYң нY дY тY +н GA KA +нA ңA дA тA +ндA дAн тAн нAн
4 мен бен пен менен бенен пенен дAGY тAGY +ндAGY дAй тAй GY KY
5 дYм тYм дYңYз тYңYз дYңдAр тYңдAр Yп мAс бAс пAс
5 сA сAм сAң сAK AдY йдY мAй бAй пAй мAдY бAдY пAдY
5 AмYз ймYз ймYн йсYң йсYз йсYздAр AсYң AсYз AсYздAр YптY сYн
"""
_BACK_VARIANT = str.maketrans("AYGK", "аығқ")
_FRONT_VARIANT = str.maketrans("AYGK", "еігк")
_DEVOICE = str.maketrans("бгғ", "пкқ")


def _expand(templates: str) -> dict[str, tuple[str, bool, int]]:
    """Concrete suffix -> (harmony "b"/"f"/"n", follows a possessive vowel, slot)."""
    table: dict[str, tuple[str, bool, int]] = {}
    for line in templates.strip().splitlines():
        slot, *items = line.split()
        for template in items:
            after = template.startswith("+")
            template = template.lstrip("+")
            if not set("AYGK") & set(template):
                table.setdefault(template, ("n", after, int(slot)))
                continue
            table.setdefault(template.translate(_BACK_VARIANT), ("b", after, int(slot)))
            table.setdefault(template.translate(_FRONT_VARIANT), ("f", after, int(slot)))
    return table


SUFFIXES = _expand(_TEMPLATES)
_ONE_CONSONANT = frozenset("ну")
_VERBAL = frozenset({0, 1, 5})
_LOAN_LETTERS = frozenset("вфцчщъьэюяёи")
_AFTER_NEGATION = frozenset({1, 5})
_AFTER_VOWEL = frozenset({"сы", "сі"})
_NOT_BEFORE_SY = frozenset(c + v for c in "бвгғдзйклмнңпрстфхцчщ" for v in "ыі")
_AFTER_CONSONANT = frozenset({"ғы", "гі", "қы", "кі"})
_BY_LENGTH = sorted(SUFFIXES, key=len, reverse=True)
_LONGEST = len(_BY_LENGTH[0])
_FEMININE = frozenset({"ова", "ева", "ина"})
_PASSIVE = ("ыл", "іл")
_PAST = frozenset({"ды", "ді", "ты", "ті"})
_VOWEL_CASES = frozenset("ны ні ға ге да де дан ден дағы дегі".split())
# Frequent nouns of news whose bare form ends like a suffix boundary the rules read the
# other way: -ат/-ет before -ын/-ін (мемлекет-ін, not the participle мемлек-етін), -й
# before -ды/-ді (мұражай-ды, not the verb мұража-йды), -н before -ы/-і (декан-ы, not
# дека-ны), C + ы/і before -сы/-сі (белгі-сі, not белгіс-і: -сы after C + ы/і is refused
# for the жұмыс-ы nouns), a cluster before -і or -ын (тест-і, курс-ы-н, not кур-сын),
# -ыл/-іл before -ды/-ді (өкіл-ді, not the passive past өк-іл-ді), an -ина that is no
# surname's (машина); and some that only the sound classes of ``kazakh_key`` misread
# (газет-ін as газ-етін, алаң-ы as ала-ңғы); and bare forms that would lose a
# look-alike suffix and meet another word (ақын not ақ, кеңсе not кең, әріптес not әр,
# команда not коман). A word that begins with one of them is never cut inside it.
LEXICON = frozenset("""
мемлекет міндет сурет мақсат ақпарат салтанат марапат сұхбат депутат деканат ректорат
кандидат формат мандат қызмет құрмет қанат сағат саясат табиғат рұқсат құжат ғимарат
мұрағат дәулет кабинет комитет бюджет интернет аппарат результат
мерейтой мұражай мұнай музей жағдай сарай ресей шанхай
декан маман емтихан стадион аудан чемпион жиын экран отан ұран заман майдан орман
белгі желі дағды қаулы ерікті үлгі күлкі қондырғы құрылғы тұрғын
тест текст курс конкурс ресурс
өкіл ауыл көңіл ақыл қызыл
рейтинг газет зауыт құзырет алаң кезең
машина медицина вакцина дисциплина
команда олимпиада жүлде тұлға кеңсе бағдар серіктес әріптес орын ақын егін кәсіпорын корпус
""".split())
# и and і are one letter in Latin spellings (latin_to_kazakh reads i as і): match both.
_LEXICON_I = frozenset(word.replace("и", "і") for word in LEXICON)
_S_JOINS = frozenset("аәеоөұүуэяюи")  # ыс/іс stems keep с: жұмыс-ы is never жұмы-сы


def harmony(stem: str) -> str:
    """"b" (back), "f" (front) or "n" (undecided) from the stem's last harmonic vowel."""
    if stem.endswith("ь"):
        return "n"  # панель-дер, Беларусь-тің, but also медаль-дар
    for ch in reversed(stem):
        if ch in BACK:
            return "b"
        if ch in FRONT:
            return "f"
        if ch in NEUTRAL:
            return "n"
    return "n"


def _first_sound_fits(suffix: str, before: str) -> bool:
    """Whether the suffix's first letter is the allomorph used after ``before``."""
    first = suffix[0]
    if first in "тқкп":
        return before in VOICELESS or before in "бгд"
    if first in "дғг":
        return before not in VOICELESS
    if first == "б":
        return before in "жзмнң"
    if first == "л":
        return before in VOWELS or before in "рйу"
    if first == "н":
        return before in VOWELS or before in "мнң"
    if first == "м":
        return before in VOWELS or before in "рлйумнң"
    if first in VOWELS:
        return before not in VOWELS or before == "у"  # оқу-ы: у is a consonant here
    if first == "й":
        return before in VOWELS
    return True


def _can_strip(word: str, suffix: str) -> bool:
    """Whether ``suffix`` may be removed from the end of ``word``."""
    stem = word[: -len(suffix)]
    kind, after_possessive, slot = SUFFIXES[suffix]
    if (suffix.startswith("тан") and len(stem) >= 5 and stem[-1] == "с"
            and stem[-2] not in VOWELS and stem.replace("и", "і") not in _LEXICON_I):
        return False  # Қазақстан, Өзбекстан: -стан is part of the name; жұмыс-тан, курс-тан
    if suffix in ("сын", "сін") and stem[-1] in VOWELS:
        return False  # the imperative біл-сін follows a consonant; жұмы-сын is жұмыс-ы-н
    if suffix in ("ы", "і") and stem[-1] == "ш":
        return False  # оқушы, басшы: agent nouns in -шы/-ші
    if slot in _VERBAL and _LOAN_LETTERS.intersection(stem[1:]):
        return False  # университет-ін, not университ-етін: loanwords are not verbs
    if suffix in _AFTER_VOWEL and (stem[-1] not in VOWELS
                                   or stem[-2:] in _NOT_BEFORE_SY
                                   and stem.replace("и", "і") not in _LEXICON_I):
        return False  # жұмыс-ы, not жұмы-сы; but басшы-сы, белгі-сі
    if suffix in _AFTER_CONSONANT and (stem[-1] in VOWELS or len(stem) < 3
                                       or _LOAN_LETTERS.intersection(stem)):
        return False  # жыл-ғы, but аяғ-ы (voiced қ), not ая-ғы; рейтинг-і
    minimum = MIN_STEM + 1 if suffix in _ONE_CONSONANT else MIN_STEM
    if suffix == "у" and stem[-1] not in VOWELS:
        minimum = MIN_STEM  # ал-у, біл-у; but тау, дау stay whole
    if len(stem) < minimum or not VOWELS.intersection(stem):
        return False
    if after_possessive and (stem[-1] not in "ыі" or len(stem) < 3):
        return False
    if stem[-1] in VOWELS and len(stem) < 3:
        return False  # C+V roots are rare: ба-сы is бас-ы
    if stem[-1] == "в":
        # Тоқаевтың, Әлихановтың, Аймағамбетовтің, Киевте: a loanword's final в takes
        # the voiceless allomorphs, and the harmony of -ов/-ев varies with the name.
        return slot in (2, 4) and suffix[0] not in VOWELS and suffix[0] not in "нм"
    stem_harmony = harmony(stem)
    if suffix == "і" and stem[-1] == "л":
        stem_harmony = "n"  # медаль -> медалі, фестивалі: the front і of a lost ь
    if kind != "n" and stem_harmony != "n" and kind != stem_harmony:
        return False
    before = stem[-1]
    if before == "ь" and len(stem) > 1:
        before = stem[-2]  # панель-дер, Беларусь-те: the consonant before ь decides
    if before in "уи" and len(stem) > 1 and stem[-2] in VOWELS:
        before = "й"  # у and и after a vowel sound as consonants (w, j): даму-ы
    return _first_sound_fits(suffix, before)


def _strip_once(word: str, below: int, floor: int = 0) -> tuple[str, int]:
    """Remove the longest strippable suffix of a slot below ``below``.

    Returns:
        The shorter word and the removed suffix's slot, or the word and -1.
    """
    for length in range(min(_LONGEST, len(word) - max(MIN_STEM, floor)), 0, -1):
        ending = word[-length:]
        if ending not in SUFFIXES:
            continue
        slot = SUFFIXES[ending][2]
        if slot >= below or (slot == -1 and below not in _VERBAL):
            continue
        if slot == 0 and below not in _AFTER_NEGATION:
            continue
        if below == 5 and slot > 1:
            continue  # a finite verb ending follows no case or possessive
        if _can_strip(word, ending):
            return word[:-length], slot
    return word, -1


def _strip_all(word: str, floor: int = 0) -> tuple[str, bool]:
    """One right-to-left pass of suffix stripping, then the stem's final letter restored.

    Returns:
        The stem, and whether only nominal suffixes (plural, possessive, case) came off.
    """
    current, slot, nominal = word, _NOTHING_STRIPPED, True
    for _ in itertools.repeat(None, MAX_ROUNDS):
        before = current
        current, slot = _strip_once(current, slot, floor)
        if slot < 0:
            break
        nominal = nominal and slot not in _VERBAL and slot != -1
        if current[-1] in "ыі" and before[len(current):] in _VOWEL_CASES:
            break  # қондырғы-ны: after a possessive the case would be -н, so ы is the root's
        if slot == 4 and current.endswith(_PASSIVE) and before[len(current):] in _PAST:
            slot = 5  # ашыл-ды, беріл-ді: the past tense, which a voice suffix may precede
    if len(current) > MIN_STEM and current[-1] in "бгғ":
        current = current[:-1] + current[-1].translate(_DEVOICE)
    if len(current) <= floor:
        return current, nominal
    if len(current) >= 5 and current[-3:] in _FEMININE:
        current = current[:-1]  # Тоқаева, Ахметова, Сейфуллина: the surname's base
    if len(current) >= 4 and current[-1] == "с" and current[-2] in _S_JOINS:
        current = current[:-1]  # кеңес = кеңе(-сі): see stem_kazakh
    return current.removesuffix("ь"), nominal  # медаль, медалі


@functools.lru_cache(maxsize=200_000)
def stem_kazakh(word: str) -> str:
    """Stem one Kazakh word (Cyrillic; other words come back lower-cased).

    Every form of a noun gets the stem of its bare form: the stripping is repeated on
    its own result until nothing changes (so команда and командасы, read
    коман-да and команда-сы, both end at коман), and a stem-final с after a vowel
    other than ы/і is dropped, because the possessive -сы/-сі after a vowel cannot be
    told from с + -ы/-і (кеңес-і or кеңе-сі: кеңес, кеңесі, кеңесінің all give кеңе).
    A surname's -ова/-ева/-ина loses its а (Тоқаева = Тоқаев).

    Args:
        word: A single word, any case.

    Returns:
        The stem, lower-case, e.g. "университет" for "университеттерінде" and
        "кітап" for "кітабы".
    """
    current = word.lower().replace("ё", "е")
    probe = current.replace("и", "і")
    floor = max((n for n in range(4, len(probe) + 1) if probe[:n] in _LEXICON_I), default=0)
    for _ in itertools.repeat(None, MAX_ROUNDS):
        stripped, nominal = _strip_all(current, floor)
        if stripped == current:
            break
        current = stripped
        if not nominal:
            break  # a verb stem is not a noun's bare form: кездес-у is not кез-де-с
    return current
