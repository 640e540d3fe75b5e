"""Measure language detection: accuracy per language x length class, and speed.

Test data (none of it is read by the product):

* kk — UD Kazakh KTB, ru — UD Russian GSD dev + test. The profiles are built from
  these treebanks, so they are measured by 5-fold cross-validation: sentences are cut
  into blocks of 10, fold k holds out the blocks whose number is k modulo 5, and the
  detector for fold k uses profiles built from the other blocks only. Every sentence
  is tested once, by a detector that has not seen it (``--profile committed`` uses
  the committed profiles, which have seen everything).
* kk-latn — the held-out kk sentences, pairs and words spelled in the 2018 and 2021
  Latin alphabets (``tools/build_kk_profile.latin_spellings``); kk-ascii — the same in
  informal ASCII (zh, sh, gh, ng), which the detector leaves to English.
* en — WCXB sample ``articleBody`` paragraphs and ``../shared/seeds``.
* Demo-corpus stories ``tools/corpus_data/*.json`` (paragraphs, sentences, titles)
  and realnews-dev pages (title alone, whole text), when present, with the
  committed profiles: neither is a source of them.

Length classes: ``para`` (3 consecutive sentences, or a real paragraph), ``sent``,
``pair`` (two adjacent words, like a short title) and ``word`` (a content word; for
kk/ru the NOUN/PROPN/ADJ/VERB forms of the treebank). Pairs and words are kept only
when they are in the language's script, so a Latin brand name inside a Russian
sentence is not counted as a Russian word.

Usage:
    .venv/bin/python bench/langid.py [--profile heldout|committed] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from build_kk_profile import (  # noqa: E402
    build_latin_profile,
    build_word_model,
    latin_spellings,
)

from indexer.text.language import (  # noqa: E402
    LANGUAGES,
    LanguageDetector,
    Profiles,
    load_profiles,
)

SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
LATIN_WORD_ANY = re.compile(r"[A-Za-z\u00c0-\u024f]+")
ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
CONTENT = {"NOUN", "PROPN", "ADJ", "VERB"}


def read_conllu(folder: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(sentence text, [(form, upos), ...]) for every sentence of the folder's files."""
    sentences: list[tuple[str, list[tuple[str, str]]]] = []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                # GSD marks stress with U+0301, which would split words.
                sentences.append((line[9:].strip().replace("\u0301", ""), []))
            elif line[:1].isdigit() and sentences:
                cols = line.split("\t")
                if cols[0].isdigit():
                    sentences[-1][1].append((cols[1].replace("\u0301", ""), cols[3]))
    return sentences


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of at least three words."""
    parts = re.split(r"(?<=[.!?])\s+", paragraph)
    return [p for p in parts if len(WORD.findall(p)) >= 3]


def pairs(texts: list[str], script: re.Pattern[str]) -> list[str]:
    """Distinct adjacent word pairs whose both words are in ``script``."""
    found: set[str] = set()
    for text in texts:
        words = WORD.findall(text)
        for first, second in zip(words, words[1:], strict=False):
            if script.fullmatch(first) and script.fullmatch(second):
                found.add(f"{first} {second}")
    return sorted(found)


def groups(sentences: list[str], size: int = 3) -> list[str]:
    """Consecutive sentences joined into paragraphs of ``size``."""
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences) - size + 1, size)]


def treebank_sets(sentences: list, script: re.Pattern[str]) -> dict[str, list[str]]:
    """Length classes from treebank sentences."""
    texts = [text for text, _ in sentences]
    words = {form for _, toks in sentences for form, pos in toks if pos in CONTENT}
    return {
        "para": groups(texts),
        "sent": texts,
        "pair": pairs(texts, script),
        "word": sorted(w for w in words if len(w) >= 3 and script.fullmatch(w)),
    }


def corpus_stories(lang: str) -> list[str]:
    """Paragraphs in ``lang`` from the demo-corpus story files, when they exist."""
    paragraphs: list[str] = []
    for path in sorted((REPO / "tools" / "corpus_data").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            continue
        paragraphs.extend(_story_paragraphs(data, lang))
    return paragraphs


def corpus_titles(lang: str) -> list[str]:
    """Story titles in ``lang`` from the demo-corpus files, when they exist."""
    titles: list[str] = []
    for path in sorted((REPO / "tools" / "corpus_data").glob("*.json")):
        try:
            stories = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            continue
        for story in stories if isinstance(stories, list) else []:
            version = story.get("versions", {}).get(lang) if isinstance(story, dict) else None
            if isinstance(version, dict) and isinstance(version.get("title"), str):
                titles.append(version["title"])
    return titles


def _story_paragraphs(data: object, lang: str) -> list[str]:
    """Walk a story file and collect text under a ``lang`` key (format-tolerant)."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == lang and isinstance(value, dict):
                value = value.get("paragraphs") or value.get("body") or value.get("text") or ""
            if key == lang and isinstance(value, str):
                found.extend(p.strip() for p in value.split("\n\n") if len(p.strip()) >= 80)
            elif key == lang and isinstance(value, list):
                found.extend(v.strip() for v in value if isinstance(v, str) and len(v) >= 80)
            else:
                found.extend(_story_paragraphs(value, lang))
    elif isinstance(data, list):
        for item in data:
            found.extend(_story_paragraphs(item, lang))
    return found


def _is_prose(paragraph: str) -> bool:
    """An English prose paragraph: no table or list lines, no Cyrillic, 8+ words."""
    if len(paragraph) < 80 or re.search(r"[\n\t|\u0400-\u04ff]", paragraph):
        return False
    return len(LATIN_WORD.findall(paragraph)) >= 8


def english_sets() -> dict[str, list[str]]:
    """Length classes from WCXB article bodies and the seed texts."""
    truth = json.loads((DATA / "wcxb-sample" / "ground-truth.json").read_text("utf-8"))
    bodies = [page["articleBody"] for page in truth.values()]
    bodies += [p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    paragraphs = [p.strip() for b in bodies for p in b.split("\n\n") if _is_prose(p.strip())]
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    sample = sentences[::10]
    words = sorted({w for s in sample for w in LATIN_WORD.findall(s) if len(w) >= 3})
    return {"para": paragraphs, "sent": sentences, "pair": pairs(sample, LATIN_WORD), "word": words}


FOLDS = 5


def fold(sentences: list, k: int, held_out: bool) -> list:
    """The sentences of fold ``k`` (blocks of 10, block number modulo FOLDS), or the rest."""
    return [s for i, s in enumerate(sentences) if ((i // 10) % FOLDS == k) == held_out]


def latin_sets(kk: dict[str, list[str]], styles: tuple[str, ...]) -> dict[str, list[str]]:
    """The kk sentence, pair and word sets spelled in Latin ``styles``."""
    return {cls: [v for item in kk[cls] for v in latin_spellings(item, styles)]
            for cls in ("sent", "pair", "word")}


def treebank_folds(committed: bool) -> list[tuple[LanguageDetector, dict]]:
    """(detector, test sets) per fold: kk, ru and kk-latn from held-out treebank blocks."""
    ktb = read_conllu(DATA / "ud-kazakh-ktb")
    gsd = read_conllu(DATA / "ud-russian-gsd")
    folds = []
    for k in range(FOLDS):
        if committed:
            detector = LanguageDetector(load_profiles())
        else:
            kk_train = [text for text, _ in fold(ktb, k, held_out=False)]
            ru_train = [text for text, _ in fold(gsd, k, held_out=False)]
            latin = json.dumps(build_latin_profile(kk_train), ensure_ascii=False)
            profiles = Profiles(build_word_model(kk_train, ru_train),
                                [load_profiles().latin[0], latin])
            detector = LanguageDetector(profiles)
        kk = treebank_sets(fold(ktb, k, held_out=True), CYRILLIC_WORD)
        sets = {"kk": kk, "ru": treebank_sets(fold(gsd, k, held_out=True), CYRILLIC_WORD),
                "kk-latn": latin_sets(kk, ("2018", "2021")),
                "kk-ascii": latin_sets(kk, ("ascii",))}
        folds.append((detector, sets))
    return folds


def other_sets() -> dict[str, dict[str, list[str]]]:
    """English text and the demo-corpus stories per language."""
    sets: dict[str, dict[str, list[str]]] = {"kk": {}, "ru": {}, "en": english_sets()}
    for lang in LANGUAGES:
        stories = corpus_stories(lang)
        sets[lang]["story"] = stories
        sets[lang]["s-sent"] = [x for p in stories for x in split_sentences(p)]
        sets[lang]["title"] = corpus_titles(lang)
    return sets


def realnews_sets() -> dict[str, dict[str, list[str]]]:
    """realnews-dev titles and texts by label; kk pages in Latin or Arabic script apart."""
    path = DATA / "realnews-dev" / "pages.jsonl"
    sets: dict[str, dict[str, list[str]]] = {}
    if not path.is_file():
        return sets
    for line in path.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        group = page["lang"]
        if group == "kk":
            text = page["text"]
            scripts = {"": CYRILLIC_WORD, "-latn": LATIN_WORD_ANY, "-arab": ARABIC_WORD}
            group += max(scripts, key=lambda s: sum(map(len, scripts[s].findall(text))))
        sets.setdefault(group, {"r-title": [], "r-text": []})
        sets[group]["r-title"].append(page["title"])
        sets[group]["r-text"].append(page["text"])
    return sets



def score(detector: LanguageDetector, lang: str, items: list[str], tally: list) -> None:
    """Add ``items``' right answers and errors to ``tally`` ([n, right, errors])."""
    expected = lang.split("-")[0]
    for item in items:
        answer = detector.detect(item)
        tally[0] += 1
        if answer == expected:
            tally[1] += 1
        else:
            tally[2].append((item, answer))


def print_rows(table: dict, errors: int) -> None:
    """One line per (language, class), then up to ``errors`` errors of each."""
    print(f"{'lang':8} {'class':7} {'n':>6} {'accuracy':>9}")
    for (lang, cls), (n, right, wrong) in table.items():
        print(f"{lang:8} {cls:7} {n:6d} {right / max(n, 1):9.2%}")
        for item, answer in wrong[:errors]:
            print(f"        -> {answer}: {item[:90]!r}")


def main() -> None:
    """Print the accuracy table and the speed."""
    parser = argparse.ArgumentParser(description="language detection benchmark")
    parser.add_argument("--profile", choices=["heldout", "committed"], default="heldout")
    parser.add_argument("--errors", type=int, default=0, help="show N errors per cell")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"needs the public data in {DATA}")
    table: dict[tuple[str, str], list] = {}
    folds = treebank_folds(args.profile == "committed")
    for detector, sets in folds:
        for lang, classes in sets.items():
            for cls, items in classes.items():
                score(detector, lang, items, table.setdefault((lang, cls), [0, 0, []]))
    committed = LanguageDetector(load_profiles())
    others = other_sets()
    english = others["en"]
    for source in (others, realnews_sets()):
        for lang, classes in source.items():
            for cls, items in classes.items():
                score(committed, lang, items, table.setdefault((lang, cls), [0, 0, []]))
    print(f"treebank rows: {args.profile} profiles, {FOLDS} folds")
    print_rows(dict(sorted(table.items(), key=lambda kv: kv[0][0])), args.errors)
    for cls in ("para", "sent"):
        texts = [t for _, sets in folds for lang in ("kk", "ru") for t in sets[lang][cls]]
        texts += english[cls]
        start = time.perf_counter()
        for text in texts:
            committed.detect(text)
        elapsed = time.perf_counter() - start
        mean_chars = sum(map(len, texts)) / len(texts)
        print(f"speed ({cls}): {len(texts) / elapsed:,.0f} texts/s on one core "
              f"({len(texts)} texts, mean {mean_chars:.0f} chars)")


if __name__ == "__main__":
    main()
