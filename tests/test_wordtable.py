"""The word table a generation keeps so that an update analyses its pages warm."""

from __future__ import annotations

import logging
import pickle
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.extract.records import extractor_version
from indexer.index import generations
from indexer.index.build import build_index, update_index
from indexer.index.fast import wordtable
from indexer.index.fast.words import (
    fast_indexer,
    forget_words,
    new_words,
    seed_word_maps,
    word_maps,
)
from indexer.index.schema import build_schema
from indexer.text.analysis import fold_analyzer
from tests.crawls import EDIT_MARKER, article_files, edit_article
from tests.test_fastwriter import _dump

FOLD = repr(build_schema()["fold"].analyzer)


def _parts(root: Path) -> list[str]:
    return sorted(p.name for p in generations.current_dir(root).glob("words-*.pickle"))


def _fold_terms(root: Path) -> set[str]:
    ix = whoosh_index.open_dir(str(generations.current_dir(root)))
    with ix.reader() as reader:
        return {text.decode("utf-8") for text in reader.lexicon("fold")}


def _add_part(root: Path, name: str, version: str, words: dict[str, tuple[bytes, ...]]) -> None:
    path = generations.current_dir(root) / f"words-{name}.pickle"
    path.write_bytes(pickle.dumps((version, {FOLD: words})))


def test_build_workers_save_their_words(tmp_path: Path, crawl1: Path) -> None:
    root = tmp_path / "built"
    build_index([crawl1], root, jobs=2)
    live = generations.current_dir(root).name
    assert _parts(root) == [f"words-{live}-0.pickle", f"words-{live}-1.pickle"]
    table = wordtable.load_words(generations.current_dir(root))
    assert len(table) == 4  # fold, and one per language; exact only normalises
    analyzer = fold_analyzer()
    assert repr(analyzer) == FOLD and len(table[FOLD]) > 500
    for word, terms in list(table[FOLD].items())[::50]:
        assert terms == tuple(t.text.encode("utf-8") for t in analyzer(word, mode="index")), word


@pytest.mark.parametrize("jobs", [1, 2])  # analysed in this process, or in the workers
def test_update_from_the_table_equals_one_without(root: Path, crawl1: Path, truth,
                                                  tmp_path: Path, jobs: int) -> None:
    other = tmp_path / "other"
    shutil.copytree(root, other)
    for path in generations.current_dir(other).glob("words-*.pickle"):
        path.unlink()
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    assert update_index([crawl1], root, jobs=jobs).published
    assert update_index([crawl1], other, jobs=jobs).published
    assert (_dump(whoosh_index.open_dir(str(generations.current_dir(root))))
            == _dump(whoosh_index.open_dir(str(generations.current_dir(other)))))
    # the update added the words it met first, and only those
    live = generations.current_dir(root)
    added: dict[str, tuple[bytes, ...]] = {}
    for path in live.glob(f"words-{live.name}*.pickle"):
        version, maps = pickle.loads(path.read_bytes())
        assert version == extractor_version()
        added.update(maps[FOLD])
    assert "Updated" in added and len(added) < 20


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_update_uses_the_table_of_its_extractor_version_only(
        root: Path, crawl1: Path, truth, tmp_path: Path, jobs: int) -> None:
    """A table entry stands in for the analyzer: one of other code must not."""
    other = tmp_path / "other"
    shutil.copytree(root, other)
    _add_part(root, "poison", extractor_version(), {"Updated": (b"poisoned",)})
    _add_part(other, "poison", "another version", {"Updated": (b"poisoned",)})
    edited = article_files(crawl1, truth, "kaznu.kz")[0]
    edit_article(edited)
    assert "Updated" in EDIT_MARKER
    update_index([crawl1], root, jobs=jobs)
    update_index([crawl1], other, jobs=jobs)
    assert "poisoned" in _fold_terms(root)  # the table was used
    assert "poisoned" not in _fold_terms(other) and "updated" in _fold_terms(other)


def test_an_unreadable_table_is_skipped(root: Path, crawl1: Path, truth,
                                        caplog: pytest.LogCaptureFixture) -> None:
    for path in generations.current_dir(root).glob("words-*.pickle"):
        path.write_bytes(b"not a pickle")
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    with caplog.at_level(logging.WARNING):
        report = update_index([crawl1], root)
    assert report.published and report.totals()["changed"] == 1
    assert "updated" in _fold_terms(root)
    assert "not read" in caplog.text


def test_parts_are_joined_past_the_limit(root: Path, crawl1: Path, truth,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordtable, "MAX_PARTS", 2)
    _add_part(root, "extra", extractor_version(), {"Zzyzx": (b"zzyzx",)})
    assert len(_parts(root)) == 2
    before = wordtable.load_words(generations.current_dir(root))
    edit_article(article_files(crawl1, truth, "kaznu.kz")[0])
    update_index([crawl1], root)
    live = generations.current_dir(root)
    assert _parts(root) == [f"words-{live.name}.pickle"]
    after = wordtable.load_words(live)
    assert after[FOLD]["Zzyzx"] == (b"zzyzx",) and "Updated" in after[FOLD]
    assert all(after[key].items() >= words.items() for key, words in before.items())


def test_new_words_are_those_met_after_the_seeding() -> None:
    fast_indexer(build_schema()["fold"])  # the process now has the fold map
    forget_words()
    try:
        seed_word_maps({FOLD: {"one": (b"one",)}})
        word_maps()[FOLD]["two"] = (b"two",)
        assert new_words() == {FOLD: {"two": (b"two",)}}
        seed_word_maps({FOLD: {"three": (b"three",)}})  # seeding replaces
        assert word_maps()[FOLD] == {"three": (b"three",)} and new_words() == {}
    finally:
        forget_words()
    assert word_maps()[FOLD] == {}
