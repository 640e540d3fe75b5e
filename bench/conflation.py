"""Measure stemmers by conflation on UD treebanks (metric of ../shared/data/README.md).

From the (form, lemma) pairs of the chosen parts of speech, lowercased: over all
pairs of distinct forms, a pair "should merge" when the lemmas are equal and is
"merged" when the stems are equal. Prints precision, recall and F1 for our
stemmers and for the no-stemming and first-5-letters baselines, then the collision
rate of the cross-script fold key: the share of distinct lemmas (words for English)
whose key equals the key of another lemma of the same vocabulary.

Usage:
    .venv/bin/python bench/conflation.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.analysis import stem  # noqa: E402
from indexer.translit import fold_key  # noqa: E402

DATA = REPO.parent / "shared" / "data"
ALL_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def read_pairs(folder: Path, pos: Iterable[str]) -> dict[str, str]:
    """Lower-cased form -> its most frequent lower-cased lemma, for tokens of ``pos``."""
    wanted = set(pos)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit() and cols[3] in wanted:
                form = cols[1].lower().replace("\u0301", "")
                counts[form][cols[2].lower().replace("\u0301", "")] += 1
    return {form: lemmas.most_common(1)[0][0] for form, lemmas in counts.items()}


def _pairs(groups: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def conflation(forms: dict[str, str], stemmer: Callable[[str], str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``stemmer`` on form -> lemma pairs."""
    stems = {form: stemmer(form) for form in forms}
    should = _pairs(Counter(forms.values()))
    merged = _pairs(Counter(stems.values()))
    both = _pairs(Counter((forms[f], stems[f]) for f in forms))
    precision = both / merged if merged else 0.0
    recall = both / should if should else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def lemma_vocabulary(folder: Path) -> set[str]:
    """Distinct lower-cased lemmas of content words in a treebank."""
    return set(read_pairs(folder, ALL_POS).values())


def english_vocabulary() -> set[str]:
    """Distinct lower-cased words (3+ letters) of the WCXB gold article texts."""
    truth = json.loads((DATA / "wcxb-sample" / "ground-truth.json").read_text("utf-8"))
    text = " ".join(page["articleBody"] for page in truth.values())
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}


def collision_rate(words: set[str]) -> tuple[int, float]:
    """Share of words whose fold key is also the key of another word of the set."""
    keys = Counter(fold_key(w) for w in words)
    colliding = sum(1 for w in words if keys[fold_key(w)] > 1)
    return len(words), colliding / len(words) if words else 0.0


def print_fold() -> None:
    """Collision rate of the fold key on lemma vocabularies."""
    vocabularies = {
        "kk lemmas (KTB)": lemma_vocabulary(DATA / "ud-kazakh-ktb"),
        "ru lemmas (GSD)": lemma_vocabulary(DATA / "ud-russian-gsd"),
        "en words (WCXB)": english_vocabulary(),
    }
    vocabularies["all together"] = set().union(*vocabularies.values())
    print()
    print(f"{'fold key collisions':20} {'words':>7} {'colliding':>9}")
    for name, words in vocabularies.items():
        n, rate = collision_rate(words)
        print(f"{name:20} {n:7d} {rate:9.2%}")


def main() -> None:
    """Print the tables."""
    if not DATA.is_dir():
        raise SystemExit(f"needs the public data in {DATA}")
    stemmers: dict[str, Callable[[str], str]] = {
        "none": lambda w: w,
        "first5": lambda w: w[:5],
        "kk": lambda w: stem(w, "kk"),
        "ru": lambda w: stem(w, "ru"),
    }
    cases = [
        ("ud-kazakh-ktb", "NOUN/PROPN/ADJ/VERB", ALL_POS, ["none", "first5", "ru", "kk"]),
        ("ud-kazakh-ktb", "NOUN", {"NOUN"}, ["none", "first5", "kk"]),
        ("ud-kazakh-ktb", "PROPN", {"PROPN"}, ["kk"]),
        ("ud-kazakh-ktb", "ADJ", {"ADJ"}, ["kk"]),
        ("ud-kazakh-ktb", "VERB", {"VERB"}, ["kk"]),
        ("ud-russian-gsd", "NOUN/PROPN/ADJ/VERB", ALL_POS, ["none", "first5", "ru"]),
        ("ud-russian-gsd", "NOUN", {"NOUN"}, ["ru"]),
    ]
    print(f"{'treebank':15} {'POS':20} {'forms':>6} {'stemmer':8} {'P':>6} {'R':>6} {'F1':>6}")
    for folder, label, pos, names in cases:
        forms = read_pairs(DATA / folder, pos)
        for name in names:
            p, r, f = conflation(forms, stemmers[name])
            print(f"{folder:15} {label:20} {len(forms):6d} {name:8} {p:6.3f} {r:6.3f} {f:6.3f}")
    print_fold()


if __name__ == "__main__":
    main()
