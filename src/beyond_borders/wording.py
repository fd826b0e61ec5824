"""Counting in words, one rule for every layer: '1 pair', '2 pairs', 'prompts 1 and 3'.

It sits at the top of the package, needing nothing but Python, so that the marker (``checks``),
the grader (``grading``, which may not import the drawing layers) and ``render`` can all agree:
no message says "1 points" or "2 problem".
"""
from __future__ import annotations


def agree(n: float, singular: str, plural_form: str | None = None) -> str:
    """The noun for a count of ``n``: 'point' for 1, 'points' otherwise ('entries' if given)."""
    return singular if n == 1 else (plural_form or singular + "s")


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """'1 statement', '0 statements', '1,204 statements', '1.5 points'."""
    shown = f"{int(n):,}" if float(n).is_integer() else f"{float(n):,.10g}"
    return f"{shown} {agree(n, singular, plural_form)}"


def listing(words: list, conjunction: str = "and") -> str:
    """'1', '1 and 3', '1, 2 and 3' (or '1, 2 or 3')."""
    words = [str(w) for w in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
