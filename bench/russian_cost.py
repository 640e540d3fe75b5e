"""Cost of the Russian analyzer: load time, memory and words per second.

Stems the Russian words of the demo corpus stories (``tools/corpus_data``) and,
when ../shared/data is present, of the UD Russian GSD treebank, with plain Snowball
russian and with ``indexer.text.russian.stem_russian``: cold (each distinct word once,
no cache) and warm (every running word through ``indexer.text.analysis.stem``, whose
cache then answers). Prints the pymorphy3 load time and the growth of this
process's resident memory when it loads. Run it alone on a quiet machine.

Usage:
    .venv/bin/python bench/russian_cost.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import snowballstemmer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.text.analysis import normalize_word, stem  # noqa: E402
from indexer.text.russian import morph_analyzer, stem_russian  # noqa: E402

GSD = REPO.parent / "shared" / "data" / "ud-russian-gsd"
WORD = re.compile(r"[а-яёА-ЯЁ]+(?:[-'][а-яёА-ЯЁ]+)*")


def rss_mb() -> float:
    """This process's resident memory in MiB (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def demo_words() -> list[str]:
    """Running Cyrillic words of the Russian versions of the demo stories."""
    words = []
    for path in sorted((REPO / "tools" / "corpus_data").glob("*.json")):
        for story in json.loads(path.read_text("utf-8")):
            version = story["versions"].get("ru")
            if version:
                text = " ".join([version["title"], *version["paragraphs"]])
                words += WORD.findall(text)
    return words


def gsd_words() -> list[str]:
    """Running Cyrillic word forms of the GSD treebank, every part of speech."""
    words = []
    for path in sorted(GSD.glob("*.conllu")):
        for line in path.read_text("utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit() and WORD.fullmatch(cols[1]):
                words.append(cols[1])
    return words


def rate(words: list[str], function: Callable[[str], str]) -> float:
    """Words per second of ``function`` over ``words``."""
    start = time.perf_counter()
    for word in words:
        function(word)
    return len(words) / (time.perf_counter() - start)


def main() -> None:
    """Print load cost, then cold and warm words per second per word list."""
    before = rss_mb()
    start = time.perf_counter()
    morph_analyzer()
    print(f"pymorphy3 load: {time.perf_counter() - start:.2f} s, "
          f"resident memory +{rss_mb() - before:.1f} MiB")
    lists = {"demo ru": demo_words()}
    if GSD.is_dir():
        lists["GSD"] = gsd_words()
    snowball = snowballstemmer.stemmer("russian")
    print(f"{'words':8} {'running':>8} {'distinct':>8} {'snowball/s':>11} "
          f"{'ru cold/s':>10} {'ru warm/s':>10}")
    for name, words in lists.items():
        distinct = list(dict.fromkeys(normalize_word(w) for w in words))
        snow = rate(distinct, snowball.stemWord)
        cold = rate(distinct, stem_russian)
        stem.cache_clear()
        rate(words, lambda w: stem(w, "ru"))  # fills the cache
        warm = rate(words, lambda w: stem(w, "ru"))
        print(f"{name:8} {len(words):8d} {len(distinct):8d} {snow:11,.0f} "
              f"{cold:10,.0f} {warm:10,.0f}")


if __name__ == "__main__":
    main()
