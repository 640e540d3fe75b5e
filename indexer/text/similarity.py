"""Near-duplicate detection: 64-bit SimHash of word shingles.

One press release republished on several sites differs only in a few words
(site name, a date line), so its SimHash differs in a few bits; different
news differ in about half of them.
"""

from __future__ import annotations

import re

from simhash import Simhash

#: Two texts whose SimHashes differ in at most this many bits are near-duplicates.
#: Unrelated texts differ in 32 ± 4 bits (binomial), so 10 is > 5 sd away.
MAX_DISTANCE = 10
_WORD = re.compile(r"\w+")


def text_simhash(text: str) -> int:
    """SimHash of the text's word 3-shingles (0 for texts too short to judge)."""
    words = _WORD.findall(text.lower())
    if len(words) < 20:
        return 0
    shingles = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)]
    return int(Simhash(shingles).value)


def hamming(a: int, b: int) -> int:
    """Number of differing bits."""
    return (a ^ b).bit_count()


def near_duplicates(a: int, b: int) -> bool:
    """True when two SimHashes (both non-zero) are within MAX_DISTANCE bits."""
    return bool(a and b) and hamming(a, b) <= MAX_DISTANCE
