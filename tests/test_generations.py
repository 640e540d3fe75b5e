"""Generations: atomic pointer, clone by hard links, garbage collection."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import IndexNotFoundError
from indexer.index import generations


def test_current_dir_without_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="run 'qazsearch build corpus/"):
        generations.current_dir(tmp_path)


def test_publish_switches_pointer(tmp_path: Path) -> None:
    first = _complete(tmp_path)
    second = _complete(tmp_path)
    generations.publish(tmp_path, first)
    assert generations.current_dir(tmp_path) == first
    generations.publish(tmp_path, second)
    assert generations.current_name(tmp_path) == second.name
    assert generations.previous_generation(tmp_path) == first.name
    assert not list(tmp_path.glob(".CURRENT*"))


def test_clone_uses_hard_links_and_skips_report(tmp_path: Path) -> None:
    source = generations.new_generation(tmp_path)
    (source / "_MAIN_1.toc").write_bytes(b"toc")
    (source / generations.REPORT).write_text("{}")
    target = generations.new_generation(tmp_path)
    generations.clone_generation(source, target)
    assert (target / "_MAIN_1.toc").stat().st_ino == (source / "_MAIN_1.toc").stat().st_ino
    assert not (target / generations.REPORT).exists()


def _complete(root: Path) -> Path:
    made = generations.new_generation(root)
    (made / generations.REPORT).write_text("{}")
    return made


def test_gc_removes_crash_leftovers(tmp_path: Path) -> None:
    live = _complete(tmp_path)
    generations.publish(tmp_path, live)
    half_written = generations.new_generation(tmp_path)
    assert generations.collect_garbage(tmp_path) == [half_written.name]
    assert generations.list_generations(tmp_path) == [live.name]


def test_gc_keeps_newest_and_live(tmp_path: Path) -> None:
    made = [_complete(tmp_path) for _ in range(5)]
    generations.publish(tmp_path, made[0])
    removed = generations.collect_garbage(tmp_path, keep=2)
    assert sorted(removed) == sorted(g.name for g in made[1:3])
    assert generations.list_generations(tmp_path) == [made[0].name, made[3].name, made[4].name]
