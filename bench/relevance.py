"""Known-item search evaluation: does a query of an article's rare title words find it?

For every article of a corpus (default: the demo crawl in ``corpus/``, built into a
temporary index with ``indexer.index.build.build_index``) the query is its 2-3 rarest title
words (fewest documents in the ``exact`` field; 4+ letters), in these variants:

* ``control`` - the words as written in the title;
* ``inflected`` - each word in another grammatical form that does not occur in the
  article (kk: plural/possessive/case forms of the root by Kazakh harmony rules, the
  root being the stem or, when only that is a word of the corpus, the stem plus the
  next consonant or у of the word; ru: another case ending chosen by the word's
  ending; en: plural <-> singular -s). Words with no
  such form stay as written; an article with none changed is skipped. A Russian
  probe with a generated form that is no word of the pymorphy3 dictionary
  (позициам, математическа) is counted apart as ``invented``;
* ``latin`` (kk only) - the title words in informal ASCII Latin (zh, sh, gh, ng, q);
* ``latin-inflected`` (kk only) - the inflected words in informal ASCII Latin.

Each runs with stemming on (``indexer.search.searching.search``, sort=relevance: all fields)
and off (the same words AND-ed as terms of the unstemmed ``exact`` field only).
Reported: Success@10 (the article in the top 10) and MRR@10 per language.

``--ktb`` runs the same probes on a held-out Kazakh collection instead: the
sentences of UD Kazakh KTB (``../shared/data``) in blocks of six, the first
sentence of each block as its title.

Usage:
    .venv/bin/python bench/relevance.py [--corpus DIR | --ktb] [--show-misses N]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from conflation import paradigm  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh.index import create_in  # noqa: E402
from whoosh.searching import Searcher  # noqa: E402

from indexer.index.build import build_index  # noqa: E402
from indexer.index.documents import to_document  # noqa: E402
from indexer.index.schema import build_schema  # noqa: E402
from indexer.models import Article, SearchRequest  # noqa: E402
from indexer.search.live import LiveIndex  # noqa: E402
from indexer.search.searching import search  # noqa: E402
from indexer.text.analysis import normalize_word  # noqa: E402
from indexer.text.kazakh import stem_kazakh  # noqa: E402
from indexer.text.russian import morph_analyzer  # noqa: E402
from indexer.text.translit import kazakh_to_latin  # noqa: E402

WORD = re.compile(r"[^\W\d_]{4,}")
TOP = 10
KTB = REPO.parent / "shared" / "data" / "ud-kazakh-ktb"
KTB_BLOCK = 6
# Russian re-inflection: word ending -> other endings of the same paradigm to try.
RU_ENDINGS = (
    ("ами", ("ам", "ах")), ("ями", ("ям", "ях")), ("кие", ("ких", "ким")),
    ("ия", ("ии", "ию", "ией", "ий")), ("ие", ("ия", "ии", "ием", "иях")),
    ("ый", ("ого", "ым", "ых", "ая")), ("ий", ("его", "им", "их", "ая")),
    ("ой", ("ого", "ым", "ых", "ая")), ("ая", ("ой", "ую", "ые")), ("яя", ("ей", "юю")),
    ("ое", ("ого", "ом", "ые")), ("ее", ("его", "ем")), ("ые", ("ых", "ым", "ая")),
    ("ие", ("их", "им")), ("ых", ("ый", "ым", "ая")), ("их", ("ий", "им")),
    ("а", ("ы", "е", "у", "ой")), ("я", ("и", "е", "ю", "ей")),
    ("ы", ("ам", "ах", "а")), ("и", ("ам", "ах", "ей")), ("е", ("а", "ы")),
    ("у", ("а", "ом")), ("ь", ("и", "ью", "ем")), ("ов", ("ам", "ах", "ы")),
    ("ей", ("ям", "ях", "и")), ("ом", ("а", "у", "ы")), ("ам", ("ов", "ах", "ами")),
    ("ах", ("ов", "ам", "ами")),
)
CONSONANT_RU = ("а", "у", "ом", "ов", "ах")
# Verb and adverb endings: such words are left as written (we inflect nouns/adjectives).
RU_NOT_NOMINAL = re.compile(r"(?:л|ла|ли|ло|ть|ся|сь|ют|ет|ит|ят|ут|ат|ит|о)$")
KK_NOT_NOMINAL = re.compile(r"(?:ды|ді|ты|ті|ған|ген|қан|кен|ып|іп|уда|уде|йды|йді)$")
CYRILLIC_WORD = re.compile(r"^[а-яёәғқңөұүһі]+$")
KK_VOWELS = frozenset("аоұыәеөүіиэяюё")  # у is left out: ұш-у is a root + -у


@dataclass(frozen=True)
class Probe:
    """One known-item query: the target document and the query words."""

    doc_id: str
    lang: str
    variant: str
    words: tuple[str, ...]


def rare_title_words(searcher: Searcher, title: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` title words (4+ letters) with the fewest documents in ``exact``."""
    seen: dict[str, str] = {}
    for word in WORD.findall(title):
        seen.setdefault(normalize_word(word), word)
    ranked = sorted(seen, key=lambda w: (searcher.doc_frequency("exact", w), w))
    return [seen[w] for w in ranked[:limit]]


def kk_root(word: str, vocabulary: set[str]) -> str:
    """The root to inflect: the stem, or the stem and one more letter of ``word``.

    The stemmer has no lexicon and sometimes takes a root's last consonant or -у for a
    suffix (жиы-н, хакато-н, ұш-у). When the stem is not a word of the corpus and the
    stem plus the next letter of ``word`` (a consonant or у) is, that is the root.
    """
    low = word.lower()
    stem = stem_kazakh(low)
    longer = low[: len(stem) + 1]
    if (stem not in vocabulary and low.startswith(stem) and len(longer) > len(stem)
            and longer[-1] not in KK_VOWELS and longer in vocabulary):
        return longer
    return stem


def inflect_kk(word: str, present: set[str], vocabulary: set[str] = frozenset()) -> str | None:
    """A case/possessive/plural form of ``word``'s root that the article lacks."""
    if not CYRILLIC_WORD.match(word.lower()) or KK_NOT_NOMINAL.search(word.lower()):
        return None
    for form in paradigm(kk_root(word, vocabulary))[1:]:
        if form not in present and form != word.lower():
            return form
    return None


def inflect_ru(word: str, present: set[str], vocabulary: set[str] = frozenset()) -> str | None:
    """The word with another case ending of its paradigm that the article lacks."""
    low = word.lower()
    if not CYRILLIC_WORD.match(low) or RU_NOT_NOMINAL.search(low):
        return None
    for ending, others in RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            candidates = [low[: -len(ending)] + other for other in others]
            break
    else:
        candidates = [low + other for other in CONSONANT_RU] if low[-1] not in "аеёиоуыэюя" \
            else []
    return next((c for c in candidates if c not in present), None)


def inflect_en(word: str, present: set[str], vocabulary: set[str] = frozenset()) -> str | None:
    """Plural <-> singular by -s, if the article lacks that form."""
    low = word.lower()
    if word != low or low.endswith(("ing", "ed", "ly", "ss", "us", "is")):
        return None  # proper nouns, verbs, adverbs, non-plural -s
    if low.endswith("ies"):
        form = low[:-3] + "y"
    elif low.endswith(("ches", "shes", "xes", "sses")):
        form = low[:-2]
    elif low.endswith("s"):
        form = low[:-1]
    elif low.endswith("y") and low[-2] not in "aeiou":
        form = low[:-1] + "ies"
    else:
        form = low + ("es" if low.endswith(("ch", "sh", "x")) else "s")
    return form if form not in present else None


INFLECT = {"kk": inflect_kk, "ru": inflect_ru, "en": inflect_en}


def probes_for(doc_id: str, lang: str, words: list[str], present: set[str],
               vocabulary: set[str] = frozenset()) -> list[Probe]:
    """The query variants of one article (``vocabulary``: all words of the corpus)."""
    probes = [Probe(doc_id, lang, "control", tuple(words))]
    inflected = [INFLECT[lang](w, present, vocabulary) or w for w in words]
    new = [a for a, b in zip(inflected, words, strict=True) if a.lower() != b.lower()]
    if new:
        invented = lang == "ru" and not all(map(morph_analyzer().word_is_known, new))
        probes.append(Probe(doc_id, lang, "invented" if invented else "inflected",
                            tuple(inflected)))
    if lang == "kk":
        probes.append(Probe(doc_id, lang, "latin",
                            tuple(kazakh_to_latin(w, "ascii") for w in words)))
        if new:
            probes.append(Probe(doc_id, lang, "latin-inflected",
                                tuple(kazakh_to_latin(w, "ascii") for w in inflected)))
    return probes


def collect_probes(searcher: Searcher) -> list[Probe]:
    """Probes for every indexed article in kk, ru or en."""
    probes: list[Probe] = []
    vocabulary = set(searcher.reader().field_terms("exact"))
    for fields in searcher.all_stored_fields():
        lang = fields.get("lang", "")
        if lang not in INFLECT:
            continue
        words = rare_title_words(searcher, fields.get("title") or "")
        if len(words) < 2:
            continue
        text = f"{fields.get('title', '')}\n{fields.get('text', '')}"
        present = {normalize_word(w) for w in WORD.findall(text)}
        probes.extend(probes_for(fields["id"], lang, words, present, vocabulary))
    return probes


def rank_stemmed(searcher: Searcher, probe: Probe) -> int | None:
    """1-based rank of the target among the top 10 of ``search`` (all fields)."""
    page = search(searcher, SearchRequest(query=" ".join(probe.words), sort="relevance",
                                          per_page=TOP))
    ids = [hit.id for hit in page.hits]
    return ids.index(probe.doc_id) + 1 if probe.doc_id in ids else None


def rank_exact(searcher: Searcher, probe: Probe) -> int | None:
    """1-based rank of the target among the top 10 of the words in ``exact`` only."""
    terms = [wq.Term("exact", normalize_word(w)) for w in probe.words]
    ids = [hit["id"] for hit in searcher.search(wq.And(terms), limit=TOP)]
    return ids.index(probe.doc_id) + 1 if probe.doc_id in ids else None


def evaluate(searcher: Searcher, probes: list[Probe], show_misses: int = 0
             ) -> dict[tuple[str, str, str], tuple[int, float, float]]:
    """(lang, variant, mode) -> (queries, Success@10, MRR@10)."""
    ranks: dict[tuple[str, str, str], list[int | None]] = defaultdict(list)
    misses: list[str] = []
    for probe in probes:
        for mode, ranker in (("stem", rank_stemmed), ("exact", rank_exact)):
            rank = ranker(searcher, probe)
            ranks[(probe.lang, probe.variant, mode)].append(rank)
            if mode == "stem" and rank is None:
                misses.append(f"{probe.lang} {probe.variant}: {' '.join(probe.words)}")
    for line in misses[:show_misses]:
        print("miss:", line)
    return {key: (len(found), sum(r is not None for r in found) / len(found),
                  sum(1 / r for r in found if r) / len(found))
            for key, found in sorted(ranks.items())}


def run(corpus: Path, show_misses: int = 0) -> dict[tuple[str, str, str], tuple[int, float, float]]:
    """Build ``corpus`` into a temporary index and evaluate it."""
    with tempfile.TemporaryDirectory() as tmp:
        build_index([corpus], Path(tmp))
        live = LiveIndex(Path(tmp))
        try:
            with live.searcher() as searcher:
                return evaluate(searcher, collect_probes(searcher), show_misses)
        finally:
            live.close()


def ktb_articles(block: int = KTB_BLOCK) -> list[Article]:
    """Held-out Kazakh documents: UD KTB sentences in blocks, the first one as title."""
    sentences = [line[len("# text = "):].strip()
                 for path in sorted(KTB.glob("*.conllu"))
                 for line in path.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    return [Article(url=f"https://ktb.example/{n}", title=sentences[n],
                    text=" ".join(sentences[n + 1:n + block]), date=None, lang="kk",
                    university="ktb", site="ktb.example")
            for n in range(0, len(sentences) - block + 1, block)]


def run_ktb(show_misses: int = 0) -> dict[tuple[str, str, str], tuple[int, float, float]]:
    """Index the KTB blocks (``ktb_articles``) in a temporary index and evaluate them."""
    if not KTB.is_dir():
        raise SystemExit(f"--ktb needs the public data in {KTB}")
    with tempfile.TemporaryDirectory() as tmp:
        index = create_in(tmp, build_schema())
        with index.writer() as writer:
            for article in ktb_articles():
                writer.add_document(**to_document(article))
        with index.searcher() as searcher:
            return evaluate(searcher, collect_probes(searcher), show_misses)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--ktb", action="store_true",
                        help="held-out check: UD Kazakh KTB sentence blocks instead")
    parser.add_argument("--show-misses", type=int, default=0)
    args = parser.parse_args()
    results = run_ktb(args.show_misses) if args.ktb else run(args.corpus, args.show_misses)
    print(f"{'lang':4} {'variant':16} {'n':>4} {'S@10 stem':>10} {'MRR stem':>9} "
          f"{'S@10 exact':>11} {'MRR exact':>10}")
    for (lang, variant, mode), (n, success, mrr) in results.items():
        if mode != "stem":
            continue
        _, ex_success, ex_mrr = results[(lang, variant, "exact")]
        print(f"{lang:4} {variant:16} {n:4d} {success:10.3f} {mrr:9.3f} {ex_success:11.3f} "
              f"{ex_mrr:10.3f}")


if __name__ == "__main__":
    main()
