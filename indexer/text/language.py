"""Language detection for Kazakh, Russian and English text.

Kazakh is written in Cyrillic here, sometimes in Latin (the 2018 alphabet with
acute accents, the 2021 one with ä ğ ş ñ, informal ASCII) and rarely in Arabic script.
The signals, cheapest first:

* script — Arabic script with Kazakh letters (ە ۇ ۋ ڭ ٴ) is Kazakh; text that is
  mostly Latin goes to the Latin decision, the rest is Cyrillic.
* letter statistics — the share of Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) among
  Cyrillic letters. On paragraphs this alone is decisive and costs microseconds.
* Cyrillic words — a naive Bayes model over character 1-5-grams of each word, with
  word boundaries (``indexer/profiles/kk-ru-words``, from UD Kazakh KTB and UD Russian
  GSD). It tells бала, мектеп, жыл from был, белый, детей, which share no
  Kazakh-only letter, by endings such as -лар, -дың, -сы against -ый, -ого, -ть.
* Latin text — langdetect's n-gram model with two profiles: its own English one and
  ``indexer/profiles/kk-latn`` (KTB spelled in the Kazakh Latin alphabets), asked
  only when a letter of Kazakh Latin that English lacks (ä ğ ı ñ ş ū ǵ ń ý ...) is
  present; long texts are decided by the share of those letters.

Everything is built lazily on first use (no work at import) and langdetect is
seeded, so the same text always gets the same answer.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

logger = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru", "en")
UNDETERMINED = "und"
PROFILE_DIR = Path(__file__).resolve().parents[1] / "profiles"
WORD_MODEL = "kk-ru-words"
LATIN_PROFILES = ("en", "kk-latn")

_KAZAKH_ONLY = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
# The scripts' letters as code point ranges (end excluded), counted by _script_counts.
_CYRILLIC_RANGE = (0x0400, 0x0500)
_LATIN_RANGES = ((ord("A"), ord("Z") + 1), (ord("a"), ord("z") + 1), (0x00C0, 0x0250))
_ARABIC_RANGE = (0x0600, 0x0700)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]+")
# ٴ (high hamza), ە ۇ ۆ ۋ ڭ and the hamza ligatures are Kazakh, not Arabic or Persian.
_KAZAKH_ARABIC_RE = re.compile("[\u0674-\u0678\u06ad\u06c6\u06c7\u06cb\u06d5]")
# Kazakh Latin letters that English text lacks (2021: ä ğ ı ñ ö ş ū ü; 2018: á ǵ ń ó ú ý).
_KAZAKH_LATIN_RE = re.compile("[äğıñöşūüáǵńóúýÄĞÑÖŞŪÜÁǴŃÓÚÝ]")
_QUOTED_RE = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_CHARS_RE = re.compile(r"\w{2,}")

# A Cyrillic text this long without a Kazakh-only letter is Russian.
LONG_TEXT = 150
# Share of Kazakh-only letters among Cyrillic ones that makes a text Kazakh. Kazakh
# prose has 6-10 %; Russian text quoting a Kazakh name stays far below.
KAZAKH_SHARE = 0.03
# The same for shorter texts, where one quoted Kazakh name weighs more.
SHORT_KAZAKH_SHARE = 0.04
MIN_UNQUOTED_LETTERS = 15
# Share of Kazakh Latin letters (ä ğ ı ... ǵ ń ý) among Latin letters that makes a long
# Latin text Kazakh; an English text naming Zürich or Gödel stays far below.
KAZAKH_LATIN_SHARE = 0.02
# Prior (en, kk) of langdetect's decision on a short Latin text with such a letter.
LATIN_PRIOR = (0.5, 0.5)
# Distinct Cyrillic words whose n-gram ratios the word model keeps (a few MB).
WORD_CACHE = 1 << 14


class WordModel:
    """Naive Bayes over character n-grams of Cyrillic words: Kazakh or Russian.

    Args:
        data: The ``kk-ru-words`` profile: ``order`` (longest n-gram), ``alpha``
            (additive smoothing), and per language ``totals`` (n-grams counted per
            order, before pruning) and ``grams`` (n-gram -> count).
    """

    def __init__(self, data: dict) -> None:
        self.order = int(data["order"])
        alpha = float(data["alpha"])
        kk, ru = data["kk"]["grams"], data["ru"]["grams"]
        grams = kk.keys() | ru.keys()
        vocabulary = [0] * self.order
        for gram in grams:
            vocabulary[len(gram) - 1] += 1
        # log P(gram | lang) = log(count + alpha) - log(total_n + alpha * vocabulary_n);
        # kept as one number per n-gram: the log-likelihood ratio, kk over ru.
        norm = [
            math.log(data["kk"]["totals"][n] + alpha * vocabulary[n])
            - math.log(data["ru"]["totals"][n] + alpha * vocabulary[n])
            for n in range(self.order)
        ]
        self._unseen = [-x for x in norm]
        log = math.log
        self._ratio = {
            gram: log(kk.get(gram, 0) + alpha) - log(ru.get(gram, 0) + alpha) - norm[len(gram) - 1]
            for gram in grams
        }
        # Words recur (in a text and across a crawl): their n-grams are looked up once.
        self._word_ratios = functools.lru_cache(maxsize=WORD_CACHE)(self._ratios_of)

    def kazakh_odds(self, text: str) -> float:
        """Log-likelihood ratio of Kazakh over Russian for the Cyrillic words of ``text``."""
        total = 0.0
        for word in _CYRILLIC_RE.findall(text.lower()):
            # added one by one in the same order as ever, so the sum is bit for bit the same
            for value in self._word_ratios(word):
                total += value
        return total

    def _ratios_of(self, word: str) -> tuple[float, ...]:
        """The log-likelihood ratios of a word's n-grams, shortest n-grams first."""
        ratio, unseen = self._ratio, self._unseen
        padded = f"^{word.replace('ё', 'е')}$"
        return tuple(
            ratio.get(padded[start : start + n], unseen[n - 1])
            for n in range(1, min(self.order, len(padded)) + 1)
            for start in range(len(padded) - n + 1)
        )


@dataclass(frozen=True)
class Profiles:
    """What the detector reads: the Cyrillic word model and the Latin profiles.

    Attributes:
        words: The parsed ``kk-ru-words`` profile (see ``WordModel``).
        latin: langdetect JSON profiles (strings) named "en" and "kk".
    """

    words: dict
    latin: Sequence[str]


class LanguageDetector:
    """kk / ru / en detector.

    Args:
        profiles: The word model and Latin profiles. None gives a
            letter-statistics-only detector that answers "und" when unsure.
        seed: Seed of langdetect's sampling, for deterministic answers.
    """

    def __init__(self, profiles: Profiles | None, seed: int = 0) -> None:
        self._words: WordModel | None = None
        self._factory: DetectorFactory | None = None
        if profiles is None:
            return
        self._words = WordModel(profiles.words)
        self._factory = DetectorFactory()
        self._factory.load_json_profile(list(profiles.latin))
        self._factory.set_seed(seed)
        missing = {"en", "kk"} - set(self._factory.get_lang_list())
        if missing:
            raise ValueError(f"Latin language profiles missing: {sorted(missing)}")

    def detect(self, text: str) -> str:
        """Return "kk", "ru", "en" or "und" for ``text`` (see ``detect_language``)."""
        # Quoted names («Рухани жаңғыру» in a Russian sentence) say little about the
        # language around them; judge the rest when enough of it remains.
        unquoted = _QUOTED_RE.sub(" ", text)
        letters = _LETTER_RE.finditer(unquoted)
        if next(itertools.islice(letters, MIN_UNQUOTED_LETTERS - 1, None), None) is not None:
            text = unquoted  # it has at least MIN_UNQUOTED_LETTERS letters
        cyrillic, kazakh, latin, arabic = _script_counts(text)
        if arabic > cyrillic + latin:
            return "kk" if _KAZAKH_ARABIC_RE.search(text) else UNDETERMINED
        if cyrillic == 0 and latin == 0:
            return UNDETERMINED
        if latin > cyrillic:
            return self._latin(text, latin)
        if cyrillic >= LONG_TEXT:
            if kazakh == 0:
                return "ru"
            if kazakh >= KAZAKH_SHARE * cyrillic:
                return "kk"
        elif kazakh >= SHORT_KAZAKH_SHARE * cyrillic:
            return "kk"
        if self._words is None:
            return UNDETERMINED
        return "kk" if self._words.kazakh_odds(text) > 0 else "ru"

    def _latin(self, text: str, latin: int) -> str:
        """English, or Kazakh in a Latin alphabet: its letters, then langdetect."""
        marked = len(_KAZAKH_LATIN_RE.findall(text))
        # Informal ASCII Kazakh is left to English: without the marked letters,
        # English words (any, bad, already) read as Kazakh too often.
        if marked == 0 or self._factory is None:
            return "en"
        if latin >= LONG_TEXT:
            return "kk" if marked >= KAZAKH_LATIN_SHARE * latin else "en"
        detector = self._factory.create()
        detector.set_prior_map(dict(zip(("en", "kk"), LATIN_PRIOR, strict=True)))
        # langdetect ignores n-grams of all-capital words; headlines are often in capitals.
        detector.append(_WORD_CHARS_RE.sub(_lower_capitals, text))
        try:
            best = detector.get_probabilities()[0].lang
        except (LangDetectException, IndexError):
            return "en"
        return "kk" if best == "kk" else "en"


_OTHER, _CYRILLIC, _KAZAKH, _LATIN, _ARABIC = range(5)


@functools.cache
def _script_table() -> np.ndarray:
    """The script class of every code point of the Basic Multilingual Plane (the
    Kazakh-only letters apart from the rest of Cyrillic)."""
    table = np.full(0x10000, _OTHER, dtype=np.uint8)
    table[slice(*_CYRILLIC_RANGE)] = _CYRILLIC
    table[[ord(letter) for letter in _KAZAKH_ONLY]] = _KAZAKH
    for start, end in _LATIN_RANGES:
        table[start:end] = _LATIN
    table[slice(*_ARABIC_RANGE)] = _ARABIC
    return table


def _script_counts(text: str) -> tuple[int, int, int, int]:
    """(Cyrillic, Kazakh-only, Latin, Arabic) letters of ``text``.

    One pass of numpy over the code points instead of a regex scan per script, which
    cost a build's extraction more than the rest of the detection.
    """
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # code points beyond the BMP are in none of the scripts, like U+FFFF
    counts = np.bincount(_script_table()[np.minimum(points, 0xFFFF)], minlength=5).tolist()
    return (counts[_CYRILLIC] + counts[_KAZAKH], counts[_KAZAKH], counts[_LATIN],
            counts[_ARABIC])


def _lower_capitals(match: re.Match[str]) -> str:
    """Lower-case an all-capital word, leave others alone."""
    word = match.group(0)
    return word.lower() if word.isupper() else word


def load_profiles(directory: Path = PROFILE_DIR) -> Profiles:
    """Read the word model and the Latin profiles from ``directory``."""
    words = json.loads((directory / WORD_MODEL).read_text(encoding="utf-8"))
    latin = [(directory / name).read_text(encoding="utf-8") for name in LATIN_PROFILES]
    return Profiles(words=words, latin=latin)


@functools.lru_cache(maxsize=1)
def default_detector() -> LanguageDetector:
    """The shared detector over the committed profiles, built on first use."""
    logger.debug("loading language profiles from %s", PROFILE_DIR)
    try:
        return LanguageDetector(load_profiles())
    except (OSError, ValueError, KeyError, LangDetectException) as error:
        logger.warning(
            "language profiles in %s unusable (%s); short texts will be 'und' - "
            "reinstall qazsearch or run tools/build_kk_profile.py", PROFILE_DIR, error,
        )
        return LanguageDetector(None)


def detect_language(text: str) -> str:
    """Guess whether ``text`` is Kazakh, Russian or English.

    Args:
        text: A title, sentence, paragraph or whole page text.

    Returns:
        "kk", "ru", "en", or "und" when the text has no Cyrillic or Latin letters
        (or is Arabic script without Kazakh letters). Latin-script text is English
        unless it reads as Kazakh in a Latin alphabet.
    """
    return default_detector().detect(text)


def detect_blocks(blocks: Sequence[str]) -> list[str]:
    """Detect the language of each block separately.

    Pages may carry the same news in two languages; deciding per block keeps each
    part in its own language field.

    Args:
        blocks: Paragraphs or other text blocks of one page.

    Returns:
        One language code per block, in order.
    """
    detector = default_detector()
    return [detector.detect(block) for block in blocks]
