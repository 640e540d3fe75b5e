"""Tests of crawl-level template learning (indexer.extract.templates)."""

from __future__ import annotations

import pickle

from indexer.extract.templates import TemplateModel, block_hash, learn_templates, normalise_block
from indexer.models import RawPage

BANNER = "Grant competition for young scientists is open until 1 December"
TOPICS = ("physics", "history", "chemistry", "biology", "poetry", "sports", "music")


def _page(i: int, site: str = "enu.kz", banner: str = BANNER) -> RawPage:
    html = (
        f"<html><body><div class='x'><p>{banner}</p></div>"
        f"<article><p>A story on {TOPICS[i]} tells something new about the university.</p>"
        "</article>"
        f"</body></html>"
    )
    return RawPage(url=f"https://www.{site}/news/{i}", body=html.encode("utf-8"))


def test_learn_templates_finds_recurring_block() -> None:
    model = learn_templates(_page(i) for i in range(6))
    assert model.is_template("enu.kz", BANNER)


def test_learn_templates_keeps_unique_blocks() -> None:
    model = learn_templates(_page(i) for i in range(6))
    story = "A story on poetry tells something new about the university."
    assert not model.is_template("enu.kz", story)


def test_learn_templates_is_per_site() -> None:
    model = learn_templates(_page(i) for i in range(6))
    assert not model.is_template("kaznu.kz", BANNER)


def test_learn_templates_needs_min_pages() -> None:
    model = learn_templates(_page(i) for i in range(3))
    assert not model.is_template("enu.kz", BANNER)


def test_learn_templates_skips_broken_pages() -> None:
    pages = [*(_page(i) for i in range(5)), RawPage("https://enu.kz/x", b"")]
    assert learn_templates(pages).pages == {"enu.kz": 5}


def test_template_model_pickles() -> None:
    model = learn_templates(_page(i) for i in range(5))
    assert pickle.loads(pickle.dumps(model)) == model


def test_normalise_block_ignores_numbers_and_case() -> None:
    assert normalise_block("Views: 12") == normalise_block("views 345")


def test_block_hash_is_stable() -> None:
    assert block_hash("Қызметтер") == block_hash("  қызметтер ")


def test_threshold_uses_share_of_site() -> None:
    model = TemplateModel(blocks={}, pages={"enu.kz": 100}, min_pages=4, min_share=0.25)
    assert model.threshold("enu.kz") == 25
