"""Build the Kazakh langdetect profile (indexer/profiles/kk) from UD Kazakh KTB.

The profile is langdetect's JSON format (``freq``, ``n_words``, ``name``): counts of
character 1-, 2- and 3-grams, built with langdetect's own ``LangProfile`` so that it
matches how the detector reads text. Source: Universal Dependencies Kazakh treebank
(KTB), CC BY-SA 4.0, both .conllu files, every ``# text =`` line.

Usage:
    .venv/bin/python tools/build_kk_profile.py [--ktb ../shared/data/ud-kazakh-ktb]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

from langdetect.utils.lang_profile import LangProfile

REPO = Path(__file__).resolve().parents[1]
DEFAULT_KTB = REPO.parent / "shared" / "data" / "ud-kazakh-ktb"
OUTPUT = REPO / "indexer" / "profiles" / "kk"


def read_sentences(folder: Path) -> list[str]:
    """Return the ``# text =`` lines of every .conllu file in ``folder``, in file order."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.append(line[len("# text = ") :].strip())
    return sentences


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


def main() -> None:
    """Build the profile and write it to ``indexer/profiles/kk``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ktb", type=Path, default=DEFAULT_KTB, help="UD-KTB folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    sentences = read_sentences(args.ktb)
    if not sentences:
        raise SystemExit(f"no '# text =' lines under {args.ktb}")
    profile = build_profile(sentences)
    args.output.write_text(json.dumps(profile, ensure_ascii=False, sort_keys=True), "utf-8")
    print(f"{args.output}: {len(sentences)} sentences, {len(profile['freq'])} n-grams")


if __name__ == "__main__":
    main()
