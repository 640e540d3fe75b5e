"""Language detection for Kazakh, Russian and English text.

Two signals are combined:

* letter statistics — the share of Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) among
  Cyrillic letters, and Cyrillic vs Latin script. On paragraphs this alone is
  decisive and costs microseconds, so long texts never reach the n-gram model.
* langdetect's character n-gram model restricted to kk, ru and en, with our own
  Kazakh profile (``indexer/profiles/kk``, built by ``tools/build_kk_profile.py``
  from UD Kazakh KTB) and langdetect's shipped ru and en profiles. The letter
  evidence enters as the prior, so a short text with a Kazakh-only letter leans kk.

The detector is built lazily on first use (no work at import) and seeded, so the
same text always gets the same answer.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

logger = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru", "en")
UNDETERMINED = "und"
PROFILE_DIR = Path(__file__).resolve().parents[1] / "profiles"

_KAZAKH_ONLY = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
# Runs, not single letters: the counts are sums of run lengths (far fewer match objects).
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]+")
_KAZAKH_RE = re.compile(f"[{_KAZAKH_ONLY}]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
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
# Prior probabilities of (kk, ru, en) for the n-gram model, by letter evidence.
PRIOR_WITH_KAZAKH_LETTER = (0.97, 0.02, 0.01)
PRIOR_WITHOUT = (0.4, 0.55, 0.05)


class LanguageDetector:
    """kk / ru / en detector over a langdetect factory of our own.

    Args:
        profiles: langdetect JSON profiles (strings) for exactly kk, ru and en,
            loaded in one call; loading extra profiles hurts Russian. None gives a
            letter-statistics-only detector that answers "und" when unsure.
        seed: Seed of langdetect's sampling, for deterministic answers.
    """

    def __init__(self, profiles: Sequence[str] | None, seed: int = 0) -> None:
        self._factory: DetectorFactory | None = None
        if profiles is None:
            return
        self._factory = DetectorFactory()
        self._factory.load_json_profile(list(profiles))
        self._factory.set_seed(seed)
        missing = set(LANGUAGES) - set(self._factory.get_lang_list())
        if missing:
            raise ValueError(f"language profiles missing: {sorted(missing)}")

    def detect(self, text: str) -> str:
        """Return "kk", "ru", "en" or "und" for ``text`` (see ``detect_language``)."""
        # Quoted names («Рухани жаңғыру» in a Russian sentence) say little about the
        # language around them; judge the rest when enough of it remains.
        unquoted = _QUOTED_RE.sub(" ", text)
        letters = _LETTER_RE.finditer(unquoted)
        if next(itertools.islice(letters, MIN_UNQUOTED_LETTERS - 1, None), None) is not None:
            text = unquoted  # it has at least MIN_UNQUOTED_LETTERS letters
        cyrillic = _run_chars(_CYRILLIC_RE, text)
        latin = _run_chars(_LATIN_RE, text)
        if cyrillic == 0 and latin == 0:
            return UNDETERMINED
        if latin > cyrillic:
            return "en"
        kazakh = len(_KAZAKH_RE.findall(text))
        if cyrillic >= LONG_TEXT:
            if kazakh == 0:
                return "ru"
            if kazakh >= KAZAKH_SHARE * cyrillic:
                return "kk"
        elif kazakh >= SHORT_KAZAKH_SHARE * cyrillic:
            return "kk"
        prior = PRIOR_WITH_KAZAKH_LETTER if kazakh else PRIOR_WITHOUT
        return self._ngram(text, prior, ("kk", "ru"))

    def _ngram(self, text: str, prior: tuple[float, float, float], allowed: Sequence[str]) -> str:
        """Ask langdetect, with a prior, and keep the best of ``allowed``."""
        if self._factory is None:
            return UNDETERMINED
        detector = self._factory.create()
        detector.set_prior_map(dict(zip(LANGUAGES, prior, strict=True)))
        # langdetect ignores n-grams of all-capital words; headlines are often in capitals.
        detector.append(_WORD_CHARS_RE.sub(_lower_capitals, text))
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return UNDETERMINED
        for candidate in ranked:
            if candidate.lang in allowed:
                return candidate.lang
        return allowed[0] if prior[0] >= prior[1] else allowed[1]


def _run_chars(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs matched by ``runs`` cover."""
    return sum(map(len, runs.findall(text)))


def _lower_capitals(match: re.Match[str]) -> str:
    """Lower-case an all-capital word, leave others alone."""
    word = match.group(0)
    return word.lower() if word.isupper() else word


def load_profiles(directory: Path = PROFILE_DIR) -> list[str]:
    """Read the kk, ru and en profile JSON strings from ``directory``."""
    return [(directory / lang).read_text(encoding="utf-8") for lang in LANGUAGES]


@functools.lru_cache(maxsize=1)
def default_detector() -> LanguageDetector:
    """The shared detector over the committed profiles, built on first use."""
    logger.debug("loading language profiles from %s", PROFILE_DIR)
    try:
        return LanguageDetector(load_profiles())
    except (OSError, LangDetectException) as error:
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
        "kk", "ru", "en", or "und" when the text has no Cyrillic or Latin letters.
        Latin-script text counts as English: kk, ru and en are the only candidates.
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
