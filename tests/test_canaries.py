"""An update is not published when the previous generation's frequent words stop answering."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.index import generations
from indexer.index.build import ValidationError, _canaries
from indexer.index.shards import open_shards
from indexer.models import Article


def test_frequent_words_must_still_answer(built_root, ram_index) -> None:
    old = open_shards(generations.current_dir(built_root))
    _canaries(old, old)
    other = ram_index([Article(url="https://kaznu.kz/news/1", title="Zzz", text="qqqqq wwwww",
                               date=date(2024, 1, 1), lang="en", university="kaznu",
                               site="kaznu.kz", alternates={}, fingerprint="1")])
    with pytest.raises(ValidationError, match="canary queries"):
        _canaries(old, [other])
