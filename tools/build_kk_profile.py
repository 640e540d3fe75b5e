"""Build the language profiles in indexer/profiles from the UD treebanks.

* ``kk-ru-words`` — counts of character 1-5-grams of Cyrillic words (with ``^`` and
  ``$`` at the word boundaries) in Kazakh and in Russian, for ``WordModel``.
* ``kk-latn`` — a langdetect profile (``freq``, ``n_words``, ``name`` "kk") of the
  Kazakh sentences spelled in the 2018 Latin alphabet (á ǵ ń ...) and the 2021 one
  (ä ğ ñ ...), built with langdetect's own ``LangProfile``.

Sources: Universal Dependencies Kazakh treebank (KTB) and Russian GSD treebank
(dev + test), both CC BY-SA 4.0: every ``# text =`` line of their .conllu files.
``indexer/profiles/en`` is langdetect's own English profile (Apache License 2.0).

Usage:
    .venv/bin/python tools/build_kk_profile.py [--ktb DIR] [--gsd DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from langdetect.utils.lang_profile import LangProfile

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.text.translit import kazakh_to_latin  # noqa: E402

DATA = REPO.parent / "shared" / "data"
OUTPUT = REPO / "indexer" / "profiles"
ORDER = 5
ALPHA = 0.1
# n-grams seen fewer times in both languages together are left out (the totals keep
# them). 2 halves the file but costs 0.6 points on single Russian words.
MIN_COUNT = 1
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
# The 2018 alphabet (acute accents, sh and ch digraphs), as Kazakh news sites used it.
_LATIN_2018 = {
    "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e",
    "ё": "ıo", "ж": "j", "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ń", "о": "o", "ө": "ó", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "ý", "ұ": "u", "ү": "ú", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "ıý", "я": "ıa",
}


def read_sentences(folder: Path) -> list[str]:
    """Return the ``# text =`` lines of every .conllu file in ``folder``, in file order."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                # GSD marks stress with U+0301, which would split words.
                sentences.append(line[len("# text = ") :].strip().replace("\u0301", ""))
    return sentences


def word_grams(word: str, order: int = ORDER) -> list[str]:
    """Character 1- to ``order``-grams of a word between ``^`` and ``$``, as the model reads it."""
    padded = f"^{word.lower().replace('ё', 'е')}$"
    return [padded[i : i + n] for n in range(1, order + 1) for i in range(len(padded) - n + 1)]


def build_word_model(kk_texts: Iterable[str], ru_texts: Iterable[str]) -> dict:
    """Count word n-grams of Kazakh and Russian texts for ``indexer.text.language.WordModel``.

    Args:
        kk_texts: Kazakh sentences.
        ru_texts: Russian sentences.

    Returns:
        A dict with ``order``, ``alpha`` and per language ``totals`` and ``grams``.
    """
    counts = {"kk": Counter(), "ru": Counter()}
    for lang, texts in (("kk", kk_texts), ("ru", ru_texts)):
        for text in texts:
            for word in _CYRILLIC_WORD.findall(text):
                counts[lang].update(word_grams(word))
    model: dict = {"order": ORDER, "alpha": ALPHA}
    for lang, counter in counts.items():
        totals = [0] * ORDER
        for gram, count in counter.items():
            totals[len(gram) - 1] += count
        kept = {
            gram: count for gram, count in sorted(counter.items())
            if count + counts["ru" if lang == "kk" else "kk"][gram] >= MIN_COUNT
        }
        model[lang] = {"totals": totals, "grams": kept}
    return model


def latin_spellings(sentence: str, styles: Sequence[str] = ("2018", "2021")) -> list[str]:
    """A Kazakh sentence in the 2018 and 2021 Latin alphabets (or informal "ascii")."""
    def spell(style: str) -> str:
        if style == "2018":
            return _CYRILLIC_WORD.sub(
                lambda m: "".join(_LATIN_2018.get(c, c) for c in m.group(0).lower()), sentence
            )
        return _CYRILLIC_WORD.sub(lambda m: kazakh_to_latin(m.group(0), style), sentence)

    return [spell(style) for style in styles]


def build_profile(texts: Iterable[str], name: str = "kk") -> dict:
    """Count character n-grams of ``texts`` the way langdetect does.

    Args:
        texts: Sentences in the profile's language.
        name: The language code stored in the profile.

    Returns:
        A dict with ``freq``, ``n_words`` and ``name``, ready for ``json.dumps``.
    """
    profile = LangProfile(name=name)
    for text in texts:
        profile.update(text)
    profile.omit_less_freq()
    return {"freq": dict(profile.freq), "n_words": list(profile.n_words), "name": name}


def build_latin_profile(kk_texts: Iterable[str]) -> dict:
    """The langdetect profile of Kazakh sentences in Latin letters (named "kk")."""
    return build_profile(spelling for text in kk_texts for spelling in latin_spellings(text))


def main() -> None:
    """Build both profiles and write them to ``indexer/profiles``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ktb", type=Path, default=DATA / "ud-kazakh-ktb", help="UD-KTB folder")
    parser.add_argument("--gsd", type=Path, default=DATA / "ud-russian-gsd", help="UD-GSD folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    kk, ru = read_sentences(args.ktb), read_sentences(args.gsd)
    if not kk or not ru:
        raise SystemExit(f"no '# text =' lines under {args.ktb} or {args.gsd}")
    words = build_word_model(kk, ru)
    latin = build_latin_profile(kk)
    for name, data in (("kk-ru-words", words), ("kk-latn", latin)):
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (args.output / name).write_text(text + "\n", "utf-8")
    sizes = {lang: len(words[lang]["grams"]) for lang in ("kk", "ru")}
    print(f"{len(kk)} kk + {len(ru)} ru sentences: word n-grams {sizes}, "
          f"kk-latn {len(latin['freq'])} n-grams")


if __name__ == "__main__":
    main()
