"""Lenient Kazakh suffix stripping in the letter-key alphabet (for the fold field).

Informal Latin loses the letters the harmony check needs (o for ө, u for ұ/ү, i for
і/и, a for ә), so this stripper works on the sound classes of
``translit.letter_key`` and checks only what survives in them. See
:mod:`indexer.text.kazakh` for the morphology it mirrors.
"""

from __future__ import annotations

import functools
import itertools
import re

from indexer.text.kazakh import (
    _AFTER_NEGATION,
    _NOTHING_STRIPPED,
    _PAST,
    _VERBAL,
    _VOWEL_CASES,
    LEXICON,
    MAX_ROUNDS,
    MIN_STEM,
    SUFFIXES,
)

# ---------------------------------------------------------------------------
# Lenient stripping in the key alphabet of ``translit.letter_key`` (for the fold field).
# Informal Latin loses the letters the harmony check needs (o for ө, u for ұ/ү, i for
# і/и, a for ә), so this stripper works on sound classes and checks only what survives
# in them: slot order, the allomorph after the stem's last sound, the possessive before
# the n-cases, the stem length, and one harmony rule (no a-suffix after a stem whose
# last vowel is e). Every spelling with the same letter key gets the same stem.
KEY_VOWELS = frozenset("aeiou")
_KEY_VOICELESS = frozenset("kpstfhxc")
_KEY_LOAN = frozenset("vfc")
# ң is written ng, ңғ/ңг too: ng is one sound class n, except in a final dative
# -ға/-ге after н (Қазақстан-ға).
_NG_AS_N = re.compile("ng(?![ae]$)")
# Person endings whose key is a noun's (-асың = -асын = қала-сы-н in sound classes).
_PERSON = frozenset("сын сін ймын ймін йсың йсің йсыз йсіз йсыздар йсіздер асың есің асыз есіз "
                    "асыздар есіздер".split())


def _key_suffixes() -> dict[str, tuple[str, bool, int]]:
    """Key suffix -> (harmony "b"/"f"/"n", follows a possessive vowel, slot)."""
    from indexer.text.translit import letter_key  # translit does not import this module

    table: dict[str, tuple[str, bool, int]] = {}
    for suffix, (_, after, slot) in SUFFIXES.items():
        if suffix.startswith("ң") or suffix in _PERSON:
            continue  # ң is n here: -ңа, -ңыз would take the -на of Астана
        key = letter_key(suffix)
        kind = "f" if "e" in key else "b" if "a" in key else "n"
        if key in table:
            old_kind, old_after, old_slot = table[key]
            table[key] = (old_kind, old_after and after, min(old_slot, slot))
        else:
            table[key] = (kind, after, slot)
    return table


KEY_SUFFIXES = _key_suffixes()
_KEY_FEMININE = ("ova", "eva", "ina")


def _key_set(words: frozenset[str]) -> frozenset[str]:
    from indexer.text.translit import letter_key

    return frozenset(_NG_AS_N.sub("n", letter_key(word)) for word in words)


KEY_LEXICON = _key_set(LEXICON)
_KEY_VOWEL_CASES = _key_set(_VOWEL_CASES)
_KEY_PAST = _key_set(_PAST)
_KEY_BY_LENGTH = sorted(KEY_SUFFIXES, key=len, reverse=True)
_KEY_LONGEST = len(_KEY_BY_LENGTH[0])


def _key_sound_fits(suffix: str, stem: str) -> bool:
    """``_first_sound_fits`` for sound classes (i is ы/і/и/й, u is у/ұ/ү)."""
    first, before = suffix[0], stem[-1]
    if first in "tkp":
        return before in _KEY_VOICELESS or before in "bgd"
    if first in "dg":
        return before not in _KEY_VOICELESS
    if first == "b":
        return before in "zmn"
    if first == "l":
        return before in KEY_VOWELS or before == "r"
    if first == "n":
        return before in KEY_VOWELS or before in "mn"
    if first == "m":
        return before in KEY_VOWELS or before in "rlmn"
    if first in KEY_VOWELS:  # after a consonant or у (оқу-ы), or й after a vowel (сый-ы)
        return before not in KEY_VOWELS or before == "u" or (
            before == "i" and len(stem) > 1 and stem[-2] in KEY_VOWELS)
    return True


def _ends_in_possessive(stem: str) -> bool:
    """Whether a key may end in the possessive ы/і: after a consonant, or й/у."""
    if len(stem) < 3 or stem[-1] != "i":
        return False
    return stem[-2] not in KEY_VOWELS or stem[-2] == "u" or (
        stem[-2] == "i" and stem[-3] in KEY_VOWELS)  # оқу-ы, кездесу-і: у is w


def _key_can_strip(word: str, suffix: str) -> bool:
    """Whether ``suffix`` may come off the letter key ``word``."""
    stem = word[: -len(suffix)]
    kind, after_possessive, slot = KEY_SUFFIXES[suffix]
    vowels = [ch for ch in stem if ch in KEY_VOWELS]
    short = suffix == "n" or suffix == "u" and stem[-1] in KEY_VOWELS  # as _ONE_CONSONANT
    if not vowels or len(stem) < MIN_STEM + short:
        return False
    if suffix.startswith("tan") and len(stem) >= 5 and stem[-1] == "s" \
            and stem[-2] not in KEY_VOWELS and stem not in KEY_LEXICON:
        return False  # kazakstan: -стан is part of the name; zumis-tan
    if stem[-1] == "v":  # tokaev-tin, tokaev-ka: as in stem_kazakh
        return slot in (2, 4) and suffix[0] not in KEY_VOWELS and suffix[0] not in "nm"
    if suffix == "sin" and stem[-1] in KEY_VOWELS:
        return False  # the imperative -сын follows a consonant
    if suffix == "i" and stem[-1] == "x":
        return False  # okuxi (оқушы)
    if slot in _VERBAL and _KEY_LOAN.intersection(stem):
        return False
    if suffix == "si" and (stem[-1] not in KEY_VOWELS
                           or stem[-1] == "i" and stem[-2:-1] not in ("x", "z", "")
                           and stem[-2] not in KEY_VOWELS and stem not in KEY_LEXICON):
        return False
    if suffix in ("gi", "ki") and (stem[-1] in KEY_VOWELS or len(stem) < 3
                                   or _KEY_LOAN.intersection(stem)):
        return False
    if after_possessive and not _ends_in_possessive(stem):
        return False
    if stem[-1] in KEY_VOWELS and len(stem) < 3:
        return False
    if kind == "b" and vowels[-1] == "e":
        return False  # e is always front: мектеп-тер, never -тар
    return _key_sound_fits(suffix, stem)


def _key_strip_once(word: str, below: int, floor: int) -> tuple[str, int]:
    """``_strip_once`` in the key alphabet."""
    for length in range(min(_KEY_LONGEST, len(word) - max(MIN_STEM, floor)), 0, -1):
        ending = word[-length:]
        if ending not in KEY_SUFFIXES:
            continue
        slot = KEY_SUFFIXES[ending][2]
        if slot >= below or (slot == -1 and below not in _VERBAL):
            continue
        if slot == 0 and below not in _AFTER_NEGATION:
            continue
        if below == 5 and slot > 1:
            continue
        if _key_can_strip(word, ending):
            return word[:-length], slot
    return word, -1


def _key_strip_all(word: str, floor: int) -> tuple[str, bool]:
    """``kazakh._strip_all`` in the key alphabet."""
    current, slot, nominal = word, _NOTHING_STRIPPED, True
    for _ in itertools.repeat(None, MAX_ROUNDS):
        before = current
        current, slot = _key_strip_once(current, slot, floor)
        if slot < 0:
            break
        nominal = nominal and slot not in _VERBAL and slot != -1
        ending = before[len(current):]
        if current[-1] == "i" and ending in _KEY_VOWEL_CASES:
            break
        if slot == 4 and current.endswith("il") and ending in _KEY_PAST:
            slot = 5
    if len(current) > MIN_STEM and current[-1] in "bgh":
        # devoicing as in stem_kazakh; h is k when no vowel follows (tarih-y = тарих)
        current = current[:-1] + ("p" if current[-1] == "b" else "k")
    if len(current) > floor:
        if len(current) >= 5 and current.endswith(_KEY_FEMININE):
            current = current[:-1]
        if len(current) >= 4 and current[-1] == "s" and current[-2] in "aeou":
            current = current[:-1]
    return current, nominal


@functools.lru_cache(maxsize=200_000)
def stem_key(key: str) -> str:
    """Strip Kazakh suffixes from a letter key (``translit.letter_key``), leniently.

    As ``stem_kazakh``: the stripping repeats on its result while only nominal
    suffixes come off, a final s after a/e/o/u is dropped (kenes = kene-si), a
    surname's -ova/-eva/-ina loses its a, and a word beginning with a ``LEXICON``
    noun is not cut inside it.

    Args:
        key: A word's letter key, e.g. "koxti" for көшті, koshti and köşti.

    Returns:
        The key of the stem ("kox"), with a final b/g devoiced to p/k as in
        ``stem_kazakh`` ("kitabi" -> "kitap"); the key unchanged when nothing came off.
    """
    # ң is written ng: before a consonant or at the end that is one sound, n.
    start = current = _NG_AS_N.sub("n", key)
    floor = max((n for n in range(4, len(current) + 1) if current[:n] in KEY_LEXICON),
                default=0)
    for _ in itertools.repeat(None, MAX_ROUNDS):
        stripped, nominal = _key_strip_all(current, floor)
        if stripped == current:
            break
        current = stripped
        if not nominal:
            break
    if current == start and not floor:
        return key
    return current  # рейтинг: reitin, as рейтингтер and рейтингі
