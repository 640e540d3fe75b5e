"""Whoosh's context fragmenter, run on word offsets instead of a token stream.

``Highlighter`` merges touching matched tokens (``_merge_matched_tokens``) and
hands the stream to ``ContextFragmenter.fragment_tokens``; both walk Token
objects through generators. :func:`fragments` is the same two steps, statement
for statement, over parallel lists of offsets, match flags and term texts: it
makes a Token only for the matches a fragment keeps. A Hypothesis test compares
its fragments with Whoosh's on the full token stream.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from whoosh.analysis import Token
from whoosh.highlight import Fragment

#: One token after merging: start, end, matched, term text (None when not matched).
_Merged = tuple[int, int, bool, "str | None"]


def merged(keep: Iterable[int], starts: Sequence[int], ends: Sequence[int],
           matched: Sequence[int], texts: Sequence[str]) -> list[_Merged]:
    """``Highlighter._merge_matched_tokens`` over the tokens ``keep`` selects
    (``matched[i]`` is true for a matched token).

    A matched token that starts where the pending match ends (or before) is folded
    into it; one that does not is passed on as it is, and the next match starts a
    new pending token, as in Whoosh.
    """
    out: list[_Merged] = []
    pending: list | None = None  # [start, end, text] of a match not passed on yet
    for i in keep:
        start, end = starts[i], ends[i]
        if not matched[i]:
            if pending is not None:
                out.append((pending[0], pending[1], True, pending[2]))
                pending = None
            out.append((start, end, False, None))
        elif pending is None:
            pending = [start, end, texts[i]]
        elif start <= pending[1]:
            if end > pending[1]:
                pending[2] += texts[i][pending[1] - end:]
                pending[1] = end
        else:
            out.append((pending[0], pending[1], True, pending[2]))
            pending = None
            out.append((start, end, True, texts[i]))
    if pending is not None:
        out.append((pending[0], pending[1], True, pending[2]))
    return out


def fragments(text: str, tokens: list[_Merged], maxchars: int, surround: int,
              charlimit: int) -> list[Fragment]:
    """``ContextFragmenter(maxchars, surround, charlimit).fragment_tokens`` over
    :func:`merged` tokens."""
    out: list[Fragment] = []
    first: int | None = None
    firsts: deque[int] = deque()  # starts of the unmatched tokens just before
    countdown = -1  # < 0: outside a fragment
    matches: list[Token] = []
    endchar = 0
    length = 0
    for startchar, endchar, is_match, term in tokens:
        width = endchar - startchar
        if charlimit and endchar > charlimit:
            break
        if countdown < 0 and not is_match:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif length + width > maxchars:
            countdown = 0
        elif is_match:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            matches.append(Token(text=term, startchar=startchar, endchar=endchar,
                                 matched=True))
        if countdown >= 0:
            length += width
            countdown -= width
            if countdown <= 0:
                out.append(_fragment(text, matches, first, endchar))
                matches, firsts, first, length = [], deque(), None, 0
    if matches:
        out.append(_fragment(text, matches, first, endchar))
    return out


def _fragment(text: str, matches: list[Token], first: int | None, endchar: int) -> Fragment:
    """``mkfrag``: a fragment the countdown ends right after another one has no start
    of its own (and no match); Whoosh starts it at its first match, or at 0."""
    if first is None:
        first = matches[0].startchar if matches else 0
    return Fragment(text, matches, startchar=first, endchar=endchar)
