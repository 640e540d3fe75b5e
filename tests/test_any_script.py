"""Search in any script on the demo index: stems, Latin Kazakh, romanized names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.models import SearchRequest
from indexer.search.live import LiveIndex
from indexer.search.searching import search
from indexer.text.analysis import fold_term
from indexer.text.translit import fold_key

WORD = re.compile(r"[^\W\d_]{4,}")


@pytest.fixture(scope="module")
def searcher(built_root: Path):
    live = LiveIndex(built_root)
    with live.searcher() as found:
        yield found
    live.close()


@pytest.fixture(scope="module")
def pages(searcher) -> dict[str, dict]:
    """id -> stored fields of every indexed page, with lower-cased text."""
    docs = {}
    for fields in searcher.all_stored_fields():
        text = f"{fields.get('title', '')}\n{fields.get('text', '')}".lower().replace("ё", "е")
        docs[fields["id"]] = {**fields, "lower": text}
    return docs


def hit_ids(searcher, text: str, langs: tuple[str, ...] = ()) -> set[str]:
    """Ids of all hits (every result page)."""
    found: set[str] = set()
    number = 1
    while True:
        page = search(searcher, SearchRequest(query=text, sort="relevance", per_page=100,
                                              page=number, langs=langs))
        found.update(hit.id for hit in page.hits)
        if number * 100 >= page.total:
            return found
        number += 1


def containing(pages: dict[str, dict], *needles: str) -> set[str]:
    return {i for i, doc in pages.items() if any(n in doc["lower"] for n in needles)}


def test_kazakh_stem_finds_inflected_form(searcher, pages) -> None:
    target = containing(pages, "университеттерінде")
    assert target
    assert hit_ids(searcher, "университет") & target


def test_latin_kazakh_finds_cyrillic(searcher, pages) -> None:
    found = hit_ids(searcher, "Qazaqstan")
    assert any("қазақстан" in pages[i]["lower"] and pages[i]["lang"] == "kk" for i in found)


def test_latin_inflected_kazakh_finds_cyrillic_form(searcher, pages) -> None:
    target = containing(pages, "университеттерінде")
    assert target
    missing = target - hit_ids(searcher, "universitetterinde")
    assert not missing, [pages[i]["url"] for i in missing]


@pytest.mark.parametrize("spelling", ["Rukhani Zhangyru", "Ruhani Zhanyru", "Rouhani zagyru",
                                      "Рухани жаңғыру"])
def test_rukhani_zhangyru_spellings_find_each_other(searcher, pages, spelling: str) -> None:
    target = containing(pages, "рухани жаңғыру", "rukhani zhangyru", "ruhani zhangyru")
    assert len({pages[i]["lang"] for i in target}) == 3  # kk, ru and en pages
    assert target <= hit_ids(searcher, spelling)


@pytest.mark.parametrize("spelling", ["Gumilyov", "Gumilev", "Гумилёв"])
def test_gumilyov_spellings_find_each_other(searcher, pages, spelling: str) -> None:
    target = containing(pages, "гумилев", "gumilyov", "gumilev")
    assert {pages[i]["lang"] for i in target} >= {"kk", "en"}
    assert target <= hit_ids(searcher, spelling)


@pytest.mark.parametrize("word", ["men", "bar", "on", "ten", "sol"])
def test_short_english_words_do_not_match_kazakh_homographs(searcher, word: str) -> None:
    # мен, бар, он, тең, сол are frequent Kazakh words: neither the kk field nor the
    # fold field may read a short Latin word as Kazakh.
    assert not hit_ids(searcher, word, langs=("kk",))


def test_english_title_words_reach_kazakh_pages_only_of_the_same_story(
        searcher, pages, truth) -> None:
    # Every English article's distinctive title words (each in at most 3 pages): a
    # Kazakh page they retrieve must be the Kazakh version of that news story, or
    # contain the same word in Cyrillic (a name or loanword: model/модель). Anything
    # else would be an English word read as Kazakh morphology.
    story = {row["url"]: row["story"] for row in truth}
    checked = 0
    for doc in pages.values():
        if doc["lang"] != "en" or doc["url"] not in story:
            continue
        for word in set(WORD.findall(doc.get("title") or "")):
            if searcher.doc_frequency("exact", word.lower()) > 3:
                continue
            checked += 1
            for hit in hit_ids(searcher, word, langs=("kk",)):
                key = fold_key(word)
                if fold_term(word) == key or any(
                        fold_key(w).startswith(key) for w in WORD.findall(pages[hit]["lower"])):
                    continue  # the word itself in Cyrillic (model/модель, Zhangyru/жаңғыру)
                assert story.get(pages[hit]["url"]) == story[doc["url"]], (word, pages[hit]["url"])
    assert checked >= 50


def test_quoted_phrase_stays_exact(searcher, pages) -> None:
    found = hit_ids(searcher, '"Рухани жаңғыру"')
    assert found
    assert all("рухани жаңғыру" in pages[i]["lower"] for i in found)
    assert not hit_ids(searcher, '"Rukhani Zhanyru"')  # a spelling no page uses


def test_quoted_inflected_form_does_not_match_other_forms(searcher, pages) -> None:
    found = hit_ids(searcher, '"университеттерінде"')
    assert found == containing(pages, "университеттерінде")


@pytest.mark.parametrize(
    ("query", "title_words"),
    [
        # o for ө, u for ұ/ү, y for ы, i for і/и: the kk stemmer's harmony check cannot
        # read these; the fold field's loose term (stripped in the key alphabet) can.
        ("formatyna qashyqtyqtan koshti", ("форматына", "көшті")),
        ("muraghatyn tarihynyng onerkasibi", ("мұрағатын", "тарихының")),
        ("qudaiberdiulynyng toluyn tughanyna", ("құдайбердіұлының", "туғанына")),
        ("sudy tehnologiiasyna unemdeitin", ("технологиясына", "үнемдейтін")),
        ("zhiyn tauelsizdik saltanatty", ("салтанатты", "жиын")),
    ],
)
def test_informal_latin_title_words_find_the_article(searcher, pages, query: str,
                                                     title_words: tuple[str, ...]) -> None:
    target = {i for i, doc in pages.items() if doc["lang"] == "kk" and all(
        w in (doc.get("title") or "").lower() for w in title_words)}
    assert target
    page = search(searcher, SearchRequest(query=query, sort="relevance", per_page=10))
    assert target & {hit.id for hit in page.hits}


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("bılım", "білім"), ("ğylymi", "ғылыми"), ("universitetı", "университеті"),
     ("UNIVERSITETI", "университеті"), ("studentterdıñ", "студенттердің"),
     ("Qazaqstan", "Қазақстан"), ("bır", "бір"), ("jañğyru", "жаңғыру")],
)
def test_official_latin_finds_what_cyrillic_finds(searcher, latin: str, cyrillic: str) -> None:
    target = hit_ids(searcher, cyrillic, langs=("kk",))
    assert target
    assert target <= hit_ids(searcher, latin, langs=("kk",))


@pytest.mark.parametrize(("latin", "cyrillic"), [("su", "су"), ("ata", "ата"), ("eki", "екі")])
def test_short_latin_kazakh_words_find_the_cyrillic_word(searcher, pages, latin: str,
                                                         cyrillic: str) -> None:
    target = {i for i, doc in pages.items() if doc["lang"] == "kk"
              and re.search(rf"(?<!\w){cyrillic}(?!\w)", doc["lower"])}
    assert target
    assert target <= hit_ids(searcher, latin, langs=("kk",))
