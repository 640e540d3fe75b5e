"""Build bench/gold/kkru (WCXB layout) from the demo corpus: gold text = the story paragraphs.

Usage: .venv/bin/python bench/gold/make_kkru.py [--all --out DIR]
(reads corpus/ and tools/corpus_data/; ``--all`` takes every article page of the corpus, in
all three languages, e.g. to measure template removal on the whole crawl)

Picks up to 10 Kazakh and 10 Russian article pages, spread over the sites, and writes
``html/NNNN.html.gz`` + ``ground-truth.json``. ``without`` lists template strings of the page
that must not leak (image file-name captions, share labels); ``with`` the first and last
sentence of the story.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "kkru"
PER_LANG = 10
_SENTENCE = re.compile(r"(?<=[.!?»])\s+")


def _stories() -> dict[tuple[str, str], dict]:
    """(story id, lang) -> {title, paragraphs, captions}."""
    found = {}
    for path in sorted((ROOT / "tools" / "corpus_data").glob("*.json")):
        for story in json.loads(path.read_text("utf-8")):
            for lang, version in story["versions"].items():
                found[(story["id"], lang)] = {**version, "captions": story.get("captions", [])}
    return found


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def main(argv: list[str] | None = None) -> int:
    """Write the gold set; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output directory")
    parser.add_argument("--all", action="store_true", help="every article, kk/ru/en")
    args = parser.parse_args(argv)
    out, per_lang = args.out, 10**6 if args.all else PER_LANG
    langs = ("kk", "ru", "en") if args.all else ("kk", "ru")
    truth_file = ROOT / "corpus" / "TRUTH.jsonl"
    if not truth_file.exists():
        sys.stderr.write("skipped: no corpus/TRUTH.jsonl\n")
        return 0
    stories = _stories()
    by_lang_site: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for line in truth_file.read_text("utf-8").splitlines():
        t = json.loads(line)
        if t["is_article"] and not t["broken"] and t["lang"] in langs:
            if (t["story"], t["lang"]) in stories:
                by_lang_site[t["lang"]][t["university"]].append(t)
    (out / "html").mkdir(parents=True, exist_ok=True)
    gold: dict[str, dict] = {}
    for lang in langs:
        sites = by_lang_site[lang]
        picked: list[dict] = []
        while len(picked) < per_lang and any(sites.values()):
            for site in sorted(sites):
                if sites[site] and len(picked) < per_lang:
                    picked.append(sites[site].pop(0))
        for t in picked:
            key = f"{len(gold):04d}"
            story = stories[(t["story"], lang)]
            paragraphs = story["paragraphs"]
            sentences = _SENTENCE.split(" ".join(paragraphs))
            (out / "html" / f"{key}.html.gz").write_bytes(
                gzip.compress(_read(ROOT / "corpus" / t["path"]), mtime=0)
            )
            gold[key] = {
                "url": t["url"], "title": t["title"], "page_type": f"article-{lang}",
                "articleBody": "\n\n".join(paragraphs),
                "with": [sentences[0], sentences[-1]],
                "without": list(story["captions"]) + ["Бөлісу", "Поделиться"],
            }
    (out / "ground-truth.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    sys.stdout.write(f"wrote {len(gold)} pages to {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
