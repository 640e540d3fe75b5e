"""Measure language detection: accuracy per language x length class, and speed.

Test data (none of it is read by the product):

* kk — UD Kazakh KTB. Sentences are cut into blocks of 10; every fifth block is
  held out. The detector under test uses a kk profile built from the other
  blocks only (``--profile committed`` uses the committed profile, which has seen
  everything). Demo-corpus stories ``tools/corpus_data/*.json`` are added when present.
* ru — UD Russian GSD dev + test (the ru profile is langdetect's, not built from it).
* en — WCXB sample ``articleBody`` paragraphs and ``../shared/seeds``.

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

from build_kk_profile import build_profile  # noqa: E402

from indexer.text.language import LANGUAGES, LanguageDetector, load_profiles  # noqa: E402

SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
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


def load_sets(heldout: bool) -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """Test sets per language and the profiles (kk, ru, en) for the detector."""
    ktb = read_conllu(DATA / "ud-kazakh-ktb")
    test = [s for i, s in enumerate(ktb) if (i // 10) % 5 == 0]
    train = [s for i, s in enumerate(ktb) if (i // 10) % 5 != 0]
    profiles = load_profiles()
    if heldout:
        kk_profile = build_profile(text for text, _ in train)
        profiles[0] = json.dumps(kk_profile, ensure_ascii=False)
    sets = {
        "kk": treebank_sets(test, CYRILLIC_WORD),
        "ru": treebank_sets(read_conllu(DATA / "ud-russian-gsd"), CYRILLIC_WORD),
        "en": english_sets(),
    }
    for lang in LANGUAGES:
        stories = corpus_stories(lang)
        sets[lang]["para"] += stories
        sets[lang]["story"] = stories
        sets[lang]["s-sent"] = [x for p in stories for x in split_sentences(p)]
        sets[lang]["title"] = corpus_titles(lang)
    return sets, profiles


def main() -> None:
    """Print the accuracy table and the speed."""
    parser = argparse.ArgumentParser(description="language detection benchmark")
    parser.add_argument("--profile", choices=["heldout", "committed"], default="heldout")
    parser.add_argument("--errors", type=int, default=0, help="show N errors per cell")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"needs the public data in {DATA}")
    sets, profiles = load_sets(args.profile == "heldout")
    detector = LanguageDetector(profiles)
    print(f"kk profile: {args.profile}")
    print(f"{'lang':4} {'class':5} {'n':>6} {'accuracy':>9}")
    for lang in LANGUAGES:
        for cls, items in sets[lang].items():
            answers = [detector.detect(item) for item in items]
            right = sum(a == lang for a in answers)
            print(f"{lang:4} {cls:5} {len(items):6d} {right / max(len(items), 1):9.2%}")
            wrong = [(i, a) for i, a in zip(items, answers, strict=True) if a != lang]
            for item, answer in wrong[: args.errors]:
                print(f"        -> {answer}: {item[:90]!r}")
    for cls in ("para", "sent"):
        texts = [t for lang in LANGUAGES for t in sets[lang][cls]]
        start = time.perf_counter()
        for text in texts:
            detector.detect(text)
        elapsed = time.perf_counter() - start
        mean_chars = sum(map(len, texts)) / len(texts)
        print(f"speed ({cls}): {len(texts) / elapsed:,.0f} texts/s on one core "
              f"({len(texts)} texts, mean {mean_chars:.0f} chars)")


if __name__ == "__main__":
    main()
