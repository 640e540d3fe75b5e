"""A small bigram word model per language, learned from real text.

Sources: the demo corpus story files (``tools/corpus_data/*.json``, all three
languages) and, when the sibling ``../shared/data`` folder exists, the Kazakh
and Russian Universal Dependencies treebanks (``# text =`` lines) and the
English WCXB gold article bodies. Only benchmark tools read ``../shared``.
"""

from __future__ import annotations

import bisect
import gzip
import json
import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LOGGER = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
STORY_DIR = REPO / "tools" / "corpus_data"
LANGS = ("kk", "ru", "en")
START, STOP = "<s>", "."
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[.,!?;:]")
#: Share of steps that ignore the previous word (keeps sentences from copying the sources).
UNIGRAM_MIX = 0.15
MIN_WORDS, MAX_WORDS = 6, 24


@dataclass(frozen=True)
class _Choices:
    words: tuple[str, ...]
    cum: tuple[int, ...]

    def pick(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _choices(counter: Counter[str]) -> _Choices:
    words, cum, total = [], [], 0
    for word, count in sorted(counter.items()):
        total += count
        words.append(word)
        cum.append(total)
    return _Choices(tuple(words), tuple(cum))


class BigramModel:
    """Unigram + bigram counts of one language; generates sentences and titles."""

    def __init__(self, sentences: Iterable[list[str]]) -> None:
        unigrams: Counter[str] = Counter()
        bigrams: dict[str, Counter[str]] = defaultdict(Counter)
        for tokens in sentences:
            prev = START
            for token in tokens:
                bigrams[prev][token] += 1
                if token not in ".,!?;:":
                    unigrams[token] += 1
                prev = token
            bigrams[prev][STOP] += 1
        if not unigrams:
            raise ValueError("no training text for the word model")
        self.vocabulary = len(unigrams)
        self._unigram = _choices(unigrams)
        self._bigram = {word: _choices(counter) for word, counter in bigrams.items()}

    def _next(self, prev: str, rng: random.Random) -> str:
        table = self._bigram.get(prev)
        if table is None or rng.random() < UNIGRAM_MIX:
            return self._unigram.pick(rng)
        return table.pick(rng)

    def words(self, rng: random.Random, low: int = MIN_WORDS, high: int = MAX_WORDS) -> list[str]:
        """A random walk of ``low``..``high`` tokens (punctuation tokens included)."""
        out: list[str] = []
        prev = START
        while len(out) < high:
            token = self._next(prev, rng)
            if token in (STOP, "!", "?"):
                if len(out) >= low:
                    break
                token = self._unigram.pick(rng)
            if token in ".,!?;:" and (not out or out[-1] in ".,!?;:"):
                continue
            out.append(token)
            prev = token
        while out and out[-1] in ".,!?;:":
            out.pop()
        return out

    def sentence(self, rng: random.Random) -> str:
        """One capitalised sentence ending with a full stop."""
        return _join(self.words(rng)) + "."

    def title(self, rng: random.Random) -> str:
        """A headline: 5-10 words, capitalised, no final stop."""
        return _join([w for w in self.words(rng, 5, 10) if w not in ".!?;:"])


def _join(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        text += token if token in ".,!?;:" or not text else " " + token
    return text[:1].upper() + text[1:]


def tokenize(text: str) -> list[str]:
    """Lower-case word and punctuation tokens (proper names keep no case; fine for a model)."""
    return [t.lower() for t in TOKEN.findall(text)]


def _split_sentences(text: str) -> Iterator[list[str]]:
    for chunk in re.split(r"(?<=[.!?])\s+|\n+", text):
        tokens = tokenize(chunk)
        if len(tokens) >= 3:
            yield tokens


def story_texts(story_dir: Path = STORY_DIR) -> dict[str, list[str]]:
    """Titles and paragraphs of the demo corpus stories, by language."""
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for path in sorted(story_dir.glob("*.json")):
        for story in json.loads(path.read_text(encoding="utf-8")):
            for lang, version in story["versions"].items():
                texts[lang].append(version["title"])
                texts[lang].extend(version["paragraphs"])
    return texts


def shared_texts(data_dir: Path = SHARED_DATA) -> dict[str, list[str]]:
    """Text from ``../shared/data`` by language (empty when the folder is absent)."""
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    if not data_dir.is_dir():
        LOGGER.info("%s not found: learning words from the demo corpus only", data_dir)
        return texts
    for lang, folder in (("kk", "ud-kazakh-ktb"), ("ru", "ud-russian-gsd")):
        for path in sorted((data_dir / folder).glob("*.conllu")):
            with path.open(encoding="utf-8") as stream:
                texts[lang].extend(line[len("# text = "):].strip() for line in stream
                                   if line.startswith("# text = "))
    truth = data_dir / "wcxb-sample" / "ground-truth.json"
    if truth.is_file():
        opener = gzip.open if truth.suffix == ".gz" else open
        with opener(truth, "rt", encoding="utf-8") as stream:
            gold = json.load(stream)
        texts["en"].extend(str(gold[key].get("articleBody") or "") for key in sorted(gold)
                           if gold[key].get("page_type") == "article")
    return texts


def learn_models(use_shared: bool = True) -> dict[str, BigramModel]:
    """One model per language from the demo stories (and ``../shared`` text if wanted)."""
    texts = story_texts()
    if use_shared:
        for lang, extra in shared_texts().items():
            texts[lang].extend(extra)
    models = {}
    for lang in LANGS:
        sentences = [s for text in texts[lang] for s in _split_sentences(text)]
        models[lang] = BigramModel(sentences)
        LOGGER.info("%s model: %d sentences, %d words", lang, len(sentences),
                    models[lang].vocabulary)
    return models
