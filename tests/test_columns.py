"""Per-process column stores: a missing value is read once, however many threads ask."""

from __future__ import annotations

import threading
import time

from indexer.columns import _Store


def test_a_missing_value_is_computed_by_one_thread_while_the_others_wait() -> None:
    store = _Store()
    calls = []

    def compute() -> list[int]:
        calls.append(threading.get_ident())
        time.sleep(0.2)  # a column read at 100k takes seconds
        return [1, 2, 3]

    results = []
    threads = [threading.Thread(target=lambda: results.append(
        store.value(store.lists, "url", compute))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert results == [[1, 2, 3]] * 8
