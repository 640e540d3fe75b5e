"""Near-duplicate detection: 64-bit SimHash of word shingles.

One press release republished on several sites differs only in a few words
(site name, a date line), so its SimHash differs in a few bits; different
news differ in about half of them.

The fingerprint is the ``simhash`` library's (``Simhash(shingles).value``: the
last 8 bytes of each shingle's MD5, bit ``i`` set when more than half of the
shingles set it), computed with numpy. The library adds the bits up in Python,
which cost a build more CPU than any other step of turning an article into a
document; the indexes written before keep their values, since the bits are the
same (``tests/test_similarity.py`` compares the two on many texts).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

import numpy as np

#: Two texts whose SimHashes differ in at most this many bits are near-duplicates.
#: Unrelated texts differ in 32 ± 4 bits (binomial), so 10 is > 5 sd away.
MAX_DISTANCE = 10
_WORD = re.compile(r"\w+")
#: Texts with fewer words than this get no fingerprint (0).
MIN_WORDS = 20
_BITS = 64
_DIGEST_BYTES = 16  # MD5


@functools.lru_cache(maxsize=1)
def text_words(text: str) -> tuple[str, ...]:
    """The words of ``text``, lower-cased, in order.

    Both fingerprints of an article read them (the exact one of
    :func:`indexer.extract.article.fingerprint` and the SimHash), one right after the other
    in the same process: the last text's words are kept for the second.
    """
    return tuple(_WORD.findall(text.lower()))


def text_simhash(text: str) -> int:
    """SimHash of the text's word 3-shingles (0 for texts too short to judge)."""
    words = text_words(text)
    if len(words) < MIN_WORDS:
        return 0
    triples = zip(words, words[1:], words[2:], strict=False)  # the later lists are shorter
    return features_simhash([f"{a} {b} {c}" for a, b, c in triples])


def features_simhash(features: Sequence[str]) -> int:
    """``simhash.Simhash(features).value`` for unweighted string features (0 for none).

    Each feature's MD5 is one C call; the 64 bit columns of all digests are then
    counted at once.
    """
    md5 = hashlib.md5
    digests = b"".join([md5(f.encode("utf-8"), usedforsecurity=False).digest()
                        for f in features])
    # The library keeps the last 8 bytes of each digest, bits in big-endian order.
    tails = np.frombuffer(digests, dtype=np.uint8).reshape(-1, _DIGEST_BYTES)[:, -_BITS // 8:]
    ones = np.unpackbits(tails, axis=1).sum(axis=0, dtype=np.int64)
    # bit set when more than half of the features set it (the library: sums > count / 2)
    return int.from_bytes(np.packbits(2 * ones > len(features)).tobytes(), "big")


def hamming(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def near_duplicates(a: int, b: int) -> bool:
    """True when two SimHashes (both non-zero) are within MAX_DISTANCE bits."""
    return bool(a and b) and hamming(a, b) <= MAX_DISTANCE
