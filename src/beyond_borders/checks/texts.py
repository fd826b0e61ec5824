"""Canonical forms of short text answers, and the typo rule, shared by sealing and marking.

A fair teacher does not care about case, accents, punctuation, spacing, a leading "the", a
bracketed addition ("X (Y)") or dots in an abbreviation ("U.N.S.C." is "UNSC"), nor about common
transliteration variants ("Jaffar"/"Jafar", "Jaysh"/"Jaish"). :func:`key` removes all of
those, so two answers a teacher would call the same get the same key.

Small typos are forgiven by a budget that grows with length (:func:`budget`). The bank is
sealed, so the marker cannot compare with the plain answer; instead both sides use *deletion
neighbourhoods* (SymSpell): every string reached by deleting up to k letters. Two keys share
a neighbour at depths (i, j) exactly when max(i, j) letters must change, be added or dropped,
which is :func:`distance` (``max(len) - LCS``: a swap of two letters or one wrong letter costs 1).
"""
from __future__ import annotations

import re
import unicodedata
from itertools import combinations

ARTICLES = ("the", "an", "a")
# Spellings the course's sources use for the same sound; applied to both sides, so only
# their agreement matters, not whether the fold is linguistically exact.
_FOLDS = (("ou", "u"), ("ee", "i"), ("y", "i"), ("w", "v"))
# Words a learner may put before the answer itself: "It was Oman", "Answer: 9", "I think the BLA".
FILLER = re.compile(r"^\s*(?:(?:i think|i believe|probably|the answer is|answer|it was|it is|it's|"
                    r"that was|that is|on)\b\s*[:=,\-–]?\s*)+", re.IGNORECASE)
MAX_TYPO_LENGTH = 80  # longer inputs are matched exactly only (keeps marking fast)


def fold(text) -> str:
    """Accents, case and curly quotes removed: 'Erdoğan' -> 'erdogan'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'").replace("‘", "'").replace("&", " and ")


def drop_parenthetical(text: str) -> str:
    """'Balochistan Liberation Army (BLA)' -> 'Balochistan Liberation Army'; a text that is
    all brackets keeps what is inside."""
    outside = re.sub(r"[\(\[\{][^\)\]\}]*[\)\]\}]?", " ", text)
    return outside if re.search(r"\w", outside) else re.sub(r"[\(\)\[\]\{\}]", " ", text)


def words(text) -> list[str]:
    """The words of an answer: folded, brackets and punctuation gone, leading article dropped.

    'a' is an article only before a word of two or more letters ('A. Q. Khan' keeps its 'a')."""
    text = FILLER.sub("", fold(text).replace("’", "'")) or fold(text)
    parts = re.sub(r"[^\w]+", " ", drop_parenthetical(text).replace("_", " ")).split()
    if len(parts) > 1 and parts[0] in ARTICLES and (parts[0] != "a" or len(parts[1]) > 1):
        parts = parts[1:]
    return parts


def key(text) -> str:
    """The one form two answers must share to be the same answer (spaces gone, so 'U N S C',
    'U.N.S.C.' and 'UNSC' agree, and 'co-operation' is 'cooperation')."""
    joined = "".join(words(text))
    joined = re.sub(r"(\w)\1+", r"\1", joined)  # Jaffar ~ Jafar
    for a, b in _FOLDS:
        joined = joined.replace(a, b)
    return joined


def budget(k: str) -> int:
    """How many letters may be wrong: none under six letters or in anything with a digit (ids and
    codes are exact), one for 6–11 letters, two from 12."""
    if any(c.isdigit() for c in k) or len(k) < 6 or len(k) > MAX_TYPO_LENGTH:
        return 0
    return 1 if len(k) < 12 else 2


def neighbourhood(k: str, depth: int) -> dict[str, int]:
    """Every string reached by deleting up to ``depth`` characters, with the fewest deletions."""
    out = {k: 0}
    for d in range(1, min(depth, len(k)) + 1):
        for idx in combinations(range(len(k)), d):
            s = "".join(c for i, c in enumerate(k) if i not in idx)
            out.setdefault(s, d)
    return out


def distance(a: str, b: str) -> int:
    """max(len) − longest common subsequence: letters to change, add or drop (swap = 1)."""
    if a == b:
        return 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return max(len(a), len(b)) - prev[-1]
